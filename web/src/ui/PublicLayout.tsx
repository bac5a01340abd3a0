import { Paper, Text } from "@mantine/core";
import { Suspense } from "react";
import { Outlet } from "react-router";
import { Loading } from "./Loading.tsx";
import classes from "./layout.module.css";

/** The frame of the pages used before signing in. */
export function PublicLayout() {
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
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Paper>
      </main>
    </div>
  );
}
