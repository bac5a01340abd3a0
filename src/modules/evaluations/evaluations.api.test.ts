import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { loadNextCoreLevelFacts } from "../ladder/person-facts.ts";
import { DEFAULT_EVALUATION_TEMPLATE } from "./default-template.ts";

const ratingsOf = (value: number) => Object.fromEntries(DEFAULT_EVALUATION_TEMPLATE.items.map((i) => [i.code, value]));
const csv = (client: Client, body: string, query = "") => client.request({ method: "POST", url: `/api/kpis/import${query}`, headers: { "content-type": "text/csv" }, payload: body });

describe("evaluations and KPIs API", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, farManager: Client, technician: Client, peer: Client, akl: Client, otherAdmin: Client;
  let tech: { id: string; employee_id: string };
  let peerPerson: { id: string; employee_id: string };
  let aklTech: { id: string; employee_id: string };
  let farTech: { id: string; employee_id: string };

  before(async () => {
    // 02:00 UTC on 1 June: still May in New York, already June in Auckland.
    t = await createTestApp({ now: new Date("2026-06-01T02:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db, { sites: 3 });
    const [s1, s2, s3] = org.sites.map((s) => s.id);
    await db.updateTable("sites").set({ time_zone: "Pacific/Auckland" }).where("id", "=", s3).execute();
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: s1, managedSiteIds: [s1, s3] }),
      farManager: await buildPerson(db, org, { role: "manager", siteId: s2 }),
      technician: await buildPerson(db, org, { role: "technician", siteId: s1, employeeId: "E-TECH" }),
      peer: await buildPerson(db, org, { role: "technician", siteId: s1, employeeId: "E-PEER" }),
      akl: await buildPerson(db, org, { role: "technician", siteId: s3, employeeId: "E-AKL" }),
      far: await buildPerson(db, org, { role: "technician", siteId: s2, employeeId: "E-FAR" }),
    };
    tech = people.technician;
    peerPerson = people.peer;
    aklTech = people.akl;
    farTech = people.far;
    await placeAtLevel(db, org, tech.id, "core/tech-2", "2025-03-01");
    const other = await buildOrganization(db);
    [admin, manager, farManager, technician, peer, akl, otherAdmin] = await Promise.all([
      signInAs(t.app, people.admin.email),
      signInAs(t.app, people.manager.email),
      signInAs(t.app, people.farManager.email),
      signInAs(t.app, people.technician.email),
      signInAs(t.app, people.peer.email),
      signInAs(t.app, people.akl.email),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  it("lists who is due for their site's month, only at the manager's sites", async () => {
    const due = (await manager.get("/api/evaluations/due")).json();
    const byPerson = new Map(due.items.map((d: { personId: string; month: string }) => [d.personId, d.month]));
    assert.equal(byPerson.get(tech.id), "2026-05-01");
    assert.equal(byPerson.get(aklTech.id), "2026-06-01");
    assert.equal(byPerson.has(farTech.id), false);
    assert.equal((await manager.get(`/api/evaluations/due?siteId=${org.sites[1].id}`)).statusCode, 403);
    assert.equal((await technician.get("/api/evaluations/due")).statusCode, 403);
    const all = (await admin.get("/api/evaluations/due")).json();
    assert.ok(all.items.some((d: { personId: string }) => d.personId === farTech.id));
  });

  it("a manager fills an evaluation for their site; one per person per month; errors name the field", async () => {
    const missing = await manager.post(`/api/people/${tech.id}/evaluations`, { month: "2026-05", ratings: { accuracy: 3 } });
    assert.equal(missing.statusCode, 400);
    assert.ok(missing.json().error.fields.some((f: { field: string }) => f.field === "ratings.teamwork"));
    const future = await manager.post(`/api/people/${tech.id}/evaluations`, { month: "2026-06", ratings: ratingsOf(3) });
    assert.equal(future.statusCode, 400);
    assert.equal(future.json().error.fields[0].field, "month");
    assert.equal((await farManager.post(`/api/people/${tech.id}/evaluations`, { month: "2026-05", ratings: ratingsOf(3) })).statusCode, 403);
    assert.equal((await technician.post(`/api/people/${tech.id}/evaluations`, { month: "2026-05", ratings: ratingsOf(4) })).statusCode, 403);
    assert.equal((await otherAdmin.post(`/api/people/${tech.id}/evaluations`, { month: "2026-05", ratings: ratingsOf(4) })).statusCode, 404);
    const filled = await manager.post(`/api/people/${tech.id}/evaluations`, { month: "2026-05", ratings: ratingsOf(4), comments: "Steady month" });
    assert.equal(filled.statusCode, 201);
    assert.equal(filled.json().average, 4);
    assert.equal(filled.json().month, "2026-05-01");
    const again = await manager.post(`/api/people/${tech.id}/evaluations`, { month: "2026-05-20", ratings: ratingsOf(3) });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.fields[0].field, "month");
    const due = (await manager.get("/api/evaluations/due")).json();
    assert.equal(due.items.some((d: { personId: string }) => d.personId === tech.id), false);
  });

  it("the technician sees only their own; edits before acknowledgement are audited; acknowledgement locks", async () => {
    const own = (await technician.get(`/api/people/${tech.id}/evaluations`)).json();
    assert.equal(own.items.length, 1);
    const evaluation = own.items[0];
    assert.equal(evaluation.canAcknowledge, true);
    assert.equal(evaluation.canEdit, false);
    assert.equal((await peer.get(`/api/people/${tech.id}/evaluations`)).statusCode, 403);
    assert.equal((await peer.get(`/api/evaluations/${evaluation.id}`)).statusCode, 404);
    assert.equal((await farManager.get(`/api/people/${tech.id}/evaluations`)).statusCode, 403);

    const ratings = { ...ratingsOf(4), teamwork: 3 };
    const edited = await manager.patch(`/api/evaluations/${evaluation.id}`, { ratings });
    assert.equal(edited.statusCode, 200);
    assert.equal(edited.json().average, 3.86);
    const audit = await sql<{ action: string; before: { average: number } }>`SELECT action, before FROM audit_log WHERE entity_id = ${evaluation.id} ORDER BY seq`.execute(t.database.db);
    assert.deepEqual(audit.rows.map((a) => a.action), ["evaluation.filled", "evaluation.changed"]);
    assert.equal(audit.rows[1].before.average, 4);

    assert.equal((await manager.post(`/api/evaluations/${evaluation.id}/acknowledge`, {})).statusCode, 403);
    const acknowledged = await technician.post(`/api/evaluations/${evaluation.id}/acknowledge`, { comment: "Thanks — working on teamwork" });
    assert.equal(acknowledged.statusCode, 200);
    assert.equal(acknowledged.json().isLocked, true);
    assert.equal(acknowledged.json().technicianComment, "Thanks — working on teamwork");
    const locked = await manager.patch(`/api/evaluations/${evaluation.id}`, { comments: "changed my mind" });
    assert.equal(locked.statusCode, 409);
    assert.equal(locked.json().error.code, "EVALUATION_LOCKED");
    assert.equal((await technician.post(`/api/evaluations/${evaluation.id}/acknowledge`, {})).statusCode, 409);
  });

  it("imports KPI figures all-or-nothing, with row and column errors and scope", async () => {
    const header = "employee_id,kpi,period_end,value";
    const bad = await csv(manager, `${header}\nE-TECH,fill-accuracy,2026-04-30,99.8\nE-NOBODY,fill-accuracy,2026-04-30,99\nE-TECH,speed,2026-04-30,1\nE-FAR,attendance,2026-04-30,97\nE-TECH,fill-accuracy,2026-04-30,99.9\n`);
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().error.fields.map((f: { row: number; field: string }) => [f.row, f.field]), [[3, "employee_id"], [4, "kpi"], [5, "employee_id"], [6, "period_end"]]);
    const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM kpi_values WHERE org_id = ${org.id}`.execute(t.database.db)).rows[0].n;
    assert.equal(await count(), 0);
    const header2 = await csv(manager, "employee,value\nE-TECH,1\n");
    assert.equal(header2.statusCode, 422);
    assert.deepEqual(header2.json().error.fields.map((f: { field: string }) => f.field), ["kpi", "period_end"]);
    assert.equal((await csv(technician, `${header}\nE-TECH,fill-accuracy,2026-04-30,100\n`)).statusCode, 403);

    const rows = ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"].flatMap((d) => [
      `E-TECH,fill-accuracy,${d},99.8`,
      `E-TECH,near-miss-rate,${d},1.5`,
      `E-TECH,claims-resolved,${d},97`,
      `E-TECH,inventory-accuracy,${d},99`,
      `E-TECH,attendance,${d},98`,
    ]);
    const dry = await csv(manager, `${header}\n${rows.join("\n")}\n`, "?dryRun=1");
    assert.deepEqual(dry.json(), { rows: 20, created: 20, replaced: 0, dryRun: true });
    assert.equal(await count(), 0);
    const good = await csv(manager, `${header}\n${rows.join("\n")}\n`);
    assert.equal(good.statusCode, 200);
    assert.equal(good.json().created, 20);
    const template = await manager.get("/api/kpis/template.csv");
    assert.match(template.body, /^employee_id,kpi,period_end,value/);
  });

  it("shows KPI trends to the person and their manager, with the framework's thresholds", async () => {
    const trends = (await technician.get(`/api/people/${tech.id}/kpis`)).json();
    const accuracy = trends.trends.find((k: { code: string }) => k.code === "fill-accuracy");
    assert.equal(accuracy.points.length, 4);
    assert.equal(accuracy.latest, 99.8);
    assert.ok(accuracy.thresholds.some((th: { level: string; threshold: number }) => th.level === "Pharmacy Technician III" && th.threshold === 99.7));
    assert.equal(trends.canRecord, false);
    assert.equal((await peer.get(`/api/people/${tech.id}/kpis`)).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/people/${tech.id}/kpis`)).statusCode, 404);
    const recorded = await manager.post(`/api/people/${tech.id}/kpis`, { kpi: "fill-rate", periodEnd: "2026-04-30", value: 42 });
    assert.equal(recorded.statusCode, 201);
    assert.equal((await manager.post(`/api/people/${tech.id}/kpis`, { kpi: "fill-rate", periodEnd: "2026-07-31", value: 42 })).json().error.fields[0].field, "periodEnd");
    assert.equal((await technician.post(`/api/people/${tech.id}/kpis`, { kpi: "fill-rate", periodEnd: "2026-04-30", value: 99 })).statusCode, 403);
  });

  it("admins define KPIs; others may not", async () => {
    assert.equal((await manager.request({ method: "PUT", url: "/api/kpis/definitions/scan-rate", payload: { code: "scan-rate", name: "Scan rate", unit: "%", direction: "higher" } })).statusCode, 403);
    const saved = await admin.request({ method: "PUT", url: "/api/kpis/definitions/scan-rate", payload: { code: "scan-rate", name: "Barcode scan rate", unit: "%", direction: "higher" } });
    assert.equal(saved.statusCode, 200);
    const list = (await technician.get("/api/kpis/definitions")).json();
    assert.ok(list.items.some((d: { code: string }) => d.code === "scan-rate"));
    assert.equal((await otherAdmin.get("/api/kpis/definitions")).json().items.some((d: { code: string }) => d.code === "scan-rate"), false);
  });

  it("a Tech II's Tech III evaluation and KPI requirements become met, per person and org-wide", async () => {
    const ladder = (await technician.get(`/api/ladder/people/${tech.id}`)).json();
    const next = ladder.next.find((n: { track: string }) => n.track === "core");
    assert.equal(next.level, "tech-3");
    const evaluation = next.requirements.find((r: { kind: string }) => r.kind === "evaluation");
    assert.equal(evaluation.status, "met");
    for (const r of next.requirements.filter((r: { kind: string }) => r.kind === "kpi")) assert.equal(r.status, "met", r.label);
    const { definition } = await getPublishedFramework(t.database.db, org.id);
    const facts = await loadNextCoreLevelFacts(t.database.db, org.id, definition, t.clock.now);
    assert.equal(facts.get(tech.id)!.evaluations.length, 1);
    assert.equal(facts.get(tech.id)!.kpis.length, 21);
    assert.equal(facts.get(peerPerson.id)!.kpis.length, 0);
  });

  it("the Auckland technician is due for June while New York is still in May", async () => {
    assert.equal((await manager.post(`/api/people/${aklTech.id}/evaluations`, { month: "2026-06", ratings: ratingsOf(3) })).statusCode, 201);
    assert.equal((await akl.get(`/api/people/${aklTech.id}/evaluations`)).json().items[0].month, "2026-06-01");
  });
});
