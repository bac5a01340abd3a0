import { sql } from "kysely";
import type { Tx } from "../../db/database.ts";
import type { AuditActor } from "../audit/index.ts";
import { processIncentiveEvents } from "../incentives/index.ts";

const CHUNK = 1000;

export interface CeCompletedRecord {
  id: string;
  personId: string;
  hours: number;
  topic: string | null;
  uan: string | null;
  title: string;
  completedOn: string;
}

/**
 * A CE activity counts as completed once verified: appends `ce.completed` for each record not
 * announced before (a record verified, rejected and verified again is one milestone) and applies
 * the incentive rules at once, in the caller's transaction.
 */
export async function announceCeCompleted(tx: Tx, orgId: string, records: readonly CeCompletedRecord[], actor: AuditActor, now: Date) {
  if (records.length === 0) return;
  let appended = 0;
  // In chunks, so that a large import stays within the database's limit of query parameters.
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    const announced = await tx
      .selectFrom("domain_events")
      .select(sql<string>`payload->>'recordId'`.as("record_id"))
      .where("org_id", "=", orgId)
      .where("kind", "=", "ce.completed")
      .where(sql<string>`payload->>'recordId'`, "in", chunk.map((r) => r.id))
      .execute();
    const seen = new Set(announced.map((a) => a.record_id));
    const fresh = chunk.filter((r) => !seen.has(r.id));
    if (fresh.length === 0) continue;
    await tx
      .insertInto("domain_events")
      .values(
        fresh.map((r) => ({
          org_id: orgId,
          kind: "ce.completed",
          person_id: r.personId,
          payload: JSON.stringify({ hours: r.hours, topic: r.topic, uan: r.uan, title: r.title, completedOn: r.completedOn, recordId: r.id }),
          occurred_at: now,
        })),
      )
      .execute();
    appended += fresh.length;
  }
  if (appended > 0) await processIncentiveEvents(tx, orgId, actor, now);
}
