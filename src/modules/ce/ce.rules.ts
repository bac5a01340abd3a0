/**
 * CE compliance per certification cycle, computed in this one place: which records count toward
 * a credential's renewal, which do not and why, progress per requirement, days to the cycle's end,
 * the renewal window and the warnings before it ends. Pure: data and `today` in, a report out.
 * Renewal dates come from the certifications rules (`expiryOf`, `renewalCycle`, `renewalWindow`).
 */
import { addDays, compareDates, daysBetween, type IsoDate } from "../../lib/dates.ts";
import type { VerificationStatus } from "../../db/schema.ts";
import { expiryOf, findCertification, renewalCycle, renewalWindow, type CertificationDef } from "../certifications/index.ts";
import { type CeActivityType, type CeCategory, type CeMinimum, type CeRuleSet } from "./ce-rule-sets.ts";
import { activityKey, type CeAudience, type CeFormat } from "./uan.ts";

export interface CeRecordFacts {
  id: string;
  title: string;
  completedOn: IsoDate;
  hours: number;
  activityType: CeActivityType;
  uan: string | null;
  topic: string | null;
  format: CeFormat | null;
  audience: CeAudience | null;
  categories: CeCategory[];
  verificationStatus: VerificationStatus;
}

export interface CeHoldingFacts {
  id: string;
  certificationCode: string;
  state: string | null;
  earnedOn: IsoDate;
  expiresOn: IsoDate | null;
  verificationStatus: VerificationStatus;
}

export interface CeCycle {
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** The first cycle after the credential was earned: it starts on the certification date. */
  isFirst: boolean;
}

/**
 * The cycle a holding's CE counts in: the renewal cycle ending at its expiry. The first cycle
 * starts on the certification date itself (CE completed that day counts; none before it).
 */
export function ceCycle(def: CertificationDef, holding: Pick<CeHoldingFacts, "earnedOn" | "expiresOn">, cycleMonths?: number): CeCycle | null {
  const expiresOn = expiryOf(def, holding.earnedOn, holding.expiresOn);
  if (!expiresOn) return null;
  const cycle = renewalCycle({ ...def, cycleMonths: cycleMonths ?? def.cycleMonths }, expiresOn);
  if (!cycle) return null;
  const isFirst = compareDates(cycle.startsOn, addDays(holding.earnedOn, 1)) <= 0;
  return { startsOn: isFirst ? holding.earnedOn : cycle.startsOn, endsOn: cycle.endsOn, isFirst };
}

export type CeRecordReason =
  | "rejected"
  | "before-certification"
  | "earlier-cycle"
  | "later-cycle"
  | "in-service"
  | "duplicate"
  | "college-course-limit"
  | "pharmacist-limit";

export interface CeRecordOutcome {
  recordId: string;
  title: string;
  completedOn: IsoDate;
  hours: number;
  countedHours: number;
  isVerified: boolean;
  /** Why some or all of the hours do not count. */
  reason: CeRecordReason | null;
  explanation: string | null;
}

export interface CeRequirementProgress {
  code: string;
  label: string;
  needed: number;
  counted: number;
  isMet: boolean;
}

export type CeStatus = "complete" | "short" | "expired";

export interface CeWarning {
  /** The warning threshold reached (90, 60, 30 days), or 0 once the cycle has ended. */
  days: number;
  message: string;
}

export interface CeCompliance {
  holdingId: string;
  certificationCode: string;
  credentialName: string;
  state: string | null;
  ruleSet: Pick<CeRuleSet, "code" | "name" | "source" | "verify" | "notes"> & { custom: boolean };
  cycle: CeCycle;
  daysLeft: number;
  /** `isPastApplyBy`: the last day to apply without a late fee has passed (CPhT: 30 days before expiry). */
  renewal: { opensOn: IsoDate | null; applyBy: IsoDate | null; isOpen: boolean; isPastApplyBy: boolean };
  hoursNeeded: number;
  hoursCounted: number;
  hoursShort: number;
  /** Counted hours from records that still await verification. */
  unverifiedHours: number;
  requirements: CeRequirementProgress[];
  records: CeRecordOutcome[];
  status: CeStatus;
  warning: CeWarning | null;
  /** The holding itself awaits verification. */
  isHoldingVerified: boolean;
}

// Hours are summed in hundredths, so 0.25 + 0.5 + … never drifts.
const toCenti = (hours: number) => Math.round(hours * 100);
const fromCenti = (centi: number) => centi / 100;
const hoursText = (hours: number) => `${fromCenti(toCenti(hours))} h`;

function matchesMinimum(minimum: CeMinimum, record: CeRecordFacts): boolean {
  switch (minimum.counts.kind) {
    case "category":
      return record.categories.includes(minimum.counts.category);
    case "live":
      return record.format === "live";
    case "technician":
      return record.audience !== "pharmacist";
  }
}

export interface ComplianceInput {
  holding: CeHoldingFacts;
  ruleSet: CeRuleSet;
  records: readonly CeRecordFacts[];
  today: IsoDate;
  warningDays: readonly number[];
}

/** Compliance of one credential held, for the cycle ending at its expiry; null when it has no cycle. */
export function computeCompliance({ holding, ruleSet, records, today, warningDays }: ComplianceInput): CeCompliance | null {
  const def = findCertification(holding.certificationCode);
  if (!def) return null;
  const cycle = ceCycle(def, holding, ruleSet.cycleMonths);
  if (!cycle) return null;

  const minimums = ruleSet.minimums.filter((m) => !m.firstCycleOnly || cycle.isFirst);
  const ordered = [...records].sort((a, b) => compareDates(a.completedOn, b.completedOn) || a.id.localeCompare(b.id));
  const used = { college: 0, pharmacist: 0 };
  const seenActivity = new Map<string, CeRecordFacts>();
  const outcomes: CeRecordOutcome[] = [];
  const counted: { record: CeRecordFacts; centi: number }[] = [];

  for (const record of ordered) {
    const outcome = (reason: CeRecordReason | null, explanation: string | null, countedCenti = 0): CeRecordOutcome => ({
      recordId: record.id,
      title: record.title,
      completedOn: record.completedOn,
      hours: record.hours,
      countedHours: fromCenti(countedCenti),
      isVerified: record.verificationStatus === "verified",
      reason,
      explanation,
    });
    if (record.verificationStatus === "rejected") {
      outcomes.push(outcome("rejected", "Rejected when it was checked against the certificate or CPE Monitor."));
      continue;
    }
    if (compareDates(record.completedOn, holding.earnedOn) < 0) {
      outcomes.push(outcome("before-certification", `Completed before the credential was earned (${holding.earnedOn}); CE from before certification never counts.`));
      continue;
    }
    if (compareDates(record.completedOn, cycle.startsOn) < 0) {
      outcomes.push(outcome("earlier-cycle", `Completed in an earlier cycle (this one started ${cycle.startsOn}); CE counts only in the cycle it was completed in.`));
      continue;
    }
    if (compareDates(record.completedOn, cycle.endsOn) > 0) {
      outcomes.push(outcome("later-cycle", `Completed after this cycle ended (${cycle.endsOn}); it counts toward the next cycle.`));
      continue;
    }
    if (record.activityType === "in-service" && ruleSet.inServiceRefusedFrom && compareDates(record.completedOn, ruleSet.inServiceRefusedFrom) >= 0) {
      outcomes.push(outcome("in-service", `In-service training is not accepted for this renewal since ${ruleSet.inServiceRefusedFrom}.`));
      continue;
    }
    if (record.uan) {
      const key = activityKey(record.uan);
      const earlier = seenActivity.get(key);
      if (earlier) {
        outcomes.push(outcome("duplicate", `The same activity as "${earlier.title}" (${earlier.completedOn}); an activity earns credit once.`));
        continue;
      }
      seenActivity.set(key, record);
    }
    let centi = toCenti(record.hours);
    let reason: CeRecordReason | null = null;
    let explanation: string | null = null;
    if (record.activityType === "college-course" && ruleSet.collegeCourseHoursMax !== null) {
      const room = Math.max(0, toCenti(ruleSet.collegeCourseHoursMax) - used.college);
      if (centi > room) {
        reason = "college-course-limit";
        explanation = `${hoursText(fromCenti(centi - room))} beyond the ${ruleSet.collegeCourseHoursMax}-hour limit for college courses.`;
        centi = room;
      }
      used.college += centi;
    }
    if (record.audience === "pharmacist" && ruleSet.pharmacistHoursMax !== null) {
      const room = Math.max(0, toCenti(ruleSet.pharmacistHoursMax) - used.pharmacist);
      if (centi > room) {
        reason = "pharmacist-limit";
        explanation = `${hoursText(fromCenti(centi - room))} beyond the ${ruleSet.pharmacistHoursMax} hours of pharmacist-designated (P) CE that count.`;
        centi = room;
      }
      used.pharmacist += centi;
    }
    outcomes.push(outcome(reason, explanation, centi));
    if (centi > 0) counted.push({ record, centi });
  }

  const totalCenti = counted.reduce((sum, c) => sum + c.centi, 0);
  const requirements: CeRequirementProgress[] = [
    { code: "total", label: "Total hours", needed: ruleSet.hours, counted: fromCenti(totalCenti), isMet: totalCenti >= toCenti(ruleSet.hours) },
    ...minimums.map((minimum) => {
      const sum = counted.filter((c) => matchesMinimum(minimum, c.record)).reduce((s, c) => s + c.centi, 0);
      return { code: minimum.code, label: minimum.label, needed: minimum.hours, counted: fromCenti(sum), isMet: sum >= toCenti(minimum.hours) };
    }),
  ];
  const isComplete = requirements.every((r) => r.isMet);
  const daysLeft = daysBetween(today, cycle.endsOn);
  const window = renewalWindow(def, { certificationCode: holding.certificationCode, earnedOn: holding.earnedOn, expiresOn: cycle.endsOn, verificationStatus: holding.verificationStatus }, today);
  const opensOn = window?.opensOn ?? null;
  const status: CeStatus = daysLeft < 0 ? "expired" : isComplete ? "complete" : "short";
  const hoursShort = Math.max(0, toCenti(ruleSet.hours) - totalCenti);

  return {
    holdingId: holding.id,
    certificationCode: holding.certificationCode,
    credentialName: def.name,
    state: holding.state,
    ruleSet: { code: ruleSet.code, name: ruleSet.name, source: ruleSet.source, verify: ruleSet.verify, notes: ruleSet.notes, custom: Boolean(ruleSet.custom) },
    cycle,
    daysLeft,
    renewal: {
      opensOn,
      applyBy: window?.applyBy ?? null,
      isOpen: opensOn !== null && daysLeft >= 0 && compareDates(today, opensOn) >= 0,
      isPastApplyBy: Boolean(window?.applyBy) && compareDates(today, window!.applyBy!) > 0,
    },
    hoursNeeded: ruleSet.hours,
    hoursCounted: fromCenti(totalCenti),
    hoursShort: fromCenti(hoursShort),
    unverifiedHours: fromCenti(counted.filter((c) => c.record.verificationStatus !== "verified").reduce((s, c) => s + c.centi, 0)),
    requirements,
    records: outcomes,
    status,
    warning: isComplete ? null : warningFor(requirements, daysLeft, warningDays),
    isHoldingVerified: holding.verificationStatus === "verified",
  };
}

/**
 * What is still missing, in words: "3 h in total, 1 h pharmacy law (topic 03)". Technician hours
 * short by no more than the total are left out: any technician hour makes up both.
 */
export function shortfallText(requirements: readonly CeRequirementProgress[]): string {
  const total = requirements.find((r) => r.code === "total");
  const totalMissing = total && !total.isMet ? total.needed - total.counted : 0;
  return requirements
    .filter((r) => !r.isMet)
    .filter((r) => r.code !== "technician" || r.needed - r.counted > totalMissing + 1e-9)
    .map((r) => `${hoursText(r.needed - r.counted)} ${r.code === "total" ? "in total" : /^[A-Z][a-z]/.test(r.label) ? r.label.charAt(0).toLowerCase() + r.label.slice(1) : r.label}`)
    .join(", ");
}

/** The nearest warning threshold reached while short (90, 60, 30 days by default), or the overdue warning. */
export function warningFor(requirements: readonly CeRequirementProgress[], daysLeft: number, warningDays: readonly number[]): CeWarning | null {
  if (requirements.every((r) => r.isMet)) return null;
  const missing = shortfallText(requirements);
  if (daysLeft < 0) return { days: 0, message: `The cycle ended ${-daysLeft} day${daysLeft === -1 ? "" : "s"} ago with ${missing} still missing.` };
  const reached = [...warningDays].sort((a, b) => a - b).find((d) => daysLeft <= d);
  if (reached === undefined) return null;
  return { days: reached, message: `${daysLeft} day${daysLeft === 1 ? "" : "s"} left in the cycle and still missing ${missing}.` };
}

export interface HoldingWithoutRules {
  holdingId: string;
  certificationCode: string;
  credentialName: string;
  state: string | null;
  reason: string;
}

/**
 * The credentials of a person that CE applies to: the latest holding of each credential (per
 * state for state credentials), not rejected, with a rule set. State credentials without a rule
 * set are reported, so an organization sees which state rules it still has to add.
 */
export function ceHoldings(holdings: readonly CeHoldingFacts[], pick: (code: string, state: string | null) => CeRuleSet | undefined) {
  const latest = new Map<string, CeHoldingFacts>();
  for (const h of holdings) {
    if (h.verificationStatus === "rejected") continue;
    const key = `${h.certificationCode}:${h.state ?? ""}`;
    const current = latest.get(key);
    const end = (x: CeHoldingFacts) => x.expiresOn ?? x.earnedOn;
    if (!current || compareDates(end(h), end(current)) > 0) latest.set(key, h);
  }
  const withRules: { holding: CeHoldingFacts; ruleSet: CeRuleSet }[] = [];
  const withoutRules: HoldingWithoutRules[] = [];
  for (const holding of latest.values()) {
    const def = findCertification(holding.certificationCode);
    if (!def) continue;
    const ruleSet = pick(holding.certificationCode, holding.state);
    if (ruleSet) withRules.push({ holding, ruleSet });
    else if (def.perState) {
      withoutRules.push({
        holdingId: holding.id,
        certificationCode: holding.certificationCode,
        credentialName: def.name,
        state: holding.state,
        reason: `No CE rule set for ${holding.state ?? "this state"} yet; an administrator can add one in the CE settings.`,
      });
    }
  }
  withRules.sort((a, b) => a.ruleSet.code.localeCompare(b.ruleSet.code));
  return { withRules, withoutRules };
}

