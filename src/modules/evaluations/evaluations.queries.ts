import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { notFound } from "../../lib/errors.ts";
import { DEFAULT_EVALUATION_TEMPLATE, type CommentPrompt, type EvaluationItem } from "./default-template.ts";

export interface TemplateRow {
  id: string;
  code: string;
  name: string;
  version: number;
  items: EvaluationItem[];
  commentPrompts: CommentPrompt[];
  createdAt: string;
}

const templateColumns = ["id", "code", "name", "version", "items", "comment_prompts", "created_at"] as const;

function toTemplateRow(row: { id: string; code: string; name: string; version: number; items: unknown; comment_prompts: unknown; created_at: Date | string }): TemplateRow {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    version: Number(row.version),
    items: row.items as EvaluationItem[],
    commentPrompts: (row.comment_prompts ?? []) as CommentPrompt[],
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The newest version of the organization's evaluation form (what new evaluations use); the default one is loaded on first use. */
export async function getEvaluationTemplate(db: Db | Tx, orgId: string): Promise<TemplateRow> {
  const select = () => db.selectFrom("evaluation_templates").select(templateColumns).where("org_id", "=", orgId).orderBy("version", "desc").orderBy("created_at", "desc").limit(1).executeTakeFirst();
  let row = await select();
  if (!row) {
    const t = DEFAULT_EVALUATION_TEMPLATE;
    await db
      .insertInto("evaluation_templates")
      .values({ org_id: orgId, code: t.code, name: t.name, version: 1, items: JSON.stringify(t.items), comment_prompts: JSON.stringify(t.commentPrompts) })
      .onConflict((oc) => oc.columns(["org_id", "code", "version"]).doNothing())
      .execute();
    row = await select();
  }
  return toTemplateRow(row!);
}

/** One version of the form, by id (an evaluation reads with the version it was filled with). */
export async function getTemplateById(db: Db | Tx, orgId: string, id: string): Promise<TemplateRow> {
  const row = await db.selectFrom("evaluation_templates").select(templateColumns).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Evaluation form");
  return toTemplateRow(row);
}

/** Every version of the organization's form, newest first, with how many evaluations were filled with each. */
export async function listTemplateVersions(db: Db | Tx, orgId: string) {
  const rows = await db
    .selectFrom("evaluation_templates as t")
    .leftJoin("people as p", "p.id", "t.created_by")
    .select([...templateColumns.map((c) => `t.${c}` as const), "p.first_name", "p.last_name"])
    .select((eb) => eb.selectFrom("evaluations as e").whereRef("e.template_id", "=", "t.id").select(sql<number>`count(*)::int`.as("n")).as("evaluations"))
    .where("t.org_id", "=", orgId)
    .orderBy("t.version", "desc")
    .execute();
  return rows.map((r) => ({
    ...toTemplateRow(r),
    createdBy: r.first_name ? `${r.first_name} ${r.last_name}` : null,
    evaluations: Number(r.evaluations ?? 0),
  }));
}

export const evaluationColumns = [
  "e.id",
  "e.org_id",
  "e.person_id",
  "e.site_id",
  "e.template_id",
  "e.month",
  "e.ratings",
  "e.average",
  "e.comments",
  "e.evaluator_id",
  "e.acknowledged_at",
  "e.technician_comment",
  "e.prompt_answers",
  "e.created_at",
  "e.updated_at",
  "p.first_name",
  "p.last_name",
  "p.site_id as person_site_id",
  "ev.first_name as evaluator_first_name",
  "ev.last_name as evaluator_last_name",
] as const;

export function selectEvaluations(db: Db | Tx, orgId: string) {
  return db
    .selectFrom("evaluations as e")
    .innerJoin("people as p", "p.id", "e.person_id")
    .innerJoin("people as ev", "ev.id", "e.evaluator_id")
    .select(evaluationColumns)
    .where("e.org_id", "=", orgId);
}

export type EvaluationRow = Awaited<ReturnType<ReturnType<typeof selectEvaluations>["executeTakeFirstOrThrow"]>>;

export async function getEvaluationRow(db: Db | Tx, orgId: string, id: string): Promise<EvaluationRow> {
  const row = await selectEvaluations(db, orgId).where("e.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Evaluation");
  return row;
}
