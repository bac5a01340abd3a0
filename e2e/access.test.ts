import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible, captureWidths, DEMO, PHONE, signIn, startE2E, waitForNavigation, type E2E } from "./harness.ts";

const ACCESS_DENIED = "You do not have access to this page";

async function personIdByEmail(e2e: E2E, email: string): Promise<string> {
  const row = await e2e.database.db.selectFrom("people").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return row.id;
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? "");
}

async function focusIsInNavigation(page: Page): Promise<boolean> {
  return page.evaluate(() => Boolean(document.activeElement?.closest("#main-navigation")));
}

/** Presses Tab from the burger button until focus reaches the navigation (past the header's home link). */
async function tabIntoNavigation(page: Page) {
  for (let presses = 0; presses < 3 && !(await focusIsInNavigation(page)); presses++) await page.keyboard.press("Tab");
  assert.ok(await focusIsInNavigation(page), "the open navigation is reachable with Tab");
}

describe("who sees what, on a phone (360×740)", () => {
  let e2e: E2E;
  let page: Page;

  before(async () => {
    e2e = await startE2E();
    page = await e2e.newPage(PHONE);
  });

  after(async () => {
    await e2e?.close();
  });

  it("shows the technician their own record on the home page", async () => {
    await signIn(page, DEMO.technician);
    await page.getByRole("heading", { level: 1, name: "Welcome, Kevin" }).waitFor();
    const myRecord = page.getByRole("region", { name: "My record" });
    await myRecord.getByText("technician@demo.rxladder.test").waitFor();
    await myRecord.getByRole("heading", { name: "Employment history" }).waitFor();
    await myRecord.getByText(/^Hired · /).waitFor();
    assert.match(await myRecord.innerText(), /Employee ID\s+E1005/);
    assert.equal(await page.getByRole("heading", { name: "Record an employment event" }).count(), 0, "a technician cannot edit their record");
    await waitForNavigation(page, "closed");
    await assertAccessible(page, "the technician's home page");
    await captureWidths(page, "home-technician");
  });

  it("refuses the technician someone else's record, the roster, the import page and the audit log", async () => {
    const managerId = await personIdByEmail(e2e, DEMO.manager);
    for (const path of [`/people/${managerId}`, "/people", "/roster/import", "/audit"]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1, name: ACCESS_DENIED }).waitFor();
      assert.equal(await page.getByText("Marcus Reyes").count(), 0, `${path} must not show the manager's record`);
      assert.equal(await page.getByText("manager@demo.rxladder.test").count(), 0);
      await assertAccessible(page, `the access-denied page at ${path}`);
    }
    await captureWidths(page, "access-denied");
    const api = await page.request.get(`/api/people/${managerId}`);
    assert.equal(api.status(), 403);
    await page.getByRole("link", { name: "Go to the home page" }).click();
    await page.getByRole("heading", { level: 1, name: "Welcome, Kevin" }).waitFor();
  });

  it("opens the navigation with the burger button and the keyboard, and signs out", async () => {
    const burger = page.getByRole("button", { name: "Open navigation" });
    await burger.focus();
    await page.keyboard.press("Enter");
    await waitForNavigation(page, "open");
    assert.equal(await page.getByRole("button", { name: "Close navigation" }).getAttribute("aria-expanded"), "true");
    await assertAccessible(page, "the open navigation on a phone");
    await captureWidths(page, "navigation-open");

    await page.keyboard.press("Escape");
    await waitForNavigation(page, "closed");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Open navigation", "focus returns to the burger button");

    await page.keyboard.press("Enter");
    await waitForNavigation(page, "open");
    await tabIntoNavigation(page);
    assert.equal(await focusedText(page), "Home", "Tab moves from the burger button into the navigation");
    // Tab walks the technician's navigation links and reaches "Sign out" at its end, however many entries there are.
    const links = await page.locator("#main-navigation").getByRole("link").count();
    assert.ok(links > 1, "the technician's navigation lists links");
    const visited: string[] = [];
    for (let i = 0; i < links + 2 && (await focusedText(page)) !== "Sign out"; i++) {
      await page.keyboard.press("Tab");
      visited.push(await focusedText(page));
    }
    assert.equal(await focusedText(page), "Sign out", `Tab order: ${visited.join(" → ")}`);
    await page.keyboard.press("Enter");

    await page.waitForURL("**/sign-in");
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.goto("/");
    await page.waitForURL("**/sign-in");
    assert.equal((await page.request.get("/api/auth/session")).status(), 401, "the session is gone on the server too");
  });

  it("shows an error for a wrong password", async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(DEMO.manager);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.innerText(), /E-mail or password is not correct/);
    assert.ok(new URL(page.url()).pathname.startsWith("/sign-in"));
    await assertAccessible(page, "the sign-in page with an error");
    await captureWidths(page, "sign-in-error");
  });

  it("shows the manager only the people of their site, OH-101", async () => {
    await signIn(page, DEMO.manager);
    await page.getByRole("heading", { level: 1, name: "Welcome, Marcus" }).waitFor();
    await page.getByRole("button", { name: "Open navigation" }).focus();
    await page.keyboard.press("Enter");
    await waitForNavigation(page, "open");
    await tabIntoNavigation(page);
    const managerLinks = await page.locator("#main-navigation").getByRole("link").count();
    for (let i = 0; i < managerLinks + 2 && (await focusedText(page)) !== "Roster"; i++) await page.keyboard.press("Tab");
    assert.equal(await focusedText(page), "Roster", "the Roster link is reachable with Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/people");
    await waitForNavigation(page, "closed");
    await page.getByRole("heading", { level: 1, name: "Roster" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main-content", "after navigating, focus moves to the page");

    await page.getByLabel("Status").selectOption({ label: "All statuses" });
    await page.waitForURL((url) => url.searchParams.get("status") === "all");
    const api = (await (await page.request.get("/api/people?pageSize=200")).json()) as { items: { siteCode: string }[]; total: number };
    const total = api.total;
    await page.getByRole("status").filter({ hasText: new RegExp(`^${total} people$`) }).waitFor();
    await page.locator("[aria-busy=true]").waitFor({ state: "detached" });
    assert.ok(total > 5 && total <= 25, `expected one page of OH-101 people, got ${total}`);
    assert.deepEqual([...new Set(api.items.map((p) => p.siteCode))], ["OH-101"]);

    const cards = page.getByRole("list", { name: "Roster" }).getByRole("listitem");
    assert.equal(await cards.count(), total);
    for (const text of await cards.allInnerTexts()) assert.match(text, /· OH-101 ·/);
    await assertAccessible(page, "the manager's roster on a phone");
    await captureWidths(page, "roster-manager");

    const all = (await (await page.request.get("/api/sites")).json()) as { items: { id: string; code: string }[] };
    const texas = all.items.find((site) => site.code === "TX-210");
    assert.ok(texas);
    const other = (await (await page.request.get(`/api/people?siteId=${texas.id}`)).json()) as { total: number };
    assert.equal(other.total, 0, "asking for another site's people returns nobody");
  });
});
