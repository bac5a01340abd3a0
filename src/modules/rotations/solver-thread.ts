import { Worker } from "node:worker_threads";

/** What the solver thread returns for a model: each candidate column's value, by index. */
export interface SolverResult {
  status: "optimal" | "time-limit";
  values: number[];
  objective: number;
  bound: number | null;
}

export interface SolverRequest {
  lp: string;
  options: { timeLimitSeconds: number; relativeGap: number; absoluteGap: number };
  /** Candidate columns are named x0 … x(columns − 1). */
  columns: number;
}

const WORKER_URL = new URL("./highs-worker.mjs", import.meta.url);

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (result: SolverResult | null) => void }>();

/** Every solve still waiting gets no result; the next request starts a fresh thread. */
function dropWorker(failed: Worker) {
  if (worker !== failed) return;
  worker = undefined;
  for (const [, request] of pending) request.resolve(null);
  pending.clear();
}

function solverWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_URL);
  started.on("message", (message: { id: number; result: SolverResult | null }) => {
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    request.resolve(message.result);
    // An idle thread does not keep the process alive.
    if (pending.size === 0) started.unref();
  });
  started.on("error", () => dropWorker(started));
  started.on("exit", () => dropWorker(started));
  started.unref();
  worker = started;
  return started;
}

/**
 * Solves an LP-format model with HiGHS on a worker thread, so the server keeps answering requests
 * during a solve of up to the time limit. Solves queue on one thread (each holds a full core).
 * Resolves to null when the solver finds no usable plan or its thread fails.
 */
export function solveOnThread(request: SolverRequest): Promise<SolverResult | null> {
  const thread = solverWorker();
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    thread.ref();
    thread.postMessage({ id, ...request });
  });
}
