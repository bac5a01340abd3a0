import { Stack, Text } from "@mantine/core";
import type { ItemOption } from "./exam-admin.api.ts";
import classes from "./exam-admin.module.css";

interface ItemContentViewProps {
  stem: string;
  options: ItemOption[];
  /** Option ids of the key. */
  answerKey: string[];
  explanation: string;
  reference: string;
  /** Names the options list for screen readers, e.g. "Options of item law-cs-012". */
  label: string;
}

/** An item as a technician sees it, with the key marked in words and the explanation below. */
export function ItemContentView({ stem, options, answerKey, explanation, reference, label }: ItemContentViewProps) {
  const keyLetters = options.filter((o) => answerKey.includes(o.id)).map((o) => o.id.toUpperCase());
  return (
    <Stack gap="xs">
      <Text className={classes.stem}>{stem}</Text>
      <ul className={classes.plainList} aria-label={label}>
        {options.map((option) => {
          const isKey = answerKey.includes(option.id);
          return (
            <li key={option.id} className={classes.option} data-key={isKey}>
              <span className={classes.letter}>{option.id.toUpperCase()}.</span>
              <span className={classes.grow}>
                {option.text}
                {isKey ? (
                  <Text component="strong" size="sm" fw={700} c="ladderTeal.9">
                    {" "}
                    (correct answer)
                  </Text>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      <Text size="sm">
        <strong>Key:</strong> {keyLetters.length ? keyLetters.join(", ") : "none"}
      </Text>
      <Text size="sm" className={classes.wrapText}>
        <strong>Explanation:</strong> {explanation}
      </Text>
      <Text size="sm" c="gray.7" className={classes.wrapText}>
        <strong>Reference:</strong> {reference}
      </Text>
    </Stack>
  );
}
