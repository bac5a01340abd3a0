import type { Db, Tx } from "../../db/database.ts";
import type { IncentiveMilestone, IncentiveReward } from "../../db/schema.ts";
import { compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError, notFound, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, type Actor } from "../auth/index.ts";
import { getAttachableEvidence } from "../evidence/index.ts";
import { getPerson } from "../roster/index.ts";
import { payrollCsv, type PayrollLine } from "./incentives.rules.ts";
import { ensureIncentiveRules } from "./process-incentive-events.ts";

export function toRuleDto(r: { id: string; code: string; name: string; milestone: IncentiveMilestone; level_code: string | null; program_code: string | null; min_hours: number | string | null; reward: IncentiveReward; amount_cents: number; active: boolean }) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    milestone: r.milestone,
    levelCode: r.level_code,
    programCode: r.program_code,
    minHours: r.min_hours === null ? null : Number(r.min_hours),
    reward: r.reward,
    amountCents: r.amount_cents,
    active: r.active,
  };
}

/** The organization's rules (the default set is loaded on first use). */
export async function listIncentiveRules(db: Db, orgId: string, now: Date) {
  await db.transaction().execute((tx) => ensureIncentiveRules(tx, orgId, now));
  const rules = await db.selectFrom("incentive_rules").selectAll().where("org_id", "=", orgId).orderBy("milestone").orderBy("code").execute();
  return rules.map(toRuleDto);
}

export interface RuleInput {
  code: string;
  name: string;
  milestone: IncentiveMilestone;
  levelCode?: string | null;
  programCode?: string | null;
  minHours?: number | null;
  reward: IncentiveReward;
  amountCents: number;
  active?: boolean;
}

export type RulePatch = Partial<Pick<RuleInput, "name" | "amountCents" | "active" | "levelCode" | "programCode" | "minHours">>;

/** Each condition belongs to one milestone; a program named must be one of the organization's. */
async function checkRule(tx: Tx, orgId: string, input: { milestone: IncentiveMilestone; levelCode?: string | null; programCode?: string | null; minHours?: number | null }) {
  const problems: FieldError[] = [];
  if (input.levelCode && input.milestone !== "level.reached") problems.push({ field: "levelCode", message: "only for the level.reached milestone" });
  if (input.programCode && input.milestone !== "training.completed") problems.push({ field: "programCode", message: "only for the training.completed milestone" });
  if (input.minHours != null && input.milestone !== "ce.completed") problems.push({ field: "minHours", message: "only for the ce.completed milestone" });
  if (input.programCode && input.milestone === "training.completed") {
    const program = await tx.selectFrom("training_programs").select("id").where("org_id", "=", orgId).where("code", "=", input.programCode).executeTakeFirst();
    if (!program) problems.push({ field: "programCode", message: `"${input.programCode}" is not one of the organization's training programs` });
  }
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
}

export async function createIncentiveRule(tx: Tx, actor: Actor, input: RuleInput, now: Date) {
  await checkRule(tx, actor.orgId, input);
  await ensureIncentiveRules(tx, actor.orgId, now);
  const clash = await tx.selectFrom("incentive_rules").select("id").where("org_id", "=", actor.orgId).where("code", "=", input.code).executeTakeFirst();
  if (clash) throw new AppError("CONFLICT", "A rule with this code already exists", [{ field: "code", message: "is already used" }]);
  const rule = await tx
    .insertInto("incentive_rules")
    .values({ org_id: actor.orgId, code: input.code, name: input.name, milestone: input.milestone, level_code: input.levelCode ?? null, program_code: input.programCode ?? null, min_hours: input.minHours ?? null, reward: input.reward, amount_cents: input.amountCents, active: input.active ?? true, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "incentive_rule", entityId: rule.id, action: "incentive.rule_created", after: toRuleDto(rule) }, now);
  return toRuleDto(rule);
}

export async function updateIncentiveRule(tx: Tx, actor: Actor, ruleId: string, patch: RulePatch, now: Date) {
  const before = await tx.selectFrom("incentive_rules").selectAll().where("org_id", "=", actor.orgId).where("id", "=", ruleId).forUpdate().executeTakeFirst();
  if (!before) throw notFound("Incentive rule");
  await checkRule(tx, actor.orgId, { milestone: before.milestone, levelCode: patch.levelCode, programCode: patch.programCode, minHours: patch.minHours });
  const rule = await tx
    .updateTable("incentive_rules")
    .set({
      name: patch.name ?? before.name,
      amount_cents: patch.amountCents ?? before.amount_cents,
      active: patch.active ?? before.active,
      level_code: patch.levelCode === undefined ? before.level_code : patch.levelCode,
      program_code: patch.programCode === undefined ? before.program_code : patch.programCode,
      min_hours: patch.minHours === undefined ? before.min_hours : patch.minHours,
    })
    .where("id", "=", ruleId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "incentive_rule", entityId: rule.id, action: "incentive.rule_updated", before: toRuleDto(before), after: toRuleDto(rule) }, now);
  return toRuleDto(rule);
}

/** Grants, newest first: one person's (personId), or those of the people the actor manages. */
export async function listGrants(db: Db, actor: Actor, filter: { personId?: string; from?: IsoDate; to?: IsoDate }) {
  let query = db
    .selectFrom("incentive_grants as g")
    .innerJoin("incentive_rules as r", "r.id", "g.rule_id")
    .innerJoin("people as p", "p.id", "g.person_id")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["g.id", "g.person_id", "g.reward", "g.amount_cents", "g.granted_on", "g.event_id", "r.code as rule_code", "r.name as rule_name", "r.milestone", "p.first_name", "p.last_name", "p.employee_id", "p.site_id", "s.code as site_code"])
    .where("g.org_id", "=", actor.orgId);
  if (filter.personId) query = query.where("g.person_id", "=", filter.personId);
  else if (actor.role !== "admin") query = actor.managedSiteIds.length ? query.where("p.site_id", "in", actor.managedSiteIds) : query.where((eb) => eb.lit(false));
  if (filter.from) query = query.where("g.granted_on", ">=", filter.from);
  if (filter.to) query = query.where("g.granted_on", "<=", filter.to);
  const rows = await query.orderBy("g.granted_on", "desc").orderBy("g.created_at", "desc").limit(1000).execute();
  return rows.map((g) => ({
    id: g.id,
    person: { id: g.person_id, firstName: g.first_name, lastName: g.last_name, employeeId: g.employee_id, siteId: g.site_id, siteCode: g.site_code },
    rule: { code: g.rule_code, name: g.rule_name, milestone: g.milestone },
    reward: g.reward,
    amountCents: g.amount_cents,
    grantedOn: g.granted_on,
    eventId: Number(g.event_id),
  }));
}

export interface ReimbursementInput {
  amountCents: number;
  purpose: string;
  evidenceFileId?: string | null;
}

/** A person asks to be reimbursed (tuition, a conference, CE fees); the receipt is an evidence file of theirs. */
export async function submitReimbursement(tx: Tx, actor: Actor, input: ReimbursementInput, now: Date) {
  if (input.evidenceFileId) await getAttachableEvidence(tx, { orgId: actor.orgId, personId: actor.personId }, input.evidenceFileId);
  const request = await tx
    .insertInto("reimbursement_requests")
    .values({ org_id: actor.orgId, person_id: actor.personId, amount_cents: input.amountCents, purpose: input.purpose.trim(), evidence_file_id: input.evidenceFileId ?? null, submitted_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "reimbursement_request", entityId: request.id, action: "reimbursement.submitted", after: { amountCents: request.amount_cents, purpose: request.purpose, evidenceFileId: request.evidence_file_id } }, now);
  return request;
}

/** Approves or rejects a request: the requester's site manager or an admin, never the requester (four eyes). */
export async function decideReimbursement(tx: Tx, actor: Actor, requestId: string, input: { decision: "approve" | "reject"; note?: string | null }, now: Date) {
  const request = await tx.selectFrom("reimbursement_requests").selectAll().where("org_id", "=", actor.orgId).where("id", "=", requestId).forUpdate().executeTakeFirst();
  if (!request) throw notFound("Reimbursement request");
  const person = await getPerson(tx, actor.orgId, request.person_id);
  if (actor.personId === person.id) throw new AppError("FORBIDDEN", "Someone else must decide your own reimbursement request");
  authorize(actor, "person.decideReimbursement", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  if (request.status !== "submitted") throw new AppError("CONFLICT", `This request was already ${request.status}`);
  const updated = await tx
    .updateTable("reimbursement_requests")
    .set({ status: input.decision === "approve" ? "approved" : "rejected", decided_by: actor.personId, decided_at: now, decided_on: dateInZone(now, person.site_time_zone), decision_note: input.note?.trim() || null })
    .where("id", "=", request.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "reimbursement_request", entityId: request.id, action: `reimbursement.${updated.status}`, before: { status: "submitted" }, after: { status: updated.status, amountCents: updated.amount_cents, note: updated.decision_note } }, now);
  return updated;
}

/** Reimbursement requests: one person's, or those of the people the actor manages. */
export async function listReimbursements(db: Db, actor: Actor, filter: { personId?: string; status?: "submitted" | "approved" | "rejected" }) {
  let query = db
    .selectFrom("reimbursement_requests as rr")
    .innerJoin("people as p", "p.id", "rr.person_id")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .leftJoin("people as d", "d.id", "rr.decided_by")
    .leftJoin("evidence_files as e", "e.id", "rr.evidence_file_id")
    .select(["rr.id", "rr.person_id", "rr.amount_cents", "rr.purpose", "rr.status", "rr.submitted_at", "rr.decided_on", "rr.decision_note", "rr.evidence_file_id", "e.file_name", "p.first_name", "p.last_name", "p.site_id", "s.code as site_code", "d.first_name as decider_first", "d.last_name as decider_last"])
    .where("rr.org_id", "=", actor.orgId);
  if (filter.personId) query = query.where("rr.person_id", "=", filter.personId);
  else if (actor.role !== "admin") query = actor.managedSiteIds.length ? query.where("p.site_id", "in", actor.managedSiteIds) : query.where((eb) => eb.lit(false));
  if (filter.status) query = query.where("rr.status", "=", filter.status);
  const rows = await query.orderBy("rr.submitted_at", "desc").limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    person: { id: r.person_id, firstName: r.first_name, lastName: r.last_name, siteId: r.site_id, siteCode: r.site_code },
    amountCents: r.amount_cents,
    purpose: r.purpose,
    status: r.status,
    submittedAt: new Date(r.submitted_at).toISOString(),
    decidedOn: r.decided_on,
    decidedBy: r.decider_first ? `${r.decider_first} ${r.decider_last}` : null,
    decisionNote: r.decision_note,
    evidenceFile: r.evidence_file_id && r.file_name ? { id: r.evidence_file_id, fileName: r.file_name } : null,
    mayDecide: r.status === "submitted" && r.person_id !== actor.personId && (actor.role === "admin" || actor.managedSiteIds.includes(r.site_id)),
  }));
}

/** Payroll CSV for a period (inclusive): raises and bonuses granted in it, reimbursements approved in it; managers get their sites. */
export async function exportPayroll(db: Db, scope: { orgId: string; siteIds?: string[] }, period: { from: IsoDate; to: IsoDate }) {
  if (compareDates(period.to, period.from) < 0) throw new AppError("VALIDATION_FAILED", "The period ends before it starts", [{ field: "to", message: "must be on or after from" }]);
  const people = (q: any) => (scope.siteIds ? (scope.siteIds.length ? q.where("p.site_id", "in", scope.siteIds) : q.where((eb: any) => eb.lit(false))) : q);
  const [grants, reimbursements] = await Promise.all([
    people(
      db
        .selectFrom("incentive_grants as g")
        .innerJoin("incentive_rules as r", "r.id", "g.rule_id")
        .innerJoin("people as p", "p.id", "g.person_id")
        .innerJoin("sites as s", "s.id", "p.site_id")
        .select(["g.id", "g.reward", "g.amount_cents", "g.granted_on", "r.name as rule_name", "p.employee_id", "p.first_name", "p.last_name", "s.code as site_code"])
        .where("g.org_id", "=", scope.orgId)
        .where("g.reward", "in", ["raise", "bonus"])
        .where("g.granted_on", ">=", period.from)
        .where("g.granted_on", "<=", period.to),
    ).execute() as Promise<{ id: string; reward: "raise" | "bonus"; amount_cents: number; granted_on: string; rule_name: string; employee_id: string; first_name: string; last_name: string; site_code: string }[]>,
    people(
      db
        .selectFrom("reimbursement_requests as rr")
        .innerJoin("people as p", "p.id", "rr.person_id")
        .innerJoin("sites as s", "s.id", "p.site_id")
        .select(["rr.id", "rr.amount_cents", "rr.decided_on", "rr.purpose", "p.employee_id", "p.first_name", "p.last_name", "s.code as site_code"])
        .where("rr.org_id", "=", scope.orgId)
        .where("rr.status", "=", "approved")
        .where("rr.decided_on", ">=", period.from)
        .where("rr.decided_on", "<=", period.to),
    ).execute() as Promise<{ id: string; amount_cents: number; decided_on: string; purpose: string; employee_id: string; first_name: string; last_name: string; site_code: string }[]>,
  ]);
  const lines: PayrollLine[] = [
    ...grants.map((g) => ({ employeeId: g.employee_id, lastName: g.last_name, firstName: g.first_name, siteCode: g.site_code, kind: g.reward, effectiveDate: g.granted_on, amountCents: g.amount_cents, description: g.rule_name, reference: `grant:${g.id}` })),
    ...reimbursements.map((r) => ({ employeeId: r.employee_id, lastName: r.last_name, firstName: r.first_name, siteCode: r.site_code, kind: "reimbursement" as const, effectiveDate: r.decided_on, amountCents: r.amount_cents, description: r.purpose, reference: `reimbursement:${r.id}` })),
  ];
  return payrollCsv(lines);
}
