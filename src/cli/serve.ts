import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "../db/seed-demo.ts";
import type { Config } from "../lib/config.ts";
import { createMailer } from "../lib/mailer.ts";
import { buildApp, readVersion, WEB_DIST } from "../server/app.ts";
import { processOwner, startJobRunner } from "../modules/jobs/index.ts";

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

/** Builds web/dist when it is missing or older than the web sources. */
export async function buildWebIfStale() {
  const root = path.resolve(WEB_DIST, "../..");
  const sources = Math.max(newestMtime(path.join(root, "web", "src")), newestMtime(path.join(root, "web", "index.html")), newestMtime(path.join(root, "vite.config.ts")));
  const built = fs.existsSync(path.join(WEB_DIST, "index.html")) ? fs.statSync(path.join(WEB_DIST, "index.html")).mtimeMs : 0;
  if (built >= sources) return;
  console.log("Building the web app…");
  const { build } = await import("vite");
  await build({ configFile: path.join(root, "vite.config.ts"), logLevel: "warn" });
}

export async function serve(config: Config, options: { buildWeb: boolean }) {
  if (options.buildWeb) await buildWebIfStale();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database.db);
  const seeded = config.demo ? await seedDemo(database.db) : false;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const app = await buildApp({ database, config, mailer, now: () => new Date(), version: readVersion() }, { logger: true });
  // Every app server runs the runner; the job leases in the database let exactly one run each job.
  const jobs = config.jobs
    ? startJobRunner({ db: database.db, mailer, publicUrl: config.publicUrl, now: () => new Date(), owner: processOwner() }, { log: (line) => app.log.info(line) })
    : null;
  const shutdown = async () => {
    await jobs?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await app.listen({ port: config.port, host: config.host });
  void jobs?.tick();
  console.log(`\nRx Ladder is running at http://localhost:${config.port} (database: ${database.kind}, ${database.location})`);
  if (config.demo) {
    console.log(seeded ? "Created the demo organization." : "Demo organization present.");
    console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(11)} ${login.email.padEnd(32)} ${login.who}`);
  }
  console.log(`API docs: http://localhost:${config.port}/api/docs\n`);
}
