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
  "person.assess": (actor: Actor, person: PersonRef) =>
    sameOrg(actor, person) && actor.personId !== person.id && (isAdmin(actor) || managesSite(actor, person.siteId) || actor.homeSiteId === person.siteId),
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
