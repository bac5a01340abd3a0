/**
 * Training rules: who an assignment covers on a day, each covered person's own window, and the
 * status of an assignment for a person. Pure: plain data in, decisions out; `today` is passed in.
 */
import type { Role, PersonStatus, TrainingAssignmentKind } from "../../db/schema.ts";
import { addDays, addMonths, compareDates, daysBetween, type IsoDate } from "../../lib/dates.ts";
import type { FieldError } from "../../lib/errors.ts";
import { EXPIRING_SOON_DAYS } from "../certifications/certifications.rules.ts";
import { isLevelInForce, isLevelUpcoming, type LevelHeld } from "../ladder/eligibility.rules.ts";

export type AssignmentStatus = "assigned" | "in-progress" | "completed" | "overdue";

export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ["assigned", "in-progress", "completed", "overdue"];

export type AssignmentTarget =
  | { kind: "person"; personId: string }
  | { kind: "site"; siteId: string }
  /** Everyone holding the level; siteId limits it to one site (null: the whole organization). */
  | { kind: "level"; track: string; level: string; siteId: string | null }
  | { kind: "track"; track: string; siteId: string | null };

export interface AssignmentFact {
  id: string;
  programId: string;
  kind: TrainingAssignmentKind;
  target: AssignmentTarget;
  assignedOn: IsoDate;
  dueOn: IsoDate;
  /** Learning weeks only: the rotation's first and last day (dueOn is the last day). */
  startsOn: IsoDate | null;
  endsOn: IsoDate | null;
}

/** What coverage needs to know about a person. */
export interface MemberFacts {
  personId: string;
  siteId: string;
  role: Role;
  status: PersonStatus;
  /** The day the person arrived at their current site (hire, rehire or transfer). */
  joinedSiteOn: IsoDate;
  levels: LevelHeld[];
}

export interface CompletionFact {
  id: string;
  programId: string;
  assignmentId: string | null;
  completedOn: IsoDate;
  expiresOn: IsoDate | null;
}

/** Assignments to a site, level or track cover the people the ladder is about: technicians and mentors. */
export const GROUP_ROLES: readonly Role[] = ["technician", "mentor"];

/**
 * Whether an assignment covers a person on a day, and since when. Group assignments are evaluated
 * on the day, never copied per person: someone who joins the site, reaches the level or enters
 * the track later is covered from the day they did (decision 0006). Nobody who has left is covered.
 */
export function coverage(assignment: AssignmentFact, member: MemberFacts, today: IsoDate): { since: IsoDate } | null {
  if (member.status === "separated") return null;
  const target = assignment.target;
  if (target.kind === "person") return target.personId === member.personId ? { since: assignment.assignedOn } : null;
  if (!GROUP_ROLES.includes(member.role)) return null;
  if (target.kind === "site") return target.siteId === member.siteId ? { since: member.joinedSiteOn } : null;
  if (target.siteId !== null && target.siteId !== member.siteId) return null;
  if (target.kind === "level") {
    const held = member.levels.find((l) => l.track === target.track && l.level === target.level && isLevelInForce(l, today));
    return held ? { since: held.startedOn } : null;
  }
  if (!member.levels.some((l) => l.track === target.track && isLevelInForce(l, today))) return null;
  const started = member.levels.filter((l) => l.track === target.track && !isLevelUpcoming(l, today)).sort((a, b) => compareDates(a.startedOn, b.startedOn))[0];
  return { since: started.startedOn };
}

/**
 * A covered person's own window: the assignment's, or for someone who joined the group after it
 * was assigned, the same lead time counted from the day they joined (a newcomer is never overdue
 * on arrival).
 */
export function personalWindow(assignment: Pick<AssignmentFact, "assignedOn" | "dueOn">, since: IsoDate): { assignedOn: IsoDate; dueOn: IsoDate } {
  if (compareDates(since, assignment.assignedOn) <= 0) return { assignedOn: assignment.assignedOn, dueOn: assignment.dueOn };
  return { assignedOn: since, dueOn: addDays(since, daysBetween(assignment.assignedOn, assignment.dueOn)) };
}

/** The expiry of a completion: the program's validity counted from the completion day (Jan 31 + 1 month = Feb 28/29). */
export function completionExpiry(completedOn: IsoDate, validityMonths: number | null): IsoDate | null {
  return validityMonths ? addMonths(completedOn, validityMonths) : null;
}

export type CompletionState = "valid" | "expiring" | "expired";

/** A completion counts through its expiry date and stops the day after, like a credential; expiring within the ladder's warning window. */
export function completionState(completion: Pick<CompletionFact, "expiresOn">, today: IsoDate): CompletionState {
  if (completion.expiresOn === null) return "valid";
  if (compareDates(today, completion.expiresOn) > 0) return "expired";
  return daysBetween(today, completion.expiresOn) <= EXPIRING_SOON_DAYS ? "expiring" : "valid";
}

/**
 * The completion that answers an assignment for a person, if any: one recorded against it, one
 * completed during the person's window or later (a late completion still completes it), or an
 * earlier one still valid on the due date (nobody retakes a current training early). A learning
 * week is answered only by a completion of that week.
 */
export function answeringCompletion(
  assignment: Pick<AssignmentFact, "id" | "programId" | "kind" | "startsOn">,
  window: { assignedOn: IsoDate; dueOn: IsoDate },
  completions: readonly CompletionFact[],
  today: IsoDate,
): CompletionFact | undefined {
  const answers = (c: CompletionFact) => {
    if (c.programId !== assignment.programId || compareDates(c.completedOn, today) > 0) return false;
    if (c.assignmentId === assignment.id) return true;
    if (assignment.kind === "learning-week") return c.assignmentId === null && compareDates(c.completedOn, assignment.startsOn!) >= 0;
    if (compareDates(c.completedOn, window.assignedOn) >= 0) return true;
    return c.expiresOn === null || compareDates(c.expiresOn, window.dueOn) >= 0;
  };
  return completions.filter(answers).sort((a, b) => compareDates(b.completedOn, a.completedOn))[0];
}

export interface PersonAssignmentStatus {
  status: AssignmentStatus;
  assignedOn: IsoDate;
  dueOn: IsoDate;
  completion: CompletionFact | null;
  /** Completed after the due date. */
  late: boolean;
  /** Days until due (negative once overdue); null when completed. */
  daysLeft: number | null;
}

/**
 * The status of an assignment for one covered person: completed when a completion answers it;
 * otherwise overdue after the due date; in progress once started (a learning week from its first
 * day); assigned before that.
 */
export function assignmentStatus(
  assignment: AssignmentFact,
  since: IsoDate,
  input: { completions: readonly CompletionFact[]; startedOn: IsoDate | null },
  today: IsoDate,
): PersonAssignmentStatus {
  const window = personalWindow(assignment, since);
  const completion = answeringCompletion(assignment, window, input.completions, today) ?? null;
  if (completion) return { status: "completed", ...window, completion, late: compareDates(completion.completedOn, window.dueOn) > 0, daysLeft: null };
  const daysLeft = daysBetween(today, window.dueOn);
  const base = { ...window, completion: null, late: false, daysLeft };
  if (daysLeft < 0) return { status: "overdue", ...base };
  const started =
    (input.startedOn !== null && compareDates(input.startedOn, today) <= 0) ||
    (assignment.kind === "learning-week" && compareDates(assignment.startsOn!, today) <= 0);
  return { status: started ? "in-progress" : "assigned", ...base };
}

/** Field errors in an assignment's dates: due on or after today; a learning week's last day on or after its first. */
export function assignmentDateProblems(input: { dueOn?: IsoDate; startsOn?: IsoDate; endsOn?: IsoDate }, today: IsoDate): FieldError[] {
  const problems: FieldError[] = [];
  if (input.dueOn !== undefined && compareDates(input.dueOn, today) < 0) problems.push({ field: "dueOn", message: "is in the past" });
  if (input.startsOn !== undefined && input.endsOn !== undefined) {
    if (compareDates(input.endsOn, input.startsOn) < 0) problems.push({ field: "endsOn", message: "is before the first day" });
    else if (daysBetween(input.startsOn, input.endsOn) > 92) problems.push({ field: "endsOn", message: "makes the rotation longer than 3 months" });
  }
  return problems;
}

export interface ModuleProgress {
  completed: number;
  total: number;
  modules: { id: string; title: string; completedOn: IsoDate | null }[];
}

/**
 * A program's progress for one person: its modules completed since the person's last completion
 * of the program (the current round: a recurring program's modules are taken again for each
 * completion). Once all are completed the program itself is recorded completed.
 */
export function moduleProgress(
  modules: readonly { id: string; title: string }[],
  moduleCompletions: readonly { moduleId: string; completedOn: IsoDate }[],
  lastCompletedOn: IsoDate | null,
): ModuleProgress {
  const inRound = moduleCompletions.filter((c) => lastCompletedOn === null || compareDates(c.completedOn, lastCompletedOn) > 0);
  const list = modules.map((m) => {
    const dates = inRound.filter((c) => c.moduleId === m.id).map((c) => c.completedOn).sort(compareDates);
    return { id: m.id, title: m.title, completedOn: dates[0] ?? null };
  });
  return { completed: list.filter((m) => m.completedOn !== null).length, total: modules.length, modules: list };
}
