import type { Role } from "../../db/schema.ts";

/** Who is asking: resolved from the session on every request. */
export interface Actor {
  accountId: string;
  personId: string;
  orgId: string;
  orgSlug: string;
  role: Role;
  name: string;
  email: string;
  homeSiteId: string;
  /** Sites a manager is responsible for; empty for other roles. */
  managedSiteIds: string[];
}

/** The part of a person a policy needs to decide. */
export interface PersonRef {
  id: string;
  orgId: string;
  siteId: string;
}

/** Which people an actor may list: the whole organization, some sites, or only themself. */
export type RosterScope = { kind: "organization" } | { kind: "sites"; siteIds: string[] } | { kind: "self"; personId: string };

export function rosterScope(actor: Actor): RosterScope {
  switch (actor.role) {
    case "admin":
      return { kind: "organization" };
    case "manager":
      return { kind: "sites", siteIds: actor.managedSiteIds };
    case "pharmacist":
      // Pharmacists assess technicians at their own site, so they see that site's directory.
      return { kind: "sites", siteIds: [actor.homeSiteId] };
    default:
      return { kind: "self", personId: actor.personId };
  }
}

const isAdmin = (actor: Actor) => actor.role === "admin";
const managesSite = (actor: Actor, siteId: string) => actor.role === "manager" && actor.managedSiteIds.includes(siteId);
const sameOrg = (actor: Actor, person: PersonRef) => actor.orgId === person.orgId;
const mayAssess = (actor: Actor, person: PersonRef) =>
  sameOrg(actor, person) && actor.personId !== person.id && (isAdmin(actor) || managesSite(actor, person.siteId) || actor.homeSiteId === person.siteId);

/**
 * Every access decision in one table. Route-level policies take only the actor; record-level
 * policies also take the record. Routes declare theirs; use cases call `authorize` on records.
 */
export const routePolicies = {
  public: () => true,
  authenticated: () => true,
  "roster.list": () => true,
  "roster.import": (actor: Actor) => isAdmin(actor),
  "roster.export": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  "people.create": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  "sites.read": () => true,
  "sites.write": (actor: Actor) => isAdmin(actor),
  "audit.read": (actor: Actor) => isAdmin(actor),
  "accounts.manage": (actor: Actor) => isAdmin(actor),
  "ladder.team": (actor: Actor) => isAdmin(actor) || actor.role === "manager" || actor.role === "pharmacist" || actor.role === "mentor",
  "promotions.manage": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  "ladder.framework": (actor: Actor) => isAdmin(actor),
  /** The item bank: pharmacists read and review items (they check the clinical facts); admins write and publish. */
  "exams.bank.read": (actor: Actor) => isAdmin(actor) || actor.role === "pharmacist",
  "exams.bank.write": (actor: Actor) => isAdmin(actor),
  "exams.bank.review": (actor: Actor) => isAdmin(actor) || actor.role === "pharmacist",
  "exams.pipeline": (actor: Actor) => isAdmin(actor) || actor.role === "manager" || actor.role === "pharmacist",
  "exams.settings": (actor: Actor) => isAdmin(actor),
  /** CE compliance lists and CE imports: managers for their sites (rows are checked per person), admins for all. */
  "ce.compliance": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  "ce.import": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  "ce.settings": (actor: Actor) => isAdmin(actor),
  /** Training programs: every role reads the catalog; admins add and edit programs. */
  "training.programs.write": (actor: Actor) => isAdmin(actor),
  /** Assigning trainings, learning weeks, completions, the site matrix: managers for their sites (checked per record), admins for all. */
  "training.manage": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  /** Monthly evaluations: the due list and filling them, managers for their sites (checked per person), admins for all. */
  "evaluations.manage": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  /** The organization's evaluation form (saved as a new version): admins. */
  "evaluations.template": (actor: Actor) => isAdmin(actor),
  /** KPI definitions: admins. */
  "kpis.define": (actor: Actor) => isAdmin(actor),
  /** KPI values by hand or CSV import: managers for their sites' people (checked per row), admins for all. */
  "kpis.record": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  /** Mentor pairings: managers for their sites' mentees (checked per record), admins for all. */
  "mentoring.manage": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  /** Incentive rules: admins set them. */
  "incentives.rules": (actor: Actor) => isAdmin(actor),
  /** The grants ledger, reimbursement approvals, processing and the payroll export: managers for their sites, admins for all. */
  "incentives.manage": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  /** Rotations: stations, demand, plans, backfill and availability, managers for their sites (checked per site), admins for all. */
  "rotations.manage": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  /** Program metrics, their people and the stalled list: managers for their sites, admins for the organization. */
  "metrics.read": (actor: Actor) => isAdmin(actor) || actor.role === "manager",
  /** The stalled-progress threshold: admins. */
  "metrics.settings": (actor: Actor) => isAdmin(actor),
} satisfies Record<string, (actor: Actor) => boolean>;

export type RoutePolicy = keyof typeof routePolicies;

export const recordPolicies = {
  "person.read": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) &&
    (isAdmin(actor) ||
      actor.personId === person.id ||
      managesSite(actor, person.siteId) ||
      (actor.role === "pharmacist" && actor.homeSiteId === person.siteId)),
  /** Employment history, separations and exit interviews: HR data. */
  "person.readHistory": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && (isAdmin(actor) || actor.personId === person.id || managesSite(actor, person.siteId)),
  "person.write": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && (isAdmin(actor) || managesSite(actor, person.siteId)),
  /** Attempting an assessment: colleagues at the same site, a manager of the site, an admin. The assessor rules then decide per competency. */
  "person.assess": mayAssess,
  /** Uploading evidence (a certificate, a competency's proof) for a person: the person, whoever may assess them, their site's manager, an admin. */
  "person.recordEvidence": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && (actor.personId === person.id || mayAssess(actor, person)),
  /** Reading and recording CE: the person themself (their entries await verification), their site's manager, an admin. */
  "person.ce": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && (isAdmin(actor) || actor.personId === person.id || managesSite(actor, person.siteId)),
  /** Verifying or rejecting a CE record: an admin or the site's manager, never for themself. */
  "person.verifyCe": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && actor.personId !== person.id && (isAdmin(actor) || managesSite(actor, person.siteId)),
  /** Assigning a training to people of a site (siteId), or organization-wide (siteId null): admins, or the site's manager. */
  "training.assign": (actor: Actor, scope: { orgId: string; siteId: string | null }) =>
    actor.orgId === scope.orgId && (isAdmin(actor) || (scope.siteId !== null && managesSite(actor, scope.siteId))),
  /** Recording or revoking a person's training completion: an admin, the site's manager, or the supervisor of that learning week; never for oneself. */
  "training.complete": (actor: Actor, record: PersonRef & { supervisorId: string | null }) =>
    sameOrg(actor, record) && actor.personId !== record.id && (isAdmin(actor) || managesSite(actor, record.siteId) || record.supervisorId === actor.personId),
  /** Confirming or rejecting a training completion a person reported: an admin, the site's manager or a pharmacist of the site; never one's own. */
  "training.confirmReport": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && actor.personId !== person.id && (isAdmin(actor) || managesSite(actor, person.siteId) || (actor.role === "pharmacist" && actor.homeSiteId === person.siteId)),
  /** Filling or editing a person's monthly evaluation: an admin or their site's manager, never for oneself. */
  "person.evaluate": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && actor.personId !== person.id && (isAdmin(actor) || managesSite(actor, person.siteId)),
  /** Reading a person's evaluations and KPI figures: the person, their site's manager, an admin. */
  "person.performance": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && (isAdmin(actor) || actor.personId === person.id || managesSite(actor, person.siteId)),
  /** Recording a person's KPI figures: an admin or their site's manager. */
  "person.recordKpi": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && (isAdmin(actor) || managesSite(actor, person.siteId)),
  /** Approving or rejecting a reimbursement request: an admin or the site's manager, never for themself (four eyes). */
  "person.decideReimbursement": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && actor.personId !== person.id && (isAdmin(actor) || managesSite(actor, person.siteId)),
  /** Approving or rejecting a person's leave request: an admin or their site's manager, never for themself. */
  "person.decideLeave": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && actor.personId !== person.id && (isAdmin(actor) || managesSite(actor, person.siteId)),
  "site.staff": (actor: Actor, site: { orgId: string; id: string }) =>
    actor.orgId === site.orgId && (isAdmin(actor) || managesSite(actor, site.id)),
} satisfies Record<string, (actor: Actor, record: any) => boolean>;

export type RecordPolicy = keyof typeof recordPolicies;

export function canRoute(actor: Actor, policy: RoutePolicy): boolean {
  return routePolicies[policy](actor);
}

export function can<P extends RecordPolicy>(actor: Actor, policy: P, record: Parameters<(typeof recordPolicies)[P]>[1]): boolean {
  return (recordPolicies[policy] as (a: Actor, r: unknown) => boolean)(actor, record);
}
