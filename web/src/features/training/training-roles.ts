import type { Role } from "../../roles.ts";

/** Who manages trainings: assigns them, records completions, schedules learning weeks, reads the site matrix (managers for their sites). */
export const TRAINING_MANAGER_ROLES: readonly Role[] = ["manager", "admin"];
