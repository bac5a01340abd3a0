import type { Readable } from "node:stream";
import PDFDocument from "pdfkit";
import type { Db } from "../../db/database.ts";
import { addDays, addMonths, daysInPeriod, monthsInPeriod, type IsoDate } from "../../lib/dates.ts";
import type { Actor } from "../auth/policy.ts";
import { listSites } from "../roster/index.ts";
import { loadDashboard, metricsFilterFor, type Dashboard, type MetricsQuery } from "./load-dashboard.ts";
import { stalledPeople } from "./metric-people.ts";
import type { MetricsFilter } from "./metrics.queries.ts";

/**
 * The program report a director hands to leadership: the dashboard's headline figures, each with
 * a plain-language reading against the period before, and the monthly trend of turnover and
 * promotions. An admin gets an organization summary and then one page per site; a manager a
 * summary of their sites (when they manage more than one) and a page per site. Every figure comes
 * from the dashboard loader for the same filter: the report never computes a metric of its own.
 */

export interface ReportPage {
  /** "Organization summary", "Your sites" or the site's name. */
  heading: string;
  subheading: string;
  dashboard: Dashboard | null;
  previous: Dashboard | null;
  stalled: number;
}

/** What every page of a report shows besides its own figures. */
export interface ReportHeader {
  organization: string;
  orgSlug: string;
  period: { from: IsoDate; to: IsoDate };
  filter: { track: string | null; levelCode: string | null };
  generatedOn: IsoDate;
}

/** The period of the same length that ends the day before `from`: whole months stay whole months. */
export function previousPeriod(from: IsoDate, to: IsoDate): { from: IsoDate; to: IsoDate } {
  const months = monthsInPeriod(from, to);
  const start = Number.isInteger(months) ? addMonths(from, -months) : addDays(from, -daysInPeriod(from, to));
  return { from: start, to: addDays(from, -1) };
}

async function loadPage(db: Db, filter: MetricsFilter, heading: string, subheading: string, stalled: number, now: Date): Promise<ReportPage> {
  const before = previousPeriod(filter.from, filter.to);
  const [dashboard, previous] = await Promise.all([loadDashboard(db, filter, {}, now), loadDashboard(db, { ...filter, ...before }, {}, now)]);
  return { heading, subheading, dashboard, previous, stalled };
}

/** A report whose pages are read one at a time as they are drawn: the header and page count up front. */
export interface ProgramReportPlan extends ReportHeader {
  pageCount: number;
  pages: AsyncIterable<ReportPage>;
}

/** The report's pages for what the actor may see (a site filter: that site alone), read as they are asked for. */
export async function planProgramReport(db: Db, actor: Actor, query: MetricsQuery, now: Date): Promise<ProgramReportPlan> {
  const base = await metricsFilterFor(db, actor, query, now);
  const [organization, sites] = await Promise.all([
    db.selectFrom("organizations").select("name").where("id", "=", actor.orgId).executeTakeFirstOrThrow(),
    listSites(db, actor.orgId),
  ]);
  const inScope = base.siteIds === null ? sites : sites.filter((s) => base.siteIds!.includes(s.id));
  // Stalled progress is about people's current site: the scope's list, counted per site, once.
  const stalled = inScope.length === 0 ? [] : (await stalledPeople(db, base)).items;
  const stalledAt = (code: string) => stalled.filter((p) => p.siteCode === code).length;
  const summary =
    base.siteIds === null ? () => loadPage(db, base, "Organization summary", `All ${sites.length} site${sites.length === 1 ? "" : "s"}`, stalled.length, now)
    : inScope.length === 0 ? async (): Promise<ReportPage> => ({ heading: "Your sites", subheading: "No sites", dashboard: null, previous: null, stalled: 0 })
    : inScope.length > 1 ? () => loadPage(db, base, "Your sites", inScope.map((s) => s.code).join(", "), stalled.length, now)
    : null;
  async function* pages(): AsyncGenerator<ReportPage> {
    if (summary) yield await summary();
    // One site at a time: each page is a full dashboard and the report should not crowd the database.
    for (const site of inScope) yield await loadPage(db, { ...base, siteIds: [site.id] }, site.name, `${site.code} · ${site.state}`, stalledAt(site.code), now);
  }
  return {
    organization: organization.name,
    orgSlug: actor.orgSlug,
    period: { from: base.from, to: base.to },
    filter: { track: base.track, levelCode: base.level },
    generatedOn: base.today,
    pageCount: (summary ? 1 : 0) + inScope.length,
    pages: pages(),
  };
}

// --- Readings --------------------------------------------------------------------------------

/** A share as a percentage with one decimal, as in the dashboard's exports: 0.4358 → "43.6 %". */
export const formatPercent = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
export const formatNumber = (x: number, digits = 1) => (Math.round(x * 10 ** digits) / 10 ** digits).toFixed(digits);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "up from", "down from" or "the same as" the period before, on the figures as printed. */
function against(current: string, previous: number | null | undefined, format: (x: number) => string) {
  if (previous === null || previous === undefined) return "no technicians in the period before to compare with";
  const before = format(previous);
  const [a, b] = [Number.parseFloat(current), Number.parseFloat(before)];
  if (a === b) return `the same as the period before`;
  return `${a > b ? "up" : "down"} from ${before} the period before`;
}

export interface ReportFigure {
  label: string;
  value: string;
  reading: string;
}

const NO_TECHNICIANS = "No technicians in this period.";

/** The headline figures of one page, each with its one-line reading. Pure: data in, text out. */
export function reportFigures(d: Dashboard, previous: Dashboard | null, stalled: number): ReportFigure[] {
  const t = d.turnover;
  const figures: ReportFigure[] = [];
  const rateFigure = (label: string, name: string, current: number | null, before: number | null | undefined, detail: string) => {
    if (current === null) return figures.push({ label, value: "no data", reading: NO_TECHNICIANS });
    const value = formatPercent(current);
    figures.push({ label, value, reading: `${name} ${value} a year, ${against(value, before, formatPercent)}; ${detail}.` });
  };
  rateFigure("Voluntary turnover, annualized", "Voluntary turnover", t.voluntary.annualized, previous?.turnover.voluntary.annualized, `${plural(t.voluntary.count, "voluntary separation")}`);
  rateFigure("Total turnover, annualized", "Total turnover", t.total.annualized, previous?.turnover.total.annualized, `${t.voluntary.count} voluntary and ${t.involuntary.count} involuntary`);

  const p = d.promotions;
  if (p.per100PerYear === null) figures.push({ label: "Promotions per 100 per year", value: "no data", reading: NO_TECHNICIANS });
  else {
    const value = formatNumber(p.per100PerYear);
    const before = against(value, previous?.promotions.per100PerYear, (x) => formatNumber(x));
    figures.push({ label: "Promotions per 100 per year", value, reading: `${value} promotions per 100 technicians a year (${plural(p.count, "promotion")}), ${before}.` });
  }
  figures.push(
    p.medianMonthsInLevel === null
      ? { label: "Median time in level", value: "no data", reading: "No promotions in this period." }
      : {
          label: "Median time in level",
          value: `${formatNumber(p.medianMonthsInLevel)} months`,
          reading: `Those promoted had spent a median ${formatNumber(p.medianMonthsInLevel)} months in the level they left.`,
        },
  );

  const tr = d.training;
  figures.push(
    tr.rate === null
      ? { label: "Training completion", value: "no data", reading: "No training fell due in this period." }
      : {
          label: "Training completion",
          value: formatPercent(tr.rate),
          reading: `${tr.onTime} of ${plural(tr.due, "training")} due were completed on time; ${tr.late} late, ${tr.missed} missed.`,
        },
  );

  const c = d.certification;
  const decided = c.onTime + c.late + c.missed;
  figures.push(
    c.onTimeRate === null
      ? {
          label: "Certified by the deadline",
          value: "no data",
          reading: c.hires === 0 ? "No hires in this period." : `${plural(c.hires, "hire")} still within the ${c.deadlineMonths}-month deadline.`,
        }
      : {
          label: "Certified by the deadline",
          value: formatPercent(c.onTimeRate),
          reading: `${c.onTime} of ${plural(decided, "hire")} past the ${c.deadlineMonths}-month deadline were certified by it; ${c.pending} still within it.`,
        },
  );
  figures.push(
    c.medianMonthsToCertification === null
      ? { label: "Median time to certification", value: "no data", reading: c.hires === 0 ? "No hires in this period." : "Fewer than half of the hires are certified yet." }
      : {
          label: "Median time to certification",
          value: `${formatNumber(c.medianMonthsToCertification)} months`,
          reading: `Half of the hires held a national certification ${formatNumber(c.medianMonthsToCertification)} months after hire (deadline ${c.deadlineMonths} months).`,
        },
  );

  const e = d.expiring;
  figures.push({
    label: "Expiring in 30 / 60 / 90 days",
    value: `${e.certifications.within30} / ${e.certifications.within60} / ${e.certifications.within90}`,
    reading: `${plural(e.certifications.within90, "credential")} and ${plural(e.competencies.within90, "competency", "competencies")} expire within 90 days of today (competencies ${e.competencies.within30} / ${e.competencies.within60} / ${e.competencies.within90}).`,
  });
  figures.push({
    label: "Stalled progress",
    value: String(stalled),
    reading:
      stalled === 0
        ? `Nobody has been in their level ${d.stalledMonths} months or more with requirements still missing.`
        : `${plural(stalled, "technician")} in their level ${d.stalledMonths} months or more with requirements of the next level missing, today.`,
  });
  return figures;
}

/** The three most frequent reasons, "Pay 50.0 % (2), Schedule 25.0 % (1)". */
export function topReasons(reasons: Dashboard["separationReasons"], limit = 3): string {
  if (reasons.length === 0) return "none recorded";
  return [...reasons]
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, limit)
    .map((r) => `${r.label} ${formatPercent(r.share)} (${r.count})`)
    .join(", ");
}

// --- Drawing ---------------------------------------------------------------------------------

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2025-01-31" → "31 Jan 2025". */
export const formatDate = (d: IsoDate) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
const monthLabel = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;

const INK = "#1a1a1a";
const MUTED = "#555555";
const RULE = "#c8c8c8";
const SERIES = [
  { key: "voluntaryTurnover", label: "Voluntary turnover", color: "#1c6fd1", dash: false, scale: 100 },
  { key: "totalTurnover", label: "Total turnover", color: "#b3261e", dash: true, scale: 100 },
  { key: "promotionsPer100", label: "Promotions", color: "#2b8a3e", dash: false, scale: 1 },
] as const;

const MARGIN = 48;
/** Monthly figures are listed under the chart up to this many months (they always are in the CSV and XLSX exports). */
const TABLE_MONTHS = 12;

type Doc = PDFKit.PDFDocument;

function niceCeiling(x: number): number {
  if (x <= 0) return 10;
  const power = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= x)!;
}

/** Voluntary and total turnover and promotions per month, all per 100 technicians a year, as vector lines. */
function drawTrend(doc: Doc, d: Dashboard, top: number): number {
  const width = doc.page.width - 2 * MARGIN;
  doc.font("Helvetica-Bold").fontSize(10).fillColor(INK).text("Monthly trend, per 100 technicians a year (annualized)", MARGIN, top, { lineBreak: false });
  const chart = { x: MARGIN + 34, y: top + 18, w: width - 34, h: 160 };
  const values = d.trend.flatMap((m) => SERIES.map((s) => m[s.key])).filter((v): v is number => v !== null);
  const scaled = d.trend.flatMap((m) => SERIES.map((s) => (m[s.key] === null ? null : m[s.key]! * s.scale))).filter((v): v is number => v !== null);
  const max = niceCeiling(Math.max(0, ...scaled));
  const yOf = (v: number) => chart.y + chart.h - (v / max) * chart.h;
  const n = d.trend.length;
  const xOf = (i: number) => (n === 1 ? chart.x + chart.w / 2 : chart.x + (i / (n - 1)) * chart.w);

  doc.lineWidth(0.5).strokeColor(RULE);
  doc.font("Helvetica").fontSize(7).fillColor(MUTED);
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    doc.moveTo(chart.x, yOf(v)).lineTo(chart.x + chart.w, yOf(v)).stroke();
    doc.text(formatNumber(v, Number.isInteger(v) ? 0 : 1), MARGIN, yOf(v) - 3, { width: 30, align: "right", lineBreak: false });
  }
  const every = Math.max(1, Math.ceil(n / 12));
  d.trend.forEach((m, i) => {
    if (i % every === 0) doc.text(monthLabel(m.month), xOf(i) - 15, chart.y + chart.h + 4, { width: 30, align: "center", lineBreak: false });
  });
  if (values.length === 0) {
    doc.fontSize(9).fillColor(MUTED).text("No technicians in this period.", chart.x, chart.y + chart.h / 2 - 5, { width: chart.w, align: "center", lineBreak: false });
  }
  for (const s of SERIES) {
    doc.lineWidth(1.5).strokeColor(s.color);
    if (s.dash) doc.dash(4, { space: 2 });
    let drawing = false;
    d.trend.forEach((m, i) => {
      const v = m[s.key];
      if (v === null) return void (drawing = false);
      const [x, y] = [xOf(i), yOf(v * s.scale)];
      if (drawing) doc.lineTo(x, y);
      else doc.moveTo(x, y);
      drawing = true;
    });
    doc.stroke();
    doc.undash();
    // A dot on every month, so that a month between two without figures still shows.
    d.trend.forEach((m, i) => {
      const v = m[s.key];
      if (v !== null) doc.circle(xOf(i), yOf(v * s.scale), 1.8).fill(s.color);
    });
  }
  let legendX = chart.x;
  const legendY = chart.y + chart.h + 16;
  for (const s of SERIES) {
    doc.lineWidth(1.5).strokeColor(s.color);
    if (s.dash) doc.dash(4, { space: 2 });
    doc.moveTo(legendX, legendY + 4).lineTo(legendX + 18, legendY + 4).stroke();
    doc.undash();
    doc.font("Helvetica").fontSize(8).fillColor(INK).text(s.label, legendX + 22, legendY, { lineBreak: false });
    legendX += 22 + doc.widthOfString(s.label) + 18;
  }
  let y = legendY + 16;
  if (n <= TABLE_MONTHS && values.length > 0) y = drawTrendTable(doc, d, y);
  else if (values.length > 0) {
    doc.font("Helvetica").fontSize(7.5).fillColor(MUTED).text("The figures of each month are in the dashboard's CSV and XLSX exports.", MARGIN, y, { lineBreak: false });
    y += 12;
  }
  return y;
}

/** The chart's numbers: one column per month. */
function drawTrendTable(doc: Doc, d: Dashboard, top: number): number {
  const labelWidth = 96;
  const cell = (doc.page.width - 2 * MARGIN - labelWidth) / d.trend.length;
  const rows: [string, (m: Dashboard["trend"][number]) => string][] = [
    ["Month", (m) => monthLabel(m.month)],
    ["Voluntary turnover %", (m) => (m.voluntaryTurnover === null ? "–" : formatNumber(m.voluntaryTurnover * 100))],
    ["Total turnover %", (m) => (m.totalTurnover === null ? "–" : formatNumber(m.totalTurnover * 100))],
    ["Promotions per 100", (m) => (m.promotionsPer100 === null ? "–" : formatNumber(m.promotionsPer100))],
  ];
  let y = top;
  rows.forEach(([label, value], r) => {
    doc.font(r === 0 ? "Helvetica-Bold" : "Helvetica").fontSize(7).fillColor(INK);
    doc.text(label, MARGIN, y, { width: labelWidth, lineBreak: false });
    d.trend.forEach((m, i) => doc.text(value(m), MARGIN + labelWidth + i * cell, y, { width: cell, align: "right", lineBreak: false }));
    y += 10;
  });
  return y + 4;
}

function drawPage(doc: Doc, report: ReportHeader, page: ReportPage) {
  const width = doc.page.width - 2 * MARGIN;
  let y = MARGIN;
  doc.font("Helvetica-Bold").fontSize(16).fillColor(INK).text(`Career ladder program report: ${report.organization}`, MARGIN, y, { width, height: 20, ellipsis: true, lineBreak: false });
  y += 22;
  doc.font("Helvetica-Bold").fontSize(13).text(page.heading, MARGIN, y, { width, lineBreak: false });
  y += 17;
  const filters = [report.filter.track && `track ${report.filter.track}`, report.filter.levelCode && `level ${report.filter.levelCode}`].filter(Boolean).join(", ");
  const line = `${page.subheading} · ${formatDate(report.period.from)} – ${formatDate(report.period.to)}${filters ? ` · ${filters}` : ""} · generated ${formatDate(report.generatedOn)}`;
  doc.font("Helvetica").fontSize(9).fillColor(MUTED).text(line, MARGIN, y, { width, lineBreak: false });
  y += 14;
  doc.lineWidth(0.75).strokeColor(RULE).moveTo(MARGIN, y).lineTo(MARGIN + width, y).stroke();
  y += 8;

  const d = page.dashboard;
  if (d === null) {
    doc.font("Helvetica").fontSize(11).fillColor(INK).text("You manage no sites, so there are no figures to report.", MARGIN, y, { width });
    return;
  }
  const h = d.headcount;
  const people =
    h.start === 0 && h.end === 0 && h.average === 0
      ? "No technicians in this period."
      : `Technicians: ${h.start} on the first day, ${h.end} on the last, ${formatNumber(h.average)} on average; ${plural(h.hires, "hire")}.`;
  doc.font("Helvetica").fontSize(9.5).fillColor(INK).text(people, MARGIN, y, { width, lineBreak: false });
  y += 16;

  const [labelWidth, valueWidth] = [150, 72];
  const readingWidth = width - labelWidth - valueWidth - 12;
  for (const f of reportFigures(d, page.previous, page.stalled)) {
    doc.font("Helvetica").fontSize(8.5);
    const readingHeight = doc.heightOfString(f.reading, { width: readingWidth });
    const rowHeight = Math.max(11, Math.min(readingHeight, 22));
    doc.font("Helvetica").fontSize(9).fillColor(INK).text(f.label, MARGIN, y, { width: labelWidth, lineBreak: false });
    doc.font("Helvetica-Bold").fontSize(9).text(f.value, MARGIN + labelWidth, y, { width: valueWidth, align: "right", lineBreak: false });
    doc.font("Helvetica").fontSize(8.5).fillColor(MUTED).text(f.reading, MARGIN + labelWidth + valueWidth + 12, y, { width: readingWidth, height: rowHeight, ellipsis: true });
    y += rowHeight + 5;
    doc.lineWidth(0.25).strokeColor(RULE).moveTo(MARGIN, y - 2.5).lineTo(MARGIN + width, y - 2.5).stroke();
  }
  y += 4;
  doc.font("Helvetica-Bold").fontSize(9).fillColor(INK).text("Why people left", MARGIN, y, { lineBreak: false });
  y += 12;
  for (const [label, reasons] of [["Separation reasons", d.separationReasons], ["Exit interviews", d.exitInterviewReasons]] as const) {
    doc.font("Helvetica").fontSize(8.5).fillColor(INK).text(`${label}: ${topReasons(reasons)}`, MARGIN, y, { width, height: 11, ellipsis: true, lineBreak: false });
    y += 12;
  }
  y += 8;
  drawTrend(doc, d, y);
}

function drawFooter(doc: Doc, report: ReportHeader, page: ReportPage, number: number, count: number) {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.font("Helvetica").fontSize(7.5).fillColor(MUTED);
  doc.text(`${report.organization} · ${page.heading} · each figure is defined on the Metrics page`, MARGIN, doc.page.height - 30, { lineBreak: false });
  doc.text(`Page ${number} of ${count}`, MARGIN, doc.page.height - 30, { width: doc.page.width - 2 * MARGIN, align: "right", lineBreak: false });
  doc.page.margins.bottom = bottom;
}

/**
 * The report as a PDF stream: each page is drawn as soon as its figures are read, so the download
 * starts at once and a report of thousands of sites never waits for its last page to send its
 * first. A failure part-way ends the stream with the error (the download breaks off).
 */
export function streamProgramReport(plan: ProgramReportPlan, options: { now: Date }): Readable {
  const doc = new PDFDocument({
    size: "LETTER",
    margin: MARGIN,
    autoFirstPage: false,
    info: { Title: `Career ladder program report: ${plan.organization}`, Author: plan.organization, Subject: `${plan.period.from} to ${plan.period.to}`, CreationDate: options.now },
  });
  void (async () => {
    let number = 0;
    for await (const page of plan.pages) {
      doc.addPage();
      drawPage(doc, plan, page);
      drawFooter(doc, plan, page, ++number, plan.pageCount);
    }
    doc.end();
  })().catch((error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return doc;
}

export function programReportFileName(report: ReportHeader): string {
  return `program-report-${report.orgSlug}-${report.period.from}-to-${report.period.to}.pdf`;
}
