import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { openDatabase, type DatabaseHandle } from "../../db/database.ts";
import { migrate } from "../../db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../../test/harness.ts";
import { buildOrganization, buildPerson } from "../../test/factories.ts";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../bin/rxladder.mjs");

describe("rxladder kpis import and evaluations due (command line)", () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  let serverDatabase: TestDatabase | undefined;
  let slug: string;
  let employeeId: string;

  const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rxladder-kpi-cli-"));
    let handle: DatabaseHandle;
    if (process.env.TEST_DATABASE_URL) {
      serverDatabase = await createTestDatabase();
      handle = serverDatabase;
      env = { DATABASE_URL: serverDatabase.url, DATA_DIR: "" };
    } else {
      const dataDir = path.join(tmp, "data");
      handle = await openDatabase({ dataDir });
      await migrate(handle.db);
      env = { DATABASE_URL: "", DATA_DIR: dataDir };
    }
    const org = await buildOrganization(handle.db);
    slug = org.slug;
    const technician = await buildPerson(handle.db, org, { withAccount: false, hireDate: "2024-01-02" });
    employeeId = technician.employee_id;
    fs.writeFileSync(path.join(tmp, "good.csv"), `employee_id,kpi,period_end,value\n${employeeId},attendance,2025-12-31,98\n`);
    fs.writeFileSync(path.join(tmp, "bad.csv"), `employee_id,kpi,period_end,value\n${employeeId},speed,2025-12-31,98\nNOBODY,attendance,2025-12-31,x\n`);
    if (!serverDatabase) await handle.close();
  });

  after(async () => {
    await serverDatabase?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

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
