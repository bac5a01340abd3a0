import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { toStoredItem } from "./exams.queries.ts";
import { itemInputSchema, type ItemInput } from "./item.schema.ts";
import { ensureShippedBank } from "./sync-bank.ts";

export interface BankFilter {
  status?: "draft" | "published" | "retired";
  domain?: string;
  subtopic?: string;
  source?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** Only the newest version of each item code. */
const newestVersion = sql<boolean>`i.version = (SELECT max(v.version) FROM exam_items v WHERE v.org_id = i.org_id AND v.code = i.code)`;

function normalizeStem(stem: string) {
  return stem.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

/** The newest version of each item, with its statistics and open flags: the admin's bank list. */
export async function listBank(db: Db | Tx, actor: Actor, filter: BankFilter, now: Date) {
  await ensureShippedBank(db, actor.orgId, now);
  let q = db
    .selectFrom("exam_items as i")
    .leftJoin("exam_item_stats as s", (j) => j.onRef("s.org_id", "=", "i.org_id").onRef("s.item_key", "=", "i.code"))
    .select(["i.id", "i.code", "i.version", "i.status", "i.kind", "i.domain", "i.subtopic", "i.difficulty", "i.stem", "i.source", "i.family", "i.reviewed_by", "s.responses", "s.p_value", "s.point_biserial", "s.rasch_b"])
    .select((eb) => eb.selectFrom("exam_item_flags as f").select(eb.fn.countAll<number>().as("n")).whereRef("f.item_key", "=", "i.code").whereRef("f.org_id", "=", "i.org_id").where("f.status", "=", "open").as("open_flags"))
    .where("i.org_id", "=", actor.orgId)
    .where(newestVersion);
  if (filter.status) q = q.where("i.status", "=", filter.status);
  if (filter.domain) q = q.where("i.domain", "=", filter.domain);
  if (filter.subtopic) q = q.where("i.subtopic", "=", filter.subtopic);
  if (filter.source) q = q.where("i.source", "=", filter.source as "hand");
  if (filter.q) q = q.where((eb) => eb.or([eb("i.stem", "ilike", `%${filter.q}%`), eb("i.code", "ilike", `%${filter.q}%`)]));
  const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q.orderBy("i.domain").orderBy("i.subtopic").orderBy("i.code").limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute();
  // Counts of items (their newest version) by domain and status, whatever the filters.
  const counts = await db
    .selectFrom("exam_items as i")
    .select(["i.domain", "i.status"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("i.org_id", "=", actor.orgId)
    .where(newestVersion)
    .groupBy(["i.domain", "i.status"])
    .execute();
  return {
    total: Number(total.n),
    counts: counts.map((c) => ({ domain: c.domain, status: c.status, count: Number(c.n) })),
    items: rows.map((r) => ({
      code: r.code,
      version: r.version,
      status: r.status,
      kind: r.kind,
      domain: r.domain,
      subtopic: r.subtopic,
      difficulty: r.difficulty,
      stem: r.stem,
      source: r.source,
      family: r.family,
      reviewed: r.reviewed_by !== null,
      stats: r.responses ? { responses: r.responses, pValue: r.p_value, pointBiserial: r.point_biserial, raschB: r.rasch_b } : null,
      openFlags: Number(r.open_flags ?? 0),
    })),
  };
}

async function versionsOf(db: Db | Tx, orgId: string, code: string) {
  return db
    .selectFrom("exam_items as i")
    .leftJoin("people as a", "a.id", "i.created_by")
    .leftJoin("people as r", "r.id", "i.reviewed_by")
    .selectAll("i")
    .select(["a.first_name as author_first", "a.last_name as author_last", "r.first_name as reviewer_first", "r.last_name as reviewer_last"])
    .where("i.org_id", "=", orgId)
    .where("i.code", "=", code)
    .orderBy("i.version", "desc")
    .execute();
}

/** Every version of one item, its statistics and its flags. */
export async function getBankItem(db: Db | Tx, actor: Actor, code: string) {
  const versions = await versionsOf(db, actor.orgId, code);
  if (versions.length === 0) throw new AppError("NOT_FOUND", `No item ${code}`);
  const stats = await db.selectFrom("exam_item_stats").selectAll().where("org_id", "=", actor.orgId).where("item_key", "=", code).executeTakeFirst();
  const flags = await db.selectFrom("exam_item_flags").select(["id", "reason", "comment", "status", "created_at", "resolution_note"]).where("org_id", "=", actor.orgId).where("item_key", "=", code).orderBy("created_at", "desc").execute();
  return {
    code,
    versions: versions.map((v) => ({
      ...toStoredItem(v),
      createdAt: new Date(v.created_at).toISOString(),
      authorId: v.created_by,
      author: v.author_first ? `${v.author_first} ${v.author_last}` : v.source === "custom" ? null : "Rx Ladder",
      reviewer: v.reviewer_first ? `${v.reviewer_first} ${v.reviewer_last}` : null,
      reviewedAt: v.reviewed_at ? new Date(v.reviewed_at).toISOString() : null,
      reviewNote: v.review_note,
      publishedAt: v.published_at ? new Date(v.published_at).toISOString() : null,
      retiredAt: v.retired_at ? new Date(v.retired_at).toISOString() : null,
    })),
    stats: stats ? { responses: stats.responses, correct: stats.correct, pValue: stats.p_value, pointBiserial: stats.point_biserial, raschB: stats.rasch_b, computedAt: new Date(stats.computed_at).toISOString() } : null,
    flags: flags.map((f) => ({ id: f.id, reason: f.reason, comment: f.comment, status: f.status, createdAt: new Date(f.created_at).toISOString(), resolutionNote: f.resolution_note })),
  };
}

/** Another published item with the same stem (ignoring case, spacing and punctuation) is a duplicate. */
async function duplicateStem(db: Db | Tx, orgId: string, code: string, stem: string): Promise<string | null> {
  const target = normalizeStem(stem);
  const rows = await db
    .selectFrom("exam_items")
    .select(["code"])
    .where("org_id", "=", orgId)
    .where("code", "<>", code)
    .where("status", "in", ["published", "draft"])
    .where(sql<boolean>`lower(regexp_replace(stem, '[^a-zA-Z0-9]+', ' ', 'g')) LIKE ${`%${target.slice(0, 40)}%`}`)
    .select("stem")
    .execute();
  return rows.find((r) => normalizeStem(r.stem) === target)?.code ?? null;
}

function parseItem(input: unknown, prefix = ""): ItemInput {
  const parsed = itemInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields: FieldError[] = parsed.error.issues.map((i) => ({ field: prefix + (i.path.join(".") || "item"), message: i.message }));
    throw new AppError("VALIDATION_FAILED", fields.map((f) => `${f.field} ${f.message}`).join("; "), fields);
  }
  return parsed.data;
}

/**
 * Saves an author's version of an item as a draft: a new item, or the next version of an
 * existing one. A draft is editable until published; editing it clears its review.
 */
export async function saveItemDraft(tx: Tx, actor: Actor, code: string | null, input: unknown, now: Date) {
  const item = parseItem(input);
  const itemCode = code ?? item.code ?? `custom-${randomBytes(4).toString("hex")}`;
  const versions = await versionsOf(tx, actor.orgId, itemCode);
  if (!code && versions.length) throw new AppError("CONFLICT", `An item with code ${itemCode} exists`, [{ field: "code", message: "is taken" }]);
  if (code && versions.length === 0) throw new AppError("NOT_FOUND", `No item ${code}`);
  const dup = await duplicateStem(tx, actor.orgId, itemCode, item.stem);
  if (dup) throw new AppError("VALIDATION_FAILED", `Item ${dup} already has this stem`, [{ field: "stem", message: `duplicates item ${dup}` }]);
  const values = {
    kind: item.kind,
    domain: item.domain,
    subtopic: item.subtopic,
    difficulty: item.difficulty,
    stem: item.stem,
    options: JSON.stringify(item.options),
    answer_key: JSON.stringify(item.key),
    explanation: item.explanation,
    reference: item.reference,
    created_by: actor.personId,
    created_at: now,
    reviewed_by: null,
    reviewed_at: null,
    review_note: null,
  };
  const draft = versions.find((v) => v.status === "draft");
  const source = versions[0]?.source ?? "custom";
  const saved = draft
    ? await tx.updateTable("exam_items").set(values).where("id", "=", draft.id).returningAll().executeTakeFirstOrThrow()
    : await tx
        .insertInto("exam_items")
        .values({ ...values, org_id: actor.orgId, code: itemCode, version: (versions[0]?.version ?? 0) + 1, status: "draft", source, family: versions[0]?.family ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "exam_item", entityId: saved.id, action: draft ? "exam_item.draft_updated" : "exam_item.draft_created", after: { code: itemCode, version: saved.version, ...item } }, now);
  return toStoredItem(saved);
}

async function draftOf(tx: Tx, orgId: string, code: string) {
  const draft = await tx.selectFrom("exam_items").selectAll().where("org_id", "=", orgId).where("code", "=", code).where("status", "=", "draft").forUpdate().executeTakeFirst();
  if (!draft) throw new AppError("NOT_FOUND", `Item ${code} has no draft`);
  return draft;
}

/** A second person (an admin or a pharmacist) checks the draft's facts and key. Nobody reviews their own draft. */
export async function reviewItemDraft(tx: Tx, actor: Actor, code: string, note: string | null, now: Date) {
  const draft = await draftOf(tx, actor.orgId, code);
  if (draft.created_by === actor.personId) throw new AppError("FORBIDDEN", "A draft is reviewed by someone other than its author");
  await tx.updateTable("exam_items").set({ reviewed_by: actor.personId, reviewed_at: now, review_note: note }).where("id", "=", draft.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "exam_item", entityId: draft.id, action: "exam_item.reviewed", after: { code, version: draft.version, note } }, now);
}

/** Publishes a reviewed draft: it replaces the published version in new forms; attempts keep what they showed. */
export async function publishItemDraft(tx: Tx, actor: Actor, code: string, now: Date) {
  const draft = await draftOf(tx, actor.orgId, code);
  if (!draft.reviewed_by) throw new AppError("CONFLICT", `Item ${code} must be reviewed before it is published`);
  await tx.updateTable("exam_items").set({ status: "superseded" }).where("org_id", "=", actor.orgId).where("code", "=", code).where("status", "in", ["published", "retired"]).execute();
  await tx.updateTable("exam_items").set({ status: "published", published_at: now, retired_at: null }).where("id", "=", draft.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "exam_item", entityId: draft.id, action: "exam_item.published", after: { code, version: draft.version } }, now);
}

/** Takes a published item out of new forms. */
export async function retireItem(tx: Tx, actor: Actor, code: string, reason: string, now: Date) {
  const published = await tx.selectFrom("exam_items").selectAll().where("org_id", "=", actor.orgId).where("code", "=", code).where("status", "=", "published").forUpdate().executeTakeFirst();
  if (!published) throw new AppError("NOT_FOUND", `Item ${code} is not published`);
  await tx.updateTable("exam_items").set({ status: "retired", retired_at: now }).where("id", "=", published.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "exam_item", entityId: published.id, action: "exam_item.retired", after: { code, version: published.version, reason } }, now);
}

export async function discardItemDraft(tx: Tx, actor: Actor, code: string, now: Date) {
  const draft = await draftOf(tx, actor.orgId, code);
  const used = await tx.selectFrom("exam_attempt_items").select("position").where("item_id", "=", draft.id).limit(1).executeTakeFirst();
  if (used) throw new AppError("CONFLICT", "This draft has been shown in an attempt and is kept");
  await tx.deleteFrom("exam_items").where("id", "=", draft.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "exam_item", entityId: draft.id, action: "exam_item.draft_discarded", after: { code, version: draft.version } }, now);
}

/**
 * Imports items as drafts, all or nothing: every problem in every item is reported with its
 * position (`items[3].key`) and nothing is saved when there is one.
 */
export async function importItems(tx: Tx, actor: Actor, items: readonly unknown[], now: Date) {
  const problems: FieldError[] = [];
  const parsed: ItemInput[] = [];
  const seenCodes = new Set<string>();
  const seenStems = new Map<string, number>();
  items.forEach((raw, i) => {
    try {
      const item = parseItem(raw, `items[${i}].`);
      if (item.code && seenCodes.has(item.code)) problems.push({ field: `items[${i}].code`, message: `repeats code ${item.code}`, row: i + 1 });
      if (item.code) seenCodes.add(item.code);
      const stem = normalizeStem(item.stem);
      if (seenStems.has(stem)) problems.push({ field: `items[${i}].stem`, message: `repeats the stem of item ${seenStems.get(stem)! + 1}`, row: i + 1 });
      seenStems.set(stem, i);
      parsed.push(item);
    } catch (error) {
      if (error instanceof AppError && error.fields) problems.push(...error.fields.map((f) => ({ ...f, row: i + 1 })));
      else throw error;
    }
  });
  if (problems.length) throw new AppError("IMPORT_INVALID", `${problems.length} problem${problems.length === 1 ? "" : "s"} found; nothing was imported`, problems);
  let created = 0;
  let updated = 0;
  for (const [i, item] of parsed.entries()) {
    const exists = item.code ? await tx.selectFrom("exam_items").select("id").where("org_id", "=", actor.orgId).where("code", "=", item.code).limit(1).executeTakeFirst() : undefined;
    try {
      await saveItemDraft(tx, actor, exists ? item.code! : null, item, now);
    } catch (error) {
      if (error instanceof AppError) throw new AppError("IMPORT_INVALID", `Item ${i + 1}: ${error.message}; nothing was imported`, (error.fields ?? [{ field: "item", message: error.message }]).map((f) => ({ ...f, field: `items[${i}].${f.field}`, row: i + 1 })));
      throw error;
    }
    if (exists) updated++;
    else created++;
  }
  return { created, updated };
}

/** The current version of every item (or only published ones) in the import format. */
export async function exportItems(db: Db | Tx, actor: Actor, onlyPublished: boolean) {
  let q = db
    .selectFrom("exam_items as i")
    .selectAll("i")
    .where("i.org_id", "=", actor.orgId)
    .where(newestVersion);
  if (onlyPublished) q = q.where("i.status", "=", "published");
  const rows = await q.orderBy("i.domain").orderBy("i.subtopic").orderBy("i.code").execute();
  return rows.map((r) => {
    const s = toStoredItem(r);
    return { code: s.code, version: s.version, status: s.status, kind: s.kind, domain: s.domain, subtopic: s.subtopic, difficulty: s.difficulty, stem: s.stem, options: s.options, key: s.key, explanation: s.explanation, reference: s.reference, source: s.source };
  });
}
