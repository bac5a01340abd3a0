import { sql } from "kysely";
import type { Tx } from "../../db/database.ts";
import { entryHash, GENESIS_HASH, toJsonValue, type ChainedFields } from "./audit.rules.ts";

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
  const at = new Date(Math.floor(now.getTime()));
  const rows = list.map((input) => {
    seq += 1;
    const fields: ChainedFields = {
      orgId: actor.orgId,
      seq,
      at: at.toISOString(),
      actorId: actor.personId,
      actorLabel: actor.label,
      entityType: input.entityType,
      entityId: input.entityId,
      action: input.action,
      before: toJsonValue(input.before),
      after: toJsonValue(input.after),
    };
    const hash = entryHash(prevHash, fields);
    const row = {
      org_id: actor.orgId,
      seq,
      at,
      actor_id: actor.personId,
      actor_label: actor.label,
      entity_type: input.entityType,
      entity_id: input.entityId,
      action: input.action,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insertInto("audit_log").values(rows.slice(i, i + 500) as any).execute();
  }
  await tx.updateTable("audit_heads").set({ seq, hash: prevHash }).where("org_id", "=", actor.orgId).execute();
}
