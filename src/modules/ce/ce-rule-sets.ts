/**
 * Continuing-education renewal rules as data, one rule set per credential (and per state for
 * state registrations), each with its source. National credentials take their hours from the
 * credentials catalog (`ce` of each entry); this file adds what the catalog does not hold.
 * Facts: shared/reference/domain-facts.md ("CPhT recertification (PTCB)", NHA ExCPT, Florida).
 */
import type { IsoDate } from "../../lib/dates.ts";
import { CERTIFICATIONS, findCertification, type CertificationDef } from "../certifications/index.ts";
import type { TopicCode } from "./uan.ts";

/** Subjects a CE activity can be about, as renewal rules ask for them. */
export type CeCategory = "law" | "patient-safety" | "immunization" | "hiv-aids" | "medication-errors" | "compounding" | "opioids";

export interface CeCategoryDef {
  code: CeCategory;
  label: string;
  /** The ACPE topic designator that makes an activity this category; without one, it is flagged by hand. */
  topic?: TopicCode;
}

export const CE_CATEGORIES: readonly CeCategoryDef[] = [
  { code: "law", label: "Pharmacy law", topic: "03" },
  { code: "patient-safety", label: "Patient safety", topic: "05" },
  { code: "immunization", label: "Immunization", topic: "06" },
  { code: "hiv-aids", label: "HIV/AIDS", topic: "02" },
  { code: "medication-errors", label: "Preventing medication errors" },
  { code: "compounding", label: "Compounding", topic: "07" },
  { code: "opioids", label: "Pain management / opioids", topic: "08" },
];

export const CE_CATEGORY_CODES = CE_CATEGORIES.map((c) => c.code);

/** What kind of learning a record is: rule sets cap or refuse some kinds. */
export type CeActivityType = "acpe" | "college-course" | "in-service" | "other";

export const ACTIVITY_TYPES: readonly { code: CeActivityType; label: string }[] = [
  { code: "acpe", label: "ACPE-accredited activity" },
  { code: "college-course", label: "College course" },
  { code: "in-service", label: "In-service training" },
  { code: "other", label: "Other CE (not ACPE-accredited)" },
];

/** What a minimum counts: hours of a category, live hours, or hours not designated for pharmacists. */
export type CeMinimumKind = { kind: "category"; category: CeCategory } | { kind: "live" } | { kind: "technician" };

export interface CeMinimum {
  code: string;
  label: string;
  hours: number;
  counts: CeMinimumKind;
  /** Only in the first cycle after the credential was earned (Florida: HIV/AIDS for the first renewal). */
  firstCycleOnly?: boolean;
  verify?: boolean;
}

export interface CeRuleSet {
  /** The credential code, or `<credential>:<state>` for a state rule set. */
  code: string;
  name: string;
  certificationCode: string;
  state: string | null;
  hours: number;
  minimums: CeMinimum[];
  /** At most this many pharmacist-designated (P) hours count. */
  pharmacistHoursMax: number | null;
  /** At most this many hours from college courses count. */
  collegeCourseHoursMax: number | null;
  /** In-service training completed on or after this date does not count. */
  inServiceRefusedFrom: IsoDate | null;
  /** Overrides the credential's cycle length for the cycle's start (a state renewing yearly). */
  cycleMonths?: number;
  /** Help shown with the rule set: conditions the product cannot check (a course's grade). */
  notes: string[];
  source: string;
  verify: boolean;
  /** Set by an organization rather than shipped with the product. */
  custom?: boolean;
}

const CATEGORY_LABEL = Object.fromEntries(CE_CATEGORIES.map((c) => [c.code, c.label])) as Record<CeCategory, string>;

/** What the catalog's `ce` does not say, per credential. */
const NATIONAL_EXTRAS: Record<string, Partial<CeRuleSet>> = {
  "ptcb-cpht": {
    collegeCourseHoursMax: 10,
    inServiceRefusedFrom: "2018-01-01",
    notes: [
      "A college course counts for at most 10 hours, and only when it is a relevant course of 3 credits or more graded C or better (ptcb.zendesk.com 206222598).",
      "In-service CE is not accepted since January 1, 2018 (ptcb.zendesk.com 206222598).",
      "CE counts only in the cycle it was completed in; none from before certification.",
      "Older PTCB pages say all 20 hours must be technician-specific: your organization can set the split.",
      "Reinstatement within a year of expiry needs 20 hours with 2 hours of law (ptcb.zendesk.com 206924377).",
    ],
    source: "ptcb.org/renew/continuing-education; ptcb.zendesk.com 206879047, 206222598 (domain-facts.md, CPhT recertification)",
  },
  "nha-excpt": {
    notes: ["CE counts only in the cycle it was completed in."],
    source: "continuingeducation.com NHA renewal summary (domain-facts.md)",
  },
  "ptcb-cpht-adv": {
    notes: ["Needs an active CPhT, which has its own 20 hours."],
    source: "ptcb.org guidebook, advanced CPhT program (domain-facts.md)",
  },
};

/** Built-in state rule sets; an organization adds or replaces states in its CE settings. */
export const STATE_RULE_SETS: readonly CeRuleSet[] = [
  {
    code: "state-registration:FL",
    name: "Florida registered pharmacy technician",
    certificationCode: "state-registration",
    state: "FL",
    hours: 20,
    minimums: [
      { code: "live", label: "Live hours", hours: 4, counts: { kind: "live" } },
      { code: "medication-errors", label: "Preventing medication errors", hours: 2, counts: { kind: "category", category: "medication-errors" } },
      { code: "hiv-aids", label: "HIV/AIDS (first renewal)", hours: 1, counts: { kind: "category", category: "hiv-aids" }, firstCycleOnly: true },
    ],
    pharmacistHoursMax: null,
    collegeCourseHoursMax: null,
    inServiceRefusedFrom: null,
    notes: ["Contact hours per biennial renewal; medication-error hours must come from a course the Board approves for it."],
    source: "floridaspharmacy.gov help centre (domain-facts.md, State variation)",
    verify: false,
  },
];

export interface CeSettings {
  /** CPhT: at least this many of the 20 hours not pharmacist-designated (current PTCB rule 15; older pages 20). */
  technicianHoursMin: number;
  /** Warn this many days before a cycle ends when hours are short. */
  warningDays: number[];
  /** Accept UAN activity type B (blended), which is (verify). */
  acceptBlendedFormat: boolean;
  /** Accept topic designators 06–08, which are (verify). */
  acceptExtendedTopics: boolean;
  /** The organization's own state rule sets, replacing a built-in one for the same credential and state. */
  stateRuleSets: CeRuleSet[];
}

export const DEFAULT_CE_SETTINGS: CeSettings = {
  technicianHoursMin: findCertification("ptcb-cpht")?.ce?.technicianHoursMin ?? 15,
  warningDays: [90, 60, 30],
  acceptBlendedFormat: true,
  acceptExtendedTopics: true,
  stateRuleSets: [],
};

function nationalRuleSet(def: CertificationDef, settings: CeSettings): CeRuleSet | undefined {
  if (!def.ce || !def.cycleMonths || def.perState) return undefined;
  const extras = NATIONAL_EXTRAS[def.code] ?? {};
  const minimums: CeMinimum[] = [];
  if (def.ce.lawHours) minimums.push({ code: "law", label: `${CATEGORY_LABEL.law} (topic 03)`, hours: def.ce.lawHours, counts: { kind: "category", category: "law" } });
  if (def.ce.patientSafetyHours) {
    minimums.push({ code: "patient-safety", label: `${CATEGORY_LABEL["patient-safety"]} (topic 05)`, hours: def.ce.patientSafetyHours, counts: { kind: "category", category: "patient-safety" } });
  }
  let pharmacistHoursMax: number | null = null;
  if (def.ce.technicianHoursMin !== undefined) {
    const technicianHours = def.code === "ptcb-cpht" ? settings.technicianHoursMin : def.ce.technicianHoursMin;
    minimums.push({ code: "technician", label: "Technician hours (not pharmacist-designated)", hours: technicianHours, counts: { kind: "technician" } });
    pharmacistHoursMax = Math.max(0, def.ce.hours - technicianHours);
  }
  return {
    code: def.code,
    name: `${def.name}, ${def.issuer}`,
    certificationCode: def.code,
    state: null,
    hours: def.ce.hours,
    minimums,
    pharmacistHoursMax,
    collegeCourseHoursMax: extras.collegeCourseHoursMax ?? null,
    inServiceRefusedFrom: extras.inServiceRefusedFrom ?? null,
    notes: extras.notes ?? [],
    source: extras.source ?? def.source,
    verify: Boolean(def.verify),
  };
}

/** Every rule set in force for an organization: national ones from the catalog, then state ones (its own first). */
export function ruleSetsInForce(settings: CeSettings): CeRuleSet[] {
  const national = CERTIFICATIONS.map((def) => nationalRuleSet(def, settings)).filter((r): r is CeRuleSet => r !== undefined);
  const own = settings.stateRuleSets.map((r) => ({ ...r, code: `${r.certificationCode}:${r.state}`, custom: true }));
  const builtIn = STATE_RULE_SETS.filter((r) => !own.some((o) => o.code === r.code));
  return [...national, ...own, ...builtIn];
}

/** The rule set for a credential held (a state credential by its state), or undefined when none applies. */
export function ruleSetFor(ruleSets: readonly CeRuleSet[], certificationCode: string, state: string | null): CeRuleSet | undefined {
  const def = findCertification(certificationCode);
  if (def?.perState) return state ? ruleSets.find((r) => r.code === `${certificationCode}:${state.toUpperCase()}`) : undefined;
  return ruleSets.find((r) => r.code === certificationCode);
}

/** The categories an ACPE topic designator makes an activity. */
export function categoriesOfTopic(topic: string | null | undefined): CeCategory[] {
  return topic ? CE_CATEGORIES.filter((c) => c.topic === topic).map((c) => c.code) : [];
}

export function categoryLabel(code: CeCategory): string {
  return CATEGORY_LABEL[code] ?? code;
}
