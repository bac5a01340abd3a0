import { addMonths, compareDates, daysBetween, wholeYearsBetween, type IsoDate } from "../../lib/dates.ts";
import { findCertification, type CertificationDef } from "../certifications/catalog.ts";
import { EXPIRING_SOON_DAYS, holdingState, type Holding } from "../certifications/certifications.rules.ts";
import { PROFICIENCY_SCALE, type FrameworkDefinition, type LevelDef, type Proficiency, type Requirement, type TrackDef } from "./framework.types.ts";

export interface LevelHeld {
  track: string;
  level: string;
  startedOn: IsoDate;
  /** The day the next level starts; null while no change is scheduled. */
  endedOn: IsoDate | null;
}

/** Whether a level row is the one in force on a day: started, and not yet ended (an approved promotion may start later). */
export function isLevelInForce(level: { startedOn: IsoDate; endedOn: IsoDate | null }, today: IsoDate): boolean {
  return compareDates(level.startedOn, today) <= 0 && (level.endedOn === null || compareDates(level.endedOn, today) > 0);
}

/** Whether a level row starts after a day: a promotion approved ahead of its effective date. */
export function isLevelUpcoming(level: { startedOn: IsoDate }, today: IsoDate): boolean {
  return compareDates(level.startedOn, today) > 0;
}

/** Everything the engine knows about one person; filled from the database by `loadPersonFacts`. */
export interface PersonFacts {
  personId: string;
  hireDate: IsoDate;
  /** Levels held or scheduled: a level is in force from startedOn until the day before endedOn (see `isLevelInForce`). */
  levels: LevelHeld[];
  certifications: Holding[];
  /** Effective (not revoked) sign-offs. A null stepCode signs the whole competency. */
  signoffs: { competency: string; stepCode: string | null; proficiency: Proficiency; signedOn: IsoDate; validUntil: IsoDate | null }[];
  kpis: { kpi: string; periodEnd: IsoDate; value: number }[];
  /** One average rating (1–4) per monthly evaluation. */
  evaluations: { month: IsoDate; average: number }[];
  trainings: { training: string; completedOn: IsoDate; expiresOn: IsoDate | null }[];
  mentoringHours: number;
}

export type RequirementStatus = "met" | "missing" | "expiring";

export interface RequirementResult {
  kind: Requirement["kind"];
  label: string;
  status: RequirementStatus;
  reason: string;
  /** 0–1: how far along the person is; 1 when met. */
  progress: number;
  expiresOn: IsoDate | null;
}

export interface Eligibility {
  track: string;
  trackName: string;
  level: string;
  levelName: string;
  eligible: boolean;
  /** 0–100: the mean progress over the level's requirements. */
  percent: number;
  requirements: RequirementResult[];
  nextSteps: string[];
}

export interface EngineContext {
  framework: FrameworkDefinition;
  certification?: (code: string) => CertificationDef | undefined;
}

const clamp = (x: number) => (Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0);
const proficiencyLabel = (p: number) => `${PROFICIENCY_SCALE.find((s) => s.value === p)?.label ?? "Level"} (${p})`;
const soon = (date: IsoDate | null, today: IsoDate) => date !== null && daysBetween(today, date) <= EXPIRING_SOON_DAYS;

function levelName(framework: FrameworkDefinition, ref: string): string {
  const [trackCode, levelCode] = ref.split("/");
  const track = framework.tracks.find((t) => t.code === trackCode);
  return track?.levels.find((l) => l.code === levelCode)?.name ?? ref;
}

/**
 * One object shape for every result: spreading a base object and adding keys made each result a
 * slow-path object, which cost more than the rest of the engine together. Declared once here, not
 * per call: a function made on every call of the engine is one more allocation for each of them.
 */
function requirementResult(kind: Requirement["kind"], r: { label: string; status: RequirementStatus; progress: number; reason: string; expiresOn?: IsoDate | null }): RequirementResult {
  return { kind, expiresOn: r.expiresOn ?? null, label: r.label, status: r.status, progress: r.progress, reason: r.reason };
}

type Signoff = PersonFacts["signoffs"][number];
/** Whether a sign-off still counts on a day: no validity period, or not past it. */
const validOn = (s: Signoff, today: IsoDate) => s.validUntil === null || compareDates(s.validUntil, today) >= 0;

/** Each framework's competencies by code, built once per framework object (the engine judges thousands of people against one). */
const competencyIndexes = new WeakMap<FrameworkDefinition, Map<string, FrameworkDefinition["competencies"][number]>>();
function competencyByCode(framework: FrameworkDefinition, code: string) {
  let index = competencyIndexes.get(framework);
  if (!index) competencyIndexes.set(framework, (index = new Map(framework.competencies.map((c) => [c.code, c]))));
  return index.get(code);
}

function evaluateRequirement(requirement: Requirement, facts: PersonFacts, ctx: EngineContext, today: IsoDate): RequirementResult {
  switch (requirement.kind) {
    case "certification": {
      const lookup = ctx.certification ?? findCertification;
      const names = requirement.anyOf.map((code) => lookup(code)?.name ?? code);
      const label = requirement.label ?? (names.length === 1 ? names[0] : `One of: ${names.join(", ")}`);
      const candidates = facts.certifications.filter((h) => requirement.anyOf.includes(h.certificationCode));
      const counted = candidates
        .map((h) => ({ h, def: lookup(h.certificationCode), state: holdingState(h, lookup(h.certificationCode), today) }))
        .filter(({ h, state, def }) => h.verificationStatus === "verified" && (state === "active" || state === "expiring") && (def?.requires ?? []).every((code) => facts.certifications.some((o) => o.certificationCode === code && o.verificationStatus === "verified" && holdingState(o, lookup(code), today) !== "expired")));
      const best = counted.sort((a, b) => compareDates(b.h.expiresOn ?? "9999-12-31", a.h.expiresOn ?? "9999-12-31"))[0];
      if (best) {
        const expires = best.h.expiresOn ?? null;
        return requirementResult(requirement.kind, { label, status: best.state === "expiring" ? "expiring" : "met", progress: 1, expiresOn: expires, reason: expires ? `${best.def?.name ?? best.h.certificationCode}, valid until ${expires}` : `${best.def?.name ?? best.h.certificationCode} held` });
      }
      const pending = candidates.find((h) => h.verificationStatus === "unverified" && holdingState(h, lookup(h.certificationCode), today) !== "expired");
      if (pending) return requirementResult(requirement.kind, { label, status: "missing", progress: 0.5, reason: `${lookup(pending.certificationCode)?.name ?? pending.certificationCode} is recorded and awaits verification` });
      const expired = candidates.find((h) => holdingState(h, lookup(h.certificationCode), today) === "expired");
      if (expired) return requirementResult(requirement.kind, { label, status: "missing", progress: 0, expiresOn: expired.expiresOn, reason: `${lookup(expired.certificationCode)?.name ?? expired.certificationCode} expired on ${expired.expiresOn}; renew or reinstate it` });
      return requirementResult(requirement.kind, { label, status: "missing", progress: 0, reason: `Not held yet: earn ${names.join(" or ")}` });
    }
    case "competency": {
      const def = competencyByCode(ctx.framework, requirement.competency);
      const label = `${def?.name ?? requirement.competency} at ${proficiencyLabel(requirement.minProficiency)}`;
      const whole = facts.signoffs.filter((s) => s.competency === requirement.competency && s.stepCode === null);
      const current = whole.filter((s) => validOn(s, today)).sort((a, b) => b.proficiency - a.proficiency || compareDates(b.signedOn, a.signedOn));
      const enough = current.find((s) => s.proficiency >= requirement.minProficiency);
      if (enough) {
        const status = soon(enough.validUntil, today) ? "expiring" : "met";
        const until = enough.validUntil ? `, valid until ${enough.validUntil}` : "";
        return requirementResult(requirement.kind, { label, status, progress: 1, expiresOn: enough.validUntil, reason: `Signed off at ${proficiencyLabel(enough.proficiency)} on ${enough.signedOn}${until}${status === "expiring" ? ": book the re-evaluation" : ""}` });
      }
      const lapsed = whole.filter((s) => !validOn(s, today) && s.proficiency >= requirement.minProficiency).sort((a, b) => compareDates(b.validUntil!, a.validUntil!))[0];
      const steps = def?.steps ?? [];
      const signedSteps = new Set(facts.signoffs.filter((s) => s.competency === requirement.competency && s.stepCode !== null && validOn(s, today)).map((s) => s.stepCode));
      const done = steps.filter((s) => signedSteps.has(s.code)).length;
      // Progress is the best of what still counts: a lower valid sign-off, or signed checklist steps.
      const progress = Math.max(current[0] ? clamp(current[0].proficiency / requirement.minProficiency) : 0, clamp((done / Math.max(steps.length, 1)) * 0.9));
      const reason = lapsed
        ? `Sign-off expired on ${lapsed.validUntil}: re-evaluation needed`
        : current[0]
          ? `Signed at ${proficiencyLabel(current[0].proficiency)}; needs ${proficiencyLabel(requirement.minProficiency)}`
          : done > 0
            ? `${done} of ${steps.length} checklist steps signed; then a sign-off of the whole competency`
            : "Not signed off yet";
      return requirementResult(requirement.kind, { label, status: "missing", progress, expiresOn: lapsed?.validUntil ?? null, reason });
    }
    case "kpi": {
      const from = addMonths(today, -requirement.windowMonths);
      const values = facts.kpis.filter((k) => k.kpi === requirement.kpi && compareDates(k.periodEnd, from) > 0 && compareDates(k.periodEnd, today) <= 0);
      const label = requirement.label ?? `${requirement.kpi} ${requirement.comparator} ${requirement.threshold} over ${requirement.windowMonths} months`;
      if (values.length === 0) return requirementResult(requirement.kind, { label, status: "missing", progress: 0, reason: `No ${requirement.kpi} figures in the last ${requirement.windowMonths} months` });
      const mean = values.reduce((sum, k) => sum + k.value, 0) / values.length;
      const rounded = Math.round(mean * 100) / 100;
      const met = requirement.comparator === ">=" ? mean >= requirement.threshold : mean <= requirement.threshold;
      const progress = met ? 1 : requirement.comparator === ">=" ? clamp(mean / requirement.threshold) : clamp(requirement.threshold / mean);
      return requirementResult(requirement.kind, { label, status: met ? "met" : "missing", progress, reason: `Average ${rounded} over ${values.length} period${values.length === 1 ? "" : "s"} (needs ${requirement.comparator} ${requirement.threshold})` });
    }
    case "evaluation": {
      const from = addMonths(today, -requirement.months);
      const recent = facts.evaluations.filter((e) => compareDates(e.month, from) > 0 && compareDates(e.month, today) <= 0);
      const label = `Evaluation average ≥ ${requirement.minAverage} over ${requirement.months} months`;
      if (recent.length === 0) return requirementResult(requirement.kind, { label, status: "missing", progress: 0, reason: `No monthly evaluations in the last ${requirement.months} months` });
      const mean = recent.reduce((sum, e) => sum + e.average, 0) / recent.length;
      const met = mean >= requirement.minAverage;
      return requirementResult(requirement.kind, { label, status: met ? "met" : "missing", progress: met ? 1 : clamp(mean / requirement.minAverage), reason: `Average ${mean.toFixed(2)} over ${recent.length} evaluation${recent.length === 1 ? "" : "s"}` });
    }
    case "training": {
      const label = requirement.label ?? `Training: ${requirement.training}`;
      const done = facts.trainings
        .filter((t) => t.training === requirement.training && (t.expiresOn === null || compareDates(t.expiresOn, today) >= 0))
        .sort((a, b) => compareDates(b.completedOn, a.completedOn))[0];
      if (!done) return requirementResult(requirement.kind, { label, status: "missing", progress: 0, reason: "Not completed yet" });
      return requirementResult(requirement.kind, { label, status: soon(done.expiresOn, today) ? "expiring" : "met", progress: 1, expiresOn: done.expiresOn, reason: `Completed on ${done.completedOn}${done.expiresOn ? `, valid until ${done.expiresOn}` : ""}` });
    }
    case "mentoring": {
      const label = `${requirement.hours} hours of mentoring`;
      const met = facts.mentoringHours >= requirement.hours;
      return requirementResult(requirement.kind, { label, status: met ? "met" : "missing", progress: clamp(facts.mentoringHours / requirement.hours), reason: `${Math.round(facts.mentoringHours * 10) / 10} of ${requirement.hours} hours logged` });
    }
    case "tenure": {
      const label = `${requirement.months} months with the organization`;
      const months = Math.max(0, monthsBetween(facts.hireDate, today));
      const met = months >= requirement.months;
      return requirementResult(requirement.kind, { label, status: met ? "met" : "missing", progress: clamp(months / requirement.months), reason: `${months} months since hire on ${facts.hireDate}` });
    }
    case "level": {
      const label = `Has been ${levelName(ctx.framework, requirement.level)}`;
      const held = holdsOrHeld(facts, requirement.level, ctx.framework, today);
      return requirementResult(requirement.kind, { label, status: held ? "met" : "missing", progress: held ? 1 : 0, reason: held ? "Held" : `Reach ${levelName(ctx.framework, requirement.level)} first` });
    }
  }
}

/** Whole calendar months from a to b (a Jan 31 hire has a full month on Feb 28/29). */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  let months = wholeYearsBetween(from, to) * 12;
  while (compareDates(addMonths(from, months + 1), to) <= 0) months++;
  return months;
}

/** A level counts as held when the person holds or held it, or a higher rank in the same track; one not started yet does not. */
function holdsOrHeld(facts: PersonFacts, ref: string, framework: FrameworkDefinition, today: IsoDate): boolean {
  const [trackCode, levelCode] = ref.split("/");
  const track = framework.tracks.find((t) => t.code === trackCode);
  const rank = track?.levels.find((l) => l.code === levelCode)?.rank ?? Infinity;
  return facts.levels.some(
    (held) => held.track === trackCode && !isLevelUpcoming(held, today) && (held.level === levelCode || (track?.levels.find((l) => l.code === held.level)?.rank ?? 0) >= rank),
  );
}

/** Decides one level for one person: each requirement met, missing or expiring soon, with its reason. Pure. */
export function evaluateLevel(facts: PersonFacts, track: TrackDef, level: LevelDef, ctx: EngineContext, today: IsoDate): Eligibility {
  const requirements = level.requirements.map((r) => evaluateRequirement(r, facts, ctx, today));
  const eligible = requirements.length > 0 && requirements.every((r) => r.status !== "missing");
  const percent = requirements.length === 0 ? 0 : Math.round((requirements.reduce((sum, r) => sum + (r.status === "missing" ? r.progress : 1), 0) / requirements.length) * 100);
  const nextSteps = requirements
    .filter((r) => r.status !== "met")
    .sort((a, b) => (a.status === "expiring" ? -1 : 0) - (b.status === "expiring" ? -1 : 0) || b.progress - a.progress)
    .slice(0, 3)
    .map((r) => (r.status === "expiring" ? `Renew before ${r.expiresOn}: ${r.label}` : `${r.label}: ${r.reason}`));
  return { track: track.code, trackName: track.name, level: level.code, levelName: level.name, eligible, percent: eligible ? 100 : Math.min(percent, 99), requirements, nextSteps };
}

/** The person's level in force in a track on a day, if any. */
export function currentLevel(facts: PersonFacts, track: TrackDef, today: IsoDate): LevelDef | undefined {
  const held = facts.levels.find((l) => l.track === track.code && isLevelInForce(l, today));
  return held ? track.levels.find((l) => l.code === held.level) : undefined;
}

/** The level after the current one in a track (the first level when the person has none there). */
export function nextLevel(facts: PersonFacts, track: TrackDef, today: IsoDate): LevelDef | undefined {
  const ordered = [...track.levels].sort((a, b) => a.rank - b.rank);
  const current = currentLevel(facts, track, today);
  return current ? ordered.find((l) => l.rank > current.rank) : ordered[0];
}

/** Next steps on every track the person is on, and on the core track always. */
export function evaluateNext(facts: PersonFacts, ctx: EngineContext, today: IsoDate): Eligibility[] {
  const results: Eligibility[] = [];
  for (const track of ctx.framework.tracks) {
    const onTrack = facts.levels.some((l) => l.track === track.code && isLevelInForce(l, today));
    if (!onTrack && track.kind !== "core") continue;
    const next = nextLevel(facts, track, today);
    if (next) results.push(evaluateLevel(facts, track, next, ctx, today));
  }
  return results;
}
