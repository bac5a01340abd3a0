import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestDatabase, type TestDatabase } from "../test/harness.ts";
import { PREPARED } from "./database.ts";

describe("statements marked PREPARED", () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  it("give the same rows as unmarked ones, however often and with whatever parameters", async () => {
    const { db } = database;
    for (const values of [[1, 2, 3], [7], [], [4, 4, 5, 6]]) {
      const marked = await sql<{ n: number }>`${PREPARED("test-sum")} SELECT sum(x)::int AS n, count(*)::int AS c FROM unnest(${values}::int[]) AS t(x)`.execute(db);
      const plain = await sql<{ n: number }>`SELECT sum(x)::int AS n, count(*)::int AS c FROM unnest(${values}::int[]) AS t(x)`.execute(db);
      assert.deepEqual(marked.rows, plain.rows);
    }
  });

  it("are parsed and planned once per connection on a PostgreSQL server, and two texts under one name do not clash", async (t) => {
    if (database.kind !== "postgres") return t.skip("the embedded database runs them as any other statement");
    await database.db.connection().execute(async (connection) => {
      for (let i = 0; i < 3; i++) await sql`${PREPARED("test-twice")} SELECT ${i}::int AS i`.execute(connection);
      await sql`${PREPARED("test-twice")} SELECT ${"other text"}::text AS t`.execute(connection);
      const { rows } = await sql<{ statement: string; generic_plans: number; custom_plans: number }>`
        SELECT statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement LIKE '/* prepare: test-twice */%' ORDER BY statement`.execute(connection);
      assert.equal(rows.length, 2, "one prepared statement per text");
      const first = rows.find((r) => r.statement.includes("::int AS i"))!;
      assert.equal(first.generic_plans, 3, "planned once, for any parameters, and run three times");
      assert.equal(first.custom_plans, 0);
      const { rows: setting } = await sql<{ plan_cache_mode: string }>`SHOW plan_cache_mode`.execute(connection);
      assert.equal(setting[0].plan_cache_mode, "force_generic_plan");
    });
  });
});
