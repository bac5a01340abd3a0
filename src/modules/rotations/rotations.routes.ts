import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { authorize } from "../auth/index.ts";
import { getSite } from "../roster/index.ts";
import { actorOf } from "../../server/auth-hooks.ts";
import {
  applyBackfill,
  backfillCandidates,
  calendarFeed,
  cancelLeave,
  changePlan,
  checkPlanChanges,
  createCalendarFeed,
  createShift,
  updateShift,
  createStation,
  decideLeave,
  deleteCalendarFeed,
  discardPlan,
  ensureSiteSetup,
  generatePlan,
  getAvailability,
  getPlanView,
  leaveBackfill,
  listLeave,
  listPlans,
  loadSiteSetup,
  personSchedule,
  publishPlan,
  replaceDemand,
  requestLeave,
  setAvailability,
  updateStation,
} from "./index.ts";

const isoDate = z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD");
const idParams = z.object({ id: z.uuid() });
const siteParams = z.object({ siteId: z.uuid() });
const code = z.string().min(2).max(60).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case letters, digits and single hyphens");
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time as HH:MM");

const stationFields = {
  name: z.string().trim().min(2).max(120),
  competencies: z.array(z.object({ competency: z.string().min(1).max(100), minProficiency: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]) })).max(20).describe("Competency codes of the framework in force, each at a least proficiency (1–4)"),
  certifications: z.array(z.object({ anyOf: z.array(z.string().min(1).max(100)).min(1).max(10) })).max(10).describe("Credential groups: one code of each group is required"),
  trainingPrograms: z.array(z.string().min(1).max(80)).max(20).optional().describe("Training programs whose trainees may work the station next to a qualified person"),
  unpopular: z.boolean().optional().describe("Few people want this station: the planner spreads it evenly"),
  position: z.number().int().min(1).max(999).optional(),
};
const assignment = z.object({ personId: z.uuid(), stationId: z.uuid(), shiftId: z.uuid(), day: isoDate, trainee: z.boolean().default(false) });
const changes = z.object({ add: z.array(assignment).max(500).optional(), remove: z.array(z.uuid()).max(500).optional() });

export function rotationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const now = () => app.deps.now();

  r.get("/api/rotations/sites/:siteId/setup", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "A site's stations (with the competencies and credentials each requires), shifts and demand per station, weekday and shift; the shipped set is loaded on first use", params: siteParams },
  }, async (request) => {
    const actor = actorOf(request);
    const site = await getSite(db, actor.orgId, request.params.siteId);
    authorize(actor, "site.staff", { orgId: site.org_id, id: site.id });
    await ensureSiteSetup(db, actor.orgId, site.id, now());
    return loadSiteSetup(db, actor.orgId, site.id, { all: true });
  });

  r.post("/api/rotations/sites/:siteId/stations", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Add a station to a site", params: siteParams, body: z.object({ code, ...stationFields }) },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const station = await db.transaction().execute((tx) => createStation(tx, actor, request.params.siteId, request.body, now()));
    return reply.status(201).send(station);
  });

  r.patch("/api/rotations/stations/:id", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Edit a station (its code never changes); active=false leaves it out of new plans", params: idParams, body: z.object({ ...stationFields, active: z.boolean() }).partial() },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => updateStation(tx, actor, request.params.id, request.body, now()));
  });

  r.post("/api/rotations/sites/:siteId/shifts", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Add a shift in the site's local time (an end at or before the start is the next day); peak=true for a short busy-hours shift", params: siteParams, body: z.object({ code, name: z.string().trim().min(1).max(80), start: time, end: time, peak: z.boolean().optional() }) },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const shift = await db.transaction().execute((tx) => createShift(tx, actor, request.params.siteId, request.body, now()));
    return reply.status(201).send(shift);
  });

  r.patch("/api/rotations/shifts/:id", {
    config: { policy: "rotations.manage" },
    schema: {
      tags: ["rotations"],
      summary: "Edit a shift template (its code never changes): name, times in the site's local time, peak; active=false leaves it out of new plans. Plans already made keep their times",
      params: idParams,
      body: z.object({ name: z.string().trim().min(1).max(80), start: time, end: time, peak: z.boolean(), active: z.boolean() }).partial(),
    },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => updateShift(tx, actor, request.params.id, request.body, now()));
  });

  r.put("/api/rotations/sites/:siteId/demand", {
    config: { policy: "rotations.manage" },
    schema: {
      tags: ["rotations"],
      summary: "Replace a site's demand: people needed per station, shift and weekday (1 Monday … 7 Sunday)",
      params: siteParams,
      body: z.object({ rows: z.array(z.object({ stationId: z.uuid(), shiftId: z.uuid(), weekday: z.number().int().min(1).max(7), people: z.number().int().min(0).max(50) })).max(2000) }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    return { rows: await db.transaction().execute((tx) => replaceDemand(tx, actor, request.params.siteId, request.body.rows, now())) };
  });

  r.get("/api/rotations/sites/:siteId/plans", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "A site's rotation plans, newest first", params: siteParams },
  }, async (request) => ({ items: await listPlans(db, actorOf(request), request.params.siteId) }));

  r.post("/api/rotations/plans", {
    config: { policy: "rotations.manage" },
    schema: {
      tags: ["rotations"],
      summary: "Generate a draft rotation plan for one to four weeks from a Monday, solved as a mixed-integer program: qualified people only (on each shift's date), trainees paired, leave, hours and rest respected; shortfalls explained",
      body: z.object({ siteId: z.uuid(), startsOn: isoDate, weeks: z.number().int().min(1).max(4), timeLimitSeconds: z.number().min(1).max(60).optional() }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { planId, outcome } = await generatePlan(db, actor, request.body, now(), { timeLimitSeconds: request.body.timeLimitSeconds });
    return reply.status(201).send({ planId, status: outcome.status, objective: outcome.objective, bound: outcome.bound, gap: outcome.gap, solveMs: outcome.solveMs, assignments: outcome.assignments.length, shortfalls: outcome.shortfalls });
  });

  r.get("/api/rotations/plans/:id", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "A plan's grid: stations, shifts, people, assignments, and the live check of every rule with the shortfalls explained", params: idParams },
  }, async (request) => getPlanView(db, actorOf(request), request.params.id));

  r.post("/api/rotations/plans/:id/check", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Check proposed changes to a plan without saving them: the problems the plan would have, those the changes introduce, and the shortfalls", params: idParams, body: changes },
  }, async (request) => checkPlanChanges(db, actorOf(request), request.params.id, request.body));

  r.post("/api/rotations/plans/:id/changes", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Add and remove assignments in one step; refused (409) when a change would break a rule", params: idParams, body: changes },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => changePlan(tx, actor, request.params.id, request.body, now()));
  });

  r.post("/api/rotations/plans/:id/publish", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Publish a draft; a published plan of the same weeks is superseded; refused while a rule is broken", params: idParams },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => publishPlan(tx, actor, request.params.id, now(), app.deps.config.publicUrl));
  });

  r.post("/api/rotations/plans/:id/discard", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Delete a draft plan", params: idParams },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => discardPlan(tx, actor, request.params.id, now()));
    return reply.status(204).send();
  });

  r.get("/api/rotations/leave", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["rotations"],
      summary: "Leave requests: technicians their own, managers their sites' (and their own), admins all",
      querystring: z.object({ siteId: z.uuid().optional(), status: z.enum(["requested", "approved", "rejected", "cancelled"]).optional(), personId: z.uuid().optional() }),
    },
  }, async (request) => ({ items: await listLeave(db, actorOf(request), request.query) }));

  r.post("/api/rotations/leave", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["rotations"],
      summary: "Request PTO, a sick day or leave (for oneself; it waits for a manager), or record one for someone at a managed site; a manager's call-out is approved at once",
      body: z.object({ personId: z.uuid().optional(), kind: z.enum(["pto", "sick", "leave", "call-out"]), startsOn: isoDate, endsOn: isoDate, note: z.string().trim().max(1000).nullish() }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const leave = await db.transaction().execute((tx) => requestLeave(tx, actor, request.body, now(), app.deps.config.publicUrl));
    return reply.status(201).send(leave);
  });

  r.post("/api/rotations/leave/:id/decision", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Approve or reject a leave request (the person's site manager or an admin, never one's own)", params: idParams, body: z.object({ approve: z.boolean(), note: z.string().trim().max(1000).nullish() }) },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => decideLeave(tx, actor, request.params.id, request.body, now()));
  });

  r.post("/api/rotations/leave/:id/cancel", {
    config: { policy: "authenticated" },
    schema: { tags: ["rotations"], summary: "Withdraw a leave request or cancel approved leave (the person or their manager)", params: idParams },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => cancelLeave(tx, actor, request.params.id, now()));
  });

  r.get("/api/rotations/leave/:id/backfill", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "The shifts a leave request or call-out leaves open, each with who could cover it, best first", params: idParams },
  }, async (request) => leaveBackfill(db, actorOf(request), request.params.id));

  r.get("/api/rotations/assignments/:id/backfill", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Who could take over one assignment: qualified that day, free, rested and within hours; same site first, then floaters, then nearby sites; least disruption and fewest hours first", params: idParams },
  }, async (request) => backfillCandidates(db, actorOf(request), request.params.id));

  r.post("/api/rotations/backfill", {
    config: { policy: "rotations.manage" },
    schema: { tags: ["rotations"], summary: "Hand assignments over to the people chosen, all in one step; refused when any move would break a rule", body: z.object({ moves: z.array(z.object({ assignmentId: z.uuid(), personId: z.uuid() })).min(1).max(100) }) },
  }, async (request) => {
    const actor = actorOf(request);
    return { items: await db.transaction().execute((tx) => applyBackfill(tx, actor, request.body.moves, now(), app.deps.config.publicUrl)) };
  });

  const range = z.object({ from: isoDate.optional(), to: isoDate.optional() });

  r.get("/api/rotations/me/schedule", {
    config: { policy: "authenticated" },
    schema: { tags: ["rotations"], summary: "The caller's published shifts and leave requests (default: a week back to eight weeks ahead)", querystring: range },
  }, async (request) => {
    const actor = actorOf(request);
    return personSchedule(db, actor, actor.personId, request.query, now());
  });

  r.get("/api/rotations/people/:id/schedule", {
    config: { policy: "authenticated" },
    schema: { tags: ["rotations"], summary: "A person's published shifts and leave requests (the person, their manager, an admin)", params: idParams, querystring: range },
  }, async (request) => personSchedule(db, actorOf(request), request.params.id, request.query, now()));

  r.get("/api/rotations/people/:id/availability", {
    config: { policy: "authenticated" },
    schema: { tags: ["rotations"], summary: "A person's working pattern: weekly hours, rest between shifts, shifts worked, station preferences, sites they float to", params: idParams },
  }, async (request) => getAvailability(db, actorOf(request), request.params.id));

  r.put("/api/rotations/people/:id/availability", {
    config: { policy: "rotations.manage" },
    schema: {
      tags: ["rotations"],
      summary: "Set a person's working pattern (their site's manager or an admin)",
      params: idParams,
      body: z.object({
        weeklyHours: z.number().int().min(0).max(80),
        minRestHours: z.number().int().min(0).max(24),
        shifts: z.array(z.string().regex(/^[1-7]\/[a-z0-9]+(-[a-z0-9]+)*$/, "must be weekday/shift-code, e.g. 1/first")).max(200).nullable().describe("Weekday/shift-code pairs the person works; null for any"),
        preferredStations: z.array(code).max(30),
        avoidedStations: z.array(code).max(30),
        floatSiteIds: z.array(z.uuid()).max(50).describe("Sites besides the home site the person may work at"),
      }),
    },
  }, async (request) => {
    const actor = actorOf(request);
    return db.transaction().execute((tx) => setAvailability(tx, actor, request.params.id, request.body, now()));
  });

  r.post("/api/rotations/me/calendar-feed", {
    config: { policy: "authenticated" },
    schema: { tags: ["rotations"], summary: "Create the caller's calendar feed, or replace it (the old link stops working); the link is shown once" },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { path } = await db.transaction().execute((tx) => createCalendarFeed(tx, actor, now()));
    return reply.status(201).send({ url: new URL(path, app.deps.config.publicUrl).toString(), path });
  });

  r.delete("/api/rotations/me/calendar-feed", {
    config: { policy: "authenticated" },
    schema: { tags: ["rotations"], summary: "Stop the caller's calendar feed" },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await db.transaction().execute((tx) => deleteCalendarFeed(tx, actor, now()));
    return reply.status(204).send();
  });

  r.get("/api/calendar/:file", {
    config: { policy: "public" },
    schema: { tags: ["rotations"], summary: "A person's shifts as an iCalendar feed, behind the token of their feed link (TOKEN.ics)", params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/, "must be TOKEN.ics") }), security: [] },
  }, async (request, reply) => {
    const text = await calendarFeed(db, request.params.file.slice(0, -4), now());
    return reply.header("content-type", "text/calendar; charset=utf-8").header("cache-control", "private, max-age=300").send(text);
  });
}
