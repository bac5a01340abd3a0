import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { addDays, addMonths, addYears, compareDates, dateInZone, daysBetween, isIsoDate, parseDate, wholeYearsBetween } from "./dates.ts";

describe("dates", () => {
  it("parses ISO and US spreadsheet dates and rejects impossible ones", () => {
    assert.equal(parseDate("2024-02-29"), "2024-02-29");
    assert.equal(parseDate("2/29/2024"), "2024-02-29");
    assert.equal(parseDate(" 12/1/2025 "), "2025-12-01");
    assert.equal(parseDate("2023-02-29"), undefined);
    assert.equal(parseDate("2025-13-01"), undefined);
    assert.equal(parseDate("2025-04-31"), undefined);
    assert.equal(parseDate("yesterday"), undefined);
    assert.equal(parseDate("1900-02-29"), undefined); // not a leap year
    assert.equal(parseDate("2000-02-29"), "2000-02-29"); // is one
  });

  it("adds months with the month end clamped", () => {
    assert.equal(addMonths("2025-01-31", 1), "2025-02-28");
    assert.equal(addMonths("2024-01-31", 1), "2024-02-29");
    assert.equal(addMonths("2025-03-31", -1), "2025-02-28");
    assert.equal(addMonths("2025-08-31", 9), "2026-05-31");
    assert.equal(addMonths("2025-05-31", 9), "2026-02-28");
    assert.equal(addMonths("2025-12-15", 1), "2026-01-15");
    assert.equal(addYears("2024-02-29", 1), "2025-02-28");
    assert.equal(addYears("2024-02-29", 4), "2028-02-29");
  });

  it("counts days across month ends, leap days and years", () => {
    assert.equal(daysBetween("2024-02-28", "2024-03-01"), 2);
    assert.equal(daysBetween("2025-02-28", "2025-03-01"), 1);
    assert.equal(daysBetween("2025-12-31", "2026-01-01"), 1);
    assert.equal(addDays("2024-02-28", 1), "2024-02-29");
    assert.equal(addDays("2026-03-08", 1), "2026-03-09"); // US daylight-saving start: still one calendar day
  });

  it("refuses to compute with a string that is not an ISO date", () => {
    for (const bad of ["2025-1-01", "2025/01/01", "2025-01-0x", "20250101", "2025-01-011", " 2025-01-01", "+025-01-01"]) {
      assert.throws(() => addDays(bad, 1), RangeError, bad);
      assert.throws(() => daysBetween("2025-01-01", bad), RangeError, bad);
      assert.throws(() => addMonths(bad, 1), RangeError, bad);
    }
  });

  it("reads 'today' in the site's time zone", () => {
    const instant = new Date("2026-03-01T03:30:00Z");
    assert.equal(dateInZone(instant, "America/Los_Angeles"), "2026-02-28");
    assert.equal(dateInZone(instant, "America/New_York"), "2026-02-28");
    assert.equal(dateInZone(instant, "Europe/Berlin"), "2026-03-01");
    assert.equal(dateInZone(new Date("2024-02-29T23:30:00-10:00"), "Pacific/Honolulu"), "2024-02-29");
  });

  it("counts whole years of service, Feb 29 anniversaries on Feb 28", () => {
    assert.equal(wholeYearsBetween("2024-02-29", "2025-02-27"), 0);
    assert.equal(wholeYearsBetween("2024-02-29", "2025-02-28"), 1);
    assert.equal(wholeYearsBetween("2020-06-15", "2026-06-14"), 5);
    assert.equal(wholeYearsBetween("2020-06-15", "2026-06-15"), 6);
  });

  it("addDays and daysBetween are inverse; adding months keeps a valid date", () => {
    const day = fc.date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2150-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        const later = addDays(date, n);
        return daysBetween(date, later) === n && isIsoDate(later);
      }),
    );
    fc.assert(
      fc.property(day, fc.integer({ min: -240, max: 240 }), (date, months) => {
        const moved = addMonths(date, months);
        return isIsoDate(moved) && (months >= 0 ? compareDates(moved, date) >= 0 : compareDates(moved, date) <= 0);
      }),
    );
  });
});

describe("dates: periods", () => {
  it("finds month starts and ends across leap years", async () => {
    const { startOfMonth, endOfMonth } = await import("./dates.ts");
    assert.equal(startOfMonth("2024-02-29"), "2024-02-01");
    assert.equal(endOfMonth("2024-02-10"), "2024-02-29");
    assert.equal(endOfMonth("2025-02-10"), "2025-02-28");
    assert.equal(endOfMonth("2025-12-31"), "2025-12-31");
  });

  it("measures periods in months: calendar months and years exactly, partial months by their month's days", async () => {
    const { monthsInPeriod, daysInPeriod } = await import("./dates.ts");
    assert.equal(monthsInPeriod("2025-01-01", "2025-12-31"), 12);
    assert.equal(monthsInPeriod("2024-01-01", "2024-12-31"), 12); // leap year
    assert.equal(monthsInPeriod("2024-02-01", "2024-02-29"), 1);
    assert.equal(monthsInPeriod("2025-02-01", "2025-02-28"), 1);
    assert.equal(monthsInPeriod("2025-01-15", "2025-02-14"), 1);
    assert.equal(monthsInPeriod("2025-03-01", "2025-03-01"), 1 / 31);
    assert.equal(monthsInPeriod("2025-01-01", "2025-01-15"), 15 / 31);
    // Jan 31 + 1 month = Feb 29 in 2024; Jan 31 .. Feb 28 is 29 days: one whole month is Jan 31..Feb 28 (end Feb 29).
    assert.equal(monthsInPeriod("2024-01-31", "2024-02-28"), 1);
    assert.equal(daysInPeriod("2025-03-01", "2025-03-01"), 1);
    assert.equal(daysInPeriod("2024-01-01", "2024-12-31"), 366);
  });

  it("splits a period into calendar months cut to the period", async () => {
    const { monthsOfPeriod } = await import("./dates.ts");
    assert.deepEqual(monthsOfPeriod("2024-01-15", "2024-03-10"), [
      { month: "2024-01", from: "2024-01-15", to: "2024-01-31" },
      { month: "2024-02", from: "2024-02-01", to: "2024-02-29" },
      { month: "2024-03", from: "2024-03-01", to: "2024-03-10" },
    ]);
    assert.equal(monthsOfPeriod("2025-01-01", "2025-12-31").length, 12);
    assert.deepEqual(monthsOfPeriod("2025-12-31", "2025-12-31"), [{ month: "2025-12", from: "2025-12-31", to: "2025-12-31" }]);
  });
});

describe("dates: weekdays and wall-clock times in a zone", () => {
  it("gives ISO weekdays and week starts across month and year ends and leap days", async () => {
    const { isoWeekday, startOfIsoWeek } = await import("./dates.ts");
    assert.equal(isoWeekday("2026-11-30"), 1); // Monday
    assert.equal(isoWeekday("2026-12-06"), 7); // Sunday
    assert.equal(isoWeekday("2024-02-29"), 4); // Thursday
    assert.equal(isoWeekday("1970-01-01"), 4);
    assert.equal(isoWeekday("1969-12-29"), 1);
    assert.equal(startOfIsoWeek("2027-01-01"), "2026-12-28");
    assert.equal(startOfIsoWeek("2024-03-03"), "2024-02-26");
    assert.equal(startOfIsoWeek("2026-11-30"), "2026-11-30");
    fc.assert(fc.property(fc.integer({ min: 0, max: 80_000 }), (n) => {
      const date = addDays("1950-01-02", n);
      const monday = startOfIsoWeek(date);
      return isoWeekday(monday) === 1 && daysBetween(monday, date) === isoWeekday(date) - 1;
    }));
  });

  it("turns a site's wall-clock time into an instant, through daylight-saving changes and midnight", async () => {
    const { instantInZone } = await import("./dates.ts");
    assert.equal(instantInZone("2026-12-08", 15 * 60, "America/New_York").toISOString(), "2026-12-08T20:00:00.000Z");
    assert.equal(instantInZone("2026-07-08", 15 * 60, "America/New_York").toISOString(), "2026-07-08T19:00:00.000Z");
    assert.equal(instantInZone("2026-12-08", 23 * 60 + 24 * 60 - 24 * 60 + 8 * 60, "America/Los_Angeles").toISOString(), "2026-12-09T15:00:00.000Z"); // 07:00 next day
    assert.equal(instantInZone("2026-12-31", 1440 + 60, "UTC").toISOString(), "2027-01-01T01:00:00.000Z");
    assert.equal(instantInZone("2024-02-29", 7 * 60, "Asia/Kolkata").toISOString(), "2024-02-29T01:30:00.000Z");
    // 2026-03-08 02:30 does not exist in New York: it lands an hour later, at 03:30 EDT.
    assert.equal(instantInZone("2026-03-08", 150, "America/New_York").toISOString(), "2026-03-08T07:30:00.000Z");
    // 2026-11-01 01:30 happens twice in New York: the first, in EDT.
    assert.equal(instantInZone("2026-11-01", 90, "America/New_York").toISOString(), "2026-11-01T05:30:00.000Z");
    assert.equal(dateInZone(instantInZone("2026-06-30", 23 * 60 + 59, "America/Chicago"), "America/Chicago"), "2026-06-30");
  });
});
