/**
 * The credentials catalog. Facts come from shared/reference/domain-facts.md; entries marked
 * `verify: true` were not confirmed from a primary source and are meant to be adjusted by an
 * organization (the web app says so next to them).
 */

export type CredentialKind = "national" | "state" | "assessment-based" | "training" | "life-support";

export interface CertificationDef {
  code: string;
  name: string;
  issuer: string;
  kind: CredentialKind;
  /** Months from earning (or last renewal) to expiry when the holder has no printed expiry date; absent when it does not expire. */
  cycleMonths?: number;
  /** Days before expiry when renewal opens, and the last day to apply without a late fee. */
  renewalOpensDaysBefore?: number;
  applyByDaysBefore?: number;
  /** Codes of credentials that must be active for this one to count (e.g. CSPT needs an active CPhT). */
  requires?: string[];
  /** The renewal rule for continuing education, evaluated by the training issue's CE accounting. */
  ce?: { hours: number; lawHours?: number; patientSafetyHours?: number; technicianHoursMin?: number };
  /** Counts as national certification for the ladder. */
  national?: boolean;
  /** A state-issued credential: the holding names its state. */
  perState?: boolean;
  verify?: boolean;
  source: string;
}

export const CERTIFICATIONS: readonly CertificationDef[] = [
  {
    code: "ptcb-cpht",
    name: "Certified Pharmacy Technician (CPhT)",
    issuer: "PTCB",
    kind: "national",
    national: true,
    cycleMonths: 24,
    renewalOpensDaysBefore: 60,
    applyByDaysBefore: 30,
    ce: { hours: 20, lawHours: 1, patientSafetyHours: 1, technicianHoursMin: 15 },
    source: "ptcb.org/renew/continuing-education; ptcb.zendesk.com 206879047 (domain-facts.md, CPhT recertification)",
  },
  {
    code: "nha-excpt",
    name: "Certified Pharmacy Technician (ExCPT)",
    issuer: "NHA",
    kind: "national",
    national: true,
    cycleMonths: 24,
    ce: { hours: 20, lawHours: 1 },
    source: "continuingeducation.com NHA renewal summary (domain-facts.md)",
  },
  {
    code: "ptcb-cspt",
    name: "Certified Compounded Sterile Preparation Technician (CSPT)",
    issuer: "PTCB",
    kind: "national",
    cycleMonths: 24,
    requires: ["ptcb-cpht"],
    source: "ptcb.org CSPT program page (domain-facts.md)",
  },
  {
    code: "ptcb-cpht-adv",
    name: "Advanced Certified Pharmacy Technician (CPhT-Adv)",
    issuer: "PTCB",
    kind: "national",
    cycleMonths: 24,
    requires: ["ptcb-cpht"],
    ce: { hours: 25 },
    source: "ptcb.org guidebook, advanced CPhT program (domain-facts.md)",
  },
  { code: "ptcb-tpv", name: "Technician Product Verification certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md); renewal terms not confirmed" },
  { code: "ptcb-medication-history", name: "Medication History certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  { code: "ptcb-billing", name: "Billing and Reimbursement certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  { code: "ptcb-hazardous-drug", name: "Hazardous Drug Management certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  { code: "ptcb-diversion", name: "Controlled Substances Diversion Prevention certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  { code: "ptcb-immunization", name: "Immunization Administration certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  { code: "ptcb-point-of-care", name: "Point-of-Care Testing certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  { code: "ptcb-mtm", name: "Medication Therapy Management certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  { code: "ptcb-regulatory", name: "Regulatory Compliance certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  { code: "ptcb-supply-chain", name: "Supply Chain and Inventory Management certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  { code: "ptcb-nonsterile", name: "Nonsterile Compounding certificate", issuer: "PTCB", kind: "assessment-based", requires: ["ptcb-cpht"], verify: true, source: "ptcb.zendesk.com 360035518231 (domain-facts.md)" },
  {
    code: "state-registration",
    name: "State pharmacy technician registration",
    issuer: "State board of pharmacy",
    kind: "state",
    perState: true,
    cycleMonths: 24,
    verify: true,
    source: "renewal periods differ by state (domain-facts.md, State variation); 24 months is a default to adjust per state",
  },
  {
    code: "state-license",
    name: "State pharmacy technician licence",
    issuer: "State board of pharmacy",
    kind: "state",
    perState: true,
    cycleMonths: 24,
    verify: true,
    source: "renewal periods differ by state (domain-facts.md, State variation)",
  },
  {
    code: "immunization-training",
    name: "ACPE-accredited immunization training (hands-on injection technique, emergency response)",
    issuer: "ACPE-accredited provider",
    kind: "training",
    ce: { hours: 2 },
    verify: true,
    source: "HHS PREP Act guidance 2020-10-20 (domain-facts.md): 2 h immunization CE per state licensing period; authority now depends on the state",
  },
  {
    code: "cpr-bls",
    name: "Basic Life Support / CPR",
    issuer: "American Heart Association or American Red Cross",
    kind: "life-support",
    cycleMonths: 24,
    verify: true,
    source: "required current for immunizing technicians (domain-facts.md); two-year card validity is the providers' usual term",
  },
];

const BY_CODE = new Map(CERTIFICATIONS.map((c) => [c.code, c]));

export function findCertification(code: string): CertificationDef | undefined {
  return BY_CODE.get(code);
}

export const NATIONAL_CERTIFICATION_CODES = CERTIFICATIONS.filter((c) => c.national).map((c) => c.code);
