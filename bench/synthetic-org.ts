/**
 * A deterministic synthetic pharmacy organization: sites across the US and a roster with several
 * years of hiring and separations. The same options always give the same bytes, so benchmarks
 * compare like with like and cache the CSV under bench/.cache/.
 *
 *   node --import tsx bench/synthetic-org.ts --technicians 50000 --sites 2000 --years 5 --seed 42 --out FILE
 */
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { PersonStatus, Role, SeparationType, SiteSetting } from "../src/db/schema.ts";
import { addDays, addYears, compareDates, isValidTimeZone, type IsoDate } from "../src/lib/dates.ts";
import { FIRST_NAMES, LAST_NAMES, Random } from "../src/lib/random.ts";
import { ROSTER_COLUMNS, SEPARATION_REASONS, type RosterColumn, type RosterRow } from "../src/modules/roster/index.ts";

/** Bump when the output for the same options changes, so cached files are regenerated. */
export const GENERATOR_VERSION = 1;

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const CACHE_DIR = path.join(BENCH_DIR, ".cache");

export interface SyntheticOrgOptions {
  /** Roster rows (people, current and separated). Most are technicians; the other roles are mixed in. */
  technicians: number;
  sites: number;
  /** Years of hiring and separation history before `asOf`. */
  years: number;
  seed: number;
  /** The roster's date: the history runs from `asOf` minus `years` to `asOf`. Fixed, so output never depends on the clock. */
  asOf: IsoDate;
}

export const DEFAULT_OPTIONS: SyntheticOrgOptions = { technicians: 50_000, sites: 2_000, years: 5, seed: 42, asOf: "2025-06-30" };

export interface SyntheticSite {
  code: string;
  name: string;
  state: string;
  setting: SiteSetting;
  timeZone: string;
}

/** A generated person: exactly what one roster CSV row holds. */
export type SyntheticPerson = RosterRow;

export interface SyntheticOrganization {
  options: SyntheticOrgOptions;
  sites: SyntheticSite[];
  /** Roster people in employee-id order, generated lazily: a site's history at a time. */
  people(): Generator<SyntheticPerson>;
}

// ---------------------------------------------------------------------------------------------
// Workforce assumptions. Separation rates are per person-year, which is how turnover is reported
// (separations in a year ÷ average headcount); the technician figures follow the ~25% voluntary
// turnover reported in ASHP's technician surveys.

interface RoleProfile {
  /** Voluntary separations per person-year. */
  voluntary: number;
  /** Involuntary separations per person-year. */
  involuntary: number;
  /** Days a position stays open after someone leaves. */
  vacancyDays: [number, number];
}

const PROFILES: Record<"technician" | "pharmacist" | "manager" | "admin", RoleProfile> = {
  technician: { voluntary: 0.25, involuntary: 0.05, vacancyDays: [10, 75] },
  pharmacist: { voluntary: 0.1, involuntary: 0.015, vacancyDays: [30, 120] },
  manager: { voluntary: 0.11, involuntary: 0.03, vacancyDays: [20, 90] },
  admin: { voluntary: 0.08, involuntary: 0.01, vacancyDays: [30, 90] },
};

/** Share of a site's positions held by pharmacists (the rest, after the manager, are technicians). */
const PHARMACIST_SHARE: Record<SiteSetting, number> = { community: 0.3, "health-system": 0.28, specialty: 0.25, "mail-order": 0.1 };
/** Technicians with at least this tenure are often mentors. */
const MENTOR_TENURE_DAYS = 730;
const MENTOR_CHANCE = 0.3;
const LEAVE_CHANCE = 0.02;
const PHONE_CHANCE = 0.8;
const UNRECORDED_REASON_CHANCE = 0.03;
const EMAIL_DOMAIN = "synthetic.rxladder.test";

const SETTINGS: { setting: SiteSetting; weight: number; size: number }[] = [
  { setting: "community", weight: 62, size: 1 },
  { setting: "health-system", weight: 25, size: 3.5 },
  { setting: "specialty", weight: 9, size: 1.5 },
  { setting: "mail-order", weight: 4, size: 10 },
];

// Reason mixes: pay and no career path lead, as in the ASHP surveys; see roster.rules.ts.
const VOLUNTARY_REASONS: [string, number][] = [
  ["pay", 24], ["career_path", 16], ["workload", 12], ["understaffing", 9], ["working_conditions", 7], ["schedule", 8],
  ["management", 6], ["education", 6], ["other_career", 4], ["relocation", 4], ["personal", 3], ["retirement", 1],
];
const VOLUNTARY_REASONS_SENIOR: [string, number][] = VOLUNTARY_REASONS.map(([code, weight]) => [code, code === "retirement" ? 8 : code === "education" ? 1 : weight]);
const INVOLUNTARY_REASONS: [string, number][] = [
  ["performance", 35], ["attendance", 35], ["conduct", 15], ["licensure", 8], ["position_eliminated", 5], ["end_of_assignment", 2],
];

for (const [list, type] of [[VOLUNTARY_REASONS, "voluntary"], [INVOLUNTARY_REASONS, "involuntary"]] as const) {
  for (const [code] of list) {
    if (!SEPARATION_REASONS.some((r) => r.code === code && r.type === type)) throw new Error(`synthetic-org: "${code}" is not a ${type} reason in SEPARATION_REASONS`);
  }
}

// Population in millions (2020 census, rounded) weights where sites are; each state lists the
// IANA zones its sites use, weighted by how much of the state is in each.
const STATES: [string, number, [string, number][]][] = [
  ["CA", 39.5, [["America/Los_Angeles", 1]]],
  ["TX", 29.1, [["America/Chicago", 97], ["America/Denver", 3]]],
  ["FL", 21.5, [["America/New_York", 93], ["America/Chicago", 7]]],
  ["NY", 20.2, [["America/New_York", 1]]],
  ["PA", 13.0, [["America/New_York", 1]]],
  ["IL", 12.8, [["America/Chicago", 1]]],
  ["OH", 11.8, [["America/New_York", 1]]],
  ["GA", 10.7, [["America/New_York", 1]]],
  ["NC", 10.4, [["America/New_York", 1]]],
  ["MI", 10.1, [["America/Detroit", 98], ["America/Menominee", 2]]],
  ["NJ", 9.3, [["America/New_York", 1]]],
  ["VA", 8.6, [["America/New_York", 1]]],
  ["WA", 7.7, [["America/Los_Angeles", 1]]],
  ["AZ", 7.2, [["America/Phoenix", 1]]],
  ["MA", 7.0, [["America/New_York", 1]]],
  ["TN", 6.9, [["America/Chicago", 60], ["America/New_York", 40]]],
  ["IN", 6.8, [["America/Indiana/Indianapolis", 88], ["America/Chicago", 12]]],
  ["MD", 6.2, [["America/New_York", 1]]],
  ["MO", 6.2, [["America/Chicago", 1]]],
  ["WI", 5.9, [["America/Chicago", 1]]],
  ["CO", 5.8, [["America/Denver", 1]]],
  ["MN", 5.7, [["America/Chicago", 1]]],
  ["SC", 5.1, [["America/New_York", 1]]],
  ["AL", 5.0, [["America/Chicago", 1]]],
  ["LA", 4.7, [["America/Chicago", 1]]],
  ["KY", 4.5, [["America/New_York", 60], ["America/Chicago", 40]]],
  ["OR", 4.2, [["America/Los_Angeles", 97], ["America/Boise", 3]]],
  ["OK", 4.0, [["America/Chicago", 1]]],
  ["CT", 3.6, [["America/New_York", 1]]],
  ["UT", 3.3, [["America/Denver", 1]]],
  ["PR", 3.3, [["America/Puerto_Rico", 1]]],
  ["IA", 3.2, [["America/Chicago", 1]]],
  ["NV", 3.1, [["America/Los_Angeles", 1]]],
  ["AR", 3.0, [["America/Chicago", 1]]],
  ["MS", 3.0, [["America/Chicago", 1]]],
  ["KS", 2.9, [["America/Chicago", 95], ["America/Denver", 5]]],
  ["NM", 2.1, [["America/Denver", 1]]],
  ["NE", 2.0, [["America/Chicago", 85], ["America/Denver", 15]]],
  ["ID", 1.8, [["America/Boise", 80], ["America/Los_Angeles", 20]]],
  ["WV", 1.8, [["America/New_York", 1]]],
  ["HI", 1.5, [["Pacific/Honolulu", 1]]],
  ["NH", 1.4, [["America/New_York", 1]]],
  ["ME", 1.4, [["America/New_York", 1]]],
  ["RI", 1.1, [["America/New_York", 1]]],
  ["MT", 1.1, [["America/Denver", 1]]],
  ["DE", 1.0, [["America/New_York", 1]]],
  ["SD", 0.9, [["America/Chicago", 75], ["America/Denver", 25]]],
  ["ND", 0.8, [["America/Chicago", 90], ["America/Denver", 10]]],
  ["AK", 0.7, [["America/Anchorage", 1]]],
  ["DC", 0.7, [["America/New_York", 1]]],
  ["VT", 0.6, [["America/New_York", 1]]],
  ["WY", 0.6, [["America/Denver", 1]]],
  ["GU", 0.15, [["Pacific/Guam", 1]]],
  ["VI", 0.1, [["America/St_Thomas", 1]]],
];

for (const [, , zones] of STATES) {
  for (const [zone] of zones) if (!isValidTimeZone(zone)) throw new Error(`synthetic-org: unknown time zone ${zone}`);
}

const PLACES = [
  "Riverside", "Oak Hill", "Lakeview", "Maple Grove", "Cedar Park", "Fairview", "Brookside", "Westfield", "Northgate", "Pine Ridge",
  "Springdale", "Hillcrest", "Greenville", "Ashland", "Clearwater", "Franklin", "Georgetown", "Madison", "Bridgeport", "Salem",
  "Summit", "Harbor Point", "Mill Creek", "Stonebridge", "Elmwood", "Highland", "Kingston", "Meadowbrook", "Newport", "Parkside",
];
const COMMUNITY_BRANDS = ["HealthMart Corner", "Main Street", "FamilyCare", "Neighborhood", "Wellness Way", "Valley"];

// ---------------------------------------------------------------------------------------------

/** A well-mixed 32-bit seed for one stream, so sites are independent of each other. */
function streamSeed(seed: number, stream: number, salt: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77) ^ Math.imul(salt, 0xc2b2ae3d)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function weighted<T>(rng: Random, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of items) total += weight;
  let target = rng.next() * total;
  for (const [item, weight] of items) {
    target -= weight;
    if (target < 0) return item;
  }
  return items[items.length - 1][0];
}

/** Days until an event that happens `perYear` times a person-year on average (exponential waiting time). */
function waitingDays(rng: Random, perYear: number): number {
  return (-Math.log(1 - rng.next()) * 365.25) / perYear;
}

function generateSites(options: SyntheticOrgOptions): { site: SyntheticSite; size: number }[] {
  const rng = new Random(streamSeed(options.seed, 0, 1));
  const stateItems = STATES.map(([state, population]) => [state, population] as const);
  const zonesOf = new Map(STATES.map(([state, , zones]) => [state, zones]));
  const sites: { site: SyntheticSite; size: number }[] = [];
  for (let i = 0; i < options.sites; i++) {
    const setting = weighted(rng, SETTINGS.map((s) => [s, s.weight] as const));
    const state = weighted(rng, stateItems);
    const timeZone = weighted(rng, zonesOf.get(state)!);
    const place = rng.pick(PLACES);
    const number = String(i + 1).padStart(4, "0");
    const name =
      setting.setting === "community" ? `${rng.pick(COMMUNITY_BRANDS)} Pharmacy #${number}, ${place}`
      : setting.setting === "health-system" ? `${place} Medical Center Pharmacy`
      : setting.setting === "specialty" ? `${place} Specialty Pharmacy`
      : `${place} Mail-Order Pharmacy`;
    const size = setting.size * (0.6 + 0.8 * rng.next());
    sites.push({ site: { code: `${state}-${number}`, name, state, setting: setting.setting, timeZone }, size });
  }
  return sites;
}

/** Splits `total` rows across sites in proportion to their size (largest remainder), so the sum is exact. */
function rowQuotas(sizes: number[], total: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => (s / sum) * total);
  const quotas = exact.map(Math.floor);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    quotas[i]++;
  }
  return quotas;
}

type Track = keyof typeof PROFILES;

interface Stint {
  track: Track;
  hireDate: IsoDate;
  separation: { date: IsoDate; type: SeparationType; reason: string | null } | null;
  /** Days employed up to the separation or the roster date. */
  tenureDays: number;
}

/**
 * The people who held one position over the window, in hire order: whoever held it when the window
 * opened, then each replacement after a vacancy, until someone still holds it (or it is open) on `asOf`.
 */
function* positionHistory(rng: Random, track: Track, windowStart: IsoDate, horizonDays: number): Generator<Stint> {
  const profile = PROFILES[track];
  const perYear = profile.voluntary + profile.involuntary;
  // Exponential tenure is memoryless: the incumbent's past tenure and remaining tenure are both exponential.
  let hireOffset = -Math.min(Math.round(waitingDays(rng, perYear)), 30 * 365);
  let leaveOffset = Math.max(hireOffset + 1, Math.round(waitingDays(rng, perYear)));
  for (;;) {
    const hireDate = addDays(windowStart, hireOffset);
    if (leaveOffset > horizonDays) {
      yield { track, hireDate, separation: null, tenureDays: horizonDays - hireOffset };
      return;
    }
    const type: SeparationType = rng.chance(profile.voluntary / perYear) ? "voluntary" : "involuntary";
    const reasons = type === "involuntary" ? INVOLUNTARY_REASONS.filter(([code]) => track === "technician" || code !== "licensure")
      : track === "technician" ? VOLUNTARY_REASONS : VOLUNTARY_REASONS_SENIOR;
    const reason = rng.chance(UNRECORDED_REASON_CHANCE) ? null : weighted(rng, reasons);
    yield { track, hireDate, separation: { date: addDays(windowStart, leaveOffset), type, reason }, tenureDays: leaveOffset - hireOffset };
    hireOffset = leaveOffset + rng.int(profile.vacancyDays[0], profile.vacancyDays[1]);
    if (hireOffset > horizonDays) return;
    leaveOffset = hireOffset + Math.max(7, Math.round(waitingDays(rng, perYear)));
  }
}

/**
 * One site's roster history: its manager's position first, then staff positions, until the site's
 * row quota is met. The last position keeps only its latest people, as a position opened during the window.
 */
function* siteHistory(rng: Random, setting: SiteSetting, quota: number, leading: Track[], windowStart: IsoDate, horizonDays: number): Generator<Stint> {
  let left = quota;
  for (let position = 0; left > 0; position++) {
    const track: Track = position < leading.length ? leading[position] : rng.chance(PHARMACIST_SHARE[setting]) ? "pharmacist" : "technician";
    const stints = [...positionHistory(rng, track, windowStart, horizonDays)];
    yield* stints.slice(Math.max(0, stints.length - left));
    left -= Math.min(left, stints.length);
  }
}

/** Builds the organization's sites now and its people on demand. */
export function syntheticOrganization(overrides: Partial<SyntheticOrgOptions> = {}): SyntheticOrganization {
  const options = { ...DEFAULT_OPTIONS, ...overrides };
  for (const key of ["technicians", "sites", "years", "seed"] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 0) throw new Error(`synthetic-org: ${key} must be a whole number ≥ 0`);
  }
  if (options.sites < 1 && options.technicians > 0) throw new Error("synthetic-org: people need at least one site");
  const generated = generateSites(options);
  const sites = generated.map((g) => g.site);
  const quotas = rowQuotas(generated.map((g) => g.size), options.technicians);
  const windowStart = addYears(options.asOf, -options.years);
  const horizonDays = Math.round((Date.parse(options.asOf) - Date.parse(windowStart)) / 86_400_000);
  const admins = options.technicians > 0 ? 1 + Math.floor(options.technicians / 10_000) : 0;

  function* people(): Generator<SyntheticPerson> {
    const nameUses = new Map<string, number>();
    let employeeNumber = 100_000;
    for (let s = 0; s < sites.length; s++) {
      const site = sites[s];
      const rng = new Random(streamSeed(options.seed, s, 2));
      const leading: Track[] = [...(s === 0 ? Array<Track>(admins).fill("admin") : []), "manager"];
      for (const stint of siteHistory(rng, site.setting, quotas[s], leading, windowStart, horizonDays)) {
        const firstName = rng.pick(FIRST_NAMES);
        const lastName = rng.pick(LAST_NAMES);
        const key = `${firstName}.${lastName}`.toLowerCase();
        const uses = (nameUses.get(key) ?? 0) + 1;
        nameUses.set(key, uses);
        const role: Role =
          stint.track !== "technician" ? stint.track
          : stint.tenureDays >= MENTOR_TENURE_DAYS && rng.chance(MENTOR_CHANCE) ? "mentor"
          : "technician";
        const phone = rng.chance(PHONE_CHANCE) ? `${rng.int(201, 989)}-555-01${String(rng.int(0, 99)).padStart(2, "0")}` : null;
        const status: PersonStatus = stint.separation ? "separated" : rng.chance(LEAVE_CHANCE) ? "leave" : "active";
        employeeNumber++;
        yield {
          employeeId: `E${employeeNumber}`,
          firstName,
          lastName,
          email: `${key}${uses === 1 ? "" : uses}@${EMAIL_DOMAIN}`,
          siteCode: site.code,
          hireDate: stint.hireDate,
          role,
          phone,
          status,
          separationDate: stint.separation?.date ?? null,
          separationType: stint.separation?.type ?? null,
          separationReason: stint.separation?.reason ?? null,
        };
      }
    }
  }

  return { options, sites, people };
}

// ---------------------------------------------------------------------------------------------
// CSV

export function rosterRecord(p: SyntheticPerson): Record<RosterColumn, string> {
  return {
    employee_id: p.employeeId,
    first_name: p.firstName,
    last_name: p.lastName,
    email: p.email,
    site: p.siteCode,
    hire_date: p.hireDate,
    role: p.role,
    phone: p.phone ?? "",
    status: p.status,
    separation_date: p.separationDate ?? "",
    separation_type: p.separationType ?? "",
    separation_reason: p.separationReason ?? "",
  };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(",") + "\n";
}

const CHUNK_CHARS = 64 * 1024;

/** The roster CSV (header first) in chunks of about 64 KiB. */
export function* rosterCsvChunks(people: Iterable<SyntheticPerson>): Generator<string> {
  let chunk = csvLine(ROSTER_COLUMNS);
  for (const person of people) {
    const record = rosterRecord(person);
    chunk += csvLine(ROSTER_COLUMNS.map((column) => record[column]));
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

export function rosterCsvStream(org: SyntheticOrganization): Readable {
  return Readable.from(rosterCsvChunks(org.people()), { objectMode: false });
}

export function sitesCsvChunks(org: SyntheticOrganization): Generator<string> {
  return (function* () {
    yield csvLine(["code", "name", "state", "setting", "time_zone"]);
    for (const s of org.sites) yield csvLine([s.code, s.name, s.state, s.setting, s.timeZone]);
  })();
}

/** Counts that show whether the roster looks like a real one. */
export class RosterStats {
  rows = 0;
  byRole = new Map<Role, number>();
  byStatus = new Map<PersonStatus, number>();
  private readonly years: { from: IsoDate; to: IsoDate; voluntary: number; involuntary: number; startHeadcount: number; endHeadcount: number }[] = [];

  constructor(options: SyntheticOrgOptions) {
    for (let y = options.years; y > 0; y--) {
      this.years.push({ from: addYears(options.asOf, -y), to: addYears(options.asOf, -y + 1), voluntary: 0, involuntary: 0, startHeadcount: 0, endHeadcount: 0 });
    }
  }

  add(p: SyntheticPerson): void {
    this.rows++;
    this.byRole.set(p.role, (this.byRole.get(p.role) ?? 0) + 1);
    this.byStatus.set(p.status, (this.byStatus.get(p.status) ?? 0) + 1);
    if (p.role !== "technician" && p.role !== "mentor") return;
    const employedOn = (day: IsoDate) => compareDates(p.hireDate, day) <= 0 && (!p.separationDate || compareDates(p.separationDate, day) > 0);
    for (const year of this.years) {
      if (employedOn(year.from)) year.startHeadcount++;
      if (employedOn(year.to)) year.endHeadcount++;
      if (p.separationDate && compareDates(p.separationDate, year.from) > 0 && compareDates(p.separationDate, year.to) <= 0) {
        if (p.separationType === "voluntary") year.voluntary++;
        else year.involuntary++;
      }
    }
  }

  /** Technician (and mentor) turnover per year of the window: separations ÷ average headcount. */
  turnover(): { from: IsoDate; to: IsoDate; headcount: number; voluntary: number; involuntary: number }[] {
    return this.years.map((y) => {
      const headcount = (y.startHeadcount + y.endHeadcount) / 2;
      return { from: y.from, to: y.to, headcount, voluntary: headcount ? y.voluntary / headcount : 0, involuntary: headcount ? y.involuntary / headcount : 0 };
    });
  }

  describe(): string {
    const list = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v}`).join(", ");
    const years = this.turnover().map(
      (t) => `  ${t.from} – ${t.to}: headcount ${Math.round(t.headcount)}, voluntary ${(t.voluntary * 100).toFixed(1)}%, involuntary ${(t.involuntary * 100).toFixed(1)}%`,
    );
    return [`rows: ${this.rows}`, `roles: ${list(this.byRole)}`, `status: ${list(this.byStatus)}`, "technician turnover by year:", ...years].join("\n");
  }
}

/** Writes the roster CSV to `file` (through a temporary file, so a reader never sees half of it). */
export async function writeRosterCsv(org: SyntheticOrganization, file: string): Promise<{ file: string; bytes: number; stats: RosterStats }> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const stats = new RosterStats(org.options);
  const counted = function* () {
    for (const person of org.people()) {
      stats.add(person);
      yield person;
    }
  };
  const partial = `${file}.${process.pid}.partial`;
  try {
    await pipeline(Readable.from(rosterCsvChunks(counted())), fs.createWriteStream(partial));
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { file, bytes: fs.statSync(file).size, stats };
}

export function cacheFileName(options: SyntheticOrgOptions): string {
  const { technicians, sites, years, seed, asOf } = options;
  return path.join(CACHE_DIR, `roster-v${GENERATOR_VERSION}-t${technicians}-s${sites}-y${years}-seed${seed}-${asOf}.csv`);
}

/** The organization and its roster CSV under bench/.cache/, generated on first use. */
export async function cachedRosterCsv(overrides: Partial<SyntheticOrgOptions> = {}): Promise<{ org: SyntheticOrganization; file: string; bytes: number; generated: boolean }> {
  const org = syntheticOrganization(overrides);
  const file = cacheFileName(org.options);
  if (fs.existsSync(file)) return { org, file, bytes: fs.statSync(file).size, generated: false };
  const written = await writeRosterCsv(org, file);
  return { org, file, bytes: written.bytes, generated: true };
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      technicians: { type: "string" },
      sites: { type: "string" },
      years: { type: "string" },
      seed: { type: "string" },
      "as-of": { type: "string" },
      out: { type: "string" },
      "sites-out": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(
      "usage: node --import tsx bench/synthetic-org.ts [--technicians 50000] [--sites 2000] [--years 5] [--seed 42]\n" +
        `                                            [--as-of ${DEFAULT_OPTIONS.asOf}] [--out FILE] [--sites-out FILE]\n` +
        "Writes the roster CSV to FILE (default: the cache file under bench/.cache/) and prints a summary.",
    );
    return;
  }
  const number = (text: string | undefined, name: string) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number ≥ 0`);
    return value;
  };
  const overrides: Partial<SyntheticOrgOptions> = {};
  const set = <K extends keyof SyntheticOrgOptions>(key: K, value: SyntheticOrgOptions[K] | undefined) => {
    if (value !== undefined) overrides[key] = value;
  };
  set("technicians", number(values.technicians, "technicians"));
  set("sites", number(values.sites, "sites"));
  set("years", number(values.years, "years"));
  set("seed", number(values.seed, "seed"));
  set("asOf", values["as-of"]);
  const org = syntheticOrganization(overrides);
  const file = values.out ?? cacheFileName(org.options);
  const started = performance.now();
  const { bytes, stats } = await writeRosterCsv(org, file);
  const seconds = (performance.now() - started) / 1000;
  if (values["sites-out"]) await pipeline(Readable.from(sitesCsvChunks(org)), fs.createWriteStream(values["sites-out"]));
  console.log(`${file}: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
  console.log(`sites: ${org.sites.length}; history ${addYears(org.options.asOf, -org.options.years)} to ${org.options.asOf}`);
  console.log(stats.describe());
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
