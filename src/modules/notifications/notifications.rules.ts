import type { NotificationKind } from "../../db/schema.ts";

export type { NotificationKind };

/** Kinds a person can receive by e-mail: every notification kind, and the weekly summary for managers and admins. */
export type EmailKind = NotificationKind | "weekly-summary";

export interface EmailKindDef {
  kind: EmailKind;
  label: string;
  description: string;
  /** Sent by e-mail unless the person turned it off. */
  emailByDefault: boolean;
}

/**
 * The kinds, in the order the settings page lists them. Monthly evaluations are routine for a
 * manager (the in-app list and the weekly summary carry them), so their e-mail starts off.
 */
export const EMAIL_KINDS: readonly EmailKindDef[] = [
  { kind: "approval-waiting", label: "Approvals waiting", description: "Promotion nominations, reimbursement requests, exam items to review and mentoring sessions to confirm", emailByDefault: true },
  { kind: "certification-expiring", label: "Certifications expiring", description: "A credential expires in 90, 60 or 30 days", emailByDefault: true },
  { kind: "competency-expiring", label: "Competency sign-offs expiring", description: "A competency's sign-off runs out in 90, 60 or 30 days and needs re-evaluation", emailByDefault: true },
  { kind: "certification-deadline", label: "Certification deadline approaching", description: "A new technician's national-certification deadline is 90, 60 or 30 days away", emailByDefault: true },
  { kind: "promotion-eligible", label: "Newly eligible for promotion", description: "Someone you manage now meets every requirement of their next level", emailByDefault: true },
  { kind: "evaluation-due", label: "Evaluations due", description: "Monthly evaluations not yet filled for a site you manage", emailByDefault: false },
  { kind: "schedule-changed", label: "Schedule changes", description: "A rotation plan with your shifts is published, or a shift of yours is handed to someone else or to you", emailByDefault: true },
  { kind: "weekly-summary", label: "Weekly summary", description: "Monday's summary of what needs your attention (managers and admins)", emailByDefault: true },
];

export const NOTIFICATION_KINDS: readonly NotificationKind[] = ["certification-expiring", "competency-expiring", "certification-deadline", "evaluation-due", "promotion-eligible", "approval-waiting", "schedule-changed"];

export function isEmailKind(kind: string): kind is EmailKind {
  return EMAIL_KINDS.some((k) => k.kind === kind);
}

/** Whether a person gets a kind by e-mail: their own choice when they made one, else the kind's default. */
export function wantsEmail(kind: EmailKind, choices: ReadonlyMap<string, boolean>): boolean {
  return choices.get(kind) ?? EMAIL_KINDS.find((k) => k.kind === kind)!.emailByDefault;
}

/** Days before an expiry or deadline at which people are told, largest first. */
export const REMINDER_WINDOWS = [90, 60, 30] as const;

/**
 * The reminder window a date falls in: the smallest window that still holds the days left, so a
 * scan that first sees an expiry 20 days out sends only the 30-day reminder, not all three.
 * Null when it is further away than the largest window, or already past.
 */
export function reminderWindow(daysLeft: number, windows: readonly number[] = REMINDER_WINDOWS): number | null {
  if (daysLeft < 0) return null;
  const holding = windows.filter((w) => daysLeft <= w);
  return holding.length ? Math.min(...holding) : null;
}

/** Attempts before an e-mail is given up as failed. */
export const MAX_EMAIL_ATTEMPTS = 8;

/** Wait before the next attempt after `attempts` failed ones: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  const minutes = Math.min(2 ** Math.max(0, attempts - 1), 360);
  return minutes * 60_000;
}

/** A stable Message-ID per outbox row, so a mail client shows one message even if the server ever saw it twice. */
export function messageIdFor(outboxId: string, host = "rxladder.local"): string {
  return `<${outboxId}@${host}>`;
}

export interface NotificationText {
  title: string;
  body: string;
  link: string;
}

/** The plain-text e-mail for a notification, with its link and where to change e-mail choices. */
export function notificationEmail(n: NotificationText, publicUrl: string): { subject: string; text: string } {
  const base = publicUrl.replace(/\/+$/, "");
  return {
    subject: `Rx Ladder: ${n.title}`,
    text: `${n.body}\n\nOpen: ${base}${n.link}\n\nAll your notifications: ${base}/notifications\nChoose which e-mails you get: ${base}/notifications/settings\n`,
  };
}

export interface SummaryFigures {
  /** Notifications of the last seven days by kind. */
  byKind: Partial<Record<NotificationKind, number>>;
  unread: number;
}

const SUMMARY_LABELS: Record<NotificationKind, string> = {
  "approval-waiting": "approvals waiting",
  "certification-expiring": "certifications expiring",
  "competency-expiring": "competency sign-offs expiring",
  "certification-deadline": "certification deadlines approaching",
  "promotion-eligible": "newly eligible for promotion",
  "evaluation-due": "evaluation reminders",
  "schedule-changed": "schedule changes",
};

/** The weekly summary's text; null when there is nothing to say (no e-mail is sent then). */
export function weeklySummaryEmail(name: string, weekOf: string, figures: SummaryFigures, publicUrl: string): { subject: string; text: string } | null {
  const lines = NOTIFICATION_KINDS.filter((k) => (figures.byKind[k] ?? 0) > 0).map((k) => `  ${String(figures.byKind[k]).padStart(4)}  ${SUMMARY_LABELS[k]}`);
  if (lines.length === 0 && figures.unread === 0) return null;
  const base = publicUrl.replace(/\/+$/, "");
  return {
    subject: `Rx Ladder: your week of ${weekOf}`,
    text:
      `Hello ${name},\n\n` +
      (lines.length ? `In the last seven days:\n${lines.join("\n")}\n\n` : "Nothing new in the last seven days.\n\n") +
      `Unread notifications: ${figures.unread}\n\nOpen them: ${base}/notifications\nChoose which e-mails you get: ${base}/notifications/settings\n`,
  };
}
