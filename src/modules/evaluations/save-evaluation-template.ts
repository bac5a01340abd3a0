import type { Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, type Actor } from "../auth/index.ts";
import type { CommentPrompt, EvaluationItem } from "./default-template.ts";
import { isSameTemplate, validateTemplate } from "./evaluations.rules.ts";
import { getEvaluationTemplate, type TemplateRow } from "./evaluations.queries.ts";

export interface SaveTemplateInput {
  /** The version the admin edited; a newer one saved meanwhile is a conflict. */
  baseVersion: number;
  name: string;
  items: EvaluationItem[];
  commentPrompts: CommentPrompt[];
}

/**
 * Saves the organization's evaluation form as a new version (admins). Evaluations already filled
 * keep the version they were filled with; new ones use this one. A save without changes adds nothing.
 */
export async function saveEvaluationTemplate(tx: Tx, actor: Actor, input: SaveTemplateInput, now: Date): Promise<{ template: TemplateRow; changed: boolean }> {
  // The newest version row is locked so two admins saving at once cannot both build on it.
  const current = await getEvaluationTemplate(tx, actor.orgId);
  await tx.selectFrom("evaluation_templates").select("id").where("id", "=", current.id).forUpdate().execute();
  const latest = await getEvaluationTemplate(tx, actor.orgId);
  if (input.baseVersion !== latest.version) {
    throw new AppError("CONFLICT", `The form was changed meanwhile (now version ${latest.version}); reload it and make your changes again`, [
      { field: "baseVersion", message: `is ${input.baseVersion}, the form is at version ${latest.version}` },
    ]);
  }
  const draft = {
    name: input.name.trim(),
    items: input.items.map((i) => ({ code: i.code.trim(), label: i.label.trim(), kind: i.kind, description: i.description.trim() })),
    commentPrompts: input.commentPrompts.map((p) => ({ code: p.code.trim(), label: p.label.trim() })),
  };
  const errors = validateTemplate(draft);
  if (errors.length) throw new AppError("VALIDATION_FAILED", "The evaluation form is not valid", errors);
  if (isSameTemplate(draft, latest)) return { template: latest, changed: false };
  const inserted = await tx
    .insertInto("evaluation_templates")
    .values({
      org_id: actor.orgId,
      code: latest.code,
      name: draft.name,
      version: latest.version + 1,
      items: JSON.stringify(draft.items),
      comment_prompts: JSON.stringify(draft.commentPrompts),
      created_by: actor.personId,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "evaluation_template",
    entityId: inserted.id,
    action: "evaluation.template_changed",
    before: { version: latest.version, name: latest.name, items: latest.items, commentPrompts: latest.commentPrompts },
    after: { version: latest.version + 1, ...draft },
  }, now);
  return { template: await getEvaluationTemplate(tx, actor.orgId), changed: true };
}
