import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";

describe("roster API and who may see what", () => {
  let t: TestApp;
  let org: TestOrganization;
  let other: TestOrganization;
  let admin: Client, manager: Client, technician: Client, pharmacist: Client, otherAdmin: Client;
  let tech: { id: string }, techAtSite2: { id: string }, foreigner: { id: string };

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    org = await buildOrganization(db);
    other = await buildOrganization(db);
    const [s1, s2] = org.sites;
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: s1.id }),
      pharmacist: await buildPerson(db, org, { role: "pharmacist", siteId: s1.id }),
      technician: await buildPerson(db, org, { role: "technician", siteId: s1.id }),
      techAtSite2: await buildPerson(db, org, { role: "technician", siteId: s2.id }),
      otherAdmin: await buildPerson(db, other, { role: "admin" }),
    };
    tech = people.technician;
    techAtSite2 = people.techAtSite2;
    foreigner = await buildPerson(db, other, { role: "technician" });
    [admin, manager, technician, pharmacist, otherAdmin] = await Promise.all([
      signInAs(t.app, people.admin.email),
      signInAs(t.app, people.manager.email),
      signInAs(t.app, people.technician.email),
      signInAs(t.app, people.pharmacist.email),
      signInAs(t.app, people.otherAdmin.email),
    ]);
  });
  after(() => t.close());

  it("requires sign-in", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/people" });
    assert.equal(response.statusCode, 401);
    assert.deepEqual(Object.keys(response.json().error).sort(), ["code", "message"]);
  });

  it("lists the roster by scope: organization, sites, self", async () => {
    assert.equal((await admin.get("/api/people")).json().total, 5);
    const managed = (await manager.get("/api/people")).json();
    assert.equal(managed.total, 4); // admin, manager, pharmacist and technician work at site 1
    assert.ok(managed.items.every((p: { siteId: string }) => p.siteId === org.sites[0].id));
    const own = (await technician.get("/api/people")).json();
    assert.deepEqual(own.items.map((p: { id: string }) => p.id), [tech.id]);
    assert.equal((await otherAdmin.get("/api/people")).json().total, 2);
  });

  it("searches, filters and pages", async () => {
    const bySite = (await admin.get(`/api/people?siteId=${org.sites[1].id}`)).json();
    assert.deepEqual(bySite.items.map((p: { id: string }) => p.id), [techAtSite2.id]);
    const byRole = (await admin.get("/api/people?role=pharmacist")).json();
    assert.equal(byRole.total, 1);
    const page = (await admin.get("/api/people?pageSize=2&page=3")).json();
    assert.equal(page.items.length, 1);
    const bad = await admin.get("/api/people?pageSize=0&status=gone");
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field).sort(), ["pageSize", "status"]);
  });

  it("technician → another person: denied; own record: allowed", async () => {
    assert.equal((await technician.get(`/api/people/${techAtSite2.id}`)).statusCode, 403);
    const own = await technician.get(`/api/people/${tech.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().permissions.canEdit, false);
    assert.ok(Array.isArray(own.json().events));
  });

  it("manager → person at another site: denied", async () => {
    assert.equal((await manager.get(`/api/people/${techAtSite2.id}`)).statusCode, 403);
    assert.equal((await manager.patch(`/api/people/${techAtSite2.id}`, { phone: "555-0199" })).statusCode, 403);
    assert.equal((await manager.post(`/api/people/${techAtSite2.id}/events`, { kind: "leave", effectiveDate: "2026-06-01" })).statusCode, 403);
  });

  it("any user → another organization: not found", async () => {
    for (const client of [admin, manager, technician]) {
      assert.equal((await client.get(`/api/people/${foreigner.id}`)).statusCode, 404);
      assert.equal((await client.patch(`/api/people/${foreigner.id}`, { phone: "1" })).statusCode, 404);
    }
    assert.equal((await otherAdmin.get(`/api/people/${tech.id}`)).statusCode, 404);
  });

  it("a pharmacist sees the site directory without HR history", async () => {
    const response = (await pharmacist.get(`/api/people/${tech.id}`)).json();
    assert.equal(response.events, null);
    assert.equal(response.exitInterviews, null);
    assert.equal((await pharmacist.get(`/api/people/${techAtSite2.id}`)).statusCode, 403);
  });

  it("a manager adds a person at their site, not at another", async () => {
    const body = { employeeId: "N-1", firstName: "Ana", lastName: "Reyes", email: "ana.reyes@example.test", hireDate: "2026-06-01", siteId: org.sites[0].id };
    const created = await manager.post("/api/people", body);
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().role, "technician");
    assert.equal((await manager.post("/api/people", { ...body, employeeId: "N-2", email: "x@example.test", siteId: org.sites[1].id })).statusCode, 403);
    const duplicate = await manager.post("/api/people", { ...body, email: "other@example.test" });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().error.fields[0].field, "employeeId");
    const invalid = await manager.post("/api/people", { ...body, employeeId: "N-3", email: "nope", hireDate: "2026-02-30" });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(invalid.json().error.fields.map((f: { field: string }) => f.field).sort(), ["email", "hireDate"]);
    assert.equal((await technician.post("/api/people", { ...body, employeeId: "N-4" })).statusCode, 403);
  });

  it("records leave, return, transfer, separation, exit interview and rehire with history", async () => {
    const person = await buildPerson(t.database.db, org, { siteId: org.sites[0].id, hireDate: "2024-01-08" });
    const url = `/api/people/${person.id}`;
    assert.equal((await admin.post(`${url}/events`, { kind: "leave", effectiveDate: "2026-01-05" })).statusCode, 201);
    assert.equal((await admin.get(url)).json().person.status, "leave");
    const badReturn = await admin.post(`${url}/events`, { kind: "leave", effectiveDate: "2026-02-05" });
    assert.equal(badReturn.statusCode, 400);
    assert.equal(badReturn.json().error.fields[0].field, "kind");
    assert.equal((await admin.post(`${url}/events`, { kind: "return", effectiveDate: "2026-02-05" })).statusCode, 201);
    const transfer = await admin.post(`${url}/events`, { kind: "transfer", effectiveDate: "2026-03-02", siteId: org.sites[1].id });
    assert.equal(transfer.json().fromSiteId, org.sites[0].id);
    const separation = await admin.post(`${url}/events`, { kind: "separation", effectiveDate: "2026-04-30", separationType: "voluntary", reasonCode: "career_path" });
    assert.equal(separation.statusCode, 201);
    const interview = await admin.post(`${url}/exit-interviews`, { interviewDate: "2026-04-28", reasonCodes: ["career_path", "pay"], comments: "No next step", wouldReturn: true });
    assert.equal(interview.statusCode, 201);
    assert.equal((await admin.post(`${url}/exit-interviews`, { interviewDate: "2026-04-28", reasonCodes: ["bored"] })).statusCode, 400);
    assert.equal((await admin.post(`${url}/events`, { kind: "rehire", effectiveDate: "2026-06-01" })).statusCode, 201);
    const detail = (await admin.get(url)).json();
    assert.deepEqual(detail.events.map((e: { kind: string }) => e.kind), ["hire", "leave", "return", "transfer", "separation", "rehire"]);
    assert.equal(detail.person.status, "active");
    assert.equal(detail.person.hireDate, "2026-06-01");
    assert.equal(detail.exitInterviews[0].wouldReturn, true);
  });

  it("lists sites with headcounts; only admins change them", async () => {
    const sites = (await manager.get("/api/sites")).json().items;
    assert.equal(sites.length, 2);
    assert.equal((await manager.post("/api/sites", { code: "S9", name: "New", state: "OH", setting: "community", timeZone: "America/New_York" })).statusCode, 403);
    const bad = await admin.post("/api/sites", { code: "S9", name: "New", state: "ZZ", setting: "community", timeZone: "Mars/Base" });
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field), ["state", "timeZone"]);
    assert.equal((await admin.post("/api/sites", { code: "S9", name: "New", state: "oh", setting: "specialty", timeZone: "America/Chicago" })).json().state, "OH");
  });
});
