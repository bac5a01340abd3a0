import { AppError } from "../../lib/errors.ts";
import type { AuditActor } from "../audit/index.ts";
import { can, type Actor, type RecordPolicy, recordPolicies } from "./policy.ts";

export * from "./policy.ts";
export { signIn } from "./sign-in.ts";
export { requestPasswordReset, confirmPasswordReset } from "./password-reset.ts";
export { findSessionActor, deleteSession } from "./sessions.ts";
export { hashPassword, verifyPassword, assertPasswordStrength } from "./passwords.ts";
export { inviteAccount } from "./invite-account.ts";

/** Throws FORBIDDEN unless the record policy allows the actor. */
export function authorize<P extends RecordPolicy>(actor: Actor, policy: P, record: Parameters<(typeof recordPolicies)[P]>[1]): void {
  if (!can(actor, policy, record)) throw new AppError("FORBIDDEN", "You do not have access to this record");
}

export function auditActorOf(actor: Actor): AuditActor {
  return { orgId: actor.orgId, personId: actor.personId, label: `${actor.name} <${actor.email}>` };
}
