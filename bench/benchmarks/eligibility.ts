import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Db } from "../../src/db/database.ts";
import { loadConfig } from "../../src/lib/config.ts";
import { createMailer } from "../../src/lib/mailer.ts";
import { hashPassword } from "../../src/modules/auth/index.ts";
import { getPublishedFramework } from "../../src/modules/ladder/framework.queries.ts";
import type { LevelDef } from "../../src/modules/ladder/framework.types.ts";
import { organizationEligibility } from "../../src/modules/ladder/ladder-views.ts";
import { loadPersonFacts } from "../../src/modules/ladder/person-facts.ts";
import { importRoster } from "../../src/modules/roster/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { SESSION_COOKIE } from "../../src/server/context.ts";
import { describeLoad, figure, load, median, seconds, settleMemory, waitUntilIdle, type Benchmark, type BenchContext } from "../harness.ts";
import { cachedRosterCsv, type SyntheticOrgOptions } from "../synthetic-org.ts";
import { checkpoint, createOrganizationWithSites, resetData, RUNS, withClient } from "./roster-import.ts";

const ORG: Partial<SyntheticOrgOptions> = { technicians: 50_000, sites: 2_000, years: 5, seed: 42 };
/** Absolute goal for the org-wide pass, in seconds, on the 2-core benchmark machine. */
const GOAL_SECONDS = 5;
/** Ratio goal against one SQL pass over the same rows. */
const GOAL_RATIO = 1.5;
/** HTTP load: connections and seconds per autocannon run (loopback only). */
const LOAD = { connections: 10, seconds: 15, warmUpSeconds: 3 };
const PASSWORD = "bench-manager-password";

// ---------------------------------------------------------------------------------------------
// Placement on the core ladder, set-based. Every choice is a hash of the employee id (stable from
// run to run, unlike the generated uuids), through md5, so the same people get the same history.

/** A number in [0, 1) from md5 of the text; session-local, so nothing is left in the schema. */
const UNIT_FUNCTION = `CREATE OR REPLACE FUNCTION pg_temp.unit(text) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ('x' || substr(md5($1), 1, 8))::bit(32)::bigint / 4294967296.0 $$`;

/**
 * One row per technician or mentor who has not left: the dates they reached Tech II, Tech III
 * and Lead by a tenure schedule (mentors faster, and at least Tech III), their current rank, the
 * pharmacist who signs their competencies (their site's first pharmacist, or one of the
 * organization's for the sites without one) and how far they are into the next level.
 */
const PLACEMENT = `CREATE TEMP TABLE bench_placed AS
WITH base AS (
  SELECT p.id, p.employee_id AS emp, p.site_id, p.hire_date, p.role, s.state,
         pg_temp.unit(p.employee_id || ':m2') AS u2, pg_temp.unit(p.employee_id || ':m3') AS u3, pg_temp.unit(p.employee_id || ':m4') AS u4
  FROM people p JOIN sites s ON s.id = p.site_id
  WHERE p.org_id = $1 AND p.status <> 'separated' AND p.role IN ('technician', 'mentor')
),
own AS (
  SELECT DISTINCT ON (site_id) site_id, id FROM people
  WHERE org_id = $1 AND role = 'pharmacist' AND status <> 'separated'
  ORDER BY site_id, employee_id
),
pool AS (
  SELECT id, (row_number() OVER (ORDER BY employee_id) - 1)::int AS n, count(*) OVER ()::int AS total FROM people
  WHERE org_id = $1 AND role = 'pharmacist' AND status <> 'separated'
),
assessor AS MATERIALIZED (
  SELECT s.id AS site_id,
         coalesce(own.id, (SELECT pool.id FROM pool WHERE pool.n = floor(pg_temp.unit(s.code || ':assessor') * pool.total)::int)) AS assessor_id
  FROM sites s LEFT JOIN own ON own.site_id = s.id
  WHERE s.org_id = $1
)
SELECT b.id, b.emp, b.site_id, b.state, b.hire_date, d.d2, d.d3, d.d4,
       CASE WHEN b.role = 'mentor' THEN greatest(3, r.rank) ELSE r.rank END AS rank,
       a.assessor_id,
       least(1, 1.15 * pg_temp.unit(b.emp || ':progress')) AS progress
FROM base b
CROSS JOIN LATERAL (SELECT
    CASE WHEN b.role = 'mentor' THEN 6 + floor(6 * b.u2) ELSE 9 + floor(6 * b.u2) END::int AS m2,
    CASE WHEN b.role = 'mentor' THEN 10 + floor(3 * b.u3) ELSE 15 + floor(12 * b.u3) END::int AS g3,
    CASE WHEN b.role = 'mentor' THEN 12 + floor(24 * b.u4) ELSE 36 + floor(48 * b.u4) END::int AS g4) m
CROSS JOIN LATERAL (SELECT
    (b.hire_date + make_interval(months => m.m2))::date AS d2,
    (b.hire_date + make_interval(months => m.m2 + m.g3))::date AS d3,
    (b.hire_date + make_interval(months => m.m2 + m.g3 + m.g4))::date AS d4) d
CROSS JOIN LATERAL (SELECT 1 + (d.d2 <= $2::date)::int + (d.d3 <= $2::date)::int + (d.d4 <= $2::date)::int AS rank) r
JOIN assessor a ON a.site_id = b.site_id`;

/** The levels held, in order: each ends the day the next starts; the current one is open. */
const LEVELS = `INSERT INTO person_levels (org_id, person_id, track_code, level_code, started_on, ended_on, created_at)
SELECT $1, p.id, $2, ($3::text[])[k],
       (ARRAY[p.hire_date, p.d2, p.d3, p.d4])[k],
       CASE WHEN k < p.rank THEN (ARRAY[p.hire_date, p.d2, p.d3, p.d4])[k + 1] END,
       $4
FROM bench_placed p CROSS JOIN LATERAL generate_series(1, p.rank) AS k`;

/**
 * A credential renewed every 24 months since it was earned: the expiry after today, or for the
 * lapsed few the one before it. Earned on `earned`.
 */
const expiry = (earned: string, lapsed: string) => `(${earned} + make_interval(months => 24 * (
    (extract(year FROM age($2::date, ${earned})) * 12 + extract(month FROM age($2::date, ${earned})))::int / 24 + 1
    - CASE WHEN ${lapsed} AND $2::date - ${earned} > 800 THEN 1 ELSE 0 END)))::date`;

/**
 * State registration for everyone (a few of the newest still unverified, 2 % lapsed); national
 * certification (PTCB CPhT) earned before Tech II by everyone from Tech II up, and by a third of
 * the Tech I who have been here three months (3 % lapsed).
 */
const HOLDINGS = `INSERT INTO certification_holdings (org_id, person_id, certification_code, number, issuer, state, earned_on, expires_on,
    verification_status, verified_at, created_at, updated_at)
SELECT $1, c.id, c.code, c.number, c.issuer, c.state, c.earned, ${expiry("c.earned", "c.lapsed")},
       c.status, CASE WHEN c.status = 'verified' THEN $3::timestamptz END, $3, $3
FROM (
  SELECT p.id, 'state-registration' AS code, p.state || '-TR' || lpad((floor(pg_temp.unit(p.emp || ':reg') * 99999))::int::text, 5, '0') AS number,
         p.state || ' Board of Pharmacy' AS issuer, p.state::char(2) AS state,
         (p.hire_date - floor(60 * pg_temp.unit(p.emp || ':reg-earned'))::int) AS earned,
         pg_temp.unit(p.emp || ':reg-lapsed') < 0.02 AS lapsed,
         CASE WHEN $2::date - p.hire_date < 45 AND pg_temp.unit(p.emp || ':reg-verified') < 0.5 THEN 'unverified' ELSE 'verified' END AS status
  FROM bench_placed p
  UNION ALL
  SELECT p.id, 'ptcb-cpht', lpad((floor(pg_temp.unit(p.emp || ':cpht') * 999999))::int::text, 6, '0'), 'PTCB', NULL,
         CASE WHEN p.rank >= 2 THEN greatest(p.hire_date, p.d2 - (30 + floor(60 * pg_temp.unit(p.emp || ':cpht-earned'))::int))
              ELSE p.hire_date + 60 + floor(($2::date - p.hire_date - 60) * pg_temp.unit(p.emp || ':cpht-earned'))::int END,
         pg_temp.unit(p.emp || ':cpht-lapsed') < 0.03,
         'verified'
  FROM bench_placed p
  WHERE p.rank >= 2 OR ($2::date - p.hire_date >= 90 AND pg_temp.unit(p.emp || ':cpht') < 0.35)
) c`;

/**
 * Whole-competency sign-offs for one level ($2 = its rank), by the person's pharmacist:
 *  - everyone who reached the level has each of its competencies at the level's proficiency,
 *    signed while they held the level below (Tech I: in their first four months);
 *  - everyone one level below has the share of them their progress gives, signed since they
 *    reached their level, 15 % of those one proficiency short;
 *  - competencies with a validity period are re-evaluated two weeks before each expiry up to
 *    today, except that 15 % of people stopped at some point, so theirs have lapsed.
 */
const SIGNOFFS = `INSERT INTO competency_signoffs (org_id, person_id, competency_code, step_code, proficiency, assessor_id, assessor_role,
    signed_at, valid_until, evidence_note, signature, framework_version)
SELECT $1, x.id, x.code, NULL, x.proficiency, x.assessor_id, 'pharmacist', x.signed_at, x.valid_until, x.note,
       encode(sha256(convert_to(jsonb_build_object('assessorId', x.assessor_id, 'personId', x.id, 'competency', x.code, 'stepCode', NULL::text,
         'proficiency', x.proficiency, 'signedAt', x.signed_at, 'frameworkVersion', $6::int, 'validUntil', x.valid_until)::text, 'UTF8')), 'hex'),
       $6::int
FROM (
  SELECT p.id, p.assessor_id, c.code, f.proficiency,
         (d.signed_on + time '15:00' + make_interval(mins => floor(180 * pg_temp.unit(p.emp || ':' || c.code || ':' || n.n))::int)) AT TIME ZONE 'UTC' AS signed_at,
         CASE WHEN c.validity > 0 THEN (d.signed_on + make_interval(months => c.validity))::date END AS valid_until,
         CASE WHEN n.n = 0 THEN 'Observed during a regular shift' ELSE 'Re-evaluation before expiry' END AS note
  FROM bench_placed p
  CROSS JOIN unnest($3::text[], $4::int[], $5::int[]) AS c(code, min_proficiency, validity)
  CROSS JOIN LATERAL (SELECT p.rank >= $2::int AS held,
      (ARRAY[p.hire_date, p.d2, p.d3, p.d4])[greatest($2::int - 1, 1)] AS lo,
      CASE WHEN p.rank < $2::int THEN $7::date
           WHEN $2::int = 1 THEN least(p.hire_date + 120, $7::date)
           ELSE (ARRAY[p.hire_date, p.d2, p.d3, p.d4])[$2::int] - 1 END AS hi) w
  CROSS JOIN LATERAL (SELECT
      w.lo + floor(greatest(w.hi - w.lo, 0) * pg_temp.unit(p.emp || ':' || c.code || ':' || $2::int))::int AS first_on,
      CASE WHEN NOT w.held AND p.progress < 1 AND c.min_proficiency > 1 AND pg_temp.unit(p.emp || ':' || c.code || ':short') < 0.15
           THEN c.min_proficiency - 1 ELSE c.min_proficiency END AS proficiency) f
  CROSS JOIN LATERAL (SELECT CASE WHEN c.validity = 0 THEN 0 ELSE
      ((extract(year FROM age($7::date, f.first_on)) * 12 + extract(month FROM age($7::date, f.first_on)))::int / c.validity) END AS due) r
  CROSS JOIN LATERAL generate_series(0, CASE WHEN pg_temp.unit(p.emp || ':' || c.code || ':lapsed') < 0.15
      THEN floor(r.due * pg_temp.unit(p.emp || ':' || c.code || ':stopped'))::int ELSE r.due END) AS n(n)
  CROSS JOIN LATERAL (SELECT (f.first_on + make_interval(months => n.n * c.validity))::date - CASE WHEN n.n > 0 THEN 14 ELSE 0 END AS signed_on) d
  WHERE p.rank >= $2::int OR (p.rank = $2::int - 1 AND pg_temp.unit(p.emp || ':' || c.code || ':next') < p.progress)
) x`;

/** A few sign-offs revoked (0.3 %), each by a revocation entry pointing at it, as the application records them. */
const REVOCATIONS = `INSERT INTO competency_signoffs (org_id, person_id, competency_code, step_code, proficiency, assessor_id, assessor_role,
    signed_at, signature, framework_version, revokes_id, revocation_reason)
SELECT s.org_id, s.person_id, s.competency_code, s.step_code, NULL, s.assessor_id, 'pharmacist',
       least(s.signed_at + interval '2 days', $2::timestamptz),
       encode(sha256(convert_to('revokes ' || s.id::text, 'UTF8')), 'hex'), s.framework_version, s.id, 'Signed for the wrong person'
FROM competency_signoffs s JOIN bench_placed p ON p.id = s.person_id
WHERE s.org_id = $1 AND pg_temp.unit(p.emp || ':' || s.competency_code || ':' || (s.signed_at AT TIME ZONE 'UTC')::text || ':revoked') < 0.003`;

// ---------------------------------------------------------------------------------------------
// The baseline: the rows organizationEligibility reads, in one query, streamed to the client.

const BASELINE = `WITH p AS (
  SELECT p.id, p.employee_id, p.first_name, p.last_name, p.hire_date, s.code, s.time_zone
  FROM people p JOIN sites s ON s.id = p.site_id
  WHERE p.org_id = $1 AND p.status <> 'separated' AND p.role IN ('technician', 'mentor')
)
SELECT 'person' AS kind, p.id AS person_id, p.employee_id AS a, p.first_name AS b, p.last_name AS c, p.code AS d, p.time_zone AS e,
       p.hire_date::text AS f, NULL::smallint AS g
FROM p
UNION ALL
SELECT 'level', l.person_id, l.track_code, l.level_code, l.started_on::text, l.ended_on::text, NULL, NULL, NULL
FROM person_levels l JOIN p ON p.id = l.person_id WHERE l.org_id = $1
UNION ALL
SELECT 'certification', h.person_id, h.certification_code, h.earned_on::text, h.expires_on::text, h.verification_status, NULL, NULL, NULL
FROM certification_holdings h JOIN p ON p.id = h.person_id WHERE h.org_id = $1
UNION ALL
SELECT 'signoff', s.person_id, s.competency_code, s.step_code, (s.signed_at AT TIME ZONE 'UTC')::date::text, s.valid_until::text, NULL, NULL, s.proficiency
FROM competency_signoffs s JOIN p ON p.id = s.person_id
WHERE s.org_id = $1 AND s.revokes_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM competency_signoffs r WHERE r.revokes_id = s.id)`;

type RowCounts = Record<"person" | "level" | "certification" | "signoff", number>;

/** One pass: every row parsed into an object by the driver and counted; nothing kept, nothing evaluated. */
function streamBaseline(client: pg.Client, orgId: string): Promise<RowCounts> {
  return new Promise((resolve, reject) => {
    const counts: RowCounts = { person: 0, level: 0, certification: 0, signoff: 0 };
    const query = client.query(new pg.Query(BASELINE, [orgId]));
    query.on("row", (row: { kind: keyof RowCounts }) => {
      counts[row.kind]++;
    });
    query.on("error", reject);
    query.on("end", () => resolve(counts));
  });
}

// ---------------------------------------------------------------------------------------------
// Setup

interface Placement {
  orgId: string;
  people: number;
  byLevel: Record<string, number>;
  levels: number;
  holdings: number;
  signoffs: number;
  revocations: number;
  seconds: number;
}

export async function placeOnLadder(db: Db, databaseUrl: string, orgId: string, today: string, now: Date, log: (m: string) => void): Promise<Placement> {
  const { version, definition: framework } = await getPublishedFramework(db, orgId);
  const core = framework.tracks.find((t) => t.kind === "core")!;
  const levels: LevelDef[] = [...core.levels].sort((a, b) => a.rank - b.rank);
  if (levels.length !== 4) throw new Error(`the core track has ${levels.length} levels; the placement expects Tech I, II, III and Lead`);
  const validity = new Map(framework.competencies.map((c) => [c.code, c.validityMonths ?? 0]));

  return withClient(databaseUrl, async (client) => {
    const started = performance.now();
    const step = async (label: string, text: string, values: unknown[]) => {
      const timed = await seconds(() => client.query(text, values));
      log(`  ${label}: ${timed.result.rowCount?.toLocaleString("en-US")} rows, ${timed.seconds.toFixed(1)} s`);
      return timed.result.rowCount ?? 0;
    };
    await client.query("SET TimeZone = 'UTC'");
    await client.query(UNIT_FUNCTION);
    const people = await step("placement", PLACEMENT, [orgId, today]);
    await client.query("ANALYZE bench_placed");
    const levelRows = await step("person_levels", LEVELS, [orgId, core.code, levels.map((l) => l.code), now]);
    const holdings = await step("certification_holdings", HOLDINGS, [orgId, today, now]);
    let signoffs = 0;
    for (const level of levels) {
      const competencies = level.requirements.flatMap((r) => (r.kind === "competency" ? [r] : []));
      signoffs += await step(`competency_signoffs, ${level.name}`, SIGNOFFS, [
        orgId,
        level.rank,
        competencies.map((c) => c.competency),
        competencies.map((c) => c.minProficiency),
        competencies.map((c) => validity.get(c.competency) ?? 0),
        version,
        today,
      ]);
    }
    const revocations = await step("revocations", REVOCATIONS, [orgId, now]);
    const { rows } = await client.query<{ level_code: string; n: string }>(
      "SELECT level_code, count(*) AS n FROM person_levels WHERE org_id = $1 AND ended_on IS NULL GROUP BY level_code",
      [orgId],
    );
    await client.query("DROP TABLE bench_placed");
    const vacuum = await seconds(() => client.query("VACUUM (ANALYZE) people, sites, person_levels, certification_holdings, competency_signoffs"));
    log(`  VACUUM (ANALYZE): ${vacuum.seconds.toFixed(1)} s`);
    return {
      orgId,
      people,
      byLevel: Object.fromEntries(levels.map((l) => [l.code, Number(rows.find((r) => r.level_code === l.code)?.n ?? 0)])),
      levels: levelRows,
      holdings,
      signoffs,
      revocations,
      seconds: (performance.now() - started) / 1000,
    };
  });
}

/** The manager of the site with the most technicians on the ladder, and those technicians. */
async function largeSite(db: Db, orgId: string) {
  const site = await db
    .selectFrom("people as t")
    .innerJoin("sites as s", "s.id", "t.site_id")
    .innerJoin("manager_sites as ms", "ms.site_id", "s.id")
    .innerJoin("people as m", "m.id", "ms.person_id")
    .select(["s.id", "s.code", "m.id as managerId", "m.email", (eb) => eb.fn.countAll<number>().as("n")])
    .where("t.org_id", "=", orgId)
    .where("t.status", "!=", "separated")
    .where("t.role", "in", ["technician", "mentor"])
    .where("m.status", "=", "active")
    .groupBy(["s.id", "s.code", "m.id", "m.email"])
    .orderBy("n", "desc")
    .orderBy("s.code")
    .limit(1)
    .executeTakeFirstOrThrow();
  const technicians = await db
    .selectFrom("people")
    .select("id")
    .where("site_id", "=", site.id)
    .where("status", "!=", "separated")
    .where("role", "in", ["technician", "mentor"])
    .orderBy("employee_id")
    .execute();
  return { ...site, technicianIds: technicians.map((t) => t.id) };
}

async function apiUnderLoad(context: BenchContext, orgId: string, now: Date) {
  const { handle, log } = context;
  const { db } = handle;
  const site = await largeSite(db, orgId);
  await db.insertInto("accounts").values({ org_id: orgId, person_id: site.managerId, email: site.email, password_hash: await hashPassword(PASSWORD), created_at: now }).execute();

  const config = loadConfig({});
  const app = await buildApp({ database: handle, config, mailer: createMailer({ from: config.mailFrom, log: () => {} }), now: () => now, version: "bench" }, { serveWeb: false });
  try {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: site.email, password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const session = login.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!session) throw new Error("sign-in set no session cookie");
    const headers = { cookie: session };
    const probe = await fetch(`${url}/api/ladder/people/${site.technicianIds[0]}`, { headers });
    const body = (await probe.json()) as { next?: unknown[] };
    if (probe.status !== 200 || !Array.isArray(body.next)) throw new Error(`GET /api/ladder/people/:id answered ${probe.status}: ${JSON.stringify(body).slice(0, 300)}`);

    const people = { url, connections: LOAD.connections, headers, requests: site.technicianIds.map((id) => ({ method: "GET", path: `/api/ladder/people/${id}` })) };
    const health = { url: `${url}/healthz`, connections: LOAD.connections };
    log(`server on ${url}; manager of ${site.code} signed in; ${site.technicianIds.length} technicians there; ${LOAD.connections} connections, ${LOAD.seconds} s each`);
    await load({ ...health, duration: LOAD.warmUpSeconds });
    await load({ ...people, duration: LOAD.warmUpSeconds });
    settleMemory();
    const loadAverage = os.loadavg()[0];
    const healthz = await load({ ...health, duration: LOAD.seconds });
    log(`GET /healthz: ${describeLoad(healthz)}`);
    settleMemory();
    const person = await load({ ...people, duration: LOAD.seconds });
    log(`GET /api/ladder/people/:id: ${describeLoad(person)}`);
    if (person.errors || person.non2xx) throw new Error(`the per-person API failed under load: ${describeLoad(person)}`);
    return { site, healthz, person, loadAverage };
  } finally {
    // Requests cut off when the load stopped may still be reading; the reset after this must not meet their locks.
    await waitUntilIdle(db);
    await app.close();
    await db.deleteFrom("login_attempts").where("email", "=", site.email.toLowerCase()).execute();
  }
}

// ---------------------------------------------------------------------------------------------

const runLabel = (run: number) => (run === 0 ? "warm-up" : `run ${run}/${RUNS}`);
const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

export const eligibility: Benchmark = {
  name: "eligibility",
  description: `organizationEligibility over the ${thousands(ORG.technicians!)}-row synthetic organization placed on the ladder, against one SQL pass over the same rows; per-person API under load`,
  async run(context: BenchContext) {
    const { handle, databaseUrl, log } = context;
    const { db } = handle;
    const { org, file } = await cachedRosterCsv(ORG);
    const today = org.options.asOf;
    const now = new Date(`${today}T17:00:00Z`);

    await resetData(db);
    const setup = await seconds(async () => {
      const actor = await createOrganizationWithSites(db, org, "bench-eligibility", now);
      const imported = await importRoster(db, actor, fs.createReadStream(file), { fileName: path.basename(file) }, now);
      log(`setup: ${thousands(org.sites.length)} sites, ${thousands(imported.created)} people imported`);
      return placeOnLadder(db, databaseUrl, actor.orgId, today, now, log);
    });
    const placed = setup.result;
    log(
      `setup: ${thousands(placed.people)} on the ladder (${Object.entries(placed.byLevel).map(([l, n]) => `${l} ${thousands(n)}`).join(", ")}); ` +
        `${thousands(placed.levels)} levels held, ${thousands(placed.holdings)} credentials, ${thousands(placed.signoffs)} sign-offs, ${thousands(placed.revocations)} revoked; ` +
        `${setup.seconds.toFixed(0)} s in all (${placed.seconds.toFixed(0)} s placing)`,
    );
    await checkpoint(db);

    // The engine's facts for the same people, loaded once untimed, must be what the baseline reads.
    const ids = await db.selectFrom("people").select("id").where("org_id", "=", placed.orgId).where("status", "!=", "separated").where("role", "in", ["technician", "mentor"]).execute();
    const facts = await loadPersonFacts(db, placed.orgId, ids.map((p) => p.id));
    const engineCounts: RowCounts = { person: facts.size, level: 0, certification: 0, signoff: 0 };
    for (const f of facts.values()) {
      engineCounts.level += f.levels.length;
      engineCounts.certification += f.certifications.length;
      engineCounts.signoff += f.signoffs.length;
    }
    facts.clear();

    const engineSeconds: number[] = [];
    const baselineSeconds: number[] = [];
    let rows: RowCounts | undefined;
    let report: Awaited<ReturnType<typeof organizationEligibility>> = [];
    const loadBefore = os.loadavg()[0];
    const baselineClient = new pg.Client({ connectionString: databaseUrl });
    await baselineClient.connect();
    try {
      for (let run = 0; run <= RUNS; run++) {
        settleMemory();
        const baseline = await seconds(() => streamBaseline(baselineClient, placed.orgId));
        rows = baseline.result;
        if (JSON.stringify(rows) !== JSON.stringify(engineCounts)) throw new Error(`the baseline read ${JSON.stringify(rows)}, the engine's facts hold ${JSON.stringify(engineCounts)}`);
        report = [];
        settleMemory();
        const engine = await seconds(() => organizationEligibility(db, placed.orgId, now));
        report = engine.result;
        if (report.length !== placed.people) throw new Error(`organizationEligibility returned ${report.length} rows, expected ${placed.people}`);
        log(`${runLabel(run)}: SQL pass ${baseline.seconds.toFixed(3)} s; organizationEligibility ${engine.seconds.toFixed(3)} s`);
        if (run === 0) continue;
        baselineSeconds.push(baseline.seconds);
        engineSeconds.push(engine.seconds);
      }
    } finally {
      await baselineClient.end();
    }
    const eligible = report.filter((r) => r.eligible).length;
    const byNext = new Map<string, number>();
    for (const r of report) byNext.set(r.nextLevel || "(top)", (byNext.get(r.nextLevel || "(top)") ?? 0) + 1);
    const expiring = report.filter((r) => r.expiring.length > 0).length;
    const outcome = `${thousands(eligible)} eligible now, ${thousands(expiring)} with something expiring; next level: ${[...byNext].map(([l, n]) => `${l} ${thousands(n)}`).join(", ")}`;
    log(outcome);
    report = [];

    const api = await apiUnderLoad(context, placed.orgId, now);
    await resetData(db);

    const engine = median(engineSeconds);
    const baseline = median(baselineSeconds);
    const totalRows = rows!.person + rows!.level + rows!.certification + rows!.signoff;
    const runsNote = `median of ${RUNS} after a warm-up, alternating with the SQL pass; 1-minute load average ${loadBefore.toFixed(2)} when they started`;
    const dataNote =
      `${thousands(placed.people)} technicians and mentors on the ladder (${Object.entries(placed.byLevel).map(([l, n]) => `${l} ${thousands(n)}`).join(", ")}) with ` +
      `${thousands(rows!.level)} levels held, ${thousands(rows!.certification)} credentials and ${thousands(rows!.signoff)} effective sign-offs ` +
      `(${thousands(placed.revocations)} revoked); set up untimed in ${setup.seconds.toFixed(0)} s`;
    const loadNote =
      `autocannon in a worker thread, every 2xx latency recorded, ${LOAD.connections} connections for ${LOAD.seconds} s on loopback after a ${LOAD.warmUpSeconds} s warm-up; ` +
      `1-minute load average ${api.loadAverage.toFixed(2)} when it started`;
    const personNote = `GET /api/ladder/people/:id signed in as the manager of ${api.site.code}, cycling through its ${api.site.technicianIds.length} technicians`;
    return [
      figure({
        name: `one SQL pass over the eligibility rows`,
        value: baseline,
        unit: "s",
        baseline: null,
        samples: baselineSeconds,
        notes: `${runsNote}; one query (people with their site's time zone, levels held, credentials, non-revoked sign-offs) streamed through pg, every row parsed and counted, nothing kept: ${thousands(totalRows)} rows, ${thousands(totalRows / baseline)} rows/s`,
      }),
      figure({
        name: `org-wide eligibility, ${thousands(placed.people)} people`,
        value: engine,
        unit: "s",
        baseline,
        baselineName: "one SQL pass",
        goal: GOAL_RATIO,
        samples: engineSeconds,
        notes: `${runsNote}; organizationEligibility(db, orgId, now): the people and their facts read side by side (loadNextCoreLevelFacts: of the sign-offs only those that can decide the next core level), the next core level through the engine for everyone. ${dataNote}. ${outcome}`,
      }),
      figure({
        name: `org-wide eligibility against the ${GOAL_SECONDS} s goal`,
        value: engine,
        unit: "s",
        baseline: GOAL_SECONDS,
        baselineName: "goal",
        goal: 1,
        samples: engineSeconds,
        notes: `the same runs against the absolute goal of ${GOAL_SECONDS} s on this machine`,
      }),
      figure({
        name: "per-person ladder API p99 under load",
        value: api.person.p99,
        unit: "ms",
        baseline: api.healthz.p99,
        baselineName: "GET /healthz p99",
        notes: `${personNote}: ${describeLoad(api.person)}. Baseline GET /healthz under the same load in the same run: ${describeLoad(api.healthz)}. ${loadNote}`,
      }),
      figure({
        name: "per-person ladder API p97.5 under load",
        value: api.person.p97_5,
        unit: "ms",
        baseline: api.healthz.p97_5,
        baselineName: "GET /healthz p97.5",
        notes: `the same run; ${loadNote}`,
      }),
      figure({
        name: "per-person ladder API p50 under load",
        value: api.person.p50,
        unit: "ms",
        baseline: api.healthz.p50,
        baselineName: "GET /healthz p50",
        notes: `the same run; ${loadNote}`,
      }),
      figure({
        name: "per-person ladder API throughput under load",
        value: api.person.perSecond,
        unit: "req/s",
        baseline: api.healthz.perSecond,
        baselineName: "GET /healthz",
        notes: `the same run: requests completed per second; here a ratio below 1 is the slower one. ${loadNote}`,
      }),
    ];
  },
};
