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
    assert.equal((await manager.request({ method: "PUT", url: "/api/ladder/framework/draft", payload: { definition: {} } })).statusCode, 403);
  });

  it("refuses a framework whose level rests on tenure alone, naming where", async () => {
    const { definition } = (await admin.get("/api/ladder/framework/draft")).json();
    definition.tracks[0].levels[1].requirements = [{ kind: "tenure", months: 12 }];
    const response = await admin.request({ method: "PUT", url: "/api/ladder/framework/draft", payload: { definition } });
    assert.equal(response.statusCode, 400);
    assert.ok(response.json().error.fields.some((f: { field: string }) => f.field.startsWith("tracks")));
    const malformed = await admin.request({ method: "PUT", url: "/api/ladder/framework/draft", payload: { definition: { name: "x", tracks: "none" } } });
    assert.equal(malformed.statusCode, 400);
  });

  it("previews who becomes eligible, publishes a new version, and keeps the history", async () => {
    const current = (await admin.get("/api/ladder/framework/draft")).json();
    assert.equal(current.isDraft, false);
    const definition = current.definition as FrameworkDefinition;
    const tech2 = definition.tracks.find((x) => x.code === "core")!.levels.find((l) => l.code === "tech-2")!;
    tech2.requirements = tech2.requirements.filter((r) => !(r.kind === "certification" && r.anyOf.includes("ptcb-cpht")) && r.kind !== "certification");

    const preview = (await admin.post("/api/ladder/framework/preview", { definition })).json();
    assert.deepEqual(preview.becomeEligible.map((c: { personId: string }) => c.personId), [tech.id]);
    assert.equal(preview.becomeIneligible.length, 0);

    const saved = await admin.request({ method: "PUT", url: "/api/ladder/framework/draft", payload: { definition, note: "Certification at Tech III instead" } });
    assert.equal(saved.statusCode, 200);
    assert.equal(saved.json().version, 2);
    assert.equal((await admin.get(`/api/ladder/people/${tech.id}`)).json().next[0].eligible, false, "a draft changes nothing");

    assert.deepEqual((await admin.post("/api/ladder/framework/publish")).json(), { version: 2 });
    assert.equal((await admin.get("/api/ladder/framework")).json().version, 2);
    assert.equal((await admin.get(`/api/ladder/people/${tech.id}`)).json().next[0].eligible, true);
    const versions = (await admin.get("/api/ladder/framework/versions")).json().items;
    assert.deepEqual(versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`), ["2:published", "1:published"]);
    assert.equal((await admin.post("/api/ladder/framework/publish")).statusCode, 404);
  });
});
