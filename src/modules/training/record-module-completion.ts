import type { Db, Tx } from "../../db/database.ts";
import { compareDates, type IsoDate } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import { can, type Actor } from "../auth/policy.ts";
import { getAttachableEvidence } from "../evidence/index.ts";
import { getPerson } from "../roster/index.ts";
import { insertProgramCompletion } from "./record-completion.ts";
import { moduleProgress, type ModuleProgress } from "./training.rules.ts";
import { getProgram, listPrograms, siteToday, type ProgramDto } from "./training.queries.ts";

export interface ModuleCompletionInput {
  personId: string;
  moduleId: string;
  completedOn: IsoDate;
  note?: string | null;
  evidenceFileId?: string | null;
}

/** The program a module belongs to, within the organization; an unknown module is a field error. */
export async function getModuleProgram(db: Db | Tx, orgId: string, moduleId: string, field = "moduleId"): Promise<ProgramDto> {
  const row = await db.selectFrom("training_modules").select("program_id").where("org_id", "=", orgId).where("id", "=", moduleId).executeTakeFirst();
  if (!row) throw new AppError("VALIDATION_FAILED", "No such training module in this organization", [{ field, message: "is not a module of this organization's programs" }]);
  return getProgram(db, orgId, row.program_id);
}

/** Progress per program for these people: "personId/programId" → modules completed of the total in the current round. */
export async function loadModuleProgress(db: Db | Tx, orgId: string, personIds: string[], programs?: ProgramDto[]): Promise<Map<string, ModuleProgress>> {
  const result = new Map<string, ModuleProgress>();
  if (personIds.length === 0) return result;
  const [moduleRows, lastRows, catalog] = await Promise.all([
    db
      .selectFrom("training_module_completions")
      .select(["person_id", "program_id", "module_id", "completed_on"])
      .where("org_id", "=", orgId)
      .where("person_id", "in", personIds)
      .where("revoked_at", "is", null)
      .execute(),
    db
      .selectFrom("training_completions")
      .select(["person_id", "program_id", (eb) => eb.fn.max("completed_on").as("last_on")])
      .where("org_id", "=", orgId)
      .where("person_id", "in", personIds)
      .where("revoked_at", "is", null)
      .groupBy(["person_id", "program_id"])
      .execute(),
    programs ? Promise.resolve(programs) : listPrograms(db, orgId),
  ]);
  const last = new Map(lastRows.map((r) => [`${r.person_id}/${r.program_id}`, r.last_on as IsoDate]));
  const byProgram = new Map(catalog.map((p) => [p.id, p]));
  const keys = new Set([...moduleRows.map((r) => `${r.person_id}/${r.program_id}`), ...last.keys()]);
  for (const personId of personIds) for (const program of catalog) keys.add(`${personId}/${program.id}`);
  for (const key of keys) {
    const [personId, programId] = key.split("/");
    const program = byProgram.get(programId);
    if (!program) continue;
    const done = moduleRows.filter((r) => r.person_id === personId && r.program_id === programId).map((r) => ({ moduleId: r.module_id, completedOn: r.completed_on }));
    result.set(key, moduleProgress(program.modules, done, last.get(key) ?? null));
  }
  return result;
}

/**
 * Writes one module's completion (no checks on who asks: the callers decide). When it is the
 * last module of the round, the program is recorded completed on the latest module's date.
 */
export async function insertModuleCompletion(
  tx: Tx,
  actor: Actor,
  personId: string,
  program: ProgramDto,
  fields: { moduleId: string; completedOn: IsoDate; note?: string | null; evidenceFileId: string | null },
  now: Date,
) {
  const before = (await loadModuleProgress(tx, actor.orgId, [personId], [program])).get(`${personId}/${program.id}`)!;
  const lastCompletion = await tx
    .selectFrom("training_completions")
    .select((eb) => eb.fn.max("completed_on").as("last_on"))
    .where("person_id", "=", personId)
    .where("program_id", "=", program.id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  const lastOn = (lastCompletion?.last_on ?? null) as IsoDate | null;
  const problems: FieldError[] = [];
  if (lastOn && compareDates(fields.completedOn, lastOn) <= 0) problems.push({ field: "completedOn", message: `is not after the program's last completion (${lastOn}), which already counts this module` });
  if (before.modules.find((m) => m.id === fields.moduleId)?.completedOn) problems.push({ field: "moduleId", message: "is already completed" });
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
  const note = fields.note?.trim() || null;
  const row = await tx
    .insertInto("training_module_completions")
    .values({ org_id: actor.orgId, person_id: personId, program_id: program.id, module_id: fields.moduleId, completed_on: fields.completedOn, note, evidence_file_id: fields.evidenceFileId, recorded_by: actor.personId, recorded_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const title = program.modules.find((m) => m.id === fields.moduleId)?.title;
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "training_module_completion",
    entityId: row.id,
    action: "training.module_completed",
    after: { personId, program: program.code, module: title, completedOn: fields.completedOn, note, evidenceFileId: fields.evidenceFileId },
  }, now);
  const progress = (await loadModuleProgress(tx, actor.orgId, [personId], [program])).get(`${personId}/${program.id}`)!;
  let programCompletionId: string | null = null;
  if (progress.total > 0 && progress.completed === progress.total) {
    const completedOn = progress.modules.map((m) => m.completedOn!).sort(compareDates).at(-1)!;
    programCompletionId = await insertProgramCompletion(tx, actor, personId, program, { assignmentId: null, completedOn, note: "Every module completed", evidenceFileId: null }, now);
  }
  return { id: row.id, programId: program.id, moduleId: fields.moduleId, completedOn: fields.completedOn, progress, programCompletionId };
}

/**
 * Records that a person completed one module of a program: an admin, the person's site manager or
 * the supervisor of their learning week in that program; never oneself (a person reports their
 * own, see report-completion.ts). The last module completes the program.
 */
export async function recordModuleCompletion(tx: Tx, actor: Actor, input: ModuleCompletionInput, now: Date) {
  const person = await getPerson(tx, actor.orgId, input.personId);
  const program = await getModuleProgram(tx, actor.orgId, input.moduleId);
  const week = await tx
    .selectFrom("training_assignments")
    .select("supervisor_id")
    .where("org_id", "=", actor.orgId)
    .where("kind", "=", "learning-week")
    .where("person_id", "=", person.id)
    .where("program_id", "=", program.id)
    .where("supervisor_id", "=", actor.personId)
    .where("cancelled_at", "is", null)
    .executeTakeFirst();
  if (!can(actor, "training.complete", { id: person.id, orgId: person.org_id, siteId: person.site_id, supervisorId: week?.supervisor_id ?? null })) {
    throw new AppError("FORBIDDEN", actor.personId === person.id ? "Report your own completions for confirmation instead" : "You cannot record trainings for this person");
  }
  if (compareDates(input.completedOn, await siteToday(tx, person.site_id, now)) > 0) {
    throw new AppError("VALIDATION_FAILED", "completedOn is in the future", [{ field: "completedOn", message: "is in the future" }]);
  }
  const evidence = input.evidenceFileId ? await getAttachableEvidence(tx, { orgId: actor.orgId, personId: person.id }, input.evidenceFileId) : undefined;
  return insertModuleCompletion(tx, actor, person.id, program, { moduleId: input.moduleId, completedOn: input.completedOn, note: input.note, evidenceFileId: evidence?.id ?? null }, now);
}
