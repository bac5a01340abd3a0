import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { SESSION_COOKIE } from "../../server/context.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { confirmPasswordReset, deleteSession, findSessionActor, requestPasswordReset, signIn } from "./index.ts";
import type { Actor } from "./policy.ts";
import { isActiveMentor } from "../mentoring/index.ts";

const sessionReply = z.object({
  account: z.object({ id: z.string(), email: z.string() }),
  person: z.object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    role: z.string(),
    siteId: z.string(),
    timeZone: z.string().describe("The time zone of the person's site: the calendar in which their dates (today, due dates, \"not in the future\") are judged"),
  }),
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  managedSiteIds: z.array(z.string()),
  isMentor: z.boolean().describe("Whether the person has an active pairing as mentor (whatever their role)"),
  csrfToken: z.string(),
});

async function describeSession(app: FastifyInstance, actor: Actor, csrfToken: string) {
  const db = app.deps.database.db;
  const person = await db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.first_name", "p.last_name", "s.time_zone"])
    .where("p.id", "=", actor.personId)
    .executeTakeFirstOrThrow();
  const org = await db.selectFrom("organizations").select(["id", "slug", "name"]).where("id", "=", actor.orgId).executeTakeFirstOrThrow();
  const isMentor = await isActiveMentor(db, actor.orgId, actor.personId);
  return {
    account: { id: actor.accountId, email: actor.email },
    person: { id: actor.personId, firstName: person.first_name, lastName: person.last_name, role: actor.role, siteId: actor.homeSiteId, timeZone: person.time_zone },
    organization: org,
    managedSiteIds: actor.managedSiteIds,
    isMentor,
    csrfToken,
  };
}

export function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const setCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, secure: app.deps.config.cookieSecure, sameSite: "lax", path: "/", expires });

  r.post("/api/auth/login", {
    config: { policy: "public" },
    schema: {
      tags: ["auth"],
      summary: "Sign in with e-mail and password; sets the session cookie",
      body: z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) }),
      response: { 200: sessionReply },
    },
  }, async (request, reply) => {
    const now = app.deps.now();
    const session = await signIn(app.deps.database.db, { ...request.body, ip: request.ip, userAgent: request.headers["user-agent"] }, now, app.deps.config.sessionDays);
    setCookie(reply, session.token, session.expiresAt);
    const resolved = await findSessionActor(app.deps.database.db, session.token, now);
    return describeSession(app, resolved!.actor, session.csrfToken);
  });

  r.post("/api/auth/logout", {
    config: { policy: "authenticated" },
    schema: { tags: ["auth"], summary: "Sign out: ends the session" },
  }, async (request: FastifyRequest, reply) => {
    if (request.sessionToken) await deleteSession(app.deps.database.db, request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });

  r.get("/api/auth/session", {
    config: { policy: "authenticated" },
    schema: { tags: ["auth"], summary: "Who is signed in, with the CSRF token for writes", response: { 200: sessionReply } },
  }, async (request) => describeSession(app, actorOf(request), request.csrfToken!));

  r.post("/api/auth/password-reset/request", {
    config: { policy: "public" },
    schema: {
      tags: ["auth"],
      summary: "E-mail a password-reset link (answers the same whether or not the address has an account)",
      body: z.object({ email: z.string().trim().min(3).max(320) }),
      response: { 202: z.object({ ok: z.literal(true) }) },
    },
  }, async (request, reply) => {
    await requestPasswordReset(app.deps.database.db, app.deps.mailer, { email: request.body.email, publicUrl: app.deps.config.publicUrl }, app.deps.now());
    return reply.status(202).send({ ok: true as const });
  });

  r.post("/api/auth/password-reset/confirm", {
    config: { policy: "public" },
    schema: {
      tags: ["auth"],
      summary: "Set a new password with the token from the e-mail",
      body: z.object({ token: z.string().min(10).max(200), password: z.string().max(200) }),
    },
  }, async (request, reply) => {
    await confirmPasswordReset(app.deps.database.db, request.body, app.deps.now());
    return reply.status(204).send();
  });
}
