import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { SHIPPED_ITEMS } from "./content/bank.ts";
import type { ItemContent } from "./item.types.ts";

/** A fingerprint of the shipped items: when a release changes them, organizations pick up the new ones. */
export const SHIPPED_BANK_REVISION = createHash("sha256").update(JSON.stringify(SHIPPED_ITEMS)).digest("hex").slice(0, 16);

const BATCH = 250;

/**
 * Loads the shipped items into an organization's bank as published version 1, once per release.
 * Items the organization already has (edited, retired) are left alone: their code is taken.
 */
export async function ensureShippedBank(db: Db | Tx, orgId: string, now: Date): Promise<number> {
  const settings = await db.selectFrom("exam_settings").select("shipped_bank_revision").where("org_id", "=", orgId).executeTakeFirst();
  if (settings?.shipped_bank_revision === SHIPPED_BANK_REVISION) return 0;
  let inserted = 0;
  for (let i = 0; i < SHIPPED_ITEMS.length; i += BATCH) {
    const rows = SHIPPED_ITEMS.slice(i, i + BATCH).map((item) => toRow(orgId, item, now));
    const result = await sql<{ n: number }>`
      WITH ins AS (
        INSERT INTO exam_items (org_id, code, version, status, kind, domain, subtopic, difficulty, stem, options, answer_key, explanation, reference, source, family, created_at, published_at)
        SELECT r.org_id, r.code, 1, 'published', r.kind, r.domain, r.subtopic, r.difficulty, r.stem, r.options, r.answer_key, r.explanation, r.reference, r.source, r.family, r.created_at, r.created_at
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(org_id uuid, code text, kind text, domain text, subtopic text, difficulty smallint, stem text, options jsonb, answer_key jsonb, explanation text, reference text, source text, family text, created_at timestamptz)
        WHERE NOT EXISTS (SELECT 1 FROM exam_items e WHERE e.org_id = r.org_id AND e.code = r.code)
        ON CONFLICT DO NOTHING
        RETURNING 1
      ) SELECT count(*)::int AS n FROM ins`.execute(db);
    inserted += result.rows[0].n;
  }
  await db
    .insertInto("exam_settings")
    .values({ org_id: orgId, shipped_bank_revision: SHIPPED_BANK_REVISION, updated_at: now })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ shipped_bank_revision: SHIPPED_BANK_REVISION }))
    .execute();
  return inserted;
}

function toRow(orgId: string, item: ItemContent, now: Date) {
  return {
    org_id: orgId,
    code: item.code,
    kind: item.kind,
    domain: item.domain,
    subtopic: item.subtopic,
    difficulty: item.difficulty,
    stem: item.stem,
    options: item.options,
    answer_key: item.key,
    explanation: item.explanation,
    reference: item.reference,
    source: item.source,
    family: item.family ?? null,
    created_at: now.toISOString(),
  };
}
