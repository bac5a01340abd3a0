import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { dateInZone, type IsoDate } from "../../lib/dates.ts";
import type { FrameworkDefinition, Proficiency } from "./framework.types.ts";
import type { PersonFacts } from "./eligibility.rules.ts";

const CHUNK = 5000;

/**
 * Loads what the eligibility engine needs for many people at once: one query per kind of fact
 * for each chunk of people, never one per person. Revoked sign-offs are left out.
 */
export async function loadPersonFacts(db: Db | Tx, orgId: string, personIds: string[]): Promise<Map<string, PersonFacts>> {
  const facts = new Map<string, PersonFacts>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const ids = personIds.slice(i, i + CHUNK);
    const [people, levels, holdings, signoffs, trainings, mentoring] = await Promise.all([
      db.selectFrom("people").select(["id", "hire_date"]).where("org_id", "=", orgId).where("id", "in", ids).execute(),
      db.selectFrom("person_levels").select(["person_id", "track_code", "level_code", "started_on", "ended_on"]).where("org_id", "=", orgId).where("person_id", "in", ids).orderBy("started_on").execute(),
      db
        .selectFrom("certification_holdings")
        .select(["person_id", "certification_code", "earned_on", "expires_on", "verification_status"])
        .where("org_id", "=", orgId)
        .where("person_id", "in", ids)
        .execute(),
      db
        .selectFrom("competency_signoffs as s")
        .select(["s.person_id", "s.competency_code", "s.step_code", "s.proficiency", sql<string>`(s.signed_at AT TIME ZONE 'UTC')::date::text`.as("signed_on"), "s.valid_until"])
        .where("s.org_id", "=", orgId)
        .where("s.person_id", "in", ids)
        .where("s.revokes_id", "is", null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom("competency_signoffs as r").select("r.id").whereRef("r.revokes_id", "=", "s.id"))))
        .execute(),
      // Training completions by program code (what training requirements name); revoked ones are left out.
      db
        .selectFrom("training_completions as c")
        .innerJoin("training_programs as tp", "tp.id", "c.program_id")
        .select(["c.person_id", "tp.code", "c.completed_on", "c.expires_on"])
        .where("c.org_id", "=", orgId)
        .where("c.person_id", "in", ids)
        .where("c.revoked_at", "is", null)
        .execute(),
      // Hours of mentoring given: confirmed sessions of pairings where the person is the mentor.
      db
        .selectFrom("mentoring_sessions as ms")
        .innerJoin("mentor_pairings as mp", "mp.id", "ms.pairing_id")
        .select(["mp.mentor_id", sql<number>`sum(ms.duration_minutes)::int`.as("minutes")])
        .where("ms.org_id", "=", orgId)
        .where("mp.mentor_id", "in", ids)
        .where("ms.confirmed_at", "is not", null)
        .groupBy("mp.mentor_id")
        .execute(),
    ]);
    for (const p of people) {
      facts.set(p.id, { personId: p.id, hireDate: p.hire_date, levels: [], certifications: [], signoffs: [], kpis: [], evaluations: [], trainings: [], mentoringHours: 0 });
    }
    for (const l of levels) facts.get(l.person_id)?.levels.push({ track: l.track_code, level: l.level_code, startedOn: l.started_on, endedOn: l.ended_on });
    for (const h of holdings) {
      facts.get(h.person_id)?.certifications.push({ certificationCode: h.certification_code, earnedOn: h.earned_on, expiresOn: h.expires_on, verificationStatus: h.verification_status });
    }
    for (const s of signoffs) {
      facts.get(s.person_id)?.signoffs.push({ competency: s.competency_code, stepCode: s.step_code, proficiency: s.proficiency as Proficiency, signedOn: s.signed_on, validUntil: s.valid_until });
    }
    for (const t of trainings) facts.get(t.person_id)?.trainings.push({ training: t.code, completedOn: t.completed_on, expiresOn: t.expires_on });
    for (const m of mentoring) {
      const f = facts.get(m.mentor_id);
      if (f) f.mentoringHours = Number(m.minutes) / 60;
    }
    await addPerformanceFacts(facts, db, orgId, sql`p.org_id = ${orgId} AND p.id IN (${sql.join(ids)})`);
  }
  return facts;
}

/**
 * Facts for every technician and mentor of the organization who has not left, for judging their
 * next core level on their site's date at `now` only: one pass per kind of fact joined to those
 * people (no id lists), rows taken as the facts themselves, and of the sign-offs only those for
 * competencies that level asks for (the others cannot change it). Not for anything that shows a
 * person's full record.
 */
export async function loadNextCoreLevelFacts(db: Db | Tx, orgId: string, framework: FrameworkDefinition, now: Date): Promise<Map<string, PersonFacts>> {
  const core = framework.tracks.find((t) => t.kind === "core")!;
  const ordered = [...core.levels].sort((a, b) => a.rank - b.rank);
  // (current level, competency, minimum proficiency): the next level's competencies; "" is no level yet.
  const fromLevel: string[] = [];
  const competency: string[] = [];
  const minProficiency: number[] = [];
  ordered.forEach((level, i) => {
    for (const r of level.requirements) {
      if (r.kind !== "competency") continue;
      fromLevel.push(i === 0 ? "" : ordered[i - 1].code);
      competency.push(r.competency);
      minProficiency.push(r.minProficiency);
    }
  });
  const who = sql`p.org_id = ${orgId} AND p.status <> 'separated' AND p.role IN ('technician', 'mentor')`;
  // The sign-offs wait for each site's date at `now`, so that the level in force they are chosen
  // by is the one the engine will find; the other kinds of fact do not. Of a person's whole
  // sign-offs of a competency only two can decide it (see the engine's competency requirement):
  // the best still valid (highest proficiency, latest) and the lapsed one at the level's minimum
  // that ended last; of step sign-offs, one valid per step. The rest are left in the database.
  const signoffs = db
    .selectFrom("sites")
    .select("time_zone")
    .distinct()
    .where("org_id", "=", orgId)
    .execute()
    .then((rows) => {
      const zones = rows.map((r) => r.time_zone);
      const todays = zones.map((zone) => dateInZone(now, zone));
      return sql<PersonFacts["signoffs"][number] & { person_id: string }>`
        SELECT DISTINCT ON (s.person_id, s.competency_code, s.step_code, valid.today)
               s.person_id, s.competency_code AS competency, s.step_code AS "stepCode", s.proficiency,
               (s.signed_at AT TIME ZONE 'UTC')::date::text AS "signedOn", s.valid_until AS "validUntil"
        FROM competency_signoffs s
        JOIN (SELECT p.id, coalesce(l.level_code, '') AS level_code, zone.today
                FROM people p
                JOIN sites site ON site.id = p.site_id
                JOIN unnest(${zones}::text[], ${todays}::date[]) AS zone(time_zone, today) ON zone.time_zone = site.time_zone
                LEFT JOIN person_levels l ON l.person_id = p.id AND l.track_code = ${core.code}
                  AND l.started_on <= zone.today AND (l.ended_on IS NULL OR l.ended_on > zone.today)
               WHERE ${who}) AS cur ON cur.id = s.person_id
        JOIN unnest(${fromLevel}::text[], ${competency}::text[], ${minProficiency}::int[]) AS need(level_code, competency, min_proficiency)
          ON need.level_code = cur.level_code AND need.competency = s.competency_code
        CROSS JOIN LATERAL (SELECT s.valid_until IS NULL OR s.valid_until >= cur.today AS today) AS valid
        WHERE s.org_id = ${orgId} AND s.revokes_id IS NULL
          AND (valid.today OR (s.step_code IS NULL AND s.proficiency >= need.min_proficiency))
          -- A hashed list of the few revoked ids, checked in the scan, rather than a lookup per sign-off.
          AND s.id NOT IN (SELECT r.revokes_id FROM competency_signoffs r WHERE r.org_id = ${orgId} AND r.revokes_id IS NOT NULL)
        ORDER BY s.person_id, s.competency_code, s.step_code, valid.today,
                 CASE WHEN valid.today THEN s.proficiency END DESC, CASE WHEN valid.today THEN s.signed_at END DESC, s.valid_until DESC`.execute(db);
    });
  const [people, levels, holdings, signed, trainings, mentoring] = await Promise.all([
    sql<{ id: string; hire_date: IsoDate }>`SELECT p.id, p.hire_date FROM people p WHERE ${who}`.execute(db),
    sql<PersonFacts["levels"][number] & { person_id: string }>`
      SELECT l.person_id, l.track_code AS track, l.level_code AS level, l.started_on AS "startedOn", l.ended_on AS "endedOn"
      FROM person_levels l JOIN people p ON p.id = l.person_id
      WHERE l.org_id = ${orgId} AND ${who} ORDER BY l.started_on`.execute(db),
    sql<PersonFacts["certifications"][number] & { person_id: string }>`
      SELECT h.person_id, h.certification_code AS "certificationCode", h.earned_on AS "earnedOn", h.expires_on AS "expiresOn", h.verification_status AS "verificationStatus"
      FROM certification_holdings h JOIN people p ON p.id = h.person_id
      WHERE h.org_id = ${orgId} AND ${who}`.execute(db),
    signoffs,
    sql<PersonFacts["trainings"][number] & { person_id: string }>`
      SELECT c.person_id, tp.code AS training, c.completed_on AS "completedOn", c.expires_on AS "expiresOn"
      FROM training_completions c JOIN training_programs tp ON tp.id = c.program_id JOIN people p ON p.id = c.person_id
      WHERE c.org_id = ${orgId} AND ${who} AND c.revoked_at IS NULL`.execute(db),
    sql<{ mentor_id: string; minutes: number }>`
      SELECT mp.mentor_id, sum(ms.duration_minutes)::int AS minutes
      FROM mentoring_sessions ms JOIN mentor_pairings mp ON mp.id = ms.pairing_id JOIN people p ON p.id = mp.mentor_id
      WHERE ms.org_id = ${orgId} AND ${who} AND ms.confirmed_at IS NOT NULL
      GROUP BY mp.mentor_id`.execute(db),
  ]);
  const facts = new Map<string, PersonFacts>();
  for (const p of people.rows) facts.set(p.id, { personId: p.id, hireDate: p.hire_date, levels: [], certifications: [], signoffs: [], kpis: [], evaluations: [], trainings: [], mentoringHours: 0 });
  for (const l of levels.rows) facts.get(l.person_id)?.levels.push(l);
  for (const h of holdings.rows) facts.get(h.person_id)?.certifications.push(h);
  for (const s of signed.rows) facts.get(s.person_id)?.signoffs.push(s);
  for (const t of trainings.rows) facts.get(t.person_id)?.trainings.push({ training: t.training, completedOn: t.completedOn, expiresOn: t.expiresOn });
  for (const m of mentoring.rows) {
    const f = facts.get(m.mentor_id);
    if (f) f.mentoringHours = Number(m.minutes) / 60;
  }
  await addPerformanceFacts(facts, db, orgId, who);
  return facts;
}

/** KPI figures and monthly evaluation averages of the people `who` selects (alias p). */
async function addPerformanceFacts(facts: Map<string, PersonFacts>, db: Db | Tx, orgId: string, who: ReturnType<typeof sql>): Promise<void> {
  const [kpis, evaluations] = await Promise.all([
    sql<{ person_id: string; kpi: string; periodEnd: IsoDate; value: number }>`
      SELECT v.person_id, v.kpi_code AS kpi, v.period_end::text AS "periodEnd", v.value
      FROM kpi_values v JOIN people p ON p.id = v.person_id
      WHERE v.org_id = ${orgId} AND ${who} ORDER BY v.period_end`.execute(db),
    sql<{ person_id: string; month: IsoDate; average: number }>`
      SELECT e.person_id, e.month::text AS month, e.average
      FROM evaluations e JOIN people p ON p.id = e.person_id
      WHERE e.org_id = ${orgId} AND ${who} ORDER BY e.month`.execute(db),
  ]);
  for (const k of kpis.rows) facts.get(k.person_id)?.kpis.push({ kpi: k.kpi, periodEnd: k.periodEnd, value: Number(k.value) });
  for (const e of evaluations.rows) facts.get(e.person_id)?.evaluations.push({ month: e.month, average: Number(e.average) });
}
