import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkCeHeader, normalizeHeader, readCeRow } from "./ce-csv.rules.ts";
import { validateCeRecord, type CeRecordDraft } from "./ce-record.rules.ts";

const TODAY = "2026-06-15";
const base: CeRecordDraft = { title: "Law update", completedOn: "2025-03-14", hours: 1.5 };

function errors(draft: CeRecordDraft, options = {}) {
  return validateCeRecord({ ...base, ...draft }, TODAY, options).errors.map((e) => `${e.field}: ${e.message}`);
}

describe("validating a CE record", () => {
  it("a UAN gives the activity type, format, topic, audience and the categories of its topic", () => {
    const { value } = validateCeRecord({ ...base, uan: "0175-0000-24-105-l03-t" }, TODAY);
    assert.deepEqual(value, {
      title: "Law update",
      provider: null,
      uan: "0175-0000-24-105-L03-T",
      completedOn: "2025-03-14",
      hours: 1.5,
      activityType: "acpe",
      topic: "03",
      format: "live",
      audience: "technician",
      categories: ["law"],
    });
  });

  it("refuses details that contradict the UAN, naming each field", () => {
    assert.deepEqual(errors({ uan: "0175-0000-24-105-L03-T", format: "home-study", audience: "pharmacist", topic: "05", activityType: "college-course" }), [
      "activityType: is college-course, but an activity with a UAN is ACPE-accredited",
      "format: is home-study, but the UAN says live",
      "audience: is pharmacist, but the UAN says technician",
      "topic: is 05, but the UAN says 03",
    ]);
  });

  it("passes on the parser's errors under uan", () => {
    assert.deepEqual(errors({ uan: "0175-1234-24-105-L03-T" }), ['uan: the 2nd part must be 0000 (sole provider) or 9999 (joint providership); "1234" is neither']);
  });

  it("an activity can be claimed from its release year to three years later", () => {
    assert.deepEqual(errors({ uan: "0175-0000-14-105-L05-T", completedOn: "2013-12-31" }), ["completedOn: is before the activity was released (2014, from the UAN)"]);
    assert.deepEqual(errors({ uan: "0175-0000-14-105-L05-T", completedOn: "2017-12-31" }), []);
    assert.match(errors({ uan: "0175-0000-14-105-L05-T", completedOn: "2018-01-01" })[0], /^completedOn: is more than 3 years after the activity was released \(2014/);
  });

  it("an ACPE activity needs its UAN; other CE is recorded by hand with optional details", () => {
    assert.deepEqual(errors({ activityType: "acpe" }), ["uan: is required for an ACPE-accredited activity (it is on the certificate and in CPE Monitor)"]);
    const { value } = validateCeRecord({ ...base, activityType: "college course", topic: "3", format: "L", audience: "t", categories: ["Medication errors"] }, TODAY);
    assert.equal(value?.activityType, "college-course");
    assert.equal(value?.topic, "03");
    assert.equal(value?.format, "live");
    assert.equal(value?.audience, "technician");
    assert.deepEqual(value?.categories, ["law", "medication-errors"]);
    assert.equal(validateCeRecord(base, TODAY).value?.activityType, "other");
  });

  it("law and patient safety come from the topic when there is one; without a topic they are flagged by hand", () => {
    assert.deepEqual(errors({ uan: "0175-0000-24-105-L04-T", categories: ["law"] }), ["categories: law comes from topic designator 03; this activity's topic is 04"]);
    assert.deepEqual(validateCeRecord({ ...base, categories: ["law", "patient-safety"] }, TODAY).value?.categories, ["law", "patient-safety"]);
    assert.deepEqual(errors({ categories: ["astrology"] }), ['categories: "astrology" is not one of law, patient-safety, immunization, hiv-aids, medication-errors, compounding, opioids']);
  });

  it("checks the title, date and hours", () => {
    assert.deepEqual(errors({ title: " ", completedOn: "2026-06-16", hours: 0 }), ["title: is required", "completedOn: is in the future (today is 2026-06-15)", 'hours: must be a number of hours above 0; "0" is not']);
    assert.deepEqual(errors({ completedOn: "2025-02-30" }), ['completedOn: "2025-02-30" is not a date (use YYYY-MM-DD)']);
    assert.deepEqual(errors({ hours: 1.255 }), ["hours: can have at most 2 decimals"]);
    assert.deepEqual(errors({ hours: 101 }), ["hours: must be at most 100"]);
    assert.equal(validateCeRecord({ ...base, completedOn: "3/14/2025", hours: "0.75" }, TODAY).value?.completedOn, "2025-03-14");
  });
});

describe("the CE import file", () => {
  it("takes CPE Monitor-style names for its columns", () => {
    assert.deepEqual(["Employee ID", "Activity Title", "Provider", "UAN", "Date of Participation", "Credit Hours", "CEUs"].map(normalizeHeader), [
      "employee_id",
      "activity_title",
      "provider_name",
      "uan",
      "completion_date",
      "contact_hours",
      "ceus",
    ]);
  });

  it("reports unknown, repeated and missing columns on row 1", () => {
    assert.deepEqual(checkCeHeader(["activity_title", "activity_title", "notes"]).map((e) => [e.row, e.field, e.message]), [
      [1, "activity_title", 'column "activity_title" appears twice'],
      [1, "notes", 'unknown column "notes"; expected employee_id, email, activity_title, provider_name, uan, completion_date, contact_hours, ceus, activity_type, topic, format, audience, categories'],
      [1, "completion_date", 'required column "completion_date" is missing'],
      [1, "employee_id", 'a column "employee_id" or "email" is needed to say whose record each row is'],
      [1, "contact_hours", 'a column "contact_hours" or "ceus" is needed'],
    ]);
  });

  it("turns CEUs into contact hours (0.1 CEU = 1 hour) and checks both when both are given", () => {
    assert.equal(readCeRow({ employee_id: "E1", ceus: "0.15", activity_title: "x", completion_date: "2025-01-01" }, 2).draft.hours, 1.5);
    const both = readCeRow({ employee_id: "E1", contact_hours: "2", ceus: "0.1", activity_title: "x", completion_date: "2025-01-01" }, 3);
    assert.deepEqual(both.errors, [{ row: 3, field: "ceus", message: "0.1 CEUs are 1 contact hours; contact_hours says 2" }]);
    assert.deepEqual(readCeRow({ email: "", activity_title: "x" }, 4).errors, [{ row: 4, field: "email", message: "is required: whose record is this?" }]);
  });
});
