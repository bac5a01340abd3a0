import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { decidePromotion, listPromotions, nominatePromotion } from "./index.ts";

export function promotionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  const toDto = async (orgId: string, rows: Awaited<ReturnType<typeof listPromotions>>) => {
    const { definition } = await getPublishedFramework(db, orgId);
    const name = (track: string | null, level: string | null) => definition.tracks.find((t) => t.code === track)?.levels.find((l) => l.code === level)?.name ?? level;
    return rows.map((p) => ({
      id: p.id,
      person: { id: p.person_id, firstName: p.first_name, lastName: p.last_name, siteCode: p.site_code },
      kind: p.kind,
      fromTrack: p.from_track,
      fromLevel: p.from_level,
      fromLevelName: name(p.from_track, p.from_level),
      toTrack: p.to_track,
      toLevel: p.to_level,
      toLevelName: name(p.to_track, p.to_level),
      status: p.status,
      effectiveDate: p.effective_date,
      payChangeCents: p.pay_change_cents,
      nominatedBy: `${p.nominator_first} ${p.nominator_last}`,
      nominatedAt: new Date(p.nominated_at).toISOString(),
      note: p.nomination_note,
      eligibleAtNomination: p.eligible_at_nomination,
      overrideJustification: p.override_justification,
      snapshot: p.eligibility_snapshot,
      decidedBy: p.decider_first ? `${p.decider_first} ${p.decider_last}` : null,
      decidedAt: p.decided_at ? new Date(p.decided_at).toISOString() : null,
      decisionNote: p.decision_note,
    }));
  };
  const one = async (orgId: string, id: string) => (await toDto(orgId, (await listPromotions(db, orgId, {})).filter((p) => p.id === id)))[0];

  r.post("/api/promotions", {
    config: { policy: "promotions.manage" },
    schema: {
      tags: ["promotions"],
      summary: "Nominate a person for a level (promotion, track change or demotion); not eligible needs a written justification",
      body: z.object({
        personId: z.uuid(),
        toTrack: z.string().min(1).max(60),
        toLevel: z.string().min(1).max(60),
        effectiveDate: z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD"),
        payChangeCents: z.number().int().min(-100_000).max(100_000).nullish(),
        note: z.string().trim().max(2000).nullish(),
        overrideJustification: z.string().trim().max(4000).nullish(),
      }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const promotion = await db.transaction().execute((tx) => nominatePromotion(tx, actor, request.body, app.deps.now()));
    return reply.status(201).send(await one(actor.orgId, promotion.id));
  });

  r.get("/api/promotions", {
    config: { policy: "promotions.manage" },
    schema: { tags: ["promotions"], summary: "Nominations and decisions (managers: their sites)", querystring: z.object({ status: z.enum(["nominated", "approved", "rejected", "withdrawn"]).optional() }) },
  }, async (request) => {
    const actor = actorOf(request);
    const rows = await listPromotions(db, actor.orgId, { status: request.query.status, siteIds: actor.role === "admin" ? undefined : actor.managedSiteIds });
    return { items: await toDto(actor.orgId, rows) };
  });

  r.post("/api/promotions/:id/decision", {
    config: { policy: "promotions.manage" },
    schema: {
      tags: ["promotions"],
      summary: "Approve or reject a nomination (never by the person who nominated)",
      params: z.object({ id: z.uuid() }),
      body: z.object({ decision: z.enum(["approve", "reject"]), note: z.string().trim().max(2000).nullish() }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => decidePromotion(tx, actor, request.params.id, request.body, app.deps.now()));
    return one(actor.orgId, request.params.id);
  });
}
