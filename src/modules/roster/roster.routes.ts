import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Readable } from "node:stream";
import { z } from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { auditActorOf, can, inviteAccount, rosterScope } from "../auth/index.ts";
import {
  createPerson,
  createSite,
  exportRosterCsv,
  getPerson,
  importRoster,
  listPeople,
  listSites,
  recordEmploymentEvent,
  recordExitInterview,
  rosterTemplateCsv,
  toPersonDto,
  toSiteDto,
  updatePerson,
  updateSite,
} from "./index.ts";
import { listEmploymentEvents, listExitInterviews, toEventDto } from "./people.queries.ts";
import { ROLES, ROSTER_COLUMN_HELP, ROSTER_COLUMNS, ROSTER_REQUIRED_COLUMNS, SEPARATION_REASONS, SEPARATION_TYPES, SITE_SETTINGS, STATUSES } from "./roster.rules.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD");
const uuid = z.uuid();
const idParams = z.object({ id: uuid });
const role = z.enum(ROLES as [string, ...string[]]).transform((v) => v as (typeof ROLES)[number]);

const personDto = z.object({
  id: z.string(),
  employeeId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  hireDate: z.string(),
  siteId: z.string(),
  siteCode: z.string(),
  siteName: z.string(),
  role: z.string(),
  status: z.string(),
  separationDate: z.string().nullable(),
  separationType: z.string().nullable(),
  separationReason: z.string().nullable(),
});
const eventDto = z.object({
  id: z.string(),
  kind: z.string(),
  effectiveDate: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  fromSiteId: z.string().nullable(),
  fromSiteName: z.string().nullable(),
  separationType: z.string().nullable(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
});
const exitInterviewDto = z.object({
  id: z.string(),
  interviewDate: z.string(),
  reasonCodes: z.array(z.string()),
  comments: z.string().nullable(),
  wouldReturn: z.boolean().nullable(),
});
const siteDto = z.object({ id: z.string(), code: z.string(), name: z.string(), state: z.string(), setting: z.string(), timeZone: z.string(), headcount: z.number() });
const siteBody = z.object({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(200),
  state: z.string().trim().length(2),
  setting: z.enum(SITE_SETTINGS as [string, ...string[]]).transform((v) => v as (typeof SITE_SETTINGS)[number]),
  timeZone: z.string().trim().min(1),
});
const importReply = z.object({ importId: z.string().nullable(), rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), dryRun: z.boolean() });

export function rosterRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const db = database.db;

  // The body of a roster import is the CSV itself, streamed to the parser.
  app.addContentTypeParser("text/csv", (_request, payload, done) => done(null, payload));

  r.get("/api/sites", {
    config: { policy: "sites.read" },
    schema: { tags: ["sites"], summary: "Sites of the organization with current headcount", response: { 200: z.object({ items: z.array(siteDto) }) } },
  }, async (request) => ({ items: (await listSites(db, actorOf(request).orgId)).map(toSiteDto) }));

  r.post("/api/sites", {
    config: { policy: "sites.write" },
    schema: { tags: ["sites"], summary: "Add a site", body: siteBody, response: { 201: siteDto } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const site = await db.transaction().execute((tx) => createSite(tx, auditActorOf(actor), request.body, app.deps.now()));
    return reply.status(201).send(toSiteDto(site));
  });

  r.patch("/api/sites/:id", {
    config: { policy: "sites.write" },
    schema: { tags: ["sites"], summary: "Change a site", params: idParams, body: siteBody.partial(), response: { 200: siteDto } },
  }, async (request) => {
    const actor = actorOf(request);
    return toSiteDto(await db.transaction().execute((tx) => updateSite(tx, auditActorOf(actor), request.params.id, request.body, app.deps.now())));
  });

  r.get("/api/people", {
    config: { policy: "roster.list" },
    schema: {
      tags: ["roster"],
      summary: "The roster the caller may see: the organization (admin), their sites (manager, pharmacist) or themself",
      querystring: z.object({
        q: z.string().trim().max(100).optional(),
        siteId: uuid.optional(),
        status: z.enum(STATUSES as [string, ...string[]]).optional(),
        role: role.optional(),
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(200).default(25),
      }),
      response: { 200: z.object({ items: z.array(personDto), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { items, total } = await listPeople(db, actor.orgId, rosterScope(actor), { ...request.query, status: request.query.status as any });
    return { items: items.map(toPersonDto), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  r.post("/api/people", {
    config: { policy: "people.create" },
    schema: {
      tags: ["roster"],
      summary: "Add a person to the roster",
      body: z.object({
        employeeId: z.string().trim().min(1).max(64),
        firstName: z.string().trim().min(1).max(100),
        lastName: z.string().trim().min(1).max(100),
        email: z.email(),
        phone: z.string().trim().max(40).nullish(),
        hireDate: isoDate,
        siteId: uuid,
        role: role.default("technician"),
      }),
      response: { 201: personDto },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const person = await db.transaction().execute((tx) => createPerson(tx, actor, request.body, app.deps.now()));
    return reply.status(201).send(toPersonDto(person));
  });

  r.get("/api/people/:id", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["roster"],
      summary: "One person; employment history and exit interviews for those allowed to see HR records",
      params: idParams,
      response: {
        200: z.object({
          person: personDto,
          events: z.array(eventDto).nullable(),
          exitInterviews: z.array(exitInterviewDto).nullable(),
          hasAccount: z.boolean(),
          permissions: z.object({ canEdit: z.boolean(), canSeeHistory: z.boolean(), canManageAccount: z.boolean() }),
        }),
      },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const person = await getPerson(db, actor.orgId, request.params.id);
    const ref = { id: person.id, orgId: person.org_id, siteId: person.site_id };
    if (!can(actor, "person.read", ref)) throw new AppError("FORBIDDEN", "You do not have access to this person");
    const canSeeHistory = can(actor, "person.readHistory", ref);
    const account = await db.selectFrom("accounts").select("id").where("person_id", "=", person.id).executeTakeFirst();
    return {
      person: toPersonDto(person),
      events: canSeeHistory ? (await listEmploymentEvents(db, person.id)).map(toEventDto) : null,
      exitInterviews: canSeeHistory ? await listExitInterviews(db, person.id) : null,
      hasAccount: Boolean(account),
      permissions: { canEdit: can(actor, "person.write", ref), canSeeHistory, canManageAccount: actor.role === "admin" },
    };
  });

  r.patch("/api/people/:id", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["roster"],
      summary: "Change contact details or role (site and status change through employment events)",
      params: idParams,
      body: z.object({
        firstName: z.string().trim().min(1).max(100).optional(),
        lastName: z.string().trim().min(1).max(100).optional(),
        email: z.email().optional(),
        phone: z.string().trim().max(40).nullable().optional(),
        role: role.optional(),
      }),
      response: { 200: personDto },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return toPersonDto(await db.transaction().execute((tx) => updatePerson(tx, actor, request.params.id, request.body, app.deps.now())));
  });

  r.post("/api/people/:id/events", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["roster"],
      summary: "Record a transfer, leave, return, separation or rehire",
      params: idParams,
      body: z.object({
        kind: z.enum(["transfer", "leave", "return", "separation", "rehire"]),
        effectiveDate: isoDate,
        siteId: uuid.optional(),
        separationType: z.enum(SEPARATION_TYPES as [string, ...string[]]).transform((v) => v as (typeof SEPARATION_TYPES)[number]).optional(),
        reasonCode: z.string().trim().min(1).optional(),
        note: z.string().trim().max(2000).optional(),
      }),
      response: { 201: eventDto },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const event = await db.transaction().execute((tx) => recordEmploymentEvent(tx, actor, request.params.id, request.body, app.deps.now()));
    const events = await listEmploymentEvents(db, request.params.id);
    return reply.status(201).send(toEventDto(events.find((e) => e.id === event.id)!));
  });

  r.post("/api/people/:id/exit-interviews", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["roster"],
      summary: "Record an exit interview with coded reasons",
      params: idParams,
      body: z.object({
        interviewDate: isoDate,
        reasonCodes: z.array(z.string()).max(10),
        comments: z.string().trim().max(5000).nullish(),
        wouldReturn: z.boolean().nullish(),
      }),
      response: { 201: exitInterviewDto },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const interview = await db.transaction().execute((tx) => recordExitInterview(tx, actor, request.params.id, request.body, app.deps.now()));
    return reply.status(201).send(interview);
  });

  r.post("/api/people/:id/account", {
    config: { policy: "accounts.manage" },
    schema: { tags: ["roster"], summary: "Open a sign-in account and e-mail an invitation", params: idParams, response: { 201: z.object({ email: z.string() }) } },
  }, async (request, reply) => {
    const result = await inviteAccount(db, app.deps.mailer, actorOf(request), request.params.id, app.deps.config.publicUrl, app.deps.now());
    return reply.status(201).send(result);
  });

  r.get("/api/reference/separation-reasons", {
    config: { policy: "authenticated" },
    schema: { tags: ["roster"], summary: "Coded separation and exit-interview reasons", response: { 200: z.object({ items: z.array(z.object({ code: z.string(), type: z.string(), label: z.string() })) }) } },
  }, async () => ({ items: [...SEPARATION_REASONS] }));

  r.get("/api/roster/columns", {
    config: { policy: "authenticated" },
    schema: { tags: ["roster"], summary: "Roster CSV columns", response: { 200: z.object({ columns: z.array(z.object({ name: z.string(), required: z.boolean(), help: z.string() })) }) } },
  }, async () => ({
    columns: ROSTER_COLUMNS.map((name) => ({ name, required: (ROSTER_REQUIRED_COLUMNS as readonly string[]).includes(name), help: ROSTER_COLUMN_HELP[name] })),
  }));

  r.get("/api/roster/template.csv", {
    config: { policy: "authenticated" },
    schema: { tags: ["roster"], summary: "Roster CSV template with example rows" },
  }, async (request, reply) => {
    const first = (await listSites(db, actorOf(request).orgId))[0];
    return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="rxladder-roster-template.csv"').send(rosterTemplateCsv(first?.code));
  });

  r.get("/api/roster/export.csv", {
    config: { policy: "roster.export" },
    schema: { tags: ["roster"], summary: "The roster (as far as the caller may see it) in the template's columns" },
  }, async (request, reply) => {
    const actor = actorOf(request);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="rxladder-roster-${actor.orgSlug}.csv"`)
      .send(exportRosterCsv(db, actor.orgId, rosterScope(actor)));
  });

  r.post("/api/roster/import", {
    config: { policy: "roster.import" },
    schema: {
      tags: ["roster"],
      summary: "Import a roster CSV (content-type text/csv). Any error imports nothing; 422 lists every error with row and column.",
      querystring: z.object({ dryRun: z.enum(["0", "1", "true", "false"]).optional() }),
      response: { 200: importReply },
    },
  }, async (request) => {
    if (!request.headers["content-type"]?.startsWith("text/csv")) {
      throw new AppError("VALIDATION_FAILED", "Send the roster as the request body with content-type text/csv", [{ field: "content-type", message: "must be text/csv" }]);
    }
    const actor = actorOf(request);
    const fileName = typeof request.headers["x-file-name"] === "string" ? decodeURIComponent(request.headers["x-file-name"]).slice(0, 200) : undefined;
    const dryRun = request.query.dryRun === "1" || request.query.dryRun === "true";
    return importRoster(db, auditActorOf(actor), request.body as Readable, { fileName, dryRun }, app.deps.now());
  });

  r.get("/api/roster/imports", {
    config: { policy: "roster.import" },
    schema: {
      tags: ["roster"],
      summary: "Recent roster imports",
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), fileName: z.string().nullable(), rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), importedAt: z.string(), actorName: z.string().nullable() })) }) },
    },
  }, async (request) => {
    const rows = await db
      .selectFrom("roster_imports as i")
      .leftJoin("people as p", "p.id", "i.actor_id")
      .select(["i.id", "i.file_name", "i.rows_total", "i.created", "i.updated", "i.unchanged", "i.imported_at", "p.first_name", "p.last_name"])
      .where("i.org_id", "=", actorOf(request).orgId)
      .orderBy("i.imported_at", "desc")
      .limit(20)
      .execute();
    return {
      items: rows.map((i) => ({
        id: i.id,
        fileName: i.file_name,
        rows: i.rows_total,
        created: i.created,
        updated: i.updated,
        unchanged: i.unchanged,
        importedAt: new Date(i.imported_at).toISOString(),
        actorName: i.first_name ? `${i.first_name} ${i.last_name}` : null,
      })),
    };
  });
}
