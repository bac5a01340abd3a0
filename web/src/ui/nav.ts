import { EXAM_PIPELINE_ROLES, ITEM_BANK_ROLES } from "../features/exam-admin/exam-roles.ts";
import { CE_COMPLIANCE_ROLES, MY_CE_ROLES } from "../features/ce/ce-roles.ts";
import { TRAINING_MANAGER_ROLES } from "../features/training/training-roles.ts";
import { EVALUATED_ROLES, EVALUATION_MANAGER_ROLES } from "../features/evaluations/evaluations.api.ts";
import { KPI_RECORD_ROLES } from "../features/kpis/kpis.api.ts";
import { MENTEE_ROLES, MENTOR_ROLES, PAIRING_ROLES } from "../features/mentoring/mentoring-roles.ts";
import { INCENTIVE_MANAGER_ROLES } from "../features/incentives/incentive-roles.ts";
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
  { label: "Practice exams", to: "/exams", end: true },
  { label: "My CE", to: "/ce", roles: MY_CE_ROLES, end: true },
  { label: "My trainings", to: "/training", end: true },
  { label: "My evaluations", to: "/evaluations/mine", roles: EVALUATED_ROLES, end: true },
  { label: "My KPIs", to: "/kpis", roles: EVALUATED_ROLES, end: true },
  { label: "My mentor", to: "/mentoring/my-mentor", roles: MENTEE_ROLES },
  { label: "My mentees", to: "/mentoring/my-mentees", roles: MENTOR_ROLES },
  { label: "My rewards", to: "/rewards", end: true },
  { label: "Sign off", to: "/sign-off", roles: ASSESSOR_ROLES },
  { label: "Team readiness", to: "/team", roles: TEAM_ROLES },
  { label: "Evaluations", to: "/evaluations", roles: EVALUATION_MANAGER_ROLES, end: true },
  { label: "Promotions", to: "/promotions", roles: PROMOTION_ROLES },
  { label: "Roster", to: "/people", roles: ["pharmacist", "manager", "admin"] },
  { label: "Training assignments", to: "/training/assignments", roles: TRAINING_MANAGER_ROLES },
  { label: "Training matrix", to: "/training/matrix", roles: TRAINING_MANAGER_ROLES },
  { label: "Certification pipeline", to: "/exams/pipeline", roles: EXAM_PIPELINE_ROLES },
  { label: "CE compliance", to: "/ce/compliance", roles: CE_COMPLIANCE_ROLES },
  { label: "Item bank", to: "/exams/bank", roles: ITEM_BANK_ROLES },
  { label: "Reported items", to: "/exams/flags", roles: ITEM_BANK_ROLES },
  { label: "Import roster", to: "/roster/import", roles: ["admin"] },
  { label: "Import KPIs", to: "/kpis/import", roles: KPI_RECORD_ROLES },
  { label: "KPI definitions", to: "/kpis/definitions", roles: ["admin"] },
  { label: "Ladder framework", to: "/ladder/framework", roles: ["admin"] },
  { label: "Mentor pairings", to: "/mentoring/pairings", roles: PAIRING_ROLES },
  { label: "Incentives", to: "/incentives", roles: INCENTIVE_MANAGER_ROLES },
  { label: "Audit log", to: "/audit", roles: ["admin"] },
];
