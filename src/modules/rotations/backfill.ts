import type { Db, Tx } from "../../db/database.ts";
import { daysBetween } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, type Actor } from "../auth/index.ts";
import { storeNotifications, type NotificationDraft } from "../notifications/index.ts";
import { loadPlanningContext, shiftName, stationName, type PlanningContext, type PoolTier } from "./load-planning-input.ts";
import { BLOCKING } from "./manage-plans.ts";
import { checkPlan, committedMinutes, type PlannedAssignment, type PlanProblem } from "./rotations.rules.ts";

export interface BackfillCandidate {
  personId: string;
  name: string;
  tier: PoolTier;
  siteCode: string;
  /** Hours already planned in the assignment's week, bookings at other sites included. */
  hoursThisWeek: number;
  weeklyHours: number;
  /** 0 is none: 2 for a shift outside the person's usual pattern, 1 for a station they asked to avoid. */
  disruption: number;
  notes: string[];
}

const TIER_ORDER: Record<PoolTier, number> = { "same-site": 0, floater: 1, nearby: 2 };

async function loadAssignment(db: Db | Tx, actor: Actor, assignmentId: string) {
  const row = await db
    .selectFrom("rotation_assignments as a")
    .innerJoin("rotation_plans as p", "p.id", "a.plan_id")
    .selectAll("a")
    .select(["p.site_id", "p.starts_on", "p.weeks", "p.status as plan_status"])
    .where("a.org_id", "=", actor.orgId)
    .where("a.id", "=", assignmentId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "Assignment not found");
  authorize(actor, "site.staff", { orgId: row.org_id, id: row.site_id });
  if (row.plan_status === "superseded") throw new AppError("CONFLICT", "This assignment belongs to a plan that was replaced");
  return row;
}

type AssignmentRow = Awaited<ReturnType<typeof loadAssignment>>;

const planned = (a: { person_id: string; station_id: string; shift_id: string; day: string; trainee: boolean }): PlannedAssignment => ({ personId: a.person_id, stationId: a.station_id, shiftId: a.shift_id, day: a.day, trainee: a.trainee });

function introduced(before: PlanProblem[], after: PlanProblem[]): PlanProblem[] {
  const seen = new Set(before.map((p) => p.message));
  return after.filter((p) => !seen.has(p.message));
}

/** Ranks who could take an assignment over: qualified that day, free, rested and within hours; same site first, then floaters, then nearby sites; then least disruption and fewest hours. */
function rankCandidates(context: PlanningContext, assignment: AssignmentRow, others: PlannedAssignment[]): BackfillCandidate[] {
  const before = checkPlan(context.input, others);
  const week = Math.floor(daysBetween(context.input.startsOn, assignment.day) / 7);
  const station = context.input.stations.find((s) => s.id === assignment.station_id);
  const ranked: BackfillCandidate[] = [];
  for (const person of context.input.people) {
    if (person.id === assignment.person_id) continue;
    const proposal: PlannedAssignment = { personId: person.id, stationId: assignment.station_id, shiftId: assignment.shift_id, day: assignment.day, trainee: false };
    const fresh = introduced(before, checkPlan(context.input, [...others, proposal]));
    if (fresh.some((p) => BLOCKING.has(p.kind))) continue;
    const member = context.pool.get(person.id)!;
    const notes: string[] = [];
    let disruption = 0;
    if (fresh.some((p) => p.kind === "unavailable")) {
      disruption += 2;
      notes.push("outside their usual shifts");
    }
    if (station && person.avoidedStations.has(station.code)) {
      disruption += 1;
      notes.push("asked to avoid this station");
    }
    if (member.tier !== "same-site") notes.push(member.tier === "floater" ? `floater from ${member.siteCode}` : `from ${member.siteCode}`);
    const planned = others.filter((a) => a.personId === person.id && Math.floor(daysBetween(context.input.startsOn, a.day) / 7) === week);
    const minutes = planned.reduce((sum, a) => sum + (context.input.shifts.find((s) => s.id === a.shiftId)?.lengthMinutes ?? 0), 0) + committedMinutes(context.input, person.id, week);
    ranked.push({ personId: person.id, name: person.name, tier: member.tier, siteCode: member.siteCode, hoursThisWeek: minutes / 60, weeklyHours: person.weeklyHours, disruption, notes });
  }
  return ranked.sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.disruption - b.disruption || a.hoursThisWeek - b.hoursThisWeek || a.name.localeCompare(b.name));
}

async function contextAndOthers(db: Db | Tx, assignment: AssignmentRow) {
  const [context, rows] = await Promise.all([
    loadPlanningContext(db, assignment.org_id, assignment.site_id, assignment.starts_on, assignment.weeks, { excludePlanId: assignment.plan_id, nearby: true }),
    db.selectFrom("rotation_assignments").selectAll().where("plan_id", "=", assignment.plan_id).execute(),
  ]);
  return { context, others: rows.filter((r) => r.id !== assignment.id).map(planned) };
}

function assignmentView(context: PlanningContext, a: AssignmentRow) {
  const names = new Map(context.input.people.map((p) => [p.id, p.name]));
  return {
    id: a.id,
    planId: a.plan_id,
    day: a.day,
    personId: a.person_id,
    personName: names.get(a.person_id) ?? null,
    station: { id: a.station_id, name: stationName(context, a.station_id) ?? "Station" },
    shift: { id: a.shift_id, name: shiftName(context, a.shift_id) ?? "Shift" },
    startsAt: a.starts_at,
    endsAt: a.ends_at,
  };
}

/** The two notices of a handed-over shift: to the person taking it and the person it was taken from. */
function backfillNotices(context: PlanningContext, assignment: AssignmentRow, toPersonId: string, now: Date): NotificationDraft[] {
  const station = stationName(context, assignment.station_id) ?? "a station";
  const shift = shiftName(context, assignment.shift_id) ?? "shift";
  const names = new Map(context.input.people.map((p) => [p.id, p.name]));
  const when = `${assignment.day} ${shift}`;
  const common = { kind: "schedule-changed" as const, subjectKey: `rotation-assignment:${assignment.id}`, period: now.toISOString(), link: "/schedule", dueOn: assignment.day };
  return [
    {
      ...common,
      recipientId: toPersonId,
      title: `New shift: ${station} on ${when}`,
      body: `You now work ${station} at ${context.setup.site.name} on ${when}${names.has(assignment.person_id) ? `, covering for ${names.get(assignment.person_id)}` : ""}.`,
    },
    {
      ...common,
      recipientId: assignment.person_id,
      title: `Shift covered: ${station} on ${when}`,
      body: `${names.get(toPersonId) ?? "A colleague"} works your ${station} shift at ${context.setup.site.name} on ${when}; it is off your schedule.`,
    },
  ];
}

/** Who could cover one assignment, best first. */
export async function backfillCandidates(db: Db, actor: Actor, assignmentId: string) {
  const assignment = await loadAssignment(db, actor, assignmentId);
  const { context, others } = await contextAndOthers(db, assignment);
  return { assignment: assignmentView(context, assignment), candidates: rankCandidates(context, assignment, others) };
}

/** For a leave request or call-out: each assignment it falls on, in plans of sites the actor manages, with who could cover it. */
export async function leaveBackfill(db: Db, actor: Actor, leaveId: string) {
  const leave = await db.selectFrom("rotation_leave_requests").selectAll().where("org_id", "=", actor.orgId).where("id", "=", leaveId).executeTakeFirst();
  if (!leave) throw new AppError("NOT_FOUND", "Leave request not found");
  const affected = await db
    .selectFrom("rotation_assignments as a")
    .innerJoin("rotation_plans as p", "p.id", "a.plan_id")
    .select(["a.id", "p.site_id"])
    .where("a.person_id", "=", leave.person_id)
    .where("p.status", "in", ["draft", "published"])
    .where("a.day", ">=", leave.starts_on)
    .where("a.day", "<=", leave.ends_on)
    .orderBy("a.starts_at")
    .execute();
  const items = [];
  for (const a of affected) {
    if (actor.role !== "admin" && !actor.managedSiteIds.includes(a.site_id)) continue;
    const result = await backfillCandidates(db, actor, a.id);
    items.push({ ...result, candidates: result.candidates.slice(0, 10) });
  }
  return { leaveId: leave.id, status: leave.status, items };
}

export interface BackfillMove {
  assignmentId: string;
  personId: string;
}

/**
 * Hands assignments over to the people chosen, all in the caller's transaction: each move is
 * checked against the plan as the earlier moves left it, and refused if it would break a rule.
 */
export async function applyBackfill(tx: Tx, actor: Actor, moves: BackfillMove[], now: Date, publicUrl = "") {
  const done = [];
  const notices: NotificationDraft[] = [];
  for (const [i, move] of moves.entries()) {
    const assignment = await loadAssignment(tx, actor, move.assignmentId);
    const { context, others } = await contextAndOthers(tx, assignment);
    if (!context.pool.has(move.personId)) throw new AppError("VALIDATION_FAILED", `moves.${i}.personId is not someone who may work at this site`, [{ field: `moves.${i}.personId`, message: "is not someone who may work at this site" }]);
    const proposal: PlannedAssignment = { personId: move.personId, stationId: assignment.station_id, shiftId: assignment.shift_id, day: assignment.day, trainee: false };
    const blocking = introduced(checkPlan(context.input, others), checkPlan(context.input, [...others, proposal])).filter((p) => BLOCKING.has(p.kind));
    if (blocking.length) throw new AppError("CONFLICT", blocking.map((p) => p.message).join("; "), blocking.map((p) => ({ field: `moves.${i}.personId`, message: p.message })));
    await tx
      .updateTable("rotation_assignments")
      .set({ person_id: move.personId, replaced_person_id: assignment.person_id, trainee: false, source: "backfill", updated_at: now })
      .where("id", "=", assignment.id)
      .execute();
    await recordAudit(tx, auditActorOf(actor), {
      entityType: "rotation_assignment",
      entityId: assignment.id,
      action: "rotation.backfilled",
      before: { personId: assignment.person_id },
      after: { personId: move.personId, planId: assignment.plan_id, stationId: assignment.station_id, shiftId: assignment.shift_id, day: assignment.day },
    }, now);
    done.push({ ...assignmentView(context, { ...assignment, person_id: move.personId }), replacedPersonId: assignment.person_id });
    // People see a draft's shifts once it is published; a published plan's change reaches both of them now.
    if (assignment.plan_status === "published" && move.personId !== assignment.person_id) notices.push(...backfillNotices(context, assignment, move.personId, now));
  }
  await storeNotifications(tx, actor.orgId, notices, now, publicUrl);
  return done;
}
