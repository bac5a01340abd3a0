import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { verifyAuditChain } from "./index.ts";

describe("audit trail", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client;
  let manager: Client;

  before(async () => {
    t = await createTestApp();
    org = await buildOrganization(t.database.db);
    admin = await signInAs(t.app, (await buildPerson(t.database.db, org, { role: "admin" })).email);
    manager = await signInAs(t.app, (await buildPerson(t.database.db, org, { role: "manager" })).email);
  });
  after(() => t.close());

  it("every write appends an attributed entry with before and after, in the same transaction", async () => {
    const person = await buildPerson(t.database.db, org);
    const response = await manager.patch(`/api/people/${person.id}`, { phone: "555-0142" });
    assert.equal(response.statusCode, 200);
    const entries = (await admin.get(`/api/audit?entityType=person&entityId=${person.id}`)).json().items;
    assert.equal(entries[0].action, "person.updated");
    assert.deepEqual(entries[0].before, { phone: null });
    assert.deepEqual(entries[0].after, { phone: "555-0142" });
    assert.match(entries[0].actorLabel, /Manager/);

    const failed = await manager.post(`/api/people/${person.id}/events`, { kind: "transfer", effectiveDate: "2026-01-01", siteId: org.sites[1].id });
    assert.equal(failed.statusCode, 403);
    const after = (await admin.get(`/api/audit?entityType=person&entityId=${person.id}`)).json().items;
    assert.equal(after.length, entries.length, "a refused change leaves no entry");
  });

  it("is only for admins", async () => {
    assert.equal((await manager.get("/api/audit")).statusCode, 403);
    assert.equal((await manager.get("/api/audit/verify")).statusCode, 403);
    assert.equal((await manager.get("/api/audit/export.csv")).statusCode, 403);
  });

  it("verifies, and finds the first changed or removed entry", async () => {
    const db = t.database.db;
    const intact = (await admin.get("/api/audit/verify")).json();
    assert.equal(intact.ok, true);
    assert.ok(intact.entries >= 3);

    await assert.rejects(sql`UPDATE audit_log SET action = 'x' WHERE org_id = ${org.id} AND seq = 2`.execute(db), /append-only/);

    await db.transaction().execute(async (tx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(tx);
      await sql`UPDATE audit_log SET after = '{"phone":"555-9999"}' WHERE org_id = ${org.id} AND seq = 2`.execute(tx);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(tx);
    });
    const changed = (await admin.get("/api/audit/verify")).json();
    assert.deepEqual([changed.ok, changed.problem.seq, changed.problem.kind], [false, 2, "changed"]);
  });

  it("detects removal of the newest entries through the chain head", async () => {
    const other = await buildOrganization(t.database.db);
    const db = t.database.db;
    const last = await db.selectFrom("audit_log").select(sql<number>`max(seq)::int`.as("seq")).where("org_id", "=", other.id).executeTakeFirstOrThrow();
    await db.transaction().execute(async (tx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(tx);
      await sql`DELETE FROM audit_log WHERE org_id = ${other.id} AND seq = ${last.seq}`.execute(tx);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(tx);
    });
    const report = await verifyAuditChain(db, other.id);
    assert.equal(report.ok, false);
    assert.equal(report.problem?.kind, "missing");
    assert.equal(report.problem?.seq, last.seq);
  });

  it("exports the trail as CSV with hashes", async () => {
    const response = await admin.get("/api/audit/export.csv");
    assert.equal(response.statusCode, 200);
    const lines = response.body.trim().split("\n");
    assert.equal(lines[0], "seq,at,actor_id,actor_label,entity_type,entity_id,action,before,after,prev_hash,hash");
    assert.match(lines[1], /^1,/);
  });
});
