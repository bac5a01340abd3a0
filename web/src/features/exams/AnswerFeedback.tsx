import { Card, Stack, Text, Title } from "@mantine/core";
import type { Ref } from "react";
import type { ItemFeedback, ItemOption } from "./exams.api.ts";
import { optionLetter } from "./labels.ts";
import classes from "./exams.module.css";

/** "A. 30 tablets; C. …": the key's options with their letters. */
export function keyText(options: ItemOption[], key: string[]): string {
  return key.map((id) => `${optionLetter(id)}. ${options.find((o) => o.id === id)?.text ?? ""}`).join("; ");
}

/** The explanation and its source, as shown after an answer and in the review. */
export function Explanation({ feedback, headingOrder = 4 }: { feedback: ItemFeedback; headingOrder?: 3 | 4 | 5 }) {
  return (
    <Stack gap={4}>
      <Title order={headingOrder} fz="sm">
        Why
      </Title>
      <Text size="sm" className={classes.explanation}>
        {feedback.explanation}
      </Text>
      {feedback.reference ? (
        <Text size="sm" c="gray.7" className={classes.explanation}>
          Source: {feedback.reference}
        </Text>
      ) : null}
    </Stack>
  );
}

interface AnswerFeedbackProps {
  correct: boolean;
  feedback: ItemFeedback;
  options: ItemOption[];
  headingRef?: Ref<HTMLHeadingElement>;
}

/** Right or wrong in words, the key and the explanation, right after a drill or review answer. */
export function AnswerFeedback({ correct, feedback, options, headingRef }: AnswerFeedbackProps) {
  return (
    <Card withBorder padding="md" className={correct ? classes.feedbackRight : classes.feedbackWrong}>
      <Stack gap="xs">
        <Title order={3} fz="h4" ref={headingRef} tabIndex={-1} className={classes.heading} c={correct ? "ladderTeal.9" : "red.9"}>
          {correct ? "✓ Right" : "✗ Not quite"}
        </Title>
        <Text size="sm">
          <strong>{feedback.key.length > 1 ? "Correct answers: " : "Correct answer: "}</strong>
          {keyText(options, feedback.key)}
        </Text>
        <Explanation feedback={feedback} />
      </Stack>
    </Card>
  );
}
