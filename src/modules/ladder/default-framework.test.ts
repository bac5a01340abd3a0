import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_FRAMEWORK } from "./default-framework.ts";
import type { CompetencyDef, FrameworkDefinition, LevelDef, Requirement } from "./framework.types.ts";
import { validateFramework } from "./framework.validate.ts";

const NATIONAL = ["ptcb-cpht", "nha-excpt"];
const CATALOG = [
  "ptcb-cpht", "nha-excpt", "state-registration", "state-license", "ptcb-cspt", "ptcb-tpv", "ptcb-immunization",
  "immunization-training", "cpr-bls", "ptcb-hazardous-drug", "ptcb-billing", "ptcb-medication-history", "ptcb-supply-chain",
];
const KPIS = ["fill-accuracy", "claims-resolved", "near-miss-rate", "attendance", "inventory-accuracy"];

const def = DEFAULT_FRAMEWORK;
const allLevels = def.tracks.flatMap((t) => t.levels.map((level) => ({ ref: `${t.code}/${level.code}`, track: t, level })));
const levelByRef = new Map(allLevels.map((l) => [l.ref, l.level]));
const competencyByCode = new Map(def.competencies.map((c) => [c.code, c]));
const requirementsOf = (ref: string): Requirement[] => levelByRef.get(ref)?.requirements ?? [];
const competencyRequirements = (ref: string) => requirementsOf(ref).flatMap((r) => (r.kind === "competency" ? [r] : []));

/** Whether the level, or a level it requires (transitively), requires national certification. */
function requiresNationalCertification(ref: string, seen = new Set<string>()): boolean {
  if (seen.has(ref)) return false;
  seen.add(ref);
  return requirementsOf(ref).some(
    (r) => (r.kind === "certification" && r.anyOf.length > 0 && r.anyOf.every((c) => NATIONAL.includes(c))) || (r.kind === "level" && requiresNationalCertification(r.level, seen)),
  );
}

describe("default framework", () => {
  it("validates with no problems", () => {
    assert.deepEqual(validateFramework(def), []);
  });

  it("has the four tracks and at least 45 competencies", () => {
    assert.deepEqual(def.tracks.map((t) => [t.code, t.kind]), [["core", "core"], ["clinical", "clinical"], ["management", "management"], ["cross-training", "cross-training"]]);
    assert.ok(def.competencies.length >= 45, `only ${def.competencies.length} competencies`);
  });

  it("has the levels named in the product brief", () => {
    const codes = (track: string) => def.tracks.find((t) => t.code === track)?.levels.map((l) => l.code);
    assert.deepEqual(codes("core"), ["tech-1", "tech-2", "tech-3", "lead"]);
    assert.deepEqual(codes("clinical"), ["immunization-support", "health-screenings", "medication-reconciliation"]);
    assert.deepEqual(codes("management"), ["lead-technician", "inventory-coordinator", "assistant-pharmacy-manager"]);
    assert.deepEqual(codes("cross-training"), ["sterile-compounding", "automation-robotics", "tech-check-tech", "specialty-mail-order"]);
  });

  it("requires national certification at every core level above Tech I, and state registration from Tech I", () => {
    const core = def.tracks.find((t) => t.code === "core")!;
    for (const level of core.levels.filter((l) => l.rank > 1)) {
      assert.ok(requiresNationalCertification(`core/${level.code}`), `core/${level.code} does not require national certification`);
    }
    assert.ok(!requiresNationalCertification("core/tech-1"), "Tech I is the level where people work toward certification");
    assert.ok(requirementsOf("core/tech-1").some((r) => r.kind === "certification" && r.anyOf.includes("state-registration")));
  });

  it("chains each core level to the one below it", () => {
    assert.ok(requirementsOf("core/tech-2").some((r) => r.kind === "level" && r.level === "core/tech-1"));
    assert.ok(requirementsOf("core/tech-3").some((r) => r.kind === "level" && r.level === "core/tech-2"));
    assert.ok(requirementsOf("core/lead").some((r) => r.kind === "level" && r.level === "core/tech-3"));
  });

  it("requires national certification for every clinical, management and cross-training level through its prerequisites", () => {
    for (const { ref, track } of allLevels.filter((l) => l.track.kind !== "core")) {
      assert.ok(requiresNationalCertification(ref), `${ref} (${track.kind}) does not lead back to national certification`);
    }
  });

  it("asks more of earlier competencies at higher core levels", () => {
    const minFor = (ref: string, code: string) => competencyRequirements(ref).find((r) => r.competency === code)?.minProficiency ?? 0;
    for (const code of ["prescription-filling", "order-entry", "lasa-safety", "inventory-control"]) {
      assert.ok(minFor("core/tech-2", code) > minFor("core/tech-1", code), `${code} does not rise from Tech I to Tech II`);
      assert.ok(minFor("core/tech-3", code) >= 3, `${code} below 3 at Tech III`);
    }
  });

  it("Tech II rests on mastery and the national credential; evaluation, KPI and mentoring thresholds start above it", () => {
    const tech2 = requirementsOf("core/tech-2");
    assert.ok(tech2.every((r) => r.kind !== "evaluation" && r.kind !== "kpi" && r.kind !== "training"));
    assert.ok(tech2.some((r) => r.kind === "certification" && r.anyOf.includes("ptcb-cpht")));
    assert.ok(requirementsOf("core/tech-3").some((r) => r.kind === "evaluation" && r.minAverage >= 3.0));
    assert.ok(requirementsOf("core/tech-3").some((r) => r.kind === "kpi" && r.kpi === "fill-accuracy" && r.comparator === ">=" && r.threshold >= 99.5));
    assert.ok(requirementsOf("core/lead").some((r) => r.kind === "evaluation" && r.minAverage >= 3.5));
    assert.ok(requirementsOf("core/lead").some((r) => r.kind === "mentoring" && r.hours > 0));
  });

  it("uses only catalog certification codes and known KPI codes, with sensible comparators", () => {
    for (const { ref, level } of allLevels) {
      for (const r of level.requirements) {
        if (r.kind === "certification") for (const code of r.anyOf) assert.ok(CATALOG.includes(code), `${ref}: unknown certification ${code}`);
        if (r.kind === "kpi") {
          assert.ok(KPIS.includes(r.kpi), `${ref}: unknown KPI ${r.kpi}`);
          assert.equal(r.comparator, r.kpi === "near-miss-rate" ? "<=" : ">=", `${ref}: ${r.kpi} comparator`);
        }
      }
    }
  });

  it("never rests a level on tenure: every level has a competency requirement", () => {
    for (const { ref, level } of allLevels) assert.ok(level.requirements.some((r) => r.kind === "competency"), `${ref} has no competency requirement`);
  });

  it("builds each clinical specialty on Tech II with pharmacist-assessed competencies", () => {
    const clinical = def.tracks.find((t) => t.code === "clinical")!;
    for (const level of clinical.levels) {
      const ref = `clinical/${level.code}`;
      assert.ok(requirementsOf(ref).some((r) => r.kind === "level" && r.level === "core/tech-2"), `${ref} lacks the Tech II prerequisite`);
      const own = competencyRequirements(ref).map((r) => competencyByCode.get(r.competency)!).filter((c) => c.code !== "patient-privacy" && c.code !== "order-entry");
      assert.ok(own.length >= 3, `${ref} has fewer than 3 specialty competencies`);
      for (const c of own) assert.deepEqual(c.assessors, [{ kind: "pharmacist" }], `${c.code} is not pharmacist-only`);
    }
  });

  it("requires immunization training and CPR for immunization support (PREP Act guidance)", () => {
    const certs = requirementsOf("clinical/immunization-support").flatMap((r) => (r.kind === "certification" ? r.anyOf : []));
    assert.ok(certs.includes("immunization-training"));
    assert.ok(certs.includes("cpr-bls"));
  });

  it("requires the PTCB product verification certificate for tech-check-tech", () => {
    assert.ok(requirementsOf("cross-training/tech-check-tech").some((r) => r.kind === "certification" && r.anyOf.includes("ptcb-tpv")));
  });

  it("gives every sterile-compounding competency a validity of at most 12 months and a pharmacist assessor only", () => {
    const sterileLevel = competencyRequirements("cross-training/sterile-compounding").map((r) => r.competency);
    const sterile = def.competencies.filter((c) => c.area === "Sterile compounding" || sterileLevel.includes(c.code));
    assert.ok(sterile.length >= 3);
    for (const c of sterile) {
      assert.ok(c.validityMonths !== undefined && c.validityMonths <= 12, `${c.code} validity ${String(c.validityMonths)}`);
      assert.match(c.validitySource ?? "", /USP <797>/);
      assert.deepEqual(c.assessors, [{ kind: "pharmacist" }]);
    }
  });

  it("takes the USP <797> and <800> intervals from the domain facts", () => {
    const months = (code: string) => competencyByCode.get(code)?.validityMonths;
    assert.equal(months("sterile-garbing-hand-hygiene"), 6);
    assert.equal(months("aseptic-manipulation-media-fill"), 6);
    assert.equal(months("sterile-compounding-principles"), 12);
    assert.equal(months("hazardous-drug-handling"), 12);
    assert.match(competencyByCode.get("hazardous-drug-handling")!.validitySource!, /verify/i);
    assert.match(competencyByCode.get("sterile-garbing-hand-hygiene")!.validitySource!, /fingertip/i);
  });

  it("writes every competency as a usable checklist", () => {
    for (const c of def.competencies) {
      assert.ok(c.steps.length >= 3 && c.steps.length <= 7, `${c.code} has ${c.steps.length} steps`);
      assert.ok(c.description.trim().length > 0 && c.area.trim().length > 0 && (c.evidence ?? "").trim().length > 0, `${c.code} lacks text`);
      assert.ok(c.assessors.length > 0, `${c.code} has no assessor`);
      if (c.validityMonths !== undefined) assert.ok((c.validitySource ?? "").length > 0, `${c.code} has no validity source`);
    }
  });

  it("lets a lead or a Tech III and above assess dispensing skills", () => {
    for (const code of ["prescription-filling", "order-entry", "inventory-control", "point-of-sale"]) {
      const assessors = competencyByCode.get(code)!.assessors;
      assert.ok(assessors.some((a) => a.kind === "lead"), code);
      assert.ok(assessors.some((a) => a.kind === "peer-above" && a.minRank >= 3), code);
    }
  });

  it("covers the article's content and the essentials", () => {
    const expected = [
      "prescription-filling", "inventory-control", "insurance-billing", "claims-rejection-resolution", "nonsterile-compounding",
      "training-junior-staff", "vendor-communication", "workflow-liaison", "mentoring", "vaccine-preparation", "immunization-scheduling-screening",
      "vaccine-supply-flow", "blood-pressure-screening", "point-of-care-testing", "medication-reconciliation-entry", "staff-scheduling",
      "workflow-optimization", "conflict-resolution", "team-communication", "inventory-management-systems", "vendor-management", "budget-monitoring",
      "operational-metrics", "sterile-compounding-principles", "automation-operation", "tech-check-tech-verification", "specialty-intake-benefits",
      "mail-order-fulfillment", "patient-privacy", "controlled-substance-handling", "order-entry", "point-of-sale", "lasa-safety",
    ];
    for (const code of expected) assert.ok(competencyByCode.has(code), `missing ${code}`);
  });

  it("uses every competency in at least one level", () => {
    const used = new Set(allLevels.flatMap(({ level }) => level.requirements.flatMap((r) => (r.kind === "competency" ? [r.competency] : []))));
    assert.deepEqual(def.competencies.map((c) => c.code).filter((code) => !used.has(code)), []);
  });
});

// ---------------------------------------------------------------------------------------------
// validateFramework on small broken frameworks
// ---------------------------------------------------------------------------------------------

function competency(code: string, overrides: Partial<CompetencyDef> = {}): CompetencyDef {
  return {
    code,
    name: `Competency ${code}`,
    area: "Dispensing",
    description: "A test competency.",
    steps: [{ code: "one", text: "Does the first thing" }, { code: "two", text: "Does the second thing" }, { code: "three", text: "Does the third thing" }],
    assessors: [{ kind: "lead" }],
    ...overrides,
  };
}

function lvl(code: string, rank: number, requirements: Requirement[]): LevelDef {
  return { code, name: `Level ${code}`, rank, summary: "A test level.", duties: [], requirements };
}

/** A small framework that validates cleanly; each test breaks one thing in a copy. */
function small(): FrameworkDefinition {
  return {
    name: "Test framework",
    competencies: [competency("filling"), competency("billing")],
    tracks: [
      {
        code: "core",
        name: "Core",
        kind: "core",
        description: "Core levels.",
        levels: [
          lvl("tech-1", 1, [{ kind: "competency", competency: "filling", minProficiency: 2 }]),
          lvl("tech-2", 2, [
            { kind: "level", level: "core/tech-1" },
            { kind: "certification", anyOf: ["ptcb-cpht", "nha-excpt"] },
            { kind: "competency", competency: "billing", minProficiency: 3 },
            { kind: "tenure", months: 6 },
          ]),
        ],
      },
      {
        code: "clinical",
        name: "Clinical",
        kind: "clinical",
        description: "Clinical levels.",
        levels: [lvl("screening", 1, [{ kind: "level", level: "core/tech-2" }, { kind: "training", training: "clia" }])],
      },
    ],
  };
}

function problemsOf(mutate: (f: FrameworkDefinition) => void) {
  const f = structuredClone(small());
  mutate(f);
  return validateFramework(f);
}

function assertProblem(problems: { path: string; message: string }[], path: string, pattern: RegExp) {
  assert.ok(
    problems.some((p) => p.path === path && pattern.test(p.message)),
    `expected a problem at ${path} matching ${pattern}; got ${JSON.stringify(problems, null, 2)}`,
  );
}

describe("validateFramework", () => {
  it("accepts the small framework", () => {
    assert.deepEqual(validateFramework(small()), []);
  });

  it("reports duplicate track codes", () => {
    const problems = problemsOf((f) => (f.tracks[1].code = "core"));
    assertProblem(problems, "tracks[1].code", /duplicate track code "core"/);
  });

  it("reports duplicate level codes within a track, but allows the same code in another track", () => {
    assertProblem(problemsOf((f) => (f.tracks[0].levels[1].code = "tech-1")), "tracks[0].levels[1].code", /duplicate level code "tech-1" in track "core"/);
    assert.deepEqual(problemsOf((f) => (f.tracks[1].levels[0].code = "tech-1")), []);
  });

  it("reports duplicate competency codes", () => {
    assertProblem(problemsOf((f) => f.competencies.push(competency("filling"))), "competencies[2].code", /duplicate competency code "filling"/);
  });

  it("reports duplicate step codes within a competency", () => {
    const problems = problemsOf((f) => (f.competencies[0].steps[2].code = "one"));
    assertProblem(problems, "competencies[0].steps[2].code", /duplicate step code "one" in competency "filling"/);
    // the same step code in two competencies is fine
    assert.deepEqual(validateFramework(small()).length, 0);
  });

  it("reports requirements on unknown competencies", () => {
    const problems = problemsOf((f) => f.tracks[0].levels[0].requirements.push({ kind: "competency", competency: "juggling", minProficiency: 2 }));
    assertProblem(problems, "tracks[0].levels[0].requirements[1].competency", /unknown competency "juggling"/);
  });

  it("reports requirements on unknown levels, including a missing track prefix", () => {
    assertProblem(
      problemsOf((f) => ((f.tracks[1].levels[0].requirements[0] as { level: string }).level = "core/tech-9")),
      "tracks[1].levels[0].requirements[0].level",
      /unknown level "core\/tech-9"/,
    );
    assertProblem(
      problemsOf((f) => ((f.tracks[1].levels[0].requirements[0] as { level: string }).level = "tech-2")),
      "tracks[1].levels[0].requirements[0].level",
      /unknown level "tech-2" \(write it as "track\/level"\)/,
    );
  });

  it("reports a level whose only requirement is tenure", () => {
    const problems = problemsOf((f) => (f.tracks[0].levels[0].requirements = [{ kind: "tenure", months: 12 }]));
    assertProblem(problems, "tracks[0].levels[0].requirements", /tenure alone/);
  });

  it("reports a level with only tenure and a level prerequisite", () => {
    const problems = problemsOf((f) => (f.tracks[0].levels[1].requirements = [{ kind: "level", level: "core/tech-1" }, { kind: "tenure", months: 12 }]));
    assertProblem(problems, "tracks[0].levels[1].requirements", /tenure and a level prerequisite alone/);
  });

  it("reports levels with no requirements or only prerequisites", () => {
    assertProblem(problemsOf((f) => (f.tracks[0].levels[0].requirements = [])), "tracks[0].levels[0].requirements", /no requirements/);
    assertProblem(problemsOf((f) => (f.tracks[1].levels[0].requirements = [{ kind: "level", level: "core/tech-2" }])), "tracks[1].levels[0].requirements", /only level prerequisites/);
  });

  it("accepts tenure next to a mastery requirement", () => {
    assert.deepEqual(problemsOf((f) => f.tracks[0].levels[0].requirements.push({ kind: "tenure", months: 3 })), []);
  });

  it("reports ranks that do not run 1..n in order", () => {
    assertProblem(problemsOf((f) => (f.tracks[0].levels[1].rank = 3)), "tracks[0].levels[1].rank", /rank 3 at position 2/);
    const swapped = problemsOf((f) => {
      f.tracks[0].levels[0].rank = 2;
      f.tracks[0].levels[1].rank = 1;
    });
    assertProblem(swapped, "tracks[0].levels[0].rank", /ranks must run 1\.\.2 in order/);
    assertProblem(swapped, "tracks[0].levels[1].rank", /ranks must run 1\.\.2 in order/);
  });

  it("reports competencies with no steps", () => {
    assertProblem(problemsOf((f) => (f.competencies[1].steps = [])), "competencies[1].steps", /no checklist steps/);
  });

  it("reports competencies with no assessor", () => {
    assertProblem(problemsOf((f) => (f.competencies[1].assessors = [])), "competencies[1].assessors", /no assessor/);
  });

  it("reports a peer-above assessor without a valid minimum rank", () => {
    assertProblem(problemsOf((f) => (f.competencies[0].assessors = [{ kind: "peer-above", minRank: 0 }])), "competencies[0].assessors[0].minRank", /minimum rank/);
  });

  it("reports validityMonths that is not a positive integer", () => {
    for (const bad of [0, -6, 1.5, Number.NaN]) {
      const problems = problemsOf((f) => {
        f.competencies[0].validityMonths = bad;
        f.competencies[0].validitySource = "test source";
      });
      assertProblem(problems, "competencies[0].validityMonths", /positive whole number/);
    }
    assert.deepEqual(
      problemsOf((f) => {
        f.competencies[0].validityMonths = 6;
        f.competencies[0].validitySource = "USP <797>";
      }),
      [],
    );
  });

  it("reports a validity period without a source", () => {
    assertProblem(problemsOf((f) => (f.competencies[0].validityMonths = 12)), "competencies[0].validitySource", /does not say where it comes from/);
  });

  it("reports minProficiency outside 1..4", () => {
    for (const bad of [0, 5, 2.5]) {
      const problems = problemsOf((f) => ((f.tracks[0].levels[0].requirements[0] as { minProficiency: number }).minProficiency = bad));
      assertProblem(problems, "tracks[0].levels[0].requirements[0].minProficiency", /1, 2, 3 or 4/);
    }
  });

  it("accepts any certification code but reports an empty anyOf", () => {
    assert.deepEqual(problemsOf((f) => ((f.tracks[0].levels[1].requirements[1] as { anyOf: string[] }).anyOf = ["org-custom-credential"])), []);
    assertProblem(problemsOf((f) => ((f.tracks[0].levels[1].requirements[1] as { anyOf: string[] }).anyOf = [])), "tracks[0].levels[1].requirements[1].anyOf", /lists no certification/);
  });

  it("reports prerequisite cycles and self-references", () => {
    const cycle = problemsOf((f) => f.tracks[0].levels[0].requirements.push({ kind: "level", level: "clinical/screening" }));
    assertProblem(cycle, "tracks[0].levels[0].requirements", /cycle: core\/tech-1 → clinical\/screening → core\/tech-2 → core\/tech-1/);
    const self = problemsOf((f) => f.tracks[0].levels[0].requirements.push({ kind: "level", level: "core/tech-1" }));
    assertProblem(self, "tracks[0].levels[0].requirements[1].level", /requires itself/);
    assert.equal(self.length, 1);
  });

  it("reports the same requirement stated twice in a level", () => {
    const problems = problemsOf((f) => f.tracks[0].levels[0].requirements.push({ kind: "competency", competency: "filling", minProficiency: 3 }));
    assertProblem(problems, "tracks[0].levels[0].requirements[1]", /same requirement twice/);
  });

  it("reports codes that are not kebab-case", () => {
    assertProblem(problemsOf((f) => (f.competencies[0].code = "Filling_Skill")), "competencies[0].code", /not kebab-case/);
  });

  it("reports bad KPI, evaluation, mentoring and tenure values", () => {
    const problems = problemsOf((f) =>
      f.tracks[0].levels[0].requirements.push(
        { kind: "kpi", kpi: "fill-accuracy", comparator: ">=", threshold: Number.NaN, windowMonths: 0 },
        { kind: "evaluation", minAverage: 5, months: 6 },
        { kind: "mentoring", hours: 0 },
        { kind: "tenure", months: -1 },
      ),
    );
    assertProblem(problems, "tracks[0].levels[0].requirements[1].threshold", /must be a number/);
    assertProblem(problems, "tracks[0].levels[0].requirements[1].windowMonths", /positive whole number/);
    assertProblem(problems, "tracks[0].levels[0].requirements[2].minAverage", /1\.\.4/);
    assertProblem(problems, "tracks[0].levels[0].requirements[3].hours", /positive number/);
    assertProblem(problems, "tracks[0].levels[0].requirements[4].months", /positive whole number/);
  });

  it("reports every problem at once", () => {
    const problems = problemsOf((f) => {
      f.tracks[1].code = "core";
      f.competencies[1].steps = [];
      f.tracks[0].levels[0].requirements = [{ kind: "tenure", months: 12 }];
    });
    assert.ok(problems.length >= 3);
  });
});
