import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { buildOrganization, buildPerson } from "../test/factories.ts";
import { createTestDatabase, type TestDatabase } from "../test/harness.ts";
import { backupDatabase, BACKUP_TABLES, EPHEMERAL_TABLES, restoreDatabase } from "./backup.ts";

describe("backup coverage", () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  it("every table of the schema is either backed up or deliberately left out", async () => {
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(database.db);
    const covered = new Set<string>([...BACKUP_TABLES, ...EPHEMERAL_TABLES, "schema_migrations"]);
    const missing = tables.rows.map((t) => t.table_name).filter((name) => !covered.has(name));
    assert.deepEqual(missing, []);
  });

  it("carries evidence files byte for byte, and framework revisions continue after the restored ones", async () => {
    const db = database.db;
    const org = await buildOrganization(db);
    const person = await buildPerson(db, org, { withAccount: false });
    const content = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300_000)]);
    await db.insertInto("evidence_files").values({ org_id: org.id, person_id: person.id, file_name: "scan.pdf", content_type: "application/pdf", size_bytes: content.length, sha256: "x", content }).execute();
    const revision = async () => (await db.selectFrom("ladder_frameworks").select((eb) => eb.fn.max("revision").as("n")).executeTakeFirstOrThrow()).n as number;
    const before = await revision();

    // Restored into another database, as when moving to a new server.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rxladder-backup-")), "backup.jsonl.gz");
    const counts = await backupDatabase(db, file);
    assert.equal(counts.evidence_files, 1);
    const target = await createTestDatabase();
    try {
      await restoreDatabase(target.db, file);
      const restored = await target.db.selectFrom("evidence_files").select(["content", "size_bytes"]).executeTakeFirstOrThrow();
      assert.ok(Buffer.from(restored.content).equals(content));
      assert.equal(restored.size_bytes, content.length);
      await target.db.insertInto("ladder_frameworks").values({ org_id: org.id, version: 2, status: "draft", definition: "{}" }).execute();
      const next = await target.db.selectFrom("ladder_frameworks").select("revision").where("org_id", "=", org.id).where("status", "=", "draft").executeTakeFirstOrThrow();
      assert.equal(next.revision, before + 1, "a new draft takes the next revision, not one already used");
    } finally {
      await target.drop();
    }
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
