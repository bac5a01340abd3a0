/**
 * The Kaplan–Meier estimator of a survival curve with Greenwood's variance and a confidence band
 * on the log(−log S) scale (the band stays inside 0..1). Pure: observations in, curve out.
 *
 * Times are whole units (days of tenure); an observation either ends with the event (a
 * separation) or is censored (the person was still employed when observation stopped). At a time
 * with both, events are counted before censorings, as is conventional.
 */

/** Observations grouped by time: how many ended with the event and how many were censored then. */
export interface TimeCount {
  time: number;
  events: number;
  censored: number;
}

export interface SurvivalStep {
  time: number;
  /** People still observed just before `time`. */
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  /** Greenwood variance of the survival estimate. */
  variance: number;
  lower: number;
  upper: number;
}

export interface SurvivalCurve {
  subjects: number;
  events: number;
  steps: SurvivalStep[];
  /** The first time the curve is at or below one half; null while it never falls that far. */
  median: number | null;
}

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** Groups single observations by time. */
export function groupObservations(observations: readonly { time: number; event: boolean }[]): TimeCount[] {
  const byTime = new Map<number, TimeCount>();
  for (const o of observations) {
    if (!Number.isFinite(o.time) || o.time < 0) throw new RangeError(`observation time must be ≥ 0, got ${o.time}`);
    const entry = byTime.get(o.time) ?? { time: o.time, events: 0, censored: 0 };
    if (o.event) entry.events++;
    else entry.censored++;
    byTime.set(o.time, entry);
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** The log-log band around S with Greenwood's sum Σ d/(n(n−d)). */
function band(survival: number, greenwoodSum: number, z: number): { lower: number; upper: number } {
  if (survival >= 1) return { lower: 1, upper: 1 };
  if (survival <= 0 || !Number.isFinite(greenwoodSum)) return { lower: 0, upper: survival <= 0 ? 0 : 1 };
  const logS = Math.log(survival);
  const se = Math.sqrt(greenwoodSum / (logS * logS));
  return { lower: survival ** Math.exp(z * se), upper: survival ** Math.exp(-z * se) };
}

/** The Kaplan–Meier curve over grouped observations (in any order; times may repeat). */
export function kaplanMeier(counts: readonly TimeCount[], z = Z_95): SurvivalCurve {
  const byTime = new Map<number, TimeCount>();
  for (const c of counts) {
    if (!Number.isFinite(c.time) || c.time < 0) throw new RangeError(`observation time must be ≥ 0, got ${c.time}`);
    const entry = byTime.get(c.time) ?? { time: c.time, events: 0, censored: 0 };
    entry.events += c.events;
    entry.censored += c.censored;
    byTime.set(c.time, entry);
  }
  const merged = [...byTime.values()].sort((a, b) => a.time - b.time);
  const subjects = merged.reduce((n, c) => n + c.events + c.censored, 0);
  let atRisk = subjects;
  let survival = 1;
  let greenwood = 0;
  let events = 0;
  let median: number | null = null;
  const steps: SurvivalStep[] = [];
  for (const c of merged) {
    if (c.events > 0) {
      survival *= 1 - c.events / atRisk;
      greenwood += atRisk === c.events ? Infinity : c.events / (atRisk * (atRisk - c.events));
      events += c.events;
      if (median === null && survival <= 0.5) median = c.time;
    }
    const { lower, upper } = band(survival, greenwood, z);
    steps.push({ time: c.time, atRisk, events: c.events, censored: c.censored, survival, variance: Number.isFinite(greenwood) ? survival * survival * greenwood : 0, lower, upper });
    atRisk -= c.events + c.censored;
  }
  return { subjects, events, steps, median };
}

/**
 * The curve read at chosen times (a step function: the value after the last step at or before each
 * time). Past the last observation the curve is unknown, so those times are left out.
 */
export function survivalAt(curve: SurvivalCurve, times: readonly number[]): { time: number; survival: number; lower: number; upper: number; atRisk: number }[] {
  const last = curve.steps.at(-1)?.time ?? -1;
  const out: { time: number; survival: number; lower: number; upper: number; atRisk: number }[] = [];
  let i = -1;
  for (const time of [...times].sort((a, b) => a - b)) {
    if (time > last) break;
    while (i + 1 < curve.steps.length && curve.steps[i + 1].time <= time) i++;
    const step = i >= 0 ? curve.steps[i] : null;
    // At risk just after `time`: those not yet ended by it.
    const atRisk = step ? step.atRisk - step.events - step.censored : curve.subjects;
    out.push(step ? { time, survival: step.survival, lower: step.lower, upper: step.upper, atRisk } : { time, survival: 1, lower: 1, upper: 1, atRisk });
  }
  return out;
}
