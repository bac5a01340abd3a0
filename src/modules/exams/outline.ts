/**
 * The PTCE content outline as versioned data. Forms are weighted by the outline in force on the
 * day the form is built; an organization may pin one version.
 *
 * Sources: ptcb.org/guidebook/ptce-content-outline (2020 outline, primary); the 2026 weights
 * come from test-prep sites only (open-exam-prep.com "ptce-2026-changes", uniontestprep.com)
 * and are marked `verify`. See shared/reference/domain-facts.md.
 */
import type { IsoDate } from "../../lib/dates.ts";

export const PTCE_DOMAINS = ["medications", "federal", "safety", "order_entry"] as const;
export type PtceDomain = (typeof PTCE_DOMAINS)[number];

export interface OutlineDomain {
  code: PtceDomain;
  number: number;
  name: string;
  /** Share of the scored items, in percent. */
  weight: number;
  subtopics: { code: string; name: string }[];
}

export interface PtceOutline {
  code: string;
  name: string;
  effectiveFrom: IsoDate;
  verify?: boolean;
  source: string;
  domains: OutlineDomain[];
}

const SUBTOPICS: Record<PtceDomain, { code: string; name: string }[]> = {
  medications: [
    { code: "1.1", name: "Generic names, brand names and classifications of medications" },
    { code: "1.2", name: "Therapeutic equivalence" },
    { code: "1.3", name: "Common and life-threatening drug interactions and contraindications" },
    { code: "1.4", name: "Strengths, dose forms, routes of administration, special handling and administration instructions, and duration of drug therapy" },
    { code: "1.5", name: "Common and severe medication side effects, adverse effects and allergies" },
    { code: "1.6", name: "Indications of medications and dietary supplements" },
    { code: "1.7", name: "Drug stability (e.g., oral suspensions, insulin, reconstitutables, injectables, vaccinations)" },
    { code: "1.8", name: "Narrow therapeutic index (NTI) medications" },
    { code: "1.9", name: "Physical and chemical incompatibilities related to non-sterile compounding and reconstitution" },
    { code: "1.10", name: "Proper storage of medications (e.g., temperature ranges, light sensitivity, restricted access)" },
  ],
  federal: [
    { code: "2.1", name: "Handling and disposal requirements for non-hazardous, hazardous and pharmaceutical substances and waste" },
    { code: "2.2", name: "Controlled substance prescriptions (new, refill, transfer) and DEA controlled substance schedules" },
    { code: "2.3", name: "Federal requirements for controlled substances (receiving, ordering, returning, loss or theft, destruction)" },
    { code: "2.4", name: "Restricted drug programs and related medication processing (e.g., pseudoephedrine, isotretinoin, clozapine, opioids)" },
    { code: "2.5", name: "FDA recall requirements" },
  ],
  safety: [
    { code: "3.1", name: "High-alert/risk medications and look-alike/sound-alike (LASA) medications" },
    { code: "3.2", name: "Error prevention strategies (e.g., prescription or medication order to correct patient, Tall Man lettering, separating inventory, leading and trailing zeros, bar code usage, limit use of error-prone abbreviations)" },
    { code: "3.3", name: "Issues that require pharmacist intervention (e.g., DUR, ADE, OTC recommendation, therapeutic substitution, misuse, adherence, post-immunization follow-up, allergies, drug interactions)" },
    { code: "3.4", name: "Event reporting procedures (e.g., medication errors, adverse effects, product integrity, MedWatch, near miss, root-cause analysis)" },
    { code: "3.5", name: "Types of prescription errors (e.g., abnormal doses, early refill, incorrect quantity, incorrect patient, incorrect drug)" },
    { code: "3.6", name: "Hygiene and cleaning standards (e.g., handwashing, personal protective equipment, cleaning counting trays, countertop and equipment)" },
  ],
  order_entry: [
    { code: "4.1", name: "Procedures to compound non-sterile products (e.g., ointments, mixtures, liquids, emulsions, suppositories, enemas)" },
    { code: "4.2", name: "Formulas, calculations, ratios, proportions, alligations, conversions, sig codes, abbreviations, medical terminology and symbols for days supply, quantity, dose, concentration and dilutions" },
    { code: "4.3", name: "Equipment and supplies required for drug administration (e.g., package size, unit dose, diabetic supplies, spacers, oral and injectable syringes)" },
    { code: "4.4", name: "Lot numbers, expiration dates and National Drug Code (NDC) numbers" },
    { code: "4.5", name: "Procedures for identifying and returning dispensable, non-dispensable and expired medications and supplies (e.g., credit return, return to stock, reverse distribution)" },
  ],
};

const NAMES: Record<PtceDomain, string> = {
  medications: "Medications",
  federal: "Federal Requirements",
  safety: "Patient Safety and Quality Assurance",
  order_entry: "Order Entry and Processing",
};

function domains(weights: Record<PtceDomain, number>): OutlineDomain[] {
  return PTCE_DOMAINS.map((code, i) => ({ code, number: i + 1, name: NAMES[code], weight: weights[code], subtopics: SUBTOPICS[code] }));
}

export const PTCE_OUTLINES: readonly PtceOutline[] = [
  {
    code: "ptce-2020",
    name: "PTCE content outline (2020)",
    effectiveFrom: "2020-01-01",
    source: "ptcb.org/guidebook/ptce-content-outline",
    domains: domains({ medications: 40, federal: 12.5, safety: 26.25, order_entry: 21.25 }),
  },
  {
    code: "ptce-2026",
    name: "PTCE content outline (2026)",
    effectiveFrom: "2026-01-06",
    verify: true,
    source: "test-prep summaries (open-exam-prep.com ptce-2026-changes, uniontestprep.com); not seen on ptcb.org",
    domains: domains({ medications: 35, federal: 18.75, safety: 23.75, order_entry: 22.5 }),
  },
];

/** The PTCE's form facts (domain-facts.md, "PTCE"): 90 items of which 80 scored, 110 minutes, scaled 1000–1600, pass 1400. */
export const PTCE_FORM = {
  items: 90,
  scoredItems: 80,
  minutes: 110,
  scaledMin: 1000,
  scaledMax: 1600,
  passingScaled: 1400,
  source: "domain-facts.md: exam summaries citing PTCB; certilyst.com PTCE FAQ",
} as const;

export const ALL_SUBTOPICS: ReadonlySet<string> = new Set(Object.values(SUBTOPICS).flat().map((s) => s.code));

export function subtopicDomain(code: string): PtceDomain | undefined {
  return PTCE_DOMAINS.find((d) => SUBTOPICS[d].some((s) => s.code === code));
}

/** The outline in force on a date, or the pinned one when an organization pins a version. */
export function outlineInForce(on: IsoDate, pinned?: string | null): PtceOutline {
  if (pinned) {
    const found = PTCE_OUTLINES.find((o) => o.code === pinned);
    if (found) return found;
  }
  const candidates = PTCE_OUTLINES.filter((o) => o.effectiveFrom <= on).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return candidates[0] ?? PTCE_OUTLINES[0];
}
