import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible, captureWidths, DEMO, displayDate, isoDaysFromToday, signIn, siteToday, startE2E, type E2E } from "./harness.ts";

const LEAVE_DATE = isoDaysFromToday(-30);
const RETURN_DATE = isoDaysFromToday(-9);
const LEAVE_NOTE = "Family medical leave, approved by HR";

function section(page: Page, heading: string) {
  return page.locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) });
}

/** The employment history's entries as shown, most recent first. */
async function historyTitles(page: Page): Promise<string[]> {
  return section(page, "Employment history").locator(".mantine-Timeline-itemTitle").allInnerTexts();
}

async function recordEvent(page: Page, kind: string, effectiveDate: string, note?: string) {
  const form = section(page, "Record an employment event");
  await form.getByLabel("Event").selectOption({ label: kind });
  await form.getByLabel("Effective date").fill(effectiveDate);
  if (note) await form.getByLabel("Note (optional)").fill(note);
  await form.getByRole("button", { name: "Record event" }).click();
}

describe("employment history and the audit log", () => {
  let e2e: E2E;
  let manager: Page;
  let admin: Page;
  let personUrl: string;

  before(async () => {
    e2e = await startE2E();
    manager = await e2e.newPage();
    admin = await e2e.newIsolatedPage();
  });

  after(async () => {
    await e2e?.close();
  });

  it("lets the manager open a technician of their site from the roster", async () => {
    await signIn(manager, DEMO.manager);
    await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roster" }).click();
    await manager.getByRole("heading", { level: 1, name: "Roster" }).waitFor();
    await manager.getByRole("searchbox", { name: "Search" }).fill("Kevin Nguyen");
    await manager.getByRole("status").filter({ hasText: /^1 person$/ }).waitFor();
    await manager.getByRole("region", { name: "Roster" }).getByRole("link", { name: "Nguyen, Kevin" }).click();
    await manager.getByRole("heading", { level: 1, name: "Kevin Nguyen" }).waitFor();
    personUrl = manager.url();
    const details = section(manager, "Details");
    assert.match(await details.innerText(), /OH-101 · Riverside Community Pharmacy[\s\S]*Technician[\s\S]*Active/);
    assert.deepEqual((await historyTitles(manager)).map((title) => title.split(" · ")[0]), ["Hired"]);
    await assertAccessible(manager, "the person page, as the manager");
    await captureWidths(manager, "person-manager");
  });

  it("records a leave and shows it in the history", async () => {
    await recordEvent(manager, "Start of leave", LEAVE_DATE, LEAVE_NOTE);
    const history = section(manager, "Employment history");
    await history.getByText(`Went on leave · ${displayDate(LEAVE_DATE)}`).waitFor();
    await history.getByText(LEAVE_NOTE).waitFor();
    await manager.getByRole("status").filter({ hasText: "Went on leave recorded." }).waitFor();
    assert.match(await section(manager, "Details").innerText(), /On leave/);
    const form = section(manager, "Record an employment event");
    assert.equal(await form.getByLabel("Event").inputValue(), "return", "once on leave, the form offers the return first");
    assert.equal(await form.getByLabel("Effective date").inputValue(), siteToday(), "the form starts afresh");
    assert.equal(await form.getByLabel("Note (optional)").inputValue(), "");
    await assertAccessible(manager, "the person page after recording a leave");
    await captureWidths(manager, "person-on-leave");
  });

  it("records the return and shows both events, most recent first", async () => {
    await recordEvent(manager, "Return from leave", RETURN_DATE);
    await section(manager, "Employment history").getByText(`Returned from leave · ${displayDate(RETURN_DATE)}`).waitFor();
    await manager.getByRole("status").filter({ hasText: "Returned from leave recorded." }).waitFor();
    const titles = await historyTitles(manager);
    assert.equal(titles.length, 3, JSON.stringify(titles));
    assert.equal(titles[0], `Returned from leave · ${displayDate(RETURN_DATE)}`);
    assert.equal(titles[1], `Went on leave · ${displayDate(LEAVE_DATE)}`);
    assert.match(titles[2], /^Hired · /);
    assert.match(await section(manager, "Details").innerText(), /Status\s+Active/);
    await assertAccessible(manager, "the person page after recording a return");

    await manager.reload();
    await section(manager, "Employment history").getByText(`Returned from leave · ${displayDate(RETURN_DATE)}`).waitFor();
    assert.equal((await historyTitles(manager)).length, 3, "the events are saved, not only shown");
  });

  it("shows the admin the entries in the audit log, and the chain verifies", async () => {
    await signIn(admin, DEMO.admin);
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await admin.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    const entries = admin.getByRole("region", { name: "Audit log entries" });
    await entries.locator("tbody tr").first().waitFor();
    const rows = await entries.locator("tbody tr").evaluateAll((trs) =>
      trs.slice(0, 4).map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.innerText.trim())),
    );
    const personId = personUrl.split("/").at(-1)!;
    const actions = rows.map((cells) => cells[3]);
    assert.deepEqual(actions, ["person.updated", "employment.return", "person.updated", "employment.leave"], JSON.stringify(rows));
    for (const cells of rows) assert.match(cells[2], /Marcus Reyes <manager@demo\.rxladder\.test>/);
    assert.ok(rows[0][4].includes(personId), "the person's update names the person");
    const total = Number(rows[0][0]);
    if ((await entries.locator("tbody tr").count()) === total) {
      assert.equal(await admin.getByRole("button", { name: "Load older" }).count(), 0, "with every entry shown, there is nothing older to load");
    }
    await assertAccessible(admin, "the audit log");

    await admin.getByRole("button", { name: "Verify chain" }).click();
    const verified = admin.getByRole("status").filter({ hasText: "The chain is intact" });
    await verified.waitFor();
    assert.match(await verified.innerText(), new RegExp(`${total} entries checked; none has been changed or removed\\.`));
    await assertAccessible(admin, "the audit log after verifying the chain");
    await captureWidths(admin, "audit-verified");
  });
});
