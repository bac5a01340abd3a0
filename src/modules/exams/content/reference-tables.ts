/**
 * Reference tables behind the "table" practice items: federal controlled-substance rules, DEA
 * forms, other federal limits, ISMP's error-prone abbreviations and dose designations, and sig
 * codes. Facts come from shared/reference/domain-facts.md and the regulations it cites; each
 * table carries its source.
 */
import type { DeaSchedule } from "./drugs.ts";

// ---------------------------------------------------------------------------------------------
// Controlled substances (federal)

export const CONTROLLED_SUBSTANCE_RULES_SOURCE =
  "21 CFR Parts 1304–1306 (DEA); domain-facts.md, Rules for generated items: controlled substances";

/** The rules a technician applies by schedule, worded as the answer a question expects. */
export const CS_RULE_ATTRIBUTES = ["refills", "validity", "orderForm", "inventory", "oralPrescription", "recordFiling"] as const;
export type CsRuleAttribute = (typeof CS_RULE_ATTRIBUTES)[number];

export interface CsRuleAttributeDef {
  /** Completes "Under federal law, for a Schedule III (C-III) controlled substance, …?" */
  question: string;
  /** What the rule is about, for "Which schedules does this rule on … apply to?" */
  label: string;
  subtopic: "2.2" | "2.3";
  /** Plausible answers that are wrong for every schedule (federal rules). */
  wrongForAll: readonly string[];
}

export const CS_RULE_ATTRIBUTE_DEFS: Record<CsRuleAttribute, CsRuleAttributeDef> = {
  refills: {
    label: "refills",
    question: "how many refills may the prescription carry",
    subtopic: "2.2",
    wrongForAll: ["Up to 11 refills within 12 months of the date issued", "Up to 2 refills within 30 days of the date issued"],
  },
  validity: {
    label: "how long a prescription stays valid",
    question: "how long after the date issued may the prescription be filled or refilled",
    subtopic: "2.2",
    wrongForAll: ["30 days after the date issued", "1 year after the date issued"],
  },
  orderForm: {
    label: "ordering from a wholesaler",
    question: "what must the pharmacy use to order the drug from its wholesaler",
    subtopic: "2.3",
    wrongForAll: ["DEA Form 106", "DEA Form 41"],
  },
  inventory: {
    label: "counting stock in the biennial inventory",
    question: "how must an opened container of 100 dosage units be counted in the biennial inventory",
    subtopic: "2.3",
    wrongForAll: ["It is left out of the inventory until the container is empty", "It is counted only if the container is unopened"],
  },
  oralPrescription: {
    label: "oral (telephoned) prescriptions",
    question: "may the pharmacy dispense on an oral (telephoned) prescription",
    subtopic: "2.2",
    wrongForAll: ["Never; only a written or electronic prescription is valid", "Yes, but only for a 72-hour supply with no written follow-up"],
  },
  recordFiling: {
    label: "filing prescription records",
    question: "how must its prescription records be filed",
    subtopic: "2.3",
    wrongForAll: ["Only in the patient's profile; no separate filing is required", "Sent to the DEA each month and not kept at the pharmacy"],
  },
};

export interface CsRuleValue {
  text: string;
  reference: string;
}

/** Federal rules by schedule. C-I has no accepted medical use and is never dispensed, so it is not listed. */
export const CONTROLLED_SUBSTANCE_RULES: Record<DeaSchedule, Record<CsRuleAttribute, CsRuleValue>> = {
  "C-II": {
    refills: { text: "None; every fill needs a new prescription", reference: "21 CFR 1306.12(a)" },
    validity: { text: "No federal time limit (many states set one)", reference: "21 CFR 1306.11–1306.13 set no expiration; DEA Pharmacist's Manual" },
    orderForm: { text: "DEA Form 222 (or its electronic equivalent, CSOS)", reference: "21 CFR 1305.03" },
    inventory: { text: "An exact count of every dosage unit", reference: "21 CFR 1304.11(e)(3)" },
    oralPrescription: {
      text: "Only in an emergency, for the emergency quantity; the prescriber must deliver a written or electronic prescription within 7 days",
      reference: "21 CFR 1306.11(d)",
    },
    recordFiling: { text: "Kept separately from all other prescription records", reference: "21 CFR 1304.04(h)" },
  },
  "C-III": {
    refills: { text: "Up to 5 refills within 6 months of the date issued", reference: "21 CFR 1306.22(a)" },
    validity: { text: "6 months after the date issued", reference: "21 CFR 1306.22(a)" },
    orderForm: { text: "An ordinary purchase order; the invoice is kept as the receiving record", reference: "21 CFR 1305.03 (Form 222 only for C-I and C-II); 21 CFR 1304.22(c)" },
    inventory: { text: "An estimated count is allowed unless the container holds more than 1,000 units", reference: "21 CFR 1304.11(e)(3)" },
    oralPrescription: { text: "Yes; the pharmacist promptly reduces it to writing", reference: "21 CFR 1306.21(a)" },
    recordFiling: { text: "Kept separately or readily retrievable from other prescription records", reference: "21 CFR 1304.04(h)" },
  },
  "C-IV": {
    refills: { text: "Up to 5 refills within 6 months of the date issued", reference: "21 CFR 1306.22(a)" },
    validity: { text: "6 months after the date issued", reference: "21 CFR 1306.22(a)" },
    orderForm: { text: "An ordinary purchase order; the invoice is kept as the receiving record", reference: "21 CFR 1305.03 (Form 222 only for C-I and C-II); 21 CFR 1304.22(c)" },
    inventory: { text: "An estimated count is allowed unless the container holds more than 1,000 units", reference: "21 CFR 1304.11(e)(3)" },
    oralPrescription: { text: "Yes; the pharmacist promptly reduces it to writing", reference: "21 CFR 1306.21(a)" },
    recordFiling: { text: "Kept separately or readily retrievable from other prescription records", reference: "21 CFR 1304.04(h)" },
  },
  "C-V": {
    refills: { text: "As many as the prescriber authorizes; no federal limit", reference: "21 CFR 1306.22(a) limits only C-III and C-IV" },
    validity: { text: "No federal time limit (many states set one)", reference: "21 CFR 1306.22(a) limits only C-III and C-IV" },
    orderForm: { text: "An ordinary purchase order; the invoice is kept as the receiving record", reference: "21 CFR 1305.03 (Form 222 only for C-I and C-II); 21 CFR 1304.22(c)" },
    inventory: { text: "An estimated count is allowed unless the container holds more than 1,000 units", reference: "21 CFR 1304.11(e)(3)" },
    oralPrescription: { text: "Yes; the pharmacist promptly reduces it to writing", reference: "21 CFR 1306.21(a)" },
    recordFiling: { text: "Kept separately or readily retrievable from other prescription records", reference: "21 CFR 1304.04(h)" },
  },
};

/** Rules stated once, not per schedule (partial fills, transfers), shown in explanations and asked as federal facts. */
export const CS_NOTES = {
  partialFillC2:
    "C-II partial fills: the rest within 72 hours when the pharmacy is short; within 30 days of issue when the patient or prescriber asks; within 60 days for long-term-care or terminally ill patients (21 CFR 1306.13)",
  transferC3to5:
    "C-III to C-V prescriptions transfer once only, pharmacist to pharmacist, unless the pharmacies share a real-time online database (21 CFR 1306.25)",
  transferC2:
    "C-II transfers are not asked here: DEA rules for transferring unfilled electronic C-II prescriptions changed in 2023 (verify against current 21 CFR 1306.08 before writing items)",
} as const;

// ---------------------------------------------------------------------------------------------
// Other federal facts: DEA forms, deadlines, limits

export const DEA_FORMS_SOURCE = "DEA forms and 21 CFR 1301.13, 1301.76, 1305, 1317 (domain-facts.md, controlled substances)";

export interface DeaForm {
  form: string;
  purpose: string;
  subtopic: "2.2" | "2.3";
  reference: string;
}

export const DEA_FORMS: readonly DeaForm[] = [
  { form: "DEA Form 222", purpose: "Ordering Schedule I and II controlled substances", subtopic: "2.3", reference: "21 CFR 1305.03–1305.05" },
  { form: "DEA Form 106", purpose: "Reporting theft or significant loss of controlled substances", subtopic: "2.3", reference: "21 CFR 1301.76(b)" },
  { form: "DEA Form 41", purpose: "Recording controlled substances destroyed or surrendered for destruction", subtopic: "2.3", reference: "21 CFR 1317.05, 1317.95" },
  { form: "DEA Form 224", purpose: "Applying for a new pharmacy (retail) DEA registration", subtopic: "2.3", reference: "21 CFR 1301.13" },
];

/** Groups of answers that can stand in for each other as wrong options (same kind of value). */
export type FactDimension = "deadline" | "retention" | "logbook" | "interval" | "pseudoephedrine-amount" | "supply";

export interface FederalFact {
  id: string;
  subtopic: "2.2" | "2.3" | "2.4";
  stem: string;
  answer: string;
  dimension: FactDimension;
  /** Extra answers that are wrong for this stem, used when the dimension has too few other values. */
  wrongAnswers?: readonly string[];
  explanation: string;
  reference: string;
}

export const FEDERAL_FACTS: readonly FederalFact[] = [
  {
    id: "theft-notice",
    subtopic: "2.3",
    stem: "After discovering a theft or significant loss of controlled substances, how soon must the pharmacy notify the DEA Field Division Office in writing?",
    answer: "Within 1 business day",
    dimension: "deadline",
    explanation: "The written notice is due within 1 business day of discovery; the DEA Form 106 itself follows within 45 days.",
    reference: "21 CFR 1301.76(b); domain-facts.md",
  },
  {
    id: "form-106-deadline",
    subtopic: "2.3",
    stem: "Once a theft or significant loss of controlled substances has been discovered, within what time must the completed DEA Form 106 be filed?",
    answer: "Within 45 days",
    dimension: "deadline",
    explanation: "The Form 106 is due within 45 days of discovery; the shorter deadline (1 business day) is for the initial written notice.",
    reference: "21 CFR 1301.76(b); domain-facts.md",
  },
  {
    id: "c2-emergency-followup",
    subtopic: "2.2",
    stem: "After a pharmacist dispenses an emergency oral C-II prescription, how long does the prescriber have to deliver the written or electronic prescription?",
    answer: "Within 7 days",
    dimension: "deadline",
    explanation: "The prescriber must deliver the follow-up prescription within 7 days; if it does not arrive, the pharmacist must notify the DEA.",
    reference: "21 CFR 1306.11(d)(4)",
  },
  {
    id: "c2-partial-pharmacy-short",
    subtopic: "2.2",
    stem: "A pharmacy can supply only part of a C-II prescription because it is short of stock. Within what time after the partial fill must the remaining quantity be supplied?",
    answer: "Within 72 hours",
    dimension: "deadline",
    explanation: "When the pharmacy cannot supply the full quantity, the rest must be supplied within 72 hours or the prescriber notified; nothing further may be dispensed after that.",
    reference: "21 CFR 1306.13(a); domain-facts.md",
  },
  {
    id: "c2-partial-patient-request",
    subtopic: "2.2",
    stem: "A patient asks for only part of a C-II prescription. Within what time after the date the prescription was written may the remaining quantity be filled?",
    answer: "Within 30 days",
    dimension: "deadline",
    explanation: "Partial fills requested by the patient or prescriber may be completed within 30 days of the date written (Comprehensive Addiction and Recovery Act, 2016).",
    reference: "21 CFR 1306.13; domain-facts.md",
  },
  {
    id: "c2-partial-ltcf",
    subtopic: "2.2",
    stem: "For a patient in a long-term-care facility or who is terminally ill, within what time after the date issued may a C-II prescription be partially filled?",
    answer: "Within 60 days",
    dimension: "deadline",
    explanation: "For long-term-care and terminally ill patients, partial fills are allowed for up to 60 days from the date issued.",
    reference: "21 CFR 1306.13; domain-facts.md",
  },
  {
    id: "records-retention",
    subtopic: "2.3",
    stem: "Under federal law, how long must a pharmacy keep controlled-substance records such as inventories, invoices and executed DEA Forms 222?",
    answer: "At least 2 years",
    dimension: "retention",
    wrongAnswers: ["At least 6 months", "At least 7 years", "At least 10 years"],
    explanation: "Federal law requires controlled-substance records to be kept for at least 2 years and be available for inspection; states may require longer.",
    reference: "21 CFR 1304.04(a)",
  },
  {
    id: "biennial-inventory",
    subtopic: "2.3",
    stem: "How often must a pharmacy take a complete inventory of its controlled substances under federal law?",
    answer: "Every 2 years (biennial inventory)",
    dimension: "interval",
    wrongAnswers: ["Every month", "Every 6 months", "Every 5 years"],
    explanation: "A full controlled-substance inventory is required at least every 2 years (the biennial inventory), in addition to the initial inventory.",
    reference: "21 CFR 1304.11(c)",
  },
  {
    id: "pse-daily-limit",
    subtopic: "2.4",
    stem: "Under the Combat Methamphetamine Epidemic Act, what is the most pseudoephedrine base one purchaser may buy at retail in a day?",
    answer: "3.6 g",
    dimension: "pseudoephedrine-amount",
    wrongAnswers: ["2.4 g", "5 g"],
    explanation: "The daily retail limit is 3.6 g of base (for example 146 × 30 mg tablets); the 30-day limit is 9 g at retail and 7.5 g by mail order.",
    reference: "Combat Methamphetamine Epidemic Act of 2005; DEA CMEA guidance; domain-facts.md",
  },
  {
    id: "pse-30-day-retail",
    subtopic: "2.4",
    stem: "Under the Combat Methamphetamine Epidemic Act, what is the most pseudoephedrine base one purchaser may buy at retail in 30 days?",
    answer: "9 g",
    dimension: "pseudoephedrine-amount",
    wrongAnswers: ["12 g", "15 g"],
    explanation: "The 30-day retail limit is 9 g of base; the daily limit is 3.6 g and mail-order sales are capped at 7.5 g per 30 days.",
    reference: "Combat Methamphetamine Epidemic Act of 2005; domain-facts.md",
  },
  {
    id: "pse-30-day-mail",
    subtopic: "2.4",
    stem: "Under the Combat Methamphetamine Epidemic Act, what is the most pseudoephedrine base a mail-order seller may sell one purchaser in 30 days?",
    answer: "7.5 g",
    dimension: "pseudoephedrine-amount",
    wrongAnswers: ["12 g", "15 g"],
    explanation: "Mail-order sales are capped at 7.5 g of base per 30 days, below the 9 g retail limit.",
    reference: "Combat Methamphetamine Epidemic Act of 2005; domain-facts.md",
  },
  {
    id: "pse-logbook-retention",
    subtopic: "2.4",
    stem: "How long must a pharmacy keep each entry in its pseudoephedrine sales logbook?",
    answer: "At least 2 years after the entry",
    dimension: "logbook",
    wrongAnswers: ["At least 30 days after the entry", "At least 90 days after the entry", "At least 10 years after the entry"],
    explanation: "The CMEA logbook (name, address, date and time, product and quantity, signature) must be kept at least 2 years after each entry.",
    reference: "Combat Methamphetamine Epidemic Act of 2005; domain-facts.md",
  },
  {
    id: "ipledge-supply",
    subtopic: "2.4",
    stem: "Under the iPLEDGE REMS, what is the largest supply of isotretinoin that may be dispensed at one time?",
    answer: "A 30-day supply",
    dimension: "supply",
    wrongAnswers: ["A 60-day supply", "A 90-day supply", "A 7-day supply"],
    explanation: "iPLEDGE allows at most a 30-day supply per fill, after the pharmacy obtains a risk-management authorization for that fill.",
    reference: "iPLEDGE REMS program requirements; domain-facts.md",
  },
];

// ---------------------------------------------------------------------------------------------
// ISMP error-prone abbreviations, symbols and dose designations

export const ISMP_ABBREVIATIONS_SOURCE = "ISMP List of Error-Prone Abbreviations, Symbols, and Dose Designations (ismp.org); domain-facts.md";

export interface IsmpAbbreviation {
  /** How the abbreviation, symbol or designation is written. */
  abbreviation: string;
  /** Used in item codes. */
  slug: string;
  intended: string;
  misreadAs: string;
  useInstead: string;
  /** Rows whose answers overlap (e.g. the bedtime abbreviations, or two that are both misread as "4") share a group and are never each other's wrong options. */
  groups?: readonly string[];
  kind: "abbreviation" | "symbol" | "dose designation" | "drug name abbreviation";
}

export const ISMP_ABBREVIATIONS: readonly IsmpAbbreviation[] = [
  { abbreviation: "U or u", slug: "u", intended: "unit", misreadAs: "the number 0 or 4 (4U read as 40), or as cc", useInstead: "unit", groups: ["units", "four", "zero", "cc-u"], kind: "abbreviation" },
  { abbreviation: "IU", slug: "iu", intended: "international unit", misreadAs: "IV (intravenous) or the number 10", useInstead: "units", groups: ["units", "iv"], kind: "abbreviation" },
  { abbreviation: "qd or QD", slug: "qd", intended: "every day", misreadAs: "qid (four times a day)", useInstead: "daily", groups: ["daily"], kind: "abbreviation" },
  { abbreviation: "qod or QOD", slug: "qod", intended: "every other day", misreadAs: "qd (daily) or qid (four times a day)", useInstead: "every other day", groups: ["daily"], kind: "abbreviation" },
  { abbreviation: "o.d. or OD (for once daily)", slug: "od-once-daily", intended: "once daily", misreadAs: "right eye (OD)", useInstead: "daily", groups: ["daily", "eye-ear"], kind: "abbreviation" },
  { abbreviation: "cc", slug: "cc", intended: "cubic centimeters", misreadAs: "u (units)", useInstead: "mL", groups: ["cc-u"], kind: "abbreviation" },
  { abbreviation: "µg", slug: "microgram-symbol", intended: "microgram", misreadAs: "mg (milligram)", useInstead: "mcg", kind: "abbreviation" },
  { abbreviation: "MS or MSO4", slug: "ms-mso4", intended: "morphine sulfate", misreadAs: "magnesium sulfate", useInstead: "morphine sulfate (spelled out)", groups: ["sulfate"], kind: "drug name abbreviation" },
  { abbreviation: "MgSO4", slug: "mgso4", intended: "magnesium sulfate", misreadAs: "morphine sulfate", useInstead: "magnesium sulfate (spelled out)", groups: ["sulfate"], kind: "drug name abbreviation" },
  { abbreviation: "HCTZ", slug: "hctz", intended: "hydrochlorothiazide", misreadAs: "hydrocortisone (HCT)", useInstead: "hydrochlorothiazide (spelled out)", groups: ["drug-name"], kind: "drug name abbreviation" },
  { abbreviation: "MTX", slug: "mtx", intended: "methotrexate", misreadAs: "mitoxantrone", useInstead: "methotrexate (spelled out)", groups: ["drug-name"], kind: "drug name abbreviation" },
  { abbreviation: "PTU", slug: "ptu", intended: "propylthiouracil", misreadAs: "mercaptopurine (Purinethol)", useInstead: "propylthiouracil (spelled out)", groups: ["drug-name"], kind: "drug name abbreviation" },
  { abbreviation: "AZT", slug: "azt", intended: "zidovudine", misreadAs: "azathioprine or aztreonam", useInstead: "zidovudine (spelled out)", groups: ["drug-name"], kind: "drug name abbreviation" },
  { abbreviation: "Trailing zero (1.0 mg)", slug: "trailing-zero", intended: "1 mg", misreadAs: "10 mg, if the decimal point is not seen", useInstead: "1 mg (no zero after the decimal point)", groups: ["decimal"], kind: "dose designation" },
  { abbreviation: "Naked decimal (.5 mg)", slug: "naked-decimal", intended: "0.5 mg", misreadAs: "5 mg, if the decimal point is not seen", useInstead: "0.5 mg (a zero before the decimal point)", groups: ["decimal"], kind: "dose designation" },
  { abbreviation: "Drug name and dose run together (Inderal40 mg)", slug: "name-dose-run-together", intended: "Inderal 40 mg", misreadAs: "Inderal 140 mg", useInstead: "a space between the drug name, dose and unit", groups: ["spacing"], kind: "dose designation" },
  { abbreviation: "Dose and unit run together (10mg)", slug: "dose-unit-run-together", intended: "10 mg", misreadAs: "100 mg (the m read as a zero)", useInstead: "10 mg, with a space between the number and the unit", groups: ["spacing", "zero"], kind: "dose designation" },
  { abbreviation: "Large numbers without commas (100000 units)", slug: "no-commas", intended: "100,000 units", misreadAs: "10,000 or 1,000,000 units", useInstead: "100,000 units (with commas) or 100 thousand units", kind: "dose designation" },
  { abbreviation: "SC, SQ or sub q", slug: "sc-sq", intended: "subcutaneous", misreadAs: "SL (sublingual), or \"5 every\" (the q read as every)", useInstead: "subcutaneous or subcutaneously (spelled out)", kind: "abbreviation" },
  { abbreviation: "HS or hs", slug: "hs", intended: "half-strength, or at bedtime (hours of sleep)", misreadAs: "the other meaning (half-strength vs bedtime)", useInstead: "half-strength or bedtime (spelled out)", groups: ["bedtime"], kind: "abbreviation" },
  { abbreviation: "qhs", slug: "qhs", intended: "nightly at bedtime", misreadAs: "qhr (every hour)", useInstead: "nightly or at bedtime", groups: ["bedtime"], kind: "abbreviation" },
  { abbreviation: "qn", slug: "qn", intended: "nightly", misreadAs: "qh (every hour)", useInstead: "nightly or at bedtime", groups: ["bedtime"], kind: "abbreviation" },
  { abbreviation: "BT", slug: "bt", intended: "bedtime", misreadAs: "BID (twice daily)", useInstead: "bedtime", groups: ["bedtime"], kind: "abbreviation" },
  { abbreviation: "D/C", slug: "d-c", intended: "discharge or discontinue", misreadAs: "the other meaning, so medicines are stopped early (or continued)", useInstead: "discharge and discontinue (spelled out)", kind: "abbreviation" },
  { abbreviation: "AD, AS, AU", slug: "ad-as-au", intended: "right ear, left ear, each ear", misreadAs: "OD, OS, OU (right eye, left eye, each eye)", useInstead: "right ear, left ear or each ear", groups: ["eye-ear"], kind: "abbreviation" },
  { abbreviation: "OD, OS, OU", slug: "od-os-ou", intended: "right eye, left eye, each eye", misreadAs: "AD, AS, AU (right ear, left ear, each ear)", useInstead: "right eye, left eye or each eye", groups: ["eye-ear"], kind: "abbreviation" },
  { abbreviation: "TIW or tiw", slug: "tiw", intended: "three times a week", misreadAs: "three times a day or twice in a week", useInstead: "3 times weekly", kind: "abbreviation" },
  { abbreviation: "UD", slug: "ud", intended: "as directed (ut dictum)", misreadAs: "unit dose", useInstead: "as directed", kind: "abbreviation" },
  { abbreviation: "ss", slug: "ss", intended: "sliding scale (insulin) or one-half (apothecary)", misreadAs: "55", useInstead: "sliding scale, or one-half / ½ (spelled out)", kind: "abbreviation" },
  { abbreviation: "IN", slug: "in", intended: "intranasal", misreadAs: "IM (intramuscular) or IV (intravenous)", useInstead: "intranasal or NAS", groups: ["route-letters", "iv"], kind: "abbreviation" },
  { abbreviation: "IJ", slug: "ij", intended: "injection", misreadAs: "IV (intravenous) or intrajugular", useInstead: "injection", groups: ["route-letters", "iv"], kind: "abbreviation" },
  { abbreviation: "per os", slug: "per-os", intended: "by mouth, orally", misreadAs: "left eye (the os read as OS)", useInstead: "PO, by mouth or orally", groups: ["eye-ear"], kind: "abbreviation" },
  { abbreviation: "x3d", slug: "x3d", intended: "for three days", misreadAs: "three doses", useInstead: "for three days (spelled out)", kind: "abbreviation" },
  { abbreviation: "> and <", slug: "greater-less", intended: "greater than and less than", misreadAs: "the opposite sign, or < read as the number 4", useInstead: "greater than or less than (spelled out)", groups: ["four"], kind: "symbol" },
  { abbreviation: "@", slug: "at-sign", intended: "at", misreadAs: "the number 2", useInstead: "at", groups: ["symbol-2"], kind: "symbol" },
  { abbreviation: "&", slug: "ampersand", intended: "and", misreadAs: "the number 2", useInstead: "and", groups: ["symbol-2"], kind: "symbol" },
  { abbreviation: "+", slug: "plus-sign", intended: "plus or and", misreadAs: "the number 4", useInstead: "and", groups: ["symbol-2", "four"], kind: "symbol" },
  { abbreviation: "° (for hour)", slug: "degree-hour", intended: "hour", misreadAs: "a zero (q2° read as q20)", useInstead: "hr, h or hour", groups: ["zero"], kind: "symbol" },
  { abbreviation: "/ (slash between doses)", slug: "slash", intended: "per, or separating two doses", misreadAs: "the number 1 (25 units/10 units read as 25 units and 110 units)", useInstead: "per (spelled out)", kind: "symbol" },
];

/** Doses written the error-prone way, for "how should this be written" items. Strengths are real tablet strengths. */
export interface DoseExpressionExample {
  generic: string;
  /** The dose as it should be written, in the unit below. */
  dose: string;
  unit: "mg";
}

export const DOSE_EXPRESSION_EXAMPLES: readonly DoseExpressionExample[] = [
  { generic: "alprazolam", dose: "0.25", unit: "mg" },
  { generic: "alprazolam", dose: "0.5", unit: "mg" },
  { generic: "lorazepam", dose: "0.5", unit: "mg" },
  { generic: "clonazepam", dose: "0.5", unit: "mg" },
  { generic: "clonidine", dose: "0.1", unit: "mg" },
  { generic: "clonidine", dose: "0.2", unit: "mg" },
  { generic: "digoxin", dose: "0.125", unit: "mg" },
  { generic: "digoxin", dose: "0.25", unit: "mg" },
  { generic: "levothyroxine", dose: "0.05", unit: "mg" },
  { generic: "levothyroxine", dose: "0.1", unit: "mg" },
  { generic: "tamsulosin", dose: "0.4", unit: "mg" },
  { generic: "nitroglycerin", dose: "0.4", unit: "mg" },
  { generic: "risperidone", dose: "0.5", unit: "mg" },
  { generic: "ropinirole", dose: "0.25", unit: "mg" },
  { generic: "pramipexole", dose: "0.125", unit: "mg" },
  { generic: "haloperidol", dose: "0.5", unit: "mg" },
  { generic: "dexamethasone", dose: "0.5", unit: "mg" },
  { generic: "warfarin", dose: "5", unit: "mg" },
  { generic: "warfarin", dose: "1", unit: "mg" },
  { generic: "lisinopril", dose: "10", unit: "mg" },
  { generic: "glipizide", dose: "5", unit: "mg" },
  { generic: "hydromorphone", dose: "2", unit: "mg" },
  { generic: "amlodipine", dose: "5", unit: "mg" },
  { generic: "atorvastatin", dose: "20", unit: "mg" },
  { generic: "prednisone", dose: "10", unit: "mg" },
  { generic: "oxycodone", dose: "5", unit: "mg" },
];

// ---------------------------------------------------------------------------------------------
// Sig codes and pharmacy abbreviations

export const SIG_CODES_SOURCE =
  "Standard prescription (sig) abbreviations as taught for the PTCE; ISMP List of Error-Prone Abbreviations for the ones ISMP advises against";

export type SigCategory = "frequency" | "timing" | "route" | "dose form" | "measure" | "prescription" | "medical";

export interface SigCode {
  code: string;
  meaning: string;
  category: SigCategory;
  /** Used in item codes when the code has characters a slug cannot carry. */
  slug?: string;
  /** Set when ISMP lists the abbreviation as error-prone: the ISMP_ABBREVIATIONS slug. */
  ismp?: string;
  /** Codes a reader could treat as meaning the same: never offered against each other. */
  equivalents?: readonly string[];
  /** Context for the stem when the code is ambiguous out of context (e.g. "ad" vs "AD"). */
  context?: string;
  /** Used when building full sig translations. */
  sigPhrase?: string;
}

export const SIG_CODES: readonly SigCode[] = [
  // frequency
  { code: "qd", meaning: "every day (daily)", category: "frequency", ismp: "qd", equivalents: ["q24h"] },
  { code: "bid", meaning: "twice a day", category: "frequency", equivalents: ["q12h"], sigPhrase: "twice a day" },
  { code: "tid", meaning: "three times a day", category: "frequency", equivalents: ["q8h"], sigPhrase: "three times a day" },
  { code: "qid", meaning: "four times a day", category: "frequency", equivalents: ["q6h"], sigPhrase: "four times a day" },
  { code: "qod", meaning: "every other day", category: "frequency", ismp: "qod" },
  { code: "qh", meaning: "every hour", category: "frequency", sigPhrase: "every hour" },
  { code: "q2h", meaning: "every 2 hours", category: "frequency", sigPhrase: "every 2 hours" },
  { code: "q4h", meaning: "every 4 hours", category: "frequency", equivalents: ["q4-6h"], sigPhrase: "every 4 hours" },
  { code: "q6h", meaning: "every 6 hours", category: "frequency", equivalents: ["qid", "q4-6h"], sigPhrase: "every 6 hours" },
  { code: "q8h", meaning: "every 8 hours", category: "frequency", equivalents: ["tid"], sigPhrase: "every 8 hours" },
  { code: "q12h", meaning: "every 12 hours", category: "frequency", equivalents: ["bid"], sigPhrase: "every 12 hours" },
  { code: "q4-6h", meaning: "every 4 to 6 hours", category: "frequency", equivalents: ["q4h", "q6h"], sigPhrase: "every 4 to 6 hours" },
  { code: "qam", meaning: "every morning", category: "frequency", sigPhrase: "every morning" },
  { code: "qpm", meaning: "every evening", category: "frequency", equivalents: ["hs", "qhs", "noct"], sigPhrase: "every evening" },
  { code: "qhs", meaning: "every night at bedtime", category: "frequency", ismp: "qhs", equivalents: ["hs", "qpm", "noct"] },
  { code: "tiw", meaning: "three times a week", category: "frequency", ismp: "tiw" },
  { code: "qwk", meaning: "once a week", category: "frequency", sigPhrase: "once a week" },
  // timing
  { code: "ac", meaning: "before meals", category: "timing", sigPhrase: "before meals" },
  { code: "pc", meaning: "after meals", category: "timing", sigPhrase: "after meals" },
  { code: "hs", meaning: "at bedtime", category: "timing", ismp: "hs", equivalents: ["qhs", "qpm", "noct"] },
  { code: "noct", meaning: "at night", category: "timing", equivalents: ["hs", "qhs", "qpm"] },
  { code: "prn", meaning: "as needed", category: "timing", equivalents: ["ad lib"], sigPhrase: "as needed" },
  { code: "stat", meaning: "immediately", category: "timing" },
  { code: "wa", meaning: "while awake", category: "timing", sigPhrase: "while awake" },
  { code: "ud", meaning: "as directed", category: "timing", ismp: "ud" },
  { code: "ad lib", meaning: "freely, as desired", category: "timing", slug: "ad-lib", equivalents: ["prn"] },
  // route
  { code: "po", meaning: "by mouth", category: "route", sigPhrase: "by mouth" },
  { code: "pr", meaning: "rectally", category: "route", sigPhrase: "rectally" },
  { code: "pv", meaning: "vaginally", category: "route", sigPhrase: "vaginally" },
  { code: "sl", meaning: "under the tongue (sublingually)", category: "route", sigPhrase: "under the tongue" },
  { code: "bucc", meaning: "in the cheek (buccally)", category: "route" },
  { code: "top", meaning: "topically (on the skin)", category: "route", sigPhrase: "topically" },
  { code: "inh", meaning: "by inhalation", category: "route", equivalents: ["neb"] },
  { code: "neb", meaning: "by nebulizer", category: "route", equivalents: ["inh"] },
  { code: "im", meaning: "into a muscle (intramuscularly)", category: "route" },
  { code: "iv", meaning: "into a vein (intravenously)", category: "route", equivalents: ["ivp", "ivpb"] },
  { code: "ivp", meaning: "IV push", category: "route", equivalents: ["iv"] },
  { code: "ivpb", meaning: "IV piggyback", category: "route", equivalents: ["iv"] },
  { code: "id", meaning: "into the skin (intradermally)", category: "route" },
  { code: "SC or SQ", meaning: "under the skin (subcutaneously)", category: "route", slug: "sc-sq", ismp: "sc-sq" },
  { code: "npo", meaning: "nothing by mouth", category: "route" },
  { code: "OD", meaning: "right eye", category: "route", slug: "od-eye", ismp: "od-os-ou" },
  { code: "OS", meaning: "left eye", category: "route", slug: "os-eye", ismp: "od-os-ou" },
  { code: "OU", meaning: "each eye (both eyes)", category: "route", slug: "ou-eye", ismp: "od-os-ou" },
  { code: "AD", meaning: "right ear", category: "route", slug: "ad-ear", ismp: "ad-as-au", context: "in the directions for ear drops" },
  { code: "AS", meaning: "left ear", category: "route", slug: "as-ear", ismp: "ad-as-au" },
  { code: "AU", meaning: "each ear (both ears)", category: "route", slug: "au-ear", ismp: "ad-as-au" },
  // dose forms
  { code: "tab", meaning: "tablet", category: "dose form", sigPhrase: "tablet" },
  { code: "cap", meaning: "capsule", category: "dose form", sigPhrase: "capsule" },
  { code: "sol", meaning: "solution", category: "dose form" },
  { code: "susp", meaning: "suspension", category: "dose form" },
  { code: "syr", meaning: "syrup", category: "dose form" },
  { code: "elix", meaning: "elixir", category: "dose form" },
  { code: "ung", meaning: "ointment", category: "dose form" },
  { code: "crm", meaning: "cream", category: "dose form" },
  { code: "supp", meaning: "suppository", category: "dose form", sigPhrase: "suppository" },
  { code: "gtt", meaning: "drop(s)", category: "dose form" },
  { code: "inj", meaning: "injection", category: "dose form" },
  { code: "ODT", meaning: "orally disintegrating tablet", category: "dose form" },
  { code: "ER", meaning: "extended release", category: "dose form", equivalents: ["SR"] },
  { code: "SR", meaning: "sustained release", category: "dose form", equivalents: ["ER"] },
  { code: "DR", meaning: "delayed release", category: "dose form", equivalents: ["EC"] },
  { code: "EC", meaning: "enteric-coated", category: "dose form", equivalents: ["DR"] },
  { code: "MDI", meaning: "metered-dose inhaler", category: "dose form" },
  { code: "amp", meaning: "ampule", category: "dose form" },
  // measures
  { code: "mL", meaning: "milliliter", category: "measure" },
  { code: "L", meaning: "liter", category: "measure" },
  { code: "mg", meaning: "milligram", category: "measure" },
  { code: "mcg", meaning: "microgram", category: "measure" },
  { code: "g", meaning: "gram", category: "measure" },
  { code: "kg", meaning: "kilogram", category: "measure" },
  { code: "mEq", meaning: "milliequivalent", category: "measure" },
  { code: "tsp", meaning: "teaspoonful (5 mL)", category: "measure" },
  { code: "tbsp", meaning: "tablespoonful (15 mL)", category: "measure" },
  { code: "fl oz", meaning: "fluid ounce (30 mL)", category: "measure", slug: "fl-oz" },
  { code: "cc", meaning: "cubic centimeter", category: "measure", ismp: "cc", equivalents: ["mL"] },
  { code: "qs", meaning: "a sufficient quantity", category: "measure", equivalents: ["ad"] },
  { code: "aa", meaning: "of each", category: "measure" },
  { code: "ad", meaning: "up to (make up to a final amount)", category: "measure", slug: "ad-up-to", equivalents: ["qs"], context: "in a compounding formula (for example \"ad 120 mL\")" },
  { code: "ss", meaning: "one-half", category: "measure", ismp: "ss" },
  // prescription words and symbols
  { code: "c̄", meaning: "with", category: "prescription", slug: "c-bar" },
  { code: "s̄", meaning: "without", category: "prescription", slug: "s-bar" },
  { code: "disp", meaning: "dispense", category: "prescription" },
  { code: "sig", meaning: "write on the label (directions for use)", category: "prescription" },
  { code: "Rx", meaning: "prescription; take (recipe)", category: "prescription" },
  { code: "DAW", meaning: "dispense as written (no generic substitution)", category: "prescription" },
  { code: "NR", meaning: "no refills", category: "prescription" },
  { code: "OTC", meaning: "over the counter (no prescription needed)", category: "prescription" },
  { code: "NKDA", meaning: "no known drug allergies", category: "prescription" },
  { code: "Dx", meaning: "diagnosis", category: "prescription" },
  { code: "Hx", meaning: "history", category: "prescription" },
  { code: "Tx", meaning: "treatment", category: "prescription" },
  { code: "Sx", meaning: "symptoms", category: "prescription" },
  { code: "BUD", meaning: "beyond-use date", category: "prescription" },
  // medical abbreviations
  { code: "HTN", meaning: "hypertension (high blood pressure)", category: "medical" },
  { code: "DM", meaning: "diabetes mellitus", category: "medical" },
  { code: "CHF", meaning: "congestive heart failure", category: "medical" },
  { code: "COPD", meaning: "chronic obstructive pulmonary disease", category: "medical" },
  { code: "GERD", meaning: "gastroesophageal reflux disease", category: "medical" },
  { code: "UTI", meaning: "urinary tract infection", category: "medical" },
  { code: "URI", meaning: "upper respiratory infection", category: "medical" },
  { code: "MI", meaning: "myocardial infarction (heart attack)", category: "medical" },
  { code: "CAD", meaning: "coronary artery disease", category: "medical" },
  { code: "BPH", meaning: "benign prostatic hyperplasia", category: "medical" },
  { code: "DVT", meaning: "deep vein thrombosis", category: "medical" },
  { code: "CVA", meaning: "cerebrovascular accident (stroke)", category: "medical" },
  { code: "BP", meaning: "blood pressure", category: "medical" },
  { code: "HR", meaning: "heart rate", category: "medical" },
  { code: "SOB", meaning: "shortness of breath", category: "medical" },
  { code: "N/V", meaning: "nausea and vomiting", category: "medical", slug: "n-v" },
  { code: "INR", meaning: "international normalized ratio", category: "medical" },
  { code: "CBC", meaning: "complete blood count", category: "medical" },
];

/** Verbs and nouns for full sig translations, by route. */
export const SIG_ROUTE_VERBS: Record<string, string> = {
  po: "Take",
  sl: "Dissolve",
  pr: "Insert",
  pv: "Insert",
};
