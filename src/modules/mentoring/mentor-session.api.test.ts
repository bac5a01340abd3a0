import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";

describe("the session says whether the person mentors someone, whatever their role", () => {
  let t: TestApp;
  let org: TestOrganization;
  let manager: Client, lead: Client, mentee: Client, mentorRole: Client;
  let leadPerson: { id: string }, menteePerson: { id: string };

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    org = await buildOrganization(db);
    const site = org.sites[0].id;
    const people = {
      manager: await buildPerson(db, org, { role: "manager", siteId: site }),
      lead: await buildPerson(db, org, { role: "technician", siteId: site }),
      mentee: await buildPerson(db, org, { role: "technician", siteId: site }),
      mentorRole: await buildPerson(db, org, { role: "mentor", siteId: site }),
    };
    leadPerson = people.lead;
    menteePerson = people.mentee;
    await placeAtLevel(db, org, people.lead.id, "core/lead", "2024-01-02");
    await placeAtLevel(db, org, people.mentee.id, "core/tech-1");
    [manager, lead, mentee, mentorRole] = await Promise.all([people.manager, people.lead, people.mentee, people.mentorRole].map((p) => signInAs(t.app, p.email)));
  });
  after(() => t.close());

  const isMentor = async (client: Client) => {
    const response = await client.get("/api/auth/session");
    assert.equal(response.statusCode, 200);
    return response.json().isMentor as boolean;
  };

  it("is false without an active pairing as mentor, even for the mentor role", async () => {
    assert.equal(await isMentor(lead), false);
    assert.equal(await isMentor(mentee), false);
    assert.equal(await isMentor(mentorRole), false);
  });

  it("is true for a Lead technician with an active pairing, not for their mentee, and false again once it ends", async () => {
    const created = await manager.post("/api/mentoring/pairings", { mentorId: leadPerson.id, menteeId: menteePerson.id, goals: "PTCE by spring", startsOn: "2026-06-01" });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(await isMentor(lead), true);
    assert.equal(await isMentor(mentee), false);
    assert.equal((await lead.get("/api/mentoring/my-mentees")).json().mentees.length, 1);
    assert.equal((await manager.post(`/api/mentoring/pairings/${created.json().id}/end`, { endsOn: "2026-06-15" })).statusCode, 200);
    assert.equal(await isMentor(lead), false);
  });
});
