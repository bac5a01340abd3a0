import { ASSESSOR_ROLES, PROMOTION_ROLES, TEAM_ROLES, type Role } from "../roles.ts";

export interface NavItem {
  label: string;
  to: string;
  /** Roles that see this entry; every signed-in person when omitted. */
  roles?: readonly Role[];
  /** Active only on this exact path, not on paths below it. */
  end?: boolean;
}

/** The main navigation, in display order; features add their entries here. */
export const navItems: NavItem[] = [
  { label: "Home", to: "/", end: true },
  { label: "My ladder", to: "/ladder", end: true },
  { label: "Sign off", to: "/sign-off", roles: ASSESSOR_ROLES },
  { label: "Team readiness", to: "/team", roles: TEAM_ROLES },
  { label: "Promotions", to: "/promotions", roles: PROMOTION_ROLES },
  { label: "Roster", to: "/people", roles: ["pharmacist", "manager", "admin"] },
  { label: "Import roster", to: "/roster/import", roles: ["admin"] },
  { label: "Ladder framework", to: "/ladder/framework", roles: ["admin"] },
  { label: "Audit log", to: "/audit", roles: ["admin"] },
];
