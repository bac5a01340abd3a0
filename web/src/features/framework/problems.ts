import type { ApiFieldError } from "../../api.ts";
import type { CompetencyDef, FrameworkDefinition, Requirement } from "./framework.api.ts";

/** A problem with the framework at a path such as `tracks[0].levels[1].requirements[3].competency`. */
export interface FrameworkProblem {
  path: string;
  message: string;
}

/**
 * The server reports framework rules as `tracks[0].levels[1]…` and request-shape problems as
 * `definition.tracks.0.levels.1…`; both become the first form.
 */
export function normalizePath(field: string): string {
  return field
    .replace(/^body\./, "")
    .replace(/^definition\.?/, "")
    .replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

export function problemsFromFields(fields: readonly ApiFieldError[]): FrameworkProblem[] {
  return fields.map((f) => ({ path: normalizePath(f.field), message: f.message }));
}

/** Problems at this path or anywhere below it. */
export function problemsUnder(problems: readonly FrameworkProblem[], prefix: string): FrameworkProblem[] {
  return problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`));
}

/** The messages for exactly this path (or below it, when `below`), joined for an input's error. */
export function messageAt(problems: readonly FrameworkProblem[], path: string, below = false): string | undefined {
  const found = below ? problemsUnder(problems, path) : problems.filter((p) => p.path === path);
  return found.length ? found.map((p) => p.message).join("; ") : undefined;
}

export interface ProblemTarget {
  tab: "levels" | "competencies" | "other";
  trackIndex?: number;
  levelIndex?: number;
  competencyIndex?: number;
}

/** Where in the editor a problem's path points. */
export function problemTarget(path: string): ProblemTarget {
  const level = /^tracks\[(\d+)\](?:\.levels\[(\d+)\])?/.exec(path);
  if (level) return { tab: "levels", trackIndex: Number(level[1]), levelIndex: level[2] !== undefined ? Number(level[2]) : undefined };
  const competency = /^competencies\[(\d+)\]/.exec(path);
  if (competency) return { tab: "competencies", competencyIndex: Number(competency[1]) };
  return { tab: "other" };
}

/** A readable place for a path: "Core technician ladder › Pharmacy Technician II › requirement 3". */
export function describePath(path: string, definition: FrameworkDefinition): string {
  const parts: string[] = [];
  const target = problemTarget(path);
  if (target.tab === "levels" && target.trackIndex !== undefined) {
    const track = definition.tracks[target.trackIndex];
    parts.push(track?.name || `Track ${target.trackIndex + 1}`);
    if (target.levelIndex !== undefined) {
      parts.push(track?.levels[target.levelIndex]?.name || `Level ${target.levelIndex + 1}`);
      const requirement = /\.requirements\[(\d+)\]/.exec(path);
      if (requirement) parts.push(`requirement ${Number(requirement[1]) + 1}`);
      else if (path.endsWith(".requirements")) parts.push("requirements");
    }
  } else if (target.tab === "competencies" && target.competencyIndex !== undefined) {
    const competency = definition.competencies[target.competencyIndex];
    parts.push(`Competency ${competency?.name || competency?.code || target.competencyIndex + 1}`);
    const step = /\.steps\[(\d+)\]/.exec(path);
    if (step) parts.push(`step ${Number(step[1]) + 1}`);
  } else {
    parts.push("Framework");
  }
  return parts.join(" › ");
}

const isWholePositive = (n: number) => Number.isInteger(n) && n > 0;

/**
 * Problems the page can name before asking the server: empty required text and numbers that
 * are not numbers. The server checks everything else (and these again).
 */
export function localProblems(definition: FrameworkDefinition): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const blank = (value: string | undefined) => !value || !value.trim();

  definition.tracks.forEach((track, t) => {
    track.levels.forEach((level, l) => {
      const at = `tracks[${t}].levels[${l}]`;
      if (blank(level.name)) add(`${at}.name`, "Give the level a name");
      if (blank(level.code)) add(`${at}.code`, "Give the level a code");
      level.requirements.forEach((r, k) => checkRequirement(r, `${at}.requirements[${k}]`, add));
    });
  });
  definition.competencies.forEach((c, i) => checkCompetency(c, `competencies[${i}]`, add));
  return problems;

  function checkCompetency(c: CompetencyDef, at: string, push: typeof add) {
    if (blank(c.name)) push(`${at}.name`, "Give the competency a name");
    if (blank(c.code)) push(`${at}.code`, "Give the competency a code");
    if (blank(c.area)) push(`${at}.area`, "Name the area the competency belongs to");
    c.steps.forEach((s, j) => {
      if (blank(s.text)) push(`${at}.steps[${j}].text`, "Describe the step");
      if (blank(s.code)) push(`${at}.steps[${j}].code`, "Give the step a code");
    });
    c.assessors.forEach((a, j) => {
      if (a.kind === "peer-above" && !isWholePositive(a.minRank)) push(`${at}.assessors[${j}].minRank`, "Choose the minimum rank of a peer assessor");
    });
    if (c.validityMonths !== undefined && !isWholePositive(c.validityMonths)) push(`${at}.validityMonths`, "Enter a whole number of months, or leave it empty when sign-offs do not expire");
  }
}

function checkRequirement(r: Requirement, at: string, add: (path: string, message: string) => void) {
  const notNumber = (n: number) => typeof n !== "number" || !Number.isFinite(n);
  switch (r.kind) {
    case "competency":
      if (!r.competency) add(`${at}.competency`, "Choose a competency");
      return;
    case "kpi":
      if (!r.kpi.trim()) add(`${at}.kpi`, "Enter the KPI code");
      if (notNumber(r.threshold)) add(`${at}.threshold`, "Enter the threshold as a number");
      if (!isWholePositive(r.windowMonths)) add(`${at}.windowMonths`, "Enter a whole number of months");
      return;
    case "evaluation":
      if (notNumber(r.minAverage)) add(`${at}.minAverage`, "Enter the minimum average as a number from 1 to 4");
      if (!isWholePositive(r.months)) add(`${at}.months`, "Enter a whole number of months");
      return;
    case "training":
      if (!r.training.trim()) add(`${at}.training`, "Enter the training code");
      return;
    case "mentoring":
      if (notNumber(r.hours) || r.hours <= 0) add(`${at}.hours`, "Enter a number of hours above 0");
      return;
    case "tenure":
      if (!isWholePositive(r.months)) add(`${at}.months`, "Enter a whole number of months");
      return;
    case "level":
      if (!r.level) add(`${at}.level`, "Choose the level held first");
      return;
    case "certification":
      return;
  }
}
