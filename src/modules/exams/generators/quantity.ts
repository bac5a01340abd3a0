/**
 * Quantity and days supply when the sig is not one fixed dose: "1–2 tablets every 4–6 hours as
 * needed" (counted at the maximum the sig allows) and step-down tapers.
 */
import { daysText, defineFamily, fmt, numericDistractors, plural, roundDown, roundUp, type Mistake } from "./build-item.ts";

interface PrnDrug {
  name: string;
  form: "tablet" | "capsule";
  /** [fewest, most] per dose and [shortest, longest] hours between doses. */
  perDose: [number, number];
  hours: [number, number];
  reason: string;
}

const PRN_DRUGS: readonly PrnDrug[] = [
  { name: "hydroxyzine HCl 25 mg", form: "tablet", perDose: [1, 2], hours: [6, 8], reason: "itching" },
  { name: "ondansetron 4 mg", form: "tablet", perDose: [1, 2], hours: [8, 12], reason: "nausea" },
  { name: "benzonatate 100 mg", form: "capsule", perDose: [1, 2], hours: [8, 12], reason: "cough" },
  { name: "methocarbamol 500 mg", form: "tablet", perDose: [1, 2], hours: [6, 8], reason: "muscle spasm" },
  { name: "diphenhydramine 25 mg", form: "capsule", perDose: [1, 2], hours: [4, 6], reason: "allergy symptoms" },
  { name: "meclizine 12.5 mg", form: "tablet", perDose: [1, 2], hours: [8, 12], reason: "dizziness" },
  { name: "promethazine 12.5 mg", form: "tablet", perDose: [1, 2], hours: [4, 6], reason: "nausea" },
  { name: "tizanidine 2 mg", form: "tablet", perDose: [1, 2], hours: [6, 8], reason: "muscle spasm" },
  { name: "cyclobenzaprine 5 mg", form: "tablet", perDose: [1, 2], hours: [8, 12], reason: "muscle spasm" },
  { name: "prochlorperazine 5 mg", form: "tablet", perDose: [1, 2], hours: [6, 8], reason: "nausea" },
  { name: "hydroxyzine HCl 10 mg", form: "tablet", perDose: [1, 2], hours: [6, 8], reason: "anxiety" },
  { name: "dicyclomine 20 mg", form: "tablet", perDose: [1, 2], hours: [8, 12], reason: "abdominal cramping" },
];

const PRN_RULE = "domain-facts.md: Calculations (days supply = quantity ÷ daily use, rounded down); a PRN sig is counted at the maximum it allows (common payer convention)";

export const quantityPrnMaximum = defineFamily(
  {
    code: "quantity-prn-maximum",
    name: "Quantity and days supply: as-needed ranges at maximum use",
    domain: "order_entry",
    subtopic: "4.2",
    description: 'Quantity for N days, or days supply of a quantity, for sigs like "1–2 tablets every 4–6 hours as needed", counted at the most the sig allows.',
  },
  (rng) => {
    const drug = rng.pick(PRN_DRUGS);
    const [fewest, most] = drug.perDose;
    const [shortest, longest] = drug.hours;
    const maxDaily = most * (24 / shortest);
    const units = (n: number) => plural(n, drug.form);
    const sig = `Take ${fewest}–${most} ${drug.form}s by mouth every ${shortest}–${longest} hours as needed for ${drug.reason}.`;
    const maxSentence = `Maximum use = ${most} ${drug.form}s per dose × (24 h ÷ ${shortest} h = ${24 / shortest} doses a day) = ${maxDaily} ${drug.form}s a day.`;

    if (rng.chance(0.5)) {
      const days = rng.pick([2, 3, 4, 5, 6, 7, 10, 14]);
      const key = maxDaily * days;
      const mistakes: Mistake[] = [
        [fewest * (24 / shortest) * days, `uses the low end of the dose (${fewest} per dose)`],
        [most * (24 / longest) * days, `uses the longest interval (every ${longest} hours)`],
        [fewest * (24 / longest) * days, "uses the smallest dose at the longest interval (typical use, not maximum)"],
        [maxDaily, `gives one day's maximum, not ${days} days`],
        [most * shortest * days, `reads "every ${shortest} hours" as ${shortest} doses a day`],
      ];
      return {
        stem: rng.pick([
          `A prescription for ${drug.name} ${drug.form}s reads: "${sig}" The prescriber wants enough for ${days} days at the maximum use the sig allows. How many ${drug.form}s should be dispensed?`,
          `The sig for ${drug.name} ${drug.form}s is "${sig}" The plan allows enough for ${days} days at the maximum use the sig allows. How many ${drug.form}s is that?`,
        ]),
        answer: units(key),
        distractors: numericDistractors(mistakes, units),
        solution: `${maxSentence} Quantity = ${maxDaily} × ${days} days = ${key} ${drug.form}s. No rounding: the count is exact.`,
        reference: PRN_RULE,
        difficulty: 2,
      };
    }

    const quantity = rng.pick([12, 15, 18, 20, 24, 30, 36, 40, 45, 50, 60, 90]);
    const key = roundDown(quantity / maxDaily);
    const mistakes: Mistake[] = [
      [roundDown(quantity / (fewest * (24 / shortest))), `uses the low end of the dose (${fewest} per dose)`],
      [roundDown(quantity / (most * (24 / longest))), `uses the longest interval (every ${longest} hours)`],
      [roundDown(quantity / (fewest * (24 / longest))), "uses the smallest dose at the longest interval (typical use, not maximum)"],
      [roundUp(quantity / maxDaily), "rounds up; days supply is rounded down to whole days"],
      [30, "assumes the usual 30-day supply instead of calculating"],
    ];
    const exact = quantity / maxDaily;
    return {
      stem: rng.pick([
        `The pharmacy dispenses ${quantity} ${drug.name} ${drug.form}s for the sig "${sig}" What is the days supply at the maximum use the sig allows? (Count whole days; round down.)`,
        `A claim for ${quantity} ${drug.name} ${drug.form}s with the sig "${sig}" needs a days supply. What is it at the maximum use the sig allows? (Count whole days; round down.)`,
      ]),
      answer: daysText(key),
      distractors: numericDistractors(mistakes, daysText),
      solution: `${maxSentence} Days supply = ${quantity} ÷ ${maxDaily} = ${Number.isInteger(exact) ? fmt(exact) : `about ${fmt(exact, 2)}`} → ${daysText(key)}. Rule: days supply is rounded down to whole days.`,
      reference: PRN_RULE,
      difficulty: 3,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Tapers

const TAPER_DRUGS: readonly { name: string; strengths: number[] }[] = [
  { name: "prednisone", strengths: [5, 10, 20] },
  { name: "methylprednisolone", strengths: [4] },
  { name: "dexamethasone", strengths: [1, 2] },
];

export const quantityTaper = defineFamily(
  {
    code: "quantity-taper",
    name: "Quantity: tapering doses",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Tablets to dispense for a step-down taper written in tablets or in mg, with the same or different days at each step.",
  },
  (rng) => {
    const drug = rng.pick(TAPER_DRUGS);
    const strength = rng.pick(drug.strengths);
    const start = rng.int(3, 6);
    const uniformDays = rng.chance(0.6) ? rng.int(1, 5) : undefined;
    const steps = Array.from({ length: start }, (_, i) => ({ tablets: start - i, days: uniformDays ?? rng.int(1, 5) }));
    const inMg = rng.chance(0.5);
    const doseText = (tablets: number) => (inMg ? `${tablets * strength} mg` : plural(tablets, "tablet"));
    const stepTexts = steps.map((s, i) => `${i === 0 ? "Take " : "then "}${doseText(s.tablets)}${i === 0 ? " by mouth" : ""} daily for ${daysText(s.days)}`);
    const key = steps.reduce((sum, s) => sum + s.tablets * s.days, 0);
    const totalDays = steps.reduce((sum, s) => sum + s.days, 0);
    const first = steps[0];
    const last = steps[steps.length - 1];
    const tablets = (n: number) => plural(n, "tablet");
    const mistakes: Mistake[] = [
      [steps.reduce((sum, s) => sum + s.tablets, 0), "adds the daily tablets without multiplying by the days of each step"],
      [start * totalDays, "uses the starting dose for every day of the taper"],
      [key - last.tablets * last.days, "leaves out the last step"],
      [key - first.tablets * first.days, "leaves out the first step"],
      uniformDays === undefined && [steps.reduce((sum, s) => sum + s.tablets * first.days, 0), "uses the first step's days for every step"],
      inMg && [key * strength, `gives the total in mg, not tablets of ${strength} mg`],
      [key + first.tablets, "adds an extra day at the starting dose"],
    ];
    const conversion = inMg ? ` Each dose in tablets = mg ÷ ${strength} mg per tablet (${steps.map((s) => `${s.tablets * strength} mg = ${s.tablets}`).join(", ")}).` : "";
    return {
      stem: `A prescription for ${drug.name} ${strength} mg tablets reads: "${stepTexts.join(", ")}, then stop." How many tablets should be dispensed?`,
      answer: tablets(key),
      distractors: numericDistractors(mistakes, tablets),
      solution: `${conversion} Tablets = ${steps.map((s) => `${s.tablets} × ${s.days}`).join(" + ")} = ${key} tablets over ${daysText(totalDays)}. No rounding: every step is whole tablets.`.trim(),
      reference: "domain-facts.md: Calculations (quantity = dose × administrations per day × days, summed over each step)",
      difficulty: inMg || uniformDays === undefined ? 3 : 2,
    };
  },
);
