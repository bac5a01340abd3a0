import { Badge } from "@mantine/core";
import type { ReactNode } from "react";
import type { Tone } from "./labels.ts";

/** Light badge colours with text at 4.5:1 or better on their background (Mantine's yellow text is 2.7:1). */
const TONE_STYLE: Record<Tone, { color: string; c: string }> = {
  good: { color: "ladderTeal", c: "ladderTeal.9" },
  warn: { color: "yellow", c: "#5c3c00" },
  bad: { color: "red", c: "red.9" },
  neutral: { color: "gray", c: "gray.8" },
  pending: { color: "blue", c: "blue.9" },
};

export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  const style = TONE_STYLE[tone];
  return (
    <Badge component="span" variant="light" color={style.color} c={style.c} tt="none" fw={600} style={{ flexShrink: 0, verticalAlign: "middle" }} styles={{ label: { overflow: "visible" } }}>
      {children}
    </Badge>
  );
}
