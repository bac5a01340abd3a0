import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "../../src/db/database.ts";
import type { AuditActor } from "../../src/modules/audit/index.ts";
import { createOrganization } from "../../src/modules/orgs/index.ts";
import { createSite, importRoster, ROSTER_COLUMNS, type ImportResult } from "../../src/modules/roster/index.ts";
import { figure, median, peakRssGrowth, seconds, type Benchmark, type BenchContext } from "../harness.ts";
import { cachedRosterCsv, type SyntheticOrganization } from "../synthetic-org.ts";

const ORG = { technicians: 50_000, sites: 2_000, years: 5, seed: 42 };
/** Timed runs of each kind after one warm-up; the median is reported. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MB = 1024 * 1024;

// The roster columns as a plain table: same types, no keys, indexes or constraints.
const COPY_TABLE = `CREATE TABLE roster_copy (
  employee_id text, first_name text, last_name text, email text, site text, hire_date date,
  role text, phone text, status text, separation_date date, separation_type text, separation_reason text)`;

/** An empty database apart from the schema, so every run starts from the same state. */
async function resetData(db: Db): Promise<void> {
  await sql`TRUNCATE organizations CASCADE`.execute(db);
  await sql`DROP TABLE IF EXISTS roster_copy`.execute(db);
}

/** Flushes dirty pages now, so a checkpoint does not land inside a timed run. */
async function checkpoint(db: Db): Promise<void> {
  await sql`CHECKPOINT`.execute(db).catch(() => {}); // needs superuser or pg_checkpoint; timing is only noisier without it
}

async function createOrganizationWithSites(db: Db, org: SyntheticOrganization, run: string, now: Date): Promise<AuditActor> {
  return db.transaction().execute(async (tx) => {
    const organization = await createOrganization(tx, { slug: `bench-${run}`, name: `Synthetic Pharmacy Group (${run})` }, now);
    const actor: AuditActor = { orgId: organization.id, personId: null, label: "benchmark" };
    for (const site of org.sites) await createSite(tx, actor, site, now);
    return actor;
  });
}

async function copyRoster(databaseUrl: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(COPY_TABLE);
    const { seconds: elapsed } = await seconds(() =>
      pipeline(fs.createReadStream(file), client.query(copyFrom(`COPY roster_copy (${ROSTER_COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT csv, HEADER true)`))),
    );
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM roster_copy");
    if (Number(rows[0].n) !== ORG.technicians) throw new Error(`COPY loaded ${rows[0].n} rows, expected ${ORG.technicians}`);
    await client.query("DROP TABLE roster_copy");
    return elapsed;
  } finally {
    await client.end();
  }
}

async function importFile(db: Db, actor: AuditActor, file: string, now: Date) {
  return seconds(() => importRoster(db, actor, fs.createReadStream(file), { fileName: "synthetic-roster.csv" }, now));
}

function expectCounts(result: ImportResult, expected: Partial<ImportResult>): void {
  for (const [key, value] of Object.entries(expected)) {
    if (result[key as keyof ImportResult] !== value) throw new Error(`import ${key}: ${result[key as keyof ImportResult]}, expected ${value}`);
  }
}

async function countWrites(db: Db, orgId: string) {
  const { rows } = await sql<{ people: number; events: number; audits: number; managers: number }>`
    SELECT (SELECT count(*) FROM people WHERE org_id = ${orgId}) AS people,
           (SELECT count(*) FROM employment_events WHERE org_id = ${orgId}) AS events,
           (SELECT count(*) FROM audit_log WHERE org_id = ${orgId} AND entity_type = 'person') AS audits,
           (SELECT count(*) FROM manager_sites ms JOIN people p ON p.id = ms.person_id WHERE p.org_id = ${orgId}) AS managers`.execute(db);
  return rows[0];
}

export const rosterImport: Benchmark = {
  name: "roster-import",
  description: `importRoster of a ${ORG.technicians.toLocaleString("en-US")}-row synthetic roster against COPY FROM STDIN of the same file`,
  async run({ handle, databaseUrl, log }: BenchContext) {
    const { db } = handle;
    const { org, file, bytes, generated } = await cachedRosterCsv(ORG);
    log(`${generated ? "generated" : "cached"} roster ${file} (${(bytes / MB).toFixed(1)} MB)`);
    const rows = ORG.technicians;
    const now = new Date(`${org.options.asOf}T17:00:00Z`);

    const copyTimes: number[] = [];
    const importTimes: number[] = [];
    const rssGrowth: number[] = [];
    let actor: AuditActor | undefined;
    let setupSeconds = 0;
    for (let run = 0; run <= RUNS; run++) {
      const label = run === 0 ? "warm-up" : `run ${run}/${RUNS}`;
      await resetData(db);
      await checkpoint(db);
      const copySeconds = await copyRoster(databaseUrl, file);
      const setup = await seconds(() => createOrganizationWithSites(db, org, `r${run}`, now));
      setupSeconds = setup.seconds;
      actor = setup.result;
      await checkpoint(db);
      const { growthBytes, result: timed } = await peakRssGrowth(() => importFile(db, actor!, file, now));
      expectCounts(timed.result, { rows, created: rows, updated: 0, unchanged: 0 });
      log(`${label}: COPY ${copySeconds.toFixed(2)} s; import ${timed.seconds.toFixed(2)} s (peak RSS +${(growthBytes / MB).toFixed(0)} MB)`);
      rssGrowth.push(growthBytes / MB);
      if (run === 0) continue;
      copyTimes.push(copySeconds);
      importTimes.push(timed.seconds);
    }
    const writes = await countWrites(db, actor!.orgId);

    const reimportTimes: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      await checkpoint(db);
      const timed = await importFile(db, actor!, file, now);
      expectCounts(timed.result, { rows, created: 0, updated: 0, unchanged: rows });
      log(`re-import ${run === 0 ? "warm-up" : `run ${run}/${RUNS}`}: ${timed.seconds.toFixed(2)} s`);
      if (run > 0) reimportTimes.push(timed.seconds);
    }
    await resetData(db);

    const copy = median(copyTimes);
    const importSeconds = median(importTimes);
    const reimport = median(reimportTimes);
    const perSecond = (s: number) => `${Math.round(rows / s).toLocaleString("en-US")} rows/s`;
    const runsNote = `median of ${RUNS} runs after a warm-up`;
    return [
      figure({
        name: `COPY FROM STDIN, ${rows.toLocaleString("en-US")} rows (baseline)`,
        value: copy,
        unit: "s",
        baseline: null,
        samples: copyTimes,
        notes: `${runsNote}; CSV into a plain table with the roster's columns, no keys or indexes; ${perSecond(copy)}`,
      }),
      figure({
        name: `roster import, ${rows.toLocaleString("en-US")} new people`,
        value: importSeconds,
        unit: "s",
        baseline: copy,
        baselineName: "COPY",
        goal: 2,
        samples: importTimes,
        notes:
          `${runsNote}, each into a fresh organization with ${org.sites.length} sites; ${perSecond(importSeconds)}; ` +
          `one transaction writing ${writes.people} people, ${writes.events} employment events, ${writes.audits} audit entries, ${writes.managers} manager sites ` +
          `(organization and sites set up untimed in ${setupSeconds.toFixed(1)} s)`,
      }),
      figure({
        name: `roster re-import, same ${rows.toLocaleString("en-US")} rows unchanged`,
        value: reimport,
        unit: "s",
        baseline: copy,
        baselineName: "COPY",
        samples: reimportTimes,
        notes: `${runsNote}; the same file into the same organization: every row matched on employee_id and compared; nothing written but the import record; ${perSecond(reimport)}`,
      }),
      figure({
        name: "roster import, peak RSS growth",
        value: Math.max(...rssGrowth),
        unit: "MB",
        baseline: bytes / MB,
        baselineName: "CSV file size",
        samples: rssGrowth,
        notes: "largest over the warm-up and timed imports of resident memory above its level just before the import (after a full GC); the import keeps the employee ids and e-mails seen so far (for duplicate checks) and one batch of 1,000 rows",
      }),
    ];
  },
};
