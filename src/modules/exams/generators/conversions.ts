/** Conversions: household and metric units, body weight, temperature, Roman numerals (domain-facts.md, Calculations). */
import { defineFamily, fmt, numericDistractors, round, type Distractor, type Mistake } from "./build-item.ts";

// ---------------------------------------------------------------------------------------------
// Units: 1 tsp = 5 mL, 1 tbsp = 15 mL, 1 fl oz = 30 mL, 1 kg = 2.2 lb, 1 g = 1,000 mg, 1 mg = 1,000 mcg

interface UnitConversion {
  from: string;
  to: string;
  factor: number;
  values: () => number[];
  /** Decimals the answer is rounded to (stated in the stem when the answer is not exact). */
  decimals: number;
  mistakes: [factor: number, why: string][];
  fact: string;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const UNIT_CONVERSIONS: readonly UnitConversion[] = [
  { from: "tsp", to: "mL", factor: 5, values: () => [0.5, 1, 1.5, 2, 2.5, 3, 4], decimals: 2, fact: "1 tsp = 5 mL", mistakes: [[15, "uses 15 mL per tsp (that is a tablespoon)"], [30, "uses 30 mL per tsp (that is a fluid ounce)"], [1 / 5, "divides by 5 instead of multiplying"], [10, "uses 10 mL per tsp"]] },
  { from: "tbsp", to: "mL", factor: 15, values: () => [0.5, 1, 1.5, 2, 3, 4], decimals: 2, fact: "1 tbsp = 15 mL", mistakes: [[5, "uses 5 mL per tbsp (that is a teaspoon)"], [30, "uses 30 mL per tbsp (that is a fluid ounce)"], [1 / 15, "divides by 15 instead of multiplying"], [10, "uses 10 mL per tbsp"]] },
  { from: "fl oz", to: "mL", factor: 30, values: () => [0.5, 1, 2, 3, 4, 6, 8, 12, 16], decimals: 2, fact: "1 fl oz = 30 mL", mistakes: [[15, "uses 15 mL per fl oz (that is a tablespoon)"], [5, "uses 5 mL per fl oz (that is a teaspoon)"], [1 / 30, "divides by 30 instead of multiplying"], [20, "uses 20 mL per fl oz"]] },
  { from: "mL", to: "tsp", factor: 1 / 5, values: () => [2.5, 5, 7.5, 10, 15, 20, 30], decimals: 2, fact: "1 tsp = 5 mL", mistakes: [[1 / 15, "divides by 15 (the tablespoon) instead of 5"], [5, "multiplies by 5 instead of dividing"], [1 / 30, "divides by 30 (the fluid ounce) instead of 5"], [1 / 10, "divides by 10 instead of 5"]] },
  { from: "mL", to: "tbsp", factor: 1 / 15, values: () => [7.5, 15, 30, 45, 60, 90], decimals: 2, fact: "1 tbsp = 15 mL", mistakes: [[1 / 5, "divides by 5 (the teaspoon) instead of 15"], [15, "multiplies by 15 instead of dividing"], [1 / 30, "divides by 30 (the fluid ounce) instead of 15"], [1 / 10, "divides by 10 instead of 15"]] },
  { from: "mL", to: "fl oz", factor: 1 / 30, values: () => [15, 30, 60, 90, 120, 180, 240, 360, 480], decimals: 2, fact: "1 fl oz = 30 mL", mistakes: [[1 / 15, "divides by 15 (the tablespoon) instead of 30"], [1 / 5, "divides by 5 (the teaspoon) instead of 30"], [30, "multiplies by 30 instead of dividing"], [1 / 20, "divides by 20 instead of 30"]] },
  { from: "kg", to: "lb", factor: 2.2, values: () => range(3, 120), decimals: 1, fact: "1 kg = 2.2 lb", mistakes: [[1 / 2.2, "divides by 2.2 instead of multiplying"], [2, "uses 2 lb per kg"], [22, "slips the decimal (× 22)"], [1 / 2, "halves the weight"]] },
  { from: "lb", to: "kg", factor: 1 / 2.2, values: () => range(6, 260), decimals: 1, fact: "1 kg = 2.2 lb", mistakes: [[2.2, "multiplies by 2.2 instead of dividing"], [1 / 2, "divides by 2 instead of 2.2"], [1 / 22, "slips the decimal (÷ 22)"], [1 / 2.5, "divides by 2.5 instead of 2.2"]] },
  { from: "mg", to: "mcg", factor: 1000, values: () => [0.025, 0.05, 0.1, 0.125, 0.2, 0.25, 0.4, 0.5, 1, 2.5], decimals: 3, fact: "1 mg = 1,000 mcg", mistakes: [[100, "multiplies by 100 instead of 1,000"], [1 / 1000, "divides by 1,000 instead of multiplying"], [10, "multiplies by 10 instead of 1,000"], [10000, "multiplies by 10,000 instead of 1,000"]] },
  { from: "mcg", to: "mg", factor: 1 / 1000, values: () => [25, 50, 75, 88, 100, 112, 125, 150, 200, 250, 500], decimals: 4, fact: "1 mg = 1,000 mcg", mistakes: [[1 / 100, "divides by 100 instead of 1,000"], [1000, "multiplies by 1,000 instead of dividing"], [1 / 10, "divides by 10 instead of 1,000"], [1 / 10000, "divides by 10,000 instead of 1,000"]] },
  { from: "g", to: "mg", factor: 1000, values: () => [0.1, 0.25, 0.5, 0.75, 1, 1.2, 1.5, 2, 3], decimals: 3, fact: "1 g = 1,000 mg", mistakes: [[100, "multiplies by 100 instead of 1,000"], [1 / 1000, "divides by 1,000 instead of multiplying"], [10, "multiplies by 10 instead of 1,000"], [1000000, "converts to micrograms (× 1,000,000)"]] },
  { from: "mg", to: "g", factor: 1 / 1000, values: () => [50, 125, 250, 500, 750, 1200, 1500, 2000, 3000], decimals: 4, fact: "1 g = 1,000 mg", mistakes: [[1 / 100, "divides by 100 instead of 1,000"], [1000, "multiplies by 1,000 instead of dividing"], [1 / 10, "divides by 10 instead of 1,000"], [1 / 10000, "divides by 10,000 instead of 1,000"]] },
  { from: "L", to: "mL", factor: 1000, values: () => [0.25, 0.5, 1, 1.5, 2, 3], decimals: 2, fact: "1 L = 1,000 mL", mistakes: [[100, "multiplies by 100 instead of 1,000"], [1 / 1000, "divides by 1,000 instead of multiplying"], [10, "multiplies by 10 instead of 1,000"], [10000, "multiplies by 10,000 instead of 1,000"]] },
];

type Template = (value: string, from: string, to: string) => string;
const AMOUNT_TEMPLATES: readonly Template[] = [
  (v, from, to) => `What is ${v} ${from} in ${to}?`,
  (v, from, to) => `A dose of ${v} ${from} is ordered. What is that in ${to}?`,
  (v, from, to) => `The label lists ${v} ${from}. How much is that in ${to}?`,
  (v, from, to) => `Convert ${v} ${from} to ${to}.`,
];
const WEIGHT_TEMPLATES: readonly Template[] = [
  (v, from, to) => `What is ${v} ${from} in ${to}?`,
  (v, from, to) => `A patient weighs ${v} ${from}. What is the weight in ${to}?`,
  (v, from, to) => `A child's weight is recorded as ${v} ${from}. What is that in ${to}?`,
  (v, from, to) => `Convert ${v} ${from} to ${to}.`,
];

export const unitConversion = defineFamily(
  {
    code: "unit-conversion",
    name: "Unit conversions",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Household volumes (tsp, tbsp, fl oz) to and from mL, kg and lb, and metric mass and volume (mcg, mg, g, mL, L).",
  },
  (rng) => {
    const conversion = rng.pick(UNIT_CONVERSIONS);
    const value = rng.pick(conversion.values());
    const exact = value * conversion.factor;
    const key = round(exact, conversion.decimals);
    const isExact = Math.abs(exact - key) < 1e-9;
    const format = (v: number) => `${fmt(v, conversion.decimals)} ${conversion.to}`;
    const template = rng.pick(conversion.from === "kg" || conversion.from === "lb" ? WEIGHT_TEMPLATES : AMOUNT_TEMPLATES);
    const rounding = isExact ? "" : ` (Round to the nearest ${conversion.decimals === 1 ? "tenth" : "hundredth"}.)`;
    const mistakes: Mistake[] = conversion.mistakes.map(([factor, why]) => [round(value * factor, conversion.decimals), why] as const);
    const operation = conversion.factor >= 1 ? `× ${fmt(conversion.factor, 4)}` : `÷ ${fmt(1 / conversion.factor, 4)}`;
    return {
      stem: `${template(fmt(value, 4), conversion.from, conversion.to)}${rounding}`,
      answer: format(key),
      distractors: numericDistractors(mistakes, format, (v) => v > 0 && round(v, conversion.decimals) > 0),
      solution: `${conversion.fact}, so ${fmt(value, 4)} ${conversion.from} ${operation} = ${isExact ? format(key) : `${fmt(exact, 4)} ${conversion.to} → ${format(key)}`}. ${isExact ? "No rounding needed." : `Rounding rule: nearest ${conversion.decimals === 1 ? "tenth" : "hundredth"}.`}`,
      reference: `domain-facts.md: Calculations (${conversion.fact})`,
      difficulty: conversion.from === "lb" || conversion.from === "mcg" || conversion.to === "fl oz" ? 2 : 1,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Temperature: °F = °C × 9/5 + 32

function celsiusContext(c: number): string {
  if (c >= 2 && c <= 8) return "A vaccine refrigerator's thermometer reads";
  if (c <= -10) return "A freezer log shows";
  if (c >= 35 && c <= 42) return "A patient's temperature is";
  if (c >= 15 && c <= 30) return "A product label says to store at";
  return "A temperature log shows";
}

function fahrenheitContext(f: number): string {
  if (f >= 36 && f <= 46) return "A refrigerator's thermometer reads";
  if (f <= 14) return "A freezer log shows";
  if (f >= 95 && f <= 107) return "A patient's temperature is";
  if (f >= 59 && f <= 86) return "A product label says to store at";
  return "A temperature log shows";
}

const degrees = (unit: "°C" | "°F") => (value: number) => `${fmt(value, 1)} ${unit}`;

export const temperatureConversion = defineFamily(
  {
    code: "temperature-conversion",
    name: "Temperature conversion (°C and °F)",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Celsius to Fahrenheit and back for storage, refrigerator, freezer and patient temperatures (°F = °C × 9/5 + 32).",
  },
  (rng) => {
    const toFahrenheit = rng.chance(0.5);
    const reference = "domain-facts.md: Calculations (°F = °C × 9/5 + 32)";
    const rounding = "(Round to the nearest tenth of a degree.)";
    const anyValue = () => true;
    if (toFahrenheit) {
      const c = rng.chance(0.3) ? round(rng.int(350, 410) / 10, 1) : rng.int(-30, 50);
      const key = round((c * 9) / 5 + 32, 1);
      const mistakes: Mistake[] = [
        [round((c * 9) / 5, 1), "forgets to add 32"],
        [round((c * 5) / 9 + 32, 1), "uses 5/9 instead of 9/5"],
        [round(((c + 32) * 9) / 5, 1), "adds 32 before multiplying"],
        [round(c * 2 + 30, 1), "uses the rough 'double it and add 30' shortcut"],
        [round(c + 32, 1), "only adds 32"],
      ];
      return {
        stem: `${celsiusContext(c)} ${fmt(c, 1)} °C. What is that in °F? ${rounding}`,
        answer: degrees("°F")(key),
        distractors: numericDistractors(mistakes, degrees("°F"), anyValue),
        solution: `°F = °C × 9/5 + 32 = ${fmt(c, 1)} × 1.8 + 32 = ${fmt((c * 9) / 5, 2)} + 32 = ${fmt((c * 9) / 5 + 32, 2)} → ${fmt(key, 1)} °F. Rounding rule: nearest tenth of a degree.`,
        reference,
        difficulty: c < 0 ? 2 : 1,
      };
    }
    const f = rng.chance(0.3) ? round(rng.int(950, 1060) / 10, 1) : rng.int(-20, 120);
    const exact = ((f - 32) * 5) / 9;
    const key = round(exact, 1);
    const mistakes: Mistake[] = [
      [round(((f - 32) * 9) / 5, 1), "uses 9/5 instead of 5/9"],
      [round((f * 5) / 9, 1), "forgets to subtract 32"],
      [round((f * 5) / 9 - 32, 1), "multiplies by 5/9 before subtracting 32"],
      [round((f - 30) / 2, 1), "uses the rough 'subtract 30 and halve' shortcut"],
      [round(f - 32, 1), "only subtracts 32"],
    ];
    return {
      stem: `${fahrenheitContext(f)} ${fmt(f, 1)} °F. What is that in °C? ${rounding}`,
      answer: degrees("°C")(key),
      distractors: numericDistractors(mistakes, degrees("°C"), anyValue),
      solution: `°C = (°F − 32) × 5/9 = (${fmt(f, 1)} − 32) × 5/9 = ${fmt(f - 32, 1)} × 5/9 = ${Number.isInteger(round(exact, 6)) ? fmt(exact) : `about ${fmt(exact, 3)}`} → ${fmt(key, 1)} °C. Rounding rule: nearest tenth of a degree.`,
      reference,
      difficulty: f < 32 ? 2 : 1,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Roman numerals

const NUMERALS: readonly [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];
const SYMBOLS: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

export function toRoman(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 3999) throw new RangeError(`no Roman numeral for ${value}`);
  let rest = value;
  let text = "";
  for (const [amount, symbol] of NUMERALS) {
    while (rest >= amount) {
      text += symbol;
      rest -= amount;
    }
  }
  return text;
}

/** Reads a numeral with the subtractive rule, using `values` for the symbols (so a misread symbol can be modelled). */
function readNumeral(text: string, values: Record<string, number> = SYMBOLS): number {
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const here = values[text[i]];
    const next = i + 1 < text.length ? values[text[i + 1]] : 0;
    total += here < next ? -here : here;
  }
  return total;
}

function additive(text: string): number {
  return [...text].reduce((sum, symbol) => sum + SYMBOLS[symbol], 0);
}

const SWAPS: readonly [string, string][] = [["L", "C"], ["V", "X"], ["D", "M"], ["I", "V"]];

function swapSymbols(text: string, a: string, b: string): string {
  return [...text].map((s) => (s === a ? b : s === b ? a : s)).join("");
}

function isCanonical(text: string): boolean {
  const value = readNumeral(text);
  return value >= 1 && value <= 3999 && toRoman(value) === text;
}

export const romanNumerals = defineFamily(
  {
    code: "roman-numerals",
    name: "Roman numerals",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Dispensing quantities written in Roman numerals, read and written (I, V, X, L, C, D, M with the subtractive rule).",
  },
  (rng) => {
    const value = rng.chance(0.7) ? rng.int(4, 120) : rng.int(121, 1000);
    const numeral = toRoman(value);
    const reference = "Roman numeral convention: I 1, V 5, X 10, L 50, C 100, D 500, M 1000; a smaller symbol before a larger one is subtracted";
    const breakdown = NUMERALS.reduce<{ rest: number; parts: string[] }>(
      (acc, [amount, symbol]) => {
        while (acc.rest >= amount) {
          acc.parts.push(`${symbol} = ${amount}`);
          acc.rest -= amount;
        }
        return acc;
      },
      { rest: value, parts: [] },
    ).parts;
    const worked = `${numeral} = ${breakdown.join(", ")}; total ${value}.`;
    const hasSubtraction = additive(numeral) !== value;

    if (rng.chance(0.5)) {
      const form = rng.pick(["tablets", "capsules"] as const);
      const count = (n: number) => `${n} ${form}`;
      const mistakes: Mistake[] = [
        hasSubtraction && [additive(numeral), "adds every symbol and ignores the subtractive rule"],
        ...SWAPS.filter(([a, b]) => numeral.includes(a) || numeral.includes(b)).map(
          ([a, b]) => [readNumeral(numeral, { ...SYMBOLS, [a]: SYMBOLS[b], [b]: SYMBOLS[a] }), `confuses ${a} (${SYMBOLS[a]}) with ${b} (${SYMBOLS[b]})`] as const,
        ),
        [value + 10, "counts one X too many"],
        value > 10 && [value - 10, "misses one X"],
        [value + 1, "counts one I too many"],
      ];
      return {
        stem: `A prescription reads "Disp: #${numeral}". How many ${form} should be dispensed?`,
        answer: count(value),
        distractors: numericDistractors(mistakes, count),
        solution: `${worked} A smaller symbol before a larger one is subtracted (IV = 4, IX = 9, XL = 40, XC = 90, CD = 400, CM = 900). No rounding: the count is exact.`,
        reference,
        difficulty: hasSubtraction ? 2 : 1,
      };
    }

    const candidates: Distractor[] = [];
    if (hasSubtraction) {
      const reversed = numeral.replace(/CM|CD|XC|XL|IX|IV/g, (pair) => pair[1] + pair[0]);
      if (isCanonical(reversed)) candidates.push({ text: reversed, why: `writes the subtractive pair in the wrong order (that reads ${readNumeral(reversed)})` });
    }
    for (const [a, b] of SWAPS) {
      const swapped = swapSymbols(numeral, a, b);
      if (swapped !== numeral && isCanonical(swapped)) candidates.push({ text: swapped, why: `confuses ${a} (${SYMBOLS[a]}) with ${b} (${SYMBOLS[b]}); that reads ${readNumeral(swapped)}` });
    }
    for (const offset of [10, -10, 1, -1, 5]) {
      const other = value + offset;
      if (other >= 1) candidates.push({ text: toRoman(other), why: `is ${other}, off by ${Math.abs(offset)}` });
    }
    return {
      stem: `A prescriber wants ${value} tablets dispensed and writes the quantity in Roman numerals. Which numeral is correct?`,
      answer: numeral,
      distractors: candidates,
      solution: `${worked} Write the largest values first and use a subtractive pair (IV, IX, XL, XC, CD, CM) for 4s and 9s. No rounding: the count is exact.`,
      reference,
      difficulty: hasSubtraction ? 2 : 1,
    };
  },
);
