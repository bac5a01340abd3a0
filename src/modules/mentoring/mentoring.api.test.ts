import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { organizationEligibility } from "../ladder/ladder-views.ts";

describe("mentoring API", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, otherSiteManager: Client, mentor: Client, technician: Client, peer: Client, otherAdmin: Client;
  let mentorPerson: { id: string; employee_id: string }, tech: { id: string }, peerPerson: { id: string };
  let pairingId: string;

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const site = org.sites[0].id;
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: site }),
      otherSiteManager: await buildPerson(db, org, { role: "manager", siteId: org.sites[1].id }),
      mentor: await buildPerson(db, org, { role: "mentor", siteId: site, hireDate: "2022-01-03" }),
      technician: await buildPerson(db, org, { role: "technician", siteId: site }),
      peer: await buildPerson(db, org, { role: "technician", siteId: site }),
    };
    mentorPerson = people.mentor;
    tech = people.technician;
    peerPerson = people.peer;
    await placeAtLevel(db, org, mentorPerson.id, "core/tech-3", "2024-01-02");
    await placeAtLevel(db, org, tech.id, "core/tech-1");
    await placeAtLevel(db, org, peerPerson.id, "core/tech-1");
    const other = await buildOrganization(db);
    [admin, manager, otherSiteManager, mentor, technician, peer, otherAdmin] = await Promise.all([
      signInAs(t.app, people.admin.email),
      signInAs(t.app, people.manager.email),
      signInAs(t.app, people.otherSiteManager.email),
      signInAs(t.app, people.mentor.email),
      signInAs(t.app, people.technician.email),
      signInAs(t.app, people.peer.email),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  it("a manager pairs a mentor with a technician of their site; others may not", async () => {
    const body = { mentorId: mentorPerson.id, menteeId: tech.id, goals: "Pass the PTCE; learn sterile compounding", startsOn: "2026-06-01" };
    assert.equal((await technician.post("/api/mentoring/pairings", body)).statusCode, 403);
    assert.equal((await mentor.post("/api/mentoring/pairings", body)).statusCode, 403);
    assert.equal((await otherSiteManager.post("/api/mentoring/pairings", body)).statusCode, 403);
    const foreign = await otherAdmin.post("/api/mentoring/pairings", body);
    assert.equal(foreign.statusCode, 400);
    assert.equal(foreign.json().error.fields[0].field, "menteeId");
    const created = await manager.post("/api/mentoring/pairings", body);
    assert.equal(created.statusCode, 201, created.body);
    pairingId = created.json().id;
    assert.equal(created.json().mentor.id, mentorPerson.id);
    const again = await manager.post("/api/mentoring/pairings", body);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.fields[0].field, "mentorId");
    const audit = await t.database.db.selectFrom("audit_log").select("action").where("entity_id", "=", pairingId).execute();
    assert.deepEqual(audit.map((a) => a.action), ["mentoring.paired"]);
  });

  it("the mentor must be a mentor or Lead-level colleague, never the mentee themself", async () => {
    const self = await manager.post("/api/mentoring/pairings", { mentorId: tech.id, menteeId: tech.id, startsOn: "2026-06-01" });
    assert.equal(self.statusCode, 400);
    assert.equal(self.json().error.fields[0].field, "mentorId");
    const junior = await manager.post("/api/mentoring/pairings", { mentorId: peerPerson.id, menteeId: tech.id, startsOn: "2026-06-01" });
    assert.equal(junior.statusCode, 400);
    assert.match(junior.json().error.message, /Lead/);
    const bad = await manager.post("/api/mentoring/pairings", { mentorId: mentorPerson.id, menteeId: peerPerson.id, startsOn: "2026-06-01", endsOn: "2026-05-01" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, "endsOn");
  });

  it("sessions: the mentor's count at once, the mentee's after the mentor confirms; outsiders see nothing", async () => {
    const logged = await mentor.post(`/api/mentoring/pairings/${pairingId}/sessions`, { heldOn: "2026-06-10", durationMinutes: 60, topics: "Days supply calculations", notes: "Practise with insulin pens" });
    assert.equal(logged.statusCode, 201, logged.body);
    assert.equal(logged.json().confirmed, true);
    const future = await mentor.post(`/api/mentoring/pairings/${pairingId}/sessions`, { heldOn: "2026-06-20", durationMinutes: 60, topics: "x" });
    assert.equal(future.statusCode, 400);
    assert.equal(future.json().error.fields[0].field, "heldOn");
    const byMentee = await technician.post(`/api/mentoring/pairings/${pairingId}/sessions`, { heldOn: "2026-06-12", durationMinutes: 30, topics: "Controlled-substance counts" });
    assert.equal(byMentee.json().confirmed, false);
    assert.equal((await technician.post(`/api/mentoring/sessions/${byMentee.json().id}/confirm`)).statusCode, 403);
    assert.equal((await peer.post(`/api/mentoring/pairings/${pairingId}/sessions`, { heldOn: "2026-06-12", durationMinutes: 30, topics: "x" })).statusCode, 403);
    assert.equal((await peer.get(`/api/mentoring/pairings/${pairingId}`)).statusCode, 403);
    assert.equal((await otherSiteManager.get(`/api/mentoring/pairings/${pairingId}`)).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/mentoring/pairings/${pairingId}`)).statusCode, 404);
    assert.equal((await mentor.post(`/api/mentoring/sessions/${byMentee.json().id}/confirm`)).statusCode, 200);
    const detail = (await manager.get(`/api/mentoring/pairings/${pairingId}`)).json();
    assert.equal(detail.pairing.confirmedHours, 1.5);
    assert.equal(detail.sessions.length, 2);
  });

  it("My mentor shows the mentor, goals and sessions; My mentees shows each mentee's gaps", async () => {
    const mine = (await technician.get("/api/mentoring/my-mentor")).json();
    assert.equal(mine.pairings.length, 1);
    assert.equal(mine.pairings[0].mentor.id, mentorPerson.id);
    assert.match(mine.pairings[0].goals, /PTCE/);
    assert.equal(mine.pairings[0].sessions[0].topics, "Controlled-substance counts");
    const mentees = (await mentor.get("/api/mentoring/my-mentees")).json();
    assert.equal(mentees.mentees.length, 1);
    const m = mentees.mentees[0];
    assert.equal(m.mentee.id, tech.id);
    assert.equal(m.nextLevel.level, "tech-2");
    assert.ok(m.gaps.some((g: { kind: string }) => g.kind === "certification"));
    assert.ok(m.pendingSignOffs.length > 0);
    assert.equal(mentees.mentoringHours, 1.5);
    assert.deepEqual((await peer.get("/api/mentoring/my-mentees")).json().mentees, []);
    const list = (await manager.get("/api/mentoring/pairings")).json();
    assert.equal(list.items.length, 1);
    assert.deepEqual((await otherSiteManager.get("/api/mentoring/pairings")).json().items, []);
    assert.deepEqual((await otherAdmin.get("/api/mentoring/pairings")).json().items, []);
  });

  it("hours of mentoring given make the mentor's Lead mentoring requirement met", async () => {
    const requirement = async () => {
      const ladder = (await mentor.get(`/api/ladder/people/${mentorPerson.id}`)).json();
      const lead = ladder.next.find((n: { track: string }) => n.track === "core");
      assert.equal(lead.level, "lead");
      return lead.requirements.find((r: { kind: string }) => r.kind === "mentoring");
    };
    assert.equal((await requirement()).status, "missing");
    for (const day of ["2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05"]) {
      const r = await mentor.post(`/api/mentoring/pairings/${pairingId}/sessions`, { heldOn: day, durationMinutes: 600, topics: "Shadowing at the fill station" });
      assert.equal(r.statusCode, 201, r.body);
    }
    const met = await requirement();
    assert.equal(met.status, "met", met.reason);
    const orgWide = await organizationEligibility(t.database.db, org.id, t.clock.now);
    const row = orgWide.find((r) => r.employeeId === mentorPerson.employee_id)!;
    assert.equal(row.nextLevel, "Lead Technician");
    assert.ok(!row.missing.some((m) => /mentoring/.test(m)), row.missing.join("; "));
  });

  it("ending a pairing keeps its hours", async () => {
    assert.equal((await mentor.post(`/api/mentoring/pairings/${pairingId}/end`, { endsOn: "2026-06-15" })).statusCode, 403);
    const ended = await manager.post(`/api/mentoring/pairings/${pairingId}/end`, { endsOn: "2026-06-15" });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().status, "ended");
    assert.equal((await mentor.get("/api/mentoring/my-mentees")).json().mentoringHours, 41.5);
  });
});
