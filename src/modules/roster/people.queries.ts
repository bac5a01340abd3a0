import { sql, type ExpressionBuilder } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { Database, PersonStatus, Role } from "../../db/schema.ts";
import { notFound } from "../../lib/errors.ts";
import type { RosterScope } from "../auth/policy.ts";

export const personColumns = [
  "p.id",
  "p.org_id",
  "p.employee_id",
  "p.first_name",
  "p.last_name",
  "p.email",
  "p.phone",
  "p.hire_date",
  "p.site_id",
  "p.role",
  "p.status",
  "p.separation_date",
  "p.separation_type",
  "p.separation_reason",
  "s.code as site_code",
  "s.name as site_name",
  "s.time_zone as site_time_zone",
] as const;

export type PersonWithSite = Awaited<ReturnType<typeof getPerson>>;

/** Public shape of a person in the API. */
export function toPersonDto(p: PersonWithSite) {
  return {
    id: p.id,
    employeeId: p.employee_id,
    firstName: p.first_name,
    lastName: p.last_name,
    email: p.email,
    phone: p.phone,
    hireDate: p.hire_date,
    siteId: p.site_id,
    siteCode: p.site_code,
    siteName: p.site_name,
    role: p.role,
    status: p.status,
    separationDate: p.separation_date,
    separationType: p.separation_type,
    separationReason: p.separation_reason,
  };
}

export async function getPerson(db: Db | Tx, orgId: string, personId: string) {
  const person = await db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(personColumns)
    .where("p.org_id", "=", orgId)
    .where("p.id", "=", personId)
    .executeTakeFirst();
  if (!person) throw notFound("Person");
  return person;
}

export function scopeFilter(scope: RosterScope) {
  return (eb: ExpressionBuilder<Database & { p: Database["people"] }, "p">) => {
    switch (scope.kind) {
      case "organization":
        return eb.lit(true);
      case "sites":
        return scope.siteIds.length === 0 ? eb.lit(false) : eb("p.site_id", "in", scope.siteIds);
      case "self":
        return eb("p.id", "=", scope.personId);
    }
  };
}

export interface PeopleFilter {
  q?: string;
  siteId?: string;
  status?: PersonStatus;
  role?: Role;
  page: number;
  pageSize: number;
}

export async function listPeople(db: Db, orgId: string, scope: RosterScope, filter: PeopleFilter) {
  let query = db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .where("p.org_id", "=", orgId)
    .where(scopeFilter(scope) as any);
  if (filter.siteId) query = query.where("p.site_id", "=", filter.siteId);
  if (filter.status) query = query.where("p.status", "=", filter.status);
  if (filter.role) query = query.where("p.role", "=", filter.role);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`p.first_name || ' ' || p.last_name`, "ilike", pattern),
        eb("p.email", "ilike", pattern),
        eb("p.employee_id", "ilike", pattern),
      ]),
    );
  }
  const [items, total] = await Promise.all([
    query
      .select(personColumns)
      .orderBy("p.last_name")
      .orderBy("p.first_name")
      .orderBy("p.id")
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function listEmploymentEvents(db: Db, personId: string) {
  return db
    .selectFrom("employment_events as e")
    .leftJoin("sites as s", "s.id", "e.site_id")
    .leftJoin("sites as f", "f.id", "e.from_site_id")
    .select([
      "e.id",
      "e.kind",
      "e.effective_date",
      "e.site_id",
      "s.name as site_name",
      "e.from_site_id",
      "f.name as from_site_name",
      "e.separation_type",
      "e.reason_code",
      "e.note",
    ])
    .where("e.person_id", "=", personId)
    .orderBy("e.effective_date")
    .orderBy("e.created_at")
    .execute();
}

export function toEventDto(e: Awaited<ReturnType<typeof listEmploymentEvents>>[number]) {
  return {
    id: e.id,
    kind: e.kind,
    effectiveDate: e.effective_date,
    siteId: e.site_id,
    siteName: e.site_name,
    fromSiteId: e.from_site_id,
    fromSiteName: e.from_site_name,
    separationType: e.separation_type,
    reasonCode: e.reason_code,
    note: e.note,
  };
}

export async function listExitInterviews(db: Db, personId: string) {
  const rows = await db.selectFrom("exit_interviews").selectAll().where("person_id", "=", personId).orderBy("interview_date").execute();
  return rows.map((r) => ({ id: r.id, interviewDate: r.interview_date, reasonCodes: r.reason_codes, comments: r.comments, wouldReturn: r.would_return }));
}
