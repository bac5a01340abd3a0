import { addMonths, compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import type { FieldError } from "../../lib/errors.ts";
import type { EvaluationItem } from "./default-template.ts";

/** The first day of the month `now` falls in at a site's time zone: the month an evaluation is due for. */
export function evaluationMonth(now: Date, timeZone: string): IsoDate {
  return `${dateInZone(now, timeZone).slice(0, 7)}-01`;
}

/** Normalizes "2026-03" or any day of a month to that month's first day; undefined when not a month. */
export function parseMonth(text: string): IsoDate | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])(?:-(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  if (match[3] !== undefined && (Number(match[3]) < 1 || Number(match[3]) > 31)) return undefined;
  return `${match[1]}-${match[2]}-01`;
}

/** Checks that every item of the template is rated 1–4 and nothing else is; errors name `ratings.<code>`. */
export function validateRatings(items: readonly EvaluationItem[], ratings: Record<string, number>): FieldError[] {
  const errors: FieldError[] = [];
  for (const item of items) {
    const value = ratings[item.code];
    if (value === undefined) errors.push({ field: `ratings.${item.code}`, message: `rate ${item.label} from 1 to 4` });
    else if (!Number.isInteger(value) || value < 1 || value > 4) errors.push({ field: `ratings.${item.code}`, message: "must be a whole number from 1 to 4" });
  }
  for (const code of Object.keys(ratings)) {
    if (!items.some((i) => i.code === code)) errors.push({ field: `ratings.${code}`, message: "is not an item of this evaluation form" });
  }
  return errors;
}

/** The mean rating, to two decimals (what the ladder's evaluation requirement averages). */
export function averageRating(ratings: Record<string, number>): number {
  const values = Object.values(ratings);
  return Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;
}

export interface DueCandidate {
  personId: string;
  hireDate: IsoDate;
  timeZone: string;
}

/**
 * Who is due an evaluation for their site's current month: hired on or before today there and
 * without an evaluation for that month. `evaluated` holds "personId|month" keys.
 */
export function dueForMonth<T extends DueCandidate>(people: readonly T[], evaluated: ReadonlySet<string>, now: Date): (T & { month: IsoDate })[] {
  const due: (T & { month: IsoDate })[] = [];
  for (const p of people) {
    const today = dateInZone(now, p.timeZone);
    const month = `${today.slice(0, 7)}-01`;
    if (compareDates(p.hireDate, today) > 0) continue;
    if (!evaluated.has(`${p.personId}|${month}`)) due.push({ ...p, month });
  }
  return due;
}

/** Mean of the evaluation averages for the months in (today − months, today], as the ladder reads them. */
export function averageOverMonths(evaluations: readonly { month: IsoDate; average: number }[], today: IsoDate, months: number): number | null {
  const from = addMonths(today, -months);
  const recent = evaluations.filter((e) => compareDates(e.month, from) > 0 && compareDates(e.month, today) <= 0);
  if (recent.length === 0) return null;
  return recent.reduce((s, e) => s + e.average, 0) / recent.length;
}
