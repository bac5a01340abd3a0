import { createHash, randomBytes } from "node:crypto";
import type { Db, Tx } from "../../db/database.ts";
import { addDays, compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, type Actor } from "../auth/index.ts";
import { getPerson } from "../roster/index.ts";
import { icsCalendar } from "./ics.ts";
import { DEFAULT_AVAILABILITY } from "./load-planning-input.ts";

/** Published assignments of a person over a period, with the station, shift and site. */
async function publishedAssignments(db: Db | Tx, personId: string, from: IsoDate, to: IsoDate) {
  return db
    .selectFrom("rotation_assignments as a")
    .innerJoin("rotation_plans as p", "p.id", "a.plan_id")
    .innerJoin("rotation_stations as st", "st.id", "a.station_id")
    .innerJoin("rotation_shifts as sh", "sh.id", "a.shift_id")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["a.id", "a.day", "a.starts_at", "a.ends_at", "a.trainee", "a.source", "a.updated_at", "st.name as station_name", "st.code as station_code", "sh.name as shift_name", "s.code as site_code", "s.name as site_name", "s.time_zone", "p.published_at"])
    .where("a.person_id", "=", personId)
    .where("p.status", "=", "published")
    .where("a.day", ">=", from)
    .where("a.day", "<=", to)
    .orderBy("a.starts_at")
    .execute();
}

/** A person's schedule: their published shifts and their leave requests over a period (the person, their manager, an admin). */
export async function personSchedule(db: Db, actor: Actor, personId: string, range: { from?: IsoDate; to?: IsoDate }, now: Date) {
  const person = await getPerson(db, actor.orgId, personId);
  authorize(actor, "person.read", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  const site = await db.selectFrom("sites").select("time_zone").where("id", "=", person.site_id).executeTakeFirstOrThrow();
  const today = dateInZone(now, site.time_zone);
  const from = range.from ?? addDays(today, -7);
  const to = range.to ?? addDays(today, 56);
  if (compareDates(from, to) > 0) throw new AppError("VALIDATION_FAILED", "from is after to", [{ field: "from", message: "is after to" }]);
  const [shifts, leave, feed] = await Promise.all([
    publishedAssignments(db, person.id, from, to),
    db.selectFrom("rotation_leave_requests").select(["id", "kind", "starts_on", "ends_on", "status", "note", "decision_note"]).where("person_id", "=", person.id).where("ends_on", ">=", from).where("starts_on", "<=", to).orderBy("starts_on").execute(),
    db.selectFrom("rotation_calendar_feeds").select("created_at").where("person_id", "=", person.id).executeTakeFirst(),
  ]);
  return {
    person: { id: person.id, name: `${person.first_name} ${person.last_name}` },
    today,
    from,
    to,
    shifts: shifts.map((s) => ({ id: s.id, day: s.day, startsAt: s.starts_at, endsAt: s.ends_at, station: s.station_name, shift: s.shift_name, site: { code: s.site_code, name: s.site_name, timeZone: s.time_zone }, trainee: s.trainee, backfill: s.source === "backfill" })),
    leave: leave.map((l) => ({ id: l.id, kind: l.kind, startsOn: l.starts_on, endsOn: l.ends_on, status: l.status, note: l.note, decisionNote: l.decision_note })),
    calendarFeed: feed ? { createdAt: feed.created_at } : null,
  };
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates (or replaces, which stops the old link) the caller's calendar feed; the token is shown once. */
export async function createCalendarFeed(tx: Tx, actor: Actor, now: Date): Promise<{ token: string; path: string }> {
  const token = randomBytes(24).toString("base64url");
  await tx
    .insertInto("rotation_calendar_feeds")
    .values({ person_id: actor.personId, org_id: actor.orgId, token_hash: hashToken(token), created_at: now })
    .onConflict((oc) => oc.column("person_id").doUpdateSet({ token_hash: hashToken(token), created_at: now }))
    .execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_calendar_feed", entityId: actor.personId, action: "rotation.calendar_feed_created" }, now);
  return { token, path: `/api/calendar/${token}.ics` };
}

/** Stops the caller's calendar feed. */
export async function deleteCalendarFeed(tx: Tx, actor: Actor, now: Date): Promise<void> {
  const gone = await tx.deleteFrom("rotation_calendar_feeds").where("person_id", "=", actor.personId).returning("person_id").executeTakeFirst();
  if (gone) await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_calendar_feed", entityId: actor.personId, action: "rotation.calendar_feed_deleted" }, now);
}

/** The iCalendar feed behind a token: published shifts from 30 days back to 120 days ahead. Unknown tokens are not found. */
export async function calendarFeed(db: Db, token: string, now: Date): Promise<string> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new AppError("NOT_FOUND", "Calendar not found");
  const feed = await db
    .selectFrom("rotation_calendar_feeds as f")
    .innerJoin("people as p", "p.id", "f.person_id")
    .select(["f.person_id", "p.first_name", "p.last_name", "p.status"])
    .where("f.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!feed || feed.status === "separated") throw new AppError("NOT_FOUND", "Calendar not found");
  const today = now.toISOString().slice(0, 10);
  const shifts = await publishedAssignments(db, feed.person_id, addDays(today, -30), addDays(today, 120));
  return icsCalendar(`Rx Ladder shifts: ${feed.first_name} ${feed.last_name}`, shifts.map((s) => ({
    uid: `${s.id}@rxladder`,
    start: new Date(s.starts_at),
    end: new Date(s.ends_at),
    stamp: new Date(s.updated_at),
    summary: `${s.station_name}${s.trainee ? " (training)" : ""}, ${s.shift_name}`,
    location: `${s.site_name} (${s.site_code})`,
    description: `${s.station_name} at ${s.site_name}, ${s.shift_name} on ${s.day}.`,
  })));
}

export interface AvailabilityInput {
  weeklyHours: number;
  minRestHours: number;
  shifts: string[] | null;
  preferredStations: string[];
  avoidedStations: string[];
  floatSiteIds: string[];
}

/** A person's working pattern (the defaults when none was set): the person, their manager, an admin. */
export async function getAvailability(db: Db | Tx, actor: Actor, personId: string) {
  const person = await getPerson(db, actor.orgId, personId);
  authorize(actor, "person.read", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  const row = await db.selectFrom("rotation_availability").selectAll().where("person_id", "=", person.id).executeTakeFirst();
  return {
    personId: person.id,
    homeSiteId: person.site_id,
    weeklyHours: row?.weekly_hours ?? DEFAULT_AVAILABILITY.weeklyHours,
    minRestHours: row?.min_rest_hours ?? DEFAULT_AVAILABILITY.minRestHours,
    shifts: (row?.shifts as string[] | null | undefined) ?? null,
    preferredStations: row?.preferred_stations ?? [],
    avoidedStations: row?.avoided_stations ?? [],
    floatSiteIds: row?.float_site_ids ?? [],
    isDefault: !row,
  };
}

/** Sets a person's working pattern: their site's manager or an admin. */
export async function setAvailability(tx: Tx, actor: Actor, personId: string, input: AvailabilityInput, now: Date) {
  const person = await getPerson(tx, actor.orgId, personId);
  authorize(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  const problems: FieldError[] = [];
  const floatSites = [...new Set(input.floatSiteIds)].filter((id) => id !== person.site_id);
  if (floatSites.length) {
    const known = await tx.selectFrom("sites").select("id").where("org_id", "=", actor.orgId).where("id", "in", floatSites).execute();
    floatSites.forEach((id, i) => {
      if (!known.some((k) => k.id === id)) problems.push({ field: `floatSiteIds.${i}`, message: "is not a site of this organization" });
    });
  }
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
  const before = await getAvailability(tx, actor, person.id);
  const values = {
    weekly_hours: input.weeklyHours,
    min_rest_hours: input.minRestHours,
    shifts: input.shifts === null ? null : JSON.stringify([...new Set(input.shifts)]),
    preferred_stations: [...new Set(input.preferredStations)],
    avoided_stations: [...new Set(input.avoidedStations)],
    float_site_ids: floatSites,
    updated_by: actor.personId,
    updated_at: now,
  };
  await tx.insertInto("rotation_availability").values({ person_id: person.id, org_id: actor.orgId, ...values }).onConflict((oc) => oc.column("person_id").doUpdateSet(values)).execute();
  const after = await getAvailability(tx, actor, person.id);
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_availability", entityId: person.id, action: "rotation.availability_set", before, after }, now);
  return after;
}
