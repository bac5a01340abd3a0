import type { Db, Tx } from "../../db/database.ts";
import { notFound } from "../../lib/errors.ts";
import type { PersonRef } from "../auth/index.ts";
import { DEFAULT_KPIS, type KpiDefinition } from "./default-kpis.ts";

/** The person as a policy sees them; another organization's id is simply not found. */
export async function getPersonRef(db: Db | Tx, orgId: string, personId: string): Promise<PersonRef & { firstName: string; lastName: string }> {
  const row = await db.selectFrom("people").select(["id", "org_id", "site_id", "first_name", "last_name"]).where("org_id", "=", orgId).where("id", "=", personId).executeTakeFirst();
  if (!row) throw notFound("Person");
  return { id: row.id, orgId: row.org_id, siteId: row.site_id, firstName: row.first_name, lastName: row.last_name };
}

/** The organization's KPI definitions; the default set is loaded on first use. */
export async function listKpiDefinitions(db: Db | Tx, orgId: string): Promise<KpiDefinition[]> {
  const select = () => db.selectFrom("kpi_definitions").select(["code", "name", "unit", "direction", "description"]).where("org_id", "=", orgId).orderBy("created_at").orderBy("code").execute();
  let rows = await select();
  if (rows.length === 0) {
    await db
      .insertInto("kpi_definitions")
      .values(DEFAULT_KPIS.map((k, i) => ({ org_id: orgId, ...k, created_at: new Date(Date.UTC(2000, 0, 1, 0, 0, i)), updated_at: new Date() })))
      .onConflict((oc) => oc.columns(["org_id", "code"]).doNothing())
      .execute();
    rows = await select();
  }
  return rows;
}

export async function findKpiValues(db: Db | Tx, orgId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom("kpi_values")
    .select(["person_id as personId", "kpi_code as kpi", "period_end as periodEnd", "value", "source"])
    .where("org_id", "=", orgId)
    .where("person_id", "in", personIds)
    .orderBy("period_end")
    .execute();
}
