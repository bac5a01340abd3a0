/** IV flow rates: mL/h = volume ÷ hours; drops/min = mL × drop factor ÷ minutes (domain-facts.md, Calculations). */
import type { Random } from "../../../lib/random.ts";
import { defineFamily, drawUntil, fmt, numericDistractors, round, withThousands, type Mistake } from "./build-item.ts";

const FLUIDS = ["0.9% sodium chloride", "lactated Ringer's", "dextrose 5% in water (D5W)", "0.45% sodium chloride", "dextrose 5% in 0.45% sodium chloride"] as const;
const PIGGYBACKS = ["cefazolin 2 g in 100 mL", "vancomycin 1 g in 250 mL", "ceftriaxone 1 g in 50 mL", "piperacillin/tazobactam 3.375 g in 100 mL", "levofloxacin 750 mg in 150 mL", "metronidazole 500 mg in 100 mL"] as const;
export const DROP_FACTORS = [10, 15, 20, 60] as const;

interface Infusion {
  what: string;
  volume: number;
  minutes: number;
  /** How the time reads in the stem. */
  timeText: string;
  /** A common misreading of the time, in hours, when there is one. */
  misreadHours?: { hours: number; why: string };
}

function drawInfusion(rng: Random): Infusion {
  const form = rng.pick(["hours", "hours", "minutes", "hours-minutes"] as const);
  if (form === "minutes") {
    const piggyback = rng.pick(PIGGYBACKS);
    const volume = Number(/in (\d+) mL/.exec(piggyback)![1]);
    const minutes = rng.pick([15, 20, 30, 45, 60, 90, 120]);
    return { what: piggyback, volume, minutes, timeText: `${minutes} minutes`, misreadHours: { hours: minutes / 100, why: `treats ${minutes} minutes as ${fmt(minutes / 100, 2)} hours` } };
  }
  const fluid = rng.pick(FLUIDS);
  const volume = rng.pick([250, 500, 500, 1000, 1000, 1500]);
  if (form === "hours") {
    const hours = rng.int(2, 12);
    return { what: `${withThousands(volume)} mL of ${fluid}`, volume, minutes: hours * 60, timeText: `${hours} hours` };
  }
  const hours = rng.int(1, 5);
  const extra = rng.pick([15, 20, 30, 40, 45]);
  return {
    what: `${withThousands(volume)} mL of ${fluid}`,
    volume,
    minutes: hours * 60 + extra,
    timeText: `${hours} ${hours === 1 ? "hour" : "hours"} ${extra} minutes`,
    misreadHours: { hours: hours + extra / 100, why: `treats ${hours} h ${extra} min as ${fmt(hours + extra / 100, 2)} hours` },
  };
}

/** Rounded to a whole number; ties (x.5) are redrawn so "nearest" is never ambiguous. */
function isTie(value: number): boolean {
  return Math.abs((value % 1) - 0.5) < 1e-9;
}

function roundingMistake(exact: number): Mistake {
  const key = round(exact);
  if (Number.isInteger(round(exact, 9))) return undefined;
  return key > exact ? [Math.floor(exact), "truncates instead of rounding to the nearest whole number"] : [Math.ceil(exact), "rounds up instead of to the nearest whole number"];
}

const IV_RULE = "domain-facts.md: Calculations (IV mL/h = volume ÷ hours; drops/min = mL × drop factor ÷ minutes; drop factors 10/15/20 macro, 60 micro)";

export const ivRateMlPerHour = defineFamily(
  {
    code: "iv-rate-ml-per-hour",
    name: "IV flow rate in mL/h",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Pump rate in mL/h from a volume and an infusion time in hours, minutes, or hours and minutes.",
  },
  (rng) => {
    const infusion = drawUntil(rng, drawInfusion, (i) => !isTie((i.volume * 60) / i.minutes), { what: "1,000 mL of 0.9% sodium chloride", volume: 1000, minutes: 480, timeText: "8 hours" });
    const hours = infusion.minutes / 60;
    const exact = infusion.volume / hours;
    const key = round(exact);
    const setFactor = rng.chance(0.5) ? rng.pick(DROP_FACTORS) : undefined;
    const rate = (value: number) => `${fmt(value, 0)} mL/h`;
    const mistakes: Mistake[] = [
      infusion.misreadHours && [round(infusion.volume / infusion.misreadHours.hours), infusion.misreadHours.why],
      roundingMistake(exact),
      setFactor !== undefined && [round((infusion.volume * setFactor) / infusion.minutes), `calculates drops per minute with the ${setFactor} gtt/mL set; a pump runs in mL/h`],
      [round(infusion.volume / infusion.minutes), "gives mL per minute, not per hour"],
      [round(infusion.volume / Math.floor(hours)), `ignores the minutes past ${Math.floor(hours)} hours`],
      [round(infusion.volume * hours), "multiplies the volume by the hours instead of dividing"],
      [round(exact * 10), "slips the decimal point"],
      [round(exact / 2), "halves the rate (counts the time twice)"],
    ];
    const setSentence = setFactor !== undefined ? ` The administration set delivers ${setFactor} gtt/mL.` : "";
    const hoursText = Number.isInteger(hours) ? `${hours} h` : `${infusion.minutes} min ÷ 60 = ${fmt(hours, 4)} h`;
    return {
      stem: `Infuse ${infusion.what} over ${infusion.timeText} by pump.${setSentence} At what rate should the pump be set, in mL/h? (Round to the nearest whole mL/h.)`,
      answer: rate(key),
      distractors: numericDistractors(mistakes, rate),
      solution: `Time = ${hoursText}. Rate = ${infusion.volume} mL ÷ ${fmt(hours, 4)} h = ${Number.isInteger(exact) ? rate(key) : `about ${fmt(exact, 2)} mL/h → ${rate(key)}`}.${setFactor !== undefined ? " The drop factor does not matter for a pump rate in mL/h." : ""} Rounding rule: nearest whole mL/h.`,
      reference: IV_RULE,
      difficulty: infusion.misreadHours ? 2 : 1,
    };
  },
);

export const ivRateDropsPerMinute = defineFamily(
  {
    code: "iv-rate-drops-per-minute",
    name: "IV flow rate in drops per minute",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Gravity drip rate in gtt/min from a volume, an infusion time and the set's drop factor (10, 15, 20 or 60 gtt/mL).",
  },
  (rng) => {
    const { infusion, factor } = drawUntil(
      rng,
      (r) => ({ infusion: drawInfusion(r), factor: r.pick(DROP_FACTORS) }),
      ({ infusion, factor }) => !isTie((infusion.volume * factor) / infusion.minutes) && (infusion.volume * factor) / infusion.minutes >= 5,
      { infusion: { what: "1,000 mL of 0.9% sodium chloride", volume: 1000, minutes: 480, timeText: "8 hours" }, factor: 15 },
    );
    const exact = (infusion.volume * factor) / infusion.minutes;
    const key = round(exact);
    const otherFactors = DROP_FACTORS.filter((f) => f !== factor);
    const gtt = (value: number) => `${fmt(value, 0)} gtt/min`;
    const hours = infusion.minutes / 60;
    const mistakes: Mistake[] = [
      ...otherFactors.slice(0, 2).map((f) => [round((infusion.volume * f) / infusion.minutes), `uses a ${f} gtt/mL drop factor instead of ${factor}`] as const),
      roundingMistake(exact),
      Number.isInteger(hours) && [round((infusion.volume * factor) / hours), "divides by hours instead of minutes"],
      infusion.misreadHours && [round((infusion.volume * factor) / (infusion.misreadHours.hours * 60)), infusion.misreadHours.why],
      [round(infusion.volume / hours), "gives mL/h, leaving out the drop factor"],
      [round(infusion.volume / infusion.minutes), "gives mL/min, leaving out the drop factor"],
      [round((infusion.volume * otherFactors[2]) / infusion.minutes), `uses a ${otherFactors[2]} gtt/mL drop factor instead of ${factor}`],
    ];
    return {
      stem: `Infuse ${infusion.what} over ${infusion.timeText} by gravity, using an administration set that delivers ${factor} gtt/mL. What is the flow rate in drops per minute? (Round to the nearest whole drop.)`,
      answer: gtt(key),
      distractors: numericDistractors(mistakes, gtt),
      solution: `Time = ${infusion.minutes} minutes. Drops/min = ${infusion.volume} mL × ${factor} gtt/mL ÷ ${infusion.minutes} min = ${Number.isInteger(exact) ? gtt(key) : `about ${fmt(exact, 2)} → ${gtt(key)}`}. Rounding rule: nearest whole drop.`,
      reference: IV_RULE,
      difficulty: factor === 60 || infusion.misreadHours ? 2 : 1,
    };
  },
);
