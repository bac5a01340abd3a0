import type { Role } from "../../db/schema.ts";
import type { IsoDate } from "../../lib/dates.ts";
import { isLevelInForce, type LevelHeld } from "./eligibility.rules.ts";
import type { AssessorRule, CompetencyDef, FrameworkDefinition } from "./framework.types.ts";

export interface AssessorFacts {
  personId: string;
  role: Role;
  /** Rank of the assessor's current core level (0 without one). */
  coreRank: number;
  /** Holds a lead level (core Lead or management Lead Technician). */
  isLead: boolean;
}

export interface SubjectFacts {
  personId: string;
  coreRank: number;
}

/** The core rank and lead status a person has on a day, from the levels in force then. Pure. */
export function levelStanding(framework: FrameworkDefinition, levels: readonly LevelHeld[], today: IsoDate): { coreRank: number; isLead: boolean } {
  const core = framework.tracks.find((t) => t.kind === "core");
  const topRank = Math.max(0, ...(core?.levels.map((l) => l.rank) ?? [0]));
  let coreRank = 0;
  let isLead = false;
  for (const level of levels) {
    if (!isLevelInForce(level, today)) continue;
    const track = framework.tracks.find((t) => t.code === level.track);
    const def = track?.levels.find((l) => l.code === level.level);
    if (track?.kind === "core" && def) {
      coreRank = Math.max(coreRank, def.rank);
      if (def.rank === topRank) isLead = true;
    }
    if (track?.kind === "management") isLead = true;
  }
  return { coreRank, isLead };
}

function satisfies(assessor: AssessorFacts, rule: AssessorRule, subject: SubjectFacts): boolean {
  // A pharmacist supervises every technician task, so a pharmacist meets every assessor rule.
  if (assessor.role === "pharmacist") return true;
  switch (rule.kind) {
    case "pharmacist":
      return false;
    case "lead":
      return assessor.isLead;
    case "peer-above":
      return (assessor.isLead || assessor.coreRank >= rule.minRank) && assessor.coreRank > subject.coreRank;
  }
}

/** Whether this assessor may sign this competency off for this person, and if not, why. Pure. */
export function canSignOff(assessor: AssessorFacts, competency: CompetencyDef, subject: SubjectFacts): { allowed: boolean; reason: string | null } {
  if (assessor.personId === subject.personId) return { allowed: false, reason: "Nobody signs off their own competency" };
  if (competency.assessors.some((rule) => satisfies(assessor, rule, subject))) return { allowed: true, reason: null };
  return { allowed: false, reason: `${competency.name} is assessed by ${describeAssessors(competency.assessors)}` };
}

export function describeAssessors(rules: AssessorRule[]): string {
  const parts = rules.map((rule) =>
    rule.kind === "pharmacist" ? "a pharmacist" : rule.kind === "lead" ? "a lead technician" : `a technician at level ${rule.minRank} or above, senior to the person assessed`,
  );
  return parts.length === 1 ? `${parts[0]} only` : parts.join(" or ");
}
