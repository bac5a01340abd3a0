import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { Db } from "../../src/db/database.ts";
import type { AuditActor } from "../../src/modules/audit/index.ts";
import { createOrganization } from "../../src/modules/orgs/index.ts";
import { createSite, importRoster, ROSTER_COLUMNS, type ImportResult } from "../../src/modules/roster/index.ts";
import { figure, median, seconds, type Benchmark, type BenchContext } from "../harness.ts";
import { CACHE_DIR, cachedRosterCsv, type SyntheticOrganization, type SyntheticOrgOptions } from "../synthetic-org.ts";
import { COLLECT_EVERY_MS, measureImportMemory } from "./import-memory.ts";

const ORG: Partial<SyntheticOrgOptions> = { technicians: 50_000, sites: 2_000, years: 5, seed: 42 };
/** The smaller roster the memory figure compares against: a fifth of the rows, same site density. */
const SMALL_ORG: Partial<SyntheticOrgOptions> = { technicians: 10_000, sites: 400, years: 5, seed: 42 };
/** Timed runs of each kind after one warm-up; figures are medians. BENCH_RUNS overrides. */
export const RUNS = Number(process.env.BENCH_RUNS ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`BENCH_RUNS must be a whole number ≥ 1, not "${process.env.BENCH_RUNS}"`);
const MB = 1024 * 1024;

// The roster's columns as a plain table: same types, no keys, indexes or constraints.
const PLAIN_TABLE = `CREATE TABLE roster_copy (
  employee_id text, first_name text, last_name text, email text, site text, hire_date date,
  role text, phone text, status text, separation_date date, separation_type text, separation_reason text)`;

/**
 * The rows one import writes, by table, for the second baseline: COPY of exactly those rows into
 * the real tables, with their keys, indexes, foreign keys and checks. Columns left out (ids of
 * events and entries) take their defaults, as they do in the import.
 */
const IMPORT_WRITES = [
  { table: "people", columns: "*", where: "org_id = $org" },
  {
    table: "employment_events",
    columns: "org_id, person_id, kind, effective_date, site_id, from_site_id, separation_type, reason_code, note, created_at",
    where: "org_id = $org",
  },
  { table: "manager_sites", columns: "person_id, site_id", where: "person_id IN (SELECT id FROM people WHERE org_id = $org)" },
  {
    table: "audit_log",
    columns: "org_id, seq, at, actor_id, actor_label, entity_type, entity_id, action, before, after, prev_hash, hash",
    where: "org_id = $org AND entity_type = 'person'",
  },
] as const;
/** What must exist before those rows go in: the organization and its sites. */
const IMPORT_PREREQUISITES = [
  { table: "organizations", columns: "*", where: "id = $org" },
  { table: "sites", columns: "*", where: "org_id = $org" },
] as const;

type TableDump = { table: string; columns: string; where: string };

/** An empty database apart from the schema, so every run starts from the same state. */
export async function resetData(db: Db): Promise<void> {
  await sql`TRUNCATE organizations CASCADE`.execute(db);
  await sql`DROP TABLE IF EXISTS roster_copy`.execute(db);
}

/** Writes dirty pages out now, so a checkpoint does not land inside a timed run. */
export async function checkpoint(db: Db): Promise<void> {
  await sql`CHECKPOINT`.execute(db).catch(() => {}); // needs superuser or pg_checkpoint; without it timings are only noisier
}

export async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createOrganizationWithSites(db: Db, org: SyntheticOrganization, slug: string, now: Date): Promise<AuditActor> {
  return db.transaction().execute(async (tx) => {
    const organization = await createOrganization(tx, { slug, name: `Synthetic Pharmacy Group (${slug})` }, now);
    const actor: AuditActor = { orgId: organization.id, personId: null, label: "benchmark" };
    for (const site of org.sites) await createSite(tx, actor, site, now);
    return actor;
  });
}

async function copyIntoPlainTable(databaseUrl: string, file: string, rows: number): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    await client.query(PLAIN_TABLE);
    const copy = `COPY roster_copy (${ROSTER_COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT csv, HEADER true)`;
    const timed = await seconds(() => pipeline(fs.createReadStream(file), client.query(copyFrom(copy))));
    const { rows: counted } = await client.query<{ n: string }>("SELECT count(*) AS n FROM roster_copy");
    if (Number(counted[0].n) !== rows) throw new Error(`COPY loaded ${counted[0].n} rows, expected ${rows}`);
    await client.query("DROP TABLE roster_copy");
    return timed.seconds;
  });
}

function dumpFile(dir: string, table: string): string {
  return path.join(dir, `${table}.csv`);
}

function selectOf(dump: TableDump, orgId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(orgId)) throw new Error(`not a uuid: ${orgId}`);
  return `SELECT ${dump.columns} FROM ${dump.table} WHERE ${dump.where.replaceAll("$org", `'${orgId}'`)}`;
}

async function dumpTables(databaseUrl: string, dir: string, orgId: string, dumps: readonly TableDump[]): Promise<Record<string, number>> {
  fs.mkdirSync(dir, { recursive: true });
  return withClient(databaseUrl, async (client) => {
    const counts: Record<string, number> = {};
    for (const dump of dumps) {
      const stream = client.query(copyTo(`COPY (${selectOf(dump, orgId)}) TO STDOUT WITH (FORMAT csv)`));
      await pipeline(stream, fs.createWriteStream(dumpFile(dir, dump.table)));
      counts[dump.table] = stream.rowCount;
    }
    return counts;
  });
}

async function loadTables(client: pg.Client, dir: string, dumps: readonly TableDump[]): Promise<void> {
  for (const dump of dumps) {
    const columns = dump.columns === "*" ? "" : ` (${dump.columns})`;
    await pipeline(fs.createReadStream(dumpFile(dir, dump.table)), client.query(copyFrom(`COPY ${dump.table}${columns} FROM STDIN WITH (FORMAT csv)`)));
  }
}

/** COPY of one import's writes into the real tables, in one transaction, as the import commits them. */
async function copyImportWrites(db: Db, databaseUrl: string, dir: string): Promise<number> {
  await resetData(db);
  return withClient(databaseUrl, async (client) => {
    await loadTables(client, dir, IMPORT_PREREQUISITES);
    await checkpoint(db);
    const timed = await seconds(async () => {
      await client.query("BEGIN");
      await loadTables(client, dir, IMPORT_WRITES);
      await client.query("COMMIT");
    });
    return timed.seconds;
  });
}

async function importFile(db: Db, actor: AuditActor, file: string, now: Date) {
  return seconds(() => importRoster(db, actor, fs.createReadStream(file), { fileName: path.basename(file) }, now));
}

function expectCounts(result: ImportResult, expected: Partial<ImportResult>): void {
  for (const [key, value] of Object.entries(expected)) {
    const actual = result[key as keyof ImportResult];
    if (actual !== value) throw new Error(`import ${key}: ${actual}, expected ${value}`);
  }
}

const runLabel = (run: number) => (run === 0 ? "warm-up" : `run ${run}/${RUNS}`);
const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

export const rosterImport: Benchmark = {
  name: "roster-import",
  description: `importRoster of a ${thousands(ORG.technicians!)}-row synthetic roster, against COPY FROM STDIN`,
  async run({ handle, databaseUrl, log }: BenchContext) {
    const { db } = handle;
    const { org, file, bytes, generated } = await cachedRosterCsv(ORG);
    const small = await cachedRosterCsv(SMALL_ORG);
    log(`${generated ? "generated" : "cached"} ${path.relative(process.cwd(), file)} (${(bytes / MB).toFixed(1)} MB)`);
    const rows = org.options.technicians;
    // The roster's own date, so employment events dated "today" are the same in every run.
    const now = new Date(`${org.options.asOf}T17:00:00Z`);

    const plainCopy: number[] = [];
    const creates: number[] = [];
    let actor: AuditActor | undefined;
    let setupSeconds = 0;
    for (let run = 0; run <= RUNS; run++) {
      await resetData(db);
      await checkpoint(db);
      const copySeconds = await copyIntoPlainTable(databaseUrl, file, rows);
      const setup = await seconds(() => createOrganizationWithSites(db, org, `bench-${run}`, now));
      setupSeconds = setup.seconds;
      actor = setup.result;
      await checkpoint(db);
      const timed = await importFile(db, actor, file, now);
      expectCounts(timed.result, { rows, created: rows, updated: 0, unchanged: 0 });
      log(`${runLabel(run)}: COPY ${copySeconds.toFixed(3)} s; import ${timed.seconds.toFixed(2)} s`);
      if (run === 0) continue;
      plainCopy.push(copySeconds);
      creates.push(timed.seconds);
    }

    const reimports: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      await checkpoint(db);
      const timed = await importFile(db, actor!, file, now);
      expectCounts(timed.result, { rows, created: 0, updated: 0, unchanged: rows });
      log(`re-import ${runLabel(run)}: ${timed.seconds.toFixed(2)} s`);
      if (run > 0) reimports.push(timed.seconds);
    }

    const dumpDir = path.join(CACHE_DIR, `import-writes-${process.pid}`);
    const writesCopy: number[] = [];
    let written: Record<string, number>;
    try {
      await dumpTables(databaseUrl, dumpDir, actor!.orgId, IMPORT_PREREQUISITES);
      written = await dumpTables(databaseUrl, dumpDir, actor!.orgId, IMPORT_WRITES);
      for (let run = 0; run <= RUNS; run++) {
        const elapsed = await copyImportWrites(db, databaseUrl, dumpDir);
        log(`COPY of the import's writes ${runLabel(run)}: ${elapsed.toFixed(2)} s`);
        if (run > 0) writesCopy.push(elapsed);
      }
    } finally {
      fs.rmSync(dumpDir, { recursive: true, force: true });
    }
    await resetData(db);

    const memorySmall = await measureImportMemory("import", databaseUrl, SMALL_ORG, "bench-memory-small");
    const memoryLarge = await measureImportMemory("import", databaseUrl, ORG, "bench-memory-large");
    const memoryHeld = await measureImportMemory("hold", databaseUrl, ORG, "");
    const mb = (m: { growthBytes: number }) => `+${(m.growthBytes / MB).toFixed(1)} MB`;
    log(`peak RSS growth: import ${thousands(memorySmall.rows)} rows ${mb(memorySmall)}, ${thousands(memoryLarge.rows)} rows ${mb(memoryLarge)}; ${thousands(memoryHeld.rows)} parsed rows held ${mb(memoryHeld)}`);
    await resetData(db);

    const copy = median(plainCopy);
    const writes = median(writesCopy);
    const create = median(creates);
    const reimport = median(reimports);
    const perSecond = (s: number) => `${thousands(rows / s)} rows/s`;
    const runsNote = `median of ${RUNS} after a warm-up`;
    const writesList = `${thousands(written.people)} people, ${thousands(written.employment_events)} employment events, ${thousands(written.audit_log)} audit entries, ${thousands(written.manager_sites)} manager sites`;
    return [
      figure({
        name: `COPY FROM STDIN, ${thousands(rows)} roster rows, plain table`,
        value: copy,
        unit: "s",
        baseline: null,
        samples: plainCopy,
        notes: `${runsNote}; the roster CSV into a table with its columns and no keys, indexes or constraints; ${perSecond(copy)}`,
      }),
      figure({
        name: `roster import, ${thousands(rows)} new people`,
        value: create,
        unit: "s",
        baseline: copy,
        baselineName: "plain COPY",
        goal: 2,
        samples: creates,
        notes:
          `${runsNote}, each into a fresh organization with ${thousands(org.sites.length)} sites (set up untimed, ${setupSeconds.toFixed(1)} s); ` +
          `importRoster in one transaction: parse, validate, write ${writesList}; ${perSecond(create)}`,
      }),
      figure({
        name: "COPY of the same import's writes, real tables",
        value: writes,
        unit: "s",
        baseline: copy,
        baselineName: "plain COPY",
        samples: writesCopy,
        notes:
          `${runsNote}; the ${writesList} one import wrote, COPY'd back in one transaction into the real tables with their keys, indexes, ` +
          "foreign keys and checks: what this schema costs before any application code runs",
      }),
      figure({
        name: `roster import over COPY of its writes`,
        value: create,
        unit: "s",
        baseline: writes,
        baselineName: "COPY of its writes",
        samples: creates,
        notes: "the import's own cost (parsing, validation, lookups, audit hashing, statement building, round trips) on top of what the schema costs",
      }),
      figure({
        name: `roster re-import, ${thousands(rows)} unchanged people`,
        value: reimport,
        unit: "s",
        baseline: copy,
        baselineName: "plain COPY",
        samples: reimports,
        notes: `${runsNote}; the same file again into the same organization: every row looked up by employee_id and e-mail and compared, nothing written but the import record; ${perSecond(reimport)}`,
      }),
      figure({
        name: `roster import, peak RSS growth, ${thousands(rows)} rows`,
        value: memoryLarge.growthBytes / MB,
        unit: "MB",
        baseline: memoryHeld.growthBytes / MB,
        baselineName: "parsed file held",
        notes:
          `each in a fresh process: resident memory above its level just before, with a full GC every ${COLLECT_EVERY_MS} ms so the peak ` +
          `follows live data rather than when V8 chose to collect. Baseline: parsing the same ${(bytes / MB).toFixed(1)} MB file into an array of records, ` +
          `as an import that did not stream would; a ratio well below 1 means the file is streamed. The import of ${thousands(memorySmall.rows)} rows: ` +
          `${mb(memorySmall)}. What does grow with the file is the set of employee ids and e-mails seen, kept to report duplicates`,
      }),
    ];
  },
};
