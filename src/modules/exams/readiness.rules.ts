/**
 * Readiness: the probability that a technician would pass the PTCE today, with its uncertainty.
 *
 * Model (docs/decisions/0005-readiness-model.md):
 *  - Rasch (one-parameter logistic) items: P(correct | θ, b) = 1 / (1 + e^(b − θ)).
 *  - Item difficulty b comes from the item's calibration once it has enough responses,
 *    otherwise from the author's difficulty (1 easy, 2 moderate, 3 hard → −1, 0, +1 logits).
 *  - Ability θ: the posterior over a grid from a normal prior and the person's recent responses
 *    (expected a posteriori estimate and its standard deviation).
 *  - Passing: a reference form of 80 scored items (the PTCE's scored count) with difficulties
 *    spread as a standard normal. The raw cut is the expected score of a candidate at the
 *    passing ability θ_cut. P(pass | θ) uses the normal approximation of the sum of the 80
 *    Bernoulli outcomes, so measurement error on exam day is part of the answer.
 *  - P(pass) = Σ posterior(θ) · P(pass | θ); the interval is P(pass | θ) at the 10th and 90th
 *    posterior percentiles of θ, widened to contain P(pass) itself.
 * PTCB publishes no raw-to-scale table (domain-facts.md), so θ_cut is an assumption kept as
 * data: a candidate at the cut answers about 70 % of average-difficulty items correctly.
 */
import { PTCE_FORM } from "./outline.ts";

export const READINESS_MODEL = {
  /** Passing ability on the item scale: ln(0.7 / 0.3). An assumption; see the module comment. */
  thetaCut: Math.log(0.7 / 0.3),
  prior: { mean: 0, sd: 1 },
  grid: { from: -5, to: 5, step: 0.02 },
  referenceFormItems: PTCE_FORM.scoredItems,
  /** Author difficulty → logits, until an item has enough responses to be calibrated. */
  authorDifficulty: { 1: -1, 2: 0, 3: 1 } as Record<number, number>,
  minResponsesToCalibrate: 30,
  /** Fewer responses than this and the estimate is reported as preliminary. */
  minResponsesForConfidence: 30,
} as const;

export interface Response {
  b: number;
  correct: boolean;
}

export interface Readiness {
  responses: number;
  ability: number;
  abilitySe: number;
  probability: number;
  low: number;
  high: number;
  preliminary: boolean;
}

export function pCorrect(theta: number, b: number): number {
  return 1 / (1 + Math.exp(b - theta));
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 through erf; error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Inverse standard normal CDF (Acklam's rational approximation). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Difficulties of the reference form: the 80 quantiles of a standard normal. */
const REFERENCE_FORM: readonly number[] = Array.from({ length: READINESS_MODEL.referenceFormItems }, (_, i) => normalQuantile((i + 0.5) / READINESS_MODEL.referenceFormItems));

function expectedScore(theta: number): { mean: number; variance: number } {
  let mean = 0;
  let variance = 0;
  for (const b of REFERENCE_FORM) {
    const p = pCorrect(theta, b);
    mean += p;
    variance += p * (1 - p);
  }
  return { mean, variance };
}

/** Raw score needed on the reference form: what a candidate at θ_cut is expected to score, rounded up. */
export const RAW_CUT = Math.ceil(expectedScore(READINESS_MODEL.thetaCut).mean);

/** Probability of reaching the raw cut on exam day for a candidate of ability θ. */
export function passProbabilityAt(theta: number): number {
  const { mean, variance } = expectedScore(theta);
  return 1 - normalCdf((RAW_CUT - 0.5 - mean) / Math.sqrt(variance));
}

/** Whether a simulated or real set of 80 outcomes reaches the cut. */
export function passesReferenceForm(rawScore: number): boolean {
  return rawScore >= RAW_CUT;
}

export function referenceFormDifficulties(): readonly number[] {
  return REFERENCE_FORM;
}

/** The difficulty used for an item: calibrated when it has enough responses, else from the author's estimate. */
export function itemDifficulty(authorDifficulty: number, calibrated: { b: number | null; responses: number } | null): number {
  if (calibrated && calibrated.b !== null && calibrated.responses >= READINESS_MODEL.minResponsesToCalibrate) return calibrated.b;
  return READINESS_MODEL.authorDifficulty[authorDifficulty] ?? 0;
}

/** The ability grid and P(pass | θ) on it, computed once. */
const GRID = (() => {
  const { from, to, step } = READINESS_MODEL.grid;
  const thetas: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) thetas.push(from + i * step);
  return { thetas, pass: thetas.map(passProbabilityAt) };
})();

export function estimateReadiness(responses: readonly Response[]): Readiness {
  const { mean: priorMean, sd: priorSd } = READINESS_MODEL.prior;
  const { thetas } = GRID;
  const logPost = thetas.map((theta) => {
    let lp = -0.5 * ((theta - priorMean) / priorSd) ** 2;
    for (const r of responses) {
      const p = pCorrect(theta, r.b);
      lp += Math.log(r.correct ? p : 1 - p);
    }
    return lp;
  });
  const max = Math.max(...logPost);
  const weights = logPost.map((lp) => Math.exp(lp - max));
  const total = weights.reduce((s, w) => s + w, 0);
  const post = weights.map((w) => w / total);
  let ability = 0;
  let probability = 0;
  for (let i = 0; i < thetas.length; i++) {
    ability += post[i] * thetas[i];
    probability += post[i] * GRID.pass[i];
  }
  let variance = 0;
  for (let i = 0; i < thetas.length; i++) variance += post[i] * (thetas[i] - ability) ** 2;
  const quantile = (q: number) => {
    let acc = 0;
    for (let i = 0; i < thetas.length; i++) {
      acc += post[i];
      if (acc >= q) return thetas[i];
    }
    return thetas[thetas.length - 1];
  };
  return {
    responses: responses.length,
    ability,
    abilitySe: Math.sqrt(variance),
    probability,
    // The mean of a skewed curve can fall just outside the percentile values: keep it inside.
    low: Math.min(probability, passProbabilityAt(quantile(0.1))),
    high: Math.max(probability, passProbabilityAt(quantile(0.9))),
    preliminary: responses.length < READINESS_MODEL.minResponsesForConfidence,
  };
}

export interface ItemResponseRow {
  itemKey: string;
  attemptId: string;
  correct: boolean;
}

export interface ItemStatistics {
  itemKey: string;
  responses: number;
  correct: number;
  pValue: number;
  /** Corrected point-biserial: the item against the attempt's score on the other items. Null when undefined. */
  pointBiserial: number | null;
  /** Rasch difficulty by the PROX approximation, null below the calibration threshold. */
  raschB: number | null;
}

/**
 * Classical item statistics and a PROX Rasch calibration from responses. `abilities` holds each
 * attempt's ability estimate; PROX places an item at the mean ability of those who answered it
 * plus the logit of its failure rate, expanded for the spread of their abilities.
 */
export function itemStatistics(rows: readonly ItemResponseRow[], abilities: ReadonlyMap<string, number>): ItemStatistics[] {
  const attemptTotals = new Map<string, { correct: number; count: number }>();
  for (const r of rows) {
    const t = attemptTotals.get(r.attemptId) ?? { correct: 0, count: 0 };
    t.correct += r.correct ? 1 : 0;
    t.count += 1;
    attemptTotals.set(r.attemptId, t);
  }
  const byItem = new Map<string, ItemResponseRow[]>();
  for (const r of rows) {
    const list = byItem.get(r.itemKey) ?? [];
    list.push(r);
    byItem.set(r.itemKey, list);
  }
  const out: ItemStatistics[] = [];
  for (const [itemKey, list] of byItem) {
    const n = list.length;
    const correct = list.filter((r) => r.correct).length;
    const pValue = correct / n;
    // Rest score: the attempt's proportion correct on its other items.
    const xs: number[] = [];
    const ys: number[] = [];
    for (const r of list) {
      const t = attemptTotals.get(r.attemptId)!;
      if (t.count < 2) continue;
      xs.push(r.correct ? 1 : 0);
      ys.push((t.correct - (r.correct ? 1 : 0)) / (t.count - 1));
    }
    const pointBiserial = correlation(xs, ys);
    let raschB: number | null = null;
    if (n >= READINESS_MODEL.minResponsesToCalibrate) {
      const thetas = list.map((r) => abilities.get(r.attemptId) ?? 0);
      const mean = thetas.reduce((s, t) => s + t, 0) / n;
      const variance = thetas.reduce((s, t) => s + (t - mean) ** 2, 0) / n;
      const p = Math.min(Math.max(pValue, 0.5 / n), 1 - 0.5 / n);
      raschB = clamp(mean + Math.sqrt(1 + variance / 2.89) * Math.log((1 - p) / p), -5, 5);
    }
    out.push({ itemKey, responses: n, correct, pValue, pointBiserial, raschB });
  }
  return out.sort((a, b) => (a.itemKey < b.itemKey ? -1 : 1));
}

function correlation(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

function clamp(x: number, lo: number, hi: number) {
  return Math.min(hi, Math.max(lo, x));
}
