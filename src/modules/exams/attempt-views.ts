import type { Db, Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { authorize } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { getPerson } from "../roster/index.ts";
import { visitPosition } from "./answer-item.ts";
import type { DomainResult } from "./exams.rules.ts";
import { loadReadiness } from "./load-readiness.ts";
import { PTCE_OUTLINES } from "./outline.ts";
import { reviewQueueSize } from "./review-cards.ts";
import { positionView, publicItem, revealedItem } from "./item-view.ts";
import type { PositionContent } from "./start-attempt.ts";
import { closeIfExpired, loadOwnAttempt } from "./submit-attempt.ts";

const FORM_NAMES = { full: "Full practice exam", quick: "Quick check", drill: "Domain drill", review: "Daily review" } as const;

function attemptHeader(a: { id: string; form: keyof typeof FORM_NAMES; domain: string | null; outline_code: string; feedback: string; status: string; started_at: Date; deadline_at: Date | null; submitted_at: Date | null; expired: boolean; item_count: number; current_position: number; scored_count: number | null; correct_count: number | null; score_percent: number | null; domain_results: unknown }, now: Date) {
  return {
    id: a.id,
    form: a.form,
    formName: FORM_NAMES[a.form],
    domain: a.domain,
    outline: PTCE_OUTLINES.find((o) => o.code === a.outline_code)?.name ?? a.outline_code,
    feedback: a.feedback as "end" | "immediate",
    status: a.status as "in_progress" | "submitted",
    startedAt: new Date(a.started_at).toISOString(),
    deadlineAt: a.deadline_at ? new Date(a.deadline_at).toISOString() : null,
    remainingMs: a.deadline_at && a.status === "in_progress" ? Math.max(0, new Date(a.deadline_at).getTime() - now.getTime()) : null,
    serverNow: now.toISOString(),
    submittedAt: a.submitted_at ? new Date(a.submitted_at).toISOString() : null,
    expired: a.expired,
    itemCount: a.item_count,
    currentPosition: a.current_position,
    result:
      a.status === "submitted"
        ? { scored: a.scored_count ?? 0, correct: a.correct_count ?? 0, percent: a.score_percent ?? 0, domains: (a.domain_results ?? []) as DomainResult[] }
        : null,
  };
}

/** The attempt with its navigator: which positions are answered and marked. Times out the attempt when its time is up. */
export async function getAttempt(tx: Tx, actor: Actor, attemptId: string, now: Date) {
  let attempt = await loadOwnAttempt(tx, actor, attemptId);
  if (await closeIfExpired(tx, attempt, now)) attempt = await loadOwnAttempt(tx, actor, attemptId, false);
  const positions = await tx.selectFrom("exam_attempt_items").select(["position", "domain", "answer", "flagged", "correct", "time_spent_ms"]).where("attempt_id", "=", attempt.id).orderBy("position").execute();
  const revealed = attempt.status === "submitted";
  return {
    ...attemptHeader(attempt, now),
    positions: positions.map((p) => ({
      position: p.position,
      domain: p.domain,
      answered: p.answer !== null,
      flagged: p.flagged,
      correct: revealed || attempt.feedback === "immediate" ? (p.answer !== null || revealed ? p.correct : null) : null,
      timeSpentMs: revealed ? p.time_spent_ms : null,
    })),
  };
}

/**
 * One position for the player. The key and explanation are sent only once they may be seen:
 * after the attempt is submitted, or in a drill or review once this item is answered.
 */
export async function getAttemptItem(tx: Tx, actor: Actor, attemptId: string, position: number, now: Date) {
  const { attempt } = await visitPosition(tx, actor, attemptId, position, now);
  const row = await tx.selectFrom("exam_attempt_items").selectAll().where("attempt_id", "=", attempt.id).where("position", "=", position).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", `Position ${position} is not in this attempt`);
  return positionView(attempt, row, now);
}

/** Every item with the person's answer, the key, the explanation and the time spent: only after submission. */
export async function attemptReview(db: Db | Tx, actor: Actor, attemptId: string) {
  const attempt = await db.selectFrom("exam_attempts").selectAll().where("id", "=", attemptId).where("org_id", "=", actor.orgId).executeTakeFirst();
  if (!attempt) throw new AppError("NOT_FOUND", "Attempt not found");
  if (attempt.person_id !== actor.personId) {
    const person = await getPerson(db, actor.orgId, attempt.person_id);
    authorize(actor, "person.read", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  }
  if (attempt.status !== "submitted") throw new AppError("CONFLICT", "Answers and explanations are shown once the attempt is submitted");
  const rows = await db.selectFrom("exam_attempt_items").selectAll().where("attempt_id", "=", attempt.id).orderBy("position").execute();
  return {
    ...attemptHeader(attempt, new Date(attempt.submitted_at!)),
    personId: attempt.person_id,
    /** Only the person who took the attempt reports its items. */
    canReport: attempt.person_id === actor.personId,
    items: rows.map((r) => {
      const content = r.content as PositionContent;
      return { position: r.position, ...publicItem(content), ...revealedItem(content), answer: (r.answer as string[] | null) ?? [], correct: r.correct === true, flagged: r.flagged, timeSpentMs: r.time_spent_ms };
    }),
  };
}

export async function listAttempts(db: Db | Tx, actor: Actor, personId: string, now: Date, limit = 50) {
  if (personId !== actor.personId) {
    const person = await getPerson(db, actor.orgId, personId);
    authorize(actor, "person.read", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  }
  const rows = await db.selectFrom("exam_attempts").selectAll().where("org_id", "=", actor.orgId).where("person_id", "=", personId).orderBy("started_at", "desc").limit(limit).execute();
  return rows.map((r) => {
    const h = attemptHeader(r, now);
    return { id: h.id, form: h.form, formName: h.formName, domain: h.domain, status: h.status, startedAt: h.startedAt, submittedAt: h.submittedAt, expired: h.expired, itemCount: h.itemCount, result: h.result };
  });
}

/** The technician's exam home: readiness, weak domains, the open attempt, today's review, recent results. */
export async function examHome(tx: Tx, actor: Actor, personId: string, now: Date) {
  if (personId !== actor.personId) {
    const person = await getPerson(tx, actor.orgId, personId);
    authorize(actor, "person.read", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  }
  const open = await tx.selectFrom("exam_attempts").selectAll().where("person_id", "=", personId).where("org_id", "=", actor.orgId).where("status", "=", "in_progress").executeTakeFirst();
  const stillOpen = open && !(await closeIfExpired(tx, open, now)) ? open : null;
  const [readiness, review, recent] = [await loadReadiness(tx, personId, now), await reviewQueueSize(tx, personId, now), await listAttempts(tx, actor, personId, now, 10)];
  return {
    readiness,
    review: { due: review.due, total: review.total, nextDueAt: review.nextDueAt?.toISOString() ?? null },
    openAttempt: stillOpen ? { id: stillOpen.id, form: stillOpen.form, formName: FORM_NAMES[stillOpen.form], deadlineAt: stillOpen.deadline_at ? new Date(stillOpen.deadline_at).toISOString() : null } : null,
    recent,
  };
}
