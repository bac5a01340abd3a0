import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import {
  assignTraining,
  cancelAssignment,
  createProgram,
  decideCompletionReport,
  ensureTrainingCatalog,
  listCompletionReports,
  listPrograms,
  matrixCsv,
  matrixFileName,
  matrixXlsx,
  personTrainings,
  recordCompletion,
  recordModuleCompletion,
  reportCompletion,
  revokeCompletion,
  scheduleLearningWeek,
  siteMatrix,
  startTraining,
  supervisedWeeks,
  trainingOverview,
  updateProgram,
  type SkillKind,
} from "./index.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD");
const idParams = z.object({ id: z.uuid() });
const note = z.string().trim().max(2000).nullish();
const reason = z.object({ reason: z.string().trim().min(3).max(2000) });

const moduleSchema = z.object({
  title: z.string().trim().min(1).max(200),
  delivery: z.enum(["internal", "external"]),
  provider: z.string().trim().max(200).nullish(),
  hours: z.number().min(0).max(9999),
  ceHours: z.number().min(0).max(999).optional().describe("ACPE CE credit hours the module earns (0 for in-service training)"),
  costCents: z.number().int().min(0).max(100_000_000).optional().describe("Cost per person in US cents"),
});
const programFields = {
  name: z.string().trim().min(2).max(200),
  description: z.string().trim().max(4000).optional(),
  category: z.enum(["compliance", "clinical", "cross-training", "management", "development"]),
  validityMonths: z.number().int().min(1).max(120).nullish().describe("Months a completion stays valid (recurring trainings such as USP <797>); null when it does not expire"),
  validityVerify: z.boolean().optional().describe("The interval was not confirmed from a primary source"),
  source: z.string().trim().max(2000).nullish(),
  modules: z.array(moduleSchema).min(1).max(30),
};
const programBody = z.object({ code: z.string().min(2).max(80).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters, digits and single hyphens"), ...programFields });
const programPatch = z.object({ ...programFields, active: z.boolean() }).partial();

const target = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("people"), personIds: z.array(z.uuid()).min(1).max(500) }),
  z.object({ kind: z.literal("site"), siteId: z.uuid() }),
  z.object({ kind: z.literal("level"), track: z.string().min(1).max(100), level: z.string().min(1).max(100), siteId: z.uuid().nullish().describe("Limit to one site; omit for the whole organization (admins)") }),
  z.object({ kind: z.literal("track"), track: z.string().min(1).max(100), siteId: z.uuid().nullish() }),
]);

const matrixQuery = z.object({
  siteId: z.uuid(),
  track: z.string().min(1).max(100).optional(),
  level: z.string().min(1).max(100).optional(),
  kinds: z.string().regex(/^(certification|training|competency)(,(certification|training|competency))*$/, "must be certification, training and/or competency, comma-separated").optional(),
});

export function trainingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const now = () => app.deps.now();
  const matrixInput = (q: z.infer<typeof matrixQuery>) => ({ siteId: q.siteId, track: q.track, level: q.level, kinds: q.kinds ? (q.kinds.split(",") as SkillKind[]) : undefined });

  r.get("/api/training/programs", {
    config: { policy: "authenticated" },
    schema: { tags: ["training"], summary: "The organization's training programs with their modules, hours, CE hours, cost and validity (loads the shipped catalog on first use)" },
  }, async (request) => {
    const actor = actorOf(request);
    await ensureTrainingCatalog(db, actor.orgId, now());
    return { items: await listPrograms(db, actor.orgId) };
  });

  r.post("/api/training/programs", {
    config: { policy: "training.programs.write" },
    schema: { tags: ["training"], summary: "Add a training program with its modules (admins)", body: programBody },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await ensureTrainingCatalog(db, actor.orgId, now());
    const program = await db.transaction().execute((tx) => createProgram(tx, actor, request.body, now()));
    return reply.status(201).send(program);
  });

  r.patch("/api/training/programs/:id", {
    config: { policy: "training.programs.write" },
    schema: { tags: ["training"], summary: "Edit a program (its code never changes); modules, when sent, replace the old ones; active=false stops new assignments", params: idParams, body: programPatch },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => updateProgram(tx, actor, request.params.id, request.body, now()));
  });

  r.get("/api/training/assignments", {
    config: { policy: "training.manage" },
    schema: {
      tags: ["training"],
      summary: "Training assignments for the caller's sites (or one site), each with the people it covers today and their status: assigned, in progress, completed, overdue",
      querystring: z.object({ siteId: z.uuid().optional() }),
    },
  }, async (request) => trainingOverview(db, actorOf(request), { siteId: request.query.siteId, kind: "training" }, now()));

  r.post("/api/training/assignments", {
    config: { policy: "training.manage" },
    schema: {
      tags: ["training"],
      summary: "Assign a program to people (one assignment each), a site, a level or a track. Group assignments cover whoever is in the group on any day, people who join later included",
      body: z.object({ programId: z.uuid(), target, dueOn: isoDate, note }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await db.transaction().execute((tx) => assignTraining(tx, actor, request.body, now()));
    return reply.status(201).send(result);
  });

  r.post("/api/training/assignments/:id/cancel", {
    config: { policy: "training.manage" },
    schema: { tags: ["training"], summary: "Cancel an assignment (kept, with the reason); completions stay", params: idParams, body: reason },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => cancelAssignment(tx, actor, request.params.id, request.body.reason, now()));
    return reply.status(204).send();
  });

  r.post("/api/training/assignments/:id/start", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["training"],
      summary: "Mark an assigned training started today (by the person, or their manager for them)",
      params: idParams,
      body: z.object({ personId: z.uuid().optional().describe("Whose training; the caller's own when omitted") }).nullish(),
    },
  }, async (request) => {
    const actor = actorOf(request);
    const entry = await db.transaction().execute((tx) => startTraining(tx, actor, request.params.id, request.body?.personId ?? actor.personId, now()));
    return { status: entry.status, startedOn: entry.startedOn };
  });

  r.get("/api/training/learning-weeks", {
    config: { policy: "training.manage" },
    schema: { tags: ["training"], summary: "Learning weeks (cross-training rotations) for the caller's sites (or one site), with their status", querystring: z.object({ siteId: z.uuid().optional() }) },
  }, async (request) => trainingOverview(db, actorOf(request), { siteId: request.query.siteId, kind: "learning-week" }, now()));

  r.post("/api/training/learning-weeks", {
    config: { policy: "training.manage" },
    schema: {
      tags: ["training"],
      summary: "Schedule a learning week: a cross-training rotation for one person at a station, with a supervisor who may record its completion",
      body: z.object({ personId: z.uuid(), programId: z.uuid(), station: z.string().trim().min(2).max(120), supervisorId: z.uuid(), startsOn: isoDate, endsOn: isoDate, note }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const week = await db.transaction().execute((tx) => scheduleLearningWeek(tx, actor, request.body, now()));
    return reply.status(201).send({ id: week.id, startsOn: week.startsOn, endsOn: week.endsOn, station: week.station, supervisorName: week.supervisorName });
  });

  r.get("/api/training/supervising", {
    config: { policy: "authenticated" },
    schema: { tags: ["training"], summary: "Learning weeks the caller supervises, with each one's status; the supervisor records them completed" },
  }, async (request) => supervisedWeeks(db, actorOf(request), now()));

  r.get("/api/training/people/:id", {
    config: { policy: "authenticated" },
    schema: { tags: ["training"], summary: "A person's trainings: assignments and learning weeks with status, and completions (technicians see their own; managers their sites; admins all)", params: idParams },
  }, async (request) => personTrainings(db, actorOf(request), request.params.id, now()));

  r.post("/api/training/completions", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["training"],
      summary: "Record that a person completed a program, with a note and an optional evidence file (an admin, the site's manager, or the learning week's supervisor; never one's own)",
      body: z.object({
        personId: z.uuid(),
        programId: z.uuid(),
        assignmentId: z.uuid().nullish(),
        completedOn: isoDate,
        note,
        evidenceFileId: z.uuid().nullish().describe("An evidence file uploaded for the person with POST /api/people/{id}/evidence"),
      }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const completion = await db.transaction().execute((tx) => recordCompletion(tx, actor, request.body, now()));
    return reply.status(201).send(completion);
  });

  r.post("/api/training/module-completions", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["training"],
      summary: "Record that a person completed one module of a program (an admin, the site's manager, or the supervisor of their learning week in it; never one's own). The last module of the round records the program completed",
      body: z.object({
        personId: z.uuid(),
        moduleId: z.uuid(),
        completedOn: isoDate,
        note,
        evidenceFileId: z.uuid().nullish().describe("An evidence file uploaded for the person with POST /api/people/{id}/evidence"),
      }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await db.transaction().execute((tx) => recordModuleCompletion(tx, actor, request.body, now()));
    return reply.status(201).send(result);
  });

  r.get("/api/training/reports", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["training"],
      summary: "Trainings people reported completing elsewhere: the caller's own, and those the caller may confirm (managers: their sites; pharmacists: their site; admins: all)",
      querystring: z.object({ status: z.enum(["submitted", "confirmed", "rejected"]).optional(), mine: z.enum(["0", "1", "true", "false"]).optional() }),
    },
  }, async (request) => ({ items: await listCompletionReports(db, actorOf(request), { status: request.query.status, mine: request.query.mine === "1" || request.query.mine === "true" }) }));

  r.post("/api/training/reports", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["training"],
      summary: "Report a training completed elsewhere (a module, or the whole program), with its certificate; it counts once someone else confirms it",
      body: z.object({
        programId: z.uuid(),
        moduleId: z.uuid().nullish().describe("One module of the program; omit for the whole program"),
        completedOn: isoDate,
        provider: z.string().trim().max(200).nullish(),
        note,
        evidenceFileId: z.uuid().describe("The certificate, uploaded for oneself with POST /api/people/{id}/evidence"),
      }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const report = await db.transaction().execute((tx) => reportCompletion(tx, actor, request.body, now()));
    return reply.status(201).send(report);
  });

  r.post("/api/training/reports/:id/decision", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["training"],
      summary: "Confirm or reject a reported completion (an admin, the person's site manager or a pharmacist of their site; never one's own). Confirming records it as completed",
      params: idParams,
      body: z.object({ decision: z.enum(["confirm", "reject"]), note }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => decideCompletionReport(tx, actor, request.params.id, request.body, now()));
  });

  r.post("/api/training/completions/:id/revoke", {
    config: { policy: "training.manage" },
    schema: { tags: ["training"], summary: "Revoke a completion recorded in error (kept, with the reason)", params: idParams, body: reason },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => revokeCompletion(tx, actor, request.params.id, request.body.reason, now()));
  });

  r.get("/api/training/matrix", {
    config: { policy: "training.manage" },
    schema: {
      tags: ["training"],
      summary: "A site's training matrix: people × certifications, trainings and competencies with status (not started, in training, qualified, expiring, expired), gaps, and the legend's colours",
      querystring: matrixQuery,
    },
  }, async (request) => siteMatrix(db, actorOf(request), matrixInput(request.query), now()));

  r.get("/api/training/matrix/export", {
    config: { policy: "training.manage" },
    schema: {
      tags: ["training"],
      summary: "The site's training matrix as CSV, or as XLSX in the screen's colours",
      querystring: matrixQuery.extend({ format: z.enum(["csv", "xlsx"]) }),
    },
  }, async (request, reply) => {
    const matrix = await siteMatrix(db, actorOf(request), matrixInput(request.query), now());
    if (request.query.format === "csv") {
      return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${matrixFileName(matrix, "csv")}"`).send(matrixCsv(matrix));
    }
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="${matrixFileName(matrix, "xlsx")}"`)
      .send(await matrixXlsx(matrix));
  });
}
