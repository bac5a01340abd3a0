import type { Db, Tx } from "../../db/database.ts";
import { addDays } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, type Actor } from "../auth/index.ts";
import { storeNotifications } from "../notifications/index.ts";
import { insertAssignments } from "./generate-plan.ts";
import { loadPlanningContext, type PlanningContext } from "./load-planning-input.ts";
import { explainShortfalls } from "./planner.ts";
import { checkPlan, type PlannedAssignment, type PlanProblem, type ProblemKind } from "./rotations.rules.ts";

/** Problems a plan may not be saved or published with; the others are shown as warnings. */
export const BLOCKING: ReadonlySet<ProblemKind> = new Set(["unqualified", "trainee-alone", "on-leave", "double-booked", "rest", "hours", "unknown-slot", "retired"]);

export interface PlanChanges {
  add?: PlannedAssignment[];
  remove?: string[];
}

async function getPlanRow(db: Db | Tx, actor: Actor, planId: string) {
  const plan = await db.selectFrom("rotation_plans").selectAll().where("org_id", "=", actor.orgId).where("id", "=", planId).executeTakeFirst();
  if (!plan) throw new AppError("NOT_FOUND", "Plan not found");
  authorize(actor, "site.staff", { orgId: plan.org_id, id: plan.site_id });
  return plan;
}

type PlanRow = Awaited<ReturnType<typeof getPlanRow>>;

async function planAssignments(db: Db | Tx, planId: string) {
  return db.selectFrom("rotation_assignments").selectAll().where("plan_id", "=", planId).orderBy("starts_at").orderBy("id").execute();
}

async function contextFor(db: Db | Tx, plan: PlanRow): Promise<PlanningContext> {
  return loadPlanningContext(db, plan.org_id, plan.site_id, plan.starts_on, plan.weeks, { excludePlanId: plan.id, nearby: true });
}

const toPlanned = (a: { person_id: string; station_id: string; shift_id: string; day: string; trainee: boolean }): PlannedAssignment => ({ personId: a.person_id, stationId: a.station_id, shiftId: a.shift_id, day: a.day, trainee: a.trainee });

/** A plan with its grid: stations, shifts, people, assignments, and the live check of every rule. */
export async function getPlanView(db: Db, actor: Actor, planId: string) {
  const plan = await getPlanRow(db, actor, planId);
  const [rows, context] = await Promise.all([planAssignments(db, plan.id), contextFor(db, plan)]);
  const assignments = rows.map(toPlanned);
  const assignedIds = [...new Set(rows.map((r) => r.person_id))].filter((id) => !context.pool.has(id));
  const others = assignedIds.length ? await db.selectFrom("people").select(["id", "first_name", "last_name"]).where("id", "in", assignedIds).execute() : [];
  const weeklyHours = new Map(context.input.people.map((p) => [p.id, p.weeklyHours]));
  const people = [
    ...[...context.pool.values()].filter((p) => p.tier !== "nearby" || rows.some((r) => r.person_id === p.id)).map((p) => ({ id: p.id, name: p.name, tier: p.tier, siteCode: p.siteCode, weeklyHours: weeklyHours.get(p.id) ?? null })),
    ...others.map((p) => ({ id: p.id, name: `${p.first_name} ${p.last_name}`, tier: "other" as const, siteCode: null, weeklyHours: null })),
  ];
  return {
    id: plan.id,
    site: { id: context.setup.site.id, code: context.setup.site.code, name: context.setup.site.name, timeZone: context.setup.site.timeZone },
    startsOn: plan.starts_on,
    endsOn: addDays(plan.starts_on, plan.weeks * 7 - 1),
    weeks: plan.weeks,
    status: plan.status,
    solverStatus: plan.solver_status,
    objective: plan.objective,
    bound: plan.bound,
    solveMs: plan.solve_ms,
    createdAt: plan.created_at,
    publishedAt: plan.published_at,
    // Stations and shifts taken out of use are listed while the plan still holds them, so they can be seen and taken off.
    stations: [...context.setup.stations, ...context.retired.stations.filter((s) => rows.some((r) => r.station_id === s.id))].map((s) => ({ id: s.id, code: s.code, name: s.name, unpopular: s.unpopular, active: s.active })),
    shifts: [...context.setup.shifts, ...context.retired.shifts.filter((s) => rows.some((r) => r.shift_id === s.id))].map((s) => ({ id: s.id, code: s.code, name: s.name, start: s.start, end: s.end, peak: s.peak, active: s.active })),
    demand: context.input.demand,
    people,
    leave: context.input.leave,
    assignments: rows.map((r) => ({ id: r.id, personId: r.person_id, stationId: r.station_id, shiftId: r.shift_id, day: r.day, trainee: r.trainee, source: r.source, startsAt: r.starts_at, endsAt: r.ends_at, replacedPersonId: r.replaced_person_id })),
    problems: checkPlan(context.input, assignments),
    shortfalls: explainShortfalls(context.input, assignments),
  };
}

export async function listPlans(db: Db, actor: Actor, siteId: string) {
  const site = await db.selectFrom("sites").select(["id", "org_id"]).where("org_id", "=", actor.orgId).where("id", "=", siteId).executeTakeFirst();
  if (!site) throw new AppError("NOT_FOUND", "Site not found");
  authorize(actor, "site.staff", { orgId: site.org_id, id: site.id });
  const plans = await db
    .selectFrom("rotation_plans as p")
    .leftJoin("rotation_assignments as a", "a.plan_id", "p.id")
    .select((eb) => ["p.id", "p.starts_on", "p.weeks", "p.status", "p.solver_status", "p.objective", "p.bound", "p.solve_ms", "p.shortfalls", "p.created_at", "p.published_at", eb.fn.count<number>("a.id").as("assignments")])
    .where("p.site_id", "=", site.id)
    .groupBy("p.id")
    .orderBy("p.starts_on", "desc")
    .orderBy("p.created_at", "desc")
    .limit(100)
    .execute();
  return plans.map((p) => ({
    id: p.id,
    startsOn: p.starts_on,
    endsOn: addDays(p.starts_on, p.weeks * 7 - 1),
    weeks: p.weeks,
    status: p.status,
    solverStatus: p.solver_status,
    objective: p.objective,
    bound: p.bound,
    solveMs: p.solve_ms,
    shortfalls: (p.shortfalls as unknown[]).length,
    assignments: Number(p.assignments),
    createdAt: p.created_at,
    publishedAt: p.published_at,
  }));
}

function applied(rows: Awaited<ReturnType<typeof planAssignments>>, changes: PlanChanges): { kept: typeof rows; added: PlannedAssignment[] } {
  const remove = new Set(changes.remove ?? []);
  for (const id of remove) if (!rows.some((r) => r.id === id)) throw new AppError("VALIDATION_FAILED", "remove names an assignment that is not in this plan", [{ field: "remove", message: `${id} is not an assignment of this plan` }]);
  return { kept: rows.filter((r) => !remove.has(r.id)), added: changes.add ?? [] };
}

/** Problems the changes would bring: only those about the people and shifts they touch, so an old warning does not block an unrelated edit. */
function newProblems(before: PlanProblem[], after: PlanProblem[]): PlanProblem[] {
  const seen = new Set(before.map((p) => p.message));
  return after.filter((p) => !seen.has(p.message));
}

/** Live validation of proposed changes, nothing saved: every problem the plan would have, and which are new. */
export async function checkPlanChanges(db: Db, actor: Actor, planId: string, changes: PlanChanges) {
  const plan = await getPlanRow(db, actor, planId);
  const [rows, context] = await Promise.all([planAssignments(db, plan.id), contextFor(db, plan)]);
  const { kept, added } = applied(rows, changes);
  const proposed = [...kept.map(toPlanned), ...added];
  const problems = checkPlan(context.input, proposed);
  return { problems, introduced: newProblems(checkPlan(context.input, rows.map(toPlanned)), problems), shortfalls: explainShortfalls(context.input, proposed) };
}

/** Adds and removes assignments in one step; refused when it would break a rule (qualification, leave, rest, hours, double booking). */
export async function changePlan(tx: Tx, actor: Actor, planId: string, changes: PlanChanges, now: Date) {
  const plan = await getPlanRow(tx, actor, planId);
  if (plan.status === "superseded") throw new AppError("CONFLICT", "This plan was replaced by a newer published plan; change that one");
  const [rows, context] = await Promise.all([planAssignments(tx, plan.id), contextFor(tx, plan)]);
  const { kept, added } = applied(rows, changes);
  const blocking = newProblems(checkPlan(context.input, rows.map(toPlanned)), checkPlan(context.input, [...kept.map(toPlanned), ...added])).filter((p) => BLOCKING.has(p.kind));
  if (blocking.length) throw new AppError("CONFLICT", blocking.map((p) => p.message).join("; "), blocking.map((p) => ({ field: "add", message: p.message })));
  const removed = rows.filter((r) => (changes.remove ?? []).includes(r.id));
  if (removed.length) await tx.deleteFrom("rotation_assignments").where("plan_id", "=", plan.id).where("id", "in", removed.map((r) => r.id)).execute();
  const inserted = await insertAssignments(tx, actor.orgId, plan.id, context, added, "manual", now);
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_plan", entityId: plan.id, action: "rotation.plan_changed", before: { removed: removed.map(toPlanned) }, after: { added } }, now);
  return { added: inserted.map((r) => r.id), removed: removed.map((r) => r.id) };
}

/** Publishes a draft: refused while it breaks a rule; a published plan for the same weeks is superseded. */
export async function publishPlan(tx: Tx, actor: Actor, planId: string, now: Date, publicUrl = "") {
  const plan = await getPlanRow(tx, actor, planId);
  if (plan.status !== "draft") throw new AppError("CONFLICT", `This plan is already ${plan.status}`);
  const [rows, context] = await Promise.all([planAssignments(tx, plan.id), contextFor(tx, plan)]);
  const blocking = checkPlan(context.input, rows.map(toPlanned)).filter((p) => BLOCKING.has(p.kind));
  if (blocking.length) throw new AppError("CONFLICT", `The plan breaks ${blocking.length} rule${blocking.length === 1 ? "" : "s"}: ${blocking.slice(0, 5).map((p) => p.message).join("; ")}`);
  const superseded = await tx
    .updateTable("rotation_plans")
    .set({ status: "superseded" })
    .where("site_id", "=", plan.site_id)
    .where("starts_on", "=", plan.starts_on)
    .where("status", "=", "published")
    .returning("id")
    .execute();
  await tx.updateTable("rotation_plans").set({ status: "published", published_by: actor.personId, published_at: now }).where("id", "=", plan.id).execute();
  await notifyPublished(tx, plan, rows, superseded.map((s) => s.id), context, now, publicUrl);
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "rotation_plan",
    entityId: plan.id,
    action: "rotation.plan_published",
    after: { siteId: plan.site_id, startsOn: plan.starts_on, weeks: plan.weeks, assignments: rows.length, people: [...new Set(rows.map((r) => r.person_id))], superseded: superseded.map((s) => s.id) },
  }, now);
  return { id: plan.id, status: "published" as const, superseded: superseded.map((s) => s.id), people: [...new Set(rows.map((r) => r.person_id))] };
}

/**
 * Tells everyone with shifts in a newly published plan how many they have, and everyone whose
 * shifts in the plan it replaces are all gone that they no longer work those weeks.
 */
async function notifyPublished(tx: Tx, plan: PlanRow, rows: Awaited<ReturnType<typeof planAssignments>>, supersededIds: string[], context: PlanningContext, now: Date, publicUrl: string) {
  const endsOn = addDays(plan.starts_on, plan.weeks * 7 - 1);
  const weeks = `${plan.starts_on} to ${endsOn}`;
  const site = context.setup.site.name;
  const shifts = new Map<string, number>();
  for (const r of rows) shifts.set(r.person_id, (shifts.get(r.person_id) ?? 0) + 1);
  const dropped = supersededIds.length
    ? (await tx.selectFrom("rotation_assignments").select("person_id").distinct().where("plan_id", "in", supersededIds).execute()).map((r) => r.person_id).filter((id) => !shifts.has(id))
    : [];
  const common = { kind: "schedule-changed" as const, subjectKey: `rotation-plan:${plan.id}`, period: plan.starts_on, link: "/schedule", dueOn: plan.starts_on };
  await storeNotifications(tx, plan.org_id, [
    ...[...shifts].map(([recipientId, count]) => ({
      ...common,
      recipientId,
      title: `Your ${site} schedule for ${weeks} is published`,
      body: `You have ${count} shift${count === 1 ? "" : "s"} at ${site} from ${weeks}. See them under My schedule.`,
    })),
    ...dropped.map((recipientId) => ({
      ...common,
      recipientId,
      title: `Your ${site} schedule for ${weeks} changed`,
      body: `A new plan for ${site} from ${weeks} was published and no longer has shifts for you.`,
    })),
  ], now, publicUrl);
}

/** Deletes a draft nobody published. */
export async function discardPlan(tx: Tx, actor: Actor, planId: string, now: Date) {
  const plan = await getPlanRow(tx, actor, planId);
  if (plan.status !== "draft") throw new AppError("CONFLICT", "Only a draft can be discarded");
  await tx.deleteFrom("rotation_plans").where("id", "=", plan.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_plan", entityId: plan.id, action: "rotation.plan_discarded", before: { siteId: plan.site_id, startsOn: plan.starts_on, weeks: plan.weeks } }, now);
}
