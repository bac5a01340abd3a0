import type { Command } from "commander";
import type { DatabaseHandle } from "../db/database.ts";
import { loadConfig } from "../lib/config.ts";
import { createMailer } from "../lib/mailer.ts";
import { describeSchedule, JOBS, listJobRows, processOwner, runDueJobs } from "../modules/jobs/index.ts";

type WithDatabase = <T>(work: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

/** `rxladder jobs run|list`: scheduled work from cron (or by hand) instead of, or beside, the server's runner. */
export function registerJobCommands(program: Command, withDatabase: WithDatabase) {
  const jobs = program.command("jobs").description("scheduled jobs: notification scan, e-mail delivery, weekly summaries, item statistics");
  jobs
    .command("run")
    .description("run the jobs that are due (for cron, every minute); --job runs one job now even when not due. A job another process is running is skipped.")
    .option("--job <name>", `one job: ${JOBS.map((j) => j.name).join(", ")}`)
    .action((options: { job?: string }) =>
      withDatabase(async ({ db }) => {
        const config = loadConfig();
        const outcomes = await runDueJobs(
          { db, mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }), publicUrl: config.publicUrl, now: () => new Date(), owner: processOwner() },
          { only: options.job, force: Boolean(options.job) },
        );
        for (const o of outcomes) console.log(`${o.name}: ${!o.ran ? "not due, or running elsewhere" : o.error ? `failed: ${o.error}` : o.summary}`);
        if (outcomes.some((o) => o.error)) process.exitCode = 1;
      }),
    );
  jobs
    .command("list")
    .description("each job's schedule, last run and next run")
    .action(() =>
      withDatabase(async ({ db }) => {
        const rows = new Map((await listJobRows(db)).map((r) => [r.name, r]));
        for (const job of JOBS) {
          const row = rows.get(job.name);
          const at = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : "never");
          console.log(`${job.name.padEnd(24)} ${describeSchedule(job.schedule).padEnd(26)} last ${at(row?.last_run_at)}  next ${row ? at(row.next_run_at) : "now"}${row?.last_error ? `  last error: ${row.last_error}` : ""}`);
        }
      }),
    );
}
