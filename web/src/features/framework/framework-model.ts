import type {
  CompetencyDef,
  FrameworkDefinition,
  LevelDef,
  Requirement,
  RequirementKind,
  TrackDef,
} from "./framework.api.ts";

export const REQUIREMENT_KINDS: readonly { kind: RequirementKind; label: string; hint: string }[] = [
  { kind: "certification", label: "Certification", hint: "Any one of the chosen credentials, active and not expired" },
  { kind: "competency", label: "Competency", hint: "A competency signed off at a minimum proficiency" },
  { kind: "kpi", label: "KPI", hint: "A performance measure at or above (or below) a threshold" },
  { kind: "evaluation", label: "Evaluation", hint: "An average performance evaluation score" },
  { kind: "training", label: "Training", hint: "A training course completed" },
  { kind: "mentoring", label: "Mentoring", hint: "Hours spent mentoring others" },
  { kind: "tenure", label: "Tenure", hint: "Time in role; never the only requirement" },
  { kind: "level", label: "Level prerequisite", hint: "A level held first" },
];

export function requirementKindLabel(kind: RequirementKind): string {
  return REQUIREMENT_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

/** Requirements that show mastery; a level needs at least one (tenure and prerequisites alone never suffice). */
export const MASTERY_KINDS: ReadonlySet<RequirementKind> = new Set(["certification", "competency", "kpi", "evaluation", "training", "mentoring"]);

export function hasMastery(level: LevelDef): boolean {
  return level.requirements.some((r) => MASTERY_KINDS.has(r.kind));
}

/** "Sterile garbing & hand hygiene" → "sterile-garbing-hand-hygiene", cut at a word boundary. */
export function kebabCase(text: string, maxLength = 60): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let code = "";
  for (const word of words) {
    const next = code ? `${code}-${word}` : word;
    if (next.length > maxLength && code) break;
    code = next.slice(0, maxLength);
  }
  return code;
}

/** A code not yet in `taken`: the base itself, or base-2, base-3… */
export function uniqueCode(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root = base || "item";
  if (!used.has(root)) return root;
  for (let n = 2; ; n++) if (!used.has(`${root}-${n}`)) return `${root}-${n}`;
}

export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** Levels renumbered 1..n in list order, as the framework requires. */
export function reranked(levels: readonly LevelDef[]): LevelDef[] {
  return levels.map((level, i) => (level.rank === i + 1 ? level : { ...level, rank: i + 1 }));
}

export function levelRef(track: TrackDef, level: LevelDef): string {
  return `${track.code}/${level.code}`;
}

/** A sensible new requirement of a kind for a level, avoiding what the level already asks for. */
export function newRequirement(kind: RequirementKind, definition: FrameworkDefinition, trackIndex: number, levelIndex: number): Requirement {
  const track = definition.tracks[trackIndex];
  const level = track.levels[levelIndex];
  switch (kind) {
    case "certification":
      return { kind, anyOf: [] };
    case "competency": {
      const used = new Set(level.requirements.flatMap((r) => (r.kind === "competency" ? [r.competency] : [])));
      const first = definition.competencies.find((c) => !used.has(c.code));
      return { kind, competency: first?.code ?? "", minProficiency: 2 };
    }
    case "kpi":
      return { kind, kpi: "", comparator: ">=", threshold: 95, windowMonths: 6 };
    case "evaluation":
      return { kind, minAverage: 3, months: 12 };
    case "training":
      return { kind, training: "" };
    case "mentoring":
      return { kind, hours: 20 };
    case "tenure":
      return { kind, months: 6 };
    case "level": {
      const below = track.levels[levelIndex - 1];
      const fallback = definition.tracks.flatMap((t) => t.levels.map((l) => levelRef(t, l))).find((ref) => ref !== levelRef(track, level));
      return { kind, level: below ? levelRef(track, below) : (fallback ?? "") };
    }
  }
}

export function newLevel(track: TrackDef): LevelDef {
  const code = uniqueCode("new-level", track.levels.map((l) => l.code));
  return { code, name: "", rank: track.levels.length + 1, summary: "", duties: [], requirements: [] };
}

export function newCompetency(area: string): CompetencyDef {
  return { code: "", name: "", area, description: "", steps: [], assessors: [{ kind: "pharmacist" }] };
}

const trimmedOrUndefined = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

/**
 * The definition as it is sent: text trimmed, blank duty lines dropped, empty optional fields
 * left out. Editing keeps the raw text so that typing is never disturbed.
 */
export function cleanDefinition(definition: FrameworkDefinition): FrameworkDefinition {
  return {
    ...definition,
    tracks: definition.tracks.map((track) => ({
      ...track,
      levels: track.levels.map((level) => ({
        ...level,
        name: level.name.trim(),
        code: level.code.trim(),
        summary: level.summary.trim(),
        duties: level.duties.map((d) => d.trim()).filter(Boolean),
        requirements: level.requirements.map(cleanRequirement),
      })),
    })),
    competencies: definition.competencies.map((c) => {
      const cleaned: CompetencyDef = {
        code: c.code.trim(),
        name: c.name.trim(),
        area: c.area.trim(),
        description: c.description.trim(),
        steps: c.steps.map((s) => ({ code: s.code.trim(), text: s.text.trim() })),
        assessors: c.assessors,
      };
      if (c.validityMonths !== undefined) cleaned.validityMonths = c.validityMonths;
      const source = trimmedOrUndefined(c.validitySource);
      if (source !== undefined) cleaned.validitySource = source;
      const evidence = trimmedOrUndefined(c.evidence);
      if (evidence !== undefined) cleaned.evidence = evidence;
      return cleaned;
    }),
  };
}

function cleanRequirement(r: Requirement): Requirement {
  switch (r.kind) {
    case "certification": {
      const { label, ...rest } = r;
      const cleanLabel = trimmedOrUndefined(label);
      return cleanLabel ? { ...rest, label: cleanLabel } : rest;
    }
    case "kpi": {
      const { label, ...rest } = r;
      const cleanLabel = trimmedOrUndefined(label);
      return cleanLabel ? { ...rest, kpi: rest.kpi.trim(), label: cleanLabel } : { ...rest, kpi: rest.kpi.trim() };
    }
    case "training": {
      const { label, ...rest } = r;
      const cleanLabel = trimmedOrUndefined(label);
      return cleanLabel ? { ...rest, training: rest.training.trim(), label: cleanLabel } : { ...rest, training: rest.training.trim() };
    }
    default:
      return r;
  }
}

/** JSON with object keys sorted, so that the same content always gives the same text (the server stores JSONB, which reorders keys). */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** A stable text form of a definition as it would be sent, to tell whether it changed. */
export function fingerprint(definition: FrameworkDefinition | undefined): string {
  return definition ? stableJson(cleanDefinition(definition)) : "";
}
