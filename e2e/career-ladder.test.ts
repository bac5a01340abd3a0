import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Locator, Page } from "playwright-core";
import { assertAccessible, assertFitsWidth, DEMO, DESKTOP, displayDate, type E2E, isoDaysFromToday, PHONE, screenshotPath, signIn, siteToday, startE2E, waitForNavigation } from "./harness.ts";

const PASSWORD = "rxladder-demo";
const NATIONAL_CERTIFICATION = "National certification: PTCB CPhT or NHA ExCPT";
const CPHT = "Certified Pharmacy Technician (CPhT)";
const CPHT_NUMBER = "1048576";
const EARNED_ON = isoDaysFromToday(-21);
/** A 1×1 PNG: the scan of Kevin's certificate. */
const CERTIFICATE_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const CERTIFICATE_NAME = "kevin-cpht-certificate.png";

interface PersonLadder {
  person: { id: string };
  competencies: { code: string; name: string; status: string; proficiency: number | null }[];
}
interface Framework {
  definition: { tracks: { code: string; kind: string; levels: { code: string; requirements: { kind: string; competency?: string; minProficiency?: number }[] }[] }[] };
}

/** Opens a page from the main navigation, which on a phone sits behind the burger button. */
async function openFromPhoneMenu(page: Page, link: string) {
  await page.getByRole("button", { name: "Open navigation" }).click();
  await waitForNavigation(page, "open");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
  await waitForNavigation(page, "closed");
}

/** Chooses a file in a file input (a button that opens the browser's file chooser). */
async function chooseFile(page: Page, button: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), button.click()]);
  await chooser.setFiles(file);
}

/** A section of the page named by its heading. */
function region(page: Page, name: string) {
  return page.getByRole("region", { name, exact: true });
}

/** What the summary at the top of a ladder says, with its whitespace collapsed. */
async function summaryText(page: Page): Promise<string> {
  const summary = page.getByRole("region", { name: "Where things stand" });
  await summary.waitFor();
  return (await summary.innerText()).replace(/\s+/g, " ");
}

/** A requirement of the next level's checklist, and the status it shows. */
async function requirementStatus(page: Page, levelName: string, label: string): Promise<string | null> {
  const item = page.getByRole("list", { name: `Requirements for ${levelName}` }).getByRole("listitem").filter({ hasText: label });
  await item.waitFor();
  return item.getAttribute("data-status");
}

/** The competencies Kevin still needs for Pharmacy Technician II, as the API reports them to the signed-in person. */
async function missingTech2Competencies(page: Page, personId: string): Promise<string[]> {
  const [framework, ladder] = await Promise.all([
    page.request.get("/api/ladder/framework").then((r) => r.json() as Promise<Framework>),
    page.request.get(`/api/ladder/people/${personId}`).then((r) => r.json() as Promise<PersonLadder>),
  ]);
  const core = framework.definition.tracks.find((track) => track.kind === "core")!;
  const tech2 = core.levels.find((level) => level.code === "tech-2")!;
  return tech2.requirements
    .filter((requirement) => requirement.kind === "competency")
    .filter((requirement) => {
      const standing = ladder.competencies.find((c) => c.code === requirement.competency);
      const current = standing && (standing.status === "valid" || standing.status === "expiring");
      return !current || (standing.proficiency ?? 0) < requirement.minProficiency!;
    })
    .map((requirement) => requirement.competency!);
}

describe("the career ladder: from a missing certification to a promotion", () => {
  let e2e: E2E;
  let kevin: Page;
  let admin: Page;
  let alicia: Page;
  let marcus: Page;
  let kevinId: string;
  let effectiveDate: string;

  before(async () => {
    e2e = await startE2E();
    kevin = await e2e.newPage(PHONE);
    admin = await e2e.newIsolatedPage(DESKTOP);
    alicia = await e2e.newIsolatedPage(PHONE);
    marcus = await e2e.newIsolatedPage(DESKTOP);
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
        for (const [who, page] of Object.entries({ kevin, admin, alicia, marcus })) {
          await page?.screenshot({ path: screenshotPath(`career-ladder-failed-${who}`), fullPage: true }).catch(() => {});
        }
        throw error;
      }
    });
  }

  step("shows Kevin, on his phone, his level, the next one and the missing national certification", async () => {
    await signIn(kevin, DEMO.technician);
    await openFromPhoneMenu(kevin, "My ladder");
    await kevin.getByRole("heading", { level: 1, name: "My ladder" }).waitFor();
    const summary = await summaryText(kevin);
    assert.match(summary, /You are Pharmacy Technician I \(since /);
    assert.match(summary, /To reach Pharmacy Technician II you still need: /);
    assert.ok(summary.includes(NATIONAL_CERTIFICATION), summary);
    await region(kevin, "Toward Pharmacy Technician II").waitFor();
    assert.equal(await requirementStatus(kevin, "Pharmacy Technician II", NATIONAL_CERTIFICATION), "missing");
    await assertFitsWidth(kevin, "My ladder");
    await assertAccessible(kevin, "My ladder, Tech I, on a phone");
  });

  step("lets the admin record Kevin's PTCB CPhT as verified on his ladder", async () => {
    await signIn(admin, DEMO.admin);
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roster", exact: true }).click();
    await admin.getByRole("heading", { level: 1, name: "Roster" }).waitFor();
    await admin.getByRole("searchbox", { name: "Search" }).fill("Nguyen");
    await admin.getByRole("region", { name: "Roster" }).getByRole("link", { name: "Nguyen, Kevin" }).click();
    await admin.getByRole("heading", { level: 1, name: "Kevin Nguyen" }).waitFor();
    kevinId = new URL(admin.url()).pathname.split("/").at(-1)!;
    await admin.getByRole("link", { name: "Career ladder" }).click();
    await admin.waitForURL(`**/people/${kevinId}/ladder`);
    await admin.getByRole("heading", { level: 1, name: "Kevin Nguyen: career ladder" }).waitFor();
    assert.match(await summaryText(admin), /Kevin is Pharmacy Technician I/);

    const certifications = region(admin, "Certifications");
    await certifications.getByRole("button", { name: "Record certification" }).click();
    const form = admin.getByRole("form", { name: "Record a certification" });
    await form.getByLabel("Certification").selectOption({ label: `${CPHT} (PTCB)` });
    await form.getByLabel("Number (optional)").fill(CPHT_NUMBER);
    await form.getByLabel("Earned on").fill(EARNED_ON);
    await form.getByLabel("Verified against the issuer's records").check();
    const copy = form.getByLabel("Copy of the credential (optional)");
    await chooseFile(admin, copy, { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a certificate") });
    await form.getByText("Choose a PDF, JPEG, PNG, HEIC or WebP file; notes.txt is not one.").waitFor();
    await chooseFile(admin, copy, { name: CERTIFICATE_NAME, mimeType: "image/png", buffer: CERTIFICATE_PNG });
    await form.getByText("notes.txt is not one").waitFor({ state: "detached" });
    await form.getByRole("button", { name: "Record certification" }).click();
    await form.getByRole("status").filter({ hasText: `${CPHT} recorded as verified, with its copy.` }).waitFor();

    const holding = certifications.getByRole("list", { name: "Certifications held" }).getByRole("listitem").filter({ hasText: CPHT });
    await holding.waitFor();
    const text = (await holding.innerText()).replace(/\s+/g, " ");
    assert.match(text, /Active/);
    assert.ok(text.includes(`No. ${CPHT_NUMBER}`), text);
    assert.ok(text.includes(`Earned ${displayDate(EARNED_ON)}`) && text.includes("· verified"), text);
    assert.doesNotMatch(text, /Awaiting verification/);
    const link = holding.getByRole("link", { name: CERTIFICATE_NAME });
    assert.ok(text.includes(`Copy: ${CERTIFICATE_NAME}`), text);
    const download = await admin.request.get((await link.getAttribute("href"))!);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()["content-type"], "image/png");
    assert.match(download.headers()["content-disposition"], /^attachment; /);
    assert.deepEqual(await download.body(), CERTIFICATE_PNG);
    assert.equal(await requirementStatus(admin, "Pharmacy Technician II", NATIONAL_CERTIFICATION), "met");
    await assertAccessible(admin, "Kevin's ladder as the admin, with the certification form and its confirmation");
  });

  step("lets Alicia, on her phone, sign a whole Tech II competency with her password", async () => {
    await signIn(alicia, DEMO.pharmacist);
    await openFromPhoneMenu(alicia, "Sign off");
    await alicia.getByRole("heading", { level: 1, name: "Sign off a competency" }).waitFor();
    await alicia.getByRole("searchbox", { name: "Find a person" }).fill("Kevin Nguyen");
    await alicia.getByRole("status").filter({ hasText: /^1 match$/ }).waitFor();
    await assertAccessible(alicia, "the sign-off page, choosing the person");
    await alicia.getByRole("list", { name: "People you may assess" }).getByRole("button", { name: /Nguyen, Kevin/ }).click();

    await alicia.getByRole("heading", { level: 2, name: "2. Competency" }).waitFor();
    const needed = alicia.getByRole("list", { name: "Needed for Pharmacy Technician II" });
    const choice = needed.getByRole("button").filter({ hasText: "Not started" }).first();
    await choice.waitFor();
    const competency = (await choice.locator(":scope > span > span").first().innerText()).trim();
    await assertAccessible(alicia, "the sign-off page, choosing the competency");
    await choice.click();

    await alicia.getByRole("heading", { level: 2, name: "3. Sign off" }).waitFor();
    const form = alicia.getByRole("form", { name: `Sign off ${competency} for Kevin Nguyen` });
    const proficiency = form.getByRole("radio", { name: "3 · Independent" });
    await proficiency.waitFor();
    const whole = form.getByRole("radio", { name: "The whole competency" });
    if ((await whole.count()) > 0) await whole.check();
    await proficiency.check();
    await form.getByLabel("Your password", { exact: true }).fill(PASSWORD);
    await assertFitsWidth(alicia, "The sign-off form");
    await assertAccessible(alicia, "the sign-off form, filled in");
    await form.getByRole("button", { name: "Sign with your password" }).click();

    const confirmation = alicia.getByRole("status").filter({ hasText: "You signed the whole competency" });
    await confirmation.waitFor();
    const confirmed = (await confirmation.innerText()).replace(/\s+/g, " ");
    assert.ok(confirmed.includes(`You signed the whole competency ${competency} for Kevin Nguyen at proficiency 3 · Independent.`), confirmed);
    await assertAccessible(alicia, "the sign-off confirmation");

    const stillMissing = await missingTech2Competencies(alicia, kevinId);
    assert.ok(stillMissing.length > 0, "other Tech II competencies are still missing");
    const competencyCode = new URL(alicia.url()).searchParams.get("competency");
    assert.ok(!stillMissing.includes(competencyCode!), `${competencyCode} counts as signed`);

    const session = (await (await alicia.request.get("/api/auth/session")).json()) as { csrfToken: string };
    for (const code of stillMissing) {
      const response = await alicia.request.post("/api/ladder/signoffs", {
        headers: { "x-csrf-token": session.csrfToken },
        data: { personId: kevinId, competencyCode: code, proficiency: 3, password: PASSWORD, evidenceNote: "Observed during a regular shift" },
      });
      assert.equal(response.status(), 201, `${code}: ${await response.text()}`);
    }
    assert.deepEqual(await missingTech2Competencies(alicia, kevinId), []);
  });

  step("lets Marcus nominate Kevin from Team readiness, but not approve his own nomination", async () => {
    await signIn(marcus, DEMO.manager);
    await marcus.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team readiness" }).click();
    await marcus.getByRole("heading", { level: 1, name: "Team readiness" }).waitFor();
    const row = marcus.getByRole("region", { name: "Team readiness" }).getByRole("row").filter({ has: marcus.getByRole("link", { name: "Nguyen, Kevin" }) });
    await row.getByText("Eligible", { exact: true }).waitFor();
    const cells = await row.getByRole("cell").allInnerTexts();
    assert.equal(cells[2], "Pharmacy Technician I");
    assert.equal(cells[3], "Pharmacy Technician II");
    assert.match(cells[4], /100%/);
    await assertAccessible(marcus, "Team readiness");

    await row.getByRole("button", { name: "Nominate Kevin Nguyen" }).click();
    const dialog = marcus.getByRole("dialog", { name: "Nominate Kevin Nguyen for promotion" });
    const target = dialog.getByLabel("Target level");
    await target.waitFor();
    assert.equal(await target.inputValue(), "core/tech-2");
    assert.equal((await target.locator("option:checked").innerText()).trim(), "Pharmacy Technician II · eligible");
    effectiveDate = siteToday();
    await dialog.getByLabel("Effective date").fill(effectiveDate);
    await dialog.getByLabel("Pay change, dollars per hour (optional)").fill("1.50");
    await assertAccessible(marcus, "the nomination dialog");
    await dialog.getByRole("button", { name: "Nominate", exact: true }).click();
    await dialog.getByRole("status").filter({ hasText: `Kevin Nguyen is nominated for Pharmacy Technician II, effective ${displayDate(effectiveDate)}.` }).waitFor();
    await dialog.getByRole("button", { name: "Done" }).click();
    await dialog.waitFor({ state: "hidden" });
    await row.getByText("Nominated", { exact: true }).waitFor();
    assert.equal(await row.getByRole("button", { name: "Nominate Kevin Nguyen" }).count(), 0, "a nominated person cannot be nominated twice");

    await marcus.getByRole("main").getByRole("link", { name: "Promotions", exact: true }).click();
    await marcus.getByRole("heading", { level: 1, name: "Promotions" }).waitFor();
    const pending = marcus.getByRole("list", { name: "Nominations waiting for a decision" });
    const card = pending.getByRole("listitem").filter({ has: marcus.getByRole("heading", { name: "Kevin Nguyen" }) });
    await card.waitFor();
    const cardText = (await card.innerText()).replace(/\s+/g, " ");
    assert.match(cardText, /Promotion: Pharmacy Technician I → Pharmacy Technician II/);
    assert.match(cardText, /\+\$1\.50\/h/);
    assert.match(cardText, /Nominated by Marcus Reyes/);
    assert.match(cardText, /Eligible when nominated/);
    await card.getByRole("button", { name: "Approve Kevin Nguyen for Pharmacy Technician II" }).click();
    const refusal = card.getByRole("alert").filter({ hasText: "The decision was not recorded" });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /The person who nominated cannot also approve/);
    await assertAccessible(marcus, "Promotions, after the refused approval");

    await marcus.reload();
    await card.waitFor();
    assert.equal(await card.getByRole("button", { name: "Approve Kevin Nguyen for Pharmacy Technician II" }).count(), 1, "the nomination is still waiting");
    const stored = (await (await marcus.request.get("/api/promotions?status=nominated")).json()) as { items: { person: { id: string } }[] };
    assert.equal(stored.items.filter((p) => p.person.id === kevinId).length, 1, "the nomination stays pending");
  });

  step("lets the admin approve the nomination", async () => {
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Promotions" }).click();
    await admin.getByRole("heading", { level: 1, name: "Promotions" }).waitFor();
    const card = admin.getByRole("list", { name: "Nominations waiting for a decision" }).getByRole("listitem").filter({ has: admin.getByRole("heading", { name: "Kevin Nguyen" }) });
    await card.waitFor();
    await assertAccessible(admin, "Promotions, as the admin");
    await card.getByRole("button", { name: "Approve Kevin Nguyen for Pharmacy Technician II" }).click();
    await admin.getByRole("status").filter({ hasText: `Approved: Kevin Nguyen becomes Pharmacy Technician II on ${displayDate(effectiveDate)}.` }).waitFor();
    await card.waitFor({ state: "detached" });
    const decided = admin.getByRole("list", { name: "Recent decisions" }).getByRole("listitem").filter({ has: admin.getByRole("link", { name: "Kevin Nguyen" }) });
    const text = (await decided.first().innerText()).replace(/\s+/g, " ");
    assert.match(text, /Approved/);
    assert.match(text, /Nominated by Marcus Reyes · decided by Dana Whitfield/);
    await assertAccessible(admin, "Promotions after the approval");
  });

  step("shows Kevin he is now Pharmacy Technician II, with Tech III next and both levels in his history", async () => {
    await kevin.reload();
    await kevin.getByRole("heading", { level: 1, name: "My ladder" }).waitFor();
    const summary = await summaryText(kevin);
    assert.match(summary, /You are Pharmacy Technician II \(since /);
    assert.ok(summary.includes(`(since ${displayDate(effectiveDate)})`), summary);
    assert.match(summary, /To reach Pharmacy Technician III you still need: /);
    await region(kevin, "Toward Pharmacy Technician III").waitFor();
    assert.equal(await region(kevin, "Toward Pharmacy Technician II").count(), 0);
    const history = kevin.getByRole("list", { name: "Levels held, newest first" }).getByRole("listitem");
    const levels = (await history.allInnerTexts()).map((text) => text.split("\n")[0].trim());
    assert.deepEqual(levels, ["Pharmacy Technician II", "Pharmacy Technician I"], "Tech I, then Tech II, shown newest first");
    assert.match(await history.first().innerText(), / – now/);
    assert.ok((await history.last().innerText()).includes(`– ${displayDate(effectiveDate)}`), "Tech I ends when Tech II starts");
    await assertFitsWidth(kevin, "My ladder");
    await assertAccessible(kevin, "My ladder, Tech II, on a phone");
  });
});
