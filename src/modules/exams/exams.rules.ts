/** Pure rules of the practice exams: forms from the blueprint, scoring, timing, and the certification pipeline. */
import { addDays, addMonths, compareDates, daysBetween, type IsoDate } from "../../lib/dates.ts";
import type { Random } from "../../lib/random.ts";
import type { CertificationExamDef } from "./certification-exams.ts";
import { PTCE_DOMAINS, PTCE_FORM, type PtceDomain, type PtceOutline } from "./outline.ts";

export type FormKind = "full" | "quick" | "drill" | "review";

export interface FormSpec {
  kind: FormKind;
  items: number;
  /** Minutes allowed, or null for untimed practice. */
  minutes: number | null;
  /** "end": answers can change until the attempt is submitted; "immediate": each answer is final and explained at once. */
  feedback: "end" | "immediate";
}

/** Form shapes. The full form mirrors the PTCE's length and time (domain-facts.md); the quick check keeps its pace. */
export const FORMS: Record<FormKind, FormSpec> = {
  full: { kind: "full", items: PTCE_FORM.items, minutes: PTCE_FORM.minutes, feedback: "end" },
  quick: { kind: "quick", items: 20, minutes: Math.ceil((20 * PTCE_FORM.minutes) / PTCE_FORM.items), feedback: "end" },
  drill: { kind: "drill", items: 15, minutes: null, feedback: "immediate" },
  review: { kind: "review", items: 20, minutes: null, feedback: "immediate" },
};

/** Items per domain for a form of `total` items: the outline's weights, largest remainders first. */
export function allocateByWeight(outline: PtceOutline, total: number): Record<PtceDomain, number> {
  const exact = outline.domains.map((d) => ({ code: d.code, value: (d.weight / 100) * total }));
  const result = Object.fromEntries(exact.map((e) => [e.code, Math.floor(e.value)])) as Record<PtceDomain, number>;
  let left = total - Object.values(result).reduce((s, n) => s + n, 0);
  const byRemainder = [...exact].sort((a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) || PTCE_DOMAINS.indexOf(a.code) - PTCE_DOMAINS.indexOf(b.code));
  for (const e of byRemainder) {
    if (left <= 0) break;
    result[e.code] += 1;
    left -= 1;
  }
  return result;
}

/** Items per subtopic within a domain: as even as possible, the extra ones to random subtopics. */
export function allocateSubtopics(subtopics: readonly string[], count: number, rng: Random): Map<string, number> {
  const out = new Map(subtopics.map((s) => [s, Math.floor(count / subtopics.length)]));
  const order = shuffle([...subtopics], rng);
  for (let i = 0; i < count % subtopics.length; i++) out.set(order[i], out.get(order[i])! + 1);
  return out;
}

export function shuffle<T>(items: T[], rng: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** An answer is right when it selects exactly the key's options. */
export function isCorrect(key: readonly string[], answer: readonly string[]): boolean {
  if (key.length !== answer.length) return false;
  const chosen = new Set(answer);
  return chosen.size === answer.length && key.every((k) => chosen.has(k));
}

export interface ScoredPosition {
  domain: PtceDomain;
  subtopic: string;
  scored: boolean;
  correct: boolean | null;
  timeSpentMs: number;
}

export interface DomainResult {
  domain: PtceDomain;
  items: number;
  correct: number;
  percent: number;
}

export interface AttemptScore {
  scored: number;
  correct: number;
  percent: number;
  domains: DomainResult[];
  totalTimeMs: number;
}

/** Unanswered items count as wrong. */
export function scoreAttempt(positions: readonly ScoredPosition[]): AttemptScore {
  const scored = positions.filter((p) => p.scored);
  const correct = scored.filter((p) => p.correct === true).length;
  const domains = PTCE_DOMAINS.map((domain) => {
    const inDomain = scored.filter((p) => p.domain === domain);
    const ok = inDomain.filter((p) => p.correct === true).length;
    return { domain, items: inDomain.length, correct: ok, percent: inDomain.length ? round1((100 * ok) / inDomain.length) : 0 };
  }).filter((d) => d.items > 0);
  return {
    scored: scored.length,
    correct,
    percent: scored.length ? round1((100 * correct) / scored.length) : 0,
    domains,
    totalTimeMs: positions.reduce((s, p) => s + p.timeSpentMs, 0),
  };
}

function round1(x: number) {
  return Math.round(x * 10) / 10;
}

export function deadlineOf(startedAt: Date, spec: FormSpec): Date | null {
  return spec.minutes === null ? null : new Date(startedAt.getTime() + spec.minutes * 60_000);
}

export function isPastDeadline(deadline: Date | null, now: Date): boolean {
  return deadline !== null && now.getTime() >= deadline.getTime();
}

/**
 * Time on an item: the gap since the last event in the attempt goes to the item that was on
 * screen. Gaps longer than this (a closed tab, a phone in a pocket) count only up to the cap.
 */
export const MAX_ITEM_GAP_MS = 5 * 60_000;

export function elapsedOnItem(lastEventAt: Date, now: Date): number {
  return Math.max(0, Math.min(MAX_ITEM_GAP_MS, now.getTime() - lastEventAt.getTime()));
}

// ---------------------------------------------------------------- certification pipeline

export type PipelineStage = "not-started" | "practicing" | "ready" | "scheduled" | "failed" | "passed";

export interface ExamRecordFact {
  exam: string;
  scheduledOn: IsoDate;
  result: "scheduled" | "passed" | "failed" | "cancelled";
  takenOn: IsoDate | null;
}

export interface PipelineFacts {
  hireDate: IsoDate;
  holdsNationalCertification: boolean;
  records: readonly ExamRecordFact[];
  practiceAttempts: number;
  lastPracticeOn: IsoDate | null;
  readiness: number | null;
}

export interface PipelineSettings {
  deadlineMonths: number;
  readinessThreshold: number;
}

export interface PipelineStatus {
  stage: PipelineStage;
  deadline: IsoDate;
  daysLeft: number;
  overdue: boolean;
  atRisk: boolean;
  riskReason: string | null;
  scheduledOn: IsoDate | null;
  lastFailedOn: IsoDate | null;
  retakeAllowedOn: IsoDate | null;
  attemptsUsed: number;
}

/** At risk when the deadline is this close and the person is not yet ready, or practice has stalled. */
export const AT_RISK_DAYS = 60;
export const STALLED_PRACTICE_DAYS = 14;

/** The earliest date of the next attempt after `failures` failed sittings, or null when a petition is needed. */
export function retakeAllowedOn(exam: CertificationExamDef, failures: number, lastTakenOn: IsoDate): IsoDate | null {
  if (failures <= 0) return lastTakenOn;
  const wait = exam.retakeWaitDays[failures - 1];
  if (wait === undefined) return null;
  return addDays(lastTakenOn, wait);
}

export function certificationDeadline(hireDate: IsoDate, deadlineMonths: number): IsoDate {
  return addMonths(hireDate, deadlineMonths);
}

export function pipelineStatus(facts: PipelineFacts, settings: PipelineSettings, exams: readonly CertificationExamDef[], today: IsoDate): PipelineStatus {
  const deadline = certificationDeadline(facts.hireDate, settings.deadlineMonths);
  const daysLeft = daysBetween(today, deadline);
  const taken = facts.records.filter((r) => r.result === "passed" || r.result === "failed").sort((a, b) => compareDates(a.takenOn!, b.takenOn!));
  const failed = taken.filter((r) => r.result === "failed");
  const lastFailed = failed.at(-1) ?? null;
  const scheduled = facts.records.filter((r) => r.result === "scheduled").sort((a, b) => compareDates(a.scheduledOn, b.scheduledOn)).at(-1) ?? null;
  const passed = facts.holdsNationalCertification || taken.some((r) => r.result === "passed");
  let retake: IsoDate | null = null;
  if (lastFailed) {
    const exam = exams.find((e) => e.code === lastFailed.exam);
    const failuresOfThatExam = failed.filter((r) => r.exam === lastFailed.exam).length;
    retake = exam ? retakeAllowedOn(exam, failuresOfThatExam, lastFailed.takenOn!) : null;
  }
  let stage: PipelineStage;
  if (passed) stage = "passed";
  else if (scheduled && (!lastFailed || compareDates(scheduled.scheduledOn, lastFailed.takenOn!) >= 0)) stage = "scheduled";
  else if (lastFailed) stage = "failed";
  else if (facts.readiness !== null && facts.readiness >= settings.readinessThreshold) stage = "ready";
  else if (facts.practiceAttempts > 0) stage = "practicing";
  else stage = "not-started";

  const overdue = stage !== "passed" && daysLeft < 0;
  let riskReason: string | null = null;
  if (stage !== "passed" && !overdue) {
    if (daysLeft <= AT_RISK_DAYS && stage !== "scheduled" && stage !== "ready") riskReason = `${daysLeft} days to the deadline and not yet ready`;
    else if (stage === "scheduled" && scheduled && compareDates(scheduled.scheduledOn, deadline) > 0) riskReason = "the exam is scheduled after the deadline";
    else if (daysLeft <= 2 * AT_RISK_DAYS && (facts.lastPracticeOn === null || daysBetween(facts.lastPracticeOn, today) > STALLED_PRACTICE_DAYS) && stage !== "scheduled")
      riskReason = facts.lastPracticeOn === null ? "no practice yet" : `no practice for ${daysBetween(facts.lastPracticeOn, today)} days`;
  }
  return {
    stage,
    deadline,
    daysLeft,
    overdue,
    atRisk: riskReason !== null,
    riskReason,
    scheduledOn: stage === "scheduled" ? scheduled!.scheduledOn : null,
    lastFailedOn: lastFailed?.takenOn ?? null,
    retakeAllowedOn: stage === "failed" ? retake : null,
    attemptsUsed: taken.length,
  };
}

// ---------------------------------------------------------------- weak areas

/** A subtopic is weak when the person has answered at least this many of its items and got fewer than this share right. */
export const WEAK_SUBTOPIC = { minResponses: 4, belowShare: 0.6 } as const;

export function weakSubtopics(responses: readonly { subtopic: string; correct: boolean }[]): string[] {
  const by = new Map<string, { n: number; ok: number }>();
  for (const r of responses) {
    const s = by.get(r.subtopic) ?? { n: 0, ok: 0 };
    s.n += 1;
    s.ok += r.correct ? 1 : 0;
    by.set(r.subtopic, s);
  }
  return [...by].filter(([, s]) => s.n >= WEAK_SUBTOPIC.minResponses && s.ok / s.n < WEAK_SUBTOPIC.belowShare).map(([code]) => code).sort();
}
