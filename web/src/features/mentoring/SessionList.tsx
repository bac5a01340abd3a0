import { Button, Card, Group, Stack, Text } from "@mantine/core";
import { useApiAction } from "../../api.ts";
import { formatDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import classes from "../ladder/ladder.module.css";
import { formatMinutes, mentoringApi, type MentoringSession } from "./mentoring.api.ts";

/** A pairing's sessions, newest first; the other party may confirm one that waits. */
export function SessionList({ sessions, viewerId, label, onChanged }: { sessions: MentoringSession[]; viewerId: string; label: string; onChanged: () => void }) {
  const confirm = useApiAction(mentoringApi.confirmSession);
  if (sessions.length === 0) return <Text size="sm">No sessions logged yet.</Text>;
  return (
    <Stack gap="xs">
      <ErrorAlert error={confirm.error} title="The session was not confirmed" />
      <Stack component="ul" gap="xs" className={classes.plainList} aria-label={label}>
        {sessions.map((s) => (
          <Card component="li" key={s.id} withBorder padding="sm">
            <Group justify="space-between" gap="xs" align="flex-start">
              <Text size="sm" fw={600}>
                {formatDate(s.heldOn)} · {formatMinutes(s.durationMinutes)}
              </Text>
              {s.confirmed ? <ToneBadge tone="good">Confirmed</ToneBadge> : <ToneBadge tone="warn">Awaiting confirmation</ToneBadge>}
            </Group>
            <Text size="sm" className={classes.wrapText}>
              {s.topics}
            </Text>
            {s.notes ? (
              <Text size="sm" c="gray.7" className={classes.wrapText}>
                {s.notes}
              </Text>
            ) : null}
            <Text size="xs" c="gray.7">
              Logged by {s.loggedBy.name}
            </Text>
            {!s.confirmed && s.loggedBy.id !== viewerId ? (
              <Group mt="xs">
                <Button size="compact-sm" onClick={async () => (await confirm.run(s.id)).ok && onChanged()} aria-label={`Confirm the session of ${formatDate(s.heldOn)}`}>
                  Confirm
                </Button>
              </Group>
            ) : null}
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
