import { Alert, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useApiQuery } from "../../api.ts";
import { formatDate, fullName } from "../../format.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import classes from "../ladder/ladder.module.css";
import { LogSessionForm } from "./LogSessionForm.tsx";
import type { MentoringSession, Pairing } from "./mentoring.api.ts";
import { SessionList } from "./SessionList.tsx";

/** The technician's "My mentor": who mentors them, the goals, and the sessions (theirs await the mentor's confirmation). */
export function MyMentorPage() {
  const session = useSession();
  const mine = useApiQuery<{ pairings: (Pairing & { sessions: MentoringSession[] })[] }>("/api/mentoring/my-mentor");
  const [message, setMessage] = useState<string>();
  return (
    <Page title="My mentor">
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}
      <ErrorAlert error={mine.error} onRetry={mine.reload} />
      {!mine.data && mine.isLoading ? <Loading /> : null}
      {mine.data && mine.data.pairings.length === 0 ? <Text>You have no mentor yet. Your manager pairs mentors with technicians.</Text> : null}
      {mine.data?.pairings.map((p) => (
        <Card key={p.id} withBorder padding="md" component="section" aria-labelledby={`mentor-${p.id}`}>
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start" gap="xs">
              <Title order={2} fz="h3" id={`mentor-${p.id}`}>
                {fullName(p.mentor)}
              </Title>
              <ToneBadge tone={p.status === "active" ? "good" : "neutral"}>{p.status === "active" ? "Active" : "Ended"}</ToneBadge>
            </Group>
            <Text size="sm" c="gray.7">
              Since {formatDate(p.startsOn)}
              {p.endsOn ? ` until ${formatDate(p.endsOn)}` : ""} · {p.confirmedHours} confirmed hours
            </Text>
            <div>
              <Text size="sm" fw={600}>
                Goals
              </Text>
              <Text size="sm" className={classes.wrapText}>
                {p.goals || "No goals written yet."}
              </Text>
            </div>
            <Title order={3} fz="h4">
              Sessions
            </Title>
            <SessionList sessions={p.sessions} viewerId={session.person.id} label={`Sessions with ${fullName(p.mentor)}`} onChanged={mine.reload} />
            {p.status === "active" ? (
              <>
                <Title order={3} fz="h4">
                  Log a session
                </Title>
                <LogSessionForm
                  pairingId={p.id}
                  who={fullName(p.mentor)}
                  onLogged={() => {
                    setMessage(`Session logged; ${fullName(p.mentor)} confirms it.`);
                    mine.reload();
                  }}
                />
              </>
            ) : null}
          </Stack>
        </Card>
      ))}
    </Page>
  );
}
