import AxeBuilder from "@axe-core/playwright";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { buildWebIfStale } from "../src/cli/serve.ts";
import { seedDemo } from "../src/db/seed-demo.ts";
import { loadConfig } from "../src/lib/config.ts";
import { addDays, dateInZone } from "../src/lib/dates.ts";
import { createMailer } from "../src/lib/mailer.ts";
import { buildApp } from "../src/server/app.ts";
import { createTestDatabase, type TestDatabase } from "../src/test/harness.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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

/** Riverside (OH-101), where the demo logins work: the calendar their dates are judged in. */
export const SITE_TIME_ZONE = "America/New_York";

/**
 * The browser's own time zone, on a later calendar day than the sites' for most of the day (UTC+14),
 * so a page that took the device's date for the site's would show it at whatever hour the tests run.
 */
export const BROWSER_TIME_ZONE = "Pacific/Kiritimati";

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

export const DEMO = {
  admin: "admin@demo.rxladder.test",
  manager: "manager@demo.rxladder.test",
  pharmacist: "pharmacist@demo.rxladder.test",
  mentor: "mentor@demo.rxladder.test",
  technician: "technician@demo.rxladder.test",
} as const;

export interface E2E {
  baseUrl: string;
  database: TestDatabase;
  browser: Browser;
  /** A browser context (one cookie jar: one signed-in person) opened for the file. */
  context: BrowserContext;
  /** A page in the shared context. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** A page in a context of its own, so it can be signed in as someone else. */
  newIsolatedPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Builds the web app when its sources are newer than the build. Test files run in parallel
 * processes, so one builds while the others wait for it instead of writing the same files.
 */
async function buildWebOnce() {
  const lock = path.join(ROOT, "node_modules", ".cache", "rxladder-web-build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!lockHolderIsAlive(lock)) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another test process has been building the web app for too long (lock: ${lock})`);
      else await sleep(200);
    }
  }
  try {
    await buildWebIfStale();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Whether the process that took the build lock still runs; a lock just being taken counts as held. */
function lockHolderIsAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lock, "pid"), "utf8"));
  } catch {
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    return age < 5_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The whole product on a fresh database with the demo organization, and Debian's Chromium with a fresh profile. */
export async function startE2E(): Promise<E2E> {
  await buildWebOnce();
  const database = await createTestDatabase();
  await seedDemo(database.db);
  const config = loadConfig({});
  const app = await buildApp({ database, config, mailer: createMailer({ from: config.mailFrom, log: () => {} }), now: () => new Date(), version: "e2e" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as { port: number }).port;
  const baseUrl = `http://localhost:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  const openContext = async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: DESKTOP, reducedMotion: "reduce", timezoneId: BROWSER_TIME_ZONE });
    context.setDefaultTimeout(10_000);
    return context;
  };
  const context = await openContext();
  const openPage = async (target: BrowserContext, viewport?: { width: number; height: number }) => {
    const page = await target.newPage();
    if (viewport) await page.setViewportSize(viewport);
    return page;
  };
  return {
    baseUrl,
    database,
    browser,
    context,
    newPage: (viewport) => openPage(context, viewport),
    async newIsolatedPage(viewport) {
      return openPage(await openContext(), viewport);
    },
    async close() {
      await browser.close();
      await app.close();
      await database.drop();
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

/** Fails the test when the page, as it is now, has a serious or critical accessibility violation. */
export async function assertAccessible(page: Page, where: string) {
  assert.deepEqual(await seriousAxeViolations(page), [], `serious accessibility violations on ${where} (${page.url()})`);
}

export async function signIn(page: Page, email: string, password = "rxladder-demo") {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

export function screenshotPath(name: string): string {
  const dir = path.join(ROOT, "test-results");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/**
 * Full-page screenshots of the page as it is now, at phone and desktop widths
 * (test-results/<name>-360.png and -1280.png); the page's own size is restored afterwards.
 */
export async function captureWidths(page: Page, name: string) {
  const original = page.viewportSize() ?? DESKTOP;
  for (const size of [PHONE, DESKTOP]) {
    if (page.viewportSize()?.width !== size.width) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath(`${name}-${size.width}`), fullPage: true, animations: "disabled" });
  }
  if (page.viewportSize()?.width !== original.width || page.viewportSize()?.height !== original.height) {
    await page.setViewportSize(original);
    await page.waitForTimeout(150);
  }
}

/**
 * Waits until the side navigation is fully on screen and usable, or fully off screen and inert
 * (on a phone it slides in from the left when the burger button opens it).
 */
export async function waitForNavigation(page: Page, state: "open" | "closed") {
  await page.waitForFunction((wanted) => {
    const nav = document.getElementById("main-navigation");
    if (!nav) return false;
    const box = nav.getBoundingClientRect();
    const isOpen = !nav.inert && box.left >= 0 && box.right <= window.innerWidth;
    const isClosed = nav.inert && box.right <= 0;
    return wanted === "open" ? isOpen : isClosed;
  }, state);
}

/** Today's calendar date at the demo logins' site, as "YYYY-MM-DD". */
export function siteToday(): string {
  return dateInZone(new Date(), SITE_TIME_ZONE);
}

/** An ISO calendar date a number of days from the site's today. */
export function isoDaysFromToday(days: number): string {
  return addDays(siteToday(), days);
}

/** "2025-02-28" as the web app shows it: "Feb 28, 2025". */
export function displayDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${months[month - 1]} ${day}, ${year}`;
}

/**
 * Fails when the page stays wider than the screen (a sideways scroll) once a resize has settled:
 * responsive parts re-render a moment after the viewport changes, so the width is given up to two
 * seconds to come within the screen before it is measured.
 */
export async function assertFitsWidth(page: Page, where: string) {
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, { timeout: 2000 }).catch(() => {});
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${where} is ${overflow}px wider than the screen`);
}
