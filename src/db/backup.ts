import { createReadStream, createWriteStream } from "node:fs";
import readline from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "kysely";
import { AppError } from "../lib/errors.ts";
import type { Db } from "./database.ts";
import { listMigrations } from "./migrate.ts";

/** Tables in the order rows must be restored (parents first). Sessions and one-time tokens are not kept. */
export const BACKUP_TABLES = [
  "organizations",
  "sites",
  "people",
  "manager_sites",
  "employment_segments",
  "employment_events",
  "exit_interviews",
  "accounts",
  "audit_log",
  "audit_heads",
  "roster_imports",
  "ladder_frameworks",
  "person_levels",
  "evidence_files",
  "competency_signoffs",
  "certification_holdings",
  "promotions",
  "exam_settings",
  "metrics_settings",
  "exam_items",
  "exam_item_stats",
  "exam_attempts",
  "exam_attempt_items",
  "exam_item_flags",
  "exam_review_cards",
  "certification_exam_records",
  "domain_events",
  "training_programs",
  "training_modules",
  "training_catalog_state",
  "training_assignments",
  "training_starts",
  "training_completions",
  "training_module_completions",
  "training_completion_reports",
  "ce_settings",
  "ce_imports",
  "ce_records",
  "evaluation_templates",
  "evaluations",
  "kpi_definitions",
  "kpi_values",
  "kpi_imports",
  "kpi_import_figures",
  "mentor_pairings",
  "mentoring_sessions",
  "incentive_rules",
  "incentive_cursors",
  "incentive_grants",
  "reimbursement_requests",
  "rotation_stations",
  "rotation_shifts",
  "rotation_demand",
  "rotation_site_state",
  "rotation_availability",
  "rotation_leave_requests",
  "rotation_plans",
  "rotation_assignments",
  "rotation_calendar_feeds",
  "notifications",
  "notification_preferences",
  "email_outbox",
] as const;
export const EPHEMERAL_TABLES = ["sessions", "login_attempts", "password_resets", "jobs"] as const;
const FORMAT = "rxladder-backup";
const BATCH = 1000;
/** Rows read at a time from tables that carry files (up to 10 MB each), so a backup never holds many in memory. */
const FILE_BATCH = 10;
const FILE_TABLES: readonly string[] = ["evidence_files"];
/** A restore sends its rows in statements of at most this many rows or this much JSON. */
const RESTORE_ROWS = 500;
const RESTORE_BYTES = 16 * 1024 * 1024;

interface Header {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  migrations: string[];
}

/** Binary columns travel as base64 in the JSON lines. */
function encodeValue(value: unknown, dataType: string): unknown {
  if (value === null || value === undefined) return null;
  if (dataType === "bytea") return Buffer.from(value as Uint8Array).toString("base64");
  return value;
}

function decodeValue(value: unknown, dataType: string | undefined): unknown {
  if (value === null) return null;
  if (dataType === "bytea") return Buffer.from(value as string, "base64");
  if (dataType === "jsonb" || dataType === "json") return JSON.stringify(value);
  return value;
}

async function columnsOf(db: Db, table: string) {
  const result = await sql<{ column_name: string; data_type: string }>`
    SELECT column_name, data_type FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(db);
  return result.rows;
}

/**
 * A logical backup, the same for the embedded and the server database: gzipped JSON lines,
 * a header with the schema version, then each table's columns and rows. It can be restored
 * into either kind, which also moves an embedded install onto a PostgreSQL server.
 */
export async function backupDatabase(db: Db, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // One snapshot for all tables, so the backup is consistent while the server keeps writing.
  await db.transaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute(async (tx) => {
    await pipeline(Readable.from(backupLines(tx as unknown as Db, counts)), createGzip(), createWriteStream(file));
  });
  return counts;
}

async function* backupLines(db: Db, counts: Record<string, number>) {
  const applied = (await db.selectFrom("schema_migrations").select("name").orderBy("name").execute()).map((r) => r.name);
  {
    const header: Header = { format: FORMAT, version: 1, createdAt: new Date().toISOString(), migrations: applied };
    yield JSON.stringify(header) + "\n";
    for (const table of BACKUP_TABLES) {
      const columns = await columnsOf(db, table);
      yield JSON.stringify({ table, columns: columns.map((c) => c.column_name) }) + "\n";
      counts[table] = 0;
      const batch = FILE_TABLES.includes(table) ? FILE_BATCH : BATCH;
      let offset = 0;
      for (;;) {
        const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY 1, 2 LIMIT ${batch} OFFSET ${offset}`.execute(db);
        for (const row of rows.rows) yield JSON.stringify(columns.map((c) => encodeValue(row[c.column_name], c.data_type))) + "\n";
        counts[table] += rows.rows.length;
        if (rows.rows.length < batch) break;
        offset += batch;
      }
    }
  }
}

/** Replaces every row with the backup's, in one transaction. The database must be at the backup's schema version. */
export async function restoreDatabase(db: Db, file: string): Promise<Record<string, number>> {
  const input = readline.createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next().catch(() => ({ done: true, value: "" }));
  let header: Header | undefined;
  try {
    header = first.done ? undefined : JSON.parse(first.value);
  } catch {
    header = undefined;
  }
  if (!header || header.format !== FORMAT) throw new AppError("BACKUP_INVALID", `${file} is not an Rx Ladder backup`);
  const known = listMigrations().map((m) => m.name);
  const missing = header.migrations.filter((m) => !known.includes(m));
  if (missing.length) throw new AppError("BACKUP_INVALID", `The backup comes from a newer version (migrations ${missing.join(", ")}); upgrade Rx Ladder first`);
  const applied = (await db.selectFrom("schema_migrations").select("name").execute()).map((r) => r.name);
  if (applied.length !== header.migrations.length) {
    throw new AppError("BACKUP_INVALID", `The database has ${applied.length} migrations applied and the backup ${header.migrations.length}; restore into a database at the same version`);
  }

  const counts: Record<string, number> = {};
  await db.transaction().execute(async (tx) => {
    await sql.raw(`TRUNCATE ${[...BACKUP_TABLES, ...EPHEMERAL_TABLES].join(", ")} CASCADE`).execute(tx);
    let table = "";
    let columns: string[] = [];
    let types = new Map<string, string>();
    let batch: unknown[][] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (!batch.length) return;
      const columnTypes = columns.map((c) => types.get(c));
      const values = batch.map((row) => sql`(${sql.join(row.map((v, i) => decodeValue(v, columnTypes[i])))})`);
      await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) VALUES ${sql.join(values)}`.execute(tx);
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
      batchBytes = 0;
    };
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!next.value) continue;
      const parsed = JSON.parse(next.value);
      if (Array.isArray(parsed)) {
        batch.push(parsed);
        batchBytes += next.value.length;
        if (batch.length >= RESTORE_ROWS || batchBytes >= RESTORE_BYTES) await flush();
        continue;
      }
      await flush();
      if (!(BACKUP_TABLES as readonly string[]).includes(parsed.table)) throw new AppError("BACKUP_INVALID", `unknown table ${parsed.table} in backup`);
      table = parsed.table;
      columns = parsed.columns;
      types = new Map((await columnsOf(tx as unknown as Db, table)).map((c) => [c.column_name, c.data_type]));
      counts[table] = 0;
    }
    await flush();
    // Serial ids and framework revisions continue after the restored rows.
    for (const [t, column] of [["audit_log", "id"], ["login_attempts", "id"], ["ladder_frameworks", "revision"]] as const) {
      await sql`SELECT setval(pg_get_serial_sequence(${t}, ${column}), coalesce((SELECT max(${sql.ref(column)}) FROM ${sql.table(t)}), 0) + 1, false)`.execute(tx);
    }
  });
  return counts;
}
