import type { Role } from "../../roles.ts";

/** Who sees program metrics: managers for their sites, admins for the organization. */
export const METRICS_ROLES: readonly Role[] = ["manager", "admin"];
