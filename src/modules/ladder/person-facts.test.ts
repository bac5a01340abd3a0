import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Db } from "../../db/database.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, type TestOrganization } from "../../test/factories.ts";
import { dateInZone } from "../../lib/dates.ts";
import { evaluateNext } from "./eligibility.rules.ts";
import { getPublishedFramework } from "./framework.queries.ts";
import { organizationEligibility } from "./ladder-views.ts";
import { loadNextCoreLevelFacts, loadPersonFacts } from "./person-facts.ts";

const NOW = new Date("2026-06-15T15:00:00Z");

interface Signed {
  competency: string;
  proficiency?: number;
  step?: string;
  signedAt: string;
  validUntil?: string | null;
  revoked?: boolean;
}

/**
 * The org-wide pass reads only the sign-offs that can decide the next core level (the best valid
 * one, the last lapsed one at the minimum, one valid per step). Whatever the history, it must judge
 * everyone exactly as their own ladder page does from every sign-off.
 */
describe("org-wide eligibility reads fewer sign-offs and judges the same", () => {
  let t: TestApp;
  let db: Db;
  let org: TestOrganization;
  let pharmacist: { id: string };

  async function sign(personId: string, s: Signed) {
    const row = await db
      .insertInto("competency_signoffs")
      .values({
        org_id: org.id,
        person_id: personId,
        competency_code: s.competency,
        step_code: s.step ?? null,
        proficiency: s.proficiency ?? 3,
        assessor_id: pharmacist.id,
        assessor_role: "pharmacist",
        signed_at: new Date(s.signedAt),
        valid_until: s.validUntil ?? null,
        signature: "1".repeat(64),
        framework_version: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (s.revoked) {
      await db
        .insertInto("competency_signoffs")
        .values({ org_id: org.id, person_id: personId, competency_code: s.competency, step_code: s.step ?? null, assessor_id: pharmacist.id, assessor_role: "pharmacist", signed_at: new Date(s.signedAt), signature: "2".repeat(64), framework_version: 1, revokes_id: row.id, revocation_reason: "Signed for the wrong person" })
        .execute();
    }
  }

  const histories: Record<string, Signed[]> = {
    // Lapsed at the minimum, then a lower valid one: missing, "expired on", progress from the lower one.
    lapsedThenLower: [
      { competency: "nonsterile-compounding", proficiency: 4, signedAt: "2024-05-01T12:00:00Z", validUntil: "2025-05-01" },
      { competency: "nonsterile-compounding", proficiency: 3, signedAt: "2025-01-10T12:00:00Z", validUntil: "2026-01-10" },
      { competency: "nonsterile-compounding", proficiency: 2, signedAt: "2026-03-01T12:00:00Z", validUntil: "2027-03-01" },
    ],
    // A valid one at the minimum beside a lapsed higher one: met.
    validBesideLapsed: [
      { competency: "nonsterile-compounding", proficiency: 4, signedAt: "2024-06-01T12:00:00Z", validUntil: "2025-06-01" },
      { competency: "nonsterile-compounding", proficiency: 3, signedAt: "2026-02-01T12:00:00Z", validUntil: "2027-02-01" },
      { competency: "patient-privacy", proficiency: 2, signedAt: "2025-09-01T12:00:00Z" },
      { competency: "patient-privacy", proficiency: 3, signedAt: "2026-01-01T12:00:00Z" },
    ],
    // Valid but within the expiring window: expiring, and the latest of two at the same proficiency.
    expiringSoon: [
      { competency: "nonsterile-compounding", proficiency: 3, signedAt: "2025-06-20T12:00:00Z", validUntil: "2026-06-20" },
      { competency: "nonsterile-compounding", proficiency: 3, signedAt: "2025-06-25T12:00:00Z", validUntil: "2026-06-25" },
    ],
    // A revoked sign-off never counts; the one before it still does.
    revoked: [
      { competency: "insurance-billing", proficiency: 2, signedAt: "2025-11-01T12:00:00Z" },
      { competency: "insurance-billing", proficiency: 4, signedAt: "2026-04-01T12:00:00Z", revoked: true },
    ],
    // Checklist steps only, one signed twice, one lapsed, one revoked: progress counts each valid step once.
    steps: [
      { competency: "claims-rejection-resolution", step: "reject-code", signedAt: "2026-01-05T12:00:00Z" },
      { competency: "claims-rejection-resolution", step: "reject-code", signedAt: "2026-02-05T12:00:00Z" },
      { competency: "claims-rejection-resolution", step: "refill-too-soon", signedAt: "2025-01-05T12:00:00Z", validUntil: "2025-07-05" },
      { competency: "claims-rejection-resolution", step: "non-formulary", signedAt: "2026-03-05T12:00:00Z", revoked: true },
    ],
    // Lapsed only below the minimum: plain "signed at" progress, no expiry in the reason.
    lapsedBelowMinimum: [{ competency: "nonsterile-compounding", proficiency: 2, signedAt: "2024-01-01T12:00:00Z", validUntil: "2025-01-01" }],
    nothing: [],
  };
  const people: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ now: NOW });
    db = t.database.db;
    org = await buildOrganization(db);
    const site = org.sites[0].id;
    pharmacist = await buildPerson(db, org, { role: "pharmacist", siteId: site });
    const { definition } = await getPublishedFramework(db, org.id);
    const steps = new Set(definition.competencies.flatMap((c) => c.steps.map((s) => s.code)));
    for (const [name, history] of Object.entries(histories)) {
      for (const s of history) if (s.step) assert.ok(steps.has(s.step), `the default framework has no step ${s.step}`);
      const person = await buildPerson(db, org, { role: "technician", siteId: site, hireDate: "2024-01-02" });
      await placeAtLevel(db, org, person.id, "core/tech-1", "2024-01-02");
      for (const s of history) await sign(person.id, s);
      people[name] = person.id;
    }
  });
  after(() => t.close());

  it("every person's next core level, percent, missing and expiring items match their own ladder", async () => {
    const { definition: framework } = await getPublishedFramework(db, org.id);
    const today = dateInZone(NOW, org.sites[0].time_zone);
    const full = await loadPersonFacts(db, org.id, Object.values(people));
    const orgWide = await organizationEligibility(db, org.id, NOW);
    const byName = new Map(await Promise.all(Object.entries(people).map(async ([name, id]) => [name, (await db.selectFrom("people").select("employee_id").where("id", "=", id).executeTakeFirstOrThrow()).employee_id] as const)));
    for (const [name, id] of Object.entries(people)) {
      const own = evaluateNext(full.get(id)!, { framework }, today).find((e) => e.track === "core")!;
      const row = orgWide.find((r) => r.employeeId === byName.get(name))!;
      assert.ok(row, `${name} is in the org-wide pass`);
      assert.deepEqual(
        { next: row.nextLevel, eligible: row.eligible, percent: row.percent, missing: row.missing, expiring: row.expiring },
        {
          next: own.levelName,
          eligible: own.eligible,
          percent: own.percent,
          missing: own.requirements.filter((r) => r.status === "missing").map((r) => r.label),
          expiring: own.requirements.filter((r) => r.status === "expiring").map((r) => `${r.label} (${r.expiresOn})`),
        },
        name,
      );
    }
  });

  it("each requirement's reason and progress match too, and fewer sign-offs are read", async () => {
    const { definition: framework } = await getPublishedFramework(db, org.id);
    const today = dateInZone(NOW, org.sites[0].time_zone);
    const full = await loadPersonFacts(db, org.id, Object.values(people));
    const reduced = await loadNextCoreLevelFacts(db, org.id, framework, NOW);
    let fullCount = 0;
    let reducedCount = 0;
    for (const [name, id] of Object.entries(people)) {
      const own = evaluateNext(full.get(id)!, { framework }, today).find((e) => e.track === "core")!;
      const fromReduced = evaluateNext(reduced.get(id)!, { framework }, today).find((e) => e.track === "core")!;
      assert.deepEqual(fromReduced.requirements, own.requirements, name);
      fullCount += full.get(id)!.signoffs.length;
      reducedCount += reduced.get(id)!.signoffs.length;
    }
    const lapsed = evaluateNext(reduced.get(people.lapsedThenLower)!, { framework }, today)[0].requirements.find((r) => r.label.startsWith("Non-sterile"))!;
    assert.equal(lapsed.status, "missing");
    assert.match(lapsed.reason, /expired on 2026-01-10/);
    const steps = evaluateNext(reduced.get(people.steps)!, { framework }, today)[0].requirements.find((r) => r.reason.includes("checklist steps"))!;
    assert.match(steps.reason, /^1 of \d+ checklist steps signed/);
    assert.ok(reducedCount < fullCount, `${reducedCount} sign-offs read, against ${fullCount} in full`);
  });
});
