import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createMailer } from "../../lib/mailer.ts";
import { buildOrganization, buildPerson, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { createTestApp, mailText, startMailServer, type TestApp } from "../../test/harness.ts";
import { organizationEligibility } from "../ladder/ladder-views.ts";
import { claimEmails, deliverEmails, messageIdFor, queueWeeklySummaries, scanNotifications } from "./index.ts";

const NOW = new Date("2026-06-15T15:00:00Z");
const PUBLIC_URL = "http://localhost:3000";

describe("notifications: scan, notification centre, e-mail", () => {
  let t: TestApp;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let org: TestOrganization;
  let people: Record<"admin" | "manager" | "otherManager" | "veteran" | "newHire" | "mentor" | "pharmacist", { id: string; email: string; first_name: string; last_name: string; employee_id: string }>;
  let admin: Client, manager: Client, otherManager: Client, veteran: Client, newHire: Client, mentor: Client, pharmacist: Client, foreignAdmin: Client;
  const mailer = () => createMailer({ smtpUrl: mail.url, from: "Rx Ladder <no-reply@rxladder.test>" });
  const outboxCount = async () => Number((await t.database.db.selectFrom("email_outbox").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  before(async () => {
    mail = await startMailServer();
    t = await createTestApp({ smtpUrl: mail.url, now: NOW });
    const db = t.database.db;
    org = await buildOrganization(db);
    const [site1, site2] = org.sites.map((s) => s.id);
    // Tech I asks only for a national certification in this organization: the veteran, who holds one, is eligible.
    const framework = await db.selectFrom("ladder_frameworks").select(["id", "definition"]).where("org_id", "=", org.id).where("status", "=", "published").executeTakeFirstOrThrow();
    const definition = structuredClone(framework.definition) as { tracks: { kind: string; levels: { code: string; requirements: unknown[] }[] }[] };
    definition.tracks.find((t) => t.kind === "core")!.levels.find((l) => l.code === "tech-1")!.requirements = [{ kind: "certification", anyOf: ["ptcb-cpht", "nha-excpt"], label: "National certification" }];
    await db.updateTable("ladder_frameworks").set({ definition: JSON.stringify(definition) }).where("id", "=", framework.id).execute();
    people = {
      admin: await buildPerson(db, org, { role: "admin", siteId: site1 }),
      manager: await buildPerson(db, org, { role: "manager", siteId: site1 }),
      otherManager: await buildPerson(db, org, { role: "manager", siteId: site2 }),
      veteran: await buildPerson(db, org, { role: "technician", siteId: site1, hireDate: "2020-03-02" }),
      // Hired 2025-11-10: the default 9-month deadline is 2026-08-10, 56 days after NOW.
      newHire: await buildPerson(db, org, { role: "technician", siteId: site1, hireDate: "2025-11-10" }),
      mentor: await buildPerson(db, org, { role: "mentor", siteId: site1, hireDate: "2019-05-06" }),
      pharmacist: await buildPerson(db, org, { role: "pharmacist", siteId: site1 }),
    };
    // The veteran's CPhT expires in 25 days; their compounding sign-off runs out in 66 days.
    await db.insertInto("certification_holdings").values({ org_id: org.id, person_id: people.veteran.id, certification_code: "ptcb-cpht", earned_on: "2024-07-10", expires_on: "2026-07-10", verification_status: "verified" }).execute();
    await db.insertInto("certification_holdings").values({ org_id: org.id, person_id: people.mentor.id, certification_code: "ptcb-cpht", earned_on: "2025-01-10", expires_on: "2027-01-10", verification_status: "verified" }).execute();
    await db
      .insertInto("competency_signoffs")
      .values({ org_id: org.id, person_id: people.veteran.id, competency_code: "nonsterile-compounding", step_code: null, proficiency: 3, assessor_id: people.admin.id, assessor_role: "admin", signed_at: new Date("2025-08-20T15:00:00Z"), valid_until: "2026-08-20", evidence_note: null, evidence_file_id: null, signature: "test", framework_version: 1, revokes_id: null, revocation_reason: null })
      .execute();
    const pairing = await db.insertInto("mentor_pairings").values({ org_id: org.id, mentor_id: people.mentor.id, mentee_id: people.newHire.id, starts_on: "2026-05-01", created_by: people.manager.id }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("mentoring_sessions").values({ org_id: org.id, pairing_id: pairing.id, held_on: "2026-06-10", duration_minutes: 45, topics: "Days supply", logged_by: people.newHire.id }).execute();
    const other = await buildOrganization(db);
    [admin, manager, otherManager, veteran, newHire, mentor, pharmacist, foreignAdmin] = await Promise.all([
      signInAs(t.app, people.admin.email),
      signInAs(t.app, people.manager.email),
      signInAs(t.app, people.otherManager.email),
      signInAs(t.app, people.veteran.email),
      signInAs(t.app, people.newHire.email),
      signInAs(t.app, people.mentor.email),
      signInAs(t.app, people.pharmacist.email),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
    // The new hire asks to be reimbursed: their site's manager decides.
    const asked = await newHire.post("/api/incentives/reimbursements", { amountCents: 12000, purpose: "PTCE exam fee" });
    assert.equal(asked.statusCode, 201, asked.body);
    // The manager nominates the mentor: the nominator may not decide, and the site has no other manager, so the admin is asked.
    const nominated = await manager.post("/api/promotions", { personId: people.mentor.id, toTrack: "core", toLevel: "tech-2", effectiveDate: "2026-07-01", overrideJustification: "Covers the sterile room reliably" });
    assert.equal(nominated.statusCode, 201, nominated.body);
  });
  after(async () => {
    await t.close();
    await mail.close();
  });

  const kindsOf = async (client: Client) => ((await client.get("/api/notifications?limit=200")).json().items as { kind: string; title: string; link: string }[]);

  it("a scan notifies each person of their own expiries and deadlines, and the site's manager of everything at the site", async () => {
    const first = await scanNotifications(t.database.db, org.id, NOW, PUBLIC_URL);
    assert.ok(first.created > 0);

    const veteranItems = await kindsOf(veteran);
    const expiring = veteranItems.find((n) => n.kind === "certification-expiring")!;
    assert.match(expiring.title, /^Your Certified Pharmacy Technician \(CPhT\) expires on 2026-07-10$/);
    assert.equal(expiring.link, "/ladder");
    assert.ok(veteranItems.some((n) => n.kind === "competency-expiring" && /Non-sterile compounding/.test(n.title)));
    assert.ok(!veteranItems.some((n) => n.kind === "certification-deadline"), "a certified technician has no certification deadline");

    const newHireItems = await kindsOf(newHire);
    assert.deepEqual(newHireItems.map((n) => n.kind), ["certification-deadline"]);
    assert.match(newHireItems[0].title, /2026-08-10/);

    const managerItems = await kindsOf(manager);
    const kinds = new Set(managerItems.map((n) => n.kind));
    for (const kind of ["certification-expiring", "competency-expiring", "certification-deadline", "evaluation-due", "approval-waiting"]) assert.ok(kinds.has(kind), `manager gets ${kind}`);
    const evaluations = managerItems.find((n) => n.kind === "evaluation-due")!;
    assert.match(evaluations.title, /^3 evaluations due for June 2026 at Site 1$/);
    assert.equal(evaluations.link, "/evaluations");
    const managerApproval = managerItems.find((n) => n.kind === "approval-waiting")!;
    assert.match(managerApproval.title, /Reimbursement of \$120\.00/);
    assert.ok(!managerItems.some((n) => /Promotion of/.test(n.title)), "the nominator is not asked to approve their own nomination");

    const adminItems = await kindsOf(admin);
    assert.deepEqual(adminItems.map((n) => n.title), [`Promotion of ${people.mentor.first_name} ${people.mentor.last_name} to Pharmacy Technician II awaits your decision`]);
    assert.deepEqual((await kindsOf(mentor)).map((n) => n.kind), ["approval-waiting"], "the mentor confirms the mentee's session");

    // Newly eligible: exactly whom the ladder's own report calls eligible, less anyone already nominated.
    const report = await organizationEligibility(t.database.db, org.id, NOW);
    const expected = report.filter((e) => e.eligible && e.employeeId !== people.mentor.employee_id).map((e) => `${e.name} is eligible for ${e.nextLevel}`).sort();
    assert.ok(expected.length > 0, "someone at the site is eligible");
    assert.deepEqual(managerItems.filter((n) => n.kind === "promotion-eligible").map((n) => n.title).sort(), expected);

    // A draft exam item by the admin awaits review by the author's site's pharmacist, not by its author.
    await t.database.db
      .insertInto("exam_items")
      .values({ org_id: org.id, code: "TEST-001", version: 1, status: "draft", kind: "single", domain: "medications", subtopic: "brand-generic", difficulty: 1, stem: "Which?", options: JSON.stringify([]), answer_key: JSON.stringify([]), explanation: "", reference: "", source: "custom", created_by: people.admin.id })
      .execute();
    await scanNotifications(t.database.db, org.id, NOW, PUBLIC_URL);
    assert.deepEqual((await kindsOf(pharmacist)).map((n) => [n.title, n.link]), [["Exam item TEST-001 (version 1) awaits review", "/exams/bank/TEST-001"]]);
    assert.ok(!(await kindsOf(admin)).some((n) => /TEST-001/.test(n.title)), "the author does not review their own draft");
    assert.deepEqual(await kindsOf(otherManager), [], "another site's manager hears nothing of this site");
    assert.deepEqual(await kindsOf(foreignAdmin), [], "another organization hears nothing");
  });

  it("running the scan again, or later the same day, creates nothing new and queues no e-mail", async () => {
    const before = Number((await t.database.db.selectFrom("notifications").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const queued = await outboxCount();
    const again = await scanNotifications(t.database.db, org.id, NOW, PUBLIC_URL);
    const later = await scanNotifications(t.database.db, org.id, new Date(NOW.getTime() + 6 * 3600_000), PUBLIC_URL);
    assert.deepEqual(again, { created: 0, emailsQueued: 0 });
    assert.deepEqual(later, { created: 0, emailsQueued: 0 });
    const afterCount = Number((await t.database.db.selectFrom("notifications").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    assert.equal(afterCount, before);
    assert.equal(await outboxCount(), queued);
  });

  it("a closer reminder window is a new notification: 30 days after the 60-day one", async () => {
    const at = new Date("2026-07-15T15:00:00Z"); // the new hire's deadline is 26 days away
    await scanNotifications(t.database.db, org.id, at, PUBLIC_URL);
    const deadlines = (await kindsOf(newHire)).filter((n) => n.kind === "certification-deadline");
    assert.equal(deadlines.length, 2);
  });

  it("e-mails go out once over SMTP, with a link, except the kinds that default to off", async () => {
    const july = new Date("2026-07-15T15:00:00Z"); // after the last scan, so every queued e-mail is due
    const result = await deliverEmails(t.database.db, mailer(), "server-a", () => july);
    assert.equal(result.failed, 0);
    assert.equal(result.sent, await outboxCount());
    assert.equal(mail.messages.length, result.sent);
    const toManager = mail.messages.filter((m) => m.to.includes(people.manager.email)).map((m) => mailText(m.raw));
    assert.ok(toManager.some((text) => text.includes("Reimbursement") || text.includes("PTCE exam fee")));
    assert.ok(toManager.every((text) => !text.includes("evaluations for June")), "evaluation reminders are not e-mailed by default");
    assert.ok(toManager.every((text) => text.includes(`${PUBLIC_URL}/notifications/settings`)));
    assert.ok(mail.messages.every((m) => /^Message-ID: <[0-9a-f-]+@rxladder\.local>/im.test(m.raw)));
    const again = await deliverEmails(t.database.db, mailer(), "server-b", () => new Date(july.getTime() + 3600_000));
    assert.deepEqual(again, { claimed: 0, sent: 0, failed: 0 });
    assert.equal(mail.messages.length, result.sent, "nothing is sent twice");
  });

  it("a sender that dies between claim and send leaves the mail to be sent once by another, after its claim runs out", async () => {
    const db = t.database.db;
    const row = await db.insertInto("email_outbox").values({ org_id: org.id, recipient_id: people.manager.id, dedupe_key: "test:crash", to_address: people.manager.email, subject: "Crash test", body: "Once only", next_attempt_at: NOW, created_at: NOW }).returning("id").executeTakeFirstOrThrow();
    const before = mail.messages.length;
    const claimed = await claimEmails(db, "server-a", NOW);
    assert.deepEqual(claimed.map((c) => c.id), [row.id]);
    // server-a is gone. While its claim holds, nobody else sends it.
    assert.equal((await deliverEmails(db, mailer(), "server-b", () => new Date(NOW.getTime() + 60_000))).claimed, 0);
    const later = new Date(NOW.getTime() + 6 * 60_000);
    assert.deepEqual(await deliverEmails(db, mailer(), "server-b", () => later), { claimed: 1, sent: 1, failed: 0 });
    assert.equal(mail.messages.length, before + 1);
    assert.match(mail.messages.at(-1)!.raw, new RegExp(`Message-ID: ${messageIdFor(row.id)}`, "i"));
    // After a restart, and long after every claim ran out, a sent mail is never picked again.
    assert.deepEqual(await deliverEmails(db, mailer(), "server-c", () => new Date(NOW.getTime() + 86_400_000)), { claimed: 0, sent: 0, failed: 0 });
    const stored = await db.selectFrom("email_outbox").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    assert.equal(stored.status, "sent");
    assert.equal(stored.attempts, 2);
    // A late answer from the dead sender cannot touch it either.
    assert.equal((await db.updateTable("email_outbox").set({ status: "pending" }).where("id", "=", row.id).where("claimed_by", "=", "server-a").where("status", "=", "sending").executeTakeFirst()).numUpdatedRows, 0n);
  });

  it("a failed send is retried after a growing wait, then sent", async () => {
    const db = t.database.db;
    const row = await db.insertInto("email_outbox").values({ org_id: org.id, recipient_id: people.manager.id, dedupe_key: "test:retry", to_address: people.manager.email, subject: "Retry test", body: "Eventually", next_attempt_at: NOW, created_at: NOW }).returning("id").executeTakeFirstOrThrow();
    const refused = createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "x@rxladder.test" });
    assert.deepEqual(await deliverEmails(db, refused, "server-a", () => NOW), { claimed: 1, sent: 0, failed: 1 });
    let stored = await db.selectFrom("email_outbox").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    assert.equal(stored.status, "pending");
    assert.equal(stored.attempts, 1);
    assert.ok(stored.last_error);
    assert.equal(new Date(stored.next_attempt_at).getTime(), NOW.getTime() + 60_000);
    assert.equal((await deliverEmails(db, mailer(), "server-a", () => new Date(NOW.getTime() + 30_000))).claimed, 0, "not before the wait");
    assert.equal((await deliverEmails(db, refused, "server-a", () => new Date(NOW.getTime() + 60_000))).failed, 1);
    stored = await db.selectFrom("email_outbox").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    assert.equal(new Date(stored.next_attempt_at).getTime(), NOW.getTime() + 60_000 + 2 * 60_000, "the second wait is twice the first");
    const before = mail.messages.length;
    assert.equal((await deliverEmails(db, mailer(), "server-a", () => new Date(NOW.getTime() + 4 * 60_000))).sent, 1);
    assert.equal(mail.messages.length, before + 1);
  });

  it("lists only my notifications, unread first, with an unread count", async () => {
    const list = (await veteran.get("/api/notifications")).json();
    assert.equal(list.unread, list.items.length);
    const count = (await veteran.get("/api/notifications/unread-count")).json();
    assert.equal(count.unread, list.unread);
    const first = list.items.at(-1);
    const read = await veteran.post(`/api/notifications/${first.id}/read`);
    assert.equal(read.statusCode, 200, read.body);
    assert.ok(read.json().readAt);
    const after = (await veteran.get("/api/notifications")).json();
    assert.equal(after.unread, list.unread - 1);
    assert.equal(after.items.at(-1).id, first.id, "read ones come after unread ones");
    assert.equal((await veteran.get("/api/notifications?unread=1")).json().items.length, list.unread - 1);
  });

  it("nobody reads or marks someone else's notification", async () => {
    const managersOwn = (await manager.get("/api/notifications")).json().items[0];
    assert.equal((await veteran.post(`/api/notifications/${managersOwn.id}/read`)).statusCode, 404);
    assert.equal((await foreignAdmin.post(`/api/notifications/${managersOwn.id}/read`)).statusCode, 404);
    const still = (await manager.get("/api/notifications")).json().items.find((n: { id: string }) => n.id === managersOwn.id);
    assert.equal(still.readAt, null);
    assert.equal((await veteran.post("/api/notifications/not-an-id/read")).statusCode, 400);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/notifications" })).statusCode, 401);
  });

  it("marks all read", async () => {
    const result = await manager.post("/api/notifications/read-all");
    assert.equal(result.statusCode, 200);
    assert.ok(result.json().marked > 0);
    assert.equal((await manager.get("/api/notifications/unread-count")).json().unread, 0);
    assert.ok((await veteran.get("/api/notifications/unread-count")).json().unread > 0, "only the caller's");
  });

  it("each person chooses their e-mails; a kind turned off queues no e-mail", async () => {
    const defaults = (await newHire.get("/api/notifications/preferences")).json().items as { kind: string; email: boolean }[];
    assert.equal(defaults.find((p) => p.kind === "evaluation-due")!.email, false);
    assert.equal(defaults.find((p) => p.kind === "approval-waiting")!.email, true);
    assert.ok(!defaults.some((p) => p.kind === "weekly-summary"), "the weekly summary is for managers and admins");
    assert.ok((await manager.get("/api/notifications/preferences")).json().items.some((p: { kind: string }) => p.kind === "weekly-summary"));

    const bad = await admin.request({ method: "PUT", url: "/api/notifications/preferences", payload: { email: { "approval-waiting": false, gossip: true } } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, "email.gossip");
    const notBoolean = await admin.request({ method: "PUT", url: "/api/notifications/preferences", payload: { email: { "approval-waiting": "no" } } });
    assert.equal(notBoolean.statusCode, 400);

    const saved = await admin.request({ method: "PUT", url: "/api/notifications/preferences", payload: { email: { "approval-waiting": false } } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().items.find((p: { kind: string }) => p.kind === "approval-waiting").email, false);
    assert.equal((await manager.get("/api/notifications/preferences")).json().items.find((p: { kind: string }) => p.kind === "approval-waiting").email, true, "only the caller's choice changed");

    // A new approval for the admin: the notification appears, no e-mail is queued.
    const asked = await manager.request({ method: "POST", url: "/api/incentives/reimbursements", payload: { amountCents: 5000, purpose: "CE course" } });
    assert.equal(asked.statusCode, 201, asked.body);
    const queued = await outboxCount();
    const scan = await scanNotifications(t.database.db, org.id, NOW, PUBLIC_URL);
    assert.equal(scan.created, 1);
    assert.equal(scan.emailsQueued, 0);
    assert.equal(await outboxCount(), queued);
    assert.ok((await kindsOf(admin)).some((n) => /Reimbursement of \$50\.00/.test(n.title)));
  });

  it("queues one weekly summary per manager and admin with the week's figures and a link", async () => {
    const monday = new Date("2026-06-22T07:00:00Z");
    const first = await queueWeeklySummaries(t.database.db, monday, PUBLIC_URL);
    assert.ok(first.queued >= 2);
    assert.deepEqual(await queueWeeklySummaries(t.database.db, new Date(monday.getTime() + 3600_000), PUBLIC_URL), { queued: 0 });
    const summary = await t.database.db.selectFrom("email_outbox").selectAll().where("dedupe_key", "=", `weekly-summary:${people.manager.id}:2026-06-22`).executeTakeFirstOrThrow();
    assert.match(summary.body, /evaluation reminders/);
    assert.match(summary.body, /Unread notifications: 0/);
    assert.match(summary.body, /http:\/\/localhost:3000\/notifications/);
    const technicians = await t.database.db.selectFrom("email_outbox").select("id").where("dedupe_key", "like", `weekly-summary:${people.veteran.id}:%`).execute();
    assert.equal(technicians.length, 0);
  });
});
