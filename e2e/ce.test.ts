import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { complianceList } from "../src/modules/ce/index.ts";
import { assertAccessible, assertFitsWidth, captureWidths, DEMO, DESKTOP, type E2E, PHONE, screenshotPath, signIn, startE2E, waitForNavigation } from "./harness.ts";

const CPHT = "Certified Pharmacy Technician (CPhT)";
const TITLE = "Look-alike, sound-alike medications";

/** Opens a page from the main navigation, which on a phone sits behind the burger button. */
async function openFromPhoneMenu(page: Page, link: string) {
  await page.getByRole("button", { name: "Open navigation" }).click();
  await waitForNavigation(page, "open");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
  await waitForNavigation(page, "closed");
}

/** One requirement's row on the CPhT card: "Patient safety (topic 05) 0 h of 1 h 1 h to go". */
async function requirementText(page: Page, code: string): Promise<string> {
  const row = page.getByRole("region", { name: CPHT }).locator(`[data-requirement="${code}"]`);
  await row.waitFor();
  return (await row.innerText()).replace(/\s+/g, " ").trim();
}

const countedHours = (text: string) => Number(/([\d.]+) h of /.exec(text)?.[1]);

describe("continuing education: a technician adds CE by its UAN, the manager sees who is short", () => {
  let e2e: E2E;
  let tech: Page;
  let marcus: Page;
  let technician: { personId: string; name: string; email: string; employeeId: string };
  let totalBefore: number;
  /** The UAN's release year is this year, so the activity completed today is within its three years. */
  const year = String(new Date().getFullYear() % 100).padStart(2, "0");
  const uan = `0175-0000-${year}-105-L05-T`;

  before(async () => {
    e2e = await startE2E();
    const db = e2e.database.db;
    const org = await db.selectFrom("organizations").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow();
    const riverside = await db.selectFrom("sites").select("id").where("org_id", "=", org.id).where("code", "=", "OH-101").executeTakeFirstOrThrow();
    // A Riverside CPhT holder the demo leaves short of patient-safety CE (the seed's "nearest" or a short one).
    const list = await complianceList(db, org.id, { kind: "sites", siteIds: [riverside.id] }, {}, new Date());
    const candidates = list.items.filter((r) => r.credentialCode === "ptcb-cpht" && r.status === "short" && r.missing.includes("patient safety"));
    assert.ok(candidates.length > 0, "the demo has a Riverside technician short of patient-safety CE");
    const row = candidates.find((r) => r.warning) ?? candidates[0];
    const person = await db.selectFrom("people").select(["email", "role"]).where("id", "=", row.personId).executeTakeFirstOrThrow();
    assert.ok(person.role === "technician" || person.role === "mentor", person.role);
    technician = { personId: row.personId, name: row.name, email: person.email, employeeId: row.employeeId };
    tech = await e2e.newPage(PHONE);
    marcus = await e2e.newIsolatedPage(DESKTOP);
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
        for (const [who, page] of Object.entries({ tech, marcus })) await page?.screenshot({ path: screenshotPath(`ce-failed-${who}`), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  step("the technician opens My CE on a phone and sees progress toward renewing the CPhT", async () => {
    await signIn(tech, technician.email);
    await tech.getByRole("list", { name: "Shortcuts" }).getByRole("link", { name: /My CE/ }).waitFor();
    await openFromPhoneMenu(tech, "My CE");
    await tech.getByRole("heading", { level: 1, name: "My CE" }).waitFor();
    const card = tech.getByRole("region", { name: CPHT });
    await card.waitFor();
    assert.match(await requirementText(tech, "patient-safety"), /^Patient safety \(topic 05\) 0 h of 1 h 1 h to go$/);
    totalBefore = countedHours(await requirementText(tech, "total"));
    assert.ok(totalBefore < 20, `short of 20 hours: ${totalBefore}`);
    assert.match((await card.innerText()).replace(/\s+/g, " "), /Cycle .* · \d+ days left/);
    await assertFitsWidth(tech, "My CE");
    await assertAccessible(tech, "My CE on a phone");
  });

  step("types a UAN: a wrong part is named as it is typed, a right one is explained", async () => {
    const form = tech.getByRole("form", { name: "Add a CE record" });
    const feedback = form.getByTestId("uan-feedback");
    await form.getByLabel("Activity number (UAN)").fill("0175-1234");
    await feedback.getByText("8 of 17 characters…").waitFor();
    await form.getByLabel("Activity number (UAN)").fill(`0175-1234-${year}-105-L05-T`);
    await feedback.getByText('The 2nd part must be 0000 (sole provider) or 9999 (joint providership); "1234" is neither').waitFor();
    await form.getByLabel("Activity number (UAN)").fill(uan.toLowerCase());
    await feedback.getByText("05 · Patient safety").waitFor();
    const explained = (await feedback.innerText()).replace(/\s+/g, " ");
    assert.ok(explained.includes(uan), explained);
    assert.match(explained, /Provider 0175 \(sole provider\)/);
    assert.match(explained, /Activity type Live/);
    assert.match(explained, /For Technician \(T\)/);
    await form.getByText("Counts as: Patient safety (from topic 05).").waitFor();
    await assertAccessible(tech, "the CE form with a parsed UAN, on a phone");
  });

  step("adds the record and sees patient safety met and the total go up", async () => {
    const form = tech.getByRole("form", { name: "Add a CE record" });
    await form.getByLabel("Title").fill(TITLE);
    await form.getByLabel("Contact hours").fill("2");
    await form.getByRole("button", { name: "Add CE record" }).click();
    await form.getByRole("status").filter({ hasText: `${TITLE} recorded: 2 h, patient safety; it awaits verification.` }).waitFor();
    await tech.waitForFunction(
      (expected) => document.querySelector('[data-requirement="patient-safety"]')?.textContent?.includes(expected),
      "2 h of 1 h",
    );
    assert.match(await requirementText(tech, "patient-safety"), /^Patient safety \(topic 05\) 2 h of 1 h Met$/);
    assert.equal(countedHours(await requirementText(tech, "total")), totalBefore + 2);
    const record = tech.getByRole("list", { name: "CE records" }).getByRole("listitem").filter({ hasText: TITLE });
    const text = (await record.innerText()).replace(/\s+/g, " ");
    assert.match(text, /Awaiting verification/);
    assert.ok(text.includes(`UAN ${uan}`), text);
    await assertFitsWidth(tech, "My CE after adding a record");
    await assertAccessible(tech, "My CE after adding a record, on a phone");
    await tech.setViewportSize(DESKTOP);
    await assertAccessible(tech, "My CE after adding a record, on a desktop");
    await captureWidths(tech, "ce-my-ce");
  });

  step("the manager sees the compliance list, short first, with the new hours, and exports it", async () => {
    await signIn(marcus, DEMO.manager);
    await marcus.getByRole("list", { name: "Shortcuts" }).getByRole("link", { name: /CE compliance/ }).waitFor();
    await marcus.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "CE compliance", exact: true }).click();
    await marcus.getByRole("heading", { level: 1, name: "CE compliance" }).waitFor();
    const table = marcus.getByRole("region", { name: "CE compliance" });
    const row = table.getByRole("row").filter({ hasText: technician.name });
    await row.waitFor();
    const text = (await row.innerText()).replace(/\s+/g, " ");
    assert.ok(text.includes(`${totalBefore + 2} h / 20 h`), text);
    assert.match(text, /OH-101/);
    const sites = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
    assert.deepEqual([...new Set(sites.map((s) => s.trim()))], ["OH-101"], "a manager sees only the sites they manage");
    const statuses = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ""));
    const firstComplete = statuses.findIndex((s) => s.includes("Hours complete"));
    if (firstComplete >= 0) assert.ok(statuses.slice(firstComplete).every((s) => s.includes("Hours complete")), "short people come first");
    await assertAccessible(marcus, "CE compliance on a desktop");

    // The filter lives in the address; the box shows checked once the router has moved there.
    await marcus.getByLabel("Only people short of CE").click();
    await marcus.waitForURL((url) => url.searchParams.get("short") === "1");
    await marcus.getByRole("checkbox", { name: "Only people short of CE", checked: true }).waitFor();
    await table.getByRole("row").filter({ hasText: technician.name }).waitFor();
    const href = await marcus.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    assert.equal(href, "/api/ce/compliance.csv?short=1");
    const csv = await marcus.request.get(href!);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()["content-type"], /^text\/csv/);
    const body = await csv.text();
    assert.match(body, /^employee_id,name,site,credential,cycle_start,cycle_end,days_left/);
    assert.ok(body.includes(`${technician.employeeId},${technician.name},OH-101,${CPHT}`), body.slice(0, 400));

    await marcus.setViewportSize(PHONE);
    await marcus.getByRole("list", { name: "CE compliance by person" }).getByRole("listitem").filter({ hasText: technician.name }).waitFor();
    await assertFitsWidth(marcus, "CE compliance");
    await assertAccessible(marcus, "CE compliance on a phone");
    await captureWidths(marcus, "ce-compliance");
    await marcus.setViewportSize(DESKTOP);
  });

  step("the manager opens the technician's CE and verifies the new record", async () => {
    await marcus.getByRole("region", { name: "CE compliance" }).getByRole("link", { name: technician.name }).click();
    await marcus.getByRole("heading", { level: 1, name: `${technician.name}: continuing education` }).waitFor();
    const record = marcus.getByRole("list", { name: "CE records" }).getByRole("listitem").filter({ hasText: TITLE });
    await record.getByRole("button", { name: `Verify ${TITLE}` }).click();
    await record.getByText("Verified", { exact: true }).waitFor();
    await assertAccessible(marcus, "a technician's CE as their manager");
  });

  step("the manager checks a CE file: a bad row imports nothing and is named", async () => {
    await marcus.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "CE compliance", exact: true }).click();
    await marcus.getByRole("heading", { level: 1, name: "CE compliance" }).waitFor();
    await marcus.getByRole("link", { name: "Import CE", exact: true }).click();
    await marcus.getByRole("heading", { level: 1, name: "Import CE" }).waitFor();
    await marcus.getByRole("region", { name: "CE file columns" }).getByText("completion_date").waitFor();
    const file = ["employee_id,activity_title,uan,completion_date,contact_hours", `${technician.employeeId},Inventory basics,0175-0000-${year}-999-H09-T,2020-01-01,1`].join("\n");
    await marcus.getByLabel("CE CSV file").setInputFiles({ name: "cpe-monitor.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
    await marcus.getByRole("button", { name: "Check file" }).click();
    await marcus.getByRole("alert").filter({ hasText: "Nothing was imported" }).waitFor();
    const problems = marcus.getByRole("region", { name: "Problems found in the file" });
    const rows = await problems.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent?.trim() ?? "")));
    assert.deepEqual(rows[0].slice(0, 2), ["2", "uan"]);
    assert.match(rows[0][2], /topic designator .* "09" is not/);
    await assertAccessible(marcus, "the CE import page with problems");
    await captureWidths(marcus, "ce-import");
  });

  step("the administrator sees every site and the rule sets in force, with their sources", async () => {
    const dana = await e2e.newIsolatedPage(DESKTOP);
    await signIn(dana, DEMO.admin);
    await dana.goto("/ce/compliance");
    await dana.getByRole("heading", { level: 1, name: "CE compliance" }).waitFor();
    const sites = await dana.getByRole("region", { name: "CE compliance" }).locator("tbody tr td:nth-child(2)").allInnerTexts();
    assert.ok(new Set(sites.map((site) => site.trim())).size > 1, "an admin sees more than one site");
    const settings = dana.getByRole("form", { name: "CE settings" });
    assert.equal(await settings.getByLabel("CPhT: hours that must not be pharmacist-designated").inputValue(), "15");
    const rules = (await dana.getByRole("region", { name: "CE settings and rules" }).innerText()).replace(/\s+/g, " ");
    assert.match(rules, /Florida registered pharmacy technician 20 h per cycle; 4 h live hours; 2 h preventing medication errors; 1 h HIV\/AIDS \(first renewal\)\. Source: floridaspharmacy\.gov/);
    assert.match(rules, /Certified Pharmacy Technician \(CPhT\), PTCB 20 h per cycle; 1 h pharmacy law \(topic 03\); 1 h patient safety \(topic 05\)/);
    await assertAccessible(dana, "CE compliance with the settings, as the administrator");
    await captureWidths(dana, "ce-settings");
  });
});
