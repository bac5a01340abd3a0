import { Button, Collapse, Group, List, Progress, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useId } from "react";
import { formatCount } from "../../format.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import type { ExamCatalog, PtceOutline, Readiness } from "./exams.api.ts";
import { domainName, formatPercent, likelyRange, passingShare, percentOf } from "./labels.ts";
import classes from "./exams.module.css";

/** The likely range as a band on a 0–100 track and the estimate as a marker; the numbers are in the text beside it. */
function ReadinessGauge({ readiness }: { readiness: Readiness }) {
  const at = (p: number) => `${Math.max(0, Math.min(100, p * 100))}%`;
  return (
    <Stack gap={2}>
      <div
        className={classes.gauge}
        role="img"
        aria-label={`Estimated chance of passing: ${percentOf(readiness.probability)}, ${likelyRange(readiness.low, readiness.high)}`}
      >
        <div className={classes.gaugeBand} style={{ left: at(readiness.low), width: `calc(${at(readiness.high)} - ${at(readiness.low)})` }} />
        <div className={classes.gaugeMarker} style={{ left: at(readiness.probability) }} />
      </div>
      <div className={classes.gaugeScale} aria-hidden>
        <span>0%</span>
        <span>50%</span>
        <span>100%</span>
      </div>
    </Stack>
  );
}

function HowComputed({ catalog }: { catalog: ExamCatalog | undefined }) {
  const [opened, { toggle }] = useDisclosure(false);
  const panelId = useId();
  const minimum = catalog?.readinessModel.minResponsesForConfidence ?? 30;
  const cut = catalog ? Math.round(passingShare(catalog.readinessModel.thetaCut) * 100) : 70;
  return (
    <div>
      <Button variant="subtle" size="compact-sm" px={0} onClick={toggle} aria-expanded={opened} aria-controls={panelId}>
        {opened ? "Hide how this is computed" : "How is this computed?"}
      </Button>
      <Collapse expanded={opened} id={panelId}>
        <List size="sm" spacing={4} mt="xs" withPadding>
          <List.Item>It uses your answers in practice exams, quick checks and drills from the last 180 days (the newest 400). Today's review sessions repeat missed questions, so they do not count.</List.Item>
          <List.Item>Each answer counts by how hard the question is: a hard question answered right says more than an easy one.</List.Item>
          <List.Item>
            From them it estimates your ability, then the chance that you would reach the passing standard on an 80-question PTCE. The passing standard is an assumption: about {cut}% right on
            questions of average difficulty, because PTCB does not publish how raw scores turn into the 1000–1600 scale.
          </List.Item>
          <List.Item>The range is where the chance most likely lies (from the 10th to the 90th percentile of your estimated ability). It narrows as you answer more questions.</List.Item>
          <List.Item>With fewer than {minimum} answers the estimate is marked preliminary.</List.Item>
        </List>
      </Collapse>
    </div>
  );
}

interface ReadinessPanelProps {
  readiness: Readiness;
  catalog: ExamCatalog | undefined;
  outline: PtceOutline | undefined;
}

export function ReadinessPanel({ readiness, catalog, outline }: ReadinessPanelProps) {
  const headingId = useId();
  const hasAnswers = readiness.responses > 0;
  const minimum = catalog?.readinessModel.minResponsesForConfidence ?? 30;
  const range = likelyRange(readiness.low, readiness.high);
  const weakest = [...readiness.domains].filter((d) => d.responses > 0).sort((a, b) => a.percent - b.percent)[0];
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Group gap="xs" align="center">
        <Title order={2} fz="h3" id={headingId}>
          Readiness for the PTCE
        </Title>
        {hasAnswers && readiness.preliminary ? <ToneBadge tone="warn">Preliminary</ToneBadge> : null}
      </Group>
      {hasAnswers ? (
        <>
          <Group gap="xs" align="baseline">
            <Text className={classes.bigNumber} component="p" m={0}>
              {percentOf(readiness.probability)}
            </Text>
            <Text fw={500}>{range}</Text>
          </Group>
          <ReadinessGauge readiness={readiness} />
          <Text size="sm">Your estimated chance of passing the PTCE if you sat it today, from {formatCount(readiness.responses, "practice answer")}.</Text>
          {readiness.preliminary ? (
            <Text size="sm" c="gray.7">
              Preliminary: based on fewer than {minimum} answers, so it can move a lot. It firms up as you practice.
            </Text>
          ) : null}
        </>
      ) : (
        <Text>No practice answers yet. Take a quick check (20 questions) to get your first estimate of how likely you are to pass the PTCE today.</Text>
      )}
      <HowComputed catalog={catalog} />

      <Title order={3} fz="h5" mt="xs">
        By domain
      </Title>
      <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Results by domain">
        {readiness.domains.map((entry) => {
          const name = domainName(catalog, entry.domain);
          const weight = outline?.domains.find((d) => d.code === entry.domain)?.weight;
          return (
            <li key={entry.domain}>
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Text size="sm" fw={600} className={classes.wrapText}>
                  {name}
                  {weight !== undefined ? (
                    <Text span size="xs" c="gray.7" fw={400}>
                      {" "}
                      · {formatPercent(weight)} of the exam
                    </Text>
                  ) : null}
                </Text>
                <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                  {entry.responses > 0 ? `${formatPercent(entry.percent)} right` : "No answers yet"}
                </Text>
              </Group>
              <Progress value={entry.responses > 0 ? entry.percent : 0} size="md" mt={4} aria-label={`${name}: ${entry.responses > 0 ? `${formatPercent(entry.percent)} right` : "no answers yet"}`} />
              {entry.responses > 0 ? (
                <Text size="xs" c="gray.7" mt={2}>
                  {formatCount(entry.responses, "answer")}
                </Text>
              ) : null}
            </li>
          );
        })}
      </Stack>
      {weakest && readiness.domains.filter((d) => d.responses > 0).length > 1 ? (
        <Text size="sm">
          Weakest so far: <strong>{domainName(catalog, weakest.domain)}</strong> ({formatPercent(weakest.percent)} right). A drill in it is a good next step.
        </Text>
      ) : null}
    </Stack>
  );
}
