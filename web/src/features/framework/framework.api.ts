import { api, withQuery } from "../../api.ts";

/* The framework document and the proficiency scale, as the ladder pages define them. */
export type {
  AssessorRule,
  ChecklistStep,
  CompetencyDef,
  FrameworkDefinition,
  LevelDef,
  Proficiency,
  ProficiencyLevel,
  Requirement,
  TrackDef,
  TrackKind,
} from "../ladder/ladder.api.ts";
import type { FrameworkDefinition, ProficiencyLevel, Requirement } from "../ladder/ladder.api.ts";

export type RequirementKind = Requirement["kind"];

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
  /** Sent back with a save, publish or discard, which the server refuses (DRAFT_CHANGED) when the draft has moved on; 0 with no draft. */
  revision: number;
  savedAt: string | null;
  savedBy: string | null;
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

/** A training program of the organization, for a training requirement to name (by its code). */
export interface TrainingProgramOption {
  code: string;
  name: string;
  active: boolean;
}

export const FRAMEWORK_PATH = "/api/ladder/framework";
export const FRAMEWORK_DRAFT_PATH = "/api/ladder/framework/draft";
export const FRAMEWORK_VERSIONS_PATH = "/api/ladder/framework/versions";
export const CERTIFICATION_CATALOG_PATH = "/api/certifications/catalog";
export const TRAINING_PROGRAMS_PATH = "/api/training/programs";

export const frameworkApi = {
  loadDraft: () => api.get<FrameworkDraft>(FRAMEWORK_DRAFT_PATH),
  saveDraft: (definition: FrameworkDefinition, note: string | null, baseRevision: number) =>
    api.put<FrameworkDraft>(FRAMEWORK_DRAFT_PATH, { definition, note, baseRevision }),
  discardDraft: (baseRevision: number) => api.delete<void>(withQuery(FRAMEWORK_DRAFT_PATH, { baseRevision })),
  preview: (definition: FrameworkDefinition) => api.post<FrameworkImpact>("/api/ladder/framework/preview", { definition }),
  publish: (baseRevision: number) => api.post<{ version: number }>("/api/ladder/framework/publish", { baseRevision }),
};
