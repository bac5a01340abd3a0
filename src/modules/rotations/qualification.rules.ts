import { compareDates, type IsoDate } from "../../lib/dates.ts";
import type { CertificationDef } from "../certifications/index.ts";
import { evaluateLevel, type PersonFacts } from "../ladder/eligibility.rules.ts";
import type { FrameworkDefinition, LevelDef, Proficiency, Requirement, TrackDef } from "../ladder/framework.types.ts";

/** What a station asks of whoever works it: every competency at its proficiency, and one certification of each group. */
export interface StationRequirements {
  code: string;
  name: string;
  competencies: { competency: string; minProficiency: Proficiency }[];
  certifications: { anyOf: string[] }[];
}

export interface MissingRequirement {
  label: string;
  reason: string;
  /** The last day it counted when it was held and ran out (an expired sign-off or credential); null when never held. */
  expiredOn: IsoDate | null;
}

export interface QualificationCheck {
  qualified: boolean;
  missing: MissingRequirement[];
}

function stationLevel(station: StationRequirements): { track: TrackDef; level: LevelDef } {
  const requirements: Requirement[] = [
    ...station.competencies.map((c): Requirement => ({ kind: "competency", competency: c.competency, minProficiency: c.minProficiency })),
    ...station.certifications.map((c): Requirement => ({ kind: "certification", anyOf: c.anyOf })),
  ];
  const level: LevelDef = { code: station.code, name: station.name, rank: 1, summary: "", duties: [], requirements };
  return { track: { code: "station", name: station.name, kind: "cross-training", description: "", levels: [level] }, level };
}

/**
 * Whether a person is qualified for a station on a day: each required sign-off and credential
 * counts on that day by the ladder's own rules (a sign-off through its valid-until date, a verified
 * credential through its expiry), so one that runs out mid-plan stops counting from the next day.
 */
export function qualificationOn(
  facts: PersonFacts,
  station: StationRequirements,
  framework: FrameworkDefinition,
  day: IsoDate,
  certification?: (code: string) => CertificationDef | undefined,
): QualificationCheck {
  if (station.competencies.length === 0 && station.certifications.length === 0) return { qualified: true, missing: [] };
  const { track, level } = stationLevel(station);
  const result = evaluateLevel(facts, track, level, { framework, certification }, day);
  const missing = result.requirements
    .filter((r) => r.status === "missing")
    .map((r) => ({ label: r.label, reason: r.reason, expiredOn: r.expiresOn !== null && compareDates(r.expiresOn, day) < 0 ? r.expiresOn : null }));
  return { qualified: missing.length === 0, missing };
}
