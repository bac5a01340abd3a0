import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Readable } from "node:stream";
import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { auditActorOf, rosterScope } from "../auth/index.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { getKpiImport, importKpis, KPI_COLUMN_HELP, KPI_COLUMNS, kpiTemplateCsv, listKpiDefinitions, listKpiImports, personKpiTrends, recordKpiValue, saveKpiDefinition } from "./index.ts";

const definitionDto = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(["higher", "lower"]),
  description: z.string(),
});

const definitionBody = z.object({
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits and hyphens, up to 40").describe("Stable code; the framework's KPI requirements and imports name it"),
  name: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(40).describe("e.g. %, prescriptions per hour, per 1,000 prescriptions"),
  direction: z.enum(["higher", "lower"]).describe("higher: higher is better; lower: lower is better"),
  description: z.string().trim().max(500).default(""),
});

const trendDto = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(["higher", "lower"]),
  points: z.array(z.object({ periodEnd: z.string(), value: z.number() })),
  latest: z.number().nullable(),
  improvement: z.number().nullable(),
  thresholds: z.array(
    z.object({
      level: z.string(),
      comparator: z.enum([">=", "<="]),
      threshold: z.number(),
      windowMonths: z.number(),
      average: z.number().nullable().describe("Mean of the figures in the window ending today at the person's site; null without figures"),
      periods: z.number(),
      isMet: z.boolean(),
    }),
  ),
});

const valueBody = z.object({
  kpi: z.string().trim().min(1).max(40),
  periodEnd: z.string().trim().max(20).describe("Last day of the period measured, YYYY-MM-DD"),
  value: z.number().finite().gt(-1e8).lt(1e8),
});

const isTrue = (value: string | undefined) => value === "1" || value === "true";

export function kpiRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  if (!app.hasContentTypeParser("text/csv")) app.addContentTypeParser("text/csv", (_request, payload, done) => done(null, payload));

  r.get("/api/kpis/definitions", {
    config: { policy: "authenticated" },
    schema: { tags: ["kpis"], summary: "The organization's KPI definitions (the default set on first use): unit and whether higher or lower is better", response: { 200: z.object({ items: z.array(definitionDto) }) } },
  }, async (request) => ({ items: await listKpiDefinitions(db, actorOf(request).orgId) }));

  r.put("/api/kpis/definitions/:code", {
    config: { policy: "kpis.define" },
    schema: { tags: ["kpis"], summary: "Add or change a KPI definition (admins)", params: z.object({ code: z.string().max(40) }), body: definitionBody, response: { 200: definitionDto } },
  }, async (request) => {
    if (request.params.code !== request.body.code) throw new AppError("VALIDATION_FAILED", "The code in the path and the body differ", [{ field: "code", message: "must match the path" }]);
    return db.transaction().execute((tx) => saveKpiDefinition(tx, actorOf(request), request.body, app.deps.now()));
  });

  r.get("/api/people/:id/kpis", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["kpis"],
      summary: "A person's KPI trends: one series per KPI with the thresholds the framework's levels set (the person, their site's manager, an admin)",
      params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ person: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }), trends: z.array(trendDto), canRecord: z.boolean() }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { definition } = await getPublishedFramework(db, actor.orgId);
    const thresholds = (kpi: string) =>
      definition.tracks.flatMap((t) =>
        t.levels.flatMap((l) => l.requirements.flatMap((q) => (q.kind === "kpi" && q.kpi === kpi ? [{ level: l.name, comparator: q.comparator, threshold: q.threshold, windowMonths: q.windowMonths }] : []))),
      );
    return personKpiTrends(db, actor, request.params.id, thresholds, app.deps.now());
  });

  r.post("/api/people/:id/kpis", {
    config: { policy: "kpis.record" },
    schema: {
      tags: ["kpis"],
      summary: "Record (or correct) a person's KPI figure for a period (their site's manager, an admin)",
      params: z.object({ id: z.uuid() }),
      body: valueBody,
      response: { 201: z.object({ id: z.string(), kpi: z.string(), periodEnd: z.string(), value: z.number(), source: z.enum(["manual", "csv"]) }) },
    },
  }, async (request, reply) => {
    const row = await db.transaction().execute((tx) => recordKpiValue(tx, actorOf(request), request.params.id, request.body, app.deps.now()));
    return reply.status(201).send({ ...row, value: Number(row.value) });
  });

  r.get("/api/kpis/columns", {
    config: { policy: "kpis.record" },
    schema: { tags: ["kpis"], summary: "KPI import CSV columns" },
  }, async () => ({ columns: KPI_COLUMNS.map((name) => ({ name, help: KPI_COLUMN_HELP[name] })) }));

  r.get("/api/kpis/template.csv", {
    config: { policy: "kpis.record" },
    schema: { tags: ["kpis"], summary: "A KPI import template to fill from a pharmacy-system export" },
  }, async (_request, reply) =>
    reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="rxladder-kpi-template.csv"').send(kpiTemplateCsv()));

  r.post("/api/kpis/import", {
    config: { policy: "kpis.record" },
    schema: {
      tags: ["kpis"],
      summary: "Import KPI figures from a pharmacy-system CSV export (content-type text/csv: employee_id, kpi, period_end, value). Any error imports nothing; 422 lists every error with row and column. Managers import for their sites' people only.",
      querystring: z.object({ dryRun: z.enum(["0", "1", "true", "false"]).optional() }),
      response: { 200: z.object({ rows: z.number(), created: z.number(), replaced: z.number(), dryRun: z.boolean(), importId: z.string().optional() }) },
    },
  }, async (request) => {
    if (!request.headers["content-type"]?.startsWith("text/csv")) {
      throw new AppError("VALIDATION_FAILED", "Send the KPI file as the request body with content-type text/csv", [{ field: "content-type", message: "must be text/csv" }]);
    }
    const actor = actorOf(request);
    const fileName = typeof request.headers["x-file-name"] === "string" ? request.headers["x-file-name"].slice(0, 200) : undefined;
    return importKpis(db, auditActorOf(actor), request.body as Readable, { scope: rosterScope(actor), dryRun: isTrue(request.query.dryRun), fileName }, app.deps.now());
  });

  const importDto = z.object({
    id: z.string(),
    importedAt: z.string(),
    importedBy: z.string().nullable(),
    fileName: z.string().nullable(),
    rows: z.number(),
    created: z.number(),
    replaced: z.number(),
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
  });

  r.get("/api/kpis/imports", {
    config: { policy: "kpis.record" },
    schema: {
      tags: ["kpis"],
      summary: "Past KPI imports, newest first: who, when, file name, rows and the periods covered (managers: imports with figures of their sites' people)",
      response: { 200: z.object({ items: z.array(importDto) }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return listKpiImports(db, actor.orgId, rosterScope(actor));
  });

  r.get("/api/kpis/imports/:id", {
    config: { policy: "kpis.record" },
    schema: {
      tags: ["kpis"],
      summary: "One KPI import with its figures as read from the file and the values they replaced (managers see their sites' people; hiddenFigures counts the others)",
      params: z.object({ id: z.uuid() }),
      response: {
        200: z.object({
          import: importDto,
          figures: z.array(z.object({ row: z.number(), personId: z.string(), employeeId: z.string(), name: z.string(), siteCode: z.string(), kpi: z.string(), periodEnd: z.string(), value: z.number(), previousValue: z.number().nullable() })),
          hiddenFigures: z.number(),
        }),
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return getKpiImport(db, actor.orgId, rosterScope(actor), request.params.id);
  });
}
