import { api } from "../../api.ts";

export type Reward = "raise" | "bonus" | "conference-ticket" | "tuition-reimbursement";
export type Milestone = "certification.exam_passed" | "level.reached" | "training.completed" | "ce.completed";

export interface IncentiveRule {
  id: string;
  code: string;
  name: string;
  milestone: Milestone;
  levelCode: string | null;
  /** Training rules: only this program (its code); null for any. */
  programCode: string | null;
  /** CE rules: only activities of at least these hours; null for any. */
  minHours: number | null;
  reward: Reward;
  amountCents: number;
  active: boolean;
}

export interface RuleInput {
  code: string;
  name: string;
  milestone: Milestone;
  levelCode?: string | null;
  programCode?: string | null;
  minHours?: number | null;
  reward: Reward;
  amountCents: number;
  active?: boolean;
}

export type RulePatch = Partial<Pick<RuleInput, "name" | "levelCode" | "programCode" | "minHours" | "amountCents" | "active">>;

export interface Grant {
  id: string;
  person: { id: string; firstName: string; lastName: string; employeeId: string; siteCode: string };
  rule: { code: string; name: string; milestone: Milestone };
  reward: Reward;
  amountCents: number;
  grantedOn: string;
}

export interface Reimbursement {
  id: string;
  person: { id: string; firstName: string; lastName: string; siteCode: string };
  amountCents: number;
  purpose: string;
  status: "submitted" | "approved" | "rejected";
  submittedAt: string;
  decidedOn: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  evidenceFile: { id: string; fileName: string } | null;
  mayDecide: boolean;
}

export const MILESTONE_LABELS: Record<Milestone, string> = {
  "certification.exam_passed": "National certification passed",
  "level.reached": "Level reached",
  "training.completed": "Training completed",
  "ce.completed": "CE completed",
};

export const REWARD_LABELS: Record<Reward, string> = {
  raise: "Raise",
  bonus: "Bonus",
  "conference-ticket": "Conference ticket",
  "tuition-reimbursement": "Tuition reimbursement",
};

/** Cents as dollars; a raise is per hour. */
export function formatAmount(cents: number, reward?: Reward): string {
  const dollars = (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });
  return reward === "raise" ? `${dollars}/hour` : dollars;
}

export const incentivesApi = {
  createRule: (input: RuleInput) => api.post<IncentiveRule>("/api/incentives/rules", input),
  updateRule: (id: string, patch: RulePatch) => api.patch<IncentiveRule>(`/api/incentives/rules/${id}`, patch),
  process: () => api.post<{ processedEvents: number; granted: number }>("/api/incentives/process"),
  submitReimbursement: (input: { amountCents: number; purpose: string; evidenceFileId?: string | null }) => api.post<Reimbursement>("/api/incentives/reimbursements", input),
  decide: (id: string, decision: "approve" | "reject", note?: string) => api.post<{ id: string }>(`/api/incentives/reimbursements/${id}/decision`, { decision, note }),
};
