import type { Command } from "commander";
import type { DatabaseHandle } from "../db/database.ts";
import { isIsoDate } from "../lib/dates.ts";
import { AppError } from "../lib/errors.ts";
import { exportPayroll, processIncentivesNow } from "../modules/incentives/index.ts";
import { getOrganizationBySlug } from "../modules/orgs/index.ts";

type WithDatabase = <T>(work: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

/** `rxladder incentives process|payroll`: grant what the rules award, and the payroll CSV for a period. */
export function registerIncentiveCommands(program: Command, withDatabase: WithDatabase) {
  const incentives = program.command("incentives").description("incentives: grant rewards for milestones, export payroll");
  incentives
    .command("process")
    .description("grant what the organization's rules award for milestone events not processed yet (safe to re-run)")
    .requiredOption("--org <slug>", "organization")
    .action((options: { org: string }) =>
      withDatabase(async ({ db }) => {
        const organization = await getOrganizationBySlug(db, options.org);
        const result = await processIncentivesNow(db, organization.id, { orgId: organization.id, personId: null, label: "cli: incentives process" }, new Date());
        console.log(`Processed ${result.processedEvents} milestone events: ${result.grants.length} new grants.`);
      }),
    );
  incentives
    .command("payroll")
    .description("payroll CSV on standard output: raises and bonuses granted and reimbursements approved from FROM to TO (inclusive)")
    .requiredOption("--org <slug>", "organization")
    .requiredOption("--from <date>", "first day, YYYY-MM-DD")
    .requiredOption("--to <date>", "last day, YYYY-MM-DD")
    .action((options: { org: string; from: string; to: string }) =>
      withDatabase(async ({ db }) => {
        for (const field of ["from", "to"] as const) {
          if (!isIsoDate(options[field])) throw new AppError("VALIDATION_FAILED", `--${field} must be a date as YYYY-MM-DD`, [{ field, message: "must be a date as YYYY-MM-DD" }]);
        }
        const organization = await getOrganizationBySlug(db, options.org);
        process.stdout.write(await exportPayroll(db, { orgId: organization.id }, { from: options.from, to: options.to }));
      }),
    );
}
