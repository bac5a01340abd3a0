import type { Db, Tx } from "../../db/database.ts";
import type { FlagReason } from "../../db/schema.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import type { PositionContent } from "./start-attempt.ts";

export const FLAG_REASONS: Record<FlagReason, string> = {
  "wrong-key": "The marked answer is wrong",
  unclear: "The question is unclear",
  outdated: "The facts are out of date",
  typo: "Typo or formatting",
  other: "Something else",
};

/** A technician reports an item they saw in an attempt. It joins the reviewers' queue with the item as it was shown. */
export async function flagItem(tx: Tx, actor: Actor, attemptId: string, position: number, input: { reason: FlagReason; comment?: string | null }, now: Date) {
  const row = await tx
    .selectFrom("exam_attempt_items as i")
    .innerJoin("exam_attempts as a", "a.id", "i.attempt_id")
    .select(["i.item_id", "i.item_key", "i.content", "a.person_id"])
    .where("a.id", "=", attemptId)
    .where("a.org_id", "=", actor.orgId)
    .where("i.position", "=", position)
    .executeTakeFirst();
  if (!row || row.person_id !== actor.personId) throw new AppError("NOT_FOUND", "Item not found in your attempts");
  const already = await tx.selectFrom("exam_item_flags").select("id").where("attempt_id", "=", attemptId).where("position", "=", position).where("person_id", "=", actor.personId).executeTakeFirst();
  if (already) throw new AppError("CONFLICT", "You already reported this item");
  const flag = await tx
    .insertInto("exam_item_flags")
    .values({ org_id: actor.orgId, item_key: row.item_key, item_id: row.item_id, attempt_id: attemptId, position, content: JSON.stringify(row.content), person_id: actor.personId, reason: input.reason, comment: input.comment?.trim() || null, created_at: now })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "exam_item_flag", entityId: flag.id, action: "exam_item.flagged", after: { itemKey: row.item_key, reason: input.reason } }, now);
  return flag;
}

/** The reviewers' queue: what was reported, on which item as shown, by whom. Keys are visible here: reviewers need them. */
export async function listFlags(db: Db | Tx, actor: Actor, status: "open" | "fixed" | "dismissed") {
  const rows = await db
    .selectFrom("exam_item_flags as f")
    .innerJoin("people as p", "p.id", "f.person_id")
    .leftJoin("people as r", "r.id", "f.resolved_by")
    .select(["f.id", "f.item_key", "f.item_id", "f.content", "f.reason", "f.comment", "f.status", "f.created_at", "f.resolved_at", "f.resolution_note", "p.first_name", "p.last_name", "r.first_name as resolver_first", "r.last_name as resolver_last"])
    .where("f.org_id", "=", actor.orgId)
    .where("f.status", "=", status)
    .orderBy("f.created_at", status === "open" ? "asc" : "desc")
    .limit(200)
    .execute();
  return rows.map((f) => {
    const c = f.content as PositionContent;
    return {
      id: f.id,
      itemKey: f.item_key,
      bankItem: f.item_id !== null,
      bankCode: f.item_id !== null ? f.item_key : null,
      reason: f.reason,
      reasonText: FLAG_REASONS[f.reason],
      comment: f.comment,
      status: f.status,
      reportedBy: `${f.first_name} ${f.last_name}`,
      createdAt: new Date(f.created_at).toISOString(),
      resolvedBy: f.resolver_first ? `${f.resolver_first} ${f.resolver_last}` : null,
      resolvedAt: f.resolved_at ? new Date(f.resolved_at).toISOString() : null,
      resolutionNote: f.resolution_note,
      item: { stem: c.stem, options: c.options, key: c.key, explanation: c.explanation, reference: c.reference, domain: c.domain, subtopic: c.subtopic, family: c.family ?? null },
    };
  });
}

export async function resolveFlag(tx: Tx, actor: Actor, flagId: string, input: { status: "fixed" | "dismissed"; note: string }, now: Date) {
  const flag = await tx.selectFrom("exam_item_flags").select(["id", "status", "item_key"]).where("id", "=", flagId).where("org_id", "=", actor.orgId).forUpdate().executeTakeFirst();
  if (!flag) throw new AppError("NOT_FOUND", "Report not found");
  if (flag.status !== "open") throw new AppError("CONFLICT", `This report is already ${flag.status}`);
  await tx.updateTable("exam_item_flags").set({ status: input.status, resolved_by: actor.personId, resolved_at: now, resolution_note: input.note }).where("id", "=", flag.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "exam_item_flag", entityId: flag.id, action: `exam_item_flag.${input.status}`, after: { itemKey: flag.item_key, note: input.note } }, now);
}
