import { Text, Timeline } from "@mantine/core";
import { formatDate } from "../../format.ts";
import { EVENT_LABELS, SEPARATION_TYPE_LABELS } from "./labels.ts";
import { reasonLabel, type EmploymentEvent, type SeparationReason } from "./people.api.ts";

function describeEvent(event: EmploymentEvent, reasons: readonly SeparationReason[] | undefined): string[] {
  const lines: string[] = [];
  if (event.kind === "transfer") {
    lines.push(`From ${event.fromSiteName ?? "another site"} to ${event.siteName ?? "another site"}`);
  } else if (event.siteName && event.kind !== "separation") {
    lines.push(event.siteName);
  }
  if (event.separationType) lines.push(SEPARATION_TYPE_LABELS[event.separationType]);
  if (event.reasonCode) lines.push(`Reason: ${reasonLabel(reasons, event.reasonCode)}`);
  return lines;
}

interface EmploymentHistoryProps {
  events: EmploymentEvent[];
  reasons: readonly SeparationReason[] | undefined;
}

/** Employment events, most recent first; the API lists them oldest first, in the order they happened. */
export function EmploymentHistory({ events, reasons }: EmploymentHistoryProps) {
  if (events.length === 0) return <Text>No employment events are recorded.</Text>;
  const ordered = [...events].reverse();
  return (
    <Timeline active={ordered.length - 1} bulletSize={14} lineWidth={2}>
      {ordered.map((event) => (
        <Timeline.Item key={event.id} title={`${EVENT_LABELS[event.kind]} · ${formatDate(event.effectiveDate)}`}>
          {describeEvent(event, reasons).map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
          {event.note ? (
            <Text size="sm" c="gray.7" style={{ whiteSpace: "pre-wrap" }}>
              {event.note}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
