import type { Role } from "../../roles.ts";

/** Who pairs mentors with mentees: managers (their sites) and admins. */
export const PAIRING_ROLES: readonly Role[] = ["manager", "admin"];
/** Who has "My mentor" in the navigation. */
export const MENTEE_ROLES: readonly Role[] = ["technician", "mentor"];
/** Who always has "My mentees" in the navigation; anyone else with an active pairing as mentor (session.isMentor) has it too. */
export const MENTOR_ROLES: readonly Role[] = ["mentor"];
