import { Anchor, Button, Card, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatDate, fullName } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { AccessDenied, ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import classes from "../ladder/ladder.module.css";
import { CompletionDialog, type CompletionSubject } from "./CompletionDialog.tsx";
import { ASSIGNMENT_STATUS } from "./labels.ts";
import { personTrainingsPath, SUPERVISING_PATH, TRAINING_MANAGER_ROLES, type PersonTrainings, type SupervisedWeek } from "./training.api.ts";
import { MyReportedTrainings, ReportsToConfirm } from "./ReportedTrainings.tsx";
import { TrainingsView } from "./TrainingsView.tsx";

/** Learning weeks the signed-in person supervises: they record them done. Shown only when there are some. */
function SupervisedWeeks() {
  const weeks = useApiQuery<{ items: SupervisedWeek[] }>(SUPERVISING_PATH);
  const [completing, setCompleting] = useState<CompletionSubject | null>(null);
  if (!weeks.data || weeks.data.items.length === 0) return null;
  return (
    <Section title="Learning weeks you supervise" order={2}>
      <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Learning weeks you supervise">
        {weeks.data.items.map((week) => {
          const status = ASSIGNMENT_STATUS[week.status];
          const name = fullName(week.person);
          return (
            <Card component="li" key={week.id} withBorder padding="sm">
              <Stack gap={6}>
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Text fw={600}>
                    {name}: {week.station}
                  </Text>
                  <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
                </Group>
                <Text size="sm">
                  {week.programName} · {formatDate(week.startsOn)} to {formatDate(week.endsOn)}
                </Text>
                {week.status !== "completed" ? (
                  <Group>
                    <Button
                      size="xs"
                      onClick={() => setCompleting({ personId: week.person.id, personName: name, programId: week.programId, programName: week.programName, assignmentId: week.id, context: `Learning week at ${week.station}, ${formatDate(week.startsOn)} to ${formatDate(week.endsOn)}` })}
                      aria-label={`Record the learning week of ${name} as completed`}
                    >
                      Record completion
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Card>
          );
        })}
      </Stack>
      <CompletionDialog subject={completing} onClose={() => setCompleting(null)} onRecorded={weeks.reload} />
    </Section>
  );
}

/** The signed-in person's trainings: due, overdue, learning weeks and completed. */
export function MyTrainingsPage() {
  const session = useSession();
  const trainings = useApiQuery<PersonTrainings>(personTrainingsPath(session.person.id));
  const manages = hasRole(session, TRAINING_MANAGER_ROLES);
  return (
    <Page
      title="My trainings"
      actions={
        manages ? (
          <Anchor component={Link} to="/training/assignments">
            Manage trainings
          </Anchor>
        ) : null
      }
    >
      <ErrorAlert error={trainings.error} onRetry={trainings.reload} />
      {!trainings.data && !trainings.error ? <Loading /> : null}
      {trainings.data ? <TrainingsView data={trainings.data} isSelf onChanged={trainings.reload} /> : null}
      {trainings.data?.permissions.canReport ? <MyReportedTrainings personId={session.person.id} onChanged={trainings.reload} /> : null}
      <ReportsToConfirm />
      <SupervisedWeeks />
      {trainings.error?.status === 404 ? <Text size="sm">Your sign-in is not linked to a person on the roster, so there are no trainings to show.</Text> : null}
    </Page>
  );
}

/** Someone's trainings, for their manager or an admin (who can record completions from here). */
export function PersonTrainingsPage() {
  const { id = "" } = useParams();
  const trainings = useApiQuery<PersonTrainings>(personTrainingsPath(id));
  if (trainings.error?.status === 403) return <AccessDenied />;
  const title = trainings.data ? `${fullName(trainings.data.person)}: trainings` : "Trainings";
  return (
    <Page
      title={title}
      actions={
        <Anchor component={Link} to={`/people/${encodeURIComponent(id)}`}>
          Person record
        </Anchor>
      }
    >
      <ErrorAlert error={trainings.error} onRetry={trainings.reload} />
      {!trainings.data && !trainings.error ? <Loading /> : null}
      {trainings.data ? <TrainingsView data={trainings.data} isSelf={false} onChanged={trainings.reload} /> : null}
    </Page>
  );
}
