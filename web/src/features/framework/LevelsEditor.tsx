import { ActionIcon, Badge, Button, Grid, Group, NativeSelect, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import type { CatalogCertification, FrameworkDefinition, LevelDef, ProficiencyLevel, Requirement, RequirementKind, TrackDef, TrainingProgramOption } from "./framework.api.ts";
import {
  REQUIREMENT_KINDS,
  hasMastery,
  kebabCase,
  moveItem,
  newLevel,
  newRequirement,
  removeAt,
  replaceAt,
  reranked,
  uniqueCode,
} from "./framework-model.ts";
import { messageAt, problemsUnder, type FrameworkProblem } from "./problems.ts";
import { RequirementEditor, type RequirementContext } from "./RequirementEditor.tsx";
import { Advice, InlineProblem } from "./Notes.tsx";
import classes from "./framework.module.css";

export interface LevelSelection {
  trackIndex: number;
  levelIndex: number;
}

interface LevelsEditorProps {
  definition: FrameworkDefinition;
  /** The version in force, to tell new levels (whose code may still change) from existing ones. */
  published: FrameworkDefinition | undefined;
  catalog: readonly CatalogCertification[];
  /** The organization's training programs; undefined while loading. */
  programs: readonly TrainingProgramOption[] | undefined;
  scale: readonly ProficiencyLevel[];
  problems: readonly FrameworkProblem[];
  selection: LevelSelection;
  onSelect: (selection: LevelSelection) => void;
  update: (change: (definition: FrameworkDefinition) => FrameworkDefinition) => void;
}

function updateTrack(definition: FrameworkDefinition, trackIndex: number, change: (track: TrackDef) => TrackDef): FrameworkDefinition {
  return { ...definition, tracks: replaceAt(definition.tracks, trackIndex, change(definition.tracks[trackIndex])) };
}

export function LevelsEditor({ definition, published, catalog, programs, scale, problems, selection, onSelect, update }: LevelsEditorProps) {
  const trackIndex = Math.min(selection.trackIndex, definition.tracks.length - 1);
  const track = definition.tracks[trackIndex];
  const levelIndex = Math.min(selection.levelIndex, Math.max(0, (track?.levels.length ?? 1) - 1));
  const level = track?.levels[levelIndex];
  const editorHeading = useRef<HTMLHeadingElement>(null);
  const [focusEditor, setFocusEditor] = useState(0);

  useEffect(() => {
    if (focusEditor > 0) editorHeading.current?.focus();
  }, [focusEditor]);

  if (!track) return <Text>This framework has no tracks.</Text>;

  const trackPath = `tracks[${trackIndex}]`;
  const publishedTrack = published?.tracks.find((t) => t.code === track.code);
  const isNewLevel = (l: LevelDef) => !publishedTrack?.levels.some((p) => p.code === l.code);

  const updateLevels = (change: (levels: LevelDef[]) => LevelDef[]) =>
    update((d) => updateTrack(d, trackIndex, (t) => ({ ...t, levels: reranked(change(t.levels)) })));

  const move = (from: number, to: number) => {
    updateLevels((levels) => moveItem(levels, from, to));
    if (levelIndex === from) onSelect({ trackIndex, levelIndex: to });
    else if (levelIndex === to) onSelect({ trackIndex, levelIndex: from });
  };

  const addLevel = () => {
    updateLevels((levels) => [...levels, newLevel(track)]);
    onSelect({ trackIndex, levelIndex: track.levels.length });
    setFocusEditor((n) => n + 1);
  };

  return (
    <Stack gap="md">
      <NativeSelect
        label="Track"
        data={definition.tracks.map((t, i) => ({
          value: String(i),
          label: `${t.name || t.code} (${t.levels.length} ${t.levels.length === 1 ? "level" : "levels"})${problemsUnder(problems, `tracks[${i}]`).length ? " – has problems" : ""}`,
        }))}
        value={String(trackIndex)}
        onChange={(e) => onSelect({ trackIndex: Number(e.currentTarget.value), levelIndex: 0 })}
        maw={520}
      />
      {track.description ? (
        <Text size="sm" c="dimmed">
          {track.description}
        </Text>
      ) : null}
      {problems
        .filter((p) => p.path === trackPath || (p.path.startsWith(`${trackPath}.`) && !p.path.startsWith(`${trackPath}.levels[`)))
        .map((p, i) => (
          <InlineProblem key={i}>{p.message}</InlineProblem>
        ))}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="xs" component="section" aria-labelledby="framework-levels-heading">
            <Title order={2} fz="h4" id="framework-levels-heading">
              Levels in rank order
            </Title>
            <ol className={classes.plainList}>
              {track.levels.map((l, i) => {
                const count = problemsUnder(problems, `${trackPath}.levels[${i}]`).length;
                const name = l.name || "Unnamed level";
                return (
                  <li key={`${l.code}-${i}`}>
                    <div className={classes.pickRow} style={{ marginBottom: 6 }}>
                      <button
                        type="button"
                        className={classes.pickButton}
                        aria-current={i === levelIndex ? "true" : undefined}
                        data-invalid={count > 0 || undefined}
                        onClick={() => {
                          onSelect({ trackIndex, levelIndex: i });
                          setFocusEditor((n) => n + 1);
                        }}
                      >
                        <Text component="span" fw={600} size="sm" display="block">
                          {l.rank}. {name}
                        </Text>
                        <Text component="span" size="xs" c="dimmed" display="block">
                          {l.requirements.length} {l.requirements.length === 1 ? "requirement" : "requirements"}
                          {count > 0 ? ` · ${count} ${count === 1 ? "problem" : "problems"}` : ""}
                        </Text>
                      </button>
                      <Stack gap={4} justify="center">
                        <ActionIcon variant="default" size="lg" onClick={() => move(i, i - 1)} disabled={i === 0} aria-label={`Move ${name} up`}>
                          <span aria-hidden>↑</span>
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          size="lg"
                          onClick={() => move(i, i + 1)}
                          disabled={i === track.levels.length - 1}
                          aria-label={`Move ${name} down`}
                        >
                          <span aria-hidden>↓</span>
                        </ActionIcon>
                      </Stack>
                    </div>
                  </li>
                );
              })}
            </ol>
            <Group>
              <Button variant="default" onClick={addLevel}>
                Add a level
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {level ? (
            <LevelForm
              key={`${trackIndex}-${levelIndex}`}
              headingRef={editorHeading}
              definition={definition}
              track={track}
              level={level}
              trackIndex={trackIndex}
              levelIndex={levelIndex}
              isNew={isNewLevel(level)}
              context={{ definition, trackIndex, levelIndex, catalog, programs, scale, problems }}
              onChange={(change) => updateLevels((levels) => replaceAt(levels, levelIndex, change(levels[levelIndex])))}
              onRemove={() => {
                updateLevels((levels) => removeAt(levels, levelIndex));
                onSelect({ trackIndex, levelIndex: Math.max(0, levelIndex - 1) });
              }}
              update={update}
            />
          ) : (
            <Text>This track has no levels yet. Add one.</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

interface LevelFormProps {
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  definition: FrameworkDefinition;
  track: TrackDef;
  level: LevelDef;
  trackIndex: number;
  levelIndex: number;
  isNew: boolean;
  context: RequirementContext;
  onChange: (change: (level: LevelDef) => LevelDef) => void;
  onRemove: () => void;
  update: (change: (definition: FrameworkDefinition) => FrameworkDefinition) => void;
}

function LevelForm({ headingRef, definition, track, level, trackIndex, levelIndex, isNew, context, onChange, onRemove, update }: LevelFormProps) {
  const path = `tracks[${trackIndex}].levels[${levelIndex}]`;
  const problems = context.problems;
  const [kindToAdd, setKindToAdd] = useState<RequirementKind>("competency");
  const requirementList = useRef<HTMLDivElement>(null);
  const [focusLast, setFocusLast] = useState(0);

  useEffect(() => {
    if (focusLast === 0) return;
    const fieldsets = requirementList.current?.querySelectorAll("fieldset");
    const last = fieldsets?.[fieldsets.length - 1];
    last?.scrollIntoView({ block: "center" });
    last?.querySelector<HTMLElement>("input, select, textarea")?.focus({ preventScroll: true });
  }, [focusLast]);

  const setRequirements = (change: (requirements: Requirement[]) => Requirement[]) => onChange((l) => ({ ...l, requirements: change(l.requirements) }));

  /** A new level's code follows its name until the code is edited by hand. */
  const rename = (name: string) =>
    onChange((l) => {
      const followsName = isNew && (l.code === kebabCase(l.name) || /^new-level(-\d+)?$/.test(l.code));
      const taken = track.levels.filter((_, i) => i !== levelIndex).map((x) => x.code);
      return { ...l, name, code: followsName && kebabCase(name) ? uniqueCode(kebabCase(name), taken) : l.code };
    });

  const renameCode = (code: string) => {
    const before = `${track.code}/${level.code}`;
    const after = `${track.code}/${code}`;
    // Keep prerequisites that point at this new level pointing at it.
    update((d) => ({
      ...d,
      tracks: d.tracks.map((t, ti) => ({
        ...t,
        levels: t.levels.map((l, li) => ({
          ...(ti === trackIndex && li === levelIndex ? { ...l, code } : l),
          requirements: l.requirements.map((r) => (r.kind === "level" && r.level === before ? { ...r, level: after } : r)),
        })),
      })),
    }));
  };

  const levelProblems = problems.filter((p) => p.path === path || p.path === `${path}.rank` || p.path === `${path}.duties` || p.path.startsWith(`${path}.duties[`));
  const requirementsProblems = problems.filter((p) => p.path === `${path}.requirements`);
  const noMastery = !hasMastery(level);

  return (
    <Stack gap="md" component="section" aria-labelledby="framework-level-heading">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Title
          order={2}
          fz="h3"
          id="framework-level-heading"
          ref={headingRef}
          tabIndex={-1}
          data-problem-path={path} className={`${classes.heading} ${classes.wrapText}`}>
          {level.name || "Unnamed level"}
        </Title>
        <Badge variant="light" color="gray" c="gray.9">
          Rank {level.rank} of {track.levels.length}
        </Badge>
      </Group>
      {levelProblems.map((p, i) => (
        <InlineProblem key={i}>{p.message}</InlineProblem>
      ))}
      <TextInput label="Level name" value={level.name} onChange={(e) => rename(e.currentTarget.value)} error={messageAt(problems, `${path}.name`)} />
      {isNew ? (
        <TextInput
          label="Level code"
          description={`Generated from the name; prerequisites refer to it as ${track.code}/${level.code || "…"}. It cannot change once published.`}
          value={level.code}
          onChange={(e) => renameCode(e.currentTarget.value)}
          error={messageAt(problems, `${path}.code`)}
          autoComplete="off"
        />
      ) : (
        <Text size="sm">
          Code{" "}
          <Text component="code" ff="monospace" size="sm">
            {track.code}/{level.code}
          </Text>{" "}
          <Text component="span" size="sm" c="dimmed">
            (fixed: people&apos;s levels and prerequisites refer to it)
          </Text>
          {messageAt(problems, `${path}.code`) ? (
            <Text component="span" display="block" size="sm" c="var(--mantine-color-error)">
              {messageAt(problems, `${path}.code`)}
            </Text>
          ) : null}
        </Text>
      )}
      <Textarea
        label="Summary (optional)"
        autosize
        minRows={2}
        value={level.summary}
        onChange={(e) => {
          const summary = e.currentTarget.value;
          onChange((l) => ({ ...l, summary }));
        }}
        error={messageAt(problems, `${path}.summary`)}
      />
      <Textarea
        label="Duties (optional)"
        description="One duty per line"
        autosize
        minRows={3}
        value={level.duties.join("\n")}
        onChange={(e) => {
          const duties = e.currentTarget.value.split("\n");
          onChange((l) => ({ ...l, duties }));
        }}
        error={messageAt(problems, `${path}.duties`, true)}
      />

      <Stack gap="sm" component="section" aria-labelledby="framework-requirements-heading">
        <Title order={3} fz="h4" id="framework-requirements-heading">
          Requirements ({level.requirements.length})
        </Title>
        <Text size="sm" c="dimmed">
          Someone reaches this level when they meet every requirement. Tenure can never be the only requirement: mastery first, tenure never
          alone.
        </Text>
        {noMastery ? (
          <Advice title="Mastery requirement needed">
            Add at least one certification, competency, KPI, evaluation, training or mentoring requirement. Tenure and level prerequisites alone
            never qualify anyone.
          </Advice>
        ) : null}
        {requirementsProblems.map((p, i) => (
          <InlineProblem key={i}>{p.message}</InlineProblem>
        ))}
        <Stack gap="sm" ref={requirementList}>
          {level.requirements.map((requirement, k) => (
            <RequirementEditor
              key={k}
              requirement={requirement}
              index={k}
              path={`${path}.requirements[${k}]`}
              context={context}
              onChange={(next) => setRequirements((list) => replaceAt(list, k, next))}
              onRemove={() => setRequirements((list) => removeAt(list, k))}
            />
          ))}
        </Stack>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label="Kind of requirement"
            data={REQUIREMENT_KINDS.map((k) => ({ value: k.kind, label: k.label }))}
            value={kindToAdd}
            onChange={(e) => setKindToAdd(e.currentTarget.value as RequirementKind)}
            description={REQUIREMENT_KINDS.find((k) => k.kind === kindToAdd)?.hint}
            style={{ flex: "1 1 14rem" }}
          />
          <Button
            variant="default"
            onClick={() => {
              setRequirements((list) => [...list, newRequirement(kindToAdd, definition, trackIndex, levelIndex)]);
              setFocusLast((n) => n + 1);
            }}
          >
            Add requirement
          </Button>
        </Group>
      </Stack>
      {isNew ? (
        <Group>
          <Button variant="default" onClick={onRemove}>
            Remove this level
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
