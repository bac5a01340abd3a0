import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { PersonStatus, Role, TrainingAssignmentKind, TrainingCategory, TrainingDelivery, TrainingTarget } from "../../db/schema.ts";
import { dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import type { LevelHeld } from "../ladder/eligibility.rules.ts";
import { TRAINING_CATALOG } from "./catalog.ts";
import type { AssignmentFact, AssignmentTarget, CompletionFact, MemberFacts } from "./training.rules.ts";

// --- Programs --------------------------------------------------------------------------------

export interface ProgramDto {
  id: string;
  code: string;
  name: string;
  description: string;
  category: TrainingCategory;
  validityMonths: number | null;
  validityVerify: boolean;
  source: string | null;
  shipped: boolean;
  active: boolean;
  modules: { id: string; title: string; delivery: TrainingDelivery; provider: string | null; hours: number; ceHours: number; costCents: number }[];
  totals: { hours: number; ceHours: number; costCents: number };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const SHIPPED_ORDER = new Map(TRAINING_CATALOG.map((p, i) => [p.code, i]));

/** The organization's programs with their modules, shipped ones in catalog order first, then by name. */
export async function listPrograms(db: Db | Tx, orgId: string, filter: { ids?: string[] } = {}): Promise<ProgramDto[]> {
  let query = db.selectFrom("training_programs").selectAll().where("org_id", "=", orgId);
  if (filter.ids) query = filter.ids.length ? query.where("id", "in", filter.ids) : query.where((eb) => eb.lit(false));
  const rows = await query.orderBy("created_at").orderBy("name").execute();
  if (rows.length === 0) return [];
  // Shipped programs in catalog order, then the organization's own in the order they were added.
  const order = (code: string) => SHIPPED_ORDER.get(code) ?? SHIPPED_ORDER.size;
  const programs = [...rows].sort((a, b) => (a.shipped ? order(a.code) : SHIPPED_ORDER.size) - (b.shipped ? order(b.code) : SHIPPED_ORDER.size));
  const modules = await db
    .selectFrom("training_modules")
    .selectAll()
    .where("program_id", "in", programs.map((p) => p.id))
    .orderBy("program_id")
    .orderBy("position")
    .execute();
  return programs.map((p) => {
    const mine = modules.filter((m) => m.program_id === p.id);
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      description: p.description,
      category: p.category,
      validityMonths: p.validity_months,
      validityVerify: p.validity_verify,
      source: p.source,
      shipped: p.shipped,
      active: p.active,
      modules: mine.map((m) => ({ id: m.id, title: m.title, delivery: m.delivery, provider: m.provider, hours: Number(m.hours), ceHours: Number(m.ce_hours), costCents: m.cost_cents })),
      totals: {
        hours: round2(mine.reduce((sum, m) => sum + Number(m.hours), 0)),
        ceHours: round2(mine.reduce((sum, m) => sum + Number(m.ce_hours), 0)),
        costCents: mine.reduce((sum, m) => sum + m.cost_cents, 0),
      },
    };
  });
}

export async function getProgram(db: Db | Tx, orgId: string, programId: string, field = "programId"): Promise<ProgramDto> {
  const [program] = await listPrograms(db, orgId, { ids: [programId] });
  if (!program) throw field === "id" ? new AppError("NOT_FOUND", "Training program not found") : new AppError("VALIDATION_FAILED", "No such training program in this organization", [{ field, message: "is not a training program of this organization" }]);
  return program;
}

// --- People covered by assignments -------------------------------------------------------------

export interface Member extends MemberFacts {
  firstName: string;
  lastName: string;
  employeeId: string;
  siteCode: string;
  timeZone: string;
  hireDate: IsoDate;
}

/** Which people to load: some sites, some people, or (neither) the whole organization. Never anyone who has left. */
export interface PeopleScope {
  siteIds?: string[];
  personIds?: string[];
}

/** People with what coverage needs: site and the day they arrived there, role, status and levels. */
export async function loadMembers(db: Db | Tx, orgId: string, scope: PeopleScope): Promise<Member[]> {
  if ((scope.siteIds && scope.siteIds.length === 0) || (scope.personIds && scope.personIds.length === 0)) return [];
  let query = db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select([
      "p.id",
      "p.first_name",
      "p.last_name",
      "p.employee_id",
      "p.site_id",
      "p.role",
      "p.status",
      "p.hire_date",
      "s.code",
      "s.time_zone",
      sql<IsoDate>`coalesce((SELECT max(e.effective_date) FROM employment_events e
        WHERE e.person_id = p.id AND e.site_id = p.site_id AND e.kind IN ('hire', 'rehire', 'transfer')), p.hire_date)`.as("joined_site_on"),
    ])
    .where("p.org_id", "=", orgId)
    .where("p.status", "!=", "separated");
  if (scope.siteIds) query = query.where("p.site_id", "in", scope.siteIds);
  if (scope.personIds) query = query.where("p.id", "in", scope.personIds);
  const people = await query.orderBy("p.last_name").orderBy("p.first_name").execute();
  if (people.length === 0) return [];
  const levels = await db
    .selectFrom("person_levels as l")
    .innerJoin("people as p", "p.id", "l.person_id")
    .select(["l.person_id", "l.track_code", "l.level_code", "l.started_on", "l.ended_on"])
    .where("l.org_id", "=", orgId)
    .where("p.status", "!=", "separated")
    .$if(Boolean(scope.siteIds), (q) => q.where("p.site_id", "in", scope.siteIds!))
    .$if(Boolean(scope.personIds), (q) => q.where("p.id", "in", scope.personIds!))
    .orderBy("l.started_on")
    .execute();
  const byPerson = new Map<string, LevelHeld[]>();
  for (const l of levels) {
    const list = byPerson.get(l.person_id) ?? [];
    list.push({ track: l.track_code, level: l.level_code, startedOn: l.started_on, endedOn: l.ended_on });
    byPerson.set(l.person_id, list);
  }
  return people.map((p) => ({
    personId: p.id,
    firstName: p.first_name,
    lastName: p.last_name,
    employeeId: p.employee_id,
    siteId: p.site_id,
    siteCode: p.code,
    timeZone: p.time_zone,
    role: p.role as Role,
    status: p.status as PersonStatus,
    hireDate: p.hire_date,
    joinedSiteOn: p.joined_site_on,
    levels: byPerson.get(p.id) ?? [],
  }));
}

// --- Assignments ------------------------------------------------------------------------------

export interface AssignmentRow extends AssignmentFact {
  programCode: string;
  programName: string;
  targetKind: TrainingTarget;
  siteId: string | null;
  note: string | null;
  station: string | null;
  supervisorId: string | null;
  supervisorName: string | null;
  cancelledAt: string | null;
  createdBy: string | null;
}

function assignmentsQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom("training_assignments as a")
    .innerJoin("training_programs as tp", "tp.id", "a.program_id")
    .leftJoin("people as sup", "sup.id", "a.supervisor_id")
    .select([
      "a.id",
      "a.program_id",
      "tp.code as program_code",
      "tp.name as program_name",
      "a.kind",
      "a.target",
      "a.person_id",
      "a.site_id",
      "a.track_code",
      "a.level_code",
      "a.assigned_on",
      "a.due_on",
      "a.note",
      "a.station",
      "a.supervisor_id",
      "sup.first_name as supervisor_first",
      "sup.last_name as supervisor_last",
      "a.starts_on",
      "a.ends_on",
      "a.cancelled_at",
      "a.created_by",
    ])
    .where("a.org_id", "=", orgId);
}

type RawAssignment = Awaited<ReturnType<ReturnType<typeof assignmentsQuery>["execute"]>>[number];

function targetOf(a: RawAssignment): AssignmentTarget {
  switch (a.target) {
    case "person":
      return { kind: "person", personId: a.person_id! };
    case "site":
      return { kind: "site", siteId: a.site_id! };
    case "level":
      return { kind: "level", track: a.track_code!, level: a.level_code!, siteId: a.site_id };
    case "track":
      return { kind: "track", track: a.track_code!, siteId: a.site_id };
  }
}

function toAssignmentRow(a: RawAssignment): AssignmentRow {
  return {
    id: a.id,
    programId: a.program_id,
    programCode: a.program_code,
    programName: a.program_name,
    kind: a.kind as TrainingAssignmentKind,
    target: targetOf(a),
    targetKind: a.target,
    siteId: a.site_id,
    assignedOn: a.assigned_on,
    dueOn: a.due_on,
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    note: a.note,
    station: a.station,
    supervisorId: a.supervisor_id,
    supervisorName: a.supervisor_first ? `${a.supervisor_first} ${a.supervisor_last}` : null,
    cancelledAt: a.cancelled_at ? new Date(a.cancelled_at).toISOString() : null,
    createdBy: a.created_by,
  };
}

/**
 * Assignments in force (not cancelled) that can cover the people given: every group assignment of
 * the organization, and the person assignments of those people (all of them without a list).
 */
export async function loadOpenAssignments(db: Db | Tx, orgId: string, personIds?: string[]): Promise<AssignmentRow[]> {
  let query = assignmentsQuery(db, orgId).where("a.cancelled_at", "is", null);
  if (personIds) query = personIds.length ? query.where((eb) => eb.or([eb("a.target", "!=", "person"), eb("a.person_id", "in", personIds)])) : query.where("a.target", "!=", "person");
  return (await query.orderBy("a.due_on").orderBy("a.created_at").execute()).map(toAssignmentRow);
}

export async function getAssignment(db: Db | Tx, orgId: string, assignmentId: string, field = "assignmentId"): Promise<AssignmentRow> {
  const row = await assignmentsQuery(db, orgId).where("a.id", "=", assignmentId).executeTakeFirst();
  if (!row) throw field === "id" ? new AppError("NOT_FOUND", "Training assignment not found") : new AppError("VALIDATION_FAILED", "No such training assignment in this organization", [{ field, message: "is not an assignment of this organization" }]);
  return toAssignmentRow(row);
}

// --- Completions and starts -------------------------------------------------------------------

export interface CompletionRow extends CompletionFact {
  personId: string;
  programCode: string;
  programName: string;
  note: string | null;
  evidenceFile: { id: string; fileName: string } | null;
  recordedBy: string;
  recordedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

function completionsQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom("training_completions as c")
    .innerJoin("training_programs as tp", "tp.id", "c.program_id")
    .innerJoin("people as r", "r.id", "c.recorded_by")
    .leftJoin("evidence_files as e", "e.id", "c.evidence_file_id")
    .select([
      "c.id",
      "c.person_id",
      "c.program_id",
      "tp.code",
      "tp.name",
      "c.assignment_id",
      "c.completed_on",
      "c.expires_on",
      "c.note",
      "c.evidence_file_id",
      "e.file_name",
      "r.first_name",
      "r.last_name",
      "c.recorded_at",
      "c.revoked_at",
      "c.revocation_reason",
    ])
    .where("c.org_id", "=", orgId);
}

function toCompletionRow(c: Awaited<ReturnType<ReturnType<typeof completionsQuery>["execute"]>>[number]): CompletionRow {
  return {
    id: c.id,
    personId: c.person_id,
    programId: c.program_id,
    programCode: c.code,
    programName: c.name,
    assignmentId: c.assignment_id,
    completedOn: c.completed_on,
    expiresOn: c.expires_on,
    note: c.note,
    evidenceFile: c.evidence_file_id && c.file_name ? { id: c.evidence_file_id, fileName: c.file_name } : null,
    recordedBy: `${c.first_name} ${c.last_name}`,
    recordedAt: new Date(c.recorded_at).toISOString(),
    revokedAt: c.revoked_at ? new Date(c.revoked_at).toISOString() : null,
    revocationReason: c.revocation_reason,
  };
}

/** Completions of these people, newest first; revoked ones only when asked (a person's own history shows them). */
export async function loadCompletions(db: Db | Tx, orgId: string, personIds: string[], options: { includeRevoked?: boolean } = {}): Promise<CompletionRow[]> {
  if (personIds.length === 0) return [];
  let query = completionsQuery(db, orgId).where("c.person_id", "in", personIds);
  if (!options.includeRevoked) query = query.where("c.revoked_at", "is", null);
  return (await query.orderBy("c.completed_on", "desc").orderBy("c.recorded_at", "desc").execute()).map(toCompletionRow);
}

export async function getCompletion(db: Db | Tx, orgId: string, completionId: string): Promise<CompletionRow> {
  const row = await completionsQuery(db, orgId).where("c.id", "=", completionId).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "Training completion not found");
  return toCompletionRow(row);
}

/** When each of these people started each assignment: "assignmentId/personId" → date. */
export async function loadStarts(db: Db | Tx, orgId: string, personIds: string[]): Promise<Map<string, IsoDate>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom("training_starts").select(["assignment_id", "person_id", "started_on"]).where("org_id", "=", orgId).where("person_id", "in", personIds).execute();
  return new Map(rows.map((r) => [`${r.assignment_id}/${r.person_id}`, r.started_on]));
}

/** A site's date at an instant, by the site's time zone. */
export async function siteToday(db: Db | Tx, siteId: string, now: Date): Promise<IsoDate> {
  const site = await db.selectFrom("sites").select("time_zone").where("id", "=", siteId).executeTakeFirstOrThrow();
  return dateInZone(now, site.time_zone);
}
