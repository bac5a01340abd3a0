import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { MATRIX_STATUS_STYLE } from "./matrix.rules.ts";

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

describe("training matrix export", () => {
  let t: TestApp;
  let org: TestOrganization;
  let manager: Client, farManager: Client;
  let done: { id: string; last_name: string }, waiting: { id: string; last_name: string };

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const site = org.sites[0].id;
    const managerPerson = await buildPerson(db, org, { role: "manager", siteId: site });
    done = await buildPerson(db, org, { siteId: site });
    waiting = await buildPerson(db, org, { siteId: site });
    await db.updateTable("people").set({ last_name: "=HYPERLINK(\"http://x\")" }).where("id", "=", waiting.id).execute();
    await placeAtLevel(db, org, done.id, "core/tech-1");
    await placeAtLevel(db, org, waiting.id, "core/tech-1");
    manager = await signInAs(t.app, managerPerson.email);
    farManager = await signInAs(t.app, (await buildPerson(db, org, { role: "manager", siteId: org.sites[1].id })).email);
    const programs = (await manager.get("/api/training/programs")).json().items as { id: string; code: string }[];
    const hipaa = programs.find((p) => p.code === "hipaa-privacy")!.id;
    assert.equal((await manager.post("/api/training/completions", { personId: done.id, programId: hipaa, completedOn: "2026-06-01" })).statusCode, 201);
  });
  after(() => t.close());

  const exportOf = (client: Client, format: string, extra = "") => client.get(`/api/training/matrix/export?siteId=${org.sites[0].id}&kinds=training${extra}&format=${format}`);

  it("writes an XLSX workbook whose cells carry the status in words and in the screen's colours, gaps outlined", async () => {
    const response = await exportOf(manager, "xlsx");
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert.equal(response.headers["content-disposition"], 'attachment; filename="training-matrix-S1-2026-06-15.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Training matrix")!;
    assert.match(String(sheet.getCell("A1").value), /^Training matrix: S1 Site 1, as of 2026-06-15$/);
    const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
    assert.deepEqual(header.slice(0, 3), ["Name", "Employee ID", "Levels"]);
    const hipaaColumn = header.indexOf("Training: HIPAA privacy and security") + 1;
    assert.ok(hipaaColumn > 3, header.join(" | "));
    const rowOf = (lastName: string) => {
      for (let r = 3; r <= sheet.rowCount; r++) if (String(sheet.getRow(r).getCell(1).value).startsWith(lastName)) return sheet.getRow(r);
      throw new Error(`no row for ${lastName}`);
    };
    const qualified = rowOf(done.last_name).getCell(hipaaColumn);
    assert.equal(qualified.value, "Qualified");
    assert.equal((qualified.fill as ExcelJS.FillPattern).fgColor?.argb, argb(MATRIX_STATUS_STYLE.qualified.fill));
    assert.equal(qualified.font.color?.argb, argb(MATRIX_STATUS_STYLE.qualified.text));
    assert.equal(qualified.note, "Completed 2026-06-01");
    assert.equal(rowOf(done.last_name).getCell(3).value, "Pharmacy Technician I");

    const gap = rowOf("=HYPERLINK").getCell(hipaaColumn);
    assert.equal(gap.value, "Not started (Gap)");
    assert.equal((gap.fill as ExcelJS.FillPattern).fgColor?.argb, argb(MATRIX_STATUS_STYLE["not-started"].fill));
    assert.equal(gap.border.top?.style, "medium");
    assert.equal(gap.border.top?.color?.argb, "FFB00020");
    assert.equal(gap.font.bold, true);
    const view = sheet.views[0] as ExcelJS.WorksheetView & { xSplit: number; ySplit: number };
    assert.deepEqual([view.state, view.xSplit, view.ySplit], ["frozen", 1, 2], "names and headers stay in view");

    const legend = workbook.getWorksheet("Legend")!;
    const labels = [2, 3, 4, 5, 6].map((r) => legend.getRow(r).getCell(1));
    assert.deepEqual(labels.map((c) => c.value), ["Qualified", "Expiring", "In training", "Expired", "Not started"]);
    assert.deepEqual(labels.map((c) => (c.fill as ExcelJS.FillPattern).fgColor?.argb), ["qualified", "expiring", "in-training", "expired", "not-started"].map((s) => argb(MATRIX_STATUS_STYLE[s as keyof typeof MATRIX_STATUS_STYLE].fill)));
  });

  it("writes CSV with the same statuses, and keeps text that looks like a formula as text", async () => {
    const response = await exportOf(manager, "csv");
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers["content-type"], "text/csv; charset=utf-8");
    const [header, ...rows] = parse(response.body) as string[][];
    assert.deepEqual(header.slice(0, 4), ["Last name", "First name", "Employee ID", "Levels"]);
    const hipaa = header.indexOf("Training: HIPAA privacy and security");
    const doneRow = rows.find((r) => r[0] === done.last_name)!;
    assert.equal(doneRow[hipaa], "Qualified");
    const formula = rows.find((r) => r[0].includes("HYPERLINK"))!;
    assert.equal(formula[0], `'=HYPERLINK("http://x")`);
    assert.equal(formula[hipaa], "Not started (Gap)");
  });

  it("is for the site's manager and admins only, and checks its filters", async () => {
    assert.equal((await exportOf(farManager, "csv")).statusCode, 403);
    const bad = await exportOf(manager, "pdf");
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field), ["format"]);
    assert.equal((await exportOf(manager, "csv", "&track=nowhere")).statusCode, 400);
  });
});
