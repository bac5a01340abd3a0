import type { Db } from "../../db/database.ts";
import { compareDates, dateInZone, daysBetween, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { can, rosterScope, type Actor } from "../auth/policy.ts";
import { listHoldings, mayRecordCertification, toHoldingDto, EXPIRING_SOON_DAYS } from "../certifications/index.ts";
import { getPerson } from "../roster/index.ts";
import { scopeFilter } from "../roster/people.queries.ts";
import { canSignOff, levelStanding } from "./assessor.rules.ts";
import { currentLevel, evaluateLevel, evaluateNext, isLevelInForce, isLevelUpcoming, nextLevel, type Eligibility, type PersonFacts } from "./eligibility.rules.ts";
import { getPublishedFramework } from "./framework.queries.ts";
import type { CompetencyDef, FrameworkDefinition } from "./framework.types.ts";
import { loadNextCoreLevelFacts, loadPersonFacts } from "./person-facts.ts";
import { findLevelsHeld, toAssessorFacts } from "./sign-off-competency.ts";

const zoneDates = (now: Date) => {
  const cache = new Map<string, IsoDate>();
  return (zone: string) => cache.get(zone) ?? cache.set(zone, dateInZone(now, zone)).get(zone)!;
};

export type CompetencyStatus = "valid" | "expiring" | "expired" | "in-progress" | "not-started";

/** A person's standing on one competency from their effective sign-offs. */
export function competencyStanding(competency: CompetencyDef, signoffs: PersonFacts["signoffs"], today: IsoDate) {
  const mine = signoffs.filter((s) => s.competency === competency.code);
  const valid = (until: IsoDate | null) => until === null || daysBetween(today, until) >= 0;
  const whole = mine.filter((s) => s.stepCode === null).sort((a, b) => (valid(b.validUntil) ? 1 : 0) - (valid(a.validUntil) ? 1 : 0) || b.proficiency - a.proficiency);
  const best = whole[0];
  const stepsSigned = new Set(mine.filter((s) => s.stepCode !== null && valid(s.validUntil)).map((s) => s.stepCode)).size;
  let status: CompetencyStatus = stepsSigned > 0 ? "in-progress" : "not-started";
  if (best) {
    if (!valid(best.validUntil)) status = "expired";
    else status = best.validUntil && daysBetween(today, best.validUntil) <= EXPIRING_SOON_DAYS ? "expiring" : "valid";
  }
  return { status, proficiency: best?.proficiency ?? null, validUntil: best?.validUntil ?? null, signedOn: best?.signedOn ?? null, stepsSigned, stepsTotal: competency.steps.length };
}

function levelLabel(framework: FrameworkDefinition, track: string, level: string) {
  const t = framework.tracks.find((x) => x.code === track);
  const l = t?.levels.find((x) => x.code === level);
  return { trackName: t?.name ?? track, levelName: l?.name ?? level, rank: l?.rank ?? 0 };
}

/** An evidence file attached to a record, as the ladder pages link to it. */
const evidenceLink = (id: string | null, fileName: string | null) => (id && fileName ? { id, fileName } : null);

/** The whole-competency sign-offs in force for a person, newest first, with who signed them and their evidence file. */
function signersOf(db: Db, personId: string) {
  return db
    .selectFrom("competency_signoffs as s")
    .innerJoin("people as a", "a.id", "s.assessor_id")
    .leftJoin("evidence_files as e", "e.id", "s.evidence_file_id")
    .select(["s.competency_code", "s.signed_at", "a.first_name", "a.last_name", "s.evidence_file_id", "e.file_name as evidence_file_name"])
    .where("s.person_id", "=", personId)
    .where("s.step_code", "is", null)
    .where("s.revokes_id", "is", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("competency_signoffs as r").select("r.id").whereRef("r.revokes_id", "=", "s.id"))))
    .orderBy("s.signed_at", "desc")
    .execute();
}

/**
 * Everything the "My ladder" page shows, for the person themself or someone allowed to see them.
 * Reads that do not depend on each other are sent together: a PostgreSQL pool runs them in
 * parallel, PGlite one after the other on its one connection.
 */
export async function personLadder(db: Db, actor: Actor, personId: string, now: Date) {
  const [person, { definition: framework }] = await Promise.all([getPerson(db, actor.orgId, personId), getPublishedFramework(db, actor.orgId)]);
  const ref = { id: person.id, orgId: person.org_id, siteId: person.site_id };
  if (!can(actor, "person.read", ref)) throw new AppError("FORBIDDEN", "You do not have access to this person");
  const isSelf = actor.personId === person.id;
  const [factsByPerson, signers, holdings, actorLevels, pending] = await Promise.all([
    loadPersonFacts(db, actor.orgId, [person.id]),
    signersOf(db, person.id),
    listHoldings(db, person.id),
    isSelf ? undefined : findLevelsHeld(db, actor.personId),
    db.selectFrom("promotions").select("id").where("person_id", "=", person.id).where("status", "=", "nominated").executeTakeFirst(),
  ]);
  const today = dateInZone(now, person.site_time_zone);
  const facts = factsByPerson.get(person.id)!;
  const next = evaluateNext(facts, { framework }, today);
  const subject = { personId: person.id, ...levelStanding(framework, facts.levels, today) };
  const assessor = toAssessorFacts(actor, levelStanding(framework, actorLevels ?? facts.levels, today));
  const mayAssessHere = can(actor, "person.assess", ref);
  const latestSigner = new Map<string, (typeof signers)[number]>();
  for (const signer of signers) if (!latestSigner.has(signer.competency_code)) latestSigner.set(signer.competency_code, signer);
  const started = facts.levels.filter((l) => !isLevelUpcoming(l, today));
  return {
    pendingPromotionId: pending?.id ?? null,
    person: { id: person.id, firstName: person.first_name, lastName: person.last_name, siteId: person.site_id, siteCode: person.site_code, hireDate: person.hire_date },
    currentLevels: facts.levels.filter((l) => isLevelInForce(l, today)).map((l) => ({ track: l.track, level: l.level, startedOn: l.startedOn, ...levelLabel(framework, l.track, l.level) })),
    /** Levels approved to start on a later date (a promotion effective next month). */
    upcomingLevels: facts.levels.filter((l) => isLevelUpcoming(l, today)).map((l) => ({ track: l.track, level: l.level, startedOn: l.startedOn, ...levelLabel(framework, l.track, l.level) })),
    next,
    history: started
      .map((l) => {
        const until = l.endedOn && compareDates(l.endedOn, today) < 0 ? l.endedOn : today;
        return { track: l.track, level: l.level, startedOn: l.startedOn, endedOn: l.endedOn, current: isLevelInForce(l, today), days: Math.max(0, daysBetween(l.startedOn, until)), ...levelLabel(framework, l.track, l.level) };
      })
      .reverse(),
    certifications: holdings.map((h) => toHoldingDto(h, today)),
    competencies: framework.competencies.map((c) => {
      const standing = competencyStanding(c, facts.signoffs, today);
      const signer = latestSigner.get(c.code);
      return {
        code: c.code,
        name: c.name,
        area: c.area,
        ...standing,
        signedAt: standing.signedOn,
        assessorName: signer ? `${signer.first_name} ${signer.last_name}` : null,
        evidenceFile: signer ? evidenceLink(signer.evidence_file_id, signer.evidence_file_name) : null,
        mayAssess: mayAssessHere && canSignOff(assessor, c, subject).allowed,
      };
    }),
    permissions: {
      canRecordCertification: mayRecordCertification(actor, ref),
      canVerifyCertification: can(actor, "person.write", ref) && actor.personId !== person.id,
      canNominate: can(actor, "person.write", ref),
      canAssess: mayAssessHere && framework.competencies.some((c) => canSignOff(assessor, c, subject).allowed),
      canRecordEvidence: can(actor, "person.recordEvidence", ref),
    },
  };
}

export interface TeamRow {
  person: { id: string; firstName: string; lastName: string; siteId: string; siteCode: string };
  current: { track: string; level: string; levelName: string } | null;
  next: { track: string; level: string; levelName: string; eligible: boolean; percent: number; missing: number; expiring: number } | null;
  pendingPromotionId: string | null;
}

/** Core-track readiness for everyone the actor may see (active and on leave), computed with one engine pass. */
export async function teamReadiness(db: Db, actor: Actor, filter: { siteId?: string }, now: Date): Promise<TeamRow[]> {
  let query = db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.first_name", "p.last_name", "p.site_id", "s.code", "s.time_zone"])
    .where("p.org_id", "=", actor.orgId)
    .where("p.status", "!=", "separated")
    .where("p.role", "in", ["technician", "mentor"])
    .where(scopeFilter(actor.role === "mentor" ? { kind: "sites", siteIds: [actor.homeSiteId] } : rosterScope(actor)) as any);
  if (filter.siteId) query = query.where("p.site_id", "=", filter.siteId);
  const [people, { definition: framework }, pending] = await Promise.all([
    query.orderBy("p.last_name").orderBy("p.first_name").execute(),
    getPublishedFramework(db, actor.orgId),
    db.selectFrom("promotions").select(["id", "person_id"]).where("org_id", "=", actor.orgId).where("status", "=", "nominated").execute(),
  ]);
  const facts = await loadPersonFacts(db, actor.orgId, people.map((p) => p.id));
  const todayIn = zoneDates(now);
  const core = framework.tracks.find((t) => t.kind === "core")!;
  return people.map((p) => {
    const f = facts.get(p.id)!;
    const today = todayIn(p.time_zone);
    const current = currentLevel(f, core, today);
    const next: Eligibility | undefined = evaluateNext(f, { framework }, today).find((e) => e.track === core.code);
    return {
      person: { id: p.id, firstName: p.first_name, lastName: p.last_name, siteId: p.site_id, siteCode: p.code },
      current: current ? { track: core.code, level: current.code, levelName: current.name } : null,
      next: next ? { track: next.track, level: next.level, levelName: next.levelName, eligible: next.eligible, percent: next.percent, missing: next.requirements.filter((r) => r.status === "missing").length, expiring: next.requirements.filter((r) => r.status === "expiring").length } : null,
      pendingPromotionId: pending.find((x) => x.person_id === p.id)?.id ?? null,
    };
  });
}

/** People the actor may assess on at least one competency. */
export async function assessablePeople(db: Db, actor: Actor, now: Date) {
  let query = db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .leftJoin("person_levels as l", "l.person_id", "p.id")
    .select(["p.id", "p.first_name", "p.last_name", "s.code", "s.time_zone", "l.track_code", "l.level_code", "l.started_on", "l.ended_on"])
    .where("p.org_id", "=", actor.orgId)
    .where("p.status", "!=", "separated")
    .where("p.id", "!=", actor.personId)
    .where("p.role", "in", ["technician", "mentor"]);
  // Assessors work with the technicians of their own site (managers: their sites; admins: all).
  if (actor.role === "manager") query = actor.managedSiteIds.length ? query.where("p.site_id", "in", actor.managedSiteIds) : query.where((eb) => eb.lit(false));
  else if (actor.role !== "admin") query = query.where("p.site_id", "=", actor.homeSiteId);
  const [{ definition: framework }, home, actorLevels, rows] = await Promise.all([
    getPublishedFramework(db, actor.orgId),
    db.selectFrom("sites").select("time_zone").where("id", "=", actor.homeSiteId).executeTakeFirstOrThrow(),
    findLevelsHeld(db, actor.personId),
    query.orderBy("p.last_name").orderBy("p.first_name").execute(),
  ]);
  const todayIn = zoneDates(now);
  const assessor = toAssessorFacts(actor, levelStanding(framework, actorLevels, todayIn(home.time_zone)));
  const core = framework.tracks.find((t) => t.kind === "core");
  const byPerson = new Map<string, { id: string; firstName: string; lastName: string; siteCode: string; levelName: string | null; coreRank: number }>();
  for (const row of rows) {
    const entry = byPerson.get(row.id) ?? { id: row.id, firstName: row.first_name, lastName: row.last_name, siteCode: row.code, levelName: null, coreRank: 0 };
    const inForce = row.started_on !== null && isLevelInForce({ startedOn: row.started_on, endedOn: row.ended_on }, todayIn(row.time_zone));
    const level = inForce && row.track_code === core?.code ? core?.levels.find((l) => l.code === row.level_code) : undefined;
    if (level) {
      entry.levelName = level.name;
      entry.coreRank = level.rank;
    }
    byPerson.set(row.id, entry);
  }
  return [...byPerson.values()]
    .filter((p) => framework.competencies.some((c) => canSignOff(assessor, c, { personId: p.id, coreRank: p.coreRank }).allowed))
    .map(({ coreRank: _rank, ...rest }) => rest);
}

/** One competency for one person: its steps with what is signed, and whether the actor may assess it. */
export async function competencyDetail(db: Db, actor: Actor, personId: string, code: string, now: Date) {
  const [person, { definition: framework }] = await Promise.all([getPerson(db, actor.orgId, personId), getPublishedFramework(db, actor.orgId)]);
  const ref = { id: person.id, orgId: person.org_id, siteId: person.site_id };
  const mayRead = can(actor, "person.read", ref);
  if (!mayRead && !can(actor, "person.assess", ref)) throw new AppError("FORBIDDEN", "You do not have access to this person");
  const competency = framework.competencies.find((c) => c.code === code);
  if (!competency) throw new AppError("NOT_FOUND", `No competency ${code}`);
  const [rows, factsByPerson, actorLevels] = await Promise.all([
    db
      .selectFrom("competency_signoffs as s")
      .innerJoin("people as a", "a.id", "s.assessor_id")
      .leftJoin("evidence_files as e", "e.id", "s.evidence_file_id")
      .select(["s.id", "s.step_code", "s.proficiency", "s.signed_at", "s.valid_until", "s.evidence_note", "s.evidence_file_id", "e.file_name as evidence_file_name", "s.revokes_id", "a.first_name", "a.last_name"])
      .select((eb) => eb.exists(eb.selectFrom("competency_signoffs as r").select("r.id").whereRef("r.revokes_id", "=", "s.id")).as("revoked"))
      .where("s.person_id", "=", person.id)
      .where("s.competency_code", "=", code)
      .orderBy("s.signed_at", "desc")
      .execute(),
    loadPersonFacts(db, actor.orgId, [person.id]),
    actor.personId === person.id ? undefined : findLevelsHeld(db, actor.personId),
  ]);
  const today = dateInZone(now, person.site_time_zone);
  const facts = factsByPerson.get(person.id)!;
  const effective = rows.filter((r) => !r.revokes_id && !r.revoked);
  const assessor = toAssessorFacts(actor, levelStanding(framework, actorLevels ?? facts.levels, today));
  const decision = canSignOff(assessor, competency, { personId: person.id, ...levelStanding(framework, facts.levels, today) });
  const stillValid = (until: string | null) => until === null || daysBetween(today, until) >= 0;
  return {
    competency,
    mayAssess: decision.allowed,
    reason: decision.reason,
    status: competencyStanding(competency, facts.signoffs, today).status,
    steps: competency.steps.map((step) => {
      const signed = effective.find((r) => r.step_code === step.code && stillValid(r.valid_until));
      return { code: step.code, text: step.text, signed: Boolean(signed), signedAt: signed ? new Date(signed.signed_at).toISOString() : null, assessorName: signed ? `${signed.first_name} ${signed.last_name}` : null };
    }),
    signoffs: rows
      .filter((r) => !r.revokes_id)
      .map((r) => ({
        id: r.id,
        stepCode: r.step_code,
        proficiency: r.proficiency!,
        signedAt: new Date(r.signed_at).toISOString(),
        validUntil: r.valid_until,
        assessorName: `${r.first_name} ${r.last_name}`,
        evidenceNote: r.evidence_note,
        // Downloading it needs access to the person's record, which an assessor may not have.
        evidenceFile: mayRead ? evidenceLink(r.evidence_file_id, r.evidence_file_name) : null,
        revoked: Boolean(r.revoked),
      })),
  };
}

/** Everyone's next core level and status across the organization: the CLI report and the org-wide recompute. */
export async function organizationEligibility(db: Db, orgId: string, now: Date) {
  const { definition: framework } = await getPublishedFramework(db, orgId);
  const core = framework.tracks.find((t) => t.kind === "core")!;
  const [people, facts] = await Promise.all([
    db
      .selectFrom("people as p")
      .innerJoin("sites as s", "s.id", "p.site_id")
      .select(["p.id", "p.employee_id", "p.first_name", "p.last_name", "s.code", "s.time_zone"])
      .where("p.org_id", "=", orgId)
      .where("p.status", "!=", "separated")
      .where("p.role", "in", ["technician", "mentor"])
      .orderBy("p.employee_id")
      .execute(),
    loadNextCoreLevelFacts(db, orgId, framework, now),
  ]);
  const todayIn = zoneDates(now);
  // The two reads run side by side, not in one snapshot: someone who joined or left between them is
  // in one only, and is left out of this pass.
  return people.flatMap((p) => {
    const f = facts.get(p.id);
    if (!f) return [];
    const today = todayIn(p.time_zone);
    const current = currentLevel(f, core, today);
    const level = nextLevel(f, core, today);
    const next = level ? evaluateLevel(f, core, level, { framework }, today) : undefined;
    return {
      employeeId: p.employee_id,
      name: `${p.first_name} ${p.last_name}`,
      site: p.code,
      currentLevel: current?.name ?? "",
      nextLevel: next?.levelName ?? "",
      eligible: next?.eligible ?? false,
      percent: next?.percent ?? 100,
      missing: next ? next.requirements.filter((r) => r.status === "missing").map((r) => r.label) : [],
      expiring: next ? next.requirements.filter((r) => r.status === "expiring").map((r) => `${r.label} (${r.expiresOn})`) : [],
    };
  });
}
