import { addMonths, compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import type { FieldError } from "../../lib/errors.ts";
import type { CommentPrompt, EvaluationItem } from "./default-template.ts";

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

const LINE_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const MAX_TEMPLATE_ITEMS = 30;
export const MAX_COMMENT_PROMPTS = 8;

export interface TemplateDraft {
  name: string;
  items: EvaluationItem[];
  commentPrompts: CommentPrompt[];
}

/**
 * Checks an evaluation form an admin saves: a name, 1–30 rated lines and up to 8 comment prompts,
 * each with a unique code (ratings and answers are kept by code) and a label. Errors name the field
 * by its path, e.g. `items.2.label`.
 */
export function validateTemplate(draft: TemplateDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (!draft.name.trim()) errors.push({ field: "name", message: "is empty" });
  if (draft.items.length === 0) errors.push({ field: "items", message: "needs at least one line to rate" });
  if (draft.items.length > MAX_TEMPLATE_ITEMS) errors.push({ field: "items", message: `has more than ${MAX_TEMPLATE_ITEMS} lines` });
  if (draft.commentPrompts.length > MAX_COMMENT_PROMPTS) errors.push({ field: "commentPrompts", message: `has more than ${MAX_COMMENT_PROMPTS} prompts` });
  const checkLines = (lines: readonly { code: string; label: string }[], field: string) => {
    const seen = new Set<string>();
    lines.forEach((line, i) => {
      if (!LINE_CODE.test(line.code)) errors.push({ field: `${field}.${i}.code`, message: "lower-case letters, digits and hyphens, up to 40" });
      else if (seen.has(line.code)) errors.push({ field: `${field}.${i}.code`, message: `"${line.code}" is used twice` });
      seen.add(line.code);
      if (!line.label.trim()) errors.push({ field: `${field}.${i}.label`, message: "is empty" });
    });
  };
  checkLines(draft.items, "items");
  checkLines(draft.commentPrompts, "commentPrompts");
  return errors;
}

/** Whether a saved form differs from the current version (a save without changes adds no version). */
export function isSameTemplate(a: TemplateDraft, b: TemplateDraft): boolean {
  const lines = (t: TemplateDraft) =>
    JSON.stringify([t.name.trim(), t.items.map((i) => [i.code, i.label.trim(), i.kind, i.description.trim()]), t.commentPrompts.map((p) => [p.code, p.label.trim()])]);
  return lines(a) === lines(b);
}

/** Checks the answers to a form's comment prompts: only its prompts, each at most 4,000 characters. */
export function validatePromptAnswers(prompts: readonly CommentPrompt[], answers: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [code, text] of Object.entries(answers)) {
    if (!prompts.some((p) => p.code === code)) errors.push({ field: `promptAnswers.${code}`, message: "is not a prompt of this evaluation form" });
    else if (text.length > 4000) errors.push({ field: `promptAnswers.${code}`, message: "is longer than 4,000 characters" });
  }
  return errors;
}

/** Trimmed non-empty answers only. */
export function cleanPromptAnswers(answers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(answers ?? {}).map(([k, v]) => [k, v.trim()] as const).filter(([, v]) => v.length > 0));
}
