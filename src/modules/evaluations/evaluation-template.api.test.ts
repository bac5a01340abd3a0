import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { DEFAULT_EVALUATION_TEMPLATE } from "./default-template.ts";

const ratingsOf = (codes: string[], value: number) => Object.fromEntries(codes.map((c) => [c, value]));
const put = (client: Client, payload: unknown) => client.request({ method: "PUT", url: "/api/evaluations/template", payload: payload as Record<string, unknown> });

describe("evaluation form versions and edits before acknowledgement", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, farManager: Client, technician: Client, otherAdmin: Client;
  let tech: { id: string };

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db, { sites: 2 });
    const [s1, s2] = org.sites.map((s) => s.id);
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: s1 }),
      farManager: await buildPerson(db, org, { role: "manager", siteId: s2 }),
      technician: await buildPerson(db, org, { role: "technician", siteId: s1 }),
    };
    tech = people.technician;
    const other = await buildOrganization(db);
    [admin, manager, farManager, technician, otherAdmin] = await Promise.all([
      signInAs(t.app, people.admin.email),
      signInAs(t.app, people.manager.email),
      signInAs(t.app, people.farManager.email),
      signInAs(t.app, people.technician.email),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  let mayEvaluation: { id: string };

  it("a manager fills May on version 1 with answers to the comment prompts", async () => {
    const template = (await manager.get("/api/evaluations/template")).json();
    assert.equal(template.version, 1);
    assert.deepEqual(template.commentPrompts.map((p: { code: string }) => p.code), ["strengths", "goals"]);
    const bad = await manager.post(`/api/people/${tech.id}/evaluations`, { month: "2026-05", ratings: ratingsOf(DEFAULT_EVALUATION_TEMPLATE.items.map((i) => i.code), 3), promptAnswers: { mood: "fine" } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, "promptAnswers.mood");
    const filled = await manager.post(`/api/people/${tech.id}/evaluations`, {
      month: "2026-05",
      ratings: ratingsOf(DEFAULT_EVALUATION_TEMPLATE.items.map((i) => i.code), 3),
      promptAnswers: { strengths: "  Calm at pickup  ", goals: "" },
    });
    assert.equal(filled.statusCode, 201);
    mayEvaluation = filled.json();
    assert.equal(filled.json().template.version, 1);
    assert.deepEqual(filled.json().prompts, [
      { code: "strengths", label: "Strengths this month", answer: "Calm at pickup" },
      { code: "goals", label: "Goals for next month", answer: null },
    ]);
  });

  it("only admins of the organization change the form; errors name the line; a stale version is a conflict", async () => {
    const current = (await admin.get("/api/evaluations/template")).json();
    const draft = {
      baseVersion: current.version,
      name: "Monthly technician evaluation (2026)",
      items: [...current.items.filter((i: { code: string }) => i.code !== "growth"), { code: "immunizations", label: "Immunization support", kind: "competency", description: "Screens and documents" }],
      commentPrompts: [{ code: "support", label: "Support you need from me" }],
    };
    assert.equal((await put(manager, draft)).statusCode, 403);
    assert.equal((await put(technician, draft)).statusCode, 403);
    assert.equal((await technician.get("/api/evaluations/template/versions")).statusCode, 403);

    const duplicate = await put(admin, { ...draft, items: [...draft.items, { code: "teamwork", label: "Teamwork again", kind: "competency", description: "" }] });
    assert.equal(duplicate.statusCode, 400);
    assert.deepEqual(duplicate.json().error.fields.map((f: { field: string }) => f.field), [`items.${draft.items.length}.code`]);
    const empty = await put(admin, { ...draft, items: [] });
    assert.equal(empty.json().error.fields[0].field, "items");

    const unchanged = await put(admin, { baseVersion: 1, name: current.name, items: current.items, commentPrompts: current.commentPrompts });
    assert.equal(unchanged.statusCode, 200);
    assert.equal(unchanged.json().changed, false);
    assert.equal(unchanged.json().version, 1);

    const saved = await put(admin, draft);
    assert.equal(saved.statusCode, 200);
    assert.equal(saved.json().version, 2);
    assert.equal(saved.json().changed, true);
    const stale = await put(admin, { ...draft, name: "Another change" });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.fields[0].field, "baseVersion");

    const versions = (await admin.get("/api/evaluations/template/versions")).json();
    assert.deepEqual(versions.items.map((v: { version: number; evaluations: number }) => [v.version, v.evaluations]), [[2, 0], [1, 1]]);
    assert.ok(versions.items[0].createdBy);
    const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE org_id = ${org.id} AND entity_type = 'evaluation_template'`.execute(t.database.db);
    assert.deepEqual(audit.rows.map((r) => r.action), ["evaluation.template_changed"]);

    // Another organization still has the default form.
    assert.equal((await otherAdmin.get("/api/evaluations/template")).json().version, 1);
  });

  it("an evaluation keeps the version it was filled with; a new one uses the newest", async () => {
    const may = (await manager.get(`/api/evaluations/${mayEvaluation.id}`)).json();
    assert.equal(may.template.version, 1);
    assert.ok(may.items.some((i: { code: string }) => i.code === "growth"));
    assert.equal(may.items.some((i: { code: string }) => i.code === "immunizations"), false);

    const template = (await manager.get("/api/evaluations/template")).json();
    const old = await manager.post(`/api/people/${tech.id}/evaluations`, { month: "2026-06", ratings: ratingsOf(DEFAULT_EVALUATION_TEMPLATE.items.map((i) => i.code), 3) });
    assert.equal(old.statusCode, 400, "the old form's lines are not the newest form's");
    const june = await manager.post(`/api/people/${tech.id}/evaluations`, { month: "2026-06", ratings: ratingsOf(template.items.map((i: { code: string }) => i.code), 4), promptAnswers: { support: "More claims shifts" } });
    assert.equal(june.statusCode, 201);
    assert.equal(june.json().template.version, 2);
    assert.deepEqual(june.json().prompts, [{ code: "support", label: "Support you need from me", answer: "More claims shifts" }]);
  });

  it("the manager edits May (on its own version) until the technician acknowledges; others may not", async () => {
    const ratings = { ...ratingsOf(DEFAULT_EVALUATION_TEMPLATE.items.map((i) => i.code), 3), growth: 4 };
    assert.equal((await farManager.patch(`/api/evaluations/${mayEvaluation.id}`, { ratings })).statusCode, 403);
    assert.equal((await technician.patch(`/api/evaluations/${mayEvaluation.id}`, { ratings })).statusCode, 403);
    assert.equal((await otherAdmin.patch(`/api/evaluations/${mayEvaluation.id}`, { ratings })).statusCode, 404);
    const edited = await manager.patch(`/api/evaluations/${mayEvaluation.id}`, { ratings, promptAnswers: { goals: "Finish preceptor basics" } });
    assert.equal(edited.statusCode, 200);
    assert.equal(edited.json().average, 3.14);
    assert.deepEqual(edited.json().prompts.map((p: { answer: string | null }) => p.answer), [null, "Finish preceptor basics"]);
    assert.equal(edited.json().template.version, 1);
    const commentOnly = await manager.patch(`/api/evaluations/${mayEvaluation.id}`, { comments: "Good month" });
    assert.equal(commentOnly.json().prompts[1].answer, "Finish preceptor basics", "answers stay when not sent");

    assert.equal((await technician.post(`/api/evaluations/${mayEvaluation.id}/acknowledge`, {})).statusCode, 200);
    const locked = await manager.patch(`/api/evaluations/${mayEvaluation.id}`, { promptAnswers: { goals: "changed" } });
    assert.equal(locked.statusCode, 409);
    assert.equal(locked.json().error.code, "EVALUATION_LOCKED");
  });
});
