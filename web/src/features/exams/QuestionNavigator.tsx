import { Stack, Text } from "@mantine/core";
import type { AttemptPosition } from "./exams.api.ts";
import classes from "./exams.module.css";

function describe(position: AttemptPosition, isCurrent: boolean, showsCorrectness: boolean): string {
  const parts = [`Question ${position.position}`];
  if (isCurrent) parts.push("current");
  parts.push(position.answered ? "answered" : "not answered");
  if (showsCorrectness && position.correct !== null) parts.push(position.correct ? "right" : "wrong");
  if (position.flagged) parts.push("marked for review");
  return parts.join(", ");
}

interface QuestionNavigatorProps {
  positions: AttemptPosition[];
  current: number;
  /** Drills and reviews show right and wrong as each answer is explained. */
  showsCorrectness: boolean;
  onGo: (position: number) => void;
}

/** Every question as a numbered button: filled when answered, a flag when marked, a ring on the current one. */
export function QuestionNavigator({ positions, current, showsCorrectness, onGo }: QuestionNavigatorProps) {
  const answered = positions.filter((p) => p.answered).length;
  const marked = positions.filter((p) => p.flagged).length;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {answered} of {positions.length} answered{marked > 0 ? ` · ${marked} marked for review` : ""}
      </Text>
      <ul className={classes.navGrid} aria-label="Questions">
        {positions.map((position) => {
          const isCurrent = position.position === current;
          return (
            <li key={position.position}>
              <button
                type="button"
                className={classes.navButton}
                data-answered={position.answered}
                aria-current={isCurrent ? "step" : undefined}
                aria-label={describe(position, isCurrent, showsCorrectness)}
                onClick={() => onGo(position.position)}
              >
                {position.position}
                {position.flagged ? (
                  <span className={classes.navMark} aria-hidden>
                    ⚑
                  </span>
                ) : null}
                {showsCorrectness && position.correct !== null ? (
                  <span className={classes.navResult} aria-hidden>
                    {position.correct ? "✓" : "✗"}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
      <div className={classes.legend} aria-hidden>
        <span>
          <span className={classes.legendSwatch} data-answered="true" />
          Answered
        </span>
        <span>
          <span className={classes.legendSwatch} />
          Not answered
        </span>
        <span>⚑ Marked for review</span>
        {showsCorrectness ? <span>✓ right · ✗ wrong</span> : null}
      </div>
    </Stack>
  );
}
