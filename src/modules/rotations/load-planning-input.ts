import type { Db, Tx } from "../../db/database.ts";
import { addDays, compareDates, instantInZone, type IsoDate } from "../../lib/dates.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { loadPersonFacts } from "../ladder/person-facts.ts";
import { qualificationOn, type QualificationCheck, type StationRequirements } from "./qualification.rules.ts";
import type { Commitment, PlanningInput, PlanPerson } from "./rotations.rules.ts";
import { loadSiteSetup, type SiteSetup } from "./site-setup.ts";

export const DEFAULT_AVAILABILITY = { weeklyHours: 40, minRestHours: 10 } as const;

/** Who may be planned at a site: its own staff, floaters who list it, and for backfill people of sites in the same state. */
export type PoolTier = "same-site" | "floater" | "nearby";

export interface PoolMember {
  id: string;
  name: string;
  email: string;
  siteId: string;
  siteCode: string;
  tier: PoolTier;
}

export interface PlanningContext {
  /** The stations and shifts in use. */
  setup: SiteSetup;
  /** Those taken out of use, which plans made before them may still hold. */
  retired: Pick<SiteSetup, "stations" | "shifts">;
  input: PlanningInput;
  pool: Map<string, PoolMember>;
  /** The instant of the plan's first midnight at the site. */
  origin: Date;
}

/** A station's name, in use or not. */
export const stationName = (context: PlanningContext, id: string): string | undefined => [...context.setup.stations, ...context.retired.stations].find((s) => s.id === id)?.name;
/** A shift's name, in use or not. */
export const shiftName = (context: PlanningContext, id: string): string | undefined => [...context.setup.shifts, ...context.retired.shifts].find((s) => s.id === id)?.name;

/** The technicians who work stations. */
const STATION_ROLES = ["technician", "mentor"] as const;

/**
 * Everything the planner needs for a site and a period, read in a handful of queries: the site's
 * stations, shifts and demand; the people who may work there with their availability; their
 * qualifications decided per day from sign-offs and credentials; cross-training goals from
 * training assignments and learning weeks; approved leave; and bookings in other published plans.
 */
export async function loadPlanningContext(
  db: Db | Tx,
  orgId: string,
  siteId: string,
  startsOn: IsoDate,
  weeks: number,
  options: { excludePlanId?: string; nearby?: boolean } = {},
): Promise<PlanningContext> {
  const everything = await loadSiteSetup(db, orgId, siteId, { all: true });
  const setup: SiteSetup = { ...everything, stations: everything.stations.filter((s) => s.active), shifts: everything.shifts.filter((s) => s.active) };
  const retired = { stations: everything.stations.filter((s) => !s.active), shifts: everything.shifts.filter((s) => !s.active) };
  const endsOn = addDays(startsOn, weeks * 7 - 1);
  const origin = instantInZone(startsOn, 0, setup.site.timeZone);

  const candidates = await db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .leftJoin("rotation_availability as a", "a.person_id", "p.id")
    .select(["p.id", "p.first_name", "p.last_name", "p.email", "p.site_id", "s.code as site_code", "s.state", "a.weekly_hours", "a.min_rest_hours", "a.shifts", "a.preferred_stations", "a.avoided_stations", "a.float_site_ids"])
    .where("p.org_id", "=", orgId)
    .where("p.status", "=", "active")
    .where("p.role", "in", STATION_ROLES)
    .where((eb) => {
      const ors = [eb("p.site_id", "=", siteId), eb(eb.val(siteId), "=", eb.fn.any("a.float_site_ids"))];
      if (options.nearby) ors.push(eb("s.state", "=", setup.site.state));
      return eb.or(ors);
    })
    .orderBy("p.last_name")
    .orderBy("p.first_name")
    .execute();

  const pool = new Map<string, PoolMember>();
  const people: PlanPerson[] = [];
  for (const c of candidates) {
    const tier: PoolTier = c.site_id === siteId ? "same-site" : (c.float_site_ids ?? []).includes(siteId) ? "floater" : "nearby";
    const name = `${c.first_name} ${c.last_name}`;
    pool.set(c.id, { id: c.id, name, email: c.email, siteId: c.site_id, siteCode: c.site_code, tier });
    people.push({
      id: c.id,
      name,
      home: tier === "same-site",
      weeklyHours: c.weekly_hours ?? DEFAULT_AVAILABILITY.weeklyHours,
      minRestHours: c.min_rest_hours ?? DEFAULT_AVAILABILITY.minRestHours,
      shifts: Array.isArray(c.shifts) ? new Set(c.shifts as string[]) : null,
      preferredStations: new Set(c.preferred_stations ?? []),
      avoidedStations: new Set(c.avoided_stations ?? []),
    });
  }
  const ids = [...pool.keys()];

  const [framework, facts, leave, booked, goals, completions] = await Promise.all([
    getPublishedFramework(db, orgId),
    loadPersonFacts(db, orgId, ids),
    ids.length
      ? db.selectFrom("rotation_leave_requests").select(["person_id", "kind", "starts_on", "ends_on"]).where("person_id", "in", ids).where("status", "=", "approved").where("starts_on", "<=", endsOn).where("ends_on", ">=", startsOn).execute()
      : [],
    ids.length
      ? db
          .selectFrom("rotation_assignments as ra")
          .innerJoin("rotation_plans as rp", "rp.id", "ra.plan_id")
          .select(["ra.person_id", "ra.starts_at", "ra.ends_at", "rp.site_id"])
          .where("ra.person_id", "in", ids)
          .where("rp.status", "=", "published")
          .$if(options.excludePlanId !== undefined, (q) => q.where("rp.id", "!=", options.excludePlanId!))
          // A published plan of this site for the same weeks is the one a new plan replaces.
          .where((eb) => eb.or([eb("rp.site_id", "!=", siteId), eb("rp.starts_on", "!=", startsOn)]))
          .where("ra.ends_at", ">", new Date(origin.getTime() - 86_400_000))
          .where("ra.starts_at", "<", new Date(origin.getTime() + (weeks * 7 + 1) * 86_400_000))
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom("training_assignments as ta")
          .innerJoin("training_programs as tp", "tp.id", "ta.program_id")
          .select(["ta.person_id", "ta.kind", "ta.station", "ta.starts_on", "ta.ends_on", "ta.assigned_on", "tp.code"])
          .where("ta.org_id", "=", orgId)
          .where("ta.person_id", "in", ids)
          .where("ta.cancelled_at", "is", null)
          .execute()
      : [],
    ids.length
      ? db.selectFrom("training_completions as tc").innerJoin("training_programs as tp", "tp.id", "tc.program_id").select(["tc.person_id", "tp.code", "tc.completed_on"]).where("tc.org_id", "=", orgId).where("tc.person_id", "in", ids).where("tc.revoked_at", "is", null).execute()
      : [],
  ]);

  const requirements = new Map<string, StationRequirements>(setup.stations.map((s) => [s.id, { code: s.code, name: s.name, competencies: s.competencies, certifications: s.certifications }]));
  const cache = new Map<string, QualificationCheck>();
  const notQualified: QualificationCheck = { qualified: false, missing: [{ label: "Station", reason: "Not a station of this site", expiredOn: null }] };
  const qualify = (personId: string, stationId: string, day: IsoDate): QualificationCheck => {
    const key = `${personId}|${stationId}|${day}`;
    let check = cache.get(key);
    if (!check) {
      const station = requirements.get(stationId);
      const personFacts = facts.get(personId);
      check = station && personFacts ? qualificationOn(personFacts, station, framework.definition, day) : notQualified;
      cache.set(key, check);
    }
    return check;
  };

  // Cross-training goals: a learning week at the station (by its code or name, or a program the
  // station trains for) on its dates; an assigned program the station trains for, until completed.
  const stationsByText = new Map<string, string[]>();
  for (const s of setup.stations) {
    for (const text of [s.code, s.name.toLowerCase()]) stationsByText.set(text, [...(stationsByText.get(text) ?? []), s.id]);
  }
  const goalsByPerson = new Map<string, { stationId: string; from: IsoDate; to: IsoDate }[]>();
  for (const g of goals) {
    if (!g.person_id) continue;
    const done = completions.some((c) => c.person_id === g.person_id && c.code === g.code && compareDates(c.completed_on, g.assigned_on) >= 0);
    const byProgram = setup.stations.filter((s) => s.trainingPrograms.includes(g.code)).map((s) => s.id);
    let stations: string[];
    let from: IsoDate;
    let to: IsoDate;
    if (g.kind === "learning-week") {
      stations = [...new Set([...(stationsByText.get((g.station ?? "").trim().toLowerCase()) ?? []), ...byProgram])];
      from = g.starts_on!;
      to = g.ends_on!;
    } else {
      if (done) continue;
      stations = byProgram;
      from = g.assigned_on;
      to = endsOn;
    }
    for (const stationId of stations) goalsByPerson.set(g.person_id, [...(goalsByPerson.get(g.person_id) ?? []), { stationId, from, to }]);
  }
  const isTrainee = (personId: string, stationId: string, day: IsoDate) =>
    (goalsByPerson.get(personId) ?? []).some((g) => g.stationId === stationId && compareDates(g.from, day) <= 0 && compareDates(day, g.to) <= 0) && !qualify(personId, stationId, day).qualified;

  const commitments: Commitment[] = booked.map((b) => ({
    personId: b.person_id,
    start: Math.round((new Date(b.starts_at).getTime() - origin.getTime()) / 60_000),
    end: Math.round((new Date(b.ends_at).getTime() - origin.getTime()) / 60_000),
    atThisSite: b.site_id === siteId,
  }));

  const input: PlanningInput = {
    startsOn,
    weeks,
    timeZone: setup.site.timeZone,
    shifts: setup.shifts.map((s) => ({ id: s.id, code: s.code, name: s.name, startMinute: s.startMinute, lengthMinutes: s.lengthMinutes })),
    stations: setup.stations.map((s) => ({ id: s.id, code: s.code, name: s.name, unpopular: s.unpopular })),
    demand: setup.demand.filter((d) => setup.stations.some((s) => s.id === d.stationId) && setup.shifts.some((s) => s.id === d.shiftId)),
    people,
    leave: leave.map((l) => ({ personId: l.person_id, kind: l.kind, startsOn: l.starts_on, endsOn: l.ends_on })),
    commitments,
    retired: { stations: new Map(retired.stations.map((s) => [s.id, s.name])), shifts: new Map(retired.shifts.map((s) => [s.id, s.name])) },
    qualify,
    isTrainee,
  };
  return { setup, retired, input, pool, origin };
}
