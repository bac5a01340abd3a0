import type { Db } from "../../db/database.ts";
import { compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { authorize } from "../auth/index.ts";
import { can, type Actor } from "../auth/policy.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import type { FrameworkDefinition } from "../ladder/framework.types.ts";
import { getPerson } from "../roster/index.ts";
import { loadCoverage, type CoverageEntry } from "./load-coverage.ts";
import { ensureTrainingCatalog } from "./sync-catalog.ts";
import { loadModuleProgress } from "./record-module-completion.ts";
import { completionState, type AssignmentStatus, type ModuleProgress } from "./training.rules.ts";
import { listPrograms, loadCompletions, type AssignmentRow, type CompletionRow } from "./training.queries.ts";

const STATUS_ORDER: Record<AssignmentStatus, number> = { overdue: 0, "in-progress": 1, assigned: 2, completed: 3 };

/** Who an assignment is for, in words: "Kevin Nguyen", "everyone at OH-101", "Pharmacy Technician I at OH-101". */
export function targetLabel(assignment: AssignmentRow, framework: FrameworkDefinition, sites: Map<string, string>, people: Map<string, string>): string {
  const t = assignment.target;
  const at = (siteId: string | null) => (siteId ? ` at ${sites.get(siteId) ?? "a site"}` : " (whole organization)");
  switch (t.kind) {
    case "person":
      return people.get(t.personId) ?? "One person";
    case "site":
      return `Everyone at ${sites.get(t.siteId) ?? "a site"}`;
    case "level": {
      const track = framework.tracks.find((x) => x.code === t.track);
      return `${track?.levels.find((l) => l.code === t.level)?.name ?? `${t.track}/${t.level}`}${at(t.siteId)}`;
    }
    case "track":
      return `${framework.tracks.find((x) => x.code === t.track)?.name ?? t.track}${at(t.siteId)}`;
  }
}

async function labelContext(db: Db, orgId: string, entries: readonly { assignment: AssignmentRow }[]) {
  const personIds = [...new Set(entries.flatMap((e) => (e.assignment.target.kind === "person" ? [e.assignment.target.personId] : [])))];
  const [{ definition }, sites, people] = await Promise.all([
    getPublishedFramework(db, orgId),
    db.selectFrom("sites").select(["id", "code"]).where("org_id", "=", orgId).execute(),
    personIds.length ? db.selectFrom("people").select(["id", "first_name", "last_name"]).where("org_id", "=", orgId).where("id", "in", personIds).execute() : Promise.resolve([]),
  ]);
  return {
    framework: definition,
    sites: new Map(sites.map((s) => [s.id, s.code])),
    people: new Map(people.map((p) => [p.id, `${p.first_name} ${p.last_name}`])),
  };
}

function assignmentDto(a: AssignmentRow, label: string) {
  return {
    id: a.id,
    programId: a.programId,
    programCode: a.programCode,
    programName: a.programName,
    kind: a.kind,
    target: a.targetKind,
    targetLabel: label,
    assignedOn: a.assignedOn,
    dueOn: a.dueOn,
    note: a.note,
    station: a.station,
    supervisorId: a.supervisorId,
    supervisorName: a.supervisorName,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
  };
}

function entryDto(e: CoverageEntry) {
  return {
    status: e.status,
    assignedOn: e.assignedOn,
    dueOn: e.dueOn,
    daysLeft: e.daysLeft,
    late: e.late,
    startedOn: e.startedOn,
    completion: e.completion ? { id: e.completion.id, completedOn: e.completion.completedOn, expiresOn: e.completion.expiresOn } : null,
  };
}

function completionDto(c: CompletionRow, today: IsoDate) {
  return {
    id: c.id,
    programId: c.programId,
    programCode: c.programCode,
    programName: c.programName,
    assignmentId: c.assignmentId,
    completedOn: c.completedOn,
    expiresOn: c.expiresOn,
    state: c.revokedAt ? ("revoked" as const) : completionState(c, today),
    note: c.note,
    evidenceFile: c.evidenceFile,
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt,
    revokedAt: c.revokedAt,
    revocationReason: c.revocationReason,
  };
}

function progressDto(p: ModuleProgress | undefined) {
  return p ? { completed: p.completed, total: p.total, modules: p.modules } : null;
}

const byUrgency = (a: { status: AssignmentStatus; dueOn: IsoDate }, b: { status: AssignmentStatus; dueOn: IsoDate }) =>
  STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.status === "completed" ? compareDates(b.dueOn, a.dueOn) : compareDates(a.dueOn, b.dueOn));

/** A person's trainings: assignments with their status (learning weeks among them), and every completion recorded. */
export async function personTrainings(db: Db, actor: Actor, personId: string, now: Date) {
  await ensureTrainingCatalog(db, actor.orgId, now);
  const person = await getPerson(db, actor.orgId, personId);
  const ref = { id: person.id, orgId: person.org_id, siteId: person.site_id };
  authorize(actor, "person.read", ref);
  const [coverage, completions, site, progress] = await Promise.all([
    loadCoverage(db, actor.orgId, { personIds: [person.id] }, now),
    loadCompletions(db, actor.orgId, [person.id], { includeRevoked: true }),
    db.selectFrom("sites").select("time_zone").where("id", "=", person.site_id).executeTakeFirstOrThrow(),
    listPrograms(db, actor.orgId).then(async (programs) => ({ programs, byKey: await loadModuleProgress(db, actor.orgId, [person.id], programs) })),
  ]);
  const programNames = new Map(progress.programs.map((p) => [p.id, { code: p.code, name: p.name }]));
  const today = dateInZone(now, site.time_zone);
  const labels = await labelContext(db, actor.orgId, coverage.entries);
  const mayManage = can(actor, "person.write", ref);
  const isSelf = actor.personId === person.id;
  const items = coverage.entries
    .map((e) => ({
      ...assignmentDto(e.assignment, isSelf && e.assignment.target.kind === "person" ? "You" : targetLabel(e.assignment, labels.framework, labels.sites, labels.people)),
      ...entryDto(e),
      progress: progressDto(progress.byKey.get(`${person.id}/${e.assignment.programId}`)),
      canStart: (isSelf || mayManage) && e.status !== "completed" && e.startedOn === null && e.assignment.kind === "training",
      canComplete: can(actor, "training.complete", { ...ref, supervisorId: e.assignment.kind === "learning-week" ? e.assignment.supervisorId : null }) && e.status !== "completed",
    }))
    .sort(byUrgency);
  return {
    person: { id: person.id, firstName: person.first_name, lastName: person.last_name, siteId: person.site_id, siteCode: person.site_code },
    today,
    items,
    completions: completions.map((c) => completionDto(c, today)),
    // Programs with modules under way in the current round (those assigned show their progress above).
    inProgress: [...progress.byKey.entries()]
      .filter(([key, p]) => p.completed > 0 && p.completed < p.total && !coverage.entries.some((e) => `${person.id}/${e.assignment.programId}` === key))
      .map(([key, p]) => {
        const programId = key.split("/")[1];
        return { programId, programCode: programNames.get(programId)?.code ?? "", programName: programNames.get(programId)?.name ?? "", ...progressDto(p)! };
      }),
    permissions: {
      canReport: isSelf,
      canRecordCompletion: can(actor, "training.complete", { ...ref, supervisorId: null }),
      canAssign: can(actor, "training.assign", { orgId: person.org_id, siteId: person.site_id }),
      canRecordEvidence: can(actor, "person.recordEvidence", ref),
    },
  };
}

/** The sites an actor's training views cover: one asked for (if theirs), or all of theirs; undefined is the whole organization. */
async function siteScope(db: Db, actor: Actor, siteId: string | undefined): Promise<string[] | undefined> {
  if (siteId) {
    const site = await db.selectFrom("sites").select("id").where("org_id", "=", actor.orgId).where("id", "=", siteId).executeTakeFirst();
    if (!site) throw new AppError("NOT_FOUND", "Site not found");
    authorize(actor, "site.staff", { orgId: actor.orgId, id: site.id });
    return [site.id];
  }
  return actor.role === "admin" ? undefined : actor.managedSiteIds;
}

/**
 * Assignments as they stand for the people the actor manages (a site, their sites, or for an
 * admin the organization): per assignment, the covered people with their status and the counts.
 */
export async function trainingOverview(db: Db, actor: Actor, filter: { siteId?: string; kind?: "training" | "learning-week" }, now: Date) {
  await ensureTrainingCatalog(db, actor.orgId, now);
  const siteIds = await siteScope(db, actor, filter.siteId);
  const coverage = await loadCoverage(db, actor.orgId, { siteIds }, now);
  const kind = filter.kind ?? "training";
  const entries = coverage.entries.filter((e) => e.assignment.kind === kind);
  const inScope = (siteId: string | null) => (siteIds === undefined ? true : siteId !== null && siteIds.includes(siteId));
  const shown = coverage.assignments.filter(
    (a) => a.kind === kind && (entries.some((e) => e.assignment.id === a.id) || (a.target.kind !== "person" && (inScope(a.siteId) || (siteIds === undefined && a.siteId === null)))),
  );
  const labels = await labelContext(db, actor.orgId, shown.map((assignment) => ({ assignment })));
  const items = shown.map((a) => {
    const people = entries
      .filter((e) => e.assignment.id === a.id)
      .map((e) => ({
        personId: e.member.personId,
        firstName: e.member.firstName,
        lastName: e.member.lastName,
        siteCode: e.member.siteCode,
        ...entryDto(e),
      }))
      .sort((x, y) => byUrgency(x, y) || x.lastName.localeCompare(y.lastName));
    const counts: Record<AssignmentStatus, number> = { assigned: 0, "in-progress": 0, completed: 0, overdue: 0 };
    for (const p of people) counts[p.status]++;
    return { ...assignmentDto(a, targetLabel(a, labels.framework, labels.sites, labels.people)), counts, people };
  });
  items.sort((x, y) => compareDates(x.kind === "learning-week" ? x.startsOn! : x.dueOn, y.kind === "learning-week" ? y.startsOn! : y.dueOn));
  const totals: Record<AssignmentStatus, number> = { assigned: 0, "in-progress": 0, completed: 0, overdue: 0 };
  for (const item of items) for (const s of Object.keys(totals) as AssignmentStatus[]) totals[s] += item.counts[s];
  return { items, totals };
}

/** The learning weeks the actor supervises (not cancelled), with the rotating person's status: the supervisor records them done. */
export async function supervisedWeeks(db: Db, actor: Actor, now: Date) {
  const rows = await db
    .selectFrom("training_assignments")
    .select("person_id")
    .where("org_id", "=", actor.orgId)
    .where("kind", "=", "learning-week")
    .where("supervisor_id", "=", actor.personId)
    .where("cancelled_at", "is", null)
    .execute();
  const personIds = [...new Set(rows.map((r) => r.person_id!))];
  if (personIds.length === 0) return { items: [] };
  const coverage = await loadCoverage(db, actor.orgId, { personIds }, now);
  const entries = coverage.entries.filter((e) => e.assignment.kind === "learning-week" && e.assignment.supervisorId === actor.personId);
  const labels = await labelContext(db, actor.orgId, entries);
  return {
    items: entries
      .map((e) => ({
        ...assignmentDto(e.assignment, targetLabel(e.assignment, labels.framework, labels.sites, labels.people)),
        person: { id: e.member.personId, firstName: e.member.firstName, lastName: e.member.lastName, siteCode: e.member.siteCode },
        ...entryDto(e),
      }))
      .sort((a, b) => compareDates(a.startsOn!, b.startsOn!)),
  };
}
