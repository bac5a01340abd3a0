import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyEmploymentEvent, checkRosterHeader, impliedEmploymentEvents, parseRosterRow, rosterRowToPersonFields } from "./roster.rules.ts";

const valid = { employee_id: "E1", first_name: "Maria", last_name: "Lopez", email: "Maria@Example.com", site: "OH-1", hire_date: "2024-03-18" };

describe("roster rows", () => {
  it("accepts a minimal row with defaults", () => {
    const { value, errors } = parseRosterRow(valid, 2);
    assert.deepEqual(errors, []);
    assert.equal(value?.email, "maria@example.com");
    assert.equal(value?.role, "technician");
    assert.equal(value?.status, "active");
  });

  it("names every bad field with its row", () => {
    const { value, errors } = parseRosterRow({ ...valid, email: "not-mail", hire_date: "2024-02-30", role: "boss" }, 7);
    assert.equal(value, undefined);
    assert.deepEqual(errors.map((e) => [e.row, e.field]), [[7, "email"], [7, "hire_date"], [7, "role"]]);
  });

  it("requires separation details for separated people and the right reason type", () => {
    const missing = parseRosterRow({ ...valid, status: "separated" }, 3).errors.map((e) => e.field);
    assert.deepEqual(missing, ["separation_date", "separation_type"]);
    const wrongType = parseRosterRow({ ...valid, separation_date: "2025-01-10", separation_type: "voluntary", separation_reason: "attendance" }, 3).errors;
    assert.equal(wrongType[0].field, "separation_reason");
    const early = parseRosterRow({ ...valid, separation_date: "2024-01-01", separation_type: "voluntary" }, 3).errors;
    assert.equal(early[0].message, "is before the hire date");
    const ok = parseRosterRow({ ...valid, separation_date: "2025-01-10", separation_type: "voluntary", separation_reason: "career_path" }, 3);
    assert.equal(ok.value?.status, "separated");
  });

  it("refuses separation fields on active people", () => {
    const { errors } = parseRosterRow({ ...valid, status: "active", separation_type: "voluntary" }, 4);
    assert.equal(errors[0].field, "separation_type");
  });

  it("checks the header for missing, unknown and repeated columns", () => {
    const errors = checkRosterHeader(["employee_id", "first_name", "email", "email", "nickname", "site", "hire_date"]);
    assert.deepEqual(errors.map((e) => e.field).sort(), ["email", "last_name", "nickname"]);
  });
});

describe("employment events", () => {
  const person = { status: "active" as const, siteId: "a", hireDate: "2024-01-01", separationDate: null };

  it("a separation needs a type and a matching reason", () => {
    assert.equal(applyEmploymentEvent(person, { kind: "separation", effectiveDate: "2025-01-01" }).errors[0].field, "separationType");
    assert.equal(applyEmploymentEvent(person, { kind: "separation", effectiveDate: "2025-01-01", separationType: "involuntary", reasonCode: "pay" }).errors[0].field, "reasonCode");
    const { changes } = applyEmploymentEvent(person, { kind: "separation", effectiveDate: "2025-01-01", separationType: "voluntary", reasonCode: "pay" });
    assert.deepEqual(changes, { status: "separated", separation_date: "2025-01-01", separation_type: "voluntary", separation_reason: "pay" });
  });

  it("follows the status: leave only when active, return only from leave, rehire only after separation", () => {
    assert.ok(applyEmploymentEvent(person, { kind: "return", effectiveDate: "2025-01-01" }).errors.length);
    assert.deepEqual(applyEmploymentEvent(person, { kind: "leave", effectiveDate: "2025-01-01" }).changes, { status: "leave" });
    assert.deepEqual(applyEmploymentEvent({ ...person, status: "leave" }, { kind: "return", effectiveDate: "2025-02-01" }).changes, { status: "active" });
    assert.ok(applyEmploymentEvent(person, { kind: "rehire", effectiveDate: "2025-01-01" }).errors.length);
    const separated = { ...person, status: "separated" as const, separationDate: "2025-01-01" };
    assert.equal(applyEmploymentEvent(separated, { kind: "rehire", effectiveDate: "2025-01-01" }).errors[0].field, "effectiveDate");
    assert.equal(applyEmploymentEvent(separated, { kind: "rehire", effectiveDate: "2025-06-01" }).changes?.hire_date, "2025-06-01");
  });

  it("a transfer needs another site, and no event predates the hire", () => {
    assert.equal(applyEmploymentEvent(person, { kind: "transfer", effectiveDate: "2025-01-01", siteId: "a" }).errors[0].field, "siteId");
    assert.equal(applyEmploymentEvent(person, { kind: "transfer", effectiveDate: "2023-01-01", siteId: "b" }).errors[0].field, "effectiveDate");
  });

  it("derives the events of a roster change", () => {
    const row = parseRosterRow(valid, 2).value!;
    const before = rosterRowToPersonFields(row, "site-a");
    assert.deepEqual(impliedEmploymentEvents(undefined, before, "2026-01-01").map((e) => e.kind), ["hire"]);
    assert.deepEqual(impliedEmploymentEvents(before, { ...before, site_id: "site-b" }, "2026-01-01").map((e) => e.kind), ["transfer"]);
    const separated = { ...before, status: "separated" as const, separation_date: "2025-05-01", separation_type: "voluntary" as const, separation_reason: "pay" };
    assert.deepEqual(impliedEmploymentEvents(before, separated, "2026-01-01").map((e) => e.kind), ["separation"]);
    assert.deepEqual(impliedEmploymentEvents(separated, { ...before, hire_date: "2025-09-01" }, "2026-01-01").map((e) => e.kind), ["rehire"]);
    assert.deepEqual(impliedEmploymentEvents(before, before, "2026-01-01"), []);
  });
});
