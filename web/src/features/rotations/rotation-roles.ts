import type { Role } from "../../roles.ts";

/** Who plans rotations, decides leave and backfills (managers for their sites, admins for all). */
export const ROTATION_MANAGER_ROLES: readonly Role[] = ["manager", "admin"];
