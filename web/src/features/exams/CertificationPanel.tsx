import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { useId, useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { formatCount, formatDate, todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { examsApi, type ExamCatalog, type PipelineEntry } from "./exams.api.ts";
import { STAGE_LABELS, STAGE_STEPS, stageStepIndex } from "./labels.ts";
import classes from "./exams.module.css";

/** "PTCB Pharmacy Technician Certification Exam (PTCE)" → "PTCE (PTCB)", short enough for a phone's select. */
function examShortName(name: string): string {
  const abbreviation = /\(([^)]+)\)\s*$/.exec(name)?.[1];
  const board = name.split(" ")[0];
  return abbreviation ? `${abbreviation} (${board})` : name;
}

function ScheduleForm({ entry, catalog, onScheduled }: { entry: PipelineEntry; catalog: ExamCatalog; onScheduled: (message: string) => void }) {
  const exams = catalog.certificationExams;
  const earliest = entry.status.retakeAllowedOn && entry.status.retakeAllowedOn > todayIsoDate() ? entry.status.retakeAllowedOn : todayIsoDate();
  const [exam, setExam] = useState(exams[0]?.code ?? "ptce");
  const [scheduledOn, setScheduledOn] = useState("");
  const [missingDate, setMissingDate] = useState(false);
  const schedule = useApiAction(examsApi.scheduleExam);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!scheduledOn) {
      setMissingDate(true);
      return;
    }
    const result = await schedule.run(entry.personId, exam, scheduledOn);
    if (!result.ok) return;
    const name = exams.find((e) => e.code === exam)?.name ?? exam;
    onScheduled(`Recorded: your ${name} is scheduled on ${formatDate(scheduledOn)}.`);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Record your exam date">
      <Stack gap="sm">
        <Text size="sm">Booked your certification exam? Record the date so your manager can plan around it.</Text>
        <ErrorAlert error={schedule.error} />
        <NativeSelect
          label="Exam"
          value={exam}
          onChange={(event) => setExam(event.currentTarget.value)}
          data={exams.map((e) => ({ value: e.code, label: examShortName(e.name) }))}
          error={schedule.error?.fieldMessage("exam")}
        />
        <TextInput
          type="date"
          label="My exam is scheduled on"
          value={scheduledOn}
          min={earliest}
          onChange={(event) => {
            setScheduledOn(event.currentTarget.value);
            setMissingDate(false);
          }}
          error={missingDate ? "Enter the date of your exam" : schedule.error?.fieldMessage("scheduledOn")}
          description={entry.status.retakeAllowedOn ? `A retake can be no earlier than ${formatDate(entry.status.retakeAllowedOn)}.` : undefined}
        />
        <Group>
          <Button type="submit" variant="default" loading={schedule.isPending}>
            Record my exam date
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function deadlineSentence(entry: PipelineEntry): string {
  const { status } = entry;
  if (status.stage === "passed") return "You hold a national certification.";
  if (status.overdue) return `Your certification deadline was ${formatDate(status.deadline)}: ${formatCount(-status.daysLeft, "day")} overdue.`;
  if (status.daysLeft === 0) return `Your certification deadline is today, ${formatDate(status.deadline)}.`;
  return `Certify by ${formatDate(status.deadline)}: ${formatCount(status.daysLeft, "day")} left.`;
}

interface CertificationPanelProps {
  entry: PipelineEntry;
  catalog: ExamCatalog | undefined;
  onChanged: () => void;
}

/** The technician's certification deadline, stage and risk in words, with a way to record the exam date. */
export function CertificationPanel({ entry, catalog, onChanged }: CertificationPanelProps) {
  const headingId = useId();
  const [done, setDone] = useState<string>();
  const { status } = entry;
  const current = stageStepIndex(status.stage);
  const canSchedule = status.stage !== "passed" && status.stage !== "scheduled" && !(status.stage === "failed" && status.retakeAllowedOn === null);
  const examName = (code: string) => catalog?.certificationExams.find((e) => e.code === code)?.name ?? code.toUpperCase();
  const scheduled = entry.records.filter((r) => r.result === "scheduled").at(-1);

  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Group gap="xs" align="center">
        <Title order={2} fz="h3" id={headingId}>
          Certification
        </Title>
        <ToneBadge tone={status.stage === "passed" ? "good" : status.overdue ? "bad" : status.atRisk ? "warn" : "neutral"}>
          {status.overdue ? "Overdue" : status.atRisk ? "At risk" : STAGE_LABELS[status.stage]}
        </ToneBadge>
      </Group>
      <Text fw={500}>{deadlineSentence(entry)}</Text>
      {status.atRisk && status.riskReason ? <Text size="sm">At risk: {status.riskReason}.</Text> : null}
      <ol className={classes.steps} aria-label="Certification stages">
        {STAGE_STEPS.map((step, index) => {
          const state = index < current || status.stage === "passed" ? "done" : index === current ? "current" : "todo";
          return (
            <li key={step.stage} className={classes.step} data-state={state} aria-current={state === "current" ? "step" : undefined}>
              {state === "done" ? "✓ " : ""}
              {step.label}
            </li>
          );
        })}
      </ol>
      <Text size="sm">
        Stage: <strong>{STAGE_LABELS[status.stage]}</strong>
        {status.stage === "scheduled" && status.scheduledOn ? ` — ${scheduled ? examName(scheduled.exam) : "exam"} on ${formatDate(status.scheduledOn)}` : ""}
        {status.stage === "failed" && status.lastFailedOn ? ` — last attempt on ${formatDate(status.lastFailedOn)}` : ""}
      </Text>
      {status.stage === "failed" ? (
        <Text size="sm">
          {status.retakeAllowedOn
            ? `You can retake the exam from ${formatDate(status.retakeAllowedOn)}.`
            : "Another attempt needs a petition to the certifying board first; ask your manager."}
        </Text>
      ) : null}
      {done ? (
        <Alert color="ladderTeal" role="status">
          {done}
        </Alert>
      ) : null}
      {canSchedule && catalog ? (
        <ScheduleForm
          entry={entry}
          catalog={catalog}
          onScheduled={(message) => {
            setDone(message);
            onChanged();
          }}
        />
      ) : null}
    </Stack>
  );
}
