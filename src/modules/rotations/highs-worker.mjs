// Runs HiGHS off the server's main thread. Plain JavaScript importing only `highs`, so the same
// file loads under tsx and plain Node alike. One message in: an LP model, solver options and the
// number of candidate columns x0..x(n-1); one message out: their values, or null when the solver
// found no usable plan.
import { parentPort } from "node:worker_threads";
import loadHighs from "highs";

let solverPromise;

async function solve({ lp, options, columns }) {
  let solver;
  try {
    solver = await (solverPromise ??= loadHighs());
  } catch {
    solverPromise = undefined;
    return null;
  }
  try {
    return solver.withModel({ format: "lp", data: lp }, (m) => {
      m.options.set({ output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: options.relativeGap, mip_abs_gap: options.absoluteGap });
      m.run();
      const status = m.getModelStatus();
      const statuses = solver.constants.modelStatus;
      if (status !== statuses.optimal && status !== statuses.timeLimit && status !== statuses.interrupted && status !== statuses.solutionLimit) return null;
      const solution = m.getSolution();
      if (!solution.colValue || solution.colValue.length === 0) return null;
      const values = Array.from(solution.colValue);
      let bound = null;
      try {
        bound = Number(m.info.get("mip_dual_bound"));
      } catch {
        bound = null;
      }
      // Read every candidate's column now: the model is disposed when this callback returns.
      const picked = [];
      for (let i = 0; i < columns; i++) {
        const c = m.getColByName(`x${i}`);
        picked.push(c >= 0 ? values[c] : 0);
      }
      return {
        status: status === statuses.optimal ? "optimal" : "time-limit",
        values: picked,
        objective: m.getObjectiveValue(),
        bound: Number.isFinite(bound) ? bound : null,
      };
    });
  } catch {
    // A failed WebAssembly instance is not reused.
    solverPromise = undefined;
    return null;
  }
}

parentPort.on("message", async (message) => {
  const result = await solve(message);
  parentPort.postMessage({ id: message.id, result });
});
