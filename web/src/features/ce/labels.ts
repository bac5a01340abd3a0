import type { Tone } from "../ladder/labels.ts";
import type { CeActivityType, CeAudience, CeCompliance, CeFormat, CeVerification } from "./ce.api.ts";

export const CE_STATUS: Record<CeCompliance["status"], { label: string; tone: Tone }> = {
  complete: { label: "Hours complete", tone: "good" },
  short: { label: "Short", tone: "warn" },
  expired: { label: "Cycle ended", tone: "bad" },
};

export const CE_VERIFICATION: Record<CeVerification, { label: string; tone: Tone }> = {
  unverified: { label: "Awaiting verification", tone: "pending" },
  verified: { label: "Verified", tone: "good" },
  rejected: { label: "Rejected", tone: "bad" },
};

export const FORMAT_LABEL: Record<CeFormat, string> = { live: "Live", "home-study": "Home study", blended: "Blended" };
export const AUDIENCE_LABEL: Record<CeAudience, string> = { technician: "Technician (T)", pharmacist: "Pharmacist (P)" };
export const ACTIVITY_LABEL: Record<CeActivityType, string> = {
  acpe: "ACPE-accredited",
  "college-course": "College course",
  "in-service": "In-service",
  other: "Other CE",
};

/** Hours as people write them: "1.5 h", "20 h". */
export function hours(value: number): string {
  return `${Math.round(value * 100) / 100} h`;
}

/** "45 days left", "Ends today", "Ended 3 days ago". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft > 1) return `${daysLeft} days left`;
  if (daysLeft === 1) return "1 day left";
  if (daysLeft === 0) return "Ends today";
  return `Ended ${-daysLeft} day${daysLeft === -1 ? "" : "s"} ago`;
}

/** A credential's name with its state: "State pharmacy technician registration (FL)". */
export function credentialLabel(c: { credentialName: string; state: string | null }): string {
  return c.state ? `${c.credentialName} (${c.state})` : c.credentialName;
}
