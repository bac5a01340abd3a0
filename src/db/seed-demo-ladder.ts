import { createHash } from "node:crypto";
import type { Tx } from "./database.ts";
import { addDays, addMonths, compareDates, daysBetween, type IsoDate } from "../lib/dates.ts";
import { Random } from "../lib/random.ts";
import { recordAudit, type AuditActor } from "../modules/audit/index.ts";
import { getPublishedFramework } from "../modules/ladder/framework.queries.ts";
import type { LevelDef, Proficiency } from "../modules/ladder/framework.types.ts";

const TECHNICIAN_EMAIL = "technician@demo.rxladder.test";

/** Competencies a level asks for, with the proficiency it needs, including those of the levels below it. */
function competenciesThrough(levels: LevelDef[]): Map<string, Proficiency> {
  const needed = new Map<string, Proficiency>();
  for (const level of levels) {
    for (const r of level.requirements) {
      if (r.kind === "competency") needed.set(r.competency, Math.max(needed.get(r.competency) ?? 1, r.minProficiency) as Proficiency);
    }
  }
  return needed;
}

/** A credential's expiry rolled forward by whole renewal cycles, as if it had been renewed on time. */
function renewedExpiry(earnedOn: IsoDate, cycleMonths: number, today: IsoDate): IsoDate {
  let expires = addMonths(earnedOn, cycleMonths);
  while (compareDates(expires, today) < 0) expires = addMonths(expires, cycleMonths);
  return expires;
}

/**
 * Places the demo organization's technicians on the core ladder with a believable history:
 * levels by tenure, state registration and national certification, and sign-offs by their
 * site's pharmacist. Kevin (the technician login) is a Tech I with the certification missing;
 * one colleague at his site is ready for Tech II.
 */
export async function seedDemoLadder(tx: Tx, orgId: string, system: AuditActor, today: IsoDate, now: Date) {
  const rng = new Random(7031);
  const { version, definition: framework } = await getPublishedFramework(tx, orgId);
  const core = framework.tracks.find((t) => t.kind === "core")!;
  const levels = [...core.levels].sort((a, b) => a.rank - b.rank);
  const people = await tx
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.email", "p.role", "p.hire_date", "p.status", "p.separation_date", "p.site_id", "s.state", "s.code"])
    .where("p.org_id", "=", orgId)
    .orderBy("p.employee_id")
    .execute();
  const pharmacistOf = new Map<string, string>();
  for (const p of people) if (p.role === "pharmacist" && !pharmacistOf.has(p.site_id)) pharmacistOf.set(p.site_id, p.id);
  let readyColleague = false;

  for (const p of people) {
    if (p.role !== "technician" && p.role !== "mentor") continue;
    const end = p.separation_date ?? today;
    const months = Math.floor(daysBetween(p.hire_date, end) / 30.44);
    const isKevin = p.email === TECHNICIAN_EMAIL;
    let rank = p.role === "mentor" ? 4 : months >= 30 ? 3 : months >= 12 ? 2 : 1;
    if (isKevin) rank = 1;
    const promotedOn = [p.hire_date, addMonths(p.hire_date, 9), addMonths(p.hire_date, 24), addMonths(p.hire_date, 33)];
    const history = levels.slice(0, rank).map((level, i) => ({
      org_id: orgId,
      person_id: p.id,
      track_code: core.code,
      level_code: level.code,
      started_on: promotedOn[i],
      ended_on: i < rank - 1 ? promotedOn[i + 1] : p.separation_date,
      created_at: now,
    }));
    await tx.insertInto("person_levels").values(history).execute();

    const registeredOn = p.hire_date;
    const holdings = [
      { code: "state-registration", earned: registeredOn, number: `${p.state}-TR${String(rng.int(10000, 99999))}`, state: p.state },
    ];
    const readyForTech2 = !readyColleague && !isKevin && rank === 1 && p.code === "OH-101" && p.status === "active" && months >= 6;
    if (rank >= 2 || readyForTech2) holdings.push({ code: "ptcb-cpht", earned: addMonths(p.hire_date, 8), number: String(rng.int(100000, 999999)), state: null as unknown as string });
    if (holdings.some((h) => compareDates(h.earned, today) > 0)) holdings.splice(1);
    await tx
      .insertInto("certification_holdings")
      .values(
        holdings.map((h) => ({
          org_id: orgId,
          person_id: p.id,
          certification_code: h.code,
          number: h.number,
          issuer: h.code === "ptcb-cpht" ? "PTCB" : `${p.state} Board of Pharmacy`,
          state: h.state ?? null,
          earned_on: h.earned,
          expires_on: renewedExpiry(h.earned, 24, today),
          verification_status: "verified" as const,
          verified_by: null,
          verified_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();

    // Sign-offs for everything through the current level; Kevin has Tech I and part of Tech II.
    const through = competenciesThrough(levels.slice(0, readyForTech2 ? 2 : rank));
    if (isKevin) {
      const tech2 = competenciesThrough([levels[1]]);
      let i = 0;
      for (const [code, proficiency] of tech2) if (!through.has(code) && i++ % 2 === 0) through.set(code, proficiency);
    }
    const assessor = pharmacistOf.get(p.site_id);
    if (!assessor) continue;
    const rows = [...through].map(([code, proficiency]) => {
      const competency = framework.competencies.find((c) => c.code === code);
      const signedOn = addDays(today, -rng.int(5, competency?.validityMonths ? competency.validityMonths * 28 : 300));
      const signedOnOrAfterHire = compareDates(signedOn, p.hire_date) < 0 ? p.hire_date : signedOn;
      const validUntil = competency?.validityMonths ? addMonths(signedOnOrAfterHire, competency.validityMonths) : null;
      const signedAt = new Date(`${signedOnOrAfterHire}T15:00:00Z`);
      const statement = JSON.stringify({ assessorId: assessor, personId: p.id, competency: code, proficiency, signedAt: signedAt.toISOString(), frameworkVersion: version });
      return {
        org_id: orgId,
        person_id: p.id,
        competency_code: code,
        step_code: null,
        proficiency: Math.max(proficiency, rank >= 3 ? 3 : proficiency),
        assessor_id: assessor,
        assessor_role: "pharmacist",
        signed_at: signedAt,
        valid_until: validUntil,
        evidence_note: "Observed during a regular shift",
        signature: createHash("sha256").update(statement).digest("hex"),
        framework_version: version,
      };
    });
    if (rows.length) await tx.insertInto("competency_signoffs").values(rows).execute();
    await recordAudit(tx, system, {
      entityType: "person",
      entityId: p.id,
      action: "ladder.placed",
      after: { level: `${core.code}/${levels[rank - 1].code}`, credentials: holdings.map((h) => h.code), signOffs: rows.length },
    }, now);
    if (readyForTech2) readyColleague = true;
  }
}
