import type { Role } from "../../db/schema.ts";

/** Minutes of confirmed sessions as hours (what the "hours of mentoring" requirement counts). Pure. */
export function mentoringHours(sessions: { durationMinutes: number; confirmed: boolean }[]): number {
  return sessions.reduce((sum, s) => sum + (s.confirmed ? s.durationMinutes : 0), 0) / 60;
}

/**
 * Who may mentor: someone with the mentor role, or a colleague at a level at least as high as the
 * lowest core level that asks for mentoring hours (Lead in the default framework). Never oneself.
 */
export function canMentor(mentor: { id: string; role: Role; coreRank: number | null }, menteeId: string, leadRank: number | null): { allowed: boolean; reason?: string } {
  if (mentor.id === menteeId) return { allowed: false, reason: "A person cannot mentor themself" };
  if (mentor.role === "mentor") return { allowed: true };
  if (leadRank !== null && mentor.coreRank !== null && mentor.coreRank >= leadRank) return { allowed: true };
  return { allowed: false, reason: "The mentor must have the mentor role or hold a Lead-level position" };
}

/** A session the mentor logs counts at once; one the mentee logs waits for the mentor to confirm it. */
export function isConfirmedOnLogging(loggedBy: string, mentorId: string): boolean {
  return loggedBy === mentorId;
}
