export * from "./notifications.rules.ts";
export { collectNotifications, scanAllOrganizations, scanNotifications, storeNotifications, type NotificationDraft } from "./scan-notifications.ts";
export { claimEmails, deliverEmails, EMAIL_CLAIM_MS, markEmailFailed, markEmailSent, type ClaimedEmail } from "./deliver-emails.ts";
export { queueWeeklySummaries } from "./weekly-summary.ts";
export { getEmailPreferences, listMyNotifications, markAllNotificationsRead, markNotificationRead, setEmailPreferences, unreadCount, type NotificationDto } from "./notifications.queries.ts";
