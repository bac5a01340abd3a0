import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { thresholdStanding } from "./kpis.rules.ts";

const points = [
  { periodEnd: "2024-01-31", value: 90 },
  { periodEnd: "2024-02-29", value: 96 },
  { periodEnd: "2024-03-31", value: 98 },
  { periodEnd: "2024-08-31", value: 99 },
];

describe("where a person stands against a level's KPI threshold", () => {
  it("averages the periods ending in (today − window, today], across a leap day and month ends", () => {
    // Three months back from 31 May 2024 is 29 February: that period is outside, March is in.
    assert.deepEqual(thresholdStanding(points, { level: "Tech III", comparator: ">=", threshold: 98, windowMonths: 3 }, "2024-05-31"), { average: 98, periods: 1, isMet: true });
    assert.deepEqual(thresholdStanding(points, { level: "Tech III", comparator: ">=", threshold: 98, windowMonths: 4 }, "2024-05-31"), { average: 97, periods: 2, isMet: false });
    // A figure for a period ending after today does not count yet.
    assert.equal(thresholdStanding(points, { level: "Lead", comparator: ">=", threshold: 90, windowMonths: 12 }, "2024-08-30").periods, 3);
  });

  it("reads lower-is-better thresholds and reports no figures as not met", () => {
    const nearMiss = [{ periodEnd: "2024-05-31", value: 1.5 }, { periodEnd: "2024-06-30", value: 2.7 }];
    assert.deepEqual(thresholdStanding(nearMiss, { level: "Tech III", comparator: "<=", threshold: 2, windowMonths: 6 }, "2024-06-30"), { average: 2.1, periods: 2, isMet: false });
    assert.deepEqual(thresholdStanding(nearMiss, { level: "Tech III", comparator: "<=", threshold: 2.1, windowMonths: 6 }, "2024-06-30").isMet, true);
    assert.deepEqual(thresholdStanding([], { level: "Tech III", comparator: "<=", threshold: 2, windowMonths: 6 }, "2024-06-30"), { average: null, periods: 0, isMet: false });
  });
});
