import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextUtcTimeOfDay, startOfIsoWeek, weekdayOf } from "../../lib/dates.ts";
import { describeSchedule, nextRunAt } from "./jobs.rules.ts";

const at = (iso: string) => new Date(iso);

describe("job schedules", () => {
  it("every few minutes counts from the run's start", () => {
    assert.equal(nextRunAt({ kind: "every", minutes: 60 }, at("2026-12-31T23:30:00Z")).toISOString(), "2027-01-01T00:30:00.000Z");
    assert.equal(nextRunAt({ kind: "every", minutes: 1 }, at("2026-06-15T15:00:00Z")).toISOString(), "2026-06-15T15:01:00.000Z");
  });

  it("daily: later the same day, else the next day, across month and year ends and leap days", () => {
    const daily = { kind: "daily", hour: 3, minute: 0 } as const;
    assert.equal(nextRunAt(daily, at("2026-06-15T02:59:59Z")).toISOString(), "2026-06-15T03:00:00.000Z");
    assert.equal(nextRunAt(daily, at("2026-06-15T03:00:00Z")).toISOString(), "2026-06-16T03:00:00.000Z", "strictly after: a run at 03:00 is next due tomorrow");
    assert.equal(nextRunAt(daily, at("2026-01-31T12:00:00Z")).toISOString(), "2026-02-01T03:00:00.000Z");
    assert.equal(nextRunAt(daily, at("2028-02-28T04:00:00Z")).toISOString(), "2028-02-29T03:00:00.000Z");
    assert.equal(nextRunAt(daily, at("2027-02-28T04:00:00Z")).toISOString(), "2027-03-01T03:00:00.000Z");
    assert.equal(nextRunAt(daily, at("2026-12-31T23:59:00Z")).toISOString(), "2027-01-01T03:00:00.000Z");
  });

  it("weekly: the next such weekday at the time, also across a year end", () => {
    const monday = { kind: "weekly", weekday: 1, hour: 7, minute: 0 } as const;
    assert.equal(nextRunAt(monday, at("2026-06-16T10:00:00Z")).toISOString(), "2026-06-22T07:00:00.000Z");
    assert.equal(nextRunAt(monday, at("2026-06-22T06:59:00Z")).toISOString(), "2026-06-22T07:00:00.000Z");
    assert.equal(nextRunAt(monday, at("2026-06-22T07:00:00Z")).toISOString(), "2026-06-29T07:00:00.000Z");
    assert.equal(nextRunAt(monday, at("2026-12-29T00:00:00Z")).toISOString(), "2027-01-04T07:00:00.000Z");
  });

  it("UTC times do not move with a site's daylight saving", () => {
    // 2026-03-08 is the US spring-forward day; the job's time is UTC all year.
    assert.equal(nextUtcTimeOfDay(at("2026-03-08T06:00:00Z"), 7, 30).toISOString(), "2026-03-08T07:30:00.000Z");
    assert.equal(nextUtcTimeOfDay(at("2026-11-01T08:00:00Z"), 7, 30).toISOString(), "2026-11-02T07:30:00.000Z");
  });

  it("weekdays and ISO weeks", () => {
    assert.equal(weekdayOf("1970-01-01"), 4);
    assert.equal(weekdayOf("2024-02-29"), 4);
    assert.equal(weekdayOf("2026-06-21"), 0);
    assert.equal(weekdayOf("1969-12-31"), 3);
    assert.equal(startOfIsoWeek("2026-06-21"), "2026-06-15", "Sunday belongs to the week that began on Monday");
    assert.equal(startOfIsoWeek("2026-06-22"), "2026-06-22");
    assert.equal(startOfIsoWeek("2027-01-01"), "2026-12-28");
    assert.equal(startOfIsoWeek("2024-03-02"), "2024-02-26");
  });

  it("describes schedules for the job list", () => {
    assert.equal(describeSchedule({ kind: "every", minutes: 1 }), "every minute");
    assert.equal(describeSchedule({ kind: "daily", hour: 3, minute: 0 }), "daily at 03:00 UTC");
    assert.equal(describeSchedule({ kind: "weekly", weekday: 1, hour: 7, minute: 0 }), "Mondays at 07:00 UTC");
  });
});
