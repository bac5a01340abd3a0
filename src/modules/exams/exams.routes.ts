import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Readable } from "node:stream";
import { z } from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { answerItem } from "./answer-item.ts";
import { createAnswerWriter } from "./answer-writer.ts";
import { attemptReview, examHome, getAttempt, getAttemptItem, listAttempts } from "./attempt-views.ts";
import { csvToItems, itemsToCsv } from "./bank-csv.ts";
import { CERTIFICATION_EXAMS } from "./certification-exams.ts";
import { personPipeline, pipelineBoard, recordExamResult, scheduleExam, updateExamSettings } from "./certification-pipeline.ts";
import { getExamSettings } from "./exams.queries.ts";
import { FORMS } from "./exams.rules.ts";
import { GENERATOR_FAMILIES } from "./generators/index.ts";
import { itemInputSchema } from "./item.schema.ts";
import { FLAG_REASONS, flagItem, listFlags, resolveFlag } from "./item-flags.ts";
import { discardItemDraft, exportItems, getBankItem, importItems, listBank, publishItemDraft, retireItem, reviewItemDraft, saveItemDraft } from "./manage-bank.ts";
import { PTCE_DOMAINS, PTCE_FORM, PTCE_OUTLINES } from "./outline.ts";
import { READINESS_MODEL } from "./readiness.rules.ts";
import { recomputeItemStats } from "./recompute-item-stats.ts";
import { startAttempt } from "./start-attempt.ts";
import { submitAttempt } from "./submit-attempt.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD");
const attemptParams = z.object({ id: z.uuid() });
const positionParams = z.object({ id: z.uuid(), position: z.coerce.number().int().min(1).max(200) });
const codeParams = z.object({ code: z.string().min(1).max(80) });
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Whether a `Prefer` header asks for no copy of what was stored (RFC 7240 `return=minimal`). */
export function prefersMinimal(prefer: string | undefined): boolean {
  return prefer !== undefined && prefer.split(",").some((preference) => preference.split(";")[0].replace(/\s+/g, "").toLowerCase() === "return=minimal");
}

async function readText(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw new AppError("VALIDATION_FAILED", `The file is larger than ${limit / 1024 / 1024} MB`, [{ field: "file", message: "is too large" }]);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function examRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const now = () => app.deps.now();
  const answers = createAnswerWriter(db);

  // ------------------------------------------------------------ practice

  r.get("/api/exams/catalog", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "Forms, the PTCE outlines with their sources, the readiness model's settings, certification exams and their retake waits" },
  }, async () => ({
    forms: Object.values(FORMS),
    ptce: PTCE_FORM,
    outlines: PTCE_OUTLINES,
    readinessModel: { thetaCut: READINESS_MODEL.thetaCut, minResponsesForConfidence: READINESS_MODEL.minResponsesForConfidence },
    certificationExams: CERTIFICATION_EXAMS,
    flagReasons: Object.entries(FLAG_REASONS).map(([code, text]) => ({ code, text })),
    generatorFamilies: GENERATOR_FAMILIES.map((f) => ({ code: f.code, name: f.name, domain: f.domain, subtopic: f.subtopic, description: f.description })),
  }));

  r.get("/api/exams/home", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "Exam home: readiness with its interval, per-domain results, the open attempt, today's review, recent attempts, the certification pipeline", querystring: z.object({ personId: z.uuid().optional() }) },
  }, async (request) => {
    const actor = actorOf(request);
    const personId = request.query.personId ?? actor.personId;
    const home = await db.transaction().execute((tx) => examHome(tx, actor, personId, now()));
    const pipeline = await personPipeline(db, actor, personId, now());
    return { ...home, pipeline };
  });

  r.post("/api/exams/attempts", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["exams"],
      summary: "Start a practice attempt: full exam (90 items, 110 minutes), quick check (20), domain drill, or today's review",
      body: z.object({ form: z.enum(["full", "quick", "drill", "review"]), domain: z.enum(PTCE_DOMAINS).optional() }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await db.transaction().execute((tx) => startAttempt(tx, actor, request.body, now()));
    const attempt = await db.transaction().execute((tx) => getAttempt(tx, actor, id, now()));
    return reply.status(201).send(attempt);
  });

  r.get("/api/exams/attempts", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "A person's attempts, newest first (one's own, or someone one may read)", querystring: z.object({ personId: z.uuid().optional() }) },
  }, async (request) => {
    const actor = actorOf(request);
    return { items: await listAttempts(db, actor, request.query.personId ?? actor.personId, now()) };
  });

  r.get("/api/exams/attempts/:id", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "An attempt with its navigator and the time left on the server's clock; results once submitted", params: attemptParams },
  }, async (request) => db.transaction().execute((tx) => getAttempt(tx, actorOf(request), request.params.id, now())));

  r.get("/api/exams/attempts/:id/items/:position", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "One item of an attempt, without its key until it may be seen; moving here times the item left", params: positionParams },
  }, async (request) => db.transaction().execute((tx) => getAttemptItem(tx, actorOf(request), request.params.id, request.params.position, now())));

  r.put("/api/exams/attempts/:id/items/:position", {
    // An answer changes only the caller's own attempt (and review cards): sessions stay reused.
    config: { policy: "authenticated", keepsSessions: true },
    schema: {
      tags: ["exams"],
      summary: "Answer an item or mark it for review; in drills and reviews the reply carries the key and explanation",
      description:
        "Replies with the position as stored. A client that keeps the position itself (the exam player's save queue) sends `Prefer: return=minimal` " +
        "and gets 204 with `Preference-Applied: return=minimal` once the change is stored (RFC 7240); errors are the same either way.",
      params: positionParams,
      headers: z.object({ prefer: z.string().max(200).optional() }),
      body: z.object({ answer: z.array(z.string().min(1).max(2)).max(6).optional(), flagged: z.boolean().optional() }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const at = now();
    const minimal = prefersMinimal(request.headers.prefer);
    const batched = await answers.write({ actor, attemptId: request.params.id, position: request.params.position, input: request.body, now: at, minimal });
    const stored = batched ?? (await db.transaction().execute((tx) => answerItem(tx, actor, request.params.id, request.params.position, request.body, at)));
    if (!minimal) return stored;
    return reply.code(204).header("preference-applied", "return=minimal").send();
  });

  r.post("/api/exams/attempts/:id/submit", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "Submit the attempt: unanswered items count as wrong; results, review and readiness follow", params: attemptParams },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute(async (tx) => {
      await submitAttempt(tx, actor, request.params.id, now());
      return getAttempt(tx, actor, request.params.id, now());
    });
  });

  r.get("/api/exams/attempts/:id/review", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "A submitted attempt item by item: the answer given, the key, the explanation and the time spent", params: attemptParams },
  }, async (request) => attemptReview(db, actorOf(request), request.params.id));

  r.post("/api/exams/attempts/:id/items/:position/flag", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["exams"],
      summary: "Report an item as wrong or unclear; it joins the reviewers' queue",
      params: positionParams,
      body: z.object({ reason: z.enum(["wrong-key", "unclear", "outdated", "typo", "other"]), comment: z.string().trim().max(2000).nullish() }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const flag = await db.transaction().execute((tx) => flagItem(tx, actor, request.params.id, request.params.position, request.body, now()));
    return reply.status(201).send(flag);
  });

  // ------------------------------------------------------------ item bank

  r.get("/api/exams/bank", {
    config: { policy: "exams.bank.read" },
    schema: {
      tags: ["exams"],
      summary: "The item bank: newest version of each item with statistics and open reports",
      querystring: z.object({
        status: z.enum(["draft", "published", "retired"]).optional(),
        domain: z.enum(PTCE_DOMAINS).optional(),
        subtopic: z.string().max(10).optional(),
        source: z.enum(["hand", "table", "custom"]).optional(),
        q: z.string().trim().max(200).optional(),
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
  }, async (request) => listBank(db, actorOf(request), request.query, now()));

  r.get("/api/exams/bank/export", {
    config: { policy: "exams.bank.read" },
    schema: { tags: ["exams"], summary: "Export the bank as JSON or CSV (the import format)", querystring: z.object({ format: z.enum(["json", "csv"]).default("json"), published: z.enum(["0", "1"]).default("0") }) },
  }, async (request, reply) => {
    const items = await exportItems(db, actorOf(request), request.query.published === "1");
    if (request.query.format === "csv") return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="rxladder-item-bank.csv"').send(itemsToCsv(items));
    return reply.header("content-disposition", 'attachment; filename="rxladder-item-bank.json"').send({ format: "rxladder-item-bank", version: 1, items });
  });

  r.post("/api/exams/bank/import", {
    config: { policy: "exams.bank.write" },
    bodyLimit: MAX_IMPORT_BYTES,
    schema: { tags: ["exams"], summary: "Import items as drafts (JSON {items: [...]} or text/csv). Any problem imports nothing; 422 lists each with its item number and field" },
  }, async (request) => {
    const actor = actorOf(request);
    let items: unknown[];
    if (request.headers["content-type"]?.startsWith("text/csv")) items = csvToItems(await readText(request.body as Readable, MAX_IMPORT_BYTES));
    else {
      const body = request.body as { items?: unknown };
      if (!body || !Array.isArray(body.items)) throw new AppError("VALIDATION_FAILED", "Send {items: [...]} as JSON or a CSV file", [{ field: "items", message: "must be a list of items" }]);
      items = body.items;
    }
    if (items.length === 0) throw new AppError("VALIDATION_FAILED", "The file has no items", [{ field: "items", message: "is empty" }]);
    if (items.length > 5000) throw new AppError("VALIDATION_FAILED", "At most 5,000 items per import", [{ field: "items", message: "has more than 5,000 items" }]);
    return db.transaction().execute((tx) => importItems(tx, actor, items, now()));
  });

  r.post("/api/exams/bank", {
    config: { policy: "exams.bank.write" },
    schema: { tags: ["exams"], summary: "Write a new item (saved as a draft)", body: itemInputSchema },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const item = await db.transaction().execute((tx) => saveItemDraft(tx, actor, null, request.body, now()));
    return reply.status(201).send(item);
  });

  r.get("/api/exams/bank/:code", {
    config: { policy: "exams.bank.read" },
    schema: { tags: ["exams"], summary: "Every version of an item, its statistics and reports", params: codeParams },
  }, async (request) => getBankItem(db, actorOf(request), request.params.code));

  r.put("/api/exams/bank/:code/draft", {
    config: { policy: "exams.bank.write" },
    schema: { tags: ["exams"], summary: "Save the item's draft (the next version); editing clears its review", params: codeParams, body: itemInputSchema },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => saveItemDraft(tx, actor, request.params.code, request.body, now()));
  });

  r.delete("/api/exams/bank/:code/draft", {
    config: { policy: "exams.bank.write" },
    schema: { tags: ["exams"], summary: "Discard the item's draft", params: codeParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => discardItemDraft(tx, actor, request.params.code, now()));
    return reply.status(204).send();
  });

  r.post("/api/exams/bank/:code/review", {
    config: { policy: "exams.bank.review" },
    schema: { tags: ["exams"], summary: "Record a review of the draft (by someone other than its author)", params: codeParams, body: z.object({ note: z.string().trim().max(2000).nullish() }) },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => reviewItemDraft(tx, actor, request.params.code, request.body.note ?? null, now()));
    return reply.status(204).send();
  });

  r.post("/api/exams/bank/:code/publish", {
    config: { policy: "exams.bank.write" },
    schema: { tags: ["exams"], summary: "Publish the reviewed draft", params: codeParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => publishItemDraft(tx, actor, request.params.code, now()));
    return reply.status(204).send();
  });

  r.post("/api/exams/bank/:code/retire", {
    config: { policy: "exams.bank.write" },
    schema: { tags: ["exams"], summary: "Retire a published item: new forms stop using it", params: codeParams, body: z.object({ reason: z.string().trim().min(3).max(2000) }) },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => retireItem(tx, actor, request.params.code, request.body.reason, now()));
    return reply.status(204).send();
  });

  r.post("/api/exams/stats/recompute", {
    config: { policy: "exams.bank.write" },
    schema: { tags: ["exams"], summary: "Recompute item statistics (p-value, point-biserial, Rasch difficulty) from all submitted attempts" },
  }, async (request) => recomputeItemStats(db, actorOf(request).orgId, now()));

  r.get("/api/exams/flags", {
    config: { policy: "exams.bank.review" },
    schema: { tags: ["exams"], summary: "Items reported by technicians", querystring: z.object({ status: z.enum(["open", "fixed", "dismissed"]).default("open") }) },
  }, async (request) => ({ items: await listFlags(db, actorOf(request), request.query.status) }));

  r.post("/api/exams/flags/:id/resolve", {
    config: { policy: "exams.bank.review" },
    schema: { tags: ["exams"], summary: "Close a report as fixed or dismissed, with a note", params: attemptParams, body: z.object({ status: z.enum(["fixed", "dismissed"]), note: z.string().trim().min(3).max(2000) }) },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => resolveFlag(tx, actor, request.params.id, request.body, now()));
    return reply.status(204).send();
  });

  // ------------------------------------------------------------ certification pipeline

  r.get("/api/exams/pipeline", {
    config: { policy: "exams.pipeline" },
    schema: { tags: ["exams"], summary: "Certification pipeline: technicians without national certification by stage, deadline, readiness and risk", querystring: z.object({ siteId: z.uuid().optional() }) },
  }, async (request) => pipelineBoard(db, actorOf(request), request.query, now()));

  r.get("/api/exams/pipeline/:id", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "One person's place in the certification pipeline", params: attemptParams },
  }, async (request) => personPipeline(db, actorOf(request), request.params.id, now()));

  r.post("/api/exams/pipeline/:id/exams", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "Record that the certification exam is scheduled (the technician, their manager or an admin)", params: attemptParams, body: z.object({ exam: z.string().min(1).max(20), scheduledOn: isoDate }) },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const record = await db.transaction().execute((tx) => scheduleExam(tx, actor, request.params.id, request.body, now()));
    return reply.status(201).send({ id: record.id, exam: record.exam, scheduledOn: record.scheduled_on, result: record.result });
  });

  r.post("/api/exams/exam-records/:id/result", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["exams"],
      summary: "Record the exam's result; a pass creates the national certification and raises certification.exam_passed",
      params: attemptParams,
      body: z.object({ result: z.enum(["passed", "failed", "cancelled"]), takenOn: isoDate.nullish(), scaledScore: z.number().int().nullish(), certificationNumber: z.string().trim().max(60).nullish() }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    const record = await db.transaction().execute((tx) => recordExamResult(tx, actor, request.params.id, request.body, now()));
    return { id: record.id, exam: record.exam, scheduledOn: record.scheduled_on, result: record.result, takenOn: record.taken_on, scaledScore: record.scaled_score, holdingId: record.holding_id };
  });

  r.get("/api/exams/settings", {
    config: { policy: "authenticated" },
    schema: { tags: ["exams"], summary: "The organization's certification deadline, readiness threshold and pinned outline" },
  }, async (request) => getExamSettings(db, actorOf(request).orgId));

  r.put("/api/exams/settings", {
    config: { policy: "exams.settings" },
    schema: {
      tags: ["exams"],
      summary: "Change the certification deadline (6–12 months from hire), the readiness threshold, or pin an outline",
      body: z.object({ deadlineMonths: z.number().int().min(6).max(12), readinessThreshold: z.number().min(0.5).max(0.99), pinnedOutline: z.enum(PTCE_OUTLINES.map((o) => o.code) as [string, ...string[]]).nullable() }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => updateExamSettings(tx, actor, request.body, now()));
  });
}
