import type { Db, Tx } from "../../db/database.ts";
import { compareDates, dateInZone, daysBetween, endOfMonth, type IsoDate } from "../../lib/dates.ts";
import { expiryOf, findCertification, renewalWindow } from "../certifications/index.ts";
import { listDueEvaluations } from "../evaluations/index.ts";
import { organizationPipeline } from "../exams/index.ts";
import { evaluateLevel, nextLevel } from "../ladder/eligibility.rules.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { loadNextCoreLevelFacts } from "../ladder/person-facts.ts";
import { notificationEmail, reminderWindow, wantsEmail, type NotificationKind } from "./notifications.rules.ts";

/** A notification the scan would create; the database keeps only the first per (recipient, kind, subject, period). */
export interface NotificationDraft {
  recipientId: string;
  kind: NotificationKind;
  subjectKey: string;
  period: string;
  title: string;
  body: string;
  link: string;
  dueOn: IsoDate | null;
}

interface OrgPerson {
  id: string;
  name: string;
  siteId: string;
  role: string;
  timeZone: string;
}

/** Who works where and who manages which site: the recipients every source needs. */
async function loadDirectory(db: Db | Tx, orgId: string) {
  const people = await db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.first_name", "p.last_name", "p.site_id", "p.role", "s.time_zone"])
    .where("p.org_id", "=", orgId)
    .where("p.status", "!=", "separated")
    .execute();
  const byId = new Map<string, OrgPerson>(people.map((p) => [p.id, { id: p.id, name: `${p.first_name} ${p.last_name}`, siteId: p.site_id, role: p.role, timeZone: p.time_zone }]));
  const managerRows = await db
    .selectFrom("manager_sites as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["m.site_id", "m.person_id"])
    .where("p.org_id", "=", orgId)
    .where("p.status", "!=", "separated")
    .where("p.role", "=", "manager")
    .execute();
  const managers = new Map<string, string[]>();
  for (const r of managerRows) (managers.get(r.site_id) ?? managers.set(r.site_id, []).get(r.site_id)!).push(r.person_id);
  const admins = people.filter((p) => p.role === "admin").map((p) => p.id);
  return {
    person: (id: string) => byId.get(id),
    /** The site's managers, or the organization's admins when the site has none; never `except`. */
    deciders(siteId: string, except: string[] = []) {
      const site = (managers.get(siteId) ?? []).filter((id) => !except.includes(id));
      return site.length ? site : admins.filter((id) => !except.includes(id));
    },
    managersOf: (siteId: string) => managers.get(siteId) ?? [],
    admins,
    pharmacistsAt: (siteId: string) => people.filter((p) => p.role === "pharmacist" && p.site_id === siteId).map((p) => p.id),
  };
}

type Directory = Awaited<ReturnType<typeof loadDirectory>>;

const unique = (ids: string[]) => [...new Set(ids)];

/** A reminder to the person themself and to their site's managers, each with their own words and link. */
function personAndManagers(dir: Directory, person: OrgPerson, draft: Omit<NotificationDraft, "recipientId" | "title" | "link">, text: { own: string; other: string; ownLink: string; otherLink: string }): NotificationDraft[] {
  return unique([person.id, ...dir.managersOf(person.siteId)]).map((recipientId) => ({
    ...draft,
    recipientId,
    title: recipientId === person.id ? text.own : text.other,
    link: recipientId === person.id ? text.ownLink : text.otherLink,
  }));
}

/** What the holder should do next, from the credential's renewal window. */
function renewalSteps(opensOn: IsoDate | null, applyBy: IsoDate | null, today: IsoDate): string {
  const opens = !opensOn ? "" : compareDates(opensOn, today) > 0 ? `Renewal opens on ${opensOn}` : "Renewal is open";
  const apply = !applyBy ? "" : compareDates(applyBy, today) >= 0 ? `apply by ${applyBy} to avoid a late fee` : `the date to apply without a late fee (${applyBy}) has passed`;
  if (opens && apply) return `${opens}; ${apply}.`;
  const one = opens || apply;
  return one ? `${one[0].toUpperCase()}${one.slice(1)}.` : "";
}

async function certificationExpiries(db: Db | Tx, orgId: string, dir: Directory, now: Date): Promise<NotificationDraft[]> {
  const rows = await db
    .selectFrom("certification_holdings")
    .select(["id", "person_id", "certification_code", "earned_on", "expires_on", "verification_status"])
    .where("org_id", "=", orgId)
    .where("verification_status", "!=", "rejected")
    .execute();
  // A renewal is recorded as a new holding: only the latest expiry of each person's credential counts.
  const latest = new Map<string, { id: string; personId: string; code: string; earnedOn: IsoDate; printed: IsoDate | null; expiresOn: IsoDate | null }>();
  for (const r of rows) {
    const expiresOn = expiryOf(findCertification(r.certification_code), r.earned_on, r.expires_on);
    const key = `${r.person_id}|${r.certification_code}`;
    const seen = latest.get(key);
    const later = !seen || (seen.expiresOn !== null && (expiresOn === null || compareDates(expiresOn, seen.expiresOn) > 0));
    if (later) latest.set(key, { id: r.id, personId: r.person_id, code: r.certification_code, earnedOn: r.earned_on, printed: r.expires_on, expiresOn });
  }
  const drafts: NotificationDraft[] = [];
  for (const h of latest.values()) {
    const person = dir.person(h.personId);
    if (!person || !h.expiresOn) continue;
    const today = dateInZone(now, person.timeZone);
    const window = reminderWindow(daysBetween(today, h.expiresOn));
    if (window === null) continue;
    const def = findCertification(h.code);
    const name = def?.name ?? h.code;
    const renewal = renewalWindow(def, { certificationCode: h.code, earnedOn: h.earnedOn, expiresOn: h.printed, verificationStatus: "verified" }, today);
    const steps = renewalSteps(renewal?.opensOn ?? null, renewal?.applyBy ?? null, today);
    drafts.push(
      ...personAndManagers(
        dir,
        person,
        { kind: "certification-expiring", subjectKey: h.id, period: `${h.expiresOn}:${window}`, body: `${person.name}'s ${name} expires on ${h.expiresOn} (${daysBetween(today, h.expiresOn)} days).${steps ? ` ${steps}` : ""}`, dueOn: h.expiresOn },
        { own: `Your ${name} expires on ${h.expiresOn}`, other: `${person.name}'s ${name} expires on ${h.expiresOn}`, ownLink: "/ladder", otherLink: `/people/${person.id}/ladder` },
      ),
    );
  }
  return drafts;
}

async function competencyExpiries(db: Db | Tx, orgId: string, dir: Directory, now: Date): Promise<NotificationDraft[]> {
  const rows = await db
    .selectFrom("competency_signoffs as s")
    .select(["s.person_id", "s.competency_code", "s.valid_until"])
    .where("s.org_id", "=", orgId)
    .where("s.step_code", "is", null)
    .where("s.revokes_id", "is", null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("competency_signoffs as r").select("r.id").whereRef("r.revokes_id", "=", "s.id"))))
    .execute();
  // The sign-off that lasts longest is the one in force; one without an end never expires.
  const until = new Map<string, IsoDate | null>();
  for (const r of rows) {
    const key = `${r.person_id}:${r.competency_code}`;
    const seen = until.get(key);
    if (seen === null) continue;
    if (r.valid_until === null || seen === undefined || compareDates(r.valid_until, seen) > 0) until.set(key, r.valid_until);
  }
  if (until.size === 0) return [];
  const { definition } = await getPublishedFramework(db, orgId);
  const drafts: NotificationDraft[] = [];
  for (const [key, validUntil] of until) {
    if (!validUntil) continue;
    const [personId, code] = key.split(":");
    const person = dir.person(personId);
    if (!person) continue;
    const today = dateInZone(now, person.timeZone);
    const window = reminderWindow(daysBetween(today, validUntil));
    if (window === null) continue;
    const name = definition.competencies.find((c) => c.code === code)?.name ?? code;
    drafts.push(
      ...personAndManagers(
        dir,
        person,
        { kind: "competency-expiring", subjectKey: key, period: `${validUntil}:${window}`, body: `${person.name}'s sign-off for ${name} is valid through ${validUntil} (${daysBetween(today, validUntil)} days). Plan the re-evaluation before then.`, dueOn: validUntil },
        { own: `Your ${name} sign-off runs out on ${validUntil}`, other: `${person.name}'s ${name} sign-off runs out on ${validUntil}`, ownLink: "/ladder", otherLink: `/people/${person.id}/ladder` },
      ),
    );
  }
  return drafts;
}

async function certificationDeadlines(db: Db | Tx, orgId: string, dir: Directory, now: Date): Promise<NotificationDraft[]> {
  const board = await organizationPipeline(db, orgId, { kind: "organization" }, {}, now);
  const drafts: NotificationDraft[] = [];
  for (const entry of board.items) {
    if (entry.status.stage === "passed" || entry.status.overdue) continue;
    const window = reminderWindow(entry.status.daysLeft);
    if (window === null) continue;
    const person = dir.person(entry.personId);
    if (!person) continue;
    const deadline = entry.status.deadline;
    drafts.push(
      ...personAndManagers(
        dir,
        person,
        {
          kind: "certification-deadline",
          subjectKey: person.id,
          period: `${deadline}:${window}`,
          body: `${entry.name} must hold a national certification by ${deadline} (${entry.status.daysLeft} days). Stage: ${entry.status.stage}${entry.status.scheduledOn ? `, exam scheduled on ${entry.status.scheduledOn}` : ""}.`,
          dueOn: deadline,
        },
        { own: `Your certification deadline is ${deadline}`, other: `${entry.name}'s certification deadline is ${deadline}`, ownLink: "/exams", otherLink: "/exams/pipeline" },
      ),
    );
  }
  return drafts;
}

async function evaluationsDue(db: Db, orgId: string, dir: Directory, now: Date): Promise<NotificationDraft[]> {
  const { items } = await listDueEvaluations(db, orgId, { kind: "organization" }, now);
  const bySite = new Map<string, typeof items>();
  for (const item of items) (bySite.get(`${item.siteId}|${item.month}`) ?? bySite.set(`${item.siteId}|${item.month}`, []).get(`${item.siteId}|${item.month}`)!).push(item);
  const drafts: NotificationDraft[] = [];
  for (const due of bySite.values()) {
    const { siteId, siteName, month } = due[0];
    const label = new Date(`${month}T12:00:00Z`).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
    const names = due.slice(0, 10).map((d) => d.name).join(", ") + (due.length > 10 ? ` and ${due.length - 10} more` : "");
    for (const recipientId of dir.deciders(siteId)) {
      drafts.push({
        recipientId,
        kind: "evaluation-due",
        subjectKey: siteId,
        period: month,
        title: `${due.length} evaluation${due.length === 1 ? "" : "s"} due for ${label} at ${siteName}`,
        body: `Monthly evaluations for ${label} are not yet filled at ${siteName}: ${names}.`,
        link: "/evaluations",
        dueOn: endOfMonth(month),
      });
    }
  }
  return drafts;
}

async function newlyEligible(db: Db | Tx, orgId: string, dir: Directory, now: Date): Promise<NotificationDraft[]> {
  const { definition: framework } = await getPublishedFramework(db, orgId);
  const core = framework.tracks.find((t) => t.kind === "core");
  if (!core) return [];
  const facts = await loadNextCoreLevelFacts(db, orgId, framework, now);
  const pending = new Set((await db.selectFrom("promotions").select("person_id").where("org_id", "=", orgId).where("status", "=", "nominated").execute()).map((r) => r.person_id));
  const drafts: NotificationDraft[] = [];
  for (const [personId, f] of facts) {
    const person = dir.person(personId);
    if (!person || pending.has(personId)) continue;
    const today = dateInZone(now, person.timeZone);
    const level = nextLevel(f, core, today);
    if (!level) continue;
    const eligibility = evaluateLevel(f, core, level, { framework }, today);
    if (!eligibility.eligible) continue;
    for (const recipientId of dir.deciders(person.siteId, [personId])) {
      drafts.push({
        recipientId,
        kind: "promotion-eligible",
        subjectKey: personId,
        period: `${core.code}/${level.code}`,
        title: `${person.name} is eligible for ${eligibility.levelName}`,
        body: `${person.name} now meets every requirement of ${eligibility.levelName} (${eligibility.trackName}). Review the ladder and nominate when ready.`,
        link: `/people/${personId}/ladder`,
        dueOn: null,
      });
    }
  }
  return drafts;
}

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

async function approvalsWaiting(db: Db | Tx, orgId: string, dir: Directory): Promise<NotificationDraft[]> {
  const drafts: NotificationDraft[] = [];
  const approval = (recipientId: string, subjectKey: string, title: string, body: string, link: string) =>
    drafts.push({ recipientId, kind: "approval-waiting", subjectKey, period: "open", title, body, link, dueOn: null });

  const nominations = await db.selectFrom("promotions").select(["id", "person_id", "to_level", "to_track", "nominated_by", "effective_date"]).where("org_id", "=", orgId).where("status", "=", "nominated").execute();
  const { definition: framework } = nominations.length ? await getPublishedFramework(db, orgId) : { definition: null };
  for (const n of nominations) {
    const person = dir.person(n.person_id);
    if (!person) continue;
    const level = framework?.tracks.find((t) => t.code === n.to_track)?.levels.find((l) => l.code === n.to_level)?.name ?? n.to_level;
    for (const recipientId of dir.deciders(person.siteId, [n.nominated_by, n.person_id])) {
      approval(recipientId, `promotion:${n.id}`, `Promotion of ${person.name} to ${level} awaits your decision`, `${person.name} was nominated for ${level}, effective ${n.effective_date}. Someone other than the nominator approves or rejects it.`, "/promotions");
    }
  }

  const requests = await db.selectFrom("reimbursement_requests").select(["id", "person_id", "amount_cents", "purpose"]).where("org_id", "=", orgId).where("status", "=", "submitted").execute();
  for (const r of requests) {
    const person = dir.person(r.person_id);
    if (!person) continue;
    for (const recipientId of dir.deciders(person.siteId, [r.person_id])) {
      approval(recipientId, `reimbursement:${r.id}`, `Reimbursement of ${money(r.amount_cents)} for ${person.name} awaits your decision`, `${person.name} asks for ${money(r.amount_cents)}: ${r.purpose}.`, "/incentives");
    }
  }

  const itemDrafts = await db.selectFrom("exam_items").select(["id", "code", "version", "created_by"]).where("org_id", "=", orgId).where("status", "=", "draft").where("reviewed_by", "is", null).execute();
  for (const item of itemDrafts) {
    const author = item.created_by ? dir.person(item.created_by) : undefined;
    const reviewers = unique([...dir.admins, ...(author ? dir.pharmacistsAt(author.siteId) : [])]).filter((id) => id !== item.created_by);
    for (const recipientId of reviewers) {
      approval(recipientId, `exam-item:${item.id}`, `Exam item ${item.code} (version ${item.version}) awaits review`, `A draft of item ${item.code}${author ? ` by ${author.name}` : ""} needs a second person to check its facts and key before it is published.`, `/exams/bank/${encodeURIComponent(item.code)}`);
    }
  }

  const sessions = await db
    .selectFrom("mentoring_sessions as s")
    .innerJoin("mentor_pairings as p", "p.id", "s.pairing_id")
    .select(["s.id", "s.held_on", "s.logged_by", "s.duration_minutes", "p.mentor_id", "p.mentee_id"])
    .where("s.org_id", "=", orgId)
    .where("s.confirmed_at", "is", null)
    .execute();
  for (const s of sessions) {
    const recipientId = s.logged_by === s.mentor_id ? s.mentee_id : s.mentor_id;
    const logger = dir.person(s.logged_by);
    if (!dir.person(recipientId)) continue;
    approval(
      recipientId,
      `mentoring-session:${s.id}`,
      `Mentoring session on ${s.held_on} awaits your confirmation`,
      `${logger?.name ?? "Your mentee"} logged ${s.duration_minutes} minutes on ${s.held_on}. Once you confirm it, the hours count.`,
      recipientId === s.mentor_id ? "/mentoring/my-mentees" : "/mentoring/my-mentor",
    );
  }
  return drafts;
}

/** Every notification the organization's data calls for today; the database keeps the new ones. */
export async function collectNotifications(db: Db, orgId: string, now: Date): Promise<NotificationDraft[]> {
  const dir = await loadDirectory(db, orgId);
  return [
    ...(await certificationExpiries(db, orgId, dir, now)),
    ...(await competencyExpiries(db, orgId, dir, now)),
    ...(await certificationDeadlines(db, orgId, dir, now)),
    ...(await evaluationsDue(db, orgId, dir, now)),
    ...(await newlyEligible(db, orgId, dir, now)),
    ...(await approvalsWaiting(db, orgId, dir)),
  ];
}

const BATCH = 500;

/**
 * Stores drafts for people who can sign in, skipping any already there (the unique key), and
 * queues an e-mail for each new one its recipient wants by e-mail, in the caller's transaction.
 */
export async function storeNotifications(tx: Tx, orgId: string, drafts: NotificationDraft[], now: Date, publicUrl: string) {
  if (drafts.length === 0) return { created: 0, emailsQueued: 0 };
  const recipientIds = unique(drafts.map((d) => d.recipientId));
  const accounts = new Map<string, string>();
  const choices = new Map<string, Map<string, boolean>>();
  for (let i = 0; i < recipientIds.length; i += BATCH) {
    const ids = recipientIds.slice(i, i + BATCH);
    const rows = await tx
      .selectFrom("accounts as a")
      .innerJoin("people as p", "p.id", "a.person_id")
      .select(["a.person_id", "a.email"])
      .where("a.person_id", "in", ids)
      .where("a.disabled", "=", false)
      .where("p.status", "!=", "separated")
      .execute();
    for (const r of rows) accounts.set(r.person_id, r.email);
    const prefs = await tx.selectFrom("notification_preferences").select(["person_id", "kind", "email"]).where("person_id", "in", ids).execute();
    for (const p of prefs) (choices.get(p.person_id) ?? choices.set(p.person_id, new Map()).get(p.person_id)!).set(p.kind, p.email);
  }
  const wanted = drafts.filter((d) => accounts.has(d.recipientId));
  let created = 0;
  let emailsQueued = 0;
  for (let i = 0; i < wanted.length; i += BATCH) {
    const chunk = wanted.slice(i, i + BATCH);
    const inserted = await tx
      .insertInto("notifications")
      .values(chunk.map((d) => ({ org_id: orgId, recipient_id: d.recipientId, kind: d.kind, subject_key: d.subjectKey, period: d.period, title: d.title, body: d.body, link: d.link, due_on: d.dueOn, created_at: now })))
      .onConflict((oc) => oc.columns(["recipient_id", "kind", "subject_key", "period"]).doNothing())
      .returning(["id", "recipient_id", "kind", "title", "body", "link"])
      .execute();
    created += inserted.length;
    const mails = inserted
      .filter((n) => wantsEmail(n.kind, choices.get(n.recipient_id) ?? new Map()))
      .map((n) => {
        const mail = notificationEmail(n, publicUrl);
        return { org_id: orgId, recipient_id: n.recipient_id, notification_id: n.id, dedupe_key: `notification:${n.id}`, to_address: accounts.get(n.recipient_id)!, subject: mail.subject, body: mail.text, next_attempt_at: now, created_at: now };
      });
    if (mails.length) {
      const queued = await tx.insertInto("email_outbox").values(mails).onConflict((oc) => oc.column("dedupe_key").doNothing()).returning("id").execute();
      emailsQueued += queued.length;
    }
  }
  return { created, emailsQueued };
}

/** Scans one organization: what its data calls for, stored once. Safe to run again at any time. */
export async function scanNotifications(db: Db, orgId: string, now: Date, publicUrl: string) {
  const drafts = await collectNotifications(db, orgId, now);
  return db.transaction().execute((tx) => storeNotifications(tx, orgId, drafts, now, publicUrl));
}

/** Scans every organization, one after the other. */
export async function scanAllOrganizations(db: Db, now: Date, publicUrl: string) {
  const orgs = await db.selectFrom("organizations").select("id").orderBy("created_at").execute();
  const total = { organizations: orgs.length, created: 0, emailsQueued: 0 };
  for (const org of orgs) {
    const result = await scanNotifications(db, org.id, now, publicUrl);
    total.created += result.created;
    total.emailsQueued += result.emailsQueued;
  }
  return total;
}
