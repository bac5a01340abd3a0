import { apiRequest, withQuery } from "../../api.ts";

export interface RosterColumn {
  name: string;
  required: boolean;
  help: string;
}

export interface ImportSummary {
  /** Null for a dry run, which saves nothing. */
  importId: string | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

export interface RosterImport {
  id: string;
  fileName: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  importedAt: string;
  actorName: string;
}

export const ROSTER_COLUMNS_PATH = "/api/roster/columns";
export const ROSTER_IMPORTS_PATH = "/api/roster/imports";
export const ROSTER_TEMPLATE_URL = "/api/roster/template.csv";

/** Header values must be Latin-1; names with other characters are sent percent-encoded. */
function headerSafeFileName(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? name : encodeURIComponent(name);
}

export const rosterApi = {
  /** Sends the file as the raw CSV body; a dry run checks it without saving anything. */
  importRoster: (file: File, isDryRun: boolean) =>
    apiRequest<ImportSummary>("POST", withQuery("/api/roster/import", { dryRun: isDryRun ? 1 : undefined }), {
      body: file,
      headers: { "content-type": "text/csv", "x-file-name": headerSafeFileName(file.name) },
    }),
};
