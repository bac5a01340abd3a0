import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_CE_SETTINGS, ruleSetFor, ruleSetsInForce, type CeSettings } from "./ce-rule-sets.ts";
import { ceCycle, ceHoldings, computeCompliance, shortfallText, warningFor, type CeHoldingFacts, type CeRecordFacts } from "./ce.rules.ts";
import { findCertification } from "../certifications/index.ts";

const rules = (settings: Partial<CeSettings> = {}) => ruleSetsInForce({ ...DEFAULT_CE_SETTINGS, ...settings });
const cphtRules = (settings: Partial<CeSettings> = {}) => ruleSetFor(rules(settings), "ptcb-cpht", null)!;
const CPHT = findCertification("ptcb-cpht")!;

/** First cycle: certified 2024-03-15, expires 2026-03-15. */
const firstCycle: CeHoldingFacts = { id: "h1", certificationCode: "ptcb-cpht", state: null, earnedOn: "2024-03-15", expiresOn: "2026-03-15", verificationStatus: "verified" };
/** Renewed: certified 2020-05-10, now expires 2026-05-10, so this cycle runs 2024-05-11 … 2026-05-10. */
const renewed: CeHoldingFacts = { id: "h2", certificationCode: "ptcb-cpht", state: null, earnedOn: "2020-05-10", expiresOn: "2026-05-10", verificationStatus: "verified" };

let next = 0;
function record(completedOn: string, hours: number, extra: Partial<CeRecordFacts> = {}): CeRecordFacts {
  next++;
  return {
    id: `r${String(next).padStart(3, "0")}`,
    title: `Activity ${next}`,
    completedOn,
    hours,
    activityType: "acpe",
    uan: `0175-0000-24-${String(next).padStart(3, "0")}-H04-T`,
    topic: "04",
    format: "home-study",
    audience: "technician",
    categories: [],
    verificationStatus: "verified",
    ...extra,
  };
}
const law = (completedOn: string, hours = 1, extra: Partial<CeRecordFacts> = {}) => record(completedOn, hours, { topic: "03", categories: ["law"], ...extra });
const safety = (completedOn: string, hours = 1, extra: Partial<CeRecordFacts> = {}) => record(completedOn, hours, { topic: "05", categories: ["patient-safety"], ...extra });

function compliance(holding: CeHoldingFacts, records: CeRecordFacts[], today = "2025-12-01", settings: Partial<CeSettings> = {}) {
  const ruleSet = ruleSetFor(rules(settings), holding.certificationCode, holding.state)!;
  const result = computeCompliance({ holding, ruleSet, records, today, warningDays: settings.warningDays ?? DEFAULT_CE_SETTINGS.warningDays });
  assert.ok(result);
  return result;
}
const requirement = (c: ReturnType<typeof compliance>, code: string) => c.requirements.find((r) => r.code === code)!;
const outcome = (c: ReturnType<typeof compliance>, r: CeRecordFacts) => c.records.find((o) => o.recordId === r.id)!;

describe("CPhT rule set from the catalog", () => {
  it("is 20 hours with 1 h law (03), 1 h patient safety (05), at least 15 h not pharmacist-designated, college courses at most 10 h, no in-service since 2018", () => {
    const cpht = cphtRules();
    assert.equal(cpht.hours, 20);
    assert.deepEqual(cpht.minimums.map((m) => [m.code, m.hours]), [["law", 1], ["patient-safety", 1], ["technician", 15]]);
    assert.equal(cpht.pharmacistHoursMax, 5);
    assert.equal(cpht.collegeCourseHoursMax, 10);
    assert.equal(cpht.inServiceRefusedFrom, "2018-01-01");
    assert.match(cpht.source, /ptcb/);
  });

  it("takes the organization's technician/pharmacist split (older rule: all 20 technician)", () => {
    const strict = cphtRules({ technicianHoursMin: 20 });
    assert.equal(strict.minimums.find((m) => m.code === "technician")!.hours, 20);
    assert.equal(strict.pharmacistHoursMax, 0);
  });

  it("NHA ExCPT: 20 hours with 1 h law and no technician/pharmacist split", () => {
    const excpt = ruleSetFor(rules(), "nha-excpt", null)!;
    assert.equal(excpt.hours, 20);
    assert.deepEqual(excpt.minimums.map((m) => m.code), ["law"]);
    assert.equal(excpt.pharmacistHoursMax, null);
  });

  it("a state registration has rules only where a rule set exists: Florida built in, an organization's own state added", () => {
    assert.equal(ruleSetFor(rules(), "state-registration", "FL")?.hours, 20);
    assert.equal(ruleSetFor(rules(), "state-registration", "OH"), undefined);
    const ohio = { ...ruleSetFor(rules(), "state-registration", "FL")!, state: "OH", name: "Ohio", hours: 20, minimums: [], source: "test" };
    assert.equal(ruleSetFor(rules({ stateRuleSets: [ohio] }), "state-registration", "OH")?.name, "Ohio");
  });
});

describe("the CE cycle", () => {
  it("the first cycle starts on the certification date", () => {
    assert.deepEqual(ceCycle(CPHT, firstCycle), { startsOn: "2024-03-15", endsOn: "2026-03-15", isFirst: true });
  });

  it("a renewed cycle starts the day after the previous expiry", () => {
    assert.deepEqual(ceCycle(CPHT, renewed), { startsOn: "2024-05-11", endsOn: "2026-05-10", isFirst: false });
  });

  it("month ends: certified Aug 31, renewed, the cycle starts Sep 1; a printed expiry of Sep 30 starts Oct 1", () => {
    assert.deepEqual(ceCycle(CPHT, { earnedOn: "2022-08-31", expiresOn: "2026-08-31" }), { startsOn: "2024-09-01", endsOn: "2026-08-31", isFirst: false });
    assert.deepEqual(ceCycle(CPHT, { earnedOn: "2022-09-30", expiresOn: "2026-09-30" }), { startsOn: "2024-10-01", endsOn: "2026-09-30", isFirst: false });
  });

  it("leap days: certified Feb 29, 2024 expires Feb 28, 2026 (first cycle from Feb 29); a cycle ending Feb 29, 2028 starts Mar 1, 2026", () => {
    assert.deepEqual(ceCycle(CPHT, { earnedOn: "2024-02-29", expiresOn: null }), { startsOn: "2024-02-29", endsOn: "2026-02-28", isFirst: true });
    assert.deepEqual(ceCycle(CPHT, { earnedOn: "2024-02-29", expiresOn: "2028-02-29" }), { startsOn: "2026-03-01", endsOn: "2028-02-29", isFirst: false });
  });
});

describe("CPhT compliance, hand-computed", () => {
  it("20 hours with law, patient safety and 3 P hours is complete", () => {
    const records = [law("2024-06-01"), safety("2024-07-01"), record("2024-08-01", 10), record("2025-01-10", 5), record("2025-02-01", 3, { audience: "pharmacist", uan: "0175-0000-24-900-H01-P", topic: "01" })];
    const c = compliance(firstCycle, records);
    assert.equal(c.hoursCounted, 20);
    assert.equal(c.hoursShort, 0);
    assert.deepEqual(c.requirements.map((r) => [r.code, r.counted, r.isMet]), [["total", 20, true], ["law", 1, true], ["patient-safety", 1, true], ["technician", 17, true]]);
    assert.equal(c.status, "complete");
    assert.equal(c.warning, null);
  });

  it("counts at most 5 pharmacist-designated hours and says how much did not count", () => {
    const p1 = record("2024-06-01", 4, { audience: "pharmacist", uan: "0175-0000-24-901-H01-P" });
    const p2 = record("2024-07-01", 3, { audience: "pharmacist", uan: "0175-0000-24-902-H01-P" });
    const c = compliance(firstCycle, [p1, p2]);
    assert.equal(outcome(c, p1).countedHours, 4);
    assert.equal(outcome(c, p2).countedHours, 1);
    assert.equal(outcome(c, p2).reason, "pharmacist-limit");
    assert.equal(outcome(c, p2).explanation, "2 h beyond the 5 hours of pharmacist-designated (P) CE that count.");
    assert.equal(c.hoursCounted, 5);
    assert.equal(requirement(c, "technician").counted, 0);
  });

  it("with the older all-technician rule, no P hour counts", () => {
    const p = record("2024-06-01", 2, { audience: "pharmacist", uan: "0175-0000-24-903-H01-P" });
    const c = compliance(firstCycle, [p], "2025-12-01", { technicianHoursMin: 20 });
    assert.equal(outcome(c, p).countedHours, 0);
    assert.equal(outcome(c, p).reason, "pharmacist-limit");
  });

  it("college courses count for at most 10 hours; in-service not at all since 2018", () => {
    const college1 = record("2024-06-01", 6, { activityType: "college-course", uan: null, topic: null, format: null, audience: null });
    const college2 = record("2024-09-01", 6, { activityType: "college-course", uan: null, topic: null, format: null, audience: null });
    const inService = record("2024-10-01", 2, { activityType: "in-service", uan: null });
    const c = compliance(firstCycle, [college1, college2, inService]);
    assert.equal(outcome(c, college2).countedHours, 4);
    assert.equal(outcome(c, college2).explanation, "2 h beyond the 10-hour limit for college courses.");
    assert.equal(outcome(c, inService).countedHours, 0);
    assert.equal(outcome(c, inService).reason, "in-service");
    assert.equal(c.hoursCounted, 10);
    assert.equal(requirement(c, "technician").counted, 10, "college hours are not pharmacist-designated");
  });

  it("in-service completed before 2018 still counted in its cycle", () => {
    const old: CeHoldingFacts = { ...firstCycle, earnedOn: "2016-03-01", expiresOn: "2018-03-01" };
    const inService = record("2017-12-31", 2, { activityType: "in-service", uan: null });
    const c = compliance(old, [inService], "2018-01-15");
    assert.equal(outcome(c, inService).countedHours, 2);
  });

  it("CE completed the day before, on and after the first cycle's start (the certification date)", () => {
    const before = record("2024-03-14", 1);
    const on = record("2024-03-15", 1);
    const afterStart = record("2024-03-16", 1);
    const c = compliance(firstCycle, [before, on, afterStart]);
    assert.equal(outcome(c, before).reason, "before-certification");
    assert.equal(outcome(c, on).countedHours, 1);
    assert.equal(outcome(c, afterStart).countedHours, 1);
    assert.equal(c.hoursCounted, 2);
  });

  it("CE completed the day before, on and after a renewed cycle's start; on and after its end", () => {
    const before = record("2024-05-10", 1);
    const on = record("2024-05-11", 1);
    const afterStart = record("2024-05-12", 1);
    const lastDay = record("2026-05-10", 1);
    const nextCycle = record("2026-05-11", 1);
    const c = compliance(renewed, [before, on, afterStart, lastDay, nextCycle], "2026-05-12");
    assert.equal(outcome(c, before).reason, "earlier-cycle");
    assert.match(outcome(c, before).explanation!, /this one started 2024-05-11/);
    assert.equal(outcome(c, on).countedHours, 1);
    assert.equal(outcome(c, afterStart).countedHours, 1);
    assert.equal(outcome(c, lastDay).countedHours, 1);
    assert.equal(outcome(c, nextCycle).reason, "later-cycle");
    assert.equal(c.hoursCounted, 3);
  });

  it("leap-day cycle: CE on Feb 28, 2026 belongs to the earlier cycle, Mar 1 and Feb 29, 2028 to the one ending Feb 29, 2028", () => {
    const holding: CeHoldingFacts = { ...firstCycle, earnedOn: "2024-02-29", expiresOn: "2028-02-29" };
    const feb28 = record("2026-02-28", 1);
    const mar1 = record("2026-03-01", 1);
    const leapDay = record("2028-02-29", 1);
    const c = compliance(holding, [feb28, mar1, leapDay], "2028-02-29");
    assert.equal(outcome(c, feb28).reason, "earlier-cycle");
    assert.equal(outcome(c, mar1).countedHours, 1);
    assert.equal(outcome(c, leapDay).countedHours, 1);
    assert.equal(c.daysLeft, 0);
  });

  it("rejected records never count; unverified ones count and are reported as awaiting verification", () => {
    const rejected = law("2024-06-01", 2, { verificationStatus: "rejected" });
    const unverified = safety("2024-07-01", 1.5, { verificationStatus: "unverified" });
    const c = compliance(firstCycle, [rejected, unverified]);
    assert.equal(outcome(c, rejected).reason, "rejected");
    assert.equal(requirement(c, "law").counted, 0);
    assert.equal(c.hoursCounted, 1.5);
    assert.equal(c.unverifiedHours, 1.5);
    assert.equal(outcome(c, unverified).isVerified, false);
  });

  it("the same activity for pharmacists and for technicians earns credit once", () => {
    const t = record("2024-06-01", 2, { uan: "0175-0000-24-500-L04-T" });
    const p = record("2024-06-01", 2, { uan: "0175-0000-24-500-L04-P", audience: "pharmacist" });
    const c = compliance(firstCycle, [t, p]);
    const [first, second] = [outcome(c, t), outcome(c, p)].sort((a, b) => a.recordId.localeCompare(b.recordId));
    assert.equal(first.countedHours, 2);
    assert.equal(second.reason, "duplicate");
    assert.equal(c.hoursCounted, 2);
  });

  it("sums quarter and tenth hours exactly", () => {
    const records = [record("2024-06-01", 0.25), record("2024-06-02", 0.1), record("2024-06-03", 0.2), record("2024-06-04", 1.45)];
    assert.equal(compliance(firstCycle, records).hoursCounted, 2);
  });
});

describe("days left, the renewal window and warnings", () => {
  const short = () => [law("2024-06-01"), record("2024-07-01", 10)];

  it("61 days before expiry warns at 90 days; the renewal window (60 days before) is not open yet", () => {
    const c = compliance(firstCycle, short(), "2026-01-13");
    assert.equal(c.daysLeft, 61);
    assert.deepEqual(c.renewal, { opensOn: "2026-01-14", applyBy: "2026-02-13", isOpen: false, isPastApplyBy: false });
    assert.equal(c.status, "short");
    assert.equal(c.warning?.days, 90);
    assert.equal(c.warning?.message, "61 days left in the cycle and still missing 9 h in total, 1 h patient safety (topic 05).");
  });

  it("60 days before expiry the window opens and the 60-day warning shows; 30 days before, the 30-day one", () => {
    const at60 = compliance(firstCycle, short(), "2026-01-14");
    assert.equal(at60.daysLeft, 60);
    assert.equal(at60.renewal.isOpen, true);
    assert.equal(at60.warning?.days, 60);
    const at30 = compliance(firstCycle, short(), "2026-02-13");
    assert.equal(at30.daysLeft, 30);
    assert.equal(at30.warning?.days, 30);
    assert.equal(at30.renewal.isPastApplyBy, false, "the apply-by day itself is still in time");
    assert.equal(compliance(firstCycle, short(), "2026-02-14").renewal.isPastApplyBy, true);
  });

  it("names technician hours only when they are short by more than the total", () => {
    const requirements = (totalCounted: number, technicianCounted: number) => [
      { code: "total", label: "Total hours", needed: 20, counted: totalCounted, isMet: totalCounted >= 20 },
      { code: "technician", label: "Technician hours (not pharmacist-designated)", needed: 15, counted: technicianCounted, isMet: technicianCounted >= 15 },
    ];
    assert.equal(shortfallText(requirements(16, 11)), "4 h in total");
    assert.equal(shortfallText(requirements(20, 12)), "3 h technician hours (not pharmacist-designated)");
  });

  it("no warning more than 90 days out, nor when complete", () => {
    assert.equal(compliance(firstCycle, short(), "2025-12-01").warning, null);
    const complete = [law("2024-06-01"), safety("2024-06-02"), record("2024-07-01", 18)];
    assert.equal(compliance(firstCycle, complete, "2026-03-01").warning, null);
  });

  it("after the expiry the credential is expired, with an overdue warning", () => {
    const c = compliance(firstCycle, short(), "2026-03-16");
    assert.equal(c.daysLeft, -1);
    assert.equal(c.status, "expired");
    assert.equal(c.renewal.isOpen, false);
    assert.equal(c.warning?.days, 0);
    assert.match(c.warning!.message, /^The cycle ended 1 day ago with 9 h in total/);
  });

  it("organization warning days are used as given", () => {
    const requirements = [{ code: "total", label: "Total hours", needed: 20, counted: 19, isMet: false }];
    assert.equal(warningFor(requirements, 100, [120, 14])?.days, 120);
    assert.equal(warningFor(requirements, 10, [120, 14])?.days, 14);
    assert.equal(warningFor(requirements, 130, [120, 14]), null);
  });
});

describe("Florida registration (state rule set)", () => {
  const florida: CeHoldingFacts = { id: "fl", certificationCode: "state-registration", state: "FL", earnedOn: "2024-01-10", expiresOn: "2026-01-10", verificationStatus: "verified" };

  it("needs 4 live hours, 2 on medication errors and, at the first renewal, 1 on HIV/AIDS", () => {
    const records = [
      record("2024-02-01", 3, { format: "live", uan: "0175-0000-24-700-L04-T" }),
      record("2024-03-01", 2, { categories: ["medication-errors"] }),
      record("2024-04-01", 1, { topic: "02", categories: ["hiv-aids"], uan: "0175-0000-24-701-H02-T" }),
      record("2024-05-01", 10),
    ];
    const c = compliance(florida, records, "2025-11-01");
    assert.deepEqual(c.requirements.map((r) => [r.code, r.needed, r.counted, r.isMet]), [
      ["total", 20, 16, false],
      ["live", 4, 3, false],
      ["medication-errors", 2, 2, true],
      ["hiv-aids", 1, 1, true],
    ]);
    assert.equal(c.warning?.days, 90);
  });

  it("drops the HIV/AIDS hour after the first renewal", () => {
    const renewedFl = { ...florida, earnedOn: "2020-01-10" };
    const c = compliance(renewedFl, [], "2025-11-01");
    assert.deepEqual(c.requirements.map((r) => r.code), ["total", "live", "medication-errors"]);
  });
});

describe("which credentials CE applies to", () => {
  const pick = (code: string, state: string | null) => ruleSetFor(rules(), code, state);

  it("the latest holding of each credential, never a rejected one; states without a rule set are reported", () => {
    const holdings: CeHoldingFacts[] = [
      { ...firstCycle, id: "old", earnedOn: "2018-01-01", expiresOn: "2020-01-01" },
      { ...firstCycle, id: "current" },
      { ...firstCycle, id: "rejected", certificationCode: "nha-excpt", verificationStatus: "rejected" },
      { ...firstCycle, id: "ohio", certificationCode: "state-registration", state: "OH" },
      { ...firstCycle, id: "cpr", certificationCode: "cpr-bls" },
    ];
    const { withRules, withoutRules } = ceHoldings(holdings, pick);
    assert.deepEqual(withRules.map((w) => w.holding.id), ["current"]);
    assert.deepEqual(withoutRules.map((w) => [w.holdingId, w.state]), [["ohio", "OH"]]);
    assert.match(withoutRules[0].reason, /No CE rule set for OH yet/);
  });
});
