import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "../../lib/errors.ts";
import { createMailer } from "../../lib/mailer.ts";
import { buildOrganization, buildPerson } from "../../test/factories.ts";
import { createTestDatabase, mailText, startMailServer, type TestDatabase } from "../../test/harness.ts";
import { claimJob, ensureJobRows, JOBS, releaseJob, runDueJobs, startJobRunner, type JobContext, type JobDefinition } from "./index.ts";

describe("scheduled jobs", () => {
  let database: TestDatabase;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  const clock = { now: new Date("2026-06-15T15:00:00Z") };
  const context = (owner: string): JobContext => ({
    db: database.db,
    mailer: createMailer({ smtpUrl: mail.url, from: "Rx Ladder <no-reply@rxladder.test>" }),
    publicUrl: "http://localhost:3000",
    now: () => clock.now,
    owner,
  });
  const minutes = (n: number) => new Date(clock.now.getTime() + n * 60_000);

  before(async () => {
    database = await createTestDatabase();
    mail = await startMailServer();
  });
  after(async () => {
    await database.drop();
    await mail.close();
  });

  /** A job that counts its runs and takes a little while, so racing runners overlap. */
  function countingJob(name: string, runs: { n: number }, schedule: JobDefinition["schedule"] = { kind: "every", minutes: 10 }): JobDefinition {
    return {
      name,
      description: "counts",
      schedule,
      leaseMinutes: 5,
      async run() {
        runs.n += 1;
        await sleep(30);
        return `run ${runs.n}`;
      },
    };
  }

  it("of two runners racing for a due job, exactly one runs it", async () => {
    for (let round = 0; round < 10; round++) {
      const runs = { n: 0 };
      const jobs = [countingJob(`race-${round}`, runs)];
      const [a, b] = await Promise.all([runDueJobs(context("server-a"), { jobs }), runDueJobs(context("server-b"), { jobs })]);
      assert.equal(runs.n, 1, `round ${round}`);
      assert.deepEqual([a[0].ran, b[0].ran].sort(), [false, true]);
    }
  });

  it("of two servers claiming one lease row at once, exactly one gets it", async () => {
    await ensureJobRows(database.db, [{ name: "claim-race", schedule: { kind: "every", minutes: 1 } }], clock.now);
    const claims = await Promise.all(["a", "b", "c", "d"].map((owner) => claimJob(database.db, "claim-race", owner, clock.now, 60_000)));
    assert.equal(claims.filter(Boolean).length, 1);
    const row = await database.db.selectFrom("jobs").selectAll().where("name", "=", "claim-race").executeTakeFirstOrThrow();
    assert.equal(row.locked_by, claims.find(Boolean)!.owner);
  });

  it("runs a job again only when its schedule says so", async () => {
    const runs = { n: 0 };
    const jobs = [countingJob("every-ten", runs)];
    assert.equal((await runDueJobs(context("a"), { jobs }))[0].ran, true);
    clock.now = minutes(9);
    assert.equal((await runDueJobs(context("a"), { jobs }))[0].ran, false, "not due yet");
    clock.now = minutes(1);
    assert.equal((await runDueJobs(context("b"), { jobs }))[0].ran, true, "due ten minutes after the last start");
    assert.equal(runs.n, 2);
    const forced = await runDueJobs(context("a"), { jobs, only: "every-ten", force: true });
    assert.equal(forced[0].ran, true, "forced by name");
    assert.equal(runs.n, 3);
  });

  it("a daily or weekly job waits for its first time; it does not run when a server first starts", async () => {
    const runs = { n: 0 };
    clock.now = new Date("2026-06-16T10:00:00Z"); // a Tuesday
    const jobs = [countingJob("weekly", runs, { kind: "weekly", weekday: 1, hour: 7, minute: 0 })];
    assert.equal((await runDueJobs(context("a"), { jobs }))[0].ran, false);
    clock.now = new Date("2026-06-22T07:00:00Z");
    assert.equal((await runDueJobs(context("a"), { jobs }))[0].ran, true);
    const row = await database.db.selectFrom("jobs").selectAll().where("name", "=", "weekly").executeTakeFirstOrThrow();
    assert.equal(new Date(row.next_run_at).toISOString(), "2026-06-29T07:00:00.000Z");
  });

  it("a runner that dies holding a lease keeps others out until the lease runs out, even when forced", async () => {
    const runs = { n: 0 };
    const jobs = [countingJob("held", runs)];
    await ensureJobRows(database.db, jobs, clock.now);
    const lease = await claimJob(database.db, "held", "dead-server", clock.now, 5 * 60_000);
    assert.ok(lease);
    assert.equal((await runDueJobs(context("b"), { jobs, only: "held", force: true }))[0].ran, false);
    clock.now = minutes(6);
    assert.equal((await runDueJobs(context("b"), { jobs }))[0].ran, true);
    assert.equal(runs.n, 1);
    // The dead server's late release changes nothing: the lease is no longer its own.
    await releaseJob(database.db, lease!, clock.now, new Date("2030-01-01T00:00:00Z"), "late");
    const row = await database.db.selectFrom("jobs").selectAll().where("name", "=", "held").executeTakeFirstOrThrow();
    assert.notEqual(new Date(row.next_run_at).getUTCFullYear(), 2030);
    assert.equal(row.last_error, null);
  });

  it("a failing job records its error and gives the lease back", async () => {
    const jobs: JobDefinition[] = [{ name: "failing", description: "fails", schedule: { kind: "every", minutes: 5 }, leaseMinutes: 5, run: async () => { throw new Error("mail server unreachable"); } }];
    const [outcome] = await runDueJobs(context("a"), { jobs });
    assert.deepEqual(outcome, { name: "failing", ran: true, error: "mail server unreachable" });
    const row = await database.db.selectFrom("jobs").selectAll().where("name", "=", "failing").executeTakeFirstOrThrow();
    assert.equal(row.last_error, "mail server unreachable");
    assert.equal(row.locked_by, null);
    assert.equal(row.runs, 1);
  });

  it("refuses an unknown job name", async () => {
    await assert.rejects(runDueJobs(context("a"), { only: "no-such-job" }), (e: unknown) => e instanceof AppError && e.code === "VALIDATION_FAILED" && e.fields![0].field === "job");
  });

  it("the runner never runs two passes at once in one process", async () => {
    const runs = { n: 0 };
    const runner = startJobRunner(context("a"), { intervalMs: 3_600_000, jobs: [countingJob("runner-pass", runs)] });
    const [first, second] = await Promise.all([runner.tick(), runner.tick()]);
    assert.equal(first, second);
    assert.equal(runs.n, 1);
    await runner.stop();
  });

  it("the runner logs what jobs did and errors, not the passes that found nothing to do", async () => {
    const lines: string[] = [];
    const jobs: JobDefinition[] = [
      { name: "log-idle", description: "idle", schedule: { kind: "every", minutes: 1 }, leaseMinutes: 1, run: async () => null },
      { name: "log-busy", description: "busy", schedule: { kind: "every", minutes: 1 }, leaseMinutes: 1, run: async () => "3 things done" },
      { name: "log-broken", description: "broken", schedule: { kind: "every", minutes: 1 }, leaseMinutes: 1, run: async () => { throw new Error("boom"); } },
    ];
    const runner = startJobRunner(context("a"), { intervalMs: 3_600_000, jobs, log: (line) => lines.push(line) });
    const outcomes = await runner.tick();
    await runner.stop();
    assert.equal(outcomes.find((o) => o.name === "log-idle")!.summary, "nothing to do");
    assert.deepEqual(lines, ["job log-busy: 3 things done", "job log-broken failed: boom"]);
  });

  it("the product's jobs: the scan finds an expiring certification, delivery e-mails it once, the nightly statistics run", async () => {
    const db = database.db;
    const org = await buildOrganization(db);
    const technician = await buildPerson(db, org, { role: "technician", hireDate: "2020-01-06" });
    clock.now = new Date("2026-06-15T15:00:00Z");
    await db.insertInto("certification_holdings").values({ org_id: org.id, person_id: technician.id, certification_code: "ptcb-cpht", earned_on: "2024-07-01", expires_on: "2026-07-01", verification_status: "verified" }).execute();
    const first = await runDueJobs(context("server-a"));
    const byName = new Map(first.map((o) => [o.name, o]));
    assert.equal(byName.get("notifications.scan")!.ran, true);
    assert.match(byName.get("notifications.scan")!.summary!, /[1-9]\d* new notifications/);
    assert.equal(byName.get("email.deliver")!.ran, true);
    assert.ok(first.every((o) => !o.error), JSON.stringify(first));
    assert.equal(byName.get("exams.item-stats")!.ran, false, "nightly: not on start");
    const toTechnician = mail.messages.filter((m) => m.to.includes(technician.email));
    assert.equal(toTechnician.length, 1);
    assert.match(mailText(toTechnician[0].raw), /expires on 2026-07-01 \(16 days\)\. Renewal is open; the date to apply without a late fee \(2026-06-01\) has passed\./);

    // A minute later, from another server: the scan is not due, delivery has nothing to send.
    clock.now = minutes(1);
    const second = await runDueJobs(context("server-b"));
    assert.equal(second.find((o) => o.name === "notifications.scan")!.ran, false);
    assert.equal(second.find((o) => o.name === "email.deliver")!.summary, "nothing to do");
    // An hour later the scan runs again and finds nothing new.
    clock.now = minutes(60);
    const third = await runDueJobs(context("server-b"));
    assert.match(third.find((o) => o.name === "notifications.scan")!.summary!, / 0 new notifications/);
    assert.equal(mail.messages.filter((m) => m.to.includes(technician.email)).length, 1);

    // 03:00 UTC the next day: the item statistics recompute for every organization.
    clock.now = new Date("2026-06-16T03:00:00Z");
    const nightly = await runDueJobs(context("server-a"), { only: "exams.item-stats" });
    assert.equal(nightly[0].ran, true);
    assert.match(nightly[0].summary!, /organizations, \d+ items recomputed/);
    assert.deepEqual(JOBS.map((j) => j.name).sort(), ["email.deliver", "exams.item-stats", "notifications.scan", "reports.weekly-summary"]);
  });
});
