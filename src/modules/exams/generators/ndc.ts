/**
 * NDC 10 → 11 digits (domain-facts.md, FDA): the billing form is 5-4-2, padding the short segment
 * with one leading zero: 4-4-2 → 0 + labeler; 5-3-2 → 0 + product; 5-4-1 → 0 + package.
 */
import type { Random } from "../../../lib/random.ts";
import { defineFamily, type Distractor } from "./build-item.ts";

export type NdcConfiguration = "4-4-2" | "5-3-2" | "5-4-1";
const CONFIGURATIONS: readonly NdcConfiguration[] = ["4-4-2", "5-3-2", "5-4-1"];

export function ndcConfiguration(ndc10: string): NdcConfiguration {
  const match = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/.exec(ndc10);
  const shape = match ? `${match[1].length}-${match[2].length}-${match[3].length}` : "";
  if (!CONFIGURATIONS.includes(shape as NdcConfiguration)) throw new RangeError(`not a hyphenated 10-digit NDC: ${ndc10}`);
  return shape as NdcConfiguration;
}

/** The 11-digit 5-4-2 billing form of a hyphenated 10-digit NDC. */
export function toNdc11(ndc10: string): string {
  const [labeler, product, pkg] = ndc10.split("-");
  switch (ndcConfiguration(ndc10)) {
    case "4-4-2":
      return `0${labeler}-${product}-${pkg}`;
    case "5-3-2":
      return `${labeler}-0${product}-${pkg}`;
    case "5-4-1":
      return `${labeler}-${product}-0${pkg}`;
  }
}

/** Eleven digits shown as 5-4-2, so a misplaced zero still looks like a billing NDC. */
function as542(digits: string): string {
  return `${digits.slice(0, 5)}-${digits.slice(5, 9)}-${digits.slice(9)}`;
}

function digits(rng: Random, count: number): string {
  return Array.from({ length: count }, () => String(rng.int(0, 9))).join("");
}

/** A segment that is not all zeros; 4-digit labeler codes start with 0 (0002, 0069, 0378 …). */
function segment(rng: Random, count: number, leadingZero = false): string {
  for (;;) {
    const text = leadingZero ? `0${digits(rng, count - 1)}` : digits(rng, count);
    if (/[1-9]/.test(text)) return text;
  }
}

const PRODUCTS = ["atorvastatin 20 mg tablets", "amoxicillin 500 mg capsules", "lisinopril 10 mg tablets", "sertraline 50 mg tablets", "insulin glargine 100 units/mL pens", "albuterol HFA inhalers", "metformin 500 mg tablets", "omeprazole 20 mg capsules", "levothyroxine 75 mcg tablets", "gabapentin 300 mg capsules"] as const;

const SEGMENT_NAMES = ["labeler", "product", "package"] as const;

export const ndcElevenDigit = defineFamily(
  {
    code: "ndc-11-digit",
    name: "NDC: 10-digit to 11-digit (5-4-2)",
    domain: "order_entry",
    subtopic: "4.4",
    description: "Convert a hyphenated 10-digit NDC in 4-4-2, 5-3-2 or 5-4-1 configuration to the 11-digit 5-4-2 billing form.",
  },
  (rng) => {
    const configuration = rng.pick(CONFIGURATIONS);
    const lengths = configuration.split("-").map(Number);
    const labeler = lengths[0] === 4 ? segment(rng, 4, true) : String(rng.int(10000, 99999));
    const product = segment(rng, lengths[1]);
    const pkg = segment(rng, lengths[2]);
    const parts = [labeler, product, pkg];
    const ndc10 = parts.join("-");
    const key = toNdc11(ndc10);
    const shortIndex = lengths.findIndex((length, i) => length < [5, 4, 2][i]);
    const shortName = SEGMENT_NAMES[shortIndex];

    const distractors: Distractor[] = [];
    const trailing = parts.map((p, i) => (i === shortIndex ? `${p}0` : p)).join("-");
    distractors.push({ text: trailing, why: `adds the zero after the ${shortName} code instead of before it` });
    for (let i = 0; i < 3; i++) {
      if (i === shortIndex) continue;
      const padded = parts.map((p, j) => (j === i ? `0${p}` : p)).join("");
      distractors.push({ text: as542(padded), why: `pads the ${SEGMENT_NAMES[i]} code, but the short segment is the ${shortName} code` });
    }
    distractors.push({ text: as542(`${parts.join("")}0`), why: "adds the zero at the end of the whole number" });
    distractors.push({ text: as542(`${parts.join("").slice(0, 5)}0${parts.join("").slice(5)}`), why: "adds the zero after the fifth digit without looking at the segments" });

    const product11 = key.split("-");
    return {
      stem: `A stock bottle of ${rng.pick(PRODUCTS)} is labeled NDC ${ndc10}. What is its 11-digit NDC in the 5-4-2 billing format?`,
      answer: key,
      distractors,
      solution: `${ndc10} is a ${configuration} NDC (labeler ${labeler}, product ${product}, package ${pkg}). The 5-4-2 form needs a 5-digit labeler, 4-digit product and 2-digit package, so the short ${shortName} code gets one leading zero: ${parts[shortIndex]} → 0${parts[shortIndex]}. Result: ${product11.join("-")}. No rounding: digits are only padded.`,
      reference: "domain-facts.md: NDC 10→11 conversion (FDA): pad the short segment with a leading zero to make 5-4-2",
      difficulty: configuration === "5-4-1" ? 2 : 1,
    };
  },
);
