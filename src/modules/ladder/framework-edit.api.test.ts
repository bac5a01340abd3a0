import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, TEST_PASSWORD, type Client, type TestOrganization } from "../../test/factories.ts";
import type { FrameworkDefinition } from "./framework.types.ts";

describe("framework editor: draft, preview, publish", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, pharmacist: Client;
  let tech: { id: string };

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    admin = await signInAs(t.app, (await buildPerson(db, org, { role: "admin" })).email);
    manager = await signInAs(t.app, (await buildPerson(db, org, { role: "manager" })).email);
    pharmacist = await signInAs(t.app, (await buildPerson(db, org, { role: "pharmacist" })).email);
    tech = await buildPerson(db, org, { hireDate: "2025-01-06" });
    await placeAtLevel(db, org, tech.id, "core/tech-1", "2025-01-06");
    const framework = (await admin.get("/api/ladder/framework")).json().definition as FrameworkDefinition;
    const tech2 = framework.tracks.find((x) => x.code === "core")!.levels.find((l) => l.code === "tech-2")!;
    for (const r of tech2.requirements) {
      if (r.kind !== "competency") continue;
      const response = await pharmacist.post("/api/ladder/signoffs", { personId: tech.id, competencyCode: r.competency, proficiency: 3, password: TEST_PASSWORD });
      assert.equal(response.statusCode, 201);
    }
  });
  after(() => t.close());

  it("is for admins only", async () => {
    assert.equal((await manager.get("/api/ladder/framework/draft")).statusCode, 403);
    assert.equal((await manager.request({ method: "PUT", url: "/api/ladder/framework/draft", payload: { definition: {}, baseRevision: 0 } })).statusCode, 403);
  });

  it("refuses a framework whose level rests on tenure alone, naming where", async () => {
    const { definition, revision } = (await admin.get("/api/ladder/framework/draft")).json();
    definition.tracks[0].levels[1].requirements = [{ kind: "tenure", months: 12 }];
    const response = await admin.request({ method: "PUT", url: "/api/ladder/framework/draft", payload: { definition, baseRevision: revision } });
    assert.equal(response.statusCode, 400);
    assert.ok(response.json().error.fields.some((f: { field: string }) => f.field.startsWith("tracks")));
    const malformed = await admin.request({ method: "PUT", url: "/api/ladder/framework/draft", payload: { definition: { name: "x", tracks: "none" }, baseRevision: revision } });
    assert.equal(malformed.statusCode, 400);
  });

  it("previews who becomes eligible, publishes a new version, and keeps the history", async () => {
    const current = (await admin.get("/api/ladder/framework/draft")).json();
    assert.equal(current.isDraft, false);
    assert.equal(current.revision, 0);
    const definition = current.definition as FrameworkDefinition;
    const tech2 = definition.tracks.find((x) => x.code === "core")!.levels.find((l) => l.code === "tech-2")!;
    tech2.requirements = tech2.requirements.filter((r) => !(r.kind === "certification" && r.anyOf.includes("ptcb-cpht")) && r.kind !== "certification");

    const preview = (await admin.post("/api/ladder/framework/preview", { definition })).json();
    assert.deepEqual(preview.becomeEligible.map((c: { personId: string }) => c.personId), [tech.id]);
    assert.equal(preview.becomeIneligible.length, 0);

    const saved = await admin.request({ method: "PUT", url: "/api/ladder/framework/draft", payload: { definition, note: "Certification at Tech III instead", baseRevision: current.revision } });
    assert.equal(saved.statusCode, 200);
    assert.equal(saved.json().version, 2);
    assert.ok(saved.json().revision > 0);
    assert.equal((await admin.get(`/api/ladder/people/${tech.id}`)).json().next[0].eligible, false, "a draft changes nothing");

    assert.deepEqual((await admin.post("/api/ladder/framework/publish", { baseRevision: saved.json().revision })).json(), { version: 2 });
    assert.equal((await admin.get("/api/ladder/framework")).json().version, 2);
    assert.equal((await admin.get(`/api/ladder/people/${tech.id}`)).json().next[0].eligible, true);
    const versions = (await admin.get("/api/ladder/framework/versions")).json().items;
    assert.deepEqual(versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`), ["2:published", "1:published"]);
    assert.equal((await admin.post("/api/ladder/framework/publish")).statusCode, 404);
  });

  it("refuses a save based on a draft someone else saved since, naming who and when, and lets the later save win only after a reload", async () => {
    const db = t.database.db;
    const other = await buildPerson(db, org, { role: "admin" });
    const otherAdmin = await signInAs(t.app, other.email);
    const save = (client: Client, definition: FrameworkDefinition, baseRevision: number, note: string) =>
      client.request({ method: "PUT", url: "/api/ladder/framework/draft", payload: { definition, note, baseRevision } });

    // Both open the editor with no draft (revision 0); the first save starts the draft, the second is refused.
    const mine = (await admin.get("/api/ladder/framework/draft")).json();
    const theirs = (await otherAdmin.get("/api/ladder/framework/draft")).json();
    assert.equal(mine.isDraft, false);
    assert.equal(theirs.revision, mine.revision);
    const first = await save(otherAdmin, theirs.definition, theirs.revision, "Theirs");
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().savedBy, `${other.first_name} ${other.last_name}`);
    const stale = await save(admin, mine.definition, mine.revision, "Mine");
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, "DRAFT_CHANGED");
    assert.match(stale.json().error.message, new RegExp(`${other.first_name} ${other.last_name} saved draft v3 at 2026-06-15 15:00 UTC`));
    assert.equal((await admin.get("/api/ladder/framework/draft")).json().note, "Theirs", "the refused save changed nothing");

    // After a reload, the save goes through and takes a new revision; the other admin is now the stale one.
    const reloaded = (await admin.get("/api/ladder/framework/draft")).json();
    assert.equal(reloaded.revision, first.json().revision);
    const second = await save(admin, reloaded.definition, reloaded.revision, "Mine, after reading theirs");
    assert.equal(second.statusCode, 200);
    assert.ok(second.json().revision > reloaded.revision);
    assert.equal((await save(otherAdmin, theirs.definition, first.json().revision, "Again")).json().error.code, "DRAFT_CHANGED");
    assert.equal((await otherAdmin.post("/api/ladder/framework/publish", { baseRevision: first.json().revision })).statusCode, 409, "publishing a draft you have not seen is refused too");
    const discardStale = await otherAdmin.request({ method: "DELETE", url: `/api/ladder/framework/draft?baseRevision=${first.json().revision}` });
    assert.equal(discardStale.statusCode, 409);

    // Discarded and started again: the old revision does not come back, so a stale save is still refused.
    assert.equal((await admin.request({ method: "DELETE", url: `/api/ladder/framework/draft?baseRevision=${second.json().revision}` })).statusCode, 204);
    const afterDiscard = await save(otherAdmin, theirs.definition, second.json().revision, "Too late");
    assert.equal(afterDiscard.statusCode, 409);
    assert.match(afterDiscard.json().error.message, /discarded/);
    const fresh = (await admin.get("/api/ladder/framework/draft")).json();
    const restarted = await save(admin, fresh.definition, fresh.revision, "Fresh start");
    assert.equal(restarted.statusCode, 200);
    assert.ok(![first.json().revision, second.json().revision].includes(restarted.json().revision));
    const audit = (await admin.get("/api/audit?entityType=ladder_framework")).json().items.map((e: { action: string }) => e.action);
    assert.equal(audit.filter((a: string) => a === "ladder_framework.draft_saved").length, 4, "refused saves leave no audit entry");
  });
});
