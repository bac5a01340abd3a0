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
