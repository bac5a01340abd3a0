import { sql } from "kysely";
import type { Tx } from "../../db/database.ts";
import { canonicalJson, chainedJson, chainHash, GENESIS_HASH } from "./audit.rules.ts";

/** Who did it: a signed-in person, or the system itself (seeds, imports from the CLI, jobs). */
export interface AuditActor {
  orgId: string;
  personId: string | null;
  label: string;
}

export interface AuditInput {
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends entries to the organization's chain inside the caller's transaction, so an entry
 * exists exactly when the change it describes does. Locks the chain head until commit.
 */
export async function recordAudit(tx: Tx, actor: AuditActor, inputs: AuditInput | AuditInput[], now: Date = new Date()): Promise<void> {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length === 0) return;
  await sql`INSERT INTO audit_heads (org_id, seq, hash) VALUES (${actor.orgId}, 0, ${GENESIS_HASH}) ON CONFLICT (org_id) DO NOTHING`.execute(tx);
  const head = await tx.selectFrom("audit_heads").select(["seq", "hash"]).where("org_id", "=", actor.orgId).forUpdate().executeTakeFirstOrThrow();
  let seq = Number(head.seq);
  let prevHash = head.hash;
  const at = new Date(Math.floor(now.getTime())).toISOString();
  const columns = { seq: [] as number[], entityType: [] as string[], entityId: [] as string[], action: [] as string[], before: [] as (string | null)[], after: [] as (string | null)[], prevHash: [] as string[], hash: [] as string[] };
  for (const input of list) {
    seq += 1;
    // Each payload is canonicalized once: the same text is hashed and stored.
    const beforeJson = canonicalJson(input.before ?? null);
    const afterJson = canonicalJson(input.after ?? null);
    const hash = chainHash(prevHash, chainedJson({ orgId: actor.orgId, seq, at, actorId: actor.personId, actorLabel: actor.label, entityType: input.entityType, entityId: input.entityId, action: input.action }, beforeJson, afterJson));
    columns.seq.push(seq);
    columns.entityType.push(input.entityType);
    columns.entityId.push(input.entityId);
    columns.action.push(input.action);
    columns.before.push(beforeJson === "null" ? null : beforeJson);
    columns.after.push(afterJson === "null" ? null : afterJson);
    columns.prevHash.push(prevHash);
    columns.hash.push(hash);
    prevHash = hash;
  }
  await sql`
    INSERT INTO audit_log (org_id, seq, at, actor_id, actor_label, entity_type, entity_id, action, before, after, prev_hash, hash)
    SELECT ${actor.orgId}, v.seq, ${at}::timestamptz, ${actor.personId}::uuid, ${actor.label}, v.entity_type, v.entity_id, v.action,
           v.before::jsonb, v.after::jsonb, v.prev_hash, v.hash
    FROM unnest(${columns.seq}::bigint[], ${columns.entityType}::text[], ${columns.entityId}::text[], ${columns.action}::text[],
                ${columns.before}::text[], ${columns.after}::text[], ${columns.prevHash}::text[], ${columns.hash}::text[])
      AS v(seq, entity_type, entity_id, action, before, after, prev_hash, hash)`.execute(tx);
  await tx.updateTable("audit_heads").set({ seq, hash: prevHash }).where("org_id", "=", actor.orgId).execute();
}
