import type { Db } from "../../db/database.ts";
import { addDays, addYears } from "../../lib/dates.ts";
import { loadDashboard, metricsToday } from "./load-dashboard.ts";
import { formatDate, formatNumber, formatPercent } from "./program-report.ts";

/**
 * Three headline figures of the program over the 12 months up to today, as lines of a plain-text
 * e-mail, from the dashboard loader: voluntary turnover, promotions per 100 technicians and
 * on-time training. `siteIds` null is the organization; an empty list has no figures.
 */
export async function programHeadlines(db: Db, scope: { orgId: string; siteIds: string[] | null }, now: Date, publicUrl: string): Promise<string[] | null> {
  if (scope.siteIds !== null && scope.siteIds.length === 0) return null;
  const today = metricsToday(now);
  const from = addDays(addYears(today, -1), 1);
  const d = await loadDashboard(db, { orgId: scope.orgId, from, to: today, today, siteIds: scope.siteIds, track: null, level: null }, {}, now);
  const or = <T>(x: T | null, show: (x: T) => string) => (x === null ? "no data" : show(x));
  return [
    `Your program, ${formatDate(from)} to ${formatDate(today)}:`,
    `  Voluntary turnover: ${or(d.turnover.voluntary.annualized, formatPercent)} a year (${d.turnover.voluntary.count} left)`,
    `  Promotions: ${or(d.promotions.per100PerYear, (x) => formatNumber(x))} per 100 technicians a year (${d.promotions.count} in all)`,
    `  Trainings completed on time: ${or(d.training.rate, formatPercent)} (${d.training.onTime} of ${d.training.due} due)`,
    `The program dashboard: ${publicUrl.replace(/\/+$/, "")}/metrics`,
  ];
}
