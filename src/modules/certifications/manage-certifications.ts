import type { Db, Tx } from "../../db/database.ts";
import { compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import { can, type Actor } from "../auth/policy.ts";
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
      created_by: actor.personId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "certification_holding", entityId: holding.id, action: "certification.recorded", after: { personId: person.id, ...input, verified } }, now);
  return holding;
}

export async function verifyCertification(tx: Tx, actor: Actor, holdingId: string, status: "verified" | "rejected", now: Date) {
  const holding = await tx.selectFrom("certification_holdings").selectAll().where("org_id", "=", actor.orgId).where("id", "=", holdingId).executeTakeFirst();
  if (!holding) throw new AppError("NOT_FOUND", "Credential not found");
  const person = await getPerson(tx, actor.orgId, holding.person_id);
  if (!can(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id }) || actor.personId === person.id) {
    throw new AppError("FORBIDDEN", "Only an admin or the site's manager can verify another person's credential");
  }
  const updated = await tx
    .updateTable("certification_holdings")
    .set({ verification_status: status, verified_by: actor.personId, verified_at: now, updated_at: now })
    .where("id", "=", holding.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "certification_holding", entityId: holding.id, action: `certification.${status}`, before: { verificationStatus: holding.verification_status }, after: { verificationStatus: status } }, now);
  return updated;
}

export async function listHoldings(db: Db | Tx, personId: string) {
  return db.selectFrom("certification_holdings").selectAll().where("person_id", "=", personId).orderBy("earned_on", "desc").execute();
}

export function toHoldingDto(h: Awaited<ReturnType<typeof listHoldings>>[number], today: IsoDate) {
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
  };
}
