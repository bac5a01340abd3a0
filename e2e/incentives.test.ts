import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { assertAccessible, assertFitsWidth, DEMO, DESKTOP, type E2E, PHONE, screenshotPath, signIn, startE2E, waitForNavigation } from "./harness.ts";

/** A 1×1 PNG: the photo of Kevin's receipt, and of his course certificate. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const RECEIPT = "ptce-fee-receipt.png";
const CERTIFICATE = "vendor-certificate.png";
const RULE_NAME = "Sterile compounding completed: conference";

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

describe("incentives and reported trainings: an admin adds a rule, Kevin asks for a reimbursement with the receipt and reports a course, others decide", () => {
  let e2e: E2E;
  let dana: Page;
  let kevin: Page;
  let marcus: Page;
  let alicia: Page;

  before(async () => {
    e2e = await startE2E();
    dana = await e2e.newPage(DESKTOP);
    kevin = await e2e.newIsolatedPage(PHONE);
    marcus = await e2e.newIsolatedPage(DESKTOP);
    alicia = await e2e.newIsolatedPage(PHONE);
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
        for (const [who, page] of Object.entries({ dana, kevin, marcus, alicia })) await page?.screenshot({ path: screenshotPath(`incentives-failed-${who}`), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  step("lets Dana add a rule for one program; the server's field error shows next to its field", async () => {
    await signIn(dana, DEMO.admin);
    await dana.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incentives", exact: true }).click();
    await dana.getByRole("heading", { level: 1, name: "Incentives" }).waitFor();
    await dana.getByRole("button", { name: "Add a rule" }).click();
    const form = dana.getByRole("form", { name: "Add an incentive rule" });
    await form.waitFor();
    await form.getByLabel("Name").fill(RULE_NAME);
    assert.equal(await form.getByLabel("Code").inputValue(), "sterile-compounding-completed-conference");
    // A code the organization already uses: the server says so next to the code.
    await form.getByLabel("Code").fill("training-conference");
    await form.getByLabel("Milestone").selectOption("training.completed");
    await form.getByLabel("Reward").selectOption("conference-ticket");
    const program = form.getByLabel("Only for the program");
    const sterile = await program.locator("option", { hasText: /797/ }).first().getAttribute("value");
    assert.ok(sterile, "the program list offers the organization's programs");
    await program.selectOption(sterile);
    await form.getByLabel("Amount (US dollars)").fill("450");
    await form.getByRole("button", { name: "Add rule" }).click();
    const code = form.getByLabel("Code");
    await form.getByText("is already used").waitFor();
    assert.equal(await code.getAttribute("aria-invalid"), "true");
    await assertAccessible(dana, "the incentive rule form with a field error");
    await code.fill("sterile-conference");
    await form.getByRole("button", { name: "Add rule" }).click();
    await dana.getByRole("status").filter({ hasText: `Added: ${RULE_NAME}.` }).waitFor();
    const row = dana.getByRole("region", { name: "Incentive rules" }).getByRole("row").filter({ hasText: RULE_NAME });
    await row.getByText(`(${sterile} only)`).waitFor();
    await row.getByText("$450.00").waitFor();
  });

  step("lets Dana edit the rule's amount", async () => {
    await dana.getByRole("button", { name: `Edit ${RULE_NAME}` }).click();
    const form = dana.getByRole("form", { name: `Edit ${RULE_NAME}` });
    await form.getByLabel("Amount (US dollars)").fill("500");
    await form.getByRole("button", { name: "Save rule" }).click();
    await dana.getByRole("status").filter({ hasText: `Saved: ${RULE_NAME}.` }).waitFor();
    await dana.getByRole("region", { name: "Incentive rules" }).getByRole("row").filter({ hasText: RULE_NAME }).getByText("$500.00").waitFor();
  });

  step("lets Dana add her organization's own state CE rule set, with a field error shown where it belongs", async () => {
    await dana.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "CE compliance", exact: true }).click();
    await dana.getByRole("button", { name: "Add a state rule set" }).click();
    const form = dana.getByRole("form", { name: "Add a state rule set" });
    await form.getByLabel("State", { exact: true }).selectOption("OH");
    await form.getByLabel("Name", { exact: true }).fill("Ohio technician registration");
    await form.getByLabel("Hours per cycle").fill("10");
    await form.getByRole("button", { name: "Add a minimum" }).click();
    await form.getByLabel("Label", { exact: true }).fill("Pharmacy law");
    await form.getByLabel("Code", { exact: true }).fill("law");
    await form.getByLabel("Hours", { exact: true }).fill("1");
    await form.getByLabel("Counts").selectOption("category:law");
    // No source yet: the server names the field.
    await form.getByRole("button", { name: "Save rule set" }).click();
    const source = form.getByLabel("Source", { exact: true });
    await dana.waitForFunction((el) => el?.getAttribute("aria-invalid") === "true", await source.elementHandle());
    await assertAccessible(dana, "the state rule set form with a field error");
    await source.fill("Ohio Administrative Code 4729:3-3-04 (to be confirmed)");
    await form.getByRole("button", { name: "Save rule set" }).click();
    await dana.getByRole("status").filter({ hasText: "Ohio technician registration saved." }).waitFor();
    await dana.getByText("OH · 10 h per cycle, 1 h Pharmacy law").waitFor();
  });

  step("lets Kevin, on his phone, ask for a reimbursement with the receipt attached", async () => {
    await signIn(kevin, DEMO.technician);
    await openFromPhoneMenu(kevin, "My rewards");
    await kevin.getByRole("heading", { level: 1, name: "My rewards" }).waitFor();
    const form = kevin.getByRole("form", { name: "Ask for a reimbursement" });
    await form.getByLabel("Amount (US dollars)").fill("129");
    await form.getByLabel("Purpose").fill("PTCE exam fee");
    await chooseFile(kevin, form.getByRole("button", { name: /Receipt/ }), { name: RECEIPT, mimeType: "image/png", buffer: PNG });
    await form.getByRole("button", { name: "Send request" }).click();
    await kevin.getByRole("status").filter({ hasText: "Request sent." }).waitFor();
    await kevin.getByRole("link", { name: RECEIPT }).waitFor();
    await assertFitsWidth(kevin, "My rewards on a phone");
    await assertAccessible(kevin, "My rewards with a request and its receipt");
  });

  step("lets Marcus download the receipt before approving", async () => {
    await signIn(marcus, DEMO.manager);
    await marcus.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incentives", exact: true }).click();
    const queue = marcus.getByRole("region", { name: "Reimbursement requests waiting" }).or(marcus.locator("section").filter({ has: marcus.getByRole("heading", { name: "Reimbursement requests waiting" }) }));
    const link = queue.getByRole("link", { name: RECEIPT }).first();
    await link.waitFor();
    const download = await marcus.request.get((await link.getAttribute("href"))!);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()["content-type"], "image/png");
    assert.match(download.headers()["content-disposition"], /^attachment; /);
    assert.deepEqual(await download.body(), PNG);
    await marcus.getByRole("button", { name: /Approve Kevin Nguyen's request/ }).first().click();
    await marcus.getByRole("status").filter({ hasText: "Approved: Kevin Nguyen" }).waitFor();
  });

  step("lets Kevin report a course taken elsewhere, with its certificate", async () => {
    await openFromPhoneMenu(kevin, "My trainings");
    await kevin.getByRole("heading", { level: 1, name: "My trainings" }).waitFor();
    const form = kevin.getByRole("form", { name: "Report a training completed elsewhere" });
    const program = form.getByLabel("Program");
    const value = await program.locator("option", { hasText: /Automation/i }).first().getAttribute("value");
    assert.ok(value, "an automation program is in the catalog");
    await program.selectOption(value);
    await form.getByLabel("Provider (optional)").fill("Robot vendor academy");
    // Without the certificate the form says what is missing.
    await form.getByRole("button", { name: "Report training" }).click();
    await form.getByText("Attach the certificate or statement of completion").waitFor();
    await chooseFile(kevin, form.getByRole("button", { name: /Certificate/ }), { name: CERTIFICATE, mimeType: "image/png", buffer: PNG });
    await form.getByRole("button", { name: "Report training" }).click();
    await kevin.getByRole("status").filter({ hasText: "it counts once your manager or a pharmacist confirms it" }).waitFor();
    await kevin.getByRole("list", { name: "Trainings you reported" }).getByText("Waiting for confirmation").waitFor();
    await assertFitsWidth(kevin, "My trainings with a reported course");
    await assertAccessible(kevin, "My trainings with a reported course");
  });

  step("lets Alicia, a pharmacist of Kevin's site, confirm it; Kevin then sees it completed", async () => {
    await signIn(alicia, DEMO.pharmacist);
    await openFromPhoneMenu(alicia, "My trainings");
    const waiting = alicia.getByRole("list", { name: "Reported trainings to confirm" });
    await waiting.getByRole("link", { name: CERTIFICATE }).waitFor();
    await assertAccessible(alicia, "reported trainings to confirm");
    await waiting.getByRole("button", { name: /^Confirm .* for Kevin Nguyen$/ }).click();
    await alicia.getByRole("status").filter({ hasText: /^Confirmed: .* for Kevin Nguyen\.$/ }).waitFor();
    await kevin.reload();
    await kevin.getByRole("list", { name: "Trainings you reported" }).getByText("Confirmed", { exact: true }).waitFor();
    await kevin.getByRole("list", { name: "Completed trainings" }).getByText(/Robot vendor academy/).waitFor();
  });
});
