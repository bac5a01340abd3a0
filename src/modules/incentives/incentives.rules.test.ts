import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_INCENTIVE_RULES, milestoneDate, payrollCsv, rulesTriggeredBy } from "./incentives.rules.ts";

const event = (kind: string, payload: Record<string, unknown> = {}, personId: string | null = "p1") => ({ id: 1, kind, personId, payload });

describe("incentive rules", () => {
  it("an exam pass triggers the certification raise only", () => {
    const rules = rulesTriggeredBy(DEFAULT_INCENTIVE_RULES, event("certification.exam_passed"));
    assert.deepEqual(rules.map((r) => r.code), ["certification-raise"]);
    assert.equal(rules[0].reward, "raise");
  });

  it("reaching Lead triggers the general and the Lead bonus; reaching Tech II only the general one", () => {
    assert.deepEqual(rulesTriggeredBy(DEFAULT_INCENTIVE_RULES, event("level.reached", { track: "core", level: "lead" })).map((r) => r.code), ["level-bonus", "lead-bonus"]);
    assert.deepEqual(rulesTriggeredBy(DEFAULT_INCENTIVE_RULES, event("level.reached", { track: "core", level: "tech-2" })).map((r) => r.code), ["level-bonus"]);
  });

  it("inactive rules, events without a person and other kinds trigger nothing", () => {
    assert.deepEqual(rulesTriggeredBy(DEFAULT_INCENTIVE_RULES, event("training.completed")), []);
    assert.deepEqual(rulesTriggeredBy(DEFAULT_INCENTIVE_RULES, event("certification.exam_passed", {}, null)), []);
    assert.deepEqual(rulesTriggeredBy(DEFAULT_INCENTIVE_RULES, event("exam.attempt_finished")), []);
  });

  it("turned on, the training rule fires for its program only, the CE rule for activities of enough hours", () => {
    const active = DEFAULT_INCENTIVE_RULES.map((r) => ({ ...r, active: true }));
    assert.deepEqual(rulesTriggeredBy(active, event("training.completed", { programCode: "usp-797" })).map((r) => r.code), ["training-conference"]);
    const narrowed = active.map((r) => (r.code === "training-conference" ? { ...r, programCode: "usp-797" } : r.code === "ce-tuition" ? { ...r, minHours: 2 } : r));
    assert.deepEqual(rulesTriggeredBy(narrowed, event("training.completed", { programCode: "usp-800" })), []);
    assert.deepEqual(rulesTriggeredBy(narrowed, event("training.completed", { programCode: "usp-797" })).map((r) => r.code), ["training-conference"]);
    assert.deepEqual(rulesTriggeredBy(narrowed, event("ce.completed", { hours: 1.5 })), []);
    assert.deepEqual(rulesTriggeredBy(narrowed, event("ce.completed", { hours: 2 })).map((r) => r.code), ["ce-tuition"]);
    assert.deepEqual(rulesTriggeredBy(narrowed, event("ce.completed", {})), [], "an event without hours does not meet a minimum");
  });

  it("a milestone counts from its effective date, its exam date, else the day recorded", () => {
    assert.equal(milestoneDate(event("level.reached", { effectiveDate: "2026-07-01" }), "2026-06-15"), "2026-07-01");
    assert.equal(milestoneDate(event("certification.exam_passed", { takenOn: "2026-06-10" }), "2026-06-15"), "2026-06-10");
    assert.equal(milestoneDate(event("certification.exam_passed", { takenOn: "soon" }), "2026-06-15"), "2026-06-15");
  });

  it("the payroll CSV states raises per hour, quotes text and defuses formulas", () => {
    const csv = payrollCsv([
      { employeeId: "E2", lastName: "Zed", firstName: "A", siteCode: "S1", kind: "bonus", effectiveDate: "2026-07-01", amountCents: 25000, description: "Level, bonus", reference: "grant:2" },
      { employeeId: "E1", lastName: "Ames", firstName: "B", siteCode: "S1", kind: "raise", effectiveDate: "2026-06-10", amountCents: 100, description: "=cmd", reference: "grant:1" },
    ]);
    const lines = csv.trim().split("\r\n");
    assert.equal(lines[0], "employee_id,last_name,first_name,site,type,effective_date,amount,unit,description,reference");
    assert.equal(lines[1], "E1,Ames,B,S1,raise,2026-06-10,1.00,per-hour,'=cmd,grant:1");
    assert.equal(lines[2], 'E2,Zed,A,S1,bonus,2026-07-01,250.00,one-time,"Level, bonus",grant:2');
  });
});
