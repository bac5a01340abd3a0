import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ApiError } from "../../api.ts";
import { formatCount } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { joinWithAnd } from "../ladder/labels.ts";
import type { Attempt } from "./exams.api.ts";

interface SubmitDialogProps {
  attempt: Attempt;
  opened: boolean;
  isPending: boolean;
  error: ApiError | undefined;
  onClose: () => void;
  onSubmit: () => void;
  onGo: (position: number) => void;
}

/** "Submit your quick check?" with what is still unanswered and what is marked, and a way back to them. */
export function SubmitDialog({ attempt, opened, isPending, error, onClose, onSubmit, onGo }: SubmitDialogProps) {
  const isPhone = useMediaQuery("(max-width: 47.99em)");
  const unanswered = attempt.positions.filter((p) => !p.answered).map((p) => p.position);
  const marked = attempt.positions.filter((p) => p.flagged).map((p) => p.position);
  const answered = attempt.itemCount - unanswered.length;
  const isDrill = attempt.feedback === "immediate";
  const name = attempt.formName.toLowerCase();
  const numbers = (list: number[]) => joinWithAnd(list.map(String));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={isDrill ? `Finish this ${name}?` : `Submit your ${name}?`}
      fullScreen={isPhone}
      closeButtonProps={{ "aria-label": "Close" }}
    >
      <Stack gap="sm">
        <ErrorAlert error={error} />
        <Text fw={600}>
          You answered {answered} of {formatCount(attempt.itemCount, "question")}.
        </Text>
        {unanswered.length > 0 ? (
          <Text>
            {formatCount(unanswered.length, "question")} not answered {unanswered.length <= 12 ? `(${unanswered.length === 1 ? "question" : "questions"} ${numbers(unanswered)})` : ""}: they count as wrong.
          </Text>
        ) : (
          <Text>Every question has an answer.</Text>
        )}
        {marked.length > 0 ? (
          <Text>
            {formatCount(marked.length, "question")} marked for review {marked.length <= 12 ? `(${marked.length === 1 ? "question" : "questions"} ${numbers(marked)})` : ""}.
          </Text>
        ) : (
          <Text>No questions marked for review.</Text>
        )}
        {isDrill ? null : <Text size="sm">Once submitted, answers cannot change. You then see your score, each domain and every explanation.</Text>}
        <Group gap="sm" mt="xs">
          <Button onClick={onSubmit} loading={isPending}>
            {isDrill ? `Finish ${name}` : "Submit now"}
          </Button>
          <Button variant="default" onClick={onClose}>
            Keep working
          </Button>
          {unanswered.length > 0 ? (
            <Button variant="subtle" onClick={() => onGo(unanswered[0])}>
              Go to question {unanswered[0]}
            </Button>
          ) : marked.length > 0 ? (
            <Button variant="subtle" onClick={() => onGo(marked[0])}>
              Go to question {marked[0]}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}
