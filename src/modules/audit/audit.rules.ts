import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields of an entry that its hash covers. */
export interface ChainedFields {
  orgId: string;
  seq: number;
  at: string; // ISO 8601 with milliseconds
  actorId: string | null;
  actorLabel: string;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** JSON with object keys sorted at every depth, so a value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function entryHash(prevHash: string, fields: ChainedFields): string {
  const { before, after, ...rest } = fields;
  return chainHash(prevHash, chainedJson(rest, canonicalJson(before ?? null), canonicalJson(after ?? null)));
}

/**
 * The canonical JSON of an entry's covered fields, built from before/after already in canonical
 * form, so a bulk append canonicalizes each payload once. Equal to canonicalJson(fields).
 */
export function chainedJson(fields: Omit<ChainedFields, "before" | "after">, beforeJson: string, afterJson: string): string {
  const s = JSON.stringify;
  return (
    `{"action":${s(fields.action)},"actorId":${s(fields.actorId)},"actorLabel":${s(fields.actorLabel)},"after":${afterJson},` +
    `"at":${s(fields.at)},"before":${beforeJson},"entityId":${s(fields.entityId)},"entityType":${s(fields.entityType)},` +
    `"orgId":${s(fields.orgId)},"seq":${s(fields.seq)}}`
  );
}

export function chainHash(prevHash: string, json: string): string {
  return createHash("sha256").update(prevHash).update("\n").update(json).digest("hex");
}

export interface StoredEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

export type ChainProblem =
  | { kind: "changed"; seq: number; message: string }
  | { kind: "missing"; seq: number; message: string }
  | { kind: "head"; seq: number; message: string };

/** Checks entries one at a time in sequence order, so a long chain never has to be held in memory. */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;

  /** The first problem found at this entry, if any. */
  push(entry: StoredEntry): ChainProblem | undefined {
    if (entry.seq !== this.expectedSeq) {
      return { kind: "missing", seq: this.expectedSeq, message: `entry ${this.expectedSeq} is missing (next present is ${entry.seq})` };
    }
    if (entry.prevHash !== this.prevHash) {
      return { kind: "changed", seq: entry.seq, message: `entry ${entry.seq} does not link to entry ${entry.seq - 1}` };
    }
    if (entryHash(this.prevHash, entry) !== entry.hash) {
      return { kind: "changed", seq: entry.seq, message: `entry ${entry.seq} was changed after it was written` };
    }
    this.prevHash = entry.hash;
    this.expectedSeq++;
    return undefined;
  }

  /** After the last entry: the recorded chain head catches removal of the newest entries. */
  finish(head?: { seq: number; hash: string }): ChainProblem | undefined {
    const last = this.expectedSeq - 1;
    if (head && head.seq > last) {
      return { kind: "missing", seq: last + 1, message: `entries ${last + 1}–${head.seq} are missing (the chain head records ${head.seq})` };
    }
    if (head && (head.seq !== last || head.hash !== this.prevHash)) {
      return { kind: "head", seq: head.seq, message: `the chain head does not match entry ${last}` };
    }
    return undefined;
  }

  get count(): number {
    return this.expectedSeq - 1;
  }
}

export function verifyChain(entries: Iterable<StoredEntry>, head?: { seq: number; hash: string }): ChainProblem | undefined {
  const verifier = new ChainVerifier();
  for (const entry of entries) {
    const problem = verifier.push(entry);
    if (problem) return problem;
  }
  return verifier.finish(head);
}
