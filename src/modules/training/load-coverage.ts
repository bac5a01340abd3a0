import type { Db, Tx } from "../../db/database.ts";
import { dateInZone, type IsoDate } from "../../lib/dates.ts";
import { assignmentStatus, coverage, type PersonAssignmentStatus } from "./training.rules.ts";
import { loadCompletions, loadMembers, loadOpenAssignments, loadStarts, type AssignmentRow, type CompletionRow, type Member, type PeopleScope } from "./training.queries.ts";

/** One assignment as it stands for one covered person. */
export interface CoverageEntry extends PersonAssignmentStatus {
  assignment: AssignmentRow;
  member: Member;
  /** The day the person joined the group the assignment is for (the assignment day for a person assignment). */
  since: IsoDate;
  startedOn: IsoDate | null;
}

export interface Coverage {
  members: Member[];
  assignments: AssignmentRow[];
  entries: CoverageEntry[];
  completions: CompletionRow[];
  /** Each member's site date at `now`. */
  todayOf: (member: Member) => IsoDate;
}

/**
 * Expands the open assignments over the people in scope, on each person's site date at `now`:
 * who is covered, since when, and the status for each (decision 0006: evaluated, never copied).
 */
export async function loadCoverage(db: Db | Tx, orgId: string, scope: PeopleScope, now: Date): Promise<Coverage> {
  const members = await loadMembers(db, orgId, scope);
  const ids = members.map((m) => m.personId);
  const whole = !scope.siteIds && !scope.personIds;
  const [assignments, completions, starts] = await Promise.all([
    loadOpenAssignments(db, orgId, whole ? undefined : ids),
    loadCompletions(db, orgId, ids),
    loadStarts(db, orgId, ids),
  ]);
  const todays = new Map<string, IsoDate>();
  const todayOf = (member: Member) => todays.get(member.timeZone) ?? todays.set(member.timeZone, dateInZone(now, member.timeZone)).get(member.timeZone)!;
  const byPerson = new Map<string, CompletionRow[]>();
  for (const c of completions) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
  const entries: CoverageEntry[] = [];
  for (const member of members) {
    const today = todayOf(member);
    for (const assignment of assignments) {
      const covered = coverage(assignment, member, today);
      if (!covered) continue;
      const startedOn = starts.get(`${assignment.id}/${member.personId}`) ?? null;
      const status = assignmentStatus(assignment, covered.since, { completions: byPerson.get(member.personId) ?? [], startedOn }, today);
      entries.push({ assignment, member, since: covered.since, startedOn, ...status });
    }
  }
  return { members, assignments, entries, completions, todayOf };
}
