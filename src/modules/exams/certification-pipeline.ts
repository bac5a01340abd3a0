import type { Db, Tx } from "../../db/database.ts";
import { compareDates, dateInZone, daysBetween, isIsoDate, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize } from "../auth/index.ts";
import { can, rosterScope, type Actor, type RosterScope } from "../auth/policy.ts";
import { findCertification, holdingState, NATIONAL_CERTIFICATION_CODES, recordCertification } from "../certifications/index.ts";
import { processIncentiveEvents } from "../incentives/index.ts";
import { getPerson } from "../roster/index.ts";
import { CERTIFICATION_EXAMS, findCertificationExam } from "./certification-exams.ts";
import { pipelineStatus, type ExamRecordFact, type PipelineStatus } from "./exams.rules.ts";
import { getExamSettings, type ExamSettings } from "./exams.queries.ts";
import { estimateReadiness } from "./readiness.rules.ts";
import { finalResponses, READINESS_WINDOW } from "./load-readiness.ts";

/** People who passed within this many days stay on the board, so a manager sees the win. */
export const PASSED_SHOWN_DAYS = 90;

interface PipelinePerson {
  id: string;
  firstName: string;
  lastName: string;
  hireDate: IsoDate;
  siteId: string;
  siteCode: string;
  siteName: string;
  timeZone: string;
}

export interface PipelineEntry {
  personId: string;
  name: string;
  siteId: string;
  siteCode: string;
  siteName: string;
  hireDate: IsoDate;
  status: PipelineStatus;
  readiness: { probability: number; low: number; high: number; preliminary: boolean; responses: number } | null;
  practiceAttempts: number;
  lastPracticeOn: IsoDate | null;
  records: { id: string; exam: string; scheduledOn: IsoDate; result: string; takenOn: IsoDate | null; scaledScore: number | null }[];
}

async function pipelineFor(db: Db | Tx, orgId: string, people: PipelinePerson[], settings: ExamSettings, now: Date): Promise<PipelineEntry[]> {
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const [holdings, records, attempts, responses] = [
    await db.selectFrom("certification_holdings").select(["person_id", "certification_code", "earned_on", "expires_on", "verification_status"]).where("org_id", "=", orgId).where("person_id", "in", ids).where("certification_code", "in", [...NATIONAL_CERTIFICATION_CODES]).execute(),
    await db.selectFrom("certification_exam_records").selectAll().where("org_id", "=", orgId).where("person_id", "in", ids).orderBy("scheduled_on").execute(),
    await db
      .selectFrom("exam_attempts")
      .select(["person_id"])
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("submitted_at").as("last")])
      .where("org_id", "=", orgId)
      .where("person_id", "in", ids)
      .where("status", "=", "submitted")
      .groupBy("person_id")
      .execute(),
    await finalResponses(db, ids, now).where("a.org_id", "=", orgId).execute(),
  ];
  const group = <T extends { person_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) (m.get(r.person_id) ?? m.set(r.person_id, []).get(r.person_id)!).push(r);
    return m;
  };
  const holdingsBy = group(holdings);
  const recordsBy = group(records);
  const responsesBy = group(responses);
  const attemptsBy = new Map(attempts.map((a) => [a.person_id, a]));
  return people.map((p) => {
    const today = dateInZone(now, p.timeZone);
    const holds = (holdingsBy.get(p.id) ?? []).some((h) => {
      const state = holdingState({ certificationCode: h.certification_code, earnedOn: h.earned_on, expiresOn: h.expires_on, verificationStatus: h.verification_status }, findCertification(h.certification_code), today);
      return state === "active" || state === "expiring";
    });
    const mine = (recordsBy.get(p.id) ?? []).map((r) => ({ id: r.id, exam: r.exam, scheduledOn: r.scheduled_on, result: r.result, takenOn: r.taken_on, scaledScore: r.scaled_score }));
    const rs = (responsesBy.get(p.id) ?? []).slice(0, READINESS_WINDOW.maxResponses);
    const readiness = rs.length ? estimateReadiness(rs.map((r) => ({ b: r.difficulty_b, correct: r.correct === true }))) : null;
    const practice = attemptsBy.get(p.id);
    const lastPracticeOn = practice?.last ? dateInZone(new Date(practice.last as Date), p.timeZone) : null;
    const status = pipelineStatus(
      {
        hireDate: p.hireDate,
        holdsNationalCertification: holds,
        records: mine as ExamRecordFact[],
        practiceAttempts: Number(practice?.n ?? 0),
        lastPracticeOn,
        readiness: readiness?.probability ?? null,
      },
      settings,
      CERTIFICATION_EXAMS,
      today,
    );
    return {
      personId: p.id,
      name: `${p.firstName} ${p.lastName}`,
      siteId: p.siteId,
      siteCode: p.siteCode,
      siteName: p.siteName,
      hireDate: p.hireDate,
      status,
      readiness: readiness ? { probability: readiness.probability, low: readiness.low, high: readiness.high, preliminary: readiness.preliminary, responses: readiness.responses } : null,
      practiceAttempts: Number(practice?.n ?? 0),
      lastPracticeOn,
      records: mine,
    };
  });
}

function peopleQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.first_name as firstName", "p.last_name as lastName", "p.hire_date as hireDate", "p.site_id as siteId", "s.code as siteCode", "s.name as siteName", "s.time_zone as timeZone"])
    .where("p.org_id", "=", orgId);
}

/**
 * The manager's board: technicians without an active national certification, and those who
 * passed lately, each with their deadline, stage, readiness and risk. Scoped like the roster.
 */
export async function pipelineBoard(db: Db | Tx, actor: Actor, filter: { siteId?: string }, now: Date) {
  return organizationPipeline(db, actor.orgId, rosterScope(actor), filter, now);
}

/** The board for a scope of an organization: the API passes the caller's roster scope, the CLI the whole organization. */
export async function organizationPipeline(db: Db | Tx, orgId: string, scope: RosterScope, filter: { siteId?: string }, now: Date) {
  const settings = await getExamSettings(db, orgId);
  let q = peopleQuery(db, orgId).where("p.role", "=", "technician").where("p.status", "in", ["active", "leave"]);
  if (scope.kind === "sites") q = scope.siteIds.length ? q.where("p.site_id", "in", scope.siteIds) : q.where(({ lit }) => lit(false));
  if (scope.kind === "self") q = q.where("p.id", "=", scope.personId);
  if (filter.siteId) q = q.where("p.site_id", "=", filter.siteId);
  const people = (await q.orderBy("p.last_name").orderBy("p.first_name").execute()) as PipelinePerson[];
  const entries = (await pipelineFor(db, orgId, people, settings, now)).filter((e) => {
    if (e.status.stage !== "passed") return true;
    const passed = e.records.filter((r) => r.result === "passed").at(-1);
    const today = dateInZone(now, people.find((p) => p.id === e.personId)!.timeZone);
    return passed?.takenOn ? compareDates(passed.takenOn, today) <= 0 && daysBetween(passed.takenOn, today) <= PASSED_SHOWN_DAYS : false;
  });
  const order = { overdue: 0, risk: 1, other: 2 };
  entries.sort((a, b) => {
    const rank = (e: PipelineEntry) => (e.status.overdue ? order.overdue : e.status.atRisk ? order.risk : order.other);
    return rank(a) - rank(b) || a.status.daysLeft - b.status.daysLeft || a.name.localeCompare(b.name);
  });
  const stages = ["not-started", "practicing", "ready", "scheduled", "failed", "passed"] as const;
  return {
    settings,
    counts: {
      ...Object.fromEntries(stages.map((s) => [s, entries.filter((e) => e.status.stage === s).length])),
      overdue: entries.filter((e) => e.status.overdue).length,
      atRisk: entries.filter((e) => e.status.atRisk).length,
    } as Record<(typeof stages)[number] | "overdue" | "atRisk", number>,
    items: entries,
  };
}

/** One person's place in the pipeline (the technician's own, or one a manager may read). */
export async function personPipeline(db: Db | Tx, actor: Actor, personId: string, now: Date): Promise<PipelineEntry> {
  const person = await getPerson(db, actor.orgId, personId);
  authorize(actor, "person.read", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  const settings = await getExamSettings(db, actor.orgId);
  const people = (await peopleQuery(db, actor.orgId).where("p.id", "=", personId).execute()) as PipelinePerson[];
  return (await pipelineFor(db, actor.orgId, people, settings, now))[0];
}

function mayManageExams(actor: Actor, person: { id: string; org_id: string; site_id: string }) {
  return actor.personId === person.id || can(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id });
}

export async function scheduleExam(tx: Tx, actor: Actor, personId: string, input: { exam: string; scheduledOn: IsoDate }, now: Date) {
  const person = await getPerson(tx, actor.orgId, personId);
  if (!mayManageExams(actor, person)) throw new AppError("FORBIDDEN", "Only the technician, their manager or an admin can schedule their exam");
  const exam = findCertificationExam(input.exam);
  if (!exam) throw new AppError("VALIDATION_FAILED", `Unknown exam "${input.exam}"`, [{ field: "exam", message: `must be one of ${CERTIFICATION_EXAMS.map((e) => e.code).join(", ")}` }]);
  if (!isIsoDate(input.scheduledOn)) throw new AppError("VALIDATION_FAILED", "scheduledOn is not a date", [{ field: "scheduledOn", message: "must be a date (YYYY-MM-DD)" }]);
  const entry = await personPipeline(tx, actor, personId, now);
  if (entry.status.stage === "passed") throw new AppError("CONFLICT", `${entry.name} already holds a national certification`);
  if (entry.status.stage === "scheduled") throw new AppError("CONFLICT", `${entry.name} already has an exam scheduled on ${entry.status.scheduledOn}: record its result or cancel it first`);
  if (entry.status.stage === "failed") {
    if (entry.status.retakeAllowedOn === null) throw new AppError("CONFLICT", `${exam.afterLastAttempt ?? "No further attempt is allowed without a petition."}`);
    if (compareDates(input.scheduledOn, entry.status.retakeAllowedOn) < 0)
      throw new AppError("VALIDATION_FAILED", `The next attempt can be no earlier than ${entry.status.retakeAllowedOn} (the retake wait after a failed attempt)`, [{ field: "scheduledOn", message: `must be on or after ${entry.status.retakeAllowedOn}` }]);
  }
  const record = await tx
    .insertInto("certification_exam_records")
    .values({ org_id: actor.orgId, person_id: person.id, exam: exam.code, scheduled_on: input.scheduledOn, recorded_by: actor.personId, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "certification_exam", entityId: record.id, action: "certification_exam.scheduled", after: { personId: person.id, exam: exam.code, scheduledOn: input.scheduledOn } }, now);
  return record;
}

export interface ExamResultInput {
  result: "passed" | "failed" | "cancelled";
  takenOn?: IsoDate | null;
  scaledScore?: number | null;
  certificationNumber?: string | null;
}

/**
 * Records how the exam went. A pass creates the national certification holding (verified when
 * a manager or admin records it, having seen the score report), which the ladder's eligibility
 * reads at once, and raises `certification.exam_passed` for incentives and notifications.
 */
export async function recordExamResult(tx: Tx, actor: Actor, recordId: string, input: ExamResultInput, now: Date) {
  const record = await tx.selectFrom("certification_exam_records").selectAll().where("id", "=", recordId).where("org_id", "=", actor.orgId).forUpdate().executeTakeFirst();
  if (!record) throw new AppError("NOT_FOUND", "Exam record not found");
  const person = await getPerson(tx, actor.orgId, record.person_id);
  if (!mayManageExams(actor, person)) throw new AppError("FORBIDDEN", "Only the technician, their manager or an admin can record this result");
  if (record.result !== "scheduled") throw new AppError("CONFLICT", `This exam is already recorded as ${record.result}`);
  const exam = findCertificationExam(record.exam)!;
  const site = await tx.selectFrom("sites").select("time_zone").where("id", "=", person.site_id).executeTakeFirstOrThrow();
  const today = dateInZone(now, site.time_zone);
  const fields = [];
  if (input.result !== "cancelled") {
    if (!input.takenOn || !isIsoDate(input.takenOn)) fields.push({ field: "takenOn", message: "is required (YYYY-MM-DD)" });
    else if (compareDates(input.takenOn, today) > 0) fields.push({ field: "takenOn", message: "is in the future" });
    if (input.scaledScore !== undefined && input.scaledScore !== null) {
      const [lo, hi] = exam.scaledRange;
      if (input.scaledScore < lo || input.scaledScore > hi) fields.push({ field: "scaledScore", message: `must be between ${lo} and ${hi}` });
      else if ((input.scaledScore >= exam.passingScaled) !== (input.result === "passed")) fields.push({ field: "scaledScore", message: `a ${input.result === "passed" ? "pass" : "fail"} needs a score ${input.result === "passed" ? "of at least" : "below"} ${exam.passingScaled}` });
    }
  }
  if (fields.length) throw new AppError("VALIDATION_FAILED", fields.map((f) => `${f.field} ${f.message}`).join("; "), fields);
  let holdingId: string | null = null;
  if (input.result === "passed") {
    const holding = await recordCertification(tx, actor, person.id, { certificationCode: exam.certification, number: input.certificationNumber ?? null, earnedOn: input.takenOn!, verified: true }, now);
    holdingId = holding.id;
  }
  const updated = await tx
    .updateTable("certification_exam_records")
    .set({ result: input.result, taken_on: input.result === "cancelled" ? null : input.takenOn!, scaled_score: input.scaledScore ?? null, holding_id: holdingId, updated_at: now })
    .where("id", "=", record.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), { entityType: "certification_exam", entityId: record.id, action: `certification_exam.${input.result}`, before: { result: record.result }, after: { result: input.result, takenOn: input.takenOn ?? null, scaledScore: input.scaledScore ?? null, holdingId } }, now);
  if (input.result === "passed") {
    await tx.insertInto("domain_events").values({ org_id: actor.orgId, kind: "certification.exam_passed", person_id: person.id, payload: JSON.stringify({ exam: exam.code, certification: exam.certification, holdingId, takenOn: input.takenOn, recordId: record.id }), occurred_at: now }).execute();
    // Rewards tied to passing (a raise, by default) are granted in the same transaction.
    await processIncentiveEvents(tx, actor.orgId, auditActorOf(actor), now);
  }
  return updated;
}

export async function updateExamSettings(tx: Tx, actor: Actor, input: { deadlineMonths: number; readinessThreshold: number; pinnedOutline: string | null }, now: Date) {
  const before = await getExamSettings(tx, actor.orgId);
  await tx
    .insertInto("exam_settings")
    .values({ org_id: actor.orgId, certification_deadline_months: input.deadlineMonths, readiness_threshold: input.readinessThreshold, pinned_outline: input.pinnedOutline, updated_by: actor.personId, updated_at: now })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ certification_deadline_months: input.deadlineMonths, readiness_threshold: input.readinessThreshold, pinned_outline: input.pinnedOutline, updated_by: actor.personId, updated_at: now }))
    .execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "exam_settings", entityId: actor.orgId, action: "exam_settings.updated", before, after: input }, now);
  return getExamSettings(tx, actor.orgId);
}
