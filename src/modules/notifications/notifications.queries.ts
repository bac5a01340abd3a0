import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { EMAIL_KINDS, isEmailKind, wantsEmail, type EmailKind } from "./notifications.rules.ts";

export interface NotificationDto {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  dueOn: string | null;
  createdAt: string;
  readAt: string | null;
}

const toDto = (n: { id: string; kind: string; title: string; body: string; link: string; due_on: string | null; created_at: Date; read_at: Date | null }): NotificationDto => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  dueOn: n.due_on,
  createdAt: new Date(n.created_at).toISOString(),
  readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
});

/** The signed-in person's notifications, unread first, newest first within each. */
export async function listMyNotifications(db: Db, actor: Actor, options: { unreadOnly?: boolean; limit?: number; offset?: number } = {}) {
  let query = db.selectFrom("notifications").select(["id", "kind", "title", "body", "link", "due_on", "created_at", "read_at"]).where("recipient_id", "=", actor.personId).where("org_id", "=", actor.orgId);
  if (options.unreadOnly) query = query.where("read_at", "is", null);
  const rows = await query
    .orderBy(sql`read_at IS NULL`, "desc")
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0)
    .execute();
  const counts = await countMine(db, actor);
  return { items: rows.map(toDto), unread: counts.unread, total: counts.total };
}

async function countMine(db: Db | Tx, actor: Actor) {
  const row = await db
    .selectFrom("notifications")
    .select([sql<number>`count(*) FILTER (WHERE read_at IS NULL)::int`.as("unread"), sql<number>`count(*)::int`.as("total")])
    .where("recipient_id", "=", actor.personId)
    .where("org_id", "=", actor.orgId)
    .executeTakeFirstOrThrow();
  return { unread: Number(row.unread), total: Number(row.total) };
}

export async function unreadCount(db: Db, actor: Actor) {
  return { unread: (await countMine(db, actor)).unread };
}

/** Marks one of the signed-in person's notifications read; someone else's is simply not found. */
export async function markNotificationRead(tx: Tx, actor: Actor, id: string, now: Date) {
  const row = await tx.selectFrom("notifications").select(["id", "read_at"]).where("id", "=", id).where("recipient_id", "=", actor.personId).where("org_id", "=", actor.orgId).executeTakeFirst();
  if (!row) throw notFound("Notification");
  if (!row.read_at) await tx.updateTable("notifications").set({ read_at: now }).where("id", "=", id).execute();
  const updated = await tx.selectFrom("notifications").select(["id", "kind", "title", "body", "link", "due_on", "created_at", "read_at"]).where("id", "=", id).executeTakeFirstOrThrow();
  return toDto(updated);
}

export async function markAllNotificationsRead(tx: Tx, actor: Actor, now: Date) {
  const result = await tx.updateTable("notifications").set({ read_at: now }).where("recipient_id", "=", actor.personId).where("org_id", "=", actor.orgId).where("read_at", "is", null).executeTakeFirst();
  return { marked: Number(result.numUpdatedRows) };
}

/** The e-mail choice for every kind: the person's own where they made one, else the default. */
export async function getEmailPreferences(db: Db | Tx, actor: Actor) {
  const rows = await db.selectFrom("notification_preferences").select(["kind", "email"]).where("person_id", "=", actor.personId).execute();
  const choices = new Map(rows.map((r) => [r.kind, r.email]));
  const forManagers = actor.role === "manager" || actor.role === "admin";
  return {
    items: EMAIL_KINDS.filter((k) => k.kind !== "weekly-summary" || forManagers).map((k) => ({ kind: k.kind, label: k.label, description: k.description, email: wantsEmail(k.kind, choices), emailByDefault: k.emailByDefault })),
  };
}

/** Saves the signed-in person's e-mail choices; kinds left out keep theirs. */
export async function setEmailPreferences(tx: Tx, actor: Actor, email: Record<string, boolean>, now: Date) {
  const unknown = Object.keys(email).filter((k) => !isEmailKind(k));
  if (unknown.length) throw new AppError("VALIDATION_FAILED", `Unknown notification kind: ${unknown.join(", ")}`, unknown.map((k) => ({ field: `email.${k}`, message: `is not a notification kind; use one of ${EMAIL_KINDS.map((x) => x.kind).join(", ")}` })));
  const entries = Object.entries(email) as [EmailKind, boolean][];
  if (entries.length) {
    await tx
      .insertInto("notification_preferences")
      .values(entries.map(([kind, on]) => ({ person_id: actor.personId, org_id: actor.orgId, kind, email: on, updated_at: now })))
      .onConflict((oc) => oc.columns(["person_id", "kind"]).doUpdateSet((eb) => ({ email: eb.ref("excluded.email"), updated_at: eb.ref("excluded.updated_at") })))
      .execute();
    await recordAudit(tx, auditActorOf(actor), { entityType: "notification_preferences", entityId: actor.personId, action: "notifications.email_preferences_changed", after: email }, now);
  }
  return getEmailPreferences(tx, actor);
}
