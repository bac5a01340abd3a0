/**
 * Peak memory of one roster import, measured in a fresh Node process so the heap that earlier
 * imports grew does not hide it; and, for comparison, of holding the whole parsed file in memory.
 * The parent spawns this file; it prints one JSON line.
 */
import { parse } from "csv-parse";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openDatabase } from "../../src/db/database.ts";
import { createOrganization } from "../../src/modules/orgs/index.ts";
import { createSite, importRoster } from "../../src/modules/roster/index.ts";
import { peakRssGrowth, seconds } from "../harness.ts";
import { cachedRosterCsv, type SyntheticOrgOptions } from "../synthetic-org.ts";

export interface ImportMemory {
  rows: number;
  growthBytes: number;
  seconds: number;
}

/** Full GCs this often during the import, so growth reflects what the import keeps. */
export const COLLECT_EVERY_MS = 100;
const THIS_FILE = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(THIS_FILE), "../..");

type Mode = "import" | "hold";

/**
 * In a child process: "import" imports the synthetic roster for `options` into a new organization;
 * "hold" only parses it into an array of records, as an import that did not stream would.
 */
export function measureImportMemory(mode: Mode, databaseUrl: string, options: Partial<SyntheticOrgOptions>, slug: string): Promise<ImportMemory> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", THIS_FILE, mode, databaseUrl, JSON.stringify(options), slug], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const last = output.trim().split("\n").pop() ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as ImportMemory);
      else reject(new Error(`memory measurement exited with ${code}: ${output.trim()}`));
    });
  });
}

async function holdParsedFile(options: Partial<SyntheticOrgOptions>): Promise<ImportMemory> {
  const { file } = await cachedRosterCsv(options);
  const records: Record<string, string>[] = [];
  const { growthBytes, result } = await peakRssGrowth(
    () =>
      seconds(async () => {
        for await (const record of fs.createReadStream(file).pipe(parse({ bom: true, columns: true, skip_empty_lines: true }))) records.push(record);
        return records.length;
      }),
    { collectEveryMs: COLLECT_EVERY_MS },
  );
  return { rows: result.result, growthBytes, seconds: result.seconds };
}

async function importFile(databaseUrl: string, options: Partial<SyntheticOrgOptions>, slug: string): Promise<ImportMemory> {
  const { org, file } = await cachedRosterCsv(options);
  const now = new Date(`${org.options.asOf}T17:00:00Z`);
  const handle = await openDatabase({ databaseUrl, poolSize: 1 });
  try {
    const actor = await handle.db.transaction().execute(async (tx) => {
      const organization = await createOrganization(tx, { slug, name: `Synthetic Pharmacy Group (${slug})` }, now);
      const actor = { orgId: organization.id, personId: null, label: "benchmark" };
      for (const site of org.sites) await createSite(tx, actor, site, now);
      return actor;
    });
    const { growthBytes, result } = await peakRssGrowth(
      () => seconds(() => importRoster(handle.db, actor, fs.createReadStream(file), { fileName: path.basename(file) }, now)),
      { collectEveryMs: COLLECT_EVERY_MS },
    );
    return { rows: result.result.created, growthBytes, seconds: result.seconds };
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [mode, databaseUrl, json, slug] = process.argv.slice(2);
  const options = JSON.parse(json) as Partial<SyntheticOrgOptions>;
  (mode === "hold" ? holdParsedFile(options) : importFile(databaseUrl, options, slug)).then(
    (result) => console.log(JSON.stringify(result)),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
