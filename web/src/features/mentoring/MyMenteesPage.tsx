import { Alert, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useApiQuery } from "../../api.ts";
import { formatDate, fullName } from "../../format.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import classes from "../ladder/ladder.module.css";
import { LogSessionForm } from "./LogSessionForm.tsx";
import type { MenteeRow } from "./mentoring.api.ts";
import { SessionList } from "./SessionList.tsx";

/** The mentor's page: each mentee's next level and gaps (from the eligibility engine), their sessions, and the mentor's own hours. */
export function MyMenteesPage() {
  const session = useSession();
  const data = useApiQuery<{ mentoringHours: number; mentees: MenteeRow[] }>("/api/mentoring/my-mentees");
  const [message, setMessage] = useState<string>();
  return (
    <Page title="My mentees">
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {!data.data && data.isLoading ? <Loading /> : null}
      {data.data ? (
        <Text>
          You have given <strong>{data.data.mentoringHours}</strong> confirmed hours of mentoring; they count toward your own Lead requirement.
        </Text>
      ) : null}
      {data.data && data.data.mentees.length === 0 ? <Text>No mentees are paired with you.</Text> : null}
      {data.data?.mentees.map((m) => (
        <Card key={m.id} withBorder padding="md" component="section" aria-labelledby={`mentee-${m.id}`}>
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start" gap="xs">
              <Title order={2} fz="h3" id={`mentee-${m.id}`}>
                {fullName(m.mentee)}
              </Title>
              {m.nextLevel ? (
                <ToneBadge tone={m.nextLevel.eligible ? "good" : "warn"}>
                  {m.nextLevel.levelName}: {m.nextLevel.percent}%
                </ToneBadge>
              ) : null}
            </Group>
            <Text size="sm" c="gray.7">
              {m.mentee.siteCode} · paired since {formatDate(m.startsOn)} · {m.confirmedHours} confirmed hours
            </Text>
            {m.goals ? (
              <Text size="sm" className={classes.wrapText}>
                <strong>Goals:</strong> {m.goals}
              </Text>
            ) : null}
            <Title order={3} fz="h4">
              Gaps to {m.nextLevel?.levelName ?? "the next level"}
            </Title>
            {m.gaps.length === 0 ? (
              <Text size="sm">Nothing missing.</Text>
            ) : (
              <List size="sm" spacing={2} aria-label={`Gaps of ${fullName(m.mentee)}`}>
                {m.gaps.map((g) => (
                  <List.Item key={`${g.kind}-${g.label}`}>
                    {g.label}: {g.reason}
                  </List.Item>
                ))}
              </List>
            )}
            {m.pendingSignOffs.length > 0 ? (
              <Text size="sm" className={classes.wrapText}>
                <strong>Sign-offs still needed:</strong> {m.pendingSignOffs.join("; ")}
              </Text>
            ) : null}
            <Title order={3} fz="h4">
              Sessions
            </Title>
            <SessionList sessions={m.sessions} viewerId={session.person.id} label={`Sessions with ${fullName(m.mentee)}`} onChanged={data.reload} />
            <Title order={3} fz="h4">
              Log a session
            </Title>
            <LogSessionForm
              pairingId={m.id}
              who={fullName(m.mentee)}
              onLogged={() => {
                setMessage(`Session with ${fullName(m.mentee)} logged.`);
                data.reload();
              }}
            />
          </Stack>
        </Card>
      ))}
    </Page>
  );
}
