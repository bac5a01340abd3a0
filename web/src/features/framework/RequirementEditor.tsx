import { Button, Fieldset, NativeSelect, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMemo } from "react";
import type {
  CatalogCertification,
  FrameworkDefinition,
  ProficiencyLevel,
  Proficiency,
  Requirement,
  TrainingProgramOption,
} from "./framework.api.ts";
import { levelRef, requirementKindLabel } from "./framework-model.ts";
import { NumberField } from "./NumberField.tsx";
import { messageAt, problemsUnder, type FrameworkProblem } from "./problems.ts";
import { CertificationPicker } from "./CertificationPicker.tsx";
import classes from "./framework.module.css";

export interface RequirementContext {
  definition: FrameworkDefinition;
  trackIndex: number;
  levelIndex: number;
  catalog: readonly CatalogCertification[];
  /** The organization's training programs; undefined while loading. */
  programs: readonly TrainingProgramOption[] | undefined;
  scale: readonly ProficiencyLevel[];
  problems: readonly FrameworkProblem[];
}

interface RequirementEditorProps {
  requirement: Requirement;
  index: number;
  /** Path of the requirement in the definition, e.g. `tracks[0].levels[1].requirements[2]`. */
  path: string;
  context: RequirementContext;
  onChange: (requirement: Requirement) => void;
  onRemove: () => void;
}

/** Sub-paths each kind shows next to a field; other problems of the row are shown under it. */
const FIELDS: Record<Requirement["kind"], string[]> = {
  certification: ["anyOf", "label"],
  competency: ["competency", "minProficiency"],
  kpi: ["kpi", "comparator", "threshold", "windowMonths", "label"],
  evaluation: ["minAverage", "months"],
  training: ["training", "label"],
  mentoring: ["hours"],
  tenure: ["months"],
  level: ["level"],
};

/** The programs to pick from (inactive ones marked); a code not in the catalog stays choosable so that it is seen, not lost. */
export function programChoices(programs: readonly TrainingProgramOption[] | undefined, current: string) {
  const options = [...(programs ?? [])]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ value: p.code, label: `${p.name}${p.active ? "" : " (inactive)"}` }));
  const head = current === "" ? [{ value: "", label: programs ? "Choose a program" : "Loading the programs…" }] : [];
  const unknown = current !== "" && programs && !programs.some((p) => p.code === current) ? [{ value: current, label: `${current} (not in the catalog)` }] : [];
  const loading = current !== "" && !programs ? [{ value: current, label: current }] : [];
  return [...head, ...unknown, ...loading, ...options];
}

export function proficiencyOptions(scale: readonly ProficiencyLevel[]) {
  return scale.map((p) => ({ value: String(p.value), label: `${p.value} · ${p.label}` }));
}

export function RequirementEditor({ requirement, index, path, context, onChange, onRemove }: RequirementEditorProps) {
  const kindLabel = requirementKindLabel(requirement.kind);
  const at = (field: string) => messageAt(context.problems, `${path}.${field}`, true);
  const rowProblems = problemsUnder(context.problems, path).filter(
    (p) => !FIELDS[requirement.kind].some((field) => p.path === `${path}.${field}` || p.path.startsWith(`${path}.${field}[`)),
  );

  return (
    <Fieldset
      legend={
        <Text component="span" fw={600} size="sm">
          {index + 1}. {kindLabel}
        </Text>
      }
      className={classes.requirement}
      data-problem-path={path}
      data-invalid={problemsUnder(context.problems, path).length > 0 || undefined}
      p="sm"
    >
      <Stack gap="xs">
        <div className={classes.requirementBody}>
          <div className={classes.requirementFields}>
            <KindFields requirement={requirement} context={context} at={at} onChange={onChange} />
          </div>
          <Button variant="default" size="sm" onClick={onRemove} aria-label={`Remove requirement ${index + 1}, ${kindLabel}`} className={classes.removeButton}>
            Remove
          </Button>
        </div>
        {rowProblems.map((p, i) => (
          <Text key={i} size="sm" c="var(--mantine-color-error)">
            {p.message}
          </Text>
        ))}
      </Stack>
    </Fieldset>
  );
}

interface KindFieldsProps {
  requirement: Requirement;
  context: RequirementContext;
  at: (field: string) => string | undefined;
  onChange: (requirement: Requirement) => void;
}

function KindFields({ requirement: r, context, at, onChange }: KindFieldsProps) {
  switch (r.kind) {
    case "certification":
      return <CertificationFields requirement={r} catalog={context.catalog} at={at} onChange={onChange} />;
    case "competency":
      return <CompetencyFields requirement={r} context={context} at={at} onChange={onChange} />;
    case "kpi":
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          <TextInput
            label="KPI code"
            description="As reported in the KPI feed, e.g. fill-accuracy"
            value={r.kpi}
            onChange={(e) => onChange({ ...r, kpi: e.currentTarget.value })}
            error={at("kpi")}
            autoComplete="off"
          />
          <NativeSelect
            label="Must be"
            data={[
              { value: ">=", label: "At least (≥)" },
              { value: "<=", label: "At most (≤)" },
            ]}
            value={r.comparator}
            onChange={(e) => onChange({ ...r, comparator: e.currentTarget.value as ">=" | "<=" })}
            error={at("comparator")}
          />
          <NumberField label="Threshold" value={r.threshold} onChange={(v) => onChange({ ...r, threshold: v ?? Number.NaN })} error={at("threshold")} />
          <NumberField
            label="Over the last (months)"
            integer
            value={r.windowMonths}
            onChange={(v) => onChange({ ...r, windowMonths: v ?? Number.NaN })}
            error={at("windowMonths")}
          />
          <TextInput
            label="Label (optional)"
            description="How the requirement reads to technicians"
            value={r.label ?? ""}
            onChange={(e) => onChange({ ...r, label: e.currentTarget.value })}
            error={at("label")}
            className={classes.fullRow}
          />
        </SimpleGrid>
      );
    case "evaluation":
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          <NumberField
            label="Minimum average score"
            description="On the evaluation scale of 1 to 4"
            value={r.minAverage}
            onChange={(v) => onChange({ ...r, minAverage: v ?? Number.NaN })}
            error={at("minAverage")}
          />
          <NumberField
            label="Over the last (months)"
            description="Evaluations within this window count"
            integer
            value={r.months}
            onChange={(v) => onChange({ ...r, months: v ?? Number.NaN })}
            error={at("months")}
          />
        </SimpleGrid>
      );
    case "training":
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          <NativeSelect
            label="Training program"
            description="From the organization's training catalog"
            value={r.training}
            onChange={(e) => onChange({ ...r, training: e.currentTarget.value })}
            error={at("training")}
            data={programChoices(context.programs, r.training)}
          />
          <TextInput
            label="Label (optional)"
            description="The course name technicians see"
            value={r.label ?? ""}
            onChange={(e) => onChange({ ...r, label: e.currentTarget.value })}
            error={at("label")}
          />
        </SimpleGrid>
      );
    case "mentoring":
      return (
        <NumberField
          label="Mentoring hours"
          description="Hours spent mentoring other technicians"
          value={r.hours}
          onChange={(v) => onChange({ ...r, hours: v ?? Number.NaN })}
          error={at("hours")}
          maw={280}
        />
      );
    case "tenure":
      return (
        <NumberField
          label="Months in role"
          description="Tenure can never be the only requirement: the level also needs a certification, competency, KPI, evaluation, training or mentoring requirement."
          integer
          value={r.months}
          onChange={(v) => onChange({ ...r, months: v ?? Number.NaN })}
          error={at("months")}
        />
      );
    case "level":
      return <LevelPrerequisiteField requirement={r} context={context} at={at} onChange={onChange} />;
  }
}

function CertificationFields({
  requirement: r,
  catalog,
  at,
  onChange,
}: {
  requirement: Extract<Requirement, { kind: "certification" }>;
  catalog: readonly CatalogCertification[];
  at: (field: string) => string | undefined;
  onChange: (requirement: Requirement) => void;
}) {
  return (
    <Stack gap="xs">
      <CertificationPicker catalog={catalog} value={r.anyOf} onChange={(anyOf) => onChange({ ...r, anyOf })} error={at("anyOf")} />
      <TextInput
        label="Label (optional)"
        description="How the requirement reads to technicians"
        value={r.label ?? ""}
        onChange={(e) => onChange({ ...r, label: e.currentTarget.value })}
        error={at("label")}
      />
    </Stack>
  );
}

function CompetencyFields({
  requirement: r,
  context,
  at,
  onChange,
}: {
  requirement: Extract<Requirement, { kind: "competency" }>;
  context: RequirementContext;
  at: (field: string) => string | undefined;
  onChange: (requirement: Requirement) => void;
}) {
  const competencies = context.definition.competencies;
  const data = useMemo(() => {
    const areas = new Map<string, { value: string; label: string }[]>();
    for (const c of competencies) {
      if (!c.code) continue;
      const area = c.area.trim() || "No area";
      if (!areas.has(area)) areas.set(area, []);
      areas.get(area)!.push({ value: c.code, label: c.name || c.code });
    }
    const groups = [...areas].sort(([a], [b]) => a.localeCompare(b)).map(([group, items]) => ({ group, items: items.sort((a, b) => a.label.localeCompare(b.label)) }));
    const isKnown = competencies.some((c) => c.code === r.competency);
    const head = r.competency && !isKnown ? [{ value: r.competency, label: `${r.competency} (unknown competency)` }] : [];
    return [{ value: "", label: "Choose a competency…", disabled: true }, ...head, ...groups];
  }, [competencies, r.competency]);
  return (
    <div className={classes.competencyRow}>
      <NativeSelect
        label="Competency"
        data={data}
        value={r.competency}
        onChange={(e) => onChange({ ...r, competency: e.currentTarget.value })}
        error={at("competency")}
      />
      <NativeSelect
        label="Minimum proficiency"
        data={proficiencyOptions(context.scale)}
        value={String(r.minProficiency)}
        onChange={(e) => onChange({ ...r, minProficiency: Number(e.currentTarget.value) as Proficiency })}
        error={at("minProficiency")}
      />
    </div>
  );
}

function LevelPrerequisiteField({
  requirement: r,
  context,
  at,
  onChange,
}: {
  requirement: Extract<Requirement, { kind: "level" }>;
  context: RequirementContext;
  at: (field: string) => string | undefined;
  onChange: (requirement: Requirement) => void;
}) {
  const { definition, trackIndex, levelIndex } = context;
  const self = levelRef(definition.tracks[trackIndex], definition.tracks[trackIndex].levels[levelIndex]);
  const groups = definition.tracks.map((track) => ({
    group: track.name || track.code,
    items: track.levels
      .filter((level) => levelRef(track, level) !== self)
      .map((level) => ({ value: levelRef(track, level), label: `${level.rank}. ${level.name || level.code}` })),
  }));
  const isKnown = groups.some((g) => g.items.some((i) => i.value === r.level));
  const head = r.level && !isKnown ? [{ value: r.level, label: `${r.level} (unknown level)` }] : [];
  return (
    <NativeSelect
      label="Level held first"
      description="The person must hold or have held this level"
      data={[{ value: "", label: "Choose a level…", disabled: true }, ...head, ...groups]}
      value={r.level}
      onChange={(e) => onChange({ ...r, level: e.currentTarget.value })}
      error={at("level")}
    />
  );
}
