import { api, useApiQuery, withQuery } from "../../api.ts";

/* Shapes shared with the server (types only, nothing is bundled from it). */
import type { FlagReason } from "../../../../src/db/schema.ts";
import type { CertificationExamDef } from "../../../../src/modules/exams/certification-exams.ts";
import type { DomainResult, FormKind, FormSpec, PipelineStage, PipelineStatus } from "../../../../src/modules/exams/exams.rules.ts";
import type { ExamSettings } from "../../../../src/modules/exams/exams.queries.ts";
import type { ItemKind, ItemOption } from "../../../../src/modules/exams/item.types.ts";
import type { OutlineDomain, PtceDomain, PtceOutline } from "../../../../src/modules/exams/outline.ts";

export type { DomainResult, ExamSettings, FlagReason, FormKind, ItemKind, ItemOption, OutlineDomain, PipelineStage, PipelineStatus, PtceDomain, PtceOutline };

export interface ExamCatalog {
  forms: FormSpec[];
  ptce: { items: number; scoredItems: number; minutes: number; scaledMin: number; scaledMax: number; passingScaled: number };
  outlines: PtceOutline[];
  readinessModel: { thetaCut: number; minResponsesForConfidence: number };
  certificationExams: CertificationExamDef[];
  flagReasons: { code: FlagReason; text: string }[];
}

export interface Readiness {
  responses: number;
  ability: number;
  abilitySe: number;
  /** 0–1: the chance of passing the PTCE today. */
  probability: number;
  low: number;
  high: number;
  preliminary: boolean;
  domains: { domain: PtceDomain; responses: number; percent: number }[];
}

export type AttemptStatus = "in_progress" | "submitted";

export interface AttemptResult {
  scored: number;
  correct: number;
  percent: number;
  domains: DomainResult[];
}

export interface AttemptSummary {
  id: string;
  form: FormKind;
  formName: string;
  domain: PtceDomain | null;
  status: AttemptStatus;
  startedAt: string;
  submittedAt: string | null;
  expired: boolean;
  itemCount: number;
  result: AttemptResult | null;
}

export interface ExamRecord {
  id: string;
  exam: string;
  scheduledOn: string;
  result: string;
  takenOn: string | null;
  scaledScore: number | null;
}

export interface PipelineEntry {
  personId: string;
  name: string;
  hireDate: string;
  status: PipelineStatus;
  practiceAttempts: number;
  lastPracticeOn: string | null;
  records: ExamRecord[];
}

export interface ExamHome {
  readiness: Readiness;
  review: { due: number; total: number; nextDueAt: string | null };
  openAttempt: { id: string; form: FormKind; formName: string; deadlineAt: string | null } | null;
  recent: AttemptSummary[];
  pipeline: PipelineEntry;
}

export interface AttemptPosition {
  position: number;
  domain: PtceDomain;
  answered: boolean;
  flagged: boolean;
  /** Known in drills and reviews once answered, and for every item after submission. */
  correct: boolean | null;
  timeSpentMs: number | null;
}

export interface Attempt {
  id: string;
  form: FormKind;
  formName: string;
  domain: PtceDomain | null;
  /** The outline's name, e.g. "PTCE content outline (2026)". */
  outline: string;
  /** "end": answers can change until submission; "immediate": each answer is final and explained at once. */
  feedback: "end" | "immediate";
  status: AttemptStatus;
  startedAt: string;
  deadlineAt: string | null;
  /** Time left on the server's clock when it answered; null for untimed forms and closed attempts. */
  remainingMs: number | null;
  serverNow: string;
  submittedAt: string | null;
  expired: boolean;
  itemCount: number;
  currentPosition: number;
  result: AttemptResult | null;
  positions: AttemptPosition[];
}

export interface ItemFeedback {
  key: string[];
  explanation: string;
  reference: string;
}

export interface AttemptItem {
  position: number;
  itemCount: number;
  status: AttemptStatus;
  kind: ItemKind;
  stem: string;
  options: ItemOption[];
  domain: PtceDomain;
  subtopic: string;
  answer: string[];
  flagged: boolean;
  correct: boolean | null;
  feedback: ItemFeedback | null;
}

export interface ReviewItem extends ItemFeedback {
  position: number;
  kind: ItemKind;
  stem: string;
  options: ItemOption[];
  domain: PtceDomain;
  subtopic: string;
  answer: string[];
  correct: boolean;
  flagged: boolean;
  timeSpentMs: number;
}

export interface AttemptReview extends Omit<Attempt, "positions"> {
  items: ReviewItem[];
}

export interface ItemPatch {
  answer?: string[];
  flagged?: boolean;
}

export const EXAM_CATALOG_PATH = "/api/exams/catalog";
export const EXAM_SETTINGS_PATH = "/api/exams/settings";
export const examHomePath = (personId?: string) => withQuery("/api/exams/home", { personId });
export const attemptPath = (id: string) => `/api/exams/attempts/${encodeURIComponent(id)}`;
export const attemptItemPath = (id: string, position: number) => `${attemptPath(id)}/items/${position}`;
export const attemptReviewPath = (id: string) => `${attemptPath(id)}/review`;

/** Web app routes. */
export const EXAMS_ROUTE = "/exams";
export const playerRoute = (attemptId: string) => `/exams/attempts/${encodeURIComponent(attemptId)}`;
export const resultsRoute = (attemptId: string) => `${playerRoute(attemptId)}/results`;

export const examsApi = {
  start: (form: FormKind, domain?: PtceDomain) => api.post<Attempt>("/api/exams/attempts", domain ? { form, domain } : { form }),
  getAttempt: (id: string) => api.get<Attempt>(attemptPath(id)),
  getItem: (id: string, position: number, signal?: AbortSignal) => api.get<AttemptItem>(attemptItemPath(id, position), { signal }),
  saveItem: (id: string, position: number, patch: ItemPatch) => api.put<AttemptItem>(attemptItemPath(id, position), patch),
  /** Stores a change without asking for the position back (the player already shows it): the server answers 204. */
  storeItem: (id: string, position: number, patch: ItemPatch) => api.put<void>(attemptItemPath(id, position), patch, { headers: { prefer: "return=minimal" } }),
  submit: (id: string) => api.post<Attempt>(`${attemptPath(id)}/submit`),
  reportItem: (id: string, position: number, reason: FlagReason, comment: string) =>
    api.post<{ id: string }>(`${attemptItemPath(id, position)}/flag`, { reason, comment: comment.trim() || null }),
  scheduleExam: (personId: string, exam: string, scheduledOn: string) =>
    api.post<{ id: string }>(`/api/exams/pipeline/${encodeURIComponent(personId)}/exams`, { exam, scheduledOn }),
};

export function useExamCatalog() {
  return useApiQuery<ExamCatalog>(EXAM_CATALOG_PATH);
}

/** The outline in force: the organization's pinned one, else the newest whose date has come. */
export function outlineInForce(catalog: ExamCatalog, settings: ExamSettings | undefined, today: string): PtceOutline | undefined {
  const pinned = settings?.pinnedOutline ? catalog.outlines.find((o) => o.code === settings.pinnedOutline) : undefined;
  if (pinned) return pinned;
  const started = catalog.outlines.filter((o) => o.effectiveFrom <= today).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return started[0] ?? catalog.outlines[0];
}
