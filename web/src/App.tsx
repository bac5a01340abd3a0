import { lazy, type ComponentType } from "react";
import { Route, Routes } from "react-router";
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
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
