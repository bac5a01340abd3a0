#!/usr/bin/env node
// Runs every suite this machine can run and ends with one line totalling them: "N passed, N failed".
//   1. rules, use cases and API on the embedded database (PGlite)
//   2. the same on a PostgreSQL server: DATABASE_URL, or the local server on 127.0.0.1:5432 when it answers
//   3. browser journeys in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium)
// A suite that cannot run here is reported as skipped, with the reason.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv.slice(2); // optional: suite names (embedded, postgres, browser) or test files

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : findTests(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

async function serverUrl() {
  const candidate = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { url: candidate };
  } catch (error) {
    return { reason: `no PostgreSQL server answered at ${candidate.replace(/:[^:@/]+@/, ":****@")} (${error.message}); set DATABASE_URL to run the server suite` };
  } finally {
    await client.end().catch(() => {});
  }
}

function runSuite(name, files, env) {
  const tap = path.join(os.tmpdir(), `rxladder-${name}-${process.pid}.tap`);
  const args = [
    "--import", "tsx",
    "--test",
    "--test-concurrency=2",
    "--test-reporter=spec", "--test-reporter-destination=stdout",
    "--test-reporter=tap", `--test-reporter-destination=${tap}`,
    ...files.map((f) => path.relative(root, f)),
  ];
  console.log(`\n=== ${name}: ${files.length} test files ===`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => {
      const text = fs.existsSync(tap) ? fs.readFileSync(tap, "utf8") : "";
      fs.rmSync(tap, { force: true });
      const count = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
      const result = { name, passed: count("pass"), failed: count("fail") + count("cancelled"), skipped: count("skipped") + count("todo"), code };
      if (code !== 0 && result.failed === 0) result.failed = 1; // the runner itself failed
      resolve(result);
    });
  });
}

const unitAndApi = findTests(path.join(root, "src"));
const browser = findTests(path.join(root, "e2e"));
const wants = (suite) => only.length === 0 || only.includes(suite);
const results = [];
const skipped = [];

if (wants("embedded")) results.push(await runSuite("embedded database", unitAndApi, { TEST_DATABASE_URL: "" }));

if (wants("postgres")) {
  const server = await serverUrl();
  if (server.url) results.push(await runSuite("PostgreSQL server", unitAndApi, { TEST_DATABASE_URL: server.url }));
  else skipped.push(`PostgreSQL server suite: ${server.reason}`);
}

if (wants("browser")) {
  const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) skipped.push(`browser suite: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  else if (browser.length === 0) skipped.push("browser suite: no browser tests found in e2e/");
  else results.push(await runSuite("browser (Chromium)", browser, { TEST_DATABASE_URL: "", CHROMIUM_PATH: chromium }));
}

console.log("\n=== summary ===");
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
for (const s of skipped) console.log(`skipped ${s}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
let failed = results.reduce((n, r) => n + r.failed, 0);
if (process.env.RXLADDER_REQUIRE_ALL_SUITES === "1" && skipped.length > 0) {
  console.log("RXLADDER_REQUIRE_ALL_SUITES is set: each skipped suite counts as a failure.");
  failed += skipped.length;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.some((r) => r.code !== 0) ? 1 : 0);
