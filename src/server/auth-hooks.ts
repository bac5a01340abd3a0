import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../lib/errors.ts";
import { canRoute, type Actor } from "../modules/auth/policy.ts";
import { SESSION_COOKIE } from "./context.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every /api route must declare a policy; requests are authenticated from the session cookie,
 * checked against the route's policy, and writes must carry the session's CSRF token.
 */
export function registerAuthHooks(app: FastifyInstance) {
  app.addHook("onRoute", (route) => {
    const url = route.url ?? "";
    if (!url.startsWith("/api/")) return;
    if (url.startsWith("/api/docs")) {
      route.config = { ...(route.config as object), policy: "public" };
      return;
    }
    if (!(route.config as { policy?: string } | undefined)?.policy) {
      throw new Error(`Route ${route.method} ${url} declares no policy`);
    }
  });

  // Before validation, so that a caller without access learns nothing about what the route accepts.
  // Routes that take large bodies run the same check earlier, in onRequest (see `checkRouteAccess`).
  app.addHook("preValidation", checkRouteAccess);

  // Sessions are reused for a moment (decision 0008); a write may have changed someone's role,
  // site, account or session, so once it has committed (its handler is done) and before anyone
  // hears back, this server reads every session afresh. Routes that only record the caller's own
  // work (an exam answer) say so with `keepsSessions`.
  app.addHook("onSend", async (request, _reply, payload) => {
    if (!SAFE_METHODS.has(request.method) && !request.routeOptions.config?.keepsSessions) request.server.sessionLookup.forgetAll();
    return payload;
  });
}

/**
 * Authenticates the request from its session cookie, checks the route's policy, and for writes
 * the CSRF token; once per request. A route that reads a large body uses it as its onRequest
 * hook, so that nobody without access gets to send the body at all.
 */
export async function checkRouteAccess(request: FastifyRequest): Promise<void> {
  if (request.accessChecked) return;
  request.accessChecked = true;
  const policy = request.routeOptions.config?.policy;
  if (!policy) return;
  const token = request.cookies[SESSION_COOKIE];
  if (token) {
    const session = await request.server.sessionLookup(token);
    if (session) {
      request.actor = session.actor;
      request.csrfToken = session.csrfToken;
      request.sessionToken = token;
    }
  }
  if (policy === "public") return;
  if (!request.actor) throw new AppError("UNAUTHENTICATED", "Sign in first");
  if (!SAFE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== request.csrfToken) {
    throw new AppError("CSRF_TOKEN_INVALID", "Missing or wrong x-csrf-token header; reload the page");
  }
  if (!canRoute(request.actor, policy)) throw new AppError("FORBIDDEN", "Your role does not allow this");
}

/** The signed-in actor of a route whose policy requires one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED", "Sign in first");
  return request.actor;
}
