/**
 * Pure checks over practice items: the structural rules every item must meet (`checkItems`) and
 * agreement with the drug table (`checkDrugFacts`). Both return problems instead of throwing, so a
 * test, the CLI or an import can report all of them at once.
 */
import type { ItemContent } from "../item.types.ts";
import { ALL_SUBTOPICS, PTCE_DOMAINS, subtopicDomain } from "../outline.ts";
import {
  DEA_SCHEDULES,
  DRUG_CLASSES,
  DRUGS,
  HIGH_ALERT_CATEGORIES,
  INDICATIONS,
  classesOf,
  drugDisplayName,
  drugMoieties,
  drugSlug,
  scheduleLabel,
  sharesMoiety,
  slugify,
  tallManLetters,
  tallManNames,
  tallManPartners,
  usesOf,
  type DeaSchedule,
  type DrugFact,
} from "./drugs.ts";
import { CONTROLLED_SUBSTANCE_RULES, type CsRuleAttribute } from "./reference-tables.ts";

export type ProblemRule =
  | "duplicate-code"
  | "code-format"
  | "duplicate-stem"
  | "stem"
  | "options"
  | "duplicate-option"
  | "option-id"
  | "key"
  | "key-count"
  | "domain"
  | "subtopic"
  | "difficulty"
  | "source"
  | "explanation"
  | "reference"
  | "drug-unknown"
  | "drug-key"
  | "drug-distractor"
  | "drug-pairing";

export interface ContentProblem {
  code: string;
  rule: ProblemRule;
  message: string;
}

/** Case, whitespace and punctuation do not make two stems different. */
export function normalizeStem(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function normalizeOptionText(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
}

const CODE_FORMAT = /^[a-z0-9][a-z0-9:._-]{1,79}$/;
const OPTION_IDS = "abcdef";
const SOURCES = new Set(["hand", "table", "generator", "custom"]);

/** Structural rules for every item (the same limits the item schema enforces for authored items, plus bank-wide uniqueness). */
export function checkItems(items: readonly ItemContent[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (code: string, rule: ProblemRule, message: string) => problems.push({ code, rule, message });
  const codes = new Map<string, number>();
  const stems = new Map<string, string>();

  for (const item of items) {
    const code = item.code;
    codes.set(code, (codes.get(code) ?? 0) + 1);
    if (codes.get(code) === 2) add(code, "duplicate-code", `code "${code}" is used by more than one item`);
    if (!CODE_FORMAT.test(code)) add(code, "code-format", "code must be 2–80 characters of lowercase letters, digits and - _ . :");

    const stem = normalizeStem(item.stem ?? "");
    if (stem.length < 5 || item.stem.trim().length < 10) add(code, "stem", "stem is missing or too short");
    else if (stems.has(stem)) add(code, "duplicate-stem", `same stem as ${stems.get(stem)}`);
    else stems.set(stem, code);

    const options = item.options ?? [];
    if (options.length < 2 || options.length > OPTION_IDS.length) add(code, "options", `has ${options.length} options; 2–${OPTION_IDS.length} allowed`);
    options.forEach((option, i) => {
      if (option.id !== OPTION_IDS[i]) add(code, "option-id", `option ${i + 1} has id "${option.id}"; expected "${OPTION_IDS[i] ?? "?"}" (a, b, c … in order)`);
      if (!option.text || option.text.trim().length === 0) add(code, "options", `option ${option.id} has no text`);
    });
    const texts = options.map((o) => normalizeOptionText(o.text ?? ""));
    const repeated = texts.filter((t, i) => texts.indexOf(t) !== i);
    if (repeated.length > 0) add(code, "duplicate-option", `options repeat: ${[...new Set(repeated)].join(", ")}`);

    const ids = new Set(options.map((o) => o.id));
    const key = item.key ?? [];
    if (key.length === 0) add(code, "key", "key is empty");
    for (const k of key) if (!ids.has(k)) add(code, "key", `key "${k}" is not one of the options`);
    if (new Set(key).size !== key.length) add(code, "key", "key repeats an option");
    if (item.kind === "single" && key.length !== 1) add(code, "key-count", `a single-answer item needs exactly one key; has ${key.length}`);
    if (item.kind === "multi" && (key.length < 2 || key.length >= options.length)) add(code, "key-count", `a multiple-response item needs at least two keys and at least one wrong option; has ${key.length} of ${options.length}`);
    if (item.kind !== "single" && item.kind !== "multi") add(code, "key-count", `unknown kind "${String(item.kind)}"`);

    if (!(PTCE_DOMAINS as readonly string[]).includes(item.domain)) add(code, "domain", `unknown domain "${item.domain}"`);
    if (!ALL_SUBTOPICS.has(item.subtopic)) add(code, "subtopic", `unknown subtopic "${item.subtopic}"`);
    else if (subtopicDomain(item.subtopic) !== item.domain) add(code, "subtopic", `subtopic ${item.subtopic} is not in the ${item.domain} domain`);
    if (![1, 2, 3].includes(item.difficulty)) add(code, "difficulty", `difficulty ${item.difficulty} is not 1, 2 or 3`);
    if (!SOURCES.has(item.source)) add(code, "source", `unknown source "${item.source}"`);
    if (!item.explanation || item.explanation.trim().length < 20) add(code, "explanation", "explanation is missing or shorter than 20 characters");
    if (!item.reference || item.reference.trim().length < 3) add(code, "reference", "reference is missing");
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Drug facts

function optionTexts(item: ItemContent): { key: string[]; wrong: string[] } {
  const keys = new Set(item.key);
  return {
    key: item.options.filter((o) => keys.has(o.id)).map((o) => o.text),
    wrong: item.options.filter((o) => !keys.has(o.id)).map((o) => o.text),
  };
}

const FAMILY_PREFIXES: Record<string, string> = {
  "drugs:brand": "drug-brand-",
  "drugs:generic": "drug-generic-",
  "drugs:class": "drug-class-",
  "drugs:indication": "drug-use-",
  "drugs:schedule": "drug-schedule-",
  "drugs:refills": "drug-refills-",
  "drugs:order-form": "drug-order-",
  "drugs:inventory": "drug-inventory-",
  "drugs:high-alert": "drug-high-alert-",
  "tall-man:form": "tall-man-form-",
  "tall-man:partner": "tall-man-partner-",
};

const RULE_OF_FAMILY: Record<string, CsRuleAttribute> = {
  "drugs:refills": "refills",
  "drugs:order-form": "orderForm",
  "drugs:inventory": "inventory",
};

/**
 * Re-derives, from the drug table alone, the key of every table item built from it and checks
 * that no wrong option is also right; and scans every item's text for a generic paired with a
 * brand ("atorvastatin (Lipitor)", "Lipitor (atorvastatin)", "Lipitor is the brand name of …")
 * or a schedule ("tramadol (C-IV)") that contradicts the table.
 */
export function checkDrugFacts(items: readonly ItemContent[], drugs: readonly DrugFact[] = DRUGS): ContentProblem[] {
  const index = new DrugIndex(drugs);
  const problems: ContentProblem[] = [];
  for (const item of items) {
    if (item.source === "table" && item.family && FAMILY_PREFIXES[item.family]) problems.push(...checkTableItem(item, index));
    problems.push(...checkPairings(item, index));
  }
  return problems;
}

class DrugIndex {
  readonly bySlug = new Map<string, DrugFact>();
  readonly byBrandSlug = new Map<string, DrugFact>();
  readonly byBrand = new Map<string, DrugFact>();
  readonly byBrandLower = new Map<string, DrugFact>();
  /** Lowercase generic names, full products and each component, to every product containing them. */
  readonly byName = new Map<string, DrugFact[]>();
  readonly brandsLongestFirst: string[];
  readonly namesLongestFirst: string[];

  constructor(readonly drugs: readonly DrugFact[]) {
    for (const drug of drugs) {
      this.bySlug.set(drugSlug(drug), drug);
      for (const brand of drug.brands) {
        this.byBrand.set(brand, drug);
        this.byBrandLower.set(brand.toLowerCase(), drug);
        this.byBrandSlug.set(slugify(brand), drug);
      }
      const names = new Set([drug.generic, drugDisplayName(drug), ...drug.generic.split("/").map((p) => p.trim()), ...drugMoieties(drug)]);
      for (const name of names) {
        const key = name.toLowerCase();
        if (key.length < 4) continue;
        const list = this.byName.get(key) ?? [];
        if (!list.includes(drug)) list.push(drug);
        this.byName.set(key, list);
      }
    }
    this.brandsLongestFirst = [...this.byBrand.keys()].sort((a, b) => b.length - a.length);
    this.namesLongestFirst = [...this.byName.keys()].sort((a, b) => b.length - a.length);
  }

  isClassName(text: string): boolean {
    return Object.values(DRUG_CLASSES).some((c) => c.name === text);
  }

  isIndicationText(text: string): boolean {
    return Object.values(INDICATIONS).some((u) => u.text === text);
  }
}

function checkTableItem(item: ItemContent, index: DrugIndex): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (rule: ProblemRule, message: string) => problems.push({ code: item.code, rule, message });
  const family = item.family!;
  const rest = item.code.slice(FAMILY_PREFIXES[family].length);
  if (!item.code.startsWith(FAMILY_PREFIXES[family])) {
    add("drug-unknown", `code does not start with ${FAMILY_PREFIXES[family]}`);
    return problems;
  }
  const { key, wrong } = optionTexts(item);
  const expectKey = (expected: string) => {
    if (key.length !== 1 || key[0] !== expected) add("drug-key", `key is "${key.join(" | ")}" but the table gives "${expected}"`);
  };

  if (family === "tall-man:form" || family === "tall-man:partner") {
    const name = tallManNames().find((n) => slugify(n) === rest);
    if (!name) return [{ code: item.code, rule: "drug-unknown", message: `no tall man name for "${rest}"` }];
    if (family === "tall-man:form") {
      const letters = tallManLetters(name);
      expectKey(letters);
      for (const w of wrong) if (w.toLowerCase() === letters.toLowerCase()) add("drug-distractor", `wrong option "${w}" is the capitalized part of ${name}`);
    } else {
      const partners = tallManPartners(name);
      if (key.length !== 1 || !partners.includes(key[0])) add("drug-key", `key "${key.join(" | ")}" is not a listed partner of ${name} (${partners.join(", ")})`);
      for (const w of wrong) if (partners.includes(w)) add("drug-distractor", `wrong option "${w}" is a listed partner of ${name}`);
    }
    return problems;
  }

  if (family === "drugs:generic") {
    const drug = index.byBrandSlug.get(rest);
    if (!drug) return [{ code: item.code, rule: "drug-unknown", message: `no drug has a brand with slug "${rest}"` }];
    expectKey(drugDisplayName(drug));
    for (const w of wrong) {
      const other = index.drugs.find((d) => drugDisplayName(d) === w);
      if (!other) add("drug-distractor", `wrong option "${w}" is not a drug in the table`);
      else if (other === drug || sharesMoiety(drug, other)) add("drug-distractor", `wrong option "${w}" contains the same drug as the key`);
    }
    return problems;
  }

  const drug = index.bySlug.get(rest);
  if (!drug) return [{ code: item.code, rule: "drug-unknown", message: `no drug in the table has slug "${rest}"` }];

  switch (family) {
    case "drugs:brand": {
      if (drug.brands.length === 0) add("drug-key", "the table lists no brand for this drug");
      else expectKey(drug.brands[0]);
      for (const w of wrong) {
        const owner = index.byBrand.get(w);
        if (!owner) add("drug-distractor", `wrong option "${w}" is not a brand in the table`);
        else if (owner === drug || sharesMoiety(drug, owner)) add("drug-distractor", `wrong option "${w}" is a brand of the same drug`);
      }
      break;
    }
    case "drugs:class": {
      expectKey(DRUG_CLASSES[drug.classes[0]].name);
      const own = new Set<string>([...classesOf(drug)].map((c) => DRUG_CLASSES[c].name));
      for (const w of wrong) {
        if (!index.isClassName(w)) add("drug-distractor", `wrong option "${w}" is not a class in the vocabulary`);
        if (own.has(w)) add("drug-distractor", `wrong option "${w}" is a class of ${drug.generic}`);
      }
      break;
    }
    case "drugs:indication": {
      expectKey(INDICATIONS[drug.uses[0]].text);
      const own = new Set<string>([...usesOf(drug)].map((u) => INDICATIONS[u].text));
      for (const w of wrong) {
        if (!index.isIndicationText(w)) add("drug-distractor", `wrong option "${w}" is not a use in the vocabulary`);
        if (own.has(w)) add("drug-distractor", `wrong option "${w}" is a use of ${drug.generic}`);
      }
      break;
    }
    case "drugs:schedule": {
      expectKey(scheduleLabel(drug.schedule));
      for (const w of wrong) if (w === scheduleLabel(drug.schedule)) add("drug-distractor", `wrong option "${w}" is the drug's schedule`);
      break;
    }
    case "drugs:refills":
    case "drugs:order-form":
    case "drugs:inventory": {
      if (drug.schedule === null) {
        add("drug-key", `${drug.generic} is not controlled, so it has no ${family} rule`);
        break;
      }
      const rule = CONTROLLED_SUBSTANCE_RULES[drug.schedule as DeaSchedule][RULE_OF_FAMILY[family]].text;
      expectKey(rule);
      for (const w of wrong) if (w === rule) add("drug-distractor", `wrong option "${w}" is the rule for ${drug.schedule}`);
      break;
    }
    case "drugs:high-alert": {
      if (!drug.highAlert) {
        add("drug-key", `${drug.generic} is not flagged high-alert in the table`);
        break;
      }
      expectKey(HIGH_ALERT_CATEGORIES[drug.highAlert.category].name);
      break;
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Generic–brand pairings in free text

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9-]/.test(ch);
}

/** Names (longest first, without overlaps) found in `text`; brands match case-sensitively, generics case-insensitively. */
function findNames(text: string, names: readonly string[], caseSensitive: boolean): string[] {
  const haystack = caseSensitive ? text : text.toLowerCase();
  const taken: boolean[] = new Array(text.length).fill(false);
  const found: string[] = [];
  for (const name of names) {
    const needle = caseSensitive ? name : name.toLowerCase();
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(needle, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + needle.length;
      if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
      if (taken.slice(at, end).some(Boolean)) continue;
      for (let i = at; i < end; i++) taken[i] = true;
      found.push(name);
    }
  }
  return found;
}

/** The name that `before` ends with (a generic or a brand), if any. */
function nameAtEnd(before: string, index: DrugIndex): { kind: "generic"; drugs: DrugFact[]; name: string } | { kind: "brand"; drug: DrugFact; name: string } | undefined {
  const trimmed = before.replace(/\s+$/, "");
  for (const brand of index.brandsLongestFirst) {
    if (trimmed.endsWith(brand) && !isWordChar(trimmed[trimmed.length - brand.length - 1])) return { kind: "brand", drug: index.byBrand.get(brand)!, name: brand };
  }
  const lower = trimmed.toLowerCase();
  for (const name of index.namesLongestFirst) {
    if (lower.endsWith(name) && !isWordChar(lower[lower.length - name.length - 1]) && lower[lower.length - name.length - 1] !== "/") {
      return { kind: "generic", drugs: index.byName.get(name)!, name };
    }
  }
  return undefined;
}

const SCHEDULE_IN_TEXT = /\bC-(II|III|IV|V)\b/g;

function checkPairings(item: ItemContent, index: DrugIndex): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  const add = (message: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    problems.push({ code: item.code, rule: "drug-pairing", message });
  };
  const texts = [item.stem, ...item.options.map((o) => o.text), item.explanation];
  for (const text of texts) {
    if (!text) continue;
    for (let open = text.indexOf("("); open >= 0; open = text.indexOf("(", open + 1)) {
      const close = text.indexOf(")", open);
      if (close < 0) break;
      const inside = text.slice(open + 1, close);
      const subject = nameAtEnd(text.slice(Math.max(0, open - 80), open), index);
      if (!subject) continue;
      if (subject.kind === "generic") {
        for (const brand of findNames(inside, index.brandsLongestFirst, true)) {
          const owner = index.byBrand.get(brand)!;
          if (!subject.drugs.some((d) => d === owner || sharesMoiety(d, owner))) add(`"${subject.name} (${inside})" pairs ${subject.name} with ${brand}, which is a brand of ${drugDisplayName(owner)}`);
        }
        const exact = subject.drugs.filter((d) => d.generic === subject.name || drugDisplayName(d) === subject.name);
        for (const match of inside.matchAll(SCHEDULE_IN_TEXT)) {
          const schedule = `C-${match[1]}` as DeaSchedule;
          if (exact.length === 1 && DEA_SCHEDULES.includes(schedule) && exact[0].schedule !== schedule) {
            add(`"${subject.name} (${inside})" says ${schedule}, but the table gives ${exact[0].schedule ?? "not federally controlled"}`);
          }
        }
      } else {
        for (const name of findNames(inside, index.namesLongestFirst, false)) {
          const named = index.byName.get(name.toLowerCase())!;
          if (!named.some((d) => d === subject.drug || sharesMoiety(d, subject.drug))) add(`"${subject.name} (${inside})" pairs ${subject.name} with ${name}, but ${subject.name} is ${drugDisplayName(subject.drug)}`);
        }
      }
    }
    for (const match of text.matchAll(/\b([A-Z][\w-]*(?: [A-Z][\w-]*)?)\s+is\s+(?:the\s+|a\s+)?brand(?:\s+name)?\s+(?:of|for)\s+([a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*)*)/g)) {
      checkStatedPair(match[1], match[2], index, add);
    }
    for (const match of text.matchAll(/\bbrand(?:\s+name)?\s+(?:of|for)\s+([a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*)*)\s+is\s+([A-Z][\w-]*(?: [A-Z][\w-]*)?)/g)) {
      checkStatedPair(match[2], match[1], index, add);
    }
  }
  return problems;
}

function checkStatedPair(brandText: string, genericText: string, index: DrugIndex, add: (message: string) => void): void {
  const owner = index.byBrand.get(brandText) ?? index.byBrand.get(brandText.split(" ")[0]);
  const named = index.byName.get(genericText.toLowerCase());
  if (!owner || !named) return;
  if (!named.some((d) => d === owner || sharesMoiety(d, owner))) add(`says ${brandText} is a brand of ${genericText}, but ${brandText} is ${drugDisplayName(owner)}`);
}
