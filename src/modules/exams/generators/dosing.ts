/** Weight-based dosing: mg/kg/day divided into doses, weights in kg or lb (1 kg = 2.2 lb). */
import { defineFamily, fmt, numericDistractors, round, type Mistake } from "./build-item.ts";

interface WeightDrug {
  name: string;
  mgPerKgPerDay: number;
  /** Doses a day and how the order says it. */
  schedule: { perDay: number; text: string; everyHours?: number };
  /** Oral suspension strength as mg per 5 mL, for the volume question. */
  mgPer5Ml: number;
}

const Q12H = { perDay: 2, text: "divided every 12 hours", everyHours: 12 };
const Q8H = { perDay: 3, text: "divided every 8 hours", everyHours: 8 };
const Q6H = { perDay: 4, text: "divided every 6 hours", everyHours: 6 };
const TWICE = { perDay: 2, text: "in 2 divided doses" };
const THRICE = { perDay: 3, text: "in 3 divided doses" };

const WEIGHT_DRUGS: readonly WeightDrug[] = [
  { name: "amoxicillin", mgPerKgPerDay: 90, schedule: Q12H, mgPer5Ml: 400 },
  { name: "amoxicillin", mgPerKgPerDay: 45, schedule: Q12H, mgPer5Ml: 400 },
  { name: "amoxicillin", mgPerKgPerDay: 40, schedule: Q8H, mgPer5Ml: 250 },
  { name: "amoxicillin/clavulanate", mgPerKgPerDay: 45, schedule: TWICE, mgPer5Ml: 400 },
  { name: "cefdinir", mgPerKgPerDay: 14, schedule: TWICE, mgPer5Ml: 250 },
  { name: "cefuroxime axetil", mgPerKgPerDay: 30, schedule: Q12H, mgPer5Ml: 250 },
  { name: "cephalexin", mgPerKgPerDay: 50, schedule: Q6H, mgPer5Ml: 250 },
  { name: "cephalexin", mgPerKgPerDay: 25, schedule: Q12H, mgPer5Ml: 250 },
  { name: "clindamycin", mgPerKgPerDay: 30, schedule: Q8H, mgPer5Ml: 75 },
  { name: "azithromycin", mgPerKgPerDay: 10, schedule: { perDay: 1, text: "once daily" }, mgPer5Ml: 200 },
  { name: "cefprozil", mgPerKgPerDay: 30, schedule: THRICE, mgPer5Ml: 250 },
];

export const doseWeightBased = defineFamily(
  {
    code: "dose-weight-based",
    name: "Weight-based dosing (mg/kg/day)",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Daily dose, dose per administration or volume per dose from mg/kg/day divided into doses, with weight in kg or lb (1 kg = 2.2 lb).",
  },
  (rng) => {
    const drug = rng.pick(WEIGHT_DRUGS);
    const kg = rng.int(6, 40);
    const inPounds = rng.chance(0.6);
    const pounds = round(kg * 2.2, 1);
    const daily = kg * drug.mgPerKgPerDay;
    const { perDay, text, everyHours } = drug.schedule;
    const ask = rng.pick(["dose", "dose", "daily", "volume"] as const);
    const weightText = inPounds ? `${fmt(pounds, 1)} lb` : `${kg} kg`;
    const kgSentence = inPounds ? `Weight = ${fmt(pounds, 1)} lb ÷ 2.2 lb/kg = ${kg} kg. ` : "";
    const dailySentence = `${kgSentence}Daily dose = ${drug.mgPerKgPerDay} mg/kg/day × ${kg} kg = ${daily} mg/day.`;
    // Mistakes as daily totals; each question turns them into its own unit.
    const wrongDaily: [number, string][] = [];
    if (inPounds) {
      wrongDaily.push([pounds * drug.mgPerKgPerDay, "uses the weight in pounds as if it were kilograms"]);
      wrongDaily.push([pounds * 2.2 * drug.mgPerKgPerDay, "multiplies the pounds by 2.2 instead of dividing"]);
    }
    const stemStart = `A child weighing ${weightText} is prescribed ${drug.name} ${drug.mgPerKgPerDay} mg/kg/day ${text}.`;

    if (ask === "daily") {
      const mg = (value: number) => `${fmt(value, 0)} mg/day`;
      const mistakes: Mistake[] = [
        ...wrongDaily.map(([value, why]) => [round(value), why] as const),
        perDay > 1 && [round(daily / perDay), "divides into doses; the question asks for the whole day"],
        [round(daily * 2.2), inPounds ? "multiplies the kilograms by 2.2 again" : "multiplies the kilograms by 2.2, as if converting to pounds"],
        [round(daily / 2.2), inPounds ? "divides the kilograms by 2.2 a second time" : "divides the kilograms by 2.2 as if they were pounds"],
        perDay === 1 && [round(daily / 2), "splits the once-daily dose in two"],
        [drug.mgPerKgPerDay, "uses the mg/kg figure without multiplying by the weight"],
      ];
      return {
        stem: `${stemStart} What is the total daily dose in mg? (Round to the nearest whole mg.)`,
        answer: mg(daily),
        distractors: numericDistractors(mistakes, mg),
        solution: `${dailySentence} Rounding rule: nearest whole mg (no rounding needed here).`,
        reference: "domain-facts.md: Calculations (1 kg = 2.2 lb)",
        difficulty: inPounds ? 2 : 1,
      };
    }

    const perDoseMistakes = (divide: (dailyMg: number) => number): Mistake[] => [
      ...wrongDaily.map(([value, why]) => [divide(value), why] as const),
      perDay > 1 && [divide(daily * perDay), "gives the whole day's dose, not one dose"],
      everyHours !== undefined && [divide((daily * perDay) / everyHours), `divides by ${everyHours} (the hours) instead of ${perDay} doses a day`],
      perDay > 1 && [divide((daily * perDay) / (perDay + 1)), `divides by ${perDay + 1} doses instead of ${perDay}`],
      perDay === 1 && [divide(daily / 2), "splits the once-daily dose in two"],
      [divide(daily * 2.2), inPounds ? "multiplies the kilograms by 2.2 again" : "multiplies the kilograms by 2.2, as if converting to pounds"],
      [divide(daily / 2.2), inPounds ? "divides the kilograms by 2.2 a second time" : "divides the kilograms by 2.2 as if they were pounds"],
      [divide(drug.mgPerKgPerDay), "uses the mg/kg figure without multiplying by the weight"],
    ];

    if (ask === "dose") {
      const perDose = daily / perDay;
      const mg = (value: number) => `${fmt(value, 0)} mg`;
      const mistakes = perDoseMistakes((dailyMg) => round(dailyMg / perDay));
      return {
        stem: `${stemStart} How many mg should each dose contain? (Round to the nearest whole mg.)`,
        answer: mg(round(perDose)),
        distractors: numericDistractors(mistakes, mg),
        solution: `${dailySentence} Each dose = ${daily} mg ÷ ${perDay} ${perDay === 1 ? "dose" : "doses"} a day = ${Number.isInteger(perDose) ? `${perDose} mg` : `${fmt(perDose, 2)} mg → ${fmt(round(perDose))} mg`}. Rounding rule: nearest whole mg.`,
        reference: "domain-facts.md: Calculations (1 kg = 2.2 lb)",
        difficulty: inPounds ? 2 : 1,
      };
    }

    // Volume per dose of the suspension, rounded to 0.1 mL; the numbers are drawn so that rounding
    // the mg first would give the same volume, so either route a student takes gives the key.
    const perDose = daily / perDay;
    const mgPerMl = drug.mgPer5Ml / 5;
    const volume = round(perDose / mgPerMl, 1);
    const sameEitherWay = round(round(perDose) / mgPerMl, 1) === volume;
    if (!sameEitherWay) return doseWeightBasedFallback(stemStart, dailySentence, daily, perDay);
    const ml = (value: number) => `${fmt(value, 1)} mL`;
    const mistakes: Mistake[] = [
      [round(perDose / drug.mgPer5Ml, 1), `divides by ${drug.mgPer5Ml} mg as if it were per 1 mL (it is per 5 mL)`],
      ...perDoseMistakes((dailyMg) => round(dailyMg / perDay / mgPerMl, 1)),
    ];
    return {
      stem: `${stemStart} The pharmacy has ${drug.name} ${drug.mgPer5Ml} mg/5 mL oral suspension. How many mL should each dose be? (Round to the nearest tenth of a mL.)`,
      answer: ml(volume),
      distractors: numericDistractors(mistakes, ml),
      solution: `${dailySentence} Each dose = ${daily} mg ÷ ${perDay} = ${fmt(perDose, 2)} mg. Concentration = ${drug.mgPer5Ml} mg ÷ 5 mL = ${fmt(mgPerMl, 2)} mg/mL. Volume = ${fmt(perDose, 2)} mg ÷ ${fmt(mgPerMl, 2)} mg/mL = ${fmt(perDose / mgPerMl, 3)} mL → ${fmt(volume, 1)} mL. Rounding rule: nearest tenth of a mL.`,
      reference: "domain-facts.md: Calculations (1 kg = 2.2 lb; dose ÷ concentration)",
      difficulty: 3,
    };
  },
);

/** When the volume would depend on rounding order, ask the dose in mg instead. */
function doseWeightBasedFallback(stemStart: string, dailySentence: string, daily: number, perDay: number) {
  const perDose = daily / perDay;
  const mg = (value: number) => `${fmt(value, 0)} mg`;
  const mistakes: Mistake[] = [
    [round(daily), "gives the whole day's dose, not one dose"],
    [round(daily / (perDay + 1)), `divides by ${perDay + 1} doses instead of ${perDay}`],
    [round((daily * 2.2) / perDay), "multiplies the kilograms by 2.2"],
    [round(daily / perDay / 2.2), "divides the kilograms by 2.2"],
  ];
  return {
    stem: `${stemStart} How many mg should each dose contain? (Round to the nearest whole mg.)`,
    answer: mg(round(perDose)),
    distractors: numericDistractors(mistakes, mg),
    solution: `${dailySentence} Each dose = ${daily} mg ÷ ${perDay} = ${Number.isInteger(perDose) ? `${perDose} mg` : `${fmt(perDose, 2)} mg → ${fmt(round(perDose))} mg`}. Rounding rule: nearest whole mg.`,
    reference: "domain-facts.md: Calculations (1 kg = 2.2 lb)",
    difficulty: 2 as const,
  };
}
