import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { formatDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { examAdminApi, type ExamCatalog, type PipelineEntry } from "./exam-admin.api.ts";
import { retakeRule, VERIFY_NOTE } from "./labels.ts";

interface ScheduleExamFormProps {
  entry: PipelineEntry;
  catalog: ExamCatalog | undefined;
  onScheduled: (message: string) => void;
  onCancel: () => void;
}

/** Records the date a technician's certification exam is booked for. */
export function ScheduleExamForm({ entry, catalog, onScheduled, onCancel }: ScheduleExamFormProps) {
  const exams = catalog?.certificationExams ?? [];
  const lastExam = entry.records.filter((r) => r.result === "failed").at(-1)?.exam;
  const [examCode, setExamCode] = useState(lastExam ?? exams[0]?.code ?? "ptce");
  const [scheduledOn, setScheduledOn] = useState(entry.status.retakeAllowedOn ?? "");
  const [missingDate, setMissingDate] = useState(false);
  const schedule = useApiAction(examAdminApi.scheduleExam);
  const exam = exams.find((e) => e.code === examCode);
  const { status } = entry;
  const needsPetition = status.stage === "failed" && status.retakeAllowedOn === null;
  const isAfterDeadline = scheduledOn !== "" && scheduledOn > status.deadline;
  const isBeforeRetake = status.retakeAllowedOn !== null && scheduledOn !== "" && scheduledOn < status.retakeAllowedOn;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!scheduledOn) {
      setMissingDate(true);
      return;
    }
    const result = await schedule.run(entry.personId, { exam: examCode, scheduledOn });
    if (result.ok) onScheduled(`${entry.name}'s ${exam?.name ?? examCode} is recorded as scheduled for ${formatDate(scheduledOn)}.`);
  };

  const otherErrors = schedule.error && !schedule.error.fieldMessage("scheduledOn") && !schedule.error.fieldMessage("exam") ? schedule.error : undefined;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Record the exam scheduled for ${entry.name}`}>
      <Stack gap="sm">
        <ErrorAlert error={otherErrors} title="Not recorded" />
        {status.stage === "failed" ? (
          <Alert color={needsPetition ? "red" : "yellow"} c={needsPetition ? undefined : "#5c3c00"} role="note" title="Retake wait">
            <Text size="sm">
              The last attempt{status.lastFailedOn ? ` on ${formatDate(status.lastFailedOn)}` : ""} was not passed.{" "}
              {needsPetition
                ? (exam?.afterLastAttempt ?? "No further attempt is allowed without a petition.")
                : `The next attempt can be on or after ${formatDate(status.retakeAllowedOn)}.`}
            </Text>
          </Alert>
        ) : null}
        <NativeSelect
          label="Exam"
          value={examCode}
          onChange={(event) => setExamCode(event.currentTarget.value)}
          data={exams.map((e) => ({ value: e.code, label: e.name }))}
          error={schedule.error?.fieldMessage("exam")}
        />
        {exam ? (
          <Text size="sm" c="gray.7">
            {retakeRule(exam)}
            {exam.verify ? ` ${VERIFY_NOTE}. Source: ${exam.source}.` : ""}
          </Text>
        ) : null}
        <TextInput
          type="date"
          label="Exam date"
          required
          value={scheduledOn}
          min={status.retakeAllowedOn ?? undefined}
          onChange={(event) => {
            setScheduledOn(event.currentTarget.value);
            setMissingDate(false);
          }}
          description={`Certification deadline: ${formatDate(status.deadline)}`}
          error={
            missingDate
              ? "Enter the date of the exam"
              : isBeforeRetake
                ? `Choose ${formatDate(status.retakeAllowedOn)} or later: the retake wait ends then`
                : schedule.error?.fieldMessage("scheduledOn")
          }
        />
        {isAfterDeadline ? (
          <Text size="sm" c="#5c3c00" fw={600}>
            This date is after the certification deadline of {formatDate(status.deadline)}.
          </Text>
        ) : null}
        <Group gap="sm">
          <Button type="submit" loading={schedule.isPending} disabled={needsPetition}>
            Record as scheduled
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
