import type { Db, Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import type { CeCategory } from "./ce-rule-sets.ts";
import type { CeHoldingFacts, CeRecordFacts } from "./ce.rules.ts";
import { topicName } from "./uan.ts";

function recordsWithEvidence(db: Db | Tx) {
  return db
    .selectFrom("ce_records as r")
    .leftJoin("evidence_files as e", "e.id", "r.evidence_file_id")
    .selectAll("r")
    .select("e.file_name as evidence_file_name");
}

export type CeRecordRow = Awaited<ReturnType<typeof listCeRecords>>[number];

/** A person's CE records, most recent first. */
export async function listCeRecords(db: Db | Tx, orgId: string, personId: string) {
  return recordsWithEvidence(db).where("r.org_id", "=", orgId).where("r.person_id", "=", personId).orderBy("r.completed_on", "desc").orderBy("r.created_at", "desc").execute();
}

export async function getCeRecord(db: Db | Tx, orgId: string, recordId: string) {
  const record = await recordsWithEvidence(db).where("r.org_id", "=", orgId).where("r.id", "=", recordId).executeTakeFirst();
  if (!record) throw new AppError("NOT_FOUND", "CE record not found");
  return record;
}

export function toRecordFacts(r: Pick<CeRecordRow, "id" | "title" | "completed_on" | "hours" | "activity_type" | "uan" | "topic" | "format" | "audience" | "categories" | "verification_status">): CeRecordFacts {
  return {
    id: r.id,
    title: r.title,
    completedOn: r.completed_on,
    hours: Number(r.hours),
    activityType: r.activity_type,
    uan: r.uan,
    topic: r.topic,
    format: r.format,
    audience: r.audience,
    categories: r.categories as CeCategory[],
    verificationStatus: r.verification_status,
  };
}

export function toCeRecordDto(r: CeRecordRow) {
  return {
    id: r.id,
    personId: r.person_id,
    title: r.title,
    provider: r.provider,
    uan: r.uan,
    completedOn: r.completed_on,
    hours: Number(r.hours),
    activityType: r.activity_type,
    topic: r.topic,
    topicName: topicName(r.topic) ?? null,
    format: r.format,
    audience: r.audience,
    categories: r.categories as CeCategory[],
    source: r.source,
    verificationStatus: r.verification_status,
    evidenceFile: r.evidence_file_id && r.evidence_file_name ? { id: r.evidence_file_id, fileName: r.evidence_file_name } : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export type CeRecordDto = ReturnType<typeof toCeRecordDto>;

/** The credentials people hold, as the CE rules need them. */
export async function listHoldingFacts(db: Db | Tx, orgId: string, personIds: readonly string[]): Promise<Map<string, CeHoldingFacts[]>> {
  const byPerson = new Map<string, CeHoldingFacts[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .selectFrom("certification_holdings")
    .select(["id", "person_id", "certification_code", "state", "earned_on", "expires_on", "verification_status"])
    .where("org_id", "=", orgId)
    .where("person_id", "in", personIds)
    .execute();
  for (const h of rows) {
    const list = byPerson.get(h.person_id) ?? [];
    list.push({ id: h.id, certificationCode: h.certification_code, state: h.state?.trim() ?? null, earnedOn: h.earned_on, expiresOn: h.expires_on, verificationStatus: h.verification_status });
    byPerson.set(h.person_id, list);
  }
  return byPerson;
}

/** People's CE records completed on or after a date (older ones cannot fall in a current cycle). */
export async function listRecordFacts(db: Db | Tx, orgId: string, personIds: readonly string[], from: string): Promise<Map<string, CeRecordFacts[]>> {
  const byPerson = new Map<string, CeRecordFacts[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .selectFrom("ce_records")
    .select(["id", "person_id", "title", "completed_on", "hours", "activity_type", "uan", "topic", "format", "audience", "categories", "verification_status"])
    .where("org_id", "=", orgId)
    .where("person_id", "in", personIds)
    .where("completed_on", ">=", from)
    .execute();
  for (const r of rows) {
    const list = byPerson.get(r.person_id) ?? [];
    list.push(toRecordFacts(r));
    byPerson.set(r.person_id, list);
  }
  return byPerson;
}
