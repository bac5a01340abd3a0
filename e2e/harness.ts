import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { buildWebIfStale } from "../src/cli/serve.ts";
import { seedDemo } from "../src/db/seed-demo.ts";
import { loadConfig } from "../src/lib/config.ts";
import { createMailer } from "../src/lib/mailer.ts";
import { buildApp } from "../src/server/app.ts";
import { createTestDatabase, type TestDatabase } from "../src/test/harness.ts";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface E2E {
  baseUrl: string;
  database: TestDatabase;
  browser: Browser;
  context: BrowserContext;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** The whole product on a fresh database with the demo organization, and Debian's Chromium with a fresh profile. */
export async function startE2E(): Promise<E2E> {
  await buildWebIfStale();
  const database = await createTestDatabase();
  await seedDemo(database.db);
  const config = loadConfig({});
  const app = await buildApp({ database, config, mailer: createMailer({ from: config.mailFrom, log: () => {} }), now: () => new Date(), version: "e2e" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as { port: number }).port;
  const baseUrl = `http://localhost:${port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rxladder-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
    headless: true,
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
  });
  return {
    baseUrl,
    database,
    browser: context.browser()!,
    context,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await context.close();
      await app.close();
      await database.drop();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Serious and critical axe-core violations on the page as it is now, described for an assertion message. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

export async function signIn(page: Page, email: string, password = "rxladder-demo") {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

export function screenshotPath(name: string): string {
  const dir = path.resolve("test-results");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
