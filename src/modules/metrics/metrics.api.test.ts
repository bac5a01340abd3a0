import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Db } from "../../db/database.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { loadDashboard } from "./load-dashboard.ts";
import { loadSegments, type MetricsFilter } from "./metrics.queries.ts";
import { foldSegments } from "./metrics.rules.ts";

/**
 * A small organization whose 2025 figures are worked out by hand (technicians only; the admin,
 * manager and pharmacist do not count):
 *
 *   A  hired 2020 at S1, all year; Tech I until a promotion to Tech II on 2025-07-01     365 days (S1)
 *   B  hired 2020 at S1, left voluntarily (pay) on 2025-01-01, the period's first day       1 day  (S1)
 *   C  hired 2020 at S1, Tech II, let go (attendance) on 2025-12-31, the period's last day 365 days (S1)
 *   D  hired 2020 at S1, left on 2024-12-31, the day before the period                      0 days
 *   E  hired 2020 at S1, Tech I; transferred to S2 on 2025-07-01               181 (S1) + 184 (S2)
 *   F  hired 2025-03-01 at S2, left voluntarily (career path) 2025-05-31, rehired 2025-09-01 at S1
 *                                                                           92 (S2) + 122 (S1)
 *   H  hired 2020 at S2, on leave 2025-02-01 to 2025-04-01 (still in the headcount)        365 (S2)
 *
 * Person-days 1675 (S1 1034, S2 641); average headcount 1675/365; voluntary 2 (B, F),
 * involuntary 1 (C); hires 2 (F twice); headcount 5 on Jan 1 (A B C E H) and 5 on Dec 31 (A C E F H).
 */
describe("metrics API", () => {
  let t: TestApp;
  let db: Db;
  let org: TestOrganization;
  let admin: Client, manager: Client, technician: Client, otherAdmin: Client;
  const ids: Record<string, string> = {};
  let S1: string, S2: string;
  const YEAR = "from=2025-01-01&to=2025-12-31";

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    db = t.database.db;
    org = await buildOrganization(db);
    [S1, S2] = org.sites.map((s) => s.id);
    const adminPerson = await buildPerson(db, org, { role: "admin" });
    const managerPerson = await buildPerson(db, org, { role: "manager", siteId: S1 });
    await buildPerson(db, org, { role: "pharmacist", siteId: S1, hireDate: "2020-01-01" });
    const tech = (name: string, siteId: string, hireDate: string) => buildPerson(db, org, { siteId, hireDate, withAccount: name === "A", employeeId: `T-${name}-${org.slug}` });
    for (const [name, site, hire] of [["A", S1, "2020-01-01"], ["B", S1, "2020-01-01"], ["C", S1, "2020-01-01"], ["D", S1, "2020-01-01"], ["E", S1, "2020-01-01"], ["F", S2, "2025-03-01"], ["H", S2, "2020-01-01"]] as const) {
      ids[name] = (await tech(name, site, hire)).id;
    }
    const event = (person: string, values: Record<string, unknown>) => db.insertInto("employment_events").values({ org_id: org.id, person_id: ids[person], ...values } as never).execute();
    const separate = async (person: string, date: string, type: "voluntary" | "involuntary", reason: string, siteId = S1) => {
      await event(person, { kind: "separation", effective_date: date, site_id: siteId, separation_type: type, reason_code: reason });
      await db.updateTable("people").set({ status: "separated", separation_date: date, separation_type: type, separation_reason: reason }).where("id", "=", ids[person]).execute();
    };
    await separate("B", "2025-01-01", "voluntary", "pay");
    await separate("C", "2025-12-31", "involuntary", "attendance");
    await separate("D", "2024-12-31", "voluntary", "schedule");
    await event("E", { kind: "transfer", effective_date: "2025-07-01", site_id: S2, from_site_id: S1 });
    await db.updateTable("people").set({ site_id: S2 }).where("id", "=", ids.E).execute();
    await event("F", { kind: "separation", effective_date: "2025-05-31", site_id: S2, separation_type: "voluntary", reason_code: "career_path" });
    await event("F", { kind: "rehire", effective_date: "2025-09-01", site_id: S1 });
    await db.updateTable("people").set({ hire_date: "2025-09-01", site_id: S1 }).where("id", "=", ids.F).execute();
    await event("H", { kind: "leave", effective_date: "2025-02-01", site_id: S2 });
    await event("H", { kind: "return", effective_date: "2025-04-01", site_id: S2 });
    await db.insertInto("exit_interviews").values([
      { org_id: org.id, person_id: ids.F, interview_date: "2025-05-31", reason_codes: ["career_path", "pay"] },
      { org_id: org.id, person_id: ids.D, interview_date: "2024-12-31", reason_codes: ["schedule"] },
    ]).execute();

    // Levels: A Tech I → Tech II on 2025-07-01 by an approved promotion; C Tech II; E Tech I.
    await db.insertInto("person_levels").values([
      { org_id: org.id, person_id: ids.A, track_code: "core", level_code: "tech-1", started_on: "2020-01-01", ended_on: "2025-07-01" },
      { org_id: org.id, person_id: ids.A, track_code: "core", level_code: "tech-2", started_on: "2025-07-01" },
    ]).execute();
    await placeAtLevel(db, org, ids.C, "core/tech-2", "2020-01-01");
    await placeAtLevel(db, org, ids.E, "core/tech-1", "2020-01-01");
    await db.insertInto("promotions").values({
      org_id: org.id, person_id: ids.A, kind: "promotion", from_track: "core", from_level: "tech-1", to_track: "core", to_level: "tech-2", status: "approved",
      effective_date: "2025-07-01", nominated_by: managerPerson.id, nominated_at: new Date("2025-06-01T12:00:00Z"), eligible_at_nomination: true,
      eligibility_snapshot: JSON.stringify({}), framework_version: 1, decided_by: adminPerson.id, decided_at: new Date("2025-06-02T12:00:00Z"),
    }).execute();

    // Credentials: F earns CPhT 44 days after the rehire (deadline 9 months); A's state registration expires in 16 days.
    await db.insertInto("certification_holdings").values([
      { org_id: org.id, person_id: ids.F, certification_code: "ptcb-cpht", earned_on: "2025-10-15", verification_status: "verified" },
      { org_id: org.id, person_id: ids.A, certification_code: "state-registration", state: "OH", earned_on: "2024-07-01", expires_on: "2026-07-01", verification_status: "verified" },
    ]).execute();
    // A's competency is valid until 2026-08-20: 66 days from today.
    await db.insertInto("competency_signoffs").values({
      org_id: org.id, person_id: ids.A, competency_code: "sterile-garbing", proficiency: 3, assessor_id: adminPerson.id, assessor_role: "pharmacist",
      signed_at: new Date("2025-08-20T15:00:00Z"), valid_until: "2026-08-20", signature: "0".repeat(64), framework_version: 1,
    }).execute();

    // Trainings: A's due 2025-03-31 completed on 2025-03-15; E's due 2025-04-30 never completed.
    const program = await db.insertInto("training_programs").values({ org_id: org.id, code: "metrics-check", name: "Metrics check", category: "compliance" }).returning("id").executeTakeFirstOrThrow();
    const assign = (person: string, due: string) =>
      db.insertInto("training_assignments").values({ org_id: org.id, program_id: program.id, target: "person", person_id: ids[person], assigned_on: "2025-03-01", due_on: due }).returning("id").executeTakeFirstOrThrow();
    const a = await assign("A", "2025-03-31");
    await assign("E", "2025-04-30");
    await db.insertInto("training_completions").values({ org_id: org.id, person_id: ids.A, program_id: program.id, assignment_id: a.id, completed_on: "2025-03-15", recorded_by: adminPerson.id, recorded_at: new Date("2025-03-15T12:00:00Z") }).execute();

    const other = await buildOrganization(db);
    otherAdmin = await signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email);
    admin = await signInAs(t.app, adminPerson.email);
    manager = await signInAs(t.app, managerPerson.email);
    technician = await signInAs(t.app, (await db.selectFrom("people").select("email").where("id", "=", ids.A).executeTakeFirstOrThrow()).email);
  });
  after(() => t.close());

  const filter = (extra: Partial<MetricsFilter> = {}): MetricsFilter => ({ orgId: org.id, from: "2025-01-01", to: "2025-12-31", today: "2026-06-15", siteIds: null, track: null, level: null, ...extra });

  it("gives the hand-computed organization figures for 2025", async () => {
    const response = await admin.get(`/api/metrics/dashboard?${YEAR}`);
    assert.equal(response.statusCode, 200, response.body);
    const d = response.json();
    assert.deepEqual(d.period, { from: "2025-01-01", to: "2025-12-31", today: "2026-06-15", days: 365, months: 12 });
    assert.equal(d.headcount.start, 5);
    assert.equal(d.headcount.end, 5);
    assert.equal(d.headcount.hires, 2);
    assert.ok(Math.abs(d.headcount.average - 1675 / 365) < 1e-9);
    assert.equal(d.turnover.voluntary.count, 2);
    assert.equal(d.turnover.involuntary.count, 1);
    assert.ok(Math.abs(d.turnover.total.annualized - 3 / (1675 / 365)) < 1e-9); // 65.4 %
    assert.ok(Math.abs(d.turnover.voluntary.annualized - 2 / (1675 / 365)) < 1e-9);
    assert.equal(d.promotions.count, 1);
    assert.ok(Math.abs(d.promotions.per100PerYear - 100 / (1675 / 365)) < 1e-9);
    // A was Tech I from 2020-01-01 to 2025-07-01: 2008 days.
    assert.ok(Math.abs(d.promotions.medianMonthsInLevel - (2008 * 12) / 365.25) < 1e-9);
    assert.deepEqual(d.training, { due: 2, onTime: 1, late: 0, missed: 1, rate: 0.5 });
    // Hires in 2025: F's first spell (left before the deadline: pending) and F's rehire (certified after 44 days: on time).
    assert.equal(d.certification.hires, 2);
    assert.equal(d.certification.onTime, 1);
    assert.equal(d.certification.pending, 1);
    assert.equal(d.certification.onTimeRate, 1);
    assert.ok(Math.abs(d.certification.medianMonthsToCertification - (44 * 12) / 365.25) < 1e-9);
    assert.deepEqual(d.expiring.certifications, { within30: 1, within60: 1, within90: 1 });
    assert.deepEqual(d.expiring.competencies, { within30: 0, within60: 0, within90: 1 });
    assert.deepEqual(d.separationReasons.map((r: { code: string; count: number }) => [r.code, r.count]), [["attendance", 1], ["career_path", 1], ["pay", 1]]);
    assert.deepEqual(d.exitInterviewReasons.map((r: { code: string; count: number }) => [r.code, r.count]), [["career_path", 1], ["pay", 1]]);
    // CE today: F's CPhT cycle (from 2025-10-15) has no CE yet; A's Ohio registration has no rule set here.
    const ce = (await admin.get("/api/metrics/ce-compliance")).json();
    assert.deepEqual([ce.credentials, ce.people, ce.complete, ce.short], [1, 1, 0, 1], JSON.stringify(ce));
    assert.equal(ce.rate, 0);
    assert.deepEqual((await manager.get(`/api/metrics/ce-compliance?siteId=${S1}`)).json().credentials, 1); // F works at S1 now
    assert.equal((await technician.get("/api/metrics/ce-compliance")).statusCode, 403);
    assert.equal(d.stalledMonths, 18);
    // Retention follows the hires of the five years to 2025-12-31: F's two spells, one ending in a separation after 91 days.
    const all = d.retention.curves.find((c: { group: string }) => c.group === "all");
    assert.equal(all.subjects, 2);
    assert.equal(all.separations, 1);
    assert.equal(all.points[0].survival, 1);
    assert.equal(all.points.at(-1).survival, 0.5);
    // January: A B C E H all month but B only on the 1st; B's separation.
    assert.equal(d.trend.length, 12);
    assert.deepEqual([d.trend[0].month, d.trend[0].averageHeadcount * 31, d.trend[0].voluntary, d.trend[0].hires], ["2025-01", 125, 1, 0]);
    assert.equal(d.trend[11].involuntary, 1);
    assert.equal(d.trend[6].promotions, 1);
    assert.equal(d.trend.reduce((n: number, m: { averageHeadcount: number; from: string; to: string }) => n + Math.round(m.averageHeadcount * (Number(m.to.slice(8)) - Number(m.from.slice(8)) + 1)), 0), 1675);
  });

  it("attributes people to the site they were at on the day: transfers move their days, a rehire counts where it happened", async () => {
    const s1 = (await admin.get(`/api/metrics/dashboard?${YEAR}&siteId=${S1}`)).json();
    assert.ok(Math.abs(s1.headcount.average * 365 - 1034) < 1e-9);
    assert.deepEqual([s1.headcount.start, s1.headcount.end, s1.headcount.hires, s1.turnover.voluntary.count, s1.turnover.involuntary.count, s1.promotions.count], [4, 3, 1, 1, 1, 1]);
    const s2 = (await admin.get(`/api/metrics/dashboard?${YEAR}&siteId=${S2}`)).json();
    assert.ok(Math.abs(s2.headcount.average * 365 - 641) < 1e-9);
    assert.deepEqual([s2.headcount.start, s2.headcount.end, s2.headcount.hires, s2.turnover.voluntary.count, s2.turnover.involuntary.count, s2.promotions.count], [1, 2, 1, 1, 0, 0]);
    // F's certification counts where each spell began: the rehire at S1 certified on time, the first spell at S2 left before its deadline.
    assert.deepEqual([s1.certification.hires, s1.certification.onTime, s1.certification.pending], [1, 1, 0]);
    assert.deepEqual([s2.certification.hires, s2.certification.onTime, s2.certification.pending], [1, 0, 1]);
  });

  it("cuts days to the level in force and counts a promotion from the level left", async () => {
    const tech1 = (await admin.get(`/api/metrics/dashboard?${YEAR}&track=core&levelCode=tech-1`)).json();
    assert.ok(Math.abs(tech1.headcount.average * 365 - (181 + 365)) < 1e-9);
    assert.deepEqual([tech1.turnover.total.count, tech1.promotions.count], [0, 1]);
    const tech2 = (await admin.get(`/api/metrics/dashboard?${YEAR}&levelCode=tech-2`)).json();
    assert.ok(Math.abs(tech2.headcount.average * 365 - (184 + 365)) < 1e-9);
    assert.deepEqual([tech2.turnover.involuntary.count, tech2.promotions.count, tech2.headcount.end], [1, 0, 2]);
    const core = (await admin.get(`/api/metrics/dashboard?${YEAR}&track=core`)).json();
    assert.ok(Math.abs(core.headcount.average * 365 - 1095) < 1e-9);
    const clinical = (await admin.get(`/api/metrics/dashboard?${YEAR}&track=clinical`)).json();
    assert.deepEqual([clinical.headcount.average, clinical.turnover.total.rate, clinical.promotions.per100PerYear], [0, null, null]);
  });

  it("sums in SQL exactly what the rules give over the same segments, month by month and for every filter", async () => {
    for (const extra of [{}, { siteIds: [S1] }, { siteIds: [S2] }, { track: "core" }, { level: "tech-1" }, { track: "core", level: "tech-2" }, { from: "2025-06-15", to: "2025-07-14" }, { siteIds: [] }]) {
      const f = filter(extra);
      const segments = await loadSegments(db, f);
      const d = await loadDashboard(db, f, {}, t.clock.now);
      const whole = foldSegments(segments, f);
      assert.deepEqual(
        [d.headcount.start, d.headcount.end, d.headcount.hires, d.turnover.voluntary.count, d.turnover.involuntary.count, d.headcount.average],
        [whole.headcountStart, whole.headcountEnd, whole.hires, whole.separations.voluntary, whole.separations.involuntary, whole.averageHeadcount],
        JSON.stringify(extra),
      );
      for (const m of d.trend) {
        const month = foldSegments(segments, m);
        assert.deepEqual([m.averageHeadcount, m.hires, m.voluntary, m.involuntary], [month.averageHeadcount, month.hires, month.separations.voluntary, month.separations.involuntary], `${JSON.stringify(extra)} ${m.month}`);
      }
    }
  });

  it("handles an empty period and a period cut at today", async () => {
    const empty = (await admin.get("/api/metrics/dashboard?from=2010-01-01&to=2010-03-31")).json();
    assert.deepEqual([empty.headcount.average, empty.turnover.total.rate, empty.training.rate, empty.certification.onTimeRate], [0, null, null, null]);
    assert.equal(empty.trend.length, 3);
    const future = (await admin.get("/api/metrics/dashboard?from=2026-06-01&to=2026-12-31")).json();
    assert.equal(future.period.to, "2026-06-15");
    const late = await admin.get("/api/metrics/dashboard?from=2026-07-01");
    assert.equal(late.statusCode, 400);
    assert.equal(late.json().error.fields[0].field, "from");
    const bad = await admin.get("/api/metrics/dashboard?to=2025-02-30");
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /to/);
  });

  it("lists the people behind a figure within the caller's scope", async () => {
    const voluntary = (await admin.get(`/api/metrics/people?metric=voluntary-separations&${YEAR}`)).json();
    assert.deepEqual(voluntary.items.map((r: { personId: string; date: string }) => [r.personId, r.date]), [[ids.B, "2025-01-01"], [ids.F, "2025-05-31"]]);
    assert.match(voluntary.items[1].detail, /No career path/);
    const mine = (await manager.get(`/api/metrics/people?metric=voluntary-separations&${YEAR}`)).json();
    assert.deepEqual(mine.items.map((r: { personId: string }) => r.personId), [ids.B]);
    const promoted = (await admin.get(`/api/metrics/people?metric=promotions&${YEAR}`)).json();
    assert.deepEqual(promoted.items.map((r: { personId: string }) => r.personId), [ids.A]);
    const expiring = (await admin.get("/api/metrics/people?metric=expiring-certifications&days=30")).json();
    assert.deepEqual(expiring.items.map((r: { personId: string; date: string }) => [r.personId, r.date]), [[ids.A, "2026-07-01"]]);
    const competencies = (await admin.get("/api/metrics/people?metric=expiring-competencies&days=60")).json();
    assert.deepEqual(competencies.items, []);
    const missed = (await admin.get(`/api/metrics/people?metric=training-missed&${YEAR}`)).json();
    assert.deepEqual(missed.items.map((r: { personId: string }) => r.personId), [ids.E]);
    const onTime = (await admin.get(`/api/metrics/people?metric=certification-on-time&${YEAR}`)).json();
    assert.deepEqual(onTime.items.map((r: { personId: string; date: string }) => [r.personId, r.date]), [[ids.F, "2025-09-01"]]);
    const badMetric = await admin.get("/api/metrics/people?metric=salaries");
    assert.equal(badMetric.statusCode, 400);
    assert.match(badMetric.body, /metric/);
  });

  it("refuses technicians, keeps managers to their sites and shows another organization nothing", async () => {
    assert.equal((await technician.get("/api/metrics/dashboard")).statusCode, 403);
    assert.equal((await technician.get("/api/metrics/people?metric=hires")).statusCode, 403);
    assert.equal((await technician.get("/api/metrics/stalled")).statusCode, 403);
    assert.equal((await manager.get(`/api/metrics/dashboard?siteId=${S2}`)).statusCode, 403);
    const mine = (await manager.get(`/api/metrics/dashboard?${YEAR}`)).json();
    assert.ok(Math.abs(mine.headcount.average * 365 - 1034) < 1e-9);
    assert.deepEqual(mine.filter.siteIds, [S1]);
    assert.deepEqual(mine.training, { due: 1, onTime: 1, late: 0, missed: 0, rate: 1 }); // E now works at S2
    const outsider = (await otherAdmin.get(`/api/metrics/dashboard?${YEAR}`)).json();
    assert.deepEqual([outsider.headcount.average, outsider.turnover.total.count, outsider.promotions.count, outsider.certification.hires], [0, 0, 0, 0]);
    assert.equal((await otherAdmin.get(`/api/metrics/dashboard?siteId=${S1}`)).statusCode, 404);
    assert.deepEqual((await otherAdmin.get(`/api/metrics/people?metric=separations&${YEAR}`)).json().items, []);
    assert.deepEqual((await otherAdmin.get("/api/metrics/stalled")).json().items, []);
  });

  it("lists stalled people with what they miss, by the organization's threshold that only an admin changes", async () => {
    const stalled = (await admin.get("/api/metrics/stalled")).json();
    assert.equal(stalled.thresholdMonths, 18);
    assert.deepEqual(stalled.items.map((r: { personId: string }) => r.personId), [ids.E]); // Tech I since 2020; A is Tech II only since 2025-07
    assert.equal(stalled.items[0].nextLevel, "tech-2");
    assert.ok(stalled.items[0].missing.length > 0);
    assert.ok(stalled.items[0].monthsInLevel >= 77);
    assert.equal((await manager.get("/api/metrics/stalled")).json().items.length, 0); // E now works at S2

    const put = (client: Client, body: unknown) => client.request({ method: "PUT", url: "/api/metrics/settings", payload: body as never });
    assert.equal((await put(manager, { stalledMonths: 6 })).statusCode, 403);
    const bad = await put(admin, { stalledMonths: 2 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, "stalledMonths");
    assert.deepEqual((await put(admin, { stalledMonths: 6 })).json(), { stalledMonths: 6 });
    assert.deepEqual((await manager.get("/api/metrics/settings")).json(), { stalledMonths: 6 });
    const after6 = (await admin.get("/api/metrics/stalled")).json();
    assert.deepEqual(after6.items.map((r: { personId: string }) => r.personId), [ids.E, ids.A]);
    assert.deepEqual((await otherAdmin.get("/api/metrics/settings")).json(), { stalledMonths: 18 });
    const audit = await db.selectFrom("audit_log").select(["action"]).where("org_id", "=", org.id).where("action", "=", "metrics.settings_updated").execute();
    assert.equal(audit.length, 1);
  });

  it("exports the dashboard as CSV and XLSX", async () => {
    const csv = await admin.get(`/api/metrics/dashboard/export?format=csv&${YEAR}`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /text\/csv/);
    assert.match(csv.headers["content-disposition"] as string, /program-metrics-.*-2025-01-01-to-2025-12-31\.csv/);
    assert.match(csv.body, /Voluntary separations,2,people/);
    assert.match(csv.body, /Monthly trend\n/);
    assert.match(csv.body, /2025-01,4\.03,0,1,0,0/);
    const xlsx = await admin.get(`/api/metrics/dashboard/export?format=xlsx&${YEAR}`);
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), "PK");
    assert.equal((await technician.get("/api/metrics/dashboard/export?format=csv")).statusCode, 403);
  });

  it("counts a competency's latest effective sign-off only: a re-evaluation supersedes, a revoked one does not", async () => {
    const signer = (await db.selectFrom("people").select("id").where("org_id", "=", org.id).where("role", "=", "admin").executeTakeFirstOrThrow()).id;
    const signOff = (competency: string, signedAt: string, validUntil: string) =>
      db.insertInto("competency_signoffs").values({ org_id: org.id, person_id: ids.E, competency_code: competency, proficiency: 3, assessor_id: signer, assessor_role: "pharmacist", signed_at: new Date(signedAt), valid_until: validUntil, signature: "1".repeat(64), framework_version: 1 }).returning("id").executeTakeFirstOrThrow();
    // Re-evaluated: the later sign-off runs to 2027, so the one lapsing in July no longer counts.
    await signOff("aseptic-technique", "2025-07-01T12:00:00Z", "2026-07-01");
    await signOff("aseptic-technique", "2026-06-01T12:00:00Z", "2027-06-01");
    // Re-evaluated, but the re-evaluation was revoked: the earlier one lapsing in July counts again.
    await signOff("hazardous-drugs", "2025-07-05T12:00:00Z", "2026-07-05");
    const revoked = await signOff("hazardous-drugs", "2026-06-02T12:00:00Z", "2027-06-02");
    await db.insertInto("competency_signoffs").values({ org_id: org.id, person_id: ids.E, competency_code: "hazardous-drugs", assessor_id: signer, assessor_role: "pharmacist", signed_at: new Date("2026-06-03T12:00:00Z"), signature: "2".repeat(64), framework_version: 1, revokes_id: revoked.id, revocation_reason: "Signed for the wrong person" }).execute();
    const within30 = (await admin.get("/api/metrics/people?metric=expiring-competencies&days=30")).json();
    assert.deepEqual(within30.items.map((r: { personId: string; detail: string; date: string }) => [r.personId, r.detail, r.date]), [[ids.E, "hazardous-drugs", "2026-07-05"]]);
  });

  it("counts a credential's latest holding only: a renewal takes the expiring one off the list", async () => {
    const expiring = async () => (await admin.get(`/api/metrics/dashboard?${YEAR}`)).json().expiring.certifications;
    assert.deepEqual(await expiring(), { within30: 1, within60: 1, within90: 1 });
    const renewal = await db.insertInto("certification_holdings").values({ org_id: org.id, person_id: ids.A, certification_code: "state-registration", state: "OH", earned_on: "2026-06-10", expires_on: "2028-07-01", verification_status: "unverified" }).returning("id").executeTakeFirstOrThrow();
    assert.deepEqual(await expiring(), { within30: 0, within60: 0, within90: 0 });
    // A rejected renewal supersedes nothing.
    await db.updateTable("certification_holdings").set({ verification_status: "rejected" }).where("id", "=", renewal.id).execute();
    assert.deepEqual(await expiring(), { within30: 1, within60: 1, within90: 1 });
    await db.deleteFrom("certification_holdings").where("id", "=", renewal.id).execute();
  });

  it("leaves out of the technicians' figures someone whose role changes, from their segments on", async () => {
    const whole = async () => (await admin.get(`/api/metrics/dashboard?${YEAR}`)).json();
    const before = await whole();
    const changed = await admin.patch(`/api/people/${ids.H}`, { role: "pharmacist" });
    assert.equal(changed.statusCode, 200, changed.body);
    const after = await whole();
    assert.ok(Math.abs((before.headcount.average - after.headcount.average) * 365 - 365) < 1e-9); // H's whole year
    assert.equal(after.headcount.end, before.headcount.end - 1);
    assert.equal((await admin.patch(`/api/people/${ids.H}`, { role: "technician" })).statusCode, 200);
    assert.equal((await whole()).headcount.average, before.headcount.average);
  });

  it("keeps the employment segments in step with events recorded afterwards", async () => {
    const before = (await admin.get(`/api/metrics/dashboard?${YEAR}&siteId=${S2}`)).json();
    // H moves from S2 to S1 on 2025-10-01: S2 loses Oct–Dec (92 days).
    const moved = await admin.post(`/api/people/${ids.H}/events`, { kind: "transfer", effectiveDate: "2025-10-01", siteId: S1 });
    assert.equal(moved.statusCode, 201, moved.body);
    const after = (await admin.get(`/api/metrics/dashboard?${YEAR}&siteId=${S2}`)).json();
    assert.ok(Math.abs((before.headcount.average - after.headcount.average) * 365 - 92) < 1e-9);
    assert.equal(after.headcount.end, before.headcount.end - 1);
    const whole = (await admin.get(`/api/metrics/dashboard?${YEAR}`)).json();
    assert.ok(Math.abs(whole.headcount.average * 365 - 1675) < 1e-9); // a transfer changes no organization figure
    await db.deleteFrom("employment_events").where("person_id", "=", ids.H).where("kind", "=", "transfer").execute();
    const undone = (await admin.get(`/api/metrics/dashboard?${YEAR}&siteId=${S2}`)).json();
    assert.equal(undone.headcount.average, before.headcount.average);
  });
});
