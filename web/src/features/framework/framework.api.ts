import { api } from "../../api.ts";

/* The framework document, as in src/modules/ladder/framework.types.ts. */

export type TrackKind = "core" | "clinical" | "management" | "cross-training";

/** 1 learning · 2 performs with supervision · 3 performs independently · 4 can teach others. */
export type Proficiency = 1 | 2 | 3 | 4;

export interface ProficiencyLevel {
  value: Proficiency;
  label: string;
  description: string;
}

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
  /** Where the validity period comes from (e.g. USP <797>). */
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

export type RequirementKind = Requirement["kind"];

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

/* The API's answers. */

export interface PublishedFramework {
  version: number;
  publishedAt: string;
  definition: FrameworkDefinition;
  proficiencyScale: ProficiencyLevel[];
}

export interface FrameworkDraft {
  version: number;
  /** False when no draft exists: the definition is then the published one, to start a draft from. */
  isDraft: boolean;
  note: string | null;
  definition: FrameworkDefinition;
}

export interface FrameworkVersion {
  version: number;
  status: "draft" | "published";
  note: string | null;
  createdAt: string;
  publishedAt: string | null;
  by: string | null;
}

export interface ImpactChange {
  personId: string;
  name: string;
  siteCode: string;
  track: string;
  levelName: string;
  before: boolean | null;
  after: boolean | null;
}

export interface FrameworkImpact {
  people: number;
  eligibleBefore: number;
  eligibleAfter: number;
  becomeEligible: ImpactChange[];
  becomeIneligible: ImpactChange[];
}

export interface CatalogCertification {
  code: string;
  name: string;
  issuer?: string;
  /** national, state, assessment-based, training or life-support. */
  kind?: string;
}

export const FRAMEWORK_PATH = "/api/ladder/framework";
export const FRAMEWORK_DRAFT_PATH = "/api/ladder/framework/draft";
export const FRAMEWORK_VERSIONS_PATH = "/api/ladder/framework/versions";
export const CERTIFICATION_CATALOG_PATH = "/api/certifications/catalog";

export const frameworkApi = {
  saveDraft: (definition: FrameworkDefinition, note: string | null) =>
    api.put<FrameworkDraft>(FRAMEWORK_DRAFT_PATH, { definition, note }),
  discardDraft: () => api.delete<void>(FRAMEWORK_DRAFT_PATH),
  preview: (definition: FrameworkDefinition) => api.post<FrameworkImpact>("/api/ladder/framework/preview", { definition }),
  publish: () => api.post<{ version: number }>("/api/ladder/framework/publish"),
};
