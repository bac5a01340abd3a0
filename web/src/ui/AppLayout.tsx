import { Anchor, AppShell, Box, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { useDisclosure, useMediaQuery, useWindowEvent } from "@mantine/hooks";
import { Suspense, useEffect, useRef } from "react";
import { Link, Outlet, useLocation, useMatch } from "react-router";
import { fullName } from "../format.ts";
import { roleLabel } from "../roles.ts";
import { hasRole, useSession, useSessionContext } from "../session.tsx";
import { NotificationBell } from "../features/notifications/NotificationBell.tsx";
import { Loading } from "./Loading.tsx";
import { PageErrorBoundary } from "./PageErrorBoundary.tsx";
import { NAV_SECTIONS, navItems, type NavItem } from "./nav.ts";
import classes from "./layout.module.css";

const NAVBAR_ID = "main-navigation";
const MAIN_ID = "main-content";

function NavEntry({ item, onNavigate }: { item: NavItem; onNavigate: () => void }) {
  const isActive = useMatch({ path: item.to, end: item.end ?? false }) !== null;
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      active={isActive}
      aria-current={isActive ? "page" : undefined}
      onClick={onNavigate}
      variant="filled"
    />
  );
}

export function AppLayout() {
  const session = useSession();
  const { signOut } = useSessionContext();
  const [isNavOpen, nav] = useDisclosure(false);
  const isMobile = useMediaQuery("(max-width: 47.99em)");
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const burgerRef = useRef<HTMLButtonElement>(null);
  const isFirstRender = useRef(true);

  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [location.pathname]);

  useWindowEvent("keydown", (event) => {
    if (event.key !== "Escape" || !isNavOpen) return;
    nav.close();
    burgerRef.current?.focus();
  });

  const items = navItems.filter((item) => hasRole(session, item.roles) && (item.when?.(session) ?? true));

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 248, breakpoint: "sm", collapsed: { mobile: !isNavOpen } }}
      padding={{ base: "sm", sm: "lg" }}
    >
      <AppShell.Header>
        <a href={`#${MAIN_ID}`} className={classes.skipLink}>
          Skip to main content
        </a>
        <Group h="100%" px="md" gap="sm" wrap="nowrap">
          <Burger
            ref={burgerRef}
            opened={isNavOpen}
            onClick={nav.toggle}
            hiddenFrom="sm"
            size="sm"
            aria-label={isNavOpen ? "Close navigation" : "Open navigation"}
            aria-expanded={isNavOpen}
            aria-controls={NAVBAR_ID}
          />
          <Anchor component={Link} to="/" fw={700} fz="lg" c="ladderTeal.9" underline="never">
            Rx Ladder
          </Anchor>
          <Text size="sm" c="gray.7" visibleFrom="xs" truncate>
            {session.organization.name}
          </Text>
          <NotificationBell />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id={NAVBAR_ID} p="sm" aria-label="Main" inert={isMobile && !isNavOpen}>
        {/* Admins have many entries: the list scrolls, the account and sign-out stay in view. */}
        <AppShell.Section grow component={ScrollArea} type="auto" offsetScrollbars>
          <Stack gap={4}>
            {items
              .filter((item) => item.section === undefined)
              .map((item) => (
                <NavEntry key={item.to} item={item} onNavigate={nav.close} />
              ))}
            {NAV_SECTIONS.map((section) => {
              const entries = items.filter((item) => item.section === section);
              if (entries.length === 0) return null;
              const headingId = `nav-section-${section.toLowerCase()}`;
              return (
                <Stack key={section} gap={4} component="section" aria-labelledby={headingId}>
                  <Text id={headingId} component="h2" className={classes.navSection}>
                    {section}
                  </Text>
                  {entries.map((item) => (
                    <NavEntry key={item.to} item={item} onNavigate={nav.close} />
                  ))}
                </Stack>
              );
            })}
          </Stack>
        </AppShell.Section>
        <AppShell.Section className={classes.account}>
          <Box mb="xs">
            <Text size="sm" fw={600}>
              {fullName(session.person)}
            </Text>
            <Text size="xs" c="gray.7">
              {roleLabel(session.person.role)} · {session.account.email}
            </Text>
          </Box>
          <Button variant="default" fullWidth onClick={() => void signOut()}>
            Sign out
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_ID} ref={mainRef} tabIndex={-1} className={classes.main}>
        <PageErrorBoundary key={location.pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
