import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { assertAccessible, assertFitsWidth, DEMO, DESKTOP, displayDate, type E2E, isoDaysFromToday, PHONE, screenshotPath, signIn, startE2E, waitForNavigation } from "./harness.ts";

const QUICK_CHECK_ITEMS = 20;

/** Opens a page from the main navigation, which on a phone sits behind the burger button. */
async function openFromPhoneMenu(page: Page, link: string) {
  await page.getByRole("button", { name: "Open navigation" }).click();
  await waitForNavigation(page, "open");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
  await waitForNavigation(page, "closed");
}

/**
 * Checks the page with axe at phone and desktop widths and saves a screenshot of each
 * (test-results/practice-exam-<name>-360.png and -1280.png); the page's size is restored afterwards.
 */
async function checkAtBothWidths(page: Page, name: string, where: string, options: { fullPage?: boolean } = {}) {
  const original = page.viewportSize() ?? DESKTOP;
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    if (size === PHONE) await assertFitsWidth(page, where);
    await page.evaluate(() => window.scrollTo(0, 0));
    await assertAccessible(page, `${where} at ${size.width} px`);
    await page.screenshot({ path: screenshotPath(`practice-exam-${name}-${size.width}`), fullPage: options.fullPage ?? true, animations: "disabled" });
  }
  await page.setViewportSize(original);
  await page.waitForTimeout(200);
}

function questionHeading(page: Page, position: number) {
  return page.getByRole("heading", { level: 2, name: `Question ${position} of ${QUICK_CHECK_ITEMS}` });
}

/** The answer options of the question on screen (radios, or checkboxes for "select all that apply"). */
function options(page: Page): Locator {
  return page.getByRole("group").filter({ has: page.locator("legend") }).locator("input");
}

/** Chooses the first option (and the second, for select-all-that-apply) and returns the chosen values. */
async function answerOnScreen(page: Page): Promise<string[]> {
  const inputs = options(page);
  await inputs.first().waitFor();
  const type = await inputs.first().getAttribute("type");
  const chosen = type === "checkbox" ? [inputs.nth(0), inputs.nth(1)] : [inputs.nth(0)];
  for (const input of chosen) await input.check();
  return Promise.all(chosen.map((input) => input.getAttribute("value").then((v) => v!)));
}

async function checkedValues(page: Page): Promise<string[]> {
  await options(page).first().waitFor();
  return options(page).evaluateAll((inputs) => (inputs as HTMLInputElement[]).filter((i) => i.checked).map((i) => i.value));
}

/** Waits for running transitions (a dialog fading in) to end, so axe sees the colours as they settle. */
async function settle(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

async function waitSaved(page: Page) {
  await page.getByRole("status").filter({ hasText: "✓ Saved" }).waitFor();
}

/** The navigator's description of each question, read from the phone's "All questions" drawer. */
async function navigatorLabels(page: Page, check = false): Promise<string[]> {
  await page.getByRole("button", { name: /^All questions \(/ }).click();
  const drawer = page.getByRole("dialog", { name: "All questions" });
  const buttons = drawer.getByRole("list", { name: "Questions" }).getByRole("button");
  await buttons.first().waitFor();
  await settle(page);
  if (check) {
    await assertAccessible(page, "the question navigator in its drawer");
    await page.screenshot({ path: screenshotPath("practice-exam-navigator-360"), animations: "disabled" });
  }
  const labels = await buttons.evaluateAll((list) => list.map((b) => b.getAttribute("aria-label") ?? ""));
  await drawer.getByRole("button", { name: "Close" }).click();
  await drawer.waitFor({ state: "hidden" });
  return labels;
}

describe("practice exams: a technician takes a quick check on a phone, leaves, resumes, submits and reviews", () => {
  let e2e: E2E;
  let kevin: Page;
  let attemptId: string;
  const chosen = new Map<number, string[]>();

  before(async () => {
    e2e = await startE2E();
    kevin = await e2e.newPage(PHONE);
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
        await kevin?.screenshot({ path: screenshotPath("practice-exam-failed"), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  step("shows Kevin his readiness with its range, each domain, his certification deadline and the ways to practise", async () => {
    await signIn(kevin, DEMO.technician);
    await openFromPhoneMenu(kevin, "Practice exams");
    await kevin.getByRole("heading", { level: 1, name: "Practice exams" }).waitFor();

    const readiness = kevin.getByRole("region", { name: "Readiness for the PTCE" });
    await readiness.waitFor();
    const readinessText = (await readiness.innerText()).replace(/\s+/g, " ");
    assert.match(readinessText, /likely (between \d+% and \d+%|no more than \d+%|at least \d+%|range: (under 1%|over 99%|\d+%))/);
    assert.match(readinessText, /Your estimated chance of passing the PTCE if you sat it today/);
    const domains = readiness.getByRole("list", { name: "Results by domain" }).getByRole("listitem");
    assert.equal(await domains.count(), 4);
    const domainText = (await domains.allInnerTexts()).join(" | ");
    for (const name of ["Medications", "Federal Requirements", "Patient Safety and Quality Assurance", "Order Entry and Processing"]) {
      assert.ok(domainText.includes(name), `${name} in ${domainText}`);
    }
    await readiness.getByRole("button", { name: "How is this computed?" }).click();
    await readiness.getByText(/passing standard is an assumption/).waitFor();

    const certification = kevin.getByRole("region", { name: "Certification", exact: true });
    assert.match(await certification.innerText(), /Certify by .*: \d+ days left\./);

    const review = kevin.getByRole("button", { name: /^Start today's review \(\d+ due\)$/ });
    await review.waitFor();
    assert.equal(await kevin.getByRole("button", { name: /^Drill: / }).count(), 4, "one drill per domain");
    await checkAtBothWidths(kevin, "home", "the exam home");
  });

  step("starts a quick check: one question at a time, a countdown from the server's clock, answers saved as chosen", async () => {
    await kevin.getByRole("button", { name: "Start quick check" }).click();
    await kevin.waitForURL(/\/exams\/attempts\/[0-9a-f-]+$/);
    attemptId = new URL(kevin.url()).pathname.split("/").at(-1)!;
    await kevin.getByRole("heading", { level: 1, name: "Quick check" }).waitFor();
    await questionHeading(kevin, 1).waitFor();
    const timer = kevin.getByRole("timer");
    assert.match((await timer.getAttribute("aria-label"))!, /^Time left: (24|25) minutes/);

    chosen.set(1, await answerOnScreen(kevin));
    await waitSaved(kevin);
    await kevin.getByRole("button", { name: "Next", exact: true }).click();
    await questionHeading(kevin, 2).waitFor();
    assert.equal(await kevin.evaluate(() => document.activeElement?.textContent), "Question 2 of 20", "moving on puts focus on the new question");

    chosen.set(2, await answerOnScreen(kevin));
    const mark = kevin.getByRole("button", { name: "Mark for review" });
    await mark.click();
    assert.equal(await mark.getAttribute("aria-pressed"), "true");
    await waitSaved(kevin);
    await checkAtBothWidths(kevin, "player", "the exam player, question 2 answered and marked");

    // Keyboard shortcuts: N for the next question, 1 or A for the first option.
    await kevin.keyboard.press("n");
    await questionHeading(kevin, 3).waitFor();
    await options(kevin).first().waitFor();
    await kevin.keyboard.press("a");
    await waitSaved(kevin);
    chosen.set(3, await checkedValues(kevin));
    assert.equal(chosen.get(3)!.length, 1, "A chose the first option");
    await kevin.keyboard.press("n");
    await questionHeading(kevin, 4).waitFor();

    const response = await kevin.request.get(`/api/exams/attempts/${attemptId}`);
    const stored = (await response.json()) as { currentPosition: number; positions: { position: number; answered: boolean; flagged: boolean }[] };
    assert.equal(stored.currentPosition, 4);
    assert.deepEqual(
      stored.positions.slice(0, 4).map((p) => [p.answered, p.flagged]),
      [[true, false], [true, true], [true, false], [false, false]],
    );
  });

  step("resumes, after leaving for another page, on the same question with the answers and the mark kept", async () => {
    await kevin.close();
    kevin = await e2e.newPage(PHONE);
    await kevin.goto("/");
    await kevin.getByRole("heading", { level: 1, name: /^Welcome, Kevin/ }).waitFor();
    await kevin.getByRole("list", { name: "Shortcuts" }).getByRole("link", { name: /Practice exams/ }).click();
    await kevin.getByRole("heading", { level: 1, name: "Practice exams" }).waitFor();
    const open = kevin.getByRole("region", { name: "Attempt in progress" });
    assert.match(await open.innerText(), /Your quick check is in progress/);
    assert.equal(await kevin.getByRole("button", { name: "Start full practice exam" }).isDisabled(), true, "one attempt at a time");
    await assertAccessible(kevin, "the exam home with an attempt in progress");
    await open.getByRole("link", { name: "Resume quick check" }).click();

    await kevin.waitForURL(`**/exams/attempts/${attemptId}`);
    await questionHeading(kevin, 4).waitFor();
    assert.deepEqual(await checkedValues(kevin), [], "question 4 was not answered yet");
    const labels = await navigatorLabels(kevin, true);
    assert.equal(labels.length, QUICK_CHECK_ITEMS);
    assert.equal(labels[0], "Question 1, answered");
    assert.equal(labels[1], "Question 2, answered, marked for review");
    assert.equal(labels[2], "Question 3, answered");
    assert.equal(labels[3], "Question 4, current, not answered");

    await kevin.getByRole("button", { name: "Previous", exact: true }).click();
    await questionHeading(kevin, 3).waitFor();
    assert.deepEqual(await checkedValues(kevin), chosen.get(3));
    await kevin.getByRole("button", { name: "Previous", exact: true }).click();
    await questionHeading(kevin, 2).waitFor();
    assert.deepEqual((await checkedValues(kevin)).sort(), [...chosen.get(2)!].sort());
    assert.equal(await kevin.getByRole("button", { name: "Mark for review" }).getAttribute("aria-pressed"), "true");
  });

  step("answers the rest, and the confirmation names what is marked before submitting", async () => {
    await kevin.getByRole("button", { name: "Next", exact: true }).click();
    await questionHeading(kevin, 3).waitFor();
    await kevin.getByRole("button", { name: "Next", exact: true }).click();
    for (let position = 4; position <= QUICK_CHECK_ITEMS; position++) {
      await questionHeading(kevin, position).waitFor();
      chosen.set(position, await answerOnScreen(kevin));
      await waitSaved(kevin);
      if (position < QUICK_CHECK_ITEMS) await kevin.getByRole("button", { name: "Next", exact: true }).click();
    }
    await kevin.getByRole("button", { name: "Review and submit" }).click();
    const dialog = kevin.getByRole("dialog", { name: "Submit your quick check?" });
    await dialog.waitFor();
    await settle(kevin);
    const text = (await dialog.innerText()).replace(/\s+/g, " ");
    assert.match(text, /You answered 20 of 20 questions\./);
    assert.match(text, /1 question marked for review \(question 2\)/);
    await assertAccessible(kevin, "the submit confirmation on a phone");
    await kevin.screenshot({ path: screenshotPath("practice-exam-submit-360"), animations: "disabled" });
    await dialog.getByRole("button", { name: "Submit now" }).click();
    await kevin.waitForURL(`**/exams/attempts/${attemptId}/results`);
  });

  step("shows the score by domain and every question with the answer given, the key and the explanation", async () => {
    await kevin.getByRole("heading", { level: 1, name: "Results: Quick check" }).waitFor();
    const score = kevin.getByRole("region", { name: "Score", exact: true });
    const scoreText = (await score.innerText()).replace(/\s+/g, " ");
    const [, right] = /(\d+) of 20 questions right/.exec(scoreText) ?? [];
    assert.ok(right !== undefined, scoreText);
    assert.match(scoreText, /Total time .* per question on average/);

    const table = kevin.getByRole("region", { name: "Score by domain" });
    const rows = table.getByRole("row");
    await rows.first().waitFor();
    assert.equal(await rows.count(), 5, "a header and the four domains");
    const rowText = (await rows.allInnerTexts()).join(" | ");
    assert.ok(rowText.includes("Medications") && rowText.includes("Order Entry and Processing"), rowText);

    const items = kevin.getByRole("list", { name: "Questions and explanations" }).getByRole("listitem").filter({ has: kevin.getByRole("heading", { level: 3 }) });
    assert.equal(await items.count(), QUICK_CHECK_ITEMS);
    const first = (await items.first().innerText()).replace(/\s+/g, " ");
    assert.match(first, /Question 1/);
    assert.match(first, /\(correct answer\)|\(your answer, correct\)/);
    assert.match(first, /Why /);
    assert.match(first, /Time on this question: /);
    const wrongCount = await kevin.getByText("✗ Wrong", { exact: true }).count();
    assert.equal(wrongCount, QUICK_CHECK_ITEMS - Number(right));

    await kevin.getByText(/^Marked \(1\)$/).click();
    await kevin.getByRole("status").filter({ hasText: "1 question shown" }).waitFor();
    assert.equal(await items.count(), 1);
    assert.match(await items.first().innerText(), /Question 2/);
    await kevin.getByText(/^All \(20\)$/).click();
    await kevin.getByRole("status").filter({ hasText: "20 questions shown" }).waitFor();

    const reported = items.nth(4);
    await reported.getByRole("button", { name: "Report a problem with question 5" }).click();
    const form = reported.getByRole("form", { name: "Report a problem with question 5" });
    await form.getByLabel("What is wrong?").selectOption("unclear");
    await form.getByLabel("Details (optional)").fill("The question could name the strength.");
    await assertAccessible(kevin, "the results with the report form open");
    await form.getByRole("button", { name: "Send report" }).click();
    await reported.getByRole("status").filter({ hasText: "your report on question 5 went to the reviewers" }).waitFor();

    await checkAtBothWidths(kevin, "results", "the results and review", { fullPage: false });
    await items.first().scrollIntoViewIfNeeded();
    await kevin.screenshot({ path: screenshotPath("practice-exam-review-360"), animations: "disabled" });
  });

  step("lists the quick check under recent attempts, linking to its results, and keeps no attempt open", async () => {
    await kevin.getByRole("link", { name: "Back to practice exams" }).click();
    await kevin.getByRole("heading", { level: 1, name: "Practice exams" }).waitFor();
    await kevin.getByRole("region", { name: "Readiness for the PTCE" }).waitFor();
    assert.equal(await kevin.getByRole("region", { name: "Attempt in progress" }).count(), 0);
    const recent = kevin.getByRole("list", { name: "Recent attempts" }).getByRole("listitem").first();
    assert.match(await recent.innerText(), /Quick check/);
    await recent.getByRole("link", { name: "Quick check" }).click();
    await kevin.waitForURL(`**/exams/attempts/${attemptId}/results`);
    await kevin.getByRole("heading", { level: 1, name: "Results: Quick check" }).waitFor();
  });

  step("explains each drill answer at once, before moving on", async () => {
    await kevin.goto("/exams");
    await kevin.getByRole("button", { name: "Drill: Federal Requirements" }).click();
    await kevin.waitForURL(/\/exams\/attempts\/[0-9a-f-]+$/);
    await kevin.getByRole("heading", { level: 1, name: "Drill: Federal Requirements" }).waitFor();
    await kevin.getByRole("heading", { level: 2, name: "Question 1 of 15" }).waitFor();
    assert.equal(await kevin.getByRole("timer").count(), 0, "drills are untimed");
    const check = kevin.getByRole("button", { name: "Check answer" });
    assert.equal(await check.isDisabled(), true, "nothing to check before choosing");
    await answerOnScreen(kevin);
    await check.click();
    const verdict = kevin.getByRole("heading", { level: 3, name: /^(✓ Right|✗ Not quite)$/ });
    await verdict.waitFor();
    assert.equal(await kevin.evaluate(() => document.activeElement?.tagName), "H3", "focus moves to the verdict");
    await kevin.getByText(/^Correct answers?: /).waitFor();
    await kevin.getByRole("heading", { name: "Why" }).waitFor();
    assert.equal(await options(kevin).first().isDisabled(), true, "a drill answer is final");
    await kevin.getByRole("button", { name: "Report a problem with question 1" }).waitFor();
    await checkAtBothWidths(kevin, "drill-feedback", "a drill answer with its explanation");
  });

  step("records the date of Kevin's certification exam from the exam home", async () => {
    await kevin.getByRole("button", { name: "Finish", exact: true }).click();
    const dialog = kevin.getByRole("dialog", { name: "Finish this domain drill?" });
    await dialog.getByRole("button", { name: "Finish domain drill" }).click();
    await kevin.waitForURL(/\/results$/);
    await kevin.getByRole("link", { name: "Back to practice exams" }).click();
    const certification = kevin.getByRole("region", { name: "Certification", exact: true });
    await certification.waitFor();
    const form = certification.getByRole("form", { name: "Record your exam date" });
    const date = isoDaysFromToday(30);
    await form.getByLabel("My exam is scheduled on").fill(date);
    await form.getByRole("button", { name: "Record my exam date" }).click();
    await certification.getByRole("status").filter({ hasText: `is scheduled on ${displayDate(date)}` }).waitFor();
    await certification.getByText(`Exam scheduled — PTCB Pharmacy Technician Certification Exam (PTCE) on ${displayDate(date)}`, { exact: false }).waitFor();
    assert.equal(await certification.getByRole("form", { name: "Record your exam date" }).count(), 0, "nothing more to schedule");
    await assertAccessible(kevin, "the exam home with the exam scheduled");
  });
});
