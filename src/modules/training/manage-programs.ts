import type { Tx } from "../../db/database.ts";
import type { TrainingCategory, TrainingDelivery } from "../../db/schema.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { getProgram } from "./training.queries.ts";

export interface ModuleInput {
  title: string;
  delivery: TrainingDelivery;
  provider?: string | null;
  hours: number;
  ceHours?: number;
  costCents?: number;
}

export interface ProgramInput {
  code: string;
  name: string;
  description?: string;
  category: TrainingCategory;
  validityMonths?: number | null;
  validityVerify?: boolean;
  source?: string | null;
  modules: ModuleInput[];
}

export type ProgramPatch = Partial<Omit<ProgramInput, "code">> & { active?: boolean };

function moduleProblems(modules: ModuleInput[] | undefined): FieldError[] {
  if (!modules) return [];
  const problems: FieldError[] = [];
  if (modules.length === 0) problems.push({ field: "modules", message: "needs at least one module" });
  const titles = new Set<string>();
  modules.forEach((m, i) => {
    const key = m.title.trim().toLowerCase();
    if (titles.has(key)) problems.push({ field: `modules.${i}.title`, message: `"${m.title}" is already a module of this program` });
    titles.add(key);
    if ((m.ceHours ?? 0) > m.hours) problems.push({ field: `modules.${i}.ceHours`, message: "is more than the module's hours" });
  });
  return problems;
}

/**
 * Puts the program's modules in the given order. A module keeping its title keeps its identity,
 * so completions recorded against it stay; a module no longer listed goes with its completions.
 */
async function replaceModules(tx: Tx, orgId: string, programId: string, modules: ModuleInput[]) {
  const existing = await tx.selectFrom("training_modules").select(["id", "title"]).where("program_id", "=", programId).execute();
  const byTitle = new Map(existing.map((m) => [m.title.trim().toLowerCase(), m.id]));
  const kept = new Set(modules.map((m) => byTitle.get(m.title.trim().toLowerCase())).filter((id): id is string => id !== undefined));
  const gone = existing.filter((m) => !kept.has(m.id)).map((m) => m.id);
  if (gone.length) await tx.deleteFrom("training_modules").where("id", "in", gone).execute();
  // Out of the way first, so that positions can be handed out again without clashing.
  if (kept.size) await tx.updateTable("training_modules").set((eb) => ({ position: eb("position", "+", 1000) })).where("id", "in", [...kept]).execute();
  for (const [i, m] of modules.entries()) {
    const values = { position: i + 1, title: m.title.trim(), delivery: m.delivery, provider: m.provider?.trim() || null, hours: m.hours, ce_hours: m.ceHours ?? 0, cost_cents: m.costCents ?? 0 };
    const id = byTitle.get(m.title.trim().toLowerCase());
    if (id) await tx.updateTable("training_modules").set(values).where("id", "=", id).execute();
    else await tx.insertInto("training_modules").values({ org_id: orgId, program_id: programId, ...values }).execute();
  }
}

/** Adds a program to the organization's catalog (admins; the route's policy says so). */
export async function createProgram(tx: Tx, actor: Actor, input: ProgramInput, now: Date) {
  const problems = moduleProblems(input.modules);
  const clash = await tx.selectFrom("training_programs").select("id").where("org_id", "=", actor.orgId).where("code", "=", input.code).executeTakeFirst();
  if (clash) problems.unshift({ field: "code", message: `"${input.code}" is already a program code` });
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
  const row = await tx
    .insertInto("training_programs")
    .values({
      org_id: actor.orgId,
      code: input.code,
      name: input.name.trim(),
      description: input.description?.trim() ?? "",
      category: input.category,
      validity_months: input.validityMonths ?? null,
      validity_verify: input.validityVerify ?? false,
      source: input.source?.trim() || null,
      created_by: actor.personId,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceModules(tx, actor.orgId, row.id, input.modules);
  const program = await getProgram(tx, actor.orgId, row.id);
  await recordAudit(tx, auditActorOf(actor), { entityType: "training_program", entityId: row.id, action: "training_program.created", after: program }, now);
  return program;
}

/**
 * Edits a program; its code never changes (framework requirements and completions name it). A
 * new validity applies to completions recorded from now on; recorded expiry dates stay.
 */
export async function updateProgram(tx: Tx, actor: Actor, programId: string, patch: ProgramPatch, now: Date) {
  const before = await getProgram(tx, actor.orgId, programId, "id");
  const problems = moduleProblems(patch.modules);
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
  const set: Record<string, unknown> = { updated_at: now };
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.description !== undefined) set.description = patch.description.trim();
  if (patch.category !== undefined) set.category = patch.category;
  if (patch.validityMonths !== undefined) set.validity_months = patch.validityMonths;
  if (patch.validityVerify !== undefined) set.validity_verify = patch.validityVerify;
  if (patch.source !== undefined) set.source = patch.source?.trim() || null;
  if (patch.active !== undefined) set.active = patch.active;
  await tx.updateTable("training_programs").set(set).where("id", "=", programId).where("org_id", "=", actor.orgId).execute();
  if (patch.modules) await replaceModules(tx, actor.orgId, programId, patch.modules);
  const after = await getProgram(tx, actor.orgId, programId, "id");
  await recordAudit(tx, auditActorOf(actor), { entityType: "training_program", entityId: programId, action: "training_program.updated", before, after }, now);
  return after;
}
