import { api, useApiQuery, withQuery } from "../../api.ts";
import type { EvidenceLinkData } from "../evidence/evidence.api.ts";

/* The framework document: one definition, shared with the server (types only, nothing is bundled from it). */
export type {
  AssessorRule,
  ChecklistStep,
  CompetencyDef,
  FrameworkDefinition,
  LevelDef,
  Proficiency,
  Requirement,
  TrackDef,
  TrackKind,
} from "../../../../src/modules/ladder/framework.types.ts";
import type { CompetencyDef, FrameworkDefinition, Proficiency, Requirement } from "../../../../src/modules/ladder/framework.types.ts";

export interface ProficiencyLevel {
  value: Proficiency;
  label: string;
  description: string;
}

export interface Framework {
  version: number;
  publishedAt: string;
  definition: FrameworkDefinition;
  proficiencyScale: ProficiencyLevel[];
}

/* A person's standing on the ladder. */

export type RequirementStatus = "met" | "missing" | "expiring";

export interface RequirementResult {
  kind: Requirement["kind"];
  label: string;
  status: RequirementStatus;
  /** Why the requirement is met or not, in words. */
  reason: string;
  /** 0–1. */
  progress: number;
  expiresOn: string | null;
}

export interface Eligibility {
  track: string;
  trackName: string;
  level: string;
  levelName: string;
  eligible: boolean;
  /** 0–100. */
  percent: number;
  requirements: RequirementResult[];
  nextSteps: string[];
}

export interface CurrentLevel {
  track: string;
  trackName: string;
  level: string;
  levelName: string;
  rank: number;
  startedOn: string;
}

export interface LevelHistoryEntry {
  track: string;
  trackName: string;
  level: string;
  levelName: string;
  startedOn: string;
  /** The day the next level starts; it may be later than today (a promotion approved ahead). */
  endedOn: string | null;
  /** Whether this is the level in force today. */
  current: boolean;
  days: number;
}

/** A level approved to start on a later date. */
export interface UpcomingLevel {
  track: string;
  trackName: string;
  level: string;
  levelName: string;
  rank: number;
  startedOn: string;
}

export type VerificationStatus = "unverified" | "verified" | "rejected";
export type HoldingState = "active" | "expiring" | "expired" | "rejected";

export interface CertificationHolding {
  id: string;
  certificationCode: string;
  name: string;
  number: string | null;
  issuer: string | null;
  /** The issuing US state of a state credential (two letters). */
  state: string | null;
  earnedOn: string;
  expiresOn: string | null;
  verificationStatus: VerificationStatus;
  /** Whether the holding counts today. */
  status: HoldingState;
  /** A copy of the credential. */
  evidenceFile: EvidenceLinkData | null;
}

export type CompetencyStatus = "valid" | "expiring" | "expired" | "in-progress" | "not-started";

export interface PersonCompetency {
  code: string;
  name: string;
  area: string;
  status: CompetencyStatus;
  proficiency: Proficiency | null;
  validUntil: string | null;
  signedAt: string | null;
  assessorName: string | null;
  /** The evidence file of the sign-off shown. */
  evidenceFile: EvidenceLinkData | null;
  stepsSigned: number;
  stepsTotal: number;
}

export interface LadderPerson {
  id: string;
  firstName: string;
  lastName: string;
  siteId: string;
  siteCode: string;
  hireDate: string;
}

export interface PersonLadder {
  person: LadderPerson;
  currentLevels: CurrentLevel[];
  upcomingLevels: UpcomingLevel[];
  next: Eligibility[];
  history: LevelHistoryEntry[];
  certifications: CertificationHolding[];
  competencies: PersonCompetency[];
  permissions: {
    canRecordCertification: boolean;
    canVerifyCertification: boolean;
    canNominate: boolean;
    canAssess: boolean;
    canRecordEvidence: boolean;
  };
}

export interface TeamMember {
  person: { id: string; firstName: string; lastName: string; siteId: string; siteCode: string };
  current: { track: string; level: string; levelName: string } | null;
  next: { track: string; level: string; levelName: string; eligible: boolean; percent: number; missing: number; expiring: number } | null;
  pendingPromotionId: string | null;
}

export interface AssessablePerson {
  id: string;
  firstName: string;
  lastName: string;
  siteCode: string;
  levelName: string | null;
}

export interface CompetencyStepState {
  code: string;
  text: string;
  signed: boolean;
  signedAt: string | null;
  assessorName: string | null;
}

export interface Signoff {
  id: string;
  stepCode: string | null;
  proficiency: Proficiency;
  signedAt: string;
  validUntil: string | null;
  assessorName: string;
  evidenceNote: string | null;
  /** Null also when the viewer may not open the person's record. */
  evidenceFile: EvidenceLinkData | null;
  revoked: boolean;
}

export interface PersonCompetencyDetail {
  competency: CompetencyDef;
  mayAssess: boolean;
  /** Why the signed-in person may not assess, when they may not. */
  reason: string | null;
  status: CompetencyStatus;
  steps: CompetencyStepState[];
  signoffs: Signoff[];
}

export interface NewSignoff {
  personId: string;
  competencyCode: string;
  /** Omitted to sign the whole competency. */
  stepCodes?: string[];
  proficiency: Proficiency;
  evidenceNote?: string;
  evidenceFileId?: string;
  password: string;
}

export interface SignoffResult {
  signed: number;
  validUntil: string | null;
}

export type CredentialKind = "national" | "state" | "assessment-based" | "training" | "life-support";

export interface CatalogCertification {
  code: string;
  name: string;
  issuer: string;
  kind: CredentialKind;
  cycleMonths?: number;
  perState?: boolean;
  /** The catalog's rules for this credential are defaults the organization should confirm. */
  verify?: boolean;
  source: string;
}

export interface NewCertification {
  certificationCode: string;
  number?: string;
  issuer?: string;
  state?: string;
  earnedOn: string;
  expiresOn?: string;
  verified?: boolean;
  evidenceFileId?: string;
}

export const FRAMEWORK_PATH = "/api/ladder/framework";
export const CATALOG_PATH = "/api/certifications/catalog";
export const ASSESSABLE_PATH = "/api/ladder/assessable";
export const personLadderPath = (personId: string) => `/api/ladder/people/${encodeURIComponent(personId)}`;
export const teamPath = (siteId?: string) => withQuery("/api/ladder/team", { siteId });
export const personCompetencyPath = (personId: string, code: string) =>
  `${personLadderPath(personId)}/competencies/${encodeURIComponent(code)}`;

export const ladderApi = {
  signOff: (input: NewSignoff) => api.post<SignoffResult>("/api/ladder/signoffs", input),
  revokeSignoff: (signoffId: string, reason: string, password: string) =>
    api.post<unknown>(`/api/ladder/signoffs/${encodeURIComponent(signoffId)}/revoke`, { reason, password }),
  recordCertification: (personId: string, input: NewCertification) =>
    api.post<CertificationHolding>(`/api/people/${encodeURIComponent(personId)}/certifications`, input),
  verifyCertification: (holdingId: string, status: "verified" | "rejected") =>
    api.post<CertificationHolding>(`/api/certifications/${encodeURIComponent(holdingId)}/verify`, { status }),
  setCertificationEvidence: (holdingId: string, evidenceFileId: string | null) =>
    api.patch<CertificationHolding>(`/api/certifications/${encodeURIComponent(holdingId)}`, { evidenceFileId }),
};

export function useFramework(isEnabled = true) {
  return useApiQuery<Framework>(isEnabled ? FRAMEWORK_PATH : null);
}

export function useCertificationCatalog(isEnabled = true) {
  return useApiQuery<{ items: CatalogCertification[] }>(isEnabled ? CATALOG_PATH : null);
}

/** The framework's proficiency scale, for labels before (or without) loading the framework. */
export const PROFICIENCY_SCALE: readonly ProficiencyLevel[] = [
  { value: 1, label: "Learning", description: "Has been shown the task and practises it with a trainer at their side" },
  { value: 2, label: "With supervision", description: "Performs the task correctly with a trainer checking the work" },
  { value: 3, label: "Independent", description: "Performs the task correctly and consistently without help" },
  { value: 4, label: "Can teach others", description: "Performs the task expertly and can train and assess others in it" },
];

export function proficiencyLabel(value: number, scale: readonly ProficiencyLevel[] = PROFICIENCY_SCALE): string {
  const level = scale.find((entry) => entry.value === value);
  return level ? `${value} · ${level.label}` : String(value);
}
