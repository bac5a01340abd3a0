import fs from "node:fs";
import path from "node:path";
import { AppError } from "../lib/errors.ts";

export interface DataDirLock {
  release(): void;
}

/**
 * PGlite takes no lock between processes, so two processes could open one folder and corrupt it.
 * A lock file with the owner's pid prevents that; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(folder: string): DataDirLock {
  const file = path.join(folder, "rxladder.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(file, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new AppError(
          "DATA_DIR_IN_USE",
          `The embedded database in ${folder} is in use by process ${owner} (probably a running Rx Ladder server). ` +
            `Stop it first, or use the server's API.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError("DATA_DIR_IN_USE", `Could not lock ${folder}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
