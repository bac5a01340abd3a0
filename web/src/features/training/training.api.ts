import { api, useApiQuery, withQuery } from "../../api.ts";
import type { EvidenceLinkData } from "../evidence/evidence.api.ts";

/* Shared with the server (types only, nothing is bundled from it). */
export type { AssignmentStatus } from "../../../../src/modules/training/training.rules.ts";
export type { MatrixCell, MatrixRow, MatrixSkill, MatrixStatus, Need, SkillKind } from "../../../../src/modules/training/matrix.rules.ts";
import type { AssignmentStatus } from "../../../../src/modules/training/training.rules.ts";
import type { MatrixRow, MatrixSkill, MatrixStatus, SkillKind } from "../../../../src/modules/training/matrix.rules.ts";

export { TRAINING_MANAGER_ROLES } from "./training-roles.ts";

export type TrainingCategory = "compliance" | "clinical" | "cross-training" | "management" | "development";
export type Delivery = "internal" | "external";

export interface ProgramModule {
  id: string;
  title: string;
  delivery: Delivery;
  provider: string | null;
  hours: number;
  ceHours: number;
  costCents: number;
}

export interface Program {
  id: string;
  code: string;
  name: string;
  description: string;
  category: TrainingCategory;
  validityMonths: number | null;
  validityVerify: boolean;
  source: string | null;
  shipped: boolean;
  active: boolean;
  modules: ProgramModule[];
  totals: { hours: number; ceHours: number; costCents: number };
}

export interface ProgramInput {
  code: string;
  name: string;
  description?: string;
  category: TrainingCategory;
  validityMonths: number | null;
  validityVerify?: boolean;
  source?: string | null;
  modules: { title: string; delivery: Delivery; provider?: string | null; hours: number; ceHours?: number; costCents?: number }[];
}

export type AssignmentKind = "training" | "learning-week";

export interface AssignmentInfo {
  id: string;
  programId: string;
  programCode: string;
  programName: string;
  kind: AssignmentKind;
  target: "person" | "site" | "level" | "track";
  /** "Kevin Nguyen", "Everyone at OH-101", "Pharmacy Technician III (whole organization)". */
  targetLabel: string;
  assignedOn: string;
  dueOn: string;
  note: string | null;
  station: string | null;
  supervisorId: string | null;
  supervisorName: string | null;
  startsOn: string | null;
  endsOn: string | null;
}

export interface EntryStatus {
  status: AssignmentStatus;
  assignedOn: string;
  dueOn: string;
  daysLeft: number | null;
  late: boolean;
  startedOn: string | null;
  completion: { id: string; completedOn: string; expiresOn: string | null } | null;
}

/** A program's modules completed in the current round. */
export interface ModuleProgress {
  completed: number;
  total: number;
  modules: { id: string; title: string; completedOn: string | null }[];
}

export interface TrainingItem extends AssignmentInfo, EntryStatus {
  progress: ModuleProgress | null;
  canStart: boolean;
  canComplete: boolean;
}

export type CompletionState = "valid" | "expiring" | "expired" | "revoked";

export interface CompletionRecord {
  id: string;
  programId: string;
  programCode: string;
  programName: string;
  assignmentId: string | null;
  completedOn: string;
  expiresOn: string | null;
  state: CompletionState;
  note: string | null;
  evidenceFile: EvidenceLinkData | null;
  recordedBy: string;
  recordedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

export interface PersonTrainings {
  person: { id: string; firstName: string; lastName: string; siteId: string; siteCode: string };
  today: string;
  items: TrainingItem[];
  completions: CompletionRecord[];
  /** Programs with modules under way that are not assigned. */
  inProgress: (ModuleProgress & { programId: string; programCode: string; programName: string })[];
  permissions: { canReport: boolean; canRecordCompletion: boolean; canAssign: boolean; canRecordEvidence: boolean };
}

export type ReportStatus = "submitted" | "confirmed" | "rejected";

/** A training someone reported completing elsewhere, waiting for (or given) someone else's confirmation. */
export interface CompletionReport {
  id: string;
  person: { id: string; firstName: string; lastName: string; siteId: string; siteCode: string };
  program: { id: string; code: string; name: string };
  module: { id: string; title: string } | null;
  completedOn: string;
  provider: string | null;
  note: string | null;
  evidenceFile: EvidenceLinkData | null;
  reportedAt: string;
  status: ReportStatus;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  mayDecide: boolean;
}

export interface NewReport {
  programId: string;
  moduleId?: string | null;
  completedOn: string;
  provider?: string | null;
  note?: string | null;
  evidenceFileId: string;
}

export interface CoveredPerson extends EntryStatus {
  personId: string;
  firstName: string;
  lastName: string;
  siteCode: string;
}

export interface OverviewItem extends AssignmentInfo {
  counts: Record<AssignmentStatus, number>;
  people: CoveredPerson[];
}

export interface Overview {
  items: OverviewItem[];
  totals: Record<AssignmentStatus, number>;
}

export interface SupervisedWeek extends AssignmentInfo, EntryStatus {
  person: { id: string; firstName: string; lastName: string; siteCode: string };
}

export interface LegendEntry {
  status: MatrixStatus;
  label: string;
  fill: string;
  text: string;
  description: string;
}

export interface Matrix {
  site: { id: string; code: string; name: string };
  asOf: string;
  frameworkVersion: number;
  filter: { track: string | null; trackName: string | null; level: string | null; levelName: string | null; kinds: SkillKind[] | null };
  skills: MatrixSkill[];
  rows: MatrixRow[];
  counts: Record<MatrixStatus, number> & { gaps: number };
  legend: LegendEntry[];
  gap: { border: string; label: string; description: string };
}

export interface MatrixFilter {
  siteId: string;
  track?: string;
  level?: string;
  kinds?: SkillKind[];
}

export type AssignTarget =
  | { kind: "people"; personIds: string[] }
  | { kind: "site"; siteId: string }
  | { kind: "level"; track: string; level: string; siteId?: string | null }
  | { kind: "track"; track: string; siteId?: string | null };

export interface NewCompletion {
  personId: string;
  programId: string;
  assignmentId?: string | null;
  completedOn: string;
  note?: string;
  evidenceFileId?: string;
}

export interface NewLearningWeek {
  personId: string;
  programId: string;
  station: string;
  supervisorId: string;
  startsOn: string;
  endsOn: string;
  note?: string;
}

export const PROGRAMS_PATH = "/api/training/programs";
export const personTrainingsPath = (personId: string) => `/api/training/people/${encodeURIComponent(personId)}`;
export const SUPERVISING_PATH = "/api/training/supervising";
export const reportsPath = (filter: { status?: ReportStatus; mine?: boolean }) => withQuery("/api/training/reports", { status: filter.status, mine: filter.mine ? "1" : undefined });
export const overviewPath = (siteId?: string) => withQuery("/api/training/assignments", { siteId });
export const learningWeeksPath = (siteId?: string) => withQuery("/api/training/learning-weeks", { siteId });
const matrixParams = (filter: MatrixFilter) => ({ siteId: filter.siteId, track: filter.track, level: filter.track ? filter.level : undefined, kinds: filter.kinds?.length ? filter.kinds.join(",") : undefined });
export const matrixPath = (filter: MatrixFilter) => withQuery("/api/training/matrix", matrixParams(filter));
export const matrixExportPath = (filter: MatrixFilter, format: "csv" | "xlsx") => withQuery("/api/training/matrix/export", { ...matrixParams(filter), format });

export const trainingApi = {
  createProgram: (input: ProgramInput) => api.post<Program>(PROGRAMS_PATH, input),
  updateProgram: (id: string, patch: Partial<Omit<ProgramInput, "code">> & { active?: boolean }) => api.patch<Program>(`${PROGRAMS_PATH}/${encodeURIComponent(id)}`, patch),
  assign: (input: { programId: string; target: AssignTarget; dueOn: string; note?: string }) => api.post<{ ids: string[]; program: { id: string; code: string; name: string } }>("/api/training/assignments", input),
  cancel: (assignmentId: string, reason: string) => api.post<void>(`/api/training/assignments/${encodeURIComponent(assignmentId)}/cancel`, { reason }),
  start: (assignmentId: string, personId: string) => api.post<{ status: AssignmentStatus; startedOn: string }>(`/api/training/assignments/${encodeURIComponent(assignmentId)}/start`, { personId }),
  scheduleLearningWeek: (input: NewLearningWeek) => api.post<{ id: string }>("/api/training/learning-weeks", input),
  recordCompletion: (input: NewCompletion) => api.post<CompletionRecord>("/api/training/completions", input),
  recordModuleCompletion: (input: { personId: string; moduleId: string; completedOn: string; note?: string; evidenceFileId?: string }) =>
    api.post<{ id: string; completedOn: string; progress: ModuleProgress; programCompletionId: string | null }>("/api/training/module-completions", input),
  report: (input: NewReport) => api.post<CompletionReport>("/api/training/reports", input),
  decideReport: (reportId: string, decision: "confirm" | "reject", note?: string) => api.post<CompletionReport>(`/api/training/reports/${encodeURIComponent(reportId)}/decision`, { decision, ...(note ? { note } : {}) }),
  revokeCompletion: (completionId: string, reason: string) => api.post<CompletionRecord>(`/api/training/completions/${encodeURIComponent(completionId)}/revoke`, { reason }),
};

export function usePrograms(isEnabled = true) {
  return useApiQuery<{ items: Program[] }>(isEnabled ? PROGRAMS_PATH : null);
}
