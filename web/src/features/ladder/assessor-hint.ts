import type { Role } from "../../roles.ts";
import type { AssessorRule, CompetencyDef, CurrentLevel, FrameworkDefinition } from "./ladder.api.ts";

export interface Standing {
  /** Rank of the current core level, 0 without one. */
  coreRank: number;
  /** Holds the top core level or a management level. */
  isLead: boolean;
}

/** Core rank and lead status from the levels someone holds now. */
export function standingOf(framework: FrameworkDefinition, levels: readonly Pick<CurrentLevel, "track" | "level">[]): Standing {
  const core = framework.tracks.find((track) => track.kind === "core");
  const topRank = Math.max(0, ...(core?.levels.map((level) => level.rank) ?? [0]));
  let coreRank = 0;
  let isLead = false;
  for (const held of levels) {
    const track = framework.tracks.find((t) => t.code === held.track);
    const def = track?.levels.find((l) => l.code === held.level);
    if (track?.kind === "core" && def) {
      coreRank = Math.max(coreRank, def.rank);
      if (def.rank === topRank) isLead = true;
    }
    if (track?.kind === "management") isLead = true;
  }
  return { coreRank, isLead };
}

/** The core rank of a level named as the API names it (the assessable list gives names only). */
export function coreRankByName(framework: FrameworkDefinition, levelName: string | null): number {
  const core = framework.tracks.find((track) => track.kind === "core");
  return core?.levels.find((level) => level.name === levelName)?.rank ?? 0;
}

function satisfies(role: Role, assessor: Standing, rule: AssessorRule, subjectRank: number): boolean {
  if (role === "pharmacist") return true;
  switch (rule.kind) {
    case "pharmacist":
      return false;
    case "lead":
      return assessor.isLead;
    case "peer-above":
      return (assessor.isLead || assessor.coreRank >= rule.minRank) && assessor.coreRank > subjectRank;
  }
}

/**
 * Whether the signed-in assessor is expected to be allowed to sign this competency, to mark the
 * choices in the list; the server decides when the competency is opened and when it is signed.
 */
export function likelyMaySign(role: Role, assessor: Standing, competency: CompetencyDef, subjectRank: number): boolean {
  return competency.assessors.some((rule) => satisfies(role, assessor, rule, subjectRank));
}
