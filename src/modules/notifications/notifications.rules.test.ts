import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EMAIL_KINDS, MAX_EMAIL_ATTEMPTS, NOTIFICATION_KINDS, notificationEmail, reminderWindow, retryDelayMs, wantsEmail, weeklySummaryEmail } from "./notifications.rules.ts";

describe("notification rules", () => {
  it("a date falls in the smallest reminder window that holds it", () => {
    assert.equal(reminderWindow(91), null);
    assert.equal(reminderWindow(90), 90);
    assert.equal(reminderWindow(61), 90);
    assert.equal(reminderWindow(60), 60);
    assert.equal(reminderWindow(31), 60);
    assert.equal(reminderWindow(30), 30);
    assert.equal(reminderWindow(0), 30, "the last day still reminds");
    assert.equal(reminderWindow(-1), null, "past: no reminder");
    assert.equal(reminderWindow(10, [14, 7]), 14);
  });

  it("each reminder window is reached exactly once as the days count down", () => {
    const windows = new Set<number>();
    let changes = 0;
    let previous: number | null = null;
    for (let days = 200; days >= -5; days--) {
      const w = reminderWindow(days);
      if (w !== null && w !== previous) changes += 1;
      if (w !== null) windows.add(w);
      previous = w;
    }
    assert.deepEqual([...windows].sort((a, b) => a - b), [30, 60, 90]);
    assert.equal(changes, 3);
  });

  it("e-mail choices: the person's own, else the kind's default", () => {
    assert.equal(wantsEmail("approval-waiting", new Map()), true);
    assert.equal(wantsEmail("evaluation-due", new Map()), false);
    assert.equal(wantsEmail("approval-waiting", new Map([["approval-waiting", false]])), false);
    assert.equal(wantsEmail("evaluation-due", new Map([["evaluation-due", true]])), true);
    for (const kind of NOTIFICATION_KINDS) assert.ok(EMAIL_KINDS.some((k) => k.kind === kind), `${kind} has an e-mail setting`);
  });

  it("retries wait 1, 2, 4 … minutes, at most six hours", () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [60_000, 120_000, 240_000, 480_000]);
    assert.equal(retryDelayMs(20), 6 * 3600_000);
    assert.ok(MAX_EMAIL_ATTEMPTS > 3);
  });

  it("an e-mail carries the link and where to change the choice, without a doubled slash", () => {
    const mail = notificationEmail({ title: "Your CPhT expires on 2026-07-10", body: "Renew it.", link: "/ladder" }, "https://rx.example.org/");
    assert.equal(mail.subject, "Rx Ladder: Your CPhT expires on 2026-07-10");
    assert.match(mail.text, /Open: https:\/\/rx\.example\.org\/ladder\n/);
    assert.match(mail.text, /https:\/\/rx\.example\.org\/notifications\/settings/);
  });

  it("the weekly summary lists the week's figures and is skipped when there is nothing", () => {
    assert.equal(weeklySummaryEmail("Ana", "2026-06-22", { byKind: {}, unread: 0 }, "http://x"), null);
    const mail = weeklySummaryEmail("Ana", "2026-06-22", { byKind: { "approval-waiting": 2, "evaluation-due": 1 }, unread: 5 }, "http://x")!;
    assert.equal(mail.subject, "Rx Ladder: your week of 2026-06-22");
    assert.match(mail.text, /2  approvals waiting/);
    assert.match(mail.text, /1  evaluation reminders/);
    assert.match(mail.text, /Unread notifications: 5/);
    assert.ok(mail.text.indexOf("evaluation reminders") < mail.text.indexOf("approvals waiting"), "in the kinds' order");
    const quiet = weeklySummaryEmail("Ana", "2026-06-22", { byKind: {}, unread: 3 }, "http://x")!;
    assert.match(quiet.text, /Nothing new in the last seven days/);
  });
});
