import type { Role } from "../roles.ts";

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
  { label: "Roster", to: "/people", roles: ["pharmacist", "manager", "admin"] },
  { label: "Import roster", to: "/roster/import", roles: ["admin"] },
  { label: "Audit log", to: "/audit", roles: ["admin"] },
];
