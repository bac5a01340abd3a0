import type { Db } from "../../db/database.ts";
import { iterateAuditEntries, toStoredEntry } from "./audit.queries.ts";
import { ChainVerifier, type ChainProblem } from "./audit.rules.ts";

export interface ChainReport {
  ok: boolean;
  entries: number;
  problem?: ChainProblem;
}

export async function verifyAuditChain(db: Db, orgId: string): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  let entries = 0;
  for await (const row of iterateAuditEntries(db, orgId)) {
    entries++;
    const problem = verifier.push(toStoredEntry(row));
    if (problem) return { ok: false, entries, problem };
  }
  const head = await db.selectFrom("audit_heads").select(["seq", "hash"]).where("org_id", "=", orgId).executeTakeFirst();
  const problem = verifier.finish(head ? { seq: Number(head.seq), hash: head.hash } : undefined);
  return problem ? { ok: false, entries, problem } : { ok: true, entries };
}
