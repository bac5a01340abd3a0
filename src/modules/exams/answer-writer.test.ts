import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import type { Actor } from "../auth/policy.ts";
import { createAnswerWriter } from "./answer-writer.ts";

const put = (c: Client, url: string, payload: unknown) => c.request({ method: "PUT", url, payload: payload as object });

interface Started {
  id: string;
  itemCount: number;
}

/** Answers sent together by many takers go through the batched writer; these check it keeps every rule of one-by-one answering. */
describe("answers from many takers at once", () => {
  let t: TestApp;
  let org: TestOrganization;
  let takers: Client[];
  let people: { id: string; org_id: string; site_id: string; email: string }[];
  let stranger: Client;

  before(async () => {
    t = await createTestApp({ now: new Date("2026-03-31T22:30:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    people = await Promise.all(Array.from({ length: 6 }, () => buildPerson(db, org, { role: "technician", hireDate: "2026-01-05" })));
    for (const person of people) await placeAtLevel(db, org, person.id, "core/tech-1", "2026-01-05");
    takers = await Promise.all(people.map((p) => signInAs(t.app, p.email)));
    stranger = await signInAs(t.app, (await buildPerson(db, await buildOrganization(db), { role: "technician" })).email);
  });
  after(() => t.close());

  const start = async (c: Client): Promise<Started> => {
    const res = await c.post("/api/exams/attempts", { form: "quick" });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const firstOption = async (c: Client, attempt: Started, position: number): Promise<string> =>
    (await c.get(`/api/exams/attempts/${attempt.id}/items/${position}`)).json().options[0].id;
  const stored = (attemptId: string) =>
    t.database.db.selectFrom("exam_attempt_items").select(["position", "answer", "flagged", "time_spent_ms"]).where("attempt_id", "=", attemptId).orderBy("position").execute();

  it("stores every answer of six takers answering all their items at the same moment", async () => {
    const attempts = await Promise.all(takers.map(start));
    const options = await Promise.all(attempts.map((a, i) => Promise.all(Array.from({ length: a.itemCount }, (_, p) => firstOption(takers[i], a, p + 1)))));
    const replies = await Promise.all(
      attempts.flatMap((attempt, i) => options[i].map((option, p) => put(takers[i], `/api/exams/attempts/${attempt.id}/items/${p + 1}`, { answer: [option], flagged: p === 3 }))),
    );
    assert.deepEqual([...new Set(replies.map((r) => r.statusCode))], [200]);
    for (const reply of replies) {
      const body = reply.json();
      assert.equal(body.feedback, null, "no key before submission");
      assert.equal(body.correct, null);
      assert.equal(body.answer.length, 1);
    }
    for (const [i, attempt] of attempts.entries()) {
      const rows = await stored(attempt.id);
      assert.deepEqual(rows.map((r) => r.answer), options[i].map((o) => [o]), `taker ${i + 1}: every answer stored`);
      assert.deepEqual(rows.filter((r) => r.flagged).map((r) => r.position), [4]);
      await takers[i].post(`/api/exams/attempts/${attempt.id}/submit`);
    }
  });

  it("writes answers that arrive together in one batch, not one by one, and a taker's second answer after the first", async () => {
    const attempts = await Promise.all(takers.slice(0, 3).map(start));
    const writer = createAnswerWriter(t.database.db);
    const actorOf = (i: number) => ({ orgId: people[i].org_id, personId: people[i].id }) as Actor;
    const options = await Promise.all(attempts.map((a, i) => firstOption(takers[i], a, 2)));
    const replies = await Promise.all([
      ...attempts.map((a, i) => writer.write({ actor: actorOf(i), attemptId: a.id, position: 2, input: { answer: [options[i]] }, now: t.clock.now })),
      writer.write({ actor: actorOf(0), attemptId: attempts[0].id, position: 2, input: { flagged: true }, now: t.clock.now }),
    ]);
    const views = replies.map((r) => {
      assert.ok(r !== null && r !== "stored", "the batch answered every request itself, with the position");
      return r;
    });
    assert.deepEqual(views.map((r) => r.answer), [[options[0]], [options[1]], [options[2]], [options[0]]]);
    assert.equal(views[3].flagged, true, "the second request of a taker saw the first");
    const drill = await takers[3].post("/api/exams/attempts", { form: "drill", domain: "federal" });
    const drillOption = await firstOption(takers[3], drill.json(), 1);
    assert.equal(await writer.write({ actor: actorOf(3), attemptId: drill.json().id, position: 1, input: { answer: [drillOption] }, now: t.clock.now }), null, "a drill's answer is explained at once, so it goes one by one");
    for (const [i, a] of [...attempts, drill.json()].entries()) await takers[i].post(`/api/exams/attempts/${a.id}/submit`);
  });

  it("gives the time between answers to the item on screen, capped at five minutes, across midnight of a month end", async () => {
    const c = takers[0];
    const attempt = await start(c);
    const option = await firstOption(c, attempt, 1);
    const startedAt = t.clock.now.getTime();
    t.clock.now = new Date(startedAt + 40_000);
    assert.equal((await put(c, `/api/exams/attempts/${attempt.id}/items/1`, { answer: [option] })).statusCode, 200);
    t.clock.now = new Date(startedAt + 40_000 + 12_345);
    assert.equal((await put(c, `/api/exams/attempts/${attempt.id}/items/2`, { flagged: true })).statusCode, 200);
    // Past midnight into April, and longer than the cap: item 2 gets five minutes, no more.
    t.clock.now = new Date(startedAt + 40_000 + 12_345 + 9 * 60_000);
    assert.equal((await put(c, `/api/exams/attempts/${attempt.id}/items/3`, {})).statusCode, 200);
    const rows = await stored(attempt.id);
    assert.deepEqual(rows.slice(0, 3).map((r) => r.time_spent_ms), [40_000 + 12_345, 5 * 60_000, 0]);
    const row = await t.database.db.selectFrom("exam_attempts").select(["current_position", "last_event_at"]).where("id", "=", attempt.id).executeTakeFirstOrThrow();
    assert.equal(row.current_position, 3);
    assert.equal(new Date(row.last_event_at).toISOString(), t.clock.now.toISOString());
    await c.post(`/api/exams/attempts/${attempt.id}/submit`);
  });

  it("refuses a wrong option naming the field, and moves nothing", async () => {
    const c = takers[1];
    const attempt = await start(c);
    const res = await put(c, `/api/exams/attempts/${attempt.id}/items/5`, { answer: ["z"] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.fields[0].field, "answer");
    const twice = await put(c, `/api/exams/attempts/${attempt.id}/items/5`, { answer: ["a", "a"] });
    assert.equal(twice.statusCode, 400);
    const row = await t.database.db.selectFrom("exam_attempts").select("current_position").where("id", "=", attempt.id).executeTakeFirstOrThrow();
    assert.equal(row.current_position, 1);
    await c.post(`/api/exams/attempts/${attempt.id}/submit`);
  });

  it("never writes into someone else's attempt, in this organization or another", async () => {
    const attempt = await start(takers[2]);
    const option = await firstOption(takers[2], attempt, 1);
    const [colleague, outsider, out] = await Promise.all([
      put(takers[3], `/api/exams/attempts/${attempt.id}/items/1`, { answer: [option] }),
      put(stranger, `/api/exams/attempts/${attempt.id}/items/1`, { answer: [option] }),
      put(takers[2], `/api/exams/attempts/${attempt.id}/items/21`, { answer: [option] }),
    ]);
    assert.deepEqual([colleague.statusCode, outsider.statusCode, out.statusCode], [404, 404, 404]);
    assert.deepEqual((await stored(attempt.id)).filter((r) => r.answer !== null), []);
    await takers[2].post(`/api/exams/attempts/${attempt.id}/submit`);
  });

  it("after the time is up, answers sent together are all refused and the attempt is submitted once", async () => {
    const c = takers[4];
    const attempt = await start(c);
    const option = await firstOption(c, attempt, 1);
    t.clock.now = new Date(t.clock.now.getTime() + 25 * 60_000);
    const late = await Promise.all([1, 2, 3].map((p) => put(c, `/api/exams/attempts/${attempt.id}/items/${p}`, { answer: [option] })));
    assert.deepEqual(late.map((r) => r.json().error?.code), ["ATTEMPT_CLOSED", "ATTEMPT_CLOSED", "ATTEMPT_CLOSED"]);
    const closed = (await c.get(`/api/exams/attempts/${attempt.id}`)).json();
    assert.equal(closed.status, "submitted");
    assert.equal(closed.expired, true);
    assert.deepEqual((await stored(attempt.id)).filter((r) => r.answer !== null), []);
  });

  it("stores without a copy back when asked (Prefer: return=minimal), checking the answer all the same", async () => {
    const c = takers[0];
    const attempt = await start(c);
    const positions = Array.from({ length: 6 }, (_, i) => i + 1);
    const items = await Promise.all(positions.map(async (p) => (await c.get(`/api/exams/attempts/${attempt.id}/items/${p}`)).json()));
    const minimal = (p: number, payload: unknown, prefer = "return=minimal") => c.request({ method: "PUT", url: `/api/exams/attempts/${attempt.id}/items/${p}`, payload: payload as object, headers: { prefer } });
    // Sent together, so they go through one batch; a multi-answer item takes two options.
    const chosen = items.map((item) => (item.kind === "multi" ? item.options.slice(0, 2) : item.options.slice(0, 1)).map((o: { id: string }) => o.id));
    const replies = await Promise.all(positions.map((p, i) => minimal(p, { answer: chosen[i], flagged: p === 2 }, p === 3 ? "handling=lenient, return = minimal; x=1" : "return=minimal")));
    assert.deepEqual(replies.map((r) => [r.statusCode, r.headers["preference-applied"], r.body]), positions.map(() => [204, "return=minimal", ""]));
    const rows = await stored(attempt.id);
    assert.deepEqual(rows.slice(0, 6).map((r) => r.answer), chosen);
    assert.deepEqual(rows.filter((r) => r.flagged).map((r) => r.position), [2]);
    const wrong = await minimal(7, { answer: ["z"] });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.fields[0].field, "answer");
    const single = items.findIndex((item) => item.kind === "single");
    assert.equal((await minimal(single + 1, { answer: items[single].options.slice(0, 2).map((o: { id: string }) => o.id) })).statusCode, 400, "one option only on a single-answer item");
    // The attempt's facts are cached now; someone else still cannot write into it.
    const intruder = await takers[3].request({ method: "PUT", url: `/api/exams/attempts/${attempt.id}/items/8`, payload: { answer: chosen[0] }, headers: { prefer: "return=minimal" } });
    assert.equal(intruder.statusCode, 404);
    assert.equal((await stored(attempt.id))[7].answer, null);
    // Without the preference the reply is the position, as before.
    const full = await put(c, `/api/exams/attempts/${attempt.id}/items/1`, { flagged: true });
    assert.equal(full.statusCode, 200);
    assert.deepEqual([full.json().position, full.json().flagged, full.json().answer], [1, true, chosen[0]]);
    await c.post(`/api/exams/attempts/${attempt.id}/submit`);
    const closed = await minimal(1, { answer: chosen[0] });
    assert.equal(closed.json().error.code, "ATTEMPT_CLOSED", "an error is an error either way");
  });

  it("answers a submitted attempt with ATTEMPT_CLOSED", async () => {
    const c = takers[5];
    const attempt = await start(c);
    const option = await firstOption(c, attempt, 1);
    await c.post(`/api/exams/attempts/${attempt.id}/submit`);
    const res = await put(c, `/api/exams/attempts/${attempt.id}/items/1`, { answer: [option] });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, "ATTEMPT_CLOSED");
  });
});
