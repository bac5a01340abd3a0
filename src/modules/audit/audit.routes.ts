import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../server/auth-hooks.ts";
import { exportAuditCsv, listAuditEntries, verifyAuditChain } from "./index.ts";

export function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  r.get("/api/audit", {
    config: { policy: "audit.read" },
    schema: {
      tags: ["audit"],
      summary: "Audit entries, newest first",
      querystring: z.object({
        entityType: z.string().optional(),
        entityId: z.string().optional(),
        action: z.string().optional(),
        beforeSeq: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: {
        200: z.object({
          items: z.array(z.object({ seq: z.number(), at: z.string(), actorId: z.string().nullable(), actorLabel: z.string(), entityType: z.string(), entityId: z.string(), action: z.string(), before: z.unknown(), after: z.unknown() })),
        }),
      },
    },
  }, async (request) => {
    const rows = await listAuditEntries(db, actorOf(request).orgId, request.query);
    return {
      items: rows.map((e) => ({ seq: Number(e.seq), at: new Date(e.at).toISOString(), actorId: e.actor_id, actorLabel: e.actor_label, entityType: e.entity_type, entityId: e.entity_id, action: e.action, before: e.before ?? null, after: e.after ?? null })),
    };
  });

  r.get("/api/audit/verify", {
    config: { policy: "audit.read" },
    schema: {
      tags: ["audit"],
      summary: "Re-compute the hash chain and report the first entry that was changed or removed",
      response: { 200: z.object({ ok: z.boolean(), entries: z.number(), problem: z.object({ kind: z.string(), seq: z.number(), message: z.string() }).optional() }) },
    },
  }, async (request) => verifyAuditChain(db, actorOf(request).orgId));

  r.get("/api/audit/export.csv", {
    config: { policy: "audit.read" },
    schema: { tags: ["audit"], summary: "The whole audit trail with hashes, as CSV" },
  }, async (request, reply) => {
    const actor = actorOf(request);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="rxladder-audit-${actor.orgSlug}.csv"`)
      .send(exportAuditCsv(db, actor.orgId));
  });
}
