/**
 * Spaced review with FSRS (ts-fsrs): a missed item, a weak generator family or a weak subtopic
 * becomes a card; answering it in a review (or missing it again anywhere) reschedules it.
 * Short-term learning steps are off: the review is a daily session, so the shortest interval is a day.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from "ts-fsrs";
import type { Db, Tx } from "../../db/database.ts";

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

/** Answers slower than this, though right, are rated Hard. */
export const SLOW_ANSWER_MS = 90_000;

export function gradeOf(correct: boolean, timeSpentMs: number): Grade {
  if (!correct) return Rating.Again;
  return timeSpentMs > SLOW_ANSWER_MS ? Rating.Hard : Rating.Good;
}

function revive(stored: unknown): Card {
  const c = stored as Card & { due: string; last_review?: string };
  return { ...c, due: new Date(c.due), last_review: c.last_review ? new Date(c.last_review) : undefined } as Card;
}

export interface ReviewOutcome {
  cardKey: string;
  correct: boolean;
  timeSpentMs: number;
}

/**
 * Reschedules the cards an attempt touched. A wrong answer creates the card when there is none;
 * a right answer only moves an existing card (items the person knows do not become chores).
 */
export async function recordReviewOutcomes(tx: Tx, orgId: string, personId: string, outcomes: readonly ReviewOutcome[], now: Date) {
  if (outcomes.length === 0) return;
  const keys = [...new Set(outcomes.map((o) => o.cardKey))];
  const existing = await tx.selectFrom("exam_review_cards").select(["card_key", "card"]).where("person_id", "=", personId).where("card_key", "in", keys).execute();
  const cards = new Map(existing.map((r) => [r.card_key, revive(r.card)]));
  const changed = new Map<string, Card>();
  for (const o of outcomes) {
    const card = changed.get(o.cardKey) ?? cards.get(o.cardKey);
    if (!card && o.correct) continue;
    const next = scheduler.next(card ?? createEmptyCard(now), now, gradeOf(o.correct, o.timeSpentMs)).card;
    changed.set(o.cardKey, next);
  }
  for (const [cardKey, card] of changed) {
    await tx
      .insertInto("exam_review_cards")
      .values({ org_id: orgId, person_id: personId, card_key: cardKey, card: JSON.stringify(card), due_at: card.due, updated_at: now })
      .onConflict((oc) => oc.columns(["person_id", "card_key"]).doUpdateSet({ card: JSON.stringify(card), due_at: card.due, updated_at: now }))
      .execute();
  }
}

/** Weak subtopics get a card of their own, due now, unless they have one. */
export async function addSubtopicCards(tx: Tx, orgId: string, personId: string, subtopics: readonly string[], now: Date) {
  for (const subtopic of subtopics) {
    const card = createEmptyCard(now);
    await tx
      .insertInto("exam_review_cards")
      .values({ org_id: orgId, person_id: personId, card_key: `subtopic:${subtopic}`, card: JSON.stringify(card), due_at: card.due, updated_at: now })
      .onConflict((oc) => oc.columns(["person_id", "card_key"]).doNothing())
      .execute();
  }
}

export async function dueCards(db: Db | Tx, personId: string, now: Date, limit: number) {
  const rows = await db.selectFrom("exam_review_cards").select(["card_key", "due_at"]).where("person_id", "=", personId).where("due_at", "<=", now).orderBy("due_at").limit(limit).execute();
  return rows.map((r) => ({ cardKey: r.card_key, dueAt: new Date(r.due_at) }));
}

export async function reviewQueueSize(db: Db | Tx, personId: string, now: Date): Promise<{ due: number; total: number; nextDueAt: Date | null }> {
  const row = await db
    .selectFrom("exam_review_cards")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.count<number>("card_key").filterWhere("due_at", "<=", now).as("due"),
      eb.fn.min("due_at").filterWhere("due_at", ">", now).as("next"),
    ])
    .where("person_id", "=", personId)
    .executeTakeFirstOrThrow();
  return { due: Number(row.due), total: Number(row.total), nextDueAt: row.next ? new Date(row.next as Date) : null };
}
