import { api } from "../../api.ts";
import type { Role } from "../../roles.ts";

export interface Session {
  account: { id: string; email: string };
  person: { id: string; firstName: string; lastName: string; role: Role; siteId: string; timeZone: string };
  organization: { id: string; slug: string; name: string };
  managedSiteIds: string[];
  /** Has an active pairing as mentor, whatever the role (e.g. a Lead technician who mentors). */
  isMentor: boolean;
  csrfToken: string;
}

export const authApi = {
  getSession: (signal?: AbortSignal) => api.get<Session>("/api/auth/session", { signal }),
  login: (email: string, password: string) => api.post<Session>("/api/auth/login", { email, password }),
  logout: () => api.post<void>("/api/auth/logout"),
  requestPasswordReset: (email: string) => api.post<{ ok: true }>("/api/auth/password-reset/request", { email }),
  confirmPasswordReset: (token: string, password: string) => api.post<void>("/api/auth/password-reset/confirm", { token, password }),
};
