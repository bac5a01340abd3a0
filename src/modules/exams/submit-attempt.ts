import type { Selectable } from "kysely";
import type { Tx } from "../../db/database.ts";
import type { ExamAttemptsTable } from "../../db/schema.ts";
import { AppError } from "../../lib/errors.ts";
import type { Actor } from "../auth/policy.ts";
import { elapsedOnItem, isPastDeadline, scoreAttempt, weakSubtopics } from "./exams.rules.ts";
import { recentResponses } from "./load-readiness.ts";
import type { PtceDomain } from "./outline.ts";
import { estimateReadiness } from "./readiness.rules.ts";
import { addSubtopicCards, recordReviewOutcomes } from "./review-cards.ts";
import type { PositionContent } from "./start-attempt.ts";

type AttemptRow = Selectable<ExamAttemptsTable>;

/** The review card a position feeds: its own card in a review session, else the item's or the family's. */
export function cardKeyOf(position: { item_id: string | null; item_key: string; content: unknown }): string {
  const content = position.content as PositionContent;
  if (content.cardKey) return content.cardKey;
  return position.item_id ? `item:${position.item_key}` : position.item_key;
}

/** Time ran out: the attempt is submitted with what was answered. Returns whether it was closed. */
export async function closeIfExpired(tx: Tx, attempt: AttemptRow, now: Date): Promise<boolean> {
  if (attempt.status !== "in_progress" || !isPastDeadline(attempt.deadline_at ? new Date(attempt.deadline_at) : null, now)) return false;
  await finishAttempt(tx, attempt, true, now);
  return true;
}

export async function loadOwnAttempt(tx: Tx, actor: Actor, attemptId: string, lock = true): Promise<AttemptRow> {
  let q = tx.selectFrom("exam_attempts").selectAll().where("id", "=", attemptId).where("org_id", "=", actor.orgId).where("person_id", "=", actor.personId);
  if (lock) q = q.forUpdate();
  const attempt = await q.executeTakeFirst();
  if (!attempt) throw new AppError("NOT_FOUND", "Attempt not found");
  return attempt;
}

export async function submitAttempt(tx: Tx, actor: Actor, attemptId: string, now: Date) {
  const attempt = await loadOwnAttempt(tx, actor, attemptId);
  if (attempt.status === "submitted") throw new AppError("ATTEMPT_CLOSED", "This attempt was already submitted");
  const expired = isPastDeadline(attempt.deadline_at ? new Date(attempt.deadline_at) : null, now);
  await finishAttempt(tx, attempt, expired, now);
}

async function finishAttempt(tx: Tx, attempt: AttemptRow, expired: boolean, now: Date) {
  // Whatever was on screen until now, within the time allowed, counts for that item.
  const end = attempt.deadline_at && expired ? new Date(attempt.deadline_at) : now;
  const gap = elapsedOnItem(new Date(attempt.last_event_at), end);
  if (gap > 0) {
    await tx.updateTable("exam_attempt_items").set((eb) => ({ time_spent_ms: eb("time_spent_ms", "+", gap) })).where("attempt_id", "=", attempt.id).where("position", "=", attempt.current_position).execute();
  }
  await tx.updateTable("exam_attempt_items").set({ correct: false }).where("attempt_id", "=", attempt.id).where("answer", "is", null).execute();
  const positions = await tx.selectFrom("exam_attempt_items").select(["position", "item_id", "item_key", "domain", "subtopic", "scored", "correct", "time_spent_ms", "difficulty_b", "content"]).where("attempt_id", "=", attempt.id).orderBy("position").execute();
  const score = scoreAttempt(positions.map((p) => ({ domain: p.domain as PtceDomain, subtopic: p.subtopic, scored: p.scored, correct: p.correct, timeSpentMs: p.time_spent_ms })));
  const ability = estimateReadiness(positions.filter((p) => p.scored).map((p) => ({ b: p.difficulty_b, correct: p.correct === true })));
  await tx
    .updateTable("exam_attempts")
    .set({
      status: "submitted",
      submitted_at: now,
      expired,
      scored_count: score.scored,
      correct_count: score.correct,
      score_percent: score.percent,
      domain_results: JSON.stringify(score.domains),
      ability: ability.ability,
      ability_se: ability.abilitySe,
      last_event_at: now,
    })
    .where("id", "=", attempt.id)
    .execute();
  if (attempt.feedback === "end") {
    await recordReviewOutcomes(tx, attempt.org_id, attempt.person_id, positions.map((p) => ({ cardKey: cardKeyOf(p), correct: p.correct === true, timeSpentMs: p.time_spent_ms })), now);
  }
  const recent = await recentResponses(tx, attempt.person_id, now);
  await addSubtopicCards(tx, attempt.org_id, attempt.person_id, weakSubtopics(recent), now);
}
