import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, type DatabaseHandle } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "./harness.ts";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/rxladder.mjs");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A temporary folder and a database for command-line tests: a fresh database on the PostgreSQL
 * server when TEST_DATABASE_URL is set, else an embedded one in the folder. `handle` is for
 * setting up data; `release` closes it before the commands run (the embedded folder takes one
 * process at a time); `run` starts `rxladder` on the same database; `dispose` removes everything.
 */
export async function openCliWorkspace(prefix: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let serverDatabase: TestDatabase | undefined;
  let handle: DatabaseHandle;
  let env: NodeJS.ProcessEnv;
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
  return {
    tmp,
    handle,
    run: (args: string[]): Promise<CliResult> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
      }),
    async release() {
      if (!serverDatabase) await handle.close();
    },
    async dispose() {
      await serverDatabase?.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export type CliWorkspace = Awaited<ReturnType<typeof openCliWorkspace>>;
