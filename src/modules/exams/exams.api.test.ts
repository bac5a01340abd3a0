import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";

const put = (c: Client, url: string, payload: unknown) => c.request({ method: "PUT", url, payload: payload as object });

describe("practice exams API", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, otherManager: Client, pharmacist: Client, technician: Client, peer: Client, otherAdmin: Client;
  let tech: { id: string };
  let emails: Record<string, string>;
  /** Sessions last 14 days: after the clock jumps further, everyone signs in again. */
  const signInAgain = async () => {
    [admin, manager, otherManager, pharmacist, technician] = await Promise.all([emails.admin, emails.manager, emails.otherManager, emails.pharmacist, emails.technician].map((e) => signInAs(t.app, e)));
  };

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db, { sites: 2 });
    const [site, site2] = [org.sites[0].id, org.sites[1].id];
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: site }),
      otherManager: await buildPerson(db, org, { role: "manager", siteId: site2 }),
      pharmacist: await buildPerson(db, org, { role: "pharmacist", siteId: site }),
      technician: await buildPerson(db, org, { role: "technician", siteId: site, hireDate: "2026-01-05" }),
      peer: await buildPerson(db, org, { role: "technician", siteId: site, hireDate: "2025-08-01" }),
    };
    tech = people.technician;
    emails = Object.fromEntries(Object.entries(people).map(([k, v]) => [k, v.email]));
    await placeAtLevel(db, org, tech.id, "core/tech-1", "2026-01-05");
    const other = await buildOrganization(db);
    [admin, manager, otherManager, pharmacist, technician, peer, otherAdmin] = await Promise.all([
      signInAs(t.app, people.admin.email),
      signInAs(t.app, people.manager.email),
      signInAs(t.app, people.otherManager.email),
      signInAs(t.app, people.pharmacist.email),
      signInAs(t.app, people.technician.email),
      signInAs(t.app, people.peer.email),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  let quickId: string;

  it("a quick check has 20 items over the four domains, 25 minutes on the server's clock, and no keys", async () => {
    const res = await technician.post("/api/exams/attempts", { form: "quick" });
    assert.equal(res.statusCode, 201, res.body);
    const attempt = res.json();
    quickId = attempt.id;
    assert.equal(attempt.itemCount, 20);
    assert.equal(attempt.positions.length, 20);
    assert.equal(attempt.remainingMs, 25 * 60_000);
    const domains = new Set(attempt.positions.map((p: { domain: string }) => p.domain));
    assert.equal(domains.size, 4);
    for (let position = 1; position <= 20; position++) {
      const item = (await technician.get(`/api/exams/attempts/${quickId}/items/${position}`)).json();
      assert.ok(item.stem.length > 5);
      assert.ok(item.options.length >= 2);
      assert.equal(item.feedback, null, "no key or explanation before submission");
      assert.ok(!("key" in item) && !JSON.stringify(item).includes('"explanation"'));
    }
  });

  it("one attempt at a time: starting another names the open one", async () => {
    const res = await technician.post("/api/exams/attempts", { form: "full" });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.fields[0].message, quickId);
  });

  it("answers are stored, can change until submission, and are validated against the item", async () => {
    const item = (await technician.get(`/api/exams/attempts/${quickId}/items/1`)).json();
    const bad = await put(technician, `/api/exams/attempts/${quickId}/items/1`, { answer: ["z"] });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, "answer");
    const first = await put(technician, `/api/exams/attempts/${quickId}/items/1`, { answer: [item.options[0].id] });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json().answer, [item.options[0].id]);
    assert.equal(first.json().feedback, null);
    const changed = await put(technician, `/api/exams/attempts/${quickId}/items/1`, { answer: [item.options[1].id], flagged: true });
    assert.deepEqual(changed.json().answer, [item.options[1].id]);
    assert.equal(changed.json().flagged, true);
  });

  it("the attempt survives leaving: it resumes with the answers and the time left", async () => {
    t.clock.now = new Date("2026-06-15T15:05:00Z");
    const home = (await technician.get("/api/exams/home")).json();
    assert.equal(home.openAttempt.id, quickId);
    const attempt = (await technician.get(`/api/exams/attempts/${quickId}`)).json();
    assert.equal(attempt.status, "in_progress");
    assert.equal(attempt.remainingMs, 20 * 60_000);
    assert.equal(attempt.positions[0].answered, true);
    assert.equal(attempt.positions[0].flagged, true);
  });

  it("nobody else can open someone's attempt, not even their manager, while it runs", async () => {
    assert.equal((await peer.get(`/api/exams/attempts/${quickId}`)).statusCode, 404);
    assert.equal((await manager.get(`/api/exams/attempts/${quickId}/items/1`)).statusCode, 404);
    assert.equal((await otherAdmin.get(`/api/exams/attempts/${quickId}/review`)).statusCode, 404);
    assert.equal((await technician.get(`/api/exams/attempts/${quickId}/review`)).statusCode, 409);
  });

  it("submitting scores by domain, reveals keys and explanations, and times each item", async () => {
    for (let position = 2; position <= 20; position++) {
      t.clock.now = new Date(t.clock.now.getTime() + 20_000);
      const item = (await technician.get(`/api/exams/attempts/${quickId}/items/${position}`)).json();
      await put(technician, `/api/exams/attempts/${quickId}/items/${position}`, { answer: item.kind === "multi" ? [item.options[0].id, item.options[1].id] : [item.options[position % item.options.length].id] });
    }
    t.clock.now = new Date(t.clock.now.getTime() + 15_000);
    const res = await technician.post(`/api/exams/attempts/${quickId}/submit`);
    assert.equal(res.statusCode, 200, res.body);
    const done = res.json();
    assert.equal(done.status, "submitted");
    assert.equal(done.result.scored, 20);
    assert.equal(done.result.domains.reduce((s: number, d: { items: number }) => s + d.items, 0), 20);
    const review = (await technician.get(`/api/exams/attempts/${quickId}/review`)).json();
    assert.equal(review.items.length, 20);
    for (const item of review.items) {
      assert.ok(item.key.length >= 1);
      assert.ok(item.explanation.length > 10);
    }
    assert.ok(review.items.slice(1).every((i: { timeSpentMs: number }) => i.timeSpentMs > 0), "time on each item is recorded");
    assert.equal(review.items.filter((i: { correct: boolean }) => i.correct).length, done.result.correct);
    // The manager of the technician's site may read the result; the other site's manager may not.
    assert.equal((await manager.get(`/api/exams/attempts/${quickId}/review`)).statusCode, 200);
    assert.equal((await otherManager.get(`/api/exams/attempts/${quickId}/review`)).statusCode, 403);
    assert.equal((await technician.post(`/api/exams/attempts/${quickId}/submit`)).statusCode, 409);
  });

  it("readiness is a probability with an interval, and missed items come back for review the next day", async () => {
    const home = (await technician.get("/api/exams/home")).json();
    assert.equal(home.readiness.responses, 20);
    assert.ok(home.readiness.probability > 0 && home.readiness.probability < 1);
    assert.ok(home.readiness.low <= home.readiness.probability && home.readiness.probability <= home.readiness.high);
    assert.equal(home.readiness.preliminary, true);
    assert.equal(home.pipeline.status.stage, "practicing");
    assert.equal(home.review.due, 0);
    assert.ok(home.review.total > 0, "missed items became review cards");
    t.clock.now = new Date("2026-06-16T15:30:00Z");
    const tomorrow = (await technician.get("/api/exams/home")).json();
    assert.ok(tomorrow.review.due > 0);
    const review = await technician.post("/api/exams/attempts", { form: "review" });
    assert.equal(review.statusCode, 201, review.body);
    const attempt = review.json();
    assert.equal(attempt.feedback, "immediate");
    const item = (await technician.get(`/api/exams/attempts/${attempt.id}/items/1`)).json();
    const answered = (await put(technician, `/api/exams/attempts/${attempt.id}/items/1`, { answer: [item.options[0].id] })).json();
    assert.ok(answered.feedback.explanation.length > 10, "a review answer is explained at once");
    assert.equal((await put(technician, `/api/exams/attempts/${attempt.id}/items/1`, { answer: [item.options[1].id] })).statusCode, 409);
    assert.equal((await technician.post(`/api/exams/attempts/${attempt.id}/submit`)).statusCode, 200);
  });

  it("a drill stays in its domain; time up submits the attempt and refuses late answers", async () => {
    const drill = (await technician.post("/api/exams/attempts", { form: "drill", domain: "federal" })).json();
    assert.ok(drill.positions.every((p: { domain: string }) => p.domain === "federal"));
    assert.equal(drill.deadlineAt, null);
    await technician.post(`/api/exams/attempts/${drill.id}/submit`);
    assert.equal((await technician.post("/api/exams/attempts", { form: "drill" })).json().error.fields[0].field, "domain");

    const full = (await technician.post("/api/exams/attempts", { form: "full" })).json();
    assert.equal(full.itemCount, 90);
    assert.equal(full.remainingMs, 110 * 60_000);
    t.clock.now = new Date(t.clock.now.getTime() + 111 * 60_000);
    const late = await put(technician, `/api/exams/attempts/${full.id}/items/1`, { answer: ["a"] });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, "ATTEMPT_CLOSED");
    const closed = (await technician.get(`/api/exams/attempts/${full.id}`)).json();
    assert.equal(closed.status, "submitted");
    assert.equal(closed.expired, true);
    assert.equal(closed.result.correct, 0);
  });

  it("a technician reports an item; pharmacists see the queue and close it; technicians cannot", async () => {
    const res = await technician.post(`/api/exams/attempts/${quickId}/items/3/flag`, { reason: "wrong-key", comment: "I think B is right" });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await technician.post(`/api/exams/attempts/${quickId}/items/3/flag`, { reason: "typo" })).statusCode, 409);
    assert.equal((await peer.post(`/api/exams/attempts/${quickId}/items/3/flag`, { reason: "typo" })).statusCode, 404);
    assert.equal((await technician.get("/api/exams/flags")).statusCode, 403);
    const queue = (await pharmacist.get("/api/exams/flags")).json();
    assert.equal(queue.items.length, 1);
    assert.equal(queue.items[0].comment, "I think B is right");
    assert.ok(queue.items[0].item.key.length >= 1);
    assert.equal((await pharmacist.post(`/api/exams/flags/${queue.items[0].id}/resolve`, { status: "dismissed", note: "The key is right; the explanation says why." })).statusCode, 204);
    assert.equal((await pharmacist.get("/api/exams/flags")).json().items.length, 0);
  });

  const newItem = {
    kind: "single",
    domain: "federal",
    subtopic: "2.2",
    difficulty: 2,
    stem: "Which federal schedule applies to a drug with a high potential for abuse and a currently accepted medical use, in this organization's own wording?",
    options: [
      { id: "a", text: "Schedule I" },
      { id: "b", text: "Schedule II" },
      { id: "c", text: "Schedule IV" },
      { id: "d", text: "Schedule V" },
    ],
    key: ["b"],
    explanation: "Schedule II drugs have a high potential for abuse and an accepted medical use; Schedule I has no accepted use, and IV and V have lower abuse potential.",
    reference: "21 U.S.C. 812(b)",
  };

  it("admins write items, someone else reviews them, then they are published and can be retired", async () => {
    const bad = await admin.post("/api/exams/bank", { ...newItem, key: ["a", "b"] });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.some((f: { field: string }) => f.field === "key"));
    assert.equal((await pharmacist.post("/api/exams/bank", newItem)).statusCode, 403);
    const created = await admin.post("/api/exams/bank", { ...newItem, code: "org-cs-schedule-2" });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().status, "draft");
    assert.equal((await admin.post("/api/exams/bank/org-cs-schedule-2/publish")).statusCode, 409, "unreviewed drafts are not published");
    assert.equal((await admin.post("/api/exams/bank/org-cs-schedule-2/review", {})).statusCode, 403, "nobody reviews their own draft");
    assert.equal((await pharmacist.post("/api/exams/bank/org-cs-schedule-2/review", { note: "Checked against the CSA" })).statusCode, 204);
    assert.equal((await admin.post("/api/exams/bank/org-cs-schedule-2/publish")).statusCode, 204);
    const item = (await pharmacist.get("/api/exams/bank/org-cs-schedule-2")).json();
    assert.equal(item.versions[0].status, "published");
    assert.equal(item.versions[0].reviewer.length > 0, true);
    const dup = await admin.post("/api/exams/bank", { ...newItem, code: "org-cs-dup" });
    assert.equal(dup.statusCode, 400);
    assert.equal(dup.json().error.fields[0].field, "stem");
    // A new version goes through review again; the published one stays until then.
    const v2 = await put(admin, "/api/exams/bank/org-cs-schedule-2/draft", { ...newItem, difficulty: 1 });
    assert.equal(v2.json().version, 2);
    assert.equal((await pharmacist.get("/api/exams/bank?status=published&q=org-cs-schedule")).json().total, 0, "the list shows the newest version, now a draft");
    assert.equal((await admin.request({ method: "DELETE", url: "/api/exams/bank/org-cs-schedule-2/draft" })).statusCode, 204);
    assert.equal((await admin.post("/api/exams/bank/org-cs-schedule-2/retire", { reason: "Replaced by a scenario item" })).statusCode, 204);
    assert.equal((await pharmacist.get("/api/exams/bank/org-cs-schedule-2")).json().versions[0].status, "retired");
    assert.equal((await otherAdmin.get("/api/exams/bank/org-cs-schedule-2")).statusCode, 404);
  });

  it("the shipped bank is loaded with at least 1,000 published items, and exports round-trip through CSV", async () => {
    const list = (await admin.get("/api/exams/bank?status=published&pageSize=10")).json();
    assert.ok(list.total >= 1000, `published: ${list.total}`);
    const csv = await admin.get("/api/exams/bank/export?format=csv&published=1");
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    const lines = csv.body.split("\n");
    assert.match(lines[0], /code,kind,domain,subtopic,difficulty,stem,option_a/);
    const json = (await admin.get("/api/exams/bank/export?format=json")).json();
    assert.ok(json.items.length >= list.total);
  });

  it("an import with one bad item imports nothing and names the item and field", async () => {
    const good = { ...newItem, code: "imp-1", stem: "An imported item about schedules, written for this test only: which schedule is hydrocodone in?" };
    const badItem = { ...newItem, code: "imp-2", stem: "Another imported item with a made-up subtopic that should be refused", subtopic: "9.9" };
    const res = await admin.post("/api/exams/bank/import", { items: [good, badItem] });
    assert.equal(res.statusCode, 422);
    assert.ok(res.json().error.fields.some((f: { field: string; row: number }) => f.field === "items[1].subtopic" && f.row === 2));
    assert.equal((await admin.get("/api/exams/bank/imp-1")).statusCode, 404);
    const csv = [
      "code,kind,domain,subtopic,difficulty,stem,option_a,option_b,option_c,option_d,key,explanation,reference",
      `imp-3,single,safety,3.2,1,"Which abbreviation should be written out as ""units"" on an order?",U,mL,mg,mcg,a,"U can be misread as 0 or 4; the others are accepted units of measure.",ISMP List of Error-Prone Abbreviations`,
    ].join("\n");
    const imported = await admin.request({ method: "POST", url: "/api/exams/bank/import", headers: { "content-type": "text/csv" }, payload: csv });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.deepEqual(imported.json(), { created: 1, updated: 0 });
    assert.equal((await admin.get("/api/exams/bank/imp-3")).json().versions[0].status, "draft");
  });

  it("item statistics are recomputed from attempts", async () => {
    const res = await admin.post("/api/exams/stats/recompute");
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.json().responses >= 20);
    const list = (await admin.get("/api/exams/bank?status=published&pageSize=200")).json();
    assert.ok(list.items.some((i: { stats: unknown }) => i.stats !== null) || list.total > 200);
  });

  it("the pipeline: schedule, fail, wait, pass; the pass creates the certification and the event", async () => {
    assert.equal((await technician.get("/api/exams/pipeline")).statusCode, 403);
    const board = (await manager.get("/api/exams/pipeline")).json();
    const entry = board.items.find((i: { personId: string }) => i.personId === tech.id);
    assert.equal(entry.status.deadline, "2026-10-05", "nine months from hire by default");
    assert.equal(entry.status.stage, "practicing");
    assert.equal((await otherManager.get("/api/exams/pipeline")).json().items.some((i: { personId: string }) => i.personId === tech.id), false);

    const scheduled = await technician.post(`/api/exams/pipeline/${tech.id}/exams`, { exam: "ptce", scheduledOn: "2026-07-01" });
    assert.equal(scheduled.statusCode, 201, scheduled.body);
    assert.equal((await technician.post(`/api/exams/pipeline/${tech.id}/exams`, { exam: "ptce", scheduledOn: "2026-07-02" })).statusCode, 409);
    t.clock.now = new Date("2026-07-02T15:00:00Z");
    await signInAgain();
    const failedBad = await manager.post(`/api/exams/exam-records/${scheduled.json().id}/result`, { result: "failed", takenOn: "2026-07-01", scaledScore: 1450 });
    assert.equal(failedBad.statusCode, 400);
    assert.equal(failedBad.json().error.fields[0].field, "scaledScore");
    assert.equal((await manager.post(`/api/exams/exam-records/${scheduled.json().id}/result`, { result: "failed", takenOn: "2026-07-01", scaledScore: 1320 })).statusCode, 200);
    const failed = (await technician.get(`/api/exams/pipeline/${tech.id}`)).json();
    assert.equal(failed.status.stage, "failed");
    assert.equal(failed.status.retakeAllowedOn, "2026-08-30", "60 days after the first failed attempt");
    const tooSoon = await technician.post(`/api/exams/pipeline/${tech.id}/exams`, { exam: "ptce", scheduledOn: "2026-08-15" });
    assert.equal(tooSoon.statusCode, 400);
    assert.equal(tooSoon.json().error.fields[0].field, "scheduledOn");
    const retake = (await technician.post(`/api/exams/pipeline/${tech.id}/exams`, { exam: "ptce", scheduledOn: "2026-09-02" })).json();
    t.clock.now = new Date("2026-09-03T15:00:00Z");
    await signInAgain();
    const passed = await manager.post(`/api/exams/exam-records/${retake.id}/result`, { result: "passed", takenOn: "2026-09-02", scaledScore: 1460, certificationNumber: "123456" });
    assert.equal(passed.statusCode, 200, passed.body);
    assert.ok(passed.json().holdingId);
    const ladder = (await technician.get(`/api/ladder/people/${tech.id}`)).json();
    assert.ok(JSON.stringify(ladder).includes("ptcb-cpht"));
    const events = await t.database.db.selectFrom("domain_events").selectAll().where("person_id", "=", tech.id).execute();
    assert.deepEqual(events.map((e) => e.kind), ["certification.exam_passed"]);
    const grants = await t.database.db.selectFrom("incentive_grants").selectAll().where("person_id", "=", tech.id).execute();
    assert.equal(grants.length, 1, "the pass grants the organization's raise once");
    const after = (await manager.get("/api/exams/pipeline")).json().items.find((i: { personId: string }) => i.personId === tech.id);
    assert.equal(after.status.stage, "passed");
  });

  it("admins set the deadline within 6–12 months", async () => {
    assert.equal((await put(manager, "/api/exams/settings", { deadlineMonths: 12, readinessThreshold: 0.75, pinnedOutline: null })).statusCode, 403);
    const bad = await put(admin, "/api/exams/settings", { deadlineMonths: 13, readinessThreshold: 0.75, pinnedOutline: null });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, "deadlineMonths");
    const ok = await put(admin, "/api/exams/settings", { deadlineMonths: 12, readinessThreshold: 0.75, pinnedOutline: "ptce-2020" });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().deadlineMonths, 12);
    const board = (await manager.get("/api/exams/pipeline")).json();
    assert.equal(board.settings.deadlineMonths, 12);
  });
});
