import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import type { Db } from "../../db/database.ts";
import { iterateAuditEntries } from "./audit.queries.ts";

export const AUDIT_CSV_COLUMNS = ["seq", "at", "actor_id", "actor_label", "entity_type", "entity_id", "action", "before", "after", "prev_hash", "hash"] as const;

/** The organization's whole trail as CSV, streamed; with the hashes an inspector can re-verify it offline. */
export function exportAuditCsv(db: Db, orgId: string): Readable {
  async function* rows() {
    for await (const row of iterateAuditEntries(db, orgId)) {
      yield [
        row.seq,
        new Date(row.at).toISOString(),
        row.actor_id ?? "",
        row.actor_label,
        row.entity_type,
        row.entity_id,
        row.action,
        row.before == null ? "" : JSON.stringify(row.before),
        row.after == null ? "" : JSON.stringify(row.after),
        row.prev_hash,
        row.hash,
      ];
    }
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns: [...AUDIT_CSV_COLUMNS] }));
}
