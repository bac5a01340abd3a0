import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { startOfIsoWeek } from "../../lib/dates.ts";
import { programHeadlines } from "../metrics/index.ts";
import { wantsEmail, weeklySummaryEmail, type NotificationKind } from "./notifications.rules.ts";

const WEEK_MS = 7 * 86_400_000;

/**
 * Queues Monday's summary for every manager and admin who wants it: their notifications of the
 * last seven days by kind and how many are unread, with a link to the notification centre, and three
 * headline figures of the program at their sites (admins: the organization). One per
 * person and week (the outbox's dedupe key), so running it again that week queues nothing.
 */
export async function queueWeeklySummaries(db: Db, now: Date, publicUrl: string) {
  const weekOf = startOfIsoWeek(now.toISOString().slice(0, 10));
  const since = new Date(now.getTime() - WEEK_MS);
  const people = await db
    .selectFrom("people as p")
    .innerJoin("accounts as a", "a.person_id", "p.id")
    .select(["p.id", "p.org_id", "p.first_name", "p.role", "a.email"])
    .where("p.role", "in", ["manager", "admin"])
    .where("p.status", "!=", "separated")
    .where("a.disabled", "=", false)
    .execute();
  let queued = 0;
  /** The same scope gets the same figures: worked out once per run. */
  const headlines = new Map<string, string[] | null>();
  for (const person of people) {
    const choices = new Map((await db.selectFrom("notification_preferences").select(["kind", "email"]).where("person_id", "=", person.id).execute()).map((c) => [c.kind, c.email]));
    if (!wantsEmail("weekly-summary", choices)) continue;
    const counts = await db
      .selectFrom("notifications")
      .select(["kind", sql<number>`count(*) FILTER (WHERE created_at >= ${since})::int`.as("recent"), sql<number>`count(*) FILTER (WHERE read_at IS NULL)::int`.as("unread")])
      .where("recipient_id", "=", person.id)
      .groupBy("kind")
      .execute();
    const byKind: Partial<Record<NotificationKind, number>> = {};
    for (const c of counts) byKind[c.kind] = c.recent;
    const mail = weeklySummaryEmail(person.first_name, weekOf, { byKind, unread: counts.reduce((s, c) => s + c.unread, 0) }, publicUrl);
    if (!mail) continue;
    const siteIds = person.role === "admin" ? null : (await db.selectFrom("manager_sites").select("site_id").where("person_id", "=", person.id).execute()).map((m) => m.site_id);
    const key = `${person.org_id}:${siteIds?.sort().join(",") ?? "all"}`;
    if (!headlines.has(key)) headlines.set(key, await programHeadlines(db, { orgId: person.org_id, siteIds }, now, publicUrl));
    const program = headlines.get(key);
    if (program) mail.text += `\n${program.join("\n")}\n`;
    const inserted = await db
      .insertInto("email_outbox")
      .values({ org_id: person.org_id, recipient_id: person.id, notification_id: null, dedupe_key: `weekly-summary:${person.id}:${weekOf}`, to_address: person.email, subject: mail.subject, body: mail.text, next_attempt_at: now, created_at: now })
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("id")
      .execute();
    queued += inserted.length;
  }
  return { queued };
}
