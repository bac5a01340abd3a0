import { randomBytes } from "node:crypto";
import os from "node:os";
import { AppError } from "../../lib/errors.ts";
import { JOBS, type JobContext, type JobDefinition } from "./job-definitions.ts";
import { claimJob, ensureJobRows, releaseJob } from "./job-lease.ts";
import { nextRunAt } from "./jobs.rules.ts";

/** A name for this process in lease rows: host, process id and a random part. */
export function processOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export const NOTHING_TO_DO = "nothing to do";

export interface JobOutcome {
  name: string;
  /** False when the job was not due or another process held it. */
  ran: boolean;
  /** What the run did; "nothing to do" when it found no work. */
  summary?: string;
  error?: string;
}

/**
 * Runs each job that is due and not held by another process, one after the other. `only` runs
 * one job, and `force` runs it even when not yet due (never while another process holds it).
 */
export async function runDueJobs(ctx: JobContext, options: { only?: string; force?: boolean; jobs?: readonly JobDefinition[] } = {}): Promise<JobOutcome[]> {
  const all = options.jobs ?? JOBS;
  const selected = options.only ? all.filter((j) => j.name === options.only) : all;
  if (options.only && selected.length === 0) {
    throw new AppError("VALIDATION_FAILED", `Unknown job "${options.only}"`, [{ field: "job", message: `must be one of ${all.map((j) => j.name).join(", ")}` }]);
  }
  await ensureJobRows(ctx.db, all, ctx.now());
  const outcomes: JobOutcome[] = [];
  for (const job of selected) {
    const lease = await claimJob(ctx.db, job.name, ctx.owner, ctx.now(), job.leaseMinutes * 60_000, { force: options.force });
    if (!lease) {
      outcomes.push({ name: job.name, ran: false });
      continue;
    }
    let summary: string | null | undefined;
    let error: string | undefined;
    try {
      summary = await job.run(ctx);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    await releaseJob(ctx.db, lease, ctx.now(), nextRunAt(job.schedule, lease.startedAt), error ?? null);
    outcomes.push({ name: job.name, ran: true, ...(error !== undefined ? { error } : { summary: summary ?? NOTHING_TO_DO }) });
  }
  return outcomes;
}

export interface JobRunner {
  /** One pass over the due jobs (what the timer calls every interval). */
  tick(): Promise<JobOutcome[]>;
  /** Stops the timer and waits for a pass in progress to finish. */
  stop(): Promise<void>;
}

/**
 * The server's background runner: a pass over the due jobs every `intervalMs` (a minute), never
 * two passes at once in one process; other processes are kept out by the job leases.
 */
export function startJobRunner(ctx: JobContext, options: { intervalMs?: number; jobs?: readonly JobDefinition[]; log?: (line: string) => void } = {}): JobRunner {
  const log = options.log ?? (() => {});
  let current: Promise<JobOutcome[]> | null = null;
  const tick = () => {
    if (current) return current;
    current = runDueJobs(ctx, { jobs: options.jobs })
      .then((outcomes) => {
        // A job that found nothing to do (delivery, most minutes) stays out of the log.
        for (const o of outcomes) if (o.ran && o.summary !== NOTHING_TO_DO) log(o.error ? `job ${o.name} failed: ${o.error}` : `job ${o.name}: ${o.summary}`);
        return outcomes;
      })
      .catch((error) => {
        log(`jobs: ${error instanceof Error ? error.message : String(error)}`);
        return [];
      })
      .finally(() => {
        current = null;
      });
    return current;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 60_000);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      if (current) await current;
    },
  };
}
