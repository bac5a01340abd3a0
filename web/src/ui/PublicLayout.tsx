import { Paper, Text } from "@mantine/core";
import { Suspense } from "react";
import { Outlet, useLocation } from "react-router";
import { Loading } from "./Loading.tsx";
import { PageErrorBoundary } from "./PageErrorBoundary.tsx";
import classes from "./layout.module.css";

/** The frame of the pages used before signing in. */
export function PublicLayout() {
  const location = useLocation();
  return (
    <div className={classes.publicRoot}>
      <header className={classes.publicHeader}>
        <Text fw={700} fz="xl" c="ladderTeal.9">
          Rx Ladder
        </Text>
        <Text size="sm" c="gray.7">
          Career ladders for pharmacy technicians
        </Text>
      </header>
      <main className={classes.publicMain}>
        <Paper withBorder shadow="xs" p={{ base: "md", sm: "xl" }} radius="md">
          <PageErrorBoundary key={location.pathname}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Paper>
      </main>
    </div>
  );
}
