import { Card, Group, Stack, Text } from "@mantine/core";
import { formatDate } from "../../format.ts";
import { reasonLabel, type ExitInterview, type SeparationReason } from "./people.api.ts";

const WOULD_RETURN_LABELS = { yes: "Would return", no: "Would not return", unknown: "Would return: not asked or unsure" };

function wouldReturnLabel(value: boolean | null): string {
  if (value === null) return WOULD_RETURN_LABELS.unknown;
  return value ? WOULD_RETURN_LABELS.yes : WOULD_RETURN_LABELS.no;
}

interface ExitInterviewsProps {
  interviews: ExitInterview[];
  reasons: readonly SeparationReason[] | undefined;
}

export function ExitInterviews({ interviews, reasons }: ExitInterviewsProps) {
  if (interviews.length === 0) return <Text>No exit interviews are recorded.</Text>;
  return (
    <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
      {interviews.map((interview) => (
        <Card component="li" key={interview.id} withBorder padding="sm">
          <Group justify="space-between" gap="xs">
            <Text fw={600}>Interview on {formatDate(interview.interviewDate)}</Text>
            <Text size="sm">{wouldReturnLabel(interview.wouldReturn)}</Text>
          </Group>
          <Text size="sm">
            Reasons:{" "}
            {interview.reasonCodes.length > 0
              ? interview.reasonCodes.map((code) => reasonLabel(reasons, code)).join("; ")
              : "none given"}
          </Text>
          {interview.comments ? (
            <Text size="sm" c="gray.7" style={{ whiteSpace: "pre-wrap" }}>
              {interview.comments}
            </Text>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}
