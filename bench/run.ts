/**
 * Runs the benchmarks against a PostgreSQL server (DATABASE_URL, default the local one) in a
 * database of their own, prints a table and writes bench/results/latest.json.
 *
 *   npm run bench                     every benchmark
 *   npm run bench -- roster-import    only the named ones
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { redactUrl } from "../src/db/database.ts";
import { BENCHMARKS } from "./benchmarks/index.ts";
import { createBenchDatabase, DEFAULT_SERVER_URL, figureTable, roundedFigure, type BenchDatabase, type Figure, type RunMetadata } from "./harness.ts";
import { BENCH_DIR } from "./synthetic-org.ts";

const RESULTS_FILE = path.join(BENCH_DIR, "results", "latest.json");
let interrupted = false;

function selectBenchmarks(names: string[]) {
  if (names.length === 0) return BENCHMARKS;
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  return BENCHMARKS.filter((b) => names.includes(b.name));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--list")) {
    for (const b of BENCHMARKS) console.log(`${b.name}: ${b.description}`);
    return;
  }
  const benchmarks = selectBenchmarks(args);
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER_URL;
  const started = performance.now();
  const loadAverage = os.loadavg()[0];

  let database: BenchDatabase | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: dropping the benchmark database…`);
    if (database) void database.drop().finally(() => process.exit(130)); // else main drops it once created
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const figures: Figure[] = [];
  try {
    database = await createBenchDatabase(serverUrl);
    if (interrupted) {
      await database.drop();
      process.exit(130);
    }
    console.log(`database ${database.name} on ${redactUrl(serverUrl)} (PostgreSQL ${database.serverVersion})`);
    for (const benchmark of benchmarks) {
      console.log(`\n== ${benchmark.name}: ${benchmark.description}`);
      const log = (message: string) => console.log(`   ${message}`);
      figures.push(...(await benchmark.run({ handle: database.handle, databaseUrl: database.url, log })));
    }
  } finally {
    await database?.drop();
  }

  const cpus = os.cpus();
  const run: RunMetadata = {
    date: new Date().toISOString(),
    node: process.version,
    database: `PostgreSQL ${database.serverVersion}`,
    cores: os.availableParallelism(),
    cpu: cpus[0]?.model.trim() ?? "unknown",
    totalMemoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: Math.round(loadAverage * 100) / 100,
    benchmarks: benchmarks.map((b) => b.name),
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  // Figures of benchmarks not run this time stay as they were, with the run that measured them.
  const previous: { run?: RunMetadata }[] = fs.existsSync(RESULTS_FILE) ? JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8")) : [];
  const kept = previous.filter((f) => !(f.run?.benchmarks ?? []).some((name) => run.benchmarks.includes(name)));
  fs.writeFileSync(RESULTS_FILE, JSON.stringify([...kept, ...figures.map((f) => ({ ...roundedFigure(f), run }))], null, 2) + "\n");

  console.log(`\n${figureTable(figures)}\n`);
  console.log(`${run.database}, Node ${run.node}, ${run.cores} cores (${run.cpu}), load ${run.loadAverage} at start; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  console.log(`wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  const missed = figures.filter((f) => f.meetsGoal === false);
  if (missed.length) console.log(`goal not met: ${missed.map((f) => f.name).join("; ")}`);
}

main().catch((error) => {
  if (interrupted) return; // the signal handler is dropping the database and exits
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
