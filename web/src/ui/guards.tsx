import { Container, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import type { Role } from "../roles.ts";
import { hasRole, useSession, useSessionContext } from "../session.tsx";
import { AccessDenied } from "./AccessDenied.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { Loading } from "./Loading.tsx";

export interface SignInRedirectState {
  from?: string;
}

function SessionUnavailable() {
  const { state, retry } = useSessionContext();
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <Title order={1}>Rx Ladder is not available</Title>
        <ErrorAlert error={state.status === "failed" ? state.error : undefined} onRetry={retry} />
      </Stack>
    </Container>
  );
}

/** Renders its routes for a signed-in person; sends everyone else to the sign-in page. */
export function RequireSession() {
  const { state } = useSessionContext();
  const location = useLocation();
  if (state.status === "loading") {
    return (
      <main>
        <Loading />
      </main>
    );
  }
  if (state.status === "failed") return <SessionUnavailable />;
  if (!state.session) {
    const from = `${location.pathname}${location.search}`;
    const redirect: SignInRedirectState = { from: from === "/" ? undefined : from };
    return <Navigate to="/sign-in" replace state={redirect} />;
  }
  return <Outlet />;
}

/** Shows the page only to the given roles; others see that they have no access. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const session = useSession();
  return hasRole(session, roles) ? children : <AccessDenied />;
}
