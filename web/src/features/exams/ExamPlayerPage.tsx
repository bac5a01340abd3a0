import { Anchor, Button, Card, Drawer, Group, Kbd, Progress, Stack, Switch, Text, Title } from "@mantine/core";
import { useDisclosure, useMediaQuery, useWindowEvent } from "@mantine/hooks";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { toApiError, useApiAction, type ApiError } from "../../api.ts";
import { ErrorAlert, Loading, Page, useDocumentTitle } from "../../ui/index.ts";
import { AnswerFeedback } from "./AnswerFeedback.tsx";
import { AttemptTimer } from "./AttemptTimer.tsx";
import { EXAMS_ROUTE, examsApi, resultsRoute, useExamCatalog, type Attempt, type AttemptItem, type AttemptPosition, type ExamCatalog } from "./exams.api.ts";
import { ItemOptions } from "./ItemOptions.tsx";
import { domainName } from "./labels.ts";
import { QuestionNavigator } from "./QuestionNavigator.tsx";
import { ReportProblem } from "./ReportProblem.tsx";
import { SubmitDialog } from "./SubmitDialog.tsx";
import { useExamShortcuts } from "./useExamShortcuts.ts";
import { useSaveQueue, type SaveState } from "./useSaveQueue.ts";
import classes from "./exams.module.css";

/** How often a timed attempt checks its clock against the server's. */
const RESYNC_MS = 60_000;

/** The deadline on this browser's clock: the server's deadline moved by the difference between the two clocks. */
function localDeadline(attempt: Attempt): number | null {
  if (attempt.status !== "in_progress" || attempt.deadlineAt === null) return null;
  return Date.parse(attempt.deadlineAt) - (Date.parse(attempt.serverNow) - Date.now());
}

function attemptTitle(attempt: Attempt, catalog: ExamCatalog | undefined): string {
  return attempt.form === "drill" && attempt.domain ? `Drill: ${domainName(catalog, attempt.domain)}` : attempt.formName;
}

function SaveStatus({ state, error, onRetry }: { state: SaveState; error: ApiError | undefined; onRetry: () => void }) {
  return (
    <>
      <Text size="sm" role="status" aria-live="polite" c={state === "failed" ? "red.9" : "gray.7"} mih="1.5em">
        {state === "saving" ? "Saving…" : state === "saved" ? "✓ Saved" : state === "failed" ? "✗ Not saved" : ""}
      </Text>
      <ErrorAlert error={state === "failed" ? error : undefined} title="Your last change was not saved" onRetry={onRetry} />
    </>
  );
}

function ShortcutsHelp({ isEnabled, onToggle }: { isEnabled: boolean; onToggle: (value: boolean) => void }) {
  return (
    <Stack gap={4}>
      <Switch size="sm" label="Single-key shortcuts" checked={isEnabled} onChange={(event) => onToggle(event.currentTarget.checked)} />
      {isEnabled ? (
        <Text size="xs" c="gray.7">
          <Kbd>1</Kbd>–<Kbd>6</Kbd> or <Kbd>A</Kbd>–<Kbd>F</Kbd> choose an answer, <Kbd>N</Kbd> next question, <Kbd>P</Kbd> previous. They do nothing while you type in a field.
        </Text>
      ) : null}
    </Stack>
  );
}

export function ExamPlayerPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const catalog = useExamCatalog();
  const [attempt, setAttempt] = useState<Attempt>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [deadline, setDeadline] = useState<number | null>(null);
  const [position, setPosition] = useState<number>();
  const [loadedItem, setItem] = useState<AttemptItem>();
  /** The question on screen: never the previous one while the next one loads. */
  const item = loadedItem?.position === position ? loadedItem : undefined;
  const [itemError, setItemError] = useState<ApiError>();
  const [itemGeneration, setItemGeneration] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [isFlagged, setFlagged] = useState(false);
  const [isSubmitOpen, submitDialog] = useDisclosure(false);
  const [isNavOpen, navDrawer] = useDisclosure(false);
  const isWide = useMediaQuery("(min-width: 62em)");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const feedbackRef = useRef<HTMLHeadingElement>(null);
  const focusOnLoad = useRef<"heading" | "feedback" | null>(null);
  const isLeaving = useRef(false);
  useDocumentTitle(attempt ? attemptTitle(attempt, catalog.data) : "Practice exam");

  const goToResults = useCallback(() => {
    if (isLeaving.current) return;
    isLeaving.current = true;
    navigate(resultsRoute(id), { replace: true });
  }, [id, navigate]);

  const saves = useSaveQueue(
    useCallback((at: number, patch) => examsApi.storeItem(id, at, patch), [id]),
    goToResults,
  );
  const check = useApiAction(examsApi.saveItem);
  const submit = useApiAction(examsApi.submit);

  const updatePosition = (at: number, change: Partial<AttemptPosition>) =>
    setAttempt((current) => current && { ...current, positions: current.positions.map((p) => (p.position === at ? { ...p, ...change } : p)) });

  // The attempt, landing on the question that was on screen last (resuming after leaving).
  useEffect(() => {
    let isCancelled = false;
    isLeaving.current = false;
    examsApi.getAttempt(id).then(
      (loaded) => {
        if (isCancelled) return;
        if (loaded.status === "submitted") return goToResults();
        setAttempt(loaded);
        setDeadline(localDeadline(loaded));
        setPosition(loaded.currentPosition);
      },
      (error: unknown) => !isCancelled && setLoadError(toApiError(error)),
    );
    return () => {
      isCancelled = true;
    };
  }, [id, goToResults]);

  // The question on screen. Asking for it also tells the server which question the time goes to.
  useEffect(() => {
    if (position === undefined) return;
    const controller = new AbortController();
    setItem(undefined);
    setItemError(undefined);
    examsApi.getItem(id, position, controller.signal).then(
      (loaded) => {
        if (loaded.status === "submitted") return goToResults();
        setItem(loaded);
        setSelected(loaded.answer);
        setFlagged(loaded.flagged);
        saves.reset();
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setItemError(toApiError(error));
      },
    );
    return () => controller.abort();
    // A new question loads the item; the save queue is not a reason to.
  }, [id, position, itemGeneration, goToResults]);

  useEffect(() => {
    if (!item || !focusOnLoad.current) return;
    const target = focusOnLoad.current === "feedback" ? feedbackRef.current : headingRef.current;
    focusOnLoad.current = null;
    target?.focus();
  }, [item]);

  // The server's clock is the truth: check it every minute and whenever the tab comes back.
  const resync = useCallback(async () => {
    try {
      const fresh = await examsApi.getAttempt(id);
      if (fresh.status === "submitted") return goToResults();
      setDeadline(localDeadline(fresh));
      setAttempt((current) => current && { ...current, remainingMs: fresh.remainingMs, serverNow: fresh.serverNow, deadlineAt: fresh.deadlineAt });
    } catch {
      // A missed check changes nothing: the next one, or the server on the next answer, decides.
    }
  }, [id, goToResults]);

  const isTimed = attempt?.deadlineAt != null;
  useEffect(() => {
    if (!isTimed) return;
    const timer = window.setInterval(() => void resync(), RESYNC_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") void resync();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [isTimed, resync]);

  const onExpired = useCallback(async () => {
    // Answers on their way still count if the server has them before its deadline.
    await Promise.race([saves.flush(), new Promise((resolve) => window.setTimeout(resolve, 3000))]);
    await resync();
  }, [saves, resync]);

  useWindowEvent("beforeunload", (event) => {
    if (saves.hasPending()) event.preventDefault();
  });

  const isImmediate = attempt?.feedback === "immediate";
  const isLocked = !item || (isImmediate && item.feedback !== null);

  const choose = (next: string[]) => {
    if (!item || isLocked) return;
    setSelected(next);
    if (!isImmediate) {
      saves.enqueue(item.position, { answer: next });
      updatePosition(item.position, { answered: next.length > 0 });
    }
  };

  const toggleFlag = () => {
    if (!item) return;
    const next = !isFlagged;
    setFlagged(next);
    saves.enqueue(item.position, { flagged: next });
    updatePosition(item.position, { flagged: next });
  };

  const go = async (target: number) => {
    navDrawer.close();
    submitDialog.close();
    if (!attempt || target < 1 || target > attempt.itemCount || target === position) return;
    if (!(await saves.flush())) return;
    saves.reset();
    focusOnLoad.current = "heading";
    setPosition(target);
  };

  const checkAnswer = async () => {
    if (!item || selected.length === 0) return;
    if (!(await saves.flush())) return;
    const result = await check.run(id, item.position, { answer: selected });
    if (!result.ok) {
      if (result.error.code === "ATTEMPT_CLOSED") goToResults();
      else if (result.error.status === 409) setItemGeneration((n) => n + 1);
      return;
    }
    focusOnLoad.current = "feedback";
    setItem(result.value);
    updatePosition(item.position, { answered: true, correct: result.value.correct });
  };

  const submitAttempt = async () => {
    if (!(await saves.flush())) return;
    const result = await submit.run(id);
    if (result.ok || result.error.code === "ATTEMPT_CLOSED") goToResults();
  };

  const shortcuts = useExamShortcuts(
    {
      choose: (index) => {
        const option = item?.options[index];
        if (!option || !item) return;
        if (item.kind === "single") choose([option.id]);
        else choose(selected.includes(option.id) ? selected.filter((s) => s !== option.id) : item.options.map((o) => o.id).filter((o) => o === option.id || selected.includes(o)));
      },
      next: () => position !== undefined && void go(position + 1),
      previous: () => position !== undefined && void go(position - 1),
    },
    attempt !== undefined && !isSubmitOpen && !isNavOpen,
  );

  if (loadError) {
    return (
      <Page title="Practice exam">
        <ErrorAlert error={loadError} />
        <Anchor component={Link} to={EXAMS_ROUTE}>
          Back to practice exams
        </Anchor>
      </Page>
    );
  }
  if (!attempt || position === undefined) return <Loading label="Loading your attempt…" />;

  const title = attemptTitle(attempt, catalog.data);
  const answeredCount = attempt.positions.filter((p) => p.answered).length;
  const isLast = position === attempt.itemCount;
  const navigator = <QuestionNavigator positions={attempt.positions} current={position} showsCorrectness={isImmediate} onGo={(at) => void go(at)} />;

  return (
    <Stack gap="md">
      <div className={classes.playerBar}>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="center">
          <Title order={1} fz={{ base: "h4", sm: "h3" }} className={classes.wrapText}>
            {title}
          </Title>
          {deadline !== null ? <AttemptTimer deadline={deadline} onExpired={() => void onExpired()} /> : <Text size="sm">Untimed</Text>}
        </Group>
        <Progress value={(100 * answeredCount) / attempt.itemCount} size="xs" mt={6} aria-label={`${answeredCount} of ${attempt.itemCount} answered`} />
      </div>

      <div className={classes.playerLayout}>
        <Stack gap="md" component="section" aria-labelledby="question-heading">
          <Group justify="space-between" gap="xs" align="center">
            <div>
              <Title order={2} fz="h4" id="question-heading" ref={headingRef} tabIndex={-1} className={classes.heading}>
                Question {position} of {attempt.itemCount}
              </Title>
              {item ? (
                <Text size="sm" c="gray.7">
                  {domainName(catalog.data, item.domain)}
                </Text>
              ) : null}
            </div>
            <Button
              variant={item && isFlagged ? "light" : "default"}
              size="sm"
              aria-pressed={item ? isFlagged : false}
              onClick={toggleFlag}
              disabled={!item}
              leftSection={
                <span aria-hidden style={{ width: "1em", display: "inline-block" }}>
                  {item && isFlagged ? "⚑" : "⚐"}
                </span>
              }
            >
              Mark for review
            </Button>
          </Group>

          {itemError ? (
            <ErrorAlert error={itemError} onRetry={() => setItemGeneration((n) => n + 1)} />
          ) : !item ? (
            <Loading label="Loading the question…" />
          ) : (
            <Stack gap="md">
              <ItemOptions
                name={`question-${item.position}`}
                kind={item.kind}
                stem={item.stem}
                options={item.options}
                selected={selected}
                keyIds={item.feedback?.key}
                disabled={isLocked}
                onChange={choose}
              />
              {isImmediate && item.feedback === null ? (
                <Stack gap="xs">
                  <ErrorAlert error={check.error} />
                  <Group>
                    <Button onClick={() => void checkAnswer()} loading={check.isPending} disabled={selected.length === 0}>
                      Check answer
                    </Button>
                    {selected.length === 0 ? (
                      <Text size="sm" c="gray.7">
                        Choose an answer, then check it. Each answer is final.
                      </Text>
                    ) : null}
                  </Group>
                </Stack>
              ) : null}
              {item.feedback && item.correct !== null ? (
                <>
                  <AnswerFeedback correct={item.correct} feedback={item.feedback} options={item.options} headingRef={feedbackRef} />
                  <ReportProblem key={item.position} attemptId={id} position={item.position} reasons={catalog.data?.flagReasons} />
                </>
              ) : null}
              {isImmediate ? null : (
                <Text size="sm" c="gray.7">
                  Answers are saved as you choose them; you can change them until you submit.
                </Text>
              )}
            </Stack>
          )}

          <SaveStatus state={saves.state} error={saves.error} onRetry={saves.retry} />

          <Group justify="space-between" gap="sm">
            <Button variant="default" onClick={() => void go(position - 1)} disabled={position === 1}>
              <span aria-hidden>←&nbsp;</span>Previous
            </Button>
            {isLast ? (
              <Button onClick={submitDialog.open}>{isImmediate ? "Finish" : "Review and submit"}</Button>
            ) : (
              <Button onClick={() => void go(position + 1)}>
                Next<span aria-hidden>&nbsp;→</span>
              </Button>
            )}
          </Group>

          {isWide ? null : (
            <Group justify="space-between" gap="sm">
              <Button variant="default" onClick={navDrawer.open} aria-haspopup="dialog">
                All questions ({answeredCount}/{attempt.itemCount})
              </Button>
              {isLast ? null : (
                <Button variant="default" onClick={submitDialog.open}>
                  {isImmediate ? "Finish" : "Submit"}
                </Button>
              )}
            </Group>
          )}
          <ShortcutsHelp isEnabled={shortcuts.isEnabled} onToggle={shortcuts.setEnabled} />
        </Stack>

        {isWide ? (
          <section aria-labelledby="all-questions-heading" className={classes.sidePanel}>
            <Card withBorder padding="md">
              <Stack gap="md">
                <Title order={2} fz="h5" id="all-questions-heading">
                  All questions
                </Title>
                {navigator}
                <Button onClick={submitDialog.open} fullWidth variant={answeredCount === attempt.itemCount ? "filled" : "default"}>
                  {isImmediate ? `Finish ${attempt.formName.toLowerCase()}` : `Submit ${attempt.formName.toLowerCase()}`}
                </Button>
              </Stack>
            </Card>
          </section>
        ) : null}
      </div>

      <Drawer opened={isNavOpen && !isWide} onClose={navDrawer.close} title="All questions" position="bottom" size="80%" closeButtonProps={{ "aria-label": "Close" }}>
        <Stack gap="md" pb="md">
          {navigator}
          <Button
            onClick={() => {
              navDrawer.close();
              submitDialog.open();
            }}
          >
            {isImmediate ? "Finish" : "Submit"}
          </Button>
        </Stack>
      </Drawer>

      <SubmitDialog
        attempt={attempt}
        opened={isSubmitOpen}
        isPending={submit.isPending}
        error={submit.error ?? (saves.state === "failed" ? saves.error : undefined)}
        onClose={submitDialog.close}
        onSubmit={() => void submitAttempt()}
        onGo={(at) => void go(at)}
      />
    </Stack>
  );
}
