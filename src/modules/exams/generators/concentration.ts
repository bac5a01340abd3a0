/**
 * Concentrations: dilution (C1V1 = C2V2), alligation, percent strength (w/v), ratio strength (1:x)
 * and reconstitution. Sources: domain-facts.md, Calculations.
 */
import type { Random } from "../../../lib/random.ts";
import { defineFamily, drawUntil, fmt, isClean, numericDistractors, round, withThousands, type Distractor, type Mistake } from "./build-item.ts";

const percent = (value: number) => `${fmt(value, 4)}%`;
const mL = (value: number) => `${fmt(value, 2)} mL`;

// ---------------------------------------------------------------------------------------------
// Dilution: C1V1 = C2V2

const DILUTION_STOCKS: readonly { name: string; stocks: number[]; targets: number[] }[] = [
  { name: "isopropyl alcohol", stocks: [70, 91, 99], targets: [20, 25, 35, 45, 50, 60] },
  { name: "ethyl alcohol", stocks: [95], targets: [19, 25, 38, 50, 57, 70, 76] },
  { name: "dextrose", stocks: [50, 70], targets: [5, 10, 12.5, 20, 25, 35] },
  { name: "povidone-iodine", stocks: [10], targets: [1, 2, 2.5, 5] },
  { name: "chlorhexidine gluconate", stocks: [4], targets: [0.5, 1, 2] },
  { name: "acetic acid", stocks: [5], targets: [0.25, 0.5, 1, 2.5] },
];
const FINAL_VOLUMES = [60, 100, 120, 150, 200, 240, 250, 300, 400, 480, 500, 600, 1000] as const;

interface DilutionSetup {
  name: string;
  c1: number;
  c2: number;
  v2: number;
  v1: number;
}

function drawDilution(rng: Random): DilutionSetup {
  return drawUntil(
    rng,
    (r) => {
      const stock = r.pick(DILUTION_STOCKS);
      const c1 = r.pick(stock.stocks);
      const c2 = r.pick(stock.targets);
      const v2 = r.pick(FINAL_VOLUMES);
      return { name: stock.name, c1, c2, v2, v1: round((c2 * v2) / c1, 6) };
    },
    (s) => s.c2 < s.c1 && isClean(s.v1, 1) && s.v1 >= 1,
    { name: "dextrose", c1: 50, c2: 10, v2: 500, v1: 100 },
  );
}

export const dilution = defineFamily(
  {
    code: "dilution",
    name: "Dilution (C1V1 = C2V2)",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Stock volume, diluent volume or final strength when a stock solution is diluted, by C1V1 = C2V2.",
  },
  (rng) => {
    const { name, c1, c2, v2, v1 } = drawDilution(rng);
    const diluent = round(v2 - v1, 6);
    const formula = `C1V1 = C2V2: ${fmt(c1, 4)}% × V1 = ${fmt(c2, 4)}% × ${v2} mL, so V1 = ${fmt(c2, 4)} × ${v2} ÷ ${fmt(c1, 4)} = ${fmt(v1, 2)} mL of stock.`;
    const reference = "domain-facts.md: Calculations (C1V1 = C2V2)";
    const ask = rng.pick(["stock", "diluent", "strength"] as const);

    if (ask === "stock") {
      const mistakes: Mistake[] = [
        [round((c1 * v2) / c2, 2), "swaps C1 and C2 (more stock than the final volume)"],
        [diluent, "gives the diluent volume, not the stock volume"],
        [round((v2 * c2) / 100, 2), `takes ${fmt(c2, 4)}% of the final volume, ignoring the stock's strength`],
        [round((c2 * v2) / (c1 - c2), 2), "uses the stock-to-diluent ratio (C2 : C1 − C2) as the stock's share of the total"],
        [round(v1 * 10, 2), "slips the decimal point"],
        [round(v1 / 10, 2), "slips the decimal point"],
      ];
      return {
        stem: `How many mL of ${fmt(c1, 4)}% ${name} are needed to make ${v2} mL of ${fmt(c2, 4)}% ${name}?`,
        answer: mL(v1),
        distractors: numericDistractors(mistakes, mL),
        solution: `${formula} No rounding needed.`,
        reference,
        difficulty: 1,
      };
    }
    if (ask === "diluent") {
      const mistakes: Mistake[] = [
        [v1, "gives the stock volume, not the diluent"],
        [v2, "adds the whole final volume as diluent"],
        [round((c1 * v2) / c2 - v2, 2), "treats the final volume as the starting stock volume"],
        [round(v2 - (v2 * c2) / 100, 2), `ignores the stock's strength (takes ${fmt(c2, 4)}% of the final volume as stock)`],
        [round(v2 + v1, 2), "adds the stock volume to the final volume instead of subtracting"],
        [round(diluent / 10, 2), "slips the decimal point"],
      ];
      return {
        stem: `A technician is making ${v2} mL of ${fmt(c2, 4)}% ${name} from a ${fmt(c1, 4)}% stock. How many mL of diluent must be added to the stock?`,
        answer: mL(diluent),
        distractors: numericDistractors(mistakes, mL),
        solution: `${formula} Diluent = ${v2} mL − ${fmt(v1, 2)} mL = ${fmt(diluent, 2)} mL. No rounding needed.`,
        reference,
        difficulty: 2,
      };
    }
    const mistakes: Mistake[] = [
      [round((c1 * v2) / v1, 4), "swaps the two volumes"],
      [round((c1 * v1) / (v1 + v2), 4), "adds the final volume to the stock as if it were the diluent"],
      [round((c1 * diluent) / v2, 4), "uses the diluent volume in place of the stock volume"],
      [round((c1 * v1) / 100, 4), "multiplies the stock strength by the stock volume ÷ 100"],
      [round(c2 * 10, 4), "slips the decimal point"],
      [round(c2 / 10, 4), "slips the decimal point"],
    ];
    return {
      stem: `${fmt(v1, 2)} mL of ${fmt(c1, 4)}% ${name} is diluted with water to a final volume of ${v2} mL. What is the final strength?`,
      answer: percent(c2),
      distractors: numericDistractors(mistakes, percent),
      solution: `C1V1 = C2V2: ${fmt(c1, 4)}% × ${fmt(v1, 2)} mL = C2 × ${v2} mL, so C2 = ${fmt(c1, 4)} × ${fmt(v1, 2)} ÷ ${v2} = ${fmt(c2, 4)}%. No rounding needed.`,
      reference,
      difficulty: 2,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Alligation

interface AlligationMaterial {
  name: string;
  unit: "mL" | "g";
  strengths: number[];
  targets: number[];
  /** What the 0% stock is called, when the list has one. */
  zeroName?: string;
}

const ALLIGATION_MATERIALS: readonly AlligationMaterial[] = [
  { name: "dextrose solution", unit: "mL", strengths: [5, 10, 50, 70], targets: [7.5, 12.5, 15, 20, 25, 30, 35, 40] },
  { name: "ethyl alcohol", unit: "mL", strengths: [0, 50, 70, 95], targets: [30, 40, 45, 60, 65, 75, 80], zeroName: "purified water" },
  { name: "isopropyl alcohol", unit: "mL", strengths: [0, 70, 91], targets: [35, 50, 60, 80], zeroName: "purified water" },
  { name: "hydrocortisone ointment", unit: "g", strengths: [0, 0.5, 1, 2.5], targets: [0.25, 0.75, 1.5, 2], zeroName: "white petrolatum" },
  { name: "zinc oxide ointment", unit: "g", strengths: [0, 20, 40], targets: [5, 10, 15, 25, 30], zeroName: "white petrolatum" },
  { name: "salicylic acid ointment", unit: "g", strengths: [0, 2, 6, 10], targets: [3, 4, 5, 8], zeroName: "white petrolatum" },
];
const TOTALS: Record<"mL" | "g", readonly number[]> = {
  mL: [60, 90, 100, 120, 150, 200, 240, 250, 300, 400, 450, 480, 500, 600, 750, 900, 1000],
  g: [15, 20, 30, 45, 60, 90, 100, 120, 150, 240, 454],
};

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Amounts of the high and low stock for `total` of `target` strength: parts are |other − target|. */
export function alligationAmounts(high: number, low: number, target: number, total: number): { high: number; low: number } {
  if (!(low < target && target < high)) throw new RangeError("the target strength must lie between the two stocks");
  const highParts = target - low;
  const lowParts = high - target;
  const amountHigh = round((total * highParts) / (highParts + lowParts), 6);
  return { high: amountHigh, low: round(total - amountHigh, 6) };
}

export const alligation = defineFamily(
  {
    code: "alligation",
    name: "Alligation",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Amounts of a stronger and a weaker stock (or a 0% base) to make a total of a target strength; parts of each = |other stock − target|.",
  },
  (rng) => {
    const setup = drawUntil(
      rng,
      (r) => {
        const material = r.pick(ALLIGATION_MATERIALS);
        const high = r.pick(material.strengths);
        const low = r.pick(material.strengths);
        const target = r.pick(material.targets);
        const total = r.pick(TOTALS[material.unit]);
        return { material, high, low, target, total };
      },
      ({ high, low, target, total }) => {
        // A target midway between the stocks makes equal amounts right, and the mistakes collapse onto the key.
        if (!(low < target && target < high) || target * 2 === high + low) return false;
        // Totals equal to the parts or to the strong stock's strength make two mistakes land on the key.
        if (total === high - low || total === high) return false;
        const [h, l, t] = [high, low, target].map((x) => Math.round(x * 100));
        const g = gcd(t - l, h - t);
        return total % ((h - l) / g) === 0;
      },
      { material: ALLIGATION_MATERIALS[0], high: 50, low: 5, target: 20, total: 600 },
    );
    const { material, high, low, target, total } = setup;
    const unit = material.unit;
    const amounts = alligationAmounts(high, low, target, total);
    const highParts = round(target - low, 4);
    const lowParts = round(high - target, 4);
    const lowLabel = low === 0 && material.zeroName ? `${material.zeroName} (0%)` : `${fmt(low, 4)}%`;
    const pair = (h: number, l: number) => `${fmt(h, 1)} ${unit} of ${fmt(high, 4)}% and ${fmt(l, 1)} ${unit} of ${lowLabel}`;
    const distractors: Distractor[] = [
      { text: pair(amounts.low, amounts.high), why: "swaps the parts: each stock's parts come from the other stock's distance to the target" },
      ...(low > 0 ? [{ text: pair(round((total * target) / high, 1), round(total - (total * target) / high, 1)), why: "treats the weaker stock as if it had no drug (a plain dilution)" }] : []),
      { text: pair(total / 2, total / 2), why: "mixes equal amounts, which only works when the target is midway" },
      { text: pair(highParts, lowParts), why: "uses the parts themselves as amounts without scaling them to the total" },
      { text: pair(round((total * highParts) / high, 1), round(total - (total * highParts) / high, 1)), why: "divides the parts by the strong stock's strength instead of by the total parts" },
      { text: pair(lowParts, highParts), why: "uses the parts as amounts, and on the wrong stocks" },
      ...(low > 0 ? [{ text: pair(round((total * high) / (high + low), 1), round((total * low) / (high + low), 1)), why: "splits the total in the ratio of the two strengths" }] : []),
    ];
    const partsTotal = round(highParts + lowParts, 4);
    return {
      stem: `How much ${fmt(high, 4)}% ${material.name} and ${low === 0 && material.zeroName ? material.zeroName + " (0%)" : `${fmt(low, 4)}% ${material.name}`} should be mixed to make ${total} ${unit} of ${fmt(target, 4)}% ${material.name}?`,
      answer: pair(amounts.high, amounts.low),
      distractors,
      solution: `Alligation: parts of the ${fmt(high, 4)}% = target − low = ${fmt(target, 4)} − ${fmt(low, 4)} = ${fmt(highParts, 4)}; parts of the ${fmt(low, 4)}% = high − target = ${fmt(high, 4)} − ${fmt(target, 4)} = ${fmt(lowParts, 4)}; total ${fmt(partsTotal, 4)} parts. ${fmt(high, 4)}%: ${fmt(highParts, 4)}/${fmt(partsTotal, 4)} × ${total} ${unit} = ${fmt(amounts.high, 1)} ${unit}; ${fmt(low, 4)}%: ${fmt(lowParts, 4)}/${fmt(partsTotal, 4)} × ${total} ${unit} = ${fmt(amounts.low, 1)} ${unit}. Check: (${fmt(amounts.high, 1)} × ${fmt(high, 4)} + ${fmt(amounts.low, 1)} × ${fmt(low, 4)}) ÷ ${total} = ${fmt(target, 4)}%. No rounding needed.`,
      reference: "domain-facts.md: Calculations (alligation: parts of each stock = |other stock − target|)",
      difficulty: low === 0 ? 2 : 3,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Percent strength (w/v = g per 100 mL)

const PERCENT_PRODUCTS: readonly { name: string; strengths: number[]; volumes: number[] }[] = [
  { name: "dextrose", strengths: [5, 10, 20, 50, 70], volumes: [25, 50, 100, 150, 250, 500, 1000] },
  { name: "sodium chloride", strengths: [0.45, 0.9, 3, 23.4], volumes: [10, 20, 30, 100, 250, 500, 1000] },
  { name: "magnesium sulfate", strengths: [10, 50], volumes: [2, 10, 20, 50, 100] },
  { name: "sodium bicarbonate", strengths: [4.2, 8.4], volumes: [10, 50] },
  { name: "calcium gluconate", strengths: [10], volumes: [10, 50, 100] },
  { name: "calcium chloride", strengths: [10], volumes: [10] },
  { name: "mannitol", strengths: [20, 25], volumes: [50, 250, 500] },
];
const MG_PRODUCTS: readonly { name: string; strengths: number[]; volumes: number[] }[] = [
  { name: "lidocaine", strengths: [0.5, 1, 1.5, 2], volumes: [1, 2, 3, 4, 5, 10, 20, 30, 50] },
  { name: "bupivacaine", strengths: [0.25, 0.5, 0.75], volumes: [2, 5, 10, 20, 30] },
  { name: "ropivacaine", strengths: [0.2, 0.5], volumes: [10, 20, 30] },
];

export const percentStrength = defineFamily(
  {
    code: "percent-strength",
    name: "Percent strength (w/v)",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Grams or mg of drug in a volume of a w/v percent solution, or the percent strength of a stated amount in a volume (percent w/v = g per 100 mL).",
  },
  (rng) => {
    const ask = rng.pick(["grams", "grams", "mg", "percent"] as const);
    const reference = "domain-facts.md: Calculations (percent w/v = g per 100 mL)";
    if (ask === "mg") {
      const product = rng.pick(MG_PRODUCTS);
      const p = rng.pick(product.strengths);
      const v = rng.pick(product.volumes);
      const key = round(p * 10 * v, 4);
      const mg = (value: number) => `${fmt(value, 3)} mg`;
      const mistakes: Mistake[] = [
        [round(p * v, 4), `forgets that ${fmt(p, 3)}% = ${fmt(p * 10, 3)} mg/mL (uses ${fmt(p, 3)} mg/mL)`],
        [round(p * 100 * v, 4), "uses 1% = 100 mg/mL instead of 10 mg/mL"],
        [round(p * 10, 4), "gives the mg in 1 mL, not in the whole volume"],
        [round(p * v * 1000, 4), "converts grams per 100 mL to mg wrongly (× 1,000 without ÷ 100)"],
      ];
      return {
        stem: rng.pick([
          `How many mg of ${product.name} are in ${v} mL of ${product.name} ${fmt(p, 3)}% (w/v) injection?`,
          `A syringe holds ${v} mL of ${product.name} ${fmt(p, 3)}% (w/v). How many mg of ${product.name} does it contain?`,
          `A prescriber orders ${v} mL of ${product.name} ${fmt(p, 3)}% (w/v) for a procedure. How many mg of ${product.name} does it contain?`,
        ]),
        answer: mg(key),
        distractors: numericDistractors(mistakes, mg),
        solution: `${fmt(p, 3)}% w/v = ${fmt(p, 3)} g per 100 mL = ${fmt(p * 1000, 3)} mg per 100 mL = ${fmt(p * 10, 3)} mg/mL. ${fmt(p * 10, 3)} mg/mL × ${v} mL = ${fmt(key, 3)} mg. No rounding needed.`,
        reference,
        difficulty: 2,
      };
    }
    const product = rng.pick(PERCENT_PRODUCTS);
    const p = rng.pick(product.strengths);
    const v = rng.pick(product.volumes);
    const grams = round((p * v) / 100, 6);
    const g = (value: number) => `${fmt(value, 4)} g`;
    if (ask === "grams") {
      const mistakes: Mistake[] = [
        [round((p * v) / 10, 6), "uses g per 10 mL instead of g per 100 mL"],
        [round((p * v) / 1000, 6), "uses g per 1,000 mL instead of g per 100 mL"],
        [round(p * v, 6), "forgets to divide by 100"],
        [round(p / 100, 6), "gives the grams in 1 mL, not in the whole volume"],
      ];
      return {
        stem: rng.pick([
          `How many grams of ${product.name} are in ${v} mL of ${fmt(p, 3)}% (w/v) ${product.name}?`,
          `A container holds ${v} mL of ${fmt(p, 3)}% (w/v) ${product.name}. How many grams of ${product.name} does it contain?`,
          `An order calls for ${v} mL of ${fmt(p, 3)}% (w/v) ${product.name}. How many grams of ${product.name} will the patient receive?`,
        ]),
        answer: g(grams),
        distractors: numericDistractors(mistakes, g, (value) => value >= 0.0001 && isClean(value, 4)),
        solution: `${fmt(p, 3)}% w/v = ${fmt(p, 3)} g per 100 mL. ${fmt(p, 3)} g/100 mL × ${v} mL = ${fmt(grams, 4)} g. No rounding needed.`,
        reference,
        difficulty: 1,
      };
    }
    const mistakes: Mistake[] = [
      [round(grams / v, 6), "forgets to multiply by 100"],
      [round((grams * 1000) / v, 6), "multiplies by 1,000 instead of 100"],
      [round((grams * 10) / v, 6), "multiplies by 10 instead of 100"],
      [round(v / grams, 6), "divides the volume by the grams"],
    ];
    return {
      stem: rng.pick([`A ${v} mL bag contains ${fmt(grams, 4)} g of ${product.name}. What is its percent strength (w/v)?`, `${fmt(grams, 4)} g of ${product.name} is dissolved to make ${v} mL of solution. What is its percent strength (w/v)?`]),
      answer: percent(p),
      distractors: numericDistractors(mistakes, percent, (value) => value >= 0.0001 && isClean(value, 4)),
      solution: `Percent w/v = grams per 100 mL = ${fmt(grams, 4)} g ÷ ${v} mL × 100 = ${fmt(p, 3)}%. No rounding needed.`,
      reference,
      difficulty: 2,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Ratio strength (1:x = 1 g in x mL)

const RATIO_PRODUCTS: readonly { name: string; ratios: number[] }[] = [
  { name: "epinephrine", ratios: [1000, 10000] },
  { name: "isoproterenol", ratios: [5000] },
  { name: "benzalkonium chloride", ratios: [1000, 2000, 5000, 10000, 20000] },
  { name: "potassium permanganate", ratios: [4000, 5000, 10000] },
  { name: "silver nitrate", ratios: [100, 1000] },
  { name: "thimerosal", ratios: [5000, 10000] },
  { name: "aluminum acetate", ratios: [20, 40] },
  { name: "phenylephrine", ratios: [100, 200, 400] },
  { name: "chlorhexidine", ratios: [2000, 5000] },
];
const ratio = (x: number) => `1:${withThousands(x)}`;

export const ratioStrength = defineFamily(
  {
    code: "ratio-strength",
    name: "Ratio strength (1:x)",
    domain: "order_entry",
    subtopic: "4.2",
    description: "mg of drug in a volume of a 1:x solution, and conversions between ratio strength and percent (1:x = 1 g in x mL).",
  },
  (rng) => {
    const product = rng.pick(RATIO_PRODUCTS);
    const x = rng.pick(product.ratios);
    const reference = "domain-facts.md: Calculations (ratio strength 1:x = 1 g in x mL; percent w/v = g per 100 mL)";
    const ask = rng.pick(["mg", "mg", "to-percent", "to-ratio"] as const);
    const pct = 100 / x;

    if (ask === "mg") {
      const v = drawUntil(rng, (r) => r.pick([0.1, 0.2, 0.3, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 10, 15, 20, 30, 50, 100]), (value) => isClean((1000 * value) / x, 3) && (1000 * value) / x >= 0.01, 10);
      const key = round((1000 * v) / x, 6);
      const mg = (value: number) => `${fmt(value, 4)} mg`;
      const mistakes: Mistake[] = [
        [round((10000 * v) / x, 6), "moves the decimal one place (10 g in x mL)"],
        [round((100 * v) / x, 6), "uses 1% = 1 mg/mL (it is 10 mg/mL) after converting to percent"],
        [round(1000 / x, 6), "gives the mg in 1 mL, not in the whole volume"],
        [round((1000000 * v) / x, 6), "converts grams to mg twice"],
        [round(v / x, 6), "reads 1:x as 1 mg (not 1 g) in x mL"],
      ];
      return {
        stem: rng.pick([`How many mg of ${product.name} are in ${fmt(v, 2)} mL of a ${ratio(x)} solution?`, `A syringe holds ${fmt(v, 2)} mL of ${product.name} ${ratio(x)}. How many mg of ${product.name} does it contain?`]),
        answer: mg(key),
        distractors: numericDistractors(mistakes, mg, (value) => value >= 0.0001 && isClean(value, 4)),
        solution: `${ratio(x)} means 1 g (1,000 mg) in ${withThousands(x)} mL = ${fmt(1000 / x, 4)} mg/mL. ${fmt(1000 / x, 4)} mg/mL × ${fmt(v, 2)} mL = ${fmt(key, 4)} mg. No rounding needed.`,
        reference,
        difficulty: 2,
      };
    }
    if (ask === "to-percent") {
      const mistakes: Mistake[] = [
        [round(1 / x, 8), "forgets to multiply by 100"],
        [round(1000 / x, 8), "multiplies by 1,000 instead of 100"],
        [round(10 / x, 8), "multiplies by 10 instead of 100"],
        [round(x / 100, 8), "divides x by 100"],
      ];
      return {
        stem: rng.pick([`What percent strength (w/v) is a ${ratio(x)} solution of ${product.name}?`, `A label shows ${product.name} ${ratio(x)}. Express this as a percent strength (w/v).`]),
        answer: percent(pct),
        distractors: numericDistractors(mistakes, percent, (value) => value >= 0.0001 && isClean(value, 4)),
        solution: `${ratio(x)} = 1 g in ${withThousands(x)} mL. Percent = g per 100 mL = 1 ÷ ${withThousands(x)} × 100 = ${fmt(pct, 4)}%. No rounding needed.`,
        reference,
        difficulty: 2,
      };
    }
    const ratioCandidates: Mistake[] = [
      [round(1000 / pct, 6), "divides 1,000 (not 100) by the percent"],
      [round(10 / pct, 6), "divides 10 (not 100) by the percent"],
      [round(pct * 100, 6), "multiplies the percent by 100 instead of dividing 100 by it"],
      [round(x * 2, 6), "doubles the ratio"],
    ];
    return {
      stem: rng.pick([`Express ${product.name} ${fmt(pct, 4)}% (w/v) as a ratio strength.`, `An order calls for ${product.name} ${fmt(pct, 4)}% (w/v). What is this as a ratio strength?`]),
      answer: ratio(x),
      distractors: numericDistractors(ratioCandidates, ratio, (value) => value >= 2 && Number.isInteger(value)),
      solution: `${fmt(pct, 4)}% = ${fmt(pct, 4)} g in 100 mL = 1 g in (100 ÷ ${fmt(pct, 4)}) mL = 1 g in ${withThousands(x)} mL, so ${ratio(x)}. No rounding needed.`,
      reference,
      difficulty: 2,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Reconstitution: final volume = diluent + powder volume

export const reconstitution = defineFamily(
  {
    code: "reconstitution",
    name: "Reconstitution",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Powder volume, final concentration or volume to draw for a dose after a vial of powder is reconstituted (final volume = diluent + powder volume).",
  },
  (rng) => {
    const setup = drawUntil(
      rng,
      (r) => {
        const drugMg = r.pick([250, 500, 1000, 2000]);
        const concentration = r.pick([100, 125, 200, 250, 400, 500]);
        const powder = r.pick([0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1]);
        const dose = r.int(1, 16) * 25;
        return { drugMg, concentration, powder, dose };
      },
      ({ drugMg, concentration, powder, dose }) => {
        const finalVolume = drugMg / concentration;
        const diluent = finalVolume - powder;
        return isClean(finalVolume, 2) && diluent >= 1 && Math.abs(diluent - powder) > 1e-9 && Math.abs(diluent - 2 * powder) > 1e-9 && dose < drugMg && isClean(dose / concentration, 2);
      },
      { drugMg: 1000, concentration: 250, powder: 0.5, dose: 500 },
    );
    const { drugMg, concentration, powder, dose } = setup;
    const finalVolume = round(drugMg / concentration, 6);
    const diluent = round(finalVolume - powder, 6);
    const vial = drugMg >= 1000 ? `${drugMg / 1000} g` : `${drugMg} mg`;
    const reference = "domain-facts.md: Calculations (final volume = diluent + powder volume; concentration = drug ÷ final volume)";
    const ask = rng.pick(["powder", "concentration", "draw"] as const);
    const concentrationText = (value: number) => `${fmt(value, 2)} mg/mL`;
    const steps = `Final volume = ${fmt(diluent, 2)} mL diluent + ${fmt(powder, 2)} mL powder = ${fmt(finalVolume, 2)} mL. Concentration = ${drugMg} mg ÷ ${fmt(finalVolume, 2)} mL = ${fmt(concentration, 2)} mg/mL.`;

    if (ask === "powder") {
      const mistakes: Mistake[] = [
        [finalVolume, "gives the final volume, not the powder's share of it"],
        [diluent, "gives the diluent volume"],
        [round(finalVolume + diluent, 6), "adds the diluent to the final volume"],
        [round(drugMg / 1000, 6), "takes the grams of drug as mL of powder"],
        [round(powder * 10, 6), "slips the decimal point"],
      ];
      return {
        stem: `A vial contains ${vial} of antibiotic powder. The label says to add ${fmt(diluent, 2)} mL of sterile water to make ${fmt(concentration, 2)} mg/mL. What volume does the powder occupy?`,
        answer: mL(powder),
        distractors: numericDistractors(mistakes, mL),
        solution: `Final volume = ${drugMg} mg ÷ ${fmt(concentration, 2)} mg/mL = ${fmt(finalVolume, 2)} mL. Powder volume = final volume − diluent = ${fmt(finalVolume, 2)} − ${fmt(diluent, 2)} = ${fmt(powder, 2)} mL. No rounding needed.`,
        reference,
        difficulty: 2,
      };
    }
    if (ask === "concentration") {
      const mistakes: Mistake[] = [
        [round(drugMg / diluent, 2), "divides by the diluent only, leaving out the powder volume"],
        [round(drugMg / (diluent - powder), 2), "subtracts the powder volume instead of adding it"],
        [round(drugMg / powder, 2), "divides by the powder volume"],
        [round(concentration / 10, 2), "slips a decimal place"],
        [round(concentration * 10, 2), "slips a decimal place"],
      ];
      return {
        stem: `A vial contains ${vial} of antibiotic powder that occupies ${fmt(powder, 2)} mL. After ${fmt(diluent, 2)} mL of sterile water is added, what is the concentration? (Round to the nearest hundredth of a mg/mL if needed.)`,
        answer: concentrationText(concentration),
        distractors: numericDistractors(mistakes, concentrationText, (value) => value > 0 && value !== Infinity),
        solution: `${steps} Rounding rule: nearest hundredth (none needed here).`,
        reference,
        difficulty: 2,
      };
    }
    const draw = round(dose / concentration, 6);
    const mistakes: Mistake[] = [
      [round((dose * diluent) / drugMg, 2), "uses the diluent volume as the final volume (ignores the powder volume)"],
      [round(dose / drugMg, 2), "takes the fraction of the vial (dose ÷ vial strength) as mL"],
      [finalVolume, "draws the whole vial"],
      [round((dose * (diluent - powder)) / drugMg, 2), "subtracts the powder volume instead of adding it"],
      [round(draw * 10, 2), "slips the decimal point"],
      [round(concentration / dose, 2), "divides the concentration by the dose"],
    ];
    return {
      stem: `A vial contains ${vial} of antibiotic powder that occupies ${fmt(powder, 2)} mL. The technician adds ${fmt(diluent, 2)} mL of sterile water. How many mL contain a ${dose} mg dose? (Round to the nearest hundredth of a mL if needed.)`,
      answer: mL(draw),
      distractors: numericDistractors(mistakes, mL),
      solution: `${steps} Volume for the dose = ${dose} mg ÷ ${fmt(concentration, 2)} mg/mL = ${fmt(draw, 2)} mL. Rounding rule: nearest hundredth of a mL (none needed here).`,
      reference,
      difficulty: 3,
    };
  },
);
