import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { addDays, compareDates } from "../../lib/dates.ts";
import { DEFAULT_FRAMEWORK } from "../ladder/default-framework.ts";
import { TRAINING_CATALOG } from "./catalog.ts";
import {
  answeringCompletion,
  assignmentDateProblems,
  assignmentStatus,
  completionExpiry,
  completionState,
  coverage,
  moduleProgress,
  personalWindow,
  type AssignmentFact,
  type CompletionFact,
  type MemberFacts,
} from "./training.rules.ts";

const assignment = (over: Partial<AssignmentFact> = {}): AssignmentFact => ({
  id: "a1",
  programId: "p-hipaa",
  kind: "training",
  target: { kind: "site", siteId: "s1" },
  assignedOn: "2026-01-31",
  dueOn: "2026-02-28",
  startsOn: null,
  endsOn: null,
  ...over,
});
const member = (over: Partial<MemberFacts> = {}): MemberFacts => ({ personId: "x", siteId: "s1", role: "technician", status: "active", joinedSiteOn: "2025-03-01", levels: [], ...over });
const done = (completedOn: string, expiresOn: string | null = null, over: Partial<CompletionFact> = {}): CompletionFact => ({ id: `c-${completedOn}`, programId: "p-hipaa", assignmentId: null, completedOn, expiresOn, ...over });
const status = (a: AssignmentFact, today: string, completions: CompletionFact[] = [], startedOn: string | null = null, since = a.assignedOn) => assignmentStatus(a, since, { completions, startedOn }, today);

describe("assignment status across due dates", () => {
  it("is assigned until the due date (inclusive) and overdue the day after, at a month end", () => {
    const a = assignment();
    assert.equal(status(a, "2026-01-31").status, "assigned");
    assert.equal(status(a, "2026-02-28").status, "assigned");
    assert.equal(status(a, "2026-02-28").daysLeft, 0);
    const late = status(a, "2026-03-01");
    assert.equal(late.status, "overdue");
    assert.equal(late.daysLeft, -1);
  });

  it("counts a due date of Feb 29 in a leap year to the day", () => {
    const a = assignment({ assignedOn: "2028-02-01", dueOn: "2028-02-29" });
    assert.equal(status(a, "2028-02-29").status, "assigned");
    assert.equal(status(a, "2028-03-01").status, "overdue");
    assert.equal(status(a, "2028-02-28").daysLeft, 1);
  });

  it("is in progress once started, overdue wins after the due date, and completed wins over both", () => {
    const a = assignment();
    assert.equal(status(a, "2026-02-10", [], "2026-02-05").status, "in-progress");
    assert.equal(status(a, "2026-02-04", [], "2026-02-05").status, "assigned", "a start recorded for a later day does not count yet");
    assert.equal(status(a, "2026-03-02", [], "2026-02-05").status, "overdue");
    const completed = status(a, "2026-03-02", [done("2026-03-01")], "2026-02-05");
    assert.equal(completed.status, "completed");
    assert.equal(completed.late, true, "completed after the due date");
    assert.equal(status(a, "2026-02-20", [done("2026-02-20")]).late, false);
  });

  it("does not count a completion dated after today, nor one of another program", () => {
    const a = assignment();
    assert.equal(status(a, "2026-02-10", [done("2026-02-11")]).status, "assigned");
    assert.equal(status(a, "2026-02-10", [done("2026-02-01", null, { programId: "p-other" })]).status, "assigned");
  });

  it("a learning week is in progress from its first day, overdue after its last, and completed only by a completion of that week", () => {
    const week = assignment({ kind: "learning-week", target: { kind: "person", personId: "x" }, assignedOn: "2026-06-01", startsOn: "2026-06-08", endsOn: "2026-06-12", dueOn: "2026-06-12" });
    assert.equal(status(week, "2026-06-07").status, "assigned");
    assert.equal(status(week, "2026-06-08").status, "in-progress");
    assert.equal(status(week, "2026-06-12").status, "in-progress");
    assert.equal(status(week, "2026-06-13").status, "overdue");
    assert.equal(status(week, "2026-06-13", [done("2026-05-01")]).status, "overdue", "an earlier completion of the program does not complete the rotation");
    assert.equal(status(week, "2026-06-13", [done("2026-06-12", null, { assignmentId: "a1" })]).status, "completed");
    assert.equal(status(week, "2026-06-13", [done("2026-06-10", null, { assignmentId: "other-week" })]).status, "overdue");
  });
});

describe("which completion answers an assignment", () => {
  const window = { assignedOn: "2026-06-01", dueOn: "2026-06-30" };
  it("takes one done in the window or later, and an earlier one only while it is still valid on the due date", () => {
    const a = assignment();
    assert.ok(answeringCompletion(a, window, [done("2026-06-02", "2027-06-02")], "2026-07-15"));
    assert.ok(answeringCompletion(a, window, [done("2026-07-10", "2027-07-10")], "2026-07-15"), "a late completion answers it");
    assert.ok(answeringCompletion(a, window, [done("2025-09-01", "2026-09-01")], "2026-06-15"), "a current annual training is not retaken early");
    assert.equal(answeringCompletion(a, window, [done("2025-06-15", "2026-06-15")], "2026-06-10"), undefined, "expires before the due date");
    assert.ok(answeringCompletion(a, window, [done("2020-01-01")], "2026-06-10"), "a training that never expires answers it whenever it was done");
  });

  it("picks the newest answering completion", () => {
    const answer = answeringCompletion(assignment(), window, [done("2026-06-02"), done("2026-06-20"), done("2026-06-10")], "2026-06-25");
    assert.equal(answer?.completedOn, "2026-06-20");
  });
});

describe("coverage of group assignments (evaluated on the day, never copied)", () => {
  it("a site assignment covers technicians and mentors at the site, not pharmacists, managers, other sites or people who left", () => {
    const a = assignment();
    assert.deepEqual(coverage(a, member(), "2026-02-01"), { since: "2025-03-01" });
    assert.deepEqual(coverage(a, member({ role: "mentor" }), "2026-02-01"), { since: "2025-03-01" });
    assert.equal(coverage(a, member({ role: "pharmacist" }), "2026-02-01"), null);
    assert.equal(coverage(a, member({ siteId: "s2" }), "2026-02-01"), null);
    assert.equal(coverage(a, member({ status: "separated" }), "2026-02-01"), null);
    assert.deepEqual(coverage(a, member({ status: "leave" }), "2026-02-01"), { since: "2025-03-01" });
  });

  it("a person assignment covers that person, whatever their role", () => {
    const a = assignment({ target: { kind: "person", personId: "x" } });
    assert.deepEqual(coverage(a, member({ role: "pharmacist" }), "2026-02-01"), { since: "2026-01-31" });
    assert.equal(coverage(a, member({ personId: "y" }), "2026-02-01"), null);
  });

  it("a level assignment covers whoever holds the level on the day, from the day they reached it", () => {
    const a = assignment({ target: { kind: "level", track: "core", level: "tech-3", siteId: null } });
    const promoted = member({ levels: [{ track: "core", level: "tech-2", startedOn: "2024-01-01", endedOn: "2026-03-01" }, { track: "core", level: "tech-3", startedOn: "2026-03-01", endedOn: null }] });
    assert.equal(coverage(a, promoted, "2026-02-28"), null, "not yet Tech III");
    assert.deepEqual(coverage(a, promoted, "2026-03-01"), { since: "2026-03-01" });
    const scoped = assignment({ target: { kind: "level", track: "core", level: "tech-3", siteId: "s2" } });
    assert.equal(coverage(scoped, promoted, "2026-03-05"), null, "limited to another site");
  });

  it("a track assignment covers anyone on the track, since they entered it", () => {
    const a = assignment({ target: { kind: "track", track: "clinical", siteId: null } });
    const m = member({ levels: [{ track: "clinical", level: "immunization-support", startedOn: "2025-05-01", endedOn: "2026-01-10" }, { track: "clinical", level: "health-screenings", startedOn: "2026-01-10", endedOn: null }] });
    assert.deepEqual(coverage(a, m, "2026-02-01"), { since: "2025-05-01" });
    assert.equal(coverage(a, member(), "2026-02-01"), null);
  });
});

describe("a newcomer's window", () => {
  it("keeps the assignment's window for people already in the group", () => {
    assert.deepEqual(personalWindow({ assignedOn: "2026-01-31", dueOn: "2026-02-28" }, "2025-03-01"), { assignedOn: "2026-01-31", dueOn: "2026-02-28" });
  });

  it("gives someone who joins later the same lead time from the day they joined, across a leap day", () => {
    assert.deepEqual(personalWindow({ assignedOn: "2028-01-31", dueOn: "2028-02-28" }, "2028-02-15"), { assignedOn: "2028-02-15", dueOn: "2028-03-14" });
    const a = assignment({ assignedOn: "2028-01-31", dueOn: "2028-02-28" });
    assert.equal(assignmentStatus(a, "2028-02-15", { completions: [], startedOn: null }, "2028-03-01").status, "assigned", "a newcomer is not overdue on the group's date");
  });

  it("never gives a newcomer a shorter window than the group had (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 365 }), fc.integer({ min: -400, max: 400 }), (start, lead, joinOffset) => {
        const assignedOn = addDays("2024-01-01", start);
        const dueOn = addDays(assignedOn, lead);
        const since = addDays(assignedOn, joinOffset);
        const w = personalWindow({ assignedOn, dueOn }, since);
        return compareDates(w.dueOn, dueOn) >= 0 && compareDates(w.assignedOn, assignedOn) >= 0 && compareDates(w.dueOn, w.assignedOn) >= 0;
      }),
    );
  });
});

describe("completion validity", () => {
  it("counts a recurring training's months from the completion day, with month ends and leap days clamped", () => {
    assert.equal(completionExpiry("2026-06-15", 12), "2027-06-15");
    assert.equal(completionExpiry("2024-02-29", 12), "2025-02-28");
    assert.equal(completionExpiry("2026-01-31", 1), "2026-02-28");
    assert.equal(completionExpiry("2027-08-31", 6), "2028-02-29");
    assert.equal(completionExpiry("2026-06-15", null), null);
  });

  it("is valid through the expiry date, expiring within 90 days of it, expired the day after", () => {
    assert.equal(completionState({ expiresOn: null }, "2030-01-01"), "valid");
    assert.equal(completionState({ expiresOn: "2026-12-31" }, "2026-10-01"), "valid");
    assert.equal(completionState({ expiresOn: "2026-12-31" }, "2026-10-02"), "expiring");
    assert.equal(completionState({ expiresOn: "2026-12-31" }, "2026-12-31"), "expiring");
    assert.equal(completionState({ expiresOn: "2026-12-31" }, "2027-01-01"), "expired");
  });
});

describe("assignment dates", () => {
  it("names the field that is wrong", () => {
    assert.deepEqual(assignmentDateProblems({ dueOn: "2026-06-14" }, "2026-06-15"), [{ field: "dueOn", message: "is in the past" }]);
    assert.deepEqual(assignmentDateProblems({ dueOn: "2026-06-15" }, "2026-06-15"), []);
    assert.deepEqual(assignmentDateProblems({ startsOn: "2026-06-10", endsOn: "2026-06-09" }, "2026-06-01"), [{ field: "endsOn", message: "is before the first day" }]);
    assert.equal(assignmentDateProblems({ startsOn: "2026-06-10", endsOn: "2026-12-09" }, "2026-06-01")[0].field, "endsOn");
  });
});

describe("the shipped catalog", () => {
  const codes = new Set(TRAINING_CATALOG.map((p) => p.code));

  it("has a program for every training the default framework requires, so requirements can be met", () => {
    const required = DEFAULT_FRAMEWORK.tracks.flatMap((t) => t.levels.flatMap((l) => l.requirements.flatMap((r) => (r.kind === "training" ? [r.training] : []))));
    assert.deepEqual([...new Set(required)].filter((code) => !codes.has(code)), []);
  });

  it("covers the brief's programs, each with a source and at least one module; codes are unique", () => {
    for (const code of ["immunization-support", "clia-waived-testing", "care-transitions", "usp-797-didactic", "usp-800-hazardous", "automation-system-training", "tech-check-tech-program", "specialty-pharmacy-orientation", "management-essentials"]) assert.ok(codes.has(code), code);
    assert.equal(codes.size, TRAINING_CATALOG.length);
    for (const p of TRAINING_CATALOG) {
      assert.ok(p.source.length > 10, p.code);
      assert.ok(p.modules.length >= 1, p.code);
      for (const m of p.modules) assert.ok((m.ceHours ?? 0) <= m.hours, `${p.code}: ${m.title}`);
    }
    const management = TRAINING_CATALOG.find((p) => p.code === "management-essentials")!;
    assert.deepEqual(management.modules.map((m) => m.title), ["Staff scheduling and workflow", "Communication and conflict resolution", "Inventory and vendor management", "Budgeting and operational metrics"]);
  });

  it("takes intervals only from domain-facts: USP <797> 12 months, USP <800> 12 months marked verify, nothing else", () => {
    const withValidity = TRAINING_CATALOG.filter((p) => p.validityMonths !== undefined).map((p) => [p.code, p.validityMonths, Boolean(p.validityVerify)]);
    assert.deepEqual(withValidity, [["usp-797-didactic", 12, false], ["usp-800-hazardous", 12, true]]);
  });
});

describe("module progress", () => {
  const modules = [{ id: "m1", title: "Garbing" }, { id: "m2", title: "Aseptic technique" }, { id: "m3", title: "Media fill" }];

  it("counts each module once, by its first completion in the round", () => {
    const progress = moduleProgress(modules, [{ moduleId: "m2", completedOn: "2026-03-04" }, { moduleId: "m2", completedOn: "2026-02-01" }, { moduleId: "m1", completedOn: "2026-02-10" }], null);
    assert.deepEqual([progress.completed, progress.total], [2, 3]);
    assert.deepEqual(progress.modules.map((m) => m.completedOn), ["2026-02-10", "2026-02-01", null]);
  });

  it("a new round starts the day after the program's last completion", () => {
    const done = [{ moduleId: "m1", completedOn: "2025-02-10" }, { moduleId: "m2", completedOn: "2025-02-11" }, { moduleId: "m3", completedOn: "2025-02-11" }, { moduleId: "m1", completedOn: "2026-02-12" }];
    const progress = moduleProgress(modules, done, "2025-02-11");
    assert.deepEqual([progress.completed, progress.total], [1, 3]);
    assert.equal(progress.modules[0].completedOn, "2026-02-12");
  });

  it("never counts more than the program's modules", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ moduleId: fc.constantFrom("m1", "m2", "m3", "gone"), completedOn: fc.constantFrom("2026-01-01", "2026-01-02", "2026-01-03") })), fc.option(fc.constant("2026-01-02"), { nil: null }), (done, last) => {
        const progress = moduleProgress(modules, done, last);
        return progress.completed <= progress.total && progress.total === 3 && progress.completed === progress.modules.filter((m) => m.completedOn !== null).length;
      }),
    );
  });
});
