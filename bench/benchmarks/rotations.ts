import { addDays, compareDates, type IsoDate } from "../../src/lib/dates.ts";
import { Random } from "../../src/lib/random.ts";
import { checkPlan, greedyPlan, planObjective, solvePlan, type PlanningInput, type PlanPerson, type ShiftDef, type StationDef } from "../../src/modules/rotations/index.ts";
import { figure, median, type Benchmark, type Figure } from "../harness.ts";
import { syntheticOrganization } from "../synthetic-org.ts";

/** The goal: a 40-technician, 10-station, 4-week plan proven optimal (or within 1 %) in at most 10 s. */
const GOAL_SECONDS = 10;
const MONDAY: IsoDate = "2026-12-07";

const SHIFTS: ShiftDef[] = [
  { id: "first", code: "first", name: "1st shift", startMinute: 7 * 60, lengthMinutes: 480 },
  { id: "peak", code: "peak", name: "Midday peak", startMinute: 11 * 60, lengthMinutes: 180 },
  { id: "second", code: "second", name: "2nd shift", startMinute: 15 * 60, lengthMinutes: 480 },
];

/**
 * A site's week as the planner sees it, generated from a seed: stations (two unpopular), demand
 * scaled to the headcount, about half the people qualified at each station (one in ten of those
 * lapsing mid-plan), some on fixed patterns, some on PTO, a few cross-training.
 */
export function syntheticPlanningInput(seed: number, people: number, stations: number, weeks: number): PlanningInput {
  const rng = new Random(seed);
  const stationDefs: StationDef[] = Array.from({ length: stations }, (_, i) => ({ id: `s${i}`, code: `station-${i}`, name: `Station ${i + 1}`, unpopular: i >= stations - 2 }));
  const scale = people / 40;
  const demand = stationDefs.flatMap((s, i) =>
    [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => {
      const weekend = weekday >= 6;
      const first = Math.max(0, Math.round((i < 4 ? 2 : 1) * scale * (weekend ? 0.5 : 1)));
      const second = i < 5 && !weekend ? Math.max(0, Math.round(scale)) : 0;
      const peak = i < 2 && !weekend ? 1 : 0;
      return [
        { stationId: s.id, shiftId: "first", weekday, people: first },
        { stationId: s.id, shiftId: "second", weekday, people: second },
        { stationId: s.id, shiftId: "peak", weekday, people: peak },
      ].filter((d) => d.people > 0);
    }));
  const persons: PlanPerson[] = Array.from({ length: people }, (_, i) => ({
    id: `p${i}`,
    name: `Person ${i + 1}`,
    home: i < people - Math.ceil(people / 20),
    weeklyHours: rng.pick([24, 32, 40, 40, 40]),
    minRestHours: 10,
    shifts: rng.chance(0.2) ? new Set(["1/first", "2/first", "3/first", "4/first", "5/first"]) : null,
    preferredStations: new Set(rng.chance(0.3) ? [rng.pick(stationDefs).code] : []),
    avoidedStations: new Set(rng.chance(0.3) ? [rng.pick(stationDefs).code] : []),
  }));
  const until = new Map<string, IsoDate | null>();
  for (const p of persons) {
    for (const s of stationDefs) {
      if (!rng.chance(0.5)) continue;
      until.set(`${p.id}|${s.id}`, rng.chance(0.1) ? addDays(MONDAY, rng.int(0, weeks * 7 - 1)) : null);
    }
  }
  const trainees = new Set(persons.filter(() => rng.chance(0.15)).map((p) => `${p.id}|${rng.pick(stationDefs).id}`));
  const leave = persons.filter(() => rng.chance(0.15)).map((p) => {
    const startsOn = addDays(MONDAY, rng.int(0, weeks * 7 - 1));
    return { personId: p.id, kind: "pto", startsOn, endsOn: addDays(startsOn, rng.int(0, 4)) };
  });
  const qualify = (personId: string, stationId: string, day: IsoDate) => {
    const key = `${personId}|${stationId}`;
    if (!until.has(key)) return { qualified: false, missing: [{ label: "Station competency", reason: "Not signed off yet", expiredOn: null }] };
    const last = until.get(key)!;
    if (last !== null && compareDates(day, last) > 0) return { qualified: false, missing: [{ label: "Station competency", reason: `Sign-off expired on ${last}`, expiredOn: last }] };
    return { qualified: true, missing: [] };
  };
  return {
    startsOn: MONDAY,
    weeks,
    timeZone: "America/Chicago",
    shifts: SHIFTS,
    stations: stationDefs,
    demand,
    people: persons,
    leave,
    commitments: [],
    qualify,
    isTrainee: (personId, stationId, day) => trainees.has(`${personId}|${stationId}`) && !qualify(personId, stationId, day).qualified,
  };
}

export const rotations: Benchmark = {
  name: "rotations",
  description: "rotation planner (HiGHS): a 40-technician, 10-station, 4-week site against a greedy fill; then one week for every site of the synthetic organization",
  async run({ log }) {
    const figures: Figure[] = [];
    const input = syntheticPlanningInput(7, 40, 10, 4);
    const solved = await solvePlan(input, { timeLimitSeconds: GOAL_SECONDS, relativeGap: 0.01 });
    const greedy = greedyPlan(input);
    const greedyObjective = planObjective(input, greedy);
    const broken = checkPlan(input, solved.assignments).length + checkPlan(input, greedy).length;
    const gap = solved.gap === null ? "unknown" : `${(solved.gap * 100).toFixed(3)} %`;
    log(`${solved.status}: objective ${solved.objective}, bound ${solved.bound}, gap ${gap}, ${solved.assignments.length} assignments, ${solved.shortfalls.length} shifts short, ${solved.variables} variables, ${solved.constraints} rows; greedy ${greedyObjective} (${greedy.length} assignments); rules broken: ${broken}`);
    figures.push(
      figure({
        name: "rotation plan, 40 technicians × 10 stations × 4 weeks",
        value: solved.solveMs / 1000,
        unit: "s",
        baseline: GOAL_SECONDS,
        baselineName: "the 10 s goal",
        goal: 1,
        notes: `${solved.status}, objective ${solved.objective}, bound ${solved.bound ?? "none"}, gap ${gap}; ${solved.variables} variables, ${solved.constraints} rows; rules broken by either plan: ${broken}`,
      }),
      figure({
        name: "rotation plan objective against a greedy fill (lower is better)",
        value: solved.objective,
        unit: "points",
        baseline: greedyObjective,
        baselineName: "greedy fill",
        notes: `MIP: ${solved.assignments.length} assignments, ${solved.shortfalls.length} shifts short; greedy: ${greedy.length} assignments`,
      }),
    );

    // Every site of the synthetic organization, one week each, sized by its active technicians.
    const org = syntheticOrganization({ technicians: 50_000, sites: 2_000, years: 5, seed: 42 });
    const headcount = new Map<string, number>();
    for (const p of org.people()) if (p.status === "active" && (p.role === "technician" || p.role === "mentor")) headcount.set(p.siteCode, (headcount.get(p.siteCode) ?? 0) + 1);
    const limit = Number(process.env.BENCH_ROTATION_SITES || org.sites.length);
    const times: number[] = [];
    let optimal = 0;
    const started = performance.now();
    for (const [i, site] of org.sites.slice(0, limit).entries()) {
      const people = Math.max(2, headcount.get(site.code) ?? 0);
      const week = syntheticPlanningInput(1000 + i, people, Math.min(10, Math.max(3, Math.round(people / 3))), 1);
      const outcome = await solvePlan(week, { timeLimitSeconds: GOAL_SECONDS, relativeGap: 0.01 });
      times.push(outcome.solveMs / 1000);
      if (outcome.status === "optimal") optimal++;
      if ((i + 1) % 250 === 0) log(`${i + 1} sites planned`);
    }
    const total = (performance.now() - started) / 1000;
    log(`${times.length} sites in ${total.toFixed(1)} s; median ${median(times).toFixed(3)} s, slowest ${Math.max(...times).toFixed(3)} s; ${optimal} proven optimal`);
    figures.push(
      figure({
        name: `one-week plans for ${times.length} sites of the synthetic organization`,
        value: total,
        unit: "s",
        baseline: null,
        samples: [median(times), Math.max(...times)],
        notes: `median ${median(times).toFixed(3)} s and slowest ${Math.max(...times).toFixed(3)} s a site (samples: median, slowest); ${optimal} of ${times.length} proven optimal, the rest within 1 % or stopped at 10 s`,
      }),
    );
    return figures;
  },
};
