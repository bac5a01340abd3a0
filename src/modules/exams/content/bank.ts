/**
 * The shipped practice bank: every hand-written item plus a deterministic selection of table
 * items, sized so that each domain's share stays within `SHARE_TOLERANCE_POINTS` of the weight in
 * every PTCE outline (2020 and 2026), and as large as the available items allow.
 *
 * The selection is computed from the actual counts, so it adapts as hand-written items are added:
 * it looks for the largest bank whose shares sit in the middle half of every window (falling back
 * to the whole window when that would leave fewer than 1,000 items), then fills each domain with
 * table items taken round-robin across the table's question families (each family in a stable,
 * hash-shuffled order) so that no one family crowds out the rest.
 */
import type { ItemContent, ItemSource } from "../item.types.ts";
import { PTCE_DOMAINS, PTCE_OUTLINES, type PtceDomain, type PtceOutline } from "../outline.ts";
import { normalizeStem } from "./checks.ts";
import { HAND_WRITTEN_ITEMS } from "./hand/index.ts";
import { buildTableItems, hashCode } from "./table-items.ts";

export const SHARE_TOLERANCE_POINTS = 3.5;

export interface ShareWindow {
  domain: PtceDomain;
  /** Smallest and largest share (percent) that is within the tolerance of every outline. */
  min: number;
  max: number;
  /** The middle of the window: what the selection aims for. */
  target: number;
}

/** The share of each domain that is within `tolerance` points of every outline's weight. */
export function shareWindows(outlines: readonly PtceOutline[] = PTCE_OUTLINES, tolerance = SHARE_TOLERANCE_POINTS): ShareWindow[] {
  return PTCE_DOMAINS.map((domain) => {
    const weights = outlines.map((o) => o.domains.find((d) => d.code === domain)?.weight ?? 0);
    const min = Math.max(...weights) - tolerance;
    const max = Math.min(...weights) + tolerance;
    return { domain, min, max, target: (min + max) / 2 };
  });
}

export interface BankSelection {
  items: ItemContent[];
  /** Items per domain in the selection. */
  counts: Record<PtceDomain, number>;
  /** Whether every domain's share is inside its window. */
  withinWindows: boolean;
  /** Table items left out because a hand-written item already has their code or stem. */
  droppedAsDuplicates: string[];
}

const EPSILON = 1e-9;

/** Below this size the selection gives up the centered windows for the full ones. */
export const PREFERRED_MIN_ITEMS = 1000;

/** The middle half of each window. */
function innerWindows(windows: readonly ShareWindow[]): ShareWindow[] {
  return windows.map((w) => {
    const quarter = (w.max - w.min) / 4;
    return { ...w, min: w.min + quarter, max: w.max - quarter };
  });
}

function sum(counts: Record<PtceDomain, number>): number {
  return PTCE_DOMAINS.reduce((n, d) => n + counts[d], 0);
}

function emptyCounts(): Record<PtceDomain, number> {
  return { medications: 0, federal: 0, safety: 0, order_entry: 0 };
}

/** Table items of one domain in selection order: round-robin over families, each family hash-ordered. */
function selectionOrder(items: readonly ItemContent[]): ItemContent[] {
  const byFamily = new Map<string, ItemContent[]>();
  for (const item of items) {
    const family = item.family ?? "";
    const list = byFamily.get(family) ?? [];
    list.push(item);
    byFamily.set(family, list);
  }
  const families = [...byFamily.keys()].sort();
  for (const family of families) byFamily.get(family)!.sort((a, b) => hashCode(a.code) - hashCode(b.code) || (a.code < b.code ? -1 : 1));
  const out: ItemContent[] = [];
  for (let round = 0; out.length < items.length; round++) {
    for (const family of families) {
      const item = byFamily.get(family)![round];
      if (item) out.push(item);
    }
  }
  return out;
}

/** Per-domain counts for a bank of `total` items, or undefined when no count inside the windows fits the available items. */
function countsFor(total: number, hand: Record<PtceDomain, number>, available: Record<PtceDomain, number>, windows: readonly ShareWindow[]): Record<PtceDomain, number> | undefined {
  const low = emptyCounts();
  const high = emptyCounts();
  for (const w of windows) {
    low[w.domain] = Math.max(hand[w.domain], Math.ceil((w.min * total) / 100 - EPSILON));
    high[w.domain] = Math.min(hand[w.domain] + available[w.domain], Math.floor((w.max * total) / 100 + EPSILON));
    if (low[w.domain] > high[w.domain]) return undefined;
  }
  const sumLow = PTCE_DOMAINS.reduce((n, d) => n + low[d], 0);
  const sumHigh = PTCE_DOMAINS.reduce((n, d) => n + high[d], 0);
  if (total < sumLow || total > sumHigh) return undefined;
  const counts = emptyCounts();
  for (const w of windows) counts[w.domain] = Math.min(high[w.domain], Math.max(low[w.domain], Math.round((w.target * total) / 100)));
  // Nudge toward the exact total, one item at a time, where the target is furthest away.
  for (let sum = PTCE_DOMAINS.reduce((n, d) => n + counts[d], 0); sum !== total; sum = PTCE_DOMAINS.reduce((n, d) => n + counts[d], 0)) {
    const grow = sum < total;
    const candidates = windows.filter((w) => (grow ? counts[w.domain] < high[w.domain] : counts[w.domain] > low[w.domain]));
    const gap = (w: ShareWindow) => (w.target * total) / 100 - counts[w.domain];
    candidates.sort((a, b) => (grow ? gap(b) - gap(a) : gap(a) - gap(b)) || PTCE_DOMAINS.indexOf(a.domain) - PTCE_DOMAINS.indexOf(b.domain));
    counts[candidates[0].domain] += grow ? 1 : -1;
  }
  return counts;
}

/** How far outside its window the worst domain is, in points (0 when all are inside). */
function windowViolation(counts: Record<PtceDomain, number>, windows: readonly ShareWindow[]): number {
  const total = PTCE_DOMAINS.reduce((n, d) => n + counts[d], 0);
  if (total === 0) return Infinity;
  return Math.max(...windows.map((w) => {
    const share = (counts[w.domain] * 100) / total;
    return Math.max(0, w.min - share, share - w.max);
  }));
}

/**
 * Every hand-written item plus as many table items as keep each domain's share inside its window.
 * When no size fits (hand-written items alone are too lopsided), the size that comes closest is used.
 */
export function selectBank(hand: readonly ItemContent[], table: readonly ItemContent[], outlines: readonly PtceOutline[] = PTCE_OUTLINES): BankSelection {
  const windows = shareWindows(outlines);
  const handCodes = new Set(hand.map((i) => i.code));
  const handStems = new Set(hand.map((i) => normalizeStem(i.stem)));
  const droppedAsDuplicates: string[] = [];
  const byDomain = new Map<PtceDomain, ItemContent[]>(PTCE_DOMAINS.map((d) => [d, []]));
  for (const item of table) {
    if (handCodes.has(item.code) || handStems.has(normalizeStem(item.stem))) {
      droppedAsDuplicates.push(item.code);
      continue;
    }
    byDomain.get(item.domain)?.push(item);
  }
  const ordered = new Map(PTCE_DOMAINS.map((d) => [d, selectionOrder(byDomain.get(d)!)]));
  const handCounts = emptyCounts();
  for (const item of hand) if (item.domain in handCounts) handCounts[item.domain]++;
  const available = emptyCounts();
  for (const d of PTCE_DOMAINS) available[d] = ordered.get(d)!.length;

  const largest = PTCE_DOMAINS.reduce((n, d) => n + handCounts[d] + available[d], 0);
  const largestFitting = (within: readonly ShareWindow[]) => {
    for (let total = largest; total > 0; total--) {
      const counts = countsFor(total, handCounts, available, within);
      if (counts) return counts;
    }
    return undefined;
  };
  // Prefer the middle half of each window (shares well clear of the edges) while that still
  // yields a full-size bank; otherwise use the whole window.
  const centered = largestFitting(innerWindows(windows));
  let chosen = centered && sum(centered) >= PREFERRED_MIN_ITEMS ? centered : largestFitting(windows);
  if (!chosen) {
    // No size fits: take the one whose worst domain is closest to its window (largest on ties).
    let best = { ...handCounts };
    let bestViolation = windowViolation(best, windows);
    const handTotal = PTCE_DOMAINS.reduce((n, d) => n + handCounts[d], 0);
    for (let total = largest; total >= Math.max(1, handTotal); total--) {
      const counts = emptyCounts();
      for (const w of windows) counts[w.domain] = Math.min(handCounts[w.domain] + available[w.domain], Math.max(handCounts[w.domain], Math.round((w.target * total) / 100)));
      const violation = windowViolation(counts, windows);
      if (violation < bestViolation - EPSILON) {
        best = counts;
        bestViolation = violation;
      }
    }
    chosen = best;
  }

  const items: ItemContent[] = [...hand];
  for (const d of PTCE_DOMAINS) items.push(...ordered.get(d)!.slice(0, chosen[d] - handCounts[d]));
  const counts = emptyCounts();
  for (const item of items) if (item.domain in counts) counts[item.domain]++;
  return { items, counts, withinWindows: windowViolation(counts, windows) === 0, droppedAsDuplicates };
}

const SELECTION = selectBank(HAND_WRITTEN_ITEMS, buildTableItems());

/** The published bank: hand-written items first, then the selected table items by domain. */
export const SHIPPED_ITEMS: readonly ItemContent[] = SELECTION.items;

export interface BankSummary {
  total: number;
  byDomain: Record<PtceDomain, number>;
  /** Percent of the bank per domain, rounded to two decimals. */
  domainShares: Record<PtceDomain, number>;
  bySubtopic: Record<string, number>;
  bySource: Record<ItemSource, number>;
  byFamily: Record<string, number>;
  withinWindows: boolean;
}

/** Counts per domain, subtopic, source and family (of the shipped bank unless items are given). */
export function bankSummary(items: readonly ItemContent[] = SHIPPED_ITEMS): BankSummary {
  const byDomain = emptyCounts();
  const bySubtopic: Record<string, number> = {};
  const bySource: Record<ItemSource, number> = { hand: 0, table: 0, generator: 0, custom: 0 };
  const byFamily: Record<string, number> = {};
  for (const item of items) {
    if (item.domain in byDomain) byDomain[item.domain]++;
    bySubtopic[item.subtopic] = (bySubtopic[item.subtopic] ?? 0) + 1;
    bySource[item.source] = (bySource[item.source] ?? 0) + 1;
    const family = item.family ?? `(${item.source})`;
    byFamily[family] = (byFamily[family] ?? 0) + 1;
  }
  const total = items.length;
  const domainShares = emptyCounts();
  for (const d of PTCE_DOMAINS) domainShares[d] = total === 0 ? 0 : Math.round((byDomain[d] * 10000) / total) / 100;
  return { total, byDomain, domainShares, bySubtopic, bySource, byFamily, withinWindows: windowViolation(byDomain, shareWindows()) === 0 };
}
