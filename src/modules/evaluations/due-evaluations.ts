import type { Db } from "../../db/database.ts";
import type { IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import type { RosterScope } from "../auth/policy.ts";
import { dueForMonth, evaluationMonth } from "./evaluations.rules.ts";

export interface DueEvaluation {
  personId: string;
  employeeId: string;
  name: string;
  siteId: string;
  siteCode: string;
  siteName: string;
  month: IsoDate;
  lastMonth: IsoDate | null;
}

/**
 * Active technicians (and mentors) at the sites in scope without an evaluation for their site's
 * current month, in that site's time zone. A site outside the scope is refused.
 */
export async function listDueEvaluations(db: Db, orgId: string, scope: RosterScope, now: Date, siteId?: string): Promise<{ items: DueEvaluation[] }> {
  if (siteId && scope.kind === "sites" && !scope.siteIds.includes(siteId)) throw new AppError("FORBIDDEN", "You do not manage that site");
  if (scope.kind === "self") throw new AppError("FORBIDDEN", "Only managers and admins see who is due an evaluation");
  let query = db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.employee_id", "p.first_name", "p.last_name", "p.hire_date", "s.id as site_id", "s.code as site_code", "s.name as site_name", "s.time_zone"])
    .select((eb) => eb.selectFrom("evaluations as e").whereRef("e.person_id", "=", "p.id").select((e) => e.fn.max("e.month").as("m")).as("last_month"))
    .where("p.org_id", "=", orgId)
    .where("p.status", "=", "active")
    .where("p.role", "in", ["technician", "mentor"]);
  if (scope.kind === "sites") query = scope.siteIds.length ? query.where("p.site_id", "in", scope.siteIds) : query.where((eb) => eb.lit(false));
  if (siteId) query = query.where("p.site_id", "=", siteId);
  const people = await query.orderBy("s.code").orderBy("p.last_name").orderBy("p.first_name").execute();
  const months = [...new Set(people.map((p) => evaluationMonth(now, p.time_zone)))];
  const evaluated = new Set<string>();
  if (people.length && months.length) {
    const rows = await db.selectFrom("evaluations").select(["person_id", "month"]).where("org_id", "=", orgId).where("month", "in", months).execute();
    for (const r of rows) evaluated.add(`${r.person_id}|${r.month}`);
  }
  const due = dueForMonth(people.map((p) => ({ ...p, personId: p.id, hireDate: p.hire_date, timeZone: p.time_zone })), evaluated, now);
  return {
    items: due.map((p) => ({
      personId: p.id,
      employeeId: p.employee_id,
      name: `${p.first_name} ${p.last_name}`,
      siteId: p.site_id,
      siteCode: p.site_code,
      siteName: p.site_name,
      month: p.month,
      lastMonth: (p.last_month as string | null) ?? null,
    })),
  };
}
