import type { Command } from "commander";
import fs from "node:fs";
import type { DatabaseHandle } from "../db/database.ts";
import { AppError } from "../lib/errors.ts";
import { listDueEvaluations } from "../modules/evaluations/index.ts";
import { importKpis } from "../modules/kpis/index.ts";
import { getOrganizationBySlug } from "../modules/orgs/index.ts";

type WithDatabase = <T>(work: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

/** `rxladder kpis import` and `rxladder evaluations due`. */
export function registerPerformanceCommands(program: Command, withDatabase: WithDatabase) {
  const kpis = program.command("kpis").description("KPI figures per person and period");
  kpis
    .command("import")
    .description("import KPI figures from a pharmacy-system CSV export; any error imports nothing and exits non-zero")
    .argument("<file>", "CSV file with employee_id, kpi, period_end, value (see GET /api/kpis/template.csv)")
    .requiredOption("--org <slug>", "organization")
    .option("--dry-run", "validate and count without importing")
    .action((file: string, options: { org: string; dryRun?: boolean }) =>
      withDatabase(async ({ db }) => {
        const organization = await getOrganizationBySlug(db, options.org);
        const actor = { orgId: organization.id, personId: null, label: "rxladder CLI" };
        const result = await importKpis(db, actor, fs.createReadStream(file), { scope: { kind: "organization" }, dryRun: options.dryRun, fileName: file }, new Date());
        console.log(`${result.dryRun ? "Checked (nothing imported)" : "Imported"} ${result.rows} rows: ${result.created} new figures, ${result.replaced} replaced.`);
      }),
    );

  const evaluations = program.command("evaluations").description("monthly evaluations");
  evaluations
    .command("due")
    .description("active technicians without an evaluation for their site's current month (site time zone)")
    .requiredOption("--org <slug>", "organization")
    .option("--site <code>", "one site")
    .action((options: { org: string; site?: string }) =>
      withDatabase(async ({ db }) => {
        const organization = await getOrganizationBySlug(db, options.org);
        let siteId: string | undefined;
        if (options.site) {
          const site = await db.selectFrom("sites").select("id").where("org_id", "=", organization.id).where("code", "=", options.site).executeTakeFirst();
          if (!site) throw new AppError("NOT_FOUND", `No site ${options.site} in ${options.org}`);
          siteId = site.id;
        }
        const { items } = await listDueEvaluations(db, organization.id, { kind: "organization" }, new Date(), siteId);
        for (const d of items) console.log(`${d.employeeId.padEnd(10)} ${d.name.padEnd(28)} ${d.siteCode.padEnd(8)} due for ${d.month.slice(0, 7)}  last ${d.lastMonth?.slice(0, 7) ?? "never"}`);
        console.log(`\n${items.length} evaluation${items.length === 1 ? "" : "s"} due.`);
      }),
    );
}
