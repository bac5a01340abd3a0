import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible, captureWidths, DEMO, DESKTOP, displayDate, PHONE, signIn, startE2E, type E2E } from "./harness.ts";

const HEADER = "employee_id,first_name,last_name,email,site,hire_date,role";
const GOOD_ROW = "E9001,Imani,Lovelace,imani.lovelace@demo.rxladder.test,OH-101,2025-03-03,technician";
const BAD_ROW = "E9002,Rafael,Quintero,rafael.quintero@demo.rxladder.test,ZZ-999,2025-02-30,technician";
const FIXED_ROW = "E9002,Rafael,Quintero,rafael.quintero@demo.rxladder.test,TX-210,2025-02-28,technician";

function csvFile(name: string, rows: string[]) {
  return { name, mimeType: "text/csv", buffer: Buffer.from([HEADER, ...rows].join("\r\n") + "\r\n", "utf8") };
}

/** Everyone, in any status, the API finds for a search. */
async function peopleMatching(page: Page, q: string) {
  const response = await page.request.get(`/api/people?q=${encodeURIComponent(q)}&pageSize=200`);
  assert.equal(response.status(), 200);
  return ((await response.json()) as { items: { firstName: string; lastName: string }[] }).items;
}

function section(page: Page, heading: string) {
  return page.locator("section", { has: page.getByRole("heading", { name: heading, exact: true }) });
}

describe("roster import, as the administrator", () => {
  let e2e: E2E;
  let page: Page;

  before(async () => {
    e2e = await startE2E();
    page = await e2e.newPage();
  });

  after(async () => {
    await e2e?.close();
  });

  it("opens the import page from the navigation", async () => {
    await signIn(page, DEMO.admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import roster" }).click();
    await page.waitForURL("**/roster/import");
    await page.getByRole("heading", { level: 1, name: "Import roster" }).waitFor();
    await page.getByRole("region", { name: "Roster file columns" }).getByText("employee_id").waitFor();
    await page.getByText("No roster has been imported yet.").waitFor();
    await assertAccessible(page, "the roster import page");
    await captureWidths(page, "import");
  });

  it("rejects a file with a bad row, names the row and column, and imports nobody", async () => {
    await page.getByLabel("Roster CSV file").setInputFiles(csvFile("new-hires.csv", [GOOD_ROW, BAD_ROW]));
    await page.getByRole("button", { name: "Import", exact: true }).click();

    const alert = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
    await alert.waitFor();
    const problems = page.getByRole("region", { name: "Problems found in the file" });
    await problems.getByText("2 problems found in new-hires.csv").waitFor();
    const rows = await problems.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent?.trim() ?? "")),
    );
    assert.equal(rows.length, 2, JSON.stringify(rows));
    const byColumn = new Map(rows.map(([row, column, message]) => [column, { row, message }]));
    assert.equal(byColumn.get("site")?.row, "3");
    assert.match(byColumn.get("site")?.message ?? "", /no site with code "ZZ-999"/);
    assert.equal(byColumn.get("hire_date")?.row, "3");
    assert.match(byColumn.get("hire_date")?.message ?? "", /"2025-02-30" is not a date/);
    await assertAccessible(page, "the import error table");
    await captureWidths(page, "import-errors");

    await page.setViewportSize(PHONE);
    // The table reflows once the page has taken the new width; give it that moment before measuring.
    await page.waitForFunction((region) => region !== null && region.scrollWidth <= region.clientWidth, await problems.elementHandle(), { timeout: 2000 }).catch(() => {});
    const overflow = await problems.evaluate((region) => region.scrollWidth - region.clientWidth);
    assert.ok(overflow <= 0, `on a phone the problems can be read without scrolling sideways (overflow ${overflow}px)`);
    await assertAccessible(page, "the import error table on a phone");
    await page.setViewportSize(DESKTOP);

    assert.deepEqual(await peopleMatching(page, "Lovelace"), [], "the good row of a rejected file must not be imported");
    assert.deepEqual(await peopleMatching(page, "Quintero"), []);
    await page.getByText("No roster has been imported yet.").waitFor();
  });

  it("checks and imports the fixed file and reports the counts", async () => {
    await page.getByLabel("Roster CSV file").setInputFiles(csvFile("new-hires-fixed.csv", [GOOD_ROW, FIXED_ROW]));
    assert.equal(await page.getByText("Nothing was imported").count(), 0, "choosing a new file clears the old result");

    await page.getByRole("button", { name: "Check file" }).click();
    const ready = page.getByRole("status").filter({ hasText: "The file is ready to import" });
    await ready.waitFor();
    assert.match(await ready.innerText(), /new-hires-fixed\.csv has 2 rows with no problems: 2 people to add, 0 to update, 0 unchanged/);
    await assertAccessible(page, "the import page after a successful check");

    await page.getByRole("button", { name: "Import", exact: true }).click();
    const imported = page.getByRole("status").filter({ hasText: "Roster imported" });
    await imported.waitFor();
    assert.match(await imported.innerText(), /new-hires-fixed\.csv: 2 rows imported\. 2 people created, 0 updated, 0 unchanged\./);

    const recent = page.getByRole("region", { name: "Recent imports" });
    await recent.getByRole("cell", { name: "new-hires-fixed.csv" }).waitFor();
    assert.match(await recent.locator("tbody tr").first().innerText(), /Dana Whitfield\s+2\s+2\s+0\s+0/);
    await assertAccessible(page, "the import page after an import");
    await captureWidths(page, "import-done");
  });

  it("finds the new person on the roster and shows their hire in the employment history", async () => {
    await page.getByRole("link", { name: "Open the roster" }).click();
    await page.waitForURL("**/people");
    await page.getByRole("heading", { level: 1, name: "Roster" }).waitFor();
    await page.getByRole("searchbox", { name: "Search" }).fill("Quintero");
    await page.waitForURL((url) => url.searchParams.get("q") === "Quintero");
    const roster = page.getByRole("region", { name: "Roster" });
    await page.getByRole("status").filter({ hasText: /^1 person$/ }).waitFor();
    const row = roster.locator("tbody tr");
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /Quintero, Rafael\s+E9002\s+TX-210 · St\. Luke's Medical Center Pharmacy\s+Technician\s+Active\s+Feb 28, 2025/);
    await assertAccessible(page, "the roster filtered to the new person");
    await captureWidths(page, "roster-search");

    await roster.getByRole("link", { name: "Quintero, Rafael" }).click();
    await page.getByRole("heading", { level: 1, name: "Rafael Quintero" }).waitFor();
    const history = section(page, "Employment history");
    await history.getByText(`Hired · ${displayDate("2025-02-28")}`).waitFor();
    await history.getByText("St. Luke's Medical Center Pharmacy").waitFor();
    await assertAccessible(page, "the new person's page");
    await captureWidths(page, "person-imported");
  });
});
