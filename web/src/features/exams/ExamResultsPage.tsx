import { Anchor, Button, Card, Group, Progress, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useId, useState } from "react";
import { Link, useParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatCount, formatDateTime } from "../../format.ts";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { Explanation } from "./AnswerFeedback.tsx";
import { attemptReviewPath, EXAMS_ROUTE, playerRoute, useExamCatalog, type AttemptReview, type ExamCatalog, type ReviewItem } from "./exams.api.ts";
import { domainName, formatPercent, formatSpent, optionLetter, passingShare } from "./labels.ts";
import { ReportProblem } from "./ReportProblem.tsx";
import classes from "./exams.module.css";

type Filter = "all" | "wrong" | "marked";

function reviewTitle(review: AttemptReview, catalog: ExamCatalog | undefined): string {
  return review.form === "drill" && review.domain ? `Drill: ${domainName(catalog, review.domain)}` : review.formName;
}

function Summary({ review, catalog }: { review: AttemptReview; catalog: ExamCatalog | undefined }) {
  const result = review.result!;
  const totalMs = review.items.reduce((sum, item) => sum + item.timeSpentMs, 0);
  const answered = review.items.filter((item) => item.answer.length > 0).length;
  const passing = catalog ? Math.round(passingShare(catalog.readinessModel.thetaCut) * 100) : null;
  return (
    <Card withBorder padding="md" className={classes.attention} component="section" aria-label="Score">
      <Stack gap="xs">
        <Group gap="md" align="flex-end" wrap="nowrap">
          <Text className={classes.bigNumber} component="p" m={0}>
            {formatPercent(result.percent)}
          </Text>
          <Text fw={600} pb={4}>
            {result.correct} of {formatCount(result.scored, "question")} right
          </Text>
        </Group>
        {review.expired ? <Text fw={500}>Time ran out: the attempt was submitted with the answers you had given.</Text> : null}
        <Text size="sm">
          {answered < review.itemCount ? `${formatCount(review.itemCount - answered, "question")} not answered (counted as wrong). ` : ""}
          Submitted {review.submittedAt ? formatDateTime(review.submittedAt) : ""}.
        </Text>
        <Text size="sm">
          Total time {formatSpent(totalMs)} · {review.itemCount > 0 ? formatSpent(totalMs / review.itemCount) : "0 s"} per question on average
          {catalog && (review.form === "full" || review.form === "quick") ? ` (the PTCE allows about ${formatSpent((catalog.ptce.minutes * 60_000) / catalog.ptce.items)})` : ""}.
        </Text>
        {passing !== null && review.form !== "review" ? (
          <Text size="xs" c="gray.7">
            For comparison: the readiness estimate assumes the passing standard is about {passing}% right on questions of average difficulty.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function DomainTable({ review, catalog }: { review: AttemptReview; catalog: ExamCatalog | undefined }) {
  const domains = review.result?.domains ?? [];
  if (domains.length === 0) return null;
  return (
    <ScrollTable caption="Score by domain" label="Score by domain" minWidth={320}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Domain</Table.Th>
          <Table.Th scope="col">Right</Table.Th>
          <Table.Th scope="col" w="40%">
            Percent
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {domains.map((entry) => {
          const name = domainName(catalog, entry.domain);
          return (
            <Table.Tr key={entry.domain}>
              <Table.Th scope="row" fw={600} className={classes.wrapText}>
                {name}
              </Table.Th>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {entry.correct} of {entry.items}
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {formatPercent(entry.percent)}
                </Text>
                <Progress value={entry.percent} size="sm" aria-hidden />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ScrollTable>
  );
}

function optionNote(isKey: boolean, isChosen: boolean): string {
  if (isKey && isChosen) return "your answer, correct";
  if (isKey) return "correct answer";
  if (isChosen) return "your answer, not correct";
  return "";
}

function ReviewCard({ item, attemptId, catalog, canReport }: { item: ReviewItem; attemptId: string; catalog: ExamCatalog | undefined; canReport: boolean }) {
  const headingId = useId();
  const isAnswered = item.answer.length > 0;
  return (
    <Card component="li" withBorder padding="md" aria-labelledby={headingId} className={item.correct ? classes.feedbackRight : classes.feedbackWrong}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" align="flex-start">
          <div className={classes.grow}>
            <Title order={3} fz="h5" id={headingId}>
              Question {item.position}
            </Title>
            <Text size="sm" c="gray.7">
              {domainName(catalog, item.domain)}
            </Text>
          </div>
          <Group gap={6}>
            {item.flagged ? <ToneBadge tone="warn">⚑ Marked</ToneBadge> : null}
            <ToneBadge tone={item.correct ? "good" : "bad"}>{item.correct ? "✓ Right" : isAnswered ? "✗ Wrong" : "✗ Not answered"}</ToneBadge>
          </Group>
        </Group>
        <Text className={classes.stem} fz="md">
          {item.stem}
        </Text>
        {item.kind === "multi" ? (
          <Text size="sm" c="gray.7">
            Select all that apply.
          </Text>
        ) : null}
        <Stack component="ul" gap={4} className={classes.plainList} aria-label={`Options of question ${item.position}`}>
          {item.options.map((option) => {
            const isKey = item.key.includes(option.id);
            const isChosen = item.answer.includes(option.id);
            const note = optionNote(isKey, isChosen);
            return (
              <li key={option.id} className={classes.reviewOption} data-key={isKey} data-wrong-choice={isChosen && !isKey}>
                <span className={classes.reviewSymbol} aria-hidden>
                  {isKey ? "✓" : isChosen ? "✗" : ""}
                </span>
                <Text size="sm" className={classes.grow}>
                  <strong>{optionLetter(option.id)}.</strong> {option.text}
                  {note ? (
                    <Text span size="sm" fw={700} c={isKey ? "ladderTeal.9" : "red.9"}>
                      {" "}
                      ({note})
                    </Text>
                  ) : null}
                </Text>
              </li>
            );
          })}
        </Stack>
        {isAnswered ? null : <Text size="sm">You did not answer this question.</Text>}
        <Explanation feedback={item} />
        <Text size="xs" c="gray.7">
          Time on this question: {formatSpent(item.timeSpentMs)}
        </Text>
        {canReport ? <ReportProblem attemptId={attemptId} position={item.position} reasons={catalog?.flagReasons} /> : null}
      </Stack>
    </Card>
  );
}

function ReviewList({ review, catalog, canReport }: { review: AttemptReview; catalog: ExamCatalog | undefined; canReport: boolean }) {
  const [filter, setFilter] = useState<Filter>("all");
  const headingId = useId();
  const wrong = review.items.filter((item) => !item.correct);
  const marked = review.items.filter((item) => item.flagged);
  const shown = filter === "wrong" ? wrong : filter === "marked" ? marked : review.items;
  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} fz="h3" id={headingId}>
        Review your answers
      </Title>
      <Text size="sm" id={`${headingId}-filter`}>
        Show
      </Text>
      <SegmentedControl
        value={filter}
        onChange={(value) => setFilter(value as Filter)}
        aria-labelledby={`${headingId}-filter`}
        fullWidth
        data={[
          { value: "all", label: `All (${review.items.length})` },
          { value: "wrong", label: `Wrong (${wrong.length})` },
          { value: "marked", label: `Marked (${marked.length})` },
        ]}
      />
      <Text size="sm" role="status" aria-live="polite">
        {shown.length === 0
          ? filter === "wrong"
            ? "No wrong answers: every question is right."
            : "You marked no questions for review."
          : `${formatCount(shown.length, "question")} shown`}
      </Text>
      <Stack component="ul" gap="md" className={classes.plainList} aria-label="Questions and explanations">
        {shown.map((item) => (
          <ReviewCard key={item.position} item={item} attemptId={review.id} catalog={catalog} canReport={canReport} />
        ))}
      </Stack>
    </Stack>
  );
}

export function ExamResultsPage() {
  const { id = "" } = useParams();
  const review = useApiQuery<AttemptReview>(attemptReviewPath(id));
  const catalog = useExamCatalog();
  const isInProgress = review.error?.status === 409;
  const title = review.data ? `Results: ${reviewTitle(review.data, catalog.data)}` : "Results";

  return (
    <Page
      title={title}
      actions={
        <Button component={Link} to={EXAMS_ROUTE} variant="default">
          Back to practice exams
        </Button>
      }
    >
      <Stack gap="lg" maw={880}>
        {isInProgress ? (
          <Text>
            This attempt is still in progress: results and explanations show once it is submitted.{" "}
            <Anchor component={Link} to={playerRoute(id)}>
              Resume it
            </Anchor>
          </Text>
        ) : (
          <ErrorAlert error={review.error} onRetry={review.reload} />
        )}
        {!review.data && !review.error ? <Loading /> : null}
        {review.data ? (
          <>
            <Summary review={review.data} catalog={catalog.data} />
            <DomainTable review={review.data} catalog={catalog.data} />
            <ReviewList review={review.data} catalog={catalog.data} canReport />
          </>
        ) : null}
      </Stack>
    </Page>
  );
}
