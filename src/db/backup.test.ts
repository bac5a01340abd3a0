import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestDatabase, type TestDatabase } from "../test/harness.ts";
import { BACKUP_TABLES, EPHEMERAL_TABLES } from "./backup.ts";

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
});
