/**
 * The CE import file: columns modelled on an NABP CPE Monitor transcript (activity title,
 * provider, UAN, date, contact hours or CEUs) plus who the record is for. Pure: header checks,
 * one row to a draft record, and the template.
 */
import type { FieldError } from "../../lib/errors.ts";
import type { CeField, CeRecordDraft } from "./ce-record.rules.ts";

export const CE_COLUMNS = [
  "employee_id",
  "email",
  "activity_title",
  "provider_name",
  "uan",
  "completion_date",
  "contact_hours",
  "ceus",
  "activity_type",
  "topic",
  "format",
  "audience",
  "categories",
] as const;
export type CeColumn = (typeof CE_COLUMNS)[number];

export const CE_REQUIRED_COLUMNS: readonly CeColumn[] = ["activity_title", "completion_date"];

export const CE_COLUMN_HELP: Record<CeColumn, string> = {
  employee_id: "The person's employee number as on the roster (or give email instead)",
  email: "The person's work e-mail as on the roster (when there is no employee_id column or it is empty)",
  activity_title: "Title of the activity, as on the statement of credit",
  provider_name: "Who provided it (optional)",
  uan: "ACPE Universal Activity Number, e.g. 0175-0000-14-105-L05-T; gives format, topic and audience. Required for ACPE activities",
  completion_date: "Date of participation or completion: YYYY-MM-DD or M/D/YYYY",
  contact_hours: "Contact hours, e.g. 1.5 (or give ceus)",
  ceus: "Continuing education units: 0.1 CEU = 1 contact hour (when there is no contact_hours)",
  activity_type: "acpe, college-course, in-service or other; acpe when a UAN is given, else other",
  topic: "ACPE topic designator 01–08, for activities without a UAN (optional)",
  format: "live, home-study or blended, for activities without a UAN (optional)",
  audience: "T (technician) or P (pharmacist), for activities without a UAN (optional)",
  categories: "Extra subjects a state rule asks for, separated by ; (e.g. medication-errors). Law and patient safety come from the topic",
};

/** Columns of which one or the other is needed. */
export const CE_COLUMN_ALTERNATIVES: Partial<Record<CeColumn, CeColumn>> = { employee_id: "email", email: "employee_id", contact_hours: "ceus", ceus: "contact_hours" };

/** Names a CPE Monitor export or a spreadsheet may use for the same columns. */
const ALIASES: Record<string, CeColumn> = {
  employee: "employee_id",
  employee_number: "employee_id",
  e_mail: "email",
  title: "activity_title",
  activity: "activity_title",
  provider: "provider_name",
  universal_activity_number: "uan",
  acpe_uan: "uan",
  date: "completion_date",
  activity_date: "completion_date",
  date_of_participation: "completion_date",
  participation_date: "completion_date",
  completed_on: "completion_date",
  hours: "contact_hours",
  credit_hours: "contact_hours",
  ceu: "ceus",
  type: "activity_type",
  topic_designator: "topic",
};

/** Which column holds each record field, to name it in errors. */
export const COLUMN_OF_FIELD: Record<CeField, CeColumn> = {
  title: "activity_title",
  provider: "provider_name",
  uan: "uan",
  completedOn: "completion_date",
  hours: "contact_hours",
  activityType: "activity_type",
  topic: "topic",
  format: "format",
  audience: "audience",
  categories: "categories",
};

export function normalizeHeader(name: string): string {
  const key = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return ALIASES[key] ?? key;
}

/** Unknown, repeated and missing columns of a header row (already normalized), reported on row 1. */
export function checkCeHeader(header: string[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const column of header) {
    if (!(CE_COLUMNS as readonly string[]).includes(column)) errors.push({ row: 1, field: column || "(empty)", message: `unknown column "${column}"; expected ${CE_COLUMNS.join(", ")}` });
    else if (seen.has(column)) errors.push({ row: 1, field: column, message: `column "${column}" appears twice` });
    seen.add(column);
  }
  for (const column of CE_REQUIRED_COLUMNS) if (!seen.has(column)) errors.push({ row: 1, field: column, message: `required column "${column}" is missing` });
  if (!seen.has("employee_id") && !seen.has("email")) errors.push({ row: 1, field: "employee_id", message: 'a column "employee_id" or "email" is needed to say whose record each row is' });
  if (!seen.has("contact_hours") && !seen.has("ceus")) errors.push({ row: 1, field: "contact_hours", message: 'a column "contact_hours" or "ceus" is needed' });
  return errors;
}

export interface CeCsvRow {
  row: number;
  employeeId: string | null;
  email: string | null;
  draft: CeRecordDraft;
  /** Errors found in the row itself, before its person is known. */
  errors: FieldError[];
  /** Where the hours came from, to name that column in errors about them. */
  hoursColumn: "contact_hours" | "ceus";
}

/** One CSV record (keyed by normalized column) to whose it is and the draft record. */
export function readCeRow(record: Record<string, string | undefined>, row: number): CeCsvRow {
  const text = (column: CeColumn) => (record[column] ?? "").trim();
  const errors: FieldError[] = [];
  const employeeId = text("employee_id") || null;
  const email = text("email").toLowerCase() || null;
  if (!employeeId && !email) errors.push({ row, field: record.employee_id !== undefined ? "employee_id" : "email", message: "is required: whose record is this?" });

  let hours: string | number | null = text("contact_hours") || null;
  const ceus = text("ceus");
  const hoursColumn = hours === null && ceus ? "ceus" : "contact_hours";
  if (hours === null && ceus) {
    const units = Number(ceus);
    if (!Number.isFinite(units) || units <= 0) errors.push({ row, field: "ceus", message: `must be a number above 0; "${ceus}" is not` });
    else hours = Math.round(units * 10 * 100) / 100;
  } else if (hours !== null && ceus) {
    const units = Number(ceus);
    if (Number.isFinite(units) && Math.abs(units * 10 - Number(hours)) > 0.001) errors.push({ row, field: "ceus", message: `${ceus} CEUs are ${Math.round(units * 1000) / 100} contact hours; contact_hours says ${hours}` });
  }
  const categories = text("categories")
    .split(/[;|]/)
    .map((c) => c.trim())
    .filter(Boolean);
  return {
    row,
    employeeId,
    email,
    errors,
    hoursColumn,
    draft: {
      title: text("activity_title"),
      provider: text("provider_name") || null,
      uan: text("uan") || null,
      completedOn: text("completion_date"),
      hours,
      activityType: text("activity_type") || null,
      topic: text("topic") || null,
      format: text("format") || null,
      audience: text("audience") || null,
      categories,
    },
  };
}

/** The downloadable template: the header and example rows (employee ids to replace with your own). */
export function ceTemplateCsv(exampleEmployeeId = "E1001"): string {
  return [
    CE_COLUMNS.join(","),
    `${exampleEmployeeId},,Pharmacy law update for technicians,State Pharmacy Association,0175-0000-24-105-L03-T,2025-03-14,1.5,,,,,,`,
    `${exampleEmployeeId},,Preventing medication errors in dispensing,Online CE Co,0204-9999-24-011-H05-T,4/2/2025,2,,,,,,medication-errors`,
    `${exampleEmployeeId},,Pharmacology I (college course),Community College,,2025-05-20,,1.0,college-course,,,,`,
  ].join("\n") + "\n";
}
