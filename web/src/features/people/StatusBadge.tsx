import { Badge } from "@mantine/core";
import type { PersonStatus } from "./people.api.ts";
import { STATUS_LABELS } from "./labels.ts";

/** Colour pairs chosen for at least 4.5:1 text contrast (Mantine's yellow text on yellow is 2.7:1). */
const STATUS_STYLE: Record<PersonStatus, { color: string; c?: string }> = {
  active: { color: "ladderTeal" },
  leave: { color: "yellow", c: "#5c3c00" },
  separated: { color: "gray" },
};

export function StatusBadge({ status }: { status: PersonStatus }) {
  const style = STATUS_STYLE[status];
  return (
    <Badge variant="light" color={style.color} c={style.c} tt="none" fw={600}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
