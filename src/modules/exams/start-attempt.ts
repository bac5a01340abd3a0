import { randomInt } from "node:crypto";
import type { Tx } from "../../db/database.ts";
import { dateInZone } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { Random } from "../../lib/random.ts";
import type { Actor } from "../auth/policy.ts";
import { allocateByWeight, allocateSubtopics, deadlineOf, FORMS, shuffle, type FormKind } from "./exams.rules.ts";
import { getExamSettings, itemCalibration, lastSeen, loadItems, publishedItemHeaders, type ItemHeader } from "./exams.queries.ts";
import { GENERATOR_FAMILIES } from "./generators/index.ts";
import type { ItemContent } from "./item.types.ts";
import { outlineInForce, PTCE_DOMAINS, type PtceDomain, type PtceOutline } from "./outline.ts";
import { itemDifficulty } from "./readiness.rules.ts";
import { dueCards } from "./review-cards.ts";
import { closeIfExpired } from "./submit-attempt.ts";
import { ensureShippedBank } from "./sync-bank.ts";

export interface StartInput {
  form: FormKind;
  domain?: PtceDomain;
}

/** What a position of an attempt holds: the item as shown, plus the review card it serves. */
export interface PositionContent extends ItemContent {
  cardKey?: string;
}

interface Pick {
  itemId: string | null;
  itemKey: string;
  content: PositionContent | null;
  header?: ItemHeader;
  authorDifficulty: number;
  /** The review card a bank item serves in a review session. */
  cardKey?: string;
}

/** Share of a subtopic's items drawn from calculation generators when the subtopic has both. */
const GENERATED_SHARE = 0.5;

/**
 * Starts a practice attempt for the caller: builds the form on the server from the outline in
 * force (or the organization's pinned one), the published bank and the generators, preferring
 * items the person has not seen. One attempt at a time: an open one must be finished first.
 */
export async function startAttempt(tx: Tx, actor: Actor, input: StartInput, now: Date) {
  await ensureShippedBank(tx, actor.orgId, now);
  const open = await tx.selectFrom("exam_attempts").selectAll().where("person_id", "=", actor.personId).where("status", "=", "in_progress").executeTakeFirst();
  if (open && !(await closeIfExpired(tx, open, now))) {
    throw new AppError("CONFLICT", `You have a ${open.form === "full" ? "practice exam" : open.form === "quick" ? "quick check" : open.form} in progress: resume or submit it first`, [{ field: "attemptId", message: open.id }]);
  }
  if (input.form === "drill" && !input.domain) throw new AppError("VALIDATION_FAILED", "A drill needs a domain", [{ field: "domain", message: "is required for a drill" }]);
  const spec = FORMS[input.form];
  const settings = await getExamSettings(tx, actor.orgId);
  const site = await tx.selectFrom("sites").select("time_zone").where("id", "=", actor.homeSiteId).executeTakeFirstOrThrow();
  const outline = outlineInForce(dateInZone(now, site.time_zone), settings.pinnedOutline);
  const rng = new Random(randomInt(1, 2 ** 31));
  const calibration = await itemCalibration(tx, actor.orgId);

  let picks: Pick[];
  if (input.form === "review") {
    picks = await reviewPicks(tx, actor, spec.items, rng, now);
    if (picks.length === 0) throw new AppError("CONFLICT", "Nothing is due for review today: practice more and missed items will come back here on schedule", [{ field: "form", message: "nothing is due for review" }]);
  } else {
    const headers = await publishedItemHeaders(tx, actor.orgId, input.form === "drill" ? input.domain : undefined);
    const seen = await lastSeen(tx, actor.personId);
    const quotas = input.form === "drill" ? ({ [input.domain!]: spec.items } as Partial<Record<PtceDomain, number>>) : allocateByWeight(outline, spec.items);
    picks = [];
    for (const domain of PTCE_DOMAINS) {
      const count = quotas[domain] ?? 0;
      if (count > 0) picks.push(...pickDomain(outline, domain, count, headers, seen, rng));
    }
    shuffle(picks, rng);
  }

  const items = await loadItems(tx, actor.orgId, picks.filter((p) => p.itemId).map((p) => p.itemId!));
  const rows = picks.map((p, index) => {
    const content: PositionContent = p.content ?? { ...toContent(items.get(p.itemId!)!), ...(p.cardKey ? { cardKey: p.cardKey } : {}) };
    return {
      position: index + 1,
      item_id: p.itemId,
      item_key: p.itemKey,
      domain: content.domain,
      subtopic: content.subtopic,
      scored: true,
      difficulty_b: itemDifficulty(p.authorDifficulty, calibration.get(p.itemKey) ?? null),
      content: JSON.stringify(content),
    };
  });
  const attempt = await tx
    .insertInto("exam_attempts")
    .values({
      org_id: actor.orgId,
      person_id: actor.personId,
      form: input.form,
      domain: input.form === "drill" ? input.domain! : null,
      outline_code: outline.code,
      feedback: spec.feedback,
      status: "in_progress",
      started_at: now,
      deadline_at: deadlineOf(now, spec),
      last_event_at: now,
      item_count: rows.length,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  await tx.insertInto("exam_attempt_items").values(rows.map((r) => ({ ...r, attempt_id: attempt.id }))).execute();
  return attempt.id;
}

function toContent(item: { code: string; kind: "single" | "multi"; stem: string; options: ItemContent["options"]; key: string[]; explanation: string; reference: string; domain: PtceDomain; subtopic: string; difficulty: ItemContent["difficulty"]; source: ItemContent["source"]; family: string | null }): PositionContent {
  return { code: item.code, kind: item.kind, stem: item.stem, options: item.options, key: item.key, explanation: item.explanation, reference: item.reference, domain: item.domain, subtopic: item.subtopic, difficulty: item.difficulty, source: item.source, ...(item.family ? { family: item.family } : {}) };
}

function generated(familyCode: string, rng: Random, cardKey?: string): Pick {
  const family = GENERATOR_FAMILIES.find((f) => f.code === familyCode)!;
  const content: PositionContent = { ...family.generate(rng.int(1, 2 ** 31 - 1)), ...(cardKey ? { cardKey } : {}) };
  return { itemId: null, itemKey: `family:${family.code}`, content, authorDifficulty: content.difficulty };
}

/** Unseen items first, then the ones seen longest ago; random within each group. */
function chooseItems(pool: ItemHeader[], count: number, seen: Map<string, number>, rng: Random): ItemHeader[] {
  const unseen = shuffle(pool.filter((h) => !seen.has(h.code)), rng);
  const seenBefore = pool.filter((h) => seen.has(h.code)).sort((a, b) => seen.get(a.code)! - seen.get(b.code)!);
  return [...unseen, ...seenBefore].slice(0, count);
}

function pickDomain(outline: PtceOutline, domain: PtceDomain, count: number, headers: ItemHeader[], seen: Map<string, number>, rng: Random): Pick[] {
  const inDomain = headers.filter((h) => h.domain === domain);
  const families = GENERATOR_FAMILIES.filter((f) => f.domain === domain);
  const subtopics = outline.domains.find((d) => d.code === domain)!.subtopics.map((s) => s.code).filter((s) => inDomain.some((h) => h.subtopic === s) || families.some((f) => f.subtopic === s));
  if (subtopics.length === 0) return [];
  const picks: Pick[] = [];
  const taken = new Set<string>();
  for (const [subtopic, n] of allocateSubtopics(subtopics, count, rng)) {
    if (n === 0) continue;
    const bank = inDomain.filter((h) => h.subtopic === subtopic);
    const subFamilies = families.filter((f) => f.subtopic === subtopic);
    const fromGenerators = subFamilies.length === 0 ? 0 : bank.length === 0 ? n : Math.round(n * GENERATED_SHARE);
    for (const h of chooseItems(bank, n - fromGenerators, seen, rng)) {
      taken.add(h.code);
      picks.push({ itemId: h.id, itemKey: h.code, content: null, header: h, authorDifficulty: h.difficulty });
    }
    const shortfall = n - fromGenerators - picks.filter((p) => p.header?.subtopic === subtopic).length;
    const generatedCount = fromGenerators + (subFamilies.length ? shortfall : 0);
    for (let i = 0; i < generatedCount; i++) picks.push(generated(subFamilies[i % subFamilies.length].code, rng));
  }
  // A subtopic that ran short is made up from the rest of the domain.
  if (picks.length < count) {
    for (const h of chooseItems(inDomain.filter((x) => !taken.has(x.code)), count - picks.length, seen, rng)) picks.push({ itemId: h.id, itemKey: h.code, content: null, header: h, authorDifficulty: h.difficulty });
  }
  return picks.slice(0, count);
}

/** Today's review: the due cards, oldest first. An item card shows the item again; a family or subtopic card draws a fresh one. */
async function reviewPicks(tx: Tx, actor: Actor, max: number, rng: Random, now: Date): Promise<Pick[]> {
  const cards = await dueCards(tx, actor.personId, now, max);
  if (cards.length === 0) return [];
  const headers = await publishedItemHeaders(tx, actor.orgId);
  const byCode = new Map(headers.map((h) => [h.code, h]));
  const used = new Set<string>();
  const picks: Pick[] = [];
  for (const card of cards) {
    const [kind, code] = splitKey(card.cardKey);
    if (kind === "item") {
      const h = byCode.get(code);
      if (!h || used.has(h.code)) continue;
      used.add(h.code);
      picks.push({ itemId: h.id, itemKey: h.code, content: null, header: h, authorDifficulty: h.difficulty, cardKey: card.cardKey });
    } else if (kind === "family") {
      if (GENERATOR_FAMILIES.some((f) => f.code === code)) picks.push(generated(code, rng, card.cardKey));
    } else if (kind === "subtopic") {
      const candidates = shuffle(headers.filter((h) => h.subtopic === code && !used.has(h.code)), rng);
      const families = GENERATOR_FAMILIES.filter((f) => f.subtopic === code);
      if (families.length && (candidates.length === 0 || rng.chance(0.5))) picks.push(generated(rng.pick(families).code, rng, card.cardKey));
      else if (candidates.length) {
        used.add(candidates[0].code);
        picks.push({ itemId: candidates[0].id, itemKey: candidates[0].code, content: null, header: candidates[0], authorDifficulty: candidates[0].difficulty, cardKey: card.cardKey });
      }
    }
  }
  return picks;
}

export function splitKey(cardKey: string): [string, string] {
  const i = cardKey.indexOf(":");
  return [cardKey.slice(0, i), cardKey.slice(i + 1)];
}
