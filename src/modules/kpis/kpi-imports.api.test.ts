import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";

const HEADER = "employee_id,kpi,period_end,value";
const upload = (client: Client, body: string, fileName?: string, query = "") =>
  client.request({ method: "POST", url: `/api/kpis/import${query}`, headers: { "content-type": "text/csv", ...(fileName ? { "x-file-name": fileName } : {}) }, payload: body });

describe("KPI import history and thresholds per level", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, farManager: Client, technician: Client, otherAdmin: Client;
  let tech: { id: string };
  let firstImport: string, secondImport: string, farImport: string;

  before(async () => {
    t = await createTestApp({ now: new Date("2026-07-10T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db, { sites: 2 });
    const [s1, s2] = org.sites.map((s) => s.id);
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: s1 }),
      farManager: await buildPerson(db, org, { role: "manager", siteId: s2 }),
      technician: await buildPerson(db, org, { role: "technician", siteId: s1, employeeId: "E-NEAR" }),
      far: await buildPerson(db, org, { role: "technician", siteId: s2, employeeId: "E-FAR" }),
    };
    tech = people.technician;
    await placeAtLevel(db, org, tech.id, "core/tech-2", "2025-03-01");
    const other = await buildOrganization(db);
    [admin, manager, farManager, technician, otherAdmin] = await Promise.all([
      signInAs(t.app, people.admin.email),
      signInAs(t.app, people.manager.email),
      signInAs(t.app, people.farManager.email),
      signInAs(t.app, people.technician.email),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  it("keeps each import: who, when, the file, its counts and periods; a dry run or a refused file keeps nothing", async () => {
    const months = ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"];
    const rows = months.map((d, i) => `E-NEAR,fill-accuracy,${d},${99.5 + i * 0.05}`).join("\n");
    assert.equal((await upload(manager, `${HEADER}\n${rows}\n`, "jan-jun.csv", "?dryRun=1")).statusCode, 200);
    assert.equal((await upload(manager, `${HEADER}\nE-NOBODY,fill-accuracy,2026-06-30,99\n`, "bad.csv")).statusCode, 422);
    assert.deepEqual((await admin.get("/api/kpis/imports")).json().items, []);

    const first = await upload(manager, `${HEADER}\n${rows}\n`, "jan-jun.csv");
    assert.equal(first.statusCode, 200);
    firstImport = first.json().importId;
    t.clock.now = new Date("2026-07-11T15:00:00Z");
    const second = await upload(admin, `${HEADER}\nE-NEAR,fill-accuracy,2026-06-30,99.9\nE-NEAR,attendance,2026-06-30,97\n`, "june-correction.csv");
    secondImport = second.json().importId;
    const { importId: _id, ...counts } = second.json() as { importId: string; rows: number };
    assert.deepEqual(counts, { rows: 2, created: 1, replaced: 1, dryRun: false });
    t.clock.now = new Date("2026-07-12T15:00:00Z");
    farImport = (await upload(farManager, `${HEADER}\nE-FAR,attendance,2026-06-30,95\n`, "far.csv")).json().importId;

    const list = (await admin.get("/api/kpis/imports")).json().items;
    assert.deepEqual(list.map((i: { id: string }) => i.id), [farImport, secondImport, firstImport]);
    const jan = list[2];
    assert.equal(jan.fileName, "jan-jun.csv");
    assert.equal(jan.rows, 6);
    assert.equal(jan.created, 6);
    assert.equal(jan.periodFrom, "2026-01-31");
    assert.equal(jan.periodTo, "2026-06-30");
    assert.match(jan.importedBy, /\S+ \S+/);
    assert.equal(jan.importedAt, "2026-07-10T15:00:00.000Z");
  });

  it("shows one import's figures as read, with the value each replaced", async () => {
    const detail = (await manager.get(`/api/kpis/imports/${secondImport}`)).json();
    assert.deepEqual(
      detail.figures.map((f: { row: number; kpi: string; value: number; previousValue: number | null }) => [f.row, f.kpi, f.value, f.previousValue]),
      [[2, "fill-accuracy", 99.9, 99.75], [3, "attendance", 97, null]],
    );
    assert.equal(detail.hiddenFigures, 0);
    // The first import still shows what its file said for June, though June was corrected since.
    const first = (await admin.get(`/api/kpis/imports/${firstImport}`)).json();
    assert.equal(first.figures.at(-1).value, 99.75);
  });

  it("a manager sees only imports with their sites' people; technicians and other organizations see none", async () => {
    const near = (await manager.get("/api/kpis/imports")).json().items.map((i: { id: string }) => i.id);
    assert.deepEqual(near, [secondImport, firstImport]);
    assert.equal((await manager.get(`/api/kpis/imports/${farImport}`)).statusCode, 404);
    assert.deepEqual((await farManager.get("/api/kpis/imports")).json().items.map((i: { id: string }) => i.id), [farImport]);
    assert.equal((await technician.get("/api/kpis/imports")).statusCode, 403);
    assert.equal((await technician.get(`/api/kpis/imports/${firstImport}`)).statusCode, 403);
    assert.deepEqual((await otherAdmin.get("/api/kpis/imports")).json().items, []);
    assert.equal((await otherAdmin.get(`/api/kpis/imports/${firstImport}`)).statusCode, 404);
  });

  it("the trend shows each level's threshold with the person's average in its window and whether it is met", async () => {
    const trends = (await technician.get(`/api/people/${tech.id}/kpis`)).json().trends;
    const accuracy = trends.find((k: { code: string }) => k.code === "fill-accuracy");
    const tech3 = accuracy.thresholds.find((th: { level: string; windowMonths: number }) => th.level === "Pharmacy Technician III");
    // Six months ending 30 June: 99.5, 99.55, 99.6, 99.65, 99.7, 99.9 → 99.65, below 99.7.
    assert.deepEqual({ average: tech3.average, periods: tech3.periods, isMet: tech3.isMet }, { average: 99.65, periods: 6, isMet: false });
    const lead = accuracy.thresholds.find((th: { windowMonths: number }) => th.windowMonths === 12);
    assert.equal(lead.periods, 6);
    const attendance = trends.find((k: { code: string }) => k.code === "attendance");
    assert.ok(attendance.thresholds.every((th: { average: number; isMet: boolean; threshold: number }) => th.average === 97 && th.isMet === th.threshold <= 97));
    const nearMiss = trends.find((k: { code: string }) => k.code === "near-miss-rate");
    assert.ok(nearMiss.thresholds.every((th: { average: number | null; periods: number; isMet: boolean }) => th.average === null && th.periods === 0 && !th.isMet));
  });
});
