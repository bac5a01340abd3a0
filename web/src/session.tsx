import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { onUnauthenticated, setCsrfToken, toApiError, type ApiError } from "./api.ts";
import { authApi, type Session } from "./features/auth/auth.api.ts";
import { setHomeTimeZone } from "./format.ts";
import type { Role } from "./roles.ts";

type SessionState =
  | { status: "loading" }
  | { status: "failed"; error: ApiError }
  | { status: "ready"; session: Session | null };

interface SessionContextValue {
  state: SessionState;
  signIn: (email: string, password: string) => Promise<Session>;
  signOut: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  const accept = useCallback((session: Session | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    setHomeTimeZone(session?.person.timeZone);
    setState({ status: "ready", session });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    authApi.getSession(controller.signal).then(accept, (error: unknown) => {
      if (controller.signal.aborted) return;
      const apiError = toApiError(error);
      if (apiError.status === 401) accept(null);
      else setState({ status: "failed", error: apiError });
    });
    return () => controller.abort();
  }, [accept, attempt]);

  useEffect(() => onUnauthenticated(() => accept(null)), [accept]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const session = await authApi.login(email, password);
      accept(session);
      return session;
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    // The screen signs out even if the server cannot be reached; the cookie then expires on its own.
    await authApi.logout().catch(() => undefined);
    accept(null);
  }, [accept]);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut, retry }), [state, signIn, signOut, retry]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSessionContext(): SessionContextValue {
  const context = use(SessionContext);
  if (!context) throw new Error("useSessionContext must be used inside <SessionProvider>");
  return context;
}

/** The signed-in session; only for components rendered behind the sign-in guard. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== "ready" || !state.session) throw new Error("useSession needs a signed-in session");
  return state.session;
}

export function hasRole(session: Session, roles: readonly Role[] | undefined): boolean {
  return roles === undefined || roles.includes(session.person.role);
}
