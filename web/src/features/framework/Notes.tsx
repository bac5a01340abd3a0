import { Text } from "@mantine/core";
import type { ReactNode } from "react";
import classes from "./framework.module.css";

/** A server or page problem shown next to the item it is about (the summary at the top is the alert). */
export function InlineProblem({ children }: { children: ReactNode }) {
  return (
    <div className={classes.inlineProblem}>
      <Text size="sm" c="var(--mantine-color-error)">
        {children}
      </Text>
    </div>
  );
}

/** Advice about the item being edited; not an error. */
export function Advice({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <div className={classes.advice}>
      {title ? (
        <Text size="sm" fw={700}>
          {title}
        </Text>
      ) : null}
      <Text size="sm">{children}</Text>
    </div>
  );
}

