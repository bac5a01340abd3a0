import type { AssessorRule, CompetencyStatus, HoldingState, RequirementStatus, VerificationStatus } from "./ladder.api.ts";

/** How a status reads at a glance; each tone's badge colours keep text at 4.5:1 or better. */
export type Tone = "good" | "warn" | "bad" | "neutral" | "pending";

export const REQUIREMENT_STATUS: Record<RequirementStatus, { label: string; tone: Tone; symbol: string }> = {
  met: { label: "Met", tone: "good", symbol: "✓" },
  missing: { label: "Missing", tone: "bad", symbol: "✗" },
  expiring: { label: "Expiring soon", tone: "warn", symbol: "!" },
};

export const COMPETENCY_STATUS: Record<CompetencyStatus, { label: string; tone: Tone }> = {
  valid: { label: "Valid", tone: "good" },
  expiring: { label: "Expiring soon", tone: "warn" },
  expired: { label: "Expired", tone: "bad" },
  "in-progress": { label: "In progress", tone: "pending" },
  "not-started": { label: "Not started", tone: "neutral" },
};

export const HOLDING_STATE: Record<HoldingState, { label: string; tone: Tone }> = {
  active: { label: "Active", tone: "good" },
  expiring: { label: "Expiring soon", tone: "warn" },
  expired: { label: "Expired", tone: "bad" },
  rejected: { label: "Rejected", tone: "bad" },
};

export const VERIFICATION_STATUS: Record<VerificationStatus, { label: string; tone: Tone }> = {
  unverified: { label: "Awaiting verification", tone: "pending" },
  verified: { label: "Verified", tone: "good" },
  rejected: { label: "Verification rejected", tone: "bad" },
};

const ORDINAL_LEVEL = ["", "Tech I", "Tech II", "Tech III", "Lead"];

export function assessorRuleLabel(rule: AssessorRule): string {
  switch (rule.kind) {
    case "pharmacist":
      return "a pharmacist";
    case "lead":
      return "a lead technician";
    case "peer-above":
      return `a ${ORDINAL_LEVEL[rule.minRank] ?? `rank ${rule.minRank}`} or above`;
  }
}

/** "a pharmacist or a lead technician" */
export function assessorsLabel(rules: readonly AssessorRule[]): string {
  const labels = rules.map(assessorRuleLabel);
  if (labels.length <= 1) return labels[0] ?? "anyone allowed to assess";
  return `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

/** Groups items by a key, keeping the order in which keys first appear. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()];
}

/** "A, B and C" */
export function joinWithAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** A value safe inside an element id (Mantine builds accordion ids from item values). */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "item";
}
