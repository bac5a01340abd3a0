import { api, withQuery } from "../../api.ts";
import { addDays, compareDates, isoWeekday } from "../../../../src/lib/dates.ts";

export { ROTATION_MANAGER_ROLES } from "./rotation-roles.ts";

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const LEAVE_KINDS = { pto: "PTO", sick: "Sick day", leave: "Leave", "call-out": "Call-out" } as const;
export type LeaveKind = keyof typeof LEAVE_KINDS;

export interface PlanSummary {
  id: string;
  startsOn: string;
  endsOn: string;
  weeks: number;
  status: "draft" | "published" | "superseded";
  solverStatus: string;
  objective: number | null;
  bound: number | null;
  solveMs: number;
  shortfalls: number;
  assignments: number;
  createdAt: string;
  publishedAt: string | null;
}

export interface Shortfall {
  stationId: string;
  shiftId: string;
  day: string;
  needed: number;
  assigned: number;
  message: string;
}

export interface PlanProblem {
  kind: string;
  personId: string | null;
  day: string;
  shiftId: string;
  stationId: string | null;
  message: string;
}

export interface PlanAssignment {
  id: string;
  personId: string;
  stationId: string;
  shiftId: string;
  day: string;
  trainee: boolean;
  source: "planner" | "manual" | "backfill";
  replacedPersonId: string | null;
}

export interface PlanView {
  id: string;
  site: { id: string; code: string; name: string; timeZone: string };
  startsOn: string;
  endsOn: string;
  weeks: number;
  status: PlanSummary["status"];
  solverStatus: string;
  objective: number | null;
  bound: number | null;
  solveMs: number;
  /** In use, and those taken out of use that the plan still holds (`active: false`). */
  stations: { id: string; code: string; name: string; unpopular: boolean; active: boolean }[];
  shifts: { id: string; code: string; name: string; start: string; end: string; peak: boolean; active: boolean }[];
  demand: { stationId: string; shiftId: string; weekday: number; people: number }[];
  people: { id: string; name: string; tier: string; siteCode: string | null; weeklyHours: number | null }[];
  leave: { personId: string; kind: string; startsOn: string; endsOn: string }[];
  assignments: PlanAssignment[];
  problems: PlanProblem[];
  shortfalls: Shortfall[];
}

export interface NewAssignment {
  personId: string;
  stationId: string;
  shiftId: string;
  day: string;
  trainee: boolean;
}

export interface LeaveRequest {
  id: string;
  person: { id: string; name: string; siteId: string };
  kind: LeaveKind;
  startsOn: string;
  endsOn: string;
  note: string | null;
  status: "requested" | "approved" | "rejected" | "cancelled";
  decisionNote: string | null;
  affectedAssignments: number;
}

export interface BackfillCandidate {
  personId: string;
  name: string;
  tier: "same-site" | "floater" | "nearby";
  siteCode: string;
  hoursThisWeek: number;
  weeklyHours: number;
  disruption: number;
  notes: string[];
}

export interface BackfillItem {
  assignment: { id: string; planId: string; day: string; personId: string; personName: string | null; station: { id: string; name: string }; shift: { id: string; name: string } };
  candidates: BackfillCandidate[];
}

export interface Schedule {
  person: { id: string; name: string };
  today: string;
  from: string;
  to: string;
  shifts: { id: string; day: string; startsAt: string; endsAt: string; station: string; shift: string; site: { code: string; name: string; timeZone: string }; trainee: boolean; backfill: boolean }[];
  leave: { id: string; kind: LeaveKind; startsOn: string; endsOn: string; status: LeaveRequest["status"]; note: string | null; decisionNote: string | null }[];
  calendarFeed: { createdAt: string } | null;
}

export interface SetupStation {
  id: string;
  code: string;
  name: string;
  competencies: { competency: string; minProficiency: 1 | 2 | 3 | 4 }[];
  certifications: { anyOf: string[] }[];
  trainingPrograms: string[];
  unpopular: boolean;
  position: number;
  active: boolean;
}

export interface SetupShift {
  id: string;
  code: string;
  name: string;
  start: string;
  end: string;
  lengthMinutes: number;
  peak: boolean;
  active: boolean;
}

export interface DemandCell {
  stationId: string;
  shiftId: string;
  weekday: number;
  people: number;
}

export interface SiteSetup {
  site: { id: string; code: string; name: string; timeZone: string };
  stations: SetupStation[];
  shifts: SetupShift[];
  demand: DemandCell[];
}

export interface StationChanges {
  name: string;
  active: boolean;
  unpopular: boolean;
  competencies: SetupStation["competencies"];
  certifications: SetupStation["certifications"];
}

export interface NewShift {
  code: string;
  name: string;
  start: string;
  end: string;
  peak: boolean;
}

export interface ShiftChanges {
  name: string;
  start: string;
  end: string;
  peak: boolean;
  active: boolean;
}

export interface Availability {
  personId: string;
  homeSiteId: string;
  weeklyHours: number;
  minRestHours: number;
  /** "weekday/shift-code" pairs worked; null for any shift. */
  shifts: string[] | null;
  preferredStations: string[];
  avoidedStations: string[];
  floatSiteIds: string[];
  isDefault: boolean;
}

export type AvailabilityInput = Omit<Availability, "personId" | "homeSiteId" | "isDefault">;

export const siteSetupPath = (siteId: string) => `/api/rotations/sites/${siteId}/setup`;
export const availabilityPath = (personId: string) => `/api/rotations/people/${personId}/availability`;
export const sitePlansPath = (siteId: string) => `/api/rotations/sites/${siteId}/plans`;
export const planPath = (id: string) => `/api/rotations/plans/${id}`;
export const leavePath = (siteId?: string) => withQuery("/api/rotations/leave", { siteId });
export const MY_SCHEDULE_PATH = "/api/rotations/me/schedule";

export const rotationsApi = {
  generate: (siteId: string, startsOn: string, weeks: number) =>
    api.post<{ planId: string; status: string; assignments: number; shortfalls: Shortfall[]; solveMs: number }>("/api/rotations/plans", { siteId, startsOn, weeks }),
  check: (planId: string, changes: { add?: NewAssignment[]; remove?: string[] }) => api.post<{ problems: PlanProblem[]; introduced: PlanProblem[]; shortfalls: Shortfall[] }>(`${planPath(planId)}/check`, changes),
  change: (planId: string, changes: { add?: NewAssignment[]; remove?: string[] }) => api.post<{ added: string[]; removed: string[] }>(`${planPath(planId)}/changes`, changes),
  publish: (planId: string) => api.post<{ status: string }>(`${planPath(planId)}/publish`),
  discard: (planId: string) => api.post<void>(`${planPath(planId)}/discard`),
  requestLeave: (body: { kind: LeaveKind; startsOn: string; endsOn: string; note?: string; personId?: string }) => api.post<LeaveRequest>("/api/rotations/leave", body),
  decideLeave: (id: string, approve: boolean, note?: string) => api.post<LeaveRequest>(`/api/rotations/leave/${id}/decision`, { approve, note }),
  cancelLeave: (id: string) => api.post<LeaveRequest>(`/api/rotations/leave/${id}/cancel`),
  leaveBackfill: (id: string) => api.get<{ items: BackfillItem[] }>(`/api/rotations/leave/${id}/backfill`),
  backfill: (moves: { assignmentId: string; personId: string }[]) => api.post<{ items: unknown[] }>("/api/rotations/backfill", { moves }),
  updateStation: (id: string, changes: StationChanges) => api.patch<SetupStation>(`/api/rotations/stations/${id}`, changes),
  createShift: (siteId: string, shift: NewShift) => api.post<SetupShift>(`/api/rotations/sites/${siteId}/shifts`, shift),
  updateShift: (id: string, changes: ShiftChanges) => api.patch<SetupShift>(`/api/rotations/shifts/${id}`, changes),
  replaceDemand: (siteId: string, rows: DemandCell[]) => api.put<{ rows: DemandCell[] }>(`/api/rotations/sites/${siteId}/demand`, { rows }),
  setAvailability: (personId: string, input: AvailabilityInput) => api.put<Availability>(availabilityPath(personId), input),
  createFeed: () => api.post<{ url: string; path: string }>("/api/rotations/me/calendar-feed"),
  deleteFeed: () => api.delete<void>("/api/rotations/me/calendar-feed"),
};

/** The Monday on or after a calendar date. */
export function nextMonday(today: string): string {
  const weekday = isoWeekday(today);
  return weekday === 1 ? today : addDays(today, 8 - weekday);
}

/**
 * The Monday a new plan most likely starts: the first, on or after today, that none of the site's
 * published plans covers (with this week's and next week's out, the week after next).
 */
export function firstUnplannedMonday(today: string, plans: readonly Pick<PlanSummary, "startsOn" | "endsOn" | "status">[]): string {
  const published = plans.filter((p) => p.status === "published");
  let monday = nextMonday(today);
  while (published.some((p) => compareDates(p.startsOn, monday) <= 0 && compareDates(monday, p.endsOn) <= 0)) monday = addDays(monday, 7);
  return monday;
}

/** The days from a start date. */
export function daysFrom(startsOn: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(startsOn, i));
}

export { compareDates, isoWeekday };

/** A shift's time in the site's zone, e.g. "7:00 AM". */
export function timeInZone(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(instant));
}
