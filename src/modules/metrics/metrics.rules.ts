/**
 * Program metrics, each defined once (docs/metrics.md): what a stretch of employment contributes to
 * a period, turnover and promotion rates with their annualization, completion and certification
 * rates, expiry buckets, reason breakdowns, stalled progress. Pure: plain data in, figures out;
 * `today` and the period are passed in. The SQL in metrics.queries.ts sums the same contributions
 * in the database; the tests hold the two to the same figures.
 */
import { addMonths, compareDates, daysBetween, daysInPeriod, endOfMonth, monthsInPeriod, type IsoDate } from "../../lib/dates.ts";
import { SEPARATION_REASONS } from "../roster/roster.rules.ts";

/** An inclusive period of calendar days. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export type SeparationKind = "voluntary" | "involuntary";

/**
 * A stretch of one person's employment at one site (and, under a level or track filter, at that
 * level): from a hire, rehire, transfer or level change to the day before the next one, or to the
 * last day of employment when a separation ends it.
 */
export interface Segment {
  personId: string;
  siteId: string;
  startsOn: IsoDate;
  /** The last day of the segment (inclusive); null while it continues. */
  endsOn: IsoDate | null;
  /** The segment starts an employment spell (a hire or rehire), not a transfer or a level change. */
  isHire: boolean;
  /** The segment ends with a separation whose date (the last day employed) is endsOn. */
  separation: { type: SeparationKind; reasonCode: string | null } | null;
}

const later = (a: IsoDate, b: IsoDate) => (compareDates(a, b) >= 0 ? a : b);
const earlier = (a: IsoDate, b: IsoDate) => (compareDates(a, b) <= 0 ? a : b);
const within = (day: IsoDate, period: Period) => compareDates(period.from, day) <= 0 && compareDates(day, period.to) <= 0;

/** Whether a segment covers a day: the first and the last day both count. */
export function isEmployedOn(segment: Pick<Segment, "startsOn" | "endsOn">, day: IsoDate): boolean {
  return compareDates(segment.startsOn, day) <= 0 && (segment.endsOn === null || compareDates(day, segment.endsOn) <= 0);
}

/** Days of the period the segment covers (a person employed the whole of a 31-day month gives 31). */
export function personDaysIn(segment: Pick<Segment, "startsOn" | "endsOn">, period: Period): number {
  const first = later(segment.startsOn, period.from);
  const last = segment.endsOn === null ? period.to : earlier(segment.endsOn, period.to);
  return Math.max(0, daysBetween(first, last) + 1);
}

export interface PeriodFigures {
  days: number;
  personDays: number;
  /** Mean of the daily headcounts: person-days ÷ days. */
  averageHeadcount: number;
  headcountStart: number;
  headcountEnd: number;
  hires: number;
  separations: { voluntary: number; involuntary: number; total: number };
}

/** What a set of segments adds up to over a period. */
export function foldSegments(segments: readonly Segment[], period: Period): PeriodFigures {
  const figures: PeriodFigures = {
    days: daysInPeriod(period.from, period.to),
    personDays: 0,
    averageHeadcount: 0,
    headcountStart: 0,
    headcountEnd: 0,
    hires: 0,
    separations: { voluntary: 0, involuntary: 0, total: 0 },
  };
  for (const s of segments) {
    figures.personDays += personDaysIn(s, period);
    if (isEmployedOn(s, period.from)) figures.headcountStart++;
    if (isEmployedOn(s, period.to)) figures.headcountEnd++;
    if (s.isHire && within(s.startsOn, period)) figures.hires++;
    if (s.separation && s.endsOn && within(s.endsOn, period)) {
      figures.separations[s.separation.type]++;
      figures.separations.total++;
    }
  }
  figures.averageHeadcount = figures.personDays / figures.days;
  return figures;
}

/** Scales a rate over the period to a year: × 12 ÷ the period's length in months (a calendar year: × 1). */
export function annualize(value: number, period: Period): number {
  return (value * 12) / monthsInPeriod(period.from, period.to);
}

export interface Rate {
  count: number;
  /** count ÷ average headcount over the period; null when nobody was employed. */
  rate: number | null;
  annualized: number | null;
}

export function rateOf(count: number, averageHeadcount: number, period: Period): Rate {
  if (averageHeadcount <= 0) return { count, rate: null, annualized: null };
  const rate = count / averageHeadcount;
  return { count, rate, annualized: annualize(rate, period) };
}

export interface Turnover {
  averageHeadcount: number;
  voluntary: Rate;
  involuntary: Rate;
  total: Rate;
}

/** Separations ÷ average headcount, annualized; voluntary, involuntary and both. */
export function turnover(figures: Pick<PeriodFigures, "averageHeadcount" | "separations">, period: Period): Turnover {
  return {
    averageHeadcount: figures.averageHeadcount,
    voluntary: rateOf(figures.separations.voluntary, figures.averageHeadcount, period),
    involuntary: rateOf(figures.separations.involuntary, figures.averageHeadcount, period),
    total: rateOf(figures.separations.total, figures.averageHeadcount, period),
  };
}

/** Promotions per 100 technicians per year: promotions ÷ average headcount × 100, annualized. */
export function promotionFrequency(promotions: number, averageHeadcount: number, period: Period): number | null {
  const { annualized } = rateOf(promotions, averageHeadcount, period);
  return annualized === null ? null : annualized * 100;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A share, or null when there is nothing to divide by. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

// ---------------------------------------------------------------- training

export interface DueEntry {
  /** The person's own due date for the assignment. */
  dueOn: IsoDate;
  status: "assigned" | "in-progress" | "completed" | "overdue";
  /** Completed after the due date. */
  late: boolean;
}

export interface CompletionRate {
  due: number;
  onTime: number;
  late: number;
  missed: number;
  /** Completed on or before the due date ÷ due in the period; null when nothing fell due. */
  rate: number | null;
}

/**
 * Trainings that fell due in the period (up to today: a due date still ahead has not fallen due),
 * and how many of them were completed on time, late, or not at all.
 */
export function completionRate(entries: readonly DueEntry[], period: Period, today: IsoDate): CompletionRate {
  const end = earlier(period.to, today);
  const due = entries.filter((e) => compareDates(period.from, e.dueOn) <= 0 && compareDates(e.dueOn, end) <= 0);
  const onTime = due.filter((e) => e.status === "completed" && !e.late).length;
  const late = due.filter((e) => e.status === "completed" && e.late).length;
  return { due: due.length, onTime, late, missed: due.length - onTime - late, rate: shareOf(onTime, due.length) };
}

// ---------------------------------------------------------------- certification

/**
 * One new hire's way to national certification as a survival observation: days from hire to the
 * first national credential (0 when it was earned before the hire), or censored at the day
 * observation stopped (separation or the end of the period) without one.
 */
export function certificationObservation(hiredOn: IsoDate, certifiedOn: IsoDate | null, observedUntil: IsoDate): { time: number; event: boolean } {
  if (certifiedOn !== null && compareDates(certifiedOn, observedUntil) <= 0) {
    return { time: Math.max(0, daysBetween(hiredOn, certifiedOn)), event: true };
  }
  return { time: Math.max(0, daysBetween(hiredOn, observedUntil)), event: false };
}

export type DeadlineOutcome = "on-time" | "late" | "missed" | "pending";

/**
 * How a hire did against the organization's certification deadline (months from hire): certified
 * by it; certified after it; past it without a credential; or still before it (or gone before it
 * came), which does not count either way.
 */
export function deadlineOutcome(hiredOn: IsoDate, deadlineMonths: number, certifiedOn: IsoDate | null, observedUntil: IsoDate): DeadlineOutcome {
  const deadline = addMonths(hiredOn, deadlineMonths);
  if (certifiedOn !== null && compareDates(certifiedOn, observedUntil) <= 0) {
    return compareDates(certifiedOn, deadline) <= 0 ? "on-time" : "late";
  }
  return compareDates(deadline, observedUntil) < 0 ? "missed" : "pending";
}

// ---------------------------------------------------------------- expiries

export const EXPIRY_WINDOWS = [30, 60, 90] as const;

/**
 * Expiries within 30, 60 and 90 days of today (cumulative: one due in 20 days counts in all three).
 * A credential counts through its expiry date, so one expiring today is in every window and one
 * that expired yesterday in none.
 */
export function expiryBuckets(expiries: readonly { day: IsoDate; count: number }[], today: IsoDate): Record<`within${(typeof EXPIRY_WINDOWS)[number]}`, number> {
  const buckets = { within30: 0, within60: 0, within90: 0 };
  for (const { day, count } of expiries) {
    const left = daysBetween(today, day);
    if (left < 0) continue;
    if (left <= 30) buckets.within30 += count;
    if (left <= 60) buckets.within60 += count;
    if (left <= 90) buckets.within90 += count;
  }
  return buckets;
}

// ---------------------------------------------------------------- reasons

const REASON_LABEL = new Map(SEPARATION_REASONS.map((r) => [r.code, r.label]));

export interface ReasonShare {
  code: string;
  label: string;
  count: number;
  share: number;
}

/** Counts per reason code, largest first (ties by code), each with its share of the total; unknown or missing codes as "unrecorded". */
export function reasonBreakdown(counts: readonly { code: string | null; count: number }[]): ReasonShare[] {
  const by = new Map<string, number>();
  for (const { code, count } of counts) {
    const key = code && REASON_LABEL.has(code) ? code : "unrecorded";
    by.set(key, (by.get(key) ?? 0) + count);
  }
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  return [...by]
    .map(([code, count]) => ({ code, label: REASON_LABEL.get(code) ?? "Not recorded", count, share: total ? count / total : 0 }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

// ---------------------------------------------------------------- stalled progress

export const DEFAULT_STALLED_MONTHS = 18;
export const STALLED_MONTHS_RANGE = { min: 3, max: 60 } as const;

/**
 * The latest level start date that counts as stalled today: the last day `d` with
 * d + threshold months <= today. Month ends clamp (Aug 31 + 18 months = Feb 28), so on the last
 * day of a month every start in the month the threshold reaches back to counts.
 */
export function stalledSince(today: IsoDate, thresholdMonths: number): IsoDate {
  const back = addMonths(today, -thresholdMonths);
  return today === endOfMonth(today) ? endOfMonth(back) : back;
}

/** In the same level at least `thresholdMonths` calendar months: started on or before `stalledSince(today)`. */
export function isStalled(levelStartedOn: IsoDate, today: IsoDate, thresholdMonths: number): boolean {
  return compareDates(levelStartedOn, stalledSince(today, thresholdMonths)) <= 0;
}

/** Days between two dates expressed in months of 365.25/12 days, for medians shown in months. */
export function daysToMonths(days: number): number {
  return (days * 12) / 365.25;
}
