import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { openCliWorkspace, type CliWorkspace } from "../../test/cli.ts";
import { buildOrganization, buildPerson } from "../../test/factories.ts";

describe("rxladder kpis import and evaluations due (command line)", () => {
  let tmp: string;
  let cli: CliWorkspace;
  let slug: string;
  let employeeId: string;

  const run = (args: string[]) => cli.run(args);

  before(async () => {
    cli = await openCliWorkspace("rxladder-kpi-cli-");
    tmp = cli.tmp;
    const handle = cli.handle;
    const org = await buildOrganization(handle.db);
    slug = org.slug;
    const technician = await buildPerson(handle.db, org, { withAccount: false, hireDate: "2024-01-02" });
    employeeId = technician.employee_id;
    fs.writeFileSync(path.join(tmp, "good.csv"), `employee_id,kpi,period_end,value\n${employeeId},attendance,2025-12-31,98\n`);
    fs.writeFileSync(path.join(tmp, "bad.csv"), `employee_id,kpi,period_end,value\n${employeeId},speed,2025-12-31,98\nNOBODY,attendance,2025-12-31,x\n`);
    await cli.release();
  });

  after(() => cli.dispose());

  it("an invalid KPI file prints every error with its row and column and imports nothing", async () => {
    const result = await run(["kpis", "import", path.join(tmp, "bad.csv"), "--org", slug]);
    assert.notEqual(result.code, 0, result.stdout);
    assert.match(result.stderr, /row 2, kpi: "speed" is not a KPI of the organization/);
    assert.match(result.stderr, /row 3, employee_id: no person with employee_id "NOBODY"/);
    assert.match(result.stderr, /row 3, value: "x" is not a number/);
  });

  it("imports a valid file and lists who is due an evaluation", async () => {
    const imported = await run(["kpis", "import", path.join(tmp, "good.csv"), "--org", slug]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 1 rows: 1 new figures, 0 replaced\./);
    const due = await run(["evaluations", "due", "--org", slug, "--site", "S1"]);
    assert.equal(due.code, 0, due.stderr);
    assert.match(due.stdout, new RegExp(`${employeeId}.*S1 +due for \\d{4}-\\d{2}  last never`));
    assert.match(due.stdout, /1 evaluation due\./);
  });
});
