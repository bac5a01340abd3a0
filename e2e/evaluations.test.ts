import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { DEFAULT_EVALUATION_TEMPLATE } from "../src/modules/evaluations/index.ts";
import { assertAccessible, DEMO, DESKTOP, PHONE, screenshotPath, signIn, startE2E, waitForNavigation, type E2E } from "./harness.ts";

const TECHNICIAN = "Kevin Nguyen";

async function openFromPhoneMenu(page: Page, link: string) {
  await page.getByRole("button", { name: "Open navigation" }).click();
  await waitForNavigation(page, "open");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
  await waitForNavigation(page, "closed");
}

describe("monthly evaluation: the manager fills one for the demo technician on a phone, the technician acknowledges", () => {
  let e2e: E2E;
  let manager: Page;
  let tech: Page;

  before(async () => {
    e2e = await startE2E();
    manager = await e2e.newPage(PHONE);
    tech = await e2e.newIsolatedPage(DESKTOP);
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
        for (const [who, page] of Object.entries({ manager, tech })) await page?.screenshot({ path: screenshotPath(`evaluations-failed-${who}`), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  step("the manager sees the demo technician due this month, on a phone", async () => {
    await signIn(manager, DEMO.manager);
    await openFromPhoneMenu(manager, "Evaluations");
    await manager.getByRole("heading", { level: 1, name: "Evaluations" }).waitFor();
    await manager.getByRole("article", { name: TECHNICIAN }).waitFor();
    await assertAccessible(manager, "the due list on a phone");
  });

  step("fills the form: an unrated line is named, then every line rated and saved", async () => {
    await manager.getByRole("button", { name: `Evaluate ${TECHNICIAN}` }).click();
    const form = manager.getByRole("form", { name: new RegExp(`^Evaluation of ${TECHNICIAN} for `) });
    await form.waitFor();
    await assertAccessible(manager, "the evaluation form on a phone");
    await form.getByRole("button", { name: "Save evaluation" }).click();
    await form.getByRole("alert").filter({ hasText: "Rate every line before saving" }).waitFor();
    for (const [i, item] of DEFAULT_EVALUATION_TEMPLATE.items.entries()) {
      const value = i % 2 === 0 ? "4" : "3";
      await form.getByRole("radiogroup", { name: item.label }).getByRole("radio", { name: new RegExp(`^${value} · `) }).check();
    }
    await form.getByLabel("Comments").fill("Great accuracy this month; keep working on claims.");
    await form.getByRole("button", { name: "Save evaluation" }).click();
    const saved = manager.getByRole("status").filter({ hasText: `${TECHNICIAN},` });
    await saved.waitFor();
    assert.match(await saved.innerText(), /average 3\.57/);
    assert.equal(await manager.getByRole("article", { name: TECHNICIAN }).count(), 0);
    await manager.setViewportSize(DESKTOP);
    await assertAccessible(manager, "the due list after saving, on a desktop");
  });

  step("the technician reads it, comments and acknowledges; it is then locked", async () => {
    await signIn(tech, DEMO.technician);
    await tech.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My evaluations", exact: true }).click();
    await tech.getByRole("heading", { level: 1, name: "My evaluations" }).waitFor();
    const card = tech.getByRole("article").first();
    await card.getByText("Awaiting acknowledgement").waitFor();
    assert.match(await card.innerText(), /Great accuracy this month/);
    await assertAccessible(tech, "My evaluations on a desktop");
    await tech.setViewportSize(PHONE);
    await assertAccessible(tech, "My evaluations on a phone");
    await card.getByLabel("Your comment (optional)").fill("Thanks, I will shadow the claims desk.");
    await card.getByRole("button", { name: "Acknowledge" }).click();
    await card.getByText("Acknowledged", { exact: true }).waitFor();
    assert.match(await card.innerText(), /Thanks, I will shadow the claims desk/);
    assert.equal(await card.getByRole("button", { name: "Acknowledge" }).count(), 0);
    await assertAccessible(tech, "an acknowledged evaluation on a phone");
  });
});
