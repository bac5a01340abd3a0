import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { dateInZone, isIsoDate } from "../../lib/dates.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { CERTIFICATIONS, recordCertification, toHoldingDto, updateCertificationEvidence, verifyCertification } from "./index.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD");

export function certificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const todayAt = async (personId: string) => {
    const site = await db.selectFrom("people as p").innerJoin("sites as s", "s.id", "p.site_id").select("s.time_zone").where("p.id", "=", personId).executeTakeFirstOrThrow();
    return dateInZone(app.deps.now(), site.time_zone);
  };

  r.get("/api/certifications/catalog", {
    config: { policy: "authenticated" },
    schema: { tags: ["certifications"], summary: "Credentials catalog with renewal cycles and sources" },
  }, async () => ({ items: CERTIFICATIONS }));

  r.post("/api/people/:id/certifications", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["certifications"],
      summary: "Record a credential a person holds (entries by the person themself await verification)",
      params: z.object({ id: z.uuid() }),
      body: z.object({
        certificationCode: z.string().min(1).max(60),
        number: z.string().trim().max(60).nullish(),
        issuer: z.string().trim().max(200).nullish(),
        state: z.string().trim().length(2).nullish(),
        earnedOn: isoDate,
        expiresOn: isoDate.nullish(),
        verified: z.boolean().optional(),
        evidenceFileId: z.uuid().nullish().describe("A copy of the credential, uploaded with POST /api/people/{id}/evidence"),
      }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const holding = await db.transaction().execute((tx) => recordCertification(tx, actor, request.params.id, request.body, app.deps.now()));
    return reply.status(201).send(toHoldingDto(holding, await todayAt(holding.person_id)));
  });

  r.post("/api/certifications/:id/verify", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["certifications"],
      summary: "Mark a recorded credential verified (seen the original or the issuer's lookup) or rejected",
      params: z.object({ id: z.uuid() }),
      body: z.object({ status: z.enum(["verified", "rejected"]) }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    const holding = await db.transaction().execute((tx) => verifyCertification(tx, actor, request.params.id, request.body.status, app.deps.now()));
    return toHoldingDto(holding, await todayAt(holding.person_id));
  });

  r.patch("/api/certifications/:id", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["certifications"],
      summary: "Attach a copy of a recorded credential (an evidence file uploaded for the person), replace it, or remove it with null",
      params: z.object({ id: z.uuid() }),
      body: z.object({ evidenceFileId: z.uuid().nullable() }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    const holding = await db.transaction().execute((tx) => updateCertificationEvidence(tx, actor, request.params.id, request.body.evidenceFileId, app.deps.now()));
    return toHoldingDto(holding, await todayAt(holding.person_id));
  });
}
