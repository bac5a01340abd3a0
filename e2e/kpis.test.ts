import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible, DEMO, DESKTOP, PHONE, screenshotPath, signIn, startE2E, waitForNavigation, type E2E } from "./harness.ts";

async function openFromPhoneMenu(page: Page, link: string) {
  await page.getByRole("button", { name: "Open navigation" }).click();
  await waitForNavigation(page, "open");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
  await waitForNavigation(page, "closed");
}

describe("KPIs: the manager reads past imports and one import's figures, then a technician's trend against each level's threshold", () => {
  let e2e: E2E;
  let manager: Page;

  before(async () => {
    e2e = await startE2E();
    manager = await e2e.newPage(PHONE);
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
        await manager?.screenshot({ path: screenshotPath("kpis-failed-manager"), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  step("lists the imports of Riverside's monthly exports, on a phone", async () => {
    await signIn(manager, DEMO.manager);
    await openFromPhoneMenu(manager, "KPI imports");
    await manager.getByRole("heading", { level: 1, name: "KPI imports" }).waitFor();
    const table = manager.getByRole("region", { name: "Past KPI imports" });
    const rows = table.getByRole("row");
    await rows.nth(1).waitFor();
    const texts = await rows.allInnerTexts();
    assert.equal(texts.length - 1, 12, "twelve monthly imports for the manager's one site");
    assert.ok(texts.slice(1).every((t) => t.includes("OH-101-kpis-") && t.includes("Marcus Reyes")), texts.join("\n"));
    await assertAccessible(manager, "KPI imports on a phone");
  });

  step("opens the newest import: its figures in file order, with the people they are for", async () => {
    await manager.getByRole("region", { name: "Past KPI imports" }).getByRole("row").nth(1).getByRole("link").click();
    await manager.getByRole("heading", { level: 1, name: /^KPI import of / }).waitFor();
    const figures = manager.getByRole("region", { name: "Figures of this import" }).getByRole("row");
    await figures.nth(1).waitFor();
    const first = (await figures.nth(1).innerText()).replace(/\s+/g, " ");
    assert.match(first, /^2 /, "the first figure is the file's row 2");
    await manager.setViewportSize(DESKTOP);
    await assertAccessible(manager, "one KPI import on a desktop");
    await manager.setViewportSize(PHONE);
    await assertAccessible(manager, "one KPI import on a phone");
  });

  step("shows a technician's trend with every level's threshold and where they stand", async () => {
    await manager.getByRole("region", { name: "Figures of this import" }).getByRole("row").nth(1).getByRole("link").click();
    await manager.getByRole("heading", { level: 1, name: /^KPIs: / }).waitFor();
    const accuracy = manager.getByRole("article", { name: "Fill accuracy at pharmacist verification" });
    const thresholds = accuracy.getByRole("table", { name: "Fill accuracy at pharmacist verification: thresholds per level" });
    await thresholds.waitFor();
    const rows = (await thresholds.getByRole("row").allInnerTexts()).map((r) => r.replace(/\s+/g, " ").trim());
    assert.ok(rows.some((r) => /^Pharmacy Technician III ≥ 99\.7 % over 6 months \d+(\.\d+)? \(6\) · (met|not met)$/.test(r)), rows.join("\n"));
    await accuracy.getByText("The figures").click();
    const figures = accuracy.getByRole("table", { name: "Fill accuracy at pharmacist verification: figures" });
    await figures.waitFor();
    assert.ok((await figures.getByRole("row").count()) >= 2);
    await assertAccessible(manager, "a technician's KPI trends on a phone");
    await manager.setViewportSize(DESKTOP);
    await assertAccessible(manager, "a technician's KPI trends on a desktop");
  });
});
