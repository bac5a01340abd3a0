import type { Db, Tx } from "../../db/database.ts";
import { addDays, addMonths, addYears, compareDates, dateInZone, daysInPeriod, monthsInPeriod, monthsOfPeriod, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { can } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { ceCycle, ceHoldings, computeCompliance, getCeRules, ruleSetFor, toRecordFacts, type CeCompliance, type CeHoldingFacts, type CeRecordFacts, type CeRuleSet } from "../ce/index.ts";
import { CERTIFICATIONS, expiryOf, findCertification, NATIONAL_CERTIFICATION_CODES } from "../certifications/index.ts";
import { getExamSettings } from "../exams/exams.queries.ts";
import { getSite } from "../roster/index.ts";
import { isLevelInForce } from "../ladder/eligibility.rules.ts";
import { loadCoverage } from "../training/load-coverage.ts";
import { kaplanMeier, survivalAt, type TimeCount } from "./kaplan-meier.ts";
import {
  cohortAggregates,
  competencyExpiryCountsQuery,
  credentialExpiryCountsQuery,
  getStalledMonths,
  hasAssignmentsDueBy,
  loadScopedCeRecords,
  periodAggregates,
  scopedHoldingsQuery,
  type AggregateRow,
  type MetricsFilter,
  type RetentionGroup,
} from "./metrics.queries.ts";
import {
  completionRate,
  DEFAULT_STALLED_MONTHS,
  daysToMonths,
  deadlineOutcome,
  expiryBuckets,
  certificationObservation,
  promotionFrequency,
  rateOf,
  reasonBreakdown,
  shareOf,
  turnover,
  type DeadlineOutcome,
  type Period,
} from "./metrics.rules.ts";

export interface MetricsQuery {
  from?: IsoDate;
  to?: IsoDate;
  siteId?: string;
  track?: string;
  levelCode?: string;
  retentionGroup?: RetentionGroup;
}

/** Longest period a dashboard covers. */
export const MAX_PERIOD_YEARS = 10;

/** The organization's calendar day: the metrics are organization-wide, so they use UTC's. */
export function metricsToday(now: Date): IsoDate {
  return dateInZone(now, "UTC");
}

/**
 * The filter an actor may see: an admin the organization, a manager their sites (a site filter
 * must be one of them); the period defaults to the 12 months up to today and ends no later than today.
 */
export async function metricsFilterFor(db: Db | Tx, actor: Actor, query: MetricsQuery, now: Date): Promise<MetricsFilter> {
  if (actor.role !== "admin" && actor.role !== "manager") throw new AppError("FORBIDDEN", "Program metrics are for managers and admins");
  const today = metricsToday(now);
  let to = query.to ?? today;
  if (compareDates(to, today) > 0) to = today;
  const from = query.from ?? addDays(addYears(to, -1), 1);
  if (compareDates(from, to) > 0) {
    throw new AppError("VALIDATION_FAILED", compareDates(from, today) > 0 ? "from is after today" : "from is after to", [{ field: "from", message: compareDates(from, today) > 0 ? "is after today" : "is after to" }]);
  }
  if (compareDates(from, addYears(to, -MAX_PERIOD_YEARS)) < 0) {
    throw new AppError("VALIDATION_FAILED", `the period is longer than ${MAX_PERIOD_YEARS} years`, [{ field: "from", message: `makes the period longer than ${MAX_PERIOD_YEARS} years` }]);
  }
  let siteIds: string[] | null = actor.role === "admin" ? null : [...actor.managedSiteIds];
  if (query.siteId) {
    const site = await getSite(db, actor.orgId, query.siteId);
    if (!can(actor, "site.staff", { orgId: site.org_id, id: site.id })) throw new AppError("FORBIDDEN", "You can see metrics only for the sites you manage");
    siteIds = [site.id];
  }
  return { orgId: actor.orgId, from, to, today, siteIds, track: query.track ?? null, level: query.levelCode ?? null };
}

/** Each month of the trend: the month's own figures, its rates annualized. */
export interface TrendPoint {
  month: string;
  from: IsoDate;
  to: IsoDate;
  averageHeadcount: number;
  hires: number;
  voluntary: number;
  involuntary: number;
  promotions: number;
  voluntaryTurnover: number | null;
  totalTurnover: number | null;
  promotionsPer100: number | null;
}

export interface RetentionCurve {
  group: string;
  subjects: number;
  separations: number;
  medianMonths: number | null;
  /** Survival at each month of tenure, with its 95 % band; as far as the data reaches. */
  points: { month: number; survival: number; lower: number; upper: number; atRisk: number }[];
}

/** Days in a month of tenure for the retention points (365.25 / 12). */
const DAYS_PER_MONTH = 365.25 / 12;
const MAX_RETENTION_MONTHS = 60;

function retentionCurves(rows: readonly AggregateRow[]): RetentionCurve[] {
  const byGroup = new Map<string, TimeCount[]>();
  const all: TimeCount[] = [];
  for (const r of rows) {
    const count = { time: r.n1, events: r.n2, censored: r.n3 };
    const key = r.k1 ?? "none";
    const group = byGroup.get(key);
    if (group) group.push(count);
    else byGroup.set(key, [count]);
    all.push(count);
  }
  const grid = Array.from({ length: MAX_RETENTION_MONTHS + 1 }, (_, m) => Math.round(m * DAYS_PER_MONTH));
  const curve = (group: string, counts: TimeCount[]): RetentionCurve => {
    const km = kaplanMeier(counts);
    return {
      group,
      subjects: km.subjects,
      separations: km.events,
      medianMonths: km.median === null ? null : daysToMonths(km.median),
      points: survivalAt(km, grid).map((p) => ({ month: Math.round(p.time / DAYS_PER_MONTH), survival: p.survival, lower: p.lower, upper: p.upper, atRisk: p.atRisk })),
    };
  };
  return [curve("all", all), ...[...byGroup].sort(([a], [b]) => a.localeCompare(b)).map(([group, counts]) => curve(group, counts))];
}

function weightedMedian(pairs: readonly { value: number; count: number }[]): number | null {
  const total = pairs.reduce((n, p) => n + p.count, 0);
  if (total === 0) return null;
  const sorted = [...pairs].sort((a, b) => a.value - b.value);
  const at = (index: number) => {
    let seen = 0;
    for (const p of sorted) {
      seen += p.count;
      if (index < seen) return p.value;
    }
    return sorted[sorted.length - 1].value;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** Earned-date windows per credential with a renewal cycle: a superset of the holdings without a printed expiry that expire between two days. */
export function cycleWindows(from: IsoDate, to: IsoDate) {
  return CERTIFICATIONS.filter((c) => c.cycleMonths).map((c) => ({
    code: c.code,
    earnedFrom: addDays(addMonths(from, -c.cycleMonths!), -3),
    earnedTo: addDays(addMonths(to, -c.cycleMonths!), 3),
  }));
}

/**
 * CE compliance today of the credentials the current people in scope hold, by the CE module's one
 * rule. A snapshot, apart from the period figures: judging every credential's cycle costs far
 * more than the sums behind the dashboard, so it is asked for on its own.
 */
export async function loadCeCompliance(db: Db | Tx, f: MetricsFilter) {
  const empty = { credentials: 0, people: 0, complete: 0, short: 0, expired: 0, rate: null as number | null };
  const [{ rows: holdingRows }, { settings, ruleSets }] = await Promise.all([scopedHoldingsQuery(f).execute(db), getCeRules(db, f.orgId)]);
  if (holdingRows.length === 0) return empty;
  const byPerson = new Map<string, CeHoldingFacts[]>();
  for (const h of holdingRows) {
    const list = byPerson.get(h.person_id) ?? [];
    list.push({ id: h.id, certificationCode: h.certification_code, state: h.state?.trim() ?? null, earnedOn: h.earned_on, expiresOn: h.expires_on, verificationStatus: h.verification_status });
    byPerson.set(h.person_id, list);
  }
  const work: { personId: string; holding: CeHoldingFacts; ruleSet: CeRuleSet }[] = [];
  let earliest: IsoDate | undefined;
  for (const [personId, holdings] of byPerson) {
    const { withRules } = ceHoldings(holdings, (code, state) => ruleSetFor(ruleSets, code, state));
    for (const { holding, ruleSet } of withRules) {
      const cycle = ceCycle(findCertification(holding.certificationCode)!, holding, ruleSet.cycleMonths);
      if (!cycle) continue;
      if (!earliest || compareDates(cycle.startsOn, earliest) < 0) earliest = cycle.startsOn;
      work.push({ personId, holding, ruleSet });
    }
  }
  if (!earliest) return empty;
  const records = new Map<string, CeRecordFacts[]>();
  for (const r of await loadScopedCeRecords(db, f, earliest)) {
    const list = records.get(r.person_id) ?? [];
    list.push(toRecordFacts({ ...r, hours: Number(r.hours) } as Parameters<typeof toRecordFacts>[0]));
    records.set(r.person_id, list);
  }
  const results: CeCompliance[] = [];
  const counted = new Set<string>();
  for (const w of work) {
    const c = computeCompliance({ holding: w.holding, ruleSet: w.ruleSet, records: records.get(w.personId) ?? [], today: f.today, warningDays: settings.warningDays });
    if (!c) continue;
    results.push(c);
    counted.add(w.personId);
  }
  const complete = results.filter((c) => c.status === "complete").length;
  return {
    credentials: results.length,
    people: counted.size,
    complete,
    short: results.filter((c) => c.status === "short").length,
    expired: results.filter((c) => c.status === "expired").length,
    rate: shareOf(complete, results.length),
  };
}

/** Training assignments that fell due in the period within the filter, each with its status (people who have left are not covered). */
export async function dueTrainings(db: Db | Tx, f: MetricsFilter, now: Date) {
  if (!(await hasAssignmentsDueBy(db, f.orgId, f.to))) return [];
  const coverage = await loadCoverage(db, f.orgId, f.siteIds === null ? {} : { siteIds: f.siteIds }, now);
  return coverage.entries.filter(
    (e) =>
      (f.track === null && f.level === null) ||
      e.member.levels.some((l) => (f.track === null || l.track === f.track) && (f.level === null || l.level === f.level) && isLevelInForce(l, e.dueOn)),
  );
}

/** Hires in the period and how each did against the certification deadline. */
export function certificationOutcomes(rows: readonly AggregateRow[], deadlineMonths: number) {
  const counts: Record<DeadlineOutcome, number> = { "on-time": 0, late: 0, missed: 0, pending: 0 };
  const observations: TimeCount[] = [];
  for (const r of rows) {
    const hiredOn = r.k1!;
    const certifiedOn = r.k2;
    const until = r.k3!;
    counts[deadlineOutcome(hiredOn, deadlineMonths, certifiedOn, until)] += r.n1;
    const o = certificationObservation(hiredOn, certifiedOn, until);
    observations.push({ time: o.time, events: o.event ? r.n1 : 0, censored: o.event ? 0 : r.n1 });
  }
  return { counts, observations };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

/** The statements behind the dashboard's figures, compiled as the loader sends them (the benchmark runs them raw). */
export async function dashboardSqlStatements(db: Db | Tx, f: MetricsFilter, options: { retentionGroup?: RetentionGroup }) {
  const horizon = addDays(f.today, 90);
  return [
    periodAggregates(f),
    cohortAggregates(f, { retentionGroup: options.retentionGroup ?? "cohort", nationalCodes: NATIONAL_CERTIFICATION_CODES }),
    credentialExpiryCountsQuery(f, { from: f.today, to: horizon }, cycleWindows(f.today, horizon)),
    competencyExpiryCountsQuery(f, { from: f.today, to: horizon }),
  ].map((query) => query.compile(db));
}

/** Every figure of the program dashboard for a filter, with the monthly trend. */
export async function loadDashboard(db: Db | Tx, f: MetricsFilter, options: { retentionGroup?: RetentionGroup }, now: Date) {
  const period: Period = { from: f.from, to: f.to };
  const retentionGroup = options.retentionGroup ?? "cohort";
  const horizon = addDays(f.today, 90);
  const [{ rows: periodRows }, { rows: cohortRows }, examSettings, stalledMonths, { rows: credentialExpiries }, { rows: competencyExpiries }, trainings] = await Promise.all([
    periodAggregates(f).execute(db),
    cohortAggregates(f, { retentionGroup, nationalCodes: NATIONAL_CERTIFICATION_CODES }).execute(db),
    getExamSettings(db, f.orgId),
    getStalledMonths(db, f.orgId),
    credentialExpiryCountsQuery(f, { from: f.today, to: horizon }, cycleWindows(f.today, horizon)).execute(db),
    competencyExpiryCountsQuery(f, { from: f.today, to: horizon }).execute(db),
    dueTrainings(db, f, now),
  ]);
  const rows = [...periodRows, ...cohortRows];
  const of = (kind: AggregateRow["kind"]) => rows.filter((r) => r.kind === kind);

  const months = of("month");
  const promotionsByMonth = new Map(of("promotion").map((r) => [r.k1!, r.n1]));
  const personDays = months.reduce((n, r) => n + r.n1, 0);
  const days = daysInPeriod(f.from, f.to);
  const averageHeadcount = personDays / days;
  const separations = {
    voluntary: months.reduce((n, r) => n + r.n3, 0),
    involuntary: months.reduce((n, r) => n + r.n4, 0),
    total: 0,
  };
  separations.total = separations.voluntary + separations.involuntary;
  const headcount = of("headcount")[0] ?? { n1: 0, n2: 0 };
  const promotions = [...promotionsByMonth.values()].reduce((a, b) => a + b, 0);
  const byMonth = new Map(months.map((r) => [r.k1!, r]));
  const trend: TrendPoint[] = monthsOfPeriod(period.from, period.to).map((slice) => {
    const r = byMonth.get(slice.month);
    const sliceDays = daysInPeriod(slice.from, slice.to);
    const average = (r?.n1 ?? 0) / sliceDays;
    const voluntary = r?.n3 ?? 0;
    const involuntary = r?.n4 ?? 0;
    const promoted = promotionsByMonth.get(slice.month) ?? 0;
    return {
      ...slice,
      averageHeadcount: average,
      hires: r?.n2 ?? 0,
      voluntary,
      involuntary,
      promotions: promoted,
      voluntaryTurnover: rateOf(voluntary, average, slice).annualized,
      totalTurnover: rateOf(voluntary + involuntary, average, slice).annualized,
      promotionsPer100: promotionFrequency(promoted, average, slice),
    };
  });

  const levelDays = weightedMedian(of("level-days").map((r) => ({ value: r.n1, count: r.n2 })));
  const certification = certificationOutcomes(of("certification"), examSettings.deadlineMonths);
  const toCertification = kaplanMeier(certification.observations);
  const decided = certification.counts["on-time"] + certification.counts.late + certification.counts.missed;
  const credentialExpiryDays = credentialExpiries.flatMap((h) => {
    const day = expiryOf(findCertification(h.certification_code), h.earned_on, h.expires_on);
    return day === null ? [] : [{ day, count: h.n }];
  });

  return {
    period: { from: f.from, to: f.to, today: f.today, days, months: monthsInPeriod(f.from, f.to) },
    filter: { siteIds: f.siteIds, track: f.track, levelCode: f.level },
    headcount: { start: headcount.n1, end: headcount.n2, average: averageHeadcount, hires: months.reduce((n, r) => n + r.n2, 0) },
    turnover: turnover({ averageHeadcount, separations }, period),
    promotions: {
      count: promotions,
      per100PerYear: promotionFrequency(promotions, averageHeadcount, period),
      medianMonthsInLevel: levelDays === null ? null : daysToMonths(levelDays),
      measured: of("level-days").reduce((n, r) => n + r.n2, 0),
    },
    training: completionRate(trainings, period, f.today),
    certification: {
      hires: decided + certification.counts.pending,
      deadlineMonths: examSettings.deadlineMonths,
      onTime: certification.counts["on-time"],
      late: certification.counts.late,
      missed: certification.counts.missed,
      pending: certification.counts.pending,
      onTimeRate: shareOf(certification.counts["on-time"], decided),
      medianMonthsToCertification: toCertification.median === null ? null : daysToMonths(toCertification.median),
    },
    expiring: {
      certifications: expiryBuckets(credentialExpiryDays, f.today),
      competencies: expiryBuckets(competencyExpiries.map((s) => ({ day: s.valid_until, count: s.n })), f.today),
    },
    separationReasons: reasonBreakdown(of("reason").map((r) => ({ code: r.k1, count: r.n1 }))),
    exitInterviewReasons: reasonBreakdown(of("exit").map((r) => ({ code: r.k1, count: r.n1 }))),
    retention: { groupBy: retentionGroup, curves: retentionCurves(of("retention")) },
    trend,
    stalledMonths: stalledMonths ?? DEFAULT_STALLED_MONTHS,
  };
}
