import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { buildOrganization, buildPerson, EVIDENCE_SAMPLES as SAMPLES, placeAtLevel, signInAs, TEST_PASSWORD, type Client, type TestOrganization } from "../../test/factories.ts";
import { MAX_EVIDENCE_BYTES } from "./evidence.rules.ts";

const upload = (client: Client, personId: string, content: Uint8Array, type: string, name?: string, query = "") =>
  client.request({
    method: "POST",
    url: `/api/people/${personId}/evidence${query}`,
    headers: { "content-type": type, ...(name ? { "x-file-name": encodeURIComponent(name) } : {}) },
    payload: Buffer.from(content),
  });

describe("evidence files API", () => {
  let t: TestApp;
  let org: TestOrganization;
  let admin: Client, manager: Client, farManager: Client, pharmacist: Client, technician: Client, peer: Client, farTechnician: Client, otherAdmin: Client;
  let tech: { id: string };
  let peerPerson: { id: string };
  let png: { id: string; fileName: string; sha256: string; sizeBytes: number };

  before(async () => {
    t = await createTestApp({ now: new Date("2026-06-15T15:00:00Z") });
    const db = t.database.db;
    org = await buildOrganization(db);
    const [site, farSite] = org.sites.map((s) => s.id);
    const people = {
      admin: await buildPerson(db, org, { role: "admin" }),
      manager: await buildPerson(db, org, { role: "manager", siteId: site }),
      farManager: await buildPerson(db, org, { role: "manager", siteId: farSite }),
      pharmacist: await buildPerson(db, org, { role: "pharmacist", siteId: site }),
      technician: await buildPerson(db, org, { siteId: site }),
      peer: await buildPerson(db, org, { siteId: site }),
      farTechnician: await buildPerson(db, org, { siteId: farSite }),
    };
    tech = people.technician;
    peerPerson = people.peer;
    await placeAtLevel(db, org, tech.id, "core/tech-1");
    const other = await buildOrganization(db);
    [admin, manager, farManager, pharmacist, technician, peer, farTechnician, otherAdmin] = await Promise.all([
      ...Object.values(people).map((p) => signInAs(t.app, p.email)),
      signInAs(t.app, (await buildPerson(db, other, { role: "admin" })).email),
    ]);
  });
  after(() => t.close());

  it("takes a file from the person themself, names it safely, and audits the upload", async () => {
    const response = await upload(technician, tech.id, SAMPLES["image/png"], "image/png", "../../My CPhT card?.png");
    assert.equal(response.statusCode, 201, response.body);
    png = response.json();
    assert.equal(png.fileName, "My CPhT card_.png");
    assert.equal(png.sizeBytes, SAMPLES["image/png"].byteLength);
    assert.equal(png.sha256, createHash("sha256").update(SAMPLES["image/png"]).digest("hex"));
    const entries = (await admin.get(`/api/audit?entityType=evidence_file&entityId=${png.id}`)).json().items;
    assert.equal(entries[0].action, "evidence.uploaded");
    assert.equal(entries[0].after.sha256, png.sha256);

    const named = await upload(manager, tech.id, SAMPLES["application/pdf"], "application/pdf; charset=binary", undefined, "?name=renewal%20letter");
    assert.equal(named.statusCode, 201, named.body);
    assert.equal(named.json().fileName, "renewal letter.pdf");
    for (const type of ["image/jpeg", "image/heic", "image/webp"] as const) {
      assert.equal((await upload(admin, tech.id, SAMPLES[type], type, `photo`)).statusCode, 201, type);
    }
  });

  it("lets whoever may read the person download it as an attachment that is never sniffed", async () => {
    for (const client of [technician, manager, pharmacist, admin]) {
      const response = await client.get(`/api/evidence/${png.id}`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers["content-type"], "image/png");
      assert.equal(response.headers["x-content-type-options"], "nosniff");
      assert.equal(response.headers["content-disposition"], `attachment; filename="My CPhT card_.png"; filename*=UTF-8''My%20CPhT%20card_.png`);
      assert.deepEqual(response.rawPayload, Buffer.from(SAMPLES["image/png"]));
    }
    assert.equal((await peer.get(`/api/evidence/${png.id}`)).statusCode, 403);
    assert.equal((await farManager.get(`/api/evidence/${png.id}`)).statusCode, 403);
    assert.equal((await otherAdmin.get(`/api/evidence/${png.id}`)).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: `/api/evidence/${png.id}` })).statusCode, 401);
  });

  it("takes uploads from the person, an assessor at their site, their manager and an admin; nobody else", async () => {
    assert.equal((await upload(pharmacist, tech.id, SAMPLES["image/png"], "image/png", "a.png")).statusCode, 201);
    assert.equal((await upload(peer, tech.id, SAMPLES["image/png"], "image/png", "a.png")).statusCode, 201, "a colleague who may assess");
    assert.equal((await upload(farTechnician, tech.id, SAMPLES["image/png"], "image/png", "a.png")).statusCode, 403);
    assert.equal((await upload(farManager, tech.id, SAMPLES["image/png"], "image/png", "a.png")).statusCode, 403);
    assert.equal((await upload(otherAdmin, tech.id, SAMPLES["image/png"], "image/png", "a.png")).statusCode, 404);
    const anonymous = await t.app.inject({ method: "POST", url: `/api/people/${tech.id}/evidence`, headers: { "content-type": "image/png" }, payload: Buffer.from(SAMPLES["image/png"]) });
    assert.equal(anonymous.statusCode, 401);
    const withoutCsrf = await t.app.inject({ method: "POST", url: `/api/people/${tech.id}/evidence`, headers: { "content-type": "image/png", cookie: technician.cookie }, payload: Buffer.from(SAMPLES["image/png"]) });
    assert.equal(withoutCsrf.statusCode, 403);
    assert.equal(withoutCsrf.json().error.code, "CSRF_TOKEN_INVALID");
  });

  it("refuses a file whose bytes are not of the declared kind, a kind not taken, an empty one and one over 10 MB", async () => {
    const mislabelled = await upload(technician, tech.id, SAMPLES["application/pdf"], "image/png", "card.png");
    assert.equal(mislabelled.statusCode, 400);
    assert.equal(mislabelled.json().error.code, "VALIDATION_FAILED");
    assert.deepEqual(mislabelled.json().error.fields, [{ field: "file", message: "is a PDF file, not a PNG as it was sent" }]);
    const renamed = await upload(technician, tech.id, Buffer.from("MZ\x90\x00 not an image"), "image/jpeg", "card.jpg");
    assert.equal(renamed.statusCode, 400);
    assert.match(renamed.json().error.fields[0].message, /is not a JPEG file/);

    const text = await upload(technician, tech.id, Buffer.from("hello"), "text/plain", "notes.txt");
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().error.code, "UNSUPPORTED_MEDIA_TYPE");
    assert.equal(text.json().error.fields[0].field, "file");
    const json = await technician.post(`/api/people/${tech.id}/evidence`, { file: "x" });
    assert.equal(json.statusCode, 415);
    const empty = await upload(technician, tech.id, Buffer.alloc(0), "image/png", "empty.png");
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.fields[0].field, "file");

    const tooLarge = Buffer.concat([Buffer.from(SAMPLES["image/png"]), Buffer.alloc(MAX_EVIDENCE_BYTES + 1 - SAMPLES["image/png"].byteLength)]);
    const large = await upload(technician, tech.id, tooLarge, "image/png", "huge.png");
    assert.equal(large.statusCode, 413);
    assert.equal(large.json().error.code, "PAYLOAD_TOO_LARGE");
    assert.match(large.json().error.message, /at most 10 MB/);
    const largest = await upload(technician, tech.id, tooLarge.subarray(0, MAX_EVIDENCE_BYTES), "image/png", "largest.png");
    assert.equal(largest.statusCode, 201, "exactly 10 MB is taken");
    assert.equal(largest.json().sizeBytes, MAX_EVIDENCE_BYTES);
    const bigJson = await manager.post(`/api/people/${tech.id}/certifications`, { certificationCode: "cpr-bls", earnedOn: "2026-01-01", number: "x".repeat(2 * 1024 * 1024) });
    assert.equal(bigJson.statusCode, 413, "other routes keep the 1 MB limit");
  });

  it("a sign-off carries the evidence file of the same person, and the ladder links it", async () => {
    const scan = (await upload(pharmacist, tech.id, SAMPLES["application/pdf"], "application/pdf", "GFT results.pdf")).json();
    const foreign = (await upload(peer, peerPerson.id, SAMPLES["image/png"], "image/png", "mine.png")).json();
    const body = { personId: tech.id, competencyCode: "sterile-garbing-hand-hygiene", proficiency: 3, password: TEST_PASSWORD };
    const wrongPerson = await pharmacist.post("/api/ladder/signoffs", { ...body, evidenceFileId: foreign.id });
    assert.equal(wrongPerson.statusCode, 400);
    assert.deepEqual(wrongPerson.json().error.fields, [{ field: "evidenceFileId", message: "is not a file uploaded for this person" }]);
    assert.equal((await pharmacist.post("/api/ladder/signoffs", { ...body, evidenceFileId: "00000000-0000-4000-8000-000000000000" })).statusCode, 400);
    const signed = await pharmacist.post("/api/ladder/signoffs", { ...body, evidenceFileId: scan.id, evidenceNote: "GFT 0 CFU" });
    assert.equal(signed.statusCode, 201, signed.body);

    const detail = (await pharmacist.get(`/api/ladder/people/${tech.id}/competencies/sterile-garbing-hand-hygiene`)).json();
    assert.deepEqual(detail.signoffs[0].evidenceFile, { id: scan.id, fileName: "GFT results.pdf" });
    const ladder = (await manager.get(`/api/ladder/people/${tech.id}`)).json();
    assert.deepEqual(ladder.competencies.find((c: { code: string }) => c.code === "sterile-garbing-hand-hygiene").evidenceFile, { id: scan.id, fileName: "GFT results.pdf" });
    assert.equal(ladder.competencies.find((c: { code: string }) => c.code === "lasa-safety").evidenceFile, null);
    const entries = (await admin.get("/api/audit?entityType=competency_signoff")).json().items;
    assert.equal(entries[0].after.evidenceFileId, scan.id);
  });

  it("a credential carries a copy when recorded, and one can be attached, replaced or removed later", async () => {
    const recorded = await manager.post(`/api/people/${tech.id}/certifications`, { certificationCode: "ptcb-cpht", number: "123456", earnedOn: "2026-05-20", evidenceFileId: png.id });
    assert.equal(recorded.statusCode, 201, recorded.body);
    assert.deepEqual(recorded.json().evidenceFile, { id: png.id, fileName: png.fileName });
    const ladder = (await technician.get(`/api/ladder/people/${tech.id}`)).json();
    assert.deepEqual(ladder.certifications.find((c: { id: string }) => c.id === recorded.json().id).evidenceFile, { id: png.id, fileName: png.fileName });
    assert.equal(ladder.permissions.canRecordEvidence, true);

    const foreign = (await upload(peer, peerPerson.id, SAMPLES["image/png"], "image/png", "mine.png")).json();
    const refused = await manager.post(`/api/people/${tech.id}/certifications`, { certificationCode: "cpr-bls", earnedOn: "2026-01-01", evidenceFileId: foreign.id });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.fields[0].field, "evidenceFileId");

    const bare = (await technician.post(`/api/people/${tech.id}/certifications`, { certificationCode: "cpr-bls", earnedOn: "2026-01-01" })).json();
    assert.equal(bare.evidenceFile, null);
    const card = (await upload(technician, tech.id, SAMPLES["image/jpeg"], "image/jpeg", "BLS card.jpg")).json();
    const attached = await technician.patch(`/api/certifications/${bare.id}`, { evidenceFileId: card.id });
    assert.equal(attached.statusCode, 200, attached.body);
    assert.deepEqual(attached.json().evidenceFile, { id: card.id, fileName: "BLS card.jpg" });
    assert.equal((await technician.patch(`/api/certifications/${bare.id}`, { evidenceFileId: foreign.id })).statusCode, 400);
    assert.equal((await peer.patch(`/api/certifications/${bare.id}`, { evidenceFileId: card.id })).statusCode, 403);
    assert.equal((await otherAdmin.patch(`/api/certifications/${bare.id}`, { evidenceFileId: null })).statusCode, 404);
    assert.equal((await technician.patch(`/api/certifications/${bare.id}`, { evidenceFileId: null })).json().evidenceFile, null);
    const actions = (await admin.get(`/api/audit?entityType=certification_holding&entityId=${bare.id}`)).json().items.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, ["certification.evidence_changed", "certification.evidence_changed", "certification.recorded"]);
  });

  it("is in the OpenAPI document with the file kinds it takes", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    const post = doc.paths["/api/people/{id}/evidence"].post;
    assert.deepEqual(Object.keys(post.requestBody.content), ["application/pdf", "image/jpeg", "image/png", "image/heic", "image/webp"]);
    assert.ok(post.parameters.some((p: { in: string; name: string }) => p.in === "header" && p.name === "x-file-name"));
    assert.ok(doc.paths["/api/evidence/{id}"].get);
    assert.ok(doc.paths["/api/certifications/{id}"].patch.requestBody.content["application/json"].schema.properties.evidenceFileId);
  });
});
