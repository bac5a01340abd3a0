import { nextUtcTimeOfDay } from "../../lib/dates.ts";

/** When a job runs: every few minutes, daily at a UTC time, or weekly on a day (0 = Sunday) at a UTC time. */
export type JobSchedule =
  | { kind: "every"; minutes: number }
  | { kind: "daily"; hour: number; minute: number }
  | { kind: "weekly"; weekday: number; hour: number; minute: number };

/** The next time a job is due after a run that started at `after`. */
export function nextRunAt(schedule: JobSchedule, after: Date): Date {
  switch (schedule.kind) {
    case "every":
      return new Date(after.getTime() + schedule.minutes * 60_000);
    case "daily":
      return nextUtcTimeOfDay(after, schedule.hour, schedule.minute);
    case "weekly":
      return nextUtcTimeOfDay(after, schedule.hour, schedule.minute, schedule.weekday);
  }
}

export function describeSchedule(schedule: JobSchedule): string {
  const at = (h: number, m: number) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")} UTC`;
  const days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  switch (schedule.kind) {
    case "every":
      return schedule.minutes === 1 ? "every minute" : `every ${schedule.minutes} minutes`;
    case "daily":
      return `daily at ${at(schedule.hour, schedule.minute)}`;
    case "weekly":
      return `${days[schedule.weekday]}s at ${at(schedule.hour, schedule.minute)}`;
  }
}
