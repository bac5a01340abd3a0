import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { addDays } from "../../lib/dates.ts";
import { levelStanding } from "./assessor.rules.ts";
import { currentLevel, evaluateLevel, evaluateNext, isLevelInForce, monthsBetween, type PersonFacts } from "./eligibility.rules.ts";
import type { FrameworkDefinition, LevelDef, Requirement } from "./framework.types.ts";

const TODAY = "2026-06-15";

const framework: FrameworkDefinition = {
  name: "test",
  competencies: [
    { code: "filling", name: "Prescription filling", area: "Dispensing", description: "d", steps: [{ code: "a", text: "A" }, { code: "b", text: "B" }, { code: "c", text: "C" }, { code: "d", text: "D" }], assessors: [{ kind: "pharmacist" }] },
    { code: "garbing", name: "Garbing and GFT", area: "Sterile", description: "d", steps: [{ code: "a", text: "A" }], assessors: [{ kind: "pharmacist" }], validityMonths: 6 },
  ],
  tracks: [
    {
      code: "core",
      name: "Core",
      kind: "core",
      description: "",
      levels: [
        { code: "tech-1", name: "Technician I", rank: 1, summary: "", duties: [], requirements: [{ kind: "competency", competency: "filling", minProficiency: 2 }] },
        {
          code: "tech-2",
          name: "Technician II",
          rank: 2,
          summary: "",
          duties: [],
          requirements: [
            { kind: "level", level: "core/tech-1" },
            { kind: "certification", anyOf: ["ptcb-cpht", "nha-excpt"] },
            { kind: "competency", competency: "filling", minProficiency: 3 },
            { kind: "competency", competency: "garbing", minProficiency: 3 },
            { kind: "tenure", months: 6 },
          ],
        },
      ],
    },
  ],
};
const core = framework.tracks[0];
const [tech1, tech2] = core.levels;
const ctx = { framework };

function facts(extra: Partial<PersonFacts> = {}): PersonFacts {
  return { personId: "p", hireDate: "2025-01-10", levels: [{ track: "core", level: "tech-1", startedOn: "2025-01-10", endedOn: null }], certifications: [], signoffs: [], kpis: [], evaluations: [], trainings: [], mentoringHours: 0, ...extra };
}

const qualified = facts({
  certifications: [{ certificationCode: "ptcb-cpht", earnedOn: "2025-09-01", expiresOn: "2027-09-30", verificationStatus: "verified" }],
  signoffs: [
    { competency: "filling", stepCode: null, proficiency: 3, signedOn: "2026-01-05", validUntil: null },
    { competency: "garbing", stepCode: null, proficiency: 3, signedOn: "2026-03-01", validUntil: "2026-09-01" },
  ],
});

describe("eligibility engine", () => {
  it("explains each requirement of the next level", () => {
    const result = evaluateLevel(facts(), core, tech2, ctx, TODAY);
    assert.equal(result.eligible, false);
    assert.deepEqual(result.requirements.map((r) => r.status), ["met", "missing", "missing", "missing", "met"]);
    assert.match(result.requirements[1].reason, /Not held yet/);
    assert.ok(result.nextSteps.length > 0 && result.nextSteps.length <= 3);
  });

  it("is eligible when everything is met, and flags what expires soon", () => {
    const result = evaluateLevel(qualified, core, tech2, ctx, TODAY);
    assert.equal(result.eligible, true);
    assert.equal(result.percent, 100);
    const garbing = result.requirements[3];
    assert.equal(garbing.status, "expiring");
    assert.equal(garbing.expiresOn, "2026-09-01");
    assert.match(result.nextSteps[0], /Renew before 2026-09-01/);
  });

  it("an unverified or expired certification does not count", () => {
    const unverified = facts({ ...qualified, certifications: [{ ...qualified.certifications[0], verificationStatus: "unverified" }] });
    const r1 = evaluateLevel(unverified, core, tech2, ctx, TODAY).requirements[1];
    assert.deepEqual([r1.status, r1.progress], ["missing", 0.5]);
    const expired = facts({ ...qualified, certifications: [{ ...qualified.certifications[0], expiresOn: "2026-06-14" }] });
    assert.match(evaluateLevel(expired, core, tech2, ctx, TODAY).requirements[1].reason, /expired on 2026-06-14/);
    const lastDay = facts({ ...qualified, certifications: [{ ...qualified.certifications[0], expiresOn: TODAY }] });
    assert.equal(evaluateLevel(lastDay, core, tech2, ctx, TODAY).requirements[1].status, "expiring", "valid through its expiry date");
  });

  it("counts checklist steps as progress, and a lower proficiency as partial", () => {
    const steps = facts({ signoffs: ["a", "b"].map((s) => ({ competency: "filling", stepCode: s, proficiency: 2 as const, signedOn: "2026-01-01", validUntil: null })) });
    const r = evaluateLevel(steps, core, tech1, ctx, TODAY).requirements[0];
    assert.equal(r.status, "missing");
    assert.match(r.reason, /2 of 4 checklist steps/);
    const low = facts({ signoffs: [{ competency: "filling", stepCode: null, proficiency: 2, signedOn: "2026-01-01", validUntil: null }] });
    assert.match(evaluateLevel(low, core, tech2, ctx, TODAY).requirements[2].reason, /needs Independent \(3\)/);
  });

  it("the next level follows the current one; with no level, the first", () => {
    assert.equal(evaluateNext(facts(), ctx, TODAY)[0].level, "tech-2");
    assert.equal(evaluateNext(facts({ levels: [] }), ctx, TODAY)[0].level, "tech-1");
    assert.deepEqual(evaluateNext(facts({ levels: [{ track: "core", level: "tech-2", startedOn: "2026-01-01", endedOn: null }] }), ctx, TODAY), []);
  });

  it("a level approved ahead of its date is in force from that date, and does not count as held before", () => {
    const promoted = facts({
      levels: [
        { track: "core", level: "tech-1", startedOn: "2025-01-10", endedOn: "2026-07-01" },
        { track: "core", level: "tech-2", startedOn: "2026-07-01", endedOn: null },
      ],
    });
    assert.equal(currentLevel(promoted, core, TODAY)?.code, "tech-1");
    assert.equal(evaluateNext(promoted, ctx, TODAY)[0].level, "tech-2");
    assert.equal(levelStanding(framework, promoted.levels, TODAY).coreRank, 1);
    assert.equal(currentLevel(promoted, core, "2026-06-30")?.code, "tech-1");
    assert.equal(currentLevel(promoted, core, "2026-07-01")?.code, "tech-2");
    assert.deepEqual(evaluateNext(promoted, ctx, "2026-07-01"), []);
    assert.equal(levelStanding(framework, promoted.levels, "2026-07-01").coreRank, 2);

    // A first level that starts later: no level today, and it does not meet "has been Technician I".
    const starting = facts({ levels: [{ track: "core", level: "tech-1", startedOn: "2026-07-01", endedOn: null }] });
    assert.equal(currentLevel(starting, core, TODAY), undefined);
    assert.equal(evaluateLevel(starting, core, tech2, ctx, TODAY).requirements[0].status, "missing");
    assert.equal(evaluateLevel(starting, core, tech2, ctx, "2026-07-01").requirements[0].status, "met");
  });

  it("exactly one level row is in force on any day of a history where each level ends when the next starts", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: -30, max: 2000 }), (gaps, offset) => {
        const starts = gaps.reduce<string[]>((acc, gap) => [...acc, addDays(acc.at(-1) ?? "2024-01-01", gap + 1)], []);
        const levels = starts.map((startedOn, i) => ({ startedOn, endedOn: starts[i + 1] ?? null }));
        const day = addDays(starts[0], offset);
        const inForce = levels.filter((l) => isLevelInForce(l, day)).length;
        assert.equal(inForce, offset < 0 ? 0 : 1);
      }),
    );
  });

  it("counts tenure in whole calendar months across month ends and leap days", () => {
    assert.equal(monthsBetween("2024-01-31", "2024-02-29"), 1);
    assert.equal(monthsBetween("2024-01-31", "2024-02-28"), 0);
    assert.equal(monthsBetween("2024-02-29", "2025-02-28"), 12);
    assert.equal(monthsBetween("2025-12-15", "2026-06-14"), 5);
    assert.equal(monthsBetween("2025-12-15", "2026-06-15"), 6);
  });

  const signoff = fc.record({
    competency: fc.constantFrom("filling", "garbing"),
    stepCode: fc.constantFrom(null, "a", "b"),
    proficiency: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
    signedOn: fc.integer({ min: -800, max: 0 }).map((d) => addDays(TODAY, d)),
    validUntil: fc.option(fc.integer({ min: -400, max: 400 }).map((d) => addDays(TODAY, d)), { nil: null }),
  });
  const arbitraryFacts = fc.record({
    signoffs: fc.array(signoff, { maxLength: 6 }),
    certified: fc.boolean(),
    hireDaysAgo: fc.integer({ min: 0, max: 1500 }),
  }).map(({ signoffs, certified, hireDaysAgo }) =>
    facts({
      hireDate: addDays(TODAY, -hireDaysAgo),
      signoffs,
      certifications: certified ? [{ certificationCode: "nha-excpt", earnedOn: "2025-01-01", expiresOn: "2027-01-01", verificationStatus: "verified" }] : [],
    }),
  );

  it("property: removing a met requirement never changes the verdict of the rest", () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const full = evaluateLevel(f, core, tech2, ctx, TODAY);
        return full.requirements.every((r, i) => {
          if (r.status !== "met") return true;
          const fewer: LevelDef = { ...tech2, requirements: tech2.requirements.filter((_, j) => j !== i) };
          return evaluateLevel(f, core, fewer, ctx, TODAY).eligible === full.eligible;
        });
      }),
    );
  });

  it("property: an expired sign-off never counts", () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const expiredOnly = { ...f, signoffs: f.signoffs.map((s) => ({ ...s, validUntil: addDays(TODAY, -1) })) };
        const result = evaluateLevel(expiredOnly, core, tech2, ctx, TODAY);
        return result.requirements.filter((r) => r.kind === "competency").every((r) => r.status === "missing") && !result.eligible;
      }),
    );
  });

  it("property: a promotion never skips a required certification", () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const uncertified = { ...f, certifications: [] };
        return evaluateLevel(uncertified, core, tech2, ctx, TODAY).eligible === false;
      }),
    );
  });

  it("property: more sign-offs never lower the percent complete", () => {
    fc.assert(
      fc.property(arbitraryFacts, signoff, (f, extra) => {
        const before = evaluateLevel(f, core, tech2, ctx, TODAY);
        const after = evaluateLevel({ ...f, signoffs: [...f.signoffs, extra] }, core, tech2, ctx, TODAY);
        return after.percent >= before.percent && (!before.eligible || after.eligible);
      }),
    );
  });

  it("tenure alone never qualifies", () => {
    const tenureOnly: Requirement[] = [{ kind: "tenure", months: 1 }];
    const result = evaluateLevel(facts({ hireDate: "2020-01-01" }), core, { ...tech2, requirements: tenureOnly }, ctx, TODAY);
    assert.equal(result.eligible, true, "the engine evaluates what it is given; the framework validator refuses tenure-only levels");
  });
});
