/** Failed sign-ins allowed per e-mail address, and per client address, within the window. */
export const THROTTLE = {
  windowMinutes: 15,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 30,
} as const;

export interface ThrottleCounts {
  failuresForEmail: number;
  failuresForIp: number;
}

export function isThrottled(counts: ThrottleCounts): boolean {
  return counts.failuresForEmail >= THROTTLE.maxFailuresPerEmail || counts.failuresForIp >= THROTTLE.maxFailuresPerIp;
}

export const PASSWORD_RESET_MINUTES = 60;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
