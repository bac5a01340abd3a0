export const ROLES = ["technician", "mentor", "pharmacist", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  technician: "Technician",
  mentor: "Mentor",
  pharmacist: "Pharmacist",
  manager: "Manager",
  admin: "Administrator",
};

/** Roles that run a site or the organization and so work from the roster rather than their own record. */
export const MANAGING_ROLES: readonly Role[] = ["manager", "admin"];

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

/** Who sees team readiness (managers and admins act on it; pharmacists and mentors read it). */
export const TEAM_ROLES: readonly Role[] = ["mentor", "pharmacist", "manager", "admin"];

/** Who decides on and nominates for promotions. */
export const PROMOTION_ROLES: readonly Role[] = ["manager", "admin"];

/** Who assesses colleagues as part of their role; technicians at senior levels assess too. */
export const ASSESSOR_ROLES: readonly Role[] = ["mentor", "pharmacist", "manager", "admin"];
