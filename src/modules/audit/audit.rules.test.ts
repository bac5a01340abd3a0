import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { canonicalJson, chainedJson, entryHash, GENESIS_HASH, verifyChain, type StoredEntry } from "./audit.rules.ts";

function chain(n: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = { orgId: "o", seq, at: new Date(Date.UTC(2026, 0, seq)).toISOString(), actorId: null, actorLabel: "t", entityType: "person", entityId: `p${seq}`, action: "person.updated", before: { a: seq }, after: { a: seq + 1, nested: { z: 1, b: [1, 2] } } };
    const hash = entryHash(prev, fields);
    entries.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

describe("audit hash chain", () => {
  it("canonical JSON ignores key order at every depth", () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });

  it("an intact chain verifies", () => {
    const entries = chain(5);
    assert.equal(verifyChain(entries, { seq: 5, hash: entries[4].hash }), undefined);
  });

  it("reports the first changed entry", () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], after: { a: 999 } };
    assert.deepEqual(verifyChain(entries)?.seq, 3);
  });

  it("reports a removed entry in the middle and at the end", () => {
    const entries = chain(5);
    assert.deepEqual(verifyChain([...entries.slice(0, 2), ...entries.slice(3)])?.seq, 3);
    assert.equal(verifyChain(entries.slice(0, 4), { seq: 5, hash: entries[4].hash })?.kind, "missing");
  });

  it("any single alteration of any field is detected", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.constantFrom("actorLabel", "entityId", "action", "at"), fc.string({ minLength: 1 }), (index, field, value) => {
        const entries = chain(6);
        const original = entries[index][field as "action"];
        if (original === value) return true;
        entries[index] = { ...entries[index], [field]: value };
        return verifyChain(entries)?.seq === index + 1;
      }),
    );
  });

  it("the entry JSON built from canonical payloads equals the canonical JSON of the whole entry", () => {
    const payload = fc.option(fc.jsonValue(), { nil: null });
    fc.assert(
      fc.property(fc.string(), fc.option(fc.uuid(), { nil: null }), fc.string(), fc.nat(), payload, payload, (action, actorId, label, seq, before, after) => {
        const fields = { orgId: "o", seq, at: "2026-01-01T00:00:00.000Z", actorId, actorLabel: label, entityType: "person", entityId: "p", action };
        return chainedJson(fields, canonicalJson(before), canonicalJson(after)) === canonicalJson({ ...fields, before, after });
      }),
    );
  });
});
