import { Alert, Button, Checkbox, Group, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { SEPARATION_TYPE_LABELS } from "./labels.ts";
import { peopleApi, type NewExitInterview, type SeparationReason, type SeparationType } from "./people.api.ts";

type WouldReturnChoice = "yes" | "no" | "unknown";

const WOULD_RETURN_VALUES: Record<WouldReturnChoice, boolean | null> = { yes: true, no: false, unknown: null };

interface ExitInterviewFormProps {
  personId: string;
  reasons: readonly SeparationReason[];
  onRecorded: () => void;
}

export function ExitInterviewForm({ personId, reasons, onRecorded }: ExitInterviewFormProps) {
  const [interviewDate, setInterviewDate] = useState(todayIsoDate);
  const [reasonCodes, setReasonCodes] = useState<string[]>([]);
  const [comments, setComments] = useState("");
  const [wouldReturn, setWouldReturn] = useState<WouldReturnChoice>("unknown");
  const [isRecorded, setRecorded] = useState(false);
  const record = useApiAction(peopleApi.recordExitInterview);
  const fieldError = (field: string) => record.error?.fieldMessage(field);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRecorded(false);
    const input: NewExitInterview = { interviewDate, reasonCodes, wouldReturn: WOULD_RETURN_VALUES[wouldReturn] };
    if (comments.trim()) input.comments = comments.trim();
    const result = await record.run(personId, input);
    if (!result.ok) return;
    setRecorded(true);
    setReasonCodes([]);
    setComments("");
    setWouldReturn("unknown");
    onRecorded();
  };

  const groups = (Object.keys(SEPARATION_TYPE_LABELS) as SeparationType[]).map((type) => ({
    type,
    reasons: reasons.filter((reason) => reason.type === type),
  }));

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={record.error} />
        {isRecorded ? (
          <Alert color="ladderTeal" role="status">
            Exit interview recorded.
          </Alert>
        ) : null}
        <TextInput
          type="date"
          label="Interview date"
          required
          maw={{ sm: 280 }}
          value={interviewDate}
          onChange={(event) => setInterviewDate(event.currentTarget.value)}
          error={fieldError("interviewDate")}
        />
        <Checkbox.Group
          label="Reasons given"
          description="Choose every reason the person gave for leaving"
          value={reasonCodes}
          onChange={setReasonCodes}
          error={fieldError("reasonCodes")}
        >
          <Stack gap="sm" mt="xs">
            {groups.map((group) =>
              group.reasons.length > 0 ? (
                <div key={group.type}>
                  <Text size="sm" fw={600} mb={6}>
                    {SEPARATION_TYPE_LABELS[group.type]}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
                    {group.reasons.map((reason) => (
                      <Checkbox key={reason.code} value={reason.code} label={reason.label} />
                    ))}
                  </SimpleGrid>
                </div>
              ) : null,
            )}
          </Stack>
        </Checkbox.Group>
        <Radio.Group
          label="Would they return?"
          value={wouldReturn}
          onChange={(value) => setWouldReturn(value as WouldReturnChoice)}
          error={fieldError("wouldReturn")}
        >
          <Group mt="xs">
            <Radio value="yes" label="Yes" />
            <Radio value="no" label="No" />
            <Radio value="unknown" label="Unknown" />
          </Group>
        </Radio.Group>
        <Textarea
          label="Comments (optional)"
          autosize
          minRows={3}
          maxRows={8}
          value={comments}
          onChange={(event) => setComments(event.currentTarget.value)}
          error={fieldError("comments")}
        />
        <Group>
          <Button type="submit" loading={record.isPending}>
            Record exit interview
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
