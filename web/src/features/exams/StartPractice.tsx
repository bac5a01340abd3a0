import { Anchor, Button, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useApiAction } from "../../api.ts";
import { formatCount, formatDateTime } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { examsApi, playerRoute, type ExamCatalog, type ExamHome, type FormKind, type PtceDomain, type PtceOutline } from "./exams.api.ts";
import { domainName } from "./labels.ts";

function formFacts(catalog: ExamCatalog | undefined, kind: FormKind): string {
  const form = catalog?.forms.find((f) => f.kind === kind);
  if (!form) return "";
  const length = kind === "review" ? `Up to ${form.items} questions` : formatCount(form.items, "question");
  const time = form.minutes === null ? "untimed" : `${form.minutes} minutes`;
  const feedback = form.feedback === "immediate" ? "each answer explained at once" : "answers and explanations at the end";
  return `${length} · ${time} · ${feedback}`;
}

interface StartPracticeProps {
  home: ExamHome;
  catalog: ExamCatalog | undefined;
  outline: PtceOutline | undefined;
  /** The home is out of date (an attempt opened elsewhere, the review queue changed): load it again. */
  onStale: () => void;
}

export function StartPractice({ home, catalog, outline, onStale }: StartPracticeProps) {
  const headingId = useId();
  const reviewHelpId = useId();
  const navigate = useNavigate();
  const start = useApiAction(examsApi.start);
  const [pending, setPending] = useState<string>();
  const isBlocked = home.openAttempt !== null;
  const dueCount = home.review.due;
  const domains: PtceDomain[] = outline?.domains.map((d) => d.code) ?? home.readiness.domains.map((d) => d.domain);
  /** The open attempt named by a 409, when someone started one in another tab. */
  const openId = start.error?.status === 409 ? start.error.fields.find((f) => f.field === "attemptId")?.message : undefined;

  const begin = async (key: string, form: FormKind, domain?: PtceDomain) => {
    setPending(key);
    const result = await start.run(form, domain);
    setPending(undefined);
    if (result.ok) navigate(playerRoute(result.value.id));
    else if (result.error.status === 409) onStale();
  };

  const reviewHelp =
    dueCount > 0
      ? `${formatCount(dueCount, "question")} due today: questions you missed, back on a spaced schedule.`
      : home.review.total > 0
        ? `Nothing is due today.${home.review.nextDueAt ? ` The next review is due ${formatDateTime(home.review.nextDueAt)}.` : ""}`
        : "Nothing to review yet. Questions you miss in practice come back here on a spaced schedule.";

  return (
    <Stack component="section" gap="sm" aria-labelledby={headingId}>
      <Title order={2} fz="h3" id={headingId}>
        Practice
      </Title>
      {isBlocked ? <Text size="sm">Finish or submit your open {home.openAttempt?.formName.toLowerCase()} before starting another.</Text> : null}
      <ErrorAlert error={start.error}>
        {openId ? (
          <Anchor component={Link} to={playerRoute(openId)} size="sm">
            Resume the attempt in progress
          </Anchor>
        ) : null}
      </ErrorAlert>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Card withBorder padding="md">
          <Stack gap="xs" h="100%" justify="space-between">
            <div>
              <Title order={3} fz="h5">
                Full practice exam
              </Title>
              <Text size="sm">Like the real PTCE: all four domains by their weights. {formFacts(catalog, "full")}.</Text>
            </div>
            <Button onClick={() => void begin("full", "full")} loading={pending === "full"} disabled={isBlocked || (pending !== undefined && pending !== "full")}>
              Start full practice exam
            </Button>
          </Stack>
        </Card>
        <Card withBorder padding="md">
          <Stack gap="xs" h="100%" justify="space-between">
            <div>
              <Title order={3} fz="h5">
                Quick check
              </Title>
              <Text size="sm">A short mixed set at the real exam's pace. {formFacts(catalog, "quick")}.</Text>
            </div>
            <Button onClick={() => void begin("quick", "quick")} loading={pending === "quick"} disabled={isBlocked || (pending !== undefined && pending !== "quick")}>
              Start quick check
            </Button>
          </Stack>
        </Card>
        <Card withBorder padding="md">
          <Stack gap="xs">
            <div>
              <Title order={3} fz="h5">
                Domain drills
              </Title>
              <Text size="sm">Practice one domain. {formFacts(catalog, "drill")}.</Text>
            </div>
            {domains.map((domain) => {
              const name = domainName(catalog, domain);
              return (
                <Button
                  key={domain}
                  variant="default"
                  fullWidth
                  justify="flex-start"
                  onClick={() => void begin(`drill-${domain}`, "drill", domain)}
                  loading={pending === `drill-${domain}`}
                  disabled={isBlocked || (pending !== undefined && pending !== `drill-${domain}`)}
                  styles={{ label: { whiteSpace: "normal", textAlign: "start" }, root: { height: "auto", minHeight: 44, paddingBlock: 6 } }}
                >
                  Drill: {name}
                </Button>
              );
            })}
          </Stack>
        </Card>
        <Card withBorder padding="md">
          <Stack gap="xs" h="100%" justify="space-between">
            <div>
              <Title order={3} fz="h5">
                Today's review
              </Title>
              <Text size="sm" id={reviewHelpId}>
                {reviewHelp}
              </Text>
              {dueCount > 0 ? (
                <Text size="sm" c="gray.7">
                  {formFacts(catalog, "review")}.
                </Text>
              ) : null}
            </div>
            <Button
              variant={dueCount > 0 ? "filled" : "default"}
              onClick={() => void begin("review", "review")}
              loading={pending === "review"}
              disabled={isBlocked || dueCount === 0 || (pending !== undefined && pending !== "review")}
              aria-describedby={reviewHelpId}
            >
              {dueCount > 0 ? `Start today's review (${dueCount} due)` : "Today's review (none due)"}
            </Button>
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
