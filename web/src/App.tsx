import { lazy, type ComponentType } from "react";
import { Route, Routes } from "react-router";
import { EXAM_PIPELINE_ROLES, ITEM_BANK_ROLES } from "./features/exam-admin/exam-roles.ts";
import { CE_COMPLIANCE_ROLES } from "./features/ce/ce-roles.ts";
import { METRICS_ROLES } from "./features/metrics/metrics-roles.ts";
import { ROTATION_MANAGER_ROLES } from "./features/rotations/rotation-roles.ts";
import { TRAINING_MANAGER_ROLES } from "./features/training/training-roles.ts";
import { EVALUATION_MANAGER_ROLES } from "./features/evaluations/evaluations.api.ts";
import { KPI_RECORD_ROLES } from "./features/kpis/kpis.api.ts";
import { PAIRING_ROLES } from "./features/mentoring/mentoring-roles.ts";
import { INCENTIVE_MANAGER_ROLES } from "./features/incentives/incentive-roles.ts";
import { PROMOTION_ROLES, TEAM_ROLES } from "./roles.ts";
import { AppLayout } from "./ui/AppLayout.tsx";
import { RequireRole, RequireSession } from "./ui/guards.tsx";
import { PublicLayout } from "./ui/PublicLayout.tsx";

/** Loads a page's module on first visit, so the first screen ships only what it needs. */
function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(async () => ({ default: pick(await load()) }));
}

const SignInPage = lazyPage(() => import("./features/auth/SignInPage.tsx"), (m) => m.SignInPage);
const ForgotPasswordPage = lazyPage(() => import("./features/auth/ForgotPasswordPage.tsx"), (m) => m.ForgotPasswordPage);
const ResetPasswordPage = lazyPage(() => import("./features/auth/ResetPasswordPage.tsx"), (m) => m.ResetPasswordPage);
const HomePage = lazyPage(() => import("./features/home/HomePage.tsx"), (m) => m.HomePage);
const RosterPage = lazyPage(() => import("./features/people/RosterPage.tsx"), (m) => m.RosterPage);
const PersonPage = lazyPage(() => import("./features/people/PersonPage.tsx"), (m) => m.PersonPage);
const RosterImportPage = lazyPage(() => import("./features/roster/RosterImportPage.tsx"), (m) => m.RosterImportPage);
const AuditPage = lazyPage(() => import("./features/audit/AuditPage.tsx"), (m) => m.AuditPage);
const MyLadderPage = lazyPage(() => import("./features/ladder/MyLadderPage.tsx"), (m) => m.MyLadderPage);
const PersonLadderPage = lazyPage(() => import("./features/ladder/PersonLadderPage.tsx"), (m) => m.PersonLadderPage);
const TeamPage = lazyPage(() => import("./features/ladder/TeamPage.tsx"), (m) => m.TeamPage);
const SignOffPage = lazyPage(() => import("./features/ladder/SignOffPage.tsx"), (m) => m.SignOffPage);
const PromotionsPage = lazyPage(() => import("./features/promotions/PromotionsPage.tsx"), (m) => m.PromotionsPage);
const FrameworkEditorPage = lazyPage(() => import("./features/framework/FrameworkEditorPage.tsx"), (m) => m.FrameworkEditorPage);
const PipelinePage = lazyPage(() => import("./features/exam-admin/PipelinePage.tsx"), (m) => m.PipelinePage);
const BankRoutes = lazyPage(() => import("./features/exam-admin/BankRoutes.tsx"), (m) => m.BankRoutes);
const FlagsPage = lazyPage(() => import("./features/exam-admin/FlagsPage.tsx"), (m) => m.FlagsPage);
const ExamHomePage = lazyPage(() => import("./features/exams/ExamHomePage.tsx"), (m) => m.ExamHomePage);
const ExamPlayerPage = lazyPage(() => import("./features/exams/ExamPlayerPage.tsx"), (m) => m.ExamPlayerPage);
const ExamResultsPage = lazyPage(() => import("./features/exams/ExamResultsPage.tsx"), (m) => m.ExamResultsPage);
const MyCePage = lazyPage(() => import("./features/ce/MyCePage.tsx"), (m) => m.MyCePage);
const PersonCePage = lazyPage(() => import("./features/ce/PersonCePage.tsx"), (m) => m.PersonCePage);
const CeCompliancePage = lazyPage(() => import("./features/ce/CeCompliancePage.tsx"), (m) => m.CeCompliancePage);
const MetricsPage = lazyPage(() => import("./features/metrics/MetricsPage.tsx"), (m) => m.MetricsPage);
const CeImportPage = lazyPage(() => import("./features/ce/CeImportPage.tsx"), (m) => m.CeImportPage);
const MyTrainingsPage = lazyPage(() => import("./features/training/MyTrainingsPage.tsx"), (m) => m.MyTrainingsPage);
const PersonTrainingsPage = lazyPage(() => import("./features/training/MyTrainingsPage.tsx"), (m) => m.PersonTrainingsPage);
const TrainingAssignmentsPage = lazyPage(() => import("./features/training/TrainingAssignmentsPage.tsx"), (m) => m.TrainingAssignmentsPage);
const LearningWeeksPage = lazyPage(() => import("./features/training/LearningWeeksPage.tsx"), (m) => m.LearningWeeksPage);
const TrainingMatrixPage = lazyPage(() => import("./features/training/TrainingMatrixPage.tsx"), (m) => m.TrainingMatrixPage);
const ProgramsPage = lazyPage(() => import("./features/training/ProgramsPage.tsx"), (m) => m.ProgramsPage);
const MyMentorPage = lazyPage(() => import("./features/mentoring/MyMentorPage.tsx"), (m) => m.MyMentorPage);
const MyMenteesPage = lazyPage(() => import("./features/mentoring/MyMenteesPage.tsx"), (m) => m.MyMenteesPage);
const PairingsPage = lazyPage(() => import("./features/mentoring/PairingsPage.tsx"), (m) => m.PairingsPage);
const MyRewardsPage = lazyPage(() => import("./features/incentives/MyRewardsPage.tsx"), (m) => m.MyRewardsPage);
const IncentivesPage = lazyPage(() => import("./features/incentives/IncentivesPage.tsx"), (m) => m.IncentivesPage);
const EvaluationsPage = lazyPage(() => import("./features/evaluations/EvaluationsPage.tsx"), (m) => m.EvaluationsPage);
const MyEvaluationsPage = lazyPage(() => import("./features/evaluations/MyEvaluationsPage.tsx"), (m) => m.MyEvaluationsPage);
const PersonEvaluationsPage = lazyPage(() => import("./features/evaluations/MyEvaluationsPage.tsx"), (m) => m.PersonEvaluationsPage);
const MyKpisPage = lazyPage(() => import("./features/kpis/KpiTrendsPage.tsx"), (m) => m.MyKpisPage);
const PersonKpisPage = lazyPage(() => import("./features/kpis/KpiTrendsPage.tsx"), (m) => m.PersonKpisPage);
const KpiDefinitionsPage = lazyPage(() => import("./features/kpis/KpiDefinitionsPage.tsx"), (m) => m.KpiDefinitionsPage);
const KpiImportPage = lazyPage(() => import("./features/kpis/KpiImportPage.tsx"), (m) => m.KpiImportPage);
const KpiImportsPage = lazyPage(() => import("./features/kpis/KpiImportsPage.tsx"), (m) => m.KpiImportsPage);
const KpiImportDetailPage = lazyPage(() => import("./features/kpis/KpiImportsPage.tsx"), (m) => m.KpiImportDetailPage);
const EvaluationTemplatePage = lazyPage(() => import("./features/evaluations/EvaluationTemplatePage.tsx"), (m) => m.EvaluationTemplatePage);
const NotificationsPage = lazyPage(() => import("./features/notifications/NotificationsPage.tsx"), (m) => m.NotificationsPage);
const NotificationSettingsPage = lazyPage(() => import("./features/notifications/NotificationSettingsPage.tsx"), (m) => m.NotificationSettingsPage);
const MySchedulePage = lazyPage(() => import("./features/rotations/MySchedulePage.tsx"), (m) => m.MySchedulePage);
const RotationsPage = lazyPage(() => import("./features/rotations/RotationsPage.tsx"), (m) => m.RotationsPage);
const PlanPage = lazyPage(() => import("./features/rotations/PlanPage.tsx"), (m) => m.PlanPage);
const SiteSetupPage = lazyPage(() => import("./features/rotations/SiteSetupPage.tsx"), (m) => m.SiteSetupPage);
const NotFoundPage = lazyPage(() => import("./features/errors/NotFoundPage.tsx"), (m) => m.NotFoundPage);

export function App() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route
            path="/people"
            element={
              <RequireRole roles={["pharmacist", "manager", "admin"]}>
                <RosterPage />
              </RequireRole>
            }
          />
          <Route
            path="/metrics"
            element={
              <RequireRole roles={METRICS_ROLES}>
                <MetricsPage />
              </RequireRole>
            }
          />
          <Route path="/people/:id" element={<PersonPage />} />
          <Route path="/people/:id/ladder" element={<PersonLadderPage />} />
          <Route path="/ladder" element={<MyLadderPage />} />
          {/* Open to every role: technicians holding a senior level assess peers; the page lists whom. */}
          <Route path="/sign-off" element={<SignOffPage />} />
          <Route
            path="/team"
            element={
              <RequireRole roles={TEAM_ROLES}>
                <TeamPage />
              </RequireRole>
            }
          />
          <Route
            path="/promotions"
            element={
              <RequireRole roles={PROMOTION_ROLES}>
                <PromotionsPage />
              </RequireRole>
            }
          />
          <Route
            path="/roster/import"
            element={
              <RequireRole roles={["admin"]}>
                <RosterImportPage />
              </RequireRole>
            }
          />
          <Route
            path="/ladder/framework"
            element={
              <RequireRole roles={["admin"]}>
                <FrameworkEditorPage />
              </RequireRole>
            }
          />
          <Route
            path="/audit"
            element={
              <RequireRole roles={["admin"]}>
                <AuditPage />
              </RequireRole>
            }
          />
          <Route
            path="/exams/pipeline"
            element={
              <RequireRole roles={EXAM_PIPELINE_ROLES}>
                <PipelinePage />
              </RequireRole>
            }
          />
          <Route
            path="/exams/bank/*"
            element={
              <RequireRole roles={ITEM_BANK_ROLES}>
                <BankRoutes />
              </RequireRole>
            }
          />
          <Route
            path="/exams/flags"
            element={
              <RequireRole roles={ITEM_BANK_ROLES}>
                <FlagsPage />
              </RequireRole>
            }
          />
          {/* Practice exams: every role may practise; an attempt is only ever its owner's. */}
          <Route path="/exams" element={<ExamHomePage />} />
          <Route path="/exams/attempts/:id" element={<ExamPlayerPage />} />
          <Route path="/exams/attempts/:id/results" element={<ExamResultsPage />} />
          {/* My CE: every role may keep CE records of their own; the API decides whose a person may see. */}
          <Route path="/ce" element={<MyCePage />} />
          <Route path="/people/:id/ce" element={<PersonCePage />} />
          <Route
            path="/ce/compliance"
            element={
              <RequireRole roles={CE_COMPLIANCE_ROLES}>
                <CeCompliancePage />
              </RequireRole>
            }
          />
          <Route
            path="/ce/import"
            element={
              <RequireRole roles={CE_COMPLIANCE_ROLES}>
                <CeImportPage />
              </RequireRole>
            }
          />
          {/* Evaluations and KPIs: everyone sees their own (the API decides whose else); managers and admins fill, record and import. */}
          <Route path="/evaluations/mine" element={<MyEvaluationsPage />} />
          <Route path="/people/:id/evaluations" element={<PersonEvaluationsPage />} />
          <Route
            path="/evaluations"
            element={
              <RequireRole roles={EVALUATION_MANAGER_ROLES}>
                <EvaluationsPage />
              </RequireRole>
            }
          />
          <Route
            path="/evaluations/template"
            element={
              <RequireRole roles={["admin"]}>
                <EvaluationTemplatePage />
              </RequireRole>
            }
          />
          <Route
            path="/kpis/imports"
            element={
              <RequireRole roles={KPI_RECORD_ROLES}>
                <KpiImportsPage />
              </RequireRole>
            }
          />
          <Route
            path="/kpis/imports/:id"
            element={
              <RequireRole roles={KPI_RECORD_ROLES}>
                <KpiImportDetailPage />
              </RequireRole>
            }
          />
          <Route path="/kpis" element={<MyKpisPage />} />
          <Route path="/people/:id/kpis" element={<PersonKpisPage />} />
          <Route
            path="/kpis/definitions"
            element={
              <RequireRole roles={["admin"]}>
                <KpiDefinitionsPage />
              </RequireRole>
            }
          />
          <Route
            path="/kpis/import"
            element={
              <RequireRole roles={KPI_RECORD_ROLES}>
                <KpiImportPage />
              </RequireRole>
            }
          />
          {/* Trainings: everyone sees their own and the catalog; managers and admins assign, record and read the matrix. */}
          <Route path="/training" element={<MyTrainingsPage />} />
          <Route path="/training/programs" element={<ProgramsPage />} />
          <Route path="/people/:id/training" element={<PersonTrainingsPage />} />
          <Route
            path="/training/assignments"
            element={
              <RequireRole roles={TRAINING_MANAGER_ROLES}>
                <TrainingAssignmentsPage />
              </RequireRole>
            }
          />
          <Route
            path="/training/learning-weeks"
            element={
              <RequireRole roles={TRAINING_MANAGER_ROLES}>
                <LearningWeeksPage />
              </RequireRole>
            }
          />
          <Route
            path="/training/matrix"
            element={
              <RequireRole roles={TRAINING_MANAGER_ROLES}>
                <TrainingMatrixPage />
              </RequireRole>
            }
          />
          <Route path="/mentoring/my-mentor" element={<MyMentorPage />} />
          <Route path="/mentoring/my-mentees" element={<MyMenteesPage />} />
          <Route
            path="/mentoring/pairings"
            element={
              <RequireRole roles={PAIRING_ROLES}>
                <PairingsPage />
              </RequireRole>
            }
          />
          <Route path="/rewards" element={<MyRewardsPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/schedule" element={<MySchedulePage />} />
          <Route
            path="/rotations"
            element={
              <RequireRole roles={ROTATION_MANAGER_ROLES}>
                <RotationsPage />
              </RequireRole>
            }
          />
          <Route
            path="/rotations/setup"
            element={
              <RequireRole roles={ROTATION_MANAGER_ROLES}>
                <SiteSetupPage />
              </RequireRole>
            }
          />
          <Route
            path="/rotations/plans/:id"
            element={
              <RequireRole roles={ROTATION_MANAGER_ROLES}>
                <PlanPage />
              </RequireRole>
            }
          />
          <Route path="/notifications/settings" element={<NotificationSettingsPage />} />
          <Route
            path="/incentives"
            element={
              <RequireRole roles={INCENTIVE_MANAGER_ROLES}>
                <IncentivesPage />
              </RequireRole>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
