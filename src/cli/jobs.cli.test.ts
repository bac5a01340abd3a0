import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createTestDatabase, startMailServer, type TestDatabase } from "../test/harness.ts";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/rxladder.mjs");

describe("rxladder jobs", () => {
  let env: NodeJS.ProcessEnv;
  let serverDatabase: TestDatabase | undefined;
  let tmp: string;
  let mail: Awaited<ReturnType<typeof startMailServer>>;

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
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rxladder-jobs-"));
    mail = await startMailServer();
    const base = { SMTP_URL: mail.url, PUBLIC_URL: "https://ladder.example.org" };
    if (process.env.TEST_DATABASE_URL) {
      serverDatabase = await createTestDatabase();
      env = { ...base, DATABASE_URL: serverDatabase.url, DATA_DIR: "" };
    } else {
      env = { ...base, DATABASE_URL: "", DATA_DIR: path.join(tmp, "data") };
    }
  });
  after(async () => {
    await serverDatabase?.drop();
    await mail.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("runs the due jobs from cron: notifications are found and e-mailed once, with links to PUBLIC_URL", async () => {
    assert.equal((await run(["seed", "demo"])).code, 0);
    const first = await run(["jobs", "run"]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /notifications\.scan: 1 organizations scanned: [1-9]\d* new notifications, [1-9]\d* e-mails queued/);
    const sent = Number(/email\.deliver: (\d+) e-mails sent, 0 failed/.exec(first.stdout)?.[1]);
    assert.ok(sent > 0, first.stdout);
    assert.equal(mail.messages.length, sent);
    assert.ok(mail.messages.some((m) => m.raw.includes("https://ladder.example.org/notifications")));
    assert.match(first.stdout, /exams\.item-stats: not due/);

    const second = await run(["jobs", "run"]);
    assert.match(second.stdout, /notifications\.scan: not due/);
    assert.match(second.stdout, /email\.deliver: not due/, "delivery runs once a minute");
    const forced = await run(["jobs", "run", "--job", "notifications.scan"]);
    assert.match(forced.stdout, /notifications\.scan: 1 organizations scanned: 0 new notifications, 0 e-mails queued/);
    assert.equal(mail.messages.length, sent, "nothing is sent twice");
  });

  it("lists the jobs and refuses an unknown one", async () => {
    const list = await run(["jobs", "list"]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /notifications\.scan\s+every 60 minutes\s+last \d{4}-/);
    assert.match(list.stdout, /reports\.weekly-summary\s+Mondays at 07:00 UTC/);
    const bad = await run(["jobs", "run", "--job", "gossip"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Unknown job "gossip"/);
  });
});
