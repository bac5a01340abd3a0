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
