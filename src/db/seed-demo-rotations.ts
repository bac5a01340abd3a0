import type { Tx } from "./database.ts";
import { addDays, instantInZone, isoWeekday, type IsoDate } from "../lib/dates.ts";
import { recordAudit, type AuditActor } from "../modules/audit/index.ts";
import { ensureSiteSetup, loadPlanningContext, loadSiteSetup, solvePlan } from "../modules/rotations/index.ts";

/** Weeks of Riverside's published plan, from this week's Monday. */
const PUBLISHED_WEEKS = 2;

/** Riverside's week, sized to its staff: people per shift code on the given ISO weekdays. */
const RIVERSIDE_DEMAND: { station: string; shift: string; weekdays: number[] }[] = [
  { station: "prescription-filling", shift: "first", weekdays: [1, 2, 3, 4, 5, 6] },
  { station: "prescription-filling", shift: "second", weekdays: [1, 2, 3, 4, 5] },
  { station: "order-entry", shift: "first", weekdays: [1, 2, 3, 4, 5] },
  { station: "pickup-drive-thru", shift: "first", weekdays: [1, 2, 3, 4, 5, 6] },
  { station: "pickup-drive-thru", shift: "second", weekdays: [1, 2, 3, 4, 5] },
  { station: "insurance-billing", shift: "first", weekdays: [2, 4] },
  { station: "inventory-receiving", shift: "first", weekdays: [3] },
  // Nobody at Riverside holds the immunization credentials yet: the plan shows it short, and why.
  { station: "immunization", shift: "peak", weekdays: [2, 4] },
];

/**
 * Rotations for the demo organization: every site's stations loaded, Riverside's demand sized to
 * its team, Kevin on 32 hours a week, this week's and next week's plan published at Riverside (so
 * technicians see shifts ahead of them, on a Sunday too), and time-off requests: one approved this week, one waiting for Marcus next week.
 */
export async function seedDemoRotations(tx: Tx, orgId: string, system: AuditActor, today: IsoDate, now: Date) {
  const sites = await tx.selectFrom("sites").select(["id", "code", "time_zone"]).where("org_id", "=", orgId).orderBy("code").execute();
  for (const site of sites) await ensureSiteSetup(tx, orgId, site.id, now);
  const riverside = sites.find((s) => s.code === "OH-101")!;
  const setup = await loadSiteSetup(tx, orgId, riverside.id);
  await tx.deleteFrom("rotation_demand").where("site_id", "=", riverside.id).execute();
  await tx
    .insertInto("rotation_demand")
    .values(RIVERSIDE_DEMAND.flatMap((d) => d.weekdays.map((weekday) => ({
      org_id: orgId,
      site_id: riverside.id,
      station_id: setup.stations.find((s) => s.code === d.station)!.id,
      shift_id: setup.shifts.find((s) => s.code === d.shift)!.id,
      weekday,
      people: 1,
    }))))
    .execute();

  const team = await tx
    .selectFrom("people")
    .select(["id", "email", "first_name"])
    .where("org_id", "=", orgId)
    .where("site_id", "=", riverside.id)
    .where("status", "=", "active")
    .where("role", "in", ["technician", "mentor"])
    .orderBy("employee_id")
    .execute();
  const kevin = team.find((p) => p.email === "technician@demo.rxladder.test");
  if (kevin) {
    await tx.insertInto("rotation_availability").values({ person_id: kevin.id, org_id: orgId, weekly_hours: 32, min_rest_hours: 10, shifts: null, preferred_stations: ["pickup-drive-thru"], avoided_stations: [], float_site_ids: [], updated_at: now }).execute();
  }
  const others = team.filter((p) => p !== kevin);
  const monday = addDays(today, 1 - isoWeekday(today));
  const manager = await tx.selectFrom("people").select("id").where("email", "=", "manager@demo.rxladder.test").executeTakeFirst();
  if (others[0]) {
    await tx.insertInto("rotation_leave_requests").values({ org_id: orgId, person_id: others[0].id, kind: "pto", starts_on: addDays(monday, 3), ends_on: addDays(monday, 4), note: "Family wedding", status: "approved", requested_by: others[0].id, requested_at: now, decided_by: manager?.id ?? null, decided_at: now }).execute();
  }
  if (others[1]) {
    await tx.insertInto("rotation_leave_requests").values({ org_id: orgId, person_id: others[1].id, kind: "pto", starts_on: addDays(monday, 9), ends_on: addDays(monday, 9), note: "Dentist appointment", status: "requested", requested_by: others[1].id, requested_at: now }).execute();
  }

  // This week's and next week's plan, solved and published as a manager would (by the weekend the
  // coming week is out, so technicians always have shifts ahead of them).
  const context = await loadPlanningContext(tx, orgId, riverside.id, monday, PUBLISHED_WEEKS);
  const outcome = await solvePlan(context.input, { timeLimitSeconds: 5 });
  const plan = await tx
    .insertInto("rotation_plans")
    .values({ org_id: orgId, site_id: riverside.id, starts_on: monday, weeks: PUBLISHED_WEEKS, status: "published", solver_status: outcome.status, objective: outcome.objective, bound: outcome.bound, solve_ms: outcome.solveMs, shortfalls: JSON.stringify(outcome.shortfalls), created_by: manager?.id ?? null, created_at: now, published_by: manager?.id ?? null, published_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (outcome.assignments.length) {
    await tx
      .insertInto("rotation_assignments")
      .values(outcome.assignments.map((a) => {
        const shift = context.setup.shifts.find((s) => s.id === a.shiftId)!;
        return {
          org_id: orgId,
          plan_id: plan.id,
          person_id: a.personId,
          station_id: a.stationId,
          shift_id: a.shiftId,
          day: a.day,
          starts_at: instantInZone(a.day, shift.startMinute, riverside.time_zone),
          ends_at: instantInZone(a.day, shift.startMinute + shift.lengthMinutes, riverside.time_zone),
          trainee: a.trainee,
          source: "planner" as const,
          updated_at: now,
        };
      }))
      .execute();
  }
  await recordAudit(tx, system, { entityType: "rotation_plan", entityId: plan.id, action: "rotation.plan_published", after: { siteId: riverside.id, startsOn: monday, weeks: PUBLISHED_WEEKS, assignments: outcome.assignments.length, shortfalls: outcome.shortfalls.length } }, now);
}
