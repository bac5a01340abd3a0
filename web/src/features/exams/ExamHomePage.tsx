import { Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { Link } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatDateTime, todayIsoDate } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { CertificationPanel } from "./CertificationPanel.tsx";
import { EXAM_SETTINGS_PATH, examHomePath, outlineInForce, playerRoute, resultsRoute, useExamCatalog, type AttemptSummary, type ExamCatalog, type ExamHome, type ExamSettings } from "./exams.api.ts";
import { ReadinessPanel } from "./ReadinessPanel.tsx";
import { StartPractice } from "./StartPractice.tsx";
import { domainName, formatPercent } from "./labels.ts";
import classes from "./exams.module.css";

function OpenAttempt({ attempt }: { attempt: NonNullable<ExamHome["openAttempt"]> }) {
  return (
    <Card withBorder padding="md" className={classes.attention} component="section" aria-label="Attempt in progress">
      <Group justify="space-between" gap="sm" align="center">
        <div className={classes.grow}>
          <Text fw={700} fz="lg">
            Your {attempt.formName.toLowerCase()} is in progress
          </Text>
          <Text size="sm">
            {attempt.deadlineAt ? `The clock keeps running: time is up at ${formatDateTime(attempt.deadlineAt)}.` : "Untimed: pick up where you left off."}
          </Text>
        </div>
        <Button component={Link} to={playerRoute(attempt.id)} size="md">
          Resume {attempt.formName.toLowerCase()}
        </Button>
      </Group>
    </Card>
  );
}

function attemptTitle(attempt: AttemptSummary, catalog: ExamCatalog | undefined): string {
  return attempt.form === "drill" && attempt.domain ? `Drill: ${domainName(catalog, attempt.domain)}` : attempt.formName;
}

function RecentAttempts({ attempts, catalog }: { attempts: AttemptSummary[]; catalog: ExamCatalog | undefined }) {
  const headingId = useId();
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} fz="h3" id={headingId}>
        Recent attempts
      </Title>
      {attempts.length === 0 ? (
        <Text size="sm">No attempts yet. Your results will be listed here.</Text>
      ) : (
        <Stack component="ul" gap="xs" className={classes.plainList} aria-label="Recent attempts">
          {attempts.map((attempt) => {
            const title = attemptTitle(attempt, catalog);
            const isOpen = attempt.status === "in_progress";
            return (
              <Card component="li" key={attempt.id} withBorder padding="sm">
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <div className={classes.grow}>
                    <Anchor component={Link} to={isOpen ? playerRoute(attempt.id) : resultsRoute(attempt.id)} fw={600} className={classes.wrapText}>
                      {title}
                    </Anchor>
                    <Text size="sm" c="gray.7">
                      {isOpen ? "Started" : "Submitted"} {formatDateTime(attempt.submittedAt ?? attempt.startedAt)}
                      {attempt.expired ? " · time ran out" : ""}
                    </Text>
                  </div>
                  {attempt.result ? (
                    <Text fw={700} style={{ whiteSpace: "nowrap" }}>
                      {formatPercent(attempt.result.percent)}
                      <Text span size="sm" fw={400} c="gray.7">
                        {" "}
                        ({attempt.result.correct}/{attempt.result.scored})
                      </Text>
                    </Text>
                  ) : (
                    <ToneBadge tone="pending">In progress</ToneBadge>
                  )}
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

/** Technicians work toward the certification; others use the practice exams without a deadline. */
const PIPELINE_ROLES = ["technician", "mentor"] as const;

export function ExamHomePage() {
  const session = useSession();
  const home = useApiQuery<ExamHome>(examHomePath());
  const catalog = useExamCatalog();
  const settings = useApiQuery<ExamSettings>(EXAM_SETTINGS_PATH);
  const outline = catalog.data ? outlineInForce(catalog.data, settings.data, todayIsoDate()) : undefined;
  const showPipeline = hasRole(session, PIPELINE_ROLES);

  return (
    <Page title="Practice exams">
      <Stack gap="lg" maw={880}>
        <Text c="gray.7">Practice for the PTCE on questions aligned to {outline ? `the ${outline.name}` : "the PTCE content outline"}, and see how ready you are.</Text>
        {home.error && !home.data ? <ErrorAlert error={home.error} onRetry={home.reload} /> : null}
        {!home.data && !home.error ? <Loading /> : null}
        {home.data ? (
          <>
            <ErrorAlert error={home.error} onRetry={home.reload} />
            {home.data.openAttempt ? <OpenAttempt attempt={home.data.openAttempt} /> : null}
            <Card withBorder padding="md">
              <ReadinessPanel readiness={home.data.readiness} catalog={catalog.data} outline={outline} />
            </Card>
            <StartPractice home={home.data} catalog={catalog.data} outline={outline} onStale={home.reload} />
            {showPipeline ? (
              <Card withBorder padding="md" className={home.data.pipeline.status.overdue || home.data.pipeline.status.atRisk ? classes.warnEdge : undefined}>
                <CertificationPanel entry={home.data.pipeline} catalog={catalog.data} onChanged={home.reload} />
              </Card>
            ) : null}
            <RecentAttempts attempts={home.data.recent} catalog={catalog.data} />
          </>
        ) : null}
      </Stack>
    </Page>
  );
}
