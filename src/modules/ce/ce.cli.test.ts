import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { openCliWorkspace, type CliWorkspace } from "../../test/cli.ts";
import { buildOrganization, buildPerson } from "../../test/factories.ts";

describe("rxladder ce (command line)", () => {
  let tmp: string;
  let cli: CliWorkspace;
  let slug: string;
  let employeeId: string;

  const run = (args: string[]) => cli.run(args);

  before(async () => {
    cli = await openCliWorkspace("rxladder-ce-cli-");
    tmp = cli.tmp;
    const handle = cli.handle;
    const org = await buildOrganization(handle.db);
    slug = org.slug;
    const technician = await buildPerson(handle.db, org, { withAccount: false });
    employeeId = technician.employee_id;
    // Certified 705 days ago: the cycle ends in 25 days (26 where the site's day is behind UTC's), so a shortfall is warned about.
    const completed = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const earned = new Date(Date.now() - 705 * 86_400_000).toISOString().slice(0, 10);
    await handle.db.insertInto("certification_holdings").values({ org_id: org.id, person_id: technician.id, certification_code: "ptcb-cpht", earned_on: earned, expires_on: null, verification_status: "verified" }).execute();
    await handle.db.updateTable("certification_holdings").set({ expires_on: new Date(Date.parse(earned) + 730 * 86_400_000).toISOString().slice(0, 10) }).where("person_id", "=", technician.id).execute();
    fs.writeFileSync(path.join(tmp, "good.csv"), `employee_id,activity_title,completion_date,contact_hours,uan\n${employeeId},Law for technicians,${completed},1.5,0175-0000-${completed.slice(2, 4)}-105-H03-T\n`);
    fs.writeFileSync(path.join(tmp, "bad.csv"), `employee_id,activity_title,completion_date,contact_hours\n${employeeId},,${completed},1\nNOBODY,Law,${completed},x\n`);
    await cli.release();
  });

  after(() => cli.dispose());

  it("an invalid file prints every error with its row and column and exits 2", async () => {
    const result = await run(["ce", "import", path.join(tmp, "bad.csv"), "--org", slug]);
    assert.equal(result.code, 2, result.stdout);
    assert.match(result.stderr, /row 2, activity_title: is required/);
    assert.match(result.stderr, /row 3, employee_id: no person with employee_id "NOBODY"/);
    assert.match(result.stderr, /row 3, contact_hours: must be a number of hours above 0; "x" is not/);
  });

  it("imports a valid file, then reports compliance as a table and as CSV", async () => {
    const imported = await run(["ce", "import", path.join(tmp, "good.csv"), "--org", slug, "--verified"]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 1 rows: 1 CE records, verified\./);
    const table = await run(["ce", "compliance", "--org", slug]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(`${employeeId}.*Certified Pharmacy Technician \\(CPhT\\).*1\\.5/20 h  SHORT \\(30-day warning\\)`));
    assert.match(table.stdout, /1 people: 1 short \(1 within the warning days\), 0 expired, 0 complete\./);
    const csv = await run(["ce", "compliance", "--org", slug, "--site", "S1", "--format", "csv"]);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /^employee_id,name,site,credential,cycle_start,cycle_end,days_left/);
    assert.match(csv.stdout, new RegExp(`${employeeId},.*,S1,Certified Pharmacy Technician \\(CPhT\\),`));
    assert.equal((await run(["ce", "compliance", "--org", slug, "--site", "NOPE"])).code, 1);
  });
});
