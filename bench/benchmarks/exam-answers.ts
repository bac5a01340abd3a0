import fastify from "fastify";
import os from "node:os";
import { sql } from "kysely";
import { openDatabase, type Db } from "../../src/db/database.ts";
import { loadConfig } from "../../src/lib/config.ts";
import { createMailer } from "../../src/lib/mailer.ts";
import { findSessionActor, hashPassword, type Actor } from "../../src/modules/auth/index.ts";
import { createSession } from "../../src/modules/auth/sessions.ts";
import { startAttempt } from "../../src/modules/exams/start-attempt.ts";
import { importRoster } from "../../src/modules/roster/index.ts";
import { buildApp } from "../../src/server/app.ts";
import { SESSION_COOKIE } from "../../src/server/context.ts";
import { cpuProfiled, describeLoad, figure, load, pacedLoad, seconds, settleMemory, waitUntilIdle, type Benchmark, type BenchContext, type Load } from "../harness.ts";
import { rosterCsvStream, syntheticOrganization, type SyntheticOrgOptions } from "../synthetic-org.ts";
import { checkpoint, createOrganizationWithSites, resetData } from "./roster-import.ts";

/** One site of the synthetic generator large enough for 500 current technicians (it has 531). */
const ORG: Partial<SyntheticOrgOptions> = { technicians: 2_000, sites: 1, years: 5, seed: 42 };
const TAKERS = 500;
/** One connection per taker, no think time; loopback only. */
const LOAD = { connections: TAKERS, seconds: 20, warmUpSeconds: 5 };
/** Issue 4, item 10: answers/s at least this share of a Fastify hello-world's req/s in the same run. */
const GOAL_RATIO = 0.25;
const GOAL_P99_MS = 50;
/** Saturated runs: this many pairs of a hello-world run and an answers run, alternating; the ratio is of their medians. */
const PAIRS = 3;

/** The run with the median value of `by` (of an odd number of runs): acknowledged throughput unless said otherwise. */
function medianRun(runs: Load[], by: (run: Load) => number = (run) => run.okPerSecond): Load {
  return [...runs].sort((a, b) => by(a) - by(b))[Math.floor(runs.length / 2)];
}
/**
 * The paced run: 500 answers/s over the 500 takers, one a second each. autocannon paces every
 * connection on its own one-second timer, all started together, so the 500 answers of each second
 * arrive at the same instant: a burst, harder than takers spread over the second. A real PTCE is 90 items in 110 minutes, one answer
 * per 73 s (domain-facts.md), so this is 73 times the pace of 500 people sitting the exam at once;
 * the saturated run has no think time at all.
 */
const PACED_RATE_PER_TAKER = 1;
const REAL_SECONDS_PER_ANSWER = (110 * 60) / 90;
const PASSWORD = "bench-taker-password";
/** The app's pool connections carry this name, so the benchmark can wait until the server is idle. */
export const APP_NAME = "rxladder-bench-exam-answers";

/** A paced client for the hello-world: GET /hello on every connection. */
const HELLO_SCRIPT = `return { takerClient() { return { method: "GET", headers: {}, next() { return { path: "/hello", body: "" }; }, onResponse() {} }; } };`;

/** What a worker needs to answer for one taker: the attempt's item URL prefix, the headers, each position's options. */
interface TakerPlan {
  path: string;
  headers: Record<string, string>;
  /** Per position (index position − 1): the option ids and whether more than one may be chosen. */
  items: { ids: string[]; multi: boolean }[];
  /** How many answers this taker has sent before this run: position and choice follow from it. */
  seq: number;
}

/** Per taker, what a run saw: per position the last acknowledged answer and the answers sent after it without a reply. */
interface TakerOutcome {
  seq: number;
  ok: number;
  rejected: number;
  acked: Record<number, string>;
  unknown: Record<number, string[]>;
}

/**
 * Runs in the load worker (see `load` in harness.ts). Each connection takes the next taker and
 * answers its attempt's positions 1, 2, … 90, 1, … in turn; the n-th answer of a taker to a
 * position chooses option n mod k (and the one after it on a multi-answer item), so a later answer
 * differs from the earlier one and a lost write shows. Pipelining is 1: a response belongs to the
 * request sent last on its connection. A request that got no response before the next was built
 * (timeout, reconnect) or before the run stopped has an unknown outcome: the server may have stored it.
 */
const TAKER_SCRIPT = `
const takers = data.takers;
const states = [];
let next = 0;
function makeTaker(i) {
  const taker = takers[i];
  const state = { seq: taker.seq, ok: 0, rejected: 0, acked: {}, unknown: {}, sent: null, replied: true };
  states[i] = state;
  const count = taker.items.length;
  return {
    method: "PUT",
    headers: taker.headers,
    next() {
      if (state.sent && !state.replied) (state.unknown[state.sent.position] ||= []).push(state.sent.answer);
      const n = state.seq++;
      const position = (n % count) + 1;
      const round = Math.floor(n / count);
      const item = taker.items[position - 1];
      const k = item.ids.length;
      const answer = item.multi ? [item.ids[round % k], item.ids[(round + 1) % k]] : [item.ids[round % k]];
      state.sent = { position, answer: answer.join(",") };
      state.replied = false;
      return { path: taker.path + position, body: JSON.stringify({ answer }) };
    },
    onResponse(statusCode) {
      state.replied = true;
      if (statusCode >= 200 && statusCode < 300) {
        state.ok++;
        state.acked[state.sent.position] = state.sent.answer;
        delete state.unknown[state.sent.position];
      } else state.rejected++;
    },
  };
}
return {
  setupClient(client) {
    if (next >= takers.length) throw new Error("more connections than takers");
    const taker = makeTaker(next++);
    client.on("response", (statusCode) => taker.onResponse(statusCode));
    client.requestIterator.setRequests([{ method: taker.method, headers: taker.headers, setupRequest: (req) => ({ ...req, ...taker.next() }) }]);
  },
  takerClient(i) {
    if (i >= takers.length) throw new Error("more connections than takers");
    return makeTaker(i);
  },
  result() {
    return states.map((s) => {
      if (s.sent && !s.replied) (s.unknown[s.sent.position] ||= []).push(s.sent.answer);
      return { seq: s.seq, ok: s.ok, rejected: s.rejected, acked: s.acked, unknown: s.unknown };
    });
  },
};`;

export interface Taker {
  personId: string;
  attemptId: string;
  plan: TakerPlan;
  /** Over every run: the last acknowledged answer per position, and answers sent after it whose outcome is unknown. */
  acked: Map<number, string>;
  unknown: Map<number, string[]>;
  ok: number;
  rejected: number;
}

function mergeOutcome(taker: Taker, outcome: TakerOutcome): void {
  taker.plan.seq = outcome.seq;
  taker.ok += outcome.ok;
  taker.rejected += outcome.rejected;
  for (const [position, answer] of Object.entries(outcome.acked)) {
    taker.acked.set(Number(position), answer);
    taker.unknown.delete(Number(position));
  }
  for (const [position, answers] of Object.entries(outcome.unknown)) {
    taker.unknown.set(Number(position), [...(taker.unknown.get(Number(position)) ?? []), ...answers]);
  }
}

/**
 * One run of every taker answering: as fast as answered (autocannon), at an overall rate whose
 * requests autocannon sends in the same instant of each second, or `spread`: each taker once per
 * `intervalMs`, the takers' moments spread over the interval.
 */
export async function answerRun(url: string, takers: Taker[], duration: number, pace?: { overallRate: number } | { spread: true; intervalMs: number; openFirst?: boolean }): Promise<Load> {
  const common = { url, connections: takers.length, duration, script: TAKER_SCRIPT, scriptData: { takers: takers.map((t) => t.plan) } };
  const result = pace && "spread" in pace ? await pacedLoad({ ...common, intervalMs: pace.intervalMs, openPath: pace.openFirst ? "/healthz" : undefined }) : await load({ ...common, overallRate: pace?.overallRate });
  const outcomes = result.script as TakerOutcome[];
  if (!Array.isArray(outcomes) || outcomes.length !== takers.length) throw new Error(`the load worker reported ${Array.isArray(outcomes) ? outcomes.length : "no"} takers, expected ${takers.length}`);
  outcomes.forEach((outcome, i) => mergeOutcome(takers[i], outcome));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Setup

export async function setUpTakers(context: BenchContext, now: Date): Promise<{ orgId: string; takers: Taker[]; bankItems: number; attemptSeconds: number }> {
  const { handle, log } = context;
  const { db } = handle;
  const org = syntheticOrganization(ORG);
  const actor = await createOrganizationWithSites(db, org, "bench-exam-answers", now);
  const imported = await importRoster(db, actor, rosterCsvStream(org), { fileName: "synthetic-roster.csv" }, now);
  const people = await db
    .selectFrom("people")
    .select(["id", "email"])
    .where("org_id", "=", actor.orgId)
    .where("role", "=", "technician")
    .where("status", "=", "active")
    .orderBy("employee_id")
    .limit(TAKERS)
    .execute();
  if (people.length < TAKERS) throw new Error(`the synthetic site has ${people.length} active technicians, ${TAKERS} needed`);

  const passwordHash = await hashPassword(PASSWORD);
  const accounts = await db
    .insertInto("accounts")
    .values(people.map((p) => ({ org_id: actor.orgId, person_id: p.id, email: p.email, password_hash: passwordHash, created_at: now })))
    .returning(["id", "person_id"])
    .execute();
  const config = loadConfig({});
  const sessions: { personId: string; token: string; csrfToken: string; actor: Actor }[] = [];
  for (const account of accounts) {
    const session = await createSession(db, account.id, "rxladder-bench", now, config.sessionDays);
    const found = await findSessionActor(db, session.token, now);
    if (!found) throw new Error(`no actor for the session of account ${account.id}`);
    sessions.push({ personId: account.person_id, token: session.token, csrfToken: session.csrfToken, actor: found.actor });
  }
  log(`setup: ${imported.created.toLocaleString("en-US")} people imported at ${org.sites[0].code}; ${accounts.length} technicians with accounts and sessions`);

  // The first start loads the shipped item bank into the organization; the rest share it.
  const started = await seconds(async () => {
    const attemptIds: string[] = [];
    attemptIds.push(await db.transaction().execute((tx) => startAttempt(tx, sessions[0].actor, { form: "full" }, new Date())));
    let next = 1;
    const worker = async () => {
      while (next < sessions.length) {
        const i = next++;
        attemptIds[i] = await db.transaction().execute((tx) => startAttempt(tx, sessions[i].actor, { form: "full" }, new Date()));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return attemptIds;
  });
  const attemptIds = started.result;
  const positions = await db
    .selectFrom("exam_attempt_items")
    .select(["attempt_id", "position", sql<string>`content->>'kind'`.as("kind"), sql<string[]>`array(SELECT o->>'id' FROM jsonb_array_elements(content->'options') o)`.as("ids")])
    .where("attempt_id", "in", attemptIds)
    .orderBy("attempt_id")
    .orderBy("position")
    .execute();
  const byAttempt = new Map<string, TakerPlan["items"]>();
  for (const p of positions) {
    const items = byAttempt.get(p.attempt_id) ?? [];
    byAttempt.set(p.attempt_id, items);
    items[p.position - 1] = { ids: p.ids, multi: p.kind === "multi" };
  }
  const takers = sessions.map((s, i): Taker => {
    const items = byAttempt.get(attemptIds[i])!;
    if (items.length !== 90 || items.some((item) => !item || item.ids.length < 2)) throw new Error(`attempt ${attemptIds[i]} has ${items.length} positions, expected 90 with options`);
    return {
      personId: s.personId,
      attemptId: attemptIds[i],
      plan: {
        path: `/api/exams/attempts/${attemptIds[i]}/items/`,
        // As the exam player's save queue sends them: it keeps the position itself, so it asks for no copy back.
        headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${s.token}`, "x-csrf-token": s.csrfToken, prefer: "return=minimal" },
        items,
        seq: 0,
      },
      acked: new Map(),
      unknown: new Map(),
      ok: 0,
      rejected: 0,
    };
  });
  const bank = await db.selectFrom("exam_items").select((eb) => eb.fn.countAll<number>().as("n")).where("org_id", "=", actor.orgId).executeTakeFirstOrThrow();
  const multi = positions.filter((p) => p.kind === "multi").length;
  log(
    `setup: ${takers.length} full practice attempts started through startAttempt in ${started.seconds.toFixed(1)} s (the first loads the shipped bank: ${Number(bank.n)} items); ` +
      `${positions.length.toLocaleString("en-US")} positions, ${multi.toLocaleString("en-US")} of them multi-answer`,
  );
  return { orgId: actor.orgId, takers, bankItems: Number(bank.n), attemptSeconds: started.seconds };
}

// ---------------------------------------------------------------------------------------------
// Verification: what the database holds against what the takers were told

interface Verification {
  /** Positions with an acknowledged answer. */
  acknowledged: number;
  /** Of those, positions holding their last acknowledged answer (or a later one sent without a reply). */
  stored: number;
  /** Positions holding an answer no one was told was stored and none was sent without a reply. */
  unexpected: number;
  /** Requests without a reply (cut off at the end of a run, timed out), and how many of them the database holds. */
  unknown: number;
  unknownStored: number;
  answeredRows: number;
  examples: string[];
}

export async function verify(db: Db, takers: Taker[]): Promise<Verification> {
  const rows = await db
    .selectFrom("exam_attempt_items")
    .select(["attempt_id", "position", "answer", "answered_at"])
    .where("attempt_id", "in", takers.map((t) => t.attemptId))
    .execute();
  const held = new Map(rows.map((r) => [`${r.attempt_id}/${r.position}`, r.answer === null ? null : (r.answer as string[]).join(",")]));
  const v: Verification = { acknowledged: 0, stored: 0, unexpected: 0, unknown: 0, unknownStored: 0, answeredRows: rows.filter((r) => r.answered_at !== null).length, examples: [] };
  for (const t of takers) {
    for (let position = 1; position <= t.plan.items.length; position++) {
      const stored = held.get(`${t.attemptId}/${position}`) ?? null;
      const acked = t.acked.get(position);
      const unknown = t.unknown.get(position) ?? [];
      v.unknown += unknown.length;
      if (stored !== null && unknown.includes(stored)) v.unknownStored++;
      if (acked !== undefined) {
        v.acknowledged++;
        if (stored === acked || (stored !== null && unknown.includes(stored))) v.stored++;
        else if (v.examples.length < 5) v.examples.push(`attempt ${t.attemptId} position ${position}: acknowledged ${acked}, stored ${stored ?? "nothing"}`);
      } else if (stored !== null && !unknown.includes(stored)) {
        v.unexpected++;
        if (v.examples.length < 5) v.examples.push(`attempt ${t.attemptId} position ${position}: never acknowledged, stored ${stored}`);
      }
    }
  }
  return v;
}

// ---------------------------------------------------------------------------------------------

export async function helloWorld() {
  const app = fastify();
  app.get("/hello", async () => ({ hello: "world" }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/hello` };
}

export const examAnswers: Benchmark = {
  name: "exam-answers",
  description: `${TAKERS} simulated takers answering their full practice exams through PUT /api/exams/attempts/:id/items/:position, against a Fastify hello-world`,
  async run(context: BenchContext) {
    const { handle, databaseUrl, log } = context;
    const { db } = handle;
    await resetData(db);
    const now = new Date();
    const setup = await seconds(() => setUpTakers(context, now));
    const { takers } = setup.result;
    await sql`VACUUM (ANALYZE) exam_attempts, exam_attempt_items, sessions, accounts, people`.execute(db);
    await checkpoint(db);

    // The app as `serve` opens it: its own pool at the default size, on the real clock.
    const appUrl = new URL(databaseUrl);
    appUrl.searchParams.set("application_name", APP_NAME);
    const appDatabase = await openDatabase({ databaseUrl: appUrl.toString() });
    const config = loadConfig({});
    const app = await buildApp({ database: appDatabase, config, mailer: createMailer({ from: config.mailFrom, log: () => {} }), now: () => new Date(), version: "bench" }, { serveWeb: false });
    const hello = await helloWorld();
    let helloLoad: Load, answers: Load, paced: Load, spread: Load, helloSpread: Load, cold: Load, loadAverage: number, warmUp: Load;
    const helloRuns: Load[] = [];
    const answerRuns: Load[] = [];
    const spreadRuns: Load[] = [];
    const helloSpreadRuns: Load[] = [];
    try {
      await app.listen({ port: 0, host: "127.0.0.1" });
      const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const probe = await fetch(`${url}${takers[0].plan.path}1`, { headers: takers[0].plan.headers });
      const body = (await probe.json()) as { options?: { id: string }[] };
      if (probe.status !== 200 || body.options?.[0]?.id !== takers[0].plan.items[0].ids[0]) throw new Error(`GET ${takers[0].plan.path}1 answered ${probe.status}: ${JSON.stringify(body).slice(0, 300)}`);

      log(`server on ${url}, hello-world on ${hello.url}; ${LOAD.connections} connections, ${LOAD.warmUpSeconds} s warm-up, then ${LOAD.seconds} s each`);
      await load({ url: hello.url, connections: LOAD.connections, duration: LOAD.warmUpSeconds });
      warmUp = await answerRun(url, takers, LOAD.warmUpSeconds);
      log(`warm-up answers: ${describeLoad(warmUp, "answers/s")}`);
      await waitUntilIdle(db, APP_NAME);
      await checkpoint(db);
      settleMemory();
      loadAverage = os.loadavg()[0];
      // Pairs of runs, hello-world then answers, so a slow or fast spell of the machine touches both;
      // the figures are the medians (the answers' latencies those of its median run).
      for (let pair = 1; pair <= PAIRS; pair++) {
        const hi = await load({ url: hello.url, connections: LOAD.connections, duration: LOAD.seconds });
        helloRuns.push(hi);
        log(`pair ${pair}/${PAIRS}: GET /hello (Fastify hello-world): ${describeLoad(hi)}`);
        settleMemory();
        const run = await (pair === 1 ? cpuProfiled("exam-answers", () => answerRun(url, takers, LOAD.seconds), log) : answerRun(url, takers, LOAD.seconds));
        answerRuns.push(run);
        log(`pair ${pair}/${PAIRS}: PUT /api/exams/attempts/:id/items/:position: ${describeLoad(run, "answers/s")}`);
        await waitUntilIdle(db, APP_NAME);
        settleMemory();
      }
      helloLoad = medianRun(helloRuns);
      answers = medianRun(answerRuns);
      // The saturated runs leave hundreds of thousands of superseded row versions; autovacuum and the
      // next checkpoint would clean them up in the middle of the paced runs. Do it now, as before the timed runs.
      const cleaned = await seconds(async () => {
        await sql`VACUUM (ANALYZE) exam_attempts, exam_attempt_items`.execute(db);
        await checkpoint(db);
      });
      log(`vacuum and checkpoint after the saturated runs: ${cleaned.seconds.toFixed(1)} s`);
      paced = await answerRun(url, takers, LOAD.seconds, { overallRate: TAKERS * PACED_RATE_PER_TAKER });
      log(`the same, each taker answering every ${1 / PACED_RATE_PER_TAKER} s, all in the same instant: ${describeLoad(paced, "answers/s")}`);
      await waitUntilIdle(db, APP_NAME);
      settleMemory();
      // As many spread pairs as saturated ones: the p99 of a run at this light load follows the shared
      // machine's spells more than the server, so the figure is the median run's (by p99), each run
      // just after a hello-world one at the same pace. Each taker's connection is open before the run,
      // as a browser that has loaded the exam holds its connection.
      const intervalMs = 1000 / PACED_RATE_PER_TAKER;
      for (let run = 1; run <= PAIRS; run++) {
        const hi = await pacedLoad({ url: hello.url, connections: TAKERS, duration: LOAD.seconds, intervalMs, script: HELLO_SCRIPT, openPath: "/hello" });
        helloSpreadRuns.push(hi);
        log(`spread ${run}/${PAIRS}: GET /hello at the same pace: ${describeLoad(hi)}`);
        const r = await answerRun(url, takers, LOAD.seconds, { spread: true, intervalMs, openFirst: true });
        spreadRuns.push(r);
        log(`spread ${run}/${PAIRS}: the same, each taker answering every ${1 / PACED_RATE_PER_TAKER} s at a moment of its own: ${describeLoad(r, "answers/s")}`);
        await waitUntilIdle(db, APP_NAME);
        settleMemory();
      }
      spread = medianRun(spreadRuns, (run) => run.p99);
      helloSpread = medianRun(helloSpreadRuns, (run) => run.p99);
      // The same once more with every taker's connection opened in the timed run: Node accepts one
      // connection per turn of its event loop, so 500 new connections in a second queue for a while.
      cold = await answerRun(url, takers, LOAD.seconds, { spread: true, intervalMs });
      log(`the same, each connection opened in the run: ${describeLoad(cold, "answers/s")}`);
      await waitUntilIdle(db, APP_NAME);
    } finally {
      await hello.app.close();
      await app.close();
      await appDatabase.close();
    }

    const v = await verify(db, takers);
    const sent = takers.reduce((n, t) => n + t.plan.seq, 0);
    const ok = takers.reduce((n, t) => n + t.ok, 0);
    const rejected = takers.reduce((n, t) => n + t.rejected, 0);
    const storedNote =
      `over the warm-up and the timed runs: ${sent.toLocaleString("en-US")} answers sent, ${ok.toLocaleString("en-US")} acknowledged (2xx), ${rejected} rejected (non-2xx), ` +
      `${v.unknown} without a reply (cut off when a run stopped; ${v.unknownStored} of them stored, which is allowed either way); ` +
      `${v.acknowledged.toLocaleString("en-US")} (attempt, position) pairs acknowledged, ${v.stored.toLocaleString("en-US")} hold their last acknowledged answer, ` +
      `${v.unexpected} hold an answer never sent as last; ${v.answeredRows.toLocaleString("en-US")} rows answered` +
      (v.examples.length ? `. First mismatches: ${v.examples.join("; ")}` : "");
    log(`verification: ${storedNote}`);
    await resetData(db);

    const takerNote =
      `${TAKERS} technicians of one synthetic site (seed ${ORG.seed}), each signed in (a session created directly) with a full practice attempt (90 positions) started through startAttempt; ` +
      `one connection per taker PUTting {answer:[…]} to its own attempt, positions 1…90 in turn, options taken from the item (two on multi-answer items), each answer to a position different from the one before, with its cookie, x-csrf-token and Prefer: return=minimal as the exam player sends them (204 once stored); set up untimed in ${setup.seconds.toFixed(0)} s`;
    const loadNote =
      `autocannon in a worker thread, every 2xx latency recorded, ${LOAD.connections} connections for ${LOAD.seconds} s on loopback after a ${LOAD.warmUpSeconds} s warm-up, no think time; ` +
      `the app built by buildApp with its own pool at the default size (as serve opens it), on the real clock; 1-minute load average ${loadAverage.toFixed(2)} when it started`;
    const helloNote = `a bare fastify() with GET /hello returning {hello:"world"} in the same process, on another port, under the same load, each run just before an answers run: median ${describeLoad(helloLoad)}`;
    const failed = rejected + warmUp.errors + answerRuns.reduce((n, r) => n + r.errors, 0) + paced.errors + spreadRuns.reduce((n, r) => n + r.errors, 0) + cold.errors;
    const pacedRate = TAKERS * PACED_RATE_PER_TAKER;
    return [
      figure({
        name: `exam answers throughput, ${TAKERS} takers`,
        value: answers.okPerSecond,
        unit: "req/s",
        baseline: helloLoad.okPerSecond,
        baselineName: "Fastify hello-world",
        goal: GOAL_RATIO,
        atLeast: true,
        samples: answerRuns.map((r) => r.okPerSecond),
        notes: `answers acknowledged (2xx) per second, the median of ${PAIRS} timed runs, each after a hello-world run (answers/s ${answerRuns.map((r) => Math.round(r.okPerSecond)).join(", ")} against hello-world req/s ${helloRuns.map((r) => Math.round(r.okPerSecond)).join(", ")}); the median run: ${describeLoad(answers, "answers/s")}. ${takerNote}. Baseline: ${helloNote}. ${loadNote}`,
      }),
      figure({
        name: `exam answers p99, ${TAKERS} takers at ${pacedRate} answers/s`,
        value: spread.p99,
        unit: "ms",
        baseline: GOAL_P99_MS,
        baselineName: "goal",
        goal: 1,
        samples: spreadRuns.map((r) => r.p99),
        notes:
          `${TAKERS} takers, each answering once every ${1 / PACED_RATE_PER_TAKER} s (${pacedRate} answers/s, ${(REAL_SECONDS_PER_ANSWER * PACED_RATE_PER_TAKER).toFixed(0)} times the pace of a real PTCE, 90 items in 110 minutes), ` +
          `each at a moment of its own (taker i at i/${TAKERS} of the second), for ${LOAD.seconds} s, ${PAIRS} runs after the saturated ones (p99 ${spreadRuns.map((r) => r.p99.toFixed(1)).join(", ")} ms; the median run's here); node:http in a worker thread, one keep-alive connection per taker, ` +
          `opened before the run (one GET /healthz), as a browser that has loaded the exam holds its connection; latency counted from the moment the answer was due: ${describeLoad(spread, "answers/s")}. ` +
          `Each run just after a Fastify hello-world run at the same pace on this machine, during which the app served nothing for ${LOAD.seconds} s, so each starts after a quiet spell (hello-world p99 ${helloSpreadRuns.map((r) => r.p99.toFixed(1)).join(", ")} ms; median run ${describeLoad(helloSpread)}). The answers, takers and checks are those of the saturated run. ${loadNote}`,
      }),
      figure({
        name: `exam answers p99, ${TAKERS} takers at ${pacedRate} answers/s, connecting in the run`,
        value: cold.p99,
        unit: "ms",
        baseline: spread.p99,
        baselineName: "connections open before",
        notes: `one more spread run with every taker's connection opened at its first answer, 500 new connections in the first second: Node accepts one connection per turn of its event loop (libuv 1.45 and later), so new connections wait in the listen queue while the server is busy; the first answers' latency includes that wait: ${describeLoad(cold, "answers/s")}. ${loadNote}`,
      }),
      figure({
        name: `exam answers p99, ${TAKERS} takers at ${pacedRate} answers/s, all in the same instant`,
        value: paced.p99,
        unit: "ms",
        baseline: spread.p99,
        baselineName: "the same pace spread",
        notes: `the same pace with autocannon's overallRate, which starts every connection's timer together, so all ${TAKERS} answers of each second arrive at once (a burst no group of people would make): ${describeLoad(paced, "answers/s")}. ${loadNote}`,
      }),
      figure({
        name: `exam answers p99, ${TAKERS} takers without think time`,
        value: answers.p99,
        unit: "ms",
        baseline: helloLoad.p99,
        baselineName: "hello-world p99",
        notes: `the median saturated run: with ${LOAD.connections} connections and no think time, the mean latency is ${LOAD.connections} ÷ throughput (${(1000 * LOAD.connections / answers.perSecond).toFixed(0)} ms here), so a p99 within ${GOAL_P99_MS} ms there would need at least ${(LOAD.connections * 1000 / GOAL_P99_MS).toLocaleString("en-US")} answers/s. ${loadNote}`,
      }),
      figure({
        name: `exam answers p97.5, ${TAKERS} takers`,
        value: answers.p97_5,
        unit: "ms",
        baseline: helloLoad.p97_5,
        baselineName: "hello-world p97.5",
        notes: `the same run; ${loadNote}`,
      }),
      figure({
        name: `exam answers p50, ${TAKERS} takers`,
        value: answers.p50,
        unit: "ms",
        baseline: helloLoad.p50,
        baselineName: "hello-world p50",
        notes: `the same run; max ${answers.max.toFixed(1)} ms (hello-world ${helloLoad.max.toFixed(1)} ms); ${loadNote}`,
      }),
      figure({
        name: "exam answers acknowledged and stored",
        value: v.stored,
        unit: "positions",
        baseline: v.acknowledged,
        baselineName: "acknowledged",
        goal: 1,
        atLeast: true,
        notes: `after the load, every (attempt, position) that was acknowledged must hold the last answer acknowledged for it (or a later one sent without a reply), and no other position an answer: ${storedNote}`,
      }),
      figure({
        name: "exam answers rejected or failed",
        value: failed + v.unexpected,
        unit: "answers",
        baseline: sent,
        baselineName: "answers sent",
        goal: 0,
        notes: `non-2xx responses and connection errors or timeouts over the warm-up and the timed runs (${rejected} non-2xx counted by the takers; warm-up ${warmUp.non2xx} non-2xx, ${warmUp.errors} errors; timed runs ${answerRuns.reduce((n, r) => n + r.non2xx, 0)} non-2xx, ${answerRuns.reduce((n, r) => n + r.errors, 0)} errors; burst run ${paced.non2xx} non-2xx, ${paced.errors} errors; spread runs ${spreadRuns.reduce((n, r) => n + r.non2xx, 0) + cold.non2xx} non-2xx, ${spreadRuns.reduce((n, r) => n + r.errors, 0) + cold.errors} errors), plus positions holding an answer never sent as their last (${v.unexpected})`,
      }),
    ];
  },
};
