import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseUan, type UanError, type UanResult } from "./uan.ts";

function errorsOf(result: UanResult): UanError[] {
  assert.equal(result.ok, false, "expected the UAN to be refused");
  return (result as { errors: UanError[] }).errors;
}

function valueOf(result: UanResult) {
  assert.ok(result.ok, `expected the UAN to parse: ${JSON.stringify(result)}`);
  return result.value;
}

describe("ACPE UAN parser", () => {
  it("reads 0175-0000-14-105-L05-T: sole provider 0175, released 2014, live, patient safety, for technicians", () => {
    assert.deepEqual(valueOf(parseUan("0175-0000-14-105-L05-T")), {
      uan: "0175-0000-14-105-L05-T",
      providerNumber: "0175",
      providership: "sole",
      releaseYear: 2014,
      sequence: "105",
      format: "live",
      topic: "05",
      topicName: "Patient safety",
      audience: "technician",
      unconfirmed: [],
    });
  });

  it("reads a joint-providership home-study law activity for pharmacists", () => {
    const value = valueOf(parseUan("0204-9999-24-011-H03-P"));
    assert.equal(value.providership, "joint");
    assert.equal(value.format, "home-study");
    assert.equal(value.topic, "03");
    assert.equal(value.topicName, "Law related to pharmacy practice");
    assert.equal(value.audience, "pharmacist");
    assert.equal(value.releaseYear, 2024);
  });

  it("accepts the 17 characters without dashes, lower case, spaces and typographic dashes, and normalizes them", () => {
    for (const input of ["0175000014105L05T", " 0175-0000-14-105-l05-t ", "0175–0000–14–105–L05–T", "0175 - 0000 - 14 - 105 - L05 - T"]) {
      assert.equal(valueOf(parseUan(input)).uan, "0175-0000-14-105-L05-T", input);
    }
  });

  it("names every topic designator 01–08, and says that 06–08 and format B are not confirmed", () => {
    const names = ["01", "02", "03", "04", "05", "06", "07", "08"].map((t) => valueOf(parseUan(`0001-0000-20-001-L${t}-T`)).topicName);
    assert.deepEqual(names, [
      "Disease-state management / drug therapy",
      "HIV/AIDS therapy",
      "Law related to pharmacy practice",
      "General pharmacy",
      "Patient safety",
      "Immunizations",
      "Compounding",
      "Pain management / opioids",
    ]);
    assert.deepEqual(valueOf(parseUan("0001-0000-20-001-L06-T")).unconfirmed, ["topic designator 06 (Immunizations)"]);
    const blended = valueOf(parseUan("0001-0000-20-001-B04-T"));
    assert.equal(blended.format, "blended");
    assert.deepEqual(blended.unconfirmed, ["activity type B (blended)"]);
  });

  it("refuses the (verify) parts when the organization turned them off, saying so", () => {
    const [format] = errorsOf(parseUan("0001-0000-20-001-B04-T", { acceptBlended: false }));
    assert.equal(format.segment, "format");
    assert.match(format.message, /must be L \(live\), H \(home study\); "B" is not \(blended is turned off/);
    const [topic] = errorsOf(parseUan("0001-0000-20-001-L07-T", { acceptExtendedTopics: false }));
    assert.equal(topic.segment, "topic");
    assert.match(topic.message, /must be 01–05; "07" is not \(06–08 are turned off/);
  });

  const invalid: [string, string, string, RegExp][] = [
    ["017-0000-14-105-L05-T", "provider", "017", /provider number \(1st part\) must be 4 digits; "017" is not/],
    ["01A5-0000-14-105-L05-T", "provider", "01A5", /4 digits/],
    ["0175-1234-14-105-L05-T", "providership", "1234", /must be 0000 \(sole provider\) or 9999 \(joint providership\); "1234" is neither/],
    ["0175-0000-2014-105-L05-T", "year", "2014", /release year \(3rd part\) must be 2 digits/],
    ["0175-0000-14-15-L05-T", "sequence", "15", /sequence number \(4th part\) must be 3 digits; "15" is not/],
    ["0175-0000-14-105-X05-T", "format", "X", /activity type \(5th part\) must be L \(live\), H \(home study\), B \(blended\); "X" is not/],
    ["0175-0000-14-105-L5-T", "format", "L5", /one letter and 2 digits, like L05; "L5" is not/],
    ["0175-0000-14-105-L09-T", "topic", "09", /topic designator \(5th part, after the letter\) must be 01–08; "09" is not/],
    ["0175-0000-14-105-L00-T", "topic", "00", /"00" is not/],
    ["0175-0000-14-105-L05-Q", "audience", "Q", /audience \(6th part\) must be P \(pharmacist\) or T \(technician\); "Q" is neither/],
    ["0175-0000-14-105-L05", "uan", "0175-0000-14-105-L05", /has 5 parts separated by dashes; a UAN has 6/],
    ["0175000014105L05", "uan", "0175000014105L05", /has 16 characters without dashes; a UAN has 17/],
  ];
  for (const [input, segment, value, message] of invalid) {
    it(`refuses ${input}, naming the ${segment} segment`, () => {
      const errors = errorsOf(parseUan(input));
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0].segment, segment);
      assert.equal(errors[0].value, value);
      assert.match(errors[0].message, message);
    });
  }

  it("reports every bad segment at once, in order", () => {
    const errors = errorsOf(parseUan("ABCD-1111-1X-10-Z99-Q"));
    assert.deepEqual(errors.map((e) => e.segment), ["provider", "providership", "year", "sequence", "format", "topic", "audience"]);
  });

  it("says what a UAN looks like when given nothing", () => {
    const [error] = errorsOf(parseUan("   "));
    assert.equal(error.segment, "uan");
    assert.match(error.message, /is empty; a UAN looks like PPPP-JJJJ-YY-NNN-XTT-A, for example 0175-0000-14-105-L05-T/);
  });
});
