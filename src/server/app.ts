import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { auditRoutes } from "../modules/audit/audit.routes.ts";
import { authRoutes } from "../modules/auth/auth.routes.ts";
import { rosterRoutes } from "../modules/roster/roster.routes.ts";
import { ladderRoutes } from "../modules/ladder/ladder.routes.ts";
import { certificationRoutes } from "../modules/certifications/certifications.routes.ts";
import { promotionRoutes } from "../modules/promotions/promotions.routes.ts";
import { examRoutes } from "../modules/exams/exams.routes.ts";
import { evidenceRoutes } from "../modules/evidence/evidence.routes.ts";
import { trainingRoutes } from "../modules/training/training.routes.ts";
import { ceRoutes } from "../modules/ce/ce.routes.ts";
import { evaluationRoutes } from "../modules/evaluations/evaluations.routes.ts";
import { kpiRoutes } from "../modules/kpis/kpis.routes.ts";
import { mentoringRoutes } from "../modules/mentoring/mentoring.routes.ts";
import { incentiveRoutes } from "../modules/incentives/incentives.routes.ts";
import { rotationRoutes } from "../modules/rotations/rotations.routes.ts";
import { metricsRoutes } from "../modules/metrics/metrics.routes.ts";
import { notificationRoutes } from "../modules/notifications/notifications.routes.ts";
import { registerAuthHooks } from "./auth-hooks.ts";
import { createSessionLookup } from "../modules/auth/sessions.ts";
import type { AppDeps } from "./context.ts";
import { errorBody, handleError } from "./errors.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WEB_DIST = path.join(ROOT, "web", "dist");

export function readVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
}

export interface BuildOptions {
  logger?: boolean;
  /** Serve the built web app from web/dist when it exists (the default). */
  serveWeb?: boolean;
}

/** Assembles the HTTP application: plugins, policies, routes, OpenAPI and the web app. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? "info", redact: ["req.headers.cookie", "req.headers[\"x-csrf-token\"]"] } : false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1_048_576,
  });
  app.decorate("deps", deps);
  app.decorate("sessionLookup", createSessionLookup(deps.database.db, deps.now, { reuseMs: deps.config.sessionReuseMs }));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "Rx Ladder API", version: deps.version, description: "Career ladder and workforce development for pharmacy technicians. Sign in with POST /api/auth/login; send the session's csrfToken as x-csrf-token on every write." },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "rxl_session" } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  registerAuthHooks(app);

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok", database: deps.database.kind, version: deps.version }));
  app.get("/api/openapi.json", { config: { policy: "public" }, schema: { hide: true } }, async () => app.swagger());

  authRoutes(app);
  rosterRoutes(app);
  auditRoutes(app);
  ladderRoutes(app);
  certificationRoutes(app);
  promotionRoutes(app);
  examRoutes(app);
  evidenceRoutes(app);
  trainingRoutes(app);
  ceRoutes(app);
  evaluationRoutes(app);
  kpiRoutes(app);
  mentoringRoutes(app);
  incentiveRoutes(app);
  rotationRoutes(app);
  metricsRoutes(app);
  notificationRoutes(app);

  const hasWeb = (options.serveWeb ?? true) && fs.existsSync(path.join(WEB_DIST, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, index: ["index.html"] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || !hasWeb || request.method !== "GET") {
      return reply.status(404).send(errorBody("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`));
    }
    // Client-side routes of the web app.
    return reply.type("text/html").sendFile("index.html");
  });
  return app;
}
