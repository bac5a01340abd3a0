import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, EVIDENCE_SAMPLES, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { organizationEligibility } from "../ladder/ladder-views.ts";
import { TRAINING_CATALOG } from "./catalog.ts";

interface Program {
  id: string;
  code: string;
  name: string;
  validityMonths: number | null;
  modules: { title: string }[];
  totals: { hours: number; ceHours: number; costCents: number };
}
interface Item {
  id: string;
  programCode: string;
  kind: string;
  status: string;
  dueOn: string;
  assignedOn: string;
  startedOn: string | null;
  targetLabel: string;
  completion: { id: string; completedOn: string; expiresOn: string | null } | null;
}

describe("training API", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, farManager: Client, technician: Client, peer: Client, pharmacist: Client, otherAdmin: Client;
  let tech: { id: string; employee_id: string }, peerPerson: { id: string }, farTech: { id: string }, pharmacistPerson: { id: string };
  let programs: Program[];
  const program = (code: string) => programs.find((p) => p.code === code)!;
  const trainingsOf = async (client: Client, personId: string) => (await client.get(`/api/training/people/${personId}`)).json() as { items: Item[]; completions: { id: string; state: string; programCode: string; evidenceFile: { id: string } | null }[] };
  const auditActions = async (entityType: string) =>
    (await sql<{ action: string }>`SELECT action FROM audit_log WHERE org_id = ${org.id} AND entity_type = ${entityType} ORDER BY seq`.execute(t.database.db)).rows.map((r) => r.action);

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const [site, farSite] = org.sites.map((s) => s.id);
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: site }),
      farManager: await buildPerson(db, org, { role: "manager", siteId: farSite }),
      technician: await buildPerson(db, org, { siteId: site, hireDate: "2026-05-04" }),
      peer: await buildPerson(db, org, { siteId: site }),
      pharmacist: await buildPerson(db, org, { role: "pharmacist", siteId: site }),
    };
    tech = people.technician;
    peerPerson = people.peer;
    pharmacistPerson = people.pharmacist;
    farTech = await buildPerson(db, org, { siteId: farSite });
    await placeAtLevel(db, org, peerPerson.id, "core/tech-2", "2025-06-01");
    const other = await buildOrganization(db);
    [admin, manager, farManager, technician, peer, pharmacist, otherAdmin] = await Promise.all([
      ...Object.values(people).map((p) => signInAs(t.app, p.email)),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  it("loads the shipped catalog into the organization once, on first use, and audits it", async () => {
    const first = await technician.get("/api/training/programs");
    assert.equal(first.statusCode, 200);
    programs = first.json().items;
    assert.deepEqual(programs.map((p) => p.code), TRAINING_CATALOG.map((p) => p.code));
    assert.equal(program("usp-797-didactic").validityMonths, 12);
    assert.equal(program("management-essentials").modules.length, 4);
    assert.equal(program("management-essentials").totals.hours, 8);
    await manager.get("/api/training/programs");
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM training_programs WHERE org_id = ${org.id}`.execute(t.database.db);
    assert.equal(count.rows[0].n, TRAINING_CATALOG.length);
    assert.deepEqual(await auditActions("training_catalog"), ["training_catalog.loaded"]);
  });

  it("admins add and edit programs with field-named errors; nobody else may", async () => {
    const body = {
      code: "robot-refresher",
      name: "Robot refresher",
      category: "cross-training",
      validityMonths: 24,
      modules: [{ title: "Canister calibration", delivery: "external", provider: "Vendor", hours: 2, ceHours: 1, costCents: 15000 }],
    };
    assert.equal((await manager.post("/api/training/programs", body)).statusCode, 403);
    assert.equal((await technician.post("/api/training/programs", body)).statusCode, 403);
    const bad = await admin.post("/api/training/programs", { ...body, code: "Robot Refresher", modules: [{ ...body.modules[0], hours: -1 }] });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field).sort(), ["code", "modules.0.hours"]);
    const clash = await admin.post("/api/training/programs", { ...body, code: "hipaa-privacy", modules: [body.modules[0], body.modules[0]] });
    assert.deepEqual(clash.json().error.fields.map((f: { field: string }) => f.field), ["code", "modules.1.title"]);
    const created = await admin.post("/api/training/programs", body);
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(created.json().totals, { hours: 2, ceHours: 1, costCents: 15000 });
    const edited = await admin.patch(`/api/training/programs/${created.json().id}`, { name: "Robot refresher course", active: false });
    assert.equal(edited.json().name, "Robot refresher course");
    assert.equal(edited.json().code, "robot-refresher");
    const inactive = await admin.post("/api/training/assignments", { programId: created.json().id, target: { kind: "site", siteId: org.sites[0].id }, dueOn: "2026-07-01" });
    assert.deepEqual(inactive.json().error.fields.map((f: { field: string }) => f.field), ["programId"]);
    assert.deepEqual(await auditActions("training_program"), ["training_program.created", "training_program.updated"]);
    assert.equal((await otherAdmin.patch(`/api/training/programs/${created.json().id}`, { name: "Mine now" })).statusCode, 404);
  });

  it("a site assignment covers the site's technicians, later arrivals included with their own lead time, and not its pharmacists", async () => {
    const response = await manager.post("/api/training/assignments", { programId: program("hipaa-privacy").id, target: { kind: "site", siteId: org.sites[0].id }, dueOn: "2026-07-15", note: "Annual privacy refresher" });
    assert.equal(response.statusCode, 201, response.body);
    const mine = await trainingsOf(technician, tech.id);
    const hipaa = mine.items.find((i) => i.programCode === "hipaa-privacy")!;
    assert.deepEqual([hipaa.status, hipaa.dueOn, hipaa.targetLabel], ["assigned", "2026-07-15", "Everyone at S1"]);
    assert.equal((await trainingsOf(pharmacist, pharmacistPerson.id)).items.length, 0);
    assert.equal((await trainingsOf(admin, farTech.id)).items.length, 0);

    // Someone transferred in after the assignment is covered, with the same 30 days from arriving.
    const db = t.database.db;
    t.clock.now = new Date("2026-06-25T15:00:00Z");
    await db.updateTable("people").set({ site_id: org.sites[0].id }).where("id", "=", farTech.id).execute();
    await db.insertInto("employment_events").values({ org_id: org.id, person_id: farTech.id, kind: "transfer", effective_date: "2026-06-25", site_id: org.sites[0].id, from_site_id: org.sites[1].id }).execute();
    const arrived = (await trainingsOf(manager, farTech.id)).items.find((i) => i.programCode === "hipaa-privacy")!;
    assert.deepEqual([arrived.assignedOn, arrived.dueOn], ["2026-06-25", "2026-07-25"]);
    t.clock.now = new Date("2026-06-15T15:00:00Z");

    const overview = (await manager.get("/api/training/assignments")).json();
    const item = overview.items.find((i: { programCode: string }) => i.programCode === "hipaa-privacy");
    assert.equal(item.counts.assigned, 3, "the technician, the Tech II peer and the transferred technician");
    assert.ok(item.people.every((p: { siteCode: string }) => p.siteCode === "S1"));
  });

  it("checks who may assign: managers their sites, admins also the whole organization; bad input names its field", async () => {
    const hipaa = program("hipaa-privacy").id;
    assert.equal((await farManager.post("/api/training/assignments", { programId: hipaa, target: { kind: "site", siteId: org.sites[0].id }, dueOn: "2026-07-01" })).statusCode, 403);
    assert.equal((await farManager.post("/api/training/assignments", { programId: hipaa, target: { kind: "people", personIds: [tech.id] }, dueOn: "2026-07-01" })).statusCode, 403);
    assert.equal((await manager.post("/api/training/assignments", { programId: hipaa, target: { kind: "level", track: "core", level: "tech-3" }, dueOn: "2026-07-01" })).statusCode, 403);
    assert.equal((await technician.post("/api/training/assignments", { programId: hipaa, target: { kind: "people", personIds: [tech.id] }, dueOn: "2026-07-01" })).statusCode, 403);
    const bad = await manager.post("/api/training/assignments", { programId: hipaa, target: { kind: "people", personIds: [tech.id, "00000000-0000-4000-8000-000000000000"] }, dueOn: "2026-06-01" });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field).sort(), ["dueOn", "target.personIds.1"]);
    const schema = await manager.post("/api/training/assignments", { programId: hipaa, target: { kind: "level", track: "core" }, dueOn: "June 1" });
    assert.equal(schema.statusCode, 400);
    assert.ok(schema.json().error.fields.some((f: { field: string }) => f.field === "dueOn"));
    const level = await manager.post("/api/training/assignments", { programId: hipaa, target: { kind: "level", track: "core", level: "tech-9", siteId: org.sites[0].id }, dueOn: "2026-07-01" });
    assert.deepEqual(level.json().error.fields.map((f: { field: string }) => f.field), ["target.level"]);
    const foreign = await otherAdmin.post("/api/training/assignments", { programId: hipaa, target: { kind: "site", siteId: org.sites[0].id }, dueOn: "2026-07-01" });
    assert.deepEqual(foreign.json().error.fields.map((f: { field: string }) => f.field), ["programId"]);
  });

  it("a level assignment covers whoever holds the level, and bulk assignment makes one per person", async () => {
    const usp800 = program("usp-800-hazardous").id;
    assert.equal((await admin.post("/api/training/assignments", { programId: usp800, target: { kind: "level", track: "core", level: "tech-2" }, dueOn: "2026-08-01" })).statusCode, 201);
    assert.ok((await trainingsOf(peer, peerPerson.id)).items.some((i) => i.programCode === "usp-800-hazardous"));
    assert.ok(!(await trainingsOf(technician, tech.id)).items.some((i) => i.programCode === "usp-800-hazardous"), "the technician holds no level");
    const bulk = await manager.post("/api/training/assignments", { programId: program("fraud-waste-abuse").id, target: { kind: "people", personIds: [tech.id, peerPerson.id] }, dueOn: "2026-07-01" });
    assert.equal(bulk.json().ids.length, 2);
  });

  it("technicians see only their own trainings; managers their sites; nobody another organization's", async () => {
    assert.equal((await technician.get(`/api/training/people/${peerPerson.id}`)).statusCode, 403);
    assert.equal((await farManager.get(`/api/training/people/${tech.id}`)).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/training/people/${tech.id}`)).statusCode, 404);
    assert.equal((await technician.get("/api/training/assignments")).statusCode, 403);
    assert.equal((await technician.get(`/api/training/matrix?siteId=${org.sites[0].id}`)).statusCode, 403);
    assert.equal((await farManager.get(`/api/training/matrix?siteId=${org.sites[0].id}`)).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/training/matrix?siteId=${org.sites[0].id}`)).statusCode, 404);
    assert.equal((await farManager.get(`/api/training/assignments?siteId=${org.sites[0].id}`)).statusCode, 403);
  });

  it("the technician marks a training started; it is in progress", async () => {
    const hipaa = (await trainingsOf(technician, tech.id)).items.find((i) => i.programCode === "hipaa-privacy")!;
    const started = await technician.post(`/api/training/assignments/${hipaa.id}/start`, {});
    assert.equal(started.statusCode, 200, started.body);
    assert.deepEqual(started.json(), { status: "in-progress", startedOn: "2026-06-15" });
    assert.equal((await peer.post(`/api/training/assignments/${hipaa.id}/start`, { personId: tech.id })).statusCode, 403);
  });

  it("a recorded completion with evidence completes the assignment and meets the ladder requirement, in both eligibility loaders", async () => {
    const requirement = async () => {
      const ladder = (await technician.get(`/api/ladder/people/${tech.id}`)).json();
      const next = ladder.next.find((n: { track: string }) => n.track === "core");
      assert.equal(next.level, "tech-1");
      return next.requirements.find((r: { kind: string; label: string }) => r.kind === "training" && r.label === "HIPAA privacy and security");
    };
    const orgWide = async () => (await organizationEligibility(t.database.db, org.id, t.clock.now)).find((r) => r.employeeId === tech.employee_id)!;
    assert.equal((await requirement()).status, "missing");
    assert.ok((await orgWide()).missing.includes("HIPAA privacy and security"));

    const hipaa = program("hipaa-privacy");
    const own = await technician.post("/api/training/completions", { personId: tech.id, programId: hipaa.id, completedOn: "2026-06-12" });
    assert.equal(own.statusCode, 403);
    assert.match(own.json().error.message, /Your own completions/);
    assert.equal((await farManager.post("/api/training/completions", { personId: tech.id, programId: hipaa.id, completedOn: "2026-06-12" })).statusCode, 403);

    const evidence = await technician.request({ method: "POST", url: `/api/people/${tech.id}/evidence`, headers: { "content-type": "application/pdf", "x-file-name": "hipaa-certificate.pdf" }, payload: Buffer.from(EVIDENCE_SAMPLES["application/pdf"]) });
    assert.equal(evidence.statusCode, 201, evidence.body);
    const peerFile = await peer.request({ method: "POST", url: `/api/people/${peerPerson.id}/evidence`, headers: { "content-type": "application/pdf" }, payload: Buffer.from(EVIDENCE_SAMPLES["application/pdf"]) });
    const wrong = await manager.post("/api/training/completions", { personId: tech.id, programId: hipaa.id, completedOn: "2026-06-16", evidenceFileId: peerFile.json().id, assignmentId: (await trainingsOf(peer, peerPerson.id)).items.find((i) => i.programCode === "usp-800-hazardous")!.id });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(wrong.json().error.fields.map((f: { field: string }) => f.field).sort(), ["assignmentId", "completedOn"]);
    const badFile = await manager.post("/api/training/completions", { personId: tech.id, programId: hipaa.id, completedOn: "2026-06-12", evidenceFileId: peerFile.json().id });
    assert.deepEqual(badFile.json().error.fields.map((f: { field: string }) => f.field), ["evidenceFileId"]);

    const recorded = await manager.post("/api/training/completions", { personId: tech.id, programId: hipaa.id, completedOn: "2026-06-12", note: "Module 1 and 2 done with the privacy officer", evidenceFileId: evidence.json().id });
    assert.equal(recorded.statusCode, 201, recorded.body);
    assert.equal(recorded.json().expiresOn, null);
    assert.equal(recorded.json().evidenceFile.fileName, "hipaa-certificate.pdf");
    const again = await manager.post("/api/training/completions", { personId: tech.id, programId: hipaa.id, completedOn: "2026-06-12" });
    assert.deepEqual(again.json().error.fields.map((f: { field: string }) => f.field), ["completedOn"]);

    const item = (await trainingsOf(technician, tech.id)).items.find((i) => i.programCode === "hipaa-privacy")!;
    assert.equal(item.status, "completed");
    assert.equal(item.completion!.completedOn, "2026-06-12");
    const met = await requirement();
    assert.equal(met.status, "met");
    assert.match(met.reason, /Completed on 2026-06-12/);
    assert.ok(!(await orgWide()).missing.includes("HIPAA privacy and security"));
    assert.deepEqual(await auditActions("training_completion"), ["training.completed"]);

    // Revoked in error: the requirement is missing again, the record stays with its reason.
    assert.equal((await technician.post(`/api/training/completions/${recorded.json().id}/revoke`, { reason: "mistake" })).statusCode, 403);
    const revoked = await manager.post(`/api/training/completions/${recorded.json().id}/revoke`, { reason: "Recorded for the wrong person" });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal((await requirement()).status, "missing");
    const history = await trainingsOf(technician, tech.id);
    assert.equal(history.completions.find((c) => c.id === recorded.json().id)!.state, "revoked");
    assert.equal(history.items.find((i) => i.programCode === "hipaa-privacy")!.status, "in-progress");
  });

  it("a recurring training's completion expires after its validity", async () => {
    const usp800 = program("usp-800-hazardous");
    const recorded = await manager.post("/api/training/completions", { personId: peerPerson.id, programId: usp800.id, completedOn: "2024-02-29" });
    assert.equal(recorded.statusCode, 201, recorded.body);
    assert.equal(recorded.json().expiresOn, "2025-02-28");
    const peerTrainings = await trainingsOf(peer, peerPerson.id);
    assert.equal(peerTrainings.completions[0].state, "expired");
    assert.equal(peerTrainings.items.find((i) => i.programCode === "usp-800-hazardous")!.status, "assigned", "an expired completion does not answer the new assignment");
  });

  it("learning weeks: scheduled by the manager, completed by their supervisor, shown to the technician", async () => {
    const body = { personId: tech.id, programId: program("automation-system-training").id, station: "Central fill robot", supervisorId: pharmacistPerson.id, startsOn: "2026-06-22", endsOn: "2026-06-26" };
    assert.equal((await technician.post("/api/training/learning-weeks", body)).statusCode, 403);
    const self = await manager.post("/api/training/learning-weeks", { ...body, supervisorId: tech.id, endsOn: "2026-06-20" });
    assert.deepEqual(self.json().error.fields.map((f: { field: string }) => f.field).sort(), ["endsOn", "supervisorId"]);
    const week = await manager.post("/api/training/learning-weeks", body);
    assert.equal(week.statusCode, 201, week.body);
    const overlap = await manager.post("/api/training/learning-weeks", { ...body, startsOn: "2026-06-26", endsOn: "2026-06-30" });
    assert.deepEqual(overlap.json().error.fields.map((f: { field: string }) => f.field), ["startsOn"]);

    const item = (await trainingsOf(technician, tech.id)).items.find((i) => i.kind === "learning-week")!;
    assert.equal(item.status, "assigned");
    const supervising = (await pharmacist.get("/api/training/supervising")).json();
    assert.deepEqual(supervising.items.map((w: { station: string; status: string; person: { id: string } }) => [w.station, w.status, w.person.id]), [["Central fill robot", "assigned", tech.id]]);
    assert.deepEqual((await peer.get("/api/training/supervising")).json().items, []);
    t.clock.now = new Date("2026-06-23T15:00:00Z");
    assert.equal((await trainingsOf(technician, tech.id)).items.find((i) => i.kind === "learning-week")!.status, "in-progress");
    const completion = { personId: tech.id, programId: body.programId, assignmentId: week.json().id, completedOn: "2026-06-23", note: "Ran the robot station for three shifts" };
    assert.equal((await peer.post("/api/training/completions", completion)).statusCode, 403, "a colleague who does not supervise the week");
    const bySupervisor = await pharmacist.post("/api/training/completions", completion);
    assert.equal(bySupervisor.statusCode, 201, bySupervisor.body);
    assert.equal((await trainingsOf(technician, tech.id)).items.find((i) => i.kind === "learning-week")!.status, "completed");
    const weeks = (await manager.get("/api/training/learning-weeks")).json();
    assert.equal(weeks.items[0].station, "Central fill robot");
    assert.equal(weeks.items[0].counts.completed, 1);
    t.clock.now = new Date("2026-06-15T15:00:00Z");
  });

  it("cancelling an assignment takes it off the person's list, kept in the audit trail", async () => {
    const fwa = (await trainingsOf(technician, tech.id)).items.find((i) => i.programCode === "fraud-waste-abuse")!;
    assert.equal((await farManager.post(`/api/training/assignments/${fwa.id}/cancel`, { reason: "Not needed" })).statusCode, 403);
    assert.equal((await manager.post(`/api/training/assignments/${fwa.id}/cancel`, { reason: "Assigned twice" })).statusCode, 204);
    assert.ok(!(await trainingsOf(technician, tech.id)).items.some((i) => i.id === fwa.id));
    const actions = await auditActions("training_assignment");
    for (const action of ["training.assigned", "training.started", "training.learning_week_scheduled", "training.assignment_cancelled"]) assert.ok(actions.includes(action), action);
  });

  it("the matrix shows the site's technicians with statuses, gaps and the legend", async () => {
    const response = await manager.get(`/api/training/matrix?siteId=${org.sites[0].id}&kinds=training`);
    assert.equal(response.statusCode, 200, response.body);
    const matrix = response.json();
    assert.equal(matrix.asOf, "2026-06-15");
    assert.deepEqual(matrix.legend.map((l: { status: string }) => l.status), ["qualified", "expiring", "in-training", "expired", "not-started"]);
    const column = matrix.skills.findIndex((s: { key: string }) => s.key === "training:usp-800-hazardous");
    const peerRow = matrix.rows.find((r: { personId: string }) => r.personId === peerPerson.id);
    assert.equal(peerRow.cells[column].status, "expired");
    assert.ok(!matrix.rows.some((r: { personId: string }) => r.personId === pharmacistPerson.id), "pharmacists are not in a technician matrix");
    const filtered = (await manager.get(`/api/training/matrix?siteId=${org.sites[0].id}&track=core&level=tech-2`)).json();
    assert.deepEqual(filtered.rows.map((r: { personId: string }) => r.personId), [peerPerson.id]);
    const bad = await manager.get(`/api/training/matrix?siteId=${org.sites[0].id}&track=core&level=tech-9&kinds=skills`);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { field: string }) => f.field), ["kinds"]);
  });
});
