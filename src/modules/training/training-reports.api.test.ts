import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, EVIDENCE_SAMPLES, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";

interface Progress {
  completed: number;
  total: number;
  modules: { id: string; title: string; completedOn: string | null }[];
}

describe("training progress per module and reported completions", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, farManager: Client, technician: Client, pharmacist: Client, farPharmacist: Client, otherAdmin: Client;
  let tech: { id: string };
  let pharmacistId: string;
  let program: { id: string; code: string; modules: { id: string; title: string }[] };
  let wholeProgram: { id: string; code: string };
  const upload = async (client: Client, personId: string) => {
    const response = await client.request({ method: "POST", url: `/api/people/${personId}/evidence`, headers: { "content-type": "application/pdf", "x-file-name": "certificate.pdf" }, payload: Buffer.from(EVIDENCE_SAMPLES["application/pdf"]) });
    assert.equal(response.statusCode, 201, response.body);
    return response.json().id as string;
  };
  const trainingsOf = async (client: Client) =>
    (await client.get(`/api/training/people/${tech.id}`)).json() as {
      items: { programId: string; status: string; progress: Progress | null }[];
      completions: { programCode: string; note: string | null; evidenceFile: { id: string } | null }[];
      inProgress: { programId: string; programName: string; completed: number; total: number }[];
      permissions: { canReport: boolean };
    };

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const [site, farSite] = org.sites.map((s) => s.id);
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: site }),
      farManager: await buildPerson(db, org, { role: "manager", siteId: farSite }),
      technician: await buildPerson(db, org, { siteId: site, hireDate: "2026-01-05" }),
      pharmacist: await buildPerson(db, org, { role: "pharmacist", siteId: site }),
      farPharmacist: await buildPerson(db, org, { role: "pharmacist", siteId: farSite }),
    };
    tech = people.technician;
    pharmacistId = people.pharmacist.id;
    const other = await buildOrganization(db);
    [admin, manager, farManager, technician, pharmacist, farPharmacist, otherAdmin] = await Promise.all([
      ...Object.values(people).map((p) => signInAs(t.app, p.email)),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
    const programs = (await admin.get("/api/training/programs")).json().items as { id: string; code: string; modules: { id: string; title: string }[] }[];
    program = programs.find((p) => p.modules.length >= 3)!;
    wholeProgram = programs.find((p) => p.id !== program.id)!;
  });
  after(() => t.close());

  it("module completions show as progress, only someone else records them, and the last one completes the program", async () => {
    const [m1, m2] = program.modules;
    assert.equal((await technician.post("/api/training/module-completions", { personId: tech.id, moduleId: m1.id, completedOn: "2026-06-01" })).statusCode, 403);
    assert.equal((await farManager.post("/api/training/module-completions", { personId: tech.id, moduleId: m1.id, completedOn: "2026-06-01" })).statusCode, 403);
    assert.equal((await otherAdmin.post("/api/training/module-completions", { personId: tech.id, moduleId: m1.id, completedOn: "2026-06-01" })).statusCode, 404);
    const future = await manager.post("/api/training/module-completions", { personId: tech.id, moduleId: m1.id, completedOn: "2026-06-30" });
    assert.equal(future.statusCode, 400);
    assert.equal(future.json().error.fields[0].field, "completedOn");
    const done = await manager.post("/api/training/module-completions", { personId: tech.id, moduleId: m1.id, completedOn: "2026-06-01" });
    assert.equal(done.statusCode, 201, done.body);
    assert.deepEqual([done.json().progress.completed, done.json().progress.total], [1, program.modules.length]);
    const again = await manager.post("/api/training/module-completions", { personId: tech.id, moduleId: m1.id, completedOn: "2026-06-02" });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().error.fields[0].field, "moduleId");
    // Assigned: the assignment carries the progress; the module list says which are done.
    assert.equal((await manager.post("/api/training/assignments", { programId: program.id, target: { kind: "people", personIds: [tech.id] }, dueOn: "2026-07-31" })).statusCode, 201);
    const view = await trainingsOf(technician);
    const item = view.items.find((i) => i.programId === program.id)!;
    assert.equal(item.progress!.completed, 1);
    assert.equal(item.progress!.modules.find((m) => m.id === m1.id)!.completedOn, "2026-06-01");
    assert.equal(item.progress!.modules.find((m) => m.id === m2.id)!.completedOn, null);
    assert.notEqual(item.status, "completed");
    assert.equal((await farManager.get(`/api/training/people/${tech.id}`)).statusCode, 403);
    // The matrix cell says how far along the person is.
    const matrix = (await manager.get(`/api/training/matrix?siteId=${org.sites[0].id}`)).json() as { skills: { key: string }[]; rows: { personId: string; cells: { status: string; detail: string }[] }[] };
    const column = matrix.skills.findIndex((skill) => skill.key === `training:${program.code}`);
    const matrixCell = matrix.rows.find((r) => r.personId === tech.id)!.cells[column];
    assert.equal(matrixCell.status, "in-training");
    assert.match(matrixCell.detail, new RegExp(`1 of ${program.modules.length} modules completed`));
  });

  it("a reported completion counts only once someone else confirms it (four eyes), with its certificate", async () => {
    const file = await upload(technician, tech.id);
    const otherFile = await upload(pharmacist, pharmacistId);
    const withoutFile = await technician.post("/api/training/reports", { programId: wholeProgram.id, completedOn: "2026-06-05" });
    assert.equal(withoutFile.statusCode, 400);
    assert.equal(withoutFile.json().error.fields[0].field, "evidenceFileId");
    const foreignFile = await technician.post("/api/training/reports", { programId: wholeProgram.id, completedOn: "2026-06-05", evidenceFileId: otherFile });
    assert.equal(foreignFile.statusCode, 400);
    assert.equal(foreignFile.json().error.fields[0].field, "evidenceFileId");
    const wrongModule = await technician.post("/api/training/reports", { programId: wholeProgram.id, moduleId: program.modules[1].id, completedOn: "2026-06-05", evidenceFileId: file });
    assert.equal(wrongModule.statusCode, 400);
    assert.equal(wrongModule.json().error.fields[0].field, "moduleId");
    const report = await technician.post("/api/training/reports", { programId: wholeProgram.id, completedOn: "2026-06-05", provider: "County college", evidenceFileId: file });
    assert.equal(report.statusCode, 201, report.body);
    assert.equal(report.json().status, "submitted");
    assert.equal(report.json().mayDecide, false);
    assert.equal((await technician.post("/api/training/reports", { programId: wholeProgram.id, completedOn: "2026-06-06", evidenceFileId: file })).statusCode, 400, "one pending report per program");
    assert.deepEqual((await trainingsOf(technician)).completions.filter((c) => c.programCode === wholeProgram.code), [], "not counted before confirmation");

    const id = report.json().id;
    assert.equal((await technician.post(`/api/training/reports/${id}/decision`, { decision: "confirm" })).statusCode, 403);
    assert.equal((await farManager.post(`/api/training/reports/${id}/decision`, { decision: "confirm" })).statusCode, 403);
    assert.equal((await farPharmacist.post(`/api/training/reports/${id}/decision`, { decision: "confirm" })).statusCode, 403);
    assert.equal((await otherAdmin.post(`/api/training/reports/${id}/decision`, { decision: "confirm" })).statusCode, 404);
    assert.deepEqual((await farManager.get("/api/training/reports")).json().items, []);
    assert.deepEqual((await otherAdmin.get("/api/training/reports")).json().items, []);
    const queue = (await pharmacist.get("/api/training/reports?status=submitted")).json().items;
    assert.deepEqual(queue.map((r: { id: string; mayDecide: boolean }) => [r.id, r.mayDecide]), [[id, true]]);
    const confirmed = await pharmacist.post(`/api/training/reports/${id}/decision`, { decision: "confirm", note: "Certificate checked" });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().status, "confirmed");
    assert.equal((await manager.post(`/api/training/reports/${id}/decision`, { decision: "reject" })).statusCode, 409);
    const completion = (await trainingsOf(technician)).completions.find((c) => c.programCode === wholeProgram.code)!;
    assert.equal(completion.evidenceFile?.id, file);
    assert.match(completion.note ?? "", /County college/);
    const events = await t.database.db.selectFrom("domain_events").select("payload").where("person_id", "=", tech.id).where("kind", "=", "training.completed").execute();
    assert.equal(events.length, 1);
  });

  it("reported modules, once confirmed, complete the program with the rest", async () => {
    const rest = program.modules.slice(1);
    for (const [i, m] of rest.entries()) {
      const file = await upload(technician, tech.id);
      const report = await technician.post("/api/training/reports", { programId: program.id, moduleId: m.id, completedOn: `2026-06-1${i}`, evidenceFileId: file });
      assert.equal(report.statusCode, 201, report.body);
      if (i === 0) {
        assert.equal((await manager.post(`/api/training/reports/${report.json().id}/decision`, { decision: "reject", note: "Not this course" })).json().status, "rejected");
        const retry = await technician.post("/api/training/reports", { programId: program.id, moduleId: m.id, completedOn: "2026-06-10", evidenceFileId: file });
        assert.equal(retry.statusCode, 201, retry.body);
        assert.equal((await manager.post(`/api/training/reports/${retry.json().id}/decision`, { decision: "confirm" })).statusCode, 200);
      } else {
        assert.equal((await admin.post(`/api/training/reports/${report.json().id}/decision`, { decision: "confirm" })).statusCode, 200);
      }
    }
    const view = await trainingsOf(technician);
    const item = view.items.find((i) => i.programId === program.id)!;
    assert.equal(item.status, "completed");
    const mine = (await technician.get("/api/training/reports?mine=1")).json().items as { status: string }[];
    assert.deepEqual(mine.map((r) => r.status).sort(), ["confirmed", ...rest.map(() => "confirmed"), "rejected"].sort());
  });

  it("editing a program keeps completions of the modules whose titles stay", async () => {
    const full = ((await admin.get("/api/training/programs")).json().items as { id: string; name: string; category: string; modules: { id: string; title: string; delivery: string; hours: number }[] }[]).find((p) => p.id === program.id)!;
    const reordered = [...full.modules].reverse().map(({ title, delivery, hours }) => ({ title, delivery, hours }));
    const edited = await admin.patch(`/api/training/programs/${program.id}`, { modules: reordered });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.deepEqual(edited.json().modules.map((m: { id: string }) => m.id), [...full.modules].reverse().map((m) => m.id));
    const kept = await t.database.db.selectFrom("training_module_completions").select("id").where("person_id", "=", tech.id).execute();
    assert.equal(kept.length, program.modules.length);
  });
});
