import type { Db, Tx } from "../../db/database.ts";
import { notFound } from "../../lib/errors.ts";
import { DEFAULT_EVALUATION_TEMPLATE, type EvaluationItem } from "./default-template.ts";

export interface TemplateRow {
  id: string;
  code: string;
  name: string;
  items: EvaluationItem[];
}

/** The organization's evaluation form; the default one is loaded on first use. */
export async function getEvaluationTemplate(db: Db | Tx, orgId: string): Promise<TemplateRow> {
  const select = () => db.selectFrom("evaluation_templates").select(["id", "code", "name", "items"]).where("org_id", "=", orgId).orderBy("created_at").executeTakeFirst();
  let row = await select();
  if (!row) {
    const t = DEFAULT_EVALUATION_TEMPLATE;
    await db
      .insertInto("evaluation_templates")
      .values({ org_id: orgId, code: t.code, name: t.name, items: JSON.stringify(t.items) })
      .onConflict((oc) => oc.columns(["org_id", "code"]).doNothing())
      .execute();
    row = await select();
  }
  return { ...row!, items: row!.items as EvaluationItem[] };
}

export async function getTemplateById(db: Db | Tx, orgId: string, id: string): Promise<TemplateRow> {
  const row = await db.selectFrom("evaluation_templates").select(["id", "code", "name", "items"]).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Evaluation form");
  return { ...row, items: row.items as EvaluationItem[] };
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
