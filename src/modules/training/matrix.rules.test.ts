import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findCertification } from "../certifications/catalog.ts";
import { DEFAULT_FRAMEWORK } from "../ladder/default-framework.ts";
import type { PersonFacts } from "../ladder/eligibility.rules.ts";
import { competencyStanding } from "../ladder/ladder-views.ts";
import { TRAINING_CATALOG } from "./catalog.ts";
import { buildMatrix, cellText, matrixCounts, type MatrixPerson } from "./matrix.rules.ts";

const TODAY = "2026-06-15";
const ctx = { framework: DEFAULT_FRAMEWORK, programs: TRAINING_CATALOG, certification: findCertification, competencyStanding };

const facts = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  personId: "p",
  hireDate: "2025-01-06",
  levels: [{ track: "core", level: "tech-1", startedOn: "2025-01-06", endedOn: null }],
  certifications: [],
  signoffs: [],
  kpis: [],
  evaluations: [],
  trainings: [],
  mentoringHours: 0,
  ...over,
});

const person = (id: string, over: Partial<PersonFacts> = {}, open: MatrixPerson["openAssignments"] = [], lastName = id): MatrixPerson => ({
  personId: id,
  firstName: "Pat",
  lastName,
  employeeId: `E-${id}`,
  facts: facts({ personId: id, ...over }),
  today: TODAY,
  openAssignments: open,
});

function cell(matrix: ReturnType<typeof buildMatrix>, personId: string, key: string) {
  const column = matrix.skills.findIndex((s) => s.key === key);
  assert.ok(column >= 0, `no column ${key}; columns: ${matrix.skills.map((s) => s.key).join(", ")}`);
  return matrix.rows.find((r) => r.personId === personId)!.cells[column];
}

describe("training matrix", () => {
  it("has a column for every skill a Tech I's level and next level ask for, certifications first, then trainings, then competencies", () => {
    const matrix = buildMatrix([person("a")], ctx);
    const kinds = matrix.skills.map((s) => s.kind);
    assert.deepEqual([...new Set(kinds)], ["certification", "training", "competency"]);
    assert.ok(matrix.skills.some((s) => s.key === "training:hipaa-privacy"));
    assert.ok(matrix.skills.some((s) => s.key === "certification:nha-excpt+ptcb-cpht" && s.name === "National certification: PTCB CPhT or NHA ExCPT"));
    assert.ok(matrix.skills.some((s) => s.key === "competency:insurance-billing"), "a Tech II competency, for the next level");
    assert.ok(!matrix.skills.some((s) => s.key === "training:usp-797-didactic"), "nothing of a level the person neither holds nor reaches for next");
    assert.deepEqual(matrix.rows[0].levels, ["Pharmacy Technician I"]);
  });

  it("modules completed show in the cell: under way without an assignment, counted next to the due date with one", () => {
    const withModules = (id: string, open: MatrixPerson["openAssignments"] = []) => ({ ...person(id, {}, open), moduleProgress: new Map([["hipaa-privacy", { completed: 1, total: 2 }]]) });
    const matrix = buildMatrix([withModules("self-paced"), withModules("assigned", [{ programCode: "hipaa-privacy", status: "assigned", dueOn: "2026-07-01" }]), person("none")], ctx);
    const selfPaced = cell(matrix, "self-paced", "training:hipaa-privacy");
    assert.deepEqual([selfPaced.status, selfPaced.detail], ["in-training", "1 of 2 modules completed"]);
    const assigned = cell(matrix, "assigned", "training:hipaa-privacy");
    assert.deepEqual([assigned.status, assigned.detail], ["in-training", "Started, due 2026-07-01; 1 of 2 modules completed"]);
    assert.equal(cell(matrix, "none", "training:hipaa-privacy").status, "not-started");
  });

  it("trainings: qualified while current, expiring within 90 days, expired after, in training when assigned; gaps for the current level and overdue assignments", () => {
    const matrix = buildMatrix(
      [
        person("done", { trainings: [{ training: "hipaa-privacy", completedOn: "2026-01-10", expiresOn: null }, { training: "usp-800-hazardous", completedOn: "2025-08-01", expiresOn: "2026-08-01" }] }),
        person("lapsed", { trainings: [{ training: "usp-800-hazardous", completedOn: "2025-05-01", expiresOn: "2026-05-01" }] }),
        person("assigned", {}, [{ programCode: "hipaa-privacy", status: "assigned", dueOn: "2026-07-01" }, { programCode: "fraud-waste-abuse", status: "overdue", dueOn: "2026-06-01" }]),
      ],
      ctx,
    );
    assert.deepEqual(cell(matrix, "done", "training:hipaa-privacy"), { status: "qualified", detail: "Completed 2026-01-10", need: "current-level", gap: false });
    assert.equal(cell(matrix, "done", "training:usp-800-hazardous").status, "expiring");
    assert.equal(cell(matrix, "lapsed", "training:usp-800-hazardous").status, "expired");
    const hipaa = cell(matrix, "assigned", "training:hipaa-privacy");
    assert.equal(hipaa.status, "in-training");
    assert.equal(hipaa.detail, "Assigned, due 2026-07-01");
    assert.equal(hipaa.gap, true, "HIPAA is required for Tech I and not done yet");
    const fwa = cell(matrix, "assigned", "training:fraud-waste-abuse");
    assert.equal(fwa.status, "in-training");
    assert.match(fwa.detail, /overdue since 2026-06-01/);
    assert.equal(fwa.gap, true);
    assert.equal(cell(matrix, "lapsed", "training:hipaa-privacy").status, "not-started");
    assert.equal(cellText(cell(matrix, "lapsed", "training:hipaa-privacy")), "Not started (Gap)");
  });

  it("an assignment not required by the level is needed as assigned, and a gap only once overdue", () => {
    const matrix = buildMatrix([person("a", {}, [{ programCode: "automation-system-training", status: "in-progress", dueOn: "2026-07-01" }]), person("b", {}, [{ programCode: "automation-system-training", status: "overdue", dueOn: "2026-06-01" }])], ctx);
    assert.deepEqual(cell(matrix, "a", "training:automation-system-training"), { status: "in-training", detail: "Started, due 2026-07-01", need: "assigned", gap: false });
    assert.equal(cell(matrix, "b", "training:automation-system-training").gap, true);
  });

  it("certifications use the credential rules: verified and current is qualified, unverified is in training, lapsed is expired; any one of a group counts", () => {
    const matrix = buildMatrix(
      [
        person("cpht", { certifications: [{ certificationCode: "ptcb-cpht", earnedOn: "2025-01-10", expiresOn: "2027-01-10", verificationStatus: "verified" }] }),
        person("excpt", { certifications: [{ certificationCode: "nha-excpt", earnedOn: "2024-08-01", expiresOn: "2026-08-01", verificationStatus: "verified" }] }),
        person("pending", { certifications: [{ certificationCode: "ptcb-cpht", earnedOn: "2026-06-01", expiresOn: "2028-06-01", verificationStatus: "unverified" }] }),
        person("old", { certifications: [{ certificationCode: "state-registration", earnedOn: "2024-01-01", expiresOn: "2026-01-01", verificationStatus: "verified" }] }),
      ],
      ctx,
    );
    const national = "certification:nha-excpt+ptcb-cpht";
    assert.equal(cell(matrix, "cpht", national).status, "qualified");
    assert.equal(cell(matrix, "excpt", national).status, "expiring");
    assert.equal(cell(matrix, "pending", national).status, "in-training");
    assert.equal(cell(matrix, "old", national).status, "not-started");
    assert.equal(cell(matrix, "cpht", national).need, "next-level");
    assert.equal(cell(matrix, "cpht", national).gap, false, "next level needs are goals, not gaps");
    const state = cell(matrix, "old", "certification:state-license+state-registration");
    assert.equal(state.status, "expired");
    assert.equal(state.gap, true, "Tech I requires the state credential");
  });

  it("competencies: qualified at the proficiency the level asks, in training below it, expired when the sign-off lapsed", () => {
    const matrix = buildMatrix(
      [
        person("a", {
          signoffs: [
            { competency: "prescription-filling", stepCode: null, proficiency: 2, signedOn: "2026-01-10", validUntil: null },
            { competency: "lasa-safety", stepCode: null, proficiency: 1, signedOn: "2026-01-10", validUntil: null },
            { competency: "sterile-garbing-hand-hygiene", stepCode: null, proficiency: 3, signedOn: "2025-06-01", validUntil: "2025-12-01" },
          ],
        }),
      ],
      ctx,
    );
    assert.equal(cell(matrix, "a", "competency:prescription-filling").status, "qualified", "Tech I asks for 2");
    const lasa = cell(matrix, "a", "competency:lasa-safety");
    assert.deepEqual([lasa.status, lasa.detail, lasa.gap], ["in-training", "Signed at 1; needs 2", true]);
    const garbing = cell(matrix, "a", "competency:sterile-garbing-hand-hygiene");
    assert.equal(garbing.status, "expired");
    assert.equal(garbing.need, null, "signed, but not asked for by the person's levels");
    assert.equal(garbing.gap, false);
  });

  it("filters people by track and level, sorts them by name, and can keep only some kinds of skill", () => {
    const people = [
      person("t1", {}, [], "Young"),
      person("t2", { levels: [{ track: "core", level: "tech-2", startedOn: "2025-01-06", endedOn: null }] }, [], "Adams"),
      person("none", { levels: [] }, [], "Baker"),
    ];
    assert.deepEqual(buildMatrix(people, ctx).rows.map((r) => r.lastName), ["Adams", "Baker", "Young"]);
    assert.deepEqual(buildMatrix(people, ctx, { track: "core" }).rows.map((r) => r.personId), ["t2", "t1"]);
    assert.deepEqual(buildMatrix(people, ctx, { track: "core", level: "tech-2" }).rows.map((r) => r.personId), ["t2"]);
    const trainingsOnly = buildMatrix(people, ctx, { kinds: ["training"] });
    assert.ok(trainingsOnly.skills.length > 0 && trainingsOnly.skills.every((s) => s.kind === "training"));
  });

  it("counts statuses and gaps", () => {
    const matrix = buildMatrix([person("a")], ctx, { kinds: ["training"] });
    const counts = matrixCounts(matrix.rows);
    assert.equal(counts["not-started"], matrix.skills.length);
    assert.equal(counts.gaps, matrix.rows[0].cells.filter((c) => c.need === "current-level").length);
  });
});
