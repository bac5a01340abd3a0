import { api, withQuery } from "../../api.ts";
import type { Eligibility } from "../ladder/ladder.api.ts";

export type PromotionKind = "promotion" | "track-change" | "demotion";
export type PromotionStatus = "nominated" | "approved" | "rejected" | "withdrawn";

export interface Promotion {
  id: string;
  person: { id: string; firstName: string; lastName: string; siteCode: string };
  kind: PromotionKind;
  fromLevel: string | null;
  fromLevelName: string | null;
  toTrack: string;
  toLevel: string;
  toLevelName: string;
  status: PromotionStatus;
  effectiveDate: string;
  /** Hourly rate change in cents. */
  payChangeCents: number | null;
  /** The nominator's name. */
  nominatedBy: string;
  nominatedAt: string;
  note: string | null;
  eligibleAtNomination: boolean;
  overrideJustification: string | null;
  snapshot: Eligibility;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface NewNomination {
  personId: string;
  toTrack: string;
  toLevel: string;
  effectiveDate: string;
  payChangeCents?: number;
  note?: string;
  overrideJustification?: string;
}

export type Decision = "approve" | "reject";

export const promotionsPath = (status: PromotionStatus) => withQuery("/api/promotions", { status });

export const promotionsApi = {
  nominate: (input: NewNomination) => api.post<Promotion>("/api/promotions", input),
  decide: (promotionId: string, decision: Decision, note?: string) =>
    api.post<Promotion>(`/api/promotions/${encodeURIComponent(promotionId)}/decision`, note ? { decision, note } : { decision }),
};

/** "$1.25/h", "−$0.50/h" from a change in cents. */
export function formatPayChange(cents: number | null): string {
  if (cents === null) return "No change recorded";
  const sign = cents < 0 ? "−" : "+";
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}/h`;
}

/** Dollars per hour as typed ("1.25", "-0.5", "$2") to cents, or null when it is not an amount. */
export function parseDollarsToCents(text: string): number | null {
  const match = /^\s*([+-]?)\s*\$?\s*(\d{1,4})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign === "-" ? -cents : cents;
}
