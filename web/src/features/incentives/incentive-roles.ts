import type { Role } from "../../roles.ts";

/** Who sees the incentive rules, the ledger, reimbursement approvals and the payroll export. */
export const INCENTIVE_MANAGER_ROLES: readonly Role[] = ["manager", "admin"];
