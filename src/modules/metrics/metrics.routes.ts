import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { dashboardCsv, dashboardFileName, dashboardTables, dashboardXlsx } from "./dashboard-export.ts";
import { loadCeCompliance, loadDashboard, metricsFilterFor } from "./load-dashboard.ts";
import { metricPeople, PEOPLE_METRICS, stalledPeople, updateMetricsSettings } from "./metric-people.ts";
import { getStalledMonths } from "./metrics.queries.ts";
import { DEFAULT_STALLED_MONTHS, STALLED_MONTHS_RANGE } from "./metrics.rules.ts";
import { planProgramReport, programReportFileName, streamProgramReport } from "./program-report.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD");
const code = z.string().trim().min(1).max(80);

const filterQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  siteId: z.uuid().optional(),
  track: code.optional(),
  levelCode: code.optional(),
});
const dashboardQuery = filterQuery.extend({ retention: z.enum(["cohort", "level", "track"]).optional() });

const nullableNumber = z.number().nullable();
const rate = z.object({ count: z.number(), rate: nullableNumber, annualized: nullableNumber });
const buckets = z.object({ within30: z.number(), within60: z.number(), within90: z.number() });
const reasons = z.array(z.object({ code: z.string(), label: z.string(), count: z.number(), share: z.number() }));

const dashboardDto = z.object({
  period: z.object({ from: z.string(), to: z.string(), today: z.string(), days: z.number(), months: z.number() }),
  filter: z.object({ siteIds: z.array(z.string()).nullable(), track: z.string().nullable(), levelCode: z.string().nullable() }),
  headcount: z.object({ start: z.number(), end: z.number(), average: z.number(), hires: z.number() }),
  turnover: z.object({ averageHeadcount: z.number(), voluntary: rate, involuntary: rate, total: rate }),
  promotions: z.object({ count: z.number(), per100PerYear: nullableNumber, medianMonthsInLevel: nullableNumber, measured: z.number() }),
  training: z.object({ due: z.number(), onTime: z.number(), late: z.number(), missed: z.number(), rate: nullableNumber }),
  certification: z.object({
    hires: z.number(),
    deadlineMonths: z.number(),
    onTime: z.number(),
    late: z.number(),
    missed: z.number(),
    pending: z.number(),
    onTimeRate: nullableNumber,
    medianMonthsToCertification: nullableNumber,
  }),
  expiring: z.object({ certifications: buckets, competencies: buckets }),
  separationReasons: reasons,
  exitInterviewReasons: reasons,
  retention: z.object({
    groupBy: z.enum(["cohort", "level", "track"]),
    curves: z.array(
      z.object({
        group: z.string(),
        subjects: z.number(),
        separations: z.number(),
        medianMonths: nullableNumber,
        points: z.array(z.object({ month: z.number(), survival: z.number(), lower: z.number(), upper: z.number(), atRisk: z.number() })),
      }),
    ),
  }),
  trend: z.array(
    z.object({
      month: z.string(),
      from: z.string(),
      to: z.string(),
      averageHeadcount: z.number(),
      hires: z.number(),
      voluntary: z.number(),
      involuntary: z.number(),
      promotions: z.number(),
      voluntaryTurnover: nullableNumber,
      totalTurnover: nullableNumber,
      promotionsPer100: nullableNumber,
    }),
  ),
  stalledMonths: z.number(),
});

const ceDto = z.object({ credentials: z.number(), people: z.number(), complete: z.number(), short: z.number(), expired: z.number(), rate: nullableNumber });

const personRow = z.object({ personId: z.string(), employeeId: z.string(), name: z.string(), siteCode: z.string(), date: z.string(), detail: z.string() });
const stalledRow = z.object({
  personId: z.string(),
  employeeId: z.string(),
  name: z.string(),
  siteCode: z.string(),
  track: z.string(),
  trackName: z.string(),
  level: z.string(),
  levelName: z.string(),
  since: z.string(),
  monthsInLevel: z.number(),
  nextLevel: z.string(),
  nextLevelName: z.string(),
  percent: z.number(),
  missing: z.array(z.object({ kind: z.string(), label: z.string(), reason: z.string() })),
});
const settingsDto = z.object({ stalledMonths: z.number() });

export function metricsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  r.get("/api/metrics/dashboard", {
    config: { policy: "metrics.read" },
    schema: {
      tags: ["metrics"],
      summary: "Program metrics for a period (default the last 12 months) at the caller's sites (admins: the organization), filtered by site, track and level, with the monthly trend; definitions in docs/metrics.md",
      querystring: dashboardQuery,
      response: { 200: dashboardDto },
    },
  }, async (request) => {
    const now = app.deps.now();
    const filter = await metricsFilterFor(db, actorOf(request), request.query, now);
    return loadDashboard(db, filter, { retentionGroup: request.query.retention }, now);
  });

  r.get("/api/metrics/dashboard/export", {
    config: { policy: "metrics.read" },
    schema: { tags: ["metrics"], summary: "The dashboard as CSV (tables one after another) or XLSX (a sheet per table)", querystring: dashboardQuery.extend({ format: z.enum(["csv", "xlsx"]) }) },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const now = app.deps.now();
    const filter = await metricsFilterFor(db, actor, request.query, now);
    const [dashboard, ce] = await Promise.all([loadDashboard(db, filter, { retentionGroup: request.query.retention }, now), loadCeCompliance(db, filter)]);
    const scope = filter.siteIds === null ? "Organization" : `${filter.siteIds.length} site${filter.siteIds.length === 1 ? "" : "s"}`;
    const tables = dashboardTables(dashboard, ce, { scope });
    const file = dashboardFileName(actor.orgSlug, dashboard, request.query.format);
    if (request.query.format === "csv") {
      return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${file}"`).send(dashboardCsv(tables));
    }
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="${file}"`)
      .send(await dashboardXlsx(tables));
  });

  r.get("/api/metrics/report.pdf", {
    config: { policy: "metrics.read" },
    schema: {
      tags: ["metrics"],
      summary: "The program report as a PDF: an organization summary and one page per site (managers: their sites; with siteId: that site), the dashboard's headline figures with readings and the monthly trend",
      querystring: filterQuery,
    },
  }, async (request, reply) => {
    const now = app.deps.now();
    const plan = await planProgramReport(db, actorOf(request), request.query, now);
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", `attachment; filename="${programReportFileName(plan)}"`)
      .send(streamProgramReport(plan, { now }));
  });

  r.get("/api/metrics/ce-compliance", {
    config: { policy: "metrics.read" },
    schema: {
      tags: ["metrics"],
      summary: "CE compliance today of the credentials held by the current technicians at the caller's sites (admins: the organization), filtered by site, track and level",
      querystring: filterQuery.omit({ from: true, to: true }),
      response: { 200: ceDto },
    },
  }, async (request) => {
    const filter = await metricsFilterFor(db, actorOf(request), request.query, app.deps.now());
    return loadCeCompliance(db, filter);
  });

  r.get("/api/metrics/people", {
    config: { policy: "metrics.read" },
    schema: {
      tags: ["metrics"],
      summary: "The people behind one dashboard figure, for the same filter (expiries: within `days` of today)",
      querystring: filterQuery.extend({ metric: z.enum(PEOPLE_METRICS), days: z.coerce.number().int().refine((d) => d === 30 || d === 60 || d === 90, "must be 30, 60 or 90").optional() }),
      response: { 200: z.object({ metric: z.string(), items: z.array(personRow) }) },
    },
  }, async (request) => {
    const now = app.deps.now();
    const filter = await metricsFilterFor(db, actorOf(request), request.query, now);
    return { metric: request.query.metric, items: await metricPeople(db, filter, request.query.metric, { days: request.query.days }, now) };
  });

  r.get("/api/metrics/stalled", {
    config: { policy: "metrics.read" },
    schema: {
      tags: ["metrics"],
      summary: "People in the same level at least the organization's threshold with requirements of the next level still missing, longest first",
      querystring: filterQuery.omit({ from: true, to: true }),
      response: { 200: z.object({ thresholdMonths: z.number(), items: z.array(stalledRow) }) },
    },
  }, async (request) => {
    const now = app.deps.now();
    const filter = await metricsFilterFor(db, actorOf(request), request.query, now);
    return stalledPeople(db, filter);
  });

  r.get("/api/metrics/settings", {
    config: { policy: "metrics.read" },
    schema: { tags: ["metrics"], summary: "The organization's metrics settings", response: { 200: settingsDto } },
  }, async (request) => ({ stalledMonths: (await getStalledMonths(db, actorOf(request).orgId)) ?? DEFAULT_STALLED_MONTHS }));

  r.put("/api/metrics/settings", {
    config: { policy: "metrics.settings" },
    schema: {
      tags: ["metrics"],
      summary: "Sets the stalled-progress threshold in months (admins)",
      body: z.object({ stalledMonths: z.number().int().min(STALLED_MONTHS_RANGE.min).max(STALLED_MONTHS_RANGE.max) }),
      response: { 200: settingsDto },
    },
  }, async (request) => db.transaction().execute((tx) => updateMetricsSettings(tx, actorOf(request), request.body, app.deps.now())));
}
