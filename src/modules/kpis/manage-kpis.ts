import type { Db, Tx } from "../../db/database.ts";
import { compareDates, dateInZone, parseDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, type Actor } from "../auth/index.ts";
import type { KpiDefinition } from "./default-kpis.ts";
import { buildKpiTrends, thresholdStanding, type KpiThreshold, type KpiTrend } from "./kpis.rules.ts";
import { findKpiValues, getPersonRef, listKpiDefinitions } from "./kpis.queries.ts";

/** Adds a KPI definition or changes one by its code (the code itself never changes: values and the framework name it). */
export async function saveKpiDefinition(tx: Tx, actor: Actor, input: KpiDefinition, now: Date): Promise<KpiDefinition> {
  const existing = (await listKpiDefinitions(tx, actor.orgId)).find((d) => d.code === input.code);
  const row = await tx
    .insertInto("kpi_definitions")
    .values({ org_id: actor.orgId, ...input, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(["org_id", "code"]).doUpdateSet({ name: input.name, unit: input.unit, direction: input.direction, description: input.description, updated_at: now }))
    .returning(["code", "name", "unit", "direction", "description"])
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "kpi_definition", entityId: input.code, action: existing ? "kpi.definition_changed" : "kpi.definition_added", before: existing ?? null, after: row }, now);
  return row;
}

export interface KpiValueInput {
  kpi: string;
  periodEnd: string;
  value: number;
}

/** Records (or corrects) one figure for a person and period, by hand. */
export async function recordKpiValue(tx: Tx, actor: Actor, personId: string, input: KpiValueInput, now: Date) {
  const person = await getPersonRef(tx, actor.orgId, personId);
  authorize(actor, "person.recordKpi", person);
  const definitions = await listKpiDefinitions(tx, actor.orgId);
  const fields = [];
  if (!definitions.some((d) => d.code === input.kpi)) fields.push({ field: "kpi", message: `"${input.kpi}" is not a KPI of the organization` });
  const periodEnd = parseDate(input.periodEnd);
  const site = await tx.selectFrom("sites").select("time_zone").where("id", "=", person.siteId).executeTakeFirstOrThrow();
  if (!periodEnd) fields.push({ field: "periodEnd", message: "must be a date (YYYY-MM-DD)" });
  else if (compareDates(periodEnd, dateInZone(now, site.time_zone)) > 0) fields.push({ field: "periodEnd", message: "is in the future" });
  if (fields.length > 0) throw new AppError("VALIDATION_FAILED", "The KPI figure is not valid", fields);
  const before = await tx.selectFrom("kpi_values").select(["value"]).where("person_id", "=", personId).where("kpi_code", "=", input.kpi).where("period_end", "=", periodEnd!).executeTakeFirst();
  const row = await tx
    .insertInto("kpi_values")
    .values({ org_id: actor.orgId, person_id: personId, kpi_code: input.kpi, period_end: periodEnd!, value: input.value, source: "manual", created_by: actor.personId, created_at: now })
    .onConflict((oc) => oc.columns(["person_id", "kpi_code", "period_end"]).doUpdateSet({ value: input.value, source: "manual", created_by: actor.personId, created_at: now }))
    .returning(["id", "kpi_code as kpi", "period_end as periodEnd", "value", "source"])
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "kpi_value", entityId: row.id, action: before ? "kpi.value_corrected" : "kpi.value_recorded", before: before ?? null, after: { personId, ...row } }, now);
  return row;
}

export interface PersonKpis {
  person: { id: string; firstName: string; lastName: string };
  /** Each KPI's series with every level's threshold and where the person stands against it today (at their site). */
  trends: (KpiTrend & { thresholds: (KpiThreshold & { average: number | null; periods: number; isMet: boolean })[] })[];
  canRecord: boolean;
}

/** A person's KPI series, one per definition, with the thresholds the framework's levels set for each. */
export async function personKpiTrends(
  db: Db,
  actor: Actor,
  personId: string,
  thresholds: (kpi: string) => KpiThreshold[],
  now: Date,
): Promise<PersonKpis> {
  const person = await getPersonRef(db, actor.orgId, personId);
  authorize(actor, "person.performance", person);
  const [definitions, values, site] = await Promise.all([
    listKpiDefinitions(db, actor.orgId),
    findKpiValues(db, actor.orgId, [personId]),
    db.selectFrom("sites").select("time_zone").where("id", "=", person.siteId).executeTakeFirstOrThrow(),
  ]);
  const today = dateInZone(now, site.time_zone);
  const trends = buildKpiTrends(definitions, values).map((t) => ({ ...t, thresholds: thresholds(t.code).map((th) => ({ ...th, ...thresholdStanding(t.points, th, today) })) }));
  const canRecord = actor.role === "admin" || (actor.role === "manager" && actor.managedSiteIds.includes(person.siteId));
  return { person: { id: person.id, firstName: person.firstName, lastName: person.lastName }, trends, canRecord };
}

