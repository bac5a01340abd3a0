import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { openDatabase } from "../db/database.ts";
import { createTestDatabase, type TestDatabase } from "../test/harness.ts";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/rxladder.mjs");
const HEADER = "employee_id,first_name,last_name,email,site,hire_date";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe("rxladder command line", () => {
  let env: NodeJS.ProcessEnv;
  let serverDatabase: TestDatabase | undefined;
  let tmp: string;
  let dataDir: string;

  const run = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, ...extra } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  /** The database the commands use, opened briefly from this process. */
  const withDb = async <T>(work: (db: TestDatabase["db"]) => Promise<T>) => {
    if (serverDatabase) return work(serverDatabase.db);
    const handle = await openDatabase({ dataDir });
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  };

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rxladder-cli-"));
    dataDir = path.join(tmp, "data");
    if (process.env.TEST_DATABASE_URL) {
      serverDatabase = await createTestDatabase();
      env = { DATABASE_URL: serverDatabase.url, DATA_DIR: "" };
    } else {
      env = { DATABASE_URL: "", DATA_DIR: dataDir };
    }
  });
  after(async () => {
    await serverDatabase?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("lists its commands", async () => {
    const help = await run(["--help"]);
    assert.equal(help.code, 0);
    for (const command of ["serve", "migrate", "seed", "import", "export", "audit", "backup", "restore"]) assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
  });

  it("migrates and seeds the demo organization once", async () => {
    assert.equal((await run(["migrate"])).code, 0);
    const first = await run(["seed", "demo"]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /admin@demo\.rxladder\.test/);
    assert.match((await run(["seed", "demo"])).stdout, /already exists/);
  });

  it("an invalid roster prints every error, exits non-zero and imports nothing", async () => {
    const file = path.join(tmp, "bad.csv");
    fs.writeFileSync(file, `${HEADER}\nX1,Ann,Lee,ann@example.test,OH-101,2025-01-02\nX2,Bo,,bo@example.test,XX-1,2025-13-01\n`);
    const result = await run(["import", "roster", file, "--org", "demo"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /row 3, last_name: is required/);
    assert.match(result.stderr, /row 3, hire_date/);
    assert.match(result.stderr, /row 3, site/);
    const found = await withDb((db) => db.selectFrom("people").select("id").where("employee_id", "=", "X1").execute());
    assert.equal(found.length, 0);
  });

  it("imports a valid roster and exports it", async () => {
    const file = path.join(tmp, "good.csv");
    fs.writeFileSync(file, `${HEADER}\nX1,Ann,Lee,ann@example.test,OH-101,2025-01-02\nX2,Bo,Diaz,bo@example.test,TX-210,1/13/2025\n`);
    const result = await run(["import", "roster", file, "--org", "demo"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2 new/);
    const exported = await run(["export", "roster", "--org", "demo"]);
    assert.equal(exported.code, 0);
    assert.match(exported.stdout, /^employee_id,first_name,last_name,email,site,hire_date,role/);
    assert.match(exported.stdout, /X2,Bo,Diaz,bo@example.test,TX-210,2025-01-13,technician/);
    assert.equal((await run(["export", "roster", "--org", "nope"])).code, 1);
  });

  it("backs up and restores, and the restored trail still verifies", async () => {
    const backup = path.join(tmp, "backup.jsonl.gz");
    const made = await run(["backup", backup]);
    assert.equal(made.code, 0, made.stderr);
    const before = await withDb(async (db) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM people`.execute(db)).rows[0].n);
    await withDb((db) => db.deleteFrom("people").where("employee_id", "=", "X1").execute());
    const restored = await run(["restore", backup]);
    assert.equal(restored.code, 0, restored.stderr);
    const after = await withDb(async (db) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM people`.execute(db)).rows[0].n);
    assert.equal(after, before);
    assert.equal((await run(["audit", "verify", "--org", "demo"])).code, 0);
    const notBackup = path.join(tmp, "not-a-backup.gz");
    fs.writeFileSync(notBackup, "hello");
    assert.equal((await run(["restore", notBackup])).code, 1);
  });

  it("audit verify reports a changed entry and exits non-zero; export writes CSV", async () => {
    const ok = await run(["audit", "verify", "--org", "demo"]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /intact/);
    await withDb((db) =>
      db.transaction().execute(async (tx) => {
        await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(tx);
        await sql`UPDATE audit_log SET actor_label = 'someone else' WHERE seq = 4 AND org_id = (SELECT id FROM organizations WHERE slug = 'demo')`.execute(tx);
        await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(tx);
      }),
    );
    const broken = await run(["audit", "verify", "--org", "demo"]);
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /entry 4/);
    const exported = await run(["audit", "export", "--org", "demo"]);
    assert.match(exported.stdout.split("\n")[0], /^seq,at,actor_id/);
  });

  it("refuses the embedded folder while another process holds it", { skip: Boolean(process.env.TEST_DATABASE_URL) && "embedded only" }, async () => {
    fs.writeFileSync(path.join(dataDir, "rxladder.lock"), String(process.pid));
    try {
      const result = await run(["migrate"]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /in use by process/);
    } finally {
      fs.rmSync(path.join(dataDir, "rxladder.lock"), { force: true });
    }
  });
});
