export { AccessDenied } from "./AccessDenied.tsx";
export { AppLayout } from "./AppLayout.tsx";
export { ErrorAlert } from "./ErrorAlert.tsx";
export { RequireRole, RequireSession, type SignInRedirectState } from "./guards.tsx";
export { Loading } from "./Loading.tsx";
export { navItems, type NavItem } from "./nav.ts";
export { Page, useDocumentTitle } from "./Page.tsx";
export { PublicLayout } from "./PublicLayout.tsx";
export { ScrollTable } from "./ScrollTable.tsx";
