import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addDays, addMonths } from "../../lib/dates.ts";
import { groupObservations, kaplanMeier, survivalAt } from "./kaplan-meier.ts";
import {
  annualize,
  certificationObservation,
  completionRate,
  deadlineOutcome,
  expiryBuckets,
  foldSegments,
  isStalled,
  median,
  personDaysIn,
  promotionFrequency,
  reasonBreakdown,
  turnover,
  type Segment,
} from "./metrics.rules.ts";

const seg = (startsOn: string, endsOn: string | null, extra: Partial<Segment> = {}): Segment => ({
  personId: extra.personId ?? "p",
  siteId: extra.siteId ?? "s1",
  startsOn,
  endsOn,
  isHire: extra.isHire ?? true,
  separation: extra.separation ?? null,
});
const voluntary = { type: "voluntary" as const, reasonCode: "pay" };
const involuntary = { type: "involuntary" as const, reasonCode: "attendance" };
const JAN = { from: "2025-01-01", to: "2025-01-31" };
const YEAR = { from: "2025-01-01", to: "2025-12-31" };

describe("metrics rules: headcount and separations", () => {
  it("counts the first and the last day of a segment as employed", () => {
    assert.equal(personDaysIn(seg("2025-01-10", "2025-01-10"), JAN), 1);
    assert.equal(personDaysIn(seg("2024-06-01", null), JAN), 31);
    assert.equal(personDaysIn(seg("2024-06-01", "2024-12-31"), JAN), 0); // left the day before
    assert.equal(personDaysIn(seg("2025-02-01", null), JAN), 0); // hired the day after
  });

  it("counts a separation on the period's first day and on its last day in that period, and not one the day before", () => {
    const first = foldSegments([seg("2024-03-01", "2025-01-01", { separation: voluntary })], JAN);
    assert.deepEqual(first.separations, { voluntary: 1, involuntary: 0, total: 1 });
    assert.equal(first.personDays, 1);
    assert.equal(first.headcountStart, 1);
    assert.equal(first.headcountEnd, 0);

    const last = foldSegments([seg("2024-03-01", "2025-01-31", { separation: involuntary })], JAN);
    assert.deepEqual(last.separations, { voluntary: 0, involuntary: 1, total: 1 });
    assert.equal(last.personDays, 31);
    assert.equal(last.headcountEnd, 1);

    const before = foldSegments([seg("2024-03-01", "2024-12-31", { separation: voluntary })], JAN);
    assert.equal(before.separations.total, 0);
    assert.equal(before.personDays, 0);
  });

  it("counts a rehire's two spells as two hires, one separation, and never two people on one day", () => {
    const segments = [
      seg("2025-01-05", "2025-01-10", { separation: voluntary }),
      seg("2025-01-20", null, { isHire: true }),
    ];
    const f = foldSegments(segments, JAN);
    assert.equal(f.hires, 2);
    assert.equal(f.separations.total, 1);
    assert.equal(f.personDays, 6 + 12); // Jan 5–10 and Jan 20–31
    assert.equal(f.averageHeadcount, 18 / 31);
  });

  it("treats a transfer as a new segment at the new site, neither a hire nor a separation", () => {
    const segments = [seg("2024-01-01", "2025-01-14", { siteId: "s1" }), seg("2025-01-15", null, { siteId: "s2", isHire: false })];
    const all = foldSegments(segments, JAN);
    assert.equal(all.personDays, 31);
    assert.equal(all.hires, 0);
    assert.equal(all.separations.total, 0);
    const atS2 = foldSegments(segments.filter((s) => s.siteId === "s2"), JAN);
    assert.equal(atS2.personDays, 17);
    assert.equal(atS2.hires, 0); // arrived by transfer
  });

  it("gives an empty period no headcount and no rates rather than a division by zero", () => {
    const f = foldSegments([], JAN);
    assert.equal(f.averageHeadcount, 0);
    const t = turnover(f, JAN);
    assert.equal(t.total.rate, null);
    assert.equal(t.total.annualized, null);
    assert.equal(promotionFrequency(0, 0, JAN), null);
  });
});

describe("metrics rules: rates", () => {
  it("annualizes by calendar months: a year as is, a month × 12, a leap February × 12", () => {
    assert.equal(annualize(0.25, YEAR), 0.25);
    assert.equal(annualize(0.02, JAN), 0.24);
    assert.ok(Math.abs(annualize(0.01, { from: "2024-02-01", to: "2024-02-29" }) - 0.12) < 1e-12);
  });

  it("computes turnover as separations ÷ average headcount: 10 people all year, 2 voluntary and 1 involuntary leaving on 30 June", () => {
    // 7 stay all year (7 × 365) and 3 leave on 2025-06-30 (181 days each).
    const stay = Array.from({ length: 7 }, (_, i) => seg("2020-01-01", null, { personId: `s${i}` }));
    const gone = [voluntary, voluntary, involuntary].map((separation, i) => seg("2020-01-01", "2025-06-30", { personId: `g${i}`, separation }));
    const f = foldSegments([...stay, ...gone], YEAR);
    assert.equal(f.personDays, 7 * 365 + 3 * 181);
    const average = (7 * 365 + 3 * 181) / 365; // 8.4877
    const t = turnover(f, YEAR);
    assert.equal(t.averageHeadcount, average);
    assert.equal(t.voluntary.rate, 2 / average);
    assert.equal(t.total.annualized, 3 / average);
    assert.ok(Math.abs(t.total.annualized! - 0.35345) < 1e-4);
  });

  it("gives promotions per 100 technicians per year", () => {
    // 3 promotions in a quarter over 40 technicians: 3/40 × 100 × 4 = 30.
    assert.equal(promotionFrequency(3, 40, { from: "2025-01-01", to: "2025-03-31" }), 30);
    assert.ok(Math.abs(promotionFrequency(5, 50, YEAR)! - 10) < 1e-9);
  });

  it("takes the middle value, or the mean of the two middle ones", () => {
    assert.equal(median([]), null);
    assert.equal(median([5]), 5);
    assert.equal(median([9, 1, 5]), 5);
    assert.equal(median([4, 1, 9, 2]), 3);
  });
});

describe("metrics rules: training, certification, expiries, reasons, stalled", () => {
  it("counts trainings due in the period up to today, on time when completed by the due date", () => {
    const entries = [
      { dueOn: "2025-01-01", status: "completed" as const, late: false }, // first day: counts
      { dueOn: "2025-01-31", status: "completed" as const, late: true }, // last day, done late
      { dueOn: "2025-01-15", status: "overdue" as const, late: false }, // missed
      { dueOn: "2024-12-31", status: "completed" as const, late: false }, // before the period
    ];
    assert.deepEqual(completionRate(entries, JAN, "2025-01-31"), { due: 3, onTime: 1, late: 1, missed: 1, rate: 1 / 3 });
    // On Jan 16 the one due Jan 31 has not fallen due yet.
    const early = [...entries.slice(0, 1), { dueOn: "2025-01-31", status: "assigned" as const, late: false }, ...entries.slice(2)];
    assert.deepEqual(completionRate(early, JAN, "2025-01-16"), { due: 2, onTime: 1, late: 0, missed: 1, rate: 0.5 });
    assert.deepEqual(completionRate([], JAN, "2025-01-31"), { due: 0, onTime: 0, late: 0, missed: 0, rate: null });
  });

  it("turns a hire's certification into a survival observation and a deadline outcome", () => {
    assert.deepEqual(certificationObservation("2025-01-10", "2025-04-10", "2025-12-31"), { time: 90, event: true });
    assert.deepEqual(certificationObservation("2025-01-10", "2024-11-01", "2025-12-31"), { time: 0, event: true }); // certified before hire
    assert.deepEqual(certificationObservation("2025-01-10", null, "2025-03-11"), { time: 60, event: false }); // left uncertified
    assert.deepEqual(certificationObservation("2025-01-10", "2026-02-01", "2025-12-31"), { time: 355, event: false }); // after observation
    // 9-month deadline from 2025-01-31 is 2025-10-31.
    assert.equal(deadlineOutcome("2025-01-31", 9, "2025-10-31", "2026-01-01"), "on-time");
    assert.equal(deadlineOutcome("2025-01-31", 9, "2025-11-01", "2026-01-01"), "late");
    assert.equal(deadlineOutcome("2025-01-31", 9, null, "2025-11-01"), "missed");
    assert.equal(deadlineOutcome("2025-01-31", 9, null, "2025-10-31"), "pending");
  });

  it("buckets expiries cumulatively within 30, 60 and 90 days, counting the expiry day itself", () => {
    const today = "2025-03-01";
    const one = (day: string) => ({ day, count: 1 });
    assert.deepEqual(expiryBuckets(["2025-03-01", "2025-03-31", "2025-04-01", "2025-04-30", "2025-05-30", "2025-05-31", "2025-02-28"].map(one), today), {
      within30: 2, // today and +30
      within60: 4, // +31, +60
      within90: 5, // +90; +91 and yesterday are out
    });
    // Counted expiries weigh as many.
    assert.deepEqual(expiryBuckets([{ day: "2025-03-31", count: 3 }, { day: "2025-05-30", count: 2 }, { day: "2025-06-01", count: 7 }], today), { within30: 3, within60: 3, within90: 5 });
  });

  it("breaks reasons down largest first with shares, unknown and missing codes as not recorded", () => {
    const rows = reasonBreakdown([
      { code: "pay", count: 3 },
      { code: "career_path", count: 3 },
      { code: null, count: 1 },
      { code: "made-up", count: 1 },
      { code: "attendance", count: 2 },
    ]);
    assert.deepEqual(rows.map((r) => [r.code, r.count]), [["career_path", 3], ["pay", 3], ["attendance", 2], ["unrecorded", 2]]);
    assert.equal(rows[0].label, "No career path or advancement");
    assert.equal(rows[3].share, 0.2);
  });

  it("calls a level stalled from the day the threshold in calendar months is reached", () => {
    assert.equal(isStalled("2024-02-29", "2025-08-28", 18), false);
    assert.equal(isStalled("2024-02-29", "2025-08-29", 18), true);
    assert.equal(isStalled("2024-08-31", "2026-02-28", 18), true); // Aug 31 + 18 months = Feb 28
    assert.equal(isStalled("2024-08-28", "2026-02-27", 18), false);
    // The cut-off agrees with counting forward from every start date over two years of days.
    for (let start = "2023-01-01"; start < "2025-01-01"; start = addDays(start, 1)) {
      for (const today of ["2024-08-31", "2024-09-29", "2025-02-28", "2024-02-29", "2024-03-30"]) {
        assert.equal(isStalled(start, today, 6), addMonths(start, 6) <= today, `${start} ${today}`);
      }
    }
  });
});

describe("Kaplan–Meier", () => {
  // Six people: separations at 1, 3, 3 and 6; censored (still employed) at 2 and 5.
  const data = [
    { time: 1, event: true },
    { time: 2, event: false },
    { time: 3, event: true },
    { time: 3, event: true },
    { time: 5, event: false },
    { time: 6, event: true },
  ];

  it("steps down at each separation and only drops the censored from the risk set", () => {
    const curve = kaplanMeier(groupObservations(data));
    assert.deepEqual(curve.steps.map((s) => [s.time, s.atRisk, s.events, s.censored]), [
      [1, 6, 1, 0],
      [2, 5, 0, 1],
      [3, 4, 2, 0],
      [5, 2, 0, 1],
      [6, 1, 1, 0],
    ]);
    // S(1) = 5/6; S(3) = 5/6 × 2/4 = 5/12; S(6) = 0.
    assert.equal(curve.steps[0].survival, 5 / 6);
    assert.equal(curve.steps[2].survival, 5 / 12);
    assert.equal(curve.steps[4].survival, 0);
    assert.equal(curve.median, 3);
    assert.equal(curve.subjects, 6);
    assert.equal(curve.events, 4);
  });

  it("gives Greenwood's variance and the log-log band", () => {
    const curve = kaplanMeier(groupObservations(data));
    // Greenwood at 3: S² × (1/(6·5) + 2/(4·2)) = (5/12)² × 0.283333 = 0.049190
    assert.ok(Math.abs(curve.steps[2].variance - (25 / 144) * (1 / 30 + 1 / 4)) < 1e-12);
    // At 1: v = (1/30)/ln(5/6)² = 1.002772; S^exp(±1.96·√v): lower 0.2732, upper 0.9747 (as R's survfit, conf.type "log-log").
    assert.ok(Math.abs(curve.steps[0].lower - 0.2732) < 5e-4, String(curve.steps[0].lower));
    assert.ok(Math.abs(curve.steps[0].upper - 0.9747) < 5e-4, String(curve.steps[0].upper));
    // At 3: v = 0.283333/ln(5/12)² = 0.369670; exp(1.96·0.608005) = 3.29257; lower (5/12)^3.29257 = 0.0560, upper (5/12)^(1/3.29257) = 0.7665.
    assert.ok(Math.abs(curve.steps[2].lower - 0.056) < 5e-4, String(curve.steps[2].lower));
    assert.ok(Math.abs(curve.steps[2].upper - 0.7665) < 5e-4, String(curve.steps[2].upper));
    assert.deepEqual([curve.steps[4].lower, curve.steps[4].upper], [0, 0]);
  });

  it("stays at 1 with a band of [1, 1] when everyone is censored, and has no median", () => {
    const curve = kaplanMeier([{ time: 10, events: 0, censored: 3 }]);
    assert.equal(curve.steps[0].survival, 1);
    assert.equal(curve.median, null);
    assert.deepEqual(kaplanMeier([]).steps, []);
  });

  it("reads the step function at chosen times and stops after the last observation", () => {
    const curve = kaplanMeier(groupObservations(data));
    const read = survivalAt(curve, [0, 2, 3, 4, 6, 7]);
    assert.deepEqual(read.map((r) => [r.time, r.survival, r.atRisk]), [
      [0, 1, 6],
      [2, 5 / 6, 4],
      [3, 5 / 12, 2],
      [4, 5 / 12, 2],
      [6, 0, 0],
    ]);
  });
});
