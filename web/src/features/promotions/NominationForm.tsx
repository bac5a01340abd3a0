import { Alert, Button, Group, List, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { formatDate, todayIsoDate } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import type { CurrentLevel, Eligibility, FrameworkDefinition } from "../ladder/ladder.api.ts";
import { sortRequirements } from "../ladder/RequirementChecklist.tsx";
import { parseDollarsToCents, promotionsApi, type NewNomination, type Promotion } from "./promotions.api.ts";

interface TargetOption {
  value: string;
  track: string;
  level: string;
  levelName: string;
  trackName: string;
  eligibility: Eligibility | undefined;
}

/** Missing requirements named in the warning; the person's ladder lists them all. */
const MISSING_PREVIEW = 5;

const targetKey = (track: string, level: string) => `${track}/${level}`;

/** The levels one may be nominated for: the computed next levels first, then the framework's other levels. */
function targetOptions(next: Eligibility[], current: CurrentLevel[], framework: FrameworkDefinition | undefined): TargetOption[] {
  const options: TargetOption[] = next.map((eligibility) => ({
    value: targetKey(eligibility.track, eligibility.level),
    track: eligibility.track,
    level: eligibility.level,
    levelName: eligibility.levelName,
    trackName: eligibility.trackName,
    eligibility,
  }));
  const held = new Set(current.map((level) => targetKey(level.track, level.level)));
  for (const track of framework?.tracks ?? []) {
    for (const level of track.levels) {
      const value = targetKey(track.code, level.code);
      if (held.has(value) || options.some((option) => option.value === value)) continue;
      options.push({ value, track: track.code, level: level.code, levelName: level.name, trackName: track.name, eligibility: undefined });
    }
  }
  return options;
}

function optionLabel(option: TargetOption): string {
  if (!option.eligibility) return `${option.levelName} (${option.trackName})`;
  return option.eligibility.eligible
    ? `${option.levelName} · eligible`
    : `${option.levelName} · not eligible (${option.eligibility.percent}%)`;
}

interface NominationFormProps {
  personId: string;
  personName: string;
  next: Eligibility[];
  currentLevels: CurrentLevel[];
  /** Adds the framework's other levels to the choices when given. */
  framework?: FrameworkDefinition;
  /** Preselects this level ("track/level"). */
  initialTarget?: string;
  onNominated: (promotion: Promotion) => void;
  /** Focus the first field when shown (in a dialog). */
  autoFocus?: boolean;
}

export function NominationForm({ personId, personName, next, currentLevels, framework, initialTarget, onNominated, autoFocus = false }: NominationFormProps) {
  const options = targetOptions(next, currentLevels, framework);
  const [target, setTarget] = useState(initialTarget ?? options[0]?.value ?? "");
  const [effectiveDate, setEffectiveDate] = useState(todayIsoDate);
  const [pay, setPay] = useState("");
  const [note, setNote] = useState("");
  const [justification, setJustification] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const nominate = useApiAction(promotionsApi.nominate);
  const targetRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (autoFocus) targetRef.current?.focus();
  }, [autoFocus]);

  const chosen = options.find((option) => option.value === target);
  const refusedAsIneligible = nominate.error?.code === "NOT_ELIGIBLE";
  const knownIneligible = chosen?.eligibility ? !chosen.eligibility.eligible : false;
  const needsJustification = knownIneligible || refusedAsIneligible;
  const missing = chosen?.eligibility ? sortRequirements(chosen.eligibility.requirements).filter((r) => r.status === "missing") : [];
  const fieldError = (field: string) => clientErrors[field] ?? nominate.error?.fieldMessage(field);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!chosen) errors.toLevel = "Choose the level to nominate for";
    if (!effectiveDate) errors.effectiveDate = "Give the date the promotion takes effect";
    const payChangeCents = pay.trim() ? parseDollarsToCents(pay) : undefined;
    if (payChangeCents === null) errors.payChangeCents = "Give an amount in dollars per hour, such as 1.50";
    if (needsJustification && !justification.trim()) errors.overrideJustification = "Explain why the nomination should go ahead anyway";
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || !chosen) return;

    const input: NewNomination = { personId, toTrack: chosen.track, toLevel: chosen.level, effectiveDate };
    if (payChangeCents !== undefined && payChangeCents !== null) input.payChangeCents = payChangeCents;
    if (note.trim()) input.note = note.trim();
    if (needsJustification && justification.trim()) input.overrideJustification = justification.trim();
    const result = await nominate.run(input);
    if (result.ok) onNominated(result.value);
  };

  if (options.length === 0) {
    return <Text size="sm">There is no level to nominate {personName} for.</Text>;
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Nominate ${personName} for promotion`}>
      <Stack gap="sm">
        {nominate.error && !refusedAsIneligible ? <ErrorAlert error={nominate.error} /> : null}
        <NativeSelect
          label="Target level"
          ref={targetRef}
          required
          value={target}
          onChange={(event) => {
            setTarget(event.currentTarget.value);
            nominate.reset();
          }}
          data={options.map((option) => ({ value: option.value, label: optionLabel(option) }))}
          error={fieldError("toLevel") ?? fieldError("toTrack")}
        />
        {needsJustification ? (
          <Alert color="yellow" c="#5c3c00" title={`${personName} is not eligible for ${chosen?.levelName ?? "this level"}`} role={refusedAsIneligible ? "alert" : "note"}>
            <Stack gap={4}>
              {refusedAsIneligible ? <Text size="sm">{nominate.error?.message}</Text> : null}
              {!refusedAsIneligible && missing.length > 0 ? (
                <>
                  <Text size="sm">Still missing:</Text>
                  <List size="sm" withPadding>
                    {missing.slice(0, MISSING_PREVIEW).map((requirement, index) => (
                      <List.Item key={`${requirement.label}-${index}`}>{requirement.label}</List.Item>
                    ))}
                  </List>
                  {missing.length > MISSING_PREVIEW ? <Text size="sm">…and {missing.length - MISSING_PREVIEW} more.</Text> : null}
                </>
              ) : null}
              <Text size="sm">A nomination that overrides the requirements needs a justification, which the approver sees.</Text>
            </Stack>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="date"
            label="Effective date"
            required
            value={effectiveDate}
            onChange={(event) => setEffectiveDate(event.currentTarget.value)}
            error={fieldError("effectiveDate")}
            description={effectiveDate ? formatDate(effectiveDate) : undefined}
          />
          <TextInput
            label="Pay change, dollars per hour (optional)"
            description="For example 1.50; a minus sign for a decrease"
            inputMode="decimal"
            leftSection={<span aria-hidden>$</span>}
            value={pay}
            onChange={(event) => setPay(event.currentTarget.value)}
            error={fieldError("payChangeCents")}
          />
        </SimpleGrid>
        {needsJustification ? (
          <Textarea
            label="Override justification"
            required
            autosize
            minRows={2}
            maxRows={6}
            value={justification}
            onChange={(event) => setJustification(event.currentTarget.value)}
            error={fieldError("overrideJustification")}
          />
        ) : null}
        <Textarea
          label="Note (optional)"
          autosize
          minRows={2}
          maxRows={6}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={fieldError("note")}
        />
        <Group>
          <Button type="submit" loading={nominate.isPending}>
            Nominate
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
