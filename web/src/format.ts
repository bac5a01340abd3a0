import { dateInZone } from "../../src/lib/dates.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A calendar date from the API ("YYYY-MM-DD") as "Mar 4, 2024", without going through time zones. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  return `${MONTHS[Number(month) - 1]} ${Number(day)}, ${year}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** An instant (ISO timestamp) in the viewer's local time. */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
}

let homeTimeZone: string | undefined;

/**
 * The calendar the signed-in person's dates are judged in: their site's time zone, as the server
 * judges "today" and "not in the future". Without it (signed out), the device's own.
 */
export function setHomeTimeZone(timeZone: string | undefined): void {
  homeTimeZone = timeZone;
}

/** Today's calendar date at the signed-in person's site (else on the device), as "YYYY-MM-DD". */
export function todayIsoDate(): string {
  return dateInZone(new Date(), homeTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}

export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`;
}

/** A span of days as "12 days", "7 months" or "2 years 3 months" (months of 30.44 days). */
export function formatDuration(days: number): string {
  if (days < 31) return formatCount(Math.max(0, days), "day");
  const months = Math.floor(days / 30.44);
  if (months < 12) return formatCount(months, "month");
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? formatCount(years, "year") : `${formatCount(years, "year")} ${formatCount(rest, "month")}`;
}

/** A calendar date ("YYYY-MM-DD") as a date, or an instant in the viewer's local time. */
export function formatWhen(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : formatDateTime(value);
}
