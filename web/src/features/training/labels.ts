import type { Tone } from "../ladder/labels.ts";
import type { AssignmentStatus, CompletionState, TrainingCategory } from "./training.api.ts";

export const ASSIGNMENT_STATUS: Record<AssignmentStatus, { label: string; tone: Tone }> = {
  assigned: { label: "Assigned", tone: "neutral" },
  "in-progress": { label: "In progress", tone: "pending" },
  completed: { label: "Completed", tone: "good" },
  overdue: { label: "Overdue", tone: "bad" },
};

export const COMPLETION_STATE: Record<CompletionState, { label: string; tone: Tone }> = {
  valid: { label: "Current", tone: "good" },
  expiring: { label: "Expiring soon", tone: "warn" },
  expired: { label: "Expired", tone: "bad" },
  revoked: { label: "Revoked", tone: "neutral" },
};

export const CATEGORY_LABELS: Record<TrainingCategory, string> = {
  compliance: "Compliance",
  clinical: "Clinical",
  "cross-training": "Cross-training",
  management: "Management",
  development: "Development",
};

/** "$150.00" from cents; "No cost" for zero. */
export function formatCost(cents: number): string {
  if (cents === 0) return "No cost";
  return (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });
}

export function formatHours(hours: number): string {
  return `${hours.toLocaleString("en-US", { maximumFractionDigits: 2 })} h`;
}

/** "Due in 5 days", "Due today", "3 days overdue". */
export function dueText(dueOn: string, daysLeft: number | null, formatDate: (d: string) => string): string {
  if (daysLeft === null) return `Due ${formatDate(dueOn)}`;
  if (daysLeft < 0) return `${Math.abs(daysLeft)} day${daysLeft === -1 ? "" : "s"} overdue (due ${formatDate(dueOn)})`;
  if (daysLeft === 0) return `Due today (${formatDate(dueOn)})`;
  return `Due ${formatDate(dueOn)}, in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`;
}
