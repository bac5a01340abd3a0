/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Every date computation of the product lives here:
 * no JS Date arithmetic elsewhere, and never local-time parsing.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function build(year: number, month: number, day: number): IsoDate | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Accepts YYYY-MM-DD, or M/D/YYYY as spreadsheets write it; undefined when not a real calendar date. */
export function parseDate(input: string): IsoDate | undefined {
  const text = input.trim();
  let match = ISO.exec(text);
  if (match) return build(Number(match[1]), Number(match[2]), Number(match[3]));
  match = US.exec(text);
  if (match) return build(Number(match[3]), Number(match[1]), Number(match[2]));
  return undefined;
}

export function isIsoDate(input: string): boolean {
  return ISO.test(input) && parseDate(input) === input;
}

/** The number written by the digits of `text` from `start` up to `end`; −1 when one is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** Year, month and day of an ISO date (read by character: the metrics call this for every row they sum). */
function parts(date: IsoDate): [number, number, number] {
  const year = date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45 ? digitsAt(date, 0, 4) : -1;
  const month = digitsAt(date, 5, 7);
  const day = digitsAt(date, 8, 10);
  if (year < 0 || month < 0 || day < 0) throw new RangeError(`not an ISO date: ${date}`);
  return [year, month, day];
}

function toDayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function fromDayNumber(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Adds calendar months; a day past the target month's end lands on its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return build(year, month, Math.min(d, daysInMonth(year, month)))!;
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** Whole days from a to b (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The calendar date at an instant in a time zone (a site's "today"). */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

export function dateInZone(instant: Date, timeZone: string): IsoDate {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Whole years of service on a date (anniversaries on Feb 29 fall on Feb 28 in common years). */
export function wholeYearsBetween(from: IsoDate, to: IsoDate): number {
  const [fy] = parts(from);
  const [ty] = parts(to);
  let years = ty - fy;
  if (compareDates(addYears(from, years), to) > 0) years--;
  return years;
}

/** The first day of the date's month. */
export function startOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

/** The last day of the date's month. */
export function endOfMonth(date: IsoDate): IsoDate {
  const [y, m] = parts(date);
  return build(y, m, daysInMonth(y, m))!;
}

/** Days in an inclusive period (from = to is one day). */
export function daysInPeriod(from: IsoDate, to: IsoDate): number {
  return daysBetween(from, to) + 1;
}

/**
 * The length of an inclusive period in months: whole calendar months from `from` to the day after
 * `to`, plus the remaining days as a share of the month they fall in. A calendar month is exactly 1,
 * a calendar year exactly 12, also across leap days; Jan 31 to Feb 27 is 28/29 of a month in 2024.
 */
export function monthsInPeriod(from: IsoDate, to: IsoDate): number {
  const end = addDays(to, 1);
  let whole = Math.max(0, (parts(end)[0] - parts(from)[0]) * 12 + (parts(end)[1] - parts(from)[1]) - 1);
  while (compareDates(addMonths(from, whole + 1), end) <= 0) whole++;
  const reached = addMonths(from, whole);
  const rest = daysBetween(reached, end);
  if (rest === 0) return whole;
  const monthLength = daysBetween(reached, addMonths(from, whole + 1));
  return whole + rest / monthLength;
}

/** The calendar months an inclusive period touches, each cut to the period. */
export function monthsOfPeriod(from: IsoDate, to: IsoDate): { month: string; from: IsoDate; to: IsoDate }[] {
  const months: { month: string; from: IsoDate; to: IsoDate }[] = [];
  for (let start = startOfMonth(from); compareDates(start, to) <= 0; start = addMonths(start, 1)) {
    const last = endOfMonth(start);
    months.push({ month: start.slice(0, 7), from: compareDates(start, from) < 0 ? from : start, to: compareDates(last, to) > 0 ? to : last });
  }
  return months;
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return ((Math.floor(toDayNumber(date)) % 7) + 7 + 4) % 7;
}

/** The Monday of the ISO week a date falls in. */
export function startOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/**
 * The first instant strictly after `after` at hour:minute UTC, on `weekday` (0 = Sunday) when one
 * is given: when a daily or weekly scheduled job runs next.
 */
export function nextUtcTimeOfDay(after: Date, hour: number, minute: number, weekday?: number): Date {
  let day = after.toISOString().slice(0, 10);
  for (let i = 0; i < 8; i++) {
    const candidate = new Date(`${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00.000Z`);
    if (candidate.getTime() > after.getTime() && (weekday === undefined || weekdayOf(day) === weekday)) return candidate;
    day = addDays(day, 1);
  }
  throw new Error(`no time found after ${after.toISOString()}`);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: IsoDate): number {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes a time zone is ahead of UTC at an instant (New York in winter: -300). */
function zoneOffsetMinutes(instant: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    offsetFormatters.set(timeZone, formatter);
  }
  const p = Object.fromEntries(formatter.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time (minutes after midnight, past 1440 for the next day) on a date
 * in a time zone. A time skipped by a spring-forward change lands an hour later; a repeated one
 * takes its first occurrence.
 */
export function instantInZone(date: IsoDate, minuteOfDay: number, timeZone: string): Date {
  const wall = toDayNumber(date) * 86_400_000 + minuteOfDay * 60_000;
  const first = wall - zoneOffsetMinutes(wall, timeZone) * 60_000;
  const second = wall - zoneOffsetMinutes(first, timeZone) * 60_000;
  if (first === second) return new Date(first);
  // Around a change the two guesses differ: take the earlier one that shows this wall time, else the later guess.
  const earlier = Math.min(first, second);
  return new Date(earlier + zoneOffsetMinutes(earlier, timeZone) * 60_000 === wall ? earlier : Math.max(first, second));
}
