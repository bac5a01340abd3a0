import { Button, Group, Radio, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { formatDate, todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { NumberField } from "../framework/NumberField.tsx";
import { examAdminApi, type ExamCatalog, type ExamRecord, type ExamResultInput, type PipelineEntry } from "./exam-admin.api.ts";
import { examName, retakeRule, VERIFY_NOTE } from "./labels.ts";

type Outcome = ExamResultInput["result"];

const OUTCOME_LABELS: Record<Outcome, { label: string; description: string }> = {
  passed: { label: "Passed", description: "Records the certification on their ladder as verified." },
  failed: { label: "Not passed", description: "The retake wait starts from the date taken." },
  cancelled: { label: "Cancelled or not taken", description: "Frees the booking; schedule a new date afterwards." },
};

interface RecordResultFormProps {
  entry: PipelineEntry;
  record: ExamRecord;
  catalog: ExamCatalog | undefined;
  onRecorded: (message: string) => void;
  onCancel: () => void;
}

/** Records how a scheduled certification exam went. */
export function RecordResultForm({ entry, record, catalog, onRecorded, onCancel }: RecordResultFormProps) {
  const exam = catalog?.certificationExams.find((e) => e.code === record.exam);
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [takenOn, setTakenOn] = useState(() => (record.scheduledOn <= todayIsoDate() ? record.scheduledOn : todayIsoDate()));
  const [score, setScore] = useState<number | undefined>(undefined);
  const [certificationNumber, setCertificationNumber] = useState("");
  const [problems, setProblems] = useState<{ result?: string; takenOn?: string }>({});
  const save = useApiAction(examAdminApi.recordResult);
  const name = examName(catalog, record.exam);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof problems = {};
    if (!outcome) found.result = "Choose how the exam went";
    if (outcome && outcome !== "cancelled" && !takenOn) found.takenOn = "Enter the date the exam was taken";
    setProblems(found);
    if (!outcome || Object.keys(found).length > 0 || (score !== undefined && Number.isNaN(score))) return;
    const input: ExamResultInput = { result: outcome };
    if (outcome !== "cancelled") {
      input.takenOn = takenOn;
      if (score !== undefined) input.scaledScore = score;
      if (outcome === "passed" && certificationNumber.trim()) input.certificationNumber = certificationNumber.trim();
    }
    const result = await save.run(record.id, input);
    if (!result.ok) return;
    const messages: Record<Outcome, string> = {
      passed: `${entry.name} passed the ${name}. The certification is on their ladder as verified.`,
      failed: `${entry.name}'s ${name} on ${formatDate(takenOn)} is recorded as not passed.`,
      cancelled: `${entry.name}'s ${name} booking for ${formatDate(record.scheduledOn)} is recorded as cancelled.`,
    };
    onRecorded(messages[outcome]);
  };

  const fieldError = (field: string) => save.error?.fieldMessage(field);
  const shownFields = ["result", "takenOn", "scaledScore", "certificationNumber"];
  const otherError = save.error && !shownFields.some((f) => fieldError(f)) ? save.error : undefined;
  const [lowest, highest] = exam?.scaledRange ?? [undefined, undefined];

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Record the result of ${entry.name}'s exam`}>
      <Stack gap="sm">
        <Text size="sm">
          {name}, scheduled for {formatDate(record.scheduledOn)}.
        </Text>
        <ErrorAlert error={otherError} title="Not recorded" />
        <Radio.Group
          label="Result"
          value={outcome}
          onChange={(value) => {
            setOutcome(value as Outcome);
            setProblems((p) => ({ ...p, result: undefined }));
          }}
          error={problems.result ?? fieldError("result")}
        >
          <Stack gap="xs" mt={6}>
            {(Object.keys(OUTCOME_LABELS) as Outcome[]).map((value) => (
              <Radio key={value} value={value} label={OUTCOME_LABELS[value].label} description={OUTCOME_LABELS[value].description} />
            ))}
          </Stack>
        </Radio.Group>
        {outcome === "failed" && exam ? (
          <Text size="sm" c="gray.7">
            {retakeRule(exam)}
            {exam.verify ? ` ${VERIFY_NOTE}.` : ""}
          </Text>
        ) : null}
        {outcome && outcome !== "cancelled" ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              type="date"
              label="Date taken"
              required
              value={takenOn}
              max={todayIsoDate()}
              onChange={(event) => {
                setTakenOn(event.currentTarget.value);
                setProblems((p) => ({ ...p, takenOn: undefined }));
              }}
              error={problems.takenOn ?? fieldError("takenOn")}
            />
            <NumberField
              label="Scaled score (optional)"
              description={lowest !== undefined ? `${lowest}–${highest}; ${exam?.passingScaled} or more passes${exam?.verify ? ` (${VERIFY_NOTE.toLowerCase()})` : ""}` : undefined}
              integer
              allowEmpty
              value={score}
              onChange={setScore}
              error={fieldError("scaledScore")}
            />
            {outcome === "passed" ? (
              <TextInput
                label="Certificate number (optional)"
                value={certificationNumber}
                maxLength={60}
                autoComplete="off"
                onChange={(event) => setCertificationNumber(event.currentTarget.value)}
                error={fieldError("certificationNumber")}
              />
            ) : null}
          </SimpleGrid>
        ) : null}
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            Record result
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
