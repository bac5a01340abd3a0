import type { IncentiveMilestone, IncentiveReward } from "../../db/schema.ts";

export const MILESTONES: readonly IncentiveMilestone[] = ["certification.exam_passed", "level.reached", "training.completed", "ce.completed"];
export const REWARDS: readonly IncentiveReward[] = ["raise", "bonus", "conference-ticket", "tuition-reimbursement"];

export interface IncentiveRuleDef {
  code: string;
  name: string;
  milestone: IncentiveMilestone;
  /** level.reached only: the level code it is limited to; null for any level. */
  levelCode: string | null;
  /** training.completed only: the program code it is limited to; null for any program. */
  programCode: string | null;
  /** ce.completed only: the least CE hours the activity must carry; null for any. */
  minHours: number | null;
  reward: IncentiveReward;
  /** A raise: cents per hour; every other reward: cents. */
  amountCents: number;
  active: boolean;
}

/**
 * The rules a new organization starts with (loaded on first use; the organization then edits its
 * own). Amounts are a starting point from the seed article's examples, for HR to set.
 * The training and CE rules start inactive: an organization turns them on (and may narrow them
 * to one program or to activities of some hours) when it offers those rewards.
 */
export const DEFAULT_INCENTIVE_RULES: readonly IncentiveRuleDef[] = [
  { code: "certification-raise", name: "National certification passed: raise", milestone: "certification.exam_passed", levelCode: null, programCode: null, minHours: null, reward: "raise", amountCents: 100, active: true },
  { code: "level-bonus", name: "New level reached: bonus eligibility", milestone: "level.reached", levelCode: null, programCode: null, minHours: null, reward: "bonus", amountCents: 25_000, active: true },
  { code: "lead-bonus", name: "Lead technician reached: bonus eligibility", milestone: "level.reached", levelCode: "lead", programCode: null, minHours: null, reward: "bonus", amountCents: 50_000, active: true },
  { code: "training-conference", name: "Training program completed: conference ticket", milestone: "training.completed", levelCode: null, programCode: null, minHours: null, reward: "conference-ticket", amountCents: 40_000, active: false },
  { code: "ce-tuition", name: "CE completed: tuition reimbursement", milestone: "ce.completed", levelCode: null, programCode: null, minHours: null, reward: "tuition-reimbursement", amountCents: 10_000, active: false },
];

export interface MilestoneEvent {
  id: number;
  kind: string;
  personId: string | null;
  payload: Record<string, unknown>;
}

/** Whether an event meets a rule's optional condition: the level reached, the program completed, the CE hours earned. Pure. */
export function meetsCondition(rule: Pick<IncentiveRuleDef, "milestone" | "levelCode" | "programCode" | "minHours">, event: MilestoneEvent): boolean {
  switch (rule.milestone) {
    case "level.reached":
      return rule.levelCode === null || rule.levelCode === event.payload.level;
    case "training.completed":
      return rule.programCode === null || rule.programCode === event.payload.programCode;
    case "ce.completed": {
      if (rule.minHours === null) return true;
      const hours = Number(event.payload.hours);
      return Number.isFinite(hours) && hours >= rule.minHours;
    }
    default:
      return true;
  }
}

/** The rules a domain event triggers: active, of its milestone, and meeting the rule's condition when it names one. Pure. */
export function rulesTriggeredBy<R extends Pick<IncentiveRuleDef, "milestone" | "levelCode" | "programCode" | "minHours" | "active">>(rules: readonly R[], event: MilestoneEvent): R[] {
  if (!event.personId) return [];
  return rules.filter((r) => r.active && r.milestone === event.kind && meetsCondition(r, event));
}

/** The day a milestone counts from: the promotion's effective date, the exam's date, else the day it was recorded. */
export function milestoneDate(event: MilestoneEvent, recordedOn: string): string {
  const candidate = event.payload.effectiveDate ?? event.payload.takenOn ?? event.payload.completedOn;
  return typeof candidate === "string" && /^\d{4}-\d{2}-\d{2}$/.test(candidate) ? candidate : recordedOn;
}

export interface PayrollLine {
  employeeId: string;
  lastName: string;
  firstName: string;
  siteCode: string;
  kind: "raise" | "bonus" | "reimbursement";
  effectiveDate: string;
  amountCents: number;
  description: string;
  reference: string;
}

const csvField = (value: string) => {
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The payroll export: one line per raise, bonus or approved reimbursement, amounts in dollars. Pure. */
export function payrollCsv(lines: readonly PayrollLine[]): string {
  const header = ["employee_id", "last_name", "first_name", "site", "type", "effective_date", "amount", "unit", "description", "reference"];
  const rows = [...lines]
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.lastName.localeCompare(b.lastName) || a.reference.localeCompare(b.reference))
    .map((l) =>
      [l.employeeId, l.lastName, l.firstName, l.siteCode, l.kind, l.effectiveDate, (l.amountCents / 100).toFixed(2), l.kind === "raise" ? "per-hour" : "one-time", l.description, l.reference].map(csvField).join(","),
    );
  return [header.join(","), ...rows].join("\r\n") + "\r\n";
}
