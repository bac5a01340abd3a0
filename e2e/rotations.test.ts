import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { addDays } from "../src/lib/dates.ts";
import { assertAccessible, DEMO, DESKTOP, PHONE, screenshotPath, signIn, startE2E, waitForNavigation, type E2E } from "./harness.ts";

interface PlanView {
  id: string;
  site: { id: string };
  people: { id: string; name: string; tier: string }[];
  stations: { id: string; name: string }[];
  assignments: { id: string; personId: string; stationId: string; day: string }[];
}

/** The demo logins keep their documented addresses; everyone else signs in as first.last@demo.rxladder.test. */
function emailOf(name: string): string {
  if (name === "Jasmine Brooks") return DEMO.mentor;
  if (name === "Kevin Nguyen") return DEMO.technician;
  return `${name.replace(" ", ".").toLowerCase()}@demo.rxladder.test`;
}

async function openFromPhoneMenu(page: Page, link: string) {
  await page.getByRole("button", { name: "Open navigation" }).click();
  await waitForNavigation(page, "open");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
  await waitForNavigation(page, "closed");
}

async function assertFitsWidth(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${where} is ${overflow}px wider than the screen`);
}

const dayText = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]} ${d}, ${y}`;
};

describe("rotations: a manager plans, approves PTO, backfills and publishes; the technician covering sees the shift", () => {
  let e2e: E2E;
  let marcus: Page;
  let absent: Page;
  let cover: Page;
  let plan: PlanView;
  let chosen: { assignmentId: string; day: string; station: string; person: string };
  let coverName: string;

  before(async () => {
    e2e = await startE2E();
    marcus = await e2e.newPage(DESKTOP);
    absent = await e2e.newIsolatedPage(PHONE);
    cover = await e2e.newIsolatedPage(PHONE);
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
        for (const [who, page] of Object.entries({ marcus, absent, cover })) await page?.screenshot({ path: screenshotPath(`rotations-failed-${who}`), fullPage: true }).catch(() => {});
        throw error;
      }
    });
  }

  step("lets Marcus generate the plan for the first week Riverside has none published (this week's and next week's are), with a progress indicator and the grid", async () => {
    await signIn(marcus, DEMO.manager);
    await marcus.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rotations", exact: true }).click();
    await marcus.getByRole("heading", { level: 1, name: "Rotations" }).waitFor();
    await marcus.getByRole("region", { name: "Rotation plans" }).waitFor();
    await assertAccessible(marcus, "the rotations page");
    // The form proposes the Monday after the published plans, whatever the day of the week.
    const siteId = ((await (await marcus.request.get("/api/auth/session")).json()) as { person: { siteId: string } }).person.siteId;
    const plans = ((await (await marcus.request.get(`/api/rotations/sites/${siteId}/plans`)).json()) as { items: { endsOn: string; status: string }[] }).items;
    const afterPublished = addDays(plans.filter((p) => p.status === "published").map((p) => p.endsOn).sort().at(-1)!, 1);
    await marcus.getByText("The first week without a published plan").waitFor();
    const firstMonday = await marcus.getByLabel("First Monday").elementHandle();
    await marcus.waitForFunction(([input, expected]) => (input as HTMLInputElement).value === expected, [firstMonday, afterPublished] as const);
    await marcus.getByRole("button", { name: "Generate plan" }).click();
    await marcus.waitForURL(/\/rotations\/plans\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await marcus.getByRole("heading", { level: 1, name: /^Rotation / }).waitFor();
    await marcus.getByText("Draft", { exact: true }).waitFor();
    await marcus.getByRole("region", { name: "Plan by station and shift" }).waitFor();
    await assertAccessible(marcus, "the plan page");
    const id = marcus.url().split("/").pop()!;
    plan = await (await marcus.request.get(`/api/rotations/plans/${id}`)).json();
    assert.ok(plan.assignments.length > 0, "the plan assigns people");
    await marcus.getByText("People × days", { exact: true }).click();
    await marcus.getByRole("region", { name: "Plan by person and day" }).waitFor();
  });

  step("picks a planned technician whose shift someone else could cover", async () => {
    const leave = (await (await marcus.request.get(`/api/rotations/leave?siteId=${plan.site.id}`)).json()).items as { person: { id: string } }[];
    const busy = new Set(leave.map((l) => l.person.id));
    const names = new Map(plan.people.map((p) => [p.id, p.name]));
    for (const a of plan.assignments) {
      const name = names.get(a.personId)!;
      if (busy.has(a.personId) || name === "Jasmine Brooks" || name === "Kevin Nguyen") continue;
      const options = await (await marcus.request.get(`/api/rotations/assignments/${a.id}/backfill`)).json();
      if (options.candidates.length === 0) continue;
      chosen = { assignmentId: a.id, day: a.day, station: plan.stations.find((s) => s.id === a.stationId)!.name, person: name };
      break;
    }
    assert.ok(chosen, "some planned shift can be covered");
  });

  step("lets that technician ask for the day off from their phone", async () => {
    await signIn(absent, emailOf(chosen.person));
    await openFromPhoneMenu(absent, "My schedule");
    await absent.getByRole("heading", { level: 1, name: "My schedule" }).waitFor();
    await absent.getByLabel("First day").fill(chosen.day);
    await absent.getByLabel("Note for your manager").fill("Moving house");
    await absent.getByRole("button", { name: "Send request" }).click();
    const requests = absent.getByRole("list", { name: "Time-off requests" });
    await requests.getByText(`PTO: ${dayText(chosen.day)}`).waitFor();
    await requests.getByText("Waiting for approval").waitFor();
    await assertFitsWidth(absent, "My schedule on a phone");
    await assertAccessible(absent, "My schedule on a phone");
  });

  step("lets Marcus approve it and reassign the shift to the best cover in one step", async () => {
    await marcus.goto("/rotations");
    const card = marcus.getByRole("list", { name: "Time off waiting for a decision or cover" }).getByRole("listitem").filter({ hasText: `${chosen.person}: PTO` });
    await card.getByRole("button", { name: `Approve ${chosen.person}'s PTO` }).click();
    await card.getByText("Approved", { exact: true }).waitFor();
    await card.getByText("1 planned shift in this time.").waitFor();
    await card.getByRole("button", { name: "Find cover" }).click();
    const select = card.getByLabel(new RegExp(`^${chosen.station}, `));
    await select.waitFor();
    const value = await select.inputValue();
    coverName = value.split(" · ")[0];
    assert.ok(coverName && coverName !== chosen.person, value);
    await assertAccessible(marcus, "the backfill choices");
    await card.getByRole("button", { name: "Reassign 1 shift" }).click();
    await card.waitFor({ state: "detached" });
  });

  step("lets Marcus publish the plan once every rule holds", async () => {
    await marcus.goto(`/rotations/plans/${plan.id}`);
    await marcus.getByText("Every assignment keeps every rule.").waitFor();
    const row = marcus.getByRole("region", { name: "Plan by station and shift" });
    await row.getByText(`${coverName} (cover)`).waitFor();
    await marcus.getByRole("button", { name: "Publish plan" }).click();
    await marcus.getByText("Published", { exact: true }).waitFor();
    await assertAccessible(marcus, "the published plan");
  });

  step("shows the covering technician the new shift on their phone", async () => {
    await signIn(cover, emailOf(coverName));
    await openFromPhoneMenu(cover, "My schedule");
    const shifts = cover.getByRole("list", { name: "Upcoming shifts" });
    const card = shifts.getByRole("listitem").filter({ hasText: dayText(chosen.day) }).filter({ hasText: "Covering" });
    await card.waitFor();
    assert.match(await card.innerText(), new RegExp(chosen.station));
    await cover.getByRole("button", { name: "Make a calendar link" }).click();
    const link = await cover.getByLabel("Your calendar link (shown once)").inputValue();
    assert.match(link, /\/api\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
    const feed = await cover.request.get(new URL(link).pathname);
    assert.equal(feed.status(), 200);
    assert.match(await feed.text(), /BEGIN:VEVENT\r\n/);
    await assertFitsWidth(cover, "My schedule with a calendar link");
    await assertAccessible(cover, "My schedule with a calendar link");
    const notices = (await (await cover.request.get("/api/notifications")).json()).items as { kind: string; link: string }[];
    assert.ok(notices.some((n) => n.kind === "schedule-changed" && n.link === "/schedule"), "told that the schedule was published");
  });

  step("lets Marcus raise a station's demand on the setup page, with field errors inline, on a phone too", async () => {
    await marcus.goto("/rotations");
    await marcus.getByRole("link", { name: "Stations, shifts, demand and availability" }).click();
    await marcus.getByRole("heading", { level: 1, name: "Rotation setup" }).waitFor();
    const before = (await (await marcus.request.get(`/api/rotations/sites/${plan.site.id}/setup`)).json()) as { stations: { id: string; name: string; active: boolean }[]; shifts: { id: string; name: string; active: boolean }[]; demand: { stationId: string; shiftId: string; weekday: number; people: number }[] };
    const station = before.stations.find((s) => s.active)!;
    const shift = before.shifts.find((s) => s.active)!;
    const needed = before.demand.find((d) => d.stationId === station.id && d.shiftId === shift.id && d.weekday === 1)?.people ?? 0;
    const cell = marcus.getByLabel(`${station.name}, Mon, ${shift.name}`, { exact: true });
    assert.equal(await cell.inputValue(), String(needed));
    await cell.fill(String(needed + 1));
    await marcus.getByRole("button", { name: "Save demand" }).click();
    await marcus.getByRole("status").filter({ hasText: "Demand saved." }).waitFor();
    const after = (await (await marcus.request.get(`/api/rotations/sites/${plan.site.id}/setup`)).json()) as typeof before;
    assert.equal(after.demand.find((d) => d.stationId === station.id && d.shiftId === shift.id && d.weekday === 1)?.people, needed + 1);
    assert.equal(after.demand.length, before.demand.length + (needed === 0 ? 1 : 0), "the other shifts' demand is kept");

    await marcus.getByRole("button", { name: `Edit ${station.name}` }).click();
    const form = marcus.getByRole("region", { name: `Edit ${station.name}` });
    await form.getByLabel("Name").fill("X");
    await form.getByRole("button", { name: "Save station" }).click();
    await form.getByText(/at least 2|too small|>=2/i).waitFor();
    await assertAccessible(marcus, "the rotation setup page with a field error");
    await form.getByRole("button", { name: "Cancel" }).click();

    // A shift template moves by an hour: 16 hours at most, then saved and shown in the table.
    const peak = before.shifts.find((s) => s.active && s.name !== shift.name) ?? shift;
    await marcus.getByRole("button", { name: `Edit ${peak.name}` }).click();
    const shiftForm = marcus.getByRole("region", { name: `Edit ${peak.name}` });
    const ends = shiftForm.getByLabel("Ends");
    const starts = shiftForm.getByLabel("Starts");
    const [startedAt, endedAt] = [await starts.inputValue(), await ends.inputValue()];
    await ends.fill(startedAt === "00:00" ? "23:59" : startedAt.replace(/^(\d\d)/, (h) => String((Number(h) + 23) % 24).padStart(2, "0")));
    await shiftForm.getByRole("button", { name: "Save shift" }).click();
    await shiftForm.getByText("must make a shift of 1 to 16 hours").waitFor();
    await assertAccessible(marcus, "the shift editor with a field error");
    await ends.fill(endedAt);
    await shiftForm.getByLabel("Name").fill(`${peak.name} (moved)`);
    await shiftForm.getByRole("button", { name: "Save shift" }).click();
    await shiftForm.waitFor({ state: "detached" });
    await marcus.getByRole("region", { name: "Shifts", exact: true }).getByText(`${peak.name} (moved)`).waitFor();

    const staff = (await (await marcus.request.get(`/api/people?siteId=${plan.site.id}&status=active&pageSize=200`)).json()).items as { id: string; firstName: string; lastName: string; role: string }[];
    const tech = staff.find((p) => p.role === "technician")!;
    const techName = `${tech.firstName} ${tech.lastName}`;
    await marcus.getByLabel("Person", { exact: true }).selectOption({ label: techName });
    const hours = marcus.getByRole("textbox", { name: "Weekly hour limit" });
    await hours.waitFor();
    await hours.fill("32");
    await marcus.getByRole("button", { name: "Save availability" }).click();
    await marcus.getByRole("status").filter({ hasText: "Availability saved." }).waitFor();
    assert.equal((await (await marcus.request.get(`/api/rotations/people/${tech.id}/availability`)).json()).weeklyHours, 32);
    await assertAccessible(marcus, "the rotation setup page with availability");

    const phone = await e2e.newIsolatedPage(PHONE);
    await signIn(phone, DEMO.manager);
    await phone.goto("/rotations/setup");
    await phone.getByRole("heading", { level: 1, name: "Rotation setup" }).waitFor();
    await phone.getByLabel("Person", { exact: true }).selectOption({ label: techName });
    await phone.getByRole("button", { name: "Save availability" }).waitFor();
    await assertFitsWidth(phone, "the rotation setup page on a phone");
    await assertAccessible(phone, "the rotation setup page on a phone");
  });
});
