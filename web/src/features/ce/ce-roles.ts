import type { Role } from "../../roles.ts";

/** Who has CE of their own to track in the navigation (anyone may open /ce). */
export const MY_CE_ROLES: readonly Role[] = ["technician", "mentor"];

/** Who sees CE compliance for their sites (managers) or the organization (admins), and imports CE. */
export const CE_COMPLIANCE_ROLES: readonly Role[] = ["manager", "admin"];
