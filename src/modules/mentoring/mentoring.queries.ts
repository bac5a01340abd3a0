import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { dateInZone } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { can, type Actor } from "../auth/policy.ts";
import { evaluateNext } from "../ladder/eligibility.rules.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { loadPersonFacts } from "../ladder/person-facts.ts";
import { getPairing } from "./manage-mentoring.ts";

function pairingsQuery(db: Db, orgId: string) {
  return db
    .selectFrom("mentor_pairings as mp")
    .innerJoin("people as mentor", "mentor.id", "mp.mentor_id")
    .innerJoin("people as mentee", "mentee.id", "mp.mentee_id")
    .innerJoin("sites as s", "s.id", "mentee.site_id")
    .select([
      "mp.id",
      "mp.mentor_id",
      "mp.mentee_id",
      "mp.goals",
      "mp.starts_on",
      "mp.ends_on",
      "mp.status",
      "mentor.first_name as mentor_first",
      "mentor.last_name as mentor_last",
      "mentee.first_name as mentee_first",
      "mentee.last_name as mentee_last",
      "mentee.site_id as mentee_site_id",
      "s.code as mentee_site_code",
      "s.time_zone as mentee_time_zone",
    ])
    .select((eb) =>
      eb
        .selectFrom("mentoring_sessions as ms")
        .select(sql<number>`coalesce(sum(ms.duration_minutes), 0)::int`.as("m"))
        .whereRef("ms.pairing_id", "=", "mp.id")
        .where("ms.confirmed_at", "is not", null)
        .as("confirmed_minutes"),
    )
    .where("mp.org_id", "=", orgId);
}

type PairingRow = Awaited<ReturnType<ReturnType<typeof pairingsQuery>["execute"]>>[number];

export function toPairingDto(p: PairingRow) {
  return {
    id: p.id,
    mentor: { id: p.mentor_id, firstName: p.mentor_first, lastName: p.mentor_last },
    mentee: { id: p.mentee_id, firstName: p.mentee_first, lastName: p.mentee_last, siteId: p.mentee_site_id, siteCode: p.mentee_site_code },
    goals: p.goals,
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    status: p.status,
    confirmedHours: Math.round((Number(p.confirmed_minutes ?? 0) / 60) * 100) / 100,
  };
}

/** Pairings an admin (all) or manager (mentees at their sites) administers. */
export async function listPairings(db: Db, actor: Actor) {
  let query = pairingsQuery(db, actor.orgId);
  if (actor.role !== "admin") query = actor.managedSiteIds.length ? query.where("mentee.site_id", "in", actor.managedSiteIds) : query.where((eb) => eb.lit(false));
  const rows = await query.orderBy("mp.status").orderBy("mentee.last_name").execute();
  return rows.map(toPairingDto);
}

async function sessionsOf(db: Db, pairingIds: string[]) {
  if (!pairingIds.length) return [];
  const rows = await db
    .selectFrom("mentoring_sessions as ms")
    .innerJoin("people as l", "l.id", "ms.logged_by")
    .select(["ms.id", "ms.pairing_id", "ms.held_on", "ms.duration_minutes", "ms.topics", "ms.notes", "ms.logged_by", "ms.confirmed_at", "l.first_name", "l.last_name"])
    .where("ms.pairing_id", "in", pairingIds)
    .orderBy("ms.held_on", "desc")
    .orderBy("ms.created_at", "desc")
    .execute();
  return rows.map((s) => ({
    id: s.id,
    pairingId: s.pairing_id,
    heldOn: s.held_on,
    durationMinutes: s.duration_minutes,
    topics: s.topics,
    notes: s.notes,
    loggedBy: { id: s.logged_by, name: `${s.first_name} ${s.last_name}` },
    confirmed: s.confirmed_at !== null,
  }));
}

/** The sessions of one pairing: for its mentor and mentee, the mentee's site manager, an admin. */
export async function pairingSessions(db: Db, actor: Actor, pairingId: string) {
  const pairing = await getPairing(db, actor.orgId, pairingId);
  const [row] = await pairingsQuery(db, actor.orgId).where("mp.id", "=", pairing.id).execute();
  const isParty = actor.personId === pairing.mentor_id || actor.personId === pairing.mentee_id;
  if (!isParty && !can(actor, "person.write", { id: pairing.mentee_id, orgId: actor.orgId, siteId: row.mentee_site_id })) {
    throw new AppError("FORBIDDEN", "You do not have access to this pairing");
  }
  return { pairing: toPairingDto(row), sessions: await sessionsOf(db, [pairing.id]) };
}

/**
 * The mentor's page: active mentees with their next-level gaps straight from the eligibility
 * engine (missing requirements), competencies still to sign off, and the mentor's own hours.
 */
export async function myMentees(db: Db, actor: Actor, now: Date) {
  const rows = await pairingsQuery(db, actor.orgId).where("mp.mentor_id", "=", actor.personId).where("mp.status", "=", "active").orderBy("mentee.last_name").execute();
  const { definition: framework } = await getPublishedFramework(db, actor.orgId);
  const facts = await loadPersonFacts(db, actor.orgId, [actor.personId, ...rows.map((r) => r.mentee_id)]);
  const sessions = await sessionsOf(db, rows.map((r) => r.id));
  return {
    mentoringHours: Math.round((facts.get(actor.personId)?.mentoringHours ?? 0) * 100) / 100,
    mentees: rows.map((r) => {
      const today = dateInZone(now, r.mentee_time_zone);
      const next = evaluateNext(facts.get(r.mentee_id)!, { framework }, today);
      const core = next.find((n) => framework.tracks.find((t) => t.code === n.track)?.kind === "core") ?? next[0] ?? null;
      const gaps = core ? core.requirements.filter((q) => q.status !== "met") : [];
      return {
        ...toPairingDto(r),
        nextLevel: core ? { track: core.track, level: core.level, levelName: core.levelName, percent: core.percent, eligible: core.eligible } : null,
        gaps: gaps.map((g) => ({ kind: g.kind, label: g.label, status: g.status, reason: g.reason })),
        pendingSignOffs: gaps.filter((g) => g.kind === "competency").map((g) => g.label),
        sessions: sessions.filter((s) => s.pairingId === r.id),
      };
    }),
  };
}

/** The technician's "My mentor" page: their pairings (active first) with goals and sessions. */
export async function myMentor(db: Db, actor: Actor) {
  const rows = await pairingsQuery(db, actor.orgId).where("mp.mentee_id", "=", actor.personId).orderBy("mp.status").orderBy("mp.starts_on", "desc").execute();
  const sessions = await sessionsOf(db, rows.map((r) => r.id));
  return { pairings: rows.map((r) => ({ ...toPairingDto(r), sessions: sessions.filter((s) => s.pairingId === r.id) })) };
}

/** Whether the person mentors someone now (an active pairing as mentor), whatever their role. */
export async function isActiveMentor(db: Db, orgId: string, personId: string): Promise<boolean> {
  const row = await db.selectFrom("mentor_pairings").select("id").where("org_id", "=", orgId).where("mentor_id", "=", personId).where("status", "=", "active").limit(1).executeTakeFirst();
  return row !== undefined;
}
