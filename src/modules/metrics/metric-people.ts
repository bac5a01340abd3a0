import type { Db, Tx } from "../../db/database.ts";
import { addDays, addMonths, compareDates, daysBetween, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { expiryOf, findCertification, NATIONAL_CERTIFICATION_CODES } from "../certifications/index.ts";
import { getExamSettings } from "../exams/exams.queries.ts";
import { evaluateLevel, monthsBetween } from "../ladder/eligibility.rules.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { loadPersonFacts } from "../ladder/person-facts.ts";
import { cycleWindows, dueTrainings } from "./load-dashboard.ts";
import {
  getStalledMonths,
  loadCompetencyExpiries,
  loadCredentialExpiries,
  loadHires,
  loadLongInLevel,
  loadPeopleCards,
  loadPromotions,
  loadSegments,
  type MetricsFilter,
} from "./metrics.queries.ts";
import { DEFAULT_STALLED_MONTHS, deadlineOutcome, isEmployedOn, reasonBreakdown, STALLED_MONTHS_RANGE, stalledSince, type DeadlineOutcome } from "./metrics.rules.ts";

/** The figures whose people can be listed. */
export const PEOPLE_METRICS = [
  "headcount-end",
  "hires",
  "separations",
  "voluntary-separations",
  "involuntary-separations",
  "promotions",
  "training-on-time",
  "training-late",
  "training-missed",
  "certification-on-time",
  "certification-late",
  "certification-missed",
  "certification-pending",
  "expiring-certifications",
  "expiring-competencies",
] as const;
export type PeopleMetric = (typeof PEOPLE_METRICS)[number];

export interface MetricPersonRow {
  personId: string;
  employeeId: string;
  name: string;
  siteCode: string;
  /** The day that put the person in the figure (hire, separation, promotion, due date, expiry…). */
  date: IsoDate;
  detail: string;
}

const REASON_LABEL = (code: string | null) => reasonBreakdown([{ code, count: 1 }])[0].label;

/** The people behind one dashboard figure, for the same filter; expiries within `days` (30, 60 or 90) of today. */
export async function metricPeople(db: Db | Tx, f: MetricsFilter, metric: PeopleMetric, options: { days?: number }, now: Date): Promise<MetricPersonRow[]> {
  const found: { personId: string; date: IsoDate; detail: string }[] = [];
  const inPeriod = (day: IsoDate) => compareDates(f.from, day) <= 0 && compareDates(day, f.to) <= 0;
  switch (metric) {
    case "headcount-end":
    case "hires":
    case "separations":
    case "voluntary-separations":
    case "involuntary-separations": {
      for (const s of await loadSegments(db, f)) {
        if (metric === "headcount-end" && isEmployedOn(s, f.to)) found.push({ personId: s.personId, date: s.startsOn, detail: "Employed on the last day of the period" });
        if (metric === "hires" && s.isHire && inPeriod(s.startsOn)) found.push({ personId: s.personId, date: s.startsOn, detail: "Hired" });
        if (s.separation && s.endsOn && inPeriod(s.endsOn)) {
          const wanted = metric === "separations" || metric === `${s.separation.type}-separations`;
          if (wanted) found.push({ personId: s.personId, date: s.endsOn, detail: `${s.separation.type === "voluntary" ? "Voluntary" : "Involuntary"}: ${REASON_LABEL(s.separation.reasonCode)}` });
        }
      }
      break;
    }
    case "promotions":
      for (const p of await loadPromotions(db, f)) found.push({ personId: p.person_id, date: p.effective_date, detail: `${p.from_level ?? "—"} → ${p.to_level}` });
      break;
    case "training-on-time":
    case "training-late":
    case "training-missed": {
      const end = compareDates(f.to, f.today) <= 0 ? f.to : f.today;
      for (const e of await dueTrainings(db, f, now)) {
        if (compareDates(e.dueOn, f.from) < 0 || compareDates(e.dueOn, end) > 0) continue;
        const outcome = e.status === "completed" ? (e.late ? "training-late" : "training-on-time") : "training-missed";
        if (outcome === metric) found.push({ personId: e.member.personId, date: e.dueOn, detail: `${e.assignment.programName}: due ${e.dueOn}${e.completion ? `, completed ${e.completion.completedOn}` : ""}` });
      }
      break;
    }
    case "certification-on-time":
    case "certification-late":
    case "certification-missed":
    case "certification-pending": {
      const { deadlineMonths } = await getExamSettings(db, f.orgId);
      const wanted = metric.slice("certification-".length) as DeadlineOutcome;
      for (const h of await loadHires(db, f, NATIONAL_CERTIFICATION_CODES)) {
        const until = h.separated_on && compareDates(h.separated_on, f.today) < 0 ? h.separated_on : f.today;
        if (deadlineOutcome(h.hired_on, deadlineMonths, h.certified_on, until) !== wanted) continue;
        found.push({ personId: h.person_id, date: h.hired_on, detail: `Hired ${h.hired_on}; deadline ${addMonths(h.hired_on, deadlineMonths)}${h.certified_on ? `; certified ${h.certified_on}` : ""}` });
      }
      break;
    }
    case "expiring-certifications":
    case "expiring-competencies": {
      const days = options.days ?? 90;
      const window = { from: f.today, to: addDays(f.today, days) };
      if (metric === "expiring-certifications") {
        for (const h of await loadCredentialExpiries(db, f, window, cycleWindows(window.from, window.to))) {
          const def = findCertification(h.certification_code);
          const expires = expiryOf(def, h.earned_on, h.expires_on);
          if (!expires || daysBetween(f.today, expires) < 0 || daysBetween(f.today, expires) > days) continue;
          found.push({ personId: h.person_id, date: expires, detail: def?.name ?? h.certification_code });
        }
      } else {
        for (const s of await loadCompetencyExpiries(db, f, window)) found.push({ personId: s.person_id, date: s.valid_until, detail: s.competency_code });
      }
      break;
    }
  }
  const cards = await loadPeopleCards(db, f.orgId, found.map((r) => r.personId));
  return found
    .map((r) => {
      const card = cards.get(r.personId)!;
      return { personId: r.personId, employeeId: card.employeeId, name: card.name, siteCode: card.siteCode, date: r.date, detail: r.detail };
    })
    .sort((a, b) => compareDates(a.date, b.date) || a.name.localeCompare(b.name));
}

export interface StalledRow {
  personId: string;
  employeeId: string;
  name: string;
  siteCode: string;
  track: string;
  trackName: string;
  level: string;
  levelName: string;
  since: IsoDate;
  monthsInLevel: number;
  nextLevel: string;
  nextLevelName: string;
  percent: number;
  missing: { kind: string; label: string; reason: string }[];
}

/**
 * People in the same level at least the organization's threshold who still miss requirements of
 * the next level (from the ladder's eligibility engine), longest first. Someone already eligible
 * is waiting for a nomination, not stalled; the top of a track has no next level.
 */
export async function stalledPeople(db: Db | Tx, f: MetricsFilter) {
  const months = (await getStalledMonths(db, f.orgId)) ?? DEFAULT_STALLED_MONTHS;
  const long = await loadLongInLevel(db, f, stalledSince(f.today, months));
  if (long.length === 0) return { thresholdMonths: months, items: [] as StalledRow[] };
  const { definition: framework } = await getPublishedFramework(db, f.orgId);
  const ids = [...new Set(long.map((l) => l.person_id))];
  const [facts, cards] = await Promise.all([loadPersonFacts(db, f.orgId, ids), loadPeopleCards(db, f.orgId, ids)]);
  const items: StalledRow[] = [];
  for (const l of long) {
    const track = framework.tracks.find((t) => t.code === l.track_code);
    const current = track?.levels.find((x) => x.code === l.level_code);
    const person = facts.get(l.person_id);
    if (!track || !current || !person) continue;
    const next = [...track.levels].sort((a, b) => a.rank - b.rank).find((x) => x.rank > current.rank);
    if (!next) continue;
    const result = evaluateLevel(person, track, next, { framework, certification: findCertification }, f.today);
    const missing = result.requirements.filter((r) => r.status === "missing");
    if (missing.length === 0) continue;
    const card = cards.get(l.person_id)!;
    items.push({
      personId: l.person_id,
      employeeId: card.employeeId,
      name: card.name,
      siteCode: card.siteCode,
      track: track.code,
      trackName: track.name,
      level: current.code,
      levelName: current.name,
      since: l.started_on,
      monthsInLevel: monthsBetween(l.started_on, f.today),
      nextLevel: next.code,
      nextLevelName: next.name,
      percent: result.percent,
      missing: missing.map((r) => ({ kind: r.kind, label: r.label, reason: r.reason })),
    });
  }
  items.sort((a, b) => compareDates(a.since, b.since) || a.name.localeCompare(b.name));
  return { thresholdMonths: months, items };
}

/** The organization's stalled-progress threshold in months (admins only). */
export async function updateMetricsSettings(tx: Tx, actor: Actor, input: { stalledMonths: number }, now: Date) {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin changes the metrics settings");
  if (!Number.isInteger(input.stalledMonths) || input.stalledMonths < STALLED_MONTHS_RANGE.min || input.stalledMonths > STALLED_MONTHS_RANGE.max) {
    throw new AppError("VALIDATION_FAILED", `stalledMonths must be a whole number from ${STALLED_MONTHS_RANGE.min} to ${STALLED_MONTHS_RANGE.max}`, [
      { field: "stalledMonths", message: `must be a whole number from ${STALLED_MONTHS_RANGE.min} to ${STALLED_MONTHS_RANGE.max}` },
    ]);
  }
  const before = (await getStalledMonths(tx, actor.orgId)) ?? DEFAULT_STALLED_MONTHS;
  await tx
    .insertInto("metrics_settings")
    .values({ org_id: actor.orgId, stalled_months: input.stalledMonths, updated_by: actor.personId, updated_at: now })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ stalled_months: input.stalledMonths, updated_by: actor.personId, updated_at: now }))
    .execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "metrics_settings", entityId: actor.orgId, action: "metrics.settings_updated", before: { stalledMonths: before }, after: { stalledMonths: input.stalledMonths } }, now);
  return { stalledMonths: input.stalledMonths };
}
