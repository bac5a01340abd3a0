/**
 * The training catalog shipped with Rx Ladder. Each organization gets its own copy on first use
 * (`sync-catalog.ts`) and edits it; a release adds new programs and never overwrites edited ones.
 *
 * Codes are the ones the default ladder framework's training requirements name
 * (src/modules/ladder/default-framework.ts; a test keeps the two in step).
 *
 * Validity intervals come only from shared/reference/domain-facts.md: USP <797> training every
 * 12 months, USP <800> at least every 12 months (verify). Every other program is left without
 * an interval; an organization that renews one (HIPAA, fraud, waste and abuse, bloodborne
 * pathogens) sets its own. Hours are planning estimates for the organization to adjust, not
 * sourced facts. Internal modules carry no CE hours: PTCB has not accepted in-service CE toward
 * CPhT renewal since 2018-01-01 (domain-facts.md, CPhT recertification).
 */
import type { TrainingCategory, TrainingDelivery } from "../../db/schema.ts";

export interface ModuleDef {
  title: string;
  delivery: TrainingDelivery;
  provider?: string;
  hours: number;
  ceHours?: number;
  costCents?: number;
}

export interface ProgramDef {
  code: string;
  name: string;
  description: string;
  category: TrainingCategory;
  /** Months a completion stays valid; absent when it does not expire. */
  validityMonths?: number;
  /** The interval was not confirmed from a primary source: keep it configurable and say so. */
  validityVerify?: boolean;
  source: string;
  modules: ModuleDef[];
}

const FRAMEWORK = "Required by the default ladder framework (src/modules/ladder/default-framework.ts)";
const ARTICLE = "seed article and product brief, capability 6";
const IN_HOUSE = "Pharmacy (in-house)";
const NO_CE = "in-service training earns no PTCB CE since 2018-01-01 (domain-facts.md)";

export const TRAINING_CATALOG: readonly ProgramDef[] = [
  // --- Compliance and onboarding (core ladder) --------------------------------------------------
  {
    code: "hipaa-privacy",
    name: "HIPAA privacy and security",
    description: "Protected health information at the counter, on the phone and on screens; minimum necessary; reporting a privacy incident.",
    category: "compliance",
    source: `${FRAMEWORK}: Pharmacy Technician I. No renewal interval in domain-facts.md; set one if your policy renews it. ${NO_CE}`,
    modules: [
      { title: "Privacy rule in the pharmacy", delivery: "internal", provider: IN_HOUSE, hours: 1 },
      { title: "Security of systems and devices", delivery: "internal", provider: IN_HOUSE, hours: 0.5 },
    ],
  },
  {
    code: "fraud-waste-abuse",
    name: "Fraud, waste and abuse (Medicare Part D)",
    description: "Recognizing and reporting fraud, waste and abuse in prescription claims.",
    category: "compliance",
    source: `${FRAMEWORK}: Pharmacy Technician I. No renewal interval in domain-facts.md; set one if your policy renews it.`,
    modules: [{ title: "Fraud, waste and abuse for pharmacy staff", delivery: "internal", provider: IN_HOUSE, hours: 1 }],
  },
  {
    code: "preceptor-basics",
    name: "Trainer and preceptor basics",
    description: "Teaching a task, observing it, giving feedback and signing off checklist steps honestly.",
    category: "development",
    source: `${FRAMEWORK}: Pharmacy Technician III; ${ARTICLE} (senior technicians train junior staff).`,
    modules: [
      { title: "Teaching at the workstation", delivery: "internal", provider: IN_HOUSE, hours: 1.5 },
      { title: "Observing and signing off competencies", delivery: "internal", provider: IN_HOUSE, hours: 1 },
    ],
  },
  {
    code: "leadership-foundations",
    name: "Leadership foundations",
    description: "Leading a shift, delegating, coaching and giving feedback.",
    category: "development",
    source: `${FRAMEWORK}: Lead Technician, Lead Technician (Management), Assistant Pharmacy Manager.`,
    modules: [
      { title: "Leading a shift and huddles", delivery: "internal", provider: IN_HOUSE, hours: 2 },
      { title: "Coaching and feedback", delivery: "internal", provider: IN_HOUSE, hours: 2 },
    ],
  },

  // --- Clinical --------------------------------------------------------------------------------
  {
    code: "immunization-support",
    name: "Immunization support",
    description:
      "Vaccine storage and cold chain, preparation, screening questionnaires, documentation and registry submissions. Administration itself needs the ACPE-accredited practical training and current CPR, recorded as certifications.",
    category: "clinical",
    source: `${ARTICLE}; HHS PREP Act guidance 2020-10-20 (domain-facts.md). Authority to administer now depends on the state.`,
    modules: [
      { title: "Vaccine storage, handling and cold chain", delivery: "internal", provider: IN_HOUSE, hours: 1.5 },
      { title: "Screening, consent and documentation", delivery: "internal", provider: IN_HOUSE, hours: 1 },
    ],
  },
  {
    code: "bloodborne-pathogens",
    name: "Bloodborne pathogens and sharps safety",
    description: "Exposure control, sharps disposal and what to do after a needlestick.",
    category: "clinical",
    source: `${FRAMEWORK}: Clinical Technician – Immunization Support and – Health Screenings. No renewal interval in domain-facts.md; set one if your policy renews it.`,
    modules: [{ title: "Exposure control and sharps", delivery: "internal", provider: IN_HOUSE, hours: 1 }],
  },
  {
    code: "clia-waived-testing",
    name: "Health screenings: blood pressure, glucose and CLIA-waived testing",
    description: "Measuring blood pressure, point-of-care glucose and other CLIA-waived tests under protocol, quality control and documentation for pharmacist review.",
    category: "clinical",
    source: `${FRAMEWORK}: Clinical Technician – Health Screenings; ${ARTICLE}.`,
    modules: [
      { title: "Blood pressure measurement", delivery: "internal", provider: IN_HOUSE, hours: 1 },
      { title: "Point-of-care glucose and CLIA-waived tests, quality control", delivery: "internal", provider: IN_HOUSE, hours: 2 },
    ],
  },
  {
    code: "care-transitions",
    name: "Medication reconciliation and care transitions",
    description: "Best possible medication histories, reconciled lists at admission, transfer and discharge, and post-discharge follow-up calls.",
    category: "clinical",
    source: `${FRAMEWORK}: Clinical Technician – Medication Reconciliation; ${ARTICLE}.`,
    modules: [
      { title: "Medication history interviews", delivery: "internal", provider: IN_HOUSE, hours: 2 },
      { title: "Reconciled lists and follow-up calls", delivery: "internal", provider: IN_HOUSE, hours: 1.5 },
    ],
  },

  // --- Cross-training ---------------------------------------------------------------------------
  {
    code: "usp-797-didactic",
    name: "Sterile compounding (USP <797>)",
    description: "Didactic training in sterile compounding principles; the garbing, gloved-fingertip and media-fill competencies are signed off separately on their own schedule.",
    category: "cross-training",
    validityMonths: 12,
    source: "USP <797> (2023): training and competency in sterile compounding principles every 12 months for Category 1, 2 and 3 (domain-facts.md, eurofinsus.com USP<797>).",
    modules: [{ title: "Sterile compounding principles", delivery: "external", provider: "ACPE-accredited provider", hours: 8 }],
  },
  {
    code: "usp-800-hazardous",
    name: "Hazardous drug handling (USP <800>)",
    description: "Hazardous drug lists, receiving, storage, personal protective equipment, spills and disposal.",
    category: "compliance",
    validityMonths: 12,
    validityVerify: true,
    source: "USP <800>: train before handling hazardous drugs and at least every 12 months (domain-facts.md, marked verify).",
    modules: [
      { title: "Hazardous drugs: receiving, storage and PPE", delivery: "internal", provider: IN_HOUSE, hours: 1.5 },
      { title: "Spills, deactivation and disposal", delivery: "internal", provider: IN_HOUSE, hours: 1 },
    ],
  },
  {
    code: "automation-system-training",
    name: "Automation and robotic dispensing",
    description: "Operating, replenishing and troubleshooting the site's automation and robotic dispensing system.",
    category: "cross-training",
    source: `${FRAMEWORK}: Pharmacy Automation and Robotics; ${ARTICLE}.`,
    modules: [
      { title: "Operation and replenishment", delivery: "external", provider: "System vendor", hours: 4 },
      { title: "Faults, maintenance and manual fallback", delivery: "external", provider: "System vendor", hours: 2 },
    ],
  },
  {
    code: "tech-check-tech-program",
    name: "Tech-check-tech",
    description: "State-approved tech-check-tech training and pharmacist validation of accuracy, where the state permits it (for example Iowa §155A.33A, Wisconsin Phar 7.14).",
    category: "cross-training",
    source: `${FRAMEWORK}: Tech-Check-Tech; state rules in domain-facts.md (State variation).`,
    modules: [
      { title: "Tech-check-tech training", delivery: "external", provider: "State-approved program", hours: 4 },
      { title: "Pharmacist validation of accuracy", delivery: "internal", provider: IN_HOUSE, hours: 4 },
    ],
  },
  {
    code: "specialty-pharmacy-orientation",
    name: "Specialty and mail-order workflows",
    description: "Specialty referrals and benefits investigation, REMS requirements, cold-chain packing and mail-order fulfillment.",
    category: "cross-training",
    source: `${FRAMEWORK}: Specialty and Mail-Order Pharmacy; ${ARTICLE}.`,
    modules: [
      { title: "Specialty intake, benefits and REMS", delivery: "internal", provider: IN_HOUSE, hours: 2 },
      { title: "Cold-chain packing and mail-order fulfillment", delivery: "internal", provider: IN_HOUSE, hours: 2 },
    ],
  },

  // --- Management track -------------------------------------------------------------------------
  {
    code: "management-essentials",
    name: "Pharmacy management essentials",
    description: "The management track's four modules: staff scheduling and workflow, communication and conflict, inventory and vendors, budgeting and metrics.",
    category: "management",
    source: `${ARTICLE}: management track (scheduling, communication and conflict resolution, inventory and vendor systems, budgeting and operational metrics).`,
    modules: [
      { title: "Staff scheduling and workflow", delivery: "internal", provider: IN_HOUSE, hours: 2 },
      { title: "Communication and conflict resolution", delivery: "internal", provider: IN_HOUSE, hours: 2 },
      { title: "Inventory and vendor management", delivery: "internal", provider: IN_HOUSE, hours: 2 },
      { title: "Budgeting and operational metrics", delivery: "internal", provider: IN_HOUSE, hours: 2 },
    ],
  },
  {
    code: "dscsa-traceability",
    name: "Drug Supply Chain Security Act (DSCSA) traceability",
    description: "Transaction information and statements, suspect product and verification for inventory roles.",
    category: "management",
    source: `${FRAMEWORK}: Inventory Coordinator.`,
    modules: [{ title: "DSCSA for pharmacy receiving and returns", delivery: "internal", provider: IN_HOUSE, hours: 1.5 }],
  },
  {
    code: "supervisor-hr-essentials",
    name: "Supervisor essentials: hiring, documentation and labor law",
    description: "Interviewing, documenting performance, scheduling within labor law and working with HR.",
    category: "management",
    source: `${FRAMEWORK}: Assistant Pharmacy Manager.`,
    modules: [{ title: "Hiring, documentation and labor law", delivery: "external", provider: "HR department", hours: 3 }],
  },
];

const BY_CODE = new Map(TRAINING_CATALOG.map((p) => [p.code, p]));

export function findShippedProgram(code: string): ProgramDef | undefined {
  return BY_CODE.get(code);
}
