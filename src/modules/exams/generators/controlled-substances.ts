/**
 * Federal rules for controlled substances and pseudoephedrine (domain-facts.md): C-II no refills
 * (21 CFR 1306.12); C-III/IV at most 5 refills and none more than 6 months after issue (1306.22);
 * C-V no federal refill limit. CMEA: 3.6 g base per day and 9 g per 30 days at retail, 7.5 g per
 * 30 days by mail order; daily tablet caps 146 × 30 mg, 73 × 60 mg, 36 × 120 mg (DEA).
 */
import { addDays, addMonths, compareDates, type IsoDate } from "../../../lib/dates.ts";
import { FIRST_NAMES, LAST_NAMES, type Random } from "../../../lib/random.ts";
import { defineFamily, fmt, numericDistractors, plural, roundUp, type ItemDraft, type Mistake } from "./build-item.ts";

type Schedule = "C-II" | "C-III" | "C-IV" | "C-V";

const CONTROLLED_DRUGS: Record<Schedule, readonly string[]> = {
  "C-II": ["oxycodone 5 mg tablets", "hydrocodone/acetaminophen 5/325 mg tablets", "methylphenidate ER 36 mg tablets", "amphetamine/dextroamphetamine 20 mg tablets", "morphine sulfate ER 15 mg tablets"],
  "C-III": ["acetaminophen/codeine 300/30 mg tablets", "buprenorphine/naloxone 8/2 mg sublingual films", "testosterone cypionate 200 mg/mL injection", "dronabinol 2.5 mg capsules"],
  "C-IV": ["alprazolam 0.5 mg tablets", "zolpidem 10 mg tablets", "tramadol 50 mg tablets", "lorazepam 1 mg tablets", "clonazepam 0.5 mg tablets", "carisoprodol 350 mg tablets", "diazepam 5 mg tablets", "modafinil 200 mg tablets"],
  "C-V": ["pregabalin 75 mg capsules", "lacosamide 100 mg tablets", "promethazine with codeine oral solution", "diphenoxylate/atropine 2.5/0.025 mg tablets", "brivaracetam 50 mg tablets"],
};

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "March 10, 2025", as a prescription date reads. */
export function longDate(date: IsoDate): string {
  const [year, month, day] = date.split("-").map(Number);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

const refills = (n: number) => plural(n, "refill");

export const controlledRefills = defineFamily(
  {
    code: "controlled-refills",
    name: "Controlled-substance refills (federal)",
    domain: "federal",
    subtopic: "2.2",
    description: "Refills left on a C-II to C-V prescription from the refills written, refills used, issue date and today's date, under federal law.",
  },
  (rng) => {
    const schedule = rng.pick(["C-II", "C-III", "C-III", "C-IV", "C-IV", "C-V"] as const);
    const drug = rng.pick(CONTROLLED_DRUGS[schedule]);
    const issued = addDays("2024-01-01", rng.int(0, 900));
    const sixMonths = addMonths(issued, 6);
    let written: number;
    let used: number;
    let today: IsoDate;
    if (schedule === "C-II") {
      written = rng.int(2, 3);
      used = 0;
      today = addDays(issued, rng.int(3, 25));
    } else if (schedule === "C-V") {
      written = rng.int(2, 11);
      used = rng.int(0, written - 1);
      today = addDays(issued, rng.int(20, 330));
    } else {
      written = rng.int(2, 6);
      const allowed = Math.min(written, 5);
      const expired = rng.chance(0.35);
      used = rng.int(0, expired ? allowed - 2 : allowed - 1);
      today = expired ? addDays(sixMonths, rng.int(5, 90)) : addDays(issued, rng.int(10, 150));
    }
    const afterSixMonths = compareDates(today, sixMonths) > 0;
    const capped = Math.min(written, 5);
    let key: number;
    let reasoning: string;
    let reference: string;
    const mistakes: Mistake[] = [];
    if (schedule === "C-II") {
      key = 0;
      reasoning = `C-II prescriptions cannot be refilled (21 CFR 1306.12): the ${written} refills written are not valid, and the patient needs a new prescription.`;
      reference = "21 CFR 1306.12; domain-facts.md: Controlled substances (federal)";
      mistakes.push([written, "honors refills written on a C-II prescription"], [written - 1, "honors the refills and counts the original fill as one of them"], [5, "applies the C-III/IV limit of 5 refills"], [1, "allows one refill as a courtesy; federal law allows none"]);
    } else if (schedule === "C-V") {
      key = written - used;
      reasoning = `C-V prescriptions have no federal refill limit: the ${written} refills the prescriber authorized apply, and the C-III/IV limits (5 refills, 6 months) do not. ${written} − ${used} used = ${key}.`;
      reference = "21 CFR 1306.22 (limits are for C-III and C-IV only); domain-facts.md: Controlled substances (federal)";
      mistakes.push(
        written > 5 && [Math.max(0, 5 - used), "applies the C-III/IV cap of 5 refills"],
        afterSixMonths && [0, "applies the C-III/IV six-month limit to a C-V prescription"],
        [written, "ignores the refills already used"],
        [key - 1, "counts the original fill as a refill"],
        !afterSixMonths && [0, "treats every controlled prescription like C-II (no refills)"],
        [key + 1, "counts one refill too few as used"],
        [Math.max(0, 5 - used), "applies the C-III/IV cap of 5 refills"],
        used > 0 && [used, "gives the refills already used, not those left"],
      );
    } else {
      key = afterSixMonths ? 0 : capped - used;
      const capText = written > 5 ? `The prescriber wrote ${written}, but at most 5 refills are allowed, so ${capped} count.` : `The ${written} refills written are within the limit of 5.`;
      const timeText = `Six months after ${longDate(issued)} is ${longDate(sixMonths)}; today (${longDate(today)}) is ${afterSixMonths ? "after that, so the prescription can no longer be refilled" : "before that"}.`;
      reasoning = `${schedule} prescriptions may be refilled at most 5 times and not more than 6 months after the date of issue (21 CFR 1306.22). ${capText} ${timeText} ${afterSixMonths ? "Refills left: 0; the patient needs a new prescription." : `${capped} − ${used} used = ${key}.`}`;
      reference = "21 CFR 1306.22; domain-facts.md: Controlled substances (federal)";
      mistakes.push(
        afterSixMonths && [capped - used, "ignores the six-month limit"],
        written > 5 && [written - used, "ignores the five-refill limit"],
        [capped, "ignores the refills already used"],
        !afterSixMonths && [key - 1, "counts the original fill as a refill"],
        !afterSixMonths && [0, "treats C-III/IV like C-II (no refills)"],
        afterSixMonths && [written, "ignores the six-month limit and the refills used"],
        [key + 1, "counts one refill too few as used"],
        [5 - used, "assumes 5 refills are always allowed"],
        afterSixMonths && capped - used - 1 > 0 && [capped - used - 1, "ignores the six-month limit and counts the original fill as a refill"],
        used > 0 && [used, "gives the refills already used, not those left"],
      );
    }
    const usedText = used === 0 ? "no refills" : refills(used);
    return {
      stem: `A prescription for ${drug} (${schedule}) was issued on ${longDate(issued)}, with ${refills(written)} written on it. The patient has received the original fill and ${usedText}. Today is ${longDate(today)}. Under federal law, how many more refills may be dispensed?`,
      answer: refills(key),
      distractors: numericDistractors(mistakes, refills, (n) => n >= 0),
      solution: `${reasoning} No rounding: refills are counted whole.`,
      reference,
      difficulty: schedule === "C-II" ? 1 : afterSixMonths || written > 5 ? 3 : 2,
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Pseudoephedrine (CMEA)

/** DEA's daily tablet caps for pseudoephedrine HCl under the 3.6 g base limit. */
export const DAILY_TABLET_CAP: Readonly<Record<30 | 60 | 120, number>> = { 30: 146, 60: 73, 120: 36 };
/** Share of pseudoephedrine base in the HCl salt, stated in the stems so the caps follow from it. */
const BASE_SHARE = 0.82;
const DAILY_MG = 3600;
const RETAIL_30_DAY_MG = 9000;
const MAIL_30_DAY_MG = 7500;

const grams = (mg: number) => `${fmt(mg / 1000, 2)} g`;
const CMEA_REFERENCE = "Combat Methamphetamine Epidemic Act of 2005 (21 U.S.C. 830(d)–(e)); DEA CMEA guidance; domain-facts.md";

function capFor(strength: 30 | 60 | 120): number {
  return Math.floor(DAILY_MG / (strength * BASE_SHARE));
}

export const pseudoephedrineLimits = defineFamily(
  {
    code: "pseudoephedrine-limits",
    name: "Pseudoephedrine purchase limits (CMEA)",
    domain: "federal",
    subtopic: "2.4",
    description: "Daily tablet or box limits by strength, and how much base a customer may still buy given earlier purchases (3.6 g/day, 9 g/30 days retail, 7.5 g/30 days mail order).",
  },
  (rng) => {
    const mode = rng.pick(["history", "history", "history", "boxes", "boxes", "tablets"] as const);
    const customer = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    if (mode === "history") return purchaseHistory(rng, customer);
    const strength = rng.pick([30, 60, 120] as const);
    const cap = DAILY_TABLET_CAP[strength];
    if (cap !== capFor(strength)) throw new Error("the DEA tablet table and the 82% base share disagree");
    const assumption = `Pseudoephedrine HCl is about ${BASE_SHARE * 100}% pseudoephedrine base, and the federal daily limit is 3.6 g of base per purchaser.`;
    const capSentence = `${strength} mg of the HCl salt holds ${fmt(strength * BASE_SHARE, 2)} mg of base; 3,600 mg ÷ ${fmt(strength * BASE_SHARE, 2)} mg = ${fmt(DAILY_MG / (strength * BASE_SHARE), 2)} → ${cap} tablets, rounded down because a part tablet cannot be sold and a whole one more would exceed the limit. This matches the DEA table (146 × 30 mg, 73 × 60 mg, 36 × 120 mg).`;
    const otherCaps = ([30, 60, 120] as const).filter((s) => s !== strength);

    if (mode === "tablets") {
      const tablets = (n: number) => plural(n, "tablet");
      const mistakes: Mistake[] = [
        [Math.floor(DAILY_MG / strength), "divides 3.6 g by the salt strength, ignoring that the limit counts base"],
        [Math.floor(RETAIL_30_DAY_MG / (strength * BASE_SHARE)), "uses the 9 g 30-day limit instead of the 3.6 g daily limit"],
        [roundUp(DAILY_MG / (strength * BASE_SHARE)), "rounds up, which would exceed 3.6 g"],
        [DAILY_TABLET_CAP[otherCaps[0]], `uses the cap for ${otherCaps[0]} mg tablets`],
        [Math.floor(MAIL_30_DAY_MG / (strength * BASE_SHARE)), "uses the 7.5 g mail-order limit"],
      ];
      return {
        stem: `${assumption} ${customer} has bought no pseudoephedrine today. What is the most pseudoephedrine HCl ${strength} mg tablets this customer may buy today?`,
        answer: tablets(cap),
        distractors: numericDistractors(mistakes, tablets),
        solution: `${capSentence} Assumed: the customer bought none earlier that day, and no stricter state law applies.`,
        reference: CMEA_REFERENCE,
        difficulty: 2,
      };
    }

    const box = rng.pick(([10, 12, 15, 18, 20, 24, 36, 48] as const).filter((size) => size * 2 <= cap));
    const key = Math.floor(cap / box);
    const boxes = (n: number) => plural(n, "box", "boxes");
    const mistakes: Mistake[] = [
      [Math.floor(Math.floor(DAILY_MG / strength) / box), "ignores that the limit counts base, not the HCl salt"],
      [roundUp(cap / box), "rounds up, which would exceed the daily limit"],
      [Math.floor(Math.floor(RETAIL_30_DAY_MG / (strength * BASE_SHARE)) / box), "uses the 9 g 30-day limit instead of the 3.6 g daily limit"],
      [Math.floor(DAILY_TABLET_CAP[otherCaps[0]] / box), `uses the cap for ${otherCaps[0]} mg tablets`],
      [Math.floor(DAILY_TABLET_CAP[otherCaps[1]] / box), `uses the cap for ${otherCaps[1]} mg tablets`],
      [Math.floor(Math.floor(MAIL_30_DAY_MG / (strength * BASE_SHARE)) / box), "uses the 7.5 g mail-order limit instead of the 3.6 g daily limit"],
      [key + 2, "counts the boxes by the salt weight and rounds up"],
    ];
    return {
      stem: `${assumption} ${customer}, who has bought none today, wants boxes of ${box} pseudoephedrine HCl ${strength} mg tablets. What is the most whole boxes this customer may buy today?`,
      answer: boxes(key),
      distractors: numericDistractors(mistakes, boxes),
      solution: `${capSentence} Boxes = ${cap} ÷ ${box} = ${fmt(cap / box, 2)} → ${boxes(key)}, rounded down (a box cannot be split at the counter). Assumed: no stricter state law applies.`,
      reference: CMEA_REFERENCE,
      difficulty: 3,
    };
  },
);

interface Purchase {
  daysAgo: number;
  mg: number;
}

function describe(purchase: Purchase): string {
  const when = purchase.daysAgo === 0 ? "earlier today" : `${purchase.daysAgo} days ago`;
  return `${grams(purchase.mg)} ${when}`;
}

function purchaseHistory(rng: Random, customer: string): ItemDraft {
  const mailOrder = rng.chance(0.3);
  const amounts = [600, 900, 1200, 1500, 1800, 2400, 3000, 3600];
  const purchases: Purchase[] = [];
  const usedDays = new Set<number>();
  const count = rng.int(1, 3);
  const total = () => purchases.reduce((sum, p) => sum + p.mg, 0);
  // Mail order asks only about the 30-day limit, so it starts from at least 3.9 g: what is left is then under the 3.6 g a day.
  for (let i = 0; i < count || (mailOrder && total() < 3900 && purchases.length < 6); i++) {
    let daysAgo = rng.int(2, 26);
    while (usedDays.has(daysAgo)) daysAgo = rng.int(2, 26);
    usedDays.add(daysAgo);
    purchases.push({ daysAgo, mg: rng.pick(amounts) });
  }
  if (!mailOrder && rng.chance(0.5)) purchases.push({ daysAgo: 0, mg: rng.pick([600, 900, 1200, 1800, 2400]) });
  const old: Purchase | undefined = rng.chance(0.5) ? { daysAgo: rng.int(35, 60), mg: rng.pick(amounts) } : undefined;
  purchases.sort((a, b) => a.daysAgo - b.daysAgo);
  const inWindow = purchases.reduce((sum, p) => sum + p.mg, 0);
  const today = purchases.filter((p) => p.daysAgo === 0).reduce((sum, p) => sum + p.mg, 0);
  const listed = [...purchases, ...(old ? [old] : [])].map(describe).join("; ");
  const oldSentence = old ? ` The purchase ${old.daysAgo} days ago falls outside the 30-day period and does not count.` : "";

  if (mailOrder) {
    const key = Math.max(0, MAIL_30_DAY_MG - inWindow);
    const mistakes: Mistake[] = [
      [Math.max(0, RETAIL_30_DAY_MG - inWindow), "uses the 9 g retail limit instead of 7.5 g for mail order"],
      [MAIL_30_DAY_MG, "ignores the earlier purchases"],
      old && [Math.max(0, MAIL_30_DAY_MG - inWindow - old.mg), `counts the purchase from ${old.daysAgo} days ago, outside the 30-day period`],
      [DAILY_MG, "gives the 3.6 g daily retail limit"],
      [Math.max(0, DAILY_MG - inWindow), "subtracts the purchases from the daily limit"],
      [key + 600, "miscounts the earlier purchases"],
      [key - 600, "miscounts the earlier purchases"],
    ];
    return {
      stem: `${customer}, a customer of a mail-order pharmacy, has bought these amounts of pseudoephedrine base: ${listed}. Under federal law, how much more pseudoephedrine base may be sold to this customer by mail order within the current 30-day period?`,
      answer: grams(key),
      distractors: numericDistractors(mistakes, grams, (mg) => mg >= 0),
      solution: `Mail-order sales are limited to 7.5 g of base per 30 days. Purchases within the last 30 days: ${grams(inWindow)}.${oldSentence} ${inWindow >= MAIL_30_DAY_MG ? `That reaches the 7.5 g limit, so ${grams(0)} may be sold until older purchases leave the 30-day period.` : `7.5 g − ${grams(inWindow)} = ${grams(key)}.`} Assumed: all amounts are base, one purchaser, no stricter state law. No rounding needed.`,
      reference: CMEA_REFERENCE,
      difficulty: 3,
    };
  }

  const dailyLeft = Math.max(0, DAILY_MG - today);
  const monthlyLeft = Math.max(0, RETAIL_30_DAY_MG - inWindow);
  const key = Math.min(dailyLeft, monthlyLeft);
  const mistakes: Mistake[] = [
    [dailyLeft, "checks only the 3.6 g daily limit"],
    [monthlyLeft, "checks only the 9 g 30-day limit"],
    [Math.max(0, Math.min(dailyLeft, MAIL_30_DAY_MG - inWindow)), "uses the 7.5 g mail-order limit at a retail counter"],
    old && [Math.max(0, Math.min(dailyLeft, RETAIL_30_DAY_MG - inWindow - old.mg)), `counts the purchase from ${old.daysAgo} days ago, outside the 30-day period`],
    [DAILY_MG, "ignores the earlier purchases"],
    [Math.max(0, Math.min(DAILY_MG, RETAIL_30_DAY_MG - inWindow + today)), "leaves today's earlier purchase out of the 30-day total"],
    [Math.max(0, DAILY_MG - inWindow), "subtracts every purchase in the 30 days from the daily limit"],
    [RETAIL_30_DAY_MG, "ignores the earlier purchases and uses the 9 g 30-day limit"],
    [Math.max(0, MAIL_30_DAY_MG - inWindow), "uses the 7.5 g mail-order 30-day limit"],
    [key + 600, "miscounts the earlier purchases"],
    [key - 600, "miscounts the earlier purchases"],
    [Math.max(0, RETAIL_30_DAY_MG - inWindow - today), "counts today's purchases twice against the 30-day limit"],
    [key + 1200, "miscounts the earlier purchases"],
  ];
  return {
    stem: `At a retail pharmacy counter, the logbook shows these purchases of pseudoephedrine base by ${customer}: ${listed}. Under federal law, what is the most pseudoephedrine base this customer may buy now?`,
    answer: grams(key),
    distractors: numericDistractors(mistakes, grams, (mg) => mg >= 0),
    solution: `Retail limits: 3.6 g of base per day and 9 g per 30 days. Today so far: ${grams(today)}, leaving ${grams(dailyLeft)} for the day. Last 30 days (today included): ${grams(inWindow)}, leaving ${grams(monthlyLeft)}.${oldSentence} The smaller limit applies: ${grams(key)}. Assumed: all amounts are base, one purchaser, no stricter state law. No rounding needed.`,
    reference: CMEA_REFERENCE,
    difficulty: 3,
  };
}
