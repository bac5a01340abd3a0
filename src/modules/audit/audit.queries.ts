import type { Db } from "../../db/database.ts";
import type { AuditEntry } from "../../db/schema.ts";
import type { StoredEntry } from "./audit.rules.ts";

const BATCH = 2000;

/** All entries of an organization in sequence order, fetched in batches. */
export async function* iterateAuditEntries(db: Db, orgId: string): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom("audit_log").selectAll().where("org_id", "=", orgId).where("seq", ">", after).orderBy("seq").limit(BATCH).execute();
    for (const row of rows) yield row;
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1].seq);
  }
}

export function toStoredEntry(row: AuditEntry): StoredEntry {
  return {
    orgId: row.org_id,
    seq: Number(row.seq),
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    before: row.before ?? null,
    after: row.after ?? null,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  beforeSeq?: number;
  limit: number;
}

export async function listAuditEntries(db: Db, orgId: string, filter: AuditFilter) {
  let query = db.selectFrom("audit_log").selectAll().where("org_id", "=", orgId);
  if (filter.entityType) query = query.where("entity_type", "=", filter.entityType);
  if (filter.entityId) query = query.where("entity_id", "=", filter.entityId);
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.beforeSeq) query = query.where("seq", "<", filter.beforeSeq);
  return query.orderBy("seq", "desc").limit(filter.limit).execute();
}
