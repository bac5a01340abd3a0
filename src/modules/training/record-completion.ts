import { sql } from "kysely";
import type { Tx } from "../../db/database.ts";
import { compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import { can, type Actor } from "../auth/policy.ts";
import { getAttachableEvidence } from "../evidence/index.ts";
import { processIncentiveEvents } from "../incentives/index.ts";
import { getPerson } from "../roster/index.ts";
import { completionExpiry } from "./training.rules.ts";
import { getAssignment, getCompletion, getProgram, type ProgramDto } from "./training.queries.ts";

export interface CompletionInput {
  personId: string;
  programId: string;
  /** The assignment this completes, when it answers one (a learning week's supervisor must name it). */
  assignmentId?: string | null;
  completedOn: IsoDate;
  note?: string | null;
  /** A certificate or attendance record uploaded for the person (POST /api/people/:id/evidence). */
  evidenceFileId?: string | null;
}

/**
 * Records that a person completed a program, with a note and optional evidence file. The expiry
 * is fixed now from the program's validity. An admin, the person's site manager, or the
 * supervisor of the learning week being completed may record it; nobody records their own.
 */
export async function recordCompletion(tx: Tx, actor: Actor, input: CompletionInput, now: Date) {
  const person = await getPerson(tx, actor.orgId, input.personId);
  const [program, assignment, site] = await Promise.all([
    getProgram(tx, actor.orgId, input.programId),
    input.assignmentId ? getAssignment(tx, actor.orgId, input.assignmentId) : undefined,
    tx.selectFrom("sites").select("time_zone").where("id", "=", person.site_id).executeTakeFirstOrThrow(),
  ]);
  const supervisorId = assignment?.kind === "learning-week" && assignment.target.kind === "person" && assignment.target.personId === person.id ? assignment.supervisorId : null;
  if (!can(actor, "training.complete", { id: person.id, orgId: person.org_id, siteId: person.site_id, supervisorId })) {
    throw new AppError("FORBIDDEN", actor.personId === person.id ? "Your own completions are recorded by your manager or supervisor" : "You cannot record trainings for this person");
  }
  const problems: FieldError[] = [];
  if (assignment && assignment.programId !== program.id) problems.push({ field: "assignmentId", message: `is an assignment of "${assignment.programName}", not of "${program.name}"` });
  if (assignment && assignment.target.kind === "person" && assignment.target.personId !== person.id) problems.push({ field: "assignmentId", message: "is assigned to someone else" });
  if (assignment?.cancelledAt) problems.push({ field: "assignmentId", message: "was cancelled" });
  if (compareDates(input.completedOn, dateInZone(now, site.time_zone)) > 0) problems.push({ field: "completedOn", message: "is in the future" });
  const same = await tx
    .selectFrom("training_completions")
    .select("id")
    .where("person_id", "=", person.id)
    .where("program_id", "=", program.id)
    .where("completed_on", "=", input.completedOn)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (same) problems.push({ field: "completedOn", message: `a completion of "${program.name}" on this day is already recorded` });
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
  const evidence = input.evidenceFileId ? await getAttachableEvidence(tx, { orgId: actor.orgId, personId: person.id }, input.evidenceFileId) : undefined;
  const id = await insertProgramCompletion(tx, actor, person.id, program, { assignmentId: assignment?.id ?? null, completedOn: input.completedOn, note: input.note, evidenceFileId: evidence?.id ?? null }, now);
  return getCompletion(tx, actor.orgId, id);
}

/**
 * Writes a program completion with its audit entry. The first time a person completes a program
 * it is a milestone: `training.completed` is appended to the domain events in the same
 * transaction and the incentive rules are applied at once (a renewal of a recurring training is
 * not a new milestone, so completing again never grants again).
 */
export async function insertProgramCompletion(
  tx: Tx,
  actor: Actor,
  personId: string,
  program: ProgramDto,
  fields: { assignmentId: string | null; completedOn: IsoDate; note?: string | null; evidenceFileId: string | null },
  now: Date,
): Promise<string> {
  const expiresOn = completionExpiry(fields.completedOn, program.validityMonths);
  const note = fields.note?.trim() || null;
  const row = await tx
    .insertInto("training_completions")
    .values({
      org_id: actor.orgId,
      person_id: personId,
      program_id: program.id,
      assignment_id: fields.assignmentId,
      completed_on: fields.completedOn,
      expires_on: expiresOn,
      note,
      evidence_file_id: fields.evidenceFileId,
      recorded_by: actor.personId,
      recorded_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "training_completion",
    entityId: row.id,
    action: "training.completed",
    after: { personId, program: program.code, assignmentId: fields.assignmentId, completedOn: fields.completedOn, expiresOn, note, evidenceFileId: fields.evidenceFileId },
  }, now);
  const earlier = await tx
    .selectFrom("domain_events")
    .select("id")
    .where("org_id", "=", actor.orgId)
    .where("person_id", "=", personId)
    .where("kind", "=", "training.completed")
    .where(sql<string>`payload->>'programCode'`, "=", program.code)
    .limit(1)
    .executeTakeFirst();
  if (!earlier) {
    await tx
      .insertInto("domain_events")
      .values({
        org_id: actor.orgId,
        kind: "training.completed",
        person_id: personId,
        payload: JSON.stringify({ programCode: program.code, name: program.name, hours: program.totals.hours, completedOn: fields.completedOn, completionId: row.id }),
        occurred_at: now,
      })
      .execute();
    await processIncentiveEvents(tx, actor.orgId, auditActorOf(actor), now);
  }
  return row.id;
}

/** Revokes a completion recorded in error (kept, with the reason): an admin or the person's site manager. */
export async function revokeCompletion(tx: Tx, actor: Actor, completionId: string, reason: string, now: Date) {
  const completion = await getCompletion(tx, actor.orgId, completionId);
  const person = await getPerson(tx, actor.orgId, completion.personId);
  if (!can(actor, "training.complete", { id: person.id, orgId: person.org_id, siteId: person.site_id, supervisorId: null })) {
    throw new AppError("FORBIDDEN", "Only an administrator or the person's manager revokes a completion");
  }
  if (completion.revokedAt) throw new AppError("CONFLICT", "This completion is already revoked");
  await tx.updateTable("training_completions").set({ revoked_at: now, revoked_by: actor.personId, revocation_reason: reason.trim() }).where("id", "=", completion.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "training_completion", entityId: completion.id, action: "training.completion_revoked", before: { completedOn: completion.completedOn, program: completion.programCode }, after: { reason: reason.trim() } }, now);
  return getCompletion(tx, actor.orgId, completion.id);
}
