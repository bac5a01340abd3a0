import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_EVALUATION_TEMPLATE } from "./default-template.ts";
import { averageOverMonths, averageRating, dueForMonth, evaluationMonth, parseMonth, validateRatings } from "./evaluations.rules.ts";

describe("evaluation rules", () => {
  it("takes the month from the site's time zone, across month and year ends", () => {
    const instant = new Date("2026-06-01T02:00:00Z");
    assert.equal(evaluationMonth(instant, "America/New_York"), "2026-05-01");
    assert.equal(evaluationMonth(instant, "UTC"), "2026-06-01");
    assert.equal(evaluationMonth(new Date("2026-12-31T20:00:00Z"), "Pacific/Auckland"), "2027-01-01");
    assert.equal(evaluationMonth(new Date("2027-01-01T03:00:00Z"), "America/Los_Angeles"), "2026-12-01");
  });

  it("lists who is due per site zone: a person evaluated for their site's month is not due", () => {
    const now = new Date("2026-06-01T02:00:00Z");
    const people = [
      { personId: "ny", hireDate: "2025-01-01", timeZone: "America/New_York" },
      { personId: "akl", hireDate: "2025-01-01", timeZone: "Pacific/Auckland" },
      { personId: "ny-done", hireDate: "2025-01-01", timeZone: "America/New_York" },
      { personId: "not-yet-hired", hireDate: "2026-06-01", timeZone: "America/New_York" },
    ];
    // ny-done has May (its month in New York); akl has May but is already in June.
    const evaluated = new Set(["ny-done|2026-05-01", "akl|2026-05-01"]);
    const due = dueForMonth(people, evaluated, now);
    assert.deepEqual(due.map((d) => [d.personId, d.month]), [["ny", "2026-05-01"], ["akl", "2026-06-01"]]);
  });

  it("parses months and refuses non-months", () => {
    assert.equal(parseMonth("2026-03"), "2026-03-01");
    assert.equal(parseMonth("2026-03-17"), "2026-03-01");
    assert.equal(parseMonth("2026-13"), undefined);
    assert.equal(parseMonth("March"), undefined);
  });

  it("names every missing, out-of-range or unknown rating by its field", () => {
    const items = DEFAULT_EVALUATION_TEMPLATE.items;
    const full = Object.fromEntries(items.map((i) => [i.code, 3]));
    assert.deepEqual(validateRatings(items, full), []);
    const { accuracy: _dropped, ...missing } = full;
    const errors = validateRatings(items, { ...missing, teamwork: 5, extra: 2 });
    assert.deepEqual(errors.map((e) => e.field).sort(), ["ratings.accuracy", "ratings.extra", "ratings.teamwork"]);
  });

  it("averages ratings to two decimals", () => {
    assert.equal(averageRating({ a: 4, b: 3, c: 3 }), 3.33);
  });

  it("averages evaluations over the last N months as the ladder does", () => {
    const evaluations = [
      { month: "2025-11-01", average: 1 },
      { month: "2026-01-01", average: 3 },
      { month: "2026-06-01", average: 4 },
    ];
    // (2025-12-15, 2026-06-15]: January and June.
    assert.equal(averageOverMonths(evaluations, "2026-06-15", 6), 3.5);
    assert.equal(averageOverMonths(evaluations, "2026-06-15", 12), 8 / 3);
    assert.equal(averageOverMonths(evaluations, "2025-10-15", 6), null);
  });
});
