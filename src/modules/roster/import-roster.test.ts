import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { verifyAuditChain } from "../audit/index.ts";

const HEADER = "employee_id,first_name,last_name,email,site,hire_date,role,phone,status,separation_date,separation_type,separation_reason";

describe("roster import and export", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client;
  const upload = (csv: string, query = "") =>
    admin.request({ method: "POST", url: `/api/roster/import${query}`, payload: csv, headers: { "content-type": "text/csv", "x-file-name": "roster.csv" } });
  const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM people WHERE org_id = ${org.id}`.execute(t.database.db)).rows[0].n);

  before(async () => {
    t = await createTestApp();
    org = await buildOrganization(t.database.db);
    admin = await signInAs(t.app, (await buildPerson(t.database.db, org, { role: "admin" })).email);
  });
  after(() => t.close());

  it("a file with any error imports nothing and lists every error with row and column", async () => {
    const before = await count();
    const csv = [
      HEADER,
      "A1,Maria,Lopez,maria@example.test,S1,2024-03-18,technician,,active,,,",
      "A2,James,,james@example.test,S9,2024-02-30,boss,,,,,",
      "A1,Dup,Licate,dup@example.test,S1,2024-03-18,,,,,,",
      "A3,Ann,Lee,maria@example.test,S2,3/4/2022,,,separated,2025-01-01,voluntary,attendance",
    ].join("\n");
    const response = await upload(csv);
    assert.equal(response.statusCode, 422);
    const error = response.json().error;
    assert.equal(error.code, "IMPORT_INVALID");
    assert.deepEqual(
      error.fields.map((f: { row: number; field: string }) => `${f.row}:${f.field}`),
      ["3:last_name", "3:hire_date", "3:role", "3:site", "4:employee_id", "5:separation_reason"],
    );
    assert.equal(await count(), before);
  });

  it("reports unknown site codes and duplicate e-mails", async () => {
    const csv = [HEADER, "B1,Maria,Lopez,m2@example.test,NOPE,2024-03-18,,,,,,", "B2,Jo,Ray,m3@example.test,S1,2024-03-18,,,,,,", "B3,Al,Ray,M3@example.test,S1,2024-03-18,,,,,,"].join("\n");
    const fields = (await upload(csv)).json().error.fields;
    assert.deepEqual(fields.map((f: { row: number; field: string; message: string }) => `${f.row}:${f.field}`), ["2:site", "4:email"]);
    assert.match(fields[1].message, /row 3/);
  });

  it("rejects a file without the required columns", async () => {
    const response = await upload("employee_id,name\nX,Y\n");
    const fields = response.json().error.fields.map((f: { field: string }) => f.field);
    assert.ok(fields.includes("name") && fields.includes("first_name") && fields.includes("hire_date"));
  });

  it("imports, then re-imports by employee id: updates, never duplicates", async () => {
    const before = await count();
    const csv = [
      HEADER,
      "C1,Maria,Lopez,c1@example.test,S1,2024-03-18,technician,555-0100,active,,,",
      "C2,James,Carter,c2@example.test,S1,2021-06-01,technician,,separated,2025-09-30,voluntary,career_path",
      "C3,Priya,Shah,c3@example.test,S2,2022-01-10,manager,,,,,",
    ].join("\r\n");
    const dry = (await upload(csv, "?dryRun=1")).json();
    assert.deepEqual([dry.created, dry.dryRun], [3, true]);
    assert.equal(await count(), before);

    const first = (await upload(csv)).json();
    assert.deepEqual([first.rows, first.created, first.updated, first.unchanged], [3, 3, 0, 0]);
    assert.equal(await count(), before + 3);

    const changed = csv.replace("c1@example.test,S1", "c1@example.test,S2").replace("555-0100", "555-0101");
    const second = (await upload(changed)).json();
    assert.deepEqual([second.created, second.updated, second.unchanged], [0, 1, 2]);
    assert.equal(await count(), before + 3);

    const list = (await admin.get("/api/people?q=Lopez")).json();
    assert.equal(list.items[0].siteCode, "S2");
    const detail = (await admin.get(`/api/people/${list.items[0].id}`)).json();
    assert.deepEqual(detail.events.map((e: { kind: string }) => e.kind), ["hire", "transfer"]);
    const carter = (await admin.get("/api/people?q=Carter")).json().items[0];
    assert.equal(carter.status, "separated");
    const managerSites = await t.database.db.selectFrom("manager_sites").innerJoin("people", "people.id", "manager_sites.person_id").select("manager_sites.site_id").where("people.employee_id", "=", "C3").execute();
    assert.deepEqual(managerSites.map((m) => m.site_id), [org.sites[1].id]);
    assert.deepEqual(await verifyAuditChain(t.database.db, org.id).then((r) => r.ok), true);
  });

  it("exports the roster in the template's columns, and the export re-imports unchanged", async () => {
    const response = await admin.get("/api/roster/export.csv");
    assert.equal(response.statusCode, 200);
    assert.match(response.headers["content-type"] as string, /text\/csv/);
    const lines = response.body.trim().split("\n");
    assert.equal(lines[0], HEADER);
    assert.equal(lines.length, (await count()) + 1);
    const again = (await upload(response.body)).json();
    assert.equal(again.unchanged, lines.length - 1);
  });

  it("serves the template, which passes validation once its site exists", async () => {
    const template = await admin.get("/api/roster/template.csv");
    assert.equal(template.statusCode, 200);
    const checked = (await upload(template.body, "?dryRun=1")).json();
    assert.equal(checked.rows, 2);
  });

  it("only admins import; managers export their sites only", async () => {
    const manager = await signInAs(t.app, (await buildPerson(t.database.db, org, { role: "manager", siteId: org.sites[1].id })).email);
    const denied = await manager.request({ method: "POST", url: "/api/roster/import", payload: HEADER, headers: { "content-type": "text/csv" } });
    assert.equal(denied.statusCode, 403);
    const exported = (await manager.get("/api/roster/export.csv")).body.trim().split("\n").slice(1);
    assert.ok(exported.length > 0 && exported.every((line) => line.split(",")[4] === "S2"));
  });

  it("streams a large file in batches within one transaction", async () => {
    const rows = [HEADER];
    for (let i = 0; i < 2500; i++) rows.push(`L${i},First${i},Last${i},l${i}@example.test,S${(i % 2) + 1},2023-0${(i % 9) + 1}-15,,,,,,`);
    const before = await count();
    const bad = [...rows, "L9999,Bad,Row,l9999@example.test,S1,never,,,,,,"];
    assert.equal((await upload(bad.join("\n"))).json().error.fields[0].row, 2502);
    assert.equal(await count(), before, "the batches already written were rolled back");
    const good = (await upload(rows.join("\n"))).json();
    assert.equal(good.created, 2500);
    assert.equal(await count(), before + 2500);
  });
});
