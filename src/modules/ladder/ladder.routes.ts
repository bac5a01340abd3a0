import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../server/auth-hooks.ts";
import { getPublishedFramework } from "./framework.queries.ts";
import { PROFICIENCY_SCALE, type Proficiency } from "./framework.types.ts";
import { assessablePeople, competencyDetail, personLadder, teamReadiness } from "./ladder-views.ts";
import { revokeSignoff, signOffCompetency } from "./sign-off-competency.ts";
import { discardDraft, findDraft, listVersions, NO_DRAFT_REVISION, previewDraft, publishDraft, saveDraft, type Draft } from "./edit-framework.ts";
import { frameworkSchema } from "./framework.schema.ts";
import type { FrameworkDefinition } from "./framework.types.ts";

const idParams = z.object({ id: z.uuid() });
const requirementResult = z.object({ kind: z.string(), label: z.string(), status: z.enum(["met", "missing", "expiring"]), reason: z.string(), progress: z.number(), expiresOn: z.string().nullable() });
export const eligibilityDto = z.object({
  track: z.string(),
  trackName: z.string(),
  level: z.string(),
  levelName: z.string(),
  eligible: z.boolean(),
  percent: z.number(),
  requirements: z.array(requirementResult),
  nextSteps: z.array(z.string()),
});

export function ladderRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  r.get("/api/ladder/framework", {
    config: { policy: "authenticated" },
    schema: { tags: ["ladder"], summary: "The career-ladder framework in force: tracks, levels with requirements, competencies" },
  }, async (request) => {
    const framework = await getPublishedFramework(db, actorOf(request).orgId);
    return { ...framework, proficiencyScale: PROFICIENCY_SCALE };
  });

  r.get("/api/ladder/people/:id", {
    config: { policy: "authenticated" },
    schema: { tags: ["ladder"], summary: "A person's ladder: current levels, next level's requirements explained, certifications, competencies, history", params: idParams },
  }, async (request) => personLadder(db, actorOf(request), request.params.id, app.deps.now()));

  r.get("/api/ladder/team", {
    config: { policy: "ladder.team" },
    schema: {
      tags: ["ladder"],
      summary: "Readiness for the next core level of everyone the caller may see",
      querystring: z.object({ siteId: z.uuid().optional() }),
    },
  }, async (request) => ({ items: await teamReadiness(db, actorOf(request), request.query, app.deps.now()) }));

  r.get("/api/ladder/assessable", {
    config: { policy: "authenticated" },
    schema: { tags: ["ladder"], summary: "People the caller may assess on at least one competency" },
  }, async (request) => ({ items: await assessablePeople(db, actorOf(request), app.deps.now()) }));

  r.get("/api/ladder/people/:id/competencies/:code", {
    config: { policy: "authenticated" },
    schema: { tags: ["ladder"], summary: "One competency for one person: steps signed, sign-offs, and whether the caller may assess", params: z.object({ id: z.uuid(), code: z.string().min(1).max(100) }) },
  }, async (request) => competencyDetail(db, actorOf(request), request.params.id, request.params.code, app.deps.now()));

  r.post("/api/ladder/signoffs", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["ladder"],
      summary: "Sign off checklist steps or a whole competency; the assessor's password is the e-signature",
      body: z.object({
        personId: z.uuid(),
        competencyCode: z.string().min(1).max(100),
        stepCodes: z.array(z.string().min(1).max(100)).max(50).optional(),
        proficiency: z.number().int().min(1).max(4),
        evidenceNote: z.string().trim().max(2000).optional(),
        evidenceFileId: z.uuid().optional().describe("An evidence file uploaded for the person with POST /api/people/{id}/evidence"),
        password: z.string().min(1).max(200),
      }),
      response: { 201: z.object({ signed: z.number(), validUntil: z.string().nullable() }) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await db.transaction().execute((tx) => signOffCompetency(tx, actor, { ...request.body, proficiency: request.body.proficiency as Proficiency }, app.deps.now()));
    return reply.status(201).send(result);
  });

  r.post("/api/ladder/signoffs/:id/revoke", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["ladder"],
      summary: "Revoke a sign-off with a reason (a new entry; the original is kept)",
      params: idParams,
      body: z.object({ reason: z.string().trim().min(3).max(2000), password: z.string().min(1).max(200) }),
      response: { 201: z.object({ id: z.string() }) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await db.transaction().execute((tx) => revokeSignoff(tx, actor, { signoffId: request.params.id, ...request.body }, app.deps.now()));
    return reply.status(201).send(result);
  });

  r.get("/api/ladder/framework/versions", {
    config: { policy: "ladder.framework" },
    schema: { tags: ["ladder"], summary: "Every version of the framework, newest first, with the draft if there is one" },
  }, async (request) => ({
    items: (await listVersions(db, actorOf(request).orgId)).map((v) => ({
      version: v.version,
      status: v.status,
      note: v.note,
      createdAt: new Date(v.created_at).toISOString(),
      publishedAt: v.published_at ? new Date(v.published_at).toISOString() : null,
      by: v.first_name ? `${v.first_name} ${v.last_name}` : null,
    })),
  }));

  const draftDto = z.object({
    version: z.number(),
    isDraft: z.boolean(),
    note: z.string().nullable(),
    definition: z.unknown(),
    revision: z.number().describe("Send back as baseRevision when saving, publishing or discarding; 0 when there is no draft"),
    savedAt: z.string().nullable(),
    savedBy: z.string().nullable(),
  });
  const toDraftDto = (draft: Draft) => ({
    version: draft.version,
    isDraft: true,
    note: draft.note,
    definition: draft.definition,
    revision: draft.revision,
    savedAt: new Date(draft.created_at).toISOString(),
    savedBy: draft.first_name ? `${draft.first_name} ${draft.last_name}` : null,
  });
  const baseRevision = z.number().int().min(0).describe("The revision the edit started from, as GET /api/ladder/framework/draft gave it");

  r.get("/api/ladder/framework/draft", {
    config: { policy: "ladder.framework" },
    schema: { tags: ["ladder"], summary: "The draft being edited, or the published framework to start one from, with the revision to send back", response: { 200: draftDto } },
  }, async (request) => {
    const actor = actorOf(request);
    const draft = await findDraft(db, actor.orgId);
    if (draft) return toDraftDto(draft);
    const published = await getPublishedFramework(db, actor.orgId);
    return { version: published.version, isDraft: false, note: null, definition: published.definition, revision: NO_DRAFT_REVISION, savedAt: null, savedBy: null };
  });

  r.put("/api/ladder/framework/draft", {
    config: { policy: "ladder.framework" },
    schema: {
      tags: ["ladder"],
      summary: "Save the draft (validated; affects nobody until published). 409 DRAFT_CHANGED when someone else saved, published or discarded it since baseRevision",
      body: z.object({ definition: frameworkSchema, note: z.string().trim().max(2000).nullish(), baseRevision }),
      response: { 200: draftDto },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { definition, note, baseRevision: base } = request.body;
    const draft = await db.transaction().execute((tx) => saveDraft(tx, actor, definition as FrameworkDefinition, note ?? null, base, app.deps.now()));
    return toDraftDto(draft);
  });

  r.delete("/api/ladder/framework/draft", {
    config: { policy: "ladder.framework" },
    schema: { tags: ["ladder"], summary: "Discard the draft (with baseRevision: only if nobody saved it since)", querystring: z.object({ baseRevision: z.coerce.number().int().min(0).optional() }) },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => discardDraft(tx, actor, app.deps.now(), request.query.baseRevision));
    return reply.status(204).send();
  });

  r.post("/api/ladder/framework/preview", {
    config: { policy: "ladder.framework" },
    schema: { tags: ["ladder"], summary: "Who would become eligible or ineligible if this framework were published now", body: z.object({ definition: frameworkSchema }) },
  }, async (request) => previewDraft(db, actorOf(request), request.body.definition as FrameworkDefinition, app.deps.now()));

  r.post("/api/ladder/framework/publish", {
    config: { policy: "ladder.framework" },
    schema: { tags: ["ladder"], summary: "Publish the draft as the version in force (with baseRevision: only if nobody saved it since)", body: z.object({ baseRevision: baseRevision.optional() }).nullish() },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => publishDraft(tx, actor, app.deps.now(), request.body?.baseRevision));
  });
}
