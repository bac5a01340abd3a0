import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { AssessorRule, ChecklistStep, CompetencyDef, FrameworkDefinition } from "./framework.api.ts";
import { kebabCase, newCompetency, removeAt, replaceAt, uniqueCode } from "./framework-model.ts";
import { NumberField } from "./NumberField.tsx";
import { messageAt, problemsUnder, type FrameworkProblem } from "./problems.ts";
import { InlineProblem } from "./Notes.tsx";
import classes from "./framework.module.css";

interface CompetenciesEditorProps {
  definition: FrameworkDefinition;
  published: FrameworkDefinition | undefined;
  problems: readonly FrameworkProblem[];
  selected: number;
  onSelect: (index: number) => void;
  update: (change: (definition: FrameworkDefinition) => FrameworkDefinition) => void;
}

const matches = (c: CompetencyDef, query: string) => {
  const q = query.trim().toLowerCase();
  return !q || c.name.toLowerCase().includes(q) || c.code.includes(q) || c.area.toLowerCase().includes(q);
};

export function CompetenciesEditor({ definition, published, problems, selected, onSelect, update }: CompetenciesEditorProps) {
  const [query, setQuery] = useState("");
  const editorHeading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const [focus, setFocus] = useState<{ n: number; target: "heading" | "name" }>({ n: 0, target: "heading" });
  const competencies = definition.competencies;
  const index = Math.min(selected, competencies.length - 1);
  const competency = competencies[index];

  useEffect(() => {
    if (focus.n === 0) return;
    if (focus.target === "name") nameInput.current?.focus();
    else editorHeading.current?.focus();
  }, [focus]);
  useEffect(() => {
    // Keep the chosen competency in view in the list, also when it was chosen from elsewhere.
    list.current?.querySelector<HTMLElement>('[aria-current="true"]')?.scrollIntoView({ block: "nearest" });
  }, [index]);

  const areas = useMemo(() => [...new Set(competencies.map((c) => c.area.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b)), [competencies]);
  const groups = useMemo(() => {
    const byArea = new Map<string, { competency: CompetencyDef; index: number }[]>();
    competencies.forEach((c, i) => {
      if (!matches(c, query)) return;
      const area = c.area.trim() || "No area yet";
      if (!byArea.has(area)) byArea.set(area, []);
      byArea.get(area)!.push({ competency: c, index: i });
    });
    return [...byArea].sort(([a], [b]) => a.localeCompare(b));
  }, [competencies, query, index]);
  const shown = groups.reduce((n, [, items]) => n + items.length, 0);

  const add = () => {
    const area = competency?.area ?? "";
    update((d) => ({ ...d, competencies: [...d.competencies, newCompetency(area)] }));
    onSelect(competencies.length);
    setQuery("");
    setFocus((f) => ({ n: f.n + 1, target: "name" }));
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="xs" component="section" aria-labelledby="framework-catalog-heading">
          <Title order={2} fz="h4" id="framework-catalog-heading">
            Competency catalog
          </Title>
          <TextInput
            type="search"
            label="Search competencies"
            description="By name, code or area"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            autoComplete="off"
          />
          <Text size="sm" c="dimmed" role="status">
            {query.trim() ? `${shown} of ${competencies.length} competencies match` : `${competencies.length} competencies in ${areas.length} areas`}
          </Text>
          <div ref={list} className={classes.scrollList} tabIndex={0} role="region" aria-label="Competencies by area">
            {groups.map(([area, items]) => (
              <div key={area}>
                <Title order={3} fz="sm" className={classes.areaHeading}>
                  {area}
                </Title>
                <ul className={classes.plainList}>
                  {items.map(({ competency: c, index: i }) => {
                    const count = problemsUnder(problems, `competencies[${i}]`).length;
                    return (
                      <li key={i} style={{ marginBottom: 6 }}>
                        <button
                          type="button"
                          className={classes.pickButton}
                          aria-current={i === index ? "true" : undefined}
                          data-invalid={count > 0 || undefined}
                          onClick={() => {
                            onSelect(i);
                            setFocus((f) => ({ n: f.n + 1, target: "heading" }));
                          }}
                        >
                          <Text component="span" size="sm" fw={600} display="block">
                            {c.name || "Unnamed competency"}
                          </Text>
                          <Text component="span" size="xs" c="dimmed" display="block">
                            {c.steps.length} {c.steps.length === 1 ? "step" : "steps"}
                            {c.validityMonths ? ` · valid ${c.validityMonths} months` : ""}
                            {count > 0 ? ` · ${count} ${count === 1 ? "problem" : "problems"}` : ""}
                          </Text>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
            {shown === 0 ? <Text size="sm">No competency matches “{query.trim()}”.</Text> : null}
          </div>
          <Group>
            <Button variant="default" onClick={add}>
              Add a competency
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {competency ? (
          <CompetencyForm
            key={index}
            headingRef={editorHeading}
            nameRef={nameInput}
            competency={competency}
            index={index}
            definition={definition}
            isNew={!published?.competencies.some((c) => c.code === competency.code) || competency.code === ""}
            publishedSteps={published?.competencies.find((c) => c.code === competency.code)?.steps ?? []}
            areas={areas}
            problems={problems}
            update={update}
            onRemove={() => {
              update((d) => ({ ...d, competencies: removeAt(d.competencies, index) }));
              onSelect(Math.max(0, index - 1));
            }}
          />
        ) : (
          <Text>There are no competencies yet.</Text>
        )}
      </Grid.Col>
    </Grid>
  );
}

interface CompetencyFormProps {
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  nameRef: React.RefObject<HTMLInputElement | null>;
  competency: CompetencyDef;
  index: number;
  definition: FrameworkDefinition;
  isNew: boolean;
  publishedSteps: readonly ChecklistStep[];
  areas: string[];
  problems: readonly FrameworkProblem[];
  update: (change: (definition: FrameworkDefinition) => FrameworkDefinition) => void;
  onRemove: () => void;
}

function CompetencyForm({ headingRef, nameRef, competency: c, index, definition, isNew, publishedSteps, areas, problems, update, onRemove }: CompetencyFormProps) {
  const path = `competencies[${index}]`;
  const areaListId = useId();
  const at = (field: string, below = false) => messageAt(problems, `${path}.${field}`, below);
  const stepList = useRef<HTMLDivElement>(null);
  const [focusLastStep, setFocusLastStep] = useState(0);
  useEffect(() => {
    if (focusLastStep === 0) return;
    const inputs = stepList.current?.querySelectorAll<HTMLTextAreaElement>("textarea");
    inputs?.[inputs.length - 1]?.focus();
  }, [focusLastStep]);

  const edit = (change: (competency: CompetencyDef) => CompetencyDef) =>
    update((d) => ({ ...d, competencies: replaceAt(d.competencies, index, change(d.competencies[index])) }));

  const otherCodes = definition.competencies.filter((_, i) => i !== index).map((x) => x.code);

  /** Renaming a new competency's code also renames the requirements that already point at it. */
  const setCode = (code: string) =>
    update((d) => {
      const before = d.competencies[index].code;
      return {
        ...d,
        competencies: replaceAt(d.competencies, index, { ...d.competencies[index], code }),
        tracks: before
          ? d.tracks.map((t) => ({
              ...t,
              levels: t.levels.map((l) => ({
                ...l,
                requirements: l.requirements.map((r) => (r.kind === "competency" && r.competency === before ? { ...r, competency: code } : r)),
              })),
            }))
          : d.tracks,
      };
    });

  const rename = (name: string) => {
    if (isNew && c.code === generatedCode(c.name, otherCodes)) setCode(generatedCode(name, otherCodes));
    edit((x) => ({ ...x, name }));
  };

  const isNewStep = (step: ChecklistStep) => isNew || !publishedSteps.some((s) => s.code === step.code);
  const setStepText = (j: number, text: string) =>
    edit((x) => {
      const step = x.steps[j];
      const taken = x.steps.filter((_, k) => k !== j).map((s) => s.code);
      const follows = isNewStep(step) && step.code === generatedCode(step.text, taken, 40);
      return { ...x, steps: replaceAt(x.steps, j, { text, code: follows ? generatedCode(text, taken, 40) : step.code }) };
    });

  const hasRule = (kind: AssessorRule["kind"]) => c.assessors.some((a) => a.kind === kind);
  const peer = c.assessors.find((a): a is Extract<AssessorRule, { kind: "peer-above" }> => a.kind === "peer-above");
  const toggleRule = (rule: AssessorRule, on: boolean) =>
    edit((x) => ({ ...x, assessors: on ? [...x.assessors.filter((a) => a.kind !== rule.kind), rule] : x.assessors.filter((a) => a.kind !== rule.kind) }));
  const peerIndex = c.assessors.findIndex((a) => a.kind === "peer-above");
  const core = definition.tracks.find((t) => t.kind === "core");
  const rankOptions = (core?.levels ?? []).map((l) => ({ value: String(l.rank), label: `${l.rank} · ${l.name || l.code} or above` }));
  if (peer && !rankOptions.some((o) => o.value === String(peer.minRank))) rankOptions.push({ value: String(peer.minRank), label: `Rank ${peer.minRank} or above` });

  const generalProblems = problems.filter((p) => p.path === path || p.path === `${path}.assessors` || p.path.startsWith(`${path}.assessors[`) && !p.path.endsWith(".minRank"));

  return (
    <Stack gap="md" component="section" aria-labelledby="framework-competency-heading">
      <Title
        order={2}
        fz="h3"
        id="framework-competency-heading"
        ref={headingRef}
        tabIndex={-1}
        data-problem-path={path} className={`${classes.heading} ${classes.wrapText}`}>
        {c.name || "New competency"}
      </Title>
      {generalProblems.map((p, i) => (
        <InlineProblem key={i}>{p.message}</InlineProblem>
      ))}
      <TextInput ref={nameRef} label="Competency name" value={c.name} onChange={(e) => rename(e.currentTarget.value)} error={at("name")} />
      {isNew ? (
        <TextInput
          label="Code"
          description="Generated from the name in kebab-case; you may change it until it is published"
          value={c.code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={at("code")}
          autoComplete="off"
        />
      ) : (
        <Text size="sm">
          Code{" "}
          <Text component="code" ff="monospace" size="sm">
            {c.code}
          </Text>{" "}
          <Text component="span" size="sm" c="dimmed">
            (fixed: sign-offs refer to it)
          </Text>
          {at("code") ? (
            <Text component="span" display="block" size="sm" c="var(--mantine-color-error)">
              {at("code")}
            </Text>
          ) : null}
        </Text>
      )}
      <TextInput
        label="Area"
        description="Groups the competency in the catalog; choose an existing area or name a new one"
        list={areaListId}
        value={c.area}
        onChange={(e) => {
          const area = e.currentTarget.value;
          edit((x) => ({ ...x, area }));
        }}
        error={at("area")}
        autoComplete="off"
      />
      <datalist id={areaListId}>
        {areas.map((area) => (
          <option key={area} value={area} />
        ))}
      </datalist>
      <Textarea
        label="Description (optional)"
        autosize
        minRows={2}
        value={c.description}
        onChange={(e) => {
          const description = e.currentTarget.value;
          edit((x) => ({ ...x, description }));
        }}
        error={at("description")}
      />

      <Stack gap="sm" component="section" aria-labelledby="framework-steps-heading">
        <Title order={3} fz="h4" id="framework-steps-heading">
          Checklist steps ({c.steps.length})
        </Title>
        {at("steps") && !c.steps.length ? (
          <Text size="sm" c="var(--mantine-color-error)">
            {messageAt(problems, `${path}.steps`)}
          </Text>
        ) : null}
        <Stack gap="xs" ref={stepList}>
          {c.steps.map((step, j) => {
            const stepPath = `${path}.steps[${j}]`;
            return (
              <Fieldset
                key={j}
                p="sm"
                data-problem-path={stepPath}
                className={classes.requirement}
                data-invalid={problemsUnder(problems, stepPath).length > 0 || undefined}
                legend={
                  <Text component="span" fw={600} size="sm">
                    Step {j + 1}
                  </Text>
                }
              >
                <Stack gap="xs">
                  <Textarea
                    label="What the person does"
                    autosize
                    minRows={1}
                    value={step.text}
                    onChange={(e) => setStepText(j, e.currentTarget.value)}
                    error={messageAt(problems, `${stepPath}.text`)}
                  />
                  <Group align="flex-end" gap="sm">
                    {isNewStep(step) ? (
                      <TextInput
                        label="Step code"
                        value={step.code}
                        onChange={(e) => {
                          const code = e.currentTarget.value;
                          edit((x) => ({ ...x, steps: replaceAt(x.steps, j, { ...x.steps[j], code }) }));
                        }}
                        error={messageAt(problems, `${stepPath}.code`)}
                        autoComplete="off"
                        style={{ flex: "1 1 12rem" }}
                      />
                    ) : (
                      <Text size="sm" style={{ flex: "1 1 12rem" }} className={classes.wrapText}>
                        Code{" "}
                        <Text component="code" ff="monospace" size="sm">
                          {step.code}
                        </Text>
                        {messageAt(problems, `${stepPath}.code`) ? (
                          <Text component="span" display="block" size="sm" c="var(--mantine-color-error)">
                            {messageAt(problems, `${stepPath}.code`)}
                          </Text>
                        ) : null}
                      </Text>
                    )}
                    <Group gap={4}>
                      <ActionIcon
                        variant="default"
                        size="lg"
                        disabled={j === 0}
                        aria-label={`Move step ${j + 1} up`}
                        onClick={() => edit((x) => ({ ...x, steps: swap(x.steps, j, j - 1) }))}
                      >
                        <span aria-hidden>↑</span>
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        size="lg"
                        disabled={j === c.steps.length - 1}
                        aria-label={`Move step ${j + 1} down`}
                        onClick={() => edit((x) => ({ ...x, steps: swap(x.steps, j, j + 1) }))}
                      >
                        <span aria-hidden>↓</span>
                      </ActionIcon>
                      <Button variant="default" size="sm" aria-label={`Remove step ${j + 1}`} onClick={() => edit((x) => ({ ...x, steps: removeAt(x.steps, j) }))}>
                        Remove
                      </Button>
                    </Group>
                  </Group>
                </Stack>
              </Fieldset>
            );
          })}
        </Stack>
        <Group>
          <Button
            variant="default"
            onClick={() => {
              edit((x) => ({ ...x, steps: [...x.steps, { code: "", text: "" }] }));
              setFocusLastStep((n) => n + 1);
            }}
          >
            Add a step
          </Button>
        </Group>
      </Stack>

      <Fieldset legend={<Text component="span" fw={600}>Who may sign it off</Text>} p="sm">
        <Stack gap="xs">
          {at("assessors") && !c.assessors.length ? (
            <Text size="sm" c="var(--mantine-color-error)">
              {messageAt(problems, `${path}.assessors`)}
            </Text>
          ) : null}
          <Checkbox label="A pharmacist" checked={hasRule("pharmacist")} onChange={(e) => toggleRule({ kind: "pharmacist" }, e.currentTarget.checked)} />
          <Checkbox label="A lead technician" checked={hasRule("lead")} onChange={(e) => toggleRule({ kind: "lead" }, e.currentTarget.checked)} />
          <Checkbox
            label="A technician peer holding a higher core level"
            description="Above the person assessed, and at least the rank chosen below"
            checked={Boolean(peer)}
            onChange={(e) => toggleRule({ kind: "peer-above", minRank: peer?.minRank ?? 3 }, e.currentTarget.checked)}
          />
          {peer ? (
            <NativeSelect
              label="Peer's minimum rank"
              data={rankOptions}
              value={String(peer.minRank)}
              onChange={(e) => {
                const minRank = Number(e.currentTarget.value);
                edit((x) => ({ ...x, assessors: x.assessors.map((a) => (a.kind === "peer-above" ? { kind: "peer-above", minRank } : a)) }));
              }}
              error={peerIndex >= 0 ? messageAt(problems, `${path}.assessors[${peerIndex}].minRank`) : undefined}
              maw={360}
              ml={{ base: 0, xs: 32 }}
            />
          ) : null}
        </Stack>
      </Fieldset>

      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <NumberField
            label="Sign-off valid for, months (optional)"
            description="Leave empty when sign-offs do not expire"
            integer
            allowEmpty
            value={c.validityMonths}
            onChange={(validityMonths) => edit((x) => withOptional(x, "validityMonths", validityMonths))}
            error={at("validityMonths")}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <TextInput
            label={c.validityMonths === undefined ? "Source of the validity period (optional)" : "Source of the validity period"}
            description="The regulation or policy that sets it, e.g. USP <797> (2023)"
            value={c.validitySource ?? ""}
            onChange={(e) => {
              const validitySource = e.currentTarget.value;
              edit((x) => withOptional(x, "validitySource", validitySource));
            }}
            error={at("validitySource")}
          />
        </Grid.Col>
      </Grid>
      <Textarea
        label="Evidence hint (optional)"
        description="What an assessor should attach or describe when signing off"
        autosize
        minRows={2}
        value={c.evidence ?? ""}
        onChange={(e) => {
          const evidence = e.currentTarget.value;
          edit((x) => withOptional(x, "evidence", evidence));
        }}
        error={at("evidence")}
      />
      {isNew ? (
        <Group>
          <Button variant="default" onClick={onRemove}>
            Remove this competency
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** The kebab-case code a name would get, unique among `taken`; empty for an empty name. */
function generatedCode(text: string, taken: readonly string[], maxLength?: number): string {
  const base = kebabCase(text, maxLength);
  return base ? uniqueCode(base, taken) : "";
}

function swap<T>(list: readonly T[], a: number, b: number): T[] {
  if (b < 0 || b >= list.length) return [...list];
  const next = [...list];
  [next[a], next[b]] = [next[b], next[a]];
  return next;
}

/** Sets an optional field, leaving it out when empty so that an untouched competency stays unchanged. */
function withOptional<K extends "validityMonths" | "validitySource" | "evidence">(c: CompetencyDef, key: K, value: CompetencyDef[K] | undefined): CompetencyDef {
  const next = { ...c };
  if (value === undefined || value === "") delete next[key];
  else next[key] = value;
  return next;
}
