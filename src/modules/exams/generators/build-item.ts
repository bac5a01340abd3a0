/**
 * What every family shares: seed checking, choosing three distinct distractors, placing the key,
 * and number formatting. A family only writes a draft: stem, answer, mistakes, worked solution.
 */
import { Random } from "../../../lib/random.ts";
import type { ItemContent, ItemDifficulty } from "../item.types.ts";
import type { GeneratorFamily } from "./generator.types.ts";

/** A wrong answer and the mistake that produces it; `why` completes "This option …". */
export interface Distractor {
  text: string;
  why: string;
}

export interface ItemDraft {
  stem: string;
  answer: string;
  /** Candidate wrong answers, most instructive first; the first three distinct from the answer and each other are used. */
  distractors: Distractor[];
  /** The worked solution with its numbers, naming any rounding rule. */
  solution: string;
  reference: string;
  difficulty: ItemDifficulty;
}

export type FamilyMeta = Omit<GeneratorFamily, "generate">;

const OPTION_IDS = ["a", "b", "c", "d"] as const;
export const MAX_SEED = 0xffffffff;

export function defineFamily(meta: FamilyMeta, draft: (rng: Random) => ItemDraft): GeneratorFamily {
  return {
    ...meta,
    generate(seed: number): ItemContent {
      if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
      const rng = new Random(seed);
      return toItem(meta, seed, rng, draft(rng));
    },
  };
}

function toItem(meta: FamilyMeta, seed: number, rng: Random, draft: ItemDraft): ItemContent {
  const wrong = chooseDistractors(`${meta.code}:${seed}`, draft.answer, draft.distractors);
  const entries = shuffle(rng, [{ text: draft.answer, why: "" }, ...wrong]);
  const options = entries.map((entry, i) => ({ id: OPTION_IDS[i], text: entry.text }));
  const keyIndex = entries.findIndex((entry) => entry.text === draft.answer);
  const others = entries
    .map((entry, i) => (i === keyIndex ? undefined : `(${OPTION_IDS[i]}) ${withoutFinalStop(entry.text)} — ${entry.why}`))
    .filter((line): line is string => line !== undefined);
  return {
    code: `${meta.code}:${seed}`,
    kind: "single",
    stem: draft.stem,
    options,
    key: [OPTION_IDS[keyIndex]],
    explanation: `${draft.solution} Answer: (${OPTION_IDS[keyIndex]}) ${withoutFinalStop(draft.answer)}. Why not the others: ${others.map(withoutFinalStop).join("; ")}.`,
    reference: draft.reference,
    domain: meta.domain,
    subtopic: meta.subtopic,
    difficulty: draft.difficulty,
    source: "generator",
    family: meta.code,
  };
}

function withoutFinalStop(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

function chooseDistractors(itemCode: string, answer: string, candidates: Distractor[]): Distractor[] {
  // Compared without case, as the bank's item schema does.
  const seen = new Set([answer.toLowerCase()]);
  const chosen: Distractor[] = [];
  for (const candidate of candidates) {
    const text = candidate.text.toLowerCase();
    if (seen.has(text)) continue;
    seen.add(text);
    chosen.push(candidate);
    if (chosen.length === 3) return chosen;
  }
  // A generator bug, not bad input: the property tests run every family over many seeds.
  throw new Error(`${itemCode}: only ${chosen.length} distinct distractors for "${answer}" (candidates: ${candidates.map((c) => c.text).join(" | ")})`);
}

function shuffle<T>(rng: Random, items: T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/** Rounds half away from zero at `decimals` places, working on the decimal text so 1.005 → 1.01. */
export function round(value: number, decimals = 0): number {
  const text = String(Math.abs(value));
  if (text.includes("e")) return Math.round(value * 10 ** decimals) / 10 ** decimals;
  const scaled = Number(`${text}e${decimals}`);
  const rounded = Number(`${Math.round(scaled)}e-${decimals}`);
  return value < 0 ? -rounded : rounded;
}

/** A number as an exam shows it: at most `decimals` places, no trailing zero, always a leading zero (ISMP). */
export function fmt(value: number, decimals = 2): string {
  const rounded = round(value, decimals);
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Whole days are counted down; a tiny tolerance keeps 6.9999999 from becoming 6. */
export function roundDown(value: number): number {
  return Math.floor(value + 1e-9);
}

export function roundUp(value: number): number {
  return Math.ceil(value - 1e-9);
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${fmt(count)} ${count === 1 ? singular : pluralForm}`;
}

/** "1 day" / "30 days". */
export function daysText(count: number): string {
  return plural(count, "day");
}

/** Numbers with thousands separators, as ratio strengths are printed (1:10,000). */
export function withThousands(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 4 });
}

export type Candidate = readonly [value: number, why: string];
/** A candidate, or false/undefined when the mistake does not apply to this item. */
export type Mistake = Candidate | false | undefined;

/** Numeric distractors from mistakes; skipped entries (false/undefined) and values `keep` rejects (by default ≤ 0) drop out. */
export function numericDistractors(candidates: readonly Mistake[], format: (value: number) => string, keep: (value: number) => boolean = (value) => value > 0): Distractor[] {
  const result: Distractor[] = [];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const [value, why] = candidate;
    if (Number.isFinite(value) && keep(value)) result.push({ text: format(value), why });
  }
  return result;
}

/** Draws until `accept` holds; families use it to keep numbers clean. Deterministic because the draws come from the seed. */
export function drawUntil<T>(rng: Random, draw: (rng: Random) => T, accept: (value: T) => boolean, fallback: T): T {
  for (let i = 0; i < 200; i++) {
    const value = draw(rng);
    if (accept(value)) return value;
  }
  return fallback;
}

/** True when the value has at most `decimals` decimal places (after float noise). */
export function isClean(value: number, decimals: number): boolean {
  return Math.abs(value - round(value, decimals)) < 1e-9;
}
