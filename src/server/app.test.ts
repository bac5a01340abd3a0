import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import Fastify from "fastify";
import { createTestApp, testDatabaseKind, type TestApp } from "../test/harness.ts";
import { registerAuthHooks } from "./auth-hooks.ts";

describe("application", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it("answers health with the database kind and version", async () => {
    const response = await t.app.inject({ method: "GET", url: "/healthz" });
    assert.deepEqual(response.json(), { status: "ok", database: testDatabaseKind, version: "test" });
  });

  it("serves an OpenAPI 3 document with every API route", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    assert.match(document.openapi, /^3\./);
    for (const path of ["/api/auth/login", "/api/people", "/api/people/{id}", "/api/roster/import", "/api/audit/verify", "/api/sites"]) {
      assert.ok(document.paths[path], `${path} documented`);
    }
    assert.ok(document.paths["/api/people"].get.parameters.some((p: { name: string }) => p.name === "siteId"));
    const docs = await t.app.inject({ method: "GET", url: "/api/docs/" });
    assert.equal(docs.statusCode, 200);
  });

  it("answers unknown API routes and bad JSON with the error shape, never a stack trace", async () => {
    const missing = await t.app.inject({ method: "GET", url: "/api/nothing-here" });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, "NOT_FOUND");
    const broken = await t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "application/json" }, payload: "{not json" });
    assert.equal(broken.statusCode, 400);
    assert.ok(broken.json().error.message);
    assert.doesNotMatch(broken.body, /at .*\.ts:\d+/);
    const invalid = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "a" } });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.code, "VALIDATION_FAILED");
    assert.deepEqual(invalid.json().error.fields.map((f: { field: string }) => f.field).sort(), ["email", "password"]);
  });

  it("refuses to start when an API route declares no policy", async () => {
    const app = Fastify();
    registerAuthHooks(app);
    assert.throws(() => app.get("/api/forgotten", async () => "x"), /declares no policy/);
  });
});
