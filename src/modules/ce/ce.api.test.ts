import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, EVIDENCE_SAMPLES, signInAs, type Client, type TestOrganization } from "../../test/factories.ts";

const csv = (client: Client, body: string, query = "") =>
  client.request({ method: "POST", url: `/api/ce/import${query}`, headers: { "content-type": "text/csv", "x-file-name": "cpe-monitor.csv" }, payload: body });

const HEADER = "employee_id,activity_title,provider_name,uan,completion_date,contact_hours,activity_type,categories";

describe("continuing education API", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, farManager: Client, technician: Client, peer: Client, farTechnician: Client, otherAdmin: Client;
  let tech: { id: string; employee_id: string };
  let peerPerson: { id: string; employee_id: string };
  let farTech: { id: string; employee_id: string };
  let techRecordId: string;

  const count = async (personId: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ce_records WHERE person_id = ${personId}`.execute(t.database.db)).rows[0].n;

  before(async () => {
    // 2026-06-15: the technician's CPhT was earned 2025-01-10 and expires 2027-01-10 (first cycle).
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const [s1, s2] = org.sites.map((s) => s.id);
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: s1 }),
      farManager: await buildPerson(db, org, { role: "manager", siteId: s2 }),
      technician: await buildPerson(db, org, { role: "technician", siteId: s1 }),
      peer: await buildPerson(db, org, { role: "technician", siteId: s1 }),
      farTechnician: await buildPerson(db, org, { role: "technician", siteId: s2 }),
    };
    tech = people.technician;
    peerPerson = people.peer;
    farTech = people.farTechnician;
    const holding = (personId: string, code: string, earned: string, expires: string, state: string | null = null) => ({
      org_id: org.id,
      person_id: personId,
      certification_code: code,
      state,
      earned_on: earned,
      expires_on: expires,
      verification_status: "verified" as const,
    });
    await db
      .insertInto("certification_holdings")
      .values([
        holding(tech.id, "ptcb-cpht", "2025-01-10", "2027-01-10"),
        holding(tech.id, "state-registration", "2025-01-10", "2027-01-10", "OH"),
        // The peer's cycle ends in 50 days: short, with a warning.
        holding(peerPerson.id, "ptcb-cpht", "2022-08-04", "2026-08-04"),
        holding(farTech.id, "nha-excpt", "2025-02-01", "2027-02-01"),
      ])
      .execute();
    const other = await buildOrganization(db);
    [admin, manager, farManager, technician, peer, farTechnician, otherAdmin] = await Promise.all([
      signInAs(t.app, people.admin.email),
      signInAs(t.app, people.manager.email),
      signInAs(t.app, people.farManager.email),
      signInAs(t.app, people.technician.email),
      signInAs(t.app, people.peer.email),
      signInAs(t.app, people.farTechnician.email),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  it("parses a UAN for anyone signed in, naming a bad segment", async () => {
    const good = (await technician.get("/api/ce/uan/0175-0000-14-105-L05-T")).json();
    assert.equal(good.ok, true);
    assert.equal(good.value.topicName, "Patient safety");
    const bad = (await technician.get("/api/ce/uan/0175-0000-14-105-L05-Q")).json();
    assert.deepEqual(bad.errors.map((e: { segment: string }) => e.segment), ["audience"]);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/ce/uan/0175-0000-14-105-L05-T" })).statusCode, 401);
  });

  it("a technician sees their credentials' CE requirements before recording anything", async () => {
    const standing = (await technician.get(`/api/people/${tech.id}/ce`)).json();
    assert.deepEqual(standing.credentials.map((c: { certificationCode: string }) => c.certificationCode), ["ptcb-cpht"]);
    const cpht = standing.credentials[0];
    assert.deepEqual(cpht.cycle, { startsOn: "2025-01-10", endsOn: "2027-01-10", isFirst: true });
    assert.equal(cpht.daysLeft, 209);
    assert.equal(cpht.hoursCounted, 0);
    assert.deepEqual(standing.withoutRules.map((w: { state: string }) => w.state), ["OH"]);
    assert.deepEqual(standing.permissions, { canRecord: true, canVerify: false });
  });

  it("a technician records their own CE from its UAN: parsed, unverified, and counted toward renewal", async () => {
    const response = await technician.post(`/api/people/${tech.id}/ce`, { title: "Federal pharmacy law update", provider: "State Pharmacy Association", uan: "0175-0000-25-105-l03-t", completedOn: "2026-03-02", hours: 2, verified: true });
    assert.equal(response.statusCode, 201, response.body);
    const record = response.json();
    techRecordId = record.id;
    assert.equal(record.uan, "0175-0000-25-105-L03-T");
    assert.equal(record.source, "parsed");
    assert.equal(record.verificationStatus, "unverified", "a person cannot verify their own CE");
    assert.deepEqual([record.activityType, record.format, record.topic, record.audience, record.categories], ["acpe", "live", "03", "technician", ["law"]]);
    const cpht = (await technician.get(`/api/people/${tech.id}/ce`)).json().credentials[0];
    assert.equal(cpht.hoursCounted, 2);
    assert.equal(cpht.unverifiedHours, 2);
    assert.deepEqual(cpht.requirements.find((r: { code: string }) => r.code === "law"), { code: "law", label: "Pharmacy law (topic 03)", needed: 1, counted: 2, isMet: true });
  });

  it("records by hand without a UAN (source manual); field-named errors otherwise", async () => {
    const manual = await technician.post(`/api/people/${tech.id}/ce`, { title: "Pharmacology I", completedOn: "2026-01-20", hours: 3, activityType: "college-course" });
    assert.equal(manual.statusCode, 201, manual.body);
    assert.equal(manual.json().source, "manual");
    const bad = await technician.post(`/api/people/${tech.id}/ce`, { title: "Bad", uan: "0175-1234-25-105-L03-T", completedOn: "2026-03-02", hours: 1 });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields, [{ field: "uan", message: 'the 2nd part must be 0000 (sole provider) or 9999 (joint providership); "1234" is neither' }]);
    const again = await technician.post(`/api/people/${tech.id}/ce`, { title: "Again", uan: "0175-0000-25-105-L03-T", completedOn: "2026-03-03", hours: 2 });
    assert.equal(again.statusCode, 400);
    assert.match(again.json().error.fields[0].message, /already recorded for this person \(completed 2026-03-02\)/);
    const future = await technician.post(`/api/people/${tech.id}/ce`, { title: "Later", completedOn: "2026-06-16", hours: 1 });
    assert.deepEqual(future.json().error.fields, [{ field: "completedOn", message: "is in the future (today is 2026-06-15)" }]);
    const schema = await technician.post(`/api/people/${tech.id}/ce`, { title: "x", completedOn: "2026-01-01", hours: -1 });
    assert.equal(schema.statusCode, 400);
    assert.equal(schema.json().error.fields[0].field, "hours");
  });

  it("nobody records or reads CE for someone they do not manage; another organization's person is not found", async () => {
    assert.equal((await peer.post(`/api/people/${tech.id}/ce`, { title: "x", completedOn: "2026-01-01", hours: 1 })).statusCode, 403);
    assert.equal((await peer.get(`/api/people/${tech.id}/ce`)).statusCode, 403);
    assert.equal((await farManager.get(`/api/people/${tech.id}/ce`)).statusCode, 403);
    assert.equal((await farTechnician.get(`/api/ce/compliance`)).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/people/${tech.id}/ce`)).statusCode, 404);
    assert.equal((await otherAdmin.post(`/api/ce/records/${techRecordId}/verify`, { status: "verified" })).statusCode, 404);
  });

  it("only the site's manager or an admin verifies, never the person themself", async () => {
    assert.equal((await technician.post(`/api/ce/records/${techRecordId}/verify`, { status: "verified" })).statusCode, 403);
    assert.equal((await farManager.post(`/api/ce/records/${techRecordId}/verify`, { status: "verified" })).statusCode, 403);
    const verified = await manager.post(`/api/ce/records/${techRecordId}/verify`, { status: "verified" });
    assert.equal(verified.statusCode, 200);
    assert.equal(verified.json().verificationStatus, "verified");
    const cpht = (await manager.get(`/api/people/${tech.id}/ce`)).json().credentials[0];
    assert.equal(cpht.unverifiedHours, 3, "the college course still awaits verification");
  });

  it("attaches a copy of the certificate uploaded for the person, not someone else's", async () => {
    const upload = await technician.request({ method: "POST", url: `/api/people/${tech.id}/evidence`, headers: { "content-type": "application/pdf", "x-file-name": "law-certificate.pdf" }, payload: Buffer.from(EVIDENCE_SAMPLES["application/pdf"]) });
    assert.equal(upload.statusCode, 201, upload.body);
    const attached = await technician.patch(`/api/ce/records/${techRecordId}`, { evidenceFileId: upload.json().id });
    assert.equal(attached.statusCode, 200);
    assert.deepEqual(attached.json().evidenceFile, { id: upload.json().id, fileName: "law-certificate.pdf" });
    const peerUpload = await peer.request({ method: "POST", url: `/api/people/${peerPerson.id}/evidence`, headers: { "content-type": "application/pdf" }, payload: Buffer.from(EVIDENCE_SAMPLES["application/pdf"]) });
    const wrong = await technician.patch(`/api/ce/records/${techRecordId}`, { evidenceFileId: peerUpload.json().id });
    assert.equal(wrong.statusCode, 400);
  });

  it("a verified record is removed only by a manager or admin; the person removes their unverified ones", async () => {
    assert.equal((await technician.request({ method: "DELETE", url: `/api/ce/records/${techRecordId}` })).statusCode, 403);
    const extra = (await technician.post(`/api/people/${tech.id}/ce`, { title: "Typo", completedOn: "2026-02-02", hours: 1 })).json();
    assert.equal((await technician.request({ method: "DELETE", url: `/api/ce/records/${extra.id}` })).statusCode, 204);
    assert.equal((await technician.request({ method: "DELETE", url: `/api/ce/records/${extra.id}` })).statusCode, 404);
  });

  it("managers see their sites' compliance, short first by days to the cycle end; admins see everyone", async () => {
    const list = (await manager.get("/api/ce/compliance")).json();
    assert.deepEqual(list.items.map((r: { personId: string }) => r.personId), [peerPerson.id, tech.id]);
    const [peerRow] = list.items;
    assert.equal(peerRow.daysLeft, 50);
    assert.equal(peerRow.status, "short");
    assert.equal(peerRow.warning.days, 60);
    assert.equal(peerRow.missing, "20 h in total, 1 h pharmacy law (topic 03), 1 h patient safety (topic 05)");
    assert.equal(list.counts.short, 2);
    assert.equal((await manager.get(`/api/ce/compliance?siteId=${org.sites[1].id}`)).statusCode, 403);
    const all = (await admin.get("/api/ce/compliance")).json();
    assert.deepEqual(new Set(all.items.map((r: { personId: string }) => r.personId)), new Set([peerPerson.id, tech.id, farTech.id]));
    const bySite = (await admin.get(`/api/ce/compliance?siteId=${org.sites[1].id}`)).json();
    assert.deepEqual(bySite.items.map((r: { personId: string }) => r.personId), [farTech.id]);
  });

  it("exports the compliance list as CSV", async () => {
    const response = await manager.get("/api/ce/compliance.csv");
    assert.equal(response.statusCode, 200);
    assert.match(response.headers["content-type"] as string, /^text\/csv/);
    const lines = response.body.trim().split("\n");
    assert.equal(lines[0], "employee_id,name,site,credential,cycle_start,cycle_end,days_left,hours_needed,hours_counted,hours_short,unverified_hours,missing,status,warning");
    assert.equal(lines.length, 3);
    assert.ok(lines[1].startsWith(`${peerPerson.employee_id},`), lines[1]);
  });

  describe("CSV import", () => {
    it("imports a CPE Monitor-style file in one go, as verified when asked, and audits it", async () => {
      const body = [
        "Employee ID,Activity Title,Provider,UAN,Date of Participation,Credit Hours,CEUs",
        `${peerPerson.employee_id},Patient safety essentials,Online CE Co,0204-9999-24-011-H05-T,2025-11-02,2,`,
        `${peerPerson.employee_id},Sterile compounding review,Online CE Co,0204-9999-24-012-H07-T,11/20/2025,,0.3`,
      ].join("\n");
      const dry = await csv(manager, body, "?dryRun=1");
      assert.equal(dry.statusCode, 200, dry.body);
      assert.deepEqual(dry.json(), { importId: null, rows: 2, created: 2, verified: false, dryRun: true });
      assert.equal(await count(peerPerson.id), 0);
      const response = await csv(manager, body, "?verified=1");
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().created, 2);
      const standing = (await manager.get(`/api/people/${peerPerson.id}/ce`)).json();
      assert.deepEqual(standing.records.map((r: { hours: number; source: string; verificationStatus: string }) => [r.hours, r.source, r.verificationStatus]), [
        [3, "csv", "verified"],
        [2, "csv", "verified"],
      ]);
      assert.equal(standing.credentials[0].hoursCounted, 5);
      const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE org_id = ${org.id} AND action IN ('ce.recorded', 'ce.imported') ORDER BY seq DESC LIMIT 3`.execute(t.database.db);
      assert.deepEqual(audit.rows.map((r) => r.action), ["ce.imported", "ce.recorded", "ce.recorded"]);
      const imports = (await manager.get("/api/ce/imports")).json();
      assert.equal(imports.items[0].fileName, "cpe-monitor.csv");
    });

    it("imports nothing when any row is wrong, listing every error with its row and column", async () => {
      const body = [
        HEADER,
        `${farTech.employee_id},Law,,0175-0000-25-001-L03-T,2026-01-05,1,,`,
        `${tech.employee_id},Valid row,,0175-0000-25-002-L04-T,2026-01-05,1,,`,
        `E-NOBODY,Someone else,,,2026-01-05,1,other,`,
        `${tech.employee_id},Bad UAN,,0175-0000-25-003-L09-T,2026-01-05,1,,`,
        `${tech.employee_id},Bad date,,,2026-13-01,1,other,`,
        `${tech.employee_id},Twice,,0175-0000-25-002-L04-T,2026-01-06,1,,`,
        `${tech.employee_id},Already there,,0175-0000-25-105-L03-T,2026-01-06,1,,`,
        `${tech.employee_id},Law flag on topic 04,,0175-0000-25-004-L04-T,2026-01-06,1,,law`,
        `${tech.employee_id},No hours,,,2026-01-06,,other,`,
      ].join("\n");
      const before = await count(tech.id);
      const response = await csv(manager, body);
      assert.equal(response.statusCode, 422);
      assert.equal(response.json().error.code, "IMPORT_INVALID");
      assert.deepEqual(response.json().error.fields.map((f: { row: number; field: string; message: string }) => `${f.row} ${f.field}: ${f.message}`), [
        `2 employee_id: "${farTech.employee_id}" works at a site you do not manage`,
        '4 employee_id: no person with employee_id "E-NOBODY" in the organization',
        '5 uan: the topic designator (5th part, after the letter) must be 01–08; "09" is not',
        '6 completion_date: "2026-13-01" is not a date (use YYYY-MM-DD)',
        "7 uan: 0175-0000-25-002-L04-T for this person already appears in row 3",
        "8 uan: 0175-0000-25-105-L03-T is already recorded for this person (completed 2026-03-02)",
        "9 categories: law comes from topic designator 03; this activity's topic is 04",
        "10 contact_hours: is required",
      ]);
      assert.equal(await count(tech.id), before);
    });

    it("reports a bad header once, on row 1, and a file without rows", async () => {
      const header = await csv(admin, "name,activity_title\nKevin,Law\n");
      assert.equal(header.statusCode, 422);
      assert.deepEqual(header.json().error.fields.map((f: { row: number; field: string }) => `${f.row} ${f.field}`), ["1 name", "1 completion_date", "1 employee_id", "1 contact_hours"]);
      const empty = await csv(admin, `${HEADER}\n`);
      assert.deepEqual(empty.json().error.fields, [{ row: 2, field: "file", message: "the file has a header but no records" }]);
    });

    it("technicians cannot import; the template and the column list are there for everyone", async () => {
      assert.equal((await csv(technician, `${HEADER}\n`)).statusCode, 403);
      const template = await technician.get("/api/ce/template.csv");
      assert.equal(template.statusCode, 200);
      assert.ok(template.body.startsWith("employee_id,email,activity_title,provider_name,uan,completion_date,contact_hours,ceus,"));
      const columns = (await technician.get("/api/ce/columns")).json().columns;
      assert.deepEqual(columns.filter((c: { required: boolean }) => c.required).map((c: { name: string }) => c.name), ["activity_title", "completion_date"]);
    });

    it("the template's example rows import once their employee id exists", async () => {
      const template = (await admin.get("/api/ce/template.csv")).body.replaceAll("E1001", farTech.employee_id);
      const response = await csv(admin, template, "?dryRun=1");
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().rows, 3);
    });
  });

  describe("settings", () => {
    it("an admin sets the T/P split and turns off the unconfirmed UAN parts; others cannot", async () => {
      const reference = (await technician.get("/api/ce/reference")).json();
      assert.equal(reference.settings.technicianHoursMin, 15);
      assert.ok(reference.ruleSets.some((r: { code: string }) => r.code === "state-registration:FL"));
      const settings = { technicianHoursMin: 20, warningDays: [60, 30], acceptBlendedFormat: false, acceptExtendedTopics: true, stateRuleSets: [] };
      assert.equal((await manager.request({ method: "PUT", url: "/api/ce/settings", payload: settings })).statusCode, 403);
      const saved = await admin.request({ method: "PUT", url: "/api/ce/settings", payload: settings });
      assert.equal(saved.statusCode, 200, saved.body);
      const cpht = (await technician.get(`/api/people/${tech.id}/ce`)).json().credentials[0];
      assert.equal(cpht.requirements.find((r: { code: string }) => r.code === "technician").needed, 20);
      const blended = await technician.post(`/api/people/${tech.id}/ce`, { title: "Blended", uan: "0175-0000-25-106-B04-T", completedOn: "2026-03-02", hours: 1 });
      assert.equal(blended.statusCode, 400);
      assert.match(blended.json().error.fields[0].message, /blended is turned off/);
    });

    it("an organization adds its own state rule set, which then applies to that state's registrations", async () => {
      const ohio = {
        certificationCode: "state-registration",
        state: "oh",
        name: "Ohio registered pharmacy technician",
        hours: 10,
        minimums: [{ code: "law", label: "Ohio law", hours: 1, counts: { kind: "category", category: "law" } }],
        source: "Organization's reading of the Ohio board's rule",
      };
      const settings = { technicianHoursMin: 15, warningDays: [90, 60, 30], acceptBlendedFormat: true, acceptExtendedTopics: true, stateRuleSets: [ohio] };
      const saved = await admin.request({ method: "PUT", url: "/api/ce/settings", payload: settings });
      assert.equal(saved.statusCode, 200, saved.body);
      const standing = (await technician.get(`/api/people/${tech.id}/ce`)).json();
      const oh = standing.credentials.find((c: { certificationCode: string }) => c.certificationCode === "state-registration");
      assert.equal(oh.ruleSet.name, "Ohio registered pharmacy technician");
      assert.equal(oh.ruleSet.custom, true);
      assert.equal(oh.ruleSet.verify, true);
      assert.equal(standing.withoutRules.length, 0);
      const wrong = await admin.request({ method: "PUT", url: "/api/ce/settings", payload: { ...settings, stateRuleSets: [{ ...ohio, state: "ZZ" }] } });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.fields[0].field, "stateRuleSets.0.state");
    });
  });

  it("is described in the OpenAPI document", async () => {
    const paths = Object.keys((await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json().paths);
    for (const path of ["/api/people/{id}/ce", "/api/ce/compliance", "/api/ce/import", "/api/ce/uan/{uan}", "/api/ce/settings"]) assert.ok(paths.includes(path), path);
  });
});
