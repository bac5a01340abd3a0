import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import { auditActorOf } from "../auth/index.ts";
import {
  createIncentiveRule,
  decideReimbursement,
  exportPayroll,
  listGrants,
  listIncentiveRules,
  listReimbursements,
  MILESTONES,
  processIncentivesNow,
  REWARDS,
  submitReimbursement,
  updateIncentiveRule,
} from "./index.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD");
const milestone = z.enum(MILESTONES as unknown as ["certification.exam_passed", "level.reached", "training.completed", "ce.completed"]);
const reward = z.enum(REWARDS as unknown as ["raise", "bonus", "conference-ticket", "tuition-reimbursement"]);
const status = z.enum(["submitted", "approved", "rejected"]);

export function incentiveRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  r.get("/api/incentives/rules", {
    config: { policy: "incentives.manage" },
    schema: { tags: ["incentives"], summary: "The organization's incentive rules (the default set on first use)" },
  }, async (request) => ({ items: await listIncentiveRules(db, actorOf(request).orgId, app.deps.now()) }));

  r.post("/api/incentives/rules", {
    config: { policy: "incentives.rules" },
    schema: {
      tags: ["incentives"],
      summary: "Add a rule: a milestone (optionally one level) and its reward; a raise is in cents per hour",
      body: z.object({
        code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens").max(60),
        name: z.string().trim().min(1).max(200),
        milestone,
        levelCode: z.string().min(1).max(60).nullish().describe("level.reached only: the level it is limited to"),
        programCode: z.string().min(1).max(80).nullish().describe("training.completed only: the program code it is limited to"),
        minHours: z.number().positive().max(999).nullish().describe("ce.completed only: the least CE hours an activity must carry"),
        reward,
        amountCents: z.number().int().min(0).max(10_000_000),
        active: z.boolean().optional(),
      }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.status(201).send(await db.transaction().execute((tx) => createIncentiveRule(tx, actor, request.body, app.deps.now())));
  });

  r.patch("/api/incentives/rules/:id", {
    config: { policy: "incentives.rules" },
    schema: {
      tags: ["incentives"],
      summary: "Change a rule's name, amount, condition (level, program, least CE hours) or whether it is active (grants already made stay)",
      params: z.object({ id: z.uuid() }),
      body: z.object({
        name: z.string().trim().min(1).max(200).optional(),
        amountCents: z.number().int().min(0).max(10_000_000).optional(),
        active: z.boolean().optional(),
        levelCode: z.string().min(1).max(60).nullable().optional(),
        programCode: z.string().min(1).max(80).nullable().optional(),
        minHours: z.number().positive().max(999).nullable().optional(),
      }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => updateIncentiveRule(tx, actor, request.params.id, request.body, app.deps.now()));
  });

  r.post("/api/incentives/process", {
    config: { policy: "incentives.manage" },
    schema: { tags: ["incentives"], summary: "Grant what the rules award for milestone events not processed yet (idempotent)" },
  }, async (request) => {
    const actor = actorOf(request);
    const result = await processIncentivesNow(db, actor.orgId, auditActorOf(actor), app.deps.now());
    return { processedEvents: result.processedEvents, granted: result.grants.length };
  });

  r.get("/api/incentives/grants", {
    config: { policy: "incentives.manage" },
    schema: { tags: ["incentives"], summary: "The ledger of grants (managers: their sites)", querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }) },
  }, async (request) => ({ items: await listGrants(db, actorOf(request), request.query) }));

  r.get("/api/incentives/my-rewards", {
    config: { policy: "authenticated" },
    schema: { tags: ["incentives"], summary: "The signed-in person's grants and reimbursement requests" },
  }, async (request) => {
    const actor = actorOf(request);
    const [grants, reimbursements] = await Promise.all([listGrants(db, actor, { personId: actor.personId }), listReimbursements(db, actor, { personId: actor.personId })]);
    return { grants, reimbursements };
  });

  r.post("/api/incentives/reimbursements", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["incentives"],
      summary: "Ask to be reimbursed (tuition, conference, CE fees), with a receipt uploaded as evidence",
      body: z.object({ amountCents: z.number().int().min(1).max(10_000_000), purpose: z.string().trim().min(3).max(1000), evidenceFileId: z.uuid().nullish() }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const created = await db.transaction().execute((tx) => submitReimbursement(tx, actor, request.body, app.deps.now()));
    const [dto] = (await listReimbursements(db, actor, { personId: actor.personId })).filter((x) => x.id === created.id);
    return reply.status(201).send(dto);
  });

  r.get("/api/incentives/reimbursements", {
    config: { policy: "incentives.manage" },
    schema: { tags: ["incentives"], summary: "Reimbursement requests of the people the caller manages", querystring: z.object({ status: status.optional() }) },
  }, async (request) => ({ items: await listReimbursements(db, actorOf(request), { status: request.query.status }) }));

  r.post("/api/incentives/reimbursements/:id/decision", {
    config: { policy: "incentives.manage" },
    schema: {
      tags: ["incentives"],
      summary: "Approve or reject a reimbursement request (never one's own)",
      params: z.object({ id: z.uuid() }),
      body: z.object({ decision: z.enum(["approve", "reject"]), note: z.string().trim().max(2000).nullish() }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    const updated = await db.transaction().execute((tx) => decideReimbursement(tx, actor, request.params.id, request.body, app.deps.now()));
    return { id: updated.id, status: updated.status, decidedOn: updated.decided_on };
  });

  r.get("/api/incentives/payroll.csv", {
    config: { policy: "incentives.manage" },
    schema: { tags: ["incentives"], summary: "Payroll CSV of raises, bonuses and approved reimbursements in a period (managers: their sites)", querystring: z.object({ from: isoDate, to: isoDate }) },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const csv = await exportPayroll(db, { orgId: actor.orgId, siteIds: actor.role === "admin" ? undefined : actor.managedSiteIds }, request.query);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="payroll-${request.query.from}-${request.query.to}.csv"`)
      .send(csv);
  });
}
