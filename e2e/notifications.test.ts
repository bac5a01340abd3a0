import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { DEMO_SLUG } from "../src/db/seed-demo.ts";
import { scanNotifications } from "../src/modules/notifications/index.ts";
import { getOrganizationBySlug } from "../src/modules/orgs/index.ts";
import { assertAccessible, captureWidths, DEMO, DESKTOP, PHONE, screenshotPath, signIn, startE2E, type E2E } from "./harness.ts";

/** axe at phone and desktop widths, leaving the page at `end`. */
async function assertAccessibleAtBothWidths(page: Page, where: string, end: { width: number; height: number }) {
  await page.setViewportSize(PHONE);
  await assertAccessible(page, `${where} on a phone`);
  await page.setViewportSize(DESKTOP);
  await assertAccessible(page, `${where} on a desktop`);
  await page.setViewportSize(end);
}

const bellLabel = async (page: Page) => (await page.getByRole("banner").getByRole("link", { name: /^Notifications, / }).getAttribute("aria-label")) ?? "";
const unreadIn = (label: string) => (/, (\d+) unread$/.exec(label) ? Number(/, (\d+) unread$/.exec(label)![1]) : 0);

describe("notifications: a manager sees an evaluation due, opens it, marks it read and turns off one kind of e-mail", () => {
  let e2e: E2E;
  let marcus: Page;

  before(async () => {
    e2e = await startE2E();
    const org = await getOrganizationBySlug(e2e.database.db, DEMO_SLUG);
    const scan = await scanNotifications(e2e.database.db, org.id, new Date(), e2e.baseUrl);
    assert.ok(scan.created > 0, "the demo organization has something to notify");
    marcus = await e2e.newPage(DESKTOP);
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
        await marcus?.screenshot({ path: screenshotPath("notifications-failed"), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  let unreadBefore = 0;

  step("shows Marcus the unread count on the bell, which opens the notification centre", async () => {
    await signIn(marcus, DEMO.manager);
    await marcus.getByRole("banner").getByRole("link", { name: /^Notifications, \d+ unread$/ }).waitFor();
    unreadBefore = unreadIn(await bellLabel(marcus));
    assert.ok(unreadBefore > 0);
    await marcus.getByRole("banner").getByRole("link", { name: /^Notifications, / }).click();
    await marcus.waitForURL("**/notifications");
    await marcus.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await marcus.getByRole("heading", { level: 2, name: /evaluations? due for/ }).first().waitFor();
    await assertAccessibleAtBothWidths(marcus, "Notifications", DESKTOP);
    await captureWidths(marcus, "notifications");
  });

  step("lets him mark the evaluation reminder read; the bell counts one fewer", async () => {
    const card = marcus.getByRole("listitem").filter({ has: marcus.getByRole("heading", { level: 2, name: /evaluations? due for/ }) }).first();
    await card.getByRole("button", { name: "Mark read" }).click();
    await card.getByRole("button", { name: "Mark read" }).waitFor({ state: "detached" });
    await marcus.waitForFunction(
      (expected) => document.querySelector('header a[href="/notifications"]')?.getAttribute("aria-label")?.endsWith(expected) ?? false,
      unreadBefore - 1 === 0 ? "none unread" : `${unreadBefore - 1} unread`,
    );
    // The segmented control's radios are visually hidden behind their labels.
    await marcus.locator('label[for$="-unread"]').click();
    assert.equal(await marcus.getByRole("radio", { name: "Unread" }).isChecked(), true);
    await marcus.getByRole("status").filter({ hasText: `${unreadBefore - 1} unread notification` }).waitFor();
    assert.equal(await marcus.getByRole("heading", { level: 2, name: /evaluations? due for/ }).count(), 0, "a read notification leaves the unread list");
    await marcus.locator('label[for$="-all"]').click();
    await marcus.getByRole("heading", { level: 2, name: /evaluations? due for/ }).first().waitFor();
  });

  step("opens the thing concerned from the notification: the evaluations list", async () => {
    await marcus.getByRole("heading", { level: 2, name: /evaluations? due for/ }).first().getByRole("link").click();
    await marcus.waitForURL("**/evaluations");
    await marcus.getByRole("heading", { level: 1 }).waitFor();
    assert.match(await marcus.getByRole("heading", { level: 1 }).innerText(), /Evaluations/);
  });

  step("on his phone, turns off e-mails for approvals waiting; the choice is kept", async () => {
    await marcus.setViewportSize(PHONE);
    await marcus.goto("/notifications/settings");
    await marcus.getByRole("heading", { level: 1, name: "E-mail settings" }).waitFor();
    const approvals = marcus.getByRole("switch", { name: "Approvals waiting" });
    assert.equal(await approvals.isChecked(), true);
    assert.equal(await marcus.getByRole("switch", { name: "Evaluations due" }).isChecked(), false, "off unless turned on");
    await approvals.click({ force: true });
    await marcus.getByRole("status").filter({ hasText: "Saved: Approvals waiting will not be e-mailed." }).waitFor();
    await assertAccessible(marcus, "E-mail settings on a phone");
    await captureWidths(marcus, "notification-settings");
    await marcus.reload();
    await marcus.getByRole("heading", { level: 1, name: "E-mail settings" }).waitFor();
    await marcus.getByRole("switch", { name: "Approvals waiting" }).waitFor();
    assert.equal(await marcus.getByRole("switch", { name: "Approvals waiting" }).isChecked(), false);
    const stored = await e2e.database.db
      .selectFrom("notification_preferences as p")
      .innerJoin("accounts as a", "a.person_id", "p.person_id")
      .select(["p.kind", "p.email"])
      .where("a.email", "=", DEMO.manager)
      .execute();
    assert.deepEqual(stored, [{ kind: "approval-waiting", email: false }]);
    const overflow = await marcus.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`);
  });
});
