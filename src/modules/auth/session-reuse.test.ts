import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "../../db/database.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { createSessionLookup, tokenHash } from "./sessions.ts";

/** Decision 0008: a session is reused on its app server for a moment, and forgotten by any write there. */
describe("sessions reused on their app server", () => {
  let t: TestApp;
  let db: Db;
  let org: TestOrganization;
  let admin: Client;
  let tech: { id: string; email: string };
  let technician: Client;

  before(async () => {
    // A reuse long enough that nothing in these tests outlives it by accident.
    t = await createTestApp({ sessionReuseMs: 60_000 });
    db = t.database.db;
    org = await buildOrganization(db);
    const site = org.sites[0].id;
    admin = await signInAs(t.app, (await buildPerson(db, org, { role: "admin" })).email);
    tech = await buildPerson(db, org, { role: "technician", siteId: site });
  });
  after(() => t.close());

  const roleSeen = async (client: Client) => (await client.get("/api/auth/session")).json().person.role as string;
  /** A change made by another app server or the command line: straight into the database. */
  const changeRoleElsewhere = (role: "technician" | "mentor") => db.updateTable("people").set({ role }).where("id", "=", tech.id).execute();

  it("a change made elsewhere is not seen while the session is reused; a write on this server ends the reuse", async () => {
    technician = await signInAs(t.app, tech.email);
    assert.equal(await roleSeen(technician), "technician");
    await changeRoleElsewhere("mentor");
    assert.equal(await roleSeen(technician), "technician", "reused");
    // Any write through this server: here an admin's edit of a phone number.
    const edit = await admin.patch(`/api/people/${tech.id}`, { phone: "555-0100" });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.equal(await roleSeen(technician), "mentor", "read afresh after the write");
  });

  it("a role changed on this server shows with the person's next request", async () => {
    assert.equal((await admin.patch(`/api/people/${tech.id}`, { role: "technician" })).statusCode, 200);
    assert.equal(await roleSeen(technician), "technician");
  });

  it("an exam answer leaves the reused sessions alone", async () => {
    const start = await technician.post("/api/exams/attempts", { form: "quick" });
    assert.equal(start.statusCode, 201, start.body);
    const attempt = start.json();
    const item = (await technician.get(`/api/exams/attempts/${attempt.id}/items/1`)).json();
    assert.equal(await roleSeen(technician), "technician");
    await changeRoleElsewhere("mentor");
    const answered = await technician.request({ method: "PUT", url: `/api/exams/attempts/${attempt.id}/items/1`, payload: { answer: [item.options[0].id] }, headers: { prefer: "return=minimal" } });
    assert.equal(answered.statusCode, 204, answered.body);
    assert.equal(await roleSeen(technician), "technician", "still reused after an answer");
    await technician.post("/api/auth/logout");
    assert.equal((await technician.get("/api/auth/session")).statusCode, 401, "signing out ends it at once");
    await changeRoleElsewhere("technician");
  });

  it("elsewhere, a change is seen once the reuse runs out; an unknown or disabled session is never kept", async () => {
    const lookup = createSessionLookup(db, () => t.clock.now, { reuseMs: 150 });
    const session = await signInAs(t.app, tech.email);
    const token = session.cookie.split("=")[1];
    assert.equal((await lookup(token))?.actor.role, "technician");
    await changeRoleElsewhere("mentor");
    assert.equal((await lookup(token))?.actor.role, "technician", "reused within 150 ms");
    await sleep(200);
    assert.equal((await lookup(token))?.actor.role, "mentor", "read afresh after 150 ms");

    const account = await db.selectFrom("accounts").select("id").where("person_id", "=", tech.id).executeTakeFirstOrThrow();
    await db.updateTable("accounts").set({ disabled: true }).where("id", "=", account.id).execute();
    await sleep(200);
    assert.equal(await lookup(token), undefined, "disabled");
    await db.updateTable("accounts").set({ disabled: false }).where("id", "=", account.id).execute();
    assert.equal((await lookup(token))?.actor.role, "mentor", "a failed lookup was not kept");
    assert.equal(await lookup("no-such-token"), undefined);
    await changeRoleElsewhere("technician");
  });

  it("a session is never reused past its expiry", async () => {
    const lookup = createSessionLookup(db, () => t.clock.now, { reuseMs: 60_000 });
    const session = await signInAs(t.app, tech.email);
    const token = session.cookie.split("=")[1];
    assert.ok(await lookup(token));
    const { expires_at } = await db.selectFrom("sessions").select("expires_at").where("id", "=", tokenHash(token)).executeTakeFirstOrThrow();
    const saved = t.clock.now;
    t.clock.now = new Date(new Date(expires_at).getTime() + 1000);
    try {
      assert.equal(await lookup(token), undefined);
    } finally {
      t.clock.now = saved;
    }
  });

  it("a lookup under way when the sessions are forgotten does not keep what it read", async () => {
    const lookup = createSessionLookup(db, () => t.clock.now, { reuseMs: 60_000 });
    const session = await signInAs(t.app, tech.email);
    const token = session.cookie.split("=")[1];
    const reading = lookup(token);
    lookup.forgetAll();
    assert.equal((await reading)?.actor.role, "technician");
    await changeRoleElsewhere("mentor");
    assert.equal((await lookup(token))?.actor.role, "mentor", "the read that raced the forget was not kept");
    await changeRoleElsewhere("technician");
  });
});
