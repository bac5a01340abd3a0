import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { Proficiency } from "./framework.types.ts";
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
