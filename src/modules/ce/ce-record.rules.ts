/**
 * Validating one CE record, entered by hand, parsed from a UAN or read from a CSV row: the same
 * rules for all three. An ACPE activity is recorded with its UAN, which then gives the format,
 * topic and audience; the topic gives the categories it stands for (03 law, 05 patient safety…).
 */
import { compareDates, isIsoDate, parseDate, type IsoDate } from "../../lib/dates.ts";
import { ACTIVITY_TYPES, CE_CATEGORIES, categoriesOfTopic, type CeActivityType, type CeCategory } from "./ce-rule-sets.ts";
import { ACTIVITY_VALID_YEARS, AUDIENCES, FORMAT_LABELS, parseUan, TOPICS, UAN_FORMATS, type CeAudience, type CeFormat, type UanOptions } from "./uan.ts";

export type CeField = "title" | "provider" | "uan" | "completedOn" | "hours" | "activityType" | "topic" | "format" | "audience" | "categories";

export interface CeRecordDraft {
  title?: string | null;
  provider?: string | null;
  uan?: string | null;
  completedOn?: string | null;
  hours?: number | string | null;
  activityType?: string | null;
  topic?: string | null;
  format?: string | null;
  audience?: string | null;
  categories?: readonly string[] | null;
}

export interface CeRecordValue {
  title: string;
  provider: string | null;
  uan: string | null;
  completedOn: IsoDate;
  hours: number;
  activityType: CeActivityType;
  topic: string | null;
  format: CeFormat | null;
  audience: CeAudience | null;
  categories: CeCategory[];
}

export interface CeFieldError {
  field: CeField;
  message: string;
}

export const MAX_CE_HOURS = 100;

/** Accepts "live"/"L", "home-study"/"home study"/"H", "blended"/"B". */
function readFormat(text: string): CeFormat | undefined {
  const t = text.trim().toLowerCase().replace(/[\s_]+/g, "-");
  return UAN_FORMATS.find((f) => f.format === t || f.letter.toLowerCase() === t || f.label.toLowerCase().replace(/\s+/g, "-") === t)?.format;
}

/** Accepts "technician"/"T", "pharmacist"/"P". */
function readAudience(text: string): CeAudience | undefined {
  const t = text.trim().toLowerCase();
  return AUDIENCES.find((a) => a.audience === t || a.letter.toLowerCase() === t)?.audience;
}

/** Accepts "3", "03", "topic 03". */
function readTopic(text: string): string | undefined {
  const digits = /^(?:topic\s*)?(\d{1,2})$/i.exec(text.trim())?.[1];
  return digits ? TOPICS.find((t) => t.code === digits.padStart(2, "0"))?.code : undefined;
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/**
 * Checks a draft against the rules and returns the record to store, or every problem with the
 * field it belongs to. `today` is the calendar date at the person's site.
 */
export function validateCeRecord(draft: CeRecordDraft, today: IsoDate, uanOptions: UanOptions = {}): { value?: CeRecordValue; errors: CeFieldError[] } {
  const errors: CeFieldError[] = [];
  const fail = (field: CeField, message: string) => errors.push({ field, message });

  const title = (draft.title ?? "").trim();
  if (!title) fail("title", "is required");
  else if (title.length > 300) fail("title", "must be at most 300 characters");
  const provider = (draft.provider ?? "").trim() || null;
  if (provider && provider.length > 200) fail("provider", "must be at most 200 characters");

  let completedOn: IsoDate | undefined;
  if (blank(draft.completedOn)) fail("completedOn", "is required");
  else {
    const text = String(draft.completedOn).trim();
    completedOn = isIsoDate(text) ? text : parseDate(text);
    if (!completedOn) fail("completedOn", `"${text}" is not a date (use YYYY-MM-DD)`);
    else if (compareDates(completedOn, today) > 0) fail("completedOn", `is in the future (today is ${today})`);
  }

  let hours: number | undefined;
  if (blank(draft.hours)) fail("hours", "is required");
  else {
    hours = typeof draft.hours === "number" ? draft.hours : Number(String(draft.hours).trim());
    if (!Number.isFinite(hours) || hours <= 0) fail("hours", `must be a number of hours above 0; "${draft.hours}" is not`);
    else if (hours > MAX_CE_HOURS) fail("hours", `must be at most ${MAX_CE_HOURS}`);
    else if (Math.abs(hours * 100 - Math.round(hours * 100)) > 1e-6) fail("hours", "can have at most 2 decimals");
  }

  let activityType: CeActivityType | undefined;
  if (!blank(draft.activityType)) {
    const t = String(draft.activityType).trim().toLowerCase().replace(/[\s_]+/g, "-");
    activityType = ACTIVITY_TYPES.find((a) => a.code === t)?.code;
    if (!activityType) fail("activityType", `"${draft.activityType}" is not one of ${ACTIVITY_TYPES.map((a) => a.code).join(", ")}`);
  }

  let format: CeFormat | null = null;
  if (!blank(draft.format)) {
    format = readFormat(String(draft.format)) ?? null;
    if (!format) fail("format", `"${draft.format}" is not live, home-study or blended`);
  }
  let audience: CeAudience | null = null;
  if (!blank(draft.audience)) {
    audience = readAudience(String(draft.audience)) ?? null;
    if (!audience) fail("audience", `"${draft.audience}" is not technician (T) or pharmacist (P)`);
  }
  let topic: string | null = null;
  if (!blank(draft.topic)) {
    topic = readTopic(String(draft.topic)) ?? null;
    if (!topic) fail("topic", `"${draft.topic}" is not a topic designator from 01 to 08`);
  }

  let uan: string | null = null;
  if (!blank(draft.uan)) {
    const parsed = parseUan(String(draft.uan), uanOptions);
    if (!parsed.ok) {
      for (const e of parsed.errors) fail("uan", e.message);
    } else {
      const p = parsed.value;
      uan = p.uan;
      if (activityType && activityType !== "acpe") fail("activityType", `is ${activityType}, but an activity with a UAN is ACPE-accredited`);
      if (format && format !== p.format) fail("format", `is ${format}, but the UAN says ${FORMAT_LABELS[p.format].toLowerCase()}`);
      if (audience && audience !== p.audience) fail("audience", `is ${audience}, but the UAN says ${p.audience}`);
      if (topic && topic !== p.topic) fail("topic", `is ${topic}, but the UAN says ${p.topic}`);
      format = p.format;
      audience = p.audience;
      topic = p.topic;
      activityType = "acpe";
      if (completedOn) {
        const year = Number(completedOn.slice(0, 4));
        if (year < p.releaseYear) fail("completedOn", `is before the activity was released (${p.releaseYear}, from the UAN)`);
        else if (year > p.releaseYear + ACTIVITY_VALID_YEARS) {
          fail("completedOn", `is more than ${ACTIVITY_VALID_YEARS} years after the activity was released (${p.releaseYear}, from the UAN); ACPE activities can be claimed for at most ${ACTIVITY_VALID_YEARS} years`);
        }
      }
    }
  } else if (activityType === "acpe") {
    fail("uan", "is required for an ACPE-accredited activity (it is on the certificate and in CPE Monitor)");
  }

  const categories = new Set<CeCategory>(categoriesOfTopic(topic));
  for (const raw of draft.categories ?? []) {
    const code = raw.trim().toLowerCase().replace(/[\s_]+/g, "-");
    if (!code) continue;
    const def = CE_CATEGORIES.find((c) => c.code === code);
    if (!def) {
      fail("categories", `"${raw}" is not one of ${CE_CATEGORIES.map((c) => c.code).join(", ")}`);
      continue;
    }
    // An ACPE topic says what the activity is about: a law hour is a topic 03 activity, not a flag.
    if (topic && def.topic && def.topic !== topic) {
      fail("categories", `${def.code} comes from topic designator ${def.topic}; this activity's topic is ${topic}`);
      continue;
    }
    categories.add(def.code);
  }

  if (errors.length > 0) return { errors };
  return {
    errors,
    value: {
      title,
      provider,
      uan,
      completedOn: completedOn!,
      hours: Math.round(hours! * 100) / 100,
      activityType: activityType ?? "other",
      topic,
      format,
      audience,
      categories: CE_CATEGORIES.map((c) => c.code).filter((c) => categories.has(c)),
    },
  };
}
