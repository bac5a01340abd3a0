/**
 * Calibration check of the readiness model on simulated learners of known ability: each
 * answers practice items drawn from a difficulty pool, the model predicts P(pass), and the
 * learner then sits a simulated 80-item exam on the reference form. Used by the readiness
 * test and by `npm run bench -- readiness`.
 */
import { Random } from "../../lib/random.ts";
import { estimateReadiness, passesReferenceForm, pCorrect, referenceFormDifficulties, type Response } from "./readiness.rules.ts";

export interface CalibrationReport {
  learners: number;
  responsesPerLearner: number;
  passRate: number;
  brier: number;
  /** Brier score of always predicting the observed pass rate: the model must beat it. */
  baseRateBrier: number;
  /** Predicted against observed pass rate in tenths of predicted probability. */
  bins: { from: number; to: number; count: number; predicted: number; observed: number }[];
}

function gaussian(rng: Random): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export function simulateCalibration(options: { learners: number; responsesPerLearner: number; seed: number; abilityMean?: number; abilitySd?: number; difficultyPool?: readonly number[] }): CalibrationReport {
  const rng = new Random(options.seed);
  const pool = options.difficultyPool ?? [-1, 0, 1];
  const predictions: { p: number; passed: boolean }[] = [];
  for (let i = 0; i < options.learners; i++) {
    const theta = (options.abilityMean ?? 0.6) + (options.abilitySd ?? 1) * gaussian(rng);
    const responses: Response[] = [];
    for (let k = 0; k < options.responsesPerLearner; k++) {
      // True item difficulty scatters around its nominal value: calibration is never perfect.
      const nominal = rng.pick(pool);
      const actual = nominal + 0.3 * gaussian(rng);
      responses.push({ b: nominal, correct: rng.next() < pCorrect(theta, actual) });
    }
    const readiness = estimateReadiness(responses);
    let raw = 0;
    for (const b of referenceFormDifficulties()) if (rng.next() < pCorrect(theta, b)) raw++;
    predictions.push({ p: readiness.probability, passed: passesReferenceForm(raw) });
  }
  const passRate = predictions.filter((x) => x.passed).length / predictions.length;
  const brier = predictions.reduce((s, x) => s + (x.p - (x.passed ? 1 : 0)) ** 2, 0) / predictions.length;
  const baseRateBrier = predictions.reduce((s, x) => s + (passRate - (x.passed ? 1 : 0)) ** 2, 0) / predictions.length;
  const bins = Array.from({ length: 10 }, (_, b) => {
    const inBin = predictions.filter((x) => x.p >= b / 10 && (x.p < (b + 1) / 10 || (b === 9 && x.p <= 1)));
    return {
      from: b / 10,
      to: (b + 1) / 10,
      count: inBin.length,
      predicted: inBin.length ? inBin.reduce((s, x) => s + x.p, 0) / inBin.length : 0,
      observed: inBin.length ? inBin.filter((x) => x.passed).length / inBin.length : 0,
    };
  });
  return { learners: options.learners, responsesPerLearner: options.responsesPerLearner, passRate, brier, baseRateBrier, bins };
}
