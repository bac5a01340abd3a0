import type { Db, Tx } from "../../db/database.ts";
import type { LeaveKind } from "../../db/schema.ts";
import { compareDates, daysBetween, type IsoDate } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, can, type Actor } from "../auth/index.ts";
import { storeNotifications } from "../notifications/index.ts";
import { getPerson } from "../roster/index.ts";

export interface LeaveInput {
  personId?: string;
  kind: LeaveKind;
  startsOn: IsoDate;
  endsOn: IsoDate;
  note?: string | null;
}

export interface LeaveDto {
  id: string;
  person: { id: string; name: string; siteId: string };
  kind: LeaveKind;
  startsOn: IsoDate;
  endsOn: IsoDate;
  note: string | null;
  status: string;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** Assignments in published or draft plans the leave falls on (who needs a backfill). */
  affectedAssignments: number;
}

export const KIND_LABELS: Record<LeaveKind, string> = { pto: "PTO", sick: "sick leave", leave: "leave", "call-out": "call-out" };

const fail = (problems: FieldError[]) => {
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
};

/**
 * Records a leave request. A technician asks for their own PTO, sick day or leave (it waits for a
 * manager); a manager (or admin) records one for someone at their site, and a call-out, which is
 * approved at once since the person is already not coming in.
 */
export async function requestLeave(tx: Tx, actor: Actor, input: LeaveInput, now: Date, publicUrl = "") {
  const person = await getPerson(tx, actor.orgId, input.personId ?? actor.personId);
  const own = person.id === actor.personId;
  const manages = can(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  if (!own && !manages) throw new AppError("FORBIDDEN", "You may request leave only for yourself");
  const problems: FieldError[] = [];
  if (compareDates(input.endsOn, input.startsOn) < 0) problems.push({ field: "endsOn", message: "is before startsOn" });
  else if (daysBetween(input.startsOn, input.endsOn) > 366) problems.push({ field: "endsOn", message: "makes a request longer than a year" });
  if (input.kind === "call-out" && !(manages && !own)) problems.push({ field: "kind", message: "call-outs are recorded by a manager" });
  fail(problems);
  const overlapping = await tx
    .selectFrom("rotation_leave_requests")
    .select(["starts_on", "ends_on", "status"])
    .where("person_id", "=", person.id)
    .where("status", "in", ["requested", "approved"])
    .where("starts_on", "<=", input.endsOn)
    .where("ends_on", ">=", input.startsOn)
    .executeTakeFirst();
  if (overlapping) fail([{ field: "startsOn", message: `overlaps a request already ${overlapping.status} (${overlapping.starts_on} to ${overlapping.ends_on})` }]);
  const approvedNow = input.kind === "call-out";
  const row = await tx
    .insertInto("rotation_leave_requests")
    .values({
      org_id: actor.orgId,
      person_id: person.id,
      kind: input.kind,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      note: input.note?.trim() || null,
      status: approvedNow ? "approved" : "requested",
      requested_by: actor.personId,
      requested_at: now,
      decided_by: approvedNow ? actor.personId : null,
      decided_at: approvedNow ? now : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_leave", entityId: row.id, action: approvedNow ? "rotation.call_out_recorded" : "rotation.leave_requested", after: { personId: person.id, kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn } }, now);
  if (!approvedNow) {
    // The site's managers see the request waiting for their decision (in the app, and by e-mail if they want).
    const managers = await tx.selectFrom("manager_sites").select("person_id").where("site_id", "=", person.site_id).where("person_id", "!=", person.id).execute();
    const what = `${KIND_LABELS[input.kind]} ${input.startsOn}${input.endsOn !== input.startsOn ? ` to ${input.endsOn}` : ""}`;
    await storeNotifications(tx, actor.orgId, managers.map((m) => ({
      recipientId: m.person_id,
      kind: "approval-waiting",
      subjectKey: `rotation-leave:${row.id}`,
      period: input.startsOn,
      title: `${person.first_name} ${person.last_name} asks for ${what}`,
      body: input.note?.trim() ? `Note: ${input.note.trim()}` : "Approve or reject it on the Rotations page; approving shows the shifts that need cover.",
      link: "/rotations",
      dueOn: input.startsOn,
    })), now, publicUrl);
  }
  return getLeave(tx, actor, row.id);
}

async function leaveRow(db: Db | Tx, actor: Actor, id: string) {
  const row = await db
    .selectFrom("rotation_leave_requests as l")
    .innerJoin("people as p", "p.id", "l.person_id")
    .selectAll("l")
    .select(["p.first_name", "p.last_name", "p.site_id"])
    .where("l.org_id", "=", actor.orgId)
    .where("l.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "Leave request not found");
  return row;
}

async function affectedCount(db: Db | Tx, personId: string, startsOn: IsoDate, endsOn: IsoDate): Promise<number> {
  const row = await db
    .selectFrom("rotation_assignments as a")
    .innerJoin("rotation_plans as p", "p.id", "a.plan_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("a.person_id", "=", personId)
    .where("p.status", "in", ["draft", "published"])
    .where("a.day", ">=", startsOn)
    .where("a.day", "<=", endsOn)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function toDto(row: Awaited<ReturnType<typeof leaveRow>>, affected: number): LeaveDto {
  return {
    id: row.id,
    person: { id: row.person_id, name: `${row.first_name} ${row.last_name}`, siteId: row.site_id },
    kind: row.kind,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    note: row.note,
    status: row.status,
    requestedAt: row.requested_at,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    affectedAssignments: affected,
  };
}

export async function getLeave(db: Db | Tx, actor: Actor, id: string): Promise<LeaveDto> {
  const row = await leaveRow(db, actor, id);
  authorize(actor, "person.read", { id: row.person_id, orgId: row.org_id, siteId: row.site_id });
  return toDto(row, await affectedCount(db, row.person_id, row.starts_on, row.ends_on));
}

/** A manager approves or rejects a request of someone at their site (never their own). */
export async function decideLeave(tx: Tx, actor: Actor, id: string, decision: { approve: boolean; note?: string | null }, now: Date) {
  const row = await leaveRow(tx, actor, id);
  authorize(actor, "person.decideLeave", { id: row.person_id, orgId: row.org_id, siteId: row.site_id });
  if (row.status !== "requested") throw new AppError("CONFLICT", `This request is already ${row.status}`);
  await tx
    .updateTable("rotation_leave_requests")
    .set({ status: decision.approve ? "approved" : "rejected", decided_by: actor.personId, decided_at: now, decision_note: decision.note?.trim() || null })
    .where("id", "=", row.id)
    .execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_leave", entityId: row.id, action: decision.approve ? "rotation.leave_approved" : "rotation.leave_rejected", before: { status: row.status }, after: { status: decision.approve ? "approved" : "rejected", note: decision.note?.trim() || null } }, now);
  return getLeave(tx, actor, row.id);
}

/** The person (or whoever manages them) withdraws a request or cancels approved leave. */
export async function cancelLeave(tx: Tx, actor: Actor, id: string, now: Date) {
  const row = await leaveRow(tx, actor, id);
  const own = row.person_id === actor.personId;
  if (!own) authorize(actor, "person.write", { id: row.person_id, orgId: row.org_id, siteId: row.site_id });
  if (row.status === "cancelled" || row.status === "rejected") throw new AppError("CONFLICT", `This request is already ${row.status}`);
  await tx.updateTable("rotation_leave_requests").set({ status: "cancelled" }).where("id", "=", row.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_leave", entityId: row.id, action: "rotation.leave_cancelled", before: { status: row.status }, after: { status: "cancelled" } }, now);
  return getLeave(tx, actor, row.id);
}

/** Leave requests: a technician's own; a manager's sites (or one site); an admin's organization. */
export async function listLeave(db: Db, actor: Actor, filter: { siteId?: string; status?: string; personId?: string }) {
  let q = db
    .selectFrom("rotation_leave_requests as l")
    .innerJoin("people as p", "p.id", "l.person_id")
    .selectAll("l")
    .select(["p.first_name", "p.last_name", "p.site_id"])
    .where("l.org_id", "=", actor.orgId);
  if (actor.role === "admin") {
    if (filter.siteId) q = q.where("p.site_id", "=", filter.siteId);
  } else if (actor.role === "manager") {
    if (filter.siteId && !actor.managedSiteIds.includes(filter.siteId)) throw new AppError("FORBIDDEN", "You do not manage this site");
    const sites = filter.siteId ? [filter.siteId] : actor.managedSiteIds;
    q = sites.length ? q.where((eb) => eb.or([eb("p.site_id", "in", sites), eb("l.person_id", "=", actor.personId)])) : q.where("l.person_id", "=", actor.personId);
  } else {
    q = q.where("l.person_id", "=", actor.personId);
  }
  if (filter.status) q = q.where("l.status", "=", filter.status as never);
  if (filter.personId) q = q.where("l.person_id", "=", filter.personId);
  const rows = await q.orderBy("l.starts_on", "desc").limit(500).execute();
  return Promise.all(rows.map(async (r) => toDto(r, r.status === "approved" || r.status === "requested" ? await affectedCount(db, r.person_id, r.starts_on, r.ends_on) : 0)));
}
