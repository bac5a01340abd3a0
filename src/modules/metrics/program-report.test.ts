import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { inflateSync } from "node:zlib";
import type { Db } from "../../db/database.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, placeAtLevel, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";
import { queueWeeklySummaries } from "../notifications/index.ts";
import type { Dashboard } from "./load-dashboard.ts";
import { formatNumber, formatPercent, previousPeriod, reportFigures, topReasons } from "./program-report.ts";

/** The page objects of a PDF (not the /Pages tree). */
const pageCount = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

/** WinAnsi characters outside Latin-1 that the report prints. */
const WIN_ANSI: Record<string, string> = { "\x96": "–", "\x95": "•" };

/**
 * The text shown in a PDF written with the standard fonts: each TJ array's hex strings, a line
 * each, with runs of white space made one space so that a reading wrapped over two lines reads whole.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = raw.indexOf("endstream", start);
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(bytes).toString("latin1");
    } catch {
      content = bytes.toString("latin1");
    }
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      lines.push([...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], "hex").toString("latin1")).join("").replace(/[\x95\x96]/g, (c) => WIN_ANSI[c]));
    }
  }
  return lines.join("\n").replace(/\s+/g, " ");
}

/**
 * Two sites. S1: A all 2025, B leaves voluntarily (pay) on 2025-04-30, A promoted on 2025-07-01.
 * D at S1 in Tech I since 2020 (stalled). S2: C hired 2025-03-01. The period before (2024) has A and B at S1 and nobody at S2.
 */
describe("program report (PDF)", () => {
  let t: TestApp;
  let db: Db;
  let org: TestOrganization;
  let admin: Client, manager: Client, technician: Client, otherAdmin: Client;
  let S1: string, S2: string;
  const YEAR = "from=2025-01-01&to=2025-12-31";

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    db = t.database.db;
    org = await buildOrganization(db);
    [S1, S2] = org.sites.map((s) => s.id);
    const adminPerson = await buildPerson(db, org, { role: "admin" });
    const managerPerson = await buildPerson(db, org, { role: "manager", siteId: S2 });
    const a = await buildPerson(db, org, { siteId: S1, hireDate: "2020-01-01" });
    const b = await buildPerson(db, org, { siteId: S1, hireDate: "2020-01-01", withAccount: false });
    await buildPerson(db, org, { siteId: S2, hireDate: "2025-03-01", withAccount: false });
    const d = await buildPerson(db, org, { siteId: S1, hireDate: "2020-01-01", withAccount: false });
    await placeAtLevel(db, org, d.id, "core/tech-1", "2020-01-01");
    await db.insertInto("employment_events").values({ org_id: org.id, person_id: b.id, kind: "separation", effective_date: "2025-04-30", site_id: S1, separation_type: "voluntary", reason_code: "pay" }).execute();
    await db.updateTable("people").set({ status: "separated", separation_date: "2025-04-30", separation_type: "voluntary", separation_reason: "pay" }).where("id", "=", b.id).execute();
    await db.insertInto("person_levels").values([
      { org_id: org.id, person_id: a.id, track_code: "core", level_code: "tech-1", started_on: "2020-01-01", ended_on: "2025-07-01" },
      { org_id: org.id, person_id: a.id, track_code: "core", level_code: "tech-2", started_on: "2025-07-01" },
    ]).execute();
    await db.insertInto("promotions").values({
      org_id: org.id, person_id: a.id, kind: "promotion", from_track: "core", from_level: "tech-1", to_track: "core", to_level: "tech-2", status: "approved",
      effective_date: "2025-07-01", nominated_by: managerPerson.id, nominated_at: new Date("2025-06-01T12:00:00Z"), eligible_at_nomination: true,
      eligibility_snapshot: JSON.stringify({}), framework_version: 1, decided_by: adminPerson.id, decided_at: new Date("2025-06-02T12:00:00Z"),
    }).execute();
    const other = await buildOrganization(db);
    otherAdmin = await signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email);
    admin = await signInAs(t.app, adminPerson.email);
    manager = await signInAs(t.app, managerPerson.email);
    technician = await signInAs(t.app, a.email);
  });
  after(() => t.close());

  it("gives an admin the organization summary and a page per site, with the dashboard's figures", async () => {
    const response = await admin.get(`/api/metrics/report.pdf?${YEAR}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers["content-type"], "application/pdf");
    assert.equal(response.headers["content-disposition"], `attachment; filename="program-report-${org.slug}-2025-01-01-to-2025-12-31.pdf"`);
    const pdf = response.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    assert.equal(pageCount(pdf), org.sites.length + 1);
    const text = pdfText(pdf);
    assert.match(text, new RegExp(`Career ladder program report: Organization ${org.slug}`));
    assert.match(text, /Organization summary/);
    assert.match(text, /Site 1 S1 · OH · 1 Jan 2025/);
    assert.match(text, /Site 2 S2 · TX · 1 Jan 2025/);
    assert.match(text, /1 Jan 2025 – 31 Dec 2025/);
    // Pages are drawn as they are read; the footer still knows how many there are.
    assert.match(text, new RegExp(`Page 1 of ${org.sites.length + 1}`));
    assert.match(text, new RegExp(`Page ${org.sites.length + 1} of ${org.sites.length + 1}`));
    assert.match(text, /generated 15 Jun 2026/);
    assert.match(text, /Page 3 of 3/);

    // Every figure printed is the dashboard's, for the organization and for each site.
    const org2025: Dashboard = (await admin.get(`/api/metrics/dashboard?${YEAR}`)).json();
    const org2024: Dashboard = (await admin.get("/api/metrics/dashboard?from=2024-01-01&to=2024-12-31")).json();
    const s1: Dashboard = (await admin.get(`/api/metrics/dashboard?${YEAR}&siteId=${S1}`)).json();
    const voluntary = formatPercent(org2025.turnover.voluntary.annualized!);
    assert.ok(text.includes(`Voluntary turnover ${voluntary} a year, up from ${formatPercent(org2024.turnover.voluntary.annualized!)} the period before`), text);
    assert.ok(text.includes(`Voluntary turnover ${formatPercent(s1.turnover.voluntary.annualized!)} a year`));
    assert.ok(text.includes(`${formatNumber(org2025.promotions.per100PerYear!)} promotions per 100 technicians a year (1 promotion)`));
    assert.ok(text.includes(`median ${formatNumber(org2025.promotions.medianMonthsInLevel!)} months`));
    assert.ok(text.includes(`Separation reasons: ${org2025.separationReasons[0].label} 100.0 % (1)`));
    // S2 had nobody in 2024, and C was its only hire in 2025.
    assert.ok(text.includes("no technicians in the period before to compare with"));
    assert.match(text, /Technicians: 0 on the first day, 1 on the last, [\d.]+ on average; 1 hire\./);
    // Stalled progress: D, on the summary and at S1; nobody at S2.
    const stalled = (await admin.get("/api/metrics/stalled")).json();
    assert.equal(stalled.items.length, 1);
    assert.equal(text.match(/1 technician in their level 18 months or more/g)?.length, 2);
    assert.equal(text.match(/Nobody has been in their level 18 months/g)?.length, 1);
  });

  it("gives a manager the pages of their site only, and nobody else a report", async () => {
    const response = await manager.get(`/api/metrics/report.pdf?${YEAR}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(pageCount(response.rawPayload), 1);
    const text = pdfText(response.rawPayload);
    assert.match(text, /Site 2 S2 · TX · 1 Jan 2025/);
    assert.doesNotMatch(text, /S1 · OH|Organization summary/);
    assert.equal((await manager.get(`/api/metrics/report.pdf?siteId=${S1}`)).statusCode, 403);
    assert.equal((await technician.get("/api/metrics/report.pdf")).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/metrics/report.pdf?siteId=${S1}`)).statusCode, 404);
    const others = pdfText((await otherAdmin.get(`/api/metrics/report.pdf?${YEAR}`)).rawPayload);
    assert.doesNotMatch(others, new RegExp(org.slug));
    assert.doesNotMatch(others, /Voluntary turnover [\d.]+ %/);
    assert.match(others, /No technicians in this period\./);
  });

  it("gives one page for a site filter and refuses bad periods naming the field", async () => {
    const one = await admin.get(`/api/metrics/report.pdf?${YEAR}&siteId=${S1}`);
    assert.equal(pageCount(one.rawPayload), 1);
    const bad = await admin.get("/api/metrics/report.pdf?from=2025-12-31&to=2025-01-01");
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /from/);
    assert.equal((await admin.get("/api/metrics/report.pdf?to=2025-13-01")).statusCode, 400);
  });

  it("puts three headline figures of the caller's scope into the weekly summary e-mail", async () => {
    const unread = (recipient: string) =>
      db.insertInto("notifications").values({ org_id: org.id, recipient_id: recipient, kind: "evaluation-due", subject_key: `check-${recipient}`, period: "2026-06", title: "An evaluation is due", body: "", link: "/evaluations", created_at: new Date("2026-06-14T12:00:00Z") }).execute();
    const people = await db.selectFrom("people").select(["id", "role"]).where("org_id", "=", org.id).where("role", "in", ["admin", "manager"]).execute();
    for (const p of people) await unread(p.id);
    const monday = new Date("2026-06-15T07:00:00Z");
    assert.equal((await queueWeeklySummaries(db, monday, "http://localhost:3000/")).queued, 2);
    const bodyOf = async (role: string) => {
      const person = people.find((p) => p.role === role)!;
      return (await db.selectFrom("email_outbox").select("body").where("recipient_id", "=", person.id).executeTakeFirstOrThrow()).body;
    };
    const mine: Dashboard = (await manager.get(`/api/metrics/dashboard?siteId=${S2}`)).json();
    const whole: Dashboard = (await admin.get("/api/metrics/dashboard")).json();
    assert.equal(mine.period.from, "2025-06-16");
    const managerBody = await bodyOf("manager");
    assert.match(managerBody, /Your program, 16 Jun 2025 to 15 Jun 2026:/);
    assert.ok(managerBody.includes(`Voluntary turnover: ${formatPercent(mine.turnover.voluntary.annualized!)} a year (0 left)`), managerBody);
    assert.ok(managerBody.includes(`Promotions: ${formatNumber(mine.promotions.per100PerYear!)} per 100 technicians a year (0 in all)`), managerBody);
    assert.match(managerBody, /Trainings completed on time: no data \(0 of 0 due\)/);
    assert.match(managerBody, /The program dashboard: http:\/\/localhost:3000\/metrics\n/);
    const adminBody = await bodyOf("admin");
    assert.ok(adminBody.includes(`Promotions: ${formatNumber(whole.promotions.per100PerYear!)} per 100 technicians a year (1 in all)`), adminBody);
    assert.notEqual(formatNumber(whole.promotions.per100PerYear!), formatNumber(mine.promotions.per100PerYear!));
  });

  it("fits a ten-year period and an empty organization on one page each", async () => {
    const long = await admin.get("/api/metrics/report.pdf?from=2016-01-01&to=2025-12-31");
    assert.equal(long.statusCode, 200);
    assert.equal(pageCount(long.rawPayload), 3);
    const empty = await otherAdmin.get("/api/metrics/report.pdf");
    assert.equal(pageCount(empty.rawPayload), 3);
  });
});

describe("program report readings", () => {
  it("takes the period before as the same number of whole months, or days", () => {
    assert.deepEqual(previousPeriod("2025-01-01", "2025-12-31"), { from: "2024-01-01", to: "2024-12-31" });
    assert.deepEqual(previousPeriod("2024-03-01", "2024-03-31"), { from: "2024-02-01", to: "2024-02-29" });
    assert.deepEqual(previousPeriod("2025-06-16", "2026-06-15"), { from: "2024-06-16", to: "2025-06-15" });
    assert.deepEqual(previousPeriod("2025-03-10", "2025-03-19"), { from: "2025-02-28", to: "2025-03-09" });
  });

  it("reads turnover against the period before, on the figures as printed", () => {
    const dashboard = (voluntary: number | null, total: number | null) =>
      ({
        turnover: { averageHeadcount: 4, voluntary: { count: 1, rate: null, annualized: voluntary }, involuntary: { count: 0, rate: null, annualized: 0 }, total: { count: 1, rate: null, annualized: total } },
        promotions: { count: 0, per100PerYear: null, medianMonthsInLevel: null, measured: 0 },
        training: { due: 0, onTime: 0, late: 0, missed: 0, rate: null },
        certification: { hires: 0, deadlineMonths: 9, onTime: 0, late: 0, missed: 0, pending: 0, onTimeRate: null, medianMonthsToCertification: null },
        expiring: { certifications: { within30: 0, within60: 1, within90: 2 }, competencies: { within30: 0, within60: 0, within90: 0 } },
        stalledMonths: 18,
      }) as unknown as Dashboard;
    const [vol, total, promotions, , training] = reportFigures(dashboard(0.182, 0.25), dashboard(0.249, 0.25001), 2);
    assert.equal(vol.reading, "Voluntary turnover 18.2 % a year, down from 24.9 % the period before; 1 voluntary separation.");
    assert.equal(total.reading, "Total turnover 25.0 % a year, the same as the period before; 1 voluntary and 0 involuntary.");
    assert.equal(promotions.value, "no data");
    assert.equal(training.reading, "No training fell due in this period.");
    const figures = reportFigures(dashboard(null, null), null, 0);
    assert.equal(figures[0].reading, "No technicians in this period.");
    assert.equal(figures.at(-2)!.value, "0 / 1 / 2");
    assert.match(figures.at(-1)!.reading, /^Nobody has been in their level 18 months/);
    assert.equal(topReasons([{ code: "pay", label: "Pay", count: 1, share: 0.25 }, { code: "schedule", label: "Schedule", count: 3, share: 0.75 }]), "Schedule 75.0 % (3), Pay 25.0 % (1)");
  });
});
