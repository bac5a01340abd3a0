import type { Db, Tx } from "../../db/database.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize, type Actor } from "../auth/index.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { findCertification } from "../certifications/index.ts";
import type { Proficiency } from "../ladder/framework.types.ts";
import { getSite } from "../roster/index.ts";
import { ensureTrainingCatalog } from "../training/index.ts";
import { DEFAULT_SHIFTS, DEFAULT_STATIONS, minuteOf, SHIPPED_STATIONS_REVISION, shiftLength, timeOf } from "./default-stations.ts";
import type { DemandRow } from "./rotations.rules.ts";

export interface StationDto {
  id: string;
  code: string;
  name: string;
  competencies: { competency: string; minProficiency: Proficiency }[];
  certifications: { anyOf: string[] }[];
  trainingPrograms: string[];
  unpopular: boolean;
  position: number;
  active: boolean;
}

export interface ShiftDto {
  id: string;
  code: string;
  name: string;
  start: string;
  end: string;
  startMinute: number;
  lengthMinutes: number;
  peak: boolean;
  active: boolean;
}

export interface SiteSetup {
  site: { id: string; code: string; name: string; state: string; setting: string; timeZone: string };
  stations: StationDto[];
  shifts: ShiftDto[];
  demand: DemandRow[];
}

/**
 * Loads the shipped stations, shifts and demand into a site the first time its rotations are
 * used (once: the state row is the lock), audited. Stations a site's state or setting does not
 * have (tech-check-tech where the state does not allow it) are left out.
 */
export async function ensureSiteSetup(db: Db | Tx, orgId: string, siteId: string, now: Date): Promise<void> {
  const loaded = await db.selectFrom("rotation_site_state").select("site_id").where("site_id", "=", siteId).executeTakeFirst();
  if (loaded) return;
  const run = async (tx: Tx) => {
    const site = await getSite(tx, orgId, siteId);
    const claimed = await tx
      .insertInto("rotation_site_state")
      .values({ site_id: site.id, org_id: orgId, shipped_revision: SHIPPED_STATIONS_REVISION, loaded_at: now })
      .onConflict((oc) => oc.column("site_id").doNothing())
      .returning("site_id")
      .executeTakeFirst();
    if (!claimed) return;
    const shifts = await tx
      .insertInto("rotation_shifts")
      .values(DEFAULT_SHIFTS.map((s) => ({ org_id: orgId, site_id: site.id, code: s.code, name: s.name, start_minute: minuteOf(s.start), length_minutes: shiftLength(s.start, s.end), peak: s.peak ?? false })))
      .returning(["id", "code"])
      .execute();
    const templates = DEFAULT_STATIONS.filter((t) => (!t.settings || t.settings.includes(site.setting)) && (!t.states || t.states.includes(site.state)));
    const stations = await tx
      .insertInto("rotation_stations")
      .values(templates.map((t, i) => ({
        org_id: orgId,
        site_id: site.id,
        code: t.code,
        name: t.name,
        competencies: JSON.stringify(t.competencies),
        certifications: JSON.stringify(t.certifications),
        training_programs: t.trainingPrograms,
        unpopular: t.unpopular ?? false,
        position: i + 1,
      })))
      .returning(["id", "code"])
      .execute();
    const demand = [];
    for (const t of templates) {
      const station = stations.find((s) => s.code === t.code)!;
      for (const [code, perShift] of Object.entries(t.demand[site.setting] ?? {})) {
        const shift = shifts.find((s) => s.code === code)!;
        for (let weekday = 1; weekday <= 7; weekday++) {
          const people = weekday <= 5 ? perShift.weekdays : perShift.weekends;
          if (people > 0) demand.push({ org_id: orgId, site_id: site.id, station_id: station.id, shift_id: shift.id, weekday, people });
        }
      }
    }
    if (demand.length) await tx.insertInto("rotation_demand").values(demand).execute();
    await recordAudit(tx, { orgId, personId: null, label: "system" }, { entityType: "rotation_site", entityId: site.id, action: "rotation.stations_loaded", after: { revision: SHIPPED_STATIONS_REVISION, stations: templates.map((t) => t.code), shifts: DEFAULT_SHIFTS.map((s) => s.code) } }, now);
  };
  if (db.isTransaction) await run(db as Tx);
  else await (db as Db).transaction().execute(run);
}

const toStation = (r: { id: string; code: string; name: string; competencies: unknown; certifications: unknown; training_programs: string[]; unpopular: boolean; position: number; active: boolean }): StationDto => ({
  id: r.id,
  code: r.code,
  name: r.name,
  competencies: r.competencies as StationDto["competencies"],
  certifications: r.certifications as StationDto["certifications"],
  trainingPrograms: r.training_programs,
  unpopular: r.unpopular,
  position: r.position,
  active: r.active,
});

/** A site's stations, shifts and demand (active ones unless `all`). */
export async function loadSiteSetup(db: Db | Tx, orgId: string, siteId: string, options: { all?: boolean } = {}): Promise<SiteSetup> {
  const site = await getSite(db, orgId, siteId);
  const [stations, shifts, demand] = await Promise.all([
    db.selectFrom("rotation_stations").selectAll().where("site_id", "=", site.id).$if(!options.all, (q) => q.where("active", "=", true)).orderBy("position").orderBy("code").execute(),
    db.selectFrom("rotation_shifts").selectAll().where("site_id", "=", site.id).$if(!options.all, (q) => q.where("active", "=", true)).orderBy("start_minute").orderBy("code").execute(),
    db.selectFrom("rotation_demand").selectAll().where("site_id", "=", site.id).execute(),
  ]);
  return {
    site: { id: site.id, code: site.code, name: site.name, state: site.state, setting: site.setting, timeZone: site.time_zone },
    stations: stations.map(toStation),
    shifts: shifts.map(toShift),
    demand: demand.map((d) => ({ stationId: d.station_id, shiftId: d.shift_id, weekday: d.weekday, people: d.people })),
  };
}

export interface StationInput {
  code: string;
  name: string;
  competencies: { competency: string; minProficiency: Proficiency }[];
  certifications: { anyOf: string[] }[];
  trainingPrograms?: string[];
  unpopular?: boolean;
  position?: number;
  active?: boolean;
}

const fail = (problems: FieldError[]) => {
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
};

/** Codes a station names must exist: competencies in the framework in force, certifications in the catalog, programs in the organization. */
async function stationProblems(tx: Tx, orgId: string, input: Partial<StationInput>): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  if (input.competencies) {
    const { definition } = await getPublishedFramework(tx, orgId);
    input.competencies.forEach((c, i) => {
      if (!definition.competencies.some((d) => d.code === c.competency)) problems.push({ field: `competencies.${i}.competency`, message: `"${c.competency}" is not a competency of the framework in force` });
    });
  }
  input.certifications?.forEach((group, i) =>
    group.anyOf.forEach((code, k) => {
      if (!findCertification(code)) problems.push({ field: `certifications.${i}.anyOf.${k}`, message: `"${code}" is not a credential of the catalog` });
    }));
  if (input.trainingPrograms?.length) {
    await ensureTrainingCatalog(tx, orgId, new Date());
    const known = new Set((await tx.selectFrom("training_programs").select("code").where("org_id", "=", orgId).where("code", "in", input.trainingPrograms).execute()).map((r) => r.code));
    input.trainingPrograms.forEach((code, i) => {
      if (!known.has(code)) problems.push({ field: `trainingPrograms.${i}`, message: `"${code}" is not a training program of this organization` });
    });
  }
  return problems;
}

async function siteForManager(tx: Tx, actor: Actor, siteId: string) {
  const site = await getSite(tx, actor.orgId, siteId);
  authorize(actor, "site.staff", { orgId: site.org_id, id: site.id });
  return site;
}

export async function createStation(tx: Tx, actor: Actor, siteId: string, input: StationInput, now: Date): Promise<StationDto> {
  const site = await siteForManager(tx, actor, siteId);
  await ensureSiteSetup(tx, actor.orgId, site.id, now);
  fail(await stationProblems(tx, actor.orgId, input));
  const row = await tx
    .insertInto("rotation_stations")
    .values({
      org_id: actor.orgId,
      site_id: site.id,
      code: input.code,
      name: input.name.trim(),
      competencies: JSON.stringify(input.competencies),
      certifications: JSON.stringify(input.certifications),
      training_programs: input.trainingPrograms ?? [],
      unpopular: input.unpopular ?? false,
      position: input.position ?? 99,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_station", entityId: row.id, action: "rotation.station_created", after: { siteId: site.id, ...input } }, now);
  return toStation(row);
}

export async function updateStation(tx: Tx, actor: Actor, stationId: string, patch: Partial<Omit<StationInput, "code">>, now: Date): Promise<StationDto> {
  const before = await tx.selectFrom("rotation_stations").selectAll().where("org_id", "=", actor.orgId).where("id", "=", stationId).executeTakeFirst();
  if (!before) throw new AppError("NOT_FOUND", "Station not found");
  await siteForManager(tx, actor, before.site_id);
  fail(await stationProblems(tx, actor.orgId, patch));
  const row = await tx
    .updateTable("rotation_stations")
    .set({
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.competencies !== undefined ? { competencies: JSON.stringify(patch.competencies) } : {}),
      ...(patch.certifications !== undefined ? { certifications: JSON.stringify(patch.certifications) } : {}),
      ...(patch.trainingPrograms !== undefined ? { training_programs: patch.trainingPrograms } : {}),
      ...(patch.unpopular !== undefined ? { unpopular: patch.unpopular } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updated_at: now,
    })
    .where("id", "=", stationId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_station", entityId: row.id, action: "rotation.station_updated", before: toStation(before), after: toStation(row) }, now);
  return toStation(row);
}

export interface ShiftInput {
  code: string;
  name: string;
  start: string;
  end: string;
  peak?: boolean;
}

/** A shift's length in minutes from its start and end times; 1 to 16 hours, or the end is refused. */
function checkedShiftLength(start: string, end: string): number {
  const length = shiftLength(start, end);
  if (length < 60 || length > 960) fail([{ field: "end", message: "must make a shift of 1 to 16 hours" }]);
  return length;
}

const toShift = (r: { id: string; code: string; name: string; start_minute: number; length_minutes: number; peak: boolean; active: boolean }): ShiftDto => ({
  id: r.id,
  code: r.code,
  name: r.name,
  start: timeOf(r.start_minute),
  end: timeOf(r.start_minute + r.length_minutes),
  startMinute: r.start_minute,
  lengthMinutes: r.length_minutes,
  peak: r.peak,
  active: r.active,
});

export async function createShift(tx: Tx, actor: Actor, siteId: string, input: ShiftInput, now: Date): Promise<ShiftDto> {
  const site = await siteForManager(tx, actor, siteId);
  await ensureSiteSetup(tx, actor.orgId, site.id, now);
  const length = checkedShiftLength(input.start, input.end);
  const row = await tx
    .insertInto("rotation_shifts")
    .values({ org_id: actor.orgId, site_id: site.id, code: input.code, name: input.name.trim(), start_minute: minuteOf(input.start), length_minutes: length, peak: input.peak ?? false, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_shift", entityId: row.id, action: "rotation.shift_created", after: { siteId: site.id, ...input } }, now);
  return toShift(row);
}

export type ShiftPatch = Partial<Omit<ShiftInput, "code">> & { active?: boolean };

/**
 * Edits a shift template (its code never changes): name, times, kind, or active=false to leave it
 * out of new plans. Plans already made keep the times their shifts were planned with.
 */
export async function updateShift(tx: Tx, actor: Actor, shiftId: string, patch: ShiftPatch, now: Date): Promise<ShiftDto> {
  const before = await tx.selectFrom("rotation_shifts").selectAll().where("org_id", "=", actor.orgId).where("id", "=", shiftId).executeTakeFirst();
  if (!before) throw new AppError("NOT_FOUND", "Shift not found");
  await siteForManager(tx, actor, before.site_id);
  const start = patch.start ?? timeOf(before.start_minute);
  const end = patch.end ?? timeOf(before.start_minute + before.length_minutes);
  const length = checkedShiftLength(start, end);
  const row = await tx
    .updateTable("rotation_shifts")
    .set({
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      start_minute: minuteOf(start),
      length_minutes: length,
      ...(patch.peak !== undefined ? { peak: patch.peak } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    })
    .where("id", "=", shiftId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_shift", entityId: row.id, action: "rotation.shift_updated", before: toShift(before), after: toShift(row) }, now);
  return toShift(row);
}

/** Replaces a site's demand grid: people per station, shift and weekday (rows with 0 people are dropped). */
export async function replaceDemand(tx: Tx, actor: Actor, siteId: string, rows: DemandRow[], now: Date): Promise<DemandRow[]> {
  const site = await siteForManager(tx, actor, siteId);
  await ensureSiteSetup(tx, actor.orgId, site.id, now);
  const setup = await loadSiteSetup(tx, actor.orgId, site.id, { all: true });
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (!setup.stations.some((s) => s.id === r.stationId)) problems.push({ field: `rows.${i}.stationId`, message: "is not a station of this site" });
    if (!setup.shifts.some((s) => s.id === r.shiftId)) problems.push({ field: `rows.${i}.shiftId`, message: "is not a shift of this site" });
    const key = `${r.stationId}|${r.shiftId}|${r.weekday}`;
    if (seen.has(key)) problems.push({ field: `rows.${i}`, message: "repeats a station, shift and weekday" });
    seen.add(key);
  });
  fail(problems);
  await tx.deleteFrom("rotation_demand").where("site_id", "=", site.id).execute();
  const kept = rows.filter((r) => r.people > 0);
  if (kept.length) await tx.insertInto("rotation_demand").values(kept.map((r) => ({ org_id: actor.orgId, site_id: site.id, station_id: r.stationId, shift_id: r.shiftId, weekday: r.weekday, people: r.people }))).execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "rotation_site", entityId: site.id, action: "rotation.demand_replaced", before: setup.demand, after: kept }, now);
  return kept;
}
