import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { addDays, compareDates, isoWeekday, type IsoDate } from "../../lib/dates.ts";
import { greedyPlan, planObjective, shortCost, solvePlan, WEIGHTS } from "./planner.ts";
import { checkPlan, planDays, type PlanningInput, type PlanPerson, type ShiftDef, type StationDef } from "./rotations.rules.ts";

const FIRST: ShiftDef = { id: "sh-1", code: "first", name: "1st shift", startMinute: 7 * 60, lengthMinutes: 8 * 60 };
const SECOND: ShiftDef = { id: "sh-2", code: "second", name: "2nd shift", startMinute: 15 * 60, lengthMinutes: 8 * 60 };
const MONDAY = "2026-12-07";

const person = (id: string, extra: Partial<PlanPerson> = {}): PlanPerson => ({
  id,
  name: `Person ${id}`,
  home: true,
  weeklyHours: 40,
  minRestHours: 10,
  shifts: null,
  preferredStations: new Set(),
  avoidedStations: new Set(),
  ...extra,
});
const station = (id: string, extra: Partial<StationDef> = {}): StationDef => ({ id, code: id, name: `Station ${id}`, unpopular: false, ...extra });

/** Qualification by table: person → station → last valid day (null: always valid). */
function qualifications(table: Record<string, Record<string, IsoDate | null>>): PlanningInput["qualify"] {
  return (personId, stationId, day) => {
    const until = table[personId]?.[stationId];
    if (until === undefined) return { qualified: false, missing: [{ label: `Station ${stationId} competency`, reason: "Not signed off yet", expiredOn: null }] };
    if (until !== null && compareDates(day, until) > 0) return { qualified: false, missing: [{ label: "Garbing and hand hygiene", reason: `Sign-off expired on ${until}`, expiredOn: until }] };
    return { qualified: true, missing: [] };
  };
}

function input(overrides: Partial<PlanningInput>): PlanningInput {
  return {
    startsOn: MONDAY,
    weeks: 1,
    timeZone: "America/Chicago",
    shifts: [FIRST, SECOND],
    stations: [],
    demand: [],
    people: [],
    leave: [],
    commitments: [],
    qualify: () => ({ qualified: true, missing: [] }),
    isTrainee: () => false,
    ...overrides,
  };
}

const everyDay = (stationId: string, shiftId: string, people: number) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ stationId, shiftId, weekday, people }));

describe("rotation planner", () => {
  it("covers the demand with qualified people, within hours and rest, and proves it optimal", async () => {
    const people = ["a", "b", "c", "d"].map((id) => person(id));
    const plan = input({ stations: [station("fill")], demand: everyDay("fill", FIRST.id, 2), people });
    const outcome = await solvePlan(plan);
    assert.equal(outcome.status, "optimal");
    assert.equal(outcome.assignments.length, 14);
    assert.deepEqual(outcome.shortfalls, []);
    assert.deepEqual(checkPlan(plan, outcome.assignments), []);
    // 14 shifts of 8 hours over 4 people with 40 hours each: nobody beyond 5 shifts.
    for (const p of people) assert.ok(outcome.assignments.filter((a) => a.personId === p.id).length <= 5);
  });

  it("stops counting a qualification after it expires mid-plan and says whose lapsed and when", async () => {
    const plan = input({
      stations: [station("cleanroom", { name: "Sterile compounding cleanroom" })],
      demand: [{ stationId: "cleanroom", shiftId: SECOND.id, weekday: 2, people: 1 }, { stationId: "cleanroom", shiftId: SECOND.id, weekday: 4, people: 1 }],
      people: [person("a", { name: "Dana Ortiz" }), person("b", { name: "Lee Park" })],
      qualify: qualifications({ a: { cleanroom: "2026-12-09" }, b: {} }),
    });
    const outcome = await solvePlan(plan);
    assert.deepEqual(outcome.assignments.map((a) => [a.personId, a.day]), [["a", "2026-12-08"]]);
    assert.equal(outcome.shortfalls.length, 1);
    const [short] = outcome.shortfalls;
    assert.equal(short.day, "2026-12-10");
    assert.equal(short.message, "nobody qualified for Sterile compounding cleanroom on Thu 2026-12-10 2nd shift: Dana Ortiz's Garbing and hand hygiene expired on 2026-12-09");
  });

  it("returns the best partial plan when demand cannot be met, naming leave, other stations and hour limits", async () => {
    const plan = input({
      stations: [station("fill", { name: "Prescription filling" }), station("entry", { name: "Order entry" })],
      demand: [
        { stationId: "fill", shiftId: FIRST.id, weekday: 2, people: 3 },
        { stationId: "entry", shiftId: FIRST.id, weekday: 2, people: 1 },
      ],
      people: [person("a", { name: "Ann", preferredStations: new Set(["entry"]) }), person("b", { name: "Ben" }), person("c", { name: "Cam" }), person("d", { name: "Dee", weeklyHours: 4 })],
      leave: [{ personId: "b", kind: "pto", startsOn: "2026-12-08", endsOn: "2026-12-09" }],
      qualify: qualifications({ a: { fill: null, entry: null }, b: { fill: null }, c: { fill: null, entry: null }, d: { fill: null } }),
    });
    const outcome = await solvePlan(plan);
    assert.deepEqual(outcome.assignments.map((a) => `${a.personId}@${a.stationId}`).sort(), ["a@entry", "c@fill"]);
    assert.deepEqual(checkPlan(plan, outcome.assignments), []);
    const short = outcome.shortfalls.find((s) => s.stationId === "fill")!;
    assert.equal(short.assigned, 1);
    assert.match(short.message, /^Prescription filling on Tue 2026-12-08 1st shift: 2 of 3 short: /);
    assert.match(short.message, /1 qualified person is on approved leave \(Ben \(PTO 2026-12-08 to 2026-12-09\)\)/);
    assert.match(short.message, /1 works another station that shift \(Ann at Order entry\)/);
    assert.match(short.message, /1 has reached the weekly hour limit \(Dee \(0 of 4 hours\)\)/);
    assert.equal(outcome.objective, 2 * shortCost(480) - WEIGHTS.preferred);
  });

  it("pairs a trainee with a qualified colleague at a cross-training station, never alone, and rewards it", async () => {
    const plan = input({
      stations: [station("cleanroom")],
      demand: [{ stationId: "cleanroom", shiftId: FIRST.id, weekday: 1, people: 1 }, { stationId: "cleanroom", shiftId: FIRST.id, weekday: 2, people: 1 }],
      people: [person("mentor"), person("trainee")],
      qualify: qualifications({ mentor: { cleanroom: "2026-12-07" } }),
      isTrainee: (p, s) => p === "trainee" && s === "cleanroom",
    });
    const outcome = await solvePlan(plan);
    assert.deepEqual(outcome.assignments.map((a) => [a.personId, a.day, a.trainee]).sort(), [["mentor", "2026-12-07", false], ["trainee", "2026-12-07", true]]);
    assert.deepEqual(checkPlan(plan, outcome.assignments), []);
    assert.equal(outcome.shortfalls.length, 1);
  });

  it("spreads an unpopular station evenly", async () => {
    const people = ["a", "b", "c", "d"].map((id) => person(id, { weeklyHours: 60 }));
    const plan = input({ stations: [station("drive", { unpopular: true })], demand: everyDay("drive", FIRST.id, 1), people });
    const outcome = await solvePlan(plan);
    const counts = people.map((p) => outcome.assignments.filter((a) => a.personId === p.id).length).sort();
    assert.deepEqual(counts, [1, 2, 2, 2]);
  });

  it("keeps people from another site for when home staff cannot cover, and honours preferences", async () => {
    const plan = input({
      stations: [station("fill"), station("entry")],
      demand: [{ stationId: "fill", shiftId: FIRST.id, weekday: 1, people: 1 }, { stationId: "entry", shiftId: FIRST.id, weekday: 1, people: 1 }],
      people: [person("home", { preferredStations: new Set(["entry"]) }), person("floater", { home: false }), person("other")],
    });
    const outcome = await solvePlan(plan);
    const where = Object.fromEntries(outcome.assignments.map((a) => [a.personId, a.stationId]));
    assert.deepEqual(where, { home: "entry", other: "fill" });
  });

  it("respects rest between shifts and bookings at another site", async () => {
    const plan = input({
      stations: [station("fill")],
      demand: [{ stationId: "fill", shiftId: SECOND.id, weekday: 1, people: 1 }, { stationId: "fill", shiftId: FIRST.id, weekday: 2, people: 1 }, { stationId: "fill", shiftId: FIRST.id, weekday: 3, people: 1 }],
      people: [person("a")],
      // Booked 1st shift on Wednesday elsewhere.
      commitments: [{ personId: "a", start: 2 * 1440 + 7 * 60, end: 2 * 1440 + 15 * 60 }],
    });
    const outcome = await solvePlan(plan);
    assert.equal(outcome.assignments.length, 1);
    assert.deepEqual(checkPlan(plan, outcome.assignments), []);
    const wednesday = outcome.shortfalls.find((s) => s.day === "2026-12-09")!;
    assert.match(wednesday.message, /booked at another site/);
    // The same booking in another published plan of this site (one overlapping these weeks) says so.
    const here = { ...plan, commitments: plan.commitments.map((c) => ({ ...c, atThisSite: true })) };
    const again = await solvePlan(here);
    assert.match(again.shortfalls.find((s) => s.day === "2026-12-09")!.message, /1 is planned then in another published plan of this site/);
    assert.doesNotMatch(again.shortfalls.find((s) => s.day === "2026-12-09")!.message, /another site/);
  });

  it("beats or matches a greedy fill on the same instance", async () => {
    const people = Array.from({ length: 8 }, (_, i) => person(`p${i}`, { home: i < 6, weeklyHours: 24 + (i % 3) * 8 }));
    const stations = [station("s0", { unpopular: true }), station("s1"), station("s2")];
    const table: Record<string, Record<string, null>> = {};
    people.forEach((p, i) => (table[p.id] = Object.fromEntries(stations.filter((_, k) => (i + k) % 3 !== 0).map((s) => [s.id, null]))));
    const plan = input({ stations, people, demand: [...everyDay("s0", FIRST.id, 1), ...everyDay("s1", FIRST.id, 1), ...everyDay("s2", SECOND.id, 2)], qualify: qualifications(table) });
    const outcome = await solvePlan(plan);
    const greedy = greedyPlan(plan);
    assert.deepEqual(checkPlan(plan, greedy), []);
    assert.ok(outcome.objective <= planObjective(plan, greedy) + 1e-6, `${outcome.objective} > ${planObjective(plan, greedy)}`);
  });

  it("solves on a worker thread: timers keep firing on the main thread during a solve", async () => {
    // 24 people, 6 stations, 3 weeks, each qualified at half the stations: a solve of a second or more.
    const stations = Array.from({ length: 6 }, (_, k) => station(`s${k}`, { unpopular: k >= 4 }));
    const people = Array.from({ length: 24 }, (_, i) => person(`p${i}`, { home: i < 21, weeklyHours: 24 + (i % 3) * 8, avoidedStations: new Set(i % 5 === 0 ? ["s1"] : []) }));
    const table: Record<string, Record<string, null>> = {};
    people.forEach((p, i) => (table[p.id] = Object.fromEntries(stations.filter((_, k) => (i * 7 + k * 3) % 6 < 3).map((s) => [s.id, null]))));
    const demand = stations.flatMap((s, k) => [...everyDay(s.id, FIRST.id, k < 3 ? 2 : 1), ...everyDay(s.id, SECOND.id, 1)]);
    const plan = input({ weeks: 3, stations, people, demand, qualify: qualifications(table) });
    const ticks: number[] = [];
    const started = performance.now();
    const timer = setInterval(() => ticks.push(performance.now()), 5);
    const outcome = await solvePlan(plan, { timeLimitSeconds: 1.5, relativeGap: 0, absoluteGap: 0 });
    clearInterval(timer);
    const finished = performance.now();
    assert.ok(finished - started >= 300, `a solve long enough to tell (${Math.round(finished - started)} ms)`);
    assert.deepEqual(checkPlan(plan, outcome.assignments), []);
    // On the main thread the whole solve would be one gap; off it, only building the model is.
    let longest = 0;
    let previous = started;
    for (const tick of [...ticks, finished]) {
      longest = Math.max(longest, tick - previous);
      previous = tick;
    }
    assert.ok(longest < (finished - started) / 2, `longest pause ${Math.round(longest)} ms in a ${Math.round(finished - started)} ms solve`);
  });

  it("never breaks a hard rule on random small instances", async () => {
    const arbitraryInstance = fc.record({
      people: fc.integer({ min: 1, max: 6 }),
      stations: fc.integer({ min: 1, max: 3 }),
      weeks: fc.integer({ min: 1, max: 2 }),
      seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 200, maxLength: 200 }),
    });
    await fc.assert(
      fc.asyncProperty(arbitraryInstance, async ({ people: n, stations: m, weeks, seed }) => {
        let cursor = 0;
        const next = (mod: number) => seed[cursor++ % seed.length] % mod;
        const stations = Array.from({ length: m }, (_, k) => station(`s${k}`, { unpopular: next(3) === 0 }));
        const people = Array.from({ length: n }, (_, i) =>
          person(`p${i}`, { home: next(4) !== 0, weeklyHours: 8 * (1 + next(5)), minRestHours: 8 + next(5), shifts: next(3) === 0 ? new Set(["1/first", "2/first", "3/second", "5/second", "6/first"]) : null }));
        const table: Record<string, Record<string, IsoDate | null>> = {};
        for (const p of people) {
          table[p.id] = {};
          for (const s of stations) {
            const r = next(4);
            if (r === 0) continue; // never qualified
            table[p.id][s.id] = r === 1 ? addDays(MONDAY, next(weeks * 7)) : null; // lapses mid-plan, or valid throughout
          }
        }
        const trainees = new Set(people.flatMap((p) => stations.filter(() => next(5) === 0).map((s) => `${p.id}|${s.id}`)));
        const demand = stations.flatMap((s) => [FIRST, SECOND].flatMap((shift) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ stationId: s.id, shiftId: shift.id, weekday, people: next(3) }))));
        const leave = people.filter(() => next(3) === 0).map((p) => {
          const start = addDays(MONDAY, next(weeks * 7));
          return { personId: p.id, kind: "pto", startsOn: start, endsOn: addDays(start, next(4)) };
        });
        const qualify = qualifications(table);
        const plan = input({
          weeks,
          stations,
          people,
          demand,
          leave,
          qualify,
          isTrainee: (p, s, day) => trainees.has(`${p}|${s}`) && !qualify(p, s, day).qualified,
        });
        const outcome = await solvePlan(plan, { timeLimitSeconds: 5 });
        const problems = checkPlan(plan, outcome.assignments);
        assert.deepEqual(problems, [], problems.map((p) => p.message).join("\n"));
        // Shortfalls are exactly the shifts with fewer qualified people than needed.
        const expected: string[] = [];
        for (const day of planDays(MONDAY, weeks)) {
          for (const d of demand.filter((d) => d.weekday === isoWeekday(day) && d.people > 0)) {
            const covered = outcome.assignments.filter((a) => a.day === day && a.shiftId === d.shiftId && a.stationId === d.stationId && !a.trainee).length;
            if (covered < d.people) expected.push(`${day}|${d.shiftId}|${d.stationId}|${covered}/${d.people}`);
          }
        }
        assert.deepEqual(outcome.shortfalls.map((s) => `${s.day}|${s.shiftId}|${s.stationId}|${s.assigned}/${s.needed}`).sort(), expected.sort());
        assert.ok(outcome.objective >= (outcome.bound ?? -Infinity) - 1e-6);
      }),
      { numRuns: 40 },
    );
  });
});
