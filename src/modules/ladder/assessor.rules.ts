import type { Role } from "../../db/schema.ts";
import type { AssessorRule, CompetencyDef } from "./framework.types.ts";

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
