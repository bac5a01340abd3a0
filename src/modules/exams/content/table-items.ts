/**
 * Deterministic builders that turn the reference tables into practice items (source "table").
 *
 * Every wrong option is drawn from the same table and is checked to be wrong for the item: a
 * brand of a drug that shares no active moiety, a class the drug is not (nor could fairly be
 * argued to be), a use from another therapeutic area that neither the drug nor its class-mates
 * have, and so on. Randomness (which wrong options, in what order) comes from `Random` seeded by
 * a hash of the item code, so the same table always yields the same items.
 */
import { Random } from "../../../lib/random.ts";
import type { ItemContent, ItemDifficulty, ItemOption } from "../item.types.ts";
import type { PtceDomain } from "../outline.ts";
import {
  DEA_SCHEDULES,
  DRUG_CLASSES,
  DRUGS,
  HIGH_ALERT_CATEGORIES,
  HIGH_ALERT_SOURCE,
  INDICATIONS,
  TALL_MAN_BRANDS,
  TALL_MAN_PAIRS,
  TALL_MAN_SOURCE,
  classesOf,
  drugDisplayName,
  drugSlug,
  scheduleLabel,
  sharesMoiety,
  slugify,
  tallManLetters,
  tallManNames,
  tallManPartners,
  usesOf,
  type DeaSchedule,
  type DrugClass,
  type DrugFact,
  type HighAlertCategory,
  type Indication,
} from "./drugs.ts";
import {
  CONTROLLED_SUBSTANCE_RULES,
  CONTROLLED_SUBSTANCE_RULES_SOURCE,
  CS_NOTES,
  CS_RULE_ATTRIBUTES,
  CS_RULE_ATTRIBUTE_DEFS,
  DEA_FORMS,
  DEA_FORMS_SOURCE,
  DOSE_EXPRESSION_EXAMPLES,
  FEDERAL_FACTS,
  ISMP_ABBREVIATIONS,
  ISMP_ABBREVIATIONS_SOURCE,
  SIG_CODES,
  SIG_CODES_SOURCE,
  type CsRuleAttribute,
  type IsmpAbbreviation,
  type SigCode,
} from "./reference-tables.ts";

/** FNV-1a, 32 bits: a stable seed from an item code. */
export function hashCode(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function shuffled<T>(rng: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Up to `count` items, taking from the preferred pool first; no two with the same text. */
function pickWrong(rng: Random, preferred: readonly string[], rest: readonly string[], count: number, exclude: readonly string[]): string[] {
  const taken = new Set(exclude.map(normalizeOption));
  const out: string[] = [];
  for (const pool of [shuffled(rng, preferred), shuffled(rng, rest)]) {
    for (const text of pool) {
      if (out.length >= count) return out;
      const key = normalizeOption(text);
      if (taken.has(key)) continue;
      taken.add(key);
      out.push(text);
    }
  }
  return out;
}

function normalizeOption(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}

interface ItemSpec {
  code: string;
  stem: string;
  correct: readonly string[];
  wrong: readonly string[];
  explanation: string;
  reference: string;
  domain: PtceDomain;
  subtopic: string;
  difficulty: ItemDifficulty;
  family: string;
  /** Keep the options in the given order (correct and wrong merged into `order`) instead of shuffling. */
  order?: readonly string[];
}

const OPTION_IDS = "abcdefgh";

function makeItem(spec: ItemSpec, rng: Random): ItemContent {
  const texts = spec.order ?? shuffled(rng, [...spec.correct, ...spec.wrong]);
  const options: ItemOption[] = texts.map((text, i) => ({ id: OPTION_IDS[i], text }));
  const correct = new Set(spec.correct);
  return {
    code: spec.code,
    kind: spec.correct.length > 1 ? "multi" : "single",
    stem: spec.stem,
    options,
    key: options.filter((o) => correct.has(o.text)).map((o) => o.id),
    explanation: spec.explanation,
    reference: spec.reference,
    domain: spec.domain,
    subtopic: spec.subtopic,
    difficulty: spec.difficulty,
    source: "table",
    family: spec.family,
  };
}

function rngFor(code: string): Random {
  return new Random(hashCode(code));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lowercases the first letter unless it starts an acronym ("DEA Form 222" stays as it is). */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join("; ")}; ${parts[parts.length - 1]}`;
}

/** "atorvastatin (Lipitor)", or the generic alone when it has no widely known brand. */
function withBrand(drug: DrugFact): string {
  return drug.brands.length > 0 ? `${drugDisplayName(drug)} (${drug.brands[0]})` : drugDisplayName(drug);
}

const DRUG_REFERENCE = "FDA labeling (Drugs@FDA, DailyMed); Rx Ladder drug table (content/drugs.ts)";

// ---------------------------------------------------------------------------------------------
// Drug table: names, classes, uses

function brandOwner(brand: string): DrugFact | undefined {
  return DRUGS.find((d) => d.brands.includes(brand));
}

function sameClass(a: DrugFact, b: DrugFact): boolean {
  return b.classes.some((c) => a.classes.includes(c));
}

/**
 * Over-the-counter brands that are umbrella names for combination products (Claritin-D holds
 * pseudoephedrine, Tylenol PM diphenhydramine, Dramamine Less Drowsy meclizine, Colace 2-in-1
 * senna): among these drugs, none is offered as a wrong answer to another's brand question.
 */
const OTC_UMBRELLA_BRANDS: ReadonlySet<string> = new Set([
  "acetaminophen", "ibuprofen", "naproxen", "loratadine", "desloratadine", "cetirizine", "levocetirizine", "fexofenadine",
  "diphenhydramine", "pseudoephedrine", "guaifenesin", "dimenhydrinate", "meclizine", "docusate", "senna", "famotidine",
  "cimetidine", "omeprazole", "esomeprazole", "lansoprazole", "loperamide", "polyethylene glycol 3350", "fluticasone propionate",
  "triamcinolone", "nicotine", "permethrin",
]);

const OTHER_DRUGS = new Map<DrugFact, DrugFact[]>();

/** Drugs that can be a wrong answer to this one's name questions: no shared moiety, no shared OTC umbrella brand (cached). */
function otherDrugs(drug: DrugFact): DrugFact[] {
  let others = OTHER_DRUGS.get(drug);
  if (!others) {
    const umbrella = OTC_UMBRELLA_BRANDS.has(drug.generic);
    others = DRUGS.filter((other) => other !== drug && !sharesMoiety(drug, other) && !(umbrella && OTC_UMBRELLA_BRANDS.has(other.generic)));
    OTHER_DRUGS.set(drug, others);
  }
  return others;
}

export function buildBrandItems(): ItemContent[] {
  return DRUGS.filter((drug) => drug.brands.length > 0).map((drug) => {
    const code = `drug-brand-${drugSlug(drug)}`;
    const rng = rngFor(code);
    const candidates = otherDrugs(drug).filter((o) => o.brands.length > 0);
    const brandOf = (o: DrugFact) => o.brands[0];
    const wrong = pickWrong(rng, candidates.filter((o) => sameClass(drug, o)).map(brandOf), candidates.map(brandOf), 3, drug.brands);
    const owners = wrong.map((b) => `${b} is ${drugDisplayName(brandOwner(b)!)}`);
    const also = drug.brands.length > 1 ? ` Other brands of ${drugDisplayName(drug)}: ${drug.brands.slice(1).join(", ")}.` : "";
    return makeItem(
      {
        code,
        stem: `Which is a brand name for ${drugDisplayName(drug)}?`,
        correct: [drug.brands[0]],
        wrong,
        explanation: `${drug.brands[0]} is a brand of ${drugDisplayName(drug)} (${DRUG_CLASSES[drug.classes[0]].name}).${also} The other options are brands of other drugs: ${listText(owners)}.`,
        reference: DRUG_REFERENCE,
        domain: "medications",
        subtopic: "1.1",
        difficulty: 1,
        family: "drugs:brand",
      },
      rng,
    );
  });
}

export function buildGenericItems(): ItemContent[] {
  return DRUGS.flatMap((drug) =>
    drug.brands.map((brand) => {
      const code = `drug-generic-${slugify(brand)}`;
      const rng = rngFor(code);
      const candidates = otherDrugs(drug);
      const name = drugDisplayName;
      const wrong = pickWrong(rng, candidates.filter((o) => sameClass(drug, o)).map(name), candidates.map(name), 3, [name(drug)]);
      const others = wrong.map((g) => {
        const owner = DRUGS.find((o) => name(o) === g)!;
        return owner.brands.length > 0 ? `${g} is sold as ${owner.brands[0]}` : `${g} has no widely known brand`;
      });
      return makeItem(
        {
          code,
          stem: `${brand} is a brand name for which generic drug?`,
          correct: [name(drug)],
          wrong,
          explanation: `${brand} is ${name(drug)} (class: ${DRUG_CLASSES[drug.classes[0]].name}). The other options are other drugs: ${listText(others)}.`,
          reference: DRUG_REFERENCE,
          domain: "medications",
          subtopic: "1.1",
          difficulty: 1,
          family: "drugs:generic",
        },
        rng,
      );
    }),
  );
}

/** Classes a drug may be offered as a wrong answer: not its own, not one it could fairly claim, not one of an overlapping family. */
export function wrongClassesFor(drug: DrugFact): DrugClass[] {
  const own = classesOf(drug);
  const families = new Set([...own].map((c) => (DRUG_CLASSES[c] as { family?: string }).family).filter(Boolean));
  return (Object.keys(DRUG_CLASSES) as DrugClass[]).filter((c) => {
    const def = DRUG_CLASSES[c] as { family?: string; neverDistractor?: boolean };
    if (own.has(c) || def.neverDistractor) return false;
    if (def.family && families.has(def.family)) return false;
    return PRIMARY_CLASSES.has(c);
  });
}

/** Classes some drug is asked about: the only ones worth offering as wrong answers. */
const PRIMARY_CLASSES: ReadonlySet<DrugClass> = new Set(DRUGS.map((d) => d.classes[0]));

function exampleOfClass(c: DrugClass): string {
  const example = DRUGS.find((d) => d.classes[0] === c);
  return example ? drugDisplayName(example) : "";
}

export function buildClassItems(): ItemContent[] {
  return DRUGS.filter((drug) => drug.classes.length === 1).map((drug) => {
    const code = `drug-class-${drugSlug(drug)}`;
    const rng = rngFor(code);
    const key = drug.classes[0];
    const area = DRUG_CLASSES[key].area;
    const allowed = wrongClassesFor(drug);
    const wrongClasses = pickWrong(
      rng,
      allowed.filter((c) => DRUG_CLASSES[c].area === area).map((c) => DRUG_CLASSES[c].name),
      allowed.map((c) => DRUG_CLASSES[c].name),
      3,
      [DRUG_CLASSES[key].name],
    );
    const byName = (n: string) => (Object.keys(DRUG_CLASSES) as DrugClass[]).find((c) => DRUG_CLASSES[c].name === n)!;
    const others = wrongClasses.map((n) => `${n} (e.g., ${exampleOfClass(byName(n))})`);
    return makeItem(
      {
        code,
        stem: `Which drug class does ${withBrand(drug)} belong to?`,
        correct: [DRUG_CLASSES[key].name],
        wrong: wrongClasses,
        explanation: `${capitalize(drugDisplayName(drug))} is in the class "${DRUG_CLASSES[key].name}". The other options are classes of other drugs: ${listText(others)}.`,
        reference: DRUG_REFERENCE,
        domain: "medications",
        subtopic: "1.1",
        difficulty: 2,
        family: "drugs:class",
      },
      rng,
    );
  });
}

/** Uses that are safely wrong for a drug: not its own or its class-mates', and from a therapeutic area it has no use in. */
export function wrongUsesFor(drug: DrugFact): Indication[] {
  const own = usesOf(drug);
  for (const mate of DRUGS) {
    if (mate === drug || !sameClass(drug, mate)) continue;
    for (const use of mate.uses) own.add(use);
    for (const use of mate.alsoUsedFor ?? []) own.add(use);
  }
  const areas = new Set([...usesOf(drug)].map((u) => INDICATIONS[u].area));
  return (Object.keys(INDICATIONS) as Indication[]).filter((u) => LISTED_USES.has(u) && !own.has(u) && !areas.has(INDICATIONS[u].area));
}

/** Uses some drug in the table has: the only ones offered as wrong answers. */
const LISTED_USES: ReadonlySet<Indication> = new Set(DRUGS.flatMap((d) => d.uses));

function exampleOfUse(use: Indication): string {
  const example = DRUGS.find((d) => d.uses[0] === use) ?? DRUGS.find((d) => d.uses.includes(use));
  return example ? drugDisplayName(example) : "";
}

export function buildIndicationItems(): ItemContent[] {
  return DRUGS.filter((drug) => !drug.skipUseQuestion).map((drug) => {
    const code = `drug-use-${drugSlug(drug)}`;
    const rng = rngFor(code);
    const key = drug.uses[0];
    // One wrong use per therapeutic area, so two options never overlap (e.g. two kinds of diabetes).
    const byArea = new Map<string, Indication[]>();
    for (const use of wrongUsesFor(drug)) byArea.set(INDICATIONS[use].area, [...(byArea.get(INDICATIONS[use].area) ?? []), use]);
    const areas = pickWrong(rng, [], [...byArea.keys()], 3, []);
    const wrongUses = areas.map((area) => INDICATIONS[rng.pick(byArea.get(area)!)].text);
    const byText = (t: string) => (Object.keys(INDICATIONS) as Indication[]).find((u) => INDICATIONS[u].text === t)!;
    const others = wrongUses.map((t) => `${lowerFirst(t)} (e.g., ${exampleOfUse(byText(t))})`);
    const alsoUses = drug.uses.slice(1).map((u) => lowerFirst(INDICATIONS[u].text));
    const also = alsoUses.length > 0 ? ` It is also used for ${alsoUses.join(", ")}.` : "";
    return makeItem(
      {
        code,
        stem: `Which is an FDA-labeled use of ${withBrand(drug)}?`,
        correct: [INDICATIONS[key].text],
        wrong: wrongUses,
        explanation: `${capitalize(drugDisplayName(drug))} (class: ${DRUG_CLASSES[drug.classes[0]].name}) is used for ${lowerFirst(INDICATIONS[key].text)}.${also} The other options are uses of other drugs: ${listText(others)}.`,
        reference: DRUG_REFERENCE,
        domain: "medications",
        subtopic: "1.6",
        difficulty: 2,
        family: "drugs:indication",
      },
      rng,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Drug table: federal schedules and the rules that follow from them

const SCHEDULE_OPTIONS: readonly string[] = [...DEA_SCHEDULES.map((s) => scheduleLabel(s)), scheduleLabel(null)];
const SCHEDULE_REFERENCE = "DEA schedules, 21 CFR 1308.12–1308.15; Controlled Substances Act (21 U.S.C. 812)";

function scheduledDrugs(): DrugFact[] {
  return DRUGS.filter((d) => d.schedule !== null);
}

export function buildScheduleItems(): ItemContent[] {
  return DRUGS.filter((d) => d.schedule !== null || d.askSchedule).map((drug) => {
    const code = `drug-schedule-${drugSlug(drug)}`;
    const key = scheduleLabel(drug.schedule);
    const sameSchedule = DRUGS.filter((o) => o !== drug && o.schedule === drug.schedule && o.schedule !== null)
      .slice(0, 3)
      .map((o) => drugDisplayName(o));
    const peers = sameSchedule.length > 0 ? ` Other ${drug.schedule} drugs include ${sameSchedule.join(", ")}.` : "";
    const note = drug.scheduleNote ? ` Note: ${drug.scheduleNote}.` : "";
    const what = drug.schedule === null ? `${capitalize(drugDisplayName(drug))} is not a federally controlled substance.` : `${capitalize(drugDisplayName(drug))} is in ${key} under federal law.`;
    return makeItem(
      {
        code,
        stem: `Under federal law, which DEA schedule is ${withBrand(drug)} in?`,
        correct: [key],
        wrong: SCHEDULE_OPTIONS.filter((o) => o !== key),
        order: SCHEDULE_OPTIONS,
        explanation: `${what}${note}${peers} The other schedules hold other drugs; states may add stricter schedules of their own.`,
        reference: SCHEDULE_REFERENCE,
        domain: "federal",
        subtopic: "2.2",
        difficulty: 2,
        family: "drugs:schedule",
      },
      rngFor(code),
    );
  });
}

function distinctRuleValues(attribute: CsRuleAttribute): string[] {
  return [...new Set(DEA_SCHEDULES.map((s) => CONTROLLED_SUBSTANCE_RULES[s][attribute].text))];
}

function scheduleRuleItem(drug: DrugFact, attribute: CsRuleAttribute, codePrefix: string, stem: string, family: string, difficulty: ItemDifficulty): ItemContent {
  const schedule = drug.schedule as DeaSchedule;
  const code = `${codePrefix}-${drugSlug(drug)}`;
  const rng = rngFor(code);
  const rule = CONTROLLED_SUBSTANCE_RULES[schedule][attribute];
  const def = CS_RULE_ATTRIBUTE_DEFS[attribute];
  const wrong = pickWrong(rng, distinctRuleValues(attribute), def.wrongForAll, 3, [rule.text]);
  return makeItem(
    {
      code,
      stem,
      correct: [rule.text],
      wrong,
      explanation: `${capitalize(drugDisplayName(drug))} is ${schedule}, so the federal rule is: ${lowerFirst(rule.text)} (${rule.reference}). The other options are the rules for other schedules or are not federal rules.`,
      reference: `${rule.reference}; ${SCHEDULE_REFERENCE}`,
      domain: "federal",
      subtopic: def.subtopic,
      difficulty,
      family,
    },
    rng,
  );
}

export function buildRefillItems(): ItemContent[] {
  return scheduledDrugs().map((drug) =>
    scheduleRuleItem(drug, "refills", "drug-refills", `A new prescription for ${withBrand(drug)} is presented. Under federal law, how many refills may it carry?`, "drugs:refills", 2),
  );
}

export function buildOrderFormItems(): ItemContent[] {
  return scheduledDrugs().map((drug) =>
    scheduleRuleItem(drug, "orderForm", "drug-order", `Under federal law, what does a pharmacy need to order ${withBrand(drug)} from its wholesaler?`, "drugs:order-form", 2),
  );
}

export function buildInventoryItems(): ItemContent[] {
  return scheduledDrugs()
    .filter((d) => d.generic !== "testosterone")
    .map((drug) =>
      scheduleRuleItem(
        drug,
        "inventory",
        "drug-inventory",
        `During the biennial controlled-substance inventory, how must an opened container of 100 dosage units of ${withBrand(drug)} be counted?`,
        "drugs:inventory",
        3,
      ),
    );
}

// ---------------------------------------------------------------------------------------------
// Drug table: safety (high-alert, look-alike names, tall man lettering)

const ASKED_HIGH_ALERT: readonly HighAlertCategory[] = ["insulin", "opioid", "antithrombotic", "oralHypoglycemic", "immunosuppressant", "antiretroviral"];
const HIGH_ALERT_REFERENCE = HIGH_ALERT_SOURCE;

export function buildHighAlertItems(): ItemContent[] {
  return DRUGS.filter((d) => d.highAlert && d.highAlert.category !== "named").map((drug) => {
    const code = `drug-high-alert-${drugSlug(drug)}`;
    const rng = rngFor(code);
    const alert = drug.highAlert!;
    const category = HIGH_ALERT_CATEGORIES[alert.category];
    const wrong = pickWrong(rng, [], ASKED_HIGH_ALERT.filter((c) => c !== alert.category).map((c) => HIGH_ALERT_CATEGORIES[c].name), 3, [category.name]);
    const others = wrong.map((name) => {
      const c = (Object.keys(HIGH_ALERT_CATEGORIES) as HighAlertCategory[]).find((k) => HIGH_ALERT_CATEGORIES[k].name === name)!;
      const example = DRUGS.find((d) => d.highAlert?.category === c);
      return example ? `${name} (e.g., ${drugDisplayName(example)})` : name;
    });
    return makeItem(
      {
        code,
        stem: `ISMP lists ${withBrand(drug)} as a high-alert medication. Under which ISMP category does it fall?`,
        correct: [category.name],
        wrong,
        explanation: `${capitalize(drugDisplayName(drug))} falls under "${category.name}" on ISMP's ${alert.settings.join(" and ")} list${alert.settings.length > 1 ? "s" : ""}: an error can cause ${category.harm}. The other options are categories for other drugs: ${listText(others)}.`,
        reference: HIGH_ALERT_REFERENCE,
        domain: "safety",
        subtopic: "3.1",
        difficulty: 2,
        family: "drugs:high-alert",
      },
      rng,
    );
  });
}

const TALL_MAN_REFERENCE = TALL_MAN_SOURCE;

function hasTallManLetters(name: string): boolean {
  return tallManLetters(name).length > 0;
}

/** The name as a prescriber would write it without tall man letters: lowercase, brands capitalized. */
export function plainName(name: string): string {
  const lower = name.toLowerCase();
  return TALL_MAN_BRANDS.has(name) ? capitalize(lower) : lower;
}

function tallManLists(name: string): string {
  const lists = new Set(TALL_MAN_PAIRS.filter((p) => p.names.includes(name)).map((p) => p.list));
  return [...lists].join(" and ");
}

/**
 * Wrong answers: other runs of the same name's letters, of about the same length. Runs that
 * share at most one letter with the listed run come first; then runs that share less than half
 * of it (never one that contains it or sits inside it).
 */
function otherLetterRuns(name: string): { clear: string[]; close: string[] } {
  const plain = name.toLowerCase();
  const key = tallManLetters(name);
  const keyStart = name.indexOf(key);
  const keyEnd = keyStart + key.length;
  const clear = new Map<string, number>();
  const close = new Map<string, number>();
  for (let i = 0; i < plain.length; i++) {
    for (let j = i + 3; j <= plain.length && j - i <= key.length + 3; j++) {
      const text = plain.slice(i, j).toUpperCase();
      if (text.includes(key) || key.includes(text)) continue;
      const overlap = Math.max(0, Math.min(j, keyEnd) - Math.max(i, keyStart));
      const distance = Math.abs(j - i - key.length);
      if (overlap <= 1 && distance <= 2) clear.set(text, distance);
      else if (overlap * 2 < key.length) close.set(text, distance);
    }
  }
  const ordered = (runs: Map<string, number>) => [...runs].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([text]) => text);
  return { clear: ordered(clear), close: ordered(close) };
}

export function buildTallManFormItems(): ItemContent[] {
  return tallManNames()
    .filter(hasTallManLetters)
    .map((name) => {
      const code = `tall-man-form-${slugify(name)}`;
      const rng = rngFor(code);
      const key = tallManLetters(name);
      const runs = otherLetterRuns(name);
      const wrong = pickWrong(rng, runs.clear.slice(0, 10), runs.close.slice(0, 10), 3, [key]);
      const partners = tallManPartners(name);
      return makeItem(
        {
          code,
          stem: `The FDA and ISMP lists write ${plainName(name)} with tall man letters to set it apart from ${partners.map(plainName).join(" and ")}. Which letters are written in capitals?`,
          correct: [key],
          wrong,
          explanation: `The ${tallManLists(name)} list writes ${name} (and ${partners.join(", ")}): the capitals ${key} mark the letters that differ. Capitalizing other letters (${wrong.join(", ")}) would not match the shared standard that labels, shelves and screens use.`,
          reference: TALL_MAN_REFERENCE,
          domain: "safety",
          subtopic: "3.2",
          difficulty: 1,
          family: "tall-man:form",
        },
        rng,
      );
    });
}

/** Insulin brands look alike across pairs too; the lists' pairings among them are not all confirmed, so they are never offered against each other. */
const INSULIN_BRANDS: ReadonlySet<string> = new Set(["HumaLOG", "HumuLIN", "NovoLOG", "NovoLIN"]);

export function buildTallManPartnerItems(): ItemContent[] {
  const names = tallManNames();
  return names.map((name) => {
    const code = `tall-man-partner-${slugify(name)}`;
    const rng = rngFor(code);
    const partners = tallManPartners(name);
    const key = partners[0];
    const prefix = (n: string) => n.toLowerCase().slice(0, 4);
    // A brand is offered against brands and a generic against generics, so no option is the same drug under its other name.
    const isBrand = TALL_MAN_BRANDS.has(name);
    const candidates = names.filter(
      (n) =>
        n !== name &&
        !partners.includes(n) &&
        TALL_MAN_BRANDS.has(n) === isBrand &&
        !(INSULIN_BRANDS.has(n) && INSULIN_BRANDS.has(name)) &&
        prefix(n) !== prefix(name) &&
        prefix(n) !== prefix(key),
    );
    const wrong = pickWrong(rng, [], candidates, 3, [name, ...partners]);
    const others = wrong.map((n) => `${n} is paired with ${tallManPartners(n).join(" and ")}`);
    const more = partners.length > 1 ? ` ${name} is also paired with ${partners.slice(1).join(" and ")}.` : "";
    return makeItem(
      {
        code,
        stem: `Which name is listed as a look-alike partner of ${name} on the FDA and ISMP tall man lists?`,
        correct: [key],
        wrong,
        explanation: `The ${tallManLists(name)} list pairs ${name} with ${key}; the tall man letters mark where the names differ.${more} The other options are on the lists with other partners: ${listText(others)}.`,
        reference: TALL_MAN_REFERENCE,
        domain: "safety",
        subtopic: "3.1",
        difficulty: 2,
        family: "tall-man:partner",
      },
      rng,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// ISMP error-prone abbreviations and dose designations

function overlaps(a: IsmpAbbreviation, b: IsmpAbbreviation): boolean {
  return a === b || (a.groups ?? []).some((g) => (b.groups ?? []).includes(g));
}

function ismpItems(field: "useInstead" | "misreadAs"): ItemContent[] {
  return ISMP_ABBREVIATIONS.map((row) => {
    const isUse = field === "useInstead";
    const code = `ismp-${isUse ? "use-instead" : "misread"}-${row.slug}`;
    const rng = rngFor(code);
    const pool = ISMP_ABBREVIATIONS.filter((o) => !overlaps(row, o));
    const wrong = pickWrong(rng, [], pool.map((o) => o[field]), 3, [row[field]]);
    const stem = isUse
      ? `ISMP lists "${row.abbreviation}" (intended: ${row.intended}) as error-prone. What should be written instead?`
      : `ISMP lists "${row.abbreviation}" (intended: ${row.intended}) as error-prone. What can it be misread as?`;
    const others = wrong.map((w) => {
      const owner = pool.find((o) => o[field] === w)!;
      return `"${w}" goes with ${owner.abbreviation}`;
    });
    return makeItem(
      {
        code,
        stem,
        correct: [row[field]],
        wrong,
        explanation: `"${row.abbreviation}" (meant as ${row.intended}) can be misread as ${row.misreadAs}; write ${row.useInstead} instead. The other options belong to other entries on the ISMP list: ${listText(others)}.`,
        reference: ISMP_ABBREVIATIONS_SOURCE,
        domain: "safety",
        subtopic: "3.2",
        difficulty: isUse ? 1 : 2,
        family: isUse ? "ismp:use-instead" : "ismp:misread",
      },
      rng,
    );
  });
}

export function buildIsmpUseInsteadItems(): ItemContent[] {
  return ismpItems("useInstead");
}

export function buildIsmpMisreadItems(): ItemContent[] {
  return ismpItems("misreadAs");
}

function decimalText(value: number): string {
  return String(Number(value.toFixed(6)));
}

export function buildDoseExpressionItems(): ItemContent[] {
  return DOSE_EXPRESSION_EXAMPLES.map((example) => {
    const value = Number(example.dose);
    const isFraction = value < 1;
    const written = isFraction ? `${example.dose.slice(1)} ${example.unit}` : `${example.dose}.0 ${example.unit}`;
    const correct = `${example.dose} ${example.unit}`;
    const wrong = isFraction
      ? [written, `${example.dose}0 ${example.unit}`, `${decimalText(value * 10)} ${example.unit}`]
      : [written, `${example.dose}.00 ${example.unit}`, `${decimalText(value * 10)} ${example.unit}`];
    const code = `ismp-dose-${slugify(example.generic)}-${slugify(example.dose)}`;
    const rule = isFraction
      ? `a dose below 1 always gets a leading zero (${correct}); "${written}" can be read as ${decimalText(Number(example.dose.slice(1).replace(/^\./, "")))} ${example.unit} if the decimal point is missed`
      : `a whole-number dose never gets a trailing zero (${correct}); "${written}" can be read as ${decimalText(value * 10)} ${example.unit} if the decimal point is missed`;
    return makeItem(
      {
        code,
        stem: `A prescription reads "${example.generic} ${written}". How should the dose be written to follow ISMP's list of error-prone dose designations?`,
        correct: [correct],
        wrong,
        explanation: `ISMP: ${rule}. ${wrong[1]} adds a trailing zero and ${wrong[2]} is a ten-fold different dose.`,
        reference: ISMP_ABBREVIATIONS_SOURCE,
        domain: "safety",
        subtopic: "3.2",
        difficulty: 1,
        family: "ismp:dose",
      },
      rngFor(code),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Sig codes

function sigSlug(row: SigCode): string {
  return row.slug ?? slugify(row.code);
}

/** Two sig codes a reader could confuse as the same: equivalents (either direction), the same letters, or the same meaning. */
function sigClash(a: SigCode, b: SigCode): boolean {
  if (a === b) return true;
  if (a.code.toLowerCase() === b.code.toLowerCase()) return true;
  if (normalizeOption(a.meaning) === normalizeOption(b.meaning)) return true;
  return (a.equivalents ?? []).includes(b.code) || (b.equivalents ?? []).includes(a.code);
}

function ismpNote(row: SigCode): string {
  if (!row.ismp) return "";
  const entry = ISMP_ABBREVIATIONS.find((a) => a.slug === row.ismp);
  return entry ? ` ISMP lists "${entry.abbreviation}" as error-prone (it can be misread as ${entry.misreadAs}); write ${entry.useInstead} instead.` : "";
}

export function buildSigMeaningItems(): ItemContent[] {
  return SIG_CODES.map((row) => {
    const code = `sig-meaning-${sigSlug(row)}`;
    const rng = rngFor(code);
    const pool = SIG_CODES.filter((o) => !sigClash(row, o));
    const wrong = pickWrong(
      rng,
      pool.filter((o) => o.category === row.category).map((o) => o.meaning),
      pool.map((o) => o.meaning),
      3,
      [row.meaning],
    );
    const others = wrong.map((m) => `"${pool.find((o) => o.meaning === m)!.code}" means ${m}`);
    return makeItem(
      {
        code,
        stem: `What does the abbreviation "${row.code}" mean${row.context ? ` ${row.context}` : ""}?`,
        correct: [row.meaning],
        wrong,
        explanation: `"${row.code}" means ${row.meaning}.${ismpNote(row)} The other options are meanings of other abbreviations: ${listText(others)}.`,
        reference: row.ismp ? `${SIG_CODES_SOURCE}; ${ISMP_ABBREVIATIONS_SOURCE}` : SIG_CODES_SOURCE,
        domain: "order_entry",
        subtopic: "4.2",
        difficulty: 1,
        family: "sig:meaning",
      },
      rng,
    );
  });
}

export function buildSigCodeItems(): ItemContent[] {
  return SIG_CODES.filter((row) => !row.ismp).map((row) => {
    const code = `sig-code-${sigSlug(row)}`;
    const rng = rngFor(code);
    const pool = SIG_CODES.filter((o) => !sigClash(row, o));
    const wrong = pickWrong(
      rng,
      pool.filter((o) => o.category === row.category).map((o) => o.code),
      pool.map((o) => o.code),
      3,
      [row.code],
    );
    const others = wrong.map((c) => `"${c}" means ${pool.find((o) => o.code === c)!.meaning}`);
    return makeItem(
      {
        code,
        stem: `Which abbreviation means "${row.meaning}"?`,
        correct: [row.code],
        wrong,
        explanation: `"${row.code}" means ${row.meaning}. ${capitalize(listText(others))}.`,
        reference: SIG_CODES_SOURCE,
        domain: "order_entry",
        subtopic: "4.2",
        difficulty: 1,
        family: "sig:code",
      },
      rng,
    );
  });
}

interface SigParts {
  quantity: 1 | 2;
  form: "tab" | "cap" | "supp";
  route: "po" | "pr" | "sl";
  frequency: string;
  modifier: "" | "prn" | "ac" | "pc";
}

function sigRow(code: string): SigCode {
  const row = SIG_CODES.find((r) => r.code === code);
  if (!row?.sigPhrase) throw new Error(`sig code ${code} has no sig phrase`);
  return row;
}

const ROUTE_VERBS: Record<SigParts["route"], string> = { po: "Take", pr: "Insert", sl: "Dissolve" };

function sigText(p: SigParts): string {
  return [String(p.quantity), p.form, p.route, p.frequency, p.modifier].filter(Boolean).join(" ");
}

function sigTranslation(p: SigParts): string {
  const singular = sigRow(p.form).sigPhrase!;
  const noun = p.quantity === 1 ? singular : singular.endsWith("y") ? `${singular.slice(0, -1)}ies` : `${singular}s`;
  const parts = [ROUTE_VERBS[p.route], String(p.quantity), noun, sigRow(p.route).sigPhrase, sigRow(p.frequency).sigPhrase];
  if (p.modifier) parts.push(sigRow(p.modifier).sigPhrase!);
  return parts.join(" ");
}

const MEAL_FREQUENCIES = ["bid", "tid", "qid"];
const PRN_FREQUENCIES = ["q4h", "q6h", "q8h", "q12h", "q4-6h"];
const ORAL_FREQUENCIES = ["bid", "tid", "qid", "q4h", "q6h", "q8h", "q12h", "q4-6h", "qam", "qpm"];

/** All sensible sigs from the table's codes; the builder keeps a fixed, hash-ordered share of them. */
function sigCombinations(): SigParts[] {
  const out: SigParts[] = [];
  for (const quantity of [1, 2] as const) {
    for (const form of ["tab", "cap"] as const) {
      for (const frequency of ORAL_FREQUENCIES) {
        out.push({ quantity, form, route: "po", frequency, modifier: "" });
        if (MEAL_FREQUENCIES.includes(frequency)) {
          out.push({ quantity, form, route: "po", frequency, modifier: "ac" });
          out.push({ quantity, form, route: "po", frequency, modifier: "pc" });
        }
        if (PRN_FREQUENCIES.includes(frequency)) out.push({ quantity, form, route: "po", frequency, modifier: "prn" });
      }
    }
  }
  for (const frequency of ["q12h", "bid"]) out.push({ quantity: 1, form: "supp", route: "pr", frequency, modifier: "prn" });
  return out;
}

function sigVariants(p: SigParts, rng: Random): SigParts[] {
  const frequencies = ORAL_FREQUENCIES.filter((f) => f !== p.frequency && !sigClash(sigRow(f), sigRow(p.frequency)));
  const variants: SigParts[] = [
    { ...p, frequency: rng.pick(frequencies) },
    { ...p, quantity: p.quantity === 1 ? 2 : 1 },
    p.form === "supp" ? { ...p, route: "sl" } : { ...p, form: p.form === "tab" ? "cap" : "tab" },
    p.route === "po" ? { ...p, route: "sl" } : { ...p, route: "po" },
    p.modifier === "ac" ? { ...p, modifier: "pc" } : p.modifier === "pc" ? { ...p, modifier: "ac" } : p.modifier === "prn" ? { ...p, modifier: "" } : { ...p, frequency: rng.pick(frequencies) },
  ];
  return variants;
}

export const SIG_TRANSLATION_COUNT = 60;

export function buildSigTranslationItems(): ItemContent[] {
  const combos = sigCombinations()
    .map((p) => ({ p, code: `sig-translate-${slugify(sigText(p))}` }))
    .sort((a, b) => hashCode(a.code) - hashCode(b.code) || (a.code < b.code ? -1 : 1))
    .slice(0, SIG_TRANSLATION_COUNT);
  return combos.map(({ p, code }) => {
    const rng = rngFor(code);
    const correct = sigTranslation(p);
    const wrong = pickWrong(rng, sigVariants(p, rng).map(sigTranslation), [], 3, [correct]);
    const gloss = [
      `${p.quantity} = ${p.quantity === 1 ? "one" : "two"}`,
      ...[p.form, p.route, p.frequency, p.modifier].filter(Boolean).map((c) => `${c} = ${sigRow(c).meaning}`),
    ];
    return makeItem(
      {
        code,
        stem: `Translate the sig "${sigText(p)}".`,
        correct: [correct],
        wrong,
        explanation: `${gloss.join("; ")}. So: "${correct}". Each other option changes one part (quantity, dose form, route, frequency or timing).`,
        reference: SIG_CODES_SOURCE,
        domain: "order_entry",
        subtopic: "4.2",
        difficulty: 2,
        family: "sig:translate",
      },
      rng,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Controlled-substance rules, federal facts, DEA forms

function romanOf(schedule: DeaSchedule): string {
  return schedule.slice(2);
}

export function buildCsRuleItems(): ItemContent[] {
  const items: ItemContent[] = [];
  for (const attribute of CS_RULE_ATTRIBUTES) {
    const def = CS_RULE_ATTRIBUTE_DEFS[attribute];
    for (const schedule of DEA_SCHEDULES) {
      const rule = CONTROLLED_SUBSTANCE_RULES[schedule][attribute];
      const code = `cs-rule-${slugify(attribute)}-${slugify(schedule)}`;
      const rng = rngFor(code);
      const wrong = pickWrong(rng, distinctRuleValues(attribute), def.wrongForAll, 3, [rule.text]);
      const others = DEA_SCHEDULES.filter((s) => CONTROLLED_SUBSTANCE_RULES[s][attribute].text !== rule.text).map(
        (s) => `${s}: ${lowerFirst(CONTROLLED_SUBSTANCE_RULES[s][attribute].text)}`,
      );
      const note = attribute === "refills" && schedule === "C-II" ? ` ${CS_NOTES.partialFillC2}.` : attribute === "refills" && schedule !== "C-II" ? ` ${CS_NOTES.transferC3to5}.` : "";
      items.push(
        makeItem(
          {
            code,
            stem: `Under federal law, for a Schedule ${romanOf(schedule)} (${schedule}) controlled substance, ${def.question}?`,
            correct: [rule.text],
            wrong,
            explanation: `For ${schedule}: ${lowerFirst(rule.text)} (${rule.reference}).${note} For comparison — ${listText(others)}.`,
            reference: `${rule.reference}; ${CONTROLLED_SUBSTANCE_RULES_SOURCE}`,
            domain: "federal",
            subtopic: def.subtopic,
            difficulty: 2,
            family: "cs-rules:rule",
          },
          rng,
        ),
      );
    }
    for (const value of distinctRuleValues(attribute)) {
      const schedules = DEA_SCHEDULES.filter((s) => CONTROLLED_SUBSTANCE_RULES[s][attribute].text === value);
      const code = `cs-rule-which-${slugify(attribute)}-${schedules.map((s) => slugify(s)).join("-")}`;
      const labels = DEA_SCHEDULES.map((s) => scheduleLabel(s));
      const correct = schedules.map((s) => scheduleLabel(s));
      const many = schedules.length > 1;
      items.push(
        makeItem(
          {
            code,
            stem: `Under federal law, ${many ? "which schedules does" : "which schedule does"} this rule on ${def.label} apply to: "${value}"?${many ? " Select all that apply." : ""}`,
            correct,
            wrong: labels.filter((l) => !correct.includes(l)),
            order: labels,
            explanation: `The rule applies to ${joinAnd(schedules)} (${CONTROLLED_SUBSTANCE_RULES[schedules[0]][attribute].reference}). ${DEA_SCHEDULES.filter((s) => !schedules.includes(s))
              .map((s) => `${s}: ${lowerFirst(CONTROLLED_SUBSTANCE_RULES[s][attribute].text)}`)
              .join("; ")}.`,
            reference: CONTROLLED_SUBSTANCE_RULES_SOURCE,
            domain: "federal",
            subtopic: def.subtopic,
            difficulty: many ? 3 : 2,
            family: "cs-rules:which-schedules",
          },
          rngFor(code),
        ),
      );
    }
  }
  return items;
}

export function buildFederalFactItems(): ItemContent[] {
  return FEDERAL_FACTS.map((fact) => {
    const code = `federal-fact-${fact.id}`;
    const rng = rngFor(code);
    const sameDimension = FEDERAL_FACTS.filter((o) => o !== fact && o.dimension === fact.dimension).map((o) => o.answer);
    const wrong = pickWrong(rng, sameDimension, fact.wrongAnswers ?? [], 3, [fact.answer]);
    return makeItem(
      {
        code,
        stem: fact.stem,
        correct: [fact.answer],
        wrong,
        explanation: `${fact.explanation} The other options are other federal limits or are not the federal rule.`,
        reference: fact.reference,
        domain: "federal",
        subtopic: fact.subtopic,
        difficulty: 2,
        family: "federal-facts:fact",
      },
      rng,
    );
  });
}

export function buildDeaFormItems(): ItemContent[] {
  return DEA_FORMS.flatMap((form) => {
    const others = DEA_FORMS.filter((o) => o !== form);
    const codeWhich = `dea-form-which-${slugify(form.form)}`;
    const codePurpose = `dea-form-purpose-${slugify(form.form)}`;
    const summary = others.map((o) => `${o.form}: ${lowerFirst(o.purpose)}`).join("; ");
    return [
      makeItem(
        {
          code: codeWhich,
          stem: `Which DEA form is used for ${lowerFirst(form.purpose)}?`,
          correct: [form.form],
          wrong: others.map((o) => o.form),
          explanation: `${form.form}: ${lowerFirst(form.purpose)} (${form.reference}). ${summary}.`,
          reference: `${form.reference}; ${DEA_FORMS_SOURCE}`,
          domain: "federal",
          subtopic: form.subtopic,
          difficulty: 1,
          family: "dea-forms:form",
        },
        rngFor(codeWhich),
      ),
      makeItem(
        {
          code: codePurpose,
          stem: `What is ${form.form} used for?`,
          correct: [form.purpose],
          wrong: others.map((o) => o.purpose),
          explanation: `${form.form}: ${lowerFirst(form.purpose)} (${form.reference}). ${summary}.`,
          reference: `${form.reference}; ${DEA_FORMS_SOURCE}`,
          domain: "federal",
          subtopic: form.subtopic,
          difficulty: 1,
          family: "dea-forms:purpose",
        },
        rngFor(codePurpose),
      ),
    ];
  });
}

/** Every table item, in a fixed order. */
export function buildTableItems(): ItemContent[] {
  return [
    ...buildBrandItems(),
    ...buildGenericItems(),
    ...buildClassItems(),
    ...buildIndicationItems(),
    ...buildScheduleItems(),
    ...buildRefillItems(),
    ...buildOrderFormItems(),
    ...buildInventoryItems(),
    ...buildCsRuleItems(),
    ...buildFederalFactItems(),
    ...buildDeaFormItems(),
    ...buildHighAlertItems(),
    ...buildTallManPartnerItems(),
    ...buildTallManFormItems(),
    ...buildIsmpUseInsteadItems(),
    ...buildIsmpMisreadItems(),
    ...buildDoseExpressionItems(),
    ...buildSigMeaningItems(),
    ...buildSigCodeItems(),
    ...buildSigTranslationItems(),
  ];
}
