import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible, DEMO, DESKTOP, PHONE, screenshotPath, signIn, startE2E, waitForNavigation, type E2E } from "./harness.ts";

const TOPICS = "Days-supply calculations for insulin pens";

async function openFromPhoneMenu(page: Page, link: string) {
  await page.getByRole("button", { name: "Open navigation" }).click();
  await waitForNavigation(page, "open");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
  await waitForNavigation(page, "closed");
}

/** axe at phone and desktop widths, leaving the page at `end`. */
async function assertAccessibleAtBothWidths(page: Page, where: string, end: { width: number; height: number }) {
  await page.setViewportSize(PHONE);
  await assertAccessible(page, `${where} on a phone`);
  await page.setViewportSize(DESKTOP);
  await assertAccessible(page, `${where} on a desktop`);
  await page.setViewportSize(end);
}

describe("mentoring: a manager pairs the mentor with a technician, the mentor logs a session, the technician sees it", () => {
  let e2e: E2E;
  let marcus: Page;
  let jasmine: Page;
  let kevin: Page;

  before(async () => {
    e2e = await startE2E();
    marcus = await e2e.newPage(DESKTOP);
    jasmine = await e2e.newIsolatedPage(PHONE);
    kevin = await e2e.newIsolatedPage(PHONE);
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
        for (const [who, page] of Object.entries({ marcus, jasmine, kevin })) await page?.screenshot({ path: screenshotPath(`mentoring-failed-${who}`), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  step("lets Marcus pair Jasmine with Kevin", async () => {
    await signIn(marcus, DEMO.manager);
    await marcus.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mentor pairings", exact: true }).click();
    await marcus.getByRole("heading", { level: 1, name: "Mentor pairings" }).waitFor();
    const form = marcus.getByRole("form", { name: "Pair a mentor with a technician" });
    await form.getByLabel("Mentor").selectOption({ label: "Jasmine Brooks (mentor)" });
    await form.getByLabel("Mentee").selectOption({ label: "Kevin Nguyen" });
    await form.getByLabel("Goals").fill("Pass the PTCE by spring; learn the fill station");
    await form.getByRole("button", { name: "Create pairing" }).click();
    await marcus.getByRole("status").filter({ hasText: "Jasmine Brooks now mentors Kevin Nguyen." }).waitFor();
    const row = marcus.getByRole("region", { name: "Mentor pairings" }).getByRole("row").filter({ hasText: "Kevin Nguyen" });
    await row.waitFor();
    assert.match(await row.innerText(), /Jasmine Brooks/);
    await assertAccessibleAtBothWidths(marcus, "Mentor pairings", DESKTOP);
  });

  step("lets Jasmine, on her phone, log a session under My mentees", async () => {
    await signIn(jasmine, DEMO.mentor);
    await openFromPhoneMenu(jasmine, "My mentees");
    await jasmine.getByRole("heading", { level: 1, name: "My mentees" }).waitFor();
    await jasmine.getByRole("heading", { level: 2, name: "Kevin Nguyen" }).waitFor();
    assert.ok(await jasmine.getByRole("list", { name: "Gaps of Kevin Nguyen" }).isVisible());
    const form = jasmine.getByRole("form", { name: "Log a session with Kevin Nguyen" });
    await form.getByLabel("Duration (minutes)").fill("45");
    await form.getByLabel("Topics").fill(TOPICS);
    await form.getByLabel("Notes (optional)").fill("Practise with three pens before Friday");
    await form.getByRole("button", { name: "Log session" }).click();
    await jasmine.getByRole("status").filter({ hasText: "Session with Kevin Nguyen logged." }).waitFor();
    const session = jasmine.getByRole("list", { name: "Sessions with Kevin Nguyen" }).getByRole("listitem").filter({ hasText: TOPICS });
    await session.waitFor();
    assert.match(await session.innerText(), /Confirmed/);
    await assertAccessibleAtBothWidths(jasmine, "My mentees", PHONE);
  });

  step("shows Kevin, on his phone, his mentor and the session under My mentor", async () => {
    await signIn(kevin, DEMO.technician);
    await openFromPhoneMenu(kevin, "My mentor");
    await kevin.getByRole("heading", { level: 1, name: "My mentor" }).waitFor();
    await kevin.getByRole("heading", { level: 2, name: "Jasmine Brooks" }).waitFor();
    await kevin.getByText("Pass the PTCE by spring; learn the fill station").waitFor();
    const session = kevin.getByRole("list", { name: "Sessions with Jasmine Brooks" }).getByRole("listitem").filter({ hasText: TOPICS });
    await session.waitFor();
    assert.match((await session.innerText()).replace(/\s+/g, " "), /45 min/);
    await assertAccessibleAtBothWidths(kevin, "My mentor", PHONE);
  });

  step("gives My mentees to a Lead technician who mentors without the mentor role, and not to Kevin", async () => {
    await kevin.getByRole("button", { name: "Open navigation" }).click();
    await waitForNavigation(kevin, "open");
    const kevinMenu = kevin.getByRole("navigation", { name: "Main" });
    await kevinMenu.getByRole("link", { name: "My mentor", exact: true }).waitFor();
    assert.equal(await kevinMenu.getByRole("link", { name: "My mentees", exact: true }).count(), 0, "Kevin mentors nobody");
    await kevin.getByRole("button", { name: "Close navigation" }).click();
    await waitForNavigation(kevin, "closed");

    // The demo's Lead technician (role technician) mentors a colleague.
    const lead = await e2e.database.db
      .selectFrom("mentor_pairings as mp")
      .innerJoin("people as p", "p.id", "mp.mentor_id")
      .innerJoin("people as mentee", "mentee.id", "mp.mentee_id")
      .select(["p.email", "mentee.first_name", "mentee.last_name"])
      .where("p.role", "=", "technician")
      .where("mp.status", "=", "active")
      .executeTakeFirstOrThrow();
    const leadPage = await e2e.newIsolatedPage(PHONE);
    try {
      await signIn(leadPage, lead.email!);
      await openFromPhoneMenu(leadPage, "My mentees");
      await leadPage.getByRole("heading", { level: 1, name: "My mentees" }).waitFor();
      await leadPage.getByRole("heading", { level: 2, name: `${lead.first_name} ${lead.last_name}` }).waitFor();
      await assertAccessibleAtBothWidths(leadPage, "My mentees of a Lead technician", PHONE);
    } catch (error) {
      await leadPage.screenshot({ path: screenshotPath("mentoring-failed-lead"), fullPage: true }).catch(() => {});
      throw error;
    }
  });
});
