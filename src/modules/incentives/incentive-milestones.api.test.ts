import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { processIncentivesNow } from "./index.ts";

interface Rule {
  id: string;
  code: string;
  milestone: string;
  programCode: string | null;
  minHours: number | null;
  active: boolean;
}

describe("incentives for training and CE milestones", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, technician: Client, otherAdmin: Client;
  let tech: { id: string };
  let emails: string[];
  const signInAll = async () => {
    [admin, manager, technician] = await Promise.all(emails.map((e) => signInAs(t.app, e)));
  };
  let rules: Rule[];
  const rule = (code: string) => rules.find((r) => r.code === code)!;
  const grantsOf = async (personId: string) =>
    t.database.db.selectFrom("incentive_grants as g").innerJoin("incentive_rules as r", "r.id", "g.rule_id").select(["r.code", "g.reward", "g.amount_cents", "g.granted_on"]).where("g.person_id", "=", personId).orderBy("g.created_at").execute();
  const eventsOf = async (personId: string, kind: string) => t.database.db.selectFrom("domain_events").select("payload").where("person_id", "=", personId).where("kind", "=", kind).orderBy("id").execute();
  const payload = (p: unknown) => (typeof p === "string" ? JSON.parse(p) : p) as Record<string, unknown>;

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const site = org.sites[0].id;
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: site }),
      technician: await buildPerson(db, org, { siteId: site, hireDate: "2025-05-04" }),
    };
    tech = people.technician;
    const other = await buildOrganization(db);
    emails = Object.values(people).map((p) => p.email);
    otherAdmin = await signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email);
    await signInAll();
    rules = (await admin.get("/api/incentives/rules")).json().items;
  });
  after(() => t.close());

  it("rules take a condition for their own milestone only, and a program of the organization", async () => {
    const conference = rule("training-conference");
    const wrongProgram = await admin.patch(`/api/incentives/rules/${conference.id}`, { programCode: "no-such-program" });
    assert.equal(wrongProgram.statusCode, 400);
    assert.deepEqual(wrongProgram.json().error.fields.map((f: { field: string }) => f.field), ["programCode"]);
    const misplaced = await admin.patch(`/api/incentives/rules/${conference.id}`, { minHours: 2 });
    assert.equal(misplaced.statusCode, 400);
    assert.equal(misplaced.json().error.fields[0].field, "minHours");
    const created = await admin.post("/api/incentives/rules", { code: "ce-any", name: "Any CE", milestone: "ce.completed", reward: "bonus", amountCents: 500, programCode: "hipaa-privacy" });
    assert.equal(created.statusCode, 400);
    assert.equal(created.json().error.fields[0].field, "programCode");
    assert.equal((await manager.patch(`/api/incentives/rules/${conference.id}`, { active: true })).statusCode, 403);
    assert.equal((await otherAdmin.patch(`/api/incentives/rules/${conference.id}`, { active: true })).statusCode, 404);
  });

  it("completing a program (its last module) grants the training rule once; completing it again or re-running grants nothing more", async () => {
    // Trainings load the catalog on first use; the rule is narrowed to a program of the organization.
    await admin.get("/api/training/programs");
    const program = await admin.post("/api/training/programs", {
      code: "robot-refresher",
      name: "Robot refresher",
      category: "development",
      validityMonths: 12,
      modules: [
        { title: "Canister calibration", delivery: "external", provider: "Vendor", hours: 2 },
        { title: "Jam recovery", delivery: "internal", hours: 1.5 },
      ],
    });
    assert.equal(program.statusCode, 201, program.body);
    const [first, second] = program.json().modules as { id: string }[];
    const turnedOn = await admin.patch(`/api/incentives/rules/${rule("training-conference").id}`, { active: true, programCode: "robot-refresher" });
    assert.equal(turnedOn.statusCode, 200, turnedOn.body);
    assert.equal(turnedOn.json().programCode, "robot-refresher");

    // Another program does not meet the condition.
    const hipaa = ((await admin.get("/api/training/programs")).json().items as { id: string; code: string }[]).find((p) => p.code === "hipaa-privacy")!;
    assert.equal((await manager.post("/api/training/completions", { personId: tech.id, programId: hipaa.id, completedOn: "2026-06-01" })).statusCode, 201);
    assert.equal((await eventsOf(tech.id, "training.completed")).length, 1);
    assert.deepEqual(await grantsOf(tech.id), []);

    const one = await manager.post("/api/training/module-completions", { personId: tech.id, moduleId: first.id, completedOn: "2026-06-10" });
    assert.equal(one.statusCode, 201, one.body);
    assert.equal(one.json().programCompletionId, null);
    assert.deepEqual(await grantsOf(tech.id), []);
    const two = await manager.post("/api/training/module-completions", { personId: tech.id, moduleId: second.id, completedOn: "2026-06-12" });
    assert.equal(two.statusCode, 201, two.body);
    assert.ok(two.json().programCompletionId);
    const events = await eventsOf(tech.id, "training.completed");
    assert.equal(events.length, 2);
    const latest = payload(events[1].payload);
    assert.deepEqual([latest.programCode, latest.name, latest.hours, latest.completedOn], ["robot-refresher", "Robot refresher", 3.5, "2026-06-12"]);
    assert.deepEqual((await grantsOf(tech.id)).map((g) => [g.code, g.reward, g.amount_cents, g.granted_on]), [["training-conference", "conference-ticket", 40000, "2026-06-12"]]);

    // A renewal a year later is not a new milestone; re-running, even from the start, grants nothing.
    t.clock.now = new Date("2027-06-20T15:00:00Z");
    await signInAll();
    const renewal = await manager.post("/api/training/completions", { personId: tech.id, programId: program.json().id, completedOn: "2027-06-18" });
    assert.equal(renewal.statusCode, 201, renewal.body);
    assert.equal((await eventsOf(tech.id, "training.completed")).length, 2);
    assert.equal((await manager.post("/api/incentives/process")).json().granted, 0);
    await t.database.db.updateTable("incentive_cursors").set({ last_event_id: 0 }).where("org_id", "=", org.id).execute();
    assert.equal((await processIncentivesNow(t.database.db, org.id, { orgId: org.id, personId: null, label: "test" }, t.clock.now)).grants.length, 0);
    assert.equal((await grantsOf(tech.id)).length, 1);
  });

  it("a verified CE activity of enough hours grants the CE rule once, however often it is verified or re-run", async () => {
    const turnedOn = await admin.patch(`/api/incentives/rules/${rule("ce-tuition").id}`, { active: true, minHours: 2 });
    assert.equal(turnedOn.statusCode, 200, turnedOn.body);
    assert.equal(turnedOn.json().minHours, 2);
    const short = await manager.post(`/api/people/${tech.id}/ce`, { title: "Short module", completedOn: "2027-05-02", hours: 1, verified: true });
    assert.equal(short.statusCode, 201, short.body);
    assert.equal((await eventsOf(tech.id, "ce.completed")).length, 1, "verified at once: completed");
    const long = await technician.post(`/api/people/${tech.id}/ce`, { title: "Federal pharmacy law update", provider: "State Pharmacy Association", uan: "0175-0000-25-105-l03-t", completedOn: "2027-05-03", hours: 2 });
    assert.equal(long.statusCode, 201, long.body);
    assert.equal((await eventsOf(tech.id, "ce.completed")).length, 1, "awaiting verification: not yet");
    assert.deepEqual((await grantsOf(tech.id)).filter((g) => g.code === "ce-tuition"), []);
    assert.equal((await technician.post(`/api/ce/records/${long.json().id}/verify`, { status: "verified" })).statusCode, 403);
    assert.equal((await manager.post(`/api/ce/records/${long.json().id}/verify`, { status: "verified" })).statusCode, 200);
    const events = await eventsOf(tech.id, "ce.completed");
    assert.equal(events.length, 2);
    const p = payload(events[1].payload);
    assert.deepEqual([p.hours, p.topic, p.uan, p.completedOn], [2, "03", "0175-0000-25-105-L03-T", "2027-05-03"]);
    const ceGrants = async () => (await grantsOf(tech.id)).filter((g) => g.code === "ce-tuition");
    assert.deepEqual((await ceGrants()).map((g) => [g.reward, g.amount_cents, g.granted_on]), [["tuition-reimbursement", 10000, "2027-05-03"]]);
    // Rejected and verified again: still one milestone, one grant.
    assert.equal((await manager.post(`/api/ce/records/${long.json().id}/verify`, { status: "rejected" })).statusCode, 200);
    assert.equal((await manager.post(`/api/ce/records/${long.json().id}/verify`, { status: "verified" })).statusCode, 200);
    assert.equal((await eventsOf(tech.id, "ce.completed")).length, 2);
    await t.database.db.updateTable("incentive_cursors").set({ last_event_id: 0 }).where("org_id", "=", org.id).execute();
    assert.equal((await processIncentivesNow(t.database.db, org.id, { orgId: org.id, personId: null, label: "test" }, t.clock.now)).grants.length, 0);
    assert.equal((await ceGrants()).length, 1);
  });

  it("a CE file imported as verified announces each activity and grants in the same import", async () => {
    const csv = ["employee_id,title,completed_on,hours", `${(await t.database.db.selectFrom("people").select("employee_id").where("id", "=", tech.id).executeTakeFirstOrThrow()).employee_id},Sterile compounding update,2027-04-10,3`].join("\n");
    const imported = await admin.request({ method: "POST", url: "/api/ce/import?verified=1", headers: { "content-type": "text/csv" }, payload: csv });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal((await eventsOf(tech.id, "ce.completed")).length, 3);
    assert.equal((await grantsOf(tech.id)).filter((g) => g.code === "ce-tuition").length, 2);
  });
});
