import { addMonths, compareDates, parseDate, type IsoDate } from "../../lib/dates.ts";
import type { FieldError } from "../../lib/errors.ts";

export const KPI_COLUMNS = ["employee_id", "kpi", "period_end", "value"] as const;
export const KPI_COLUMN_HELP: Record<(typeof KPI_COLUMNS)[number], string> = {
  employee_id: "The person's employee id, as in the roster",
  kpi: "The KPI code, e.g. fill-accuracy (see KPI definitions)",
  period_end: "Last day of the period measured, YYYY-MM-DD",
  value: "The figure, a number in the KPI's unit (e.g. 99.6 for 99.6%)",
};

export interface KpiRowValue {
  employeeId: string;
  kpi: string;
  periodEnd: IsoDate;
  value: number;
}

/** Accepts the header names pharmacy systems use for the same columns. */
export function normalizeKpiHeader(name: string): string {
  const key = name.trim().toLowerCase().replace(/[\s-]+/g, "_");
  const aliases: Record<string, string> = { employee: "employee_id", employee_number: "employee_id", kpi_code: "kpi", measure: "kpi", period: "period_end", period_ending: "period_end", date: "period_end" };
  return aliases[key] ?? key;
}

export function checkKpiHeader(columns: string[]): FieldError[] {
  return KPI_COLUMNS.filter((c) => !columns.includes(c)).map((c) => ({ row: 1, field: c, message: `the column ${c} is missing` }));
}

/** Validates one CSV row against the organization's KPI codes; `today` bounds the period end. */
export function readKpiRow(record: Record<string, string>, row: number, codes: ReadonlySet<string>, today: IsoDate): { value?: KpiRowValue; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const employeeId = (record.employee_id ?? "").trim();
  const kpi = (record.kpi ?? "").trim().toLowerCase();
  const periodText = (record.period_end ?? "").trim();
  const valueText = (record.value ?? "").trim().replace(/%$/, "");
  if (!employeeId) errors.push({ row, field: "employee_id", message: "is empty" });
  if (!kpi) errors.push({ row, field: "kpi", message: "is empty" });
  else if (!codes.has(kpi)) errors.push({ row, field: "kpi", message: `"${kpi}" is not a KPI of the organization` });
  const periodEnd = parseDate(periodText);
  if (!periodEnd) errors.push({ row, field: "period_end", message: `"${periodText}" is not a date (YYYY-MM-DD)` });
  else if (compareDates(periodEnd, today) > 0) errors.push({ row, field: "period_end", message: `${periodEnd} is in the future` });
  const value = Number(valueText);
  if (valueText === "" || !Number.isFinite(value)) errors.push({ row, field: "value", message: `"${valueText}" is not a number` });
  else if (Math.abs(value) >= 1e8) errors.push({ row, field: "value", message: "is too large" });
  if (errors.length > 0) return { errors };
  return { value: { employeeId, kpi, periodEnd: periodEnd!, value }, errors };
}

export interface KpiPoint {
  periodEnd: IsoDate;
  value: number;
}

export interface KpiTrend {
  code: string;
  name: string;
  unit: string;
  direction: "higher" | "lower";
  points: KpiPoint[];
  latest: number | null;
  /** The change from the first to the last point, signed so that positive is better. */
  improvement: number | null;
}

/** One series per definition, points in period order; definitions without points are kept (empty). */
export function buildKpiTrends(definitions: readonly { code: string; name: string; unit: string; direction: "higher" | "lower" }[], values: readonly ({ kpi: string } & KpiPoint)[]): KpiTrend[] {
  return definitions.map((d) => {
    const points = values
      .filter((v) => v.kpi === d.code)
      .map((v) => ({ periodEnd: v.periodEnd, value: v.value }))
      .sort((a, b) => compareDates(a.periodEnd, b.periodEnd));
    const first = points[0]?.value;
    const last = points.at(-1)?.value;
    const change = first === undefined || last === undefined || points.length < 2 ? null : d.direction === "higher" ? last - first : first - last;
    return { code: d.code, name: d.name, unit: d.unit, direction: d.direction, points, latest: last ?? null, improvement: change === null ? null : Math.round(change * 10000) / 10000 };
  });
}

export function kpiTemplateCsv(): string {
  return `${KPI_COLUMNS.join(",")}\nE-1001,fill-accuracy,2026-01-31,99.7\nE-1001,attendance,2026-01-31,98\n`;
}

export interface KpiThreshold {
  level: string;
  comparator: ">=" | "<=";
  threshold: number;
  windowMonths: number;
}

/**
 * Where a person stands against one level's KPI threshold on `today`: the mean of the figures
 * for periods ending in (today − window, today], as the ladder's KPI requirement reads them;
 * null when there is no figure in the window.
 */
export function thresholdStanding(points: readonly KpiPoint[], threshold: KpiThreshold, today: IsoDate): { average: number | null; periods: number; isMet: boolean } {
  const from = addMonths(today, -threshold.windowMonths);
  const inWindow = points.filter((p) => compareDates(p.periodEnd, from) > 0 && compareDates(p.periodEnd, today) <= 0);
  if (inWindow.length === 0) return { average: null, periods: 0, isMet: false };
  const mean = inWindow.reduce((s, p) => s + p.value, 0) / inWindow.length;
  const isMet = threshold.comparator === ">=" ? mean >= threshold.threshold : mean <= threshold.threshold;
  return { average: Math.round(mean * 100) / 100, periods: inWindow.length, isMet };
}
