import type { Db, Tx } from "../../db/database.ts";
import type { ItemContent, ItemOption } from "./item.types.ts";
import type { PtceDomain } from "./outline.ts";

export interface ExamSettings {
  deadlineMonths: number;
  readinessThreshold: number;
  pinnedOutline: string | null;
}

export const DEFAULT_EXAM_SETTINGS: ExamSettings = { deadlineMonths: 9, readinessThreshold: 0.7, pinnedOutline: null };

export async function getExamSettings(db: Db | Tx, orgId: string): Promise<ExamSettings> {
  const row = await db.selectFrom("exam_settings").select(["certification_deadline_months", "readiness_threshold", "pinned_outline"]).where("org_id", "=", orgId).executeTakeFirst();
  if (!row) return DEFAULT_EXAM_SETTINGS;
  return { deadlineMonths: Number(row.certification_deadline_months), readinessThreshold: Number(row.readiness_threshold), pinnedOutline: row.pinned_outline };
}

/** What form building needs of each published item: small rows, the content is loaded for the chosen ones only. */
export interface ItemHeader {
  id: string;
  code: string;
  domain: PtceDomain;
  subtopic: string;
  difficulty: number;
}

export async function publishedItemHeaders(db: Db | Tx, orgId: string, domain?: string): Promise<ItemHeader[]> {
  let q = db.selectFrom("exam_items").select(["id", "code", "domain", "subtopic", "difficulty"]).where("org_id", "=", orgId).where("status", "=", "published");
  if (domain) q = q.where("domain", "=", domain);
  return (await q.execute()) as ItemHeader[];
}

export type StoredItem = Omit<ItemContent, "key" | "family"> & { id: string; version: number; status: string; key: string[]; family: string | null };

export async function loadItems(db: Db | Tx, orgId: string, ids: readonly string[]): Promise<Map<string, StoredItem>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("exam_items").selectAll().where("org_id", "=", orgId).where("id", "in", [...ids]).execute();
  return new Map(rows.map((r) => [r.id, toStoredItem(r)]));
}

export function toStoredItem(r: { id: string; code: string; version: number; status: string; kind: "single" | "multi"; domain: string; subtopic: string; difficulty: number; stem: string; options: unknown; answer_key: unknown; explanation: string; reference: string; source: ItemContent["source"]; family: string | null }): StoredItem {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    status: r.status,
    kind: r.kind,
    domain: r.domain as PtceDomain,
    subtopic: r.subtopic,
    difficulty: r.difficulty as ItemContent["difficulty"],
    stem: r.stem,
    options: r.options as ItemOption[],
    key: r.answer_key as string[],
    explanation: r.explanation,
    reference: r.reference,
    source: r.source,
    family: r.family,
  };
}

/** Calibration per item key (bank code or "family:<code>"). */
export async function itemCalibration(db: Db | Tx, orgId: string): Promise<Map<string, { b: number | null; responses: number }>> {
  const rows = await db.selectFrom("exam_item_stats").select(["item_key", "rasch_b", "responses"]).where("org_id", "=", orgId).execute();
  return new Map(rows.map((r) => [r.item_key, { b: r.rasch_b, responses: r.responses }]));
}

/** When the person last saw each item key. */
export async function lastSeen(db: Db | Tx, personId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("exam_attempt_items as i")
    .innerJoin("exam_attempts as a", "a.id", "i.attempt_id")
    .select(["i.item_key"])
    .select((eb) => eb.fn.max("a.started_at").as("seen"))
    .where("a.person_id", "=", personId)
    .groupBy("i.item_key")
    .execute();
  return new Map(rows.map((r) => [r.item_key, new Date(r.seen as Date).getTime()]));
}
