import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canMentor, isConfirmedOnLogging, mentoringHours } from "./mentoring.rules.ts";

describe("mentoring rules", () => {
  it("hours are the confirmed sessions' minutes over 60", () => {
    assert.equal(mentoringHours([]), 0);
    assert.equal(mentoringHours([{ durationMinutes: 90, confirmed: true }, { durationMinutes: 30, confirmed: true }, { durationMinutes: 600, confirmed: false }]), 2);
  });

  it("a mentor has the mentor role or a Lead-level position, and is never the mentee", () => {
    assert.equal(canMentor({ id: "a", role: "mentor", coreRank: null }, "b", 4).allowed, true);
    assert.equal(canMentor({ id: "a", role: "technician", coreRank: 4 }, "b", 4).allowed, true);
    assert.equal(canMentor({ id: "a", role: "technician", coreRank: 3 }, "b", 4).allowed, false);
    assert.equal(canMentor({ id: "a", role: "technician", coreRank: null }, "b", 4).allowed, false);
    assert.equal(canMentor({ id: "a", role: "mentor", coreRank: 4 }, "a", 4).allowed, false);
  });

  it("the mentor's own sessions count at once, the mentee's await confirmation", () => {
    assert.equal(isConfirmedOnLogging("m", "m"), true);
    assert.equal(isConfirmedOnLogging("t", "m"), false);
  });
});
