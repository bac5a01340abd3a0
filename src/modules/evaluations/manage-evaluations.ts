import type { Db, Tx } from "../../db/database.ts";
import { compareDates, type IsoDate } from "../../lib/dates.ts";
import { AppError, notFound, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, can, type Actor } from "../auth/index.ts";
import { averageRating, cleanPromptAnswers, evaluationMonth, parseMonth, validatePromptAnswers, validateRatings } from "./evaluations.rules.ts";
import { getEvaluationRow, getEvaluationTemplate, getTemplateById, selectEvaluations, type EvaluationRow, type TemplateRow } from "./evaluations.queries.ts";

export interface EvaluationDto {
  id: string;
  personId: string;
  personName: string;
  siteId: string;
  month: IsoDate;
  template: { id: string; name: string; version: number };
  items: { code: string; label: string; kind: "competency" | "kpi"; description: string; rating: number | null }[];
  /** The form's comment prompts with this evaluation's answers (null when not answered). */
  prompts: { code: string; label: string; answer: string | null }[];
  average: number;
  comments: string | null;
  evaluatorName: string;
  acknowledgedAt: string | null;
  technicianComment: string | null;
  createdAt: string;
  updatedAt: string;
  isLocked: boolean;
  canEdit: boolean;
  canAcknowledge: boolean;
}

function toDto(actor: Actor, row: EvaluationRow, template: TemplateRow): EvaluationDto {
  const ratings = row.ratings as Record<string, number>;
  const answers = (row.prompt_answers ?? {}) as Record<string, string>;
  const person = { id: row.person_id, orgId: row.org_id, siteId: row.person_site_id };
  const isLocked = row.acknowledged_at !== null;
  return {
    id: row.id,
    personId: row.person_id,
    personName: `${row.first_name} ${row.last_name}`,
    siteId: row.site_id,
    month: row.month,
    template: { id: template.id, name: template.name, version: template.version },
    items: template.items.map((i) => ({ ...i, rating: ratings[i.code] ?? null })),
    prompts: template.commentPrompts.map((p) => ({ code: p.code, label: p.label, answer: answers[p.code] ?? null })),
    average: Number(row.average),
    comments: row.comments,
    evaluatorName: `${row.evaluator_first_name} ${row.evaluator_last_name}`,
    acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at).toISOString() : null,
    technicianComment: row.technician_comment,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    isLocked,
    canEdit: !isLocked && can(actor, "person.evaluate", person),
    canAcknowledge: !isLocked && actor.personId === row.person_id,
  };
}

async function personOf(db: Db | Tx, orgId: string, personId: string) {
  const row = await db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.org_id", "p.site_id", "p.role", "p.status", "s.time_zone"])
    .where("p.org_id", "=", orgId)
    .where("p.id", "=", personId)
    .executeTakeFirst();
  if (!row) throw notFound("Person");
  return { id: row.id, orgId: row.org_id, siteId: row.site_id, role: row.role, status: row.status, timeZone: row.time_zone };
}

export interface FillEvaluationInput {
  month: string;
  ratings: Record<string, number>;
  comments?: string | null;
  promptAnswers?: Record<string, string>;
}

/** A manager fills a technician's evaluation for a month (one per person per month). */
export async function fillEvaluation(tx: Tx, actor: Actor, personId: string, input: FillEvaluationInput, now: Date): Promise<EvaluationDto> {
  const person = await personOf(tx, actor.orgId, personId);
  authorize(actor, "person.evaluate", person);
  const template = await getEvaluationTemplate(tx, actor.orgId);
  const errors: FieldError[] = [];
  if (person.role !== "technician" && person.role !== "mentor") errors.push({ field: "personId", message: "only technicians have monthly evaluations" });
  const month = parseMonth(input.month);
  if (!month) errors.push({ field: "month", message: "must be a month (YYYY-MM)" });
  else if (compareDates(month, evaluationMonth(now, person.timeZone)) > 0) errors.push({ field: "month", message: "is in the future at the person's site" });
  errors.push(...validateRatings(template.items, input.ratings));
  errors.push(...validatePromptAnswers(template.commentPrompts, input.promptAnswers ?? {}));
  if (errors.length) throw new AppError("VALIDATION_FAILED", "The evaluation is not complete", errors);
  const existing = await tx.selectFrom("evaluations").select("id").where("person_id", "=", personId).where("month", "=", month!).executeTakeFirst();
  if (existing) throw new AppError("CONFLICT", `An evaluation for ${month!.slice(0, 7)} already exists for this person`, [{ field: "month", message: `already evaluated for ${month!.slice(0, 7)}` }]);
  const inserted = await tx
    .insertInto("evaluations")
    .values({
      org_id: actor.orgId,
      person_id: personId,
      site_id: person.siteId,
      template_id: template.id,
      month: month!,
      ratings: JSON.stringify(input.ratings),
      average: averageRating(input.ratings),
      comments: input.comments?.trim() || null,
      prompt_answers: JSON.stringify(cleanPromptAnswers(input.promptAnswers)),
      evaluator_id: actor.personId,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "evaluation", entityId: inserted.id, action: "evaluation.filled", after: { personId, month, templateVersion: template.version, ratings: input.ratings, average: averageRating(input.ratings), comments: input.comments ?? null, promptAnswers: cleanPromptAnswers(input.promptAnswers) } }, now);
  return toDto(actor, await getEvaluationRow(tx, actor.orgId, inserted.id), template);
}

/** Changes ratings or comments before the technician acknowledges; every change is audited with before and after. */
export async function updateEvaluation(tx: Tx, actor: Actor, id: string, input: { ratings?: Record<string, number>; comments?: string | null; promptAnswers?: Record<string, string> }, now: Date): Promise<EvaluationDto> {
  const row = await tx.selectFrom("evaluations").selectAll().where("org_id", "=", actor.orgId).where("id", "=", id).forUpdate().executeTakeFirst();
  if (!row) throw notFound("Evaluation");
  const person = await personOf(tx, actor.orgId, row.person_id);
  authorize(actor, "person.evaluate", person);
  if (row.acknowledged_at) throw new AppError("EVALUATION_LOCKED", "The technician acknowledged this evaluation: it can no longer be changed");
  const template = await getTemplateById(tx, actor.orgId, row.template_id);
  const ratings = input.ratings ?? (row.ratings as Record<string, number>);
  const errors = [...validateRatings(template.items, ratings), ...validatePromptAnswers(template.commentPrompts, input.promptAnswers ?? {})];
  if (errors.length) throw new AppError("VALIDATION_FAILED", "The evaluation is not complete", errors);
  const comments = input.comments === undefined ? row.comments : input.comments?.trim() || null;
  const promptAnswers = input.promptAnswers === undefined ? ((row.prompt_answers ?? {}) as Record<string, string>) : cleanPromptAnswers(input.promptAnswers);
  await tx
    .updateTable("evaluations")
    .set({ ratings: JSON.stringify(ratings), average: averageRating(ratings), comments, prompt_answers: JSON.stringify(promptAnswers), updated_at: now })
    .where("id", "=", id)
    .execute();
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "evaluation",
    entityId: id,
    action: "evaluation.changed",
    before: { ratings: row.ratings, average: Number(row.average), comments: row.comments, promptAnswers: row.prompt_answers },
    after: { ratings, average: averageRating(ratings), comments, promptAnswers },
  }, now);
  return toDto(actor, await getEvaluationRow(tx, actor.orgId, id), template);
}

/** The technician acknowledges their evaluation, optionally with a comment; from then on it is locked. */
export async function acknowledgeEvaluation(tx: Tx, actor: Actor, id: string, input: { comment?: string | null }, now: Date): Promise<EvaluationDto> {
  const row = await tx.selectFrom("evaluations").selectAll().where("org_id", "=", actor.orgId).where("id", "=", id).forUpdate().executeTakeFirst();
  if (!row) throw notFound("Evaluation");
  if (row.person_id !== actor.personId) {
    // Whoever may read it learns they cannot acknowledge it; others learn nothing.
    const person = await personOf(tx, actor.orgId, row.person_id);
    if (!can(actor, "person.performance", person)) throw notFound("Evaluation");
    throw new AppError("FORBIDDEN", "Only the technician evaluated acknowledges an evaluation");
  }
  if (row.acknowledged_at) throw new AppError("EVALUATION_LOCKED", "You already acknowledged this evaluation");
  const comment = input.comment?.trim() || null;
  await tx.updateTable("evaluations").set({ acknowledged_at: now, technician_comment: comment, updated_at: now }).where("id", "=", id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "evaluation", entityId: id, action: "evaluation.acknowledged", after: { acknowledgedAt: now.toISOString(), technicianComment: comment } }, now);
  return toDto(actor, await getEvaluationRow(tx, actor.orgId, id), await getTemplateById(tx, actor.orgId, row.template_id));
}

export async function getEvaluation(db: Db, actor: Actor, id: string): Promise<EvaluationDto> {
  const row = await getEvaluationRow(db, actor.orgId, id);
  if (!can(actor, "person.performance", { id: row.person_id, orgId: row.org_id, siteId: row.person_site_id })) throw notFound("Evaluation");
  return toDto(actor, row, await getTemplateById(db, actor.orgId, row.template_id));
}

/** A person's evaluations, newest month first. */
export async function listPersonEvaluations(db: Db, actor: Actor, personId: string): Promise<{ items: EvaluationDto[]; canFill: boolean }> {
  const person = await personOf(db, actor.orgId, personId);
  authorize(actor, "person.performance", person);
  const rows = await selectEvaluations(db, actor.orgId).where("e.person_id", "=", personId).orderBy("e.month", "desc").execute();
  const templates = new Map<string, TemplateRow>();
  const items: EvaluationDto[] = [];
  for (const row of rows) {
    if (!templates.has(row.template_id)) templates.set(row.template_id, await getTemplateById(db, actor.orgId, row.template_id));
    items.push(toDto(actor, row, templates.get(row.template_id)!));
  }
  return { items, canFill: can(actor, "person.evaluate", person) && (person.role === "technician" || person.role === "mentor") };
}
