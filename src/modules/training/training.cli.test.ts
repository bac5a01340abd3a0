import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import { openCliWorkspace, type CliWorkspace } from "../../test/cli.ts";
import { buildOrganization, buildPerson, placeAtLevel } from "../../test/factories.ts";

describe("rxladder training (command line)", () => {
  let tmp: string;
  let cli: CliWorkspace;
  let slug: string;
  let managerEmail: string;
  let technician: { employee_id: string; last_name: string };
  const due = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);

  const run = (args: string[]) => cli.run(args);

  before(async () => {
    cli = await openCliWorkspace("rxladder-training-cli-");
    tmp = cli.tmp;
    const handle = cli.handle;
    const org = await buildOrganization(handle.db);
    slug = org.slug;
    managerEmail = (await buildPerson(handle.db, org, { role: "manager", withAccount: false })).email;
    technician = await buildPerson(handle.db, org, { withAccount: false });
    await placeAtLevel(handle.db, org, (await handle.db.selectFrom("people").select("id").where("employee_id", "=", technician.employee_id).executeTakeFirstOrThrow()).id, "core/tech-1");
    await cli.release();
  });

  after(() => cli.dispose());

  it("lists the shipped programs", async () => {
    const result = await run(["training", "programs", "--org", slug]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /usp-800-hazardous\s+Hazardous drug handling \(USP <800>\)\s+2\.5 h\s+every 12 months \(verify\)/);
  });

  it("assigns a program to a site as its manager; refuses the whole organization to a manager, and names bad options", async () => {
    const assigned = await run(["training", "assign", "--org", slug, "--as", managerEmail, "--program", "hipaa-privacy", "--site", "S1", "--due", due]);
    assert.equal(assigned.code, 0, assigned.stderr);
    assert.match(assigned.stdout, new RegExp(`Assigned HIPAA privacy and security \\(1 assignment\\), due ${due}\\.`));
    const organization = await run(["training", "assign", "--org", slug, "--as", managerEmail, "--program", "hipaa-privacy", "--level", "core/tech-1", "--due", due]);
    assert.equal(organization.code, 1);
    assert.match(organization.stderr, /Only an administrator assigns a training to the whole organization/);
    const bad = await run(["training", "assign", "--org", slug, "--as", managerEmail, "--program", "no-such-program", "--site", "S1", "--due", "2020-01-01"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /program: is not a program code of the organization/);
    const past = await run(["training", "assign", "--org", slug, "--as", managerEmail, "--program", "hipaa-privacy", "--person", technician.employee_id, "--due", "2020-01-01"]);
    assert.match(past.stderr, /dueOn: is in the past/);
  });

  it("writes the site matrix as CSV on standard output and as an XLSX file", async () => {
    const csv = await run(["training", "matrix", "--org", slug, "--site", "S1", "--kinds", "training"]);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, row] = csv.stdout.trim().split("\n");
    assert.ok(header.startsWith("Last name,First name,Employee ID,Levels,Training: HIPAA privacy and security"), header);
    assert.ok(row.startsWith(`${technician.last_name},Technician,${technician.employee_id},Pharmacy Technician I,In training (Gap)`), row);
    const file = path.join(tmp, "matrix.xlsx");
    const xlsx = await run(["training", "matrix", "--org", slug, "--site", "S1", "--format", "xlsx", "--out", file]);
    assert.equal(xlsx.code, 0, xlsx.stderr);
    assert.match(xlsx.stdout, /Wrote the training matrix of S1 \(1 person × \d+ skills, \d+ gaps\)/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    assert.equal(workbook.getWorksheet("Training matrix")!.getRow(3).getCell(1).value, `${technician.last_name}, Technician`);
    assert.equal((await run(["training", "matrix", "--org", slug, "--site", "S1", "--format", "xlsx"])).code, 1, "XLSX needs --out");
  });
});
