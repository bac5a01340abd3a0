import { createHash } from "node:crypto";
import type { Db, Tx } from "../../db/database.ts";
import { addMonths, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, verifyPassword } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { getPerson } from "../roster/index.ts";
import { getAttachableEvidence } from "../evidence/index.ts";
import { canSignOff, levelStanding, type AssessorFacts } from "./assessor.rules.ts";
import type { LevelHeld } from "./eligibility.rules.ts";
import { getPublishedFramework } from "./framework.queries.ts";
import type { FrameworkDefinition, Proficiency } from "./framework.types.ts";
import { canonicalJson } from "../audit/audit.rules.ts";

/** The levels a person holds, held or has scheduled (a level in force is found by date: `isLevelInForce`). */
export async function findLevelsHeld(db: Db | Tx, personId: string): Promise<LevelHeld[]> {
  const rows = await db.selectFrom("person_levels").select(["track_code", "level_code", "started_on", "ended_on"]).where("person_id", "=", personId).orderBy("started_on").execute();
  return rows.map((l) => ({ track: l.track_code, level: l.level_code, startedOn: l.started_on, endedOn: l.ended_on }));
}

/** The core rank and lead status of a person on a day, from the levels in force then. */
export async function findLevelStanding(db: Db | Tx, framework: FrameworkDefinition, personId: string, today: IsoDate): Promise<{ coreRank: number; isLead: boolean }> {
  return levelStanding(framework, await findLevelsHeld(db, personId), today);
}

/** The assessor's side of the assessor rules, from their standing. */
export function toAssessorFacts(actor: Actor, standing: { coreRank: number; isLead: boolean }): AssessorFacts {
  // A site's manager supervises its technicians and assesses as a lead does.
  return { personId: actor.personId, role: actor.role, coreRank: standing.coreRank, isLead: standing.isLead || actor.role === "manager" };
}

/** The actor as an assessor on a day (the date at the site of the person assessed). */
export async function assessorFacts(db: Db | Tx, framework: FrameworkDefinition, actor: Actor, today: IsoDate): Promise<AssessorFacts> {
  return toAssessorFacts(actor, await findLevelStanding(db, framework, actor.personId, today));
}

export interface SignOffInput {
  personId: string;
  competencyCode: string;
  /** Checklist steps signed now; absent to sign the whole competency. */
  stepCodes?: string[];
  proficiency: Proficiency;
  evidenceNote?: string;
  /** An evidence file uploaded for the person (POST /api/people/:id/evidence). */
  evidenceFileId?: string;
  /** The assessor's password, re-entered as the e-signature. */
  password: string;
}

async function confirmSignature(tx: Tx, actor: Actor, password: string) {
  const account = await tx.selectFrom("accounts").select("password_hash").where("id", "=", actor.accountId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(account.password_hash, password))) {
    throw new AppError("INVALID_CREDENTIALS", "The password does not match: the sign-off was not recorded", [{ field: "password", message: "does not match" }]);
  }
}

/**
 * Signs checklist steps or a whole competency for a person, after the assessor re-enters their
 * password. Each sign-off is an immutable row with a signature over what was signed.
 */
export async function signOffCompetency(tx: Tx, actor: Actor, input: SignOffInput, now: Date) {
  const { version, definition } = await getPublishedFramework(tx, actor.orgId);
  const competency = definition.competencies.find((c) => c.code === input.competencyCode);
  if (!competency) throw new AppError("VALIDATION_FAILED", `Unknown competency ${input.competencyCode}`, [{ field: "competencyCode", message: "is not in the framework" }]);
  const subject = await getPerson(tx, actor.orgId, input.personId);
  if (subject.id === actor.personId) throw new AppError("FORBIDDEN", "Nobody signs off their own competency");
  authorize(actor, "person.assess", { id: subject.id, orgId: subject.org_id, siteId: subject.site_id });
  if (subject.status === "separated") throw new AppError("CONFLICT", "This person has left the organization");
  const today: IsoDate = dateInZone(now, subject.site_time_zone);
  const decision = canSignOff(await assessorFacts(tx, definition, actor, today), competency, { personId: subject.id, ...(await findLevelStanding(tx, definition, subject.id, today)) });
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason!);
  const unknownSteps = (input.stepCodes ?? []).filter((code) => !competency.steps.some((s) => s.code === code));
  if (unknownSteps.length) throw new AppError("VALIDATION_FAILED", `Unknown checklist steps: ${unknownSteps.join(", ")}`, [{ field: "stepCodes", message: `unknown: ${unknownSteps.join(", ")}` }]);
  if (input.stepCodes && input.stepCodes.length === 0) throw new AppError("VALIDATION_FAILED", "Choose at least one checklist step", [{ field: "stepCodes", message: "at least one step" }]);
  const evidence = input.evidenceFileId ? await getAttachableEvidence(tx, { orgId: actor.orgId, personId: subject.id }, input.evidenceFileId) : undefined;
  await confirmSignature(tx, actor, input.password);

  const validUntil = competency.validityMonths ? addMonths(today, competency.validityMonths) : null;
  const steps: (string | null)[] = input.stepCodes ?? [null];
  const rows = steps.map((stepCode) => {
    // The signature covers the evidence file's content, when there is one.
    const statement = { assessorId: actor.personId, personId: subject.id, competency: competency.code, stepCode, proficiency: input.proficiency, signedAt: now.toISOString(), frameworkVersion: version, validUntil, ...(evidence ? { evidenceSha256: evidence.sha256 } : {}) };
    return {
      org_id: actor.orgId,
      person_id: subject.id,
      competency_code: competency.code,
      step_code: stepCode,
      proficiency: input.proficiency,
      assessor_id: actor.personId,
      assessor_role: actor.role,
      signed_at: now,
      valid_until: validUntil,
      evidence_note: input.evidenceNote ?? null,
      evidence_file_id: evidence?.id ?? null,
      signature: createHash("sha256").update(canonicalJson(statement)).digest("hex"),
      framework_version: version,
    };
  });
  const inserted = await tx.insertInto("competency_signoffs").values(rows).returning(["id", "step_code", "signature"]).execute();
  await recordAudit(
    tx,
    auditActorOf(actor),
    inserted.map((row) => ({
      entityType: "competency_signoff",
      entityId: row.id,
      action: "competency.signed_off",
      after: { personId: subject.id, competency: competency.code, stepCode: row.step_code, proficiency: input.proficiency, validUntil, evidenceFileId: evidence?.id ?? null, signature: row.signature },
    })),
    now,
  );
  return { signed: inserted.length, validUntil };
}

/** Revokes a sign-off by recording a new entry that points at it; the original stays as it was. */
export async function revokeSignoff(tx: Tx, actor: Actor, input: { signoffId: string; reason: string; password: string }, now: Date) {
  const original = await tx.selectFrom("competency_signoffs").selectAll().where("org_id", "=", actor.orgId).where("id", "=", input.signoffId).executeTakeFirst();
  if (!original || original.revokes_id) throw new AppError("NOT_FOUND", "Sign-off not found");
  const subject = await getPerson(tx, actor.orgId, original.person_id);
  // The assessor who signed, an admin, or the manager of the person's site may revoke.
  const mayRevoke = original.assessor_id === actor.personId || actor.role === "admin" || (actor.role === "manager" && actor.managedSiteIds.includes(subject.site_id));
  if (!mayRevoke) throw new AppError("FORBIDDEN", "Only the assessor who signed, the site's manager or an admin can revoke a sign-off");
  const already = await tx.selectFrom("competency_signoffs").select("id").where("revokes_id", "=", original.id).executeTakeFirst();
  if (already) throw new AppError("CONFLICT", "This sign-off was already revoked");
  await confirmSignature(tx, actor, input.password);
  const statement = { revokes: original.id, by: actor.personId, reason: input.reason, at: now.toISOString() };
  const revocation = await tx
    .insertInto("competency_signoffs")
    .values({
      org_id: actor.orgId,
      person_id: original.person_id,
      competency_code: original.competency_code,
      step_code: original.step_code,
      proficiency: null,
      assessor_id: actor.personId,
      assessor_role: actor.role,
      signed_at: now,
      signature: createHash("sha256").update(canonicalJson(statement)).digest("hex"),
      framework_version: original.framework_version,
      revokes_id: original.id,
      revocation_reason: input.reason,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "competency_signoff", entityId: original.id, action: "competency.sign_off_revoked", after: { revocationId: revocation.id, reason: input.reason } }, now);
  return { id: revocation.id };
}
