import { sql } from "kysely";
import { LRUCache } from "lru-cache";
import { PREPARED, type Db } from "../../db/database.ts";
import { createBatcher } from "../../lib/batching.ts";
import { AppError } from "../../lib/errors.ts";
import type { Actor } from "../auth/policy.ts";
import { answerPatch, type AnswerFacts, type AnswerInput, type AnswerPatch } from "./answer-item.ts";
import { MAX_ITEM_GAP_MS, isPastDeadline } from "./exams.rules.ts";
import { positionView } from "./item-view.ts";
import type { PositionContent } from "./start-attempt.ts";

export interface AnswerRequest {
  actor: Actor;
  attemptId: string;
  position: number;
  input: AnswerInput;
  now: Date;
  /** The asker wants no copy of the position back (`Prefer: return=minimal`): the answer is checked against the attempt's cached facts, nothing of the position is read. */
  minimal?: boolean;
}

export type PositionReply = ReturnType<typeof positionView>;

/**
 * The position as stored, or `"stored"` when the asker wanted no copy; `null`: the batch cannot
 * take this request (drill, closed or expired attempt, unknown position), answer it one by one.
 */
type Outcome = PositionReply | "stored" | null;

/** Answers written per statement; more waiting than this go in the next batch. */
const MAX_BATCH = 500;
/** Batches written at the same time: enough to keep a database server's cores busy while a batch crosses the network. */
const BATCHES_IN_FLIGHT = 4;

/**
 * Answers from many takers written together: requests that arrive while a write is in flight wait
 * for it and then go in one read and one write, so the database commits once per batch rather than
 * once per answer. Only answers to timed forms (feedback at the end) are batched; a drill's answer
 * is explained at once and updates review cards, so it goes one by one, as do requests the batch
 * cannot decide (a closed or expired attempt: the one-by-one path closes it and says why).
 *
 * The write re-checks, under the attempt's row lock, that the attempt is still open, still the
 * asker's and before its deadline. What an answer is checked against (each position's kind, key and
 * option ids) never changes after the attempt starts: a request that wants no copy back is checked
 * against those facts, read once per attempt and cached, so several app servers stay correct; one
 * that wants the position back reads it in the batch.
 */
export function createAnswerWriter(db: Db) {
  const facts: FactsCache = new LRUCache({ maxSize: MAX_CACHED_POSITIONS, sizeCalculation: (attempt) => Math.max(1, attempt.positions.length) });
  const write = createBatcher<AnswerRequest, Outcome>((requests) => writeBatch(db, facts, requests), { maxBatchSize: MAX_BATCH, concurrency: BATCHES_IN_FLIGHT });
  return { write };
}

/**
 * What checking a minimal answer needs of an attempt, read once per attempt: whose it is, its
 * feedback, and each position's kind, key and option ids (as JSON text, index 0 for position 1).
 * Positions never change after the attempt starts, so a copy stays true on every app server; whether
 * the attempt is still open is checked under its lock by the write itself.
 */
interface AttemptFacts {
  orgId: string;
  personId: string;
  feedback: "end" | "immediate";
  /** As read (JSON text, compact to keep); replaced by the parsed facts the first time a position is answered. */
  positions: (string | AnswerFacts)[];
}
type FactsCache = LRUCache<string, AttemptFacts>;

/** Positions kept in the facts cache (about 60 bytes each as read, a few hundred once answered): a few thousand attempts under way at once. */
const MAX_CACHED_POSITIONS = 400_000;

export type AnswerWriter = ReturnType<typeof createAnswerWriter>;

interface PositionRow {
  attempt_id: string;
  org_id: string;
  person_id: string;
  feedback: "end" | "immediate";
  status: "in_progress" | "submitted";
  deadline_at: Date | null;
  item_count: number;
  position: number;
  content: unknown;
  answer: unknown;
  flagged: boolean;
  correct: boolean | null;
}

/** The content as the minimal read returns it: the option ids without their text. */
interface MinimalContent {
  kind: PositionContent["kind"];
  key: PositionContent["key"];
  options: string[];
}

interface Planned {
  index: number;
  request: AnswerRequest;
  /** The position as read, for a full reply; null for a minimal one. */
  row: PositionRow | null;
  patch: AnswerPatch;
}

async function writeBatch(db: Db, facts: FactsCache, requests: readonly AnswerRequest[]): Promise<(Outcome | Error)[]> {
  const outcomes: (Outcome | Error)[] = requests.map(() => null);
  // One write per attempt per round: a taker's second request in the same batch waits for its first.
  const rounds: number[][] = [];
  const roundOf = new Map<string, number>();
  requests.forEach((request, index) => {
    const round = roundOf.get(request.attemptId) ?? 0;
    roundOf.set(request.attemptId, round + 1);
    (rounds[round] ??= []).push(index);
  });
  for (const indexes of rounds) {
    try {
      await writeRound(db, facts, requests, indexes, outcomes);
    } catch (error) {
      for (const index of indexes) outcomes[index] = error instanceof Error ? error : new Error(String(error));
    }
  }
  return outcomes;
}

/** The facts of attempts not yet cached, read in one statement (every position of each). */
async function loadFacts(db: Db, facts: FactsCache, attemptIds: readonly string[]) {
  const missing = [...new Set(attemptIds)].filter((id) => !facts.has(id));
  if (missing.length === 0) return;
  const { rows } = await sql<{ attempt_id: string; org_id: string; person_id: string; feedback: "end" | "immediate"; position: number; facts: string }>`
    SELECT a.id AS attempt_id, a.org_id, a.person_id, a.feedback, i.position,
           jsonb_build_object('kind', i.content->'kind', 'key', i.content->'key', 'options', jsonb_path_query_array(i.content, '$.options[*].id'))::text AS facts
      FROM unnest(${missing}::uuid[]) AS m(id)
      JOIN exam_attempts a ON a.id = m.id
      JOIN exam_attempt_items i ON i.attempt_id = a.id
     ORDER BY a.id, i.position`.execute(db);
  const loaded = new Map<string, AttemptFacts>();
  for (const row of rows) {
    let attempt = loaded.get(row.attempt_id);
    if (!attempt) loaded.set(row.attempt_id, (attempt = { orgId: row.org_id, personId: row.person_id, feedback: row.feedback, positions: [] }));
    attempt.positions[row.position - 1] = row.facts;
  }
  for (const [id, attempt] of loaded) facts.set(id, attempt);
}

/** The facts answerPatch checks for one position, when the attempt is the asker's and batched (timed, feedback at the end). */
function cachedFacts(facts: FactsCache, request: AnswerRequest): AnswerFacts | undefined {
  const attempt = facts.get(request.attemptId);
  if (!attempt || attempt.orgId !== request.actor.orgId || attempt.personId !== request.actor.personId || attempt.feedback !== "end") return undefined;
  const index = request.position - 1;
  const held = attempt.positions[index];
  if (typeof held !== "string") return held;
  const content = JSON.parse(held) as MinimalContent;
  return (attempt.positions[index] = { kind: content.kind, key: content.key, options: content.options.map((id) => ({ id })) });
}

async function writeRound(db: Db, facts: FactsCache, requests: readonly AnswerRequest[], indexes: number[], outcomes: (Outcome | Error)[]) {
  const minimal = indexes.filter((index) => requests[index].minimal);
  const full = indexes.filter((index) => !requests[index].minimal);
  const planned: Planned[] = [];

  // Minimal replies: the facts of the attempt, cached; an attempt that is not open any more is found by the write, under its lock.
  await loadFacts(db, facts, minimal.map((index) => requests[index].attemptId));
  for (const index of minimal) {
    const request = requests[index];
    const content = cachedFacts(facts, request);
    if (!content) continue;
    try {
      planned.push({ index, request, row: null, patch: answerPatch(content, "end", false, request.input, request.now) });
    } catch (error) {
      // Refused on its own facts; the one-by-one path says why, closed attempts first, as it always does.
      if (!(error instanceof AppError)) throw error;
    }
  }

  // Full replies: the position as stored, with its content, for the reply.
  // Arrays rather than a VALUES list: the statement's text stays the same whatever the batch's size.
  const { rows } = full.length
    ? await sql<PositionRow>`
    SELECT a.id AS attempt_id, a.org_id, a.person_id, a.feedback, a.status, a.deadline_at, a.item_count,
           i.position, i.content, i.answer, i.flagged, i.correct
      FROM unnest(${full.map((index) => requests[index].attemptId)}::uuid[], ${full.map((index) => requests[index].position)}::int[]) AS v(attempt_id, position)
      JOIN exam_attempts a ON a.id = v.attempt_id
      JOIN exam_attempt_items i ON i.attempt_id = v.attempt_id AND i.position = v.position`.execute(db)
    : { rows: [] };
  const found = new Map(rows.map((row) => [`${row.attempt_id}/${row.position}`, row]));
  for (const index of full) {
    const request = requests[index];
    const row = found.get(`${request.attemptId}/${request.position}`);
    const writable =
      row !== undefined &&
      row.org_id === request.actor.orgId &&
      row.person_id === request.actor.personId &&
      row.feedback === "end" &&
      row.status === "in_progress" &&
      !isPastDeadline(row.deadline_at ? new Date(row.deadline_at) : null, request.now);
    if (!writable) continue;
    try {
      planned.push({ index, request, row, patch: answerPatch(row.content as PositionContent, row.feedback, row.answer !== null, request.input, request.now) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes[index] = error;
    }
  }
  if (planned.length === 0) return;

  const column = <T>(value: (plan: Planned) => T) => planned.map(value);
  const setsAnswer = (plan: Planned) => plan.patch.answer !== undefined;
  // Locks each open attempt (in id order, so batches written at the same time never deadlock), gives the time since its last event (capped as `elapsedOnItem` caps it)
  // to the item that was on screen, moves it to the answered position and stores the answer, in one statement.
  const { rows: written } = await sql<{ attempt_id: string; answer: unknown; flagged: boolean; correct: boolean | null }>`${PREPARED("exam-answer-batch")}
    WITH v AS (
      SELECT attempt_id, person_id, position, sets_answer, answer::jsonb AS answer, correct, answered_at, flagged, at
        FROM unnest(${column((p) => p.request.attemptId)}::uuid[], ${column((p) => p.request.actor.personId)}::uuid[], ${column((p) => p.request.position)}::int[],
                    ${column(setsAnswer)}::boolean[], ${column((p) => (setsAnswer(p) ? p.patch.answer : null))}::text[], ${column((p) => (setsAnswer(p) ? p.patch.correct : null))}::boolean[],
                    ${column((p) => (setsAnswer(p) ? p.patch.answered_at : null))}::timestamptz[], ${column((p) => p.patch.flagged ?? null)}::boolean[], ${column((p) => p.request.now)}::timestamptz[])
          AS t(attempt_id, person_id, position, sets_answer, answer, correct, answered_at, flagged, at)
    ),
    open AS (
      SELECT v.*, a.current_position AS left_position,
             least(${MAX_ITEM_GAP_MS}::int, greatest(0, floor(extract(epoch FROM v.at - a.last_event_at) * 1000)))::int AS spent
        FROM v JOIN exam_attempts a ON a.id = v.attempt_id
       WHERE a.person_id = v.person_id AND a.status = 'in_progress' AND a.feedback = 'end'
         AND (a.deadline_at IS NULL OR a.deadline_at > v.at)
       ORDER BY a.id
         FOR UPDATE OF a
    ),
    moved AS (
      UPDATE exam_attempts a SET current_position = open.position, last_event_at = open.at
        FROM open WHERE a.id = open.attempt_id
    ),
    items AS (
      UPDATE exam_attempt_items i SET
        time_spent_ms = i.time_spent_ms + CASE WHEN i.position = open.left_position THEN open.spent ELSE 0 END,
        answer      = CASE WHEN i.position = open.position AND open.sets_answer THEN open.answer ELSE i.answer END,
        correct     = CASE WHEN i.position = open.position AND open.sets_answer THEN open.correct ELSE i.correct END,
        answered_at = CASE WHEN i.position = open.position AND open.sets_answer THEN open.answered_at ELSE i.answered_at END,
        flagged     = CASE WHEN i.position = open.position AND open.flagged IS NOT NULL THEN open.flagged ELSE i.flagged END
        -- Each attempt's two positions by primary key (the one answered, the one whose time ends; the same row once when they are one).
        FROM open CROSS JOIN LATERAL (SELECT DISTINCT p FROM unnest(ARRAY[open.position, open.left_position]) AS p) AS target(position)
       WHERE i.attempt_id = open.attempt_id AND i.position = target.position
       RETURNING i.attempt_id, i.answer, i.flagged, i.correct, i.position = open.position AS answered
    )
    SELECT attempt_id, answer, flagged, correct FROM items WHERE answered`.execute(db);
  const stored = new Map(written.map((row) => [row.attempt_id, row]));
  for (const { index, request, row } of planned) {
    const after = stored.get(request.attemptId);
    // Submitted or expired between the read and the lock: the one-by-one path says which.
    if (!after) continue;
    outcomes[index] = row === null ? "stored" : positionView(row, { ...row, answer: after.answer, flagged: after.flagged, correct: after.correct }, request.now);
  }
}
