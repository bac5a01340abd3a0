import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, resetTokenIn, startMailServer, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, signInAs, TEST_PASSWORD, type TestOrganization } from "../../test/factories.ts";

describe("sign-in, sessions and password reset", () => {
  let t: TestApp;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let org: TestOrganization;

  before(async () => {
    mail = await startMailServer();
    t = await createTestApp({ smtpUrl: mail.url });
    org = await buildOrganization(t.database.db);
  });
  after(async () => {
    await t.close();
    await mail.close();
  });

  it("signs in with the right password and sets an httpOnly, secure, same-site cookie", async () => {
    const person = await buildPerson(t.database.db, org, { role: "technician" });
    const response = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: person.email.toUpperCase(), password: TEST_PASSWORD } });
    assert.equal(response.statusCode, 200);
    const cookie = response.cookies.find((c) => c.name === "rxl_session")!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.secure, true);
    assert.equal(cookie.sameSite, "Lax");
    assert.equal(response.json().person.role, "technician");
    assert.equal(response.json().person.timeZone, "America/New_York", "the calendar of the person's site, in which the pages reckon today");
    assert.ok(response.json().csrfToken.length > 20);
  });

  it("refuses a wrong password and an unknown address alike", async () => {
    const person = await buildPerson(t.database.db, org);
    const wrong = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: person.email, password: "nope-nope-nope" } });
    const unknown = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "nobody@example.test", password: "nope-nope-nope" } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().error.code, "INVALID_CREDENTIALS");
    assert.equal(wrong.json().error.message, unknown.json().error.message);
  });

  it("throttles an address after five failures, even with the right password", async () => {
    const person = await buildPerson(t.database.db, org);
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: person.email, password: `wrong-${i}-password` } });
    }
    const blocked = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: person.email, password: TEST_PASSWORD } });
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().error.code, "TOO_MANY_ATTEMPTS");
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    const later = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: person.email, password: TEST_PASSWORD } });
    assert.equal(later.statusCode, 200);
  });

  it("requires the CSRF token on writes and ends the session on logout", async () => {
    const person = await buildPerson(t.database.db, org);
    const client = await signInAs(t.app, person.email);
    const noToken = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: client.cookie } });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, "CSRF_TOKEN_INVALID");
    assert.equal((await client.get("/api/auth/session")).statusCode, 200);
    assert.equal((await client.post("/api/auth/logout")).statusCode, 204);
    assert.equal((await client.get("/api/auth/session")).statusCode, 401);
  });

  it("a separated person can no longer sign in or use an open session", async () => {
    const person = await buildPerson(t.database.db, org);
    const client = await signInAs(t.app, person.email);
    await t.database.db.updateTable("people").set({ status: "separated", separation_date: "2026-05-01", separation_type: "voluntary" }).where("id", "=", person.id).execute();
    assert.equal((await client.get("/api/auth/session")).statusCode, 401);
    const again = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: person.email, password: TEST_PASSWORD } });
    assert.equal(again.statusCode, 401);
  });

  it("resets a password with the e-mailed link, once", async () => {
    const person = await buildPerson(t.database.db, org);
    const client = await signInAs(t.app, person.email);
    const request = await t.app.inject({ method: "POST", url: "/api/auth/password-reset/request", payload: { email: person.email } });
    assert.equal(request.statusCode, 202);
    const message = mail.messages.find((m) => m.to.includes(person.email));
    assert.ok(message, "reset e-mail delivered over SMTP");
    const token = resetTokenIn(message!.raw);

    const weak = await t.app.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password: "short" } });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.fields[0].field, "password");

    const ok = await t.app.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password: "a-brand-new-password" } });
    assert.equal(ok.statusCode, 204);
    assert.equal((await client.get("/api/auth/session")).statusCode, 401, "old sessions end");
    await signInAs(t.app, person.email, "a-brand-new-password");
    const reused = await t.app.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password: "another-new-password" } });
    assert.equal(reused.json().error.code, "RESET_TOKEN_INVALID");
  });

  it("answers a reset request for an unknown address the same way and sends nothing", async () => {
    const before = mail.messages.length;
    const response = await t.app.inject({ method: "POST", url: "/api/auth/password-reset/request", payload: { email: "ghost@example.test" } });
    assert.equal(response.statusCode, 202);
    assert.equal(mail.messages.length, before);
  });

  it("an admin invites a roster person, who sets a password from the e-mail", async () => {
    const admin = await buildPerson(t.database.db, org, { role: "admin" });
    const newcomer = await buildPerson(t.database.db, org, { withAccount: false });
    const client = await signInAs(t.app, admin.email);
    const invited = await client.post(`/api/people/${newcomer.id}/account`);
    assert.equal(invited.statusCode, 201);
    const message = mail.messages.find((m) => m.to.includes(newcomer.email))!;
    const token = resetTokenIn(message.raw);
    assert.equal((await t.app.inject({ method: "POST", url: "/api/auth/password-reset/confirm", payload: { token, password: "my-first-password" } })).statusCode, 204);
    await signInAs(t.app, newcomer.email, "my-first-password");
    assert.equal((await client.post(`/api/people/${newcomer.id}/account`)).statusCode, 409);
  });
});
