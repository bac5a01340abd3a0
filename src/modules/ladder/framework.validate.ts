/**
 * Structural validation of a ladder framework. Pure: takes a definition, returns every problem
 * found (an empty list means the framework can be published). Paths use the definition's own
 * structure, e.g. `tracks[0].levels[1].requirements[3].competency`.
 *
 * Certification codes are not checked against a catalog (organizations may add their own
 * credentials); only an empty `anyOf` is a problem.
 */
import type { FrameworkDefinition, Requirement, TrackKind } from "./framework.types.ts";

export interface FrameworkProblem {
  path: string;
  message: string;
}

const CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TRACK_KINDS: readonly TrackKind[] = ["core", "clinical", "management", "cross-training"];
/** Requirements that show mastery; a level needs at least one (tenure and prerequisites alone never suffice). */
const MASTERY_KINDS: ReadonlySet<Requirement["kind"]> = new Set(["certification", "competency", "kpi", "evaluation", "training", "mentoring"]);
const EVALUATION_SCALE = { min: 1, max: 4 };

const isPositiveInteger = (value: unknown): boolean => typeof value === "number" && Number.isInteger(value) && value > 0;
const isBlank = (value: unknown): boolean => typeof value !== "string" || value.trim() === "";

export function validateFramework(def: FrameworkDefinition): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const checkCode = (code: unknown, path: string, what: string) => {
    if (isBlank(code)) add(path, `${what} code is empty`);
    else if (!CODE_PATTERN.test(code as string)) add(path, `${what} code "${String(code)}" is not kebab-case (lowercase letters, digits and single hyphens)`);
  };

  if (isBlank(def.name)) add("name", "framework has no name");

  // --- Competencies -------------------------------------------------------------------------
  const competencyCodes = new Set<string>();
  (def.competencies ?? []).forEach((competency, i) => {
    const at = `competencies[${i}]`;
    checkCode(competency.code, `${at}.code`, "competency");
    if (competencyCodes.has(competency.code)) add(`${at}.code`, `duplicate competency code "${competency.code}"`);
    competencyCodes.add(competency.code);
    if (isBlank(competency.name)) add(`${at}.name`, `competency "${competency.code}" has no name`);

    const steps = competency.steps ?? [];
    if (steps.length === 0) add(`${at}.steps`, `competency "${competency.code}" has no checklist steps`);
    const stepCodes = new Set<string>();
    steps.forEach((step, j) => {
      checkCode(step.code, `${at}.steps[${j}].code`, "step");
      if (stepCodes.has(step.code)) add(`${at}.steps[${j}].code`, `duplicate step code "${step.code}" in competency "${competency.code}"`);
      stepCodes.add(step.code);
      if (isBlank(step.text)) add(`${at}.steps[${j}].text`, `step "${step.code}" of competency "${competency.code}" has no text`);
    });

    const assessors = competency.assessors ?? [];
    if (assessors.length === 0) add(`${at}.assessors`, `competency "${competency.code}" names no assessor`);
    assessors.forEach((rule, j) => {
      const path = `${at}.assessors[${j}]`;
      if (rule.kind === "peer-above") {
        if (!isPositiveInteger(rule.minRank)) add(`${path}.minRank`, `peer-above assessor needs a whole minimum rank of 1 or more, got ${String(rule.minRank)}`);
      } else if (rule.kind !== "pharmacist" && rule.kind !== "lead") {
        add(`${path}.kind`, `unknown assessor kind "${String((rule as { kind: unknown }).kind)}"`);
      }
    });

    if (competency.validityMonths !== undefined) {
      if (!isPositiveInteger(competency.validityMonths)) {
        add(`${at}.validityMonths`, `validityMonths of competency "${competency.code}" must be a positive whole number of months, got ${String(competency.validityMonths)}`);
      }
      if (isBlank(competency.validitySource)) add(`${at}.validitySource`, `competency "${competency.code}" has a validity period but does not say where it comes from`);
    }
  });

  // --- Tracks and levels: collect every "track/level" reference first ------------------------
  const levelRefs = new Set<string>();
  for (const track of def.tracks ?? []) for (const level of track.levels ?? []) levelRefs.add(`${track.code}/${level.code}`);

  const trackCodes = new Set<string>();
  const prerequisites = new Map<string, { path: string; refs: string[] }>();
  (def.tracks ?? []).forEach((track, i) => {
    const at = `tracks[${i}]`;
    checkCode(track.code, `${at}.code`, "track");
    if (trackCodes.has(track.code)) add(`${at}.code`, `duplicate track code "${track.code}"`);
    trackCodes.add(track.code);
    if (!TRACK_KINDS.includes(track.kind)) add(`${at}.kind`, `unknown track kind "${String(track.kind)}"; expected one of ${TRACK_KINDS.join(", ")}`);
    if (isBlank(track.name)) add(`${at}.name`, `track "${track.code}" has no name`);

    const levels = track.levels ?? [];
    if (levels.length === 0) add(`${at}.levels`, `track "${track.code}" has no levels`);
    const levelCodes = new Set<string>();
    levels.forEach((level, j) => {
      const lat = `${at}.levels[${j}]`;
      const self = `${track.code}/${level.code}`;
      checkCode(level.code, `${lat}.code`, "level");
      if (levelCodes.has(level.code)) add(`${lat}.code`, `duplicate level code "${level.code}" in track "${track.code}"`);
      levelCodes.add(level.code);
      if (isBlank(level.name)) add(`${lat}.name`, `level "${self}" has no name`);
      if (level.rank !== j + 1) add(`${lat}.rank`, `level "${self}" has rank ${String(level.rank)} at position ${j + 1}; ranks must run 1..${levels.length} in order`);

      const requirements = level.requirements ?? [];
      const refs: string[] = [];
      const seen = new Set<string>();
      requirements.forEach((requirement, k) => {
        const rat = `${lat}.requirements[${k}]`;
        const key = requirementKey(requirement);
        if (key !== undefined) {
          if (seen.has(key)) add(rat, `level "${self}" states the same requirement twice (${key})`);
          seen.add(key);
        }
        checkRequirement(requirement, rat, self);
        if (requirement.kind === "level") refs.push(requirement.level);
      });
      prerequisites.set(self, { path: `${lat}.requirements`, refs });

      const hasMastery = requirements.some((r) => MASTERY_KINDS.has(r.kind));
      if (!hasMastery) {
        const hasTenure = requirements.some((r) => r.kind === "tenure");
        if (requirements.length === 0) add(`${lat}.requirements`, `level "${self}" has no requirements; state what must be mastered to reach it`);
        else if (hasTenure) add(`${lat}.requirements`, `level "${self}" relies on tenure${requirements.some((r) => r.kind === "level") ? " and a level prerequisite" : ""} alone; add a certification, competency, KPI, evaluation, training or mentoring requirement (mastery first, tenure never alone)`);
        else add(`${lat}.requirements`, `level "${self}" has only level prerequisites; add a certification, competency, KPI, evaluation, training or mentoring requirement`);
      }
    });
  });

  // --- Prerequisite cycles -------------------------------------------------------------------
  for (const [start, { path }] of prerequisites) {
    const cycle = findCycle(start, prerequisites);
    if (cycle) add(path, `level prerequisites form a cycle: ${cycle.join(" → ")}`);
  }

  return problems;

  function checkRequirement(requirement: Requirement, at: string, self: string): void {
    switch (requirement.kind) {
      case "certification":
        if (!Array.isArray(requirement.anyOf) || requirement.anyOf.length === 0) add(`${at}.anyOf`, `certification requirement of level "${self}" lists no certification`);
        else requirement.anyOf.forEach((code, n) => isBlank(code) && add(`${at}.anyOf[${n}]`, `certification requirement of level "${self}" has an empty code`));
        return;
      case "competency":
        if (!competencyCodes.has(requirement.competency)) add(`${at}.competency`, `level "${self}" requires unknown competency "${requirement.competency}"`);
        if (!Number.isInteger(requirement.minProficiency) || requirement.minProficiency < 1 || requirement.minProficiency > 4) {
          add(`${at}.minProficiency`, `minProficiency must be 1, 2, 3 or 4, got ${String(requirement.minProficiency)}`);
        }
        return;
      case "kpi":
        if (isBlank(requirement.kpi)) add(`${at}.kpi`, `KPI requirement of level "${self}" has no KPI code`);
        if (requirement.comparator !== ">=" && requirement.comparator !== "<=") add(`${at}.comparator`, `KPI comparator must be ">=" or "<=", got "${String(requirement.comparator)}"`);
        if (typeof requirement.threshold !== "number" || !Number.isFinite(requirement.threshold)) add(`${at}.threshold`, `KPI threshold must be a number, got ${String(requirement.threshold)}`);
        if (!isPositiveInteger(requirement.windowMonths)) add(`${at}.windowMonths`, `KPI window must be a positive whole number of months, got ${String(requirement.windowMonths)}`);
        return;
      case "evaluation":
        if (typeof requirement.minAverage !== "number" || !(requirement.minAverage >= EVALUATION_SCALE.min && requirement.minAverage <= EVALUATION_SCALE.max)) {
          add(`${at}.minAverage`, `evaluation average must lie within ${EVALUATION_SCALE.min}..${EVALUATION_SCALE.max}, got ${String(requirement.minAverage)}`);
        }
        if (!isPositiveInteger(requirement.months)) add(`${at}.months`, `evaluation window must be a positive whole number of months, got ${String(requirement.months)}`);
        return;
      case "training":
        if (isBlank(requirement.training)) add(`${at}.training`, `training requirement of level "${self}" has no training code`);
        return;
      case "mentoring":
        if (typeof requirement.hours !== "number" || !Number.isFinite(requirement.hours) || requirement.hours <= 0) add(`${at}.hours`, `mentoring hours must be a positive number, got ${String(requirement.hours)}`);
        return;
      case "tenure":
        if (!isPositiveInteger(requirement.months)) add(`${at}.months`, `tenure must be a positive whole number of months, got ${String(requirement.months)}`);
        return;
      case "level":
        if (requirement.level === self) add(`${at}.level`, `level "${self}" requires itself`);
        else if (!levelRefs.has(requirement.level)) {
          const hint = typeof requirement.level === "string" && requirement.level.includes("/") ? "" : ' (write it as "track/level")';
          add(`${at}.level`, `level "${self}" requires unknown level "${String(requirement.level)}"${hint}`);
        }
        return;
      default:
        add(`${at}.kind`, `unknown requirement kind "${String((requirement as { kind: unknown }).kind)}"`);
    }
  }
}

/** Identity of a requirement for duplicate detection; undefined where repeating is legitimate (KPI bands, tenure). */
function requirementKey(requirement: Requirement): string | undefined {
  switch (requirement.kind) {
    case "competency":
      return `competency ${requirement.competency}`;
    case "level":
      return `level ${requirement.level}`;
    case "training":
      return `training ${requirement.training}`;
    case "certification":
      return Array.isArray(requirement.anyOf) && requirement.anyOf.length > 0 ? `certification ${[...requirement.anyOf].sort().join("|")}` : undefined;
    default:
      return undefined;
  }
}

/** The first prerequisite cycle through `start`, as a path that ends where it began, or undefined. */
function findCycle(start: string, graph: Map<string, { refs: string[] }>): string[] | undefined {
  const visited = new Set<string>();
  const walk = (node: string, trail: string[]): string[] | undefined => {
    for (const next of graph.get(node)?.refs ?? []) {
      if (next === node) continue; // a level requiring itself is reported on its own
      if (next === start) return [...trail, next];
      if (visited.has(next)) continue;
      visited.add(next);
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}
