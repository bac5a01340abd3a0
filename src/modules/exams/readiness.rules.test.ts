import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { estimateReadiness, itemDifficulty, itemStatistics, normalCdf, normalQuantile, passProbabilityAt, pCorrect, RAW_CUT, READINESS_MODEL } from "./readiness.rules.ts";
import { simulateCalibration } from "./readiness.simulation.ts";

describe("readiness model", () => {
  it("the normal helpers agree with each other and with known values", () => {
    assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-4);
    fc.assert(fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), (p) => Math.abs(normalCdf(normalQuantile(p)) - p) < 1e-6));
  });

  it("a candidate at the passing ability passes about half the time; P(pass) rises with ability", () => {
    assert.ok(Math.abs(passProbabilityAt(READINESS_MODEL.thetaCut) - 0.5) < 0.1);
    assert.ok(RAW_CUT > 40 && RAW_CUT < 80);
    fc.assert(fc.property(fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (theta, d) => passProbabilityAt(theta + d) >= passProbabilityAt(theta)));
  });

  it("more right answers never lower the estimate, and more answers narrow it", () => {
    const answers = (right: number, total: number) => Array.from({ length: total }, (_, i) => ({ b: 0, correct: i < right }));
    const a = estimateReadiness(answers(12, 20));
    const b = estimateReadiness(answers(15, 20));
    assert.ok(b.ability > a.ability && b.probability > a.probability);
    const wide = estimateReadiness(answers(14, 20));
    const narrow = estimateReadiness(answers(70, 100));
    assert.ok(narrow.abilitySe < wide.abilitySe);
    assert.ok(narrow.high - narrow.low < wide.high - wide.low);
    assert.equal(wide.preliminary, true);
    assert.equal(narrow.preliminary, false);
    for (const r of [a, b, wide, narrow]) assert.ok(r.low <= r.probability && r.probability <= r.high);
  });

  it("uses an item's calibration only once it has enough responses", () => {
    assert.equal(itemDifficulty(3, null), 1);
    assert.equal(itemDifficulty(1, { b: 2.5, responses: 10 }), -1);
    assert.equal(itemDifficulty(1, { b: 2.5, responses: 30 }), 2.5);
  });

  it("item statistics: p-value, corrected point-biserial and PROX difficulty on a hand-computed example", () => {
    // Four attempts, two items. Item x is answered right by the two strongest attempts.
    const rows = [
      { itemKey: "x", attemptId: "1", correct: true }, { itemKey: "y", attemptId: "1", correct: true },
      { itemKey: "x", attemptId: "2", correct: true }, { itemKey: "y", attemptId: "2", correct: false },
      { itemKey: "x", attemptId: "3", correct: false }, { itemKey: "y", attemptId: "3", correct: true },
      { itemKey: "x", attemptId: "4", correct: false }, { itemKey: "y", attemptId: "4", correct: false },
    ];
    const [x, y] = itemStatistics(rows, new Map());
    assert.equal(x.pValue, 0.5);
    assert.equal(y.pValue, 0.5);
    // Rest scores for x are y's answers: 1,0,1,0 against x: 1,1,0,0 → r = 0.
    assert.equal(x.pointBiserial, 0);
    assert.equal(x.raschB, null, "too few responses to calibrate");
    const many = Array.from({ length: 40 }, (_, i) => ({ itemKey: "z", attemptId: String(i), correct: i % 4 !== 0 }));
    const [z] = itemStatistics(many, new Map(many.map((r) => [r.attemptId, 0])));
    assert.equal(z.pValue, 0.75);
    assert.ok(Math.abs(z.raschB! - Math.log(0.25 / 0.75)) < 1e-9, "with all abilities 0, b = logit of the failure rate");
  });

  it("is calibrated on simulated learners of known ability (Brier score well below the base rate's)", () => {
    const report = simulateCalibration({ learners: 600, responsesPerLearner: 60, seed: 20261129 });
    assert.ok(report.passRate > 0.2 && report.passRate < 0.8, `pass rate ${report.passRate}`);
    assert.ok(report.brier < 0.12, `Brier ${report.brier}`);
    assert.ok(report.brier < report.baseRateBrier / 2, `Brier ${report.brier} against base rate ${report.baseRateBrier}`);
    for (const bin of report.bins.filter((b) => b.count >= 40)) assert.ok(Math.abs(bin.predicted - bin.observed) < 0.2, `bin ${bin.from}: predicted ${bin.predicted}, observed ${bin.observed}`);
  });

  it("the probability of a right answer is the Rasch curve", () => {
    assert.equal(pCorrect(0, 0), 0.5);
    assert.ok(Math.abs(pCorrect(1, 0) - 1 / (1 + Math.exp(-1))) < 1e-12);
  });
});
