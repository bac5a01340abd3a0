import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Readable } from "node:stream";
import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { auditActorOf, rosterScope } from "../auth/index.ts";
import {
  ACTIVITY_TYPES,
  AUDIENCES,
  CE_CATEGORIES,
  CE_COLUMN_ALTERNATIVES,
  CE_COLUMN_HELP,
  CE_COLUMNS,
  CE_REQUIRED_COLUMNS,
  ceSettingsSchema,
  ceTemplateCsv,
  complianceCsv,
  complianceForActor,
  deleteCe,
  getCeRules,
  importCe,
  parseUan,
  personCeStanding,
  recordCe,
  TOPICS,
  toCeRecordDto,
  UAN_FORMATS,
  UAN_SOURCE,
  updateCeEvidence,
  updateCeSettings,
  verifyCe,
  type CeActivityType,
  type CeCategory,
} from "./index.ts";

const idParams = z.object({ id: z.uuid() });
const dateText = z.string().trim().max(20);

const ceRecordDto = z.object({
  id: z.string(),
  personId: z.string(),
  title: z.string(),
  provider: z.string().nullable(),
  uan: z.string().nullable(),
  completedOn: z.string(),
  hours: z.number(),
  activityType: z.string(),
  topic: z.string().nullable(),
  topicName: z.string().nullable(),
  format: z.string().nullable(),
  audience: z.string().nullable(),
  categories: z.array(z.string()),
  source: z.enum(["manual", "csv", "parsed"]),
  verificationStatus: z.enum(["unverified", "verified", "rejected"]),
  evidenceFile: z.object({ id: z.string(), fileName: z.string() }).nullable(),
  createdAt: z.string(),
});

const complianceDto = z.object({
  holdingId: z.string(),
  certificationCode: z.string(),
  credentialName: z.string(),
  state: z.string().nullable(),
  ruleSet: z.object({ code: z.string(), name: z.string(), source: z.string(), verify: z.boolean(), notes: z.array(z.string()), custom: z.boolean() }),
  cycle: z.object({ startsOn: z.string(), endsOn: z.string(), isFirst: z.boolean() }),
  daysLeft: z.number(),
  renewal: z.object({ opensOn: z.string().nullable(), applyBy: z.string().nullable(), isOpen: z.boolean(), isPastApplyBy: z.boolean() }),
  hoursNeeded: z.number(),
  hoursCounted: z.number(),
  hoursShort: z.number(),
  unverifiedHours: z.number(),
  requirements: z.array(z.object({ code: z.string(), label: z.string(), needed: z.number(), counted: z.number(), isMet: z.boolean() })),
  records: z.array(
    z.object({
      recordId: z.string(),
      title: z.string(),
      completedOn: z.string(),
      hours: z.number(),
      countedHours: z.number(),
      isVerified: z.boolean(),
      reason: z.string().nullable(),
      explanation: z.string().nullable(),
    }),
  ),
  status: z.enum(["complete", "short", "expired"]),
  warning: z.object({ days: z.number(), message: z.string() }).nullable(),
  isHoldingVerified: z.boolean(),
});

const withoutRulesDto = z.object({ holdingId: z.string(), certificationCode: z.string(), credentialName: z.string(), state: z.string().nullable(), reason: z.string() });

const standingDto = z.object({
  person: z.object({ id: z.string(), firstName: z.string(), lastName: z.string() }),
  today: z.string(),
  credentials: z.array(complianceDto),
  withoutRules: z.array(withoutRulesDto),
  records: z.array(ceRecordDto),
  permissions: z.object({ canRecord: z.boolean(), canVerify: z.boolean() }),
});

const complianceRowDto = z.object({
  personId: z.string(),
  employeeId: z.string(),
  name: z.string(),
  siteId: z.string(),
  siteCode: z.string(),
  credentialCode: z.string(),
  credentialName: z.string(),
  state: z.string().nullable(),
  cycleStartsOn: z.string(),
  cycleEndsOn: z.string(),
  daysLeft: z.number(),
  hoursNeeded: z.number(),
  hoursCounted: z.number(),
  hoursShort: z.number(),
  unverifiedHours: z.number(),
  missing: z.string(),
  status: z.enum(["complete", "short", "expired"]),
  warning: z.object({ days: z.number(), message: z.string() }).nullable(),
  renewalOpensOn: z.string().nullable(),
});

const recordBody = z.object({
  title: z.string().trim().min(1).max(300),
  provider: z.string().trim().max(200).nullish(),
  uan: z.string().trim().max(40).nullish().describe("ACPE UAN, e.g. 0175-0000-14-105-L05-T; gives format, topic and audience"),
  completedOn: dateText.describe("YYYY-MM-DD"),
  hours: z.number().positive().max(100).describe("Contact hours (0.1 CEU = 1 hour)"),
  activityType: z.enum(ACTIVITY_TYPES.map((a) => a.code) as [CeActivityType, ...CeActivityType[]]).nullish().describe("acpe when a UAN is given; otherwise other by default"),
  topic: z.string().trim().max(10).nullish().describe("ACPE topic designator 01–08, for an activity without a UAN"),
  format: z.enum(["live", "home-study", "blended"]).nullish(),
  audience: z.enum(["technician", "pharmacist"]).nullish(),
  categories: z.array(z.enum(CE_CATEGORIES.map((c) => c.code) as [CeCategory, ...CeCategory[]])).max(10).optional(),
  verified: z.boolean().optional().describe("Record as verified (an admin or the person's manager, having seen the statement of credit)"),
  evidenceFileId: z.uuid().nullish().describe("A copy of the statement of credit, uploaded with POST /api/people/{id}/evidence"),
});

const complianceQuery = z.object({
  siteId: z.uuid().optional(),
  short: z.enum(["0", "1", "true", "false"]).optional().describe("Only people short of a requirement"),
});

const importReply = z.object({ importId: z.string().nullable(), rows: z.number(), created: z.number(), verified: z.boolean(), dryRun: z.boolean() });
const isTrue = (value: string | undefined) => value === "1" || value === "true";

export function ceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  // The import's body is the CSV itself, streamed to the parser (the roster routes may have registered the same parser).
  if (!app.hasContentTypeParser("text/csv")) app.addContentTypeParser("text/csv", (_request, payload, done) => done(null, payload));

  r.get("/api/ce/reference", {
    config: { policy: "authenticated" },
    schema: { tags: ["ce"], summary: "UAN formats and topic designators, CE categories and activity types, and the organization's CE settings and rule sets in force, with sources" },
  }, async (request) => {
    const { settings, ruleSets } = await getCeRules(db, actorOf(request).orgId);
    return {
      uan: { formats: UAN_FORMATS, topics: TOPICS, audiences: AUDIENCES, source: UAN_SOURCE },
      categories: CE_CATEGORIES,
      activityTypes: ACTIVITY_TYPES,
      settings,
      ruleSets,
    };
  });

  r.get("/api/ce/uan/:uan", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["ce"],
      summary: "Parse an ACPE Universal Activity Number: provider, providership, release year, sequence, format, topic and audience, or errors naming each bad segment",
      params: z.object({ uan: z.string().max(60) }),
    },
  }, async (request) => {
    const { settings } = await getCeRules(db, actorOf(request).orgId);
    return parseUan(request.params.uan, { acceptBlended: settings.acceptBlendedFormat, acceptExtendedTopics: settings.acceptExtendedTopics });
  });

  r.get("/api/people/:id/ce", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["ce"],
      summary: "A person's CE records and compliance for each CE-bearing credential they hold (the person, their site's manager, an admin)",
      params: idParams,
      response: { 200: standingDto },
    },
  }, async (request) => personCeStanding(db, actorOf(request), request.params.id, app.deps.now()));

  r.post("/api/people/:id/ce", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["ce"],
      summary: "Record a CE activity, by hand or from its UAN (the person's own entries await verification)",
      params: idParams,
      body: recordBody,
      response: { 201: ceRecordDto },
    },
  }, async (request, reply) => {
    const record = await db.transaction().execute((tx) => recordCe(tx, actorOf(request), request.params.id, request.body, app.deps.now()));
    return reply.status(201).send(toCeRecordDto(record));
  });

  r.post("/api/ce/records/:id/verify", {
    config: { policy: "authenticated" },
    schema: { tags: ["ce"], summary: "Mark a CE record verified (seen the statement of credit or CPE Monitor) or rejected", params: idParams, body: z.object({ status: z.enum(["verified", "rejected"]) }), response: { 200: ceRecordDto } },
  }, async (request) => toCeRecordDto(await db.transaction().execute((tx) => verifyCe(tx, actorOf(request), request.params.id, request.body.status, app.deps.now()))));

  r.patch("/api/ce/records/:id", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["ce"],
      summary: "Attach a copy of the statement of credit (an evidence file uploaded for the person), replace it, or remove it with null",
      params: idParams,
      body: z.object({ evidenceFileId: z.uuid().nullable() }),
      response: { 200: ceRecordDto },
    },
  }, async (request) => toCeRecordDto(await db.transaction().execute((tx) => updateCeEvidence(tx, actorOf(request), request.params.id, request.body.evidenceFileId, app.deps.now()))));

  r.delete("/api/ce/records/:id", {
    config: { policy: "authenticated" },
    schema: { tags: ["ce"], summary: "Remove a CE record entered by mistake (the person while it is unverified; an admin or their manager always)", params: idParams },
  }, async (request, reply) => {
    await db.transaction().execute((tx) => deleteCe(tx, actorOf(request), request.params.id, app.deps.now()));
    return reply.status(204).send();
  });

  r.get("/api/ce/compliance", {
    config: { policy: "ce.compliance" },
    schema: {
      tags: ["ce"],
      summary: "CE compliance of everyone holding a CE-bearing credential at the caller's sites (admins: the organization): short first, nearest cycle end first",
      querystring: complianceQuery,
      response: {
        200: z.object({
          items: z.array(complianceRowDto),
          counts: z.object({ people: z.number(), short: z.number(), warned: z.number(), expired: z.number(), complete: z.number() }),
          withoutRules: z.array(withoutRulesDto.extend({ personId: z.string(), name: z.string() })),
          warningDays: z.array(z.number()),
        }),
      },
    },
  }, async (request) => complianceForActor(db, actorOf(request), { siteId: request.query.siteId, shortOnly: isTrue(request.query.short) }, app.deps.now()));

  r.get("/api/ce/compliance.csv", {
    config: { policy: "ce.compliance" },
    schema: { tags: ["ce"], summary: "The CE compliance list as CSV", querystring: complianceQuery },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const list = await complianceForActor(db, actor, { siteId: request.query.siteId, shortOnly: isTrue(request.query.short) }, app.deps.now());
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="rxladder-ce-compliance-${actor.orgSlug}.csv"`)
      .send(complianceCsv(list.items));
  });

  r.get("/api/ce/columns", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["ce"],
      summary: "CE import CSV columns; `alternative` names the column that may stand in for one (employee_id or email, contact_hours or ceus)",
      response: { 200: z.object({ columns: z.array(z.object({ name: z.string(), required: z.boolean(), alternative: z.string().nullable(), help: z.string() })) }) },
    },
  }, async () => ({
    columns: CE_COLUMNS.map((name) => ({ name, required: CE_REQUIRED_COLUMNS.includes(name), alternative: CE_COLUMN_ALTERNATIVES[name] ?? null, help: CE_COLUMN_HELP[name] })),
  }));

  r.get("/api/ce/template.csv", {
    config: { policy: "authenticated" },
    schema: { tags: ["ce"], summary: "CE import CSV template with example rows" },
  }, async (_request, reply) => {
    return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="rxladder-ce-template.csv"').send(ceTemplateCsv());
  });

  r.post("/api/ce/import", {
    config: { policy: "ce.import" },
    schema: {
      tags: ["ce"],
      summary: "Import CE records from CSV (content-type text/csv). Any error imports nothing; 422 lists every error with row and column. Managers import for their sites' people only.",
      querystring: z.object({
        dryRun: z.enum(["0", "1", "true", "false"]).optional(),
        verified: z.enum(["0", "1", "true", "false"]).optional().describe("The rows come from CPE Monitor or providers' statements: record them as verified"),
      }),
      response: { 200: importReply },
    },
  }, async (request) => {
    if (!request.headers["content-type"]?.startsWith("text/csv")) {
      throw new AppError("VALIDATION_FAILED", "Send the CE file as the request body with content-type text/csv", [{ field: "content-type", message: "must be text/csv" }]);
    }
    const actor = actorOf(request);
    const fileName = typeof request.headers["x-file-name"] === "string" ? safeDecode(request.headers["x-file-name"]).slice(0, 200) : undefined;
    return importCe(db, auditActorOf(actor), request.body as Readable, {
      fileName,
      dryRun: isTrue(request.query.dryRun),
      verified: isTrue(request.query.verified),
      scope: rosterScope(actor),
    }, app.deps.now());
  });

  r.get("/api/ce/imports", {
    config: { policy: "ce.import" },
    schema: {
      tags: ["ce"],
      summary: "Recent CE imports (a manager sees their own)",
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), fileName: z.string().nullable(), rows: z.number(), created: z.number(), verified: z.boolean(), importedAt: z.string(), actorName: z.string().nullable() })) }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    let query = db
      .selectFrom("ce_imports as i")
      .leftJoin("people as p", "p.id", "i.actor_id")
      .select(["i.id", "i.file_name", "i.rows_total", "i.created", "i.verified", "i.imported_at", "p.first_name", "p.last_name"])
      .where("i.org_id", "=", actor.orgId);
    if (actor.role !== "admin") query = query.where("i.actor_id", "=", actor.personId);
    const rows = await query.orderBy("i.imported_at", "desc").limit(20).execute();
    return {
      items: rows.map((i) => ({
        id: i.id,
        fileName: i.file_name,
        rows: i.rows_total,
        created: i.created,
        verified: i.verified,
        importedAt: new Date(i.imported_at).toISOString(),
        actorName: i.first_name ? `${i.first_name} ${i.last_name}` : null,
      })),
    };
  });

  r.put("/api/ce/settings", {
    config: { policy: "ce.settings" },
    schema: {
      tags: ["ce"],
      summary: "Set the organization's CE settings: the CPhT technician/pharmacist split, warning days, the (verify) UAN parts accepted, its own state rule sets",
      body: ceSettingsSchema,
    },
  }, async (request) => db.transaction().execute((tx) => updateCeSettings(tx, actorOf(request), request.body, app.deps.now())));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
