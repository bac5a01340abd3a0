import type { Db, Tx } from "../../db/database.ts";
import { compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import { can, type Actor } from "../auth/policy.ts";
import { getAttachableEvidence } from "../evidence/index.ts";
import { getPerson } from "../roster/index.ts";
import { US_STATES } from "../roster/manage-sites.ts";
import { findCertification } from "./catalog.ts";
import { expiryOf, holdingState } from "./certifications.rules.ts";

export interface CertificationInput {
  certificationCode: string;
  number?: string | null;
  issuer?: string | null;
  state?: string | null;
  earnedOn: IsoDate;
  expiresOn?: IsoDate | null;
  /** Record as verified at once (admins and managers only, having seen the credential). */
  verified?: boolean;
  /** A copy of the credential uploaded for the person (POST /api/people/:id/evidence). */
  evidenceFileId?: string | null;
}

/** Admins, the manager of the person's site, or the person themself (whose entries await verification). */
export function mayRecordCertification(actor: Actor, person: { id: string; orgId: string; siteId: string }) {
  return can(actor, "person.write", person) || actor.personId === person.id;
}

export async function recordCertification(tx: Tx, actor: Actor, personId: string, input: CertificationInput, now: Date) {
  const person = await getPerson(tx, actor.orgId, personId);
  const ref = { id: person.id, orgId: person.org_id, siteId: person.site_id };
  if (!mayRecordCertification(actor, ref)) throw new AppError("FORBIDDEN", "You cannot record credentials for this person");
  const def = findCertification(input.certificationCode);
  const fields = [];
  if (!def) fields.push({ field: "certificationCode", message: `"${input.certificationCode}" is not in the catalog` });
  if (def?.perState && !input.state) fields.push({ field: "state", message: "is required for a state credential" });
  if (input.state && !US_STATES.has(input.state.toUpperCase())) fields.push({ field: "state", message: `"${input.state}" is not a US state code` });
  if (input.expiresOn && compareDates(input.expiresOn, input.earnedOn) < 0) fields.push({ field: "expiresOn", message: "is before the earned date" });
  const site = await tx.selectFrom("sites").select("time_zone").where("id", "=", person.site_id).executeTakeFirstOrThrow();
  if (compareDates(input.earnedOn, dateInZone(now, site.time_zone)) > 0) fields.push({ field: "earnedOn", message: "is in the future" });
  if (fields.length) throw new AppError("VALIDATION_FAILED", fields.map((f) => `${f.field} ${f.message}`).join("; "), fields);
  const evidence = input.evidenceFileId ? await getAttachableEvidence(tx, { orgId: actor.orgId, personId: person.id }, input.evidenceFileId) : undefined;
  const verified = Boolean(input.verified) && can(actor, "person.write", ref) && actor.personId !== person.id;
  const holding = await tx
    .insertInto("certification_holdings")
    .values({
      org_id: actor.orgId,
      person_id: person.id,
      certification_code: input.certificationCode,
      number: input.number ?? null,
      issuer: input.issuer ?? def!.issuer,
      state: input.state?.toUpperCase() ?? null,
      earned_on: input.earnedOn,
      expires_on: expiryOf(def, input.earnedOn, input.expiresOn ?? null),
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
  await recordAudit(tx, auditActorOf(actor), { entityType: "certification_holding", entityId: holding.id, action: "certification.recorded", after: { personId: person.id, ...input, verified } }, now);
  return getHolding(tx, actor.orgId, holding.id);
}

/** Attaches a copy of the credential to a holding, or replaces or removes it: whoever may record the person's credentials. */
export async function updateCertificationEvidence(tx: Tx, actor: Actor, holdingId: string, evidenceFileId: string | null, now: Date) {
  const holding = await getHolding(tx, actor.orgId, holdingId);
  const person = await getPerson(tx, actor.orgId, holding.person_id);
  if (!mayRecordCertification(actor, { id: person.id, orgId: person.org_id, siteId: person.site_id })) throw new AppError("FORBIDDEN", "You cannot change credentials of this person");
  const evidence = evidenceFileId ? await getAttachableEvidence(tx, { orgId: actor.orgId, personId: person.id }, evidenceFileId) : undefined;
  await tx.updateTable("certification_holdings").set({ evidence_file_id: evidence?.id ?? null, updated_at: now }).where("id", "=", holding.id).execute();
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "certification_holding",
    entityId: holding.id,
    action: "certification.evidence_changed",
    before: { evidenceFileId: holding.evidence_file_id },
    after: { evidenceFileId: evidence?.id ?? null },
  }, now);
  return getHolding(tx, actor.orgId, holding.id);
}

export async function verifyCertification(tx: Tx, actor: Actor, holdingId: string, status: "verified" | "rejected", now: Date) {
  const holding = await getHolding(tx, actor.orgId, holdingId);
  const person = await getPerson(tx, actor.orgId, holding.person_id);
  if (!can(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id }) || actor.personId === person.id) {
    throw new AppError("FORBIDDEN", "Only an admin or the site's manager can verify another person's credential");
  }
  await tx
    .updateTable("certification_holdings")
    .set({ verification_status: status, verified_by: actor.personId, verified_at: now, updated_at: now })
    .where("id", "=", holding.id)
    .execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "certification_holding", entityId: holding.id, action: `certification.${status}`, before: { verificationStatus: holding.verification_status }, after: { verificationStatus: status } }, now);
  return getHolding(tx, actor.orgId, holding.id);
}

function holdingsWithEvidence(db: Db | Tx) {
  return db.selectFrom("certification_holdings as h").leftJoin("evidence_files as e", "e.id", "h.evidence_file_id").selectAll("h").select("e.file_name as evidence_file_name");
}

export type HoldingRow = Awaited<ReturnType<typeof listHoldings>>[number];

export async function listHoldings(db: Db | Tx, personId: string) {
  return holdingsWithEvidence(db).where("h.person_id", "=", personId).orderBy("h.earned_on", "desc").execute();
}

async function getHolding(db: Db | Tx, orgId: string, holdingId: string) {
  const holding = await holdingsWithEvidence(db).where("h.org_id", "=", orgId).where("h.id", "=", holdingId).executeTakeFirst();
  if (!holding) throw new AppError("NOT_FOUND", "Credential not found");
  return holding;
}

export function toHoldingDto(h: HoldingRow, today: IsoDate) {
  const def = findCertification(h.certification_code);
  return {
    id: h.id,
    certificationCode: h.certification_code,
    name: def?.name ?? h.certification_code,
    number: h.number,
    issuer: h.issuer,
    state: h.state,
    earnedOn: h.earned_on,
    expiresOn: h.expires_on,
    verificationStatus: h.verification_status,
    status: holdingState({ certificationCode: h.certification_code, earnedOn: h.earned_on, expiresOn: h.expires_on, verificationStatus: h.verification_status }, def, today),
    evidenceFile: h.evidence_file_id && h.evidence_file_name ? { id: h.evidence_file_id, fileName: h.evidence_file_name } : null,
  };
}
