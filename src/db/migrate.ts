import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Db } from "./database.ts";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
// Any constant works; it only has to be the same for every app server.
const MIGRATION_LOCK_KEY = 4_072_117;

export function listMigrations(): { name: string; sql: string }[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ""), sql: fs.readFileSync(path.join(MIGRATIONS_DIR, file), "utf8") }));
}

/** Applies pending SQL migrations in name order, each in its own transaction; safe to run from several servers at once. */
export async function migrate(db: Db): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    const didApply = await db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(tx);
      const done = await tx.selectFrom("schema_migrations").select("name").where("name", "=", migration.name).executeTakeFirst();
      if (done) return false;
      await sql.raw(migration.sql).execute(tx);
      await tx.insertInto("schema_migrations").values({ name: migration.name }).execute();
      return true;
    });
    if (didApply) applied.push(migration.name);
  }
  return applied;
}

export async function pendingMigrations(db: Db): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const done = new Set((await db.selectFrom("schema_migrations").select("name").execute()).map((row) => row.name));
  return listMigrations().map((m) => m.name).filter((name) => !done.has(name));
}
