import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { assertAccessible, captureWidths, DEMO, PHONE, DESKTOP, signIn, startE2E, type E2E } from "./harness.ts";

interface Requirement {
  kind: string;
  anyOf?: string[];
  months?: number;
}
interface Framework {
  version: number;
  definition: { tracks: { code: string; levels: { code: string; name: string; requirements: Requirement[] }[] }[] };
}

async function publishedFramework(page: Page): Promise<Framework> {
  const response = await page.request.get("/api/ladder/framework");
  assert.equal(response.status(), 200);
  return (await response.json()) as Framework;
}

function tech2Of(framework: Framework) {
  return framework.definition.tracks.find((t) => t.code === "core")!.levels.find((l) => l.code === "tech-2")!;
}

/** Eligible for their next level before and after publishing, as the impact preview shows them. */
async function impactCounts(scope: Page | Locator): Promise<{ before: number; after: number }> {
  const text = (await scope.getByTestId("impact-counts").textContent()) ?? "";
  const match = /^\s*(\d+)\D+(\d+)/.exec(text);
  assert.ok(match, `impact counts in "${text}"`);
  return { before: Number(match[1]), after: Number(match[2]) };
}

/** The fieldset of one requirement of the level being edited, found by what it shows. */
function requirementRow(page: Page, legend: RegExp, hasText?: string): Locator {
  const rows = page.getByRole("group", { name: legend });
  return hasText ? rows.filter({ hasText }) : rows;
}

describe("career ladder framework editor, as the administrator", () => {
  let e2e: E2E;
  let page: Page;
  let tech2RequirementCount: number;
  let impactOfRemoval: { before: number; after: number };

  before(async () => {
    e2e = await startE2E();
    page = await e2e.newPage();
  });

  after(async () => {
    await e2e?.close();
  });

  it("opens the editor from the navigation with the version in force", async () => {
    await signIn(page, DEMO.admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ladder framework" }).click();
    await page.waitForURL("**/ladder/framework");
    await page.getByRole("heading", { level: 1, name: "Career ladder framework" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Pharmacy Technician I" }).waitFor();
    await page.getByText("In force: v1").waitFor();
    assert.equal(await page.getByTestId("draft-status").textContent(), "No draft");
    assert.equal(await page.getByRole("button", { name: "Save draft" }).isDisabled(), true, "nothing to save before an edit");
    await page.getByRole("region", { name: "Framework versions" }).getByText("Default framework shipped with Rx Ladder").waitFor();
    tech2RequirementCount = tech2Of(await publishedFramework(page)).requirements.length;
    await assertAccessible(page, "the framework editor");
    await captureWidths(page, "framework-editor");
  });

  it("previews who would become ineligible when a requirement is raised", async () => {
    await page.getByRole("button", { name: /^2\. Pharmacy Technician II / }).click();
    await page.getByRole("heading", { level: 2, name: "Pharmacy Technician II" }).waitFor();
    await page.getByRole("heading", { name: `Requirements (${tech2RequirementCount})` }).waitFor();

    const tenure = requirementRow(page, /\. Tenure$/).getByLabel("Months in role");
    assert.equal(await tenure.inputValue(), "6");
    await tenure.fill("60");
    assert.equal(await page.getByTestId("draft-status").textContent(), "New draft v2, unsaved changes");

    await page.getByRole("button", { name: "Preview impact" }).click();
    await page.getByRole("heading", { name: "Impact if published now" }).waitFor();
    const ineligible = page.getByRole("region", { name: "Become ineligible" });
    const rows = await ineligible.locator("tbody tr").allTextContents();
    assert.ok(rows.length >= 1, "the colleague who is ready for Tech II would no longer be");
    assert.ok(rows.every((row) => row.includes("Pharmacy Technician II")), rows.join(" | "));
    assert.ok(rows.some((row) => row.includes("OH-101")), rows.join(" | "));
    const { before, after } = await impactCounts(page);
    assert.equal(after, before - rows.length);
    await assertAccessible(page, "the impact preview");

    await tenure.fill("6");
    await page.getByText("The framework changed after this preview.").waitFor();
  });

  it("removes the national certification from Pharmacy Technician II and sees the impact", async () => {
    const national = requirementRow(page, /\. Certification$/, "CPhT");
    assert.equal(await national.count(), 1);
    const legend = (await national.locator("legend").textContent())!.trim();
    await national.getByRole("button", { name: /^Remove requirement/ }).click();
    await page.getByRole("heading", { name: `Requirements (${tech2RequirementCount - 1})` }).waitFor();
    assert.equal(await requirementRow(page, /\. Certification$/, "CPhT").count(), 0, `${legend} is gone`);
    assert.equal(await page.getByTestId("draft-status").textContent(), "New draft v2, unsaved changes");

    await page.getByRole("button", { name: "Preview impact" }).click();
    await page.getByText("The framework changed after this preview.").waitFor({ state: "detached" });
    const eligible = await page.getByRole("heading", { name: /^Become eligible \(\d+\)$/ }).textContent();
    const ineligible = await page.getByRole("heading", { name: /^Become ineligible \(\d+\)$/ }).textContent();
    assert.equal(ineligible, "Become ineligible (0)", "dropping a requirement makes nobody ineligible");
    impactOfRemoval = await impactCounts(page);
    const { before, after } = impactOfRemoval;
    assert.equal(after - before, Number(/\((\d+)\)/.exec(eligible!)![1]));
    await assertAccessible(page, "the impact preview after removing a requirement");
  });

  it("saves the draft, then publishes it after confirming, and version 2 is in force", async () => {
    await page.getByLabel("Note for this version (optional)").fill("National certification moves to Tech III");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft v2 saved.").waitFor();
    assert.equal(await page.getByTestId("draft-status").textContent(), "Draft v2, saved");
    assert.equal((await publishedFramework(page)).version, 1, "a saved draft changes nothing yet");
    await page.getByRole("region", { name: "Framework versions" }).getByText("National certification moves to Tech III").waitFor();

    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish draft v2?" });
    await dialog.waitFor();
    assert.deepEqual(await impactCounts(dialog), impactOfRemoval, "the dialog shows the impact of the draft being published");
    await assertAccessible(page, "the publish confirmation");
    await dialog.getByRole("button", { name: "Publish v2" }).click();
    await page.getByText("Version 2 is now in force.").waitFor();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("In force: v2").waitFor();
    await page.getByRole("region", { name: "Framework versions" }).getByRole("row", { name: /v2 In force/ }).waitFor();
    assert.equal(await page.getByTestId("draft-status").textContent(), "No draft");

    const published = await publishedFramework(page);
    assert.equal(published.version, 2);
    const tech2 = tech2Of(published);
    assert.equal(tech2.requirements.length, tech2RequirementCount - 1);
    assert.ok(!tech2.requirements.some((r) => r.anyOf?.includes("ptcb-cpht")));
    assert.equal(tech2.requirements.find((r) => r.kind === "tenure")?.months, 6);
    await assertAccessible(page, "the editor after publishing");
    await captureWidths(page, "framework-editor-published");
  });

  it("shows the server's problems with their paths, next to the level, and warns before leaving", async () => {
    await page.setViewportSize(PHONE);
    await page.getByRole("button", { name: "Add a level" }).click();
    await page.getByLabel("Level name").fill("Senior Lead Technician");
    assert.equal(await page.getByLabel("Level code").inputValue(), "senior-lead-technician");
    await page.getByLabel("Kind of requirement").selectOption("tenure");
    await page.getByRole("button", { name: "Add requirement" }).click();
    await page.getByText("Mastery requirement needed").waitFor();
    await page.getByRole("button", { name: "Save draft" }).click();

    const summary = page.getByRole("alert").filter({ hasText: "to fix before the framework can be saved" });
    await summary.waitFor();
    const path = await summary.locator("code").first().textContent();
    assert.match(path!, /^tracks\[0\]\.levels\[\d\]\.requirements$/);
    await summary.getByText("tenure alone").waitFor();
    await page.locator("section", { has: page.getByRole("heading", { name: "Requirements (1)" }) }).getByText("tenure alone").waitFor();
    await assertAccessible(page, "the problems on a phone");

    const prompts: string[] = [];
    page.once("dialog", (d) => {
      prompts.push(d.message());
      void d.dismiss();
    });
    await page.getByRole("button", { name: "Open navigation" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
    await page.waitForTimeout(200);
    assert.equal(prompts.length, 1, "leaving with unsaved changes asks first");
    assert.match(page.url(), /\/ladder\/framework$/);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Discard draft" }).click();
    await page.getByRole("dialog", { name: "Discard your changes?" }).getByRole("button", { name: "Discard draft" }).click();
    await page.getByText("Changes discarded.").waitFor();
    assert.equal(await page.getByTestId("draft-status").textContent(), "No draft");
    await page.setViewportSize(DESKTOP);
  });

  it("refuses to save over a draft saved meanwhile in another tab, says who and when, and reloads it", async () => {
    const note = page.getByLabel("Note for this version (optional)");
    await note.fill("Tenure for Tech II stays at 6 months");
    // The same draft, opened and saved in another tab before this one saves.
    const opened = await (await page.request.get("/api/ladder/framework/draft")).json();
    const session = (await (await page.request.get("/api/auth/session")).json()) as { csrfToken: string };
    const elsewhere = await page.request.put("/api/ladder/framework/draft", {
      headers: { "x-csrf-token": session.csrfToken },
      data: { definition: opened.definition, note: "Saved in the other tab", baseRevision: opened.revision },
    });
    assert.equal(elsewhere.status(), 200, await elsewhere.text());

    await page.getByRole("button", { name: "Save draft" }).click();
    const conflict = page.getByRole("alert").filter({ hasText: "This draft was changed by someone else" });
    await conflict.waitFor();
    await conflict.getByText(/^Dana Whitfield saved draft v3 at .+, after you opened it\.$/).waitFor();
    assert.equal(await note.inputValue(), "Tenure for Tech II stays at 6 months", "the unsaved changes stay on screen");
    await assertAccessible(page, "the draft conflict");

    await conflict.getByRole("button", { name: "Reload the saved draft" }).click();
    await conflict.waitFor({ state: "detached" });
    assert.equal(await note.inputValue(), "Saved in the other tab");
    assert.equal(await page.getByTestId("draft-status").textContent(), "Draft v3, saved");
    await note.fill("Saved in the other tab; tenure stays");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft v3 saved.").waitFor();
    assert.equal((await (await page.request.get("/api/ladder/framework/draft")).json()).note, "Saved in the other tab; tenure stays");
  });
});
