import type { Db, Tx } from "../../db/database.ts";
import { dateInZone } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, can } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { getAttachableEvidence } from "../evidence/index.ts";
import { getPerson } from "../roster/index.ts";
import { validateCeRecord, type CeRecordDraft } from "./ce-record.rules.ts";
import { getCeSettings } from "./ce-settings.ts";
import { announceCeCompleted, type CeCompletedRecord } from "./ce-events.ts";
import { getCeRecord, type CeRecordRow } from "./ce.queries.ts";

export interface CeRecordInput extends CeRecordDraft {
  /** Record as verified at once (an admin or the person's manager, having seen the certificate). */
  verified?: boolean;
  /** A copy of the statement of credit, uploaded for the person (POST /api/people/:id/evidence). */
  evidenceFileId?: string | null;
}

const completedRecord = (r: CeRecordRow): CeCompletedRecord => ({ id: r.id, personId: r.person_id, hours: Number(r.hours), topic: r.topic, uan: r.uan, title: r.title, completedOn: r.completed_on });

const personRef = (person: { id: string; org_id: string; site_id: string }) => ({ id: person.id, orgId: person.org_id, siteId: person.site_id });

/** The calendar date at the person's site. */
export async function todayForPerson(db: Db | Tx, siteId: string, now: Date) {
  const site = await db.selectFrom("sites").select("time_zone").where("id", "=", siteId).executeTakeFirstOrThrow();
  return dateInZone(now, site.time_zone);
}

/**
 * Records a CE activity for a person: by hand, or from its UAN (which then gives format, topic and
 * audience). The person's own entries await verification; an admin or their manager may record
 * one as verified.
 */
export async function recordCe(tx: Tx, actor: Actor, personId: string, input: CeRecordInput, now: Date) {
  const person = await getPerson(tx, actor.orgId, personId);
  authorize(actor, "person.ce", personRef(person));
  const settings = await getCeSettings(tx, actor.orgId);
  const today = await todayForPerson(tx, person.site_id, now);
  const { value, errors } = validateCeRecord(input, today, { acceptBlended: settings.acceptBlendedFormat, acceptExtendedTopics: settings.acceptExtendedTopics });
  if (!value) throw new AppError("VALIDATION_FAILED", errors.map((e) => `${e.field} ${e.message}`).join("; "), errors);
  if (value.uan) {
    const existing = await tx.selectFrom("ce_records").select(["completed_on"]).where("person_id", "=", person.id).where("uan", "=", value.uan).executeTakeFirst();
    if (existing) {
      throw new AppError("VALIDATION_FAILED", `uan ${value.uan} is already recorded (completed ${existing.completed_on})`, [
        { field: "uan", message: `is already recorded for this person (completed ${existing.completed_on}); an activity earns credit once` },
      ]);
    }
  }
  const evidence = input.evidenceFileId ? await getAttachableEvidence(tx, { orgId: actor.orgId, personId: person.id }, input.evidenceFileId) : undefined;
  const verified = Boolean(input.verified) && can(actor, "person.verifyCe", personRef(person));
  const inserted = await tx
    .insertInto("ce_records")
    .values({
      org_id: actor.orgId,
      person_id: person.id,
      title: value.title,
      provider: value.provider,
      uan: value.uan,
      completed_on: value.completedOn,
      hours: value.hours,
      activity_type: value.activityType,
      topic: value.topic,
      format: value.format,
      audience: value.audience,
      categories: value.categories,
      source: value.uan ? "parsed" : "manual",
      verification_status: verified ? "verified" : "unverified",
      verified_by: verified ? actor.personId : null,
      verified_at: verified ? now : null,
      evidence_file_id: evidence?.id ?? null,
      created_by: actor.personId,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "ce_record", entityId: inserted.id, action: "ce.recorded", after: { personId: person.id, ...value, source: value.uan ? "parsed" : "manual", verified, evidenceFileId: evidence?.id ?? null } }, now);
  const record = await getCeRecord(tx, actor.orgId, inserted.id);
  if (verified) await announceCeCompleted(tx, actor.orgId, [completedRecord(record)], auditActorOf(actor), now);
  return record;
}

export async function verifyCe(tx: Tx, actor: Actor, recordId: string, status: "verified" | "rejected", now: Date) {
  const record = await getCeRecord(tx, actor.orgId, recordId);
  const person = await getPerson(tx, actor.orgId, record.person_id);
  if (!can(actor, "person.verifyCe", personRef(person))) throw new AppError("FORBIDDEN", "Only an admin or the site's manager can verify another person's CE");
  await tx.updateTable("ce_records").set({ verification_status: status, verified_by: actor.personId, verified_at: now, updated_at: now }).where("id", "=", record.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "ce_record", entityId: record.id, action: `ce.${status}`, before: { verificationStatus: record.verification_status }, after: { verificationStatus: status } }, now);
  if (status === "verified") await announceCeCompleted(tx, actor.orgId, [completedRecord(record)], auditActorOf(actor), now);
  return getCeRecord(tx, actor.orgId, record.id);
}

/** Attaches a copy of the statement of credit, replaces it, or removes it (null). */
export async function updateCeEvidence(tx: Tx, actor: Actor, recordId: string, evidenceFileId: string | null, now: Date) {
  const record = await getCeRecord(tx, actor.orgId, recordId);
  const person = await getPerson(tx, actor.orgId, record.person_id);
  authorize(actor, "person.ce", personRef(person));
  const evidence = evidenceFileId ? await getAttachableEvidence(tx, { orgId: actor.orgId, personId: person.id }, evidenceFileId) : undefined;
  await tx.updateTable("ce_records").set({ evidence_file_id: evidence?.id ?? null, updated_at: now }).where("id", "=", record.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "ce_record", entityId: record.id, action: "ce.evidence_changed", before: { evidenceFileId: record.evidence_file_id }, after: { evidenceFileId: evidence?.id ?? null } }, now);
  return getCeRecord(tx, actor.orgId, record.id);
}

/** Removes a record entered by mistake: the person while it is not verified, or an admin or their manager. */
export async function deleteCe(tx: Tx, actor: Actor, recordId: string, now: Date) {
  const record = await getCeRecord(tx, actor.orgId, recordId);
  const person = await getPerson(tx, actor.orgId, record.person_id);
  const ref = personRef(person);
  authorize(actor, "person.ce", ref);
  if (!can(actor, "person.verifyCe", ref) && record.verification_status === "verified") {
    throw new AppError("FORBIDDEN", "A verified CE record can only be removed by an admin or your manager");
  }
  await tx.deleteFrom("ce_records").where("id", "=", record.id).execute();
  const { evidence_file_name: _name, ...before } = record;
  await recordAudit(tx, auditActorOf(actor), { entityType: "ce_record", entityId: record.id, action: "ce.deleted", before }, now);
}
