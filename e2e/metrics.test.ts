import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible, captureWidths, DEMO, DESKTOP, PHONE, screenshotPath, signIn, startE2E, waitForNavigation, type E2E } from "./harness.ts";

interface DashboardReply {
  turnover: { voluntary: { count: number; annualized: number | null } };
  headcount: { hires: number };
  trend: { month: string }[];
}

const percent = (x: number | null) => (x === null ? "No data" : `${(x * 100).toFixed(1)} %`);

describe("program metrics: a director reads the dashboard, drills into the people behind a figure and exports it; a manager sees only their sites", () => {
  let e2e: E2E;
  let admin: Page;
  let manager: Page;

  before(async () => {
    e2e = await startE2E();
    admin = await e2e.newPage(DESKTOP);
    manager = await e2e.newIsolatedPage(PHONE);
  });
  after(async () => {
    await e2e?.close();
  });

  let broken = false;
  function step(name: string, body: () => Promise<void>) {
    it(name, async (t) => {
      if (broken) return t.skip("an earlier step of the journey failed");
      try {
        await body();
      } catch (error) {
        broken = true;
        for (const [who, page] of Object.entries({ admin, manager })) await page?.screenshot({ path: screenshotPath(`metrics-failed-${who}`), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  let expected: DashboardReply;

  step("shows the admin the organization's figures, the same as the API gives", async () => {
    await signIn(admin, DEMO.admin);
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Program metrics", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: "Program metrics" }).waitFor();
    const reply = await admin.request.get("/api/metrics/dashboard");
    assert.equal(reply.status(), 200);
    expected = (await reply.json()) as DashboardReply;
    const figure = admin.getByRole("region", { name: "Voluntary turnover" });
    await figure.getByText(percent(expected.turnover.voluntary.annualized), { exact: true }).waitFor();
    await admin.getByRole("heading", { level: 2, name: "Monthly trend" }).waitFor();
    await admin.getByRole("img", { name: /Turnover by month, annualized/ }).waitFor();
    const months = admin.getByRole("region", { name: "Monthly figures" }).getByRole("row");
    assert.equal(await months.count(), expected.trend.length + 1);
    await admin.getByRole("region", { name: "Retention by months of tenure" }).waitFor();
    await admin.getByRole("heading", { level: 2, name: "Stalled progress" }).waitFor();
    await assertAccessible(admin, "the program metrics dashboard");
    await captureWidths(admin, "metrics-dashboard");
  });

  step("lists the people behind the voluntary separations", async () => {
    await admin.getByRole("region", { name: "Voluntary turnover" }).getByRole("button", { name: /Who\?/ }).click();
    await admin.getByRole("heading", { level: 2, name: "Voluntary separations" }).waitFor();
    const rows = admin.getByRole("region", { name: "Voluntary separations" }).getByRole("row");
    await admin.waitForFunction((n) => document.querySelectorAll('[aria-label="Voluntary separations"] tbody tr').length === n, expected.turnover.voluntary.count);
    assert.equal(await rows.count(), expected.turnover.voluntary.count + 1);
    assert.match(admin.url(), /people=voluntary-separations/);
    await assertAccessible(admin, "the people behind voluntary separations");
  });

  step("exports the dashboard as CSV with the figures and the monthly trend", async () => {
    const href = await admin.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const csv = await admin.request.get(href!);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()["content-disposition"], /^attachment; filename="program-metrics-/);
    const text = await csv.text();
    assert.match(text, new RegExp(`Voluntary separations,${expected.turnover.voluntary.count},people`));
    assert.match(text, /\nMonthly trend\n/);
    const xlsx = await admin.request.get((await admin.getByRole("link", { name: "Export XLSX" }).getAttribute("href"))!);
    assert.equal(xlsx.status(), 200);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), "PK");
  });

  step("downloads the PDF program report: an organization summary and a page per site", async () => {
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Download PDF report" }).click()]);
    assert.match(download.suggestedFilename(), /^program-report-[a-z0-9-]+-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = await fs.promises.readFile((await download.path())!);
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    const sites = (await (await admin.request.get("/api/sites")).json()) as { items: unknown[] };
    assert.equal(pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length, sites.items.length + 1);
  });

  step("gives the manager their sites on a phone, and refuses another site", async () => {
    await signIn(manager, DEMO.manager);
    await manager.getByRole("button", { name: "Open navigation" }).click();
    await waitForNavigation(manager, "open");
    await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Program metrics", exact: true }).click();
    await waitForNavigation(manager, "closed");
    await manager.getByRole("heading", { level: 1, name: "Program metrics" }).waitFor();
    const mine = (await (await manager.request.get("/api/metrics/dashboard")).json()) as DashboardReply & { filter: { siteIds: string[] } };
    assert.ok(mine.filter.siteIds.length >= 1);
    await manager.getByRole("region", { name: "Voluntary turnover" }).getByText(percent(mine.turnover.voluntary.annualized), { exact: true }).waitFor();
    const overflow = await manager.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the dashboard is ${overflow}px wider than the phone`);
    await assertAccessible(manager, "the program metrics dashboard on a phone");
    const sites = (await (await manager.request.get("/api/sites")).json()) as { items: { id: string }[] };
    const other = sites.items.find((s) => !mine.filter.siteIds.includes(s.id));
    if (other) assert.equal((await manager.request.get(`/api/metrics/dashboard?siteId=${other.id}`)).status(), 403);
  });
});
