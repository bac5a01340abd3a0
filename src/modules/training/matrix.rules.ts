/**
 * The training matrix: people × skills (certifications, trainings, competencies) with a status
 * each, built from loaded facts. Pure. Credential and sign-off states come from the ladder's own
 * rules (`holdingState`, the competency standing), never re-derived here.
 */
import type { IsoDate } from "../../lib/dates.ts";
import type { CertificationDef } from "../certifications/catalog.ts";
import { holdingState, type Holding } from "../certifications/certifications.rules.ts";
import { currentLevel, nextLevel, type PersonFacts } from "../ladder/eligibility.rules.ts";
import type { CompetencyDef, FrameworkDefinition, LevelDef, Proficiency } from "../ladder/framework.types.ts";
import type { competencyStanding as CompetencyStandingFn } from "../ladder/ladder-views.ts";
import { completionState, type AssignmentStatus } from "./training.rules.ts";

export type MatrixStatus = "not-started" | "in-training" | "qualified" | "expiring" | "expired";

export const MATRIX_STATUSES: readonly MatrixStatus[] = ["qualified", "expiring", "in-training", "expired", "not-started"];

/**
 * How each status looks, on screen and in the XLSX export alike: a light fill with text at 4.5:1
 * or better on it, and a label, so that colour is never the only signal.
 */
export const MATRIX_STATUS_STYLE: Record<MatrixStatus, { label: string; fill: string; text: string; description: string }> = {
  qualified: { label: "Qualified", fill: "#D3F0DA", text: "#0B5D1E", description: "Held, completed or signed off at the level needed, and current" },
  expiring: { label: "Expiring", fill: "#FFE8A3", text: "#5C3C00", description: "Current, but expires within 90 days: renew or re-evaluate" },
  "in-training": { label: "In training", fill: "#D6E4FF", text: "#0B3D91", description: "Assigned, started, signed below the level needed, or awaiting verification" },
  expired: { label: "Expired", fill: "#F8D0D4", text: "#7A1520", description: "Was current and has lapsed" },
  "not-started": { label: "Not started", fill: "#EEF0F2", text: "#343A40", description: "Nothing recorded yet" },
};

/** A gap: needed by the person's current level (or an overdue assignment) and not current. Drawn with this border and marked "Gap". */
export const GAP_STYLE = { border: "#B00020", label: "Gap", description: "Needed for the person's current level, or assigned and overdue, and not current" };

export type SkillKind = "certification" | "training" | "competency";

export const SKILL_KINDS: readonly SkillKind[] = ["certification", "training", "competency"];

export interface MatrixSkill {
  key: string;
  kind: SkillKind;
  name: string;
  /** The competency or training code, or the certification codes any one of which counts. */
  codes: string[];
}

export type Need = "current-level" | "assigned" | "next-level";

export interface MatrixCell {
  status: MatrixStatus;
  /** Why the person needs this skill, strongest reason first; null when nothing asks for it. */
  need: Need | null;
  gap: boolean;
  detail: string;
}

export interface MatrixRow {
  personId: string;
  firstName: string;
  lastName: string;
  employeeId: string;
  /** Names of the levels in force, core first. */
  levels: string[];
  cells: MatrixCell[];
}

export interface MatrixPerson {
  personId: string;
  firstName: string;
  lastName: string;
  employeeId: string;
  facts: PersonFacts;
  /** The person's site's date. */
  today: IsoDate;
  /** Assignments covering the person that are not completed. */
  openAssignments: { programCode: string; status: AssignmentStatus; dueOn: IsoDate }[];
  /** Modules completed in the current round, by program code (programs with none may be left out). */
  moduleProgress?: ReadonlyMap<string, { completed: number; total: number }>;
}

export interface MatrixContext {
  framework: FrameworkDefinition;
  /** The organization's training programs, in display order. */
  programs: readonly { code: string; name: string }[];
  certification: (code: string) => CertificationDef | undefined;
  competencyStanding: typeof CompetencyStandingFn;
}

export interface MatrixFilter {
  /** Only people holding a level of this track today. */
  track?: string;
  /** With track: only people holding this level today. */
  level?: string;
  kinds?: readonly SkillKind[];
}

const RANK: Record<MatrixStatus, number> = { qualified: 4, expiring: 3, "in-training": 2, expired: 1, "not-started": 0 };
const isCurrent = (status: MatrixStatus) => status === "qualified" || status === "expiring";
const certificationKey = (codes: readonly string[]) => `certification:${[...codes].sort().join("+")}`;

/** The levels whose requirements apply to a person: in force on each track they are on, and next on those and on the core track. */
function levelsFor(facts: PersonFacts, framework: FrameworkDefinition, today: IsoDate): { current: LevelDef[]; next: LevelDef[] } {
  const current: LevelDef[] = [];
  const next: LevelDef[] = [];
  for (const track of framework.tracks) {
    const held = currentLevel(facts, track, today);
    if (held) current.push(held);
    if (!held && track.kind !== "core") continue;
    const after = nextLevel(facts, track, today);
    if (after) next.push(after);
  }
  return { current, next };
}

function levelNames(facts: PersonFacts, framework: FrameworkDefinition, today: IsoDate): string[] {
  const tracks = [...framework.tracks.filter((t) => t.kind === "core"), ...framework.tracks.filter((t) => t.kind !== "core")];
  return tracks.flatMap((t) => currentLevel(facts, t, today)?.name ?? []);
}

interface Needs {
  competency: Map<string, { need: Need; minProficiency: Proficiency }>;
  training: Map<string, Need>;
  certification: Map<string, { need: Need; codes: string[]; label: string }>;
}

function needsOf(levels: { current: LevelDef[]; next: LevelDef[] }, open: MatrixPerson["openAssignments"]): Needs {
  const needs: Needs = { competency: new Map(), training: new Map(), certification: new Map() };
  const add = (level: LevelDef, need: Need) => {
    for (const r of level.requirements) {
      if (r.kind === "competency") {
        const had = needs.competency.get(r.competency);
        // The level the person holds sets the bar; a next level only where nothing current asks.
        if (!had || (had.need === need && r.minProficiency > had.minProficiency)) needs.competency.set(r.competency, { need, minProficiency: r.minProficiency });
      } else if (r.kind === "training") {
        if (!needs.training.has(r.training)) needs.training.set(r.training, need);
      } else if (r.kind === "certification") {
        const key = certificationKey(r.anyOf);
        if (!needs.certification.has(key)) needs.certification.set(key, { need, codes: [...r.anyOf], label: r.label ?? "" });
      }
    }
  };
  for (const level of levels.current) add(level, "current-level");
  for (const a of open) if (!needs.training.has(a.programCode)) needs.training.set(a.programCode, "assigned");
  for (const level of levels.next) add(level, "next-level");
  return needs;
}

function certificationCell(codes: readonly string[], holdings: readonly Holding[], ctx: MatrixContext, today: IsoDate): { status: MatrixStatus; detail: string } {
  let best: { status: MatrixStatus; detail: string } = { status: "not-started", detail: "Not held" };
  for (const h of holdings) {
    if (!codes.includes(h.certificationCode)) continue;
    const def = ctx.certification(h.certificationCode);
    const name = def?.name ?? h.certificationCode;
    const state = holdingState(h, def, today);
    if (state === "rejected") continue;
    let cell: { status: MatrixStatus; detail: string };
    if (state === "expired") cell = { status: "expired", detail: `${name} expired on ${h.expiresOn ?? "its cycle end"}` };
    else if (h.verificationStatus !== "verified") cell = { status: "in-training", detail: `${name} recorded, awaiting verification` };
    else cell = { status: state === "expiring" ? "expiring" : "qualified", detail: h.expiresOn ? `${name}, valid until ${h.expiresOn}` : `${name} held` };
    if (RANK[cell.status] > RANK[best.status]) best = cell;
  }
  return best;
}

function trainingCell(
  code: string,
  facts: PersonFacts,
  open: MatrixPerson["openAssignments"],
  today: IsoDate,
  progress: { completed: number; total: number } | undefined,
): { status: MatrixStatus; detail: string; overdue: boolean } {
  const done = facts.trainings.filter((t) => t.training === code).sort((a, b) => (a.completedOn < b.completedOn ? 1 : -1));
  const current = done.find((t) => completionState(t, today) !== "expired");
  const assignment = open.filter((a) => a.programCode === code).sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))[0];
  const overdue = assignment?.status === "overdue";
  if (current) {
    const state = completionState(current, today);
    return { status: state === "expiring" ? "expiring" : "qualified", detail: `Completed ${current.completedOn}${current.expiresOn ? `, valid until ${current.expiresOn}` : ""}`, overdue: false };
  }
  const due = assignment ? (overdue ? `overdue since ${assignment.dueOn}` : `due ${assignment.dueOn}`) : "";
  const modules = progress && progress.completed > 0 ? `${progress.completed} of ${progress.total} modules completed` : "";
  if (done[0]) return { status: "expired", detail: `Expired on ${done[0].expiresOn}${due ? `; retraining ${due}` : ""}${modules ? `; ${modules}` : ""}`, overdue };
  if (assignment) return { status: "in-training", detail: `${assignment.status === "in-progress" || modules ? "Started" : "Assigned"}, ${due}${modules ? `; ${modules}` : ""}`, overdue };
  // Modules completed without an assignment: under way all the same.
  if (modules) return { status: "in-training", detail: modules, overdue: false };
  return { status: "not-started", detail: "Not completed", overdue: false };
}

function competencyCell(def: CompetencyDef, facts: PersonFacts, minProficiency: number, ctx: MatrixContext, today: IsoDate): { status: MatrixStatus; detail: string } {
  const standing = ctx.competencyStanding(def, facts.signoffs, today);
  const at = standing.proficiency !== null ? `signed at ${standing.proficiency}` : "";
  switch (standing.status) {
    case "valid":
    case "expiring":
      if ((standing.proficiency ?? 0) < minProficiency) return { status: "in-training", detail: `Signed at ${standing.proficiency}; needs ${minProficiency}` };
      return { status: standing.status === "valid" ? "qualified" : "expiring", detail: `Signed at ${standing.proficiency} on ${standing.signedOn}${standing.validUntil ? `, valid until ${standing.validUntil}` : ""}` };
    case "expired":
      return { status: "expired", detail: `Sign-off ${at} expired on ${standing.validUntil}` };
    case "in-progress":
      return { status: "in-training", detail: `${standing.stepsSigned} of ${standing.stepsTotal} checklist steps signed` };
    default:
      return { status: "not-started", detail: "Not signed off" };
  }
}

/** Whether a person holds, on the day, a level of the track (and the level) the filter names. */
function matchesFilter(facts: PersonFacts, framework: FrameworkDefinition, filter: MatrixFilter, today: IsoDate): boolean {
  if (!filter.track) return true;
  const track = framework.tracks.find((t) => t.code === filter.track);
  const held = track ? currentLevel(facts, track, today) : undefined;
  return Boolean(held) && (!filter.level || held!.code === filter.level);
}

/**
 * The matrix for the people given: a column for every skill the levels they hold or reach for
 * next ask for, every training assigned or completed, every credential held and every competency
 * signed; a row per person with each cell's status, why they need it, and whether it is a gap.
 */
export function buildMatrix(people: readonly MatrixPerson[], ctx: MatrixContext, filter: MatrixFilter = {}): { skills: MatrixSkill[]; rows: MatrixRow[] } {
  const kinds = new Set(filter.kinds && filter.kinds.length ? filter.kinds : SKILL_KINDS);
  const shown = people
    .filter((p) => matchesFilter(p.facts, ctx.framework, filter, p.today))
    .sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName));
  const perPerson = shown.map((p) => ({ person: p, needs: needsOf(levelsFor(p.facts, ctx.framework, p.today), p.openAssignments) }));

  // Columns: what anyone shown needs or has.
  const certificationColumns = new Map<string, MatrixSkill>();
  const trainingCodes = new Set<string>();
  const competencyCodes = new Set<string>();
  for (const { person, needs } of perPerson) {
    for (const [key, need] of needs.certification) {
      if (!certificationColumns.has(key)) certificationColumns.set(key, { key, kind: "certification", codes: need.codes, name: need.label || need.codes.map((c) => ctx.certification(c)?.name ?? c).join(" or ") });
    }
    for (const code of needs.training.keys()) trainingCodes.add(code);
    for (const code of needs.competency.keys()) competencyCodes.add(code);
    for (const t of person.facts.trainings) trainingCodes.add(t.training);
    for (const s of person.facts.signoffs) competencyCodes.add(s.competency);
  }
  for (const { person } of perPerson) {
    for (const h of person.facts.certifications) {
      if (h.verificationStatus === "rejected") continue;
      if ([...certificationColumns.values()].some((c) => c.codes.includes(h.certificationCode))) continue;
      const key = certificationKey([h.certificationCode]);
      certificationColumns.set(key, { key, kind: "certification", codes: [h.certificationCode], name: ctx.certification(h.certificationCode)?.name ?? h.certificationCode });
    }
  }
  const programOrder = new Map(ctx.programs.map((p, i) => [p.code, i]));
  const skills: MatrixSkill[] = [];
  if (kinds.has("certification")) skills.push(...certificationColumns.values());
  if (kinds.has("training")) {
    const codes = [...trainingCodes].sort((a, b) => (programOrder.get(a) ?? 1e9) - (programOrder.get(b) ?? 1e9) || a.localeCompare(b));
    skills.push(...codes.map((code) => ({ key: `training:${code}`, kind: "training" as const, codes: [code], name: ctx.programs.find((p) => p.code === code)?.name ?? code })));
  }
  if (kinds.has("competency")) {
    skills.push(
      ...ctx.framework.competencies.filter((c) => competencyCodes.has(c.code)).map((c) => ({ key: `competency:${c.code}`, kind: "competency" as const, codes: [c.code], name: c.name })),
    );
  }

  const rows = perPerson.map(({ person, needs }) => {
    const { facts, today } = person;
    const cells = skills.map((skill): MatrixCell => {
      if (skill.kind === "certification") {
        const need = needs.certification.get(skill.key)?.need ?? null;
        const cell = certificationCell(skill.codes, facts.certifications, ctx, today);
        return { ...cell, need, gap: need === "current-level" && !isCurrent(cell.status) };
      }
      if (skill.kind === "training") {
        const code = skill.codes[0];
        const need = needs.training.get(code) ?? null;
        const { overdue, ...cell } = trainingCell(code, facts, person.openAssignments, today, person.moduleProgress?.get(code));
        return { ...cell, need, gap: (need === "current-level" && !isCurrent(cell.status)) || overdue };
      }
      const def = ctx.framework.competencies.find((c) => c.code === skill.codes[0])!;
      const wanted = needs.competency.get(def.code);
      const cell = competencyCell(def, facts, wanted?.minProficiency ?? 3, ctx, today);
      return { ...cell, need: wanted?.need ?? null, gap: wanted?.need === "current-level" && !isCurrent(cell.status) };
    });
    return { personId: person.personId, firstName: person.firstName, lastName: person.lastName, employeeId: person.employeeId, levels: levelNames(facts, ctx.framework, today), cells };
  });
  return { skills, rows };
}

/** Counts per status and of gaps, for a summary line. */
export function matrixCounts(rows: readonly MatrixRow[]): Record<MatrixStatus, number> & { gaps: number } {
  const counts = { qualified: 0, expiring: 0, "in-training": 0, expired: 0, "not-started": 0, gaps: 0 };
  for (const row of rows) {
    for (const cell of row.cells) {
      counts[cell.status]++;
      if (cell.gap) counts.gaps++;
    }
  }
  return counts;
}

/** The text of a cell in exports: its status label, with "Gap" when it is one. */
export function cellText(cell: MatrixCell): string {
  const label = MATRIX_STATUS_STYLE[cell.status].label;
  return cell.gap ? `${label} (${GAP_STYLE.label})` : label;
}

