import { api, withQuery } from "../../api.ts";

export type NotificationKind = "certification-expiring" | "competency-expiring" | "certification-deadline" | "evaluation-due" | "promotion-eligible" | "approval-waiting" | "schedule-changed";

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Path in this app of the thing concerned. */
  link: string;
  dueOn: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: AppNotification[];
  unread: number;
  total: number;
}

export interface EmailPreference {
  kind: string;
  label: string;
  description: string;
  email: boolean;
  emailByDefault: boolean;
}

export const KIND_LABELS: Record<NotificationKind, string> = {
  "certification-expiring": "Certification expiring",
  "competency-expiring": "Competency expiring",
  "certification-deadline": "Certification deadline",
  "evaluation-due": "Evaluation due",
  "promotion-eligible": "Eligible for promotion",
  "approval-waiting": "Approval waiting",
  "schedule-changed": "Schedule changed",
};

/** Tells the header's bell that the unread count changed. */
export const NOTIFICATIONS_CHANGED = "rxl:notifications-changed";
export const announceNotificationsChanged = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));

export const notificationsPath = (options: { unreadOnly: boolean; limit: number }) => withQuery("/api/notifications", { unread: options.unreadOnly ? "1" : undefined, limit: options.limit });
export const markRead = (id: string) => api.post<AppNotification>(`/api/notifications/${id}/read`);
export const markAllRead = () => api.post<{ marked: number }>("/api/notifications/read-all");
export const saveEmailPreferences = (email: Record<string, boolean>) => api.put<{ items: EmailPreference[] }>("/api/notifications/preferences", { email });
