/**
 * Every generator family, over many seeds: the key is recomputed by an independent route — the
 * numbers are read back out of the stem text and the answer is worked out again with formulas
 * written here, not with the generators' helpers — and the item has the shape the bank expects.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { AppError } from "../../../lib/errors.ts";
import type { ItemContent } from "../item.types.ts";
import { itemInputSchema } from "../item.schema.ts";
import { subtopicDomain } from "../outline.ts";
import { alligationAmounts } from "./concentration.ts";
import { DAILY_TABLET_CAP } from "./controlled-substances.ts";
import { toRoman } from "./conversions.ts";
import { deaCheckDigit, hasValidDeaCheckDigit } from "./dea.ts";
import { GENERATOR_FAMILIES, generateItem } from "./index.ts";
import { toNdc11 } from "./ndc.ts";

const seeds = fc.integer({ min: 0, max: 0xffffffff });
/** Seeds per property; GENERATOR_RUNS=20000 for a deeper local run. */
const RUNS = Number(process.env.GENERATOR_RUNS ?? 300);

// ---------------------------------------------------------------------------------------------
// Small tools, written here on purpose rather than imported

function keyText(item: ItemContent): string {
  const option = item.options.find((o) => o.id === item.key[0]);
  assert.ok(option, `${item.code}: the key names no option`);
  return option.text;
}

function match(pattern: RegExp, text: string): RegExpExecArray {
  const found = pattern.exec(text);
  assert.ok(found, `stem did not match ${pattern}: ${text}`);
  return found;
}

const num = (text: string) => Number(text.replace(/,/g, ""));

/** Half away from zero at `decimals` places, tolerant of float noise (written apart from the generators' own rounding). */
function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.floor(scaled + 0.5 + 1e-7) / factor;
  return value < 0 ? -rounded : rounded;
}

/** The key reads "<number> <unit>" and the number equals `expected` once rounded to `decimals`. */
function assertNumericKey(item: ItemContent, expected: number, unit: RegExp | string, decimals = 0): void {
  const text = keyText(item);
  const found = /^(-?[\d.]+) (.+)$/.exec(text);
  assert.ok(found, `${item.code}: key "${text}" is not "<number> <unit>"`);
  const unitOk = typeof unit === "string" ? found[2] === unit : unit.test(found[2]);
  assert.ok(unitOk, `${item.code}: key unit "${found[2]}" does not match ${unit}`);
  assert.equal(Number(found[1]), roundTo(expected, decimals), `${item.code}: key ${text}, recomputed ${expected}\n${item.stem}`);
}

/** The key reads "<number>%" and the number equals `expected` once rounded. */
function assertPercentKey(item: ItemContent, expected: number, decimals: number): void {
  const text = keyText(item);
  const found = /^([\d.]+)%$/.exec(text);
  assert.ok(found, `${item.code}: key "${text}" is not a percent`);
  assert.equal(Number(found[1]), roundTo(expected, decimals), `${item.code}: key ${text}, recomputed ${expected}\n${item.stem}`);
}

/** Doses a day for a frequency phrase, from this table only. */
function perDay(phrase: string): number {
  const every = /^every (\d+) hours$/.exec(phrase);
  if (every) return 24 / Number(every[1]);
  const table: Record<string, number> = { "once daily": 1, "at bedtime": 1, "twice daily": 2, "three times daily": 3, "three times daily with meals": 3, "four times daily": 4 };
  assert.ok(phrase in table, `unknown frequency "${phrase}"`);
  return table[phrase];
}

const wholeDaysDown = (value: number) => Math.floor(value + 1e-9);

function daysUnit(n: number): string {
  return n === 1 ? "day" : "days";
}

// ---------------------------------------------------------------------------------------------
// Independent implementations for identifiers

/** DEA check digit, written from the rule in domain-facts.md. */
function checkDigitHere(dea: string): number {
  const digits = dea.slice(2, 8).split("").map(Number);
  const sum = digits.reduce((total, digit, i) => total + (i % 2 === 0 ? digit : 2 * digit), 0);
  return sum % 10;
}

function isValidDeaHere(dea: string, allowedFirst: string[], lastName: string): boolean {
  if (!/^[A-Z]{2}[0-9]{7}$/.test(dea)) return false;
  return allowedFirst.includes(dea[0]) && dea[1] === lastName[0].toUpperCase() && checkDigitHere(dea) === Number(dea[8]);
}

/** NDC to 5-4-2 by zero-padding each segment to its billing length. */
function ndcHere(ndc10: string): string {
  const widths = [5, 4, 2];
  return ndc10
    .split("-")
    .map((segment, i) => segment.padStart(widths[i], "0"))
    .join("-");
}

const ROMAN_PATTERN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

/** A strict reader: rejects anything that is not a well-formed numeral. */
function readRomanHere(text: string): number | undefined {
  if (!text || !ROMAN_PATTERN.test(text)) return undefined;
  const values: Record<string, number> = { M: 1000, D: 500, C: 100, L: 50, X: 10, V: 5, I: 1 };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const current = values[text[i]];
    const next = values[text[i + 1]] ?? 0;
    total += current < next ? -current : current;
  }
  return total;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function parseLongDate(text: string): [number, number, number] {
  const [, month, day, year] = match(/^(\w+) (\d+), (\d{4})$/, text);
  return [Number(year), MONTHS.indexOf(month) + 1, Number(day)];
}

/** Six calendar months later, a missing day falling back to the month's last day. */
function plusSixMonths([year, month, day]: [number, number, number]): [number, number, number] {
  const index = year * 12 + (month - 1) + 6;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [y, m, Math.min(day, last)];
}

const asNumber = ([y, m, d]: [number, number, number]) => y * 10000 + m * 100 + d;

// ---------------------------------------------------------------------------------------------
// One recomputation per family

type Check = (item: ItemContent) => void;

const RECOMPUTE: Record<string, Check> = {
  "days-supply-tablets": (item) => {
    const [, dose, phrase, quantity] = match(/"Take (½|\d+) (?:tablet|capsule)s? by mouth (.+?)\." The pharmacy dispenses (\d+) /, item.stem);
    const perDose = dose === "½" ? 0.5 : Number(dose);
    const days = wholeDaysDown(Number(quantity) / (perDose * perDay(phrase)));
    assertNumericKey(item, days, daysUnit(days));
  },

  "days-supply-liquid": (item) => {
    const mlPer: Record<string, number> = { mL: 1, teaspoonful: 5, teaspoonfuls: 5, tablespoonful: 15, tablespoonfuls: 15 };
    const [, amount, unit, phrase, days] = match(/"Take (½|1½|[\d.]+) (mL|teaspoonfuls?|tablespoonfuls?) by mouth (.+?)(?: for (\d+) days)?\."/, item.stem);
    const doseMl = { "½": 0.5, "1½": 1.5 }[amount as "½" | "1½"] ?? Number(amount);
    const dailyMl = doseMl * mlPer[unit] * perDay(phrase);
    if (days) {
      assertNumericKey(item, dailyMl * Number(days), "mL", 1);
    } else {
      const [, bottle] = match(/^A (\d+) mL bottle/, item.stem);
      const result = wholeDaysDown(Number(bottle) / dailyMl);
      assertNumericKey(item, result, daysUnit(result));
    }
  },

  "days-supply-inhaler": (item) => {
    const [, count, actuations, puffs, phrase] = match(/dispenses (\d+) inhalers? of .+?; each inhaler contains (\d+) metered actuations \(puffs\)\. The sig reads: "Inhale (\d+) puffs? by mouth (.+?)\."/, item.stem);
    const days = wholeDaysDown((Number(count) * Number(actuations)) / (Number(puffs) * perDay(phrase)));
    assertNumericKey(item, days, daysUnit(days));
  },

  "days-supply-insulin": (item) => {
    const [, count, mlEach, dose, phrase] = match(/dispensed (\d+) (?:pens|vials?) \((\d+) mL each\) of .+? 100 units\/mL\. The sig reads: "Inject (\d+) units subcutaneously (.+?)\."/, item.stem);
    const priming = /Prime the pen with (\d+) units before each injection/.exec(item.stem);
    const totalUnits = Number(count) * Number(mlEach) * 100;
    const perInjection = Number(dose) + (priming ? Number(priming[1]) : 0);
    const days = wholeDaysDown(totalUnits / (perInjection * perDay(phrase)));
    assertNumericKey(item, days, daysUnit(days));
  },

  "days-supply-eye-drops": (item) => {
    const [, volume, drops, where, phrase, dropsPerMl] = match(/^A ([\d.]+) mL bottle .+? "Instill (\d+) drops? in (each eye|both eyes|the right eye|the left eye) (.+?)\." Assume (\d+) drops per mL\./, item.stem);
    const eyes = where === "each eye" || where === "both eyes" ? 2 : 1;
    const days = wholeDaysDown((Number(volume) * Number(dropsPerMl)) / (Number(drops) * eyes * perDay(phrase)));
    assertNumericKey(item, days, daysUnit(days));
  },

  "quantity-prn-maximum": (item) => {
    const [, , most, form, shortest] = match(/"Take (\d)–(\d) (tablet|capsule)s by mouth every (\d+)–(\d+) hours as needed for [^"]+"/, item.stem);
    const maxPerDay = Number(most) * (24 / Number(shortest));
    const forDays = /enough for (\d+) days at the maximum use/.exec(item.stem);
    if (forDays) {
      assertNumericKey(item, maxPerDay * Number(forDays[1]), new RegExp(`^${form}s?$`));
    } else {
      const [, quantity] = match(/(?:dispenses|claim for) (\d+) /, item.stem);
      const days = wholeDaysDown(Number(quantity) / maxPerDay);
      assertNumericKey(item, days, daysUnit(days));
    }
  },

  "quantity-taper": (item) => {
    const [, strength] = match(/for \w+ (\d+) mg tablets reads/, item.stem);
    const steps = [...item.stem.matchAll(/(\d+) (mg|tablets?) (?:by mouth )?daily for (\d+) days?/g)];
    assert.ok(steps.length >= 3, `too few taper steps in: ${item.stem}`);
    const tablets = steps.reduce((sum, [, amount, unit, days]) => sum + (unit === "mg" ? Number(amount) / Number(strength) : Number(amount)) * Number(days), 0);
    assertNumericKey(item, tablets, /^tablets?$/);
  },

  "dose-weight-based": (item) => {
    const [, weight, weightUnit] = match(/weighing ([\d.]+) (lb|kg)/, item.stem);
    const kg = weightUnit === "lb" ? roundTo(Number(weight) / 2.2, 2) : Number(weight);
    const [, rate, schedule] = match(/(\d+) mg\/kg\/day (divided every \d+ hours|in \d divided doses|once daily)/, item.stem);
    const doses = schedule === "once daily" ? 1 : /every (\d+) hours/.test(schedule) ? 24 / Number(/every (\d+) hours/.exec(schedule)![1]) : Number(/in (\d) divided/.exec(schedule)![1]);
    const daily = kg * Number(rate);
    if (/total daily dose/.test(item.stem)) return assertNumericKey(item, daily, "mg/day");
    if (/How many mg should each dose contain/.test(item.stem)) return assertNumericKey(item, daily / doses, "mg");
    const [, mgPer5] = match(/(\d+) mg\/5 mL oral suspension/, item.stem);
    assertNumericKey(item, daily / doses / (Number(mgPer5) / 5), "mL", 1);
  },

  dilution: (item) => {
    let found = /How many mL of ([\d.]+)% .+? are needed to make (\d+) mL of ([\d.]+)%/.exec(item.stem);
    if (found) {
      const [, c1, v2, c2] = found.map(Number);
      return assertNumericKey(item, (c2 * v2) / c1, "mL", 2);
    }
    found = /making (\d+) mL of ([\d.]+)% .+? from a ([\d.]+)% stock/.exec(item.stem);
    if (found) {
      const [, v2, c2, c1] = found.map(Number);
      return assertNumericKey(item, v2 - (c2 * v2) / c1, "mL", 2);
    }
    const [, v1, c1, v2] = match(/^([\d.]+) mL of ([\d.]+)% .+? is diluted with water to a final volume of (\d+) mL/, item.stem).map(Number);
    assertPercentKey(item, (c1 * v1) / v2, 4);
  },

  alligation: (item) => {
    const [, high, lowText, total, unit, target] = match(/^How much ([\d.]+)% .+? and (?:([\d.]+)% .+?|.+? \(0%\)) should be mixed to make (\d+) (mL|g) of ([\d.]+)%/, item.stem);
    const low = lowText === undefined ? 0 : Number(lowText);
    const readPair = (text: string) => {
      const found = /^([\d.]+) (mL|g) of ([\d.]+)% and ([\d.]+) (mL|g) of (?:.*\()?([\d.]+)%\)?$/.exec(text);
      assert.ok(found, `option is not a pair of amounts: ${text}`);
      return { strong: Number(found[1]), strongPct: Number(found[3]), weak: Number(found[4]), weakPct: Number(found[6]), unit: found[2] };
    };
    // Mixing the key's amounts must give the total and the target; no other option may.
    const mixes = (text: string) => {
      const p = readPair(text);
      const sum = p.strong + p.weak;
      return p.unit === unit && p.strongPct === Number(high) && p.weakPct === low && Math.abs(sum - Number(total)) < 1e-9 && Math.abs((p.strong * Number(high) + p.weak * low) / sum - Number(target)) < 1e-9;
    };
    assert.ok(mixes(keyText(item)), `key does not mix to ${target}%: ${keyText(item)}`);
    for (const option of item.options.filter((o) => o.id !== item.key[0])) assert.ok(!mixes(option.text), `distractor also mixes right: ${option.text}`);
  },

  "percent-strength": (item) => {
    let found = /([\d.]+) mL of \w+ ([\d.]+)% \(w\/v\)/.exec(item.stem);
    if (found && /mg of/.test(item.stem)) {
      const [, volume, pct] = found.map(Number);
      return assertNumericKey(item, pct * 10 * volume, "mg", 3);
    }
    found = /([\d.]+) mL of ([\d.]+)% \(w\/v\)/.exec(item.stem);
    if (found) {
      const [, volume, pct] = found.map(Number);
      return assertNumericKey(item, (pct * volume) / 100, "g", 4);
    }
    const [grams, volume] = (() => {
      const bag = /A (\d+) mL bag contains ([\d.]+) g/.exec(item.stem);
      if (bag) return [Number(bag[2]), Number(bag[1])];
      const dissolved = match(/^([\d.]+) g of .+? is dissolved to make (\d+) mL/, item.stem);
      return [Number(dissolved[1]), Number(dissolved[2])];
    })();
    assertPercentKey(item, (grams / volume) * 100, 4);
  },

  "ratio-strength": (item) => {
    const ratioIn = /1:([\d,]+)/.exec(item.stem);
    const text = keyText(item);
    if (/How many mg|does it contain/.test(item.stem)) {
      const [, volume] = match(/([\d.]+) mL of/, item.stem);
      return assertNumericKey(item, (1000 * Number(volume)) / num(ratioIn![1]), "mg", 4);
    }
    if (ratioIn) return assertPercentKey(item, 100 / num(ratioIn[1]), 4);
    const [, pct] = match(/([\d.]+)% \(w\/v\)/, item.stem);
    const [, x] = match(/^1:([\d,]+)$/, text);
    assert.ok(Math.abs(num(x) - 100 / Number(pct)) < 1e-6, `${text} for ${pct}%`);
  },

  reconstitution: (item) => {
    const [, amount, amountUnit] = match(/contains ([\d.]+) (g|mg) of antibiotic powder/, item.stem);
    const drugMg = Number(amount) * (amountUnit === "g" ? 1000 : 1);
    const label = /add ([\d.]+) mL of sterile water to make ([\d.]+) mg\/mL/.exec(item.stem);
    if (label) return assertNumericKey(item, drugMg / Number(label[2]) - Number(label[1]), "mL", 2);
    const [, powder] = match(/occupies ([\d.]+) mL/, item.stem);
    const [, water] = match(/([\d.]+) mL of sterile water/, item.stem);
    const finalVolume = Number(powder) + Number(water);
    const dose = /contain a (\d+) mg dose/.exec(item.stem);
    if (dose) return assertNumericKey(item, (Number(dose[1]) * finalVolume) / drugMg, "mL", 2);
    assertNumericKey(item, drugMg / finalVolume, "mg/mL", 2);
  },

  "iv-rate-ml-per-hour": (item) => {
    const [, what, time] = match(/^Infuse (.+?) over (.+?) by pump\./, item.stem);
    const volume = num(match(/([\d,]+) mL/, what)[1]);
    assertNumericKey(item, volume / (minutesOf(time) / 60), "mL/h");
  },

  "iv-rate-drops-per-minute": (item) => {
    const [, what, time, factor] = match(/^Infuse (.+?) over (.+?) by gravity, using an administration set that delivers (\d+) gtt\/mL/, item.stem);
    const volume = num(match(/([\d,]+) mL/, what)[1]);
    assertNumericKey(item, (volume * Number(factor)) / minutesOf(time), "gtt/min");
  },

  "unit-conversion": (item) => {
    const units = "fl oz|tbsp|tsp|mcg|mg|kg|lb|mL|g|L";
    const [, value, from] = match(new RegExp(`([\\d.]+) (${units})\\b`), item.stem);
    const [, to] = match(new RegExp(`(?:in|to) (${units})[?.](?: \\(Round|$)`), item.stem);
    const scale: Record<string, [string, number]> = { tsp: ["volume", 5], tbsp: ["volume", 15], "fl oz": ["volume", 30], mL: ["volume", 1], L: ["volume", 1000], mcg: ["mass", 0.001], mg: ["mass", 1], g: ["mass", 1000], kg: ["weight", 2.2], lb: ["weight", 1] };
    assert.equal(scale[from][0], scale[to][0], `${from} and ${to} are different kinds`);
    const decimals = /nearest tenth/.test(item.stem) ? 1 : /nearest hundredth/.test(item.stem) ? 2 : 6;
    assertNumericKey(item, (Number(value) * scale[from][1]) / scale[to][1], to, decimals);
  },

  "temperature-conversion": (item) => {
    const [, value, unit] = match(/(-?[\d.]+) (°C|°F)\. What is that in/, item.stem);
    const t = Number(value);
    if (unit === "°C") assertNumericKey(item, t * 1.8 + 32, "°F", 1);
    else assertNumericKey(item, ((t - 32) * 5) / 9, "°C", 1);
  },

  "roman-numerals": (item) => {
    const disp = /"Disp: #([IVXLCDM]+)"/.exec(item.stem);
    if (disp) {
      const value = readRomanHere(disp[1]);
      assert.ok(value !== undefined, `not a well-formed numeral: ${disp[1]}`);
      return assertNumericKey(item, value, /^(tablets|capsules)$/);
    }
    const [, wanted] = match(/wants (\d+) tablets dispensed/, item.stem);
    assert.equal(readRomanHere(keyText(item)), Number(wanted));
    for (const option of item.options.filter((o) => o.id !== item.key[0])) assert.notEqual(readRomanHere(option.text), Number(wanted), `distractor ${option.text} also reads ${wanted}`);
  },

  "sig-translation": (item) => {
    const [, code] = match(/the sig "(.+)" mean/, item.stem);
    const tokens = code.split(" ");
    const quantity: Record<string, string> = { i: "1", ii: "2", iii: "3", ss: "½" };
    const form: Record<string, string> = { tab: "tablet", cap: "capsule", gtt: "drop", supp: "suppositor", tsp: "teaspoonful" };
    const route: Record<string, string> = { po: "by mouth", sl: "under the tongue", pr: "rectally", od: "in the right eye", os: "in the left eye", ou: "in both eyes", ad: "in the right ear", as: "in the left ear", au: "in both ears" };
    const frequency: Record<string, string> = { bid: "twice daily", tid: "three times daily", qid: "four times daily", qhs: "at bedtime", qam: "every morning", ac: "before meals", pc: "after meals" };
    const required: string[] = [`${quantity[tokens[0]]} ${form[tokens[1]]}`, route[tokens[2]]];
    let prnReason: string | undefined;
    for (let i = 3; i < tokens.length; i++) {
      const token = tokens[i];
      const hours = /^q(\d+)h$/.exec(token);
      if (hours) required.push(`every ${hours[1]} hours`);
      else if (token === "prn") prnReason = tokens.slice(i + 1).join(" ");
      else if (!prnReason) {
        assert.ok(token in frequency, `unknown sig token ${token}`);
        required.push(frequency[token]);
      }
      if (prnReason !== undefined) break;
    }
    if (prnReason) required.push(`as needed for ${prnReason}`);
    const means = (text: string) => required.every((phrase) => text.includes(phrase)) && (prnReason !== undefined || !text.includes("as needed"));
    assert.ok(means(keyText(item)), `key "${keyText(item)}" misses one of: ${required.join(" | ")}`);
    for (const option of item.options.filter((o) => o.id !== item.key[0])) assert.ok(!means(option.text), `distractor "${option.text}" also translates "${code}"`);
  },

  "ndc-11-digit": (item) => {
    const [, ndc10] = match(/labeled NDC (\d{4,5}-\d{3,4}-\d{1,2})\./, item.stem);
    assert.equal(ndc10.replace(/-/g, "").length, 10);
    assert.equal(keyText(item), ndcHere(ndc10));
    for (const option of item.options) assert.match(option.text, /^\d{5}-\d{4}-\d{2}$/);
  },

  "dea-number": (item) => {
    const partial = /reads ([A-Z]{2}\d{6})_/.exec(item.stem);
    if (partial) return assert.equal(keyText(item), String(checkDigitHere(`${partial[1]}0`)));
    const [, lastName, credential] = match(/^(?:Dr\. )?\w+ (\w+), (MD|DO|DDS|DVM|NP|PA-C), is/, item.stem);
    const allowed = ["NP", "PA-C"].includes(credential) ? ["M"] : ["A", "B", "F", "G"];
    const valid = item.options.filter((o) => isValidDeaHere(o.text, allowed, lastName));
    assert.deepEqual(valid.map((o) => o.id), item.key, `valid options for ${lastName} (${credential}): ${item.options.map((o) => o.text).join(", ")}`);
  },

  "controlled-refills": (item) => {
    const [, schedule] = match(/\((C-II|C-III|C-IV|C-V)\)/, item.stem);
    const issued = parseLongDate(match(/issued on (\w+ \d+, \d{4})/, item.stem)[1]);
    const today = parseLongDate(match(/Today is (\w+ \d+, \d{4})/, item.stem)[1]);
    const written = Number(match(/with (\d+) refills? written/, item.stem)[1]);
    const usedText = match(/original fill and (no refills|\d+ refills?)\./, item.stem)[1];
    const used = usedText === "no refills" ? 0 : Number.parseInt(usedText, 10);
    let left: number;
    if (schedule === "C-II") left = 0;
    else if (schedule === "C-V") left = written - used;
    else left = asNumber(today) > asNumber(plusSixMonths(issued)) ? 0 : Math.min(written, 5) - used;
    assertNumericKey(item, left, left === 1 ? "refill" : "refills");
  },

  "pseudoephedrine-limits": (item) => {
    const share = /about (\d+)% pseudoephedrine base/.exec(item.stem);
    if (share) {
      const [, strength] = match(/pseudoephedrine HCl (\d+) mg tablets/, item.stem);
      const cap = Math.floor(3600 / ((Number(strength) * Number(share[1])) / 100));
      assert.equal(cap, { 30: 146, 60: 73, 120: 36 }[Number(strength)], "the stated base share reproduces the DEA table");
      const box = /boxes of (\d+) pseudoephedrine/.exec(item.stem);
      if (box) return assertNumericKey(item, Math.floor(cap / Number(box[1])), /^box(es)?$/);
      return assertNumericKey(item, cap, /^tablets?$/);
    }
    const purchases = [...item.stem.matchAll(/([\d.]+) g (earlier today|(\d+) days ago)/g)].map(([, grams, , daysAgo]) => ({ grams: Number(grams), daysAgo: daysAgo === undefined ? 0 : Number(daysAgo) }));
    const window = purchases.filter((p) => p.daysAgo < 30).reduce((sum, p) => sum + p.grams, 0);
    const today = purchases.filter((p) => p.daysAgo === 0).reduce((sum, p) => sum + p.grams, 0);
    const left = /mail-order/.test(item.stem) ? Math.max(0, 7.5 - window) : Math.max(0, Math.min(3.6 - today, 9 - window));
    assertNumericKey(item, left, "g", 2);
  },
};

function minutesOf(time: string): number {
  const hoursAndMinutes = /^(\d+) hours?(?: (\d+) minutes)?$/.exec(time);
  if (hoursAndMinutes) return Number(hoursAndMinutes[1]) * 60 + Number(hoursAndMinutes[2] ?? 0);
  return Number(match(/^(\d+) minutes$/, time)[1]);
}

// ---------------------------------------------------------------------------------------------

describe("generator families", () => {
  it("has at least 15 families with unique codes, each with a recomputation in this file", () => {
    const codes = GENERATOR_FAMILIES.map((f) => f.code);
    assert.ok(codes.length >= 15, `only ${codes.length} families`);
    assert.equal(new Set(codes).size, codes.length, "family codes repeat");
    assert.deepEqual(Object.keys(RECOMPUTE).sort(), [...codes].sort());
    for (const family of GENERATOR_FAMILIES) assert.equal(subtopicDomain(family.subtopic), family.domain, `${family.code}: subtopic ${family.subtopic} is not in ${family.domain}`);
  });

  for (const family of GENERATOR_FAMILIES) {
    describe(family.code, () => {
      it("recomputes the key from the stem by an independent route", () => {
        fc.assert(fc.property(seeds, (seed) => RECOMPUTE[family.code](family.generate(seed))), { numRuns: RUNS });
      });

      it("has four distinct options a–d, one key, and the bank's item shape", () => {
        fc.assert(
          fc.property(seeds, (seed) => {
            const item = family.generate(seed);
            assert.equal(item.code, `${family.code}:${seed}`);
            assert.equal(item.kind, "single");
            assert.equal(item.source, "generator");
            assert.equal(item.family, family.code);
            assert.equal(item.domain, family.domain);
            assert.equal(item.subtopic, family.subtopic);
            assert.deepEqual(item.options.map((o) => o.id), ["a", "b", "c", "d"]);
            assert.equal(new Set(item.options.map((o) => o.text.toLowerCase())).size, 4, `repeated option in ${item.code}: ${item.options.map((o) => o.text).join(" | ")}`);
            assert.equal(item.key.length, 1);
            assert.ok(["a", "b", "c", "d"].includes(item.key[0]));
            assert.ok(item.options.every((o) => o.text.trim() === o.text && o.text.length > 0 && !o.text.includes("NaN") && !o.text.includes("Infinity")));
            assert.ok(item.explanation.includes(keyText(item).replace(/\.$/, "")), "the explanation names the answer");
            assert.match(item.explanation, /round/i, "the explanation names the rounding rule (or that none applies)");
            assert.ok(!/NaN|undefined|Infinity/.test(item.stem + item.explanation), `${item.code}: broken text`);
            const parsed = itemInputSchema.safeParse(item);
            assert.ok(parsed.success, `${item.code}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues)}`);
          }),
          { numRuns: RUNS },
        );
      });

      it("is deterministic: the same seed gives the same item", () => {
        fc.assert(fc.property(seeds, (seed) => assert.deepEqual(family.generate(seed), family.generate(seed))), { numRuns: 100 });
      });

      it("varies stems and key positions across seeds", () => {
        fc.assert(
          fc.property(fc.integer({ min: 0, max: 0xffffffff - 200 }), (start) => {
            const items = Array.from({ length: 200 }, (_, i) => family.generate(start + i));
            const stems = new Set(items.map((item) => item.stem));
            assert.ok(stems.size >= 110, `${family.code}: only ${stems.size} distinct stems in 200 seeds`);
            const positions = new Map<string, number>();
            for (const item of items) positions.set(item.key[0], (positions.get(item.key[0]) ?? 0) + 1);
            assert.equal(positions.size, 4, `${family.code}: the key never lands on some positions`);
            assert.ok(Math.max(...positions.values()) <= 90, `${family.code}: the key favors one position (${[...positions]})`);
          }),
          { numRuns: 5 },
        );
      });
    });
  }
});

describe("generateItem", () => {
  it("returns the family's item for the seed", () => {
    for (const family of GENERATOR_FAMILIES) assert.deepEqual(generateItem(family.code, 42), family.generate(42));
  });

  it("refuses an unknown family and seeds outside 0 … 2^32 − 1", () => {
    assert.throws(() => generateItem("no-such-family", 1), (error: unknown) => error instanceof AppError && error.code === "NOT_FOUND");
    for (const seed of [-1, 1.5, 2 ** 32, Number.NaN]) assert.throws(() => generateItem(GENERATOR_FAMILIES[0].code, seed), RangeError);
  });
});

describe("generator seeds that once failed", () => {
  it("dea-number: a check digit of 0 from mostly-zero digits still gets three distinct wrong digits", () => {
    const item = generateItem("dea-number", 4294708797);
    assert.equal(new Set(item.options.map((o) => o.text)).size, 4);
    assert.equal(item.key.length, 1);
  });
});

describe("fixed examples from domain-facts.md", () => {
  it("DEA AP5836727 is valid: (5 + 3 + 7) + 2 × (8 + 6 + 2) = 47", () => {
    assert.equal(checkDigitHere("AP5836727"), 7);
    assert.equal(deaCheckDigit("583672"), 7);
    assert.ok(hasValidDeaCheckDigit("AP5836727"));
    assert.ok(isValidDeaHere("AP5836727", ["A", "B", "F", "G"], "Patel"));
    assert.ok(!hasValidDeaCheckDigit("AP5836721"));
  });

  it("converts the three NDC configurations to 5-4-2", () => {
    const examples: [string, string][] = [
      ["0002-7597-01", "00002-7597-01"],
      ["50242-040-62", "50242-0040-62"],
      ["60575-4112-1", "60575-4112-01"],
    ];
    for (const [ndc10, ndc11] of examples) {
      assert.equal(toNdc11(ndc10), ndc11);
      assert.equal(ndcHere(ndc10), ndc11);
    }
    assert.throws(() => toNdc11("0002759701"), RangeError, "an unhyphenated NDC has no known configuration");
  });

  it("alligation: 600 mL of 20% from 50% and 5% is 200 mL + 400 mL", () => {
    assert.deepEqual(alligationAmounts(50, 5, 20, 600), { high: 200, low: 400 });
    assert.equal((200 * 50 + 400 * 5) / 600, 20);
  });

  it("pseudoephedrine daily tablet caps match the DEA table", () => {
    assert.deepEqual(DAILY_TABLET_CAP, { 30: 146, 60: 73, 120: 36 });
  });

  it("Roman numerals round-trip through an independent reader", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3999 }), (n) => readRomanHere(toRoman(n)) === n));
    assert.equal(toRoman(90), "XC");
    assert.equal(toRoman(44), "XLIV");
  });
});
