import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { can, canRoute, rosterScope, type Actor } from "./policy.ts";

const actor = (role: Actor["role"], extra: Partial<Actor> = {}): Actor => ({
  accountId: "acc",
  personId: "me",
  orgId: "org1",
  orgSlug: "org",
  role,
  name: "A",
  email: "a@x",
  homeSiteId: "site1",
  managedSiteIds: role === "manager" ? ["site1"] : [],
  ...extra,
});
const person = (extra: Partial<{ id: string; orgId: string; siteId: string }> = {}) => ({ id: "other", orgId: "org1", siteId: "site1", ...extra });

describe("policy", () => {
  it("a technician sees only their own record", () => {
    assert.ok(can(actor("technician"), "person.read", person({ id: "me" })));
    assert.ok(!can(actor("technician"), "person.read", person()));
    assert.deepEqual(rosterScope(actor("technician")), { kind: "self", personId: "me" });
    assert.ok(!can(actor("technician"), "person.write", person({ id: "me" })));
  });

  it("a manager sees and edits only their sites", () => {
    assert.ok(can(actor("manager"), "person.write", person()));
    assert.ok(!can(actor("manager"), "person.read", person({ siteId: "site2" })));
    assert.ok(!can(actor("manager"), "person.readHistory", person({ siteId: "site2" })));
    assert.deepEqual(rosterScope(actor("manager")), { kind: "sites", siteIds: ["site1"] });
  });

  it("a pharmacist reads their site's directory but not HR history", () => {
    assert.ok(can(actor("pharmacist"), "person.read", person()));
    assert.ok(!can(actor("pharmacist"), "person.readHistory", person()));
    assert.ok(!can(actor("pharmacist"), "person.write", person()));
  });

  it("nobody reaches another organization, not even an admin", () => {
    for (const role of ["technician", "mentor", "pharmacist", "manager", "admin"] as const) {
      assert.ok(!can(actor(role), "person.read", person({ orgId: "org2", id: "me" })), role);
      assert.ok(!can(actor(role), "person.write", person({ orgId: "org2" })), role);
      assert.ok(!can(actor(role), "person.recordEvidence", person({ orgId: "org2", id: "me" })), role);
    }
  });

  it("evidence: the person, an assessor at their site, their site's manager or an admin records it", () => {
    assert.ok(can(actor("technician"), "person.recordEvidence", person({ id: "me" })));
    assert.ok(!can(actor("technician"), "person.recordEvidence", person({ siteId: "site2" })));
    assert.ok(can(actor("mentor"), "person.recordEvidence", person()));
    assert.ok(can(actor("pharmacist"), "person.recordEvidence", person()));
    assert.ok(!can(actor("pharmacist"), "person.recordEvidence", person({ siteId: "site2" })));
    assert.ok(can(actor("manager", { homeSiteId: "site9", managedSiteIds: ["site2"] }), "person.recordEvidence", person({ siteId: "site2" })));
    assert.ok(!can(actor("manager"), "person.recordEvidence", person({ siteId: "site2" })));
    assert.ok(can(actor("admin"), "person.recordEvidence", person({ siteId: "site2" })));
  });

  it("route policies: imports and audit are for admins", () => {
    assert.ok(canRoute(actor("admin"), "roster.import"));
    assert.ok(!canRoute(actor("manager"), "roster.import"));
    assert.ok(canRoute(actor("manager"), "roster.export"));
    assert.ok(!canRoute(actor("technician"), "roster.export"));
    assert.ok(!canRoute(actor("manager"), "audit.read"));
  });
});
