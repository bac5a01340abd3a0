import type { IsoDate } from "../../lib/dates.ts";
import {
  committedMinutes,
  isOnLeave,
  planSlots,
  slotKey,
  slotLabel,
  tooClose,
  worksShift,
  type Commitment,
  type PlannedAssignment,
  type PlanningInput,
  type PlanPerson,
  type Slot,
  type StationDef,
} from "./rotations.rules.ts";
import { solveOnThread, type SolverResult } from "./solver-thread.ts";

/**
 * The rotation planner: a mixed-integer program solved with HiGHS.
 *
 * x[i] = 1 puts candidate i (a person, a station, a day's shift) to work. Candidates exist only for
 * people qualified at the station on that day, or training there as a cross-training goal, who are
 * not on approved leave, work that shift, and are not booked elsewhere too close to it.
 *
 *   coverage    Σ qualified x + short = needed       (short ≥ 0, costly: the best partial plan when demand cannot be met)
 *   pairing     Σ trainee x ≤ Σ qualified x, ≤ 1      (a trainee never works a station alone)
 *   one place   Σ x over a person's slot ≤ 1, and over two slots closer than their rest ≤ 1
 *   hours       Σ hours x over a person's week ≤ weekly limit − hours booked elsewhere
 *   fairness    Σ unpopular x of a person ≤ most     (the most anyone works unpopular stations)
 *
 * minimize  SHORT·hours·Σ short + FAIRNESS·most + FLOATER·floater x + AVOIDED·avoided x − PREFERRED·preferred x − TRAINING·trainee x
 */
export const WEIGHTS = { shortPerHour: 125, fairness: 4, floater: 3, avoided: 2, preferred: 1, training: 5 } as const;

/** A person short at a station costs by the hours of the shift, so a long shift uncovered never trades for two short ones covered. */
export const shortCost = (lengthMinutes: number) => (WEIGHTS.shortPerHour * lengthMinutes) / 60;

export interface PlanOptions {
  /** Seconds HiGHS may search before returning its best plan so far. */
  timeLimitSeconds?: number;
  /** Stop once the plan is proven within this share of the best possible (0.001 = 0.1 %). */
  relativeGap?: number;
  /** …or within this many points of it. */
  absoluteGap?: number;
}

/** Costs are whole points, so a plan proven within less than one point of the best is the best. */
export const ABSOLUTE_GAP = 0.99;

export interface ShortfallReason {
  kind: "not-qualified" | "lapsed" | "on-leave" | "elsewhere" | "unavailable" | "hours" | "rest" | "booked-elsewhere" | "booked-here";
  count: number;
  detail: string;
}

export interface Shortfall {
  stationId: string;
  shiftId: string;
  day: IsoDate;
  needed: number;
  assigned: number;
  message: string;
  reasons: ShortfallReason[];
}

export interface PlanOutcome {
  /** optimal: proven best; time-limit: the best plan found in the time allowed (see bound); greedy: the solver failed and a simple fill was used. */
  status: "optimal" | "time-limit" | "greedy" | "empty";
  objective: number;
  /** The solver's proven bound on the best objective (null when not solved). */
  bound: number | null;
  /** (objective − bound) / |objective|, 0 when optimal. */
  gap: number | null;
  solveMs: number;
  assignments: PlannedAssignment[];
  shortfalls: Shortfall[];
  variables: number;
  constraints: number;
}

interface Candidate {
  person: PlanPerson;
  station: StationDef;
  slot: Slot;
  trainee: boolean;
}

interface DemandSlot {
  station: StationDef;
  slot: Slot;
  needed: number;
  candidates: number[];
}

interface Model {
  candidates: Candidate[];
  demandSlots: DemandSlot[];
  lp: string;
  rows: number;
}

/** Every station's need in every shift of the plan, in time order. */
export function demandSlotsOf(input: PlanningInput): { station: StationDef; slot: Slot; needed: number }[] {
  const demand = new Map(input.demand.filter((d) => d.people > 0).map((d) => [`${d.stationId}|${d.shiftId}|${d.weekday}`, d.people]));
  const slots: { station: StationDef; slot: Slot; needed: number }[] = [];
  for (const slot of planSlots(input.startsOn, input.weeks, input.shifts, input.timeZone)) {
    for (const station of input.stations) {
      const needed = demand.get(`${station.id}|${slot.shift.id}|${slot.weekday}`);
      if (needed) slots.push({ station, slot, needed });
    }
  }
  return slots;
}

/** Candidates and demand for a plan: who could work where and when. */
function buildCandidates(input: PlanningInput): { candidates: Candidate[]; demandSlots: DemandSlot[] } {
  const commitments = new Map<string, { start: number; end: number }[]>();
  for (const c of input.commitments) commitments.set(c.personId, [...(commitments.get(c.personId) ?? []), c]);
  const candidates: Candidate[] = [];
  const demandSlots: DemandSlot[] = [];
  for (const { station, slot, needed } of demandSlotsOf(input)) {
    const entry: DemandSlot = { station, slot, needed, candidates: [] };
    for (const person of input.people) {
      if (!worksShift(person, slot) || isOnLeave(input.leave, person.id, slot.day)) continue;
      if ((commitments.get(person.id) ?? []).some((c) => tooClose(slot, c, person.minRestHours * 60))) continue;
      if (slot.shift.lengthMinutes > person.weeklyHours * 60 - committedMinutes(input, person.id, slot.week)) continue;
      const qualified = input.qualify(person.id, station.id, slot.day).qualified;
      if (!qualified && !input.isTrainee(person.id, station.id, slot.day)) continue;
      entry.candidates.push(candidates.length);
      candidates.push({ person, station, slot, trainee: !qualified });
    }
    demandSlots.push(entry);
  }
  return { candidates, demandSlots };
}

function candidateCost(c: Candidate): number {
  let cost = 0;
  if (!c.person.home) cost += WEIGHTS.floater;
  if (c.person.avoidedStations.has(c.station.code)) cost += WEIGHTS.avoided;
  if (c.person.preferredStations.has(c.station.code)) cost -= WEIGHTS.preferred;
  if (c.trainee) cost -= WEIGHTS.training;
  return cost;
}

/** Writes a linear expression in LP format, a few terms a line. */
function expression(terms: [number, string][]): string {
  const parts = terms.filter(([coefficient]) => coefficient !== 0).map(([coefficient, name], i) => {
    const sign = coefficient < 0 ? "-" : i === 0 ? "" : "+";
    const magnitude = Math.abs(coefficient);
    return `${sign}${sign ? " " : ""}${magnitude === 1 ? "" : `${magnitude} `}${name}`;
  });
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 12) lines.push(parts.slice(i, i + 12).join(" "));
  return lines.join("\n   ");
}

function buildModel(input: PlanningInput): Model {
  const { candidates, demandSlots } = buildCandidates(input);
  const x = (i: number) => `x${i}`;
  const objective: [number, string][] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const row = (terms: [number, string][], op: "<=" | ">=" | "=", rhs: number) => {
    if (terms.length === 0) return;
    rows.push(` c${rows.length}: ${expression(terms)} ${op} ${rhs}`);
  };
  candidates.forEach((c, i) => objective.push([candidateCost(c), x(i)]));
  demandSlots.forEach((d, j) => {
    const qualified = d.candidates.filter((i) => !candidates[i].trainee);
    const trainees = d.candidates.filter((i) => candidates[i].trainee);
    objective.push([shortCost(d.slot.shift.lengthMinutes), `u${j}`]);
    bounds.push(` 0 <= u${j} <= ${d.needed}`);
    row([...qualified.map((i): [number, string] => [1, x(i)]), [1, `u${j}`]], "=", d.needed);
    if (trainees.length) {
      row([...trainees.map((i): [number, string] => [1, x(i)]), ...qualified.map((i): [number, string] => [-1, x(i)])], "<=", 0);
      if (trainees.length > 1) row(trainees.map((i) => [1, x(i)]), "<=", 1);
    }
  });
  // Per person: one station per slot, rest between slots, weekly hours, unpopular stations.
  const byPerson = new Map<string, number[]>();
  candidates.forEach((c, i) => byPerson.set(c.person.id, [...(byPerson.get(c.person.id) ?? []), i]));
  let fairness = false;
  for (const [, list] of byPerson) {
    const person = candidates[list[0]].person;
    const bySlot = new Map<string, number[]>();
    for (const i of list) bySlot.set(candidates[i].slot.key, [...(bySlot.get(candidates[i].slot.key) ?? []), i]);
    const slots = [...bySlot.keys()].map((key) => candidates[bySlot.get(key)![0]].slot).sort((a, b) => a.start - b.start);
    // Stretched by the rest owed after them, a person's slots are intervals: two are too close
    // exactly when their stretched intervals overlap. The slots covering one slot's start are
    // then all mutually too close, and one row for each such set (rather than one per pair) gives
    // the tightest relaxation; it also keeps a person to one station per slot.
    const rest = person.minRestHours * 60;
    let previous = new Set<string>();
    for (const b of slots) {
      const clique = slots.filter((a) => a.start <= b.start && b.start < a.end + rest).map((a) => a.key);
      if (clique.every((key) => previous.has(key))) continue;
      previous = new Set(clique);
      const members = clique.flatMap((key) => bySlot.get(key)!);
      if (members.length > 1) row(members.map((i) => [1, x(i)]), "<=", 1);
    }
    for (let week = 0; week < input.weeks; week++) {
      const inWeek = list.filter((i) => candidates[i].slot.week === week);
      const capacity = person.weeklyHours * 60 - committedMinutes(input, person.id, week);
      const most = [...new Set(inWeek.map((i) => candidates[i].slot.key))].reduce((sum, key) => sum + candidates[bySlot.get(key)![0]].slot.shift.lengthMinutes, 0);
      if (most > capacity) row(inWeek.map((i) => [candidates[i].slot.shift.lengthMinutes / 60, x(i)]), "<=", capacity / 60);
    }
    const unpopular = list.filter((i) => candidates[i].station.unpopular && !candidates[i].trainee);
    if (unpopular.length) {
      fairness = true;
      row([...unpopular.map((i): [number, string] => [1, x(i)]), [-1, "most"]], "<=", 0);
    }
  }
  if (fairness) {
    objective.push([WEIGHTS.fairness, "most"]);
    bounds.push(" most >= 0");
  }
  const binaries: string[] = [];
  for (let i = 0; i < candidates.length; i += 20) binaries.push(" " + candidates.slice(i, i + 20).map((_, k) => x(i + k)).join(" "));
  const lp = [
    "Minimize",
    ` obj: ${expression(objective) || "0 u0"}`,
    "Subject To",
    ...rows,
    "Bounds",
    ...bounds,
    ...(binaries.length ? ["Binary", ...binaries] : []),
    "End",
    "",
  ].join("\n");
  return { candidates, demandSlots, lp, rows: rows.length };
}

/** The objective of any set of assignments, by the planner's weights (to compare plans). */
export function planObjective(input: PlanningInput, assignments: PlannedAssignment[]): number {
  const stations = new Map(input.stations.map((s) => [s.id, s]));
  const people = new Map(input.people.map((p) => [p.id, p]));
  const slots = new Map(planSlots(input.startsOn, input.weeks, input.shifts, input.timeZone).map((s) => [s.key, s]));
  let total = 0;
  const covered = new Map<string, number>();
  const unpopular = new Map<string, number>();
  for (const a of assignments) {
    const station = stations.get(a.stationId)!;
    const person = people.get(a.personId)!;
    total += candidateCost({ person, station, slot: slots.get(slotKey(a.day, a.shiftId))!, trainee: a.trainee });
    if (!a.trainee) {
      const key = `${a.stationId}|${a.day}|${a.shiftId}`;
      covered.set(key, (covered.get(key) ?? 0) + 1);
      if (station.unpopular) unpopular.set(a.personId, (unpopular.get(a.personId) ?? 0) + 1);
    }
  }
  for (const slot of slots.values()) {
    for (const d of input.demand.filter((d) => d.shiftId === slot.shift.id && d.weekday === slot.weekday && d.people > 0)) {
      total += shortCost(slot.shift.lengthMinutes) * Math.max(0, d.people - (covered.get(`${d.stationId}|${slot.day}|${slot.shift.id}`) ?? 0));
    }
  }
  if (input.stations.some((s) => s.unpopular)) total += WEIGHTS.fairness * Math.max(0, ...unpopular.values());
  return total;
}

/**
 * A simple fill for comparison and as a fallback: each shift in time order, each station's demand
 * from the qualified people with the fewest hours so far, home staff first; no trainees.
 */
export function greedyPlan(input: PlanningInput): PlannedAssignment[] {
  const { candidates, demandSlots } = buildCandidates(input);
  const minutesByWeek = new Map<string, number>();
  const worked = new Map<string, Slot[]>();
  const unpopular = new Map<string, number>();
  const assignments: PlannedAssignment[] = [];
  for (const d of demandSlots) {
    const pool = d.candidates
      .map((i) => candidates[i])
      .filter((c) => !c.trainee)
      .sort((a, b) =>
        Number(!a.person.home) - Number(!b.person.home) ||
        (d.station.unpopular ? (unpopular.get(a.person.id) ?? 0) - (unpopular.get(b.person.id) ?? 0) : 0) ||
        (minutesByWeek.get(`${a.person.id}|${d.slot.week}`) ?? 0) - (minutesByWeek.get(`${b.person.id}|${d.slot.week}`) ?? 0) ||
        a.person.id.localeCompare(b.person.id));
    let filled = 0;
    for (const c of pool) {
      if (filled >= d.needed) break;
      const rest = c.person.minRestHours * 60;
      if ((worked.get(c.person.id) ?? []).some((s) => s.key === d.slot.key || tooClose(s, d.slot, rest))) continue;
      const weekKey = `${c.person.id}|${d.slot.week}`;
      const minutes = (minutesByWeek.get(weekKey) ?? 0) + d.slot.shift.lengthMinutes;
      if (minutes > c.person.weeklyHours * 60 - committedMinutes(input, c.person.id, d.slot.week)) continue;
      minutesByWeek.set(weekKey, minutes);
      worked.set(c.person.id, [...(worked.get(c.person.id) ?? []), d.slot]);
      if (d.station.unpopular) unpopular.set(c.person.id, (unpopular.get(c.person.id) ?? 0) + 1);
      assignments.push({ personId: c.person.id, stationId: d.station.id, shiftId: d.slot.shift.id, day: d.slot.day, trainee: false });
      filled++;
    }
  }
  return assignments;
}

/** Each candidate's value, by candidate index, with the solver's status, objective and bound. */
type Solved = SolverResult;

async function runSolver(model: Model, options: PlanOptions): Promise<Solved | null> {
  return solveOnThread({
    lp: model.lp,
    options: { timeLimitSeconds: options.timeLimitSeconds ?? 10, relativeGap: options.relativeGap ?? 0.001, absoluteGap: options.absoluteGap ?? ABSOLUTE_GAP },
    columns: model.candidates.length,
  });
}

/** Plans a site's rotation: the optimal plan (or the best found in the time allowed), with every shortfall explained. */
export async function solvePlan(input: PlanningInput, options: PlanOptions = {}): Promise<PlanOutcome> {
  const started = performance.now();
  const model = buildModel(input);
  if (model.candidates.length === 0) {
    const shortfalls = explainShortfalls(input, []);
    return { status: "empty", objective: planObjective(input, []), bound: null, gap: null, solveMs: Math.round(performance.now() - started), assignments: [], shortfalls, variables: 0, constraints: model.rows };
  }
  const solved = await runSolver(model, options);
  let assignments: PlannedAssignment[];
  if (solved) {
    assignments = model.candidates
      .map((c, i) => ({ c, on: solved.values[i] > 0.5 }))
      .filter(({ on }) => on)
      .map(({ c }) => ({ personId: c.person.id, stationId: c.station.id, shiftId: c.slot.shift.id, day: c.slot.day, trainee: c.trainee }));
  } else {
    assignments = greedyPlan(input);
  }
  const objective = planObjective(input, assignments);
  const bound = solved?.bound ?? null;
  const gap = solved ? (solved.status === "optimal" ? 0 : bound === null ? null : Math.abs(objective - bound) / Math.max(Math.abs(objective), 1e-9)) : null;
  return {
    status: solved ? solved.status : "greedy",
    objective,
    bound,
    gap,
    solveMs: Math.round(performance.now() - started),
    assignments,
    shortfalls: explainShortfalls(input, assignments),
    variables: model.candidates.length + model.demandSlots.length,
    constraints: model.rows,
  };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * Says why each short shift is short, person by person: not qualified that day (and whose
 * qualification ran out, and when), on leave, working another station, not on that shift, at their
 * weekly hours, owed rest, or booked at another site.
 */
export function explainShortfalls(input: PlanningInput, assignments: PlannedAssignment[]): Shortfall[] {
  const bySlot = new Map<string, PlannedAssignment[]>();
  const byPerson = new Map<string, PlannedAssignment[]>();
  for (const a of assignments) {
    bySlot.set(slotKey(a.day, a.shiftId), [...(bySlot.get(slotKey(a.day, a.shiftId)) ?? []), a]);
    byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  }
  const slots = new Map(planSlots(input.startsOn, input.weeks, input.shifts, input.timeZone).map((s) => [s.key, s]));
  const stations = new Map(input.stations.map((s) => [s.id, s]));
  const shortfalls: Shortfall[] = [];
  for (const d of demandSlotsOf(input)) {
    const here = (bySlot.get(d.slot.key) ?? []).filter((a) => a.stationId === d.station.id && !a.trainee);
    if (here.length >= d.needed) continue;
    const counts = new Map<ShortfallReason["kind"], { count: number; details: string[] }>();
    const add = (kind: ShortfallReason["kind"], detail: string) => {
      const entry = counts.get(kind) ?? { count: 0, details: [] };
      entry.count++;
      entry.details.push(detail);
      counts.set(kind, entry);
    };
    let qualifiedCount = 0;
    for (const person of input.people) {
      const check = input.qualify(person.id, d.station.id, d.slot.day);
      if (!check.qualified) {
        const lapsed = check.missing.filter((m) => m.expiredOn !== null);
        if (lapsed.length) add("lapsed", `${person.name}'s ${lapsed.map((m) => `${m.label} expired on ${m.expiredOn}`).join(" and ")}`);
        continue;
      }
      qualifiedCount++;
      if (here.some((a) => a.personId === person.id)) continue;
      const mine = byPerson.get(person.id) ?? [];
      const leave = isOnLeave(input.leave, person.id, d.slot.day);
      const elsewhere = mine.find((a) => a.day === d.slot.day && a.shiftId === d.slot.shift.id);
      const rest = person.minRestHours * 60;
      const bookedThen = (c: Commitment) => c.personId === person.id && tooClose(d.slot, c, rest);
      const near = mine.map((a) => slots.get(slotKey(a.day, a.shiftId))!).find((s) => s.key !== d.slot.key && tooClose(s, d.slot, rest));
      const weekMinutes = mine.filter((a) => slots.get(slotKey(a.day, a.shiftId))!.week === d.slot.week).reduce((sum, a) => sum + slots.get(slotKey(a.day, a.shiftId))!.shift.lengthMinutes, 0) + committedMinutes(input, person.id, d.slot.week);
      if (leave) add("on-leave", `${person.name} (${leave.kind === "pto" ? "PTO" : leave.kind} ${leave.startsOn}${leave.endsOn !== leave.startsOn ? ` to ${leave.endsOn}` : ""})`);
      else if (elsewhere) add("elsewhere", `${person.name} at ${stations.get(elsewhere.stationId)?.name ?? "another station"}`);
      else if (!worksShift(person, d.slot)) add("unavailable", person.name);
      else if (input.commitments.some(bookedThen)) add(input.commitments.some((c) => c.atThisSite && bookedThen(c)) ? "booked-here" : "booked-elsewhere", person.name);
      else if (near) add("rest", `${person.name} (works ${slotLabel(near)})`);
      else if (weekMinutes + d.slot.shift.lengthMinutes > person.weeklyHours * 60) add("hours", `${person.name} (${weekMinutes / 60} of ${person.weeklyHours} hours)`);
    }
    const phrases: Record<ShortfallReason["kind"], (n: number) => string> = {
      "not-qualified": (n) => `${n} not qualified`,
      lapsed: (n) => `${n} ${plural(n, "qualification", "qualifications")} lapsed`,
      "on-leave": (n) => `${n} qualified ${plural(n, "person is", "people are")} on approved leave`,
      elsewhere: (n) => `${n} ${plural(n, "works", "work")} another station that shift`,
      unavailable: (n) => `${n} ${plural(n, "does", "do")} not work that shift`,
      "booked-elsewhere": (n) => `${n} ${plural(n, "is", "are")} booked at another site`,
      "booked-here": (n) => `${n} ${plural(n, "is", "are")} planned then in another published plan of this site`,
      rest: (n) => `${n} ${plural(n, "needs", "need")} rest after or before another shift`,
      hours: (n) => `${n} ${plural(n, "has", "have")} reached the weekly hour limit`,
    };
    const reasons: ShortfallReason[] = [...counts].map(([kind, { count, details }]) => ({ kind, count, detail: details.join("; ") }));
    const short = d.needed - here.length;
    const where = `${d.station.name} on ${slotLabel(d.slot)}`;
    const head = qualifiedCount === 0 ? `nobody qualified for ${where}` : `${where}: ${short} of ${d.needed} short`;
    const parts = reasons.map((r) => (r.kind === "lapsed" ? r.detail : `${phrases[r.kind](r.count)} (${r.detail})`));
    shortfalls.push({ stationId: d.station.id, shiftId: d.slot.shift.id, day: d.slot.day, needed: d.needed, assigned: here.length, message: parts.length ? `${head}: ${parts.join("; ")}` : head, reasons });
  }
  return shortfalls;
}
