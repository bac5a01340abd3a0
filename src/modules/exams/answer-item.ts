import type { Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import type { Actor } from "../auth/policy.ts";
import { elapsedOnItem, isCorrect } from "./exams.rules.ts";
import { recordReviewOutcomes } from "./review-cards.ts";
import { positionView } from "./item-view.ts";
import type { PositionContent } from "./start-attempt.ts";
import { cardKeyOf, closeIfExpired, loadOwnAttempt } from "./submit-attempt.ts";

export interface AnswerInput {
  /** Chosen option ids; an empty list clears the answer (only while answers may still change). */
  answer?: string[];
  /** Marked for review in the navigator. */
  flagged?: boolean;
}

/**
 * Moves the attempt to a position (the time since the last event goes to the item that was on
 * screen) and, when given, stores the answer or the review mark. Everything is checked against
 * the server's clock: after the deadline the attempt is submitted and nothing more is accepted.
 */
export async function visitPosition(tx: Tx, actor: Actor, attemptId: string, position: number, now: Date) {
  const attempt = await loadOwnAttempt(tx, actor, attemptId);
  if (await closeIfExpired(tx, attempt, now)) return { attempt: { ...attempt, status: "submitted" as const }, closed: true };
  if (position < 1 || position > attempt.item_count) throw new AppError("NOT_FOUND", `Position ${position} is not in this attempt`);
  if (attempt.status === "in_progress") {
    const spent = elapsedOnItem(new Date(attempt.last_event_at), now);
    if (spent > 0) await tx.updateTable("exam_attempt_items").set((eb) => ({ time_spent_ms: eb("time_spent_ms", "+", spent) })).where("attempt_id", "=", attempt.id).where("position", "=", attempt.current_position).execute();
    await tx.updateTable("exam_attempts").set({ current_position: position, last_event_at: now }).where("id", "=", attempt.id).execute();
  }
  return { attempt, closed: false };
}

export interface AnswerPatch {
  answer?: string | null;
  correct?: boolean | null;
  answered_at?: Date | null;
  flagged?: boolean;
}

/**
 * What an answer or review mark changes on a position, checked against the item as it was shown.
 * Pure: both the one-by-one path below and the batched writer (`answer-writer.ts`) use it.
 */
/** What checking an answer needs of an item: its kind, its key and its options' ids. */
export type AnswerFacts = Pick<PositionContent, "kind" | "key"> & { options: readonly { id: string }[] };

export function answerPatch(content: AnswerFacts, feedback: "end" | "immediate", alreadyAnswered: boolean, input: AnswerInput, now: Date): AnswerPatch {
  const patch: AnswerPatch = {};
  if (input.flagged !== undefined) patch.flagged = input.flagged;
  if (input.answer === undefined) return patch;
  if (feedback === "immediate" && alreadyAnswered) throw new AppError("CONFLICT", "This item is already answered and explained");
  const ids = new Set(content.options.map((o) => o.id));
  const unknown = input.answer.filter((a) => !ids.has(a));
  if (unknown.length) throw new AppError("VALIDATION_FAILED", `Not an option of this item: ${unknown.join(", ")}`, [{ field: "answer", message: "names an option the item does not have" }]);
  if (new Set(input.answer).size !== input.answer.length) throw new AppError("VALIDATION_FAILED", "An option is chosen twice", [{ field: "answer", message: "has a repeated option" }]);
  if (input.answer.length === 0) {
    if (feedback === "immediate") throw new AppError("VALIDATION_FAILED", "Choose an answer", [{ field: "answer", message: "is empty" }]);
    return Object.assign(patch, { answer: null, correct: null, answered_at: null });
  }
  if (content.kind === "single" && input.answer.length !== 1) throw new AppError("VALIDATION_FAILED", "Choose exactly one option", [{ field: "answer", message: "must have exactly one option for this item" }]);
  return Object.assign(patch, { answer: JSON.stringify(input.answer), correct: isCorrect(content.key, input.answer), answered_at: now });
}

export async function answerItem(tx: Tx, actor: Actor, attemptId: string, position: number, input: AnswerInput, now: Date) {
  const { attempt, closed } = await visitPosition(tx, actor, attemptId, position, now);
  if (closed) throw new AppError("ATTEMPT_CLOSED", "Time is up: the attempt was submitted with the answers you had given");
  if (attempt.status !== "in_progress") throw new AppError("ATTEMPT_CLOSED", "This attempt was already submitted");
  const row = await tx.selectFrom("exam_attempt_items").selectAll().where("attempt_id", "=", attempt.id).where("position", "=", position).executeTakeFirstOrThrow();
  const patch = answerPatch(row.content as PositionContent, attempt.feedback, row.answer !== null, input, now);
  if (Object.keys(patch).length) await tx.updateTable("exam_attempt_items").set(patch).where("attempt_id", "=", attempt.id).where("position", "=", position).execute();
  if (attempt.feedback === "immediate" && patch.correct !== undefined && patch.correct !== null) {
    await recordReviewOutcomes(tx, attempt.org_id, attempt.person_id, [{ cardKey: cardKeyOf(row), correct: patch.correct, timeSpentMs: row.time_spent_ms }], now);
  }
  // The reply is built from what was just read and written: no second round of queries.
  const stored = {
    ...row,
    ...(patch.flagged !== undefined ? { flagged: patch.flagged } : {}),
    ...(patch.answer !== undefined ? { answer: patch.answer === null ? null : JSON.parse(patch.answer), correct: patch.correct ?? null } : {}),
  };
  return positionView(attempt, stored, now);
}
