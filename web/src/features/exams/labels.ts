import type { ExamCatalog, PipelineStage, PtceDomain } from "./exams.api.ts";

/** The domain's name from the catalog's outlines (the same in every version), or its code while the catalog loads. */
export function domainName(catalog: ExamCatalog | undefined, domain: PtceDomain | string): string {
  for (const outline of catalog?.outlines ?? []) {
    const found = outline.domains.find((d) => d.code === domain);
    if (found) return found.name;
  }
  return domain;
}

export const STAGE_LABELS: Record<PipelineStage, string> = {
  "not-started": "Not started",
  practicing: "Practicing",
  ready: "Ready to schedule",
  scheduled: "Exam scheduled",
  failed: "Retake needed",
  passed: "Certified",
};

/** The stages in the order a technician moves through them (a failed attempt sits before scheduling again). */
export const STAGE_STEPS: readonly { stage: PipelineStage; label: string }[] = [
  { stage: "not-started", label: "Enrolled" },
  { stage: "practicing", label: "Practicing" },
  { stage: "ready", label: "Ready" },
  { stage: "scheduled", label: "Scheduled" },
  { stage: "passed", label: "Passed" },
];

export function stageStepIndex(stage: PipelineStage): number {
  if (stage === "failed") return 2;
  return STAGE_STEPS.findIndex((step) => step.stage === stage);
}

/** 0.634 → "63%"; the ends read "under 1%" and "over 99%" rather than a certain-sounding 0% or 100%. */
export function percentOf(probability: number): string {
  if (probability < 0.005) return "under 1%";
  if (probability > 0.995) return "over 99%";
  return `${Math.round(probability * 100)}%`;
}

/** The likely range in words: "likely between 48% and 77%", "likely no more than 3%", "likely range: under 1%". */
export function likelyRange(low: number, high: number): string {
  const lo = percentOf(low);
  const hi = percentOf(high);
  if (lo === hi) return `likely range: ${lo}`;
  if (low < 0.005) return `likely no more than ${hi}`;
  if (high > 0.995) return `likely at least ${lo}`;
  return `likely between ${lo} and ${hi}`;
}

/** 62.5 → "62.5%", 60 → "60%". */
export function formatPercent(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

/** A countdown as "1:49:05" or "24:59". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** A time left in words for screen readers: "24 minutes 59 seconds". */
export function clockInWords(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours} ${hours === 1 ? "hour" : "hours"}`);
  if (minutes) parts.push(`${minutes} ${minutes === 1 ? "minute" : "minutes"}`);
  if (seconds || parts.length === 0) parts.push(`${seconds} ${seconds === 1 ? "second" : "seconds"}`);
  return parts.join(" ");
}

/** A time spent as "1 min 05 s" or "42 s". */
export function formatSpent(ms: number): string {
  const total = Math.round(ms / 1000);
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes < 60) return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** Option ids as letters the way the item shows them: "a" → "A". */
export function optionLetter(id: string): string {
  return id.toUpperCase();
}

/** The share a candidate at the passing standard answers right on average-difficulty items (the readiness model's assumption). */
export function passingShare(thetaCut: number): number {
  return 1 / (1 + Math.exp(-thetaCut));
}
