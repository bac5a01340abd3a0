/**
 * Days supply: tablets and capsules, oral liquids, metered-dose inhalers, insulin, eye drops.
 * Rule (domain-facts.md, Calculations): days supply = quantity ÷ (dose × administrations per day),
 * rounded down to whole days; eye drops 20 drops/mL unless stated; 1 tsp = 5 mL; insulin 100 units/mL.
 */
import type { Random } from "../../../lib/random.ts";
import { daysText, defineFamily, drawUntil, fmt, numericDistractors, plural, roundDown, roundUp, type Candidate, type Mistake } from "./build-item.ts";

const DAYS_SUPPLY_RULE = "domain-facts.md: Calculations (days supply = quantity ÷ (dose × administrations per day), rounded down to whole days)";
const ROUNDING = "Rule: days supply is rounded down to whole days (a partial day's doses do not make another day).";

export interface Frequency {
  /** As written in a sig in plain English. */
  text: string;
  perDay: number;
  /** Set for "every N hours" sigs, which learners misread as N doses a day. */
  everyHours?: number;
}

export const FREQUENCIES: readonly Frequency[] = [
  { text: "once daily", perDay: 1 },
  { text: "at bedtime", perDay: 1 },
  { text: "twice daily", perDay: 2 },
  { text: "every 12 hours", perDay: 2, everyHours: 12 },
  { text: "three times daily", perDay: 3 },
  { text: "every 8 hours", perDay: 3, everyHours: 8 },
  { text: "four times daily", perDay: 4 },
  { text: "every 6 hours", perDay: 4, everyHours: 6 },
];

export function frequencyFor(rng: Random, perDay: number): Frequency {
  return rng.pick(FREQUENCIES.filter((f) => f.perDay === perDay));
}

/** The mistakes every days-supply question shares, in units of whatever the supply is counted in. */
function commonMistakes(supply: number, perDose: number, freq: Frequency): Candidate[] {
  const daily = perDose * freq.perDay;
  const mistakes: Candidate[] = [[roundUp(supply / daily), "rounds up; days supply is rounded down to whole days"]];
  if (freq.perDay > 1) mistakes.push([roundDown(supply / perDose), `ignores that the dose is taken ${freq.perDay} times a day`]);
  if (freq.everyHours) mistakes.push([roundDown(supply / (perDose * freq.everyHours)), `reads "every ${freq.everyHours} hours" as ${freq.everyHours} doses a day`]);
  mistakes.push([roundDown(supply / (perDose * (freq.perDay + 1))), `uses ${freq.perDay + 1} doses a day instead of ${freq.perDay}`]);
  mistakes.push([roundDown(supply / (2 * daily)), "doubles the daily use"]);
  if (supply * daily <= 365) mistakes.push([supply * daily, "multiplies by the daily use instead of dividing"]);
  return mistakes;
}

function dailySentence(doseText: string, freq: Frequency, daily: string): string {
  return `Daily use = ${doseText} × ${freq.perDay} ${freq.perDay === 1 ? "dose" : "doses"} a day (${freq.text}) = ${daily} a day.`;
}

function divisionSentence(supply: string, daily: string, exact: number, key: number): string {
  const shown = Number.isInteger(exact) ? fmt(exact) : `about ${Number.isInteger(Number(fmt(exact, 2))) ? fmt(exact, 3) : fmt(exact, 2)}`;
  return `Days supply = ${supply} ÷ ${daily} = ${shown} → ${daysText(key)}.`;
}

/** Last-resort distractors: entering the usual default instead of calculating. */
const DEFAULT_SUPPLY_MISTAKES: Candidate[] = [
  [30, "assumes the usual 30-day supply instead of calculating"],
  [90, "assumes a 90-day supply instead of calculating"],
];

// ---------------------------------------------------------------------------------------------
// Tablets and capsules

interface SolidDrug {
  name: string;
  form: "tablet" | "capsule";
  doses: number[];
  perDay: number[];
}

const SOLID_DRUGS: readonly SolidDrug[] = [
  { name: "lisinopril 10 mg", form: "tablet", doses: [1, 2], perDay: [1, 2] },
  { name: "metformin 500 mg", form: "tablet", doses: [1, 2], perDay: [2, 3] },
  { name: "metoprolol tartrate 25 mg", form: "tablet", doses: [0.5, 1, 2], perDay: [2] },
  { name: "sertraline 50 mg", form: "tablet", doses: [0.5, 2, 3], perDay: [1] },
  { name: "carvedilol 6.25 mg", form: "tablet", doses: [1, 2], perDay: [2] },
  { name: "baclofen 10 mg", form: "tablet", doses: [0.5, 1, 2], perDay: [3] },
  { name: "ibuprofen 800 mg", form: "tablet", doses: [1], perDay: [3] },
  { name: "potassium chloride ER 10 mEq", form: "tablet", doses: [1, 2], perDay: [1, 2] },
  { name: "amoxicillin 500 mg", form: "capsule", doses: [1, 2], perDay: [2, 3] },
  { name: "cephalexin 500 mg", form: "capsule", doses: [1], perDay: [2, 3, 4] },
  { name: "gabapentin 300 mg", form: "capsule", doses: [1, 2, 3], perDay: [3] },
  { name: "omeprazole 20 mg", form: "capsule", doses: [2], perDay: [1, 2] },
  { name: "doxycycline hyclate 100 mg", form: "capsule", doses: [1], perDay: [2] },
  { name: "nitrofurantoin monohydrate 100 mg", form: "capsule", doses: [1], perDay: [2, 4] },
];

const STOCK_COUNTS = [28, 30, 56, 60, 84, 90, 100, 120, 180] as const;
const TARGET_DAYS = [5, 7, 10, 14, 21, 28, 30, 45, 60, 90] as const;

function solidDose(dose: number, form: string): string {
  return dose === 0.5 ? `½ ${form}` : `${dose} ${dose === 1 ? form : `${form}s`}`;
}

export const daysSupplyTablets = defineFamily(
  {
    code: "days-supply-tablets",
    name: "Days supply: tablets and capsules",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Days supply from the quantity dispensed and a sig with tablets or capsules per dose and doses per day, rounded down.",
  },
  (rng) => {
    const { drug, dose, perDay } = drawUntil(
      rng,
      (r) => {
        const drug = r.pick(SOLID_DRUGS);
        return { drug, dose: r.pick(drug.doses), perDay: r.pick(drug.perDay) };
      },
      ({ dose, perDay }) => dose * perDay !== 1,
      { drug: SOLID_DRUGS[0], dose: 2, perDay: 2 },
    );
    const freq = frequencyFor(rng, perDay);
    const daily = dose * perDay;
    const quantity = rng.chance(0.5) ? rng.pick(STOCK_COUNTS) : Math.ceil(rng.pick(TARGET_DAYS) * daily) + rng.int(0, Math.max(0, Math.ceil(daily) - 1));
    const key = roundDown(quantity / daily);
    const doseText = solidDose(dose, drug.form);
    const dailyText = `${fmt(daily)} ${daily === 1 ? drug.form : `${drug.form}s`}`;
    const mistakes = commonMistakes(quantity, dose, freq);
    if (dose !== 1) mistakes.push([roundDown(quantity / perDay), `ignores that each dose is ${doseText}`]);
    if (dose !== 1) mistakes.push([roundDown((quantity * dose) / perDay), `multiplies by ${doseText} per dose instead of dividing`]);
    if (perDay > 1) mistakes.push([roundDown(quantity / (dose * (perDay - 1))), `uses ${perDay - 1} ${perDay - 1 > 1 ? "doses" : "dose"} a day instead of ${perDay}`]);
    mistakes.push(...DEFAULT_SUPPLY_MISTAKES);
    return {
      stem: `A prescription for ${drug.name} ${drug.form}s reads: "Take ${doseText} by mouth ${freq.text}." The pharmacy dispenses ${quantity} ${drug.form}s. What is the days supply? (Count whole days; round down.)`,
      answer: daysText(key),
      distractors: numericDistractors(mistakes, daysText),
      solution: `${dailySentence(doseText, freq, dailyText)} ${divisionSentence(`${quantity} ${drug.form}s`, dailyText, quantity / daily, key)} ${ROUNDING}`,
      reference: DAYS_SUPPLY_RULE,
      difficulty: dose === 0.5 || freq.everyHours ? 2 : 1,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Oral liquids

type LiquidUnit = "mL" | "teaspoonful" | "tablespoonful";
const ML_PER: Record<LiquidUnit, number> = { mL: 1, teaspoonful: 5, tablespoonful: 15 };

interface Liquid {
  name: string;
  bottles: number[];
  /** Doses that are usual for the product, as written in a sig. */
  doses: [number, LiquidUnit][];
}

const LIQUIDS: readonly Liquid[] = [
  { name: "amoxicillin 400 mg/5 mL oral suspension", bottles: [50, 75, 100], doses: [[2.5, "mL"], [5, "mL"], [7.5, "mL"], [10, "mL"], [0.5, "teaspoonful"], [1, "teaspoonful"], [1.5, "teaspoonful"], [2, "teaspoonful"]] },
  { name: "cefdinir 250 mg/5 mL oral suspension", bottles: [60, 100], doses: [[2.5, "mL"], [5, "mL"], [7.5, "mL"], [0.5, "teaspoonful"], [1, "teaspoonful"]] },
  { name: "cetirizine 5 mg/5 mL oral solution", bottles: [120, 473], doses: [[2.5, "mL"], [5, "mL"], [10, "mL"], [0.5, "teaspoonful"], [1, "teaspoonful"], [2, "teaspoonful"]] },
  { name: "prednisolone 15 mg/5 mL oral solution", bottles: [120, 240], doses: [[5, "mL"], [10, "mL"], [15, "mL"], [20, "mL"], [1, "teaspoonful"], [2, "teaspoonful"], [1, "tablespoonful"]] },
  { name: "ondansetron 4 mg/5 mL oral solution", bottles: [50], doses: [[2.5, "mL"], [5, "mL"], [0.5, "teaspoonful"], [1, "teaspoonful"]] },
  { name: "lactulose 10 g/15 mL oral solution", bottles: [237, 473, 946], doses: [[15, "mL"], [30, "mL"], [1, "tablespoonful"], [2, "tablespoonful"]] },
  { name: "promethazine 6.25 mg/5 mL oral syrup", bottles: [118, 473], doses: [[5, "mL"], [10, "mL"], [1, "teaspoonful"], [2, "teaspoonful"]] },
  { name: "famotidine 40 mg/5 mL oral suspension", bottles: [50], doses: [[2.5, "mL"], [5, "mL"]] },
  { name: "sulfamethoxazole/trimethoprim 200/40 mg per 5 mL oral suspension", bottles: [100, 150, 200, 473], doses: [[5, "mL"], [10, "mL"], [20, "mL"], [1, "teaspoonful"], [2, "teaspoonful"], [1, "tablespoonful"]] },
  { name: "levetiracetam 100 mg/mL oral solution", bottles: [473], doses: [[2.5, "mL"], [5, "mL"], [7.5, "mL"], [10, "mL"], [15, "mL"], [1, "teaspoonful"], [1.5, "teaspoonful"], [2, "teaspoonful"]] },
];

function liquidDose(amount: number, unit: LiquidUnit): string {
  if (unit === "mL") return `${fmt(amount)} mL`;
  const number = amount === 0.5 ? "½" : amount === 1.5 ? "1½" : String(amount);
  return `${number} ${amount > 1 ? `${unit}s` : unit}`;
}

const mL = (value: number) => `${fmt(value, 1)} mL`;

/** Mistakes in converting household measures, as (wrong mL per unit, why). */
function householdMistakes(unit: LiquidUnit): [number, string][] {
  if (unit === "mL") return [[5, "reads the mL dose as teaspoonfuls"]];
  if (unit === "teaspoonful") return [[1, "reads teaspoonfuls as mL (1 tsp = 5 mL)"], [15, "uses 15 mL per teaspoonful (that is a tablespoonful)"]];
  return [[5, "uses 5 mL per tablespoonful (that is a teaspoonful)"], [1, "reads tablespoonfuls as mL (1 tbsp = 15 mL)"]];
}

export const daysSupplyLiquid = defineFamily(
  {
    code: "days-supply-liquid",
    name: "Days supply and quantity: oral liquids",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Days supply of a bottle, or the volume for a course, from a dose in mL, teaspoonfuls or tablespoonfuls (1 tsp = 5 mL, 1 tbsp = 15 mL).",
  },
  (rng) => {
    const liquid = rng.pick(LIQUIDS);
    const [amount, unit] = rng.pick(liquid.doses);
    const freq = frequencyFor(rng, rng.int(1, 4));
    const doseMl = amount * ML_PER[unit];
    const dailyMl = doseMl * freq.perDay;
    const doseText = liquidDose(amount, unit);
    const conversion = unit === "mL" ? "" : `${doseText} = ${fmt(amount)} × ${ML_PER[unit]} mL = ${fmt(doseMl)} mL. `;
    const daily = `${conversion}Daily volume = ${fmt(doseMl)} mL × ${freq.perDay} (${freq.text}) = ${fmt(dailyMl)} mL a day.`;
    const difficulty = unit === "mL" ? 1 : 2;
    const bottle = rng.pick(liquid.bottles);
    const askDays = rng.chance(0.5) && dailyMl <= bottle;

    if (askDays) {
      const key = roundDown(bottle / dailyMl);
      const mistakes: Mistake[] = [
        ...householdMistakes(unit).map(([perUnit, why]) => [roundDown(bottle / (amount * perUnit * freq.perDay)), why] as const),
        ...commonMistakes(bottle, doseMl, freq),
        ...DEFAULT_SUPPLY_MISTAKES,
      ];
      return {
        stem: `A ${bottle} mL bottle of ${liquid.name} is dispensed with the sig "Take ${doseText} by mouth ${freq.text}." What is the days supply? (Count whole days; round down.)`,
        answer: daysText(key),
        distractors: numericDistractors(mistakes, daysText),
        solution: `${daily} ${divisionSentence(`${bottle} mL`, `${fmt(dailyMl)} mL`, bottle / dailyMl, key)} ${ROUNDING}`,
        reference: `${DAYS_SUPPLY_RULE}; 1 tsp = 5 mL, 1 tbsp = 15 mL`,
        difficulty,
      };
    }

    const days = rng.pick([5, 7, 10, 14]);
    const key = dailyMl * days;
    const mistakes: Mistake[] = [
      ...householdMistakes(unit).map(([perUnit, why]) => [amount * perUnit * freq.perDay * days, why] as const),
      freq.perDay > 1 && [doseMl * days, `ignores that the dose is taken ${freq.perDay} times a day`],
      freq.everyHours !== undefined && [doseMl * freq.everyHours * days, `reads "every ${freq.everyHours} hours" as ${freq.everyHours} doses a day`],
      [doseMl * (freq.perDay + 1) * days, `uses ${freq.perDay + 1} doses a day instead of ${freq.perDay}`],
      [dailyMl, "gives one day's volume, not the whole course"],
      [dailyMl * (days + 1), `counts ${days + 1} days instead of ${days}`],
    ];
    return {
      stem: `A prescription for ${liquid.name} reads: "Take ${doseText} by mouth ${freq.text} for ${days} days." What volume is needed for the full course, in mL?`,
      answer: mL(key),
      distractors: numericDistractors(mistakes, mL),
      solution: `${daily} Volume = ${fmt(dailyMl)} mL a day × ${days} days = ${fmt(key)} mL. No rounding: the course needs the exact volume.`,
      reference: "domain-facts.md: Calculations (quantity = dose × administrations per day × days; 1 tsp = 5 mL, 1 tbsp = 15 mL)",
      difficulty,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Metered-dose inhalers

const INHALERS: readonly { name: string; actuations: number }[] = [
  { name: "albuterol HFA 90 mcg/actuation", actuations: 200 },
  { name: "levalbuterol HFA 45 mcg/actuation", actuations: 200 },
  { name: "ipratropium HFA 17 mcg/actuation", actuations: 200 },
  { name: "fluticasone propionate HFA 110 mcg/actuation", actuations: 120 },
  { name: "beclomethasone HFA 40 mcg/actuation", actuations: 120 },
  { name: "budesonide/formoterol 160/4.5 mcg/actuation", actuations: 120 },
  { name: "mometasone/formoterol 200/5 mcg/actuation", actuations: 120 },
  { name: "ciclesonide 80 mcg/actuation", actuations: 60 },
  { name: "ciclesonide 160 mcg/actuation", actuations: 60 },
  { name: "albuterol HFA 90 mcg/actuation (small canister)", actuations: 60 },
  { name: "fluticasone/salmeterol HFA 115/21 mcg/actuation", actuations: 120 },
  { name: "budesonide/formoterol 80/4.5 mcg/actuation", actuations: 60 },
];

export const daysSupplyInhaler = defineFamily(
  {
    code: "days-supply-inhaler",
    name: "Days supply: metered-dose inhalers",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Days supply of one or more metered-dose inhalers from the actuations per inhaler and a scheduled sig in puffs.",
  },
  (rng) => {
    const inhaler = rng.pick(INHALERS);
    const puffs = rng.pick([1, 2, 2]);
    // One puff once a day is too trivial to ask.
    const freq = frequencyFor(rng, puffs === 1 ? rng.pick([2, 4]) : rng.pick([1, 2, 2, 4]));
    const count = rng.pick([1, 1, 2, 3]);
    const total = inhaler.actuations * count;
    const daily = puffs * freq.perDay;
    const key = roundDown(total / daily);
    const mistakes: Mistake[] = [
      count > 1 && [roundDown(inhaler.actuations / daily), `counts one inhaler instead of ${count}`],
      ...commonMistakes(total, puffs, freq),
      puffs > 1 && [roundDown(total / freq.perDay), `ignores that each dose is ${puffs} puffs`],
      ...DEFAULT_SUPPLY_MISTAKES,
    ];
    const puffText = `${puffs} ${puffs === 1 ? "puff" : "puffs"}`;
    return {
      stem: `The pharmacy dispenses ${count} ${count === 1 ? "inhaler" : "inhalers"} of ${inhaler.name}; each inhaler contains ${inhaler.actuations} metered actuations (puffs). The sig reads: "Inhale ${puffText} by mouth ${freq.text}." What is the days supply? (Count whole days; round down.)`,
      answer: daysText(key),
      distractors: numericDistractors(mistakes, daysText),
      solution: `Total puffs = ${count} × ${inhaler.actuations} = ${total}. ${dailySentence(puffText, freq, `${daily} puffs`)} ${divisionSentence(`${total} puffs`, `${daily} puffs`, total / daily, key)} ${ROUNDING}`,
      reference: DAYS_SUPPLY_RULE,
      difficulty: count > 1 || freq.everyHours ? 2 : 1,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Insulin: 100 units/mL; vials 10 mL (1,000 units), pens 3 mL (300 units)

const INSULIN_FREQUENCIES: readonly Frequency[] = [
  { text: "once daily", perDay: 1 },
  { text: "at bedtime", perDay: 1 },
  { text: "twice daily", perDay: 2 },
  { text: "three times daily with meals", perDay: 3 },
];

const [ONCE_DAILY, AT_BEDTIME, TWICE_DAILY, WITH_MEALS] = INSULIN_FREQUENCIES;
/** Basal insulins once or twice a day; rapid-acting ones with meals. */
const INSULINS: readonly { name: string; frequencies: Frequency[]; doses: [number, number] }[] = [
  { name: "insulin glargine", frequencies: [ONCE_DAILY, AT_BEDTIME], doses: [10, 60] },
  { name: "insulin degludec", frequencies: [ONCE_DAILY], doses: [10, 60] },
  { name: "insulin detemir", frequencies: [ONCE_DAILY, AT_BEDTIME, TWICE_DAILY], doses: [10, 40] },
  { name: "NPH human insulin (isophane)", frequencies: [TWICE_DAILY, AT_BEDTIME], doses: [10, 40] },
  { name: "insulin lispro", frequencies: [WITH_MEALS], doses: [4, 20] },
  { name: "insulin aspart", frequencies: [WITH_MEALS], doses: [4, 20] },
];

export const daysSupplyInsulin = defineFamily(
  {
    code: "days-supply-insulin",
    name: "Days supply: insulin vials and pens",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Days supply of insulin at 100 units/mL in 10 mL vials or 3 mL pens, optionally with stated priming units per injection.",
  },
  (rng) => {
    const { name: insulin, frequencies, doses } = rng.pick(INSULINS);
    const isPen = rng.chance(0.5);
    const count = isPen ? rng.pick([5, 10]) : rng.pick([1, 2, 3]);
    const mlEach = isPen ? 3 : 10;
    const unitsEach = mlEach * 100;
    const total = unitsEach * count;
    const dose = rng.int(doses[0] / 2, doses[1] / 2) * 2;
    const freq = rng.pick(frequencies);
    const prime = isPen && rng.chance(0.6) ? 2 : 0;
    const perInjection = dose + prime;
    const daily = perInjection * freq.perDay;
    const key = roundDown(total / daily);
    const container = isPen ? `${count} pens (3 mL each)` : `${count} ${count === 1 ? "vial" : "vials"} (10 mL each)`;
    const mistakes: Mistake[] = [
      prime > 0 && [roundDown(total / (dose * freq.perDay)), "leaves out the 2 priming units per injection"],
      [roundDown(unitsEach / daily), `counts one ${isPen ? "pen" : "vial"} instead of ${count}`],
      isPen ? [roundDown((1000 * count) / daily), "uses 1,000 units per pen (that is a 10 mL vial)"] : [roundDown((300 * count) / daily), "uses 300 units per vial (that is a 3 mL pen)"],
      ...commonMistakes(total, perInjection, freq),
      [roundDown((mlEach * 10 * count) / daily), "uses 10 units/mL instead of 100 units/mL"],
      ...DEFAULT_SUPPLY_MISTAKES,
    ];
    const primeSentence = prime > 0 ? " Prime the pen with 2 units before each injection; priming units count toward use." : "";
    const perInjectionText = prime > 0 ? `${dose} + ${prime} priming = ${perInjection} units` : `${dose} units`;
    return {
      stem: `A patient is dispensed ${container} of ${insulin} 100 units/mL. The sig reads: "Inject ${dose} units subcutaneously ${freq.text}."${primeSentence} What is the days supply? (Use units only, ignoring in-use discard dates; count whole days, round down.)`,
      answer: daysText(key),
      distractors: numericDistractors(mistakes, daysText),
      solution: `Total units = ${count} × ${mlEach} mL × 100 units/mL = ${total} units. Per injection = ${perInjectionText}. Daily use = ${perInjection} units × ${freq.perDay} (${freq.text}) = ${daily} units. ${divisionSentence(`${total} units`, `${daily} units`, total / daily, key)} ${ROUNDING}`,
      reference: `${DAYS_SUPPLY_RULE}; insulin 100 units/mL, pen 3 mL = 300 units, vial 10 mL = 1,000 units`,
      difficulty: prime > 0 || isPen ? 3 : 2,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Eye drops: 20 drops/mL stated in the stem

const EYE_DROPS: readonly { name: string; bottles: number[] }[] = [
  { name: "latanoprost 0.005% ophthalmic solution", bottles: [2.5] },
  { name: "timolol 0.5% ophthalmic solution", bottles: [5, 10, 15] },
  { name: "brimonidine 0.2% ophthalmic solution", bottles: [5, 10, 15] },
  { name: "dorzolamide 2% ophthalmic solution", bottles: [10] },
  { name: "ofloxacin 0.3% ophthalmic solution", bottles: [5, 10] },
  { name: "moxifloxacin 0.5% ophthalmic solution", bottles: [3] },
  { name: "prednisolone acetate 1% ophthalmic suspension", bottles: [5, 10, 15] },
  { name: "olopatadine 0.1% ophthalmic solution", bottles: [5] },
  { name: "ketorolac 0.5% ophthalmic solution", bottles: [3, 5, 10] },
];

const EYES = [
  { text: "each eye", count: 2 },
  { text: "both eyes", count: 2 },
  { text: "the right eye", count: 1 },
  { text: "the left eye", count: 1 },
] as const;

export const daysSupplyEyeDrops = defineFamily(
  {
    code: "days-supply-eye-drops",
    name: "Days supply: eye drops",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Days supply of an ophthalmic bottle at a stated 20 drops per mL, with drops per eye, one or both eyes, and doses per day.",
  },
  (rng) => {
    const product = rng.pick(EYE_DROPS);
    const bottle = rng.pick(product.bottles);
    const dropsPerMl = 20;
    const drops = rng.pick([1, 1, 1, 2]);
    const eye = rng.pick(EYES);
    const freq = frequencyFor(rng, rng.int(1, 4));
    const totalDrops = bottle * dropsPerMl;
    const perDose = drops * eye.count;
    const daily = perDose * freq.perDay;
    const key = roundDown(totalDrops / daily);
    const mistakes: Mistake[] = [
      eye.count === 2 && [roundDown(totalDrops / (drops * freq.perDay)), `counts one eye instead of both ("${eye.text}")`],
      eye.count === 1 && [roundDown(totalDrops / (drops * 2 * freq.perDay)), `doses both eyes although the sig names ${eye.text}`],
      [roundDown((bottle * 15) / daily), "uses 15 drops/mL instead of the stated 20"],
      ...commonMistakes(totalDrops, perDose, freq),
      [roundDown((bottle * 10) / daily), "uses 10 drops/mL instead of the stated 20"],
      ...DEFAULT_SUPPLY_MISTAKES,
    ];
    const dropText = `${drops} ${drops === 1 ? "drop" : "drops"}`;
    return {
      stem: `A ${fmt(bottle, 1)} mL bottle of ${product.name} is dispensed. The sig reads: "Instill ${dropText} in ${eye.text} ${freq.text}." Assume 20 drops per mL. What is the days supply? (Count whole days; round down.)`,
      answer: daysText(key),
      distractors: numericDistractors(mistakes, daysText),
      solution: `Total drops = ${fmt(bottle, 1)} mL × ${dropsPerMl} drops/mL = ${totalDrops} drops. Per dose = ${dropText} × ${plural(eye.count, "eye")} = ${plural(perDose, "drop")}. Daily use = ${perDose} × ${freq.perDay} (${freq.text}) = ${plural(daily, "drop")}. ${divisionSentence(`${totalDrops} drops`, plural(daily, "drop"), totalDrops / daily, key)} ${ROUNDING}`,
      reference: `${DAYS_SUPPLY_RULE}; eye drops 20 drops/mL`,
      difficulty: eye.count === 2 ? 2 : 1,
    };
  },
);
