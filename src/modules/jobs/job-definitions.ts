import type { Db } from "../../db/database.ts";
import type { Mailer } from "../../lib/mailer.ts";
import { recomputeItemStats } from "../exams/index.ts";
import { deliverEmails, queueWeeklySummaries, scanAllOrganizations } from "../notifications/index.ts";
import type { JobSchedule } from "./jobs.rules.ts";

/** What a job gets to work with: the database, the mailer, the web app's address, the clock, and who runs it. */
export interface JobContext {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  now: () => Date;
  /** This process's name in lease rows and claimed e-mails. */
  owner: string;
}

export interface JobDefinition {
  name: string;
  description: string;
  schedule: JobSchedule;
  /** How long a run may hold the job before another server may start it again. */
  leaseMinutes: number;
  /** Does the work; returns one line saying what was done, or null when there was nothing to do. Safe to run again: every job is idempotent. */
  run(ctx: JobContext): Promise<string | null>;
}

export const JOBS: readonly JobDefinition[] = [
  {
    name: "notifications.scan",
    description: "finds expiring certifications and competencies, approaching certification deadlines, evaluations due, newly eligible promotions and approvals waiting; stores each notification once and queues its e-mail",
    schedule: { kind: "every", minutes: 60 },
    leaseMinutes: 30,
    async run(ctx) {
      const result = await scanAllOrganizations(ctx.db, ctx.now(), ctx.publicUrl);
      return `${result.organizations} organizations scanned: ${result.created} new notifications, ${result.emailsQueued} e-mails queued`;
    },
  },
  {
    name: "email.deliver",
    description: "sends the e-mails due in the outbox (each once; failures retried with a growing wait)",
    schedule: { kind: "every", minutes: 1 },
    leaseMinutes: 10,
    async run(ctx) {
      const total = { sent: 0, failed: 0 };
      const started = ctx.now().getTime();
      // Batches until the outbox has nothing due, within the lease.
      for (;;) {
        const batch = await deliverEmails(ctx.db, ctx.mailer, ctx.owner, ctx.now, { limit: 100 });
        total.sent += batch.sent;
        total.failed += batch.failed;
        if (batch.claimed < 100 || ctx.now().getTime() - started > 5 * 60_000) break;
      }
      return total.sent + total.failed === 0 ? null : `${total.sent} e-mails sent, ${total.failed} failed`;
    },
  },
  {
    name: "reports.weekly-summary",
    description: "queues Monday's summary e-mail for managers and admins (what needs their attention, with a link)",
    schedule: { kind: "weekly", weekday: 1, hour: 7, minute: 0 },
    leaseMinutes: 30,
    async run(ctx) {
      const result = await queueWeeklySummaries(ctx.db, ctx.now(), ctx.publicUrl);
      return `${result.queued} summaries queued`;
    },
  },
  {
    name: "exams.item-stats",
    description: "recomputes practice-exam item statistics (p-value, point-biserial, Rasch difficulty) for every organization",
    schedule: { kind: "daily", hour: 3, minute: 0 },
    leaseMinutes: 60,
    async run(ctx) {
      const orgs = await ctx.db.selectFrom("organizations").select("id").orderBy("created_at").execute();
      let items = 0;
      for (const org of orgs) items += (await recomputeItemStats(ctx.db, org.id, ctx.now())).items;
      return `${orgs.length} organizations, ${items} items recomputed`;
    },
  },
];

export function findJob(name: string, jobs: readonly JobDefinition[] = JOBS): JobDefinition | undefined {
  return jobs.find((j) => j.name === name);
}
