import { api, useApiQuery, withQuery } from "../../api.ts";
import type { Role } from "../../roles.ts";

export const PERSON_STATUSES = ["active", "leave", "separated"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
export type SeparationType = "voluntary" | "involuntary";

export interface Person {
  id: string;
  employeeId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  hireDate: string;
  siteId: string;
  siteCode: string;
  siteName: string;
  role: Role;
  status: PersonStatus;
  separationDate: string | null;
  separationType: SeparationType | null;
  separationReason: string | null;
}

export const EVENT_KINDS = ["hire", "transfer", "leave", "return", "separation", "rehire"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EmploymentEvent {
  id: string;
  kind: EventKind;
  effectiveDate: string;
  siteId: string | null;
  siteName: string | null;
  fromSiteId: string | null;
  fromSiteName: string | null;
  separationType: SeparationType | null;
  reasonCode: string | null;
  note: string | null;
}

export interface ExitInterview {
  id: string;
  interviewDate: string;
  reasonCodes: string[];
  comments: string | null;
  wouldReturn: boolean | null;
}

export interface PersonRecord {
  person: Person;
  /** Null when the viewer may not see employment history. */
  events: EmploymentEvent[] | null;
  exitInterviews: ExitInterview[] | null;
  hasAccount: boolean;
  permissions: { canEdit: boolean; canSeeHistory: boolean; canManageAccount: boolean };
}

export interface PeopleList {
  items: Person[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PeopleFilter {
  q?: string;
  siteId?: string;
  status?: PersonStatus;
  role?: Role;
  page?: number;
  pageSize?: number;
}

export interface SeparationReason {
  code: string;
  type: SeparationType;
  label: string;
}

export interface NewEmploymentEvent {
  kind: Exclude<EventKind, "hire">;
  effectiveDate: string;
  siteId?: string;
  separationType?: SeparationType;
  reasonCode?: string;
  note?: string;
}

export interface NewExitInterview {
  interviewDate: string;
  reasonCodes: string[];
  comments?: string;
  wouldReturn?: boolean | null;
}

export const peoplePath = (filter: PeopleFilter) => withQuery("/api/people", { ...filter });
export const personPath = (id: string) => `/api/people/${encodeURIComponent(id)}`;
export const SEPARATION_REASONS_PATH = "/api/reference/separation-reasons";

export const peopleApi = {
  recordEvent: (personId: string, event: NewEmploymentEvent) =>
    api.post<EmploymentEvent>(`${personPath(personId)}/events`, event),
  recordExitInterview: (personId: string, interview: NewExitInterview) =>
    api.post<ExitInterview>(`${personPath(personId)}/exit-interviews`, interview),
  inviteToSignIn: (personId: string) => api.post<{ email: string }>(`${personPath(personId)}/account`),
};

export function useSeparationReasons() {
  return useApiQuery<{ items: SeparationReason[] }>(SEPARATION_REASONS_PATH);
}

export function reasonLabel(reasons: readonly SeparationReason[] | undefined, code: string): string {
  return reasons?.find((reason) => reason.code === code)?.label ?? code;
}
