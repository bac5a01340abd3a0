import { api, apiRequest, withQuery } from "../../api.ts";
import type { Role } from "../../roles.ts";

/** Who records and imports KPI figures: managers for their sites, admins for all. */
export const KPI_RECORD_ROLES: readonly Role[] = ["manager", "admin"];

export interface KpiDefinition {
  code: string;
  name: string;
  unit: string;
  direction: "higher" | "lower";
  description: string;
}

export interface KpiTrend {
  code: string;
  name: string;
  unit: string;
  direction: "higher" | "lower";
  points: { periodEnd: string; value: number }[];
  latest: number | null;
  improvement: number | null;
  /** Every level's threshold for this KPI and where the person stands against it today. */
  thresholds: { level: string; comparator: ">=" | "<="; threshold: number; windowMonths: number; average: number | null; periods: number; isMet: boolean }[];
}

export interface PersonKpis {
  person: { id: string; firstName: string; lastName: string };
  trends: KpiTrend[];
  canRecord: boolean;
}

export interface KpiImportSummary {
  rows: number;
  created: number;
  replaced: number;
  dryRun: boolean;
}

export interface KpiImport {
  id: string;
  importedAt: string;
  importedBy: string | null;
  fileName: string | null;
  rows: number;
  created: number;
  replaced: number;
  periodFrom: string | null;
  periodTo: string | null;
}

export interface KpiImportDetail {
  import: KpiImport;
  figures: { row: number; personId: string; employeeId: string; name: string; siteCode: string; kpi: string; periodEnd: string; value: number; previousValue: number | null }[];
  hiddenFigures: number;
}

export const KPI_IMPORTS_PATH = "/api/kpis/imports";
export const kpiImportPath = (id: string) => `${KPI_IMPORTS_PATH}/${id}`;
export const DEFINITIONS_PATH = "/api/kpis/definitions";
export const KPI_COLUMNS_PATH = "/api/kpis/columns";
export const KPI_TEMPLATE_URL = "/api/kpis/template.csv";
export const personKpisPath = (personId: string) => `/api/people/${personId}/kpis`;

export const kpisApi = {
  saveDefinition: (definition: KpiDefinition) => api.put<KpiDefinition>(`${DEFINITIONS_PATH}/${encodeURIComponent(definition.code)}`, definition),
  recordValue: (personId: string, body: { kpi: string; periodEnd: string; value: number }) => api.post<unknown>(personKpisPath(personId), body),
  importFile: (file: File, dryRun: boolean) =>
    apiRequest<KpiImportSummary>("POST", withQuery("/api/kpis/import", { dryRun: dryRun ? 1 : undefined }), {
      body: file,
      headers: { "content-type": "text/csv", "x-file-name": file.name.replace(/[^\x20-\x7e]/g, "_").slice(0, 200) },
    }),
};
