import { api, apiRequest, useApiQuery, withQuery } from "../../api.ts";

/* The exams module's own definitions, shared with the server (types only, nothing is bundled from them). */
export type { PipelineStage, PipelineStatus } from "../../../../src/modules/exams/exams.rules.ts";
export type { OutlineDomain, PtceDomain, PtceOutline } from "../../../../src/modules/exams/outline.ts";
export type { CertificationExamDef } from "../../../../src/modules/exams/certification-exams.ts";
import type { PipelineStage, PipelineStatus } from "../../../../src/modules/exams/exams.rules.ts";
import type { PtceDomain, PtceOutline } from "../../../../src/modules/exams/outline.ts";
import type { CertificationExamDef } from "../../../../src/modules/exams/certification-exams.ts";

/* ------------------------------------------------------------ catalog and settings */

export interface ExamSettings {
  deadlineMonths: number;
  readinessThreshold: number;
  pinnedOutline: string | null;
}

export interface FlagReasonEntry {
  code: string;
  text: string;
}

export interface ExamCatalog {
  outlines: PtceOutline[];
  certificationExams: CertificationExamDef[];
  flagReasons: FlagReasonEntry[];
}

export const EXAM_CATALOG_PATH = "/api/exams/catalog";
export const EXAM_SETTINGS_PATH = "/api/exams/settings";

export function useExamCatalog() {
  return useApiQuery<ExamCatalog>(EXAM_CATALOG_PATH);
}

/* ------------------------------------------------------------ certification pipeline */

export type PipelineCounts = Record<PipelineStage | "overdue" | "atRisk", number>;

export type ExamRecordResult = "scheduled" | "passed" | "failed" | "cancelled";

export interface ExamRecord {
  id: string;
  exam: string;
  scheduledOn: string;
  result: ExamRecordResult;
  takenOn: string | null;
  scaledScore: number | null;
}

export interface Readiness {
  probability: number;
  low: number;
  high: number;
  preliminary: boolean;
  responses: number;
}

export interface PipelineEntry {
  personId: string;
  name: string;
  siteId: string;
  siteCode: string;
  siteName: string;
  hireDate: string;
  status: PipelineStatus;
  readiness: Readiness | null;
  practiceAttempts: number;
  lastPracticeOn: string | null;
  records: ExamRecord[];
}

export interface PipelineBoard {
  settings: ExamSettings;
  counts: PipelineCounts;
  items: PipelineEntry[];
}

export function pipelinePath(siteId?: string): string {
  return withQuery("/api/exams/pipeline", { siteId });
}

export interface ExamResultInput {
  result: "passed" | "failed" | "cancelled";
  takenOn?: string | null;
  scaledScore?: number | null;
  certificationNumber?: string | null;
}

/* ------------------------------------------------------------ item bank */

export type ItemStatus = "draft" | "published" | "retired" | "superseded";
export type ItemSource = "hand" | "table" | "generator" | "custom";
export type ItemKind = "single" | "multi";

export interface ItemOption {
  id: string;
  text: string;
}

export interface ItemStats {
  responses: number;
  pValue: number | null;
  pointBiserial: number | null;
  raschB: number | null;
}

export interface BankListItem {
  code: string;
  version: number;
  status: ItemStatus;
  kind: ItemKind;
  domain: PtceDomain;
  subtopic: string;
  difficulty: number;
  stem: string;
  source: ItemSource;
  family: string | null;
  reviewed: boolean;
  stats: ItemStats | null;
  openFlags: number;
}

export interface BankList {
  total: number;
  counts: { domain: PtceDomain; status: ItemStatus; count: number }[];
  items: BankListItem[];
}

export interface BankFilters {
  status?: string;
  domain?: string;
  subtopic?: string;
  source?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function bankPath(filters: BankFilters): string {
  return withQuery("/api/exams/bank", { ...filters });
}

export interface ItemVersion {
  id: string;
  code: string;
  version: number;
  status: ItemStatus;
  kind: ItemKind;
  domain: PtceDomain;
  subtopic: string;
  difficulty: number;
  stem: string;
  options: ItemOption[];
  key: string[];
  explanation: string;
  reference: string;
  source: ItemSource;
  family: string | null;
  createdAt: string;
  author: string | null;
  reviewer: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  publishedAt: string | null;
  retiredAt: string | null;
}

export interface ItemReport {
  id: string;
  reason: string;
  comment: string | null;
  status: FlagStatus;
  createdAt: string;
  resolutionNote: string | null;
}

export interface BankItem {
  code: string;
  /** Newest first. */
  versions: ItemVersion[];
  stats: (ItemStats & { correct: number; computedAt: string }) | null;
  flags: ItemReport[];
}

export function bankItemPath(code: string): string {
  return `/api/exams/bank/${encodeURIComponent(code)}`;
}

/** What an author writes; the server saves it as a draft. */
export interface ItemInput {
  code?: string;
  kind: ItemKind;
  domain: PtceDomain;
  subtopic: string;
  difficulty: number;
  stem: string;
  options: ItemOption[];
  key: string[];
  explanation: string;
  reference: string;
}

export interface RecomputeSummary {
  items: number;
  responses: number;
  calibrated: number;
}

export function bankExportUrl(format: "json" | "csv", onlyPublished: boolean): string {
  return withQuery("/api/exams/bank/export", { format, published: onlyPublished ? 1 : 0 });
}

/* ------------------------------------------------------------ reported items */

export type FlagStatus = "open" | "fixed" | "dismissed";

export interface FlagReport {
  id: string;
  itemKey: string;
  /** False for generated items, which have no bank entry to edit. */
  bankItem: boolean;
  reason: string;
  reasonText: string;
  comment: string | null;
  status: FlagStatus;
  reportedBy: string;
  createdAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
  item: {
    stem: string;
    options: ItemOption[];
    key: string[];
    explanation: string;
    reference: string;
    domain: PtceDomain;
    subtopic: string;
    family: string | null;
  };
}

export function flagsPath(status: FlagStatus): string {
  return withQuery("/api/exams/flags", { status });
}

/* ------------------------------------------------------------ writes */

const itemUrl = (code: string, action: string) => `${bankItemPath(code)}/${action}`;

export const examAdminApi = {
  scheduleExam: (personId: string, input: { exam: string; scheduledOn: string }) =>
    api.post<ExamRecord>(`/api/exams/pipeline/${personId}/exams`, input),
  recordResult: (recordId: string, input: ExamResultInput) => api.post<ExamRecord>(`/api/exams/exam-records/${recordId}/result`, input),
  saveSettings: (settings: ExamSettings) => api.put<ExamSettings>(EXAM_SETTINGS_PATH, settings),

  createItem: (input: ItemInput) => api.post<ItemVersion>("/api/exams/bank", input),
  saveDraft: (code: string, input: ItemInput) => api.put<ItemVersion>(itemUrl(code, "draft"), input),
  discardDraft: (code: string) => api.delete<void>(itemUrl(code, "draft")),
  review: (code: string, note: string | null) => api.post<void>(itemUrl(code, "review"), { note }),
  publish: (code: string) => api.post<void>(itemUrl(code, "publish")),
  retire: (code: string, reason: string) => api.post<void>(itemUrl(code, "retire"), { reason }),
  recomputeStats: () => api.post<RecomputeSummary>("/api/exams/stats/recompute"),
  /** A CSV file goes as it is; a JSON file is sent as {items: [...]}, from an export or a plain list. */
  importFile: async (file: File) => {
    if (isCsvFile(file)) {
      return apiRequest<{ created: number; updated: number }>("POST", "/api/exams/bank/import", { body: file, headers: { "content-type": "text/csv" } });
    }
    const items = parseItemsJson(await file.text());
    return api.post<{ created: number; updated: number }>("/api/exams/bank/import", { items });
  },

  resolveFlag: (id: string, input: { status: "fixed" | "dismissed"; note: string }) => api.post<void>(`/api/exams/flags/${id}/resolve`, input),
};

export function isCsvFile(file: File): boolean {
  return file.type === "text/csv" || file.name.toLowerCase().endsWith(".csv");
}

/** The items of a JSON file: an export ({format, items}), {items}, or a plain list. */
function parseItemsJson(text: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The file is not valid JSON (${(error as Error).message}). Choose a JSON export of the item bank or a CSV file.`);
  }
  if (Array.isArray(parsed)) return parsed;
  const items = (parsed as { items?: unknown } | null)?.items;
  if (Array.isArray(items)) return items;
  throw new Error("The JSON file has no list of items. It should look like an export: {\"items\": [ … ]}.");
}
