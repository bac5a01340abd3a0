import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { openCliWorkspace, type CliWorkspace } from "../../test/cli.ts";
import { buildOrganization, buildPerson } from "../../test/factories.ts";

describe("rxladder plan (command line)", () => {
  let tmp: string;
  let cli: CliWorkspace;
  let slug: string;
  let lapsed: { first_name: string; last_name: string };

  const run = (args: string[]) => cli.run(args);

  before(async () => {
    cli = await openCliWorkspace("rxladder-plan-cli-");
    tmp = cli.tmp;
    const handle = cli.handle;
    const org = await buildOrganization(handle.db);
    slug = org.slug;
    const assessor = await buildPerson(handle.db, org, { role: "pharmacist", withAccount: false });
    const filler = await buildPerson(handle.db, org, { withAccount: false });
    const entry = await buildPerson(handle.db, org, { withAccount: false });
    lapsed = entry;
    const signOff = (personId: string, competency: string, validUntil: string | null = null) => ({
      org_id: org.id, person_id: personId, competency_code: competency, proficiency: 3, assessor_id: assessor.id, assessor_role: "pharmacist",
      signed_at: new Date("2026-01-10T15:00:00Z"), valid_until: validUntil, signature: "0".repeat(64), framework_version: 1,
    });
    await handle.db.insertInto("competency_signoffs").values([
      signOff(filler.id, "prescription-filling"), signOff(filler.id, "lasa-safety"),
      signOff(entry.id, "order-entry", "2026-12-08"), signOff(entry.id, "prescription-intake"),
    ]).execute();
    await cli.release();
  });

  after(() => cli.dispose());

  it("prints the plan by day, shift and station, then each shortfall with its reasons", async () => {
    const result = await run(["plan", "--org", slug, "--site", "S1", "--weeks", "1", "--start", "2026-12-07"]);
    assert.equal(result.code, 0, result.stderr);
    const out = result.stdout;
    assert.match(out, /^Plan for S1 \(Site 1\), 2026-12-07 to 2026-12-13: optimal, objective [\d.]+, bound [\d.]+; \d+ assignments for 2 people; \d+ ms/);
    assert.match(out, /\nMon 2026-12-07\n {2}1st shift 07:00–15:00\n {4}Prescription filling: /);
    assert.match(out, /\nShortfalls \(\d+\):\n/);
    assert.match(out, /nobody qualified for Immunization station on Mon 2026-12-07 Midday peak/);
    assert.ok(out.includes(`Order entry on Wed 2026-12-09 1st shift: 1 of 1 short: ${lapsed.first_name} ${lapsed.last_name}'s Prescription order entry at Independent (3) expired on 2026-12-08`) || out.includes(`nobody qualified for Order entry on Wed 2026-12-09 1st shift: ${lapsed.first_name} ${lapsed.last_name}'s Prescription order entry at Independent (3) expired on 2026-12-08`), out);
  });

  it("refuses a start that is not a Monday and an unknown site", async () => {
    const tuesday = await run(["plan", "--org", slug, "--site", "S1", "--start", "2026-12-08"]);
    assert.notEqual(tuesday.code, 0);
    assert.match(tuesday.stderr, /--start must be a Monday/);
    const weeks = await run(["plan", "--org", slug, "--site", "S1", "--start", "2026-12-07", "--weeks", "6"]);
    assert.match(weeks.stderr, /--weeks must be 1 to 4/);
    const site = await run(["plan", "--org", slug, "--site", "NOPE"]);
    assert.notEqual(site.code, 0);
    assert.match(site.stderr, /No site NOPE/);
  });
});
