import { Anchor, Button, Card, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { formatCount, formatDate } from "../../format.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import type { ExamRecord, PipelineEntry } from "./exam-admin.api.ts";
import { examShortName, readinessText, STAGE_LABELS } from "./labels.ts";
import classes from "./exam-admin.module.css";

export interface PipelineActions {
  canManage: boolean;
  onSchedule: (entry: PipelineEntry) => void;
  onRecordResult: (entry: PipelineEntry, record: ExamRecord) => void;
}

export function scheduledRecord(entry: PipelineEntry): ExamRecord | undefined {
  return entry.records.filter((r) => r.result === "scheduled").at(-1);
}

export function PersonLink({ entry }: { entry: PipelineEntry }) {
  return (
    <Anchor component={Link} to={`/people/${entry.personId}/ladder`} fw={600}>
      {entry.name}
    </Anchor>
  );
}

/** "45 days left" or "12 days overdue", against the deadline. */
export function daysLeftText(entry: PipelineEntry): string {
  const { daysLeft, stage } = entry.status;
  if (stage === "passed") return "Certified";
  return daysLeft >= 0 ? `${formatCount(daysLeft, "day")} left` : `${formatCount(-daysLeft, "day")} overdue`;
}

export function deadlineText(entry: PipelineEntry): string {
  const { deadline, stage } = entry.status;
  if (stage === "passed") return `Deadline was ${formatDate(deadline)}`;
  return `Deadline ${formatDate(deadline)} · ${daysLeftText(entry)}`;
}

/** Overdue and at risk, in words as well as colour. */
export function AttentionBadges({ entry }: { entry: PipelineEntry }) {
  const { overdue, atRisk } = entry.status;
  if (!overdue && !atRisk) return null;
  return <Group gap={4}>{overdue ? <ToneBadge tone="bad">Overdue</ToneBadge> : <ToneBadge tone="warn">At risk</ToneBadge>}</Group>;
}

export function attentionText(entry: PipelineEntry): string | null {
  if (entry.status.overdue) return `Overdue: the deadline passed ${formatCount(-entry.status.daysLeft, "day")} ago without certification.`;
  if (entry.status.atRisk) return `At risk: ${entry.status.riskReason ?? "the deadline is close"}.`;
  return null;
}

export function practiceText(entry: PipelineEntry): string {
  if (!entry.lastPracticeOn) return "No practice yet";
  return `Last practice ${formatDate(entry.lastPracticeOn)} · ${formatCount(entry.practiceAttempts, "attempt")}`;
}

/** What is booked or awaited: the scheduled exam, the retake date, the pass. */
export function examText(entry: PipelineEntry): string | null {
  const { status } = entry;
  const booked = scheduledRecord(entry);
  if (status.stage === "scheduled" && booked) return `${examShortName(booked.exam)} scheduled for ${formatDate(booked.scheduledOn)}`;
  if (status.stage === "failed") {
    const failedOn = status.lastFailedOn ? `Not passed on ${formatDate(status.lastFailedOn)}; ` : "";
    return status.retakeAllowedOn ? `${failedOn}retake from ${formatDate(status.retakeAllowedOn)}` : `${failedOn}a petition is needed before another attempt`;
  }
  if (status.stage === "passed") {
    const passed = entry.records.filter((r) => r.result === "passed").at(-1);
    return passed?.takenOn ? `${examShortName(passed.exam)} passed on ${formatDate(passed.takenOn)}` : "Holds a national certification";
  }
  return null;
}

export function PipelineActionButtons({ entry, canManage, onSchedule, onRecordResult }: PipelineActions & { entry: PipelineEntry }) {
  if (!canManage || entry.status.stage === "passed") return null;
  const booked = scheduledRecord(entry);
  if (entry.status.stage === "scheduled" && booked) {
    return (
      <Button size="xs" onClick={() => onRecordResult(entry, booked)} aria-label={`Record the result of ${entry.name}'s exam`}>
        Record result
      </Button>
    );
  }
  const needsPetition = entry.status.stage === "failed" && entry.status.retakeAllowedOn === null;
  return (
    <Button size="xs" variant="default" onClick={() => onSchedule(entry)} disabled={needsPetition} aria-label={`Record an exam scheduled for ${entry.name}`}>
      Record exam scheduled
    </Button>
  );
}

/** One technician on the board. */
export function PipelineCard({ entry, showStage = false, threshold, ...actions }: PipelineActions & { entry: PipelineEntry; showStage?: boolean; threshold: number }) {
  const attention = attentionText(entry);
  const exam = examText(entry);
  const readiness = entry.readiness;
  const aboveThreshold = readiness !== null && readiness.probability >= threshold;
  return (
    <Card component="li" withBorder padding="sm" className={classes.card} data-person={entry.personId} data-attention={entry.status.overdue ? "overdue" : entry.status.atRisk ? "at-risk" : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <div className={classes.grow}>
            <PersonLink entry={entry} />
            <Text size="sm" c="gray.7">
              {entry.siteCode} · {entry.siteName}
            </Text>
          </div>
          <Group gap={4} justify="flex-end">
            {showStage ? <ToneBadge tone={STAGE_LABELS[entry.status.stage].tone}>{STAGE_LABELS[entry.status.stage].label}</ToneBadge> : null}
            <AttentionBadges entry={entry} />
          </Group>
        </Group>
        {attention ? (
          <Text size="sm" fw={600} c={entry.status.overdue ? "red.9" : "#5c3c00"}>
            {attention}
          </Text>
        ) : null}
        <Text size="sm">{deadlineText(entry)}</Text>
        <Text size="sm">
          {readiness ? `Readiness ${readinessText(readiness)}${aboveThreshold && entry.status.stage !== "passed" ? " · at the threshold" : ""}` : "No readiness estimate yet"}
        </Text>
        <Text size="sm">{practiceText(entry)}</Text>
        {exam ? (
          <Text size="sm" fw={600}>
            {exam}
          </Text>
        ) : null}
        {actions.canManage && entry.status.stage !== "passed" ? (
          <Group gap="xs">
            <PipelineActionButtons entry={entry} {...actions} />
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
