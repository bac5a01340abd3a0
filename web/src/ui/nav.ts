import { EXAM_PIPELINE_ROLES, ITEM_BANK_ROLES } from "../features/exam-admin/exam-roles.ts";
import { CE_COMPLIANCE_ROLES, MY_CE_ROLES } from "../features/ce/ce-roles.ts";
import { TRAINING_MANAGER_ROLES } from "../features/training/training-roles.ts";
import { EVALUATED_ROLES, EVALUATION_MANAGER_ROLES } from "../features/evaluations/evaluations.api.ts";
import { KPI_RECORD_ROLES } from "../features/kpis/kpis.api.ts";
import { MENTEE_ROLES, MENTOR_ROLES, PAIRING_ROLES } from "../features/mentoring/mentoring-roles.ts";
import { INCENTIVE_MANAGER_ROLES } from "../features/incentives/incentive-roles.ts";
import { METRICS_ROLES } from "../features/metrics/metrics-roles.ts";
import { ROTATION_MANAGER_ROLES } from "../features/rotations/rotation-roles.ts";
import { ASSESSOR_ROLES, PROMOTION_ROLES, TEAM_ROLES, type Role } from "../roles.ts";
import type { Session } from "../features/auth/auth.api.ts";

/** Navigation sections, in display order: one's own growth, the team one works with, the organization's setup. */
export const NAV_SECTIONS = ["Me", "Team", "Organization"] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

export interface NavItem {
  label: string;
  /** The heading the entry sits under; Home has none and stays on top. */
  section?: NavSection;
  to: string;
  /** Roles that see this entry; every signed-in person when omitted. */
  roles?: readonly Role[];
  /** Active only on this exact path, not on paths below it. */
  end?: boolean;
  /** Shown only when this holds for the session too (e.g. what a person does rather than their role). */
  when?: (session: Session) => boolean;
}

const me = (item: Omit<NavItem, "section">): NavItem => ({ ...item, section: "Me" });
const team = (item: Omit<NavItem, "section">): NavItem => ({ ...item, section: "Team" });
const organization = (item: Omit<NavItem, "section">): NavItem => ({ ...item, section: "Organization" });

/** The main navigation, in display order; features add their entries here. */
export const navItems: NavItem[] = [
  { label: "Home", to: "/", end: true },
  me({ label: "My ladder", to: "/ladder", end: true }),
  me({ label: "Practice exams", to: "/exams", end: true }),
  me({ label: "My CE", to: "/ce", roles: MY_CE_ROLES, end: true }),
  me({ label: "My trainings", to: "/training", end: true }),
  me({ label: "My evaluations", to: "/evaluations/mine", roles: EVALUATED_ROLES, end: true }),
  me({ label: "My KPIs", to: "/kpis", roles: EVALUATED_ROLES, end: true }),
  me({ label: "My mentor", to: "/mentoring/my-mentor", roles: MENTEE_ROLES }),
  me({ label: "My mentees", to: "/mentoring/my-mentees", when: (session) => MENTOR_ROLES.includes(session.person.role) || session.isMentor }),
  me({ label: "My rewards", to: "/rewards", end: true }),
  me({ label: "My schedule", to: "/schedule", end: true }),
  me({ label: "Notifications", to: "/notifications" }),
  team({ label: "Sign off", to: "/sign-off", roles: ASSESSOR_ROLES }),
  team({ label: "Team readiness", to: "/team", roles: TEAM_ROLES }),
  team({ label: "Evaluations", to: "/evaluations", roles: EVALUATION_MANAGER_ROLES, end: true }),
  team({ label: "Promotions", to: "/promotions", roles: PROMOTION_ROLES }),
  team({ label: "Roster", to: "/people", roles: ["pharmacist", "manager", "admin"] }),
  team({ label: "Training assignments", to: "/training/assignments", roles: TRAINING_MANAGER_ROLES }),
  team({ label: "Training matrix", to: "/training/matrix", roles: TRAINING_MANAGER_ROLES }),
  team({ label: "Certification pipeline", to: "/exams/pipeline", roles: EXAM_PIPELINE_ROLES }),
  team({ label: "CE compliance", to: "/ce/compliance", roles: CE_COMPLIANCE_ROLES }),
  team({ label: "Mentor pairings", to: "/mentoring/pairings", roles: PAIRING_ROLES }),
  team({ label: "Program metrics", to: "/metrics", roles: METRICS_ROLES }),
  team({ label: "Rotations", to: "/rotations", roles: ROTATION_MANAGER_ROLES }),
  organization({ label: "Item bank", to: "/exams/bank", roles: ITEM_BANK_ROLES }),
  organization({ label: "Reported items", to: "/exams/flags", roles: ITEM_BANK_ROLES }),
  organization({ label: "Import roster", to: "/roster/import", roles: ["admin"] }),
  organization({ label: "Import KPIs", to: "/kpis/import", roles: KPI_RECORD_ROLES }),
  organization({ label: "KPI imports", to: "/kpis/imports", roles: KPI_RECORD_ROLES }),
  organization({ label: "KPI definitions", to: "/kpis/definitions", roles: ["admin"] }),
  organization({ label: "Evaluation form", to: "/evaluations/template", roles: ["admin"] }),
  organization({ label: "Ladder framework", to: "/ladder/framework", roles: ["admin"] }),
  organization({ label: "Incentives", to: "/incentives", roles: INCENTIVE_MANAGER_ROLES }),
  organization({ label: "Audit log", to: "/audit", roles: ["admin"] }),
];
