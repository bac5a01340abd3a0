import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { IsoDate } from "../../lib/dates.ts";
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
    const [people, levels, holdings, signoffs] = await Promise.all([
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
  }
  return facts;
}

/**
 * Facts for every technician and mentor of the organization who has not left, for judging their
 * next core level only: one pass per kind of fact joined to those people (no id lists), rows taken
 * as the facts themselves, and of the sign-offs only those for competencies that level asks for
 * (the others cannot change it). Not for anything that shows a person's full record.
 */
export async function loadNextCoreLevelFacts(db: Db | Tx, orgId: string, framework: FrameworkDefinition): Promise<Map<string, PersonFacts>> {
  const core = framework.tracks.find((t) => t.kind === "core")!;
  const ordered = [...core.levels].sort((a, b) => a.rank - b.rank);
  // (current level, competency) pairs: the next level's competencies; "" is no level yet.
  const fromLevel: string[] = [];
  const competency: string[] = [];
  ordered.forEach((level, i) => {
    for (const r of level.requirements) {
      if (r.kind !== "competency") continue;
      fromLevel.push(i === 0 ? "" : ordered[i - 1].code);
      competency.push(r.competency);
    }
  });
  const who = sql`p.org_id = ${orgId} AND p.status <> 'separated' AND p.role IN ('technician', 'mentor')`;
  const [people, levels, holdings, signoffs] = await Promise.all([
    sql<{ id: string; hire_date: IsoDate }>`SELECT p.id, p.hire_date FROM people p WHERE ${who}`.execute(db),
    sql<PersonFacts["levels"][number] & { person_id: string }>`
      SELECT l.person_id, l.track_code AS track, l.level_code AS level, l.started_on AS "startedOn", l.ended_on AS "endedOn"
      FROM person_levels l JOIN people p ON p.id = l.person_id
      WHERE l.org_id = ${orgId} AND ${who} ORDER BY l.started_on`.execute(db),
    sql<PersonFacts["certifications"][number] & { person_id: string }>`
      SELECT h.person_id, h.certification_code AS "certificationCode", h.earned_on AS "earnedOn", h.expires_on AS "expiresOn", h.verification_status AS "verificationStatus"
      FROM certification_holdings h JOIN people p ON p.id = h.person_id
      WHERE h.org_id = ${orgId} AND ${who}`.execute(db),
    sql<PersonFacts["signoffs"][number] & { person_id: string }>`
      SELECT s.person_id, s.competency_code AS competency, s.step_code AS "stepCode", s.proficiency,
             (s.signed_at AT TIME ZONE 'UTC')::date::text AS "signedOn", s.valid_until AS "validUntil"
      FROM competency_signoffs s
      JOIN people p ON p.id = s.person_id
      LEFT JOIN person_levels l ON l.person_id = s.person_id AND l.track_code = ${core.code} AND l.ended_on IS NULL
      JOIN unnest(${fromLevel}::text[], ${competency}::text[]) AS need(level_code, competency)
        ON need.level_code = coalesce(l.level_code, '') AND need.competency = s.competency_code
      WHERE s.org_id = ${orgId} AND ${who} AND s.revokes_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM competency_signoffs r WHERE r.revokes_id = s.id)`.execute(db),
  ]);
  const facts = new Map<string, PersonFacts>();
  for (const p of people.rows) facts.set(p.id, { personId: p.id, hireDate: p.hire_date, levels: [], certifications: [], signoffs: [], kpis: [], evaluations: [], trainings: [], mentoringHours: 0 });
  for (const l of levels.rows) facts.get(l.person_id)?.levels.push(l);
  for (const h of holdings.rows) facts.get(h.person_id)?.certifications.push(h);
  for (const s of signoffs.rows) facts.get(s.person_id)?.signoffs.push(s);
  return facts;
}
