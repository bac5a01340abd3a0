import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { nextRunAt, type JobSchedule } from "./jobs.rules.ts";

const RELEASED = new Date(0);

/**
 * Makes sure a lease row exists for each job. A new job that runs every few minutes is due at once;
 * a daily or weekly one waits for its first scheduled time (a new server does not send Monday's
 * summary on a Thursday).
 */
export async function ensureJobRows(db: Db, jobs: readonly { name: string; schedule: JobSchedule }[], now: Date) {
  if (jobs.length === 0) return;
  await db
    .insertInto("jobs")
    .values(jobs.map((job) => ({ name: job.name, next_run_at: job.schedule.kind === "every" ? now : nextRunAt(job.schedule, now) })))
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
}

export interface JobLease {
  name: string;
  owner: string;
  startedAt: Date;
}

/**
 * Takes the job's lease when nobody holds it and the job is due (or `force`): one UPDATE …
 * WHERE locked_until < now RETURNING. Of several app servers asking at once exactly one gets the
 * row; the others' UPDATE, re-checked after the winner commits, matches nothing.
 */
export async function claimJob(db: Db, name: string, owner: string, now: Date, leaseMs: number, options: { force?: boolean } = {}): Promise<JobLease | null> {
  const until = new Date(now.getTime() + leaseMs);
  const due = options.force ? sql`true` : sql`next_run_at <= ${now}`;
  const result = await sql<{ name: string }>`
    UPDATE jobs SET locked_until = ${until}, locked_by = ${owner}, last_run_at = ${now}
    WHERE name = ${name} AND locked_until < ${now} AND ${due}
    RETURNING name`.execute(db);
  return result.rows.length ? { name, owner, startedAt: now } : null;
}

/** Gives the lease back after a run, with when the job is next due and what went wrong, if anything. */
export async function releaseJob(db: Db, lease: JobLease, finishedAt: Date, nextRunAt: Date, error: string | null) {
  await db
    .updateTable("jobs")
    .set((eb) => ({ locked_until: RELEASED, locked_by: null, next_run_at: nextRunAt, last_finished_at: finishedAt, last_error: error, runs: eb("runs", "+", 1) }))
    .where("name", "=", lease.name)
    .where("locked_by", "=", lease.owner)
    .execute();
}

export async function listJobRows(db: Db) {
  return db.selectFrom("jobs").selectAll().orderBy("name").execute();
}
