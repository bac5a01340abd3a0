import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestDatabase, type TestDatabase } from "../test/harness.ts";
import { seedDemo } from "./seed-demo.ts";

const NOW = new Date("2026-03-01T03:30:00Z"); // still 28 February in New York: month and leap-year edges
const TECHNICIAN = "technician@demo.rxladder.test";

describe("the demo organization's growth data", () => {
  let database: TestDatabase;
  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows;

  before(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db, NOW);
  });
  after(() => database.drop());

  it("keeps Kevin where the browser journeys start: due this month, HIPAA not started, no mentor", async () => {
    const [kevin] = await rows<{ id: string }>(sql`SELECT id FROM people WHERE email = ${TECHNICIAN}`);
    const months = await rows<{ month: string }>(sql`SELECT month::text FROM evaluations WHERE person_id = ${kevin.id} ORDER BY month`);
    assert.ok(months.length >= 5, "Kevin has past evaluations");
    assert.ok(months.every((m) => m.month < "2026-02-01"), "February (this month in New York) is still due");
    const hipaa = await rows<{ n: number }>(sql`
      SELECT (SELECT count(*) FROM training_completions c JOIN training_programs p ON p.id = c.program_id WHERE c.person_id = ${kevin.id} AND p.code = 'hipaa-privacy')::int
           + (SELECT count(*) FROM training_assignments a JOIN training_programs p ON p.id = a.program_id WHERE p.code = 'hipaa-privacy')::int AS n`);
    assert.equal(hipaa[0].n, 0);
    const assigned = await rows(sql`
      SELECT a.id FROM training_assignments a
      WHERE a.person_id = ${kevin.id} OR a.target = 'track' OR (a.target = 'level' AND a.level_code = 'tech-1') OR a.site_id = (SELECT site_id FROM people WHERE id = ${kevin.id})`);
    assert.deepEqual(assigned, [], "nothing is assigned to Kevin, his site or his level");
    assert.deepEqual(await rows(sql`SELECT id FROM mentor_pairings WHERE mentee_id = ${kevin.id} OR mentor_id = ${kevin.id}`), []);
  });

  it("evaluates the past six months, older ones acknowledged; at Riverside only Kevin is due", async () => {
    const byMonth = await rows<{ month: string; n: number; acknowledged: number }>(sql`
      SELECT month::text, count(*)::int AS n, count(acknowledged_at)::int AS acknowledged FROM evaluations GROUP BY month ORDER BY month`);
    assert.deepEqual(byMonth.map((m) => m.month), ["2025-08-01", "2025-09-01", "2025-10-01", "2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"]);
    for (const m of byMonth.slice(0, 5)) assert.equal(m.acknowledged, m.n, `${m.month} is acknowledged`);
    assert.equal(byMonth.at(-1)!.acknowledged, 0, "this month's evaluations await acknowledgement");
    const due = await rows<{ email: string }>(sql`
      SELECT p.email FROM people p JOIN sites s ON s.id = p.site_id
      WHERE s.code = 'OH-101' AND p.status = 'active' AND p.role IN ('technician', 'mentor')
        AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.person_id = p.id AND e.month = '2026-02-01')`);
    assert.deepEqual(due.map((d) => d.email), [TECHNICIAN]);
  });

  it("has twelve months of KPI figures per long-serving technician, from per-site monthly imports that match the values", async () => {
    const series = await rows<{ months: number; first: string; last: string }>(sql`
      SELECT count(DISTINCT v.period_end)::int AS months, min(v.period_end)::text AS first, max(v.period_end)::text AS last
      FROM kpi_values v JOIN people p ON p.id = v.person_id
      WHERE p.hire_date < '2024-12-01' AND v.kpi_code = 'fill-accuracy' GROUP BY v.person_id`);
    assert.ok(series.length > 10);
    for (const s of series) assert.deepEqual(s, { months: 12, first: "2025-02-28", last: "2026-01-31" });
    const [check] = await rows<{ values: number; figures: number; imports: number; mismatched: number }>(sql`
      SELECT (SELECT count(*) FROM kpi_values)::int AS values, (SELECT count(*) FROM kpi_import_figures)::int AS figures,
             (SELECT count(*) FROM kpi_imports)::int AS imports,
             (SELECT count(*) FROM kpi_import_figures f JOIN kpi_values v USING (person_id, kpi_code, period_end) WHERE f.value <> v.value)::int AS mismatched`);
    assert.equal(check.values, check.figures);
    assert.equal(check.imports, 36, "three sites, twelve months");
    assert.equal(check.mismatched, 0);
  });

  it("shows trainings assigned, overdue and expiring, pairings with sessions, a Lead technician who mentors, grants and a pending reimbursement", async () => {
    const [t] = await rows<{ completions: number; overdue: number; learningWeeks: number; expiring: number }>(sql`
      SELECT (SELECT count(*) FROM training_completions)::int AS completions,
             (SELECT count(*) FROM training_assignments WHERE due_on < '2026-02-28')::int AS overdue,
             (SELECT count(*) FROM training_assignments WHERE kind = 'learning-week')::int AS "learningWeeks",
             (SELECT count(*) FROM training_completions WHERE expires_on BETWEEN '2026-02-28' AND '2026-04-30')::int AS expiring`);
    assert.ok(t.completions > 40);
    assert.ok(t.overdue >= 2);
    assert.equal(t.learningWeeks, 1);
    assert.ok(t.expiring >= 1);
    const mentors = await rows<{ role: string; sessions: number; pending: number }>(sql`
      SELECT m.role, count(s.id)::int AS sessions, count(s.id) FILTER (WHERE s.confirmed_at IS NULL)::int AS pending
      FROM mentor_pairings mp JOIN people m ON m.id = mp.mentor_id LEFT JOIN mentoring_sessions s ON s.pairing_id = mp.id
      WHERE mp.status = 'active' GROUP BY mp.id, m.role`);
    assert.ok(mentors.length >= 4);
    assert.ok(mentors.every((m) => m.sessions >= 3));
    assert.ok(mentors.some((m) => m.pending > 0));
    const leadMentor = mentors.filter((m) => m.role === "technician");
    assert.equal(leadMentor.length, 1, "one Lead technician with the technician role mentors");
    const [leadLevel] = await rows<{ level_code: string }>(sql`
      SELECT l.level_code FROM mentor_pairings mp JOIN people m ON m.id = mp.mentor_id JOIN person_levels l ON l.person_id = m.id AND l.ended_on IS NULL WHERE m.role = 'technician'`);
    assert.equal(leadLevel.level_code, "lead");
    const grants = await rows<{ reward: string }>(sql`SELECT DISTINCT reward FROM incentive_grants ORDER BY reward`);
    assert.deepEqual(grants.map((g) => g.reward), ["bonus", "raise"]);
    const reimbursements = await rows<{ status: string }>(sql`SELECT status FROM reimbursement_requests ORDER BY status`);
    assert.deepEqual(reimbursements.map((r) => r.status), ["approved", "submitted"]);
    const [cursor] = await rows<{ behind: number }>(sql`SELECT (SELECT max(id) FROM domain_events) - last_event_id AS behind FROM incentive_cursors`);
    assert.equal(Number(cursor.behind), 0, "seeded milestones are processed, so later processing grants nothing twice");
  });

  it("is the same on every run with the same clock", async () => {
    const other = await createTestDatabase();
    try {
      await seedDemo(other.db, NOW);
      const fingerprint = async (db: TestDatabase) =>
        (await sql<{ f: string }>`
          SELECT md5(string_agg(p.employee_id || e.month || e.average || coalesce(e.comments, ''), ',' ORDER BY p.employee_id, e.month))
              || md5((SELECT string_agg(p2.employee_id || v.kpi_code || v.period_end || v.value, ',' ORDER BY p2.employee_id, v.kpi_code, v.period_end) FROM kpi_values v JOIN people p2 ON p2.id = v.person_id)) AS f
          FROM evaluations e JOIN people p ON p.id = e.person_id`.execute(db.db)).rows[0].f;
      assert.equal(await fingerprint(other), await fingerprint(database));
    } finally {
      await other.drop();
    }
  });
});
