import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { confirmSession, createPairing, endPairing, listPairings, logSession, myMentees, myMentor, pairingSessions } from "./index.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD");

export function mentoringRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  r.get("/api/mentoring/pairings", {
    config: { policy: "mentoring.manage" },
    schema: { tags: ["mentoring"], summary: "Mentor pairings (managers: mentees at their sites)" },
  }, async (request) => ({ items: await listPairings(db, actorOf(request)) }));

  r.post("/api/mentoring/pairings", {
    config: { policy: "mentoring.manage" },
    schema: {
      tags: ["mentoring"],
      summary: "Pair a mentor (mentor role or Lead level, not oneself) with a mentee",
      body: z.object({
        mentorId: z.uuid(),
        menteeId: z.uuid(),
        goals: z.string().trim().max(4000).nullish(),
        startsOn: isoDate,
        endsOn: isoDate.nullish(),
      }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const pairing = await db.transaction().execute((tx) => createPairing(tx, actor, request.body, app.deps.now()));
    return reply.status(201).send((await pairingSessions(db, actor, pairing.id)).pairing);
  });

  r.post("/api/mentoring/pairings/:id/end", {
    config: { policy: "mentoring.manage" },
    schema: { tags: ["mentoring"], summary: "End a pairing", params: z.object({ id: z.uuid() }), body: z.object({ endsOn: isoDate }) },
  }, async (request) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => endPairing(tx, actor, request.params.id, request.body.endsOn, app.deps.now()));
    return (await pairingSessions(db, actor, request.params.id)).pairing;
  });

  r.get("/api/mentoring/pairings/:id", {
    config: { policy: "authenticated" },
    schema: { tags: ["mentoring"], summary: "A pairing with its sessions (its mentor and mentee, the mentee's manager, admins)", params: z.object({ id: z.uuid() }) },
  }, async (request) => pairingSessions(db, actorOf(request), request.params.id));

  r.post("/api/mentoring/pairings/:id/sessions", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["mentoring"],
      summary: "Log a session (the mentor's count at once; the mentee's await the mentor's confirmation)",
      params: z.object({ id: z.uuid() }),
      body: z.object({
        heldOn: isoDate,
        durationMinutes: z.number().int().min(5).max(720),
        topics: z.string().trim().min(1).max(500),
        notes: z.string().trim().max(4000).nullish(),
      }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const session = await db.transaction().execute((tx) => logSession(tx, actor, request.params.id, request.body, app.deps.now()));
    return reply.status(201).send({ id: session.id, heldOn: session.held_on, durationMinutes: session.duration_minutes, topics: session.topics, notes: session.notes, confirmed: session.confirmed_at !== null });
  });

  r.post("/api/mentoring/sessions/:id/confirm", {
    config: { policy: "authenticated" },
    schema: { tags: ["mentoring"], summary: "Confirm a session the other person logged", params: z.object({ id: z.uuid() }) },
  }, async (request) => {
    const actor = actorOf(request);
    const session = await db.transaction().execute((tx) => confirmSession(tx, actor, request.params.id, app.deps.now()));
    return { id: session.id, confirmed: true };
  });

  r.get("/api/mentoring/my-mentees", {
    config: { policy: "authenticated" },
    schema: { tags: ["mentoring"], summary: "The signed-in mentor's mentees with their next-level gaps and sessions" },
  }, async (request) => myMentees(db, actorOf(request), app.deps.now()));

  r.get("/api/mentoring/my-mentor", {
    config: { policy: "authenticated" },
    schema: { tags: ["mentoring"], summary: "The signed-in person's mentor(s), goals and sessions" },
  }, async (request) => myMentor(db, actorOf(request)));
}
