import { api, withQuery } from "../../api.ts";
import type { Role } from "../../roles.ts";

/** Who fills monthly evaluations: managers for their sites, admins for all. */
export const EVALUATION_MANAGER_ROLES: readonly Role[] = ["manager", "admin"];
/** Who is evaluated monthly. */
export const EVALUATED_ROLES: readonly Role[] = ["technician", "mentor"];

export interface EvaluationItem {
  code: string;
  label: string;
  kind: "competency" | "kpi";
  description: string;
}

export interface CommentPrompt {
  code: string;
  label: string;
}

export interface EvaluationTemplate {
  id: string;
  code: string;
  name: string;
  version: number;
  items: EvaluationItem[];
  commentPrompts: CommentPrompt[];
  createdAt: string;
  scale: { value: number; label: string }[];
}

export interface TemplateVersion extends Omit<EvaluationTemplate, "scale"> {
  createdBy: string | null;
  evaluations: number;
}

export interface Evaluation {
  id: string;
  personId: string;
  personName: string;
  siteId: string;
  month: string;
  template: { id: string; name: string; version: number };
  items: { code: string; label: string; kind: "competency" | "kpi"; description: string; rating: number | null }[];
  prompts: { code: string; label: string; answer: string | null }[];
  average: number;
  comments: string | null;
  evaluatorName: string;
  acknowledgedAt: string | null;
  technicianComment: string | null;
  createdAt: string;
  updatedAt: string;
  isLocked: boolean;
  canEdit: boolean;
  canAcknowledge: boolean;
}

export interface DueEvaluation {
  personId: string;
  employeeId: string;
  name: string;
  siteId: string;
  siteCode: string;
  siteName: string;
  month: string;
  lastMonth: string | null;
}

export const TEMPLATE_PATH = "/api/evaluations/template";
export const TEMPLATE_VERSIONS_PATH = "/api/evaluations/template/versions";
export const duePath = (siteId?: string) => withQuery("/api/evaluations/due", { siteId });
export const personEvaluationsPath = (personId: string) => `/api/people/${personId}/evaluations`;

/** "2026-05-01" → "May 2026". */
export function formatMonth(month: string): string {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString(undefined, { month: "long", year: "numeric", timeZone: "UTC" });
}

export const evaluationsApi = {
  fill: (personId: string, body: { month: string; ratings: Record<string, number>; comments: string | null; promptAnswers: Record<string, string> }) =>
    api.post<Evaluation>(personEvaluationsPath(personId), body),
  update: (id: string, body: { ratings?: Record<string, number>; comments?: string | null; promptAnswers?: Record<string, string> }) => api.patch<Evaluation>(`/api/evaluations/${id}`, body),
  saveTemplate: (body: { baseVersion: number; name: string; items: EvaluationItem[]; commentPrompts: CommentPrompt[] }) => api.put<EvaluationTemplate & { changed: boolean }>(TEMPLATE_PATH, body),
  acknowledge: (id: string, comment: string | null) => api.post<Evaluation>(`/api/evaluations/${id}/acknowledge`, { comment }),
};
