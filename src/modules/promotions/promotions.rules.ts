import type { PromotionKind } from "../../db/schema.ts";
import type { FrameworkDefinition } from "../ladder/framework.types.ts";

/** What a move from the current level to the target is: up the same track, down it, or onto another track. */
export function classifyMove(framework: FrameworkDefinition, from: { track: string; level: string } | null, to: { track: string; level: string }): PromotionKind {
  if (!from || from.track !== to.track) return from ? "track-change" : "promotion";
  const track = framework.tracks.find((t) => t.code === to.track);
  const rank = (code: string) => track?.levels.find((l) => l.code === code)?.rank ?? 0;
  return rank(to.level) < rank(from.level) ? "demotion" : "promotion";
}

/** Four eyes: the person who nominated never approves, and approvers are admins or managers of the person's site. */
export function canDecide(decider: { personId: string; role: string; managedSiteIds: string[] }, promotion: { nominatedBy: string; siteId: string }): { allowed: boolean; reason: string | null } {
  if (decider.personId === promotion.nominatedBy) return { allowed: false, reason: "The person who nominated cannot also approve: another manager or an admin decides" };
  if (decider.role === "admin") return { allowed: true, reason: null };
  if (decider.role === "manager" && decider.managedSiteIds.includes(promotion.siteId)) return { allowed: true, reason: null };
  return { allowed: false, reason: "Only an admin or a manager of the person's site can decide" };
}
