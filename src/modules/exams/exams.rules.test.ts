import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Random } from "../../lib/random.ts";
import { CERTIFICATION_EXAMS } from "./certification-exams.ts";
import { allocateByWeight, allocateSubtopics, certificationDeadline, elapsedOnItem, FORMS, isCorrect, MAX_ITEM_GAP_MS, pipelineStatus, retakeAllowedOn, scoreAttempt, weakSubtopics, type PipelineFacts } from "./exams.rules.ts";
import { outlineInForce, PTCE_OUTLINES } from "./outline.ts";

const ptce = CERTIFICATION_EXAMS.find((e) => e.code === "ptce")!;
const settings = { deadlineMonths: 9, readinessThreshold: 0.7 };
const base: PipelineFacts = { hireDate: "2026-01-05", holdsNationalCertification: false, records: [], practiceAttempts: 0, lastPracticeOn: null, readiness: null };

describe("exam rules", () => {
  it("forms follow the outline's weights: the full form of 90 under both outlines", () => {
    assert.deepEqual(allocateByWeight(PTCE_OUTLINES.find((o) => o.code === "ptce-2020")!, 90), { medications: 36, federal: 11, safety: 24, order_entry: 19 });
    assert.deepEqual(allocateByWeight(PTCE_OUTLINES.find((o) => o.code === "ptce-2026")!, 90), { medications: 32, federal: 17, safety: 21, order_entry: 20 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.constantFrom(...PTCE_OUTLINES), (n, outline) => Object.values(allocateByWeight(outline, n)).reduce((s, x) => s + x, 0) === n));
  });

  it("the outline in force follows the exam date, unless one is pinned", () => {
    assert.equal(outlineInForce("2025-12-31").code, "ptce-2020");
    assert.equal(outlineInForce("2026-01-06").code, "ptce-2026");
    assert.equal(outlineInForce("2026-11-29", "ptce-2020").code, "ptce-2020");
  });

  it("subtopic quotas are as even as possible", () => {
    const out = allocateSubtopics(["4.1", "4.2", "4.3"], 8, new Random(3));
    assert.deepEqual([...out.values()].sort(), [2, 3, 3]);
  });

  it("the full form keeps the PTCE's length and time; the quick check its pace", () => {
    assert.equal(FORMS.full.items, 90);
    assert.equal(FORMS.full.minutes, 110);
    assert.equal(FORMS.quick.items, 20);
    assert.equal(FORMS.quick.minutes, 25);
  });

  it("an answer is right only when it selects exactly the key", () => {
    assert.equal(isCorrect(["b"], ["b"]), true);
    assert.equal(isCorrect(["a", "c"], ["c", "a"]), true);
    assert.equal(isCorrect(["a", "c"], ["a"]), false);
    assert.equal(isCorrect(["a", "c"], ["a", "c", "d"]), false);
    assert.equal(isCorrect(["a"], ["a", "a"]), false);
  });

  it("scores by domain, counting unanswered items as wrong", () => {
    const s = scoreAttempt([
      { domain: "federal", subtopic: "2.2", scored: true, correct: true, timeSpentMs: 1000 },
      { domain: "federal", subtopic: "2.3", scored: true, correct: null, timeSpentMs: 0 },
      { domain: "safety", subtopic: "3.1", scored: true, correct: false, timeSpentMs: 500 },
      { domain: "safety", subtopic: "3.1", scored: false, correct: true, timeSpentMs: 500 },
    ]);
    assert.equal(s.scored, 3);
    assert.equal(s.correct, 1);
    assert.equal(s.percent, 33.3);
    assert.deepEqual(s.domains.map((d) => [d.domain, d.items, d.correct]), [["federal", 2, 1], ["safety", 1, 0]]);
    assert.equal(s.totalTimeMs, 2000);
  });

  it("time on an item is capped so a closed tab does not count for hours", () => {
    assert.equal(elapsedOnItem(new Date("2026-01-01T10:00:00Z"), new Date("2026-01-01T10:00:30Z")), 30_000);
    assert.equal(elapsedOnItem(new Date("2026-01-01T10:00:00Z"), new Date("2026-01-01T13:00:00Z")), MAX_ITEM_GAP_MS);
  });

  it("deadlines are months from hire, clamped at month ends and leap days", () => {
    assert.equal(certificationDeadline("2026-05-31", 9), "2027-02-28");
    assert.equal(certificationDeadline("2027-05-31", 9), "2028-02-29");
    assert.equal(certificationDeadline("2024-02-29", 12), "2025-02-28");
    assert.equal(certificationDeadline("2026-01-05", 6), "2026-07-05");
  });

  it("retake waits: 60 days before the 2nd and 3rd attempts, 180 before the 4th, then a petition", () => {
    assert.equal(retakeAllowedOn(ptce, 1, "2026-07-01"), "2026-08-30");
    assert.equal(retakeAllowedOn(ptce, 2, "2026-12-31"), "2027-03-01");
    assert.equal(retakeAllowedOn(ptce, 3, "2027-03-01"), "2027-08-28");
    assert.equal(retakeAllowedOn(ptce, 4, "2027-09-01"), null);
  });

  it("pipeline stages", () => {
    const at = (facts: Partial<PipelineFacts>, today = "2026-03-01") => pipelineStatus({ ...base, ...facts }, settings, CERTIFICATION_EXAMS, today);
    assert.equal(at({}).stage, "not-started");
    assert.equal(at({ practiceAttempts: 2, lastPracticeOn: "2026-02-27", readiness: 0.4 }).stage, "practicing");
    assert.equal(at({ practiceAttempts: 2, readiness: 0.7 }).stage, "ready");
    assert.equal(at({ records: [{ exam: "ptce", scheduledOn: "2026-04-01", result: "scheduled", takenOn: null }] }).scheduledOn, "2026-04-01");
    const failed = at({ records: [{ exam: "ptce", scheduledOn: "2026-02-01", result: "failed", takenOn: "2026-02-01" }] });
    assert.equal(failed.stage, "failed");
    assert.equal(failed.retakeAllowedOn, "2026-04-02");
    const retake = at({ records: [{ exam: "ptce", scheduledOn: "2026-02-01", result: "failed", takenOn: "2026-02-01" }, { exam: "ptce", scheduledOn: "2026-04-10", result: "scheduled", takenOn: null }] });
    assert.equal(retake.stage, "scheduled");
    assert.equal(at({ holdsNationalCertification: true }).stage, "passed");
    assert.equal(at({ records: [{ exam: "excpt", scheduledOn: "2026-02-01", result: "passed", takenOn: "2026-02-01" }] }).stage, "passed");
  });

  it("overdue after the deadline; at risk near it when not ready, or when practice stalls", () => {
    const at = (facts: Partial<PipelineFacts>, today: string) => pipelineStatus({ ...base, ...facts }, settings, CERTIFICATION_EXAMS, today);
    // Deadline 2026-10-05.
    const overdue = at({ practiceAttempts: 1, readiness: 0.3, lastPracticeOn: "2026-10-01" }, "2026-10-06");
    assert.equal(overdue.overdue, true);
    assert.equal(overdue.daysLeft, -1);
    assert.equal(at({ practiceAttempts: 1, readiness: 0.3, lastPracticeOn: "2026-08-30" }, "2026-09-01").atRisk, true);
    assert.equal(at({ practiceAttempts: 1, readiness: 0.9, lastPracticeOn: "2026-08-30" }, "2026-09-01").atRisk, false);
    assert.match(at({ practiceAttempts: 1, readiness: 0.3, lastPracticeOn: "2026-06-01" }, "2026-07-01").riskReason!, /no practice for 30 days/);
    assert.equal(at({}, "2026-02-01").atRisk, false, "early on, not practising yet is not a risk");
    assert.equal(at({ holdsNationalCertification: true }, "2026-12-01").overdue, false);
  });

  it("weak subtopics need enough answers and a low share right", () => {
    const rs = (subtopic: string, right: number, total: number) => Array.from({ length: total }, (_, i) => ({ subtopic, correct: i < right }));
    assert.deepEqual(weakSubtopics([...rs("2.2", 1, 4), ...rs("3.1", 3, 4), ...rs("4.2", 0, 3)]), ["2.2"]);
  });
});
