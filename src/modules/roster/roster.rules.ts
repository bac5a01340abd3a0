import type { FieldError } from "../../lib/errors.ts";
import { compareDates, parseDate, type IsoDate } from "../../lib/dates.ts";
import type { PersonStatus, Role, SeparationType, SiteSetting } from "../../db/schema.ts";

export const ROLES: readonly Role[] = ["technician", "mentor", "pharmacist", "manager", "admin"];
export const STATUSES: readonly PersonStatus[] = ["active", "leave", "separated"];
export const SITE_SETTINGS: readonly SiteSetting[] = ["community", "health-system", "specialty", "mail-order"];
export const SEPARATION_TYPES: readonly SeparationType[] = ["voluntary", "involuntary"];

/**
 * Coded separation and exit-interview reasons. The voluntary list follows the reasons technicians
 * most often give for leaving in ASHP's 2021 surveys (pay, no career path, workload, understaffing,
 * working conditions); see shared/reference/domain-facts.md, "Metrics".
 */
export const SEPARATION_REASONS: readonly { code: string; type: SeparationType; label: string }[] = [
  { code: "pay", type: "voluntary", label: "Pay and incentives" },
  { code: "career_path", type: "voluntary", label: "No career path or advancement" },
  { code: "workload", type: "voluntary", label: "Workload" },
  { code: "understaffing", type: "voluntary", label: "Understaffing" },
  { code: "working_conditions", type: "voluntary", label: "Working conditions" },
  { code: "schedule", type: "voluntary", label: "Schedule or hours" },
  { code: "management", type: "voluntary", label: "Relationship with management" },
  { code: "education", type: "voluntary", label: "Went back to school" },
  { code: "other_career", type: "voluntary", label: "Left pharmacy for another career" },
  { code: "relocation", type: "voluntary", label: "Relocation" },
  { code: "personal", type: "voluntary", label: "Personal or family reasons" },
  { code: "retirement", type: "voluntary", label: "Retirement" },
  { code: "performance", type: "involuntary", label: "Performance" },
  { code: "attendance", type: "involuntary", label: "Attendance" },
  { code: "conduct", type: "involuntary", label: "Conduct or policy violation" },
  { code: "licensure", type: "involuntary", label: "Registration, licence or certification not maintained" },
  { code: "position_eliminated", type: "involuntary", label: "Position eliminated" },
  { code: "end_of_assignment", type: "involuntary", label: "End of temporary assignment" },
];

const REASON_TYPE = new Map(SEPARATION_REASONS.map((r) => [r.code, r.type]));

export function isSeparationReason(code: string, type?: SeparationType): boolean {
  const known = REASON_TYPE.get(code);
  return known !== undefined && (type === undefined || known === type);
}

export const ROSTER_REQUIRED_COLUMNS = ["employee_id", "first_name", "last_name", "email", "site", "hire_date"] as const;
export const ROSTER_OPTIONAL_COLUMNS = ["role", "phone", "status", "separation_date", "separation_type", "separation_reason"] as const;
export const ROSTER_COLUMNS = [...ROSTER_REQUIRED_COLUMNS, ...ROSTER_OPTIONAL_COLUMNS] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** What each column holds: the template and the import page show these. */
export const ROSTER_COLUMN_HELP: Record<RosterColumn, string> = {
  employee_id: "Your HR system's employee number; re-importing the same id updates the person",
  first_name: "Given name",
  last_name: "Family name",
  email: "Work e-mail address, unique within the organization",
  site: "Site code as set up in Rx Ladder (for example OH-101)",
  hire_date: "Date of hire: YYYY-MM-DD or M/D/YYYY",
  role: `One of ${ROLES.join(", ")}; default technician`,
  phone: "Optional phone number",
  status: `One of ${STATUSES.join(", ")}; default active, or separated when a separation date is given`,
  separation_date: "Last day of employment, for separated people",
  separation_type: "voluntary or involuntary, for separated people",
  separation_reason: `Reason code: ${SEPARATION_REASONS.map((r) => r.code).join(", ")}`,
};

export interface RosterRow {
  employeeId: string;
  firstName: string;
  lastName: string;
  email: string;
  siteCode: string;
  hireDate: IsoDate;
  role: Role;
  phone: string | null;
  status: PersonStatus;
  separationDate: IsoDate | null;
  separationType: SeparationType | null;
  separationReason: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Missing required columns and unknown columns in a header row. */
export function checkRosterHeader(header: string[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const column of header) {
    if (!(ROSTER_COLUMNS as readonly string[]).includes(column)) {
      errors.push({ row: 0, field: column, message: `unknown column "${column}"; expected ${ROSTER_COLUMNS.join(", ")}` });
    }
    if (seen.has(column)) errors.push({ row: 0, field: column, message: `column "${column}" appears twice` });
    seen.add(column);
  }
  for (const column of ROSTER_REQUIRED_COLUMNS) {
    if (!seen.has(column)) errors.push({ row: 0, field: column, message: `required column "${column}" is missing` });
  }
  return errors;
}

/** Validates one CSV record (already keyed by column) into a roster row, or every error it has. */
export function parseRosterRow(record: Record<string, string | undefined>, row: number): { value?: RosterRow; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const text = (column: RosterColumn) => (record[column] ?? "").trim();
  const fail = (field: RosterColumn, message: string) => errors.push({ row, field, message });

  const employeeId = text("employee_id");
  if (!employeeId) fail("employee_id", "is required");
  else if (employeeId.length > 64) fail("employee_id", "must be at most 64 characters");
  const firstName = text("first_name");
  if (!firstName) fail("first_name", "is required");
  const lastName = text("last_name");
  if (!lastName) fail("last_name", "is required");
  const email = text("email").toLowerCase();
  if (!email) fail("email", "is required");
  else if (!EMAIL.test(email)) fail("email", `"${email}" is not an e-mail address`);
  const siteCode = text("site");
  if (!siteCode) fail("site", "is required");

  const hireText = text("hire_date");
  const hireDate = hireText ? parseDate(hireText) : undefined;
  if (!hireText) fail("hire_date", "is required");
  else if (!hireDate) fail("hire_date", `"${hireText}" is not a date (use YYYY-MM-DD)`);

  const roleText = text("role").toLowerCase() || "technician";
  if (!ROLES.includes(roleText as Role)) fail("role", `"${roleText}" is not one of ${ROLES.join(", ")}`);

  const separationText = text("separation_date");
  const separationDate = separationText ? parseDate(separationText) : null;
  if (separationText && !separationDate) fail("separation_date", `"${separationText}" is not a date (use YYYY-MM-DD)`);

  const statusText = text("status").toLowerCase() || (separationText ? "separated" : "active");
  if (!STATUSES.includes(statusText as PersonStatus)) fail("status", `"${statusText}" is not one of ${STATUSES.join(", ")}`);

  const typeText = text("separation_type").toLowerCase();
  const reasonText = text("separation_reason").toLowerCase();
  if (statusText === "separated") {
    if (!separationText) fail("separation_date", "is required when status is separated");
    if (!typeText) fail("separation_type", "is required when status is separated");
    else if (!SEPARATION_TYPES.includes(typeText as SeparationType)) fail("separation_type", `"${typeText}" is not voluntary or involuntary`);
    if (reasonText && !isSeparationReason(reasonText)) fail("separation_reason", `"${reasonText}" is not a known reason code`);
    else if (reasonText && typeText && SEPARATION_TYPES.includes(typeText as SeparationType) && !isSeparationReason(reasonText, typeText as SeparationType)) {
      fail("separation_reason", `"${reasonText}" is not a ${typeText} reason`);
    }
    if (hireDate && separationDate && compareDates(separationDate, hireDate) < 0) fail("separation_date", "is before the hire date");
  } else if (separationText || typeText || reasonText) {
    const field: RosterColumn = separationText ? "separation_date" : typeText ? "separation_type" : "separation_reason";
    fail(field, `only applies when status is separated (status is ${statusText})`);
  }

  if (errors.length > 0) return { errors };
  return {
    errors,
    value: {
      employeeId,
      firstName,
      lastName,
      email,
      siteCode,
      hireDate: hireDate!,
      role: roleText as Role,
      phone: text("phone") || null,
      status: statusText as PersonStatus,
      separationDate: statusText === "separated" ? separationDate ?? null : null,
      separationType: statusText === "separated" ? (typeText as SeparationType) : null,
      separationReason: statusText === "separated" ? reasonText || null : null,
    },
  };
}

/** The person fields a roster row sets, in column names. */
export function rosterRowToPersonFields(row: RosterRow, siteId: string) {
  return {
    employee_id: row.employeeId,
    first_name: row.firstName,
    last_name: row.lastName,
    email: row.email,
    phone: row.phone,
    hire_date: row.hireDate,
    site_id: siteId,
    role: row.role,
    status: row.status,
    separation_date: row.separationDate,
    separation_type: row.separationType,
    separation_reason: row.separationReason,
  };
}

export type PersonFields = ReturnType<typeof rosterRowToPersonFields>;

/** Fields whose values differ, for audit before/after. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): (keyof T)[] {
  return (Object.keys(after) as (keyof T)[]).filter((key) => (before[key] ?? null) !== (after[key] ?? null));
}

export interface EmploymentChange {
  kind: "hire" | "transfer" | "leave" | "return" | "separation" | "rehire";
  effectiveDate: IsoDate;
  siteId?: string;
  fromSiteId?: string;
  separationType?: SeparationType;
  reasonCode?: string | null;
}

/**
 * The employment events implied by a roster change: a new person is hired; a move between
 * sites is a transfer; a status change is a leave, return, separation or rehire.
 */
export function impliedEmploymentEvents(before: PersonFields | undefined, after: PersonFields, today: IsoDate): EmploymentChange[] {
  if (!before) {
    const events: EmploymentChange[] = [{ kind: "hire", effectiveDate: after.hire_date, siteId: after.site_id }];
    if (after.status === "separated") {
      events.push({ kind: "separation", effectiveDate: after.separation_date!, siteId: after.site_id, separationType: after.separation_type!, reasonCode: after.separation_reason });
    } else if (after.status === "leave") {
      events.push({ kind: "leave", effectiveDate: today });
    }
    return events;
  }
  const events: EmploymentChange[] = [];
  if (before.status === "separated" && after.status !== "separated") {
    events.push({ kind: "rehire", effectiveDate: after.hire_date, siteId: after.site_id });
  } else if (before.site_id !== after.site_id) {
    events.push({ kind: "transfer", effectiveDate: today, siteId: after.site_id, fromSiteId: before.site_id });
  }
  if (after.status === "separated" && before.status !== "separated") {
    events.push({ kind: "separation", effectiveDate: after.separation_date!, siteId: after.site_id, separationType: after.separation_type!, reasonCode: after.separation_reason });
  } else if (after.status === "leave" && before.status === "active") {
    events.push({ kind: "leave", effectiveDate: today });
  } else if (after.status === "active" && before.status === "leave") {
    events.push({ kind: "return", effectiveDate: today });
  }
  return events;
}

export interface EventInput {
  kind: "transfer" | "leave" | "return" | "separation" | "rehire";
  effectiveDate: IsoDate;
  siteId?: string;
  separationType?: SeparationType;
  reasonCode?: string;
}

export interface PersonState {
  status: PersonStatus;
  siteId: string;
  hireDate: IsoDate;
  separationDate: IsoDate | null;
}

/**
 * What an employment event does to a person, or why it cannot happen. Recording history is
 * allowed in any order of dates, but each event must make sense from the person's current status.
 */
export function applyEmploymentEvent(
  person: PersonState,
  event: EventInput,
): { errors: FieldError[]; changes?: Partial<PersonFields> } {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (compareDates(event.effectiveDate, person.hireDate) < 0 && event.kind !== "rehire") {
    fail("effectiveDate", "is before the hire date");
  }
  switch (event.kind) {
    case "transfer":
      if (person.status === "separated") fail("kind", "a separated person cannot be transferred; record a rehire");
      if (!event.siteId) fail("siteId", "is required for a transfer");
      else if (event.siteId === person.siteId) fail("siteId", "is the person's current site");
      return errors.length ? { errors } : { errors, changes: { site_id: event.siteId! } };
    case "leave":
      if (person.status !== "active") fail("kind", `only an active person can go on leave (status is ${person.status})`);
      return errors.length ? { errors } : { errors, changes: { status: "leave" } };
    case "return":
      if (person.status !== "leave") fail("kind", `only a person on leave can return (status is ${person.status})`);
      return errors.length ? { errors } : { errors, changes: { status: "active" } };
    case "separation":
      if (person.status === "separated") fail("kind", "the person is already separated");
      if (!event.separationType) fail("separationType", "is required for a separation");
      if (event.reasonCode && !isSeparationReason(event.reasonCode, event.separationType)) {
        fail("reasonCode", `"${event.reasonCode}" is not a ${event.separationType ?? ""} reason code`.replace("  ", " "));
      }
      return errors.length
        ? { errors }
        : {
            errors,
            changes: {
              status: "separated",
              separation_date: event.effectiveDate,
              separation_type: event.separationType!,
              separation_reason: event.reasonCode ?? null,
            },
          };
    case "rehire":
      if (person.status !== "separated") fail("kind", "only a separated person can be rehired");
      else if (person.separationDate && compareDates(event.effectiveDate, person.separationDate) <= 0) {
        fail("effectiveDate", "must be after the separation date");
      }
      return errors.length
        ? { errors }
        : {
            errors,
            changes: {
              status: "active",
              hire_date: event.effectiveDate,
              separation_date: null,
              separation_type: null,
              separation_reason: null,
              ...(event.siteId ? { site_id: event.siteId } : {}),
            },
          };
  }
}
