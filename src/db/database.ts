import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
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

/**
 * Marks a hot statement to be prepared once per connection: `sql\`${PREPARED("exam-answers")} SELECT …\``.
 * On a PostgreSQL server the statement is then parsed and planned once per pooled connection
 * instead of on every execution (for a small write, parsing and planning cost more than running it);
 * the embedded database runs it as any other. Only for statements whose text never varies with their
 * parameters (arrays rather than value lists), since each distinct text is kept on every connection.
 */
export const PREPARED = (name: string) => sql.raw(`/* prepare: ${name} */`);
const PREPARED_PREFIX = "/* prepare: ";

/** A pool whose clients run statements marked with `PREPARED` as named prepared statements. */
function preparingPool(pool: pg.Pool): pg.Pool {
  const prepared = new WeakSet<pg.PoolClient>();
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property !== "connect") return Reflect.get(target, property, receiver);
      return async (...args: unknown[]) => {
        // The callback form (used inside pg itself) is left as it is.
        if (args.length > 0) return (target.connect as (...a: unknown[]) => unknown)(...args);
        const client = await target.connect();
        if (!prepared.has(client)) {
          prepared.add(client);
          // Plan a prepared statement once, for any parameters: planning per execution is what preparing saves.
          // Only named statements have a plan cache, so nothing else on the connection changes.
          await client.query("SET plan_cache_mode = force_generic_plan");
          const query = client.query.bind(client) as (...args: unknown[]) => unknown;
          client.query = ((...args: unknown[]) => {
            const [text, values] = args;
            if (args.length <= 2 && typeof text === "string" && text.startsWith(PREPARED_PREFIX)) {
              return query({ name: `rxl_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`, text, values });
            }
            return query(...args);
          }) as typeof client.query;
        }
        return client;
      };
    },
  });
}

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openServer(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir ?? "./data", options.lock ?? true, options.loadDataDir);
}

async function openServer(url: string, poolSize: number): Promise<DatabaseHandle> {
  // Connections stay open once made (`min` at the pool's size: the idle timeout never closes one).
  // Closed after 10 s idle, as by default, a server that had a quiet spell met its next burst with new
  // backends, whose first statements are parsed, planned and given catalog caches afresh: at 500
  // answers/s after a pause the first second's answers waited up to 200 ms, and the p99 of the 20 s
  // run was three to four times what it is with the connections kept (bench/README.md, exam-answers).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, min: poolSize });
  // An idle connection dropped by the server (restart, failover) must not take the process down;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
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
