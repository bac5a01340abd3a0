import { Alert, Button, Collapse, Group, NativeSelect, Stack, Textarea } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useId, useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { examsApi, type ExamCatalog, type FlagReason } from "./exams.api.ts";

const FALLBACK_REASONS: ExamCatalog["flagReasons"] = [
  { code: "wrong-key", text: "The marked answer is wrong" },
  { code: "unclear", text: "The question is unclear" },
  { code: "outdated", text: "The facts are out of date" },
  { code: "typo", text: "Typo or formatting" },
  { code: "other", text: "Something else" },
];

interface ReportProblemProps {
  attemptId: string;
  position: number;
  reasons: ExamCatalog["flagReasons"] | undefined;
}

/** "Report a problem with this question": the report goes to the reviewers with the question as it was shown. */
export function ReportProblem({ attemptId, position, reasons = FALLBACK_REASONS }: ReportProblemProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const panelId = useId();
  const [reason, setReason] = useState<FlagReason | "">("");
  const [comment, setComment] = useState("");
  const [missingReason, setMissingReason] = useState(false);
  const [sent, setSent] = useState(false);
  const report = useApiAction(examsApi.reportItem);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason) {
      setMissingReason(true);
      return;
    }
    const result = await report.run(attemptId, position, reason, comment);
    if (result.ok) {
      setSent(true);
      close();
    }
  };

  if (sent) {
    return (
      <Alert color="ladderTeal" role="status" p="xs">
        Thank you: your report on question {position} went to the reviewers.
      </Alert>
    );
  }

  return (
    <div>
      <Button variant="subtle" size="compact-sm" px={0} onClick={toggle} aria-expanded={opened} aria-controls={panelId}>
        Report a problem with question {position}
      </Button>
      <Collapse expanded={opened} id={panelId}>
        <form onSubmit={onSubmit} noValidate aria-label={`Report a problem with question ${position}`}>
          <Stack gap="xs" mt="xs" maw={520}>
            <ErrorAlert error={report.error} />
            <NativeSelect
              label="What is wrong?"
              value={reason}
              onChange={(event) => {
                setReason(event.currentTarget.value as FlagReason);
                setMissingReason(false);
              }}
              data={[{ value: "", label: "Choose a reason", disabled: true }, ...reasons.map((r) => ({ value: r.code, label: r.text }))]}
              error={missingReason ? "Choose what is wrong" : report.error?.fieldMessage("reason")}
            />
            <Textarea
              label="Details (optional)"
              description="What should it say? A source helps the reviewers."
              value={comment}
              onChange={(event) => setComment(event.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
              error={report.error?.fieldMessage("comment")}
            />
            <Group gap="xs">
              <Button type="submit" size="sm" variant="default" loading={report.isPending}>
                Send report
              </Button>
              <Button size="sm" variant="subtle" onClick={close}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      </Collapse>
    </div>
  );
}
