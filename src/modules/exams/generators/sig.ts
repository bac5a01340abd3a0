/**
 * Sig translation: a sig code into plain English. Each wrong option mistranslates exactly one
 * element (quantity, route, frequency or "as needed"), the confusions ISMP warns about included.
 */
import type { Random } from "../../../lib/random.ts";
import { defineFamily, type Distractor } from "./build-item.ts";

interface Quantity {
  code: string;
  text: string;
  amount: number;
  misread: { text: string; amount: number; why: string };
}

const QUANTITIES: Record<string, Quantity> = {
  i: { code: "i", text: "1", amount: 1, misread: { text: "2", amount: 2, why: 'reads "i" as two' } },
  ii: { code: "ii", text: "2", amount: 2, misread: { text: "1", amount: 1, why: 'reads "ii" as one' } },
  iii: { code: "iii", text: "3", amount: 3, misread: { text: "2", amount: 2, why: 'reads "iii" as two' } },
  ss: { code: "ss", text: "½", amount: 0.5, misread: { text: "1", amount: 1, why: 'reads "ss" (one-half) as one' } },
};

interface Route {
  code: string;
  text: string;
  misreads: { text: string; why: string }[];
}

const ROUTES: Record<string, Route> = {
  po: { code: "po", text: "by mouth", misreads: [{ text: "under the tongue", why: 'reads "po" (by mouth) as sublingual' }, { text: "rectally", why: 'reads "po" (by mouth) as rectal' }] },
  sl: { code: "sl", text: "under the tongue", misreads: [{ text: "by mouth", why: 'reads "sl" (sublingual) as by mouth' }] },
  pr: { code: "pr", text: "rectally", misreads: [{ text: "by mouth", why: 'reads "pr" (rectally) as by mouth' }] },
  od: { code: "od", text: "in the right eye", misreads: [{ text: "in the left eye", why: 'confuses "od" (right eye) with "os" (left eye)' }, { text: "in the right ear", why: 'confuses "od" (right eye) with "ad" (right ear)' }] },
  os: { code: "os", text: "in the left eye", misreads: [{ text: "in the right eye", why: 'confuses "os" (left eye) with "od" (right eye)' }, { text: "in the left ear", why: 'confuses "os" (left eye) with "as" (left ear)' }] },
  ou: { code: "ou", text: "in both eyes", misreads: [{ text: "in both ears", why: 'confuses "ou" (both eyes) with "au" (both ears)' }, { text: "in the right eye", why: 'reads "ou" (both eyes) as one eye' }] },
  ad: { code: "ad", text: "in the right ear", misreads: [{ text: "in the right eye", why: 'confuses "ad" (right ear) with "od" (right eye)' }, { text: "in the left ear", why: 'confuses "ad" (right ear) with "as" (left ear)' }] },
  as: { code: "as", text: "in the left ear", misreads: [{ text: "in the left eye", why: 'confuses "as" (left ear) with "os" (left eye)' }, { text: "in the right ear", why: 'confuses "as" (left ear) with "ad" (right ear)' }] },
  au: { code: "au", text: "in both ears", misreads: [{ text: "in both eyes", why: 'confuses "au" (both ears) with "ou" (both eyes)' }] },
};

interface FrequencyCode {
  code: string;
  text: string;
  misreads: { text: string; why: string }[];
}

const FREQUENCY_CODES: Record<string, FrequencyCode> = {
  bid: { code: "bid", text: "twice daily", misreads: [{ text: "three times daily", why: 'confuses "bid" (twice daily) with "tid"' }, { text: "twice a week", why: 'reads "bid" as twice a week' }] },
  tid: { code: "tid", text: "three times daily", misreads: [{ text: "twice daily", why: 'confuses "tid" (three times daily) with "bid"' }, { text: "four times daily", why: 'confuses "tid" with "qid"' }] },
  qid: { code: "qid", text: "four times daily", misreads: [{ text: "once daily", why: 'confuses "qid" (four times daily) with "qd" (daily), a confusion ISMP lists' }, { text: "three times daily", why: 'confuses "qid" with "tid"' }] },
  q4h: { code: "q4h", text: "every 4 hours", misreads: [{ text: "4 times daily", why: 'reads "q4h" (every 4 hours) as 4 times a day' }] },
  q6h: { code: "q6h", text: "every 6 hours", misreads: [{ text: "6 times daily", why: 'reads "q6h" (every 6 hours) as 6 times a day' }] },
  q8h: { code: "q8h", text: "every 8 hours", misreads: [{ text: "every 8 days", why: 'reads the "h" in "q8h" as days' }] },
  q12h: { code: "q12h", text: "every 12 hours", misreads: [{ text: "twice a week", why: 'reads "q12h" (every 12 hours) as twice a week' }] },
  qhs: { code: "qhs", text: "at bedtime", misreads: [{ text: "every hour", why: 'reads "qhs" (at bedtime) as "qhr" (every hour), a confusion ISMP lists' }, { text: "every morning", why: 'confuses "qhs" (at bedtime) with "qam"' }] },
  qam: { code: "qam", text: "every morning", misreads: [{ text: "at bedtime", why: 'confuses "qam" (every morning) with "qhs"' }] },
};

const MEAL_CODES: Record<string, { text: string; misread: { text: string; why: string } }> = {
  ac: { text: "before meals", misread: { text: "after meals", why: 'confuses "ac" (before meals) with "pc" (after meals)' } },
  pc: { text: "after meals", misread: { text: "before meals", why: 'confuses "pc" (after meals) with "ac" (before meals)' } },
};

interface Form {
  code: string;
  singular: string;
  plural: string;
  verb: string;
  quantities: string[];
  routes: string[];
  frequencies: string[];
  meals: boolean;
  reasons: string[];
}

const FORMS: readonly Form[] = [
  { code: "tab", singular: "tablet", plural: "tablets", verb: "Take", quantities: ["i", "ii", "iii", "ss"], routes: ["po", "po", "sl"], frequencies: ["bid", "tid", "qid", "q4h", "q6h", "q8h", "q12h", "qhs", "qam"], meals: true, reasons: ["pain", "nausea", "anxiety", "sleep", "headache", "itching"] },
  { code: "cap", singular: "capsule", plural: "capsules", verb: "Take", quantities: ["i", "ii", "iii"], routes: ["po"], frequencies: ["bid", "tid", "qid", "q6h", "q8h", "q12h", "qhs", "qam"], meals: true, reasons: ["pain", "cough", "allergies", "diarrhea"] },
  { code: "gtt", singular: "drop", plural: "drops", verb: "Instill", quantities: ["i", "ii"], routes: ["od", "os", "ou", "ad", "as", "au"], frequencies: ["bid", "tid", "qid", "q4h", "q6h", "qhs"], meals: false, reasons: [] },
  { code: "supp", singular: "suppository", plural: "suppositories", verb: "Insert", quantities: ["i"], routes: ["pr"], frequencies: ["q4h", "q6h", "q8h", "q12h", "qhs"], meals: false, reasons: ["nausea", "fever", "constipation", "pain"] },
  { code: "tsp", singular: "teaspoonful", plural: "teaspoonfuls", verb: "Take", quantities: ["i", "ii", "ss"], routes: ["po"], frequencies: ["bid", "tid", "qid", "q4h", "q6h", "q8h", "q12h", "qhs"], meals: true, reasons: ["cough", "pain", "fever", "allergies"] },
];

interface Sig {
  verb: string;
  quantity: { text: string; amount: number };
  form: Form;
  route: string;
  frequency: string;
  meal?: string;
  reason?: string;
}

function english(sig: Sig): string {
  const unit = sig.quantity.amount > 1 ? sig.form.plural : sig.form.singular;
  const meal = sig.meal ? ` ${sig.meal}` : "";
  const prn = sig.reason ? ` as needed for ${sig.reason}` : "";
  return `${sig.verb} ${sig.quantity.text} ${unit} ${sig.route} ${sig.frequency}${meal}${prn}.`;
}

function pickOne<T>(rng: Random, items: readonly T[]): T {
  return rng.pick(items);
}

export const sigTranslation = defineFamily(
  {
    code: "sig-translation",
    name: "Sig codes into plain English",
    domain: "order_entry",
    subtopic: "4.2",
    description: "Translate a sig written in pharmacy abbreviations (quantity, dose form, route, frequency, meals, prn) into directions for the label.",
  },
  (rng) => {
    const form = rng.pick(FORMS);
    const quantity = QUANTITIES[rng.pick(form.quantities)];
    const route = ROUTES[rng.pick(form.routes)];
    const frequency = FREQUENCY_CODES[rng.pick(form.frequencies)];
    const mealCode = form.meals && ["bid", "tid", "qid"].includes(frequency.code) && rng.chance(0.4) ? rng.pick(["ac", "pc"]) : undefined;
    const reason = form.reasons.length > 0 && frequency.code !== "qam" && rng.chance(0.5) ? rng.pick(form.reasons) : undefined;
    const code = [quantity.code, form.code, route.code, frequency.code, mealCode, reason ? `prn ${reason}` : undefined].filter(Boolean).join(" ");

    const base: Sig = { verb: form.verb, quantity, form, route: route.text, frequency: frequency.text, meal: mealCode ? MEAL_CODES[mealCode].text : undefined, reason };
    const wrong: Distractor[] = [];
    wrong.push({ text: english({ ...base, quantity: quantity.misread }), why: quantity.misread.why });
    const routeMisread = pickOne(rng, route.misreads);
    wrong.push({ text: english({ ...base, route: routeMisread.text }), why: routeMisread.why });
    const frequencyMisread = pickOne(rng, frequency.misreads);
    const frequencyWrong = { text: english({ ...base, frequency: frequencyMisread.text }), why: frequencyMisread.why };
    const mealWrong = mealCode ? { text: english({ ...base, meal: MEAL_CODES[mealCode].misread.text }), why: MEAL_CODES[mealCode].misread.why } : undefined;
    wrong.push(mealWrong && rng.chance(0.5) ? mealWrong : frequencyWrong);
    if (reason) wrong.push({ text: `${english({ ...base, reason: undefined }).slice(0, -1)} for ${reason}.`, why: 'drops "prn" (as needed), which makes the medicine scheduled' });
    // Three of the available single-element mistranslations, in an order drawn from the seed.
    const chosen = wrong.length > 3 ? drop(rng, wrong) : wrong;

    const glossary = [
      `${quantity.code} = ${quantity.text}`,
      `${form.code} = ${form.singular}`,
      `${route.code} = ${route.text.replace(/^in /, "")}`,
      `${frequency.code} = ${frequency.text}`,
      mealCode ? `${mealCode} = ${MEAL_CODES[mealCode].text}` : undefined,
      reason ? `prn = as needed` : undefined,
    ].filter(Boolean);
    return {
      stem: `What does the sig "${code}" mean?`,
      answer: english(base),
      distractors: chosen,
      solution: `Translate each part: ${glossary.join("; ")}. So "${code}" means: ${english(base)} No calculation or rounding is involved.`,
      reference: "Standard sig abbreviations; ISMP list of error-prone abbreviations (qd/qid, qhs/qhr, od/os/ou vs ad/as/au)",
      difficulty: ["od", "os", "ou", "ad", "as", "au", "sl"].includes(route.code) || mealCode || quantity.code === "ss" ? 2 : 1,
    };
  },
);

function drop<T>(rng: Random, items: T[]): T[] {
  const skip = rng.int(0, items.length - 1);
  return items.filter((_, i) => i !== skip);
}
