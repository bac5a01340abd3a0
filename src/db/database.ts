import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import fs from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DatabaseKind = "embedded" | "postgres";

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** Where the data lives: the data folder, or the server URL without its password. */
  location: string;
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded database. */
  databaseUrl?: string;
  /** Folder for the embedded database; "memory" keeps it in memory (tests). */
  dataDir?: string;
  /** Embedded only: refuse when another process holds the folder (the default). */
  lock?: boolean;
  poolSize?: number;
  /** Embedded only: start from a dumped data folder (tests start from a migrated template). */
  loadDataDir?: Blob;
}

// Dates stay strings (no time-zone drift through JS Date); bigint counts and numerics become numbers.
const identity = (value: string) => value;
const toNumber = (value: string) => Number(value);
pg.types.setTypeParser(pg.types.builtins.DATE, identity);
pg.types.setTypeParser(pg.types.builtins.INT8, toNumber);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, toNumber);

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir ?? "./data", options.lock ?? true, options.loadDataDir);
}

async function openServer(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (restart, failover) must not take the process down;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: "postgres",
    location: redactUrl(url),
    close: () => db.destroy(),
  };
}

async function openEmbedded(dataDir: string, lock: boolean, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let held: DataDirLock | undefined;
  let pglite: PGlite;
  const parsers = {
    [pgliteTypes.DATE]: identity,
    [pgliteTypes.INT8]: toNumber,
    [pgliteTypes.NUMERIC]: toNumber,
  };
  if (dataDir === "memory") {
    pglite = await PGlite.create({ parsers, ...(loadDataDir ? { loadDataDir } : {}) });
  } else {
    const folder = path.resolve(dataDir);
    fs.mkdirSync(folder, { recursive: true });
    if (lock) held = acquireDataDirLock(folder);
    try {
      pglite = await PGlite.create({ dataDir: path.join(folder, "pgdata"), parsers });
    } catch (error) {
      held?.release();
      throw error;
    }
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: "embedded",
    location: dataDir === "memory" ? "memory" : path.resolve(dataDir),
    pglite,
    close: async () => {
      await db.destroy();
      held?.release();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return "postgres";
  }
}
