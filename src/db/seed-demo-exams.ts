import type { Tx } from "./database.ts";
import { addDays, dateInZone, type IsoDate } from "../lib/dates.ts";
import { Random } from "../lib/random.ts";
import type { Actor } from "../modules/auth/policy.ts";
import { NATIONAL_CERTIFICATION_CODES } from "../modules/certifications/index.ts";
import { answerItem, ensureShippedBank, recomputeItemStats, recordExamResult, scheduleExam, startAttempt, submitAttempt } from "../modules/exams/index.ts";

const TECHNICIAN_EMAIL = "technician@demo.rxladder.test";
const MANAGER_EMAIL = "manager@demo.rxladder.test";
const DAY = 86_400_000;

function actorFor(p: { id: string; account_id: string | null; email: string; role: Actor["role"]; first_name: string; last_name: string; site_id: string }, orgId: string, managed: string[] = []): Actor {
  return { accountId: p.account_id ?? p.id, personId: p.id, orgId, orgSlug: "demo", role: p.role, name: `${p.first_name} ${p.last_name}`, email: p.email, homeSiteId: p.site_id, managedSiteIds: managed };
}

/** Answers an attempt through the same use cases as the web app, right with probability `skill`, some seconds per item. */
async function practice(tx: Tx, actor: Actor, form: "quick" | "drill" | "full", at: Date, skill: number, rng: Random, domain?: "federal" | "safety" | "order_entry" | "medications") {
  const id = await startAttempt(tx, actor, { form, ...(domain ? { domain } : {}) }, at);
  const positions = await tx.selectFrom("exam_attempt_items").select(["position", "content"]).where("attempt_id", "=", id).orderBy("position").execute();
  let clock = at.getTime();
  for (const p of positions) {
    clock += rng.int(25, 95) * 1000;
    const content = p.content as { key: string[]; options: { id: string }[]; kind: string };
    const right = rng.chance(skill);
    const wrong = content.options.map((o) => o.id).filter((o) => !content.key.includes(o));
    const answer = right ? content.key : [rng.pick(wrong)];
    await answerItem(tx, actor, id, p.position, { answer }, new Date(clock));
  }
  await submitAttempt(tx, actor, id, new Date(clock + 5000));
}

/**
 * The demo organization's certification pipeline: Kevin (the technician login) has practised
 * for three weeks and has items due for review; colleagues without the CPhT are at every stage:
 * not started, practising, ready, scheduled, and one who failed and waits for the retake.
 */
export async function seedDemoExams(tx: Tx, orgId: string, now: Date) {
  const rng = new Random(4401);
  await ensureShippedBank(tx, orgId, now);
  const people = await tx
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .leftJoin("accounts as a", "a.person_id", "p.id")
    .select(["p.id", "p.email", "p.role", "p.first_name", "p.last_name", "p.site_id", "p.hire_date", "s.time_zone", "a.id as account_id"])
    .where("p.org_id", "=", orgId)
    .where("p.status", "=", "active")
    .orderBy("p.employee_id")
    .execute();
  const certified = new Set((await tx.selectFrom("certification_holdings").select("person_id").where("org_id", "=", orgId).where("certification_code", "in", [...NATIONAL_CERTIFICATION_CODES]).execute()).map((r) => r.person_id));
  const managerRow = people.find((p) => p.email === MANAGER_EMAIL)!;
  const managed = (await tx.selectFrom("manager_sites").select("site_id").where("person_id", "=", managerRow.id).execute()).map((r) => r.site_id);
  const admin = people.find((p) => p.role === "admin")!;
  const adminActor = actorFor(admin, orgId);
  const pipeline = people.filter((p) => p.role === "technician" && !certified.has(p.id));
  const daysAgo = (d: number, hour = 14) => new Date(Math.floor((now.getTime() - d * DAY) / DAY) * DAY + hour * 3_600_000);

  for (const [index, p] of pipeline.entries()) {
    const actor = actorFor(p, orgId);
    const today: IsoDate = dateInZone(now, p.time_zone);
    if (p.email === TECHNICIAN_EMAIL) {
      await practice(tx, actor, "quick", daysAgo(20), 0.58, rng);
      await practice(tx, actor, "drill", daysAgo(14), 0.55, rng, "federal");
      await practice(tx, actor, "quick", daysAgo(9), 0.68, rng);
      await practice(tx, actor, "drill", daysAgo(3), 0.72, rng, "order_entry");
      continue;
    }
    const stage = index % 5;
    if (stage === 0) continue; // not started
    await practice(tx, actor, "quick", daysAgo(30 + index), stage === 1 ? 0.5 : 0.8, rng);
    if (stage === 1) continue; // practising
    await practice(tx, actor, "full", daysAgo(12 + index), 0.82, rng);
    if (stage === 2) continue; // ready
    const scheduler = actorFor(p, orgId);
    if (stage === 3) {
      await scheduleExam(tx, scheduler, p.id, { exam: "ptce", scheduledOn: addDays(today, 18) }, daysAgo(5));
      continue;
    }
    // Failed three weeks ago: the retake opens in about six weeks.
    const record = await scheduleExam(tx, scheduler, p.id, { exam: "ptce", scheduledOn: addDays(today, -21) }, daysAgo(40));
    await recordExamResult(tx, managed.includes(p.site_id) ? actorFor(managerRow, orgId, managed) : adminActor, record.id, { result: "failed", takenOn: addDays(today, -21), scaledScore: 1330 }, daysAgo(20));
  }
  await recomputeItemStats(tx, orgId, now);
}
