import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { PTCE_DOMAINS, type PtceDomain } from "./outline.ts";
import { estimateReadiness, type Readiness } from "./readiness.rules.ts";

/** Responses that count toward readiness: final answers from the last 180 days, the newest 400. Review sessions repeat missed items, so they do not count. */
export const READINESS_WINDOW = { days: 180, maxResponses: 400 } as const;

export interface RecentResponse {
  domain: PtceDomain;
  subtopic: string;
  b: number;
  correct: boolean;
}

/**
 * The answers that count toward readiness, newest first, for the people `personIds`: one
 * definition for a person's own readiness and for the pipeline board.
 */
export function finalResponses(db: Db | Tx, personIds: readonly string[], now: Date) {
  const since = new Date(now.getTime() - READINESS_WINDOW.days * 86_400_000);
  return db
    .selectFrom("exam_attempt_items as i")
    .innerJoin("exam_attempts as a", "a.id", "i.attempt_id")
    .select(["a.person_id", "i.domain", "i.subtopic", "i.difficulty_b", "i.correct"])
    .where("a.person_id", "in", [...personIds])
    .where("a.form", "<>", "review")
    .where("a.started_at", ">=", since)
    .where("i.correct", "is not", null)
    .where((eb) => eb.or([eb("a.status", "=", "submitted"), eb("a.feedback", "=", "immediate")]))
    .orderBy(sql`coalesce(i.answered_at, a.submitted_at)`, "desc");
}

export async function recentResponses(db: Db | Tx, personId: string, now: Date): Promise<RecentResponse[]> {
  const rows = await finalResponses(db, [personId], now).limit(READINESS_WINDOW.maxResponses).execute();
  return rows.map((r) => ({ domain: r.domain as PtceDomain, subtopic: r.subtopic, b: r.difficulty_b, correct: r.correct === true }));
}

export interface PersonReadiness extends Readiness {
  domains: { domain: PtceDomain; responses: number; percent: number }[];
}

export async function loadReadiness(db: Db | Tx, personId: string, now: Date): Promise<PersonReadiness> {
  const responses = await recentResponses(db, personId, now);
  const readiness = estimateReadiness(responses);
  const domains = PTCE_DOMAINS.map((domain) => {
    const mine = responses.filter((r) => r.domain === domain);
    return { domain, responses: mine.length, percent: mine.length ? Math.round((1000 * mine.filter((r) => r.correct).length) / mine.length) / 10 : 0 };
  });
  return { ...readiness, domains };
}
