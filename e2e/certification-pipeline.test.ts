import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { assertAccessible, captureWidths, DEMO, DESKTOP, displayDate, isoDaysFromToday, PHONE, screenshotPath, signIn, startE2E, waitForNavigation, type E2E } from "./harness.ts";

const KEVIN = "Kevin Nguyen";
const EXAM_DATE = isoDaysFromToday(30);
const STEM = "Under federal law, which schedule applies to a drug with a high potential for abuse and an accepted medical use? (Written in the browser test.)";

interface AttemptItem {
  kind: "single" | "multi";
  options: { id: string }[];
}

/** The CSRF token of the page's session, for writes made with page.request. */
async function csrfToken(page: Page): Promise<string> {
  const session = (await (await page.request.get("/api/auth/session")).json()) as { csrfToken: string };
  return session.csrfToken;
}

/** Opens a page from the main navigation; on a phone it sits behind the burger button. */
async function openFromNavigation(page: Page, link: string) {
  const burger = page.getByRole("button", { name: "Open navigation" });
  if (await burger.isVisible()) {
    await burger.click();
    await waitForNavigation(page, "open");
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
}

/** The board's section of one stage ("Practicing · 3"). */
function stageSection(page: Page, label: string) {
  return page.getByRole("region", { name: new RegExp(`^${label} · \\d+$`) });
}

/** Checks a page at phone and desktop widths for serious accessibility problems and sideways scrolling, and saves screenshots. */
async function checkBothWidths(page: Page, name: string, where: string) {
  const original = page.viewportSize() ?? DESKTOP;
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await assertAccessible(page, `${where} at ${size.width}px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${where} is ${overflow}px wider than a ${size.width}px screen`);
  }
  await page.setViewportSize(original);
  await captureWidths(page, name);
}

describe("the certification pipeline and the item bank", () => {
  let e2e: E2E;
  let kevin: Page;
  let marcus: Page;
  let dana: Page;
  let alicia: Page;
  let draftCode: string;

  before(async () => {
    e2e = await startE2E();
    kevin = await e2e.newPage(PHONE);
    marcus = await e2e.newIsolatedPage(DESKTOP);
    dana = await e2e.newIsolatedPage(DESKTOP);
    alicia = await e2e.newIsolatedPage(PHONE);
  });

  after(async () => {
    await e2e?.close();
  });

  /** One step of the journey; once a step fails, the later ones are skipped instead of failing in its wake. */
  let broken = false;
  function step(name: string, body: () => Promise<void>) {
    it(name, async (t) => {
      if (broken) return t.skip("an earlier step of the journey failed");
      try {
        await body();
      } catch (error) {
        broken = true;
        for (const [who, page] of Object.entries({ kevin, marcus, dana, alicia })) {
          await page?.screenshot({ path: screenshotPath(`certification-pipeline-failed-${who}`), fullPage: true }).catch(() => {});
        }
        throw error;
      }
    });
  }

  step("Kevin takes a quick practice check and reports one of its items", async () => {
    await signIn(kevin, DEMO.technician);
    const headers = { "x-csrf-token": await csrfToken(kevin) };
    let response = await kevin.request.post("/api/exams/attempts", { headers, data: { form: "quick" } });
    if (response.status() === 409) {
      // An attempt left open (by the demo data) is finished first: one attempt at a time.
      const open = ((await response.json()) as { error: { fields: { message: string }[] } }).error.fields[0].message;
      assert.equal((await kevin.request.post(`/api/exams/attempts/${open}/submit`, { headers })).status(), 200);
      response = await kevin.request.post("/api/exams/attempts", { headers, data: { form: "quick" } });
    }
    assert.equal(response.status(), 201, await response.text());
    const attempt = (await response.json()) as { id: string; itemCount: number };
    for (let position = 1; position <= 5; position++) {
      const item = (await (await kevin.request.get(`/api/exams/attempts/${attempt.id}/items/${position}`)).json()) as AttemptItem;
      const answer = item.kind === "multi" ? [item.options[0].id, item.options[1].id] : [item.options[0].id];
      const answered = await kevin.request.put(`/api/exams/attempts/${attempt.id}/items/${position}`, { headers, data: { answer } });
      assert.equal(answered.status(), 200, await answered.text());
    }
    const submitted = await kevin.request.post(`/api/exams/attempts/${attempt.id}/submit`, { headers });
    assert.equal(submitted.status(), 200, await submitted.text());
    const flagged = await kevin.request.post(`/api/exams/attempts/${attempt.id}/items/1/flag`, {
      headers,
      data: { reason: "unclear", comment: "Two of the options read the same to me." },
    });
    assert.equal(flagged.status(), 201, await flagged.text());
  });

  step("Marcus sees Kevin practicing on the board and records his exam as scheduled", async () => {
    await signIn(marcus, DEMO.manager);
    await openFromNavigation(marcus, "Certification pipeline");
    await marcus.getByRole("heading", { level: 1, name: "Certification pipeline" }).waitFor();
    const practicing = stageSection(marcus, "Practicing");
    const card = practicing.getByRole("listitem").filter({ has: marcus.getByRole("link", { name: KEVIN, exact: true }) });
    await card.waitFor();
    const text = (await card.innerText()).replace(/\s+/g, " ");
    assert.match(text, /Deadline [A-Z][a-z]{2} \d+, \d{4} · \d+ days? (left|overdue)/);
    assert.match(text, /Readiness [<>]?\d+% \(/);
    assert.match(text, /Last practice [A-Z][a-z]{2} \d+, \d{4} · \d+ attempts?/);
    const summary = marcus.getByRole("list", { name: "People by stage" });
    assert.match((await summary.innerText()).replace(/\s+/g, " "), /Overdue .*At risk .*Practicing/);
    await checkBothWidths(marcus, "certification-pipeline-board", "the certification pipeline board");

    await card.getByRole("button", { name: `Record an exam scheduled for ${KEVIN}` }).click();
    const dialog = marcus.getByRole("dialog", { name: `Record an exam scheduled for ${KEVIN}` });
    await dialog.getByLabel("Exam", { exact: true }).selectOption("ptce");
    assert.match(await dialog.innerText(), /To be confirmed by your organization/);
    await dialog.getByLabel("Exam date").fill(EXAM_DATE);
    await assertAccessible(marcus, "the schedule-exam dialog");
    await dialog.getByRole("button", { name: "Record as scheduled" }).click();
    await marcus.getByRole("status").filter({ hasText: `${KEVIN}'s PTCB Pharmacy Technician Certification Exam (PTCE) is recorded as scheduled for ${displayDate(EXAM_DATE)}.` }).waitFor();

    const scheduled = stageSection(marcus, "Scheduled").getByRole("listitem").filter({ has: marcus.getByRole("link", { name: KEVIN, exact: true }) });
    await scheduled.getByText(`PTCE scheduled for ${displayDate(EXAM_DATE)}`).waitFor();
    assert.equal(await practicing.getByRole("link", { name: KEVIN, exact: true }).count(), 0, "Kevin left the practicing column");
    await scheduled.getByRole("button", { name: `Record the result of ${KEVIN}'s exam` }).waitFor();
    await captureWidths(marcus, "certification-pipeline-scheduled");
  });

  step("Marcus's result form explains itself and shows the server's field errors inline", async () => {
    const scheduled = stageSection(marcus, "Scheduled").getByRole("listitem").filter({ has: marcus.getByRole("link", { name: KEVIN, exact: true }) });
    await scheduled.getByRole("button", { name: `Record the result of ${KEVIN}'s exam` }).click();
    const dialog = marcus.getByRole("dialog", { name: `Record the result of ${KEVIN}'s exam` });
    await dialog.getByRole("radio", { name: "Not passed" }).check();
    assert.match(await dialog.innerText(), /60 days after the 1st failed attempt/);
    await dialog.getByLabel("Date taken").fill(isoDaysFromToday(-1));
    // A failing result with a passing score: the server names the field.
    await dialog.getByLabel("Scaled score (optional)").fill("1450");
    await dialog.getByRole("button", { name: "Record result" }).click();
    await dialog.getByText("a fail needs a score below 1400").waitFor();
    await assertAccessible(marcus, "the result dialog with a field error");
    await captureWidths(marcus, "certification-pipeline-result-error");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
  });

  step("Dana filters the item bank and opens an item", async () => {
    await signIn(dana, DEMO.admin);
    await openFromNavigation(dana, "Item bank");
    await dana.getByRole("heading", { level: 1, name: "Item bank" }).waitFor();
    const filters = dana.getByRole("search", { name: "Filter the item bank" });
    await filters.getByLabel("Domain").selectOption({ label: "2. Federal Requirements" });
    await filters.getByLabel("Subtopic").selectOption("2.2");
    await filters.getByLabel("Status").selectOption("published");
    await dana.waitForURL((url) => url.searchParams.get("subtopic") === "2.2" && url.searchParams.get("status") === "published");
    await dana.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    const table = dana.getByRole("region", { name: "Item bank" });
    // The address changes before the list re-renders (navigation is a transition), so wait for the
    // rows themselves to be the filtered ones rather than for the address or the busy mark alone.
    const firstRow = table.getByRole("row").nth(1);
    await firstRow.getByText("2.2", { exact: true }).waitFor();
    const firstLink = firstRow.getByRole("link");
    const rows = await table.getByRole("row").allInnerTexts();
    assert.ok(rows.slice(1).every((row) => row.includes("2.2") && row.includes("Published")), rows.join("\n"));
    await dana.getByRole("status").filter({ hasText: /items? match/ }).waitFor();
    await checkBothWidths(dana, "item-bank-list", "the item bank list");

    const code = (await firstLink.innerText()).trim();
    await firstLink.click();
    await dana.getByRole("heading", { level: 1, name: `Item ${code}` }).waitFor();
    await dana.getByRole("region", { name: "Statistics" }).waitFor();
    await dana.getByText("(correct answer)").first().waitFor();
    await checkBothWidths(dana, "item-bank-item", `item ${code}`);
  });

  step("Dana writes a new item, which is saved as a draft awaiting review", async () => {
    await dana.getByRole("link", { name: "Item bank", exact: true }).first().click();
    await dana.getByRole("heading", { level: 1, name: "Item bank" }).waitFor();
    await dana.getByRole("link", { name: "New item" }).click();
    const form = dana.getByRole("form", { name: "New item" });
    await form.getByLabel("Domain").selectOption("federal");
    await form.getByLabel("Subtopic").selectOption("2.2");
    await form.getByLabel("Question (stem)").fill(STEM);
    await form.getByLabel("Option A", { exact: true }).fill("Schedule I");
    await form.getByLabel("Option B", { exact: true }).fill("Schedule II");
    await form.getByLabel("Option C", { exact: true }).fill("Schedule IV");
    await form.getByLabel("Option D", { exact: true }).fill("Schedule V");
    await form.getByRole("button", { name: "Add option" }).click();
    await form.getByLabel("Option E", { exact: true }).fill("Not scheduled");
    await form.getByRole("button", { name: "Remove option E" }).click();
    assert.equal(await form.getByLabel("Option E", { exact: true }).count(), 0);
    await form.getByRole("radio", { name: "B. Schedule II" }).check();
    // Too short an explanation: the server's message appears under the field.
    await form.getByLabel("Explanation").fill("Too short.");
    await form.getByLabel("Reference").fill("21 U.S.C. 812(b)");
    await form.getByRole("button", { name: "Save draft" }).click();
    await dana.getByRole("alert").filter({ hasText: "The item was not saved" }).waitFor();
    assert.ok((await form.getByLabel("Explanation").getAttribute("aria-invalid")) === "true", "the explanation is marked invalid");
    await assertAccessible(dana, "the item editor with a field error");
    await form.getByLabel("Explanation").fill("Schedule II drugs have a high potential for abuse and an accepted medical use; Schedule I has none, IV and V have less abuse potential.");
    await form.getByRole("button", { name: "Save draft" }).click();

    await dana.getByRole("status").filter({ hasText: /Draft v1 of .+ saved/ }).waitFor();
    draftCode = decodeURIComponent(new URL(dana.url()).pathname.split("/").at(-1)!);
    await dana.getByRole("heading", { level: 1, name: `Item ${draftCode}` }).waitFor();
    await dana.getByText("Awaiting review", { exact: true }).waitFor();
    assert.equal(await dana.getByRole("button", { name: "Publish" }).isDisabled(), true, "an unreviewed draft cannot be published");
    assert.equal(await dana.getByRole("form", { name: "Review draft v1" }).count(), 1);
    await captureWidths(dana, "item-bank-draft");
  });

  step("Alicia, a pharmacist, reviews Dana's draft on her phone; Dana then publishes it", async () => {
    await signIn(alicia, DEMO.pharmacist);
    await alicia.goto(`/exams/bank?q=${encodeURIComponent(draftCode)}`);
    await alicia.getByRole("list", { name: "Item bank" }).getByRole("link", { name: draftCode }).click();
    await alicia.getByRole("heading", { level: 1, name: `Item ${draftCode}` }).waitFor();
    assert.equal(await alicia.getByRole("button", { name: "Publish" }).count(), 0, "pharmacists review; admins publish");
    const review = alicia.getByRole("form", { name: "Review draft v1" });
    await review.getByLabel("Review note (optional)").fill("Checked against the Controlled Substances Act.");
    await review.getByRole("button", { name: "Record review" }).click();
    await alicia.getByRole("status").filter({ hasText: "You reviewed draft v1. An administrator can now publish it." }).waitFor();
    await alicia.getByText(/Reviewed by Alicia Chen, .*: “Checked against the Controlled Substances Act\.”/).first().waitFor();
    await checkBothWidths(alicia, "item-bank-reviewed", "the reviewed draft");

    await dana.reload();
    await dana.getByRole("button", { name: "Publish" }).click();
    await dana.getByRole("status").filter({ hasText: "Version 1 is published" }).waitFor();
    await dana.getByText("Published", { exact: true }).first().waitFor();
  });

  step("Alicia sees Kevin's report with the item as it was shown, and dismisses it with a note", async () => {
    await openFromNavigation(alicia, "Reported items");
    await alicia.getByRole("heading", { level: 1, name: "Reported items" }).waitFor();
    const reports = alicia.getByRole("list", { name: "Open reports" });
    const report = reports.getByRole("listitem").filter({ hasText: "Two of the options read the same to me." }).first();
    await report.waitFor();
    const text = await report.innerText();
    assert.match(text, /The question is unclear/);
    assert.match(text, /Reported by Kevin Nguyen/);
    assert.match(text, /\(correct answer\)/);
    await checkBothWidths(alicia, "reported-items", "the reported items queue");

    await report.getByRole("button", { name: "Dismiss", exact: true }).click();
    await report.getByText("Say why the report is dismissed").waitFor();
    await report.getByLabel("Note").fill("The options differ in strength; the stem asks for the strength.");
    await report.getByRole("button", { name: "Dismiss", exact: true }).click();
    await alicia.getByRole("status").filter({ hasText: "is dismissed" }).waitFor();
    await alicia.getByRole("tab", { name: "Dismissed" }).click();
    await alicia.getByRole("list", { name: "Dismissed reports" }).getByText("The options differ in strength; the stem asks for the strength.", { exact: false }).waitFor();
    await assertAccessible(alicia, "the dismissed reports tab");
  });
});
