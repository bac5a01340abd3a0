import type { Db, Tx } from "../../db/database.ts";
import { compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, type Actor } from "../auth/index.ts";
import { isLevelInForce } from "../ladder/eligibility.rules.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { getPerson } from "../roster/index.ts";
import { canMentor, isConfirmedOnLogging } from "./mentoring.rules.ts";

export interface PairingInput {
  mentorId: string;
  menteeId: string;
  goals?: string | null;
  startsOn: IsoDate;
  endsOn?: IsoDate | null;
}

/** An admin, or the manager of the mentee's site, pairs a mentor with a mentee. */
export async function createPairing(tx: Tx, actor: Actor, input: PairingInput, now: Date) {
  const mentee = await getPerson(tx, actor.orgId, input.menteeId).catch(() => {
    throw new AppError("VALIDATION_FAILED", "No such mentee in this organization", [{ field: "menteeId", message: "is not a person of this organization" }]);
  });
  const mentor = await getPerson(tx, actor.orgId, input.mentorId).catch(() => {
    throw new AppError("VALIDATION_FAILED", "No such mentor in this organization", [{ field: "mentorId", message: "is not a person of this organization" }]);
  });
  authorize(actor, "person.write", { id: mentee.id, orgId: mentee.org_id, siteId: mentee.site_id });
  if (mentor.status === "separated" || mentee.status === "separated") throw new AppError("CONFLICT", "Both people must still work for the organization");
  if (input.endsOn && compareDates(input.endsOn, input.startsOn) < 0) {
    throw new AppError("VALIDATION_FAILED", "The end date is before the start date", [{ field: "endsOn", message: "must be on or after startsOn" }]);
  }
  const { definition } = await getPublishedFramework(tx, actor.orgId);
  const core = definition.tracks.find((t) => t.kind === "core")!;
  const leadRank = [...core.levels].sort((a, b) => a.rank - b.rank).find((l) => l.requirements.some((r) => r.kind === "mentoring"))?.rank ?? null;
  const today = dateInZone(now, mentor.site_time_zone);
  const held = await tx.selectFrom("person_levels").select(["level_code", "started_on", "ended_on"]).where("person_id", "=", mentor.id).where("track_code", "=", core.code).execute();
  const inForce = held.find((l) => isLevelInForce({ startedOn: l.started_on, endedOn: l.ended_on }, today));
  const coreRank = inForce ? core.levels.find((l) => l.code === inForce.level_code)?.rank ?? null : null;
  const decision = canMentor({ id: mentor.id, role: mentor.role, coreRank }, mentee.id, leadRank);
  if (!decision.allowed) throw new AppError("VALIDATION_FAILED", decision.reason!, [{ field: "mentorId", message: decision.reason! }]);
  const existing = await tx.selectFrom("mentor_pairings").select("id").where("mentor_id", "=", mentor.id).where("mentee_id", "=", mentee.id).where("status", "=", "active").executeTakeFirst();
  if (existing) throw new AppError("CONFLICT", "This mentor already has an active pairing with this mentee", [{ field: "mentorId", message: "already mentors this person" }]);
  const pairing = await tx
    .insertInto("mentor_pairings")
    .values({ org_id: actor.orgId, mentor_id: mentor.id, mentee_id: mentee.id, goals: input.goals?.trim() ?? "", starts_on: input.startsOn, ends_on: input.endsOn ?? null, created_by: actor.personId, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "mentor_pairing", entityId: pairing.id, action: "mentoring.paired", after: { mentorId: mentor.id, menteeId: mentee.id, goals: pairing.goals, startsOn: pairing.starts_on, endsOn: pairing.ends_on } }, now);
  return pairing;
}

/** Ends a pairing (its sessions stay and keep counting). */
export async function endPairing(tx: Tx, actor: Actor, pairingId: string, endsOn: IsoDate, now: Date) {
  const pairing = await getPairing(tx, actor.orgId, pairingId);
  const mentee = await getPerson(tx, actor.orgId, pairing.mentee_id);
  authorize(actor, "person.write", { id: mentee.id, orgId: mentee.org_id, siteId: mentee.site_id });
  if (pairing.status !== "active") throw new AppError("CONFLICT", "This pairing has already ended");
  if (compareDates(endsOn, pairing.starts_on) < 0) throw new AppError("VALIDATION_FAILED", "The end date is before the start date", [{ field: "endsOn", message: "must be on or after the start date" }]);
  const updated = await tx.updateTable("mentor_pairings").set({ status: "ended", ends_on: endsOn }).where("id", "=", pairing.id).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "mentor_pairing", entityId: pairing.id, action: "mentoring.ended", before: { status: "active", endsOn: pairing.ends_on }, after: { status: "ended", endsOn } }, now);
  return updated;
}

export async function getPairing(db: Db | Tx, orgId: string, pairingId: string) {
  const pairing = await db.selectFrom("mentor_pairings").selectAll().where("org_id", "=", orgId).where("id", "=", pairingId).executeTakeFirst();
  if (!pairing) throw notFound("Pairing");
  return pairing;
}

export interface SessionInput {
  heldOn: IsoDate;
  durationMinutes: number;
  topics: string;
  notes?: string | null;
}

/** The mentor or the mentee logs a session; the mentor's counts at once, the mentee's awaits the mentor's confirmation. */
export async function logSession(tx: Tx, actor: Actor, pairingId: string, input: SessionInput, now: Date) {
  const pairing = await getPairing(tx, actor.orgId, pairingId);
  if (actor.personId !== pairing.mentor_id && actor.personId !== pairing.mentee_id) throw new AppError("FORBIDDEN", "Only the mentor or the mentee logs this pairing's sessions");
  if (compareDates(input.heldOn, pairing.starts_on) < 0 || (pairing.ends_on && compareDates(input.heldOn, pairing.ends_on) > 0)) {
    throw new AppError("VALIDATION_FAILED", "The session is outside the pairing's dates", [{ field: "heldOn", message: `must be between ${pairing.starts_on} and ${pairing.ends_on ?? "today"}` }]);
  }
  const mentor = await getPerson(tx, actor.orgId, pairing.mentor_id);
  if (compareDates(input.heldOn, dateInZone(now, mentor.site_time_zone)) > 0) throw new AppError("VALIDATION_FAILED", "The session date is in the future", [{ field: "heldOn", message: "must not be in the future" }]);
  const confirmed = isConfirmedOnLogging(actor.personId, pairing.mentor_id);
  const session = await tx
    .insertInto("mentoring_sessions")
    .values({
      org_id: actor.orgId,
      pairing_id: pairing.id,
      held_on: input.heldOn,
      duration_minutes: input.durationMinutes,
      topics: input.topics.trim(),
      notes: input.notes?.trim() ?? "",
      logged_by: actor.personId,
      confirmed_by: confirmed ? actor.personId : null,
      confirmed_at: confirmed ? now : null,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "mentoring_session", entityId: session.id, action: "mentoring.session_logged", after: { pairingId: pairing.id, heldOn: session.held_on, durationMinutes: session.duration_minutes, topics: session.topics, confirmed } }, now);
  return session;
}

/** The other party confirms a session the mentee logged (the mentor, since the mentor's own count at once). */
export async function confirmSession(tx: Tx, actor: Actor, sessionId: string, now: Date) {
  const session = await tx.selectFrom("mentoring_sessions").selectAll().where("org_id", "=", actor.orgId).where("id", "=", sessionId).forUpdate().executeTakeFirst();
  if (!session) throw notFound("Session");
  const pairing = await getPairing(tx, actor.orgId, session.pairing_id);
  const parties = [pairing.mentor_id, pairing.mentee_id];
  if (!parties.includes(actor.personId)) throw new AppError("FORBIDDEN", "Only the mentor or the mentee confirms this pairing's sessions");
  if (session.logged_by === actor.personId) throw new AppError("FORBIDDEN", "A session is confirmed by the other person, not the one who logged it");
  if (session.confirmed_at) throw new AppError("CONFLICT", "This session is already confirmed");
  const updated = await tx.updateTable("mentoring_sessions").set({ confirmed_by: actor.personId, confirmed_at: now }).where("id", "=", session.id).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "mentoring_session", entityId: session.id, action: "mentoring.session_confirmed", before: { confirmed: false }, after: { confirmed: true } }, now);
  return updated;
}
