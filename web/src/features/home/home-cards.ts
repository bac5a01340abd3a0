import { ASSESSOR_ROLES, PROMOTION_ROLES, TEAM_ROLES, type Role } from "../../roles.ts";
import { CE_COMPLIANCE_ROLES, MY_CE_ROLES } from "../ce/ce-roles.ts";
import { TRAINING_MANAGER_ROLES } from "../training/training-roles.ts";

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
    title: "My ladder",
    description: "Where you are, what you still need for the next level, and your certifications and competencies.",
    to: "/ladder",
  },
  {
    title: "Practice exams",
    description: "PTCE practice exams, quick checks and drills, your readiness to pass, and your certification deadline.",
    to: "/exams",
    roles: ["technician"],
  },
  {
    title: "My CE",
    description: "Continuing education toward renewing your certification: hours, law and patient safety, days left. Add CE from its activity number.",
    to: "/ce",
    roles: MY_CE_ROLES,
  },
  {
    title: "My trainings",
    description: "Trainings assigned to you with their due dates, what is overdue, your learning weeks, and what you have completed.",
    to: "/training",
  },
  {
    title: "Training assignments",
    description: "Assign trainings to people, a site, a level or a track, follow who is done, record completions with evidence, schedule learning weeks.",
    to: "/training/assignments",
    roles: TRAINING_MANAGER_ROLES,
  },
  {
    title: "Training matrix",
    description: "Each site's people against their certifications, trainings and competencies, with gaps highlighted; export to XLSX or CSV.",
    to: "/training/matrix",
    roles: TRAINING_MANAGER_ROLES,
  },
  {
    title: "Sign off",
    description: "Sign off checklist steps and competencies you observed, with your password as the e-signature.",
    to: "/sign-off",
    roles: ASSESSOR_ROLES,
  },
  {
    title: "Team readiness",
    description: "Who is ready for their next level, what is missing and what expires soon.",
    to: "/team",
    roles: TEAM_ROLES,
  },
  {
    title: "Promotions",
    description: "Nominations waiting for your decision, with the requirements met at nomination.",
    to: "/promotions",
    roles: PROMOTION_ROLES,
  },
  {
    title: "CE compliance",
    description: "Who is short of continuing education for a renewal, nearest cycle end first; export it as CSV or import CE.",
    to: "/ce/compliance",
    roles: CE_COMPLIANCE_ROLES,
  },
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
