import type { PositionContent } from "./start-attempt.ts";

export function publicItem(content: PositionContent) {
  return { kind: content.kind, stem: content.stem, options: content.options, domain: content.domain, subtopic: content.subtopic };
}

export function revealedItem(content: PositionContent) {
  return { key: content.key, explanation: content.explanation, reference: content.reference };
}

/** A position as the player sees it: without key or explanation until they may be seen. */
export function positionView(
  attempt: { item_count: number; status: "in_progress" | "submitted"; feedback: "end" | "immediate"; deadline_at: Date | null },
  row: { position: number; content: unknown; answer: unknown; flagged: boolean; correct: boolean | null },
  now: Date,
) {
  const content = row.content as PositionContent;
  const reveal = attempt.status === "submitted" || (attempt.feedback === "immediate" && row.answer !== null);
  return {
    position: row.position,
    itemCount: attempt.item_count,
    status: attempt.status,
    remainingMs: attempt.deadline_at && attempt.status === "in_progress" ? Math.max(0, new Date(attempt.deadline_at).getTime() - now.getTime()) : null,
    serverNow: now.toISOString(),
    ...publicItem(content),
    answer: (row.answer as string[] | null) ?? [],
    flagged: row.flagged,
    correct: reveal ? row.correct : null,
    feedback: reveal ? revealedItem(content) : null,
  };
}
