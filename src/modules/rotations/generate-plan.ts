import type { Db, Tx } from "../../db/database.ts";
import { addDays, instantInZone, isIsoDate, isoWeekday, type IsoDate } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, type Actor } from "../auth/index.ts";
import { getSite } from "../roster/index.ts";
import { loadPlanningContext, type PlanningContext } from "./load-planning-input.ts";
import { solvePlan, type PlanOptions, type PlanOutcome } from "./planner.ts";
import type { PlannedAssignment } from "./rotations.rules.ts";
import { ensureSiteSetup } from "./site-setup.ts";

export interface GeneratePlanInput {
  siteId: string;
  /** A Monday. */
  startsOn: IsoDate;
  weeks: number;
}

export function planInputProblems(input: { startsOn: string; weeks: number }): FieldError[] {
  const problems: FieldError[] = [];
  if (!isIsoDate(input.startsOn)) problems.push({ field: "startsOn", message: "must be a date as YYYY-MM-DD" });
  else if (isoWeekday(input.startsOn) !== 1) problems.push({ field: "startsOn", message: "must be a Monday" });
  if (!Number.isInteger(input.weeks) || input.weeks < 1 || input.weeks > 4) problems.push({ field: "weeks", message: "must be 1 to 4" });
  return problems;
}

/** The instants of an assignment at the site: its shift's wall-clock start on its day, plus the shift's length. */
export function assignmentTimes(context: PlanningContext, a: { day: IsoDate; shiftId: string }): { startsAt: Date; endsAt: Date } {
  const shift = context.setup.shifts.find((s) => s.id === a.shiftId)!;
  const startsAt = instantInZone(a.day, shift.startMinute, context.setup.site.timeZone);
  const endsAt = instantInZone(a.day, shift.startMinute + shift.lengthMinutes, context.setup.site.timeZone);
  return { startsAt, endsAt };
}

export async function insertAssignments(tx: Tx, orgId: string, planId: string, context: PlanningContext, assignments: PlannedAssignment[], source: "planner" | "manual" | "backfill", now: Date) {
  if (assignments.length === 0) return [];
  return tx
    .insertInto("rotation_assignments")
    .values(assignments.map((a) => {
      const { startsAt, endsAt } = assignmentTimes(context, a);
      return { org_id: orgId, plan_id: planId, person_id: a.personId, station_id: a.stationId, shift_id: a.shiftId, day: a.day, starts_at: startsAt, ends_at: endsAt, trainee: a.trainee, source, updated_at: now };
    }))
    .returning("id")
    .execute();
}

/**
 * Plans a site's rotation for one to four weeks and keeps it as a draft. The data is read and the
 * model solved outside any transaction (a solve takes up to the time limit); the plan and its
 * assignments are then written in one.
 */
export async function generatePlan(db: Db, actor: Actor, input: GeneratePlanInput, now: Date, options: PlanOptions = {}): Promise<{ planId: string; outcome: PlanOutcome }> {
  const problems = planInputProblems(input);
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
  const site = await getSite(db, actor.orgId, input.siteId);
  authorize(actor, "site.staff", { orgId: site.org_id, id: site.id });
  await ensureSiteSetup(db, actor.orgId, site.id, now);
  const context = await loadPlanningContext(db, actor.orgId, site.id, input.startsOn, input.weeks);
  const outcome = await solvePlan(context.input, options);
  const planId = await db.transaction().execute(async (tx) => {
    const plan = await tx
      .insertInto("rotation_plans")
      .values({
        org_id: actor.orgId,
        site_id: site.id,
        starts_on: input.startsOn,
        weeks: input.weeks,
        status: "draft",
        solver_status: outcome.status,
        objective: outcome.objective,
        bound: outcome.bound,
        solve_ms: outcome.solveMs,
        shortfalls: JSON.stringify(outcome.shortfalls),
        created_by: actor.personId,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertAssignments(tx, actor.orgId, plan.id, context, outcome.assignments, "planner", now);
    await recordAudit(tx, auditActorOf(actor), {
      entityType: "rotation_plan",
      entityId: plan.id,
      action: "rotation.plan_generated",
      after: { siteId: site.id, startsOn: input.startsOn, endsOn: addDays(input.startsOn, input.weeks * 7 - 1), status: outcome.status, objective: outcome.objective, bound: outcome.bound, assignments: outcome.assignments.length, shortfalls: outcome.shortfalls.length },
    }, now);
    return plan.id;
  });
  return { planId, outcome };
}
