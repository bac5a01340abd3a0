import { sql } from "kysely";
import type { Tx } from "../../db/database.ts";
import type { Role } from "../../db/schema.ts";
import type { IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { getPerson } from "./people.queries.ts";
import { changedFields, isSeparationReason } from "./roster.rules.ts";
import { getSite } from "./sites.queries.ts";

export interface NewPersonInput {
  employeeId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
  hireDate: IsoDate;
  siteId: string;
  role: Role;
}

async function assertEmailFree(tx: Tx, orgId: string, email: string, exceptPersonId?: string) {
  let query = tx.selectFrom("people").select("employee_id").where("org_id", "=", orgId).where(sql`lower(email)`, "=", email.toLowerCase());
  if (exceptPersonId) query = query.where("id", "!=", exceptPersonId);
  const holder = await query.executeTakeFirst();
  if (holder) throw new AppError("CONFLICT", `${email} belongs to employee ${holder.employee_id}`, [{ field: "email", message: "is already in use" }]);
}

/** Adds one person to the roster (with their hire event). */
export async function createPerson(tx: Tx, actor: Actor, input: NewPersonInput, now: Date) {
  const site = await getSite(tx, actor.orgId, input.siteId);
  authorize(actor, "site.staff", { orgId: site.org_id, id: site.id });
  if (input.role === "admin" && actor.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin can add an admin");
  const taken = await tx.selectFrom("people").select("id").where("org_id", "=", actor.orgId).where("employee_id", "=", input.employeeId).executeTakeFirst();
  if (taken) throw new AppError("CONFLICT", `Employee id ${input.employeeId} is already on the roster`, [{ field: "employeeId", message: "is already in use" }]);
  await assertEmailFree(tx, actor.orgId, input.email);
  const person = await tx
    .insertInto("people")
    .values({
      org_id: actor.orgId,
      employee_id: input.employeeId,
      first_name: input.firstName,
      last_name: input.lastName,
      email: input.email.toLowerCase(),
      phone: input.phone ?? null,
      hire_date: input.hireDate,
      site_id: site.id,
      role: input.role,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx.insertInto("employment_events").values({ org_id: actor.orgId, person_id: person.id, kind: "hire", effective_date: input.hireDate, site_id: site.id, created_at: now }).execute();
  if (input.role === "manager") await tx.insertInto("manager_sites").values({ person_id: person.id, site_id: site.id }).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "person", entityId: person.id, action: "person.created", after: { ...input, email: input.email.toLowerCase() } }, now);
  return getPerson(tx, actor.orgId, person.id);
}

export interface PersonPatch {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string | null;
  role?: Role;
}

/** Edits contact details and role. Site and status change through employment events, which keep history. */
export async function updatePerson(tx: Tx, actor: Actor, personId: string, patch: PersonPatch, now: Date) {
  const person = await getPerson(tx, actor.orgId, personId);
  authorize(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  if (patch.role && patch.role !== person.role && (patch.role === "admin" || person.role === "admin") && actor.role !== "admin") {
    throw new AppError("FORBIDDEN", "Only an admin can grant or remove the admin role");
  }
  if (patch.email) await assertEmailFree(tx, actor.orgId, patch.email, person.id);
  const next = {
    first_name: patch.firstName ?? person.first_name,
    last_name: patch.lastName ?? person.last_name,
    email: patch.email?.toLowerCase() ?? person.email,
    phone: patch.phone === undefined ? person.phone : patch.phone,
    role: patch.role ?? person.role,
  };
  const keys = changedFields(person as unknown as typeof next, next);
  if (keys.length === 0) return person;
  await tx.updateTable("people").set({ ...next, updated_at: now }).where("id", "=", person.id).execute();
  if (next.email !== person.email) await tx.updateTable("accounts").set({ email: next.email }).where("person_id", "=", person.id).execute();
  if (next.role === "manager" && person.role !== "manager") {
    await tx.insertInto("manager_sites").values({ person_id: person.id, site_id: person.site_id }).onConflict((oc) => oc.doNothing()).execute();
  }
  const pick = (source: Record<string, unknown>) => Object.fromEntries(keys.map((k) => [k, source[k]]));
  await recordAudit(tx, auditActorOf(actor), { entityType: "person", entityId: person.id, action: "person.updated", before: pick(person), after: pick(next) }, now);
  return getPerson(tx, actor.orgId, person.id);
}

export interface ExitInterviewInput {
  interviewDate: IsoDate;
  reasonCodes: string[];
  comments?: string | null;
  wouldReturn?: boolean | null;
}

export async function recordExitInterview(tx: Tx, actor: Actor, personId: string, input: ExitInterviewInput, now: Date) {
  const person = await getPerson(tx, actor.orgId, personId);
  authorize(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  const unknown = input.reasonCodes.filter((code) => !isSeparationReason(code));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_FAILED", `Unknown reason codes: ${unknown.join(", ")}`, [{ field: "reasonCodes", message: `unknown: ${unknown.join(", ")}` }]);
  }
  if (input.reasonCodes.length === 0) throw new AppError("VALIDATION_FAILED", "Give at least one reason", [{ field: "reasonCodes", message: "at least one reason" }]);
  const interview = await tx
    .insertInto("exit_interviews")
    .values({ org_id: actor.orgId, person_id: person.id, interview_date: input.interviewDate, reason_codes: input.reasonCodes, comments: input.comments ?? null, would_return: input.wouldReturn ?? null, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "exit_interview", entityId: interview.id, action: "exit_interview.recorded", after: { personId: person.id, ...input } }, now);
  return { id: interview.id, interviewDate: interview.interview_date, reasonCodes: interview.reason_codes, comments: interview.comments, wouldReturn: interview.would_return };
}
