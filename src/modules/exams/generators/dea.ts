/**
 * DEA registration numbers (domain-facts.md): 2 letters + 7 digits. First letter = registrant type
 * (A, B, F, G practitioners; M mid-level practitioners); second letter = first letter of the
 * registrant's last name. Check digit: the last digit of (d1 + d3 + d5) + 2 × (d2 + d4 + d6) equals d7.
 */
import { FIRST_NAMES, LAST_NAMES, type Random } from "../../../lib/random.ts";
import { defineFamily, type Distractor, type ItemDraft } from "./build-item.ts";

export const PRACTITIONER_LETTERS = ["A", "B", "F", "G"] as const;
export const MID_LEVEL_LETTERS = ["M"] as const;

/** The check digit for the six digits after the two letters. */
export function deaCheckDigit(sixDigits: string): number {
  if (!/^\d{6}$/.test(sixDigits)) throw new RangeError(`expected six digits: ${sixDigits}`);
  const d = [...sixDigits].map(Number);
  return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
}

/** Format and check digit only; whether the letters fit the prescriber is a separate question. */
export function hasValidDeaCheckDigit(dea: string): boolean {
  return /^[A-Z]{2}\d{7}$/.test(dea) && deaCheckDigit(dea.slice(2, 8)) === Number(dea[8]);
}

interface Prescriber {
  title: string;
  credential: string;
  letters: readonly string[];
  kind: string;
}

const PRESCRIBERS: readonly Prescriber[] = [
  { title: "Dr.", credential: "MD", letters: PRACTITIONER_LETTERS, kind: "a physician" },
  { title: "Dr.", credential: "DO", letters: PRACTITIONER_LETTERS, kind: "a physician" },
  { title: "Dr.", credential: "DDS", letters: PRACTITIONER_LETTERS, kind: "a dentist" },
  { title: "Dr.", credential: "DVM", letters: PRACTITIONER_LETTERS, kind: "a veterinarian" },
  { title: "", credential: "NP", letters: MID_LEVEL_LETTERS, kind: "a nurse practitioner (mid-level practitioner)" },
  { title: "", credential: "PA-C", letters: MID_LEVEL_LETTERS, kind: "a physician assistant (mid-level practitioner)" },
];

/** Registrant letters that belong to distributors, not prescribers. */
const NON_PRESCRIBER_LETTERS = ["P", "R"] as const;

function sixDigits(rng: Random): string {
  return Array.from({ length: 6 }, () => String(rng.int(0, 9))).join("");
}

function sums(six: string): { odd: number; even: number; total: number } {
  const d = [...six].map(Number);
  const odd = d[0] + d[2] + d[4];
  const even = d[1] + d[3] + d[5];
  return { odd, even, total: odd + 2 * even };
}

function workedCheck(six: string): string {
  const d = [...six];
  const { odd, even, total } = sums(six);
  return `(${d[0]} + ${d[2]} + ${d[4]}) + 2 × (${d[1]} + ${d[3]} + ${d[5]}) = ${odd} + ${2 * even} = ${total}; the last digit is ${total % 10}`;
}

export const deaNumber = defineFamily(
  {
    code: "dea-number",
    name: "DEA number check",
    domain: "federal",
    subtopic: "2.2",
    description: "Compute a DEA number's check digit, or pick the number that could be valid for a named prescriber (registrant letter, last-name initial, check digit).",
  },
  (rng): ItemDraft => {
    const prescriber = rng.pick(PRESCRIBERS);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const name = `${prescriber.title ? `${prescriber.title} ` : ""}${first} ${last}, ${prescriber.credential}`;
    const initial = last[0];
    const reference = "domain-facts.md: DEA registration number (registrant letter, last-name initial, check digit)";
    const rule = "Check digit: add the 1st, 3rd and 5th digits, add twice the sum of the 2nd, 4th and 6th digits; the last digit of the total is the check digit.";

    if (rng.chance(0.5)) {
      const letters = `${rng.pick(prescriber.letters)}${initial}`;
      const six = sixDigits(rng);
      const key = deaCheckDigit(six);
      const { odd, even, total } = sums(six);
      const candidates: [number, string][] = [
        [(odd + even) % 10, "adds all six digits without doubling"],
        [(2 * odd + even) % 10, "doubles the 1st, 3rd and 5th digits instead of the 2nd, 4th and 6th"],
        [Math.floor(total / 10) % 10, "takes the tens digit of the total instead of the last digit"],
        [(10 - (total % 10)) % 10, "subtracts the last digit from 10, as some other check-digit schemes do"],
        [(2 * even) % 10, "leaves out the 1st, 3rd and 5th digits"],
        [odd % 10, "leaves out the doubled digits"],
        [(total + 1) % 10, "miscounts the total by one"],
        [(total + 9) % 10, "miscounts the total by one"],
        // Digits that are mostly zeros make the slips above agree; these always differ from the key and each other.
        [(total + 2) % 10, "miscounts the total by two"],
        [(total + 8) % 10, "miscounts the total by two"],
      ];
      return {
        stem: `The DEA number on a prescription from ${name}, reads ${letters}${six}_, with the last digit smudged. What must the check digit be?`,
        answer: String(key),
        distractors: candidates.map(([digit, why]) => ({ text: String(digit), why })),
        solution: `${rule} ${workedCheck(six)}, so the number is ${letters}${six}${key}. No rounding: only the last digit of the sum counts.`,
        reference,
        difficulty: 2,
      };
    }

    const valid = () => {
      const six = sixDigits(rng);
      return { six, check: deaCheckDigit(six) };
    };
    const letter = rng.pick(prescriber.letters);
    const keyParts = valid();
    const key = `${letter}${initial}${keyParts.six}${keyParts.check}`;

    const badCheck = valid();
    const wrongDigit = (badCheck.check + rng.int(1, 9)) % 10;
    const badInitial = valid();
    const otherInitial = first[0] !== initial ? first[0] : String.fromCharCode(((initial.charCodeAt(0) - 65 + 1) % 26) + 65);
    const badType = valid();
    const wrongType = rng.pick(NON_PRESCRIBER_LETTERS);
    const undoubled = valid();
    const undoubledCheck = (sums(undoubled.six).odd + sums(undoubled.six).even) % 10;

    const distractors: Distractor[] = [
      { text: `${letter}${initial}${badCheck.six}${wrongDigit}`, why: `fails the check digit: ${workedCheck(badCheck.six)}, not ${wrongDigit}` },
      { text: `${letter}${otherInitial}${badInitial.six}${badInitial.check}`, why: `the second letter should be ${initial}, the first letter of the prescriber's last name` },
      { text: `${wrongType}${initial}${badType.six}${badType.check}`, why: `${wrongType} is a distributor's registrant letter; ${prescriber.kind} has ${prescriber.letters.join(", ")}` },
      ...(undoubledCheck !== undoubled.check
        ? [{ text: `${letter}${initial}${undoubled.six}${undoubledCheck}`, why: `its check digit comes from adding the digits without doubling; the rule gives ${undoubled.check}` }]
        : []),
    ];
    return {
      stem: `${name}, is ${prescriber.kind}. Which DEA number could be valid for this prescriber?`,
      answer: key,
      distractors: dropOneIfFour(rng, distractors),
      solution: `A valid number starts with a registrant letter for ${prescriber.kind} (${prescriber.letters.join(", ")}), then ${initial} for ${last}, and passes the check digit. ${rule} For ${key}: ${workedCheck(keyParts.six)}, matching the last digit ${keyParts.check}. No rounding: only the last digit of the sum counts.`,
      reference,
      difficulty: 2,
    };
  },
);

/** Three flaws are shown; when a fourth exists, the seed decides which one to leave out. */
function dropOneIfFour(rng: Random, distractors: Distractor[]): Distractor[] {
  if (distractors.length < 4) return distractors;
  const skip = rng.int(0, distractors.length - 1);
  return distractors.filter((_, i) => i !== skip);
}
