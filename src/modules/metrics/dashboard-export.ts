import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Dashboard, loadCeCompliance } from "./load-dashboard.ts";

export interface ExportTable {
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
}

const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const round = (x: number | null, digits = 1) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** The dashboard as tables: the figures, the monthly trend, reasons, retention and expiries. Percentages in %. */
export function dashboardTables(d: Dashboard, ce: Awaited<ReturnType<typeof loadCeCompliance>>, labels: { scope: string }): ExportTable[] {
  const t = d.turnover;
  const figures: [string, string | number | null, string][] = [
    ["Period", `${d.period.from} to ${d.period.to}`, ""],
    ["Scope", labels.scope, ""],
    ["Track", d.filter.track ?? "all", ""],
    ["Level", d.filter.levelCode ?? "all", ""],
    ["Headcount on the first day", d.headcount.start, "people"],
    ["Headcount on the last day", d.headcount.end, "people"],
    ["Average headcount", round(d.headcount.average, 2), "people"],
    ["Hires", d.headcount.hires, "people"],
    ["Voluntary separations", t.voluntary.count, "people"],
    ["Involuntary separations", t.involuntary.count, "people"],
    ["Voluntary turnover, annualized", percent(t.voluntary.annualized), "%"],
    ["Involuntary turnover, annualized", percent(t.involuntary.annualized), "%"],
    ["Total turnover, annualized", percent(t.total.annualized), "%"],
    ["Promotions", d.promotions.count, "promotions"],
    ["Promotions per 100 technicians per year", round(d.promotions.per100PerYear), "per 100 per year"],
    ["Median time in level before promotion", round(d.promotions.medianMonthsInLevel), "months"],
    ["Trainings due", d.training.due, "assignments"],
    ["Trainings completed on time", d.training.onTime, "assignments"],
    ["Training completion rate (on time)", percent(d.training.rate), "%"],
    ["Hires in the period", d.certification.hires, "people"],
    ["Certified by the deadline", d.certification.onTime, "people"],
    ["Certified after the deadline", d.certification.late, "people"],
    ["Past the deadline without certification", d.certification.missed, "people"],
    ["Certification deadline", d.certification.deadlineMonths, "months"],
    ["Certified by the deadline (rate)", percent(d.certification.onTimeRate), "%"],
    ["Median time from hire to national certification", round(d.certification.medianMonthsToCertification), "months"],
    ["CE credentials tracked", ce.credentials, "credentials"],
    ["CE compliant today", percent(ce.rate), "%"],
    ["Credentials expiring within 30 / 60 / 90 days", `${d.expiring.certifications.within30} / ${d.expiring.certifications.within60} / ${d.expiring.certifications.within90}`, "credentials"],
    ["Competencies expiring within 30 / 60 / 90 days", `${d.expiring.competencies.within30} / ${d.expiring.competencies.within60} / ${d.expiring.competencies.within90}`, "competencies"],
    ["Stalled-progress threshold", d.stalledMonths, "months"],
  ];
  return [
    { name: "Figures", columns: ["Figure", "Value", "Unit"], rows: figures },
    {
      name: "Monthly trend",
      columns: ["Month", "Average headcount", "Hires", "Voluntary separations", "Involuntary separations", "Promotions", "Voluntary turnover, annualized %", "Total turnover, annualized %", "Promotions per 100 per year"],
      rows: d.trend.map((m) => [m.month, round(m.averageHeadcount, 2), m.hires, m.voluntary, m.involuntary, m.promotions, percent(m.voluntaryTurnover), percent(m.totalTurnover), round(m.promotionsPer100)]),
    },
    { name: "Separation reasons", columns: ["Reason", "Code", "Separations", "Share %"], rows: d.separationReasons.map((r) => [r.label, r.code, r.count, percent(r.share)]) },
    { name: "Exit interview reasons", columns: ["Reason", "Code", "Mentions", "Share %"], rows: d.exitInterviewReasons.map((r) => [r.label, r.code, r.count, percent(r.share)]) },
    {
      name: "Retention",
      columns: [`Group (${d.retention.groupBy})`, "Month of tenure", "Still employed %", "Lower 95 %", "Upper 95 %", "At risk"],
      rows: d.retention.curves.flatMap((c) => c.points.map((p) => [c.group, p.month, percent(p.survival), percent(p.lower), percent(p.upper), p.atRisk])),
    },
  ];
}

/** A spreadsheet would run text starting with these as a formula: keep it text. */
const safe = (value: string | number | null) => (typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The tables one after another, each under its name, a blank line between them. */
export function dashboardCsv(tables: readonly ExportTable[]): string {
  const lines: (string | number | null)[][] = [];
  tables.forEach((table, i) => {
    if (i > 0) lines.push([]);
    lines.push([table.name], table.columns, ...table.rows.map((r) => r.map(safe)));
  });
  return stringify(lines);
}

/** One sheet per table, header bold and frozen. */
export async function dashboardXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Rx Ladder";
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(safe));
    sheet.columns.forEach((column, i) => {
      column.width = Math.min(60, Math.max(10, ...[table.columns[i], ...table.rows.map((r) => r[i])].map((v) => String(v ?? "").length + 2)));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function dashboardFileName(orgSlug: string, d: Dashboard, extension: "csv" | "xlsx"): string {
  return `program-metrics-${orgSlug}-${d.period.from}-to-${d.period.to}.${extension}`;
}
