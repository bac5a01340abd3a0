/**
 * The SQL behind the program metrics. Each figure's facts are summed here once, in builders that
 * the dashboard loader runs through Kysely and the benchmark runs raw through pg (the same text
 * and parameters), so both measure the same definition. What each row contributes is the rule
 * in metrics.rules.ts (a segment's person-days, a separation on its last day, …); the tests hold
 * these sums to `foldSegments` over the segments `loadSegments` returns.
 */
import { sql, type RawBuilder } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { addDays, addYears, compareDates, monthsOfPeriod, type IsoDate } from "../../lib/dates.ts";
import type { Segment, SeparationKind } from "./metrics.rules.ts";

/** The people the program metrics are about: technicians, mentors among them (as training's group assignments). */
export const METRIC_ROLES = ["technician", "mentor"] as const;

/** Who and when: an organization, a period (its end already no later than today), the sites in scope (null: all), a track and level. */
export interface MetricsFilter {
  orgId: string;
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  /** Sites in scope: a manager's sites, narrowed by a site filter; null for the whole organization. */
  siteIds: string[] | null;
  track: string | null;
  level: string | null;
}

export type RetentionGroup = "cohort" | "level" | "track";

/** Retention curves follow the hires of this many years up to the period's end. */
export const RETENTION_YEARS = 5;

const roles = sql.join(METRIC_ROLES.map((r) => sql.lit(r)));
const date = (d: IsoDate) => sql`${d}::date`;
const inSites = (column: RawBuilder<unknown>, f: MetricsFilter) =>
  f.siteIds === null ? sql`true` : f.siteIds.length === 0 ? sql`false` : sql`${column} IN (${sql.join(f.siteIds)})`;
const levelMatch = (alias: string, f: MetricsFilter) =>
  sql.join(
    [
      sql`true`,
      ...(f.track !== null ? [sql`${sql.ref(`${alias}.track_code`)} = ${f.track}`] : []),
      ...(f.level !== null ? [sql`${sql.ref(`${alias}.level_code`)} = ${f.level}`] : []),
    ],
    sql` AND `,
  );
const byLevel = (f: MetricsFilter) => f.track !== null || f.level !== null;

/**
 * Employment segments (see `Segment`) of the technicians in scope that overlap the period, from
 * `employment_segments` (0012_metrics.sql keeps it cut from the employment events: each hire,
 * rehire or transfer starts a segment at its site, running to the day before the next one, or to
 * the separation date, the last day employed; leave and return do not break a segment, so people
 * on leave stay in the headcount; 0016_metrics_speed.sql adds the person's role to each, so the
 * technicians are picked without reading people). Under a track or level filter each segment is cut to the days
 * that level was in force; a hire then counts when the level was in force on the hire day, a
 * separation when it was on the separation day.
 */
function segmentCtes(f: MetricsFilter) {
  const base = sql`seg AS (
    SELECT s.person_id, s.site_id, s.starts_on, s.ends_on, s.is_hire, s.separation_type, s.reason_code
    FROM employment_segments s
    WHERE s.org_id = ${f.orgId} AND s.person_role IN (${roles}) AND s.starts_on <= ${date(f.to)} AND (s.ends_on IS NULL OR s.ends_on >= ${date(f.from)})
      AND ${inSites(sql`s.site_id`, f)}
  )`;
  if (!byLevel(f)) return base;
  return sql`${base},
  segs AS (
    SELECT s.person_id, s.site_id,
           greatest(s.starts_on, l.started_on) AS starts_on,
           CASE WHEN l.ended_on IS NULL THEN s.ends_on WHEN s.ends_on IS NULL THEN l.ended_on - 1 ELSE least(s.ends_on, l.ended_on - 1) END AS ends_on,
           s.is_hire AND l.started_on <= s.starts_on AS is_hire,
           CASE WHEN l.ended_on IS NULL OR l.ended_on > s.ends_on THEN s.separation_type END AS separation_type,
           CASE WHEN l.ended_on IS NULL OR l.ended_on > s.ends_on THEN s.reason_code END AS reason_code
    FROM seg s JOIN person_levels l ON l.person_id = s.person_id AND l.org_id = ${f.orgId} AND ${levelMatch("l", f)}
    WHERE (s.ends_on IS NULL OR l.started_on <= s.ends_on) AND (l.ended_on IS NULL OR l.ended_on > s.starts_on)
  )`;
}

/** The segments as the figures count them: `segs`, cut to the level under a level filter, else `seg` itself (not copied). */
const segs = (f: MetricsFilter) => sql.raw(byLevel(f) ? "segs" : "seg");

/**
 * Employment spells of the technicians in scope that started between two days: from each hire or
 * rehire to the separation that ends it (transfers do not matter here), at the site of the hire;
 * one row per spell (its last segment).
 */
function spellCtes(f: MetricsFilter, startedFrom: IsoDate, startedTo: IsoDate) {
  return sql`spells AS (
    SELECT s.person_id, s.spell_site_id AS site_id, s.spell_starts_on AS hired_on, s.spell_ends_on AS separated_on
    FROM employment_segments s
    WHERE s.org_id = ${f.orgId} AND s.person_role IN (${roles}) AND s.spell_starts_on BETWEEN ${date(startedFrom)} AND ${date(startedTo)}
      AND (s.separation_type IS NOT NULL OR s.ends_on IS NULL) AND ${inSites(sql`s.spell_site_id`, f)}
  )`;
}

/** The level in force on a day for a person as "track/level" (the latest started when several tracks match); null for none. */
const levelOn = (person: RawBuilder<unknown>, day: RawBuilder<unknown>, f: MetricsFilter) => sql`(
  SELECT l.track_code || '/' || l.level_code FROM person_levels l
  WHERE l.person_id = ${person} AND l.org_id = ${f.orgId} AND l.started_on <= ${day} AND (l.ended_on IS NULL OR l.ended_on > ${day}) AND ${levelMatch("l", f)}
  ORDER BY l.started_on DESC, l.track_code LIMIT 1)`;

/** Rows of one shape for every aggregate, so the figures come back from one statement. */
export interface AggregateRow {
  kind: "month" | "headcount" | "reason" | "exit" | "promotion" | "level-days" | "retention" | "certification";
  k1: string | null;
  k2: string | null;
  k3: string | null;
  n1: number;
  n2: number;
  n3: number;
  n4: number;
}

/**
 * The dashboard's figures for the period, in one statement:
 *  - month: per calendar month of the period, person-days (n1), hires (n2), voluntary (n3) and involuntary (n4) separations;
 *  - headcount: employed on the first (n1) and on the last day (n2);
 *  - reason: separations in the period by coded reason (k1) and kind (k2);
 *  - exit: exit-interview reasons (k1) of the people who left in the period;
 *  - promotion: approved promotions by month (k1), at the person's site on the effective date, from the filtered level;
 *  - level-days: for those promotions, days in the level left (n1) and how many (n2).
 */
export function periodAggregates(f: MetricsFilter): RawBuilder<AggregateRow> {
  const months = sql.join(monthsOfPeriod(f.from, f.to).map((m) => sql`(${m.month}, ${date(m.from)}, ${date(m.to)})`));
  return sql<AggregateRow>`WITH ${segmentCtes(f)},
  months (month, m_from, m_to) AS (VALUES ${months}),
  -- The daily headcount as a running sum of +1 on each segment's first day in the period and −1 the
  -- day after its last: one row per day on which it changes, valid until the next such day.
  deltas AS (
    SELECT greatest(starts_on, ${date(f.from)}) AS day, 1 AS delta FROM ${segs(f)}
    UNION ALL
    SELECT ends_on + 1, -1 FROM ${segs(f)} WHERE ends_on < ${date(f.to)}
  ),
  daily AS MATERIALIZED (
    SELECT day, sum(sum(delta)) OVER (ORDER BY day) AS headcount,
           lead(day, 1, ${date(f.to)} + 1) OVER (ORDER BY day) AS until_day
    FROM deltas GROUP BY day
  ),
  prom AS (
    SELECT pr.person_id, pr.effective_date, pr.from_track, pr.from_level
    FROM promotions pr JOIN seg s ON s.person_id = pr.person_id AND s.starts_on <= pr.effective_date AND (s.ends_on IS NULL OR s.ends_on >= pr.effective_date)
    WHERE pr.org_id = ${f.orgId} AND pr.status = 'approved' AND pr.kind = 'promotion'
      AND pr.effective_date BETWEEN ${date(f.from)} AND ${date(f.to)}
      ${f.track !== null ? sql`AND pr.from_track = ${f.track}` : sql``} ${f.level !== null ? sql`AND pr.from_level = ${f.level}` : sql``}
  )
  SELECT 'month' AS kind, mo.month AS k1, NULL AS k2, NULL AS k3,
         coalesce((SELECT sum(d.headcount * greatest(0, least(d.until_day - 1, mo.m_to) - greatest(d.day, mo.m_from) + 1)) FROM daily d
                   WHERE d.day <= mo.m_to AND d.until_day > mo.m_from), 0)::bigint AS n1,
         coalesce(e.hires, 0)::bigint AS n2, coalesce(e.voluntary, 0)::bigint AS n3, coalesce(e.involuntary, 0)::bigint AS n4
  FROM months mo
  LEFT JOIN (
    SELECT month, sum(hires) AS hires, sum(voluntary) AS voluntary, sum(involuntary) AS involuntary FROM (
      SELECT to_char(starts_on, 'YYYY-MM') AS month, count(*) AS hires, 0 AS voluntary, 0 AS involuntary
      FROM ${segs(f)} WHERE is_hire AND starts_on BETWEEN ${date(f.from)} AND ${date(f.to)} GROUP BY 1
      UNION ALL
      SELECT to_char(ends_on, 'YYYY-MM'), 0, count(*) FILTER (WHERE separation_type = 'voluntary'), count(*) FILTER (WHERE separation_type = 'involuntary')
      FROM ${segs(f)} WHERE separation_type IS NOT NULL AND ends_on BETWEEN ${date(f.from)} AND ${date(f.to)} GROUP BY 1
    ) by_month GROUP BY month
  ) e ON e.month = mo.month
  UNION ALL
  SELECT 'headcount', NULL, NULL, NULL,
         count(*) FILTER (WHERE starts_on <= ${date(f.from)} AND (ends_on IS NULL OR ends_on >= ${date(f.from)})),
         count(*) FILTER (WHERE starts_on <= ${date(f.to)} AND (ends_on IS NULL OR ends_on >= ${date(f.to)})), 0, 0
  FROM ${segs(f)}
  UNION ALL
  SELECT 'reason', reason_code, separation_type, NULL, count(*), 0, 0, 0
  FROM ${segs(f)} WHERE separation_type IS NOT NULL AND ends_on BETWEEN ${date(f.from)} AND ${date(f.to)}
  GROUP BY reason_code, separation_type
  UNION ALL
  SELECT 'exit', code, NULL, NULL, count(*), 0, 0, 0
  FROM ${segs(f)} s
  JOIN exit_interviews x ON x.person_id = s.person_id AND x.org_id = ${f.orgId} AND x.interview_date >= s.starts_on
  CROSS JOIN LATERAL unnest(x.reason_codes) AS code
  WHERE s.separation_type IS NOT NULL AND s.ends_on BETWEEN ${date(f.from)} AND ${date(f.to)}
  GROUP BY code
  UNION ALL
  SELECT 'promotion', to_char(effective_date, 'YYYY-MM'), NULL, NULL, count(*), 0, 0, 0
  FROM prom GROUP BY 2
  UNION ALL
  SELECT 'level-days', NULL, NULL, NULL, (pr.effective_date - l.started_on), count(*), 0, 0
  FROM prom pr JOIN person_levels l ON l.person_id = pr.person_id AND l.org_id = ${f.orgId}
    AND l.track_code = pr.from_track AND l.level_code = pr.from_level AND l.ended_on = pr.effective_date
  GROUP BY 5`;
}

/**
 * The dashboard's figures that follow hires (employment spells), in one statement apart from the
 * period's, so the two run side by side:
 *  - retention: spells hired in the `RETENTION_YEARS` up to the period's end by group (k1), days observed (n1), separations (n2), still employed (n3);
 *  - certification: hires in the period by hire day (k1), first national credential (k2), observed until (k3), how many (n1).
 */
export function cohortAggregates(f: MetricsFilter, options: { retentionGroup: RetentionGroup; nationalCodes: readonly string[] }): RawBuilder<AggregateRow> {
  const retentionFrom = addDays(addYears(f.to, -RETENTION_YEARS), 1);
  const group =
    options.retentionGroup === "cohort" ? sql`extract(year FROM o.hired_on)::int::text`
    : options.retentionGroup === "level" ? sql`split_part(o.lv, '/', 2)`
    : sql`split_part(o.lv, '/', 1)`;
  const needsLevel = byLevel(f) || options.retentionGroup !== "cohort";
  const national = options.nationalCodes.length ? sql.join(options.nationalCodes) : sql`NULL`;
  const spellsFrom = compareDates(retentionFrom, f.from) < 0 ? retentionFrom : f.from;
  return sql<AggregateRow>`WITH ${spellCtes(f, spellsFrom, f.to)},
  national AS (
    SELECT c.person_id, min(c.earned_on) AS certified_on FROM certification_holdings c
    WHERE c.org_id = ${f.orgId} AND c.verification_status <> 'rejected' AND c.certification_code IN (${national})
      ${f.siteIds === null ? sql`` : sql`AND c.person_id IN (SELECT person_id FROM spells)`}
    GROUP BY c.person_id
  ),
  obs AS (
    SELECT o.*, ${needsLevel ? levelOn(sql`o.person_id`, sql`o.until_on`, f) : sql`NULL::text`} AS lv
    FROM (
      SELECT person_id, hired_on,
             CASE WHEN separated_on <= ${date(f.to)} THEN separated_on ELSE ${date(f.to)} END AS until_on,
             coalesce(separated_on <= ${date(f.to)}, false) AS separated
      FROM spells WHERE hired_on >= ${date(retentionFrom)}
    ) o
  ),
  hires AS (
    SELECT h.person_id, h.hired_on, least(coalesce(h.separated_on, ${date(f.today)}), ${date(f.today)}) AS until_on, n.certified_on
    FROM spells h LEFT JOIN national n ON n.person_id = h.person_id
    WHERE h.hired_on BETWEEN ${date(f.from)} AND ${date(f.to)}
      ${byLevel(f) ? sql`AND ${levelOn(sql`h.person_id`, sql`h.hired_on`, f)} IS NOT NULL` : sql``}
  )
  SELECT 'retention' AS kind, ${group} AS k1, NULL AS k2, NULL AS k3, (o.until_on - o.hired_on) AS n1,
         count(*) FILTER (WHERE o.separated) AS n2, count(*) FILTER (WHERE NOT o.separated) AS n3, 0 AS n4
  FROM obs o ${byLevel(f) ? sql`WHERE o.lv IS NOT NULL` : sql``}
  GROUP BY 2, 5
  UNION ALL
  SELECT 'certification', hired_on::text, certified_on::text, until_on::text, count(*), 0, 0, 0
  FROM hires GROUP BY hired_on, certified_on, until_on`;
}

/** The segments themselves (for the people behind a figure, and to check the sums against the rules). */
export async function loadSegments(db: Db | Tx, f: MetricsFilter): Promise<Segment[]> {
  const { rows } = await sql<{ person_id: string; site_id: string; starts_on: IsoDate; ends_on: IsoDate | null; is_hire: boolean; separation_type: SeparationKind | null; reason_code: string | null }>`
    WITH ${segmentCtes(f)}
    SELECT person_id, site_id, starts_on, ends_on, is_hire, separation_type, reason_code FROM ${segs(f)}
    WHERE starts_on <= ${date(f.to)} AND (ends_on IS NULL OR ends_on >= ${date(f.from)})
    ORDER BY person_id, starts_on`.execute(db);
  return rows.map((r) => ({
    personId: r.person_id,
    siteId: r.site_id,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    isHire: r.is_hire,
    separation: r.separation_type ? { type: r.separation_type, reasonCode: r.reason_code } : null,
  }));
}

/** Approved promotions in the period within the filter (the people behind the promotion figure). */
export async function loadPromotions(db: Db | Tx, f: MetricsFilter) {
  const { rows } = await sql<{ person_id: string; effective_date: IsoDate; from_level: string | null; to_level: string; to_track: string }>`
    WITH ${segmentCtes(f)}
    SELECT pr.person_id, pr.effective_date, pr.from_level, pr.to_level, pr.to_track
    FROM promotions pr JOIN seg s ON s.person_id = pr.person_id AND s.starts_on <= pr.effective_date AND (s.ends_on IS NULL OR s.ends_on >= pr.effective_date)
    WHERE pr.org_id = ${f.orgId} AND pr.status = 'approved' AND pr.kind = 'promotion'
      AND pr.effective_date BETWEEN ${date(f.from)} AND ${date(f.to)}
      ${f.track !== null ? sql`AND pr.from_track = ${f.track}` : sql``} ${f.level !== null ? sql`AND pr.from_level = ${f.level}` : sql``}
    ORDER BY pr.effective_date`.execute(db);
  return rows;
}

/** Hires in the period within the filter, with their first national credential (the people behind the certification figures). */
export async function loadHires(db: Db | Tx, f: MetricsFilter, nationalCodes: readonly string[]) {
  const national = nationalCodes.length ? sql.join(nationalCodes) : sql`NULL`;
  const { rows } = await sql<{ person_id: string; hired_on: IsoDate; separated_on: IsoDate | null; certified_on: IsoDate | null }>`
    WITH ${spellCtes(f, f.from, f.to)}
    SELECT h.person_id, h.hired_on, h.separated_on,
           (SELECT min(c.earned_on) FROM certification_holdings c
             WHERE c.person_id = h.person_id AND c.org_id = ${f.orgId} AND c.verification_status <> 'rejected' AND c.certification_code IN (${national})) AS certified_on
    FROM spells h
    WHERE h.hired_on BETWEEN ${date(f.from)} AND ${date(f.to)}
      ${byLevel(f) ? sql`AND ${levelOn(sql`h.person_id`, sql`h.hired_on`, f)} IS NOT NULL` : sql``}
    ORDER BY h.hired_on`.execute(db);
  return rows;
}

/**
 * People employed today within the scope whose current level matches the filter: the population
 * for the figures that describe today (expiries, CE compliance, stalled progress).
 */
function currentPeople(f: MetricsFilter) {
  return sql`SELECT p.id, p.site_id FROM people p
    WHERE p.org_id = ${f.orgId} AND p.status <> 'separated' AND p.role IN (${roles}) AND ${inSites(sql`p.site_id`, f)}
      ${byLevel(f) ? sql`AND ${levelOn(sql`p.id`, date(f.today), f)} IS NOT NULL` : sql``}`;
}

/**
 * The latest credential of each kind per current person (a renewal supersedes the holding it
 * renews), not rejected, whose printed expiry falls in [from, to], or without a printed expiry
 * but earned in one of the windows given per code (the catalog's cycle, checked exactly in the rules).
 * The holdings in the window are found first; each is kept when no later one of its kind follows.
 */
export function credentialExpiriesQuery(f: MetricsFilter, window: { from: IsoDate; to: IsoDate }, cycleWindows: readonly { code: string; earnedFrom: IsoDate; earnedTo: IsoDate }[]) {
  const cycles = cycleWindows.length
    ? sql`OR (h.expires_on IS NULL AND (${sql.join(cycleWindows.map((c) => sql`(h.certification_code = ${c.code} AND h.earned_on BETWEEN ${date(c.earnedFrom)} AND ${date(c.earnedTo)})`), sql` OR `)}))`
    : sql``;
  return sql<{ person_id: string; certification_code: string; earned_on: IsoDate; expires_on: IsoDate | null }>`
    WITH cur AS (${currentPeople(f)})
    SELECT h.person_id, h.certification_code, h.earned_on, h.expires_on
    FROM certification_holdings h JOIN cur ON cur.id = h.person_id
    WHERE h.org_id = ${f.orgId} AND h.verification_status <> 'rejected'
      AND ((h.expires_on BETWEEN ${date(window.from)} AND ${date(window.to)}) ${cycles})
      AND NOT EXISTS (
        SELECT 1 FROM certification_holdings later
        WHERE later.person_id = h.person_id AND later.certification_code = h.certification_code AND later.verification_status <> 'rejected'
          AND (later.earned_on, later.created_at, later.id) > (h.earned_on, h.created_at, h.id))`;
}

/** The same credentials counted by kind, earned and printed expiry date (all the dashboard needs of them). */
export function credentialExpiryCountsQuery(f: MetricsFilter, window: { from: IsoDate; to: IsoDate }, cycleWindows: readonly { code: string; earnedFrom: IsoDate; earnedTo: IsoDate }[]) {
  return sql<{ certification_code: string; earned_on: IsoDate; expires_on: IsoDate | null; n: number }>`
    SELECT h.certification_code, h.earned_on, h.expires_on, count(*)::int AS n FROM (${credentialExpiriesQuery(f, window, cycleWindows)}) h
    GROUP BY 1, 2, 3`;
}

export async function loadCredentialExpiries(db: Db | Tx, f: MetricsFilter, window: { from: IsoDate; to: IsoDate }, cycleWindows: readonly { code: string; earnedFrom: IsoDate; earnedTo: IsoDate }[]) {
  return (await credentialExpiriesQuery(f, window, cycleWindows).execute(db)).rows;
}

/**
 * The latest whole-competency sign-off per current person and competency, not revoked, valid until
 * a day in the window: a sign-off in the window that no later effective sign-off supersedes.
 */
export function competencyExpiriesQuery(f: MetricsFilter, window: { from: IsoDate; to: IsoDate }) {
  return sql<{ person_id: string; competency_code: string; valid_until: IsoDate }>`
    WITH cur AS (${currentPeople(f)})
    SELECT s.person_id, s.competency_code, s.valid_until
    FROM competency_signoffs s JOIN cur ON cur.id = s.person_id
    WHERE s.org_id = ${f.orgId} AND s.revokes_id IS NULL AND s.step_code IS NULL
      AND s.valid_until BETWEEN ${date(window.from)} AND ${date(window.to)}
      AND NOT EXISTS (SELECT 1 FROM competency_signoffs r WHERE r.revokes_id = s.id)
      AND NOT EXISTS (
        SELECT 1 FROM competency_signoffs later
        WHERE later.person_id = s.person_id AND later.competency_code = s.competency_code AND later.step_code IS NULL
          AND later.revokes_id IS NULL AND later.signed_at > s.signed_at
          AND NOT EXISTS (SELECT 1 FROM competency_signoffs r2 WHERE r2.revokes_id = later.id))`;
}

/** The same sign-offs counted by the day they lapse (all the dashboard needs of them). */
export function competencyExpiryCountsQuery(f: MetricsFilter, window: { from: IsoDate; to: IsoDate }) {
  return sql<{ valid_until: IsoDate; n: number }>`SELECT s.valid_until, count(*)::int AS n FROM (${competencyExpiriesQuery(f, window)}) s GROUP BY 1`;
}

export async function loadCompetencyExpiries(db: Db | Tx, f: MetricsFilter, window: { from: IsoDate; to: IsoDate }) {
  return (await competencyExpiriesQuery(f, window).execute(db)).rows;
}

/** The credentials of the current people in scope (the facts CE compliance judges). */
export function scopedHoldingsQuery(f: MetricsFilter) {
  return sql<{ id: string; person_id: string; certification_code: string; state: string | null; earned_on: IsoDate; expires_on: IsoDate | null; verification_status: "unverified" | "verified" | "rejected" }>`
    WITH cur AS (${currentPeople(f)})
    SELECT h.id, h.person_id, h.certification_code, h.state, h.earned_on, h.expires_on, h.verification_status
    FROM certification_holdings h JOIN cur ON cur.id = h.person_id
    WHERE h.org_id = ${f.orgId}`;
}

/** CE records completed since a day by the current people in scope. */
export async function loadScopedCeRecords(db: Db | Tx, f: MetricsFilter, since: IsoDate) {
  const { rows } = await sql<{
    id: string; person_id: string; title: string; completed_on: IsoDate; hours: number; activity_type: "acpe" | "college-course" | "in-service" | "other";
    uan: string | null; topic: string | null; format: "live" | "home-study" | "blended" | null; audience: "technician" | "pharmacist" | null; categories: string[];
    verification_status: "unverified" | "verified" | "rejected";
  }>`
    WITH cur AS (${currentPeople(f)})
    SELECT r.id, r.person_id, r.title, r.completed_on, r.hours, r.activity_type, r.uan, r.topic, r.format, r.audience, r.categories, r.verification_status
    FROM ce_records r JOIN cur ON cur.id = r.person_id
    WHERE r.org_id = ${f.orgId} AND r.completed_on >= ${date(since)}`.execute(db);
  return rows;
}

/** Whether any training assignment could have fallen due by the period's end (a person's due date is never before the assignment's). */
export async function hasAssignmentsDueBy(db: Db | Tx, orgId: string, to: IsoDate): Promise<boolean> {
  const row = await db
    .selectFrom("training_assignments")
    .select("id")
    .where("org_id", "=", orgId)
    .where("cancelled_at", "is", null)
    .where("due_on", "<=", to)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Current people in scope whose level in force (per track) started on or before `startedBy`. */
export async function loadLongInLevel(db: Db | Tx, f: MetricsFilter, startedBy: IsoDate) {
  const { rows } = await sql<{ person_id: string; track_code: string; level_code: string; started_on: IsoDate }>`
    WITH cur AS (${currentPeople(f)})
    SELECT l.person_id, l.track_code, l.level_code, l.started_on
    FROM person_levels l JOIN cur ON cur.id = l.person_id
    WHERE l.org_id = ${f.orgId} AND l.started_on <= ${date(startedBy)} AND (l.ended_on IS NULL OR l.ended_on > ${date(f.today)})
      AND ${levelMatch("l", f)}
    ORDER BY l.started_on, l.person_id`.execute(db);
  return rows;
}

/** Names, employee ids and sites of people, for the lists behind figures. */
export async function loadPeopleCards(db: Db | Tx, orgId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return new Map<string, { id: string; employeeId: string; name: string; siteId: string; siteCode: string; status: string }>();
  const rows = await db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.employee_id", "p.first_name", "p.last_name", "p.site_id", "s.code", "p.status"])
    .where("p.org_id", "=", orgId)
    .where("p.id", "in", [...new Set(personIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, employeeId: r.employee_id, name: `${r.first_name} ${r.last_name}`, siteId: r.site_id, siteCode: r.code, status: r.status }]));
}

export async function getStalledMonths(db: Db | Tx, orgId: string): Promise<number | undefined> {
  const row = await db.selectFrom("metrics_settings").select("stalled_months").where("org_id", "=", orgId).executeTakeFirst();
  return row ? Number(row.stalled_months) : undefined;
}
