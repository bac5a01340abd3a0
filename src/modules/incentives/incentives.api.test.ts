import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, EVIDENCE_SAMPLES, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { processIncentivesNow } from "./index.ts";

describe("incentives API", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, secondManager: Client, otherSiteManager: Client, technician: Client, otherAdmin: Client;
  let people: Record<"admin" | "manager" | "secondManager" | "otherSiteManager" | "technician", { id: string; email: string; employee_id: string }>;
  const signInAll = async () => {
    [admin, manager, secondManager, otherSiteManager, technician] = await Promise.all(
      (["admin", "manager", "secondManager", "otherSiteManager", "technician"] as const).map((k) => signInAs(t.app, people[k].email)),
    );
  };

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const site = org.sites[0].id;
    people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: site }),
      secondManager: await buildPerson(db, org, { role: "manager", siteId: site }),
      otherSiteManager: await buildPerson(db, org, { role: "manager", siteId: org.sites[1].id }),
      technician: await buildPerson(db, org, { role: "technician", siteId: site, hireDate: "2025-11-03" }),
    };
    await placeAtLevel(db, org, people.technician.id, "core/tech-1", "2025-11-03");
    const other = await buildOrganization(db);
    otherAdmin = await signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email);
    await signInAll();
  });
  after(() => t.close());

  it("an organization starts on the default rules; only admins change them", async () => {
    assert.equal((await technician.get("/api/incentives/rules")).statusCode, 403);
    const rules = (await manager.get("/api/incentives/rules")).json().items;
    assert.ok(rules.some((r: { code: string; reward: string }) => r.code === "certification-raise" && r.reward === "raise"));
    const body = { code: "ptcb-advanced-bonus", name: "Advanced certificate", milestone: "certification.exam_passed", reward: "bonus", amountCents: 15000 };
    assert.equal((await manager.post("/api/incentives/rules", body)).statusCode, 403);
    const misplaced = await admin.post("/api/incentives/rules", { ...body, levelCode: "lead" });
    assert.equal(misplaced.statusCode, 400);
    assert.equal(misplaced.json().error.fields[0].field, "levelCode");
    const created = await admin.post("/api/incentives/rules", { ...body, active: false });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((await admin.post("/api/incentives/rules", body)).statusCode, 409);
    assert.deepEqual((await otherAdmin.get("/api/incentives/rules")).json().items.filter((r: { code: string }) => r.code === body.code), []);
  });

  it("a passed certification exam grants its raise at once, and exactly one however often the events are processed", async () => {
    const scheduled = await technician.post(`/api/exams/pipeline/${people.technician.id}/exams`, { exam: "ptce", scheduledOn: "2026-06-16" });
    assert.equal(scheduled.statusCode, 201, scheduled.body);
    t.clock.now = new Date("2026-06-17T15:00:00Z");
    await signInAll();
    const passed = await manager.post(`/api/exams/exam-records/${scheduled.json().id}/result`, { result: "passed", takenOn: "2026-06-16", scaledScore: 1450, certificationNumber: "778899" });
    assert.equal(passed.statusCode, 200, passed.body);
    assert.equal((await technician.post("/api/incentives/process")).statusCode, 403);
    const first = await manager.post("/api/incentives/process");
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().granted, 0, "recording the pass already granted the raise");
    assert.equal((await manager.post("/api/incentives/process")).json().granted, 0);
    // Even with the cursor rewound, the (rule, event) constraint keeps it to one.
    await t.database.db.updateTable("incentive_cursors").set({ last_event_id: 0 }).where("org_id", "=", org.id).execute();
    assert.equal((await processIncentivesNow(t.database.db, org.id, { orgId: org.id, personId: null, label: "test" }, t.clock.now)).grants.length, 0);
    const grants = await t.database.db.selectFrom("incentive_grants").selectAll().where("person_id", "=", people.technician.id).execute();
    assert.equal(grants.length, 1);
    assert.equal(grants[0].reward, "raise");
    assert.equal(grants[0].amount_cents, 100);
    assert.equal(grants[0].granted_on, "2026-06-16");
  });

  it("an approved promotion appends level.reached and grants the bonus at once", async () => {
    const nominated = await manager.post("/api/promotions", { personId: people.technician.id, toTrack: "core", toLevel: "tech-2", effectiveDate: "2026-07-01", payChangeCents: 150, overrideJustification: "Covered the sterile room for a quarter" });
    assert.equal(nominated.statusCode, 201, nominated.body);
    const approved = await secondManager.post(`/api/promotions/${nominated.json().id}/decision`, { decision: "approve" });
    assert.equal(approved.statusCode, 200, approved.body);
    const events = await t.database.db.selectFrom("domain_events").select(["kind", "payload"]).where("person_id", "=", people.technician.id).where("kind", "=", "level.reached").execute();
    assert.equal(events.length, 1);
    const payload = (typeof events[0].payload === "string" ? JSON.parse(events[0].payload) : events[0].payload) as Record<string, string>;
    assert.deepEqual([payload.track, payload.level, payload.effectiveDate], ["core", "tech-2", "2026-07-01"]);
    const ledger = (await manager.get("/api/incentives/grants")).json().items;
    const bonus = ledger.find((g: { reward: string }) => g.reward === "bonus");
    assert.equal(bonus.person.id, people.technician.id);
    assert.equal(bonus.grantedOn, "2026-07-01");
    assert.equal(bonus.rule.code, "level-bonus");
    assert.deepEqual((await otherSiteManager.get("/api/incentives/grants")).json().items, []);
    assert.deepEqual((await otherAdmin.get("/api/incentives/grants")).json().items, []);
    const mine = (await technician.get("/api/incentives/my-rewards")).json();
    assert.deepEqual(mine.grants.map((g: { reward: string }) => g.reward).sort(), ["bonus", "raise"]);
  });

  it("reimbursements: submitted by the person, decided by someone else who manages them", async () => {
    const bad = await technician.post("/api/incentives/reimbursements", { amountCents: 0, purpose: "x" });
    assert.equal(bad.statusCode, 400);
    const foreignFile = await technician.post("/api/incentives/reimbursements", { amountCents: 100, purpose: "Book", evidenceFileId: "00000000-0000-4000-8000-000000000000" });
    assert.equal(foreignFile.statusCode, 400);
    assert.equal(foreignFile.json().error.fields[0].field, "evidenceFileId");
    const request = await technician.post("/api/incentives/reimbursements", { amountCents: 12900, purpose: "PTCE exam fee" });
    assert.equal(request.statusCode, 201, request.body);
    const own = await manager.post("/api/incentives/reimbursements", { amountCents: 45000, purpose: "ASHP conference registration" });
    assert.equal((await technician.get("/api/incentives/reimbursements")).statusCode, 403);
    const queue = (await manager.get("/api/incentives/reimbursements?status=submitted")).json().items;
    assert.equal(queue.length, 2);
    assert.equal(queue.find((q: { id: string }) => q.id === own.json().id).mayDecide, false);
    const self = await manager.post(`/api/incentives/reimbursements/${own.json().id}/decision`, { decision: "approve" });
    assert.equal(self.statusCode, 403, "four eyes: never one's own");
    assert.equal((await otherSiteManager.post(`/api/incentives/reimbursements/${request.json().id}/decision`, { decision: "approve" })).statusCode, 403);
    assert.equal((await otherAdmin.post(`/api/incentives/reimbursements/${request.json().id}/decision`, { decision: "approve" })).statusCode, 404);
    const approved = await manager.post(`/api/incentives/reimbursements/${request.json().id}/decision`, { decision: "approve", note: "Receipt seen" });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().decidedOn, "2026-06-17");
    assert.equal((await manager.post(`/api/incentives/reimbursements/${request.json().id}/decision`, { decision: "reject" })).statusCode, 409);
    assert.equal((await secondManager.post(`/api/incentives/reimbursements/${own.json().id}/decision`, { decision: "reject" })).statusCode, 200);
    const mine = (await technician.get("/api/incentives/my-rewards")).json();
    assert.equal(mine.reimbursements[0].status, "approved");
    const audit = await t.database.db.selectFrom("audit_log").select("action").where("entity_id", "=", request.json().id).orderBy("seq").execute();
    assert.deepEqual(audit.map((a) => a.action), ["reimbursement.submitted", "reimbursement.approved"]);
  });

  it("payroll CSV: raises, bonuses and approved reimbursements of the period", async () => {
    assert.equal((await technician.get("/api/incentives/payroll.csv?from=2026-06-01&to=2026-07-31")).statusCode, 403);
    const backwards = await admin.get("/api/incentives/payroll.csv?from=2026-07-31&to=2026-06-01");
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().error.fields[0].field, "to");
    const csv = await admin.get("/api/incentives/payroll.csv?from=2026-06-01&to=2026-07-31");
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    const lines = csv.body.trim().split("\r\n");
    assert.equal(lines.length, 4, csv.body);
    const id = people.technician.employee_id;
    assert.ok(lines.some((l) => l.startsWith(`${id},`) && l.includes(",raise,2026-06-16,1.00,per-hour,")));
    assert.ok(lines.some((l) => l.startsWith(`${id},`) && l.includes(",reimbursement,2026-06-17,129.00,one-time,PTCE exam fee,")));
    assert.ok(lines.some((l) => l.startsWith(`${id},`) && l.includes(",bonus,2026-07-01,250.00,")));
    const june = (await manager.get("/api/incentives/payroll.csv?from=2026-06-01&to=2026-06-30")).body.trim().split("\r\n");
    assert.equal(june.length, 3, "the bonus falls in July");
    assert.equal((await otherSiteManager.get("/api/incentives/payroll.csv?from=2026-06-01&to=2026-07-31")).body.trim().split("\r\n").length, 1);
  });
  it("a request carries its receipt; whoever decides it downloads the file, nobody else", async () => {
    const file = await technician.request({ method: "POST", url: `/api/people/${people.technician.id}/evidence`, headers: { "content-type": "application/pdf", "x-file-name": "receipt.pdf" }, payload: Buffer.from(EVIDENCE_SAMPLES["application/pdf"]) });
    assert.equal(file.statusCode, 201, file.body);
    const managersFile = await manager.request({ method: "POST", url: `/api/people/${people.manager.id}/evidence`, headers: { "content-type": "application/pdf" }, payload: Buffer.from(EVIDENCE_SAMPLES["application/pdf"]) });
    assert.equal((await technician.post("/api/incentives/reimbursements", { amountCents: 5000, purpose: "Textbook", evidenceFileId: managersFile.json().id })).statusCode, 400, "a receipt is one's own file");
    const request = await technician.post("/api/incentives/reimbursements", { amountCents: 5000, purpose: "Textbook", evidenceFileId: file.json().id });
    assert.equal(request.statusCode, 201, request.body);
    assert.deepEqual(request.json().evidenceFile, { id: file.json().id, fileName: "receipt.pdf" });
    const queued = (await manager.get("/api/incentives/reimbursements?status=submitted")).json().items.find((r: { id: string }) => r.id === request.json().id);
    assert.equal(queued.evidenceFile.id, file.json().id);
    const download = await manager.get(`/api/evidence/${file.json().id}`);
    assert.equal(download.statusCode, 200);
    assert.match(download.headers["content-disposition"] as string, /attachment/);
    assert.equal((await otherSiteManager.get(`/api/evidence/${file.json().id}`)).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/evidence/${file.json().id}`)).statusCode, 404);
  });
});
