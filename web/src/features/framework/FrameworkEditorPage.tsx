import { Alert, Badge, Button, Card, Group, List, Modal, Stack, Tabs, Text, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useApiAction, useApiQuery, type ApiError } from "../../api.ts";
import { formatCount, formatDateTime } from "../../format.ts";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { CompetenciesEditor } from "./CompetenciesEditor.tsx";
import {
  CERTIFICATION_CATALOG_PATH,
  FRAMEWORK_DRAFT_PATH,
  FRAMEWORK_PATH,
  FRAMEWORK_VERSIONS_PATH,
  frameworkApi,
  TRAINING_PROGRAMS_PATH,
  type CatalogCertification,
  type FrameworkDefinition,
  type FrameworkDraft,
  type FrameworkImpact,
  type FrameworkVersion,
  type PublishedFramework,
  type TrainingProgramOption,
} from "./framework.api.ts";
import { cleanDefinition, fingerprint } from "./framework-model.ts";
import { ImpactPreview } from "./ImpactPreview.tsx";
import { LevelsEditor, type LevelSelection } from "./LevelsEditor.tsx";
import { describePath, localProblems, problemsFromFields, problemTarget, type FrameworkProblem } from "./problems.ts";
import { useUnsavedChangesWarning } from "./useUnsavedChangesWarning.ts";
import { VersionHistory } from "./VersionHistory.tsx";
import classes from "./FrameworkEditorPage.module.css";

type EditorTab = "levels" | "competencies";

interface Editing {
  /** What the server last said: the saved draft, or the published framework when there is none. */
  server: FrameworkDraft;
  baseline: string;
  definition: FrameworkDefinition;
  note: string;
}

function startEditing(server: FrameworkDraft): Editing {
  return { server, baseline: fingerprint(server.definition), definition: server.definition, note: server.note ?? "" };
}

export function FrameworkEditorPage() {
  const draftQuery = useApiQuery<FrameworkDraft>(FRAMEWORK_DRAFT_PATH);
  const versionsQuery = useApiQuery<{ items: FrameworkVersion[] }>(FRAMEWORK_VERSIONS_PATH);
  const publishedQuery = useApiQuery<PublishedFramework>(FRAMEWORK_PATH);
  const catalogQuery = useApiQuery<{ items: CatalogCertification[] }>(CERTIFICATION_CATALOG_PATH);
  const programsQuery = useApiQuery<{ items: TrainingProgramOption[] }>(TRAINING_PROGRAMS_PATH);
  const isPhone = useMediaQuery("(max-width: 47.99em)");

  const [editing, setEditing] = useState<Editing>();
  const [problems, setProblems] = useState<FrameworkProblem[]>([]);
  const [impact, setImpact] = useState<{ result: FrameworkImpact; fingerprint: string }>();
  const [failure, setFailure] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const [dialog, setDialog] = useState<"publish" | "discard" | null>(null);
  const [conflict, setConflict] = useState<DraftConflict>();
  const [tab, setTab] = useState<EditorTab>("levels");
  const [levelSelection, setLevelSelection] = useState<LevelSelection>({ trackIndex: 0, levelIndex: 0 });
  const [competencyIndex, setCompetencyIndex] = useState(0);
  const [goToRequest, setGoToRequest] = useState<{ n: number; path: string }>({ n: 0, path: "" });
  const problemsRef = useRef<HTMLDivElement>(null);
  const impactRef = useRef<HTMLHeadingElement>(null);
  const [scrollTo, setScrollTo] = useState<{ n: number; to: "problems" | "impact" }>({ n: 0, to: "problems" });

  const saveAction = useApiAction(frameworkApi.saveDraft);
  const previewAction = useApiAction(frameworkApi.preview);
  const publishAction = useApiAction(frameworkApi.publish);
  const discardAction = useApiAction(frameworkApi.discardDraft);

  useEffect(() => {
    if (draftQuery.data) setEditing(startEditing(draftQuery.data));
  }, [draftQuery.data]);

  useEffect(() => {
    if (scrollTo.n === 0) return;
    const target = scrollTo.to === "problems" ? problemsRef.current : impactRef.current;
    target?.scrollIntoView({ block: "start" });
    target?.focus({ preventScroll: true });
  }, [scrollTo]);

  // After "Go to" has chosen the tab, track, level or competency: the closest item on screen takes focus.
  useEffect(() => {
    if (goToRequest.n === 0) return;
    const target = closestProblemElement(goToRequest.path);
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    const focusable = target.tabIndex >= 0 || target.hasAttribute("tabindex") ? target : target.querySelector<HTMLElement>("input, select, textarea, button");
    focusable?.focus({ preventScroll: true });
  }, [goToRequest]);

  const current = useMemo(() => fingerprint(editing?.definition), [editing?.definition]);
  const definitionChanged = editing !== undefined && current !== editing.baseline;
  const noteChanged = editing !== undefined && editing.note.trim() !== (editing.server.note ?? "").trim();
  const hasUnsavedChanges = definitionChanged || noteChanged;
  useUnsavedChangesWarning(hasUnsavedChanges);

  const update = useCallback((change: (definition: FrameworkDefinition) => FrameworkDefinition) => {
    setEditing((e) => (e ? { ...e, definition: change(e.definition) } : e));
    setNotice(undefined);
  }, []);

  const versions = versionsQuery.data?.items ?? [];
  const inForce = publishedQuery.data;
  const nextVersion = Math.max(0, ...versions.map((v) => v.version), editing?.server.version ?? 0) + 1;
  const draftVersion = editing?.server.isDraft ? editing.server.version : nextVersion;

  const showProblems = (found: FrameworkProblem[]) => {
    setProblems(found);
    setScrollTo((s) => ({ n: s.n + 1, to: "problems" }));
  };

  /** Someone else saved, published or discarded the draft since this page loaded it: say who and when, and offer to reload. */
  const showConflict = async (error: ApiError) => {
    setFailure(undefined);
    setConflict({ message: error.message });
    setScrollTo((s) => ({ n: s.n + 1, to: "problems" }));
    try {
      const latest = await frameworkApi.loadDraft();
      setConflict({ message: error.message, latest });
    } catch {
      // The server's message already says what happened; reloading will try again.
    }
  };

  const reloadAfterConflict = () => {
    if (conflict?.latest) setEditing(startEditing(conflict.latest));
    else draftQuery.reload();
    setConflict(undefined);
    setImpact(undefined);
    setProblems([]);
    setNotice("The saved draft is loaded. Make your changes again on top of it.");
    versionsQuery.reload();
    publishedQuery.reload();
  };

  /** Shows a failed call: the framework's problems by path, a conflict with someone else's save, or the error itself. */
  const showFailure = (error: ApiError) => {
    if (error.code === "DRAFT_CHANGED") {
      void showConflict(error);
    } else if (error.code === "VALIDATION_FAILED" && error.fields.length > 0) {
      setFailure(undefined);
      showProblems(problemsFromFields(error.fields));
    } else {
      setFailure(error);
    }
  };

  /** Problems the page can name itself; true when there are none. */
  const passesLocalCheck = (): boolean => {
    if (!editing) return false;
    const found = localProblems(editing.definition);
    if (found.length) {
      setFailure(undefined);
      showProblems(found);
      return false;
    }
    return true;
  };

  /** Saves the draft from the revision this page loaded; the saved draft, or undefined when it was not saved. */
  const save = async (): Promise<FrameworkDraft | undefined> => {
    if (!editing || !passesLocalCheck()) return undefined;
    setNotice(undefined);
    const result = await saveAction.run(cleanDefinition(editing.definition), editing.note.trim() || null, editing.server.revision);
    if (!result.ok) {
      showFailure(result.error);
      return undefined;
    }
    setEditing(startEditing(result.value));
    setProblems([]);
    setFailure(undefined);
    setConflict(undefined);
    setNotice(`Draft v${result.value.version} saved. It affects nobody until it is published.`);
    versionsQuery.reload();
    return result.value;
  };

  const preview = async (reveal = true) => {
    if (!editing || !passesLocalCheck()) return;
    const sentFingerprint = current;
    const result = await previewAction.run(cleanDefinition(editing.definition));
    if (!result.ok) {
      setDialog(null);
      showFailure(result.error);
      return;
    }
    setProblems([]);
    setFailure(undefined);
    setImpact({ result: result.value, fingerprint: sentFingerprint });
    if (reveal) setScrollTo((s) => ({ n: s.n + 1, to: "impact" }));
  };

  const publish = async () => {
    if (!editing) return;
    let revision = editing.server.revision;
    if (hasUnsavedChanges || !editing.server.isDraft) {
      const saved = await save();
      if (!saved) {
        setDialog(null);
        return;
      }
      revision = saved.revision;
    }
    const result = await publishAction.run(revision);
    setDialog(null);
    if (!result.ok) {
      showFailure(result.error);
      return;
    }
    setImpact(undefined);
    setProblems([]);
    setFailure(undefined);
    setNotice(`Version ${result.value.version} is now in force. Everyone's eligibility is evaluated against it.`);
    draftQuery.reload();
    versionsQuery.reload();
    publishedQuery.reload();
  };

  const discard = async () => {
    if (!editing) return;
    if (editing.server.isDraft) {
      const result = await discardAction.run(editing.server.revision);
      setDialog(null);
      if (!result.ok) {
        showFailure(result.error);
        return;
      }
      draftQuery.reload();
      versionsQuery.reload();
      setNotice(`Draft v${editing.server.version} discarded. v${inForce?.version ?? ""} stays in force.`);
    } else {
      setDialog(null);
      setEditing(startEditing(editing.server));
      setNotice("Changes discarded.");
    }
    setImpact(undefined);
    setProblems([]);
    setFailure(undefined);
  };

  const goTo = (problem: FrameworkProblem) => {
    const target = problemTarget(problem.path);
    if (target.tab === "levels" && target.trackIndex !== undefined) {
      setTab("levels");
      setLevelSelection({ trackIndex: target.trackIndex, levelIndex: target.levelIndex ?? 0 });
      setGoToRequest((r) => ({ n: r.n + 1, path: problem.path }));
    } else if (target.tab === "competencies" && target.competencyIndex !== undefined) {
      setTab("competencies");
      setCompetencyIndex(target.competencyIndex);
      setGoToRequest((r) => ({ n: r.n + 1, path: problem.path }));
    }
  };

  const loadError = draftQuery.error ?? publishedQuery.error;
  if (!editing || !inForce) {
    return (
      <Page title="Career ladder framework">
        <ErrorAlert
          error={loadError}
          onRetry={() => {
            draftQuery.reload();
            publishedQuery.reload();
          }}
        />
        {loadError ? null : <Loading label="Loading the framework…" />}
      </Page>
    );
  }

  const { server, definition } = editing;
  const canPublish = server.isDraft || hasUnsavedChanges;
  const canDiscard = server.isDraft || hasUnsavedChanges;
  const draftStatus = server.isDraft
    ? `Draft v${server.version}${hasUnsavedChanges ? ", unsaved changes" : ", saved"}`
    : hasUnsavedChanges
      ? `New draft v${nextVersion}, unsaved changes`
      : "No draft";
  const isBusy = saveAction.isPending || publishAction.isPending || discardAction.isPending;
  const impactIsStale = impact !== undefined && impact.fingerprint !== current;

  return (
    <Page title="Career ladder framework">
      <Card withBorder padding="sm" className={classes.toolbar} component="section" aria-label="Draft and publishing">
        <Stack gap="xs">
          <Group gap="xs" wrap="wrap" className={classes.status}>
            <Text size="sm">
              In force:{" "}
              <Text component="strong" fw={700} size="sm">
                v{inForce.version}
              </Text>
              <Text component="span" size="sm" c="dimmed">
                , published {formatDateTime(inForce.publishedAt)}
              </Text>
            </Text>
            <Badge
              variant={hasUnsavedChanges ? "filled" : "light"}
              color={hasUnsavedChanges ? "yellow.3" : server.isDraft ? "ladderTeal" : "gray"}
              c={hasUnsavedChanges ? "dark.9" : server.isDraft ? "ladderTeal.9" : "gray.9"}
              tt="none"
              size="lg"
              data-testid="draft-status"
            >
              {draftStatus}
            </Badge>
            {server.isDraft && server.savedAt ? (
              <Text size="sm" c="dimmed">
                Last saved{server.savedBy ? ` by ${server.savedBy}` : ""}, {formatDateTime(server.savedAt)}
              </Text>
            ) : null}
          </Group>
          <Group gap="xs" wrap="wrap">
            <Button onClick={() => void save()} loading={saveAction.isPending} disabled={!hasUnsavedChanges || isBusy}>
              Save draft
            </Button>
            <Button variant="default" onClick={() => void preview()} loading={previewAction.isPending} disabled={isBusy}>
              Preview impact
            </Button>
            <Button variant="default" onClick={() => setDialog("publish")} disabled={!canPublish || isBusy}>
              Publish…
            </Button>
            <Button variant="default" onClick={() => setDialog("discard")} disabled={!canDiscard || isBusy}>
              Discard draft
            </Button>
          </Group>
        </Stack>
      </Card>

      {notice ? (
        <Alert color="ladderTeal" role="status" p="sm">
          <Text size="sm">{notice}</Text>
        </Alert>
      ) : null}
      <ErrorAlert error={failure} />
      <div ref={problemsRef} tabIndex={-1} className={classes.focusTarget}>
        {conflict ? <ConflictAlert conflict={conflict} onReload={reloadAfterConflict} onDismiss={() => setConflict(undefined)} /> : null}
        {problems.length > 0 ? (
          <Alert color="red" role="alert" title={`${formatCount(problems.length, "problem")} to fix before the framework can be saved`}>
            <List size="sm" spacing={6} className={classes.problemList}>
              {problems.map((p, i) => (
                <List.Item key={`${p.path}-${i}`}>
                  <Text size="sm" fw={600} component="span">
                    {describePath(p.path, definition)}
                  </Text>{" "}
                  <Text component="code" ff="monospace" size="xs" className={classes.path}>
                    {p.path || "framework"}
                  </Text>
                  <Text size="sm">{p.message}</Text>
                  {problemTarget(p.path).tab !== "other" ? (
                    <Button variant="default" size="compact-sm" mt={4} onClick={() => goTo(p)} aria-label={`Go to ${describePath(p.path, definition)}`}>
                      Go to
                    </Button>
                  ) : null}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
      </div>

      {impact ? (
        <Card withBorder padding="md" component="section" aria-labelledby="framework-impact-heading">
          <Stack gap="sm">
            <Group justify="space-between" gap="xs">
              <Title order={2} fz="h3" id="framework-impact-heading" ref={impactRef} tabIndex={-1} className={classes.focusTarget}>
                Impact if published now
              </Title>
              <Button variant="default" size="xs" onClick={() => setImpact(undefined)}>
                Close preview
              </Button>
            </Group>
            <ImpactPreview impact={impact.result} isStale={impactIsStale} />
          </Stack>
        </Card>
      ) : null}

      <TextInput
        label="Note for this version (optional)"
        description="What changed and why; shown in the version history"
        value={editing.note}
        maxLength={2000}
        onChange={(e) => {
          const note = e.currentTarget.value;
          setEditing((x) => (x ? { ...x, note } : x));
        }}
      />

      <Tabs value={tab} onChange={(value) => setTab((value as EditorTab) ?? "levels")} keepMounted>
        <Tabs.List aria-label="Parts of the framework">
          <Tabs.Tab value="levels">Tracks and levels</Tabs.Tab>
          <Tabs.Tab value="competencies">Competencies</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="levels" pt="md">
          <LevelsEditor
            definition={definition}
            published={inForce.definition}
            catalog={catalogQuery.data?.items ?? []}
            programs={programsQuery.data?.items}
            scale={inForce.proficiencyScale}
            problems={problems}
            selection={levelSelection}
            onSelect={setLevelSelection}
            update={update}
          />
        </Tabs.Panel>
        <Tabs.Panel value="competencies" pt="md">
          <CompetenciesEditor
            definition={definition}
            published={inForce.definition}
            problems={problems}
            selected={competencyIndex}
            onSelect={setCompetencyIndex}
            update={update}
          />
        </Tabs.Panel>
      </Tabs>
      <ErrorAlert error={catalogQuery.error} title="The certification catalog could not be loaded" onRetry={catalogQuery.reload} />
      <ErrorAlert error={programsQuery.error} title="The training programs could not be loaded" onRetry={programsQuery.reload} />

      <Card withBorder padding="md" component="section" aria-labelledby="framework-history-heading">
        <Stack gap="sm">
          <Title order={2} fz="h3" id="framework-history-heading">
            Version history
          </Title>
          <ErrorAlert error={versionsQuery.error} onRetry={versionsQuery.reload} />
          {versionsQuery.data ? <VersionHistory versions={versions} inForce={inForce.version} /> : <Loading />}
        </Stack>
      </Card>

      <Modal
        opened={dialog === "publish"}
        onClose={() => setDialog(null)}
        title={`Publish draft v${draftVersion}?`}
        size="lg"
        fullScreen={isPhone}
        closeButtonProps={{ "aria-label": "Close" }}
      >
        <PublishDialogBody
          draftVersion={draftVersion}
          inForceVersion={inForce.version}
          hasUnsavedChanges={hasUnsavedChanges}
          impact={impact && !impactIsStale ? impact.result : undefined}
          isPreviewing={previewAction.isPending}
          onPreview={() => void preview(false)}
          isPublishing={saveAction.isPending || publishAction.isPending}
          onPublish={() => void publish()}
          onCancel={() => setDialog(null)}
        />
      </Modal>

      <Modal
        opened={dialog === "discard"}
        onClose={() => setDialog(null)}
        title={server.isDraft ? `Discard draft v${server.version}?` : "Discard your changes?"}
        fullScreen={isPhone}
        closeButtonProps={{ "aria-label": "Close" }}
      >
        <Stack gap="md">
          <Text size="sm">
            {server.isDraft
              ? `Every change saved in draft v${server.version}${hasUnsavedChanges ? ", and the changes not yet saved," : ""} is deleted. v${inForce.version} stays in force.`
              : `The changes you made on this page are lost. v${inForce.version} stays in force.`}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setDialog(null)}>
              Keep editing
            </Button>
            <Button color="red.9" onClick={() => void discard()} loading={discardAction.isPending}>
              Discard draft
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}

/** The element marked with this path, or with the nearest path above it (`a.b[2].c` → `a.b[2]` → `a.b`). */
function closestProblemElement(path: string): HTMLElement | null {
  for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
    const found = document.querySelector<HTMLElement>(`[data-problem-path="${CSS.escape(p)}"]`);
    if (found) return found;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return null;
}

interface DraftConflict {
  /** The server's account of what happened. */
  message: string;
  /** The draft as it is now, once fetched. */
  latest?: FrameworkDraft;
}

function ConflictAlert({ conflict, onReload, onDismiss }: { conflict: DraftConflict; onReload: () => void; onDismiss: () => void }) {
  const { latest } = conflict;
  const what =
    latest?.isDraft && latest.savedAt
      ? `${latest.savedBy ?? "Someone"} saved draft v${latest.version} at ${formatDateTime(latest.savedAt)}, after you opened it.`
      : conflict.message;
  return (
    <Alert color="red" role="alert" title="This draft was changed by someone else">
      <Stack gap="xs">
        <Text size="sm">{what}</Text>
        <Text size="sm">Nothing was saved, published or discarded. Reload the saved draft to see their changes, then make yours again; or keep yours on screen to note them down first.</Text>
        <Group gap="xs">
          <Button size="xs" onClick={onReload}>
            Reload the saved draft
          </Button>
          <Button size="xs" variant="default" onClick={onDismiss}>
            Keep my changes on screen
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

interface PublishDialogBodyProps {
  draftVersion: number;
  inForceVersion: number;
  hasUnsavedChanges: boolean;
  impact: FrameworkImpact | undefined;
  isPreviewing: boolean;
  onPreview: () => void;
  isPublishing: boolean;
  onPublish: () => void;
  onCancel: () => void;
}

function PublishDialogBody({ draftVersion, inForceVersion, hasUnsavedChanges, impact, isPreviewing, onPreview, isPublishing, onPublish, onCancel }: PublishDialogBodyProps) {
  return (
    <Stack gap="md">
      <Text size="sm">
        Draft v{draftVersion} becomes the version in force for the whole organization at once: from then on everyone&apos;s eligibility is
        evaluated against it. v{inForceVersion} stays in the version history.
      </Text>
      {hasUnsavedChanges ? <Text size="sm">Your unsaved changes are saved first.</Text> : null}
      {impact ? (
        <ImpactPreview impact={impact} isStale={false} compact />
      ) : (
        <Group gap="sm" align="center">
          <Text size="sm">See who becomes eligible or ineligible before you publish.</Text>
          <Button variant="default" size="xs" onClick={onPreview} loading={isPreviewing}>
            Preview impact
          </Button>
        </Group>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button onClick={onPublish} loading={isPublishing}>
          Publish v{draftVersion}
        </Button>
      </Group>
    </Stack>
  );
}
