import { Command } from "commander";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { backupDatabase, restoreDatabase } from "../db/backup.ts";
import { openDatabase, type DatabaseHandle } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_SLUG, seedDemo } from "../db/seed-demo.ts";
import { loadConfig } from "../lib/config.ts";
import { AppError } from "../lib/errors.ts";
import { exportAuditCsv, verifyAuditChain } from "../modules/audit/index.ts";
import { getOrganizationBySlug } from "../modules/orgs/index.ts";
import { exportRosterCsv, importRoster } from "../modules/roster/index.ts";
import { serve } from "./serve.ts";
import { registerTrainingCommands } from "./training-commands.ts";
import { registerIncentiveCommands } from "./incentive-commands.ts";
import { registerPerformanceCommands } from "./performance-commands.ts";
import { registerJobCommands } from "./job-commands.ts";
import { registerRotationCommands } from "./rotation-commands.ts";
import { organizationEligibility } from "../modules/ladder/ladder-views.ts";
import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import { createOrganizationWithAdmin } from "./create-organization-with-admin.ts";
import { complianceCsv, complianceList, importCe } from "../modules/ce/index.ts";
import { ensureShippedBank, organizationPipeline, recomputeItemStats, simulateCalibration } from "../modules/exams/index.ts";

const config = loadConfig();

/** Opens the configured database with migrations applied, runs `work`, and closes it. */
async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrate(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

const program = new Command()
  .name("rxladder")
  .description(
    "Rx Ladder: career ladder and workforce development for pharmacy technicians.\n" +
      "Uses the embedded database in DATA_DIR (default ./data), or the PostgreSQL server in DATABASE_URL.",
  )
  .showHelpAfterError();

program
  .command("serve")
  .description("start the web application and API (PORT, default 3000); RXLADDER_DEMO=0 skips the demo organization")
  .option("--build-web", "build the web app first when its sources changed")
  .action(async (options: { buildWeb?: boolean }) => {
    await serve(config, { buildWeb: Boolean(options.buildWeb) });
  });

program
  .command("migrate")
  .description("apply pending database migrations")
  .action(() =>
    withDatabase(async (handle) => {
      console.log(`database: ${handle.kind} (${handle.location}); migrations are up to date`);
    }),
  );

program
  .command("seed")
  .description("load sample data")
  .argument("<what>", 'what to load: "demo"')
  .action((what: string) =>
    withDatabase(async ({ db }) => {
      if (what !== "demo") throw new AppError("VALIDATION_FAILED", `unknown seed "${what}"; use "demo"`);
      const created = await seedDemo(db);
      console.log(created ? `Created the demo organization "${DEMO_SLUG}".` : `The demo organization "${DEMO_SLUG}" already exists.`);
      printDemoLogins();
    }),
  );

const org = program.command("org").description("organizations");
org
  .command("create")
  .description("create an organization with its first site and admin; prints the admin's link to choose a password")
  .requiredOption("--slug <slug>", "short name used in commands and URLs (a-z, 0-9, -)")
  .requiredOption("--name <name>", "organization name")
  .requiredOption("--admin-email <email>", "the first admin's e-mail")
  .requiredOption("--admin-name <first last>", "the first admin's name")
  .requiredOption("--site-code <code>", "first site's code")
  .requiredOption("--site-name <name>", "first site's name")
  .requiredOption("--state <XX>", "first site's US state code")
  .option("--setting <setting>", "community, health-system, specialty or mail-order", "community")
  .option("--time-zone <zone>", "first site's IANA time zone", "America/New_York")
  .action((options) =>
    withDatabase(async ({ db }) => {
      const link = await createOrganizationWithAdmin(db, options, config.publicUrl, new Date());
      console.log(`Created ${options.slug}. The admin chooses a password here (valid 7 days):\n${link}`);
    }),
  );

const importCommand = program.command("import").description("import data from files");
importCommand
  .command("roster")
  .description("import a roster CSV; any error imports nothing and exits non-zero")
  .argument("<file>", "CSV file with columns employee_id,first_name,last_name,email,site,hire_date[,role,phone,status,separation_date,separation_type,separation_reason]")
  .requiredOption("--org <slug>", "organization")
  .option("--dry-run", "validate and count without importing")
  .action((file: string, options: { org: string; dryRun?: boolean }) =>
    withDatabase(async ({ db }) => {
      const organization = await getOrganizationBySlug(db, options.org);
      const result = await importRoster(db, { orgId: organization.id, personId: null, label: "rxladder CLI" }, fs.createReadStream(file), { fileName: file, dryRun: options.dryRun }, new Date());
      console.log(`${result.dryRun ? "Checked (nothing imported)" : "Imported"} ${result.rows} rows: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged.`);
    }),
  );

const exportCommand = program.command("export").description("export data as CSV on standard output");
exportCommand
  .command("roster")
  .description("the roster in the import template's columns")
  .requiredOption("--org <slug>", "organization")
  .action((options: { org: string }) =>
    withDatabase(async ({ db }) => {
      const organization = await getOrganizationBySlug(db, options.org);
      await pipeline(exportRosterCsv(db, organization.id, { kind: "organization" }), process.stdout);
    }),
  );

const audit = program.command("audit").description("the tamper-evident audit trail");
audit
  .command("verify")
  .description("re-compute the hash chain; reports the first changed or removed entry and exits non-zero")
  .requiredOption("--org <slug>", "organization")
  .action((options: { org: string }) =>
    withDatabase(async ({ db }) => {
      const organization = await getOrganizationBySlug(db, options.org);
      const report = await verifyAuditChain(db, organization.id);
      if (report.ok) {
        console.log(`Audit trail of ${options.org} is intact: ${report.entries} entries.`);
      } else {
        console.error(`Audit trail of ${options.org} is BROKEN at entry ${report.problem!.seq}: ${report.problem!.message}`);
        process.exitCode = 3;
      }
    }),
  );
audit
  .command("export")
  .description("the whole audit trail with hashes as CSV on standard output")
  .requiredOption("--org <slug>", "organization")
  .action((options: { org: string }) =>
    withDatabase(async ({ db }) => {
      const organization = await getOrganizationBySlug(db, options.org);
      await pipeline(exportAuditCsv(db, organization.id), process.stdout);
    }),
  );

program
  .command("eligibility")
  .description("everyone's next core level and whether they are eligible, with what is missing")
  .requiredOption("--org <slug>", "organization")
  .option("--format <format>", "table or csv", "table")
  .action((options: { org: string; format: string }) =>
    withDatabase(async ({ db }) => {
      const organization = await getOrganizationBySlug(db, options.org);
      const rows = await organizationEligibility(db, organization.id, new Date());
      if (options.format === "csv") {
        const columns = ["employee_id", "name", "site", "current_level", "next_level", "eligible", "percent", "missing", "expiring"];
        await pipeline(
          Readable.from(rows.map((r) => [r.employeeId, r.name, r.site, r.currentLevel, r.nextLevel, r.eligible ? "yes" : "no", r.percent, r.missing.join("; "), r.expiring.join("; ")])).pipe(stringify({ header: true, columns })),
          process.stdout,
        );
        return;
      }
      if (options.format !== "table") throw new AppError("VALIDATION_FAILED", `unknown format "${options.format}"; use table or csv`);
      for (const r of rows) {
        const status = r.nextLevel ? (r.eligible ? "ELIGIBLE" : `${r.percent}%`) : "top level";
        console.log(`${r.employeeId.padEnd(10)} ${r.name.padEnd(24)} ${r.site.padEnd(8)} ${(r.currentLevel || "(no level)").padEnd(28)} → ${(r.nextLevel || "-").padEnd(28)} ${status}${r.missing.length ? `  missing: ${r.missing.join("; ")}` : ""}`);
      }
      const eligible = rows.filter((r) => r.eligible).length;
      console.log(`\n${rows.length} people; ${eligible} eligible for their next level.`);
    }),
  );

const exams = program.command("exams").description("practice exams: the item bank, item statistics, the certification pipeline, the readiness model");

exams
  .command("sync-bank")
  .description("load the items shipped with this release into an organization's bank (items it has edited or retired are left alone)")
  .requiredOption("--org <slug>", "organization")
  .action((options: { org: string }) =>
    withDatabase(async ({ db }) => {
      const organization = await getOrganizationBySlug(db, options.org);
      const added = await db.transaction().execute((tx) => ensureShippedBank(tx, organization.id, new Date()));
      console.log(`${added} shipped items added to ${options.org}'s bank.`);
    }),
  );

exams
  .command("stats")
  .description("recompute item statistics (p-value, point-biserial, Rasch difficulty) from every submitted attempt")
  .requiredOption("--org <slug>", "organization")
  .action((options: { org: string }) =>
    withDatabase(async ({ db }) => {
      const organization = await getOrganizationBySlug(db, options.org);
      const result = await db.transaction().execute((tx) => recomputeItemStats(tx, organization.id, new Date()));
      console.log(`${result.items} items from ${result.responses} responses; ${result.calibrated} calibrated.`);
    }),
  );

exams
  .command("pipeline")
  .description("technicians working toward national certification: stage, deadline, readiness, risk")
  .requiredOption("--org <slug>", "organization")
  .option("--site <code>", "one site")
  .option("--format <format>", "table or csv", "table")
  .action((options: { org: string; site?: string; format: string }) =>
    withDatabase(async ({ db }) => {
      const organization = await getOrganizationBySlug(db, options.org);
      let siteId: string | undefined;
      if (options.site) {
        const site = await db.selectFrom("sites").select("id").where("org_id", "=", organization.id).where("code", "=", options.site).executeTakeFirst();
        if (!site) throw new AppError("NOT_FOUND", `No site ${options.site} in ${options.org}`);
        siteId = site.id;
      }
      const board = await organizationPipeline(db, organization.id, { kind: "organization" }, { siteId }, new Date());
      const pct = (x: number | undefined) => (x === undefined ? "" : `${Math.round(x * 100)}%`);
      if (options.format === "csv") {
        const columns = ["name", "site", "hire_date", "deadline", "days_left", "stage", "overdue", "at_risk", "risk_reason", "readiness", "readiness_low", "readiness_high", "scheduled_on", "retake_allowed_on"];
        await pipeline(
          Readable.from(board.items.map((e) => [e.name, e.siteCode, e.hireDate, e.status.deadline, e.status.daysLeft, e.status.stage, e.status.overdue ? "yes" : "no", e.status.atRisk ? "yes" : "no", e.status.riskReason ?? "", pct(e.readiness?.probability), pct(e.readiness?.low), pct(e.readiness?.high), e.status.scheduledOn ?? "", e.status.retakeAllowedOn ?? ""])).pipe(stringify({ header: true, columns })),
          process.stdout,
        );
        return;
      }
      if (options.format !== "table") throw new AppError("VALIDATION_FAILED", `unknown format "${options.format}"; use table or csv`);
      for (const e of board.items) {
        const flag = e.status.overdue ? "OVERDUE" : e.status.atRisk ? `AT RISK (${e.status.riskReason})` : "";
        console.log(`${e.name.padEnd(24)} ${e.siteCode.padEnd(8)} deadline ${e.status.deadline} (${String(e.status.daysLeft).padStart(4)} d)  ${e.status.stage.padEnd(12)} readiness ${pct(e.readiness?.probability).padStart(4) || "   -"}  ${flag}`);
      }
      console.log(`\n${board.items.length} in the pipeline: ${board.counts.overdue} overdue, ${board.counts.atRisk} at risk; deadline ${board.settings.deadlineMonths} months from hire.`);
    }),
  );

exams
  .command("calibration")
  .description("check the readiness model on simulated learners of known ability and print the Brier score")
  .option("--learners <n>", "simulated learners", "2000")
  .option("--responses <n>", "practice answers per learner", "60")
  .option("--seed <n>", "random seed", "20261129")
  .action((options: { learners: string; responses: string; seed: string }) => {
    const report = simulateCalibration({ learners: Number(options.learners), responsesPerLearner: Number(options.responses), seed: Number(options.seed) });
    console.log(`${report.learners} learners, ${report.responsesPerLearner} answers each; ${Math.round(report.passRate * 100)}% passed the simulated exam.`);
    console.log(`Brier score ${report.brier.toFixed(4)} (always predicting the pass rate: ${report.baseRateBrier.toFixed(4)}).`);
    for (const b of report.bins.filter((x) => x.count > 0)) console.log(`  predicted ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${String(b.count).padStart(5)} learners, mean prediction ${b.predicted.toFixed(2)}, passed ${b.observed.toFixed(2)}`);
  });

const ce = program.command("ce").description("continuing education: CE records and renewal compliance");

ce
  .command("import")
  .description("import CE records from CSV (CPE Monitor-style columns, see GET /api/ce/columns); any error imports nothing and exits non-zero")
  .argument("<file>", "CSV file with employee_id or email, activity_title, completion_date, contact_hours or ceus[, provider_name, uan, activity_type, topic, format, audience, categories]")
  .requiredOption("--org <slug>", "organization")
  .option("--dry-run", "validate and count without importing")
  .option("--verified", "the rows come from CPE Monitor or the providers' statements: record them as verified")
  .action((file: string, options: { org: string; dryRun?: boolean; verified?: boolean }) =>
    withDatabase(async ({ db }) => {
      const organization = await getOrganizationBySlug(db, options.org);
      const actor = { orgId: organization.id, personId: null, label: "rxladder CLI" };
      const result = await importCe(db, actor, fs.createReadStream(file), { fileName: file, dryRun: options.dryRun, verified: options.verified, scope: { kind: "organization" } }, new Date());
      console.log(`${result.dryRun ? "Checked (nothing imported)" : "Imported"} ${result.rows} rows: ${result.created} CE records${result.verified ? ", verified" : ", awaiting verification"}.`);
    }),
  );

ce
  .command("compliance")
  .description("CE renewal compliance of everyone holding a CE-bearing credential: short first, nearest cycle end first")
  .requiredOption("--org <slug>", "organization")
  .option("--site <code>", "one site")
  .option("--short", "only people short of a requirement")
  .option("--format <format>", "table or csv", "table")
  .action((options: { org: string; site?: string; short?: boolean; format: string }) =>
    withDatabase(async ({ db }) => {
      if (options.format !== "table" && options.format !== "csv") throw new AppError("VALIDATION_FAILED", `unknown format "${options.format}"; use table or csv`);
      const organization = await getOrganizationBySlug(db, options.org);
      let siteId: string | undefined;
      if (options.site) {
        const site = await db.selectFrom("sites").select("id").where("org_id", "=", organization.id).where("code", "=", options.site).executeTakeFirst();
        if (!site) throw new AppError("NOT_FOUND", `No site ${options.site} in ${options.org}`);
        siteId = site.id;
      }
      const list = await complianceList(db, organization.id, { kind: "organization" }, { siteId, shortOnly: options.short }, new Date());
      if (options.format === "csv") {
        await pipeline(complianceCsv(list.items), process.stdout);
        return;
      }
      for (const r of list.items) {
        const state = r.status === "complete" ? "complete" : r.status === "expired" ? "EXPIRED" : r.warning ? `SHORT (${r.warning.days}-day warning)` : "short";
        console.log(`${r.employeeId.padEnd(10)} ${r.name.padEnd(24)} ${r.siteCode.padEnd(8)} ${r.credentialName.slice(0, 40).padEnd(40)} ends ${r.cycleEndsOn} (${String(r.daysLeft).padStart(4)} d)  ${String(r.hoursCounted).padStart(5)}/${r.hoursNeeded} h  ${state}${r.missing ? `  missing: ${r.missing}` : ""}`);
      }
      console.log(`\n${list.counts.people} people: ${list.counts.short} short (${list.counts.warned} within the warning days), ${list.counts.expired} expired, ${list.counts.complete} complete.`);
    }),
  );

registerTrainingCommands(program, withDatabase);
registerIncentiveCommands(program, withDatabase);
registerPerformanceCommands(program, withDatabase);
registerJobCommands(program, withDatabase);
registerRotationCommands(program, withDatabase);

program
  .command("backup")
  .description("write a backup of every organization to FILE (gzipped; works for both databases)")
  .argument("<file>")
  .action((file: string) =>
    withDatabase(async ({ db, kind }) => {
      const counts = await backupDatabase(db, file);
      console.log(`Backed up the ${kind} database to ${file}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}.`);
    }),
  );

program
  .command("restore")
  .description("replace all data with the backup in FILE (the embedded or the server database)")
  .argument("<file>")
  .action((file: string) =>
    withDatabase(async ({ db, kind }) => {
      const counts = await restoreDatabase(db, file);
      console.log(`Restored ${file} into the ${kind} database: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}.`);
    }),
  );

export function printDemoLogins() {
  console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
  for (const login of DEMO_LOGINS) console.log(`  ${login.role.padEnd(11)} ${login.email.padEnd(32)} ${login.who}`);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`error: ${error.message}`);
    for (const field of error.fields ?? []) {
      console.error(`  ${field.row !== undefined ? `row ${field.row}, ` : ""}${field.field}: ${field.message}`);
    }
    process.exitCode = error.code === "IMPORT_INVALID" ? 2 : 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
