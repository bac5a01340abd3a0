import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import type { Db, Tx } from "../../db/database.ts";
import { compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { authorize, can, rosterScope, type RosterScope } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { findCertification } from "../certifications/index.ts";
import { getPerson } from "../roster/index.ts";
import { ruleSetFor, type CeRuleSet } from "./ce-rule-sets.ts";
import { getCeRules } from "./ce-settings.ts";
import { ceCycle, ceHoldings, computeCompliance, shortfallText, type CeCompliance, type CeHoldingFacts, type HoldingWithoutRules } from "./ce.rules.ts";
import { listCeRecords, listHoldingFacts, listRecordFacts, toCeRecordDto, toRecordFacts } from "./ce.queries.ts";
import { todayForPerson } from "./record-ce.ts";

/** One person's CE: every record, and compliance for each CE-bearing credential they hold. */
export async function personCeStanding(db: Db | Tx, actor: Actor, personId: string, now: Date) {
  const person = await getPerson(db, actor.orgId, personId);
  const ref = { id: person.id, orgId: person.org_id, siteId: person.site_id };
  authorize(actor, "person.ce", ref);
  const { settings, ruleSets } = await getCeRules(db, actor.orgId);
  const today = await todayForPerson(db, person.site_id, now);
  const holdings = (await listHoldingFacts(db, actor.orgId, [person.id])).get(person.id) ?? [];
  const rows = await listCeRecords(db, actor.orgId, person.id);
  const facts = rows.map(toRecordFacts);
  const { withRules, withoutRules } = ceHoldings(holdings, (code, state) => ruleSetFor(ruleSets, code, state));
  const credentials = withRules
    .map(({ holding, ruleSet }) => computeCompliance({ holding, ruleSet, records: facts, today, warningDays: settings.warningDays }))
    .filter((c): c is CeCompliance => c !== null);
  return {
    person: { id: person.id, firstName: person.first_name, lastName: person.last_name },
    today,
    credentials,
    withoutRules,
    records: rows.map(toCeRecordDto),
    permissions: { canRecord: true, canVerify: can(actor, "person.verifyCe", ref) },
  };
}

export interface ComplianceRow {
  personId: string;
  employeeId: string;
  name: string;
  siteId: string;
  siteCode: string;
  credentialCode: string;
  credentialName: string;
  state: string | null;
  cycleStartsOn: IsoDate;
  cycleEndsOn: IsoDate;
  daysLeft: number;
  hoursNeeded: number;
  hoursCounted: number;
  hoursShort: number;
  unverifiedHours: number;
  missing: string;
  status: CeCompliance["status"];
  warning: CeCompliance["warning"];
  renewalOpensOn: IsoDate | null;
}

export interface ComplianceFilter {
  siteId?: string;
  /** Only people short of a requirement (or whose cycle ended short). */
  shortOnly?: boolean;
}

/**
 * CE compliance for everyone in a scope who holds a CE-bearing credential: short first (and
 * among them the nearest cycle end first), then the rest.
 */
export async function complianceList(db: Db | Tx, orgId: string, scope: RosterScope, filter: ComplianceFilter, now: Date) {
  const { settings, ruleSets } = await getCeRules(db, orgId);
  let query = db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.employee_id", "p.first_name", "p.last_name", "p.site_id", "s.code as site_code", "s.time_zone"])
    .where("p.org_id", "=", orgId)
    .where("p.status", "in", ["active", "leave"]);
  if (scope.kind === "sites") query = scope.siteIds.length ? query.where("p.site_id", "in", scope.siteIds) : query.where(({ lit }) => lit(false));
  if (scope.kind === "self") query = query.where("p.id", "=", scope.personId);
  if (filter.siteId) query = query.where("p.site_id", "=", filter.siteId);
  const people = await query.execute();

  const pick = (code: string, state: string | null) => ruleSetFor(ruleSets, code, state);
  const holdingsByPerson = await listHoldingFacts(db, orgId, people.map((p) => p.id));
  const work: { person: (typeof people)[number]; holding: CeHoldingFacts; ruleSet: CeRuleSet; today: IsoDate }[] = [];
  const withoutRules: (HoldingWithoutRules & { personId: string; name: string })[] = [];
  let earliest: IsoDate | undefined;
  for (const person of people) {
    const today = dateInZone(now, person.time_zone);
    const { withRules, withoutRules: missing } = ceHoldings(holdingsByPerson.get(person.id) ?? [], pick);
    for (const m of missing) withoutRules.push({ ...m, personId: person.id, name: `${person.first_name} ${person.last_name}` });
    for (const { holding, ruleSet } of withRules) {
      const cycle = ceCycle(findCertification(holding.certificationCode)!, holding, ruleSet.cycleMonths);
      if (!cycle) continue;
      if (!earliest || compareDates(cycle.startsOn, earliest) < 0) earliest = cycle.startsOn;
      work.push({ person, holding, ruleSet, today });
    }
  }
  const recordsByPerson = earliest ? await listRecordFacts(db, orgId, [...new Set(work.map((w) => w.person.id))], earliest) : new Map();

  const rows: ComplianceRow[] = [];
  for (const { person, holding, ruleSet, today } of work) {
    const c = computeCompliance({ holding, ruleSet, records: recordsByPerson.get(person.id) ?? [], today, warningDays: settings.warningDays });
    if (!c) continue;
    if (filter.shortOnly && c.status === "complete") continue;
    rows.push({
      personId: person.id,
      employeeId: person.employee_id,
      name: `${person.first_name} ${person.last_name}`,
      siteId: person.site_id,
      siteCode: person.site_code,
      credentialCode: c.certificationCode,
      credentialName: c.state ? `${c.credentialName} (${c.state})` : c.credentialName,
      state: c.state,
      cycleStartsOn: c.cycle.startsOn,
      cycleEndsOn: c.cycle.endsOn,
      daysLeft: c.daysLeft,
      hoursNeeded: c.hoursNeeded,
      hoursCounted: c.hoursCounted,
      hoursShort: c.hoursShort,
      unverifiedHours: c.unverifiedHours,
      missing: shortfallText(c.requirements),
      status: c.status,
      warning: c.warning,
      renewalOpensOn: c.renewal.opensOn,
    });
  }
  const rank = (r: ComplianceRow) => (r.status === "complete" ? 1 : 0);
  rows.sort((a, b) => rank(a) - rank(b) || a.daysLeft - b.daysLeft || a.name.localeCompare(b.name));
  return {
    items: rows,
    counts: {
      people: new Set(rows.map((r) => r.personId)).size,
      short: rows.filter((r) => r.status === "short").length,
      warned: rows.filter((r) => r.status === "short" && r.warning).length,
      expired: rows.filter((r) => r.status === "expired").length,
      complete: rows.filter((r) => r.status === "complete").length,
    },
    withoutRules,
    warningDays: settings.warningDays,
  };
}

/** The compliance list the actor may see: a manager their sites (another site is refused), an admin all. */
export async function complianceForActor(db: Db | Tx, actor: Actor, filter: ComplianceFilter, now: Date) {
  if (filter.siteId && !can(actor, "site.staff", { orgId: actor.orgId, id: filter.siteId })) {
    throw new AppError("FORBIDDEN", "You can see CE compliance only for the sites you manage");
  }
  return complianceList(db, actor.orgId, rosterScope(actor), filter, now);
}

export const COMPLIANCE_CSV_COLUMNS = [
  "employee_id",
  "name",
  "site",
  "credential",
  "cycle_start",
  "cycle_end",
  "days_left",
  "hours_needed",
  "hours_counted",
  "hours_short",
  "unverified_hours",
  "missing",
  "status",
  "warning",
] as const;

export function complianceCsv(rows: readonly ComplianceRow[]): Readable {
  const values = rows.map((r) => [
    r.employeeId,
    r.name,
    r.siteCode,
    r.credentialName,
    r.cycleStartsOn,
    r.cycleEndsOn,
    r.daysLeft,
    r.hoursNeeded,
    r.hoursCounted,
    r.hoursShort,
    r.unverifiedHours,
    r.missing,
    r.status,
    r.warning?.message ?? "",
  ]);
  return Readable.from(values).pipe(stringify({ header: true, columns: [...COMPLIANCE_CSV_COLUMNS] }));
}
