/**
 * The career-ladder framework as data: tracks of ordered levels, each level stating its
 * requirements, and the catalog of competencies with checklist steps. An organization's
 * framework is one versioned document of this shape.
 */

export type TrackKind = "core" | "clinical" | "management" | "cross-training";

/** 1 learning · 2 performs with supervision · 3 performs independently · 4 can teach others. */
export type Proficiency = 1 | 2 | 3 | 4;

export const PROFICIENCY_SCALE: readonly { value: Proficiency; label: string; description: string }[] = [
  { value: 1, label: "Learning", description: "Has been shown the task and practises it with a trainer at their side" },
  { value: 2, label: "With supervision", description: "Performs the task correctly with a trainer checking the work" },
  { value: 3, label: "Independent", description: "Performs the task correctly and consistently without help" },
  { value: 4, label: "Can teach others", description: "Performs the task expertly and can train and assess others in it" },
];

/** Who may sign a competency off for someone else. */
export type AssessorRule =
  | { kind: "pharmacist" }
  | { kind: "lead" }
  /** A technician holding a core level of at least this rank (1 = Tech I … 4 = Lead), above the person assessed. */
  | { kind: "peer-above"; minRank: number };

export interface ChecklistStep {
  code: string;
  text: string;
}

export interface CompetencyDef {
  code: string;
  name: string;
  /** Grouping shown in the catalog, e.g. "Dispensing", "Sterile compounding". */
  area: string;
  description: string;
  steps: ChecklistStep[];
  assessors: AssessorRule[];
  /** Months a sign-off stays valid; absent when it does not expire. */
  validityMonths?: number;
  /** Where the validity period comes from (e.g. USP <797>, domain-facts.md). */
  validitySource?: string;
  /** What evidence an assessor should attach or describe. */
  evidence?: string;
}

export type Requirement =
  /** Any one of these certification codes, active and not expired. */
  | { kind: "certification"; anyOf: string[]; label?: string }
  | { kind: "competency"; competency: string; minProficiency: Proficiency }
  | { kind: "kpi"; kpi: string; comparator: ">=" | "<="; threshold: number; windowMonths: number; label?: string }
  | { kind: "evaluation"; minAverage: number; months: number }
  | { kind: "training"; training: string; label?: string }
  | { kind: "mentoring"; hours: number }
  /** Never the only requirement of a level: mastery first, tenure never alone. */
  | { kind: "tenure"; months: number }
  /** A level the person must have held (or hold) first, by "track/level" code. */
  | { kind: "level"; level: string };

export interface LevelDef {
  code: string;
  name: string;
  /** Order within the track, from 1. */
  rank: number;
  summary: string;
  duties: string[];
  requirements: Requirement[];
}

export interface TrackDef {
  code: string;
  name: string;
  kind: TrackKind;
  description: string;
  levels: LevelDef[];
}

export interface FrameworkDefinition {
  name: string;
  tracks: TrackDef[];
  competencies: CompetencyDef[];
}
