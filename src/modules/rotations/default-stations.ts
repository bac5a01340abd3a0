import type { SiteSetting } from "../../db/schema.ts";
import type { Proficiency } from "../ladder/framework.types.ts";

/**
 * The station set shipped with Rx Ladder, loaded into a site on first use and then edited there.
 * Competency codes are the default framework's, certification codes the credentials catalog's;
 * required proficiency 3 is "performs independently". Demand is a starting point for a site of
 * its setting, in people per shift; managers change it to their volumes.
 */
export const SHIPPED_STATIONS_REVISION = "2026-11";

export interface ShiftTemplate {
  code: string;
  name: string;
  start: string;
  end: string;
  /** A short shift that only adds people at busy hours. */
  peak?: boolean;
}

export const DEFAULT_SHIFTS: ShiftTemplate[] = [
  { code: "first", name: "1st shift", start: "07:00", end: "15:00" },
  { code: "second", name: "2nd shift", start: "15:00", end: "23:00" },
  { code: "peak", name: "Midday peak", start: "11:00", end: "14:00", peak: true },
];

/** People per shift code, on weekdays (Mon–Fri) and on weekends (Sat–Sun). */
type Demand = Partial<Record<"first" | "second" | "peak", { weekdays: number; weekends: number }>>;

export interface StationTemplate {
  code: string;
  name: string;
  competencies: { competency: string; minProficiency: Proficiency }[];
  certifications: { anyOf: string[] }[];
  /** Training programs (catalog codes) whose trainees may work here beside a qualified person. */
  trainingPrograms: string[];
  unpopular?: boolean;
  /** Settings whose sites get the station; all when absent. */
  settings?: SiteSetting[];
  /** States whose sites get the station; all when absent. */
  states?: string[];
  demand: Partial<Record<SiteSetting, Demand>>;
  source?: string;
}

const community = (d: Demand): Partial<Record<SiteSetting, Demand>> => ({ community: d });

export const DEFAULT_STATIONS: StationTemplate[] = [
  {
    code: "prescription-filling",
    name: "Prescription filling",
    competencies: [{ competency: "prescription-filling", minProficiency: 3 }, { competency: "lasa-safety", minProficiency: 3 }],
    certifications: [],
    trainingPrograms: [],
    demand: { community: { first: { weekdays: 2, weekends: 1 }, second: { weekdays: 1, weekends: 1 } }, "health-system": { first: { weekdays: 2, weekends: 1 }, second: { weekdays: 1, weekends: 1 } }, specialty: { first: { weekdays: 1, weekends: 0 } }, "mail-order": { first: { weekdays: 3, weekends: 0 }, second: { weekdays: 2, weekends: 0 } } },
  },
  {
    code: "order-entry",
    name: "Order entry",
    competencies: [{ competency: "order-entry", minProficiency: 3 }, { competency: "prescription-intake", minProficiency: 3 }],
    certifications: [],
    trainingPrograms: [],
    demand: { community: { first: { weekdays: 1, weekends: 1 }, second: { weekdays: 1, weekends: 0 } }, "health-system": { first: { weekdays: 1, weekends: 1 }, second: { weekdays: 1, weekends: 1 } }, specialty: { first: { weekdays: 1, weekends: 0 } }, "mail-order": { first: { weekdays: 2, weekends: 0 } } },
  },
  {
    code: "insurance-billing",
    name: "Insurance billing",
    competencies: [{ competency: "insurance-billing", minProficiency: 3 }, { competency: "claims-rejection-resolution", minProficiency: 2 }],
    certifications: [],
    trainingPrograms: [],
    demand: { community: { first: { weekdays: 1, weekends: 0 } }, specialty: { first: { weekdays: 1, weekends: 0 } } },
  },
  {
    code: "pickup-drive-thru",
    name: "Pick-up and drive-thru",
    competencies: [{ competency: "point-of-sale", minProficiency: 3 }, { competency: "pseudoephedrine-sales", minProficiency: 3 }, { competency: "patient-privacy", minProficiency: 3 }],
    certifications: [],
    trainingPrograms: [],
    unpopular: true,
    settings: ["community"],
    demand: community({ first: { weekdays: 1, weekends: 1 }, second: { weekdays: 1, weekends: 1 }, peak: { weekdays: 1, weekends: 0 } }),
  },
  {
    code: "nonsterile-compounding",
    name: "Non-sterile compounding",
    competencies: [{ competency: "nonsterile-compounding", minProficiency: 3 }, { competency: "compounding-records", minProficiency: 3 }],
    certifications: [],
    trainingPrograms: [],
    settings: ["community", "health-system"],
    demand: { community: { first: { weekdays: 1, weekends: 0 } }, "health-system": { first: { weekdays: 1, weekends: 0 } } },
  },
  {
    code: "sterile-compounding",
    name: "Sterile compounding cleanroom",
    competencies: [
      { competency: "sterile-compounding-principles", minProficiency: 3 },
      { competency: "sterile-garbing-hand-hygiene", minProficiency: 3 },
      { competency: "aseptic-manipulation-media-fill", minProficiency: 3 },
    ],
    certifications: [],
    trainingPrograms: ["usp-797-didactic"],
    settings: ["health-system", "specialty"],
    demand: { "health-system": { first: { weekdays: 2, weekends: 1 }, second: { weekdays: 1, weekends: 1 } }, specialty: { first: { weekdays: 1, weekends: 0 } } },
    source: "USP <797> (2023): garbing, gloved-fingertip and media-fill re-evaluation every 6 months for Category 1 and 2 (domain-facts.md)",
  },
  {
    code: "immunization",
    name: "Immunization station",
    competencies: [{ competency: "immunization-administration", minProficiency: 3 }, { competency: "anaphylaxis-emergency-response", minProficiency: 3 }],
    certifications: [{ anyOf: ["immunization-training"] }, { anyOf: ["cpr-bls"] }],
    trainingPrograms: ["immunization-support"],
    settings: ["community"],
    demand: community({ peak: { weekdays: 1, weekends: 1 } }),
    source: "HHS PREP Act guidance 2020-10-20: practical training and current CPR; authority now varies by state (domain-facts.md)",
  },
  {
    code: "inventory-receiving",
    name: "Inventory and receiving",
    competencies: [{ competency: "inventory-receiving", minProficiency: 3 }, { competency: "controlled-substance-handling", minProficiency: 3 }],
    certifications: [],
    trainingPrograms: [],
    unpopular: true,
    demand: { community: { first: { weekdays: 1, weekends: 0 } }, "health-system": { first: { weekdays: 1, weekends: 0 } }, specialty: { first: { weekdays: 1, weekends: 0 } }, "mail-order": { first: { weekdays: 1, weekends: 0 } } },
  },
  {
    code: "product-verification",
    name: "Product verification (tech-check-tech)",
    competencies: [{ competency: "tech-check-tech-verification", minProficiency: 3 }],
    certifications: [{ anyOf: ["ptcb-cpht", "nha-excpt"] }],
    trainingPrograms: ["tech-check-tech-program"],
    // Only where the state allows technicians to check technicians (verify for each state).
    states: ["IA", "WI"],
    demand: { community: { first: { weekdays: 1, weekends: 0 } }, "health-system": { first: { weekdays: 1, weekends: 0 } }, "mail-order": { first: { weekdays: 1, weekends: 0 } } },
    source: "Iowa §155A.33A; Wisconsin Phar 7.14 (domain-facts.md); other states to be verified",
  },
];

/** Minutes after midnight of "HH:MM". */
export function minuteOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

/** "HH:MM" of minutes after midnight (wrapping past midnight). */
export function timeOf(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** Shift length from start and end times; an end at or before the start is on the next day. */
export function shiftLength(start: string, end: string): number {
  const length = minuteOf(end) - minuteOf(start);
  return length > 0 ? length : length + 1440;
}
