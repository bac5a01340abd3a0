import type { Db, Tx } from "../../db/database.ts";
import type { TrainingReportStatus } from "../../db/schema.ts";
import { compareDates, type IsoDate } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize } from "../auth/index.ts";
import { can, type Actor } from "../auth/policy.ts";
import { getAttachableEvidence } from "../evidence/index.ts";
import { getPerson } from "../roster/index.ts";
import { insertProgramCompletion } from "./record-completion.ts";
import { getModuleProgram, insertModuleCompletion } from "./record-module-completion.ts";
import { getProgram, siteToday } from "./training.queries.ts";

export interface CompletionReportInput {
  programId: string;
  /** One module of the program; omitted when the whole program was completed. */
  moduleId?: string | null;
  completedOn: IsoDate;
  provider?: string | null;
  note?: string | null;
  /** The certificate, uploaded for oneself (POST /api/people/:id/evidence). */
  evidenceFileId: string;
}

/**
 * A person reports a training they completed elsewhere (a module or a whole program), with the
 * certificate. It counts only once someone else confirms it (decideCompletionReport).
 */
export async function reportCompletion(tx: Tx, actor: Actor, input: CompletionReportInput, now: Date) {
  const person = await getPerson(tx, actor.orgId, actor.personId);
  const program = await getProgram(tx, actor.orgId, input.programId);
  const problems: FieldError[] = [];
  if (input.moduleId && !program.modules.some((m) => m.id === input.moduleId)) problems.push({ field: "moduleId", message: `is not a module of "${program.name}"` });
  if (compareDates(input.completedOn, await siteToday(tx, person.site_id, now)) > 0) problems.push({ field: "completedOn", message: "is in the future" });
  const pending = await tx
    .selectFrom("training_completion_reports")
    .select("id")
    .where("person_id", "=", person.id)
    .where("program_id", "=", program.id)
    .where("status", "=", "submitted")
    .where((eb) => (input.moduleId ? eb("module_id", "=", input.moduleId) : eb("module_id", "is", null)))
    .executeTakeFirst();
  if (pending) problems.push({ field: input.moduleId ? "moduleId" : "programId", message: "already has a report awaiting confirmation" });
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
  const evidence = await getAttachableEvidence(tx, { orgId: actor.orgId, personId: person.id }, input.evidenceFileId);
  const row = await tx
    .insertInto("training_completion_reports")
    .values({
      org_id: actor.orgId,
      person_id: person.id,
      program_id: program.id,
      module_id: input.moduleId ?? null,
      completed_on: input.completedOn,
      provider: input.provider?.trim() || null,
      note: input.note?.trim() || null,
      evidence_file_id: evidence.id,
      reported_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "training_completion_report",
    entityId: row.id,
    action: "training.completion_reported",
    after: { personId: person.id, program: program.code, moduleId: input.moduleId ?? null, completedOn: input.completedOn, provider: input.provider?.trim() || null, evidenceFileId: evidence.id },
  }, now);
  return getCompletionReport(tx, actor, row.id);
}

/**
 * Confirms or rejects a reported completion: an admin, the person's site manager or a pharmacist
 * of their site, never the person (four eyes). Confirming records the module or program
 * completion with the certificate, as any completion is recorded.
 */
export async function decideCompletionReport(tx: Tx, actor: Actor, reportId: string, input: { decision: "confirm" | "reject"; note?: string | null }, now: Date) {
  const report = await tx.selectFrom("training_completion_reports").selectAll().where("org_id", "=", actor.orgId).where("id", "=", reportId).forUpdate().executeTakeFirst();
  if (!report) throw new AppError("NOT_FOUND", "Training report not found");
  const person = await getPerson(tx, actor.orgId, report.person_id);
  if (actor.personId === person.id) throw new AppError("FORBIDDEN", "Someone else must confirm a training you reported");
  authorize(actor, "training.confirmReport", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  if (report.status !== "submitted") throw new AppError("CONFLICT", `This report was already ${report.status}`);
  const status: TrainingReportStatus = input.decision === "confirm" ? "confirmed" : "rejected";
  const note = input.note?.trim() || null;
  if (status === "confirmed") {
    const recordedNote = ["Reported by the person", report.provider ? `at ${report.provider}` : null, report.note ? `: ${report.note}` : null].filter(Boolean).join(" ");
    if (report.module_id) {
      const program = await getModuleProgram(tx, actor.orgId, report.module_id);
      await insertModuleCompletion(tx, actor, person.id, program, { moduleId: report.module_id, completedOn: report.completed_on, note: recordedNote, evidenceFileId: report.evidence_file_id }, now);
    } else {
      const program = await getProgram(tx, actor.orgId, report.program_id);
      const same = await tx.selectFrom("training_completions").select("id").where("person_id", "=", person.id).where("program_id", "=", program.id).where("completed_on", "=", report.completed_on).where("revoked_at", "is", null).executeTakeFirst();
      if (same) throw new AppError("CONFLICT", `A completion of "${program.name}" on ${report.completed_on} is already recorded; reject this report`);
      await insertProgramCompletion(tx, actor, person.id, program, { assignmentId: null, completedOn: report.completed_on, note: recordedNote, evidenceFileId: report.evidence_file_id }, now);
    }
  }
  await tx.updateTable("training_completion_reports").set({ status, decided_by: actor.personId, decided_at: now, decision_note: note }).where("id", "=", report.id).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "training_completion_report", entityId: report.id, action: `training.report_${status}`, before: { status: "submitted" }, after: { status, note } }, now);
  return getCompletionReport(tx, actor, report.id);
}

function reportsQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom("training_completion_reports as r")
    .innerJoin("people as p", "p.id", "r.person_id")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .innerJoin("training_programs as tp", "tp.id", "r.program_id")
    .leftJoin("training_modules as m", "m.id", "r.module_id")
    .leftJoin("evidence_files as e", "e.id", "r.evidence_file_id")
    .leftJoin("people as d", "d.id", "r.decided_by")
    .select([
      "r.id",
      "r.person_id",
      "r.program_id",
      "r.module_id",
      "r.completed_on",
      "r.provider",
      "r.note",
      "r.evidence_file_id",
      "r.reported_at",
      "r.status",
      "r.decided_at",
      "r.decision_note",
      "p.first_name",
      "p.last_name",
      "p.site_id",
      "p.org_id",
      "s.code as site_code",
      "tp.code as program_code",
      "tp.name as program_name",
      "m.title as module_title",
      "e.file_name",
      "d.first_name as decider_first",
      "d.last_name as decider_last",
    ])
    .where("r.org_id", "=", orgId);
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsQuery>["execute"]>>[number];

function toReportDto(r: ReportRow, actor: Actor) {
  const ref = { id: r.person_id, orgId: r.org_id, siteId: r.site_id };
  return {
    id: r.id,
    person: { id: r.person_id, firstName: r.first_name, lastName: r.last_name, siteId: r.site_id, siteCode: r.site_code },
    program: { id: r.program_id, code: r.program_code, name: r.program_name },
    module: r.module_id && r.module_title ? { id: r.module_id, title: r.module_title } : null,
    completedOn: r.completed_on,
    provider: r.provider,
    note: r.note,
    evidenceFile: r.file_name ? { id: r.evidence_file_id, fileName: r.file_name } : null,
    reportedAt: new Date(r.reported_at).toISOString(),
    status: r.status,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decidedBy: r.decider_first ? `${r.decider_first} ${r.decider_last}` : null,
    decisionNote: r.decision_note,
    mayDecide: r.status === "submitted" && can(actor, "training.confirmReport", ref),
  };
}

export type CompletionReportDto = ReturnType<typeof toReportDto>;

async function getCompletionReport(db: Db | Tx, actor: Actor, reportId: string) {
  const row = await reportsQuery(db, actor.orgId).where("r.id", "=", reportId).executeTakeFirstOrThrow();
  return toReportDto(row, actor);
}

/**
 * Reported completions the actor may see: their own, and those of the people whose reports they
 * may confirm (an admin: everyone; a manager: their sites; a pharmacist: their site).
 */
export async function listCompletionReports(db: Db, actor: Actor, filter: { status?: TrainingReportStatus; mine?: boolean }) {
  let query = reportsQuery(db, actor.orgId);
  if (filter.mine) query = query.where("r.person_id", "=", actor.personId);
  else if (actor.role === "manager") query = query.where((eb) => eb.or([eb("r.person_id", "=", actor.personId), ...(actor.managedSiteIds.length ? [eb("p.site_id", "in", actor.managedSiteIds)] : [])]));
  else if (actor.role === "pharmacist") query = query.where((eb) => eb.or([eb("r.person_id", "=", actor.personId), eb("p.site_id", "=", actor.homeSiteId)]));
  else if (actor.role !== "admin") query = query.where("r.person_id", "=", actor.personId);
  if (filter.status) query = query.where("r.status", "=", filter.status);
  const rows = await query.orderBy("r.reported_at", "desc").limit(500).execute();
  return rows.map((r) => toReportDto(r, actor));
}
