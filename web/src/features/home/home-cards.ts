import type { Role } from "../../roles.ts";

export interface HomeCard {
  title: string;
  description: string;
  to: string;
  /** Roles that see this card; every signed-in person when omitted. */
  roles?: readonly Role[];
  /** Opened as a plain link (downloads, server pages) instead of inside the app. */
  isExternal?: boolean;
}

/** The home page's shortcuts, in display order; features add their cards here. */
export const homeCards: HomeCard[] = [
  {
    title: "Roster",
    description: "Find people, see employment history and record transfers, leave and separations.",
    to: "/people",
    roles: ["manager", "admin"],
  },
  {
    title: "Import roster",
    description: "Load or update people from your HR system's CSV export. Nothing is half-imported.",
    to: "/roster/import",
    roles: ["admin"],
  },
  {
    title: "Audit log",
    description: "Every record change, in a tamper-evident chain you can verify and export.",
    to: "/audit",
    roles: ["admin"],
  },
];
