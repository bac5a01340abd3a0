import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, TEST_PASSWORD, type Client, type TestOrganization } from "../../test/factories.ts";
import { DEFAULT_FRAMEWORK } from "../ladder/default-framework.ts";
import { organizationEligibility } from "../ladder/ladder-views.ts";

const core = DEFAULT_FRAMEWORK.tracks.find((t) => t.code === "core")!;
const requiredCompetencies = (level: string) => core.levels.find((l) => l.code === level)!.requirements.flatMap((r) => (r.kind === "competency" ? [r] : []));
/** A dispensing skill that a Tech III (or a Lead, or a pharmacist) may sign off. */
const seniorTechSkill = DEFAULT_FRAMEWORK.competencies.find((c) => c.assessors.some((a) => a.kind === "peer-above" && a.minRank === 3))!;

interface Ladder {
  currentLevels: { track: string; level: string; startedOn: string }[];
  upcomingLevels: { track: string; level: string; levelName: string; startedOn: string }[];
  next: { track: string; level: string }[];
  history: { level: string; startedOn: string; endedOn: string | null; current: boolean }[];
}

describe("promotions effective on a later date", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, secondManager: Client, pharmacist: Client, technician: Client, senior: Client;
  let tech: { id: string; employee_id: string };
  let seniorPerson: { id: string; employee_id: string };
  let junior: { id: string };

  let emails: string[] = [];
  /** Moves the clock and signs everyone in again (sessions expire after some days). */
  const travelTo = async (iso: string) => {
    t.clock.now = new Date(iso);
    [admin, manager, secondManager, pharmacist, technician, senior] = await Promise.all(emails.map((email) => signInAs(t.app, email)));
  };
  const ladderOf = async (client: Client, id: string) => (await client.get(`/api/ladder/people/${id}`)).json() as Ladder;
  const coreLevel = (ladder: Ladder) => ladder.currentLevels.find((l) => l.track === "core")?.level;
  const orgWide = async (employeeId: string) => (await organizationEligibility(t.database.db, org.id, t.clock.now)).find((r) => r.employeeId === employeeId)!;

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const site = org.sites[0].id;
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: site }),
      secondManager: await buildPerson(db, org, { role: "manager", siteId: site }),
      pharmacist: await buildPerson(db, org, { role: "pharmacist", siteId: site }),
      technician: await buildPerson(db, org, { siteId: site, hireDate: "2025-06-02" }),
      senior: await buildPerson(db, org, { role: "mentor", siteId: site, hireDate: "2023-01-09" }),
    };
    tech = people.technician;
    seniorPerson = people.senior;
    junior = await buildPerson(db, org, { siteId: site, withAccount: false });
    await placeAtLevel(db, org, tech.id, "core/tech-1", "2025-06-02");
    await placeAtLevel(db, org, seniorPerson.id, "core/tech-2", "2024-01-08");
    await placeAtLevel(db, org, junior.id, "core/tech-1", "2026-01-05");
    emails = Object.values(people).map((p) => p.email);
    [admin, manager, secondManager, pharmacist, technician, senior] = await Promise.all(emails.map((email) => signInAs(t.app, email)));

    // Kevin becomes eligible for Tech II: the competencies signed, the national certification verified.
    for (const { competency, minProficiency } of requiredCompetencies("tech-2")) {
      const response = await pharmacist.post("/api/ladder/signoffs", { personId: tech.id, competencyCode: competency, proficiency: Math.max(minProficiency, 3), password: TEST_PASSWORD });
      assert.equal(response.statusCode, 201, response.body);
    }
    for (const certification of [
      { certificationCode: "ptcb-cpht", number: "1", earnedOn: "2026-05-20", verified: true },
      { certificationCode: "state-registration", state: "OH", number: "TR.1", earnedOn: "2025-06-10", verified: true },
    ]) {
      const response = await admin.post(`/api/people/${tech.id}/certifications`, certification);
      assert.equal(response.statusCode, 201, response.body);
    }
  });
  after(() => t.close());

  it("approved today for next month: still the old level today, the new one shown as upcoming", async () => {
    const nominated = await manager.post("/api/promotions", { personId: tech.id, toTrack: "core", toLevel: "tech-2", effectiveDate: "2026-07-15", payChangeCents: 150 });
    assert.equal(nominated.statusCode, 201, nominated.body);
    const approved = await secondManager.post(`/api/promotions/${nominated.json().id}/decision`, { decision: "approve" });
    assert.equal(approved.json().status, "approved");

    const ladder = await ladderOf(technician, tech.id);
    assert.equal(coreLevel(ladder), "tech-1");
    assert.deepEqual(ladder.upcomingLevels, [{ track: "core", level: "tech-2", startedOn: "2026-07-15", trackName: core.name, levelName: "Pharmacy Technician II", rank: 2 }]);
    assert.equal(ladder.next[0].level, "tech-2", "the next level is still the one approved, until it starts");
    assert.deepEqual(
      ladder.history.map((h) => [h.level, h.startedOn, h.endedOn, h.current]),
      [["tech-1", "2025-06-02", "2026-07-15", true]],
      "the history holds only levels that have started",
    );
    const team = (await manager.get("/api/ladder/team")).json().items.find((r: { person: { id: string } }) => r.person.id === tech.id);
    assert.equal(team.current.level, "tech-1");
    assert.equal((await orgWide(tech.employee_id)).currentLevel, "Pharmacy Technician I");
    const assessable = (await pharmacist.get("/api/ladder/assessable")).json().items.find((p: { id: string }) => p.id === tech.id);
    assert.equal(assessable.levelName, "Pharmacy Technician I");
  });

  it("another nomination waits until the approved change has taken effect", async () => {
    const again = await manager.post("/api/promotions", { personId: tech.id, toTrack: "core", toLevel: "tech-3", effectiveDate: "2026-08-01", overrideJustification: "Testing a second change" });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().error.message, /effective 2026-07-15/);
  });

  it("on the effective date, at the site's midnight, the new level is in force everywhere it is read", async () => {
    await travelTo("2026-07-15T03:30:00Z"); // 23:30 on July 14 in New York, where the site is
    assert.equal(coreLevel(await ladderOf(technician, tech.id)), "tech-1");
    assert.equal((await orgWide(tech.employee_id)).currentLevel, "Pharmacy Technician I");

    await travelTo("2026-07-15T04:30:00Z"); // 00:30 on July 15 in New York
    const ladder = await ladderOf(technician, tech.id);
    assert.equal(coreLevel(ladder), "tech-2");
    assert.deepEqual(ladder.upcomingLevels, []);
    assert.equal(ladder.next[0].level, "tech-3");
    assert.deepEqual(
      ladder.history.map((h) => [h.level, h.startedOn, h.endedOn, h.current]),
      [
        ["tech-2", "2026-07-15", null, true],
        ["tech-1", "2025-06-02", "2026-07-15", false],
      ],
    );
    const team = (await manager.get("/api/ladder/team")).json().items.find((r: { person: { id: string } }) => r.person.id === tech.id);
    assert.deepEqual([team.current.level, team.next.level], ["tech-2", "tech-3"]);
    const report = await orgWide(tech.employee_id);
    assert.deepEqual([report.currentLevel, report.nextLevel], ["Pharmacy Technician II", "Pharmacy Technician III"]);
    assert.equal((await pharmacist.get("/api/ladder/assessable")).json().items.find((p: { id: string }) => p.id === tech.id).levelName, "Pharmacy Technician II");
    await travelTo("2026-06-15T15:00:00Z");
  });

  it("an assessor signs as the level in force: a Tech III from next month cannot sign a Tech III's skills yet", async () => {
    const nominated = await manager.post("/api/promotions", { personId: seniorPerson.id, toTrack: "core", toLevel: "tech-3", effectiveDate: "2026-07-01", overrideJustification: "Covers the sterile room lead while it is reorganized" });
    assert.equal(nominated.statusCode, 201, nominated.body);
    assert.equal((await admin.post(`/api/promotions/${nominated.json().id}/decision`, { decision: "approve" })).statusCode, 200);
    const body = { personId: junior.id, competencyCode: seniorTechSkill.code, proficiency: 3, password: TEST_PASSWORD };

    const refused = await senior.post("/api/ladder/signoffs", body);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().error.message, /level 3 or above/);
    assert.equal((await senior.get("/api/ladder/assessable")).json().items.some((p: { id: string }) => p.id === junior.id), false);

    await travelTo("2026-07-01T15:00:00Z");
    assert.equal((await senior.get("/api/ladder/assessable")).json().items.some((p: { id: string }) => p.id === junior.id), true);
    const signed = await senior.post("/api/ladder/signoffs", body);
    assert.equal(signed.statusCode, 201, signed.body);
    await travelTo("2026-06-15T15:00:00Z");
  });

  it("an approval effective before a change already approved is refused, and nothing changes", async () => {
    // Nominations wait for an approved change (above); this is the guard behind that rule, for a
    // decision that would end a level before it starts. The state is set up directly.
    const db = t.database.db;
    const late = await buildPerson(db, org, { siteId: org.sites[0].id, withAccount: false });
    await placeAtLevel(db, org, late.id, "core/tech-1", "2025-01-06");
    const first = (await manager.post("/api/promotions", { personId: late.id, toTrack: "core", toLevel: "tech-2", effectiveDate: "2026-08-01", overrideJustification: "Needed on the evening shift" })).json();
    await secondManager.post(`/api/promotions/${first.id}/decision`, { decision: "approve" });
    await db.updateTable("promotions").set({ status: "nominated", decided_at: null, decided_by: null }).where("id", "=", first.id).execute();
    await db.updateTable("promotions").set({ effective_date: "2026-07-01" }).where("id", "=", first.id).execute();
    const refused = await secondManager.post(`/api/promotions/${first.id}/decision`, { decision: "approve" });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().error.message, /effective 2026-08-01 is already approved/);
    const levels = await db.selectFrom("person_levels").select(["level_code", "started_on", "ended_on"]).where("person_id", "=", late.id).orderBy("started_on").execute();
    assert.deepEqual(levels, [
      { level_code: "tech-1", started_on: "2025-01-06", ended_on: "2026-08-01" },
      { level_code: "tech-2", started_on: "2026-08-01", ended_on: null },
    ]);
  });
});
