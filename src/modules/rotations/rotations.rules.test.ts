import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { compareDates } from "../../lib/dates.ts";
import { findCertification } from "../certifications/index.ts";
import { DEFAULT_FRAMEWORK } from "../ladder/default-framework.ts";
import type { PersonFacts } from "../ladder/eligibility.rules.ts";
import { TRAINING_CATALOG } from "../training/index.ts";
import { DEFAULT_SHIFTS, DEFAULT_STATIONS, shiftLength, timeOf } from "./default-stations.ts";
import { foldLine, icsCalendar, icsText } from "./ics.ts";
import { qualificationOn } from "./qualification.rules.ts";
import { checkPlan, committedMinutes, planSlots, slotKey, type PlanningInput, type PlanPerson } from "./rotations.rules.ts";

const facts = (extra: Partial<PersonFacts>): PersonFacts => ({ personId: "p", hireDate: "2024-01-01", levels: [], certifications: [], signoffs: [], kpis: [], evaluations: [], trainings: [], mentoringHours: 0, ...extra });
const cleanroom = DEFAULT_STATIONS.find((s) => s.code === "sterile-compounding")!;
const immunization = DEFAULT_STATIONS.find((s) => s.code === "immunization")!;

describe("qualification on a shift's date", () => {
  const signoff = (competency: string, validUntil: string | null, proficiency: 1 | 2 | 3 | 4 = 3) => ({ competency, stepCode: null, proficiency, signedOn: "2026-06-01", validUntil });
  const sterile = facts({
    signoffs: [signoff("sterile-compounding-principles", "2027-06-01"), signoff("sterile-garbing-hand-hygiene", "2026-12-04"), signoff("aseptic-manipulation-media-fill", "2026-12-31")],
  });

  it("counts a sign-off through its valid-until date and not the day after", () => {
    assert.equal(qualificationOn(sterile, cleanroom, DEFAULT_FRAMEWORK, "2026-12-04").qualified, true);
    const after = qualificationOn(sterile, cleanroom, DEFAULT_FRAMEWORK, "2026-12-05");
    assert.equal(after.qualified, false);
    assert.deepEqual(after.missing.map((m) => [m.expiredOn, m.reason]), [["2026-12-04", "Sign-off expired on 2026-12-04: re-evaluation needed"]]);
  });

  it("needs the proficiency the station asks for, and says a sign-off never held did not expire", () => {
    const low = facts({ signoffs: [signoff("sterile-compounding-principles", null, 2), signoff("sterile-garbing-hand-hygiene", null), signoff("aseptic-manipulation-media-fill", null)] });
    const check = qualificationOn(low, cleanroom, DEFAULT_FRAMEWORK, "2026-12-05");
    assert.equal(check.qualified, false);
    assert.equal(check.missing.length, 1);
    assert.equal(check.missing[0].expiredOn, null);
  });

  it("needs verified, unexpired credentials of each group", () => {
    const base = [signoff("immunization-administration", null), signoff("anaphylaxis-emergency-response", null)];
    const holding = (code: string, expiresOn: string | null, verificationStatus: "verified" | "unverified" = "verified") => ({ certificationCode: code, earnedOn: "2025-01-01", expiresOn, verificationStatus });
    const ok = facts({ signoffs: base, certifications: [holding("immunization-training", null), holding("cpr-bls", "2027-01-31")] });
    assert.equal(qualificationOn(ok, immunization, DEFAULT_FRAMEWORK, "2027-01-31").qualified, true);
    const lapsedCpr = qualificationOn(ok, immunization, DEFAULT_FRAMEWORK, "2027-02-01");
    assert.equal(lapsedCpr.qualified, false);
    assert.equal(lapsedCpr.missing[0].expiredOn, "2027-01-31");
    const unverified = facts({ signoffs: base, certifications: [holding("immunization-training", null, "unverified"), holding("cpr-bls", null)] });
    assert.equal(qualificationOn(unverified, immunization, DEFAULT_FRAMEWORK, "2026-06-01").qualified, false);
  });

  it("ships stations that name only competencies, credentials and programs that exist", () => {
    for (const s of DEFAULT_STATIONS) {
      for (const c of s.competencies) assert.ok(DEFAULT_FRAMEWORK.competencies.some((d) => d.code === c.competency), `${s.code}: ${c.competency}`);
      for (const g of s.certifications) for (const code of g.anyOf) assert.ok(findCertification(code), `${s.code}: ${code}`);
      for (const p of s.trainingPrograms) assert.ok(TRAINING_CATALOG.some((t) => t.code === p), `${s.code}: ${p}`);
    }
    assert.deepEqual(DEFAULT_SHIFTS.map((s) => shiftLength(s.start, s.end)), [480, 480, 180]);
    assert.equal(shiftLength("23:00", "07:00"), 480);
    assert.equal(timeOf(1440 + 7 * 60), "07:00");
  });
});

describe("plan check", () => {
  const person = (id: string, extra: Partial<PlanPerson> = {}): PlanPerson => ({ id, name: id.toUpperCase(), home: true, weeklyHours: 16, minRestHours: 10, shifts: null, preferredStations: new Set(), avoidedStations: new Set(), ...extra });
  const input: PlanningInput = {
    startsOn: "2026-12-07",
    weeks: 1,
    timeZone: "America/Chicago",
    shifts: [{ id: "first", code: "first", name: "1st shift", startMinute: 420, lengthMinutes: 480 }, { id: "second", code: "second", name: "2nd shift", startMinute: 900, lengthMinutes: 480 }],
    stations: [{ id: "fill", code: "fill", name: "Fill", unpopular: false }, { id: "entry", code: "entry", name: "Entry", unpopular: false }],
    demand: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ["first", "second"].flatMap((shiftId) => ["fill", "entry"].map((stationId) => ({ stationId, shiftId, weekday, people: 1 })))),
    people: [person("a"), person("b", { shifts: new Set(["1/first"]) }), person("t")],
    leave: [{ personId: "a", kind: "pto", startsOn: "2026-12-10", endsOn: "2026-12-10" }],
    commitments: [],
    qualify: (p, s, day) => (p === "t" || (p === "b" && s === "entry") || (p === "a" && compareDates(day, "2026-12-11") > 0) ? { qualified: false, missing: [{ label: "L", reason: "R", expiredOn: null }] } : { qualified: true, missing: [] }),
    isTrainee: (p) => p === "t",
  };
  const at = (personId: string, stationId: string, day: string, shiftId = "first", trainee = false) => ({ personId, stationId, day, shiftId, trainee });
  const kinds = (assignments: ReturnType<typeof at>[]) => checkPlan(input, assignments).map((p) => p.kind).sort();

  it("finds each kind of broken rule", () => {
    assert.deepEqual(kinds([at("a", "fill", "2026-12-07")]), []);
    assert.deepEqual(kinds([at("b", "entry", "2026-12-07")]), ["unqualified"]);
    assert.deepEqual(kinds([at("a", "fill", "2026-12-12")]), ["unqualified"]); // lapsed
    assert.deepEqual(kinds([at("t", "fill", "2026-12-07", "first", true)]), ["trainee-alone"]);
    assert.deepEqual(kinds([at("t", "fill", "2026-12-07", "first", true), at("a", "fill", "2026-12-07")]), []);
    assert.deepEqual(kinds([at("a", "fill", "2026-12-10")]), ["on-leave"]);
    assert.deepEqual(kinds([at("a", "fill", "2026-12-07"), at("a", "entry", "2026-12-07")]), ["double-booked"]);
    assert.deepEqual(kinds([at("a", "fill", "2026-12-07", "second"), at("a", "fill", "2026-12-08")]), ["rest"]);
    assert.deepEqual(kinds([at("a", "fill", "2026-12-07"), at("a", "fill", "2026-12-08"), at("a", "fill", "2026-12-09")]), ["hours"]);
    assert.deepEqual(kinds([at("b", "fill", "2026-12-08")]), ["unavailable"]);
    assert.deepEqual(kinds([at("a", "fill", "2026-12-07"), at("b", "fill", "2026-12-07")]), ["over-demand"]);
    assert.deepEqual(kinds([at("a", "fill", "2026-12-14")]), ["unknown-slot"]);
  });
});

describe("rest across a daylight-saving change", () => {
  // 2nd shift 15:00–23:00, 1st shift 07:00–15:00: eight hours between them on an ordinary night.
  const shifts = [{ id: "first", code: "first", name: "1st shift", startMinute: 420, lengthMinutes: 480 }, { id: "second", code: "second", name: "2nd shift", startMinute: 900, lengthMinutes: 480 }];
  const weekOf = (startsOn: string, timeZone: string): PlanningInput => ({
    startsOn,
    weeks: 1,
    timeZone,
    shifts,
    stations: [{ id: "fill", code: "fill", name: "Fill", unpopular: false }],
    demand: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ["first", "second"].map((shiftId) => ({ stationId: "fill", shiftId, weekday, people: 1 }))),
    people: [{ id: "a", name: "A", home: true, weeklyHours: 40, minRestHours: 8, shifts: null, preferredStations: new Set(), avoidedStations: new Set() }],
    leave: [],
    commitments: [],
    qualify: () => ({ qualified: true, missing: [] }),
    isTrainee: () => false,
  });
  const closeNight = (input: PlanningInput, evening: string, morning: string) =>
    checkPlan(input, [{ personId: "a", stationId: "fill", day: evening, shiftId: "second", trainee: false }, { personId: "a", stationId: "fill", day: morning, shiftId: "first", trainee: false }]).map((p) => p.kind);

  it("counts the hours that really pass: the spring-forward night is an hour short, the fall-back night an hour long", () => {
    const spring = weekOf("2026-03-02", "America/Chicago"); // clocks go forward at 2:00 on Sunday 8 March
    assert.deepEqual(closeNight(spring, "2026-03-06", "2026-03-07"), [], "Friday night: 8 hours");
    assert.deepEqual(closeNight(spring, "2026-03-07", "2026-03-08"), ["rest"], "Saturday night: 7 hours");
    const fall = weekOf("2026-10-26", "America/Chicago"); // clocks go back at 2:00 on Sunday 1 November
    assert.deepEqual(closeNight({ ...fall, people: [{ ...fall.people[0], minRestHours: 9 }] }, "2026-10-31", "2026-11-01"), [], "Saturday night: 9 hours");
    assert.deepEqual(closeNight({ ...fall, people: [{ ...fall.people[0], minRestHours: 9 }] }, "2026-10-30", "2026-10-31"), ["rest"], "Friday night: 8 hours");
    // Arizona keeps its clocks: Saturday night is eight hours there.
    assert.deepEqual(closeNight(weekOf("2026-03-02", "America/Phoenix"), "2026-03-07", "2026-03-08"), []);
  });

  it("counts hours booked at another site in the week whose local days they fall in", () => {
    // Week 2 of a plan from 2 March starts at midnight on Monday 9 March, 7 days less the hour the clocks skipped.
    const input = { ...weekOf("2026-03-02", "America/Chicago"), weeks: 2, commitments: [{ personId: "a", start: 7 * 1440 - 60 + 10, end: 7 * 1440 - 60 + 10 + 240 }] };
    assert.deepEqual([committedMinutes(input, "a", 0), committedMinutes(input, "a", 1), committedMinutes(input, "b", 1)], [0, 240, 0]);
  });

  it("places each shift at its wall-clock time and length, in real minutes from the plan's first midnight", () => {
    const slots = new Map(planSlots("2026-03-02", 1, shifts, "America/Chicago").map((slot) => [slot.key, slot]));
    assert.equal(slots.get(slotKey("2026-03-07", "second"))!.end, 5 * 1440 + 23 * 60);
    assert.equal(slots.get(slotKey("2026-03-08", "first"))!.start, 6 * 1440 + 7 * 60 - 60);
    assert.equal(slots.get(slotKey("2026-03-08", "first"))!.end - slots.get(slotKey("2026-03-08", "first"))!.start, 480);
  });
});

describe("iCalendar text", () => {
  it("escapes TEXT values", () => {
    assert.equal(icsText("Fill, entry; back\\slash\nnext"), "Fill\\, entry\\; back\\\\slash\\nnext");
  });

  it("folds lines at 75 octets without splitting a character, and unfolds to the original", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
      const line = `SUMMARY:${text}`;
      const folded = foldLine(line);
      return folded.split("\r\n").every((l) => Buffer.byteLength(l) <= 75) && folded.replace(/\r\n /g, "") === line;
    }));
  });

  it("writes a calendar with CRLF line ends and UTC times", () => {
    const text = icsCalendar("Shifts", [{ uid: "a1@rxladder", start: new Date("2026-12-08T20:00:00Z"), end: new Date("2026-12-09T04:00:00Z"), stamp: new Date("2026-12-01T10:30:00Z"), summary: "Sterile compounding cleanroom, 2nd shift" }]);
    assert.equal(
      text,
      ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rx Ladder//Rotations//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Shifts", "BEGIN:VEVENT", "UID:a1@rxladder", "DTSTAMP:20261201T103000Z", "DTSTART:20261208T200000Z", "DTEND:20261209T040000Z", "SUMMARY:Sterile compounding cleanroom\\, 2nd shift", "END:VEVENT", "END:VCALENDAR", ""].join("\r\n"),
    );
  });
});
