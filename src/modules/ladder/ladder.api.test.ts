import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, TEST_PASSWORD, type Client, type TestOrganization } from "../../test/factories.ts";
import { DEFAULT_FRAMEWORK } from "./default-framework.ts";

const tech2 = DEFAULT_FRAMEWORK.tracks.find((t) => t.code === "core")!.levels.find((l) => l.code === "tech-2")!;
const tech2Competencies = tech2.requirements.flatMap((r) => (r.kind === "competency" ? [{ code: r.competency, min: r.minProficiency }] : []));

describe("career ladder API", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, secondManager: Client, pharmacist: Client, technician: Client, peer: Client, otherAdmin: Client;
  let tech: { id: string };
  let peerPerson: { id: string };

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
      technician: await buildPerson(db, org, { role: "technician", siteId: site, hireDate: "2025-06-02" }),
      peer: await buildPerson(db, org, { role: "technician", siteId: site }),
    };
    tech = people.technician;
    peerPerson = people.peer;
    await placeAtLevel(db, org, tech.id, "core/tech-1", "2025-06-02");
    await placeAtLevel(db, org, peerPerson.id, "core/tech-1");
    const other = await buildOrganization(db);
    [admin, manager, secondManager, pharmacist, technician, peer, otherAdmin] = await Promise.all([
      signInAs(t.app, people.admin.email),
      signInAs(t.app, people.manager.email),
      signInAs(t.app, people.secondManager.email),
      signInAs(t.app, people.pharmacist.email),
      signInAs(t.app, people.technician.email),
      signInAs(t.app, people.peer.email),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  it("a new organization starts on the default framework", async () => {
    const framework = (await technician.get("/api/ladder/framework")).json();
    assert.equal(framework.version, 1);
    assert.ok(framework.definition.competencies.length >= 40);
    assert.equal(framework.proficiencyScale.length, 4);
  });

  it("a Tech I sees Tech II next, with the national certification missing", async () => {
    const ladder = (await technician.get(`/api/ladder/people/${tech.id}`)).json();
    assert.equal(ladder.currentLevels[0].levelName, "Pharmacy Technician I");
    const next = ladder.next.find((n: { track: string }) => n.track === "core");
    assert.equal(next.level, "tech-2");
    assert.equal(next.eligible, false);
    const certification = next.requirements.find((r: { kind: string; label: string }) => r.kind === "certification" && /PTCB|CPhT/.test(r.label + r.label));
    assert.equal(certification.status, "missing");
    assert.equal(ladder.permissions.canNominate, false);
  });

  it("nobody signs off their own competency; a peer at the same level cannot sign; a wrong password records nothing", async () => {
    const body = { personId: tech.id, competencyCode: "prescription-filling", proficiency: 3, password: TEST_PASSWORD };
    const own = await technician.post("/api/ladder/signoffs", body);
    assert.equal(own.statusCode, 403);
    assert.match(own.json().error.message, /own competency/);
    const byPeer = await peer.post("/api/ladder/signoffs", body);
    assert.equal(byPeer.statusCode, 403);
    const wrong = await pharmacist.post("/api/ladder/signoffs", { ...body, password: "not-my-password" });
    assert.equal(wrong.statusCode, 401);
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM competency_signoffs WHERE person_id = ${tech.id}`.execute(t.database.db);
    assert.equal(count.rows[0].n, 0);
  });

  it("a pharmacist signs steps and whole competencies; validity comes from the competency (USP <797> garbing: 6 months)", async () => {
    const steps = await pharmacist.post("/api/ladder/signoffs", { personId: tech.id, competencyCode: "prescription-filling", stepCodes: [DEFAULT_FRAMEWORK.competencies.find((c) => c.code === "prescription-filling")!.steps[0].code], proficiency: 2, password: TEST_PASSWORD });
    assert.equal(steps.statusCode, 201);
    const detail = (await pharmacist.get(`/api/ladder/people/${tech.id}/competencies/prescription-filling`)).json();
    assert.equal(detail.mayAssess, true);
    assert.equal(detail.steps.filter((s: { signed: boolean }) => s.signed).length, 1);
    assert.equal(detail.status, "in-progress");

    const garbing = await pharmacist.post("/api/ladder/signoffs", { personId: tech.id, competencyCode: "sterile-garbing-hand-hygiene", proficiency: 3, evidenceNote: "GFT 0 CFU both hands", password: TEST_PASSWORD });
    assert.equal(garbing.statusCode, 201);
    assert.equal(garbing.json().validUntil, "2026-12-15");
  });

  it("sign-offs are immutable; a revocation is a new entry and the sign-off stops counting", async () => {
    await pharmacist.post("/api/ladder/signoffs", { personId: tech.id, competencyCode: "lasa-safety", proficiency: 3, password: TEST_PASSWORD });
    const detail = (await pharmacist.get(`/api/ladder/people/${tech.id}/competencies/lasa-safety`)).json();
    const signoff = detail.signoffs[0];
    await assert.rejects(sql`UPDATE competency_signoffs SET proficiency = 4 WHERE id = ${signoff.id}`.execute(t.database.db), /immutable/);
    assert.equal((await technician.post(`/api/ladder/signoffs/${signoff.id}/revoke`, { reason: "mine", password: TEST_PASSWORD })).statusCode, 403);
    const revoked = await pharmacist.post(`/api/ladder/signoffs/${signoff.id}/revoke`, { reason: "Signed for the wrong person", password: TEST_PASSWORD });
    assert.equal(revoked.statusCode, 201);
    const after = (await pharmacist.get(`/api/ladder/people/${tech.id}/competencies/lasa-safety`)).json();
    assert.equal(after.status, "not-started");
    assert.equal(after.signoffs[0].revoked, true);
  });

  it("credentials: the person's own entry awaits verification; a manager verifies", async () => {
    const own = await technician.post(`/api/people/${tech.id}/certifications`, { certificationCode: "ptcb-cpht", number: "123456", earnedOn: "2026-05-20", verified: true });
    assert.equal(own.statusCode, 201);
    assert.equal(own.json().verificationStatus, "unverified");
    assert.equal(own.json().expiresOn, "2028-05-20");
    assert.equal((await technician.post(`/api/certifications/${own.json().id}/verify`, { status: "verified" })).statusCode, 403);
    const verified = await manager.post(`/api/certifications/${own.json().id}/verify`, { status: "verified" });
    assert.equal(verified.json().verificationStatus, "verified");
    const bad = await admin.post(`/api/people/${tech.id}/certifications`, { certificationCode: "state-registration", earnedOn: "2027-01-01" });
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field).sort(), ["earnedOn", "state"]);
    assert.equal((await admin.post(`/api/people/${tech.id}/certifications`, { certificationCode: "state-registration", state: "OH", number: "TR.1234", earnedOn: "2025-06-10", verified: true })).statusCode, 201);
  });

  it("nominating someone not eligible needs a justification", async () => {
    const nomination = { personId: peerPerson.id, toTrack: "core", toLevel: "tech-2", effectiveDate: "2026-07-01", payChangeCents: 150 };
    const refused = await manager.post("/api/promotions", nomination);
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, "NOT_ELIGIBLE");
    const overridden = await manager.post("/api/promotions", { ...nomination, overrideJustification: "Covers billing alone on weekends; certification exam booked." });
    assert.equal(overridden.statusCode, 201);
    const entries = (await admin.get(`/api/audit?entityType=promotion&entityId=${overridden.json().id}`)).json().items;
    assert.equal(entries[0].action, "promotion.nominated_with_override");
    assert.equal((await admin.post(`/api/promotions/${overridden.json().id}/decision`, { decision: "reject", note: "Certify first" })).json().status, "rejected");
  });

  it("once eligible: the team view shows it, a manager nominates, the nominator cannot approve, an admin approves", async () => {
    for (const { code, min } of tech2Competencies) {
      const response = await pharmacist.post("/api/ladder/signoffs", { personId: tech.id, competencyCode: code, proficiency: Math.max(min, 3), password: TEST_PASSWORD });
      assert.equal(response.statusCode, 201, `${code}: ${response.body}`);
    }
    const team = (await manager.get("/api/ladder/team")).json().items;
    const row = team.find((r: { person: { id: string } }) => r.person.id === tech.id);
    assert.equal(row.next.level, "tech-2");
    assert.equal(row.next.eligible, true, JSON.stringify((await manager.get(`/api/ladder/people/${tech.id}`)).json().next[0].requirements.filter((r: { status: string }) => r.status === "missing")));
    assert.equal((await technician.get("/api/ladder/team")).statusCode, 403);

    const nominated = await manager.post("/api/promotions", { personId: tech.id, toTrack: "core", toLevel: "tech-2", effectiveDate: "2026-06-15", payChangeCents: 200, note: "Certified and signed off" });
    assert.equal(nominated.statusCode, 201);
    assert.equal(nominated.json().eligibleAtNomination, true);
    assert.equal((await manager.post(`/api/promotions/${nominated.json().id}/decision`, { decision: "approve" })).statusCode, 403);
    assert.equal((await technician.post(`/api/promotions/${nominated.json().id}/decision`, { decision: "approve" })).statusCode, 403);
    const approved = await secondManager.post(`/api/promotions/${nominated.json().id}/decision`, { decision: "approve", note: "Well earned" });
    assert.equal(approved.json().status, "approved");

    const ladder = (await technician.get(`/api/ladder/people/${tech.id}`)).json();
    assert.equal(ladder.currentLevels.find((l: { track: string }) => l.track === "core").level, "tech-2");
    assert.deepEqual(ladder.history.map((h: { level: string }) => h.level), ["tech-2", "tech-1"]);
    assert.equal(ladder.history[1].endedOn, "2026-06-15");
    assert.equal(ladder.next[0].level, "tech-3");
  });

  it("nobody reaches another organization's ladder", async () => {
    assert.equal((await otherAdmin.get(`/api/ladder/people/${tech.id}`)).statusCode, 404);
    assert.equal((await otherAdmin.post(`/api/people/${tech.id}/certifications`, { certificationCode: "cpr-bls", earnedOn: "2026-01-01" })).statusCode, 404);
    assert.equal((await peer.get(`/api/ladder/people/${tech.id}`)).statusCode, 403);
  });

  it("a lead technician signs dispensing skills of a junior at their site, not at another site, and not pharmacist-only ones", async () => {
    const db = t.database.db;
    const lead = await buildPerson(db, org, { role: "mentor", siteId: org.sites[0].id });
    await placeAtLevel(db, org, lead.id, "core/lead");
    const farLead = await buildPerson(db, org, { role: "mentor", siteId: org.sites[1].id });
    await placeAtLevel(db, org, farLead.id, "core/lead");
    const [leadClient, farClient] = await Promise.all([signInAs(t.app, lead.email), signInAs(t.app, farLead.email)]);
    const dispensing = DEFAULT_FRAMEWORK.competencies.find((c) => c.assessors.some((a) => a.kind === "lead") && !c.assessors.every((a) => a.kind === "pharmacist"))!;
    const body = { personId: peerPerson.id, competencyCode: dispensing.code, proficiency: 3, password: TEST_PASSWORD };
    assert.equal((await leadClient.post("/api/ladder/signoffs", body)).statusCode, 201);
    assert.equal((await farClient.post("/api/ladder/signoffs", body)).statusCode, 403);
    const sterile = await leadClient.post("/api/ladder/signoffs", { ...body, competencyCode: "sterile-garbing-hand-hygiene" });
    assert.equal(sterile.statusCode, 403);
    assert.match(sterile.json().error.message, /pharmacist/);
    const assessable = (await leadClient.get("/api/ladder/assessable")).json().items.map((p: { id: string }) => p.id);
    assert.ok(assessable.includes(peerPerson.id));
    const mentorTeam = (await leadClient.get("/api/ladder/team")).json().items;
    assert.ok(mentorTeam.every((r: { person: { siteId: string } }) => r.person.siteId === org.sites[0].id));
  });
});
