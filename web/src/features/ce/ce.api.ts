import { api, apiRequest, withQuery } from "../../api.ts";
import type { EvidenceLinkData } from "../evidence/evidence.api.ts";
import type { CeActivityType, CeCategory, CeCategoryDef, CeRuleSet, CeSettings } from "../../../../src/modules/ce/ce-rule-sets.ts";
import type { CeCompliance, HoldingWithoutRules } from "../../../../src/modules/ce/ce.rules.ts";
import type { CeAudience, CeFormat, TopicDef, UanFormatDef } from "../../../../src/modules/ce/uan.ts";

export type { CeActivityType, CeAudience, CeCategory, CeCompliance, CeFormat, CeRuleSet, CeSettings, HoldingWithoutRules };

export type CeVerification = "unverified" | "verified" | "rejected";

export interface CeRecord {
  id: string;
  personId: string;
  title: string;
  provider: string | null;
  uan: string | null;
  completedOn: string;
  hours: number;
  activityType: CeActivityType;
  topic: string | null;
  topicName: string | null;
  format: CeFormat | null;
  audience: CeAudience | null;
  categories: CeCategory[];
  source: "manual" | "csv" | "parsed";
  verificationStatus: CeVerification;
  evidenceFile: EvidenceLinkData | null;
  createdAt: string;
}

export interface CeStanding {
  person: { id: string; firstName: string; lastName: string };
  today: string;
  credentials: CeCompliance[];
  withoutRules: HoldingWithoutRules[];
  records: CeRecord[];
  permissions: { canRecord: boolean; canVerify: boolean };
}

export interface CeReference {
  uan: { formats: UanFormatDef[]; topics: TopicDef[]; audiences: { letter: string; audience: CeAudience; label: string }[]; source: string };
  categories: CeCategoryDef[];
  activityTypes: { code: CeActivityType; label: string }[];
  settings: CeSettings;
  ruleSets: CeRuleSet[];
}

export interface ComplianceRow {
  personId: string;
  employeeId: string;
  name: string;
  siteId: string;
  siteCode: string;
  credentialCode: string;
  credentialName: string;
  state: string | null;
  cycleStartsOn: string;
  cycleEndsOn: string;
  daysLeft: number;
  hoursNeeded: number;
  hoursCounted: number;
  hoursShort: number;
  unverifiedHours: number;
  missing: string;
  status: CeCompliance["status"];
  warning: CeCompliance["warning"];
  renewalOpensOn: string | null;
}

export interface ComplianceList {
  items: ComplianceRow[];
  counts: { people: number; short: number; warned: number; expired: number; complete: number };
  withoutRules: (HoldingWithoutRules & { personId: string; name: string })[];
  warningDays: number[];
}

export interface NewCeRecord {
  title: string;
  provider?: string | null;
  uan?: string | null;
  completedOn: string;
  hours: number;
  activityType?: CeActivityType | null;
  topic?: string | null;
  format?: CeFormat | null;
  audience?: CeAudience | null;
  categories?: CeCategory[];
  verified?: boolean;
  evidenceFileId?: string | null;
}

export interface CeColumn {
  name: string;
  required: boolean;
  /** The column that may stand in for this one (employee_id or email, contact_hours or ceus). */
  alternative: string | null;
  help: string;
}

export interface CeImportSummary {
  importId: string | null;
  rows: number;
  created: number;
  verified: boolean;
  dryRun: boolean;
}

export interface CeImport {
  id: string;
  fileName: string | null;
  rows: number;
  created: number;
  verified: boolean;
  importedAt: string;
  actorName: string | null;
}

export const CE_REFERENCE_PATH = "/api/ce/reference";
export const CE_COLUMNS_PATH = "/api/ce/columns";
export const CE_IMPORTS_PATH = "/api/ce/imports";
export const CE_TEMPLATE_URL = "/api/ce/template.csv";
export const personCePath = (personId: string) => `/api/people/${encodeURIComponent(personId)}/ce`;
export const compliancePath = (filters: { siteId?: string; shortOnly?: boolean }) => withQuery("/api/ce/compliance", { siteId: filters.siteId, short: filters.shortOnly ? 1 : undefined });
export const complianceCsvUrl = (filters: { siteId?: string; shortOnly?: boolean }) => withQuery("/api/ce/compliance.csv", { siteId: filters.siteId, short: filters.shortOnly ? 1 : undefined });

/** Header values must be Latin-1; names with other characters are sent percent-encoded. */
function headerSafeFileName(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? name : encodeURIComponent(name);
}

export const ceApi = {
  record: (personId: string, input: NewCeRecord) => api.post<CeRecord>(personCePath(personId), input),
  verify: (recordId: string, status: "verified" | "rejected") => api.post<CeRecord>(`/api/ce/records/${encodeURIComponent(recordId)}/verify`, { status }),
  setEvidence: (recordId: string, evidenceFileId: string | null) => api.patch<CeRecord>(`/api/ce/records/${encodeURIComponent(recordId)}`, { evidenceFileId }),
  remove: (recordId: string) => api.delete<void>(`/api/ce/records/${encodeURIComponent(recordId)}`),
  saveSettings: (settings: CeSettings) => api.put<CeSettings>("/api/ce/settings", { ...settings, stateRuleSets: settings.stateRuleSets.map(({ code: _code, custom: _custom, ...rest }) => rest) }),
  /** Sends the file as the raw CSV body; a dry run checks it without saving anything. */
  importFile: (file: File, options: { dryRun: boolean; verified: boolean }) =>
    apiRequest<CeImportSummary>("POST", withQuery("/api/ce/import", { dryRun: options.dryRun ? 1 : undefined, verified: options.verified ? 1 : undefined }), {
      body: file,
      headers: { "content-type": "text/csv", "x-file-name": headerSafeFileName(file.name) },
    }),
};
