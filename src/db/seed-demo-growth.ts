import { randomUUID } from "node:crypto";
import type { Tx } from "./database.ts";
import { addDays, addMonths, compareDates, endOfMonth, startOfMonth, type IsoDate } from "../lib/dates.ts";
import { Random } from "../lib/random.ts";
import { recordAudit, type AuditActor, type AuditInput } from "../modules/audit/index.ts";
import { averageRating, evaluationMonth, getEvaluationTemplate } from "../modules/evaluations/index.ts";
import { processIncentiveEvents } from "../modules/incentives/index.ts";
import { listKpiDefinitions } from "../modules/kpis/index.ts";
import { getPublishedFramework } from "../modules/ladder/framework.queries.ts";
import { ensureTrainingCatalog } from "../modules/training/index.ts";

const TECHNICIAN_EMAIL = "technician@demo.rxladder.test";
const MENTOR_EMAIL = "mentor@demo.rxladder.test";

/** Monthly evaluation comments by how the month went (average below 2.5, to 3.25, above). */
const COMMENTS = {
  low: ["Several corrections at verification this month; let's review the fill checklist together.", "Late to three shifts; talk to me before swapping."],
  mid: ["Solid month. Keep building speed at the fill station.", "Reliable and careful; take on more of the claims queue next month."],
  high: ["Excellent month: accurate, quick, and a help to newer colleagues.", "Led the cycle count without a discrepancy. Great work."],
};
const STRENGTHS = ["Accuracy at the fill station", "Calm and clear with patients at pickup", "Resolved rejected claims quickly", "Helped train a new colleague", "Kept the will-call area in order"];
const GOALS = ["Shadow the claims desk two shifts", "Finish the next ladder training", "Practise for the PTCE twice a week", "Lead one cycle count", "Cut near misses on own fills"];
const ACKNOWLEDGEMENTS = ["Thanks, agreed.", "Working on it.", null, "I'd like more time on the claims desk.", null];

/** KPI figures: a person's base level, the monthly improvement, the noise and the bounds, by code. */
const KPI_SHAPES: Record<string, { base: [number, number]; trend: number; noise: number; min: number; max: number; decimals: number }> = {
  "fill-rate": { base: [10, 15], trend: 0.15, noise: 0.8, min: 4, max: 30, decimals: 1 },
  "fill-accuracy": { base: [99.35, 99.85], trend: 0.015, noise: 0.08, min: 97, max: 100, decimals: 2 },
  "near-miss-rate": { base: [1.2, 3.2], trend: -0.06, noise: 0.3, min: 0.2, max: 8, decimals: 2 },
  "claims-resolved": { base: [88, 97], trend: 0.3, noise: 1.2, min: 70, max: 100, decimals: 1 },
  "inventory-accuracy": { base: [96.5, 99.2], trend: 0.08, noise: 0.4, min: 90, max: 100, decimals: 1 },
  attendance: { base: [94, 99.5], trend: 0.05, noise: 1, min: 80, max: 100, decimals: 1 },
};

const SESSION_TOPICS = [
  "Days-supply calculations for inhalers and eye drops",
  "Handling a rejected claim: prior authorization steps",
  "Preparing for the PTCE: federal law review",
  "Running a cycle count and fixing discrepancies",
  "Talking to an upset patient at pickup",
  "Planning the next ladder step",
  "Tech-check-tech: what the pharmacist validates",
];

/** An instant on a day at a UTC hour, never later than the seed's clock. */
const atHour = (day: IsoDate, hour: number, now: Date) => {
  const at = new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
  return at < now ? at : new Date(now.getTime() - 60_000);
};
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * What issue-5 pages show in the demo organization: monthly evaluations for the past six months
 * (older ones acknowledged; at Riverside everyone but Kevin is evaluated this month, so he is the
 * one due), twelve months of KPI figures per technician with a trend, imported month by month by
 * each site's manager; trainings completed and assigned (some overdue, some expiring); a Lead
 * technician who mentors without the mentor role; mentor pairings with sessions; incentive grants
 * from the ladder's milestones and reimbursement requests, one pending.
 *
 * Kevin keeps what the browser journeys start from: HIPAA training not started and nothing else
 * assigned, no mentor, due an evaluation this month. Deterministic (seeded) and written with bulk inserts.
 */
export async function seedDemoGrowth(tx: Tx, orgId: string, system: AuditActor, today: IsoDate, now: Date) {
  const rng = new Random(9120);
  const people = await tx
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.email", "p.role", "p.status", "p.hire_date", "p.first_name", "p.last_name", "p.site_id", "s.code as site_code", "s.time_zone"])
    .where("p.org_id", "=", orgId)
    .orderBy("p.employee_id")
    .execute();
  const managerSites = await tx.selectFrom("manager_sites as ms").innerJoin("people as p", "p.id", "ms.person_id").select(["ms.site_id", "ms.person_id"]).where("p.org_id", "=", orgId).execute();
  const managerOf = new Map(managerSites.map((m) => [m.site_id, m.person_id]));
  const admin = people.find((p) => p.role === "admin")!;
  const pharmacistOf = new Map<string, string>();
  for (const p of people) if (p.role === "pharmacist" && p.status === "active" && !pharmacistOf.has(p.site_id)) pharmacistOf.set(p.site_id, p.id);
  const growers = people.filter((p) => p.status === "active" && (p.role === "technician" || p.role === "mentor"));
  const kevin = growers.find((p) => p.email === TECHNICIAN_EMAIL);
  const audit: AuditInput[] = [];

  // --- A Lead technician (role technician) who mentors: the longest-serving Tech III at Riverside, promoted four months ago.
  const { definition: framework } = await getPublishedFramework(tx, orgId);
  const core = framework.tracks.find((t) => t.kind === "core")!;
  const levels = [...core.levels].sort((a, b) => a.rank - b.rank);
  const current = await tx.selectFrom("person_levels").select(["id", "person_id", "level_code", "started_on"]).where("org_id", "=", orgId).where("track_code", "=", core.code).where("ended_on", "is", null).execute();
  const levelOf = new Map(current.map((l) => [l.person_id, l]));
  const rankOf = (personId: string) => levels.find((l) => l.code === levelOf.get(personId)?.level_code)?.rank ?? 0;
  const leadLevel = levels[3];
  const leadStart = addMonths(today, -4);
  const leadCandidate = growers
    .filter((p) => p.role === "technician" && p.email !== TECHNICIAN_EMAIL && levelOf.get(p.id)?.level_code === levels[2]?.code && compareDates(levelOf.get(p.id)!.started_on, leadStart) < 0)
    .sort((a, b) => Number(b.site_code === "OH-101") - Number(a.site_code === "OH-101") || compareDates(a.hire_date, b.hire_date))[0];
  const events: { kind: string; person_id: string; payload: Record<string, unknown>; occurred_at: Date }[] = [];
  if (leadLevel && leadCandidate) {
    const row = levelOf.get(leadCandidate.id)!;
    await tx.updateTable("person_levels").set({ ended_on: leadStart }).where("id", "=", row.id).execute();
    await tx.insertInto("person_levels").values({ org_id: orgId, person_id: leadCandidate.id, track_code: core.code, level_code: leadLevel.code, started_on: leadStart, ended_on: null, created_at: now }).execute();
    levelOf.set(leadCandidate.id, { ...row, level_code: leadLevel.code, started_on: leadStart });
    audit.push({ entityType: "person", entityId: leadCandidate.id, action: "ladder.placed", after: { level: `${core.code}/${leadLevel.code}`, since: leadStart } });
  }

  // --- Milestones of the past year (levels reached, national certification) for the incentive ledger.
  const since = addMonths(today, -12);
  const recentLevels = await tx
    .selectFrom("person_levels as l")
    .innerJoin("people as p", "p.id", "l.person_id")
    .select(["l.person_id", "l.level_code", "l.started_on", "p.hire_date"])
    .where("l.org_id", "=", orgId)
    .where("p.status", "=", "active")
    .where("l.started_on", ">", since)
    .orderBy("l.started_on")
    .execute();
  for (const l of recentLevels) {
    if (l.started_on === l.hire_date) continue; // the level someone was hired at is no milestone
    events.push({ kind: "level.reached", person_id: l.person_id, payload: { track: core.code, level: l.level_code, effectiveDate: l.started_on }, occurred_at: atHour(l.started_on, 15, now) });
  }
  const certifications = await tx
    .selectFrom("certification_holdings as h")
    .innerJoin("people as p", "p.id", "h.person_id")
    .select(["h.id", "h.person_id", "h.earned_on"])
    .where("h.org_id", "=", orgId)
    .where("h.certification_code", "=", "ptcb-cpht")
    .where("p.status", "=", "active")
    .where("h.earned_on", ">", since)
    .where("h.earned_on", "<=", today)
    .execute();
  for (const c of certifications) {
    events.push({ kind: "certification.exam_passed", person_id: c.person_id, payload: { exam: "ptce", certification: "ptcb-cpht", holdingId: c.id, takenOn: c.earned_on }, occurred_at: atHour(c.earned_on, 15, now) });
  }
  events.sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime());
  if (events.length) await tx.insertInto("domain_events").values(events.map((e) => ({ org_id: orgId, kind: e.kind, person_id: e.person_id, payload: JSON.stringify(e.payload), occurred_at: e.occurred_at }))).execute();
  await processIncentiveEvents(tx, orgId, system, now);

  // --- Reimbursement requests: one approved last quarter, one waiting for a decision.
  const requesters = growers.filter((p) => p.email !== TECHNICIAN_EMAIL && rankOf(p.id) >= 2);
  const approved = requesters[0];
  const pending = requesters.find((p) => p.site_code === "OH-101" && p.id !== approved?.id) ?? requesters[1];
  const reimbursements = [];
  if (approved) {
    reimbursements.push({ org_id: orgId, person_id: approved.id, amount_cents: 29_500, purpose: "Sterile compounding certificate course (tuition)", status: "approved" as const, submitted_at: new Date(`${addDays(today, -80)}T16:00:00Z`), decided_by: admin.id, decided_at: new Date(`${addDays(today, -76)}T17:00:00Z`), decided_on: addDays(today, -76), decision_note: "Approved under the tuition rule" });
  }
  if (pending) {
    reimbursements.push({ org_id: orgId, person_id: pending.id, amount_cents: 4_500, purpose: "PTCB CPhT renewal fee", status: "submitted" as const, submitted_at: new Date(`${addDays(today, -3)}T18:00:00Z`), decided_by: null, decided_at: null, decided_on: null, decision_note: null });
  }
  if (reimbursements.length) await tx.insertInto("reimbursement_requests").values(reimbursements).execute();

  // --- Monthly evaluations: the six months before this one; this month at Riverside for all but Kevin, elsewhere for about half.
  const template = await getEvaluationTemplate(tx, orgId);
  const evaluations = [];
  for (const p of growers) {
    const evaluator = managerOf.get(p.site_id);
    if (!evaluator) continue;
    const thisMonth = evaluationMonth(now, p.time_zone);
    const skill = 2.3 + rankOf(p.id) * 0.25 + rng.next() * 0.5;
    const evaluateThisMonth = p.id !== kevin?.id && (p.site_code === "OH-101" || rng.chance(0.5));
    for (let back = 6; back >= (evaluateThisMonth ? 0 : 1); back--) {
      const month = addMonths(thisMonth, -back);
      if (compareDates(endOfMonth(month), p.hire_date) < 0 || compareDates(startOfMonth(p.hire_date), month) === 0) continue; // evaluated from the first full month
      const ratings = Object.fromEntries(template.items.map((item) => [item.code, Math.round(clamp(skill + (6 - back) * 0.04 + (rng.next() - 0.5) * 1.3, 1, 4))]));
      const average = averageRating(ratings);
      const tone = average < 2.5 ? "low" : average <= 3.25 ? "mid" : "high";
      const filledOn = back === 0 ? today : addDays(endOfMonth(month), rng.int(1, 6));
      const candidate = new Date(`${compareDates(filledOn, today) > 0 ? today : filledOn}T${back === 0 ? "13" : "19"}:00:00Z`);
      const filledAt = candidate < now ? candidate : new Date(now.getTime() - 3_600_000);
      const acknowledged = back >= 2 || (back === 1 && rng.chance(0.6));
      const acknowledgedAt = acknowledged ? new Date(filledAt.getTime() + rng.int(1, 4) * 86_400_000) : null;
      evaluations.push({
        id: randomUUID(),
        org_id: orgId,
        person_id: p.id,
        site_id: p.site_id,
        template_id: template.id,
        month,
        ratings: JSON.stringify(ratings),
        average,
        comments: rng.pick(COMMENTS[tone]),
        prompt_answers: JSON.stringify(rng.chance(0.7) ? { strengths: rng.pick(STRENGTHS), goals: rng.pick(GOALS) } : {}),
        evaluator_id: evaluator,
        acknowledged_at: acknowledgedAt && acknowledgedAt < now ? acknowledgedAt : null,
        technician_comment: acknowledgedAt && acknowledgedAt < now ? rng.pick(ACKNOWLEDGEMENTS) : null,
        created_at: filledAt,
        updated_at: acknowledgedAt && acknowledgedAt < now ? acknowledgedAt : filledAt,
      });
    }
  }
  if (evaluations.length) await tx.insertInto("evaluations").values(evaluations).execute();
  audit.push(...evaluations.map((e) => ({ entityType: "evaluation", entityId: e.id, action: "evaluation.filled", after: { personId: e.person_id, month: e.month, average: e.average } })));

  // --- KPI figures for the twelve months before this one, imported each month by each site's manager.
  const definitions = await listKpiDefinitions(tx, orgId);
  const figures: { person: (typeof growers)[number]; kpi: string; periodEnd: IsoDate; value: number }[] = [];
  for (const p of growers) {
    const rank = rankOf(p.id);
    for (const d of definitions) {
      const shape = KPI_SHAPES[d.code];
      if (!shape) continue;
      const [low, high] = shape.base;
      // Higher levels start nearer the better end of the range.
      const better = d.direction === "higher" ? 1 : -1;
      const start = (low + high) / 2 + better * (rank - 2) * (high - low) * 0.2 + (rng.next() - 0.5) * (high - low) * 0.5;
      for (let back = 12; back >= 1; back--) {
        const periodEnd = endOfMonth(addMonths(startOfMonth(today), -back));
        if (compareDates(periodEnd, addDays(p.hire_date, 20)) < 0) continue;
        const value = round(clamp(start + shape.trend * (12 - back) + (rng.next() - 0.5) * 2 * shape.noise, shape.min, shape.max), shape.decimals);
        figures.push({ person: p, kpi: d.code, periodEnd, value });
      }
    }
  }
  const imports = new Map<string, { id: string; siteCode: string; periodEnd: IsoDate; by: string; rows: typeof figures }>();
  for (const f of figures) {
    const key = `${f.person.site_id}|${f.periodEnd}`;
    if (!imports.has(key)) imports.set(key, { id: randomUUID(), siteCode: f.person.site_code, periodEnd: f.periodEnd, by: managerOf.get(f.person.site_id) ?? admin.id, rows: [] });
    imports.get(key)!.rows.push(f);
  }
  const importRows = [...imports.values()].sort((a, b) => compareDates(a.periodEnd, b.periodEnd) || a.siteCode.localeCompare(b.siteCode));
  const importedAt = (i: { periodEnd: IsoDate }) => {
    const at = new Date(`${addDays(i.periodEnd, 3)}T14:30:00Z`);
    return at < now ? at : new Date(now.getTime() - 3_600_000);
  };
  if (importRows.length) {
    await tx
      .insertInto("kpi_imports")
      .values(importRows.map((i) => ({ id: i.id, org_id: orgId, imported_by: i.by, file_name: `${i.siteCode}-kpis-${i.periodEnd.slice(0, 7)}.csv`, rows_total: i.rows.length, created: i.rows.length, replaced: 0, period_from: i.periodEnd, period_to: i.periodEnd, imported_at: importedAt(i) })))
      .execute();
    const valueRows = importRows.flatMap((i) => i.rows.map((f) => ({ org_id: orgId, person_id: f.person.id, kpi_code: f.kpi, period_end: f.periodEnd, value: f.value, source: "csv" as const, created_by: i.by, created_at: importedAt(i) })));
    const figureRows = importRows.flatMap((i) => i.rows.map((f, n) => ({ import_id: i.id, org_id: orgId, row_number: n + 2, person_id: f.person.id, kpi_code: f.kpi, period_end: f.periodEnd, value: f.value, previous_value: null })));
    for (let at = 0; at < valueRows.length; at += 1000) await tx.insertInto("kpi_values").values(valueRows.slice(at, at + 1000)).execute();
    for (let at = 0; at < figureRows.length; at += 1000) await tx.insertInto("kpi_import_figures").values(figureRows.slice(at, at + 1000)).execute();
    audit.push(...importRows.map((i) => ({ entityType: "kpi_import", entityId: i.id, action: "kpi.imported", after: { fileName: `${i.siteCode}-kpis-${i.periodEnd.slice(0, 7)}.csv`, rows: i.rows.length, created: i.rows.length, replaced: 0 } })));
  }

  // --- Trainings: the core ladder's trainings completed by level; some assigned, some overdue, one learning week.
  await ensureTrainingCatalog(tx, orgId, now);
  const programs = new Map((await tx.selectFrom("training_programs").select(["id", "code", "validity_months"]).where("org_id", "=", orgId).execute()).map((p) => [p.code, p]));
  const completions: { org_id: string; person_id: string; program_id: string; completed_on: IsoDate; expires_on: IsoDate | null; note: string | null; recorded_by: string; recorded_at: Date }[] = [];
  const complete = (p: (typeof growers)[number], code: string, completedOn: IsoDate) => {
    const program = programs.get(code);
    if (!program) return;
    const on = compareDates(completedOn, p.hire_date) < 0 ? p.hire_date : completedOn;
    if (compareDates(on, today) >= 0) return; // a new hire has not done it yet
    completions.push({
      org_id: orgId,
      person_id: p.id,
      program_id: program.id,
      completed_on: on,
      expires_on: program.validity_months ? addMonths(on, program.validity_months) : null,
      note: null,
      recorded_by: managerOf.get(p.site_id) ?? admin.id,
      recorded_at: atHour(on, 20, now),
    });
  };
  let expiringShown = 0;
  for (const p of growers) {
    if (p.id === kevin?.id) continue; // Kevin's Tech I trainings are the gap the journeys start from
    const rank = rankOf(p.id);
    complete(p, "hipaa-privacy", addDays(p.hire_date, rng.int(3, 20)));
    complete(p, "fraud-waste-abuse", addDays(p.hire_date, rng.int(5, 30)));
    if (rank >= 3) {
      // USP <800> is renewed yearly: most are current, one is expiring soon, one lapsed.
      const profile = expiringShown++;
      const completedOn = profile === 0 ? addDays(addMonths(today, -12), 12) : profile === 1 ? addDays(addMonths(today, -12), -20) : addDays(today, -rng.int(20, 300));
      complete(p, "usp-800-hazardous", completedOn);
      if (rng.chance(0.7) || p.id === leadCandidate?.id) complete(p, "preceptor-basics", addDays(today, -rng.int(60, 500)));
    }
    if (rank >= 4) complete(p, "leadership-foundations", addDays(today, -rng.int(100, 600)));
    if (p.site_code === "TX-210" && rng.chance(0.5)) complete(p, "bloodborne-pathogens", addDays(today, -rng.int(30, 300)));
  }
  if (completions.length) await tx.insertInto("training_completions").values(completions).execute();

  const assignments: {
    org_id: string;
    program_id: string;
    kind: "training" | "learning-week";
    target: "person" | "site" | "level" | "track";
    person_id: string | null;
    site_id: string | null;
    track_code: string | null;
    level_code: string | null;
    assigned_on: IsoDate;
    due_on: IsoDate;
    note: string | null;
    station: string | null;
    supervisor_id: string | null;
    starts_on: IsoDate | null;
    ends_on: IsoDate | null;
    created_by: string;
    created_at: Date;
  }[] = [];
  const assign = (a: Partial<(typeof assignments)[number]> & { program: string; target: (typeof assignments)[number]["target"]; assignedOn: IsoDate; dueOn: IsoDate; by: string }) => {
    const program = programs.get(a.program);
    if (!program) return;
    assignments.push({
      org_id: orgId,
      program_id: program.id,
      kind: a.kind ?? "training",
      target: a.target,
      person_id: a.person_id ?? null,
      site_id: a.site_id ?? null,
      track_code: a.track_code ?? null,
      level_code: a.level_code ?? null,
      assigned_on: a.assignedOn,
      due_on: a.dueOn,
      note: a.note ?? null,
      station: a.station ?? null,
      supervisor_id: a.supervisor_id ?? null,
      starts_on: a.starts_on ?? null,
      ends_on: a.ends_on ?? null,
      created_by: a.by,
      created_at: atHour(a.assignedOn, 14, now),
    });
  };
  const riverside = growers.find((p) => p.site_code === "OH-101")?.site_id;
  const riversideManager = riverside ? managerOf.get(riverside) : undefined;
  // A Tech II at Riverside on immunization support, due in three weeks. Kevin gets nothing assigned: the
  // journey assigns HIPAA to his site and then expects nothing left on his list.
  const immunizer = growers.find((p) => p.site_code === "OH-101" && p.id !== kevin?.id && rankOf(p.id) === 2);
  if (immunizer && riversideManager) assign({ program: "immunization-support", target: "person", person_id: immunizer.id, assignedOn: addDays(today, -5), dueOn: addDays(today, 21), note: "Ahead of the flu-shot season", by: riversideManager });
  // Tech II: preceptor basics ahead of Tech III, organization-wide.
  if (levels[1]) assign({ program: "preceptor-basics", target: "level", track_code: core.code, level_code: levels[1].code, assignedOn: addDays(today, -30), dueOn: addDays(today, 60), note: "Start before you train new colleagues", by: admin.id });
  // Overdue: USP <800> renewals not done yet (the expiring and the lapsed one), and bloodborne pathogens at St. Luke's.
  const overdue = growers.filter((p) => rankOf(p.id) >= 3 && !completions.some((c) => c.person_id === p.id && c.program_id === programs.get("usp-800-hazardous")?.id && compareDates(c.expires_on ?? today, addDays(today, 30)) > 0)).slice(0, 2);
  for (const p of overdue) assign({ program: "usp-800-hazardous", target: "person", person_id: p.id, assignedOn: addDays(today, -45), dueOn: addDays(today, -rng.int(3, 12)), note: "Yearly hazardous-drug handling renewal", by: managerOf.get(p.site_id) ?? admin.id });
  const stLukes = growers.find((p) => p.site_code === "TX-210");
  if (stLukes) assign({ program: "bloodborne-pathogens", target: "site", site_id: stLukes.site_id, assignedOn: addDays(today, -40), dueOn: addDays(today, -7), note: "Before the immunization clinic season", by: managerOf.get(stLukes.site_id) ?? admin.id });
  // A learning week at the immunization clinic, supervised by St. Luke's pharmacist, starting in ten days.
  const learner = growers.find((p) => p.site_code === "TX-210" && rankOf(p.id) === 2);
  const supervisor = learner ? pharmacistOf.get(learner.site_id) : undefined;
  if (learner && supervisor) {
    const startsOn = addDays(today, 10);
    assign({ program: "immunization-support", kind: "learning-week", target: "person", person_id: learner.id, assignedOn: addDays(today, -4), dueOn: addDays(startsOn, 4), station: "Immunization clinic", supervisor_id: supervisor, starts_on: startsOn, ends_on: addDays(startsOn, 4), note: "Cross-training toward the clinical track", by: managerOf.get(learner.site_id) ?? admin.id });
  }
  if (assignments.length) {
    const inserted = await tx.insertInto("training_assignments").values(assignments).returning(["id", "person_id", "kind", "assigned_on"]).execute();
    // The overdue renewals and the immunization training were started, not finished.
    const starts = inserted.filter((a) => a.kind === "training" && a.person_id && (a.person_id === immunizer?.id || overdue.some((p) => p.id === a.person_id))).map((a) => {
      const startedOn = compareDates(addDays(a.assigned_on, 7), today) < 0 ? addDays(a.assigned_on, 7) : addDays(a.assigned_on, 1);
      return { assignment_id: a.id, person_id: a.person_id!, org_id: orgId, started_on: startedOn, recorded_by: a.person_id, recorded_at: atHour(startedOn, 15, now) };
    });
    if (starts.length) await tx.insertInto("training_starts").values(starts).execute();
  }
  audit.push({ entityType: "organization", entityId: orgId, action: "training.seeded", after: { completions: completions.length, assignments: assignments.length } });

  // --- Mentoring: each site's mentor with one or two mentees, and the Lead technician with one; Kevin stays unpaired.
  const mentors = growers.filter((p) => p.role === "mentor" || p.id === leadCandidate?.id);
  const paired = new Set<string>();
  const pairings: { id: string; org_id: string; mentor_id: string; mentee_id: string; goals: string; starts_on: IsoDate; status: "active"; created_by: string; created_at: Date }[] = [];
  for (const mentor of mentors) {
    const menteeCount = mentor.email === MENTOR_EMAIL || mentor.role === "mentor" ? 2 : 1;
    const mentees = growers.filter((p) => p.site_id === mentor.site_id && p.id !== mentor.id && p.id !== kevin?.id && p.role === "technician" && !paired.has(p.id) && !mentors.some((m) => m.id === p.id) && rankOf(p.id) <= 2).slice(0, menteeCount);
    for (const mentee of mentees) {
      paired.add(mentee.id);
      const startsOn = addDays(today, -rng.int(70, 150));
      pairings.push({
        id: randomUUID(),
        org_id: orgId,
        mentor_id: mentor.id,
        mentee_id: mentee.id,
        goals: rankOf(mentee.id) <= 1 ? "Pass the PTCE and finish the Tech II competencies" : "Get ready for Tech III: lead a cycle count, complete preceptor basics",
        starts_on: startsOn,
        status: "active",
        created_by: managerOf.get(mentee.site_id) ?? admin.id,
        created_at: atHour(startsOn, 14, now),
      });
    }
  }
  if (pairings.length) {
    await tx.insertInto("mentor_pairings").values(pairings).execute();
    const sessions = pairings.flatMap((pairing, index) => {
      const count = rng.int(3, 6);
      return Array.from({ length: count }, (_, n) => {
        const heldOn = addDays(pairing.starts_on, 7 + n * 14 + rng.int(0, 4));
        // The newest session of every other pairing was logged by the mentee and waits for the mentor.
        const byMentee = n === count - 1 && index % 2 === 1;
        return {
          org_id: orgId,
          pairing_id: pairing.id,
          held_on: compareDates(heldOn, today) > 0 ? addDays(today, -1) : heldOn,
          duration_minutes: rng.pick([30, 45, 60, 60, 90]),
          topics: rng.pick(SESSION_TOPICS),
          notes: "",
          logged_by: byMentee ? pairing.mentee_id : pairing.mentor_id,
          confirmed_by: byMentee ? null : pairing.mentor_id,
          confirmed_at: byMentee ? null : atHour(compareDates(heldOn, today) > 0 ? addDays(today, -1) : heldOn, 21, now),
          created_at: atHour(compareDates(heldOn, today) > 0 ? addDays(today, -1) : heldOn, 21, now),
        };
      });
    });
    await tx.insertInto("mentoring_sessions").values(sessions).execute();
    audit.push(...pairings.map((p) => ({ entityType: "mentor_pairing", entityId: p.id, action: "mentoring.paired", after: { mentorId: p.mentor_id, menteeId: p.mentee_id, startsOn: p.starts_on } })));
  }

  await recordAudit(tx, system, audit, now);
}

