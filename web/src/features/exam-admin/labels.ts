import type { Tone } from "../ladder/labels.ts";
import type { CertificationExamDef, ExamCatalog, ItemSource, ItemStatus, PipelineStage, PtceOutline, Readiness } from "./exam-admin.api.ts";

export const STAGES: readonly PipelineStage[] = ["not-started", "practicing", "ready", "scheduled", "failed", "passed"];

export const STAGE_LABELS: Record<PipelineStage, { label: string; tone: Tone; description: string }> = {
  "not-started": { label: "Not started", tone: "neutral", description: "No practice attempt submitted yet." },
  practicing: { label: "Practicing", tone: "pending", description: "Practicing, not yet at the readiness threshold." },
  ready: { label: "Ready", tone: "good", description: "At or above the readiness threshold: time to schedule the exam." },
  scheduled: { label: "Scheduled", tone: "pending", description: "The certification exam is booked." },
  failed: { label: "Retake needed", tone: "warn", description: "The last sitting was not passed; the retake waits for its date." },
  passed: { label: "Passed", tone: "good", description: "Certified in the last 90 days." },
};

export const ITEM_STATUS_LABELS: Record<ItemStatus, { label: string; tone: Tone }> = {
  draft: { label: "Draft", tone: "pending" },
  published: { label: "Published", tone: "good" },
  retired: { label: "Retired", tone: "neutral" },
  superseded: { label: "Superseded", tone: "neutral" },
};

export const SOURCE_LABELS: Record<ItemSource, string> = {
  hand: "Written by Rx Ladder",
  table: "From a reference table",
  generator: "Generated",
  custom: "Written by your organization",
};

export const DIFFICULTY_LABELS: Record<number, string> = { 1: "Easy", 2: "Moderate", 3: "Hard" };

export const VERIFY_NOTE = "To be confirmed by your organization";

/** A probability as a whole percentage; "<1%" and ">99%" rather than a misleading 0% or 100%. */
export function percent(value: number): string {
  if (value > 0 && value < 0.005) return "<1%";
  if (value < 1 && value > 0.995) return ">99%";
  return `${Math.round(value * 100)}%`;
}

/** "62% (48–75%)", with "preliminary" while there are few answers. */
export function readinessText(readiness: Readiness | null): string {
  if (!readiness) return "No estimate yet";
  const interval = `${percent(readiness.probability)} (${percent(readiness.low)} to ${percent(readiness.high)})`;
  return readiness.preliminary ? `${interval}, preliminary: ${readiness.responses} answers` : interval;
}

/** The outline that names the domains and subtopics: the pinned one, else the first. */
export function referenceOutline(catalog: ExamCatalog | undefined, pinned?: string | null): PtceOutline | undefined {
  if (!catalog) return undefined;
  return catalog.outlines.find((o) => o.code === pinned) ?? catalog.outlines[0];
}

export function domainName(outline: PtceOutline | undefined, domain: string): string {
  return outline?.domains.find((d) => d.code === domain)?.name ?? domain;
}

export function subtopicName(outline: PtceOutline | undefined, code: string): string | undefined {
  return outline?.domains.flatMap((d) => d.subtopics).find((s) => s.code === code)?.name;
}

const ORDINALS = ["1st", "2nd", "3rd", "4th", "5th", "6th"];

/** The retake waits in words: "60 days after the 1st failed attempt, 60 after the 2nd, 180 after the 3rd." */
export function retakeRule(exam: CertificationExamDef): string {
  const waits = exam.retakeWaitDays.map((days, i) => (i === 0 ? `${days} days after the ${ORDINALS[i]} failed attempt` : `${days} after the ${ORDINALS[i] ?? `${i + 1}th`}`));
  const rule = `${exam.name}: the next attempt can be booked ${waits.join(", ")}.`;
  return exam.afterLastAttempt ? `${rule} ${exam.afterLastAttempt}` : rule;
}

export function examName(catalog: ExamCatalog | undefined, code: string): string {
  return catalog?.certificationExams.find((e) => e.code === code)?.name ?? code.toUpperCase();
}

/** A short exam name for cards: "PTCE", "ExCPT". */
export function examShortName(code: string): string {
  return code === "ptce" ? "PTCE" : code === "excpt" ? "ExCPT" : code.toUpperCase();
}
