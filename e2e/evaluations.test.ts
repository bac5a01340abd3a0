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

  step("the manager corrects a rating and answers a prompt before the technician acknowledges", async () => {
    await manager.getByRole("status").filter({ hasText: `${TECHNICIAN},` }).getByRole("link", { name: "Open their evaluations" }).click();
    await manager.getByRole("heading", { level: 1, name: "Evaluations" }).waitFor();
    const card = manager.getByRole("article").first();
    await card.getByRole("button", { name: /^Edit the evaluation for / }).click();
    const form = manager.getByRole("form", { name: new RegExp(`^Edit the evaluation of ${TECHNICIAN} for `) });
    await form.waitFor();
    const first = DEFAULT_EVALUATION_TEMPLATE.items[0];
    assert.equal(await form.getByRole("radiogroup", { name: first.label }).getByRole("radio", { name: /^4 · / }).isChecked(), true, "the saved ratings are filled in");
    await form.getByRole("radiogroup", { name: first.label }).getByRole("radio", { name: /^3 · / }).check();
    await form.getByLabel("Goals for next month").fill("Two shifts at the claims desk");
    await assertAccessible(manager, "the evaluation edit form on a desktop");
    await form.getByRole("button", { name: "Save changes" }).click();
    await card.getByRole("status").filter({ hasText: "Changes saved." }).waitFor();
    const text = await card.innerText();
    assert.match(text, /Average 3\.43/);
    assert.match(text, /Goals for next month: Two shifts at the claims desk/);
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

  step("the manager can no longer edit it once acknowledged", async () => {
    await manager.reload();
    const card = manager.getByRole("article").first();
    await card.getByText("Acknowledged", { exact: true }).waitFor();
    assert.equal(await card.getByRole("button", { name: /^Edit the evaluation for / }).count(), 0);
  });

  step("the admin adds a line to the form as version 2; the filled evaluation keeps version 1", async () => {
    const admin = await e2e.newIsolatedPage(PHONE);
    try {
      await signIn(admin, DEMO.admin);
      await openFromPhoneMenu(admin, "Evaluation form");
      await admin.getByRole("heading", { level: 1, name: "Evaluation form" }).waitFor();
      const form = admin.getByRole("form", { name: "Edit the evaluation form" });
      await form.getByText("Editing version 1.").waitFor();
      await form.getByRole("button", { name: "Add a line" }).click();
      const added = form.getByRole("group", { name: `Line ${DEFAULT_EVALUATION_TEMPLATE.items.length + 1}` });
      await added.getByLabel("Label").fill("Immunization support");
      await added.getByLabel("Kind").selectOption("competency");
      await added.getByLabel("What to look for").fill("Screens patients and documents each shot");
      await assertAccessible(admin, "the evaluation form editor on a phone");
      await form.getByRole("button", { name: "Save as a new version" }).click();
      await admin.getByRole("status").filter({ hasText: "Saved as version 2." }).waitFor();
      const versions = admin.getByRole("region", { name: "Evaluation form versions" });
      const rows = versions.getByRole("row");
      // The header and both versions (a cell reading "2" alone would match version 1's count of levels).
      await rows.nth(2).waitFor();
      const texts = (await rows.allInnerTexts()).map((r) => r.replace(/\s+/g, " ").trim());
      assert.match(texts[1], new RegExp(`^2 .* ${DEFAULT_EVALUATION_TEMPLATE.items.length + 1} 2 0$`));
      assert.match(texts[2], /^1 .* Shipped default 7 2 \d+$/);
      await admin.setViewportSize(DESKTOP);
      await assertAccessible(admin, "the evaluation form editor on a desktop");
    } catch (error) {
      await admin.screenshot({ path: screenshotPath("evaluations-failed-admin"), fullPage: true }).catch(() => {});
      throw error;
    }
  });
});
