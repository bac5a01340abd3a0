import { randomBytes } from "node:crypto";
import fs from "node:fs";
import inspector from "node:inspector/promises";
import { createRequire } from "node:module";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { Worker } from "node:worker_threads";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, redactUrl, type DatabaseHandle, type Db } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";

/** One number a benchmark reports. `ratio` is value ÷ baseline; a figure with a goal meets it when ratio ≤ goal (≥ with `atLeast`). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** What the baseline measures, e.g. "COPY FROM STDIN". */
  baselineName?: string;
  ratio: number | null;
  goal?: number;
  /** The goal is a floor: met when ratio ≥ goal (throughput against a baseline). Otherwise a ceiling: ratio ≤ goal. */
  atLeast?: boolean;
  meetsGoal?: boolean;
  /** Every timed run, in the figure's unit, for readers who distrust a median. */
  samples?: number[];
  notes?: string;
}

export interface RunMetadata {
  date: string;
  node: string;
  database: string;
  cores: number;
  cpu: string;
  totalMemoryGb: number;
  /** 1-minute load average when the run started: other work on the machine makes timings noisy. */
  loadAverage: number;
  benchmarks: string[];
}

export interface BenchContext {
  /** The migrated benchmark database, through the application's own connection layer. */
  handle: DatabaseHandle;
  /** URL of the benchmark database, for raw clients (COPY). */
  databaseUrl: string;
  log(message: string): void;
}

/** A benchmark is a named function returning figures; register it in bench/benchmarks/index.ts. */
export interface Benchmark {
  name: string;
  description: string;
  run(context: BenchContext): Promise<Figure[]>;
}

export function figure(fields: Omit<Figure, "ratio" | "meetsGoal">): Figure {
  const ratio = fields.baseline ? fields.value / fields.baseline : null;
  return {
    ...fields,
    ratio,
    ...(fields.goal !== undefined && ratio !== null ? { meetsGoal: fields.atLeast ? ratio >= fields.goal : ratio <= fields.goal } : {}),
  };
}

/** The figure with its numbers rounded for the results file (0.1 ms and 0.001× are plenty). */
export function roundedFigure(f: Figure): Figure {
  const round = (n: number, digits: number) => Number(n.toFixed(digits));
  return {
    ...f,
    value: round(f.value, 4),
    baseline: f.baseline === null ? null : round(f.baseline, 4),
    ratio: f.ratio === null ? null : round(f.ratio, 3),
    ...(f.samples ? { samples: f.samples.map((n) => round(n, 4)) } : {}),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function seconds<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
}

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

/** Full garbage collection, so memory figures start from live data only. */
export function settleMemory(): void {
  collectGarbage();
  collectGarbage();
}

/**
 * Samples resident set size while `work` runs; growth is the peak minus the size just before it
 * started. With `collectEveryMs`, a full GC runs that often, so the peak follows live data rather
 * than when V8 chose to collect (without it, the same import varies by tens of MB).
 */
export async function peakRssGrowth<T>(work: () => Promise<T>, options: { sampleEveryMs?: number; collectEveryMs?: number } = {}): Promise<{ growthBytes: number; result: T }> {
  settleMemory();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const sampler = setInterval(sample, options.sampleEveryMs ?? 5);
  const collector = options.collectEveryMs ? setInterval(() => {
    sample();
    collectGarbage();
  }, options.collectEveryMs) : undefined;
  try {
    const result = await work();
    sample();
    return { growthBytes: peak - before, result };
  } finally {
    clearInterval(sampler);
    clearInterval(collector);
  }
}

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  handle: DatabaseHandle;
  url: string;
  name: string;
  serverVersion: string;
  drop(): Promise<void>;
}

/** Creates and migrates a database of its own on the server; `drop` removes it (safe to call twice). */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `rxladder_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`no PostgreSQL server answered at ${redactUrl(serverUrl)} (${(error as Error).message}); set DATABASE_URL`);
  }
  let serverVersion: string;
  try {
    serverVersion = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let handle: DatabaseHandle | undefined;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await handle?.close().catch(() => {});
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      // pg's pool.end() resolves before its sockets have closed; a FORCE drop that terminates one of
      // them makes the pool emit an error nobody listens to, which ends the process. Wait them out first.
      for (let waited = 0; waited < 5000; waited += 50) {
        const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (Number(rows[0].n) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
  try {
    handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    await migrate(handle.db);
  } catch (error) {
    await drop();
    throw error;
  }
  return { handle, url: url.toString(), name, serverVersion, drop };
}

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return "–";
  if (Math.abs(value) >= 100) return value.toFixed(0);
  return value.toPrecision(digits);
}

/** The figures as an aligned text table. */
export function figureTable(figures: Figure[]): string {
  const header = ["figure", "value", "baseline", "ratio", "goal"];
  const rows = figures.map((f) => [
    f.name,
    `${formatNumber(f.value)} ${f.unit}`,
    f.baseline === null ? "–" : `${formatNumber(f.baseline)} ${f.unit}${f.baselineName ? ` (${f.baselineName})` : ""}`,
    f.ratio === null ? "–" : `${f.ratio.toFixed(2)}×`,
    f.goal === undefined ? "" : `${f.atLeast ? "≥" : "≤"} ${f.goal}× ${f.meetsGoal ? "met" : "NOT met"}`,
  ]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// HTTP load

export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  /** Requests per second over all connections (autocannon's overallRate, at least the connection count); as fast as answered when omitted. */
  overallRate?: number;
  requests?: { method: string; path: string }[];
  /**
   * JavaScript run in the worker before autocannon starts, as the body of a function of `data`
   * (structured-cloned from `scriptData`) and `options` (autocannon's). It may return
   * `{ setupClient(client), result() }`: `setupClient` runs once per connection (give each its own
   * requests through `client.requestIterator.setRequests`), and what `result()` returns when the run
   * ends comes back as `Load.script`. A string because functions do not cross into a worker.
   */
  script?: string;
  scriptData?: unknown;
}

/**
 * Runs autocannon in a worker thread of its own, so the client does not share the server's event
 * loop, and records every 2xx latency from its response events: the histogram autocannon reports
 * keeps whole milliseconds, which a sub-millisecond /healthz reads as 0.
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const autocannon = require(workerData.autocannon);
const options = { ...workerData.options };
delete options.script;
delete options.scriptData;
const script = workerData.options.script ? new Function("data", "options", workerData.options.script)(workerData.options.scriptData, options) || {} : {};
if (script.setupClient) options.setupClient = script.setupClient;
const latencies = [];
const instance = autocannon(options, (error, result) => {
  if (error) throw error;
  parentPort.postMessage({ latencies: Float64Array.from(latencies), total: result.totalCompletedRequests, duration: result.duration,
    errors: result.errors + result.timeouts, non2xx: result.non2xx, script: script.result ? script.result() : undefined });
});
instance.on("response", (client, statusCode, bytes, responseTime) => {
  if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
});`;
const AUTOCANNON = createRequire(import.meta.url).resolve("autocannon");

export interface Load {
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  /** Responses of any status per second. */
  perSecond: number;
  /** 2xx responses per second. */
  okPerSecond: number;
  total: number;
  /** 2xx responses. */
  ok: number;
  errors: number;
  non2xx: number;
  seconds: number;
  /** What the script's `result()` returned. */
  script?: unknown;
}

/** One autocannon run in a worker thread; latency percentiles from every 2xx response. */
export function load(options: LoadOptions): Promise<Load> {
  return runLoadWorker(LOAD_WORKER, { autocannon: AUTOCANNON, options });
}

export interface PacedLoadOptions {
  url: string;
  connections: number;
  duration: number;
  /** Each connection sends one request per interval. */
  intervalMs: number;
  /**
   * As `LoadOptions.script`, returning `{ takerClient(i), result() }`: `takerClient(i)` gives
   * connection i's `{ method, headers, next(), onResponse(status) }`, where `next()` returns the
   * next request's `{ path, body }`.
   */
  script: string;
  scriptData?: unknown;
  /**
   * Each connection first opens its socket with one untimed GET of this path, as a person's browser
   * holds its connection from loading the page; without it, every socket opens in the timed run.
   */
  openPath?: string;
}

/**
 * Connections that each send one request per interval, the connections' moments spread evenly over
 * the interval (connection i at i/n of it), as people acting on their own would; every latency is
 * counted from the moment the request was due, so a late start counts against the server. Runs in
 * a worker thread over node:http with one keep-alive socket per connection.
 */
const PACED_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const options = workerData.options;
const script = new Function("data", "options", options.script)(options.scriptData, options) || {};
const target = new URL(options.url);
const latencies = [];
let total = 0, errors = 0, non2xx = 0;
let started = 0, end = 0;
function send(agent, client, request) {
  return new Promise((resolve) => {
    const req = http.request(
      { host: target.hostname, port: target.port, method: client.method, path: request.path, agent, headers: { ...client.headers, "content-length": Buffer.byteLength(request.body) } },
      (res) => { res.resume(); res.on("end", () => resolve(res.statusCode)); },
    );
    req.on("error", () => resolve(0));
    req.end(request.body);
  });
}
/** A GET of options.openPath on the agent, so its socket is open before the timed run. */
function open(agent) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, method: "GET", path: options.openPath, agent }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode >= 200 && res.statusCode < 300 ? resolve() : reject(new Error("GET " + options.openPath + " answered " + res.statusCode))));
    });
    req.on("error", reject);
    req.end();
  });
}
async function run(i, agent) {
  const client = script.takerClient(i);
  for (let due = started + (i / options.connections) * options.intervalMs; due < end; due += options.intervalMs) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const status = await send(agent, client, client.next());
    const latency = performance.now() - due;
    total++;
    client.onResponse(status);
    if (status >= 200 && status < 300) latencies.push(latency);
    else if (status === 0) errors++;
    else non2xx++;
  }
  agent.destroy();
}
const agents = Array.from({ length: options.connections }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
Promise.all(options.openPath ? agents.map(open) : []).then(() => {
  started = performance.now();
  end = started + options.duration * 1000;
  return Promise.all(agents.map((agent, i) => run(i, agent)));
}).then(() => {
  parentPort.postMessage({ latencies: Float64Array.from(latencies), total, duration: (performance.now() - started) / 1000, errors, non2xx, script: script.result ? script.result() : undefined });
});`;

/** One paced run (see PACED_WORKER) in a worker thread. */
export function pacedLoad(options: PacedLoadOptions): Promise<Load> {
  return runLoadWorker(PACED_WORKER, { options });
}

function runLoadWorker(code: string, workerData: unknown): Promise<Load> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData });
    let answered = false;
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`the load worker exited (${code}) before reporting`));
    });
    worker.once("message", (m: { latencies: Float64Array; total: number; duration: number; errors: number; non2xx: number; script?: unknown }) => {
      answered = true;
      void worker.terminate();
      const sorted = m.latencies.sort();
      const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
      resolve({
        p50: at(0.5),
        p97_5: at(0.975),
        p99: at(0.99),
        max: at(1),
        perSecond: m.total / m.duration,
        okPerSecond: sorted.length / m.duration,
        total: m.total,
        ok: sorted.length,
        errors: m.errors,
        non2xx: m.non2xx,
        seconds: m.duration,
        script: m.script,
      });
    });
  });
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;

export const describeLoad = (l: Load, unit = "req/s") =>
  `p50 ${ms(l.p50)}, p97.5 ${ms(l.p97_5)}, p99 ${ms(l.p99)}, max ${ms(l.max)}, ${Math.round(l.perSecond).toLocaleString("en-US")} ${unit} (${l.total.toLocaleString("en-US")} requests, ${l.errors} errors, ${l.non2xx} non-2xx)`;

/**
 * With BENCH_CPU_PROFILE=<folder>, a V8 CPU profile of this thread (the server under test; the
 * load runs in a worker) while `work` runs, written to <folder>/<name>.cpuprofile for Chrome's
 * DevTools or speedscope. Without it, just `work`.
 */
export async function cpuProfiled<T>(name: string, work: () => Promise<T>, log?: (message: string) => void): Promise<T> {
  const folder = process.env.BENCH_CPU_PROFILE;
  if (!folder) return work();
  const session = new inspector.Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${name}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    log?.(`CPU profile of the server thread: ${file}`);
  }
}

/**
 * Until no other connection to the benchmark's database is busy for a few polls in a row (only the
 * app's, when its pool carries `applicationName`): requests cut off when a load run stopped finish
 * first, so nothing that follows (a reset, the next run) meets their locks.
 */
export async function waitUntilIdle(db: Db, applicationName?: string): Promise<void> {
  let quiet = 0;
  for (let waited = 0; quiet < 3; waited += 100) {
    if (waited > 60_000) throw new Error("the server was still busy a minute after the load stopped");
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND backend_type = 'client backend'
         AND (${applicationName ?? null}::text IS NULL OR application_name = ${applicationName ?? null})`.execute(db);
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
