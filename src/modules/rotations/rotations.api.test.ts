import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";

interface Setup {
  site: { id: string; code: string };
  stations: { id: string; code: string; name: string; competencies: { competency: string }[] }[];
  shifts: { id: string; code: string; start: string; end: string }[];
  demand: { stationId: string; shiftId: string; weekday: number; people: number }[];
}

describe("rotations API", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, farManager: Client, techA: Client, techB: Client, techD: Client, otherAdmin: Client;
  const people: Record<string, { id: string; first_name: string; last_name: string }> = {};
  let setup: Setup;
  let planId: string;
  let leaveId: string;
  const station = (code: string) => setup.stations.find((s) => s.code === code)!;
  const shift = (code: string) => setup.shifts.find((s) => s.code === code)!;
  const scheduleNotices = async () =>
    (await sql<{ id: string; recipient_id: string; title: string; body: string; link: string }>`SELECT id, recipient_id, title, body, link FROM notifications WHERE org_id = ${org.id} AND kind = 'schedule-changed' ORDER BY created_at, id`.execute(t.database.db)).rows;
  const auditActions = async () => (await sql<{ action: string }>`SELECT action FROM audit_log WHERE org_id = ${org.id} AND action LIKE 'rotation.%' ORDER BY seq`.execute(t.database.db)).rows.map((r) => r.action);

  before(async () => {
    // Monday 2026-06-15; the plan is for the week of Monday 2026-06-22.
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const [site, farSite] = org.sites.map((s) => s.id);
    const adminPerson = await buildPerson(db, org, { role: "admin" });
    const managerPerson = await buildPerson(db, org, { role: "manager", siteId: site });
    const farManagerPerson = await buildPerson(db, org, { role: "manager", siteId: farSite });
    for (const key of ["A", "B", "C"]) people[key] = await buildPerson(db, org, { siteId: site });
    people.D = await buildPerson(db, org, { siteId: farSite }); // a floater from the other site
    people.E = await buildPerson(db, org, { siteId: farSite }); // qualified, but does not float
    const signOff = (person: string, competency: string, validUntil: string | null = null) => ({
      org_id: org.id, person_id: people[person].id, competency_code: competency, proficiency: 3, assessor_id: adminPerson.id, assessor_role: "pharmacist",
      signed_at: new Date("2026-01-10T15:00:00Z"), valid_until: validUntil, signature: "0".repeat(64), framework_version: 1,
    });
    await db.insertInto("competency_signoffs").values([
      ...["A", "B", "D", "E"].flatMap((p) => [signOff(p, "prescription-filling"), signOff(p, "lasa-safety")]),
      signOff("A", "order-entry"), signOff("A", "prescription-intake"),
      // C's order entry sign-off runs out mid-plan.
      signOff("C", "order-entry", "2026-06-24"), signOff("C", "prescription-intake"),
    ]).execute();
    const other = await buildOrganization(db);
    [admin, manager, farManager, techA, techB, techD, otherAdmin] = await Promise.all([
      signInAs(t.app, adminPerson.email),
      signInAs(t.app, managerPerson.email),
      signInAs(t.app, farManagerPerson.email),
      signInAs(t.app, (people.A as unknown as { email: string }).email),
      signInAs(t.app, (people.B as unknown as { email: string }).email),
      signInAs(t.app, (people.D as unknown as { email: string }).email),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  it("loads the shipped stations, shifts and demand into a site on first use; only its managers and admins see them", async () => {
    const response = await manager.get(`/api/rotations/sites/${org.sites[0].id}/setup`);
    assert.equal(response.statusCode, 200);
    setup = response.json();
    // A community site in Ohio: no cleanroom, no tech-check-tech.
    assert.deepEqual(setup.stations.map((s) => s.code), ["prescription-filling", "order-entry", "insurance-billing", "pickup-drive-thru", "nonsterile-compounding", "immunization", "inventory-receiving"]);
    assert.deepEqual(setup.shifts.map((s) => `${s.code} ${s.start}-${s.end}`), ["first 07:00-15:00", "peak 11:00-14:00", "second 15:00-23:00"]);
    assert.ok(setup.demand.length > 0);
    await manager.get(`/api/rotations/sites/${org.sites[0].id}/setup`);
    assert.deepEqual(await auditActions(), ["rotation.stations_loaded"]);
    assert.equal((await techA.get(`/api/rotations/sites/${org.sites[0].id}/setup`)).statusCode, 403);
    assert.equal((await farManager.get(`/api/rotations/sites/${org.sites[0].id}/setup`)).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/rotations/sites/${org.sites[0].id}/setup`)).statusCode, 404);
    assert.equal((await admin.get(`/api/rotations/sites/${org.sites[0].id}/setup`)).statusCode, 200);
  });

  it("replaces the demand grid, naming bad fields", async () => {
    const bad = await manager.request({ method: "PUT", url: `/api/rotations/sites/${org.sites[0].id}/demand`, payload: { rows: [{ stationId: org.sites[0].id, shiftId: shift("first").id, weekday: 1, people: 1 }] } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, "rows.0.stationId");
    const invalid = await manager.request({ method: "PUT", url: `/api/rotations/sites/${org.sites[0].id}/demand`, payload: { rows: [{ stationId: station("order-entry").id, shiftId: shift("first").id, weekday: 8, people: 1 }] } });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.json().error.fields[0].field, /rows\.0\.weekday/);
    // One filler and one order-entry technician on weekday 1st shifts.
    const rows = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { stationId: station("prescription-filling").id, shiftId: shift("first").id, weekday, people: 1 },
      { stationId: station("order-entry").id, shiftId: shift("first").id, weekday, people: 1 },
    ]);
    const ok = await manager.request({ method: "PUT", url: `/api/rotations/sites/${org.sites[0].id}/demand`, payload: { rows } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().rows.length, 10);
    assert.equal((await farManager.request({ method: "PUT", url: `/api/rotations/sites/${org.sites[0].id}/demand`, payload: { rows } })).statusCode, 403);
  });

  it("sets availability: a floater for the other site, and a technician who does not work Fridays", async () => {
    const pattern = { weeklyHours: 40, minRestHours: 10, shifts: ["1/first", "2/first", "3/first", "4/first"], preferredStations: ["order-entry"], avoidedStations: [], floatSiteIds: [] };
    const set = await manager.request({ method: "PUT", url: `/api/rotations/people/${people.A.id}/availability`, payload: pattern });
    assert.equal(set.statusCode, 200);
    assert.deepEqual(set.json().shifts, pattern.shifts);
    const bad = await manager.request({ method: "PUT", url: `/api/rotations/people/${people.A.id}/availability`, payload: { ...pattern, shifts: ["9/first"] } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.fields[0].field, /shifts\.0/);
    // Only D's own manager (or an admin) makes D a floater.
    const floater = { weeklyHours: 32, minRestHours: 10, shifts: null, preferredStations: [], avoidedStations: [], floatSiteIds: [org.sites[0].id] };
    assert.equal((await manager.request({ method: "PUT", url: `/api/rotations/people/${people.D.id}/availability`, payload: floater })).statusCode, 403);
    assert.equal((await farManager.request({ method: "PUT", url: `/api/rotations/people/${people.D.id}/availability`, payload: floater })).statusCode, 200);
    assert.equal((await techA.request({ method: "PUT", url: `/api/rotations/people/${people.A.id}/availability`, payload: pattern })).statusCode, 403);
    assert.equal((await techA.get(`/api/rotations/people/${people.A.id}/availability`)).json().weeklyHours, 40);
    assert.equal((await techA.get(`/api/rotations/people/${people.B.id}/availability`)).statusCode, 403);
  });

  it("generates a draft plan with qualified people only, and explains the shift it cannot fill", async () => {
    const tuesday = await manager.post("/api/rotations/plans", { siteId: org.sites[0].id, startsOn: "2026-06-23", weeks: 1 });
    assert.equal(tuesday.statusCode, 400);
    assert.equal(tuesday.json().error.fields[0].field, "startsOn");
    assert.equal((await manager.post("/api/rotations/plans", { siteId: org.sites[0].id, startsOn: "2026-06-22", weeks: 5 })).statusCode, 400);
    assert.equal((await techA.post("/api/rotations/plans", { siteId: org.sites[0].id, startsOn: "2026-06-22", weeks: 1 })).statusCode, 403);
    assert.equal((await farManager.post("/api/rotations/plans", { siteId: org.sites[0].id, startsOn: "2026-06-22", weeks: 1 })).statusCode, 403);

    const response = await manager.post("/api/rotations/plans", { siteId: org.sites[0].id, startsOn: "2026-06-22", weeks: 1 });
    assert.equal(response.statusCode, 201);
    const result = response.json();
    planId = result.planId;
    assert.equal(result.status, "optimal");
    // Friday's order entry: A does not work Fridays and C's sign-off ran out on Wednesday.
    assert.equal(result.shortfalls.length, 1);
    const [short] = result.shortfalls;
    assert.equal(short.day, "2026-06-26");
    assert.match(short.message, /^Order entry on Fri 2026-06-26 1st shift: 1 of 1 short: /);
    assert.match(short.message, /1 does not work that shift/);
    assert.ok(short.message.includes(`${people.C.first_name} ${people.C.last_name}'s Prescription order entry at Independent (3) expired on 2026-06-24`), short.message);
    assert.equal(result.assignments, 9);

    const view = (await manager.get(`/api/rotations/plans/${planId}`)).json();
    assert.equal(view.status, "draft");
    assert.deepEqual(view.problems, []);
    const entry = view.assignments.filter((a: { stationId: string }) => a.stationId === station("order-entry").id);
    assert.ok(entry.every((a: { personId: string; day: string }) => a.personId !== people.C.id || a.day <= "2026-06-24"), "C never works order entry after the sign-off lapses");
    assert.ok(view.people.some((p: { id: string; tier: string }) => p.id === people.D.id && p.tier === "floater"));
    assert.equal((await farManager.get(`/api/rotations/plans/${planId}`)).statusCode, 403);
    assert.equal((await techA.get(`/api/rotations/plans/${planId}`)).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/rotations/plans/${planId}`)).statusCode, 404);
  });

  it("checks changes live and refuses one that would put an unqualified person at a station", async () => {
    const add = [{ personId: people.C.id, stationId: station("order-entry").id, shiftId: shift("first").id, day: "2026-06-26" }];
    const check = await manager.post(`/api/rotations/plans/${planId}/check`, { add });
    assert.equal(check.statusCode, 200);
    assert.equal(check.json().introduced[0].kind, "unqualified");
    const refused = await manager.post(`/api/rotations/plans/${planId}/changes`, { add });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().error.message, /not qualified for Order entry/);
  });

  it("takes a PTO request from a technician, approved by the site's manager, never by the technician", async () => {
    const own = await techB.post("/api/rotations/leave", { kind: "pto", startsOn: "2026-06-23", endsOn: "2026-06-23", note: "Dentist" });
    assert.equal(own.statusCode, 201);
    assert.equal(own.json().status, "requested");
    leaveId = own.json().id;
    const waiting = await sql<{ kind: string; title: string }>`SELECT n.kind, n.title FROM notifications n JOIN manager_sites m ON m.person_id = n.recipient_id WHERE m.site_id = ${org.sites[0].id}`.execute(t.database.db);
    assert.deepEqual(waiting.rows, [{ kind: "approval-waiting", title: `${people.B.first_name} ${people.B.last_name} asks for PTO 2026-06-23` }]);
    assert.equal((await techB.post("/api/rotations/leave", { personId: people.A.id, kind: "pto", startsOn: "2026-06-24", endsOn: "2026-06-24" })).statusCode, 403);
    const backwards = await techB.post("/api/rotations/leave", { kind: "pto", startsOn: "2026-06-25", endsOn: "2026-06-24" });
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().error.fields[0].field, "endsOn");
    assert.equal((await techB.post("/api/rotations/leave", { kind: "call-out", startsOn: "2026-06-25", endsOn: "2026-06-25" })).statusCode, 400);
    assert.equal((await techB.post(`/api/rotations/leave/${leaveId}/decision`, { approve: true })).statusCode, 403);
    assert.equal((await farManager.post(`/api/rotations/leave/${leaveId}/decision`, { approve: true })).statusCode, 403);
    const mine = (await techA.get("/api/rotations/leave")).json().items;
    assert.deepEqual(mine, []);
    const approved = await manager.post(`/api/rotations/leave/${leaveId}/decision`, { approve: true, note: "Covered" });
    assert.equal(approved.statusCode, 200);
    assert.equal(approved.json().status, "approved");
    assert.equal(approved.json().affectedAssignments, 1);
    assert.equal((await manager.post(`/api/rotations/leave/${leaveId}/decision`, { approve: false })).statusCode, 409);
  });

  it("refuses to publish while someone is planned during approved leave; backfill ranks cover and reassigns in one step", async () => {
    const refused = await manager.post(`/api/rotations/plans/${planId}/publish`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().error.message, /approved PTO on 2026-06-23/);

    const backfill = await manager.get(`/api/rotations/leave/${leaveId}/backfill`);
    assert.equal(backfill.statusCode, 200);
    const [item] = backfill.json().items;
    assert.equal(item.assignment.personId, people.B.id);
    assert.equal(item.assignment.day, "2026-06-23");
    const ids = item.candidates.map((c: { personId: string }) => c.personId);
    // A and C work order entry that morning, E does not float here: D, the floater, covers.
    assert.deepEqual(ids, [people.D.id]);
    assert.equal(item.candidates[0].tier, "floater");

    const wrong = await manager.post("/api/rotations/backfill", { moves: [{ assignmentId: item.assignment.id, personId: people.E.id }] });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.fields[0].field, "moves.0.personId");
    assert.equal((await farManager.post("/api/rotations/backfill", { moves: [{ assignmentId: item.assignment.id, personId: people.D.id }] })).statusCode, 403);
    const moved = await manager.post("/api/rotations/backfill", { moves: [{ assignmentId: item.assignment.id, personId: people.D.id }] });
    assert.equal(moved.statusCode, 200);
    assert.equal(moved.json().items[0].replacedPersonId, people.B.id);
    assert.deepEqual(await scheduleNotices(), [], "nobody hears of a draft's changes");

    const published = await manager.post(`/api/rotations/plans/${planId}/publish`);
    assert.equal(published.statusCode, 200);
    assert.equal(published.json().status, "published");
    assert.equal((await manager.post(`/api/rotations/plans/${planId}/publish`)).statusCode, 409);
    // Everyone with shifts in the plan hears of it, once, with a link to their schedule and an e-mail.
    const planned = (await sql<{ person_id: string; shifts: number }>`SELECT person_id, count(*)::int AS shifts FROM rotation_assignments WHERE plan_id = ${planId} GROUP BY person_id`.execute(t.database.db)).rows;
    const notices = await scheduleNotices();
    assert.deepEqual(notices.map((n) => n.recipient_id).sort(), planned.map((r) => r.person_id).sort());
    const forD = notices.find((n) => n.recipient_id === people.D.id)!;
    assert.equal(forD.link, "/schedule");
    assert.match(forD.title, /schedule for 2026-06-22 to 2026-06-28 is published$/);
    assert.match(forD.body, /^You have 1 shift at /);
    const mails = await sql<{ recipient_id: string; subject: string }>`SELECT o.recipient_id, o.subject FROM email_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.kind = 'schedule-changed'`.execute(t.database.db);
    assert.equal(mails.rows.length, notices.length);
  });

  it("shows technicians their own published shifts, and nobody else's", async () => {
    const schedule = await techD.get("/api/rotations/me/schedule");
    assert.equal(schedule.statusCode, 200);
    const shifts = schedule.json().shifts;
    assert.equal(shifts.length, 1);
    assert.equal(shifts[0].day, "2026-06-23");
    assert.equal(shifts[0].station, "Prescription filling");
    assert.equal(shifts[0].backfill, true);
    assert.equal(new Date(shifts[0].startsAt).toISOString(), "2026-06-23T11:00:00.000Z"); // 07:00 in New York (EDT)
    const b = (await techB.get("/api/rotations/me/schedule")).json();
    assert.ok(b.shifts.every((s: { day: string }) => s.day !== "2026-06-23"));
    assert.deepEqual(b.leave.map((l: { status: string }) => l.status), ["approved"]);
    assert.equal((await techA.get(`/api/rotations/people/${people.B.id}/schedule`)).statusCode, 403);
    assert.equal((await farManager.get(`/api/rotations/people/${people.B.id}/schedule`)).statusCode, 403);
    assert.equal((await manager.get(`/api/rotations/people/${people.B.id}/schedule`)).statusCode, 200);
    assert.equal((await otherAdmin.get(`/api/rotations/people/${people.B.id}/schedule`)).statusCode, 404);
  });

  it("serves a calendar feed behind an unguessable token, replaced on demand", async () => {
    const created = await techD.post("/api/rotations/me/calendar-feed");
    assert.equal(created.statusCode, 201);
    const { path, url } = created.json();
    assert.match(url, /^http:\/\/localhost:3000\/api\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
    const feed = await t.app.inject({ method: "GET", url: path });
    assert.equal(feed.statusCode, 200);
    assert.match(feed.headers["content-type"] as string, /^text\/calendar/);
    const text = feed.body;
    assert.ok(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert.ok(text.endsWith("END:VCALENDAR\r\n"));
    assert.ok(!/[^\r]\n/.test(text), "every line ends with CRLF");
    assert.match(text, /\r\nDTSTART:20260623T110000Z\r\n/);
    assert.match(text, /\r\nDTEND:20260623T190000Z\r\n/);
    assert.match(text, /\r\nSUMMARY:Prescription filling\\, 1st shift\r\n/);
    assert.match(text, /\r\nUID:[0-9a-f-]{36}@rxladder\r\n/);
    assert.ok(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75));
    assert.equal((await t.app.inject({ method: "GET", url: "/api/calendar/not-a-real-token-at-all-0000.ics" })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/calendar/short.ics" })).statusCode, 400);
    const again = (await techD.post("/api/rotations/me/calendar-feed")).json();
    assert.equal((await t.app.inject({ method: "GET", url: path })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: again.path })).statusCode, 200);
    assert.equal((await techD.request({ method: "DELETE", url: "/api/rotations/me/calendar-feed" })).statusCode, 204);
    assert.equal((await t.app.inject({ method: "GET", url: again.path })).statusCode, 404);
  });

  it("adds and edits stations and shifts with codes checked against the framework, catalog and programs", async () => {
    const siteId = org.sites[0].id;
    const body = { code: "central-fill", name: "Central fill robot", competencies: [{ competency: "automation-operation", minProficiency: 3 }], certifications: [{ anyOf: ["ptcb-cpht", "nha-excpt"] }], trainingPrograms: ["automation-system-training"] };
    const unknown = await manager.post(`/api/rotations/sites/${siteId}/stations`, { ...body, competencies: [{ competency: "juggling", minProficiency: 3 }], certifications: [{ anyOf: ["ptcb-unknown"] }], trainingPrograms: ["automation-system-training", "basket-weaving"] });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().error.fields.map((f: { field: string }) => f.field), ["competencies.0.competency", "certifications.0.anyOf.0", "trainingPrograms.1"]);
    const created = await manager.post(`/api/rotations/sites/${siteId}/stations`, body);
    assert.equal(created.statusCode, 201);
    assert.equal((await manager.post(`/api/rotations/sites/${siteId}/stations`, body)).statusCode, 409);
    assert.equal((await farManager.post(`/api/rotations/sites/${siteId}/stations`, { ...body, code: "other" })).statusCode, 403);
    const edited = await manager.patch(`/api/rotations/stations/${created.json().id}`, { unpopular: true, active: false });
    assert.equal(edited.statusCode, 200);
    assert.equal(edited.json().unpopular, true);
    assert.equal((await otherAdmin.patch(`/api/rotations/stations/${created.json().id}`, { unpopular: false })).statusCode, 404);
    const night = await manager.post(`/api/rotations/sites/${siteId}/shifts`, { code: "night", name: "Night", start: "23:00", end: "07:00" });
    assert.equal(night.statusCode, 201);
    assert.equal(night.json().lengthMinutes, 480);
    const short = await manager.post(`/api/rotations/sites/${siteId}/shifts`, { code: "blip", name: "Blip", start: "10:00", end: "10:30" });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json().error.fields[0].field, "end");
    const badTime = await manager.post(`/api/rotations/sites/${siteId}/shifts`, { code: "late", name: "Late", start: "25:00", end: "07:00" });
    assert.equal(badTime.statusCode, 400);
    // A shift template is edited in place: an hour earlier, then renamed; its code stays.
    const earlier = await manager.patch(`/api/rotations/shifts/${night.json().id}`, { start: "22:00" });
    assert.equal(earlier.statusCode, 200, earlier.body);
    assert.deepEqual([earlier.json().code, earlier.json().start, earlier.json().end, earlier.json().lengthMinutes], ["night", "22:00", "07:00", 540]);
    const renamed = await manager.patch(`/api/rotations/shifts/${night.json().id}`, { name: "Overnight", end: "06:00", active: false });
    assert.deepEqual([renamed.json().name, renamed.json().start, renamed.json().end, renamed.json().active], ["Overnight", "22:00", "06:00", false]);
    const tooLong = await manager.patch(`/api/rotations/shifts/${night.json().id}`, { start: "08:00" });
    assert.equal(tooLong.statusCode, 400);
    assert.equal(tooLong.json().error.fields[0].field, "end");
    assert.equal((await manager.patch(`/api/rotations/shifts/${night.json().id}`, { start: "8 pm" })).json().error.fields[0].field, "start");
    assert.equal((await farManager.patch(`/api/rotations/shifts/${night.json().id}`, { name: "Mine" })).statusCode, 403);
    assert.equal((await otherAdmin.patch(`/api/rotations/shifts/${night.json().id}`, { name: "Ours" })).statusCode, 404);
    const setup = (await manager.get(`/api/rotations/sites/${siteId}/setup`)).json();
    assert.deepEqual(setup.shifts.filter((x: { code: string }) => x.code === "night").map((x: { name: string; start: string; end: string; active: boolean }) => [x.name, x.start, x.end, x.active]), [["Overnight", "22:00", "06:00", false]]);
  });

  it("lets a technician withdraw a request, and a manager discard a draft but not a published plan", async () => {
    const request = await techA.post("/api/rotations/leave", { kind: "sick", startsOn: "2026-07-01", endsOn: "2026-07-01" });
    assert.equal(request.statusCode, 201);
    assert.equal((await techB.post(`/api/rotations/leave/${request.json().id}/cancel`)).statusCode, 403);
    const cancelled = await techA.post(`/api/rotations/leave/${request.json().id}/cancel`);
    assert.equal(cancelled.json().status, "cancelled");
    assert.equal((await techA.post(`/api/rotations/leave/${request.json().id}/cancel`)).statusCode, 409);
    const callOut = await manager.post("/api/rotations/leave", { personId: people.C.id, kind: "call-out", startsOn: "2026-07-02", endsOn: "2026-07-02" });
    assert.equal(callOut.json().status, "approved");
    assert.equal((await manager.post(`/api/rotations/plans/${planId}/discard`)).statusCode, 409);
    const draft = await manager.post("/api/rotations/plans", { siteId: org.sites[0].id, startsOn: "2026-07-06", weeks: 1 });
    assert.equal((await farManager.post(`/api/rotations/plans/${draft.json().planId}/discard`)).statusCode, 403);
    assert.equal((await manager.post(`/api/rotations/plans/${draft.json().planId}/discard`)).statusCode, 204);
    assert.equal((await manager.get(`/api/rotations/plans/${draft.json().planId}`)).statusCode, 404);
    const plans = (await manager.get(`/api/rotations/sites/${org.sites[0].id}/plans`)).json().items;
    assert.deepEqual(plans.map((p: { status: string }) => p.status), ["published"]);
  });

  it("tells both people when a shift of a published plan is handed over, in the same step", async () => {
    const view = (await manager.get(`/api/rotations/plans/${planId}`)).json();
    let move: { assignmentId: string; from: string; to: string } | undefined;
    for (const a of view.assignments as { id: string; personId: string }[]) {
      const ranked = (await manager.get(`/api/rotations/assignments/${a.id}/backfill`)).json().candidates as { personId: string }[];
      if (ranked.length) {
        move = { assignmentId: a.id, from: a.personId, to: ranked[0].personId };
        break;
      }
    }
    assert.ok(move, "some shift of the plan has cover");
    const before = new Set((await scheduleNotices()).map((n) => n.id));
    const moved = await manager.post("/api/rotations/backfill", { moves: [{ assignmentId: move.assignmentId, personId: move.to }] });
    assert.equal(moved.statusCode, 200);
    const fresh = (await scheduleNotices()).filter((n) => !before.has(n.id));
    assert.deepEqual(fresh.map((n) => n.recipient_id).sort(), [move.from, move.to].sort());
    assert.match(fresh.find((n) => n.recipient_id === move!.to)!.title, /^New shift: /);
    assert.match(fresh.find((n) => n.recipient_id === move!.from)!.title, /^Shift covered: /);
    assert.ok(fresh.every((n) => n.link === "/schedule"));
    // A refused move notifies nobody: the whole step rolls back.
    const refused = await manager.post("/api/rotations/backfill", { moves: [{ assignmentId: move.assignmentId, personId: move.from }, { assignmentId: move.assignmentId, personId: people.E.id }] });
    assert.equal(refused.statusCode, 400);
    assert.equal((await scheduleNotices()).length, before.size + 2);
  });

  it("shows a draft's station or shift taken out of use since, and refuses to publish it until those shifts are taken off", async () => {
    const siteId = org.sites[0].id;
    const planPath = `/api/rotations/plans/${(await manager.post("/api/rotations/plans", { siteId, startsOn: "2026-07-13", weeks: 1 })).json().planId}`;
    type View = { stations: { id: string; name: string; active: boolean }[]; shifts: { id: string; name: string; active: boolean }[]; assignments: { id: string; stationId: string; shiftId: string }[]; problems: { kind: string; message: string }[] };
    const view = async () => (await manager.get(planPath)).json() as View;
    const before = await view();
    assert.deepEqual(before.problems, []);
    const used = before.assignments[0];
    const stationName = before.stations.find((s) => s.id === used.stationId)!.name;
    const shiftName = before.shifts.find((s) => s.id === used.shiftId)!.name;

    // The station goes out of use: the plan still lists it, marked, and each of its shifts is a problem that blocks publishing.
    assert.equal((await manager.patch(`/api/rotations/stations/${used.stationId}`, { active: false })).statusCode, 200);
    let after = await view();
    assert.deepEqual(after.stations.filter((s) => s.id === used.stationId).map((s) => s.active), [false]);
    const atStation = after.assignments.filter((a) => a.stationId === used.stationId).length;
    const retired = after.problems.filter((p) => p.kind === "retired");
    assert.equal(retired.length, atStation);
    assert.ok(retired.every((p) => p.message.includes(`at ${stationName}, which is no longer in use`)), retired[0]?.message);
    const refused = await manager.post(`${planPath}/publish`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json().error.message, /^The plan breaks \d+ rules?: .+ is planned at .+, which is no longer in use, on .+: take it off the plan or make the plan again/);
    assert.equal((await manager.patch(`/api/rotations/stations/${used.stationId}`, { active: true })).statusCode, 200);

    // The same for a shift, which the page could not show before (its times come from the shift).
    assert.equal((await manager.patch(`/api/rotations/shifts/${used.shiftId}`, { active: false })).statusCode, 200);
    after = await view();
    assert.deepEqual(after.shifts.filter((s) => s.id === used.shiftId).map((s) => [s.name, s.active]), [[shiftName, false]]);
    const onShift = after.assignments.filter((a) => a.shiftId === used.shiftId);
    assert.ok(after.problems.filter((p) => p.kind === "retired").every((p) => / is planned on \w{3} 2026-07-1\d /.test(p.message) && p.message.includes(` ${shiftName}, a shift no longer in use: take it off the plan`)));
    assert.equal(after.problems.filter((p) => p.kind === "retired").length, onShift.length);
    // Taking those shifts off clears the way; the shift then leaves the plan's list.
    assert.equal((await manager.post(`${planPath}/changes`, { remove: onShift.map((a) => a.id) })).statusCode, 200);
    after = await view();
    assert.equal(after.problems.filter((p) => p.kind === "retired").length, 0);
    assert.ok(!after.shifts.some((s) => s.id === used.shiftId));
    assert.equal((await manager.post(`${planPath}/publish`)).statusCode, 200);
    assert.equal((await manager.patch(`/api/rotations/shifts/${used.shiftId}`, { active: true })).statusCode, 200);
  });

  it("records every change in the audit trail and documents the routes in OpenAPI", async () => {
    const actions = await auditActions();
    for (const action of ["rotation.demand_replaced", "rotation.availability_set", "rotation.plan_generated", "rotation.leave_requested", "rotation.leave_approved", "rotation.backfilled", "rotation.plan_published", "rotation.calendar_feed_created", "rotation.calendar_feed_deleted"]) {
      assert.ok(actions.includes(action), action);
    }
    const spec = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    for (const path of ["/api/rotations/plans", "/api/rotations/plans/{id}/publish", "/api/rotations/backfill", "/api/calendar/{file}", "/api/rotations/me/schedule"]) assert.ok(spec.paths[path], path);
  });
});
