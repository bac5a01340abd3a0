import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { assertAccessible, assertFitsWidth, captureWidths, DEMO, DESKTOP, displayDate, type E2E, isoDaysFromToday, PHONE, screenshotPath, signIn, siteToday, startE2E, waitForNavigation } from "./harness.ts";

const PROGRAM = "HIPAA privacy and security";
const DUE_ON = isoDaysFromToday(30);
/** A 1×1 PNG: the photo of Kevin's signed attendance sheet. */
const SHEET_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const SHEET_NAME = "kevin-hipaa-attendance.png";

async function openFromPhoneMenu(page: Page, link: string) {
  await page.getByRole("button", { name: "Open navigation" }).click();
  await waitForNavigation(page, "open");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
  await waitForNavigation(page, "closed");
}

async function chooseFile(page: Page, button: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), button.click()]);
  await chooser.setFiles(file);
}

/** Kevin's HIPAA cell in the matrix table, by the skill it is for. */
function matrixCell(page: Page) {
  const row = page.getByRole("region", { name: "Training matrix of OH-101" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Nguyen, Kevin/ }) });
  return row.locator('td[data-skill="training:hipaa-privacy"]');
}

describe("training: a manager assigns a site training, the technician sees it, the manager records it, the matrix shows it", () => {
  let e2e: E2E;
  let marcus: Page;
  let kevin: Page;

  before(async () => {
    e2e = await startE2E();
    marcus = await e2e.newPage(DESKTOP);
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
        for (const [who, page] of Object.entries({ marcus, kevin })) await page?.screenshot({ path: screenshotPath(`training-failed-${who}`), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  step("shows the matrix before: Kevin's HIPAA training is a gap of his current level", async () => {
    await signIn(marcus, DEMO.manager);
    await marcus.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Training matrix", exact: true }).click();
    await marcus.getByRole("heading", { level: 1, name: "Training matrix" }).waitFor();
    const cell = matrixCell(marcus);
    await cell.waitFor();
    assert.equal(await cell.getAttribute("data-status"), "not-started");
    assert.equal((await cell.innerText()).trim(), "Not started · Gap");
  });

  step("lets Marcus assign HIPAA training to everyone at Riverside", async () => {
    await marcus.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Training assignments", exact: true }).click();
    await marcus.getByRole("heading", { level: 1, name: "Training assignments" }).waitFor();
    await marcus.getByRole("button", { name: "Assign a training" }).click();
    const form = marcus.getByRole("form", { name: "Assign a training" });
    await form.getByLabel("Training").selectOption({ label: PROGRAM });
    await form.getByLabel("Assign to").selectOption({ label: "Everyone at a site" });
    await form.getByLabel("Site").selectOption({ label: "OH-101 · Riverside Community Pharmacy" });
    await form.getByRole("button", { name: "Assign training" }).click();
    await form.getByText("Choose the due date").waitFor();
    await form.getByLabel("Due on").fill(DUE_ON);
    await form.getByLabel("Note (optional)").fill("Yearly privacy refresher with the privacy officer");
    await assertAccessible(marcus, "the assignment form, filled in");
    await form.getByRole("button", { name: "Assign training" }).click();
    await form.getByRole("status").filter({ hasText: `${PROGRAM} assigned to everyone at OH-101, due ${displayDate(DUE_ON)}.` }).waitFor();

    const card = marcus.getByRole("list", { name: "Assignments" }).getByRole("listitem").filter({ hasText: PROGRAM });
    await card.waitFor();
    const text = (await card.innerText()).replace(/\s+/g, " ");
    assert.ok(text.includes(`Everyone at OH-101 · due ${displayDate(DUE_ON)}`), text);
    assert.match(text, /\d+ assigned/);
    await assertAccessible(marcus, "Training assignments with the new assignment");
  });

  step("shows Kevin, on his phone, the training in My trainings", async () => {
    await signIn(kevin, DEMO.technician);
    await openFromPhoneMenu(kevin, "My trainings");
    await kevin.getByRole("heading", { level: 1, name: "My trainings" }).waitFor();
    const item = kevin.getByRole("list", { name: "Trainings to do" }).getByRole("listitem", { name: `${PROGRAM}: Assigned` });
    await item.waitFor();
    const text = (await item.innerText()).replace(/\s+/g, " ");
    assert.ok(text.includes(`Due ${displayDate(DUE_ON)}, in 30 days`) || text.includes(`Due ${displayDate(DUE_ON)}, in 29 days`) || text.includes(`Due ${displayDate(DUE_ON)}, in 31 days`), text);
    assert.match(text, /Assigned to everyone at OH-101/);
    assert.match(text, /Yearly privacy refresher/);
    await assertFitsWidth(kevin, "My trainings");
    await assertAccessible(kevin, "My trainings on a phone");

    await item.getByRole("button", { name: `Mark ${PROGRAM} started` }).click();
    await kevin.getByRole("list", { name: "Trainings to do" }).getByRole("listitem", { name: `${PROGRAM}: In progress` }).waitFor();
    await captureWidths(kevin, "training-my-trainings-assigned");
    await kevin.setViewportSize(DESKTOP);
    await assertAccessible(kevin, "My trainings on a desktop");
    await kevin.setViewportSize(PHONE);
  });

  step("lets Marcus record Kevin's completion with the attendance sheet as evidence", async () => {
    await marcus.reload();
    await marcus.getByRole("heading", { level: 1, name: "Training assignments" }).waitFor();
    const card = marcus.getByRole("list", { name: "Assignments" }).getByRole("listitem").filter({ hasText: PROGRAM });
    await card.getByRole("button", { name: /Show people/ }).click();
    const people = card.getByRole("list", { name: `People assigned ${PROGRAM}` });
    const row = people.getByRole("listitem").filter({ has: marcus.getByRole("link", { name: "Nguyen, Kevin" }) });
    await row.getByText("In progress", { exact: true }).waitFor();
    await row.getByRole("button", { name: "Record completion for Kevin Nguyen" }).click();
    const dialog = marcus.getByRole("dialog", { name: `${PROGRAM}: Kevin Nguyen` });
    const form = dialog.getByRole("form", { name: "Record a completion" });
    const today = siteToday();
    assert.equal(await form.getByLabel("Completed on").inputValue(), today);
    await form.getByLabel("Note (optional)").fill("Attended the session on privacy at the counter and on the phone");
    await chooseFile(marcus, form.getByLabel("Evidence (optional)"), { name: SHEET_NAME, mimeType: "image/png", buffer: SHEET_PNG });
    await assertAccessible(marcus, "the completion dialog, filled in");
    await form.getByRole("button", { name: "Record completion" }).click();
    await dialog.getByRole("status").filter({ hasText: `${PROGRAM} recorded as completed by Kevin Nguyen on ${displayDate(today)}, with the evidence file.` }).waitFor();
    await dialog.getByRole("button", { name: "Done" }).click();
    await dialog.waitFor({ state: "hidden" });
    await row.getByText("Completed", { exact: true }).waitFor();
    await captureWidths(marcus, "training-assignments");
    await marcus.setViewportSize(PHONE);
    await assertFitsWidth(marcus, "Training assignments");
    await assertAccessible(marcus, "Training assignments on a phone, people shown");
    await marcus.setViewportSize(DESKTOP);
  });

  step("shows Marcus the matrix with Kevin qualified, on desktop and phone, and exports it", async () => {
    await marcus.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Training matrix", exact: true }).click();
    await marcus.getByRole("heading", { level: 1, name: "Training matrix" }).waitFor();
    const cell = matrixCell(marcus);
    await cell.waitFor();
    assert.equal(await cell.getAttribute("data-status"), "qualified");
    assert.equal((await cell.innerText()).trim(), "Qualified");
    const colours = await cell.evaluate((td) => getComputedStyle(td).backgroundColor);
    assert.equal(colours, "rgb(211, 240, 218)", "the qualified fill the XLSX export uses too");
    await marcus.getByRole("region", { name: "Legend" }).waitFor();
    await assertAccessible(marcus, "the training matrix on a desktop");

    // The name column stays in view while the matrix scrolls sideways.
    const scroller = marcus.getByRole("region", { name: "Training matrix of OH-101" });
    const nameBefore = await marcus.getByRole("rowheader", { name: /Nguyen, Kevin/ }).boundingBox();
    await scroller.evaluate((el) => el.scrollBy({ left: 600 }));
    await marcus.waitForTimeout(100);
    const nameAfter = await marcus.getByRole("rowheader", { name: /Nguyen, Kevin/ }).boundingBox();
    assert.equal(Math.round(nameAfter!.x), Math.round(nameBefore!.x), "the name column is sticky");
    await scroller.evaluate((el) => el.scrollTo({ left: 0 }));

    const [xlsx] = await Promise.all([marcus.waitForEvent("download"), marcus.getByRole("link", { name: "Export XLSX" }).click()]);
    assert.match(xlsx.suggestedFilename(), /^training-matrix-OH-101-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const csv = await marcus.request.get((await marcus.getByRole("link", { name: "Export CSV" }).getAttribute("href"))!);
    assert.equal(csv.status(), 200);
    const kevinLine = (await csv.text()).split("\n").find((line) => line.startsWith("Nguyen,Kevin,"))!;
    assert.ok(kevinLine.includes("Qualified"), kevinLine);

    await marcus.setViewportSize(PHONE);
    const person = marcus.getByRole("button", { name: /Nguyen, Kevin/ });
    await person.click();
    const skills = marcus.getByRole("list", { name: "Skills of Kevin Nguyen" });
    const hipaa = skills.getByRole("listitem").filter({ hasText: PROGRAM });
    await hipaa.waitFor();
    assert.match((await hipaa.innerText()).replace(/\s+/g, " "), /Qualified/);
    await assertFitsWidth(marcus, "The training matrix on a phone");
    await assertAccessible(marcus, "the training matrix on a phone, one person open");
    await captureWidths(marcus, "training-matrix");
    await marcus.setViewportSize(DESKTOP);
  });

  step("lets Marcus schedule a learning week for Kevin, and shows the catalog; both pages accessible at phone and desktop widths", async () => {
    await marcus.getByRole("main").getByRole("link", { name: "Training assignments" }).click();
    await marcus.getByRole("main").getByRole("link", { name: "Learning weeks" }).click();
    await marcus.getByRole("heading", { level: 1, name: "Learning weeks" }).waitFor();
    const form = marcus.getByRole("form", { name: "Schedule a learning week" });
    await form.getByLabel("Site").selectOption({ label: "OH-101 · Riverside Community Pharmacy" });
    await form.getByLabel("Technician").selectOption({ label: "Nguyen, Kevin" });
    await form.getByLabel("Training").selectOption({ label: "Automation and robotic dispensing" });
    await form.getByLabel("Station").fill("Central fill robot");
    await form.getByLabel("Supervisor").selectOption({ label: "Chen, Alicia · Pharmacist" });
    await form.getByLabel("First day").fill(isoDaysFromToday(7));
    await form.getByLabel("Last day").fill(isoDaysFromToday(11));
    await form.getByRole("button", { name: "Schedule learning week" }).click();
    await form.getByRole("status").filter({ hasText: "Learning week for Kevin Nguyen at Central fill robot scheduled" }).waitFor();
    await marcus.getByRole("list", { name: "Learning weeks" }).getByRole("listitem").filter({ hasText: "Kevin Nguyen: Central fill robot" }).waitFor();
    await assertAccessible(marcus, "Learning weeks on a desktop");
    await captureWidths(marcus, "training-learning-weeks");
    await marcus.setViewportSize(PHONE);
    await assertAccessible(marcus, "Learning weeks on a phone");
    await marcus.setViewportSize(DESKTOP);

    await marcus.goto("/training/programs");
    await marcus.getByRole("heading", { level: 1, name: "Training programs" }).waitFor();
    const usp800 = marcus.getByRole("listitem", { name: "Hazardous drug handling (USP <800>)" });
    assert.match((await usp800.innerText()).replace(/\s+/g, " "), /renew every 12 months.*not confirmed from a primary source/);
    await assertAccessible(marcus, "Training programs on a desktop");
    await captureWidths(marcus, "training-programs");
    await marcus.setViewportSize(PHONE);
    await assertAccessible(marcus, "Training programs on a phone");
    await assertFitsWidth(marcus, "Training programs");
    await marcus.setViewportSize(DESKTOP);
  });

  step("shows Alicia, the week's supervisor, the learning week she records", async () => {
    const alicia = await e2e.newIsolatedPage(PHONE);
    await signIn(alicia, DEMO.pharmacist);
    await openFromPhoneMenu(alicia, "My trainings");
    const week = alicia.getByRole("list", { name: "Learning weeks you supervise" }).getByRole("listitem").filter({ hasText: "Kevin Nguyen: Central fill robot" });
    await week.waitFor();
    await week.getByRole("button", { name: "Record the learning week of Kevin Nguyen as completed" }).waitFor();
    await assertAccessible(alicia, "My trainings of a supervisor, on a phone");
    await alicia.close();
  });

  step("lets the admin add a program with its modules; a bad entry names its field", async () => {
    const admin = await e2e.newIsolatedPage(DESKTOP);
    await signIn(admin, DEMO.admin);
    await admin.goto("/training/programs");
    await admin.getByRole("heading", { level: 1, name: "Training programs" }).waitFor();
    await admin.getByRole("button", { name: "Add program" }).click();
    const dialog = admin.getByRole("dialog", { name: "Add a training program" });
    const form = dialog.getByRole("form", { name: "Add a training program" });
    await form.getByLabel("Name").fill("IV room orientation");
    await form.getByLabel("Code", { exact: true }).fill("IV Room");
    await form.getByLabel("Category").selectOption({ label: "Cross-training" });
    await form.getByLabel("Valid for (months, optional)").fill("12");
    await form.getByLabel("Title").fill("Cleanroom tour and garbing order");
    await form.getByRole("button", { name: "Add program" }).click();
    await form.getByRole("alert").filter({ hasText: "code must be lower-case letters, digits and single hyphens" }).waitFor();
    assert.equal(await form.getByLabel("Code", { exact: true }).getAttribute("aria-invalid"), "true", "the code field shows its error");
    await assertAccessible(admin, "the program form with an error");
    await form.getByLabel("Code", { exact: true }).fill("iv-room-orientation");
    await form.getByRole("button", { name: "Add program" }).click();
    await admin.getByRole("status").filter({ hasText: "IV room orientation saved." }).waitFor();
    const card = admin.getByRole("listitem", { name: "IV room orientation" });
    assert.match((await card.innerText()).replace(/\s+/g, " "), /1 h · no CE credit · No cost · renew every 12 months/);
    await admin.close();
  });

  step("shows Kevin the training completed, with its evidence, and his learning week", async () => {
    await kevin.reload();
    await kevin.getByRole("heading", { level: 1, name: "My trainings" }).waitFor();
    const done = kevin.getByRole("list", { name: "Completed trainings" }).getByRole("listitem").filter({ hasText: PROGRAM });
    await done.waitFor();
    const text = (await done.innerText()).replace(/\s+/g, " ");
    assert.match(text, /Current/);
    assert.match(text, /Recorded by Marcus Reyes/);
    await done.getByRole("link", { name: SHEET_NAME }).waitFor();
    assert.equal(await kevin.getByRole("list", { name: "Trainings to do" }).count(), 0, "nothing left to do");
    const week = kevin.getByRole("list", { name: "Learning weeks" }).getByRole("listitem", { name: "Automation and robotic dispensing: Assigned" });
    assert.match((await week.innerText()).replace(/\s+/g, " "), /Station: Central fill robot · Supervisor: Alicia Chen/);
    await assertAccessible(kevin, "My trainings after the completion, on a phone");
    await captureWidths(kevin, "training-my-trainings-completed");

  });
});
