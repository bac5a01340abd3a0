import { addDays, compareDates, daysBetween, instantInZone, isoWeekday, type IsoDate } from "../../lib/dates.ts";
import type { QualificationCheck } from "./qualification.rules.ts";

/** A shift a site runs, in local wall-clock minutes after midnight. */
export interface ShiftDef {
  id: string;
  code: string;
  name: string;
  startMinute: number;
  lengthMinutes: number;
}

export interface StationDef {
  id: string;
  code: string;
  name: string;
  unpopular: boolean;
}

export interface DemandRow {
  stationId: string;
  shiftId: string;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  people: number;
}

export interface PlanPerson {
  id: string;
  name: string;
  /** Works at this site by default; otherwise a floater from another site. */
  home: boolean;
  weeklyHours: number;
  minRestHours: number;
  /** "weekday/shift-code" pairs the person works; null: any shift. */
  shifts: ReadonlySet<string> | null;
  preferredStations: ReadonlySet<string>;
  avoidedStations: ReadonlySet<string>;
}

export interface Leave {
  personId: string;
  kind: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** Time a person is already booked elsewhere (another site's plan), in minutes from the plan's first midnight. */
export interface Commitment {
  personId: string;
  start: number;
  end: number;
  /** Booked in another published plan of the same site (one overlapping this plan's weeks), not at another site. */
  atThisSite?: boolean;
}

export interface PlanningInput {
  /** A Monday. */
  startsOn: IsoDate;
  weeks: number;
  /** The site's IANA time zone: shifts start at its wall-clock times, and rest is counted in real hours. */
  timeZone: string;
  shifts: ShiftDef[];
  stations: StationDef[];
  demand: DemandRow[];
  people: PlanPerson[];
  /** Approved leave only. */
  leave: Leave[];
  commitments: Commitment[];
  /**
   * Stations and shifts of the site taken out of use since (id to name): a plan made before keeps
   * their assignments, which may not be published until taken off or the plan is made again.
   */
  retired?: { stations: ReadonlyMap<string, string>; shifts: ReadonlyMap<string, string> };
  qualify: (personId: string, stationId: string, day: IsoDate) => QualificationCheck;
  /** Whether the station is one of the person's cross-training goals on that day (and they are not yet qualified). */
  isTrainee: (personId: string, stationId: string, day: IsoDate) => boolean;
}

export interface Slot {
  key: string;
  day: IsoDate;
  weekday: number;
  shift: ShiftDef;
  /** Real minutes from the plan's first midnight in the site's zone (a daylight-saving change moves them by an hour). */
  start: number;
  end: number;
  /** 0-based week of the plan. */
  week: number;
}

export interface PlannedAssignment {
  personId: string;
  stationId: string;
  shiftId: string;
  day: IsoDate;
  trainee: boolean;
}

export const slotKey = (day: IsoDate, shiftId: string) => `${day}|${shiftId}`;

export function planDays(startsOn: IsoDate, weeks: number): IsoDate[] {
  return Array.from({ length: weeks * 7 }, (_, i) => addDays(startsOn, i));
}

/**
 * Every (day, shift) of the plan in time order. A shift starts at its wall-clock time in the site's
 * zone and lasts its length in real time; times are real minutes from the plan's first midnight, so
 * the rest between two shifts across a daylight-saving change is the time that really passes.
 */
export function planSlots(startsOn: IsoDate, weeks: number, shifts: ShiftDef[], timeZone: string): Slot[] {
  const origin = instantInZone(startsOn, 0, timeZone).getTime();
  const slots: Slot[] = [];
  for (const day of planDays(startsOn, weeks)) {
    const offset = daysBetween(startsOn, day);
    for (const shift of shifts) {
      const start = Math.round((instantInZone(day, shift.startMinute, timeZone).getTime() - origin) / 60_000);
      slots.push({ key: slotKey(day, shift.id), day, weekday: isoWeekday(day), shift, start, end: start + shift.lengthMinutes, week: Math.floor(offset / 7) });
    }
  }
  return slots.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Two stretches of work are too close when the later starts before the earlier ends plus the rest owed. */
export function tooClose(a: { start: number; end: number }, b: { start: number; end: number }, restMinutes: number): boolean {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  return second.start < first.end + restMinutes;
}

export function isOnLeave(leave: Leave[], personId: string, day: IsoDate): Leave | undefined {
  return leave.find((l) => l.personId === personId && compareDates(l.startsOn, day) <= 0 && compareDates(day, l.endsOn) <= 0);
}

export function worksShift(person: PlanPerson, slot: Slot): boolean {
  return person.shifts === null || person.shifts.has(`${slot.weekday}/${slot.shift.code}`);
}

export const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const slotLabel = (slot: Slot) => `${WEEKDAY_NAMES[slot.weekday - 1]} ${slot.day} ${slot.shift.name}`;

export type ProblemKind = "unqualified" | "trainee-alone" | "on-leave" | "double-booked" | "rest" | "hours" | "unavailable" | "over-demand" | "unknown-slot" | "retired";

export interface PlanProblem {
  kind: ProblemKind;
  personId: string | null;
  day: IsoDate;
  shiftId: string;
  stationId: string | null;
  message: string;
}

/**
 * Checks assignments against every hard rule of a plan: qualified on the day (a trainee only next
 * to a qualified person), not on approved leave, one station per shift, rest between shifts, the
 * weekly hour limit, the person's shifts, no more people than needed. Pure; the planner's output
 * and a manager's edits are both checked by it.
 */
export function checkPlan(input: PlanningInput, assignments: PlannedAssignment[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const slots = new Map(planSlots(input.startsOn, input.weeks, input.shifts, input.timeZone).map((s) => [s.key, s]));
  const people = new Map(input.people.map((p) => [p.id, p]));
  const stations = new Map(input.stations.map((s) => [s.id, s]));
  const demand = new Map(input.demand.map((d) => [`${d.stationId}|${d.shiftId}|${d.weekday}`, d.people]));
  const nameOf = (id: string) => people.get(id)?.name ?? "Someone";
  const stationName = (id: string) => stations.get(id)?.name ?? "a station";
  const byStationSlot = new Map<string, PlannedAssignment[]>();
  const byPerson = new Map<string, { a: PlannedAssignment; slot: Slot }[]>();
  for (const a of assignments) {
    const slot = slots.get(slotKey(a.day, a.shiftId));
    const base = { personId: a.personId, day: a.day, shiftId: a.shiftId, stationId: a.stationId };
    const retiredShift = input.retired?.shifts.get(a.shiftId);
    if (!slot && retiredShift !== undefined) {
      problems.push({ kind: "retired", ...base, message: `${nameOf(a.personId)} is planned on ${WEEKDAY_NAMES[isoWeekday(a.day) - 1]} ${a.day} ${retiredShift}, a shift no longer in use: take it off the plan or make the plan again` });
      continue;
    }
    if (!slot) {
      problems.push({ kind: "unknown-slot", ...base, message: `${a.day} is outside the plan or the shift is not one of the site's` });
      continue;
    }
    const person = people.get(a.personId);
    const label = slotLabel(slot);
    const retiredStation = input.retired?.stations.get(a.stationId);
    if (retiredStation !== undefined) {
      problems.push({ kind: "retired", ...base, message: `${nameOf(a.personId)} is planned at ${retiredStation}, which is no longer in use, on ${label}: take it off the plan or make the plan again` });
      continue;
    }
    const key = `${a.stationId}|${slot.key}`;
    byStationSlot.set(key, [...(byStationSlot.get(key) ?? []), a]);
    byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), { a, slot }]);
    const check = input.qualify(a.personId, a.stationId, a.day);
    if (!check.qualified && !(a.trainee && input.isTrainee(a.personId, a.stationId, a.day))) {
      problems.push({ kind: "unqualified", ...base, message: `${nameOf(a.personId)} is not qualified for ${stationName(a.stationId)} on ${label}: ${check.missing.map((m) => `${m.label} (${m.reason})`).join("; ")}` });
    }
    const leave = isOnLeave(input.leave, a.personId, a.day);
    if (leave) problems.push({ kind: "on-leave", ...base, message: `${nameOf(a.personId)} is on approved ${leave.kind === "pto" ? "PTO" : leave.kind} on ${a.day}` });
    if (person && !worksShift(person, slot)) problems.push({ kind: "unavailable", ...base, message: `${person.name} does not work ${label}` });
  }
  for (const [key, list] of byStationSlot) {
    const [stationId, day, shiftId] = key.split("|");
    const slot = slots.get(slotKey(day, shiftId))!;
    const qualified = list.filter((a) => !a.trainee && input.qualify(a.personId, a.stationId, a.day).qualified);
    const trainees = list.filter((a) => a.trainee);
    if (trainees.length > qualified.length) {
      for (const t of trainees.slice(qualified.length)) {
        problems.push({ kind: "trainee-alone", personId: t.personId, day, shiftId, stationId, message: `${nameOf(t.personId)} is training at ${stationName(stationId)} on ${slotLabel(slot)} without a qualified colleague to pair with` });
      }
    }
    const needed = demand.get(`${stationId}|${shiftId}|${slot.weekday}`) ?? 0;
    if (qualified.length > needed) problems.push({ kind: "over-demand", personId: null, day, shiftId, stationId, message: `${stationName(stationId)} needs ${needed} on ${slotLabel(slot)} and has ${qualified.length}` });
  }
  for (const [personId, list] of byPerson) {
    const person = people.get(personId);
    const rest = (person?.minRestHours ?? 0) * 60;
    list.sort((x, y) => x.slot.start - y.slot.start);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].slot.start < list[i].slot.end + rest; j++) {
        const [x, y] = [list[i], list[j]];
        const same = x.slot.key === y.slot.key;
        problems.push({
          kind: same || y.slot.start < x.slot.end ? "double-booked" : "rest",
          personId,
          day: y.a.day,
          shiftId: y.a.shiftId,
          stationId: y.a.stationId,
          message: same || y.slot.start < x.slot.end
            ? `${nameOf(personId)} is booked twice at once: ${stationName(x.a.stationId)} and ${stationName(y.a.stationId)} on ${slotLabel(y.slot)}`
            : `${nameOf(personId)} gets less than ${person?.minRestHours} hours' rest between ${slotLabel(x.slot)} and ${slotLabel(y.slot)}`,
        });
      }
    }
    for (const c of input.commitments.filter((c) => c.personId === personId)) {
      for (const { a, slot } of list) {
        if (tooClose(slot, c, rest)) {
          const where = c.atThisSite ? "in another published plan of this site" : "at another site";
          problems.push({ kind: "rest", personId, day: a.day, shiftId: a.shiftId, stationId: a.stationId, message: `${nameOf(personId)} works ${where} too close to ${slotLabel(slot)}` });
        }
      }
    }
    if (person) {
      for (let week = 0; week < input.weeks; week++) {
        const inWeek = list.filter((x) => x.slot.week === week);
        if (inWeek.length === 0) continue;
        const minutes = inWeek.reduce((sum, x) => sum + x.slot.shift.lengthMinutes, 0) + committedMinutes(input, personId, week);
        if (minutes > person.weeklyHours * 60) {
          const last = inWeek[inWeek.length - 1].a;
          problems.push({ kind: "hours", personId, day: last.day, shiftId: last.shiftId, stationId: null, message: `${person.name} works ${minutes / 60} hours in the week of ${addDays(input.startsOn, week * 7)}, over the limit of ${person.weeklyHours}` });
        }
      }
    }
  }
  return problems;
}

/** Minutes a person is booked elsewhere within a week of the plan (its Monday midnight to the next, in the site's zone). */
export function committedMinutes(input: Pick<PlanningInput, "commitments" | "startsOn" | "timeZone">, personId: string, week: number): number {
  const mine = input.commitments.filter((c) => c.personId === personId);
  if (mine.length === 0) return 0;
  const origin = instantInZone(input.startsOn, 0, input.timeZone).getTime();
  const minutesTo = (day: IsoDate) => Math.round((instantInZone(day, 0, input.timeZone).getTime() - origin) / 60_000);
  const from = minutesTo(addDays(input.startsOn, week * 7));
  const to = minutesTo(addDays(input.startsOn, (week + 1) * 7));
  return mine.filter((c) => c.start >= from && c.start < to).reduce((sum, c) => sum + (c.end - c.start), 0);
}
