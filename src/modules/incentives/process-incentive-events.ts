import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { IncentiveMilestone } from "../../db/schema.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import { DEFAULT_INCENTIVE_RULES, MILESTONES, milestoneDate, rulesTriggeredBy } from "./incentives.rules.ts";

/** Loads the default rule set into an organization that has none yet. */
export async function ensureIncentiveRules(tx: Tx, orgId: string, now: Date) {
  const any = await tx.selectFrom("incentive_rules").select("id").where("org_id", "=", orgId).limit(1).executeTakeFirst();
  if (any) return;
  await tx
    .insertInto("incentive_rules")
    .values(DEFAULT_INCENTIVE_RULES.map((r) => ({ org_id: orgId, code: r.code, name: r.name, milestone: r.milestone, level_code: r.levelCode, program_code: r.programCode, min_hours: r.minHours, reward: r.reward, amount_cents: r.amountCents, active: r.active, created_at: now })))
    .onConflict((oc) => oc.columns(["org_id", "code"]).doNothing())
    .execute();
}

/**
 * Grants what the organization's rules award for milestone events not processed yet, reading
 * domain_events by id after the organization's cursor. Idempotent twice over: the cursor row is
 * locked while processing, and a grant is unique per (rule, event), so a re-run never adds one.
 */
export async function processIncentiveEvents(tx: Tx, orgId: string, actor: AuditActor, now: Date) {
  await ensureIncentiveRules(tx, orgId, now);
  await tx.insertInto("incentive_cursors").values({ org_id: orgId, last_event_id: 0 }).onConflict((oc) => oc.column("org_id").doNothing()).execute();
  const cursor = await tx.selectFrom("incentive_cursors").select("last_event_id").where("org_id", "=", orgId).forUpdate().executeTakeFirstOrThrow();
  const after = Number(cursor.last_event_id);
  const last = await tx.selectFrom("domain_events").select(sql<number>`coalesce(max(id), 0)::bigint`.as("id")).where("org_id", "=", orgId).executeTakeFirstOrThrow();
  const upTo = Number(last.id);
  if (upTo <= after) return { processedEvents: 0, grants: [] as { id: string; personId: string; reward: string; amountCents: number }[] };
  const [rules, events] = await Promise.all([
    tx.selectFrom("incentive_rules").selectAll().where("org_id", "=", orgId).where("active", "=", true).execute(),
    tx
      .selectFrom("domain_events")
      .select(["id", "kind", "person_id", "payload", sql<string>`(occurred_at AT TIME ZONE 'UTC')::date::text`.as("recorded_on")])
      .where("org_id", "=", orgId)
      .where("id", ">", after)
      .where("id", "<=", upTo)
      .where("kind", "in", MILESTONES as IncentiveMilestone[])
      .orderBy("id")
      .execute(),
  ]);
  const grants = [];
  for (const row of events) {
    const payload = (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>;
    const event = { id: Number(row.id), kind: row.kind, personId: row.person_id, payload };
    for (const rule of rulesTriggeredBy(rules.map((r) => ({ ...r, levelCode: r.level_code, programCode: r.program_code, minHours: r.min_hours === null ? null : Number(r.min_hours) })), event)) {
      const grant = await tx
        .insertInto("incentive_grants")
        .values({ org_id: orgId, rule_id: rule.id, event_id: event.id, person_id: event.personId!, reward: rule.reward, amount_cents: rule.amount_cents, granted_on: milestoneDate(event, row.recorded_on), created_at: now })
        .onConflict((oc) => oc.columns(["rule_id", "event_id"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!grant) continue;
      await recordAudit(tx, actor, { entityType: "incentive_grant", entityId: grant.id, action: "incentive.granted", after: { ruleCode: rule.code, eventId: event.id, eventKind: event.kind, personId: grant.person_id, reward: grant.reward, amountCents: grant.amount_cents, grantedOn: grant.granted_on } }, now);
      grants.push({ id: grant.id, personId: grant.person_id, reward: grant.reward, amountCents: grant.amount_cents });
    }
  }
  await tx.updateTable("incentive_cursors").set({ last_event_id: upTo }).where("org_id", "=", orgId).execute();
  return { processedEvents: events.length, grants };
}

/** Runs processing in its own transaction (the API's and the CLI's "process now"). */
export function processIncentivesNow(db: Db, orgId: string, actor: AuditActor, now: Date) {
  return db.transaction().execute((tx) => processIncentiveEvents(tx, orgId, actor, now));
}
