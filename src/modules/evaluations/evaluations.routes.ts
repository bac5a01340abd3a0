import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../server/auth-hooks.ts";
import { rosterScope } from "../auth/index.ts";
import { acknowledgeEvaluation, fillEvaluation, getEvaluation, getEvaluationTemplate, listDueEvaluations, listPersonEvaluations, listTemplateVersions, RATING_SCALE, saveEvaluationTemplate, updateEvaluation } from "./index.ts";

const idParams = z.object({ id: z.uuid() });
const rating = z.number().int().min(1).max(4);
const ratings = z.record(z.string().max(40), rating).describe("Item code → rating 1–4, for every item of the form");
const promptAnswers = z.record(z.string().max(40), z.string().max(4000)).describe("Comment prompt code → answer (optional, per prompt of the form)");
const itemDto = z.object({ code: z.string(), label: z.string(), kind: z.enum(["competency", "kpi"]), description: z.string() });
const promptDto = z.object({ code: z.string(), label: z.string() });
const templateDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  version: z.number(),
  items: z.array(itemDto),
  commentPrompts: z.array(promptDto),
  createdAt: z.string(),
  scale: z.array(z.object({ value: z.number(), label: z.string() })),
});
const templateBody = z.object({
  baseVersion: z.number().int().min(1).describe("The version you edited; 409 CONFLICT when a newer one was saved meanwhile"),
  name: z.string().max(200),
  items: z.array(z.object({ code: z.string().max(40), label: z.string().max(200), kind: z.enum(["competency", "kpi"]), description: z.string().max(500).default("") })).max(60),
  commentPrompts: z.array(z.object({ code: z.string().max(40), label: z.string().max(200) })).max(20).default([]),
});

const evaluationDto = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  siteId: z.string(),
  month: z.string(),
  template: z.object({ id: z.string(), name: z.string(), version: z.number() }),
  items: z.array(z.object({ code: z.string(), label: z.string(), kind: z.enum(["competency", "kpi"]), description: z.string(), rating: z.number().nullable() })),
  prompts: z.array(z.object({ code: z.string(), label: z.string(), answer: z.string().nullable() })),
  average: z.number(),
  comments: z.string().nullable(),
  evaluatorName: z.string(),
  acknowledgedAt: z.string().nullable(),
  technicianComment: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  isLocked: z.boolean(),
  canEdit: z.boolean(),
  canAcknowledge: z.boolean(),
});

const dueDto = z.object({
  personId: z.string(),
  employeeId: z.string(),
  name: z.string(),
  siteId: z.string(),
  siteCode: z.string(),
  siteName: z.string(),
  month: z.string(),
  lastMonth: z.string().nullable(),
});

export function evaluationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  r.get("/api/evaluations/template", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["evaluations"],
      summary: "The newest version of the organization's monthly evaluation form (the default one on first use) and the rating scale",
      response: { 200: templateDto },
    },
  }, async (request) => ({ ...(await getEvaluationTemplate(db, actorOf(request).orgId)), scale: [...RATING_SCALE] }));

  r.put("/api/evaluations/template", {
    config: { policy: "evaluations.template" },
    schema: {
      tags: ["evaluations"],
      summary: "Save the organization's evaluation form as a new version (admins); evaluations already filled keep their version. A save without changes adds none.",
      body: templateBody,
      response: { 200: templateDto.extend({ changed: z.boolean() }) },
    },
  }, async (request) => {
    const { template, changed } = await db.transaction().execute((tx) => saveEvaluationTemplate(tx, actorOf(request), request.body, app.deps.now()));
    return { ...template, scale: [...RATING_SCALE], changed };
  });

  r.get("/api/evaluations/template/versions", {
    config: { policy: "evaluations.template" },
    schema: {
      tags: ["evaluations"],
      summary: "Every version of the organization's evaluation form, newest first, with who saved it and how many evaluations use it (admins)",
      response: { 200: z.object({ items: z.array(templateDto.omit({ scale: true }).extend({ createdBy: z.string().nullable(), evaluations: z.number() })) }) },
    },
  }, async (request) => {
    const orgId = actorOf(request).orgId;
    await getEvaluationTemplate(db, orgId);
    return { items: await listTemplateVersions(db, orgId) };
  });

  r.get("/api/evaluations/due", {
    config: { policy: "evaluations.manage" },
    schema: {
      tags: ["evaluations"],
      summary: "Active technicians at the sites you manage without an evaluation for their site's current month (in the site's time zone)",
      querystring: z.object({ siteId: z.uuid().optional() }),
      response: { 200: z.object({ items: z.array(dueDto) }) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return listDueEvaluations(db, actor.orgId, rosterScope(actor), app.deps.now(), request.query.siteId);
  });

  r.get("/api/people/:id/evaluations", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["evaluations"],
      summary: "A person's monthly evaluations, newest first (the person, their site's manager, an admin)",
      params: idParams,
      response: { 200: z.object({ items: z.array(evaluationDto), canFill: z.boolean() }) },
    },
  }, async (request) => listPersonEvaluations(db, actorOf(request), request.params.id));

  r.post("/api/people/:id/evaluations", {
    config: { policy: "evaluations.manage" },
    schema: {
      tags: ["evaluations"],
      summary: "Fill a technician's evaluation for a month (their site's manager, an admin); one per person per month",
      params: idParams,
      body: z.object({ month: z.string().trim().max(10).describe("YYYY-MM"), ratings, comments: z.string().max(4000).nullish(), promptAnswers: promptAnswers.optional() }),
      response: { 201: evaluationDto },
    },
  }, async (request, reply) => {
    const evaluation = await db.transaction().execute((tx) => fillEvaluation(tx, actorOf(request), request.params.id, request.body, app.deps.now()));
    return reply.status(201).send(evaluation);
  });

  r.get("/api/evaluations/:id", {
    config: { policy: "authenticated" },
    schema: { tags: ["evaluations"], summary: "One evaluation", params: idParams, response: { 200: evaluationDto } },
  }, async (request) => getEvaluation(db, actorOf(request), request.params.id));

  r.patch("/api/evaluations/:id", {
    config: { policy: "evaluations.manage" },
    schema: {
      tags: ["evaluations"],
      summary: "Change ratings or comments before the technician acknowledges (audited with before and after); 409 EVALUATION_LOCKED afterwards",
      params: idParams,
      body: z.object({ ratings: ratings.optional(), comments: z.string().max(4000).nullish(), promptAnswers: promptAnswers.optional() }),
      response: { 200: evaluationDto },
    },
  }, async (request) => db.transaction().execute((tx) => updateEvaluation(tx, actorOf(request), request.params.id, request.body, app.deps.now())));

  r.post("/api/evaluations/:id/acknowledge", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["evaluations"],
      summary: "The technician acknowledges their evaluation, with an optional comment; it is then locked",
      params: idParams,
      body: z.object({ comment: z.string().max(4000).nullish() }),
      response: { 200: evaluationDto },
    },
  }, async (request) => db.transaction().execute((tx) => acknowledgeEvaluation(tx, actorOf(request), request.params.id, request.body, app.deps.now())));
}
