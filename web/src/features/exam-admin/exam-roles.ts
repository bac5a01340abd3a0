import type { Role } from "../../roles.ts";

/** Who sees the certification pipeline (managers and admins act on it; pharmacists read it). The API's policy is exams.pipeline. */
export const EXAM_PIPELINE_ROLES: readonly Role[] = ["pharmacist", "manager", "admin"];

/** Who reads the item bank and reviews drafts and reports (exams.bank.read, exams.bank.review); only admins write (exams.bank.write). */
export const ITEM_BANK_ROLES: readonly Role[] = ["pharmacist", "admin"];
