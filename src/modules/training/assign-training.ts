import type { Tx } from "../../db/database.ts";
import { compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit, type AuditInput } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import { can, type Actor } from "../auth/policy.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { getPerson } from "../roster/index.ts";
import { loadCoverage } from "./load-coverage.ts";
import { assignmentDateProblems } from "./training.rules.ts";
import { getAssignment, getProgram, type AssignmentRow } from "./training.queries.ts";

export type AssignTarget =
  | { kind: "people"; personIds: string[] }
  | { kind: "site"; siteId: string }
  | { kind: "level"; track: string; level: string; siteId?: string | null }
  | { kind: "track"; track: string; siteId?: string | null };

export interface AssignInput {
  programId: string;
  target: AssignTarget;
  dueOn: IsoDate;
  note?: string | null;
}

export interface LearningWeekInput {
  personId: string;
  programId: string;
  station: string;
  supervisorId: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  note?: string | null;
}

const fail = (problems: FieldError[]) => {
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
};

/** The actor's date, at their home site: the day an assignment is made. */
async function actorToday(tx: Tx, actor: Actor, now: Date): Promise<IsoDate> {
  const site = await tx.selectFrom("sites").select("time_zone").where("id", "=", actor.homeSiteId).executeTakeFirstOrThrow();
  return dateInZone(now, site.time_zone);
}

async function activeProgram(tx: Tx, actor: Actor, programId: string) {
  const program = await getProgram(tx, actor.orgId, programId);
  if (!program.active) fail([{ field: "programId", message: `"${program.name}" is inactive and takes no new assignments` }]);
  return program;
}

function mayAssign(actor: Actor, siteId: string | null, what: string) {
  if (!can(actor, "training.assign", { orgId: actor.orgId, siteId })) {
    throw new AppError("FORBIDDEN", siteId === null ? "Only an administrator assigns a training to the whole organization" : `You cannot assign trainings to ${what}`);
  }
}

/**
 * Assigns a program: to people (one assignment each: bulk assignment), or to a site, a level or a
 * track as one assignment that covers whoever is in that group on any day (decision 0006).
 */
export async function assignTraining(tx: Tx, actor: Actor, input: AssignInput, now: Date) {
  const [program, today] = await Promise.all([activeProgram(tx, actor, input.programId), actorToday(tx, actor, now)]);
  const problems = assignmentDateProblems({ dueOn: input.dueOn }, today);
  const base = { org_id: actor.orgId, program_id: program.id, assigned_on: today, due_on: input.dueOn, note: input.note?.trim() || null, created_by: actor.personId, created_at: now };
  type Row = typeof base & { target: "person" | "site" | "level" | "track"; person_id?: string; site_id?: string | null; track_code?: string; level_code?: string };
  const rows: Row[] = [];
  const target = input.target;
  if (target.kind === "people") {
    const unique = [...new Set(target.personIds)];
    const people = await tx.selectFrom("people").select(["id", "site_id", "status", "first_name", "last_name"]).where("org_id", "=", actor.orgId).where("id", "in", unique).execute();
    unique.forEach((id, i) => {
      const person = people.find((p) => p.id === id);
      if (!person) problems.push({ field: `target.personIds.${i}`, message: "is not a person of this organization" });
      else if (person.status === "separated") problems.push({ field: `target.personIds.${i}`, message: `${person.first_name} ${person.last_name} has left the organization` });
    });
    fail(problems);
    for (const person of people) {
      mayAssign(actor, person.site_id, `${person.first_name} ${person.last_name}`);
      rows.push({ ...base, target: "person", person_id: person.id });
    }
  } else if (target.kind === "site") {
    const site = await tx.selectFrom("sites").select(["id", "code"]).where("org_id", "=", actor.orgId).where("id", "=", target.siteId).executeTakeFirst();
    if (!site) problems.push({ field: "target.siteId", message: "is not a site of this organization" });
    fail(problems);
    mayAssign(actor, site!.id, `site ${site!.code}`);
    rows.push({ ...base, target: "site", site_id: site!.id });
  } else {
    const { definition } = await getPublishedFramework(tx, actor.orgId);
    const track = definition.tracks.find((t) => t.code === target.track);
    if (!track) problems.push({ field: "target.track", message: `"${target.track}" is not a track of the framework in force` });
    else if (target.kind === "level" && !track.levels.some((l) => l.code === target.level)) problems.push({ field: "target.level", message: `"${target.level}" is not a level of ${track.name}` });
    const siteId = target.siteId ?? null;
    if (siteId) {
      const site = await tx.selectFrom("sites").select("id").where("org_id", "=", actor.orgId).where("id", "=", siteId).executeTakeFirst();
      if (!site) problems.push({ field: "target.siteId", message: "is not a site of this organization" });
    }
    fail(problems);
    mayAssign(actor, siteId, "that site");
    rows.push({ ...base, target: target.kind, site_id: siteId, track_code: target.track, level_code: target.kind === "level" ? target.level : undefined });
  }
  if (rows.length === 0) fail([{ field: "target.personIds", message: "names nobody" }]);
  const created = await tx.insertInto("training_assignments").values(rows).returning(["id", "target", "person_id", "site_id", "track_code", "level_code"]).execute();
  const audit: AuditInput[] = created.map((a) => ({
    entityType: "training_assignment",
    entityId: a.id,
    action: "training.assigned",
    after: { program: program.code, target: a.target, personId: a.person_id, siteId: a.site_id, track: a.track_code, level: a.level_code, assignedOn: today, dueOn: input.dueOn, note: base.note },
  }));
  await recordAudit(tx, auditActorOf(actor), audit, now);
  return { ids: created.map((a) => a.id), program: { id: program.id, code: program.code, name: program.name } };
}

/** Schedules a learning week: a cross-training rotation for one person at a station, with a supervisor, over a date range. */
export async function scheduleLearningWeek(tx: Tx, actor: Actor, input: LearningWeekInput, now: Date) {
  const [program, today, person] = await Promise.all([activeProgram(tx, actor, input.programId), actorToday(tx, actor, now), getPerson(tx, actor.orgId, input.personId)]);
  const problems = assignmentDateProblems({ startsOn: input.startsOn, endsOn: input.endsOn }, today);
  if (compareDates(input.endsOn, today) < 0) problems.push({ field: "endsOn", message: "is in the past" });
  if (person.status === "separated") problems.push({ field: "personId", message: `${person.first_name} ${person.last_name} has left the organization` });
  const supervisor = await tx.selectFrom("people").select(["id", "status"]).where("org_id", "=", actor.orgId).where("id", "=", input.supervisorId).executeTakeFirst();
  if (!supervisor) problems.push({ field: "supervisorId", message: "is not a person of this organization" });
  else if (supervisor.status === "separated") problems.push({ field: "supervisorId", message: "has left the organization" });
  else if (supervisor.id === person.id) problems.push({ field: "supervisorId", message: "is the person rotating; choose someone else" });
  const overlap = await tx
    .selectFrom("training_assignments")
    .select(["station", "starts_on", "ends_on"])
    .where("org_id", "=", actor.orgId)
    .where("person_id", "=", person.id)
    .where("kind", "=", "learning-week")
    .where("cancelled_at", "is", null)
    .where("starts_on", "<=", input.endsOn)
    .where("ends_on", ">=", input.startsOn)
    .executeTakeFirst();
  if (overlap) problems.push({ field: "startsOn", message: `overlaps the learning week at ${overlap.station} (${overlap.starts_on} to ${overlap.ends_on})` });
  fail(problems);
  mayAssign(actor, person.site_id, `${person.first_name} ${person.last_name}`);
  const assignedOn = compareDates(input.startsOn, today) < 0 ? input.startsOn : today;
  const row = await tx
    .insertInto("training_assignments")
    .values({
      org_id: actor.orgId,
      program_id: program.id,
      kind: "learning-week",
      target: "person",
      person_id: person.id,
      assigned_on: assignedOn,
      due_on: input.endsOn,
      note: input.note?.trim() || null,
      station: input.station.trim(),
      supervisor_id: input.supervisorId,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      created_by: actor.personId,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "training_assignment",
    entityId: row.id,
    action: "training.learning_week_scheduled",
    after: { program: program.code, personId: person.id, station: input.station.trim(), supervisorId: input.supervisorId, startsOn: input.startsOn, endsOn: input.endsOn },
  }, now);
  return getAssignment(tx, actor.orgId, row.id, "id");
}

/** The site whose manager answers for an assignment: the person's, the site's, or a level or track assignment's scope. */
export async function assignmentSite(tx: Tx, orgId: string, assignment: AssignmentRow): Promise<string | null> {
  if (assignment.target.kind === "person") return (await getPerson(tx, orgId, assignment.target.personId)).site_id;
  return assignment.siteId;
}

/** Cancels an assignment (kept, with the reason); completions already recorded stay. */
export async function cancelAssignment(tx: Tx, actor: Actor, assignmentId: string, reason: string, now: Date) {
  const assignment = await getAssignment(tx, actor.orgId, assignmentId, "id");
  mayAssign(actor, await assignmentSite(tx, actor.orgId, assignment), "this assignment");
  if (assignment.cancelledAt) throw new AppError("CONFLICT", "This assignment is already cancelled");
  await tx.updateTable("training_assignments").set({ cancelled_at: now, cancelled_by: actor.personId, cancel_reason: reason.trim() }).where("id", "=", assignment.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "training_assignment", entityId: assignment.id, action: "training.assignment_cancelled", after: { reason: reason.trim() } }, now);
}

/** Marks that a covered person has started an assigned training today: the person, or whoever manages them. */
export async function startTraining(tx: Tx, actor: Actor, assignmentId: string, personId: string, now: Date) {
  const person = await getPerson(tx, actor.orgId, personId);
  if (actor.personId !== person.id && !can(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id })) {
    throw new AppError("FORBIDDEN", "Only the person or their manager marks a training started");
  }
  const { entries, todayOf } = await loadCoverage(tx, actor.orgId, { personIds: [person.id] }, now);
  const entry = entries.find((e) => e.assignment.id === assignmentId);
  if (!entry) throw new AppError("NOT_FOUND", "This training is not assigned to this person");
  if (entry.startedOn || entry.status === "completed") return entry;
  const today = todayOf(entry.member);
  await tx.insertInto("training_starts").values({ assignment_id: assignmentId, person_id: person.id, org_id: actor.orgId, started_on: today, recorded_by: actor.personId, recorded_at: now }).onConflict((oc) => oc.columns(["assignment_id", "person_id"]).doNothing()).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "training_assignment", entityId: assignmentId, action: "training.started", after: { personId: person.id, startedOn: today } }, now);
  return { ...entry, startedOn: today, status: entry.status === "assigned" ? ("in-progress" as const) : entry.status };
}
