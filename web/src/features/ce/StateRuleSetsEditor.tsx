import { ActionIcon, Alert, Button, Card, Checkbox, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { US_STATES } from "../ladder/us-states.ts";
import { ceApi, type CeCategory, type CeReference, type CeRuleSet } from "./ce.api.ts";
import { hours } from "./labels.ts";

type MinimumKind = "category" | "live" | "technician";

interface MinimumDraft {
  code: string;
  label: string;
  hours: number | string;
  kind: MinimumKind;
  category: CeCategory;
  firstCycleOnly: boolean;
}

interface RuleSetDraft {
  certificationCode: "state-registration" | "state-license";
  state: string;
  name: string;
  hours: number | string;
  cycleMonths: number | string;
  pharmacistHoursMax: number | string;
  collegeCourseHoursMax: number | string;
  inServiceRefusedFrom: string;
  minimums: MinimumDraft[];
  notes: string;
  source: string;
  verify: boolean;
}

const CREDENTIALS = [
  { value: "state-registration", label: "State technician registration" },
  { value: "state-license", label: "State technician licence" },
];

const optionalNumber = (value: number | string) => (value === "" ? null : Number(value));

function toDraft(rule: CeRuleSet | null, firstCategory: CeCategory): RuleSetDraft {
  return {
    certificationCode: (rule?.certificationCode as RuleSetDraft["certificationCode"]) ?? "state-registration",
    state: rule?.state ?? "",
    name: rule?.name ?? "",
    hours: rule?.hours ?? "",
    cycleMonths: rule?.cycleMonths ?? "",
    pharmacistHoursMax: rule?.pharmacistHoursMax ?? "",
    collegeCourseHoursMax: rule?.collegeCourseHoursMax ?? "",
    inServiceRefusedFrom: rule?.inServiceRefusedFrom ?? "",
    minimums: (rule?.minimums ?? []).map((m) => ({
      code: m.code,
      label: m.label,
      hours: m.hours,
      kind: m.counts.kind,
      category: m.counts.kind === "category" ? m.counts.category : firstCategory,
      firstCycleOnly: Boolean(m.firstCycleOnly),
    })),
    notes: (rule?.notes ?? []).join("\n"),
    source: rule?.source ?? "",
    verify: rule?.verify ?? true,
  };
}

function fromDraft(draft: RuleSetDraft): CeRuleSet {
  const state = draft.state.trim().toUpperCase();
  const cycleMonths = optionalNumber(draft.cycleMonths);
  return {
    code: `${draft.certificationCode}:${state}`,
    certificationCode: draft.certificationCode,
    state,
    name: draft.name.trim(),
    hours: draft.hours === "" ? Number.NaN : Number(draft.hours),
    ...(cycleMonths === null ? {} : { cycleMonths }),
    minimums: draft.minimums.map((m) => ({
      code: m.code.trim(),
      label: m.label.trim(),
      hours: m.hours === "" ? Number.NaN : Number(m.hours),
      counts: m.kind === "category" ? { kind: "category" as const, category: m.category } : { kind: m.kind },
      ...(m.firstCycleOnly ? { firstCycleOnly: true } : {}),
    })),
    pharmacistHoursMax: optionalNumber(draft.pharmacistHoursMax),
    collegeCourseHoursMax: optionalNumber(draft.collegeCourseHoursMax),
    inServiceRefusedFrom: draft.inServiceRefusedFrom || null,
    notes: draft.notes.split("\n").map((n) => n.trim()).filter(Boolean),
    source: draft.source.trim(),
    verify: draft.verify,
    custom: true,
  };
}

/** One state's rule set: hours per cycle, the minimums (law, live, a subject), caps and the source. */
function RuleSetForm({
  reference,
  index,
  onSaved,
  onCancel,
}: {
  reference: CeReference;
  /** The rule set edited, or null to add one. */
  index: number | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const own = reference.settings.stateRuleSets;
  const firstCategory = reference.categories[0].code;
  const [draft, setDraft] = useState<RuleSetDraft>(() => toDraft(index === null ? null : own[index], firstCategory));
  const save = useApiAction(ceApi.saveSettings);
  const position = index ?? own.length;
  const at = (field: string) => save.error?.fieldMessage(`stateRuleSets.${position}.${field}`);
  const set = (patch: Partial<RuleSetDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setMinimum = (i: number, patch: Partial<MinimumDraft>) => set({ minimums: draft.minimums.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const otherProblems = save.error?.fields.filter((f) => !f.field.startsWith(`stateRuleSets.${position}.`)) ?? [];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const rule = fromDraft(draft);
    const stateRuleSets = index === null ? [...own, rule] : own.map((r, i) => (i === index ? rule : r));
    const result = await save.run({ ...reference.settings, stateRuleSets });
    if (result.ok) onSaved(`${rule.name || rule.code} saved.`);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={index === null ? "Add a state rule set" : `Edit ${own[index].name}`}>
      <Stack gap="sm">
        <ErrorAlert error={save.error} title="The rule set was not saved">
          {otherProblems.length > 0 ? (
            <Text size="sm">{otherProblems.map((p) => `${p.field} ${p.message}`).join("; ")}</Text>
          ) : null}
        </ErrorAlert>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label="Credential" value={draft.certificationCode} onChange={(e) => set({ certificationCode: e.currentTarget.value as RuleSetDraft["certificationCode"] })} data={CREDENTIALS} error={at("certificationCode")} />
          <NativeSelect
            label="State"
            required
            value={draft.state}
            onChange={(e) => set({ state: e.currentTarget.value })}
            data={[{ value: "", label: "Choose a state", disabled: true }, ...US_STATES.map(([value, name]) => ({ value, label: name }))]}
            error={at("state")}
          />
          <TextInput label="Name" required description="As it shows on compliance pages, e.g. Ohio technician registration" value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={at("name")} />
          <NumberInput label="Hours per cycle" required min={0.5} max={200} decimalScale={2} value={draft.hours} onChange={(v) => set({ hours: v })} error={at("hours")} />
          <NumberInput label="Cycle length in months (optional)" description="When the state renews on its own schedule" min={1} max={60} allowDecimal={false} value={draft.cycleMonths} onChange={(v) => set({ cycleMonths: v })} error={at("cycleMonths")} />
          <NumberInput label="Pharmacist-designated hours, at most (optional)" min={0} max={200} decimalScale={2} value={draft.pharmacistHoursMax} onChange={(v) => set({ pharmacistHoursMax: v })} error={at("pharmacistHoursMax")} />
          <NumberInput label="College course hours, at most (optional)" min={0} max={200} decimalScale={2} value={draft.collegeCourseHoursMax} onChange={(v) => set({ collegeCourseHoursMax: v })} error={at("collegeCourseHoursMax")} />
          <TextInput type="date" label="In-service not accepted from (optional)" value={draft.inServiceRefusedFrom} onChange={(e) => set({ inServiceRefusedFrom: e.currentTarget.value })} error={at("inServiceRefusedFrom")} />
        </SimpleGrid>
        <Fieldset legend="Minimums within the hours">
          <Stack gap="sm">
            {at("minimums") ? <Text size="sm" c="red.8">{at("minimums")}</Text> : null}
            {draft.minimums.length === 0 ? <Text size="sm">None: any CE counts toward the hours.</Text> : null}
            {draft.minimums.map((m, i) => (
              <Card key={i} withBorder padding="xs">
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={600}>
                    Minimum {i + 1}
                  </Text>
                  <ActionIcon variant="subtle" color="red" onClick={() => set({ minimums: draft.minimums.filter((_, j) => j !== i) })} aria-label={`Remove minimum ${i + 1}`}>
                    ×
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <TextInput label="Label" required description="e.g. Pharmacy law" value={m.label} onChange={(e) => setMinimum(i, { label: e.currentTarget.value })} error={at(`minimums.${i}.label`)} />
                  <TextInput label="Code" required description="Short, e.g. law" value={m.code} onChange={(e) => setMinimum(i, { code: e.currentTarget.value })} error={at(`minimums.${i}.code`)} />
                  <NumberInput label="Hours" required min={0.25} max={200} decimalScale={2} value={m.hours} onChange={(v) => setMinimum(i, { hours: v })} error={at(`minimums.${i}.hours`)} />
                  <NativeSelect
                    label="Counts"
                    value={m.kind === "category" ? `category:${m.category}` : m.kind}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      if (value.startsWith("category:")) setMinimum(i, { kind: "category", category: value.slice("category:".length) as CeCategory });
                      else setMinimum(i, { kind: value as MinimumKind });
                    }}
                    data={[
                      ...reference.categories.map((c) => ({ value: `category:${c.code}`, label: `${c.label} hours` })),
                      { value: "live", label: "Live hours" },
                      { value: "technician", label: "Technician-specific (T) hours" },
                    ]}
                    error={at(`minimums.${i}.counts`)}
                  />
                </SimpleGrid>
                <Checkbox mt="xs" label="Only in the first cycle after the credential was earned" checked={m.firstCycleOnly} onChange={(e) => setMinimum(i, { firstCycleOnly: e.currentTarget.checked })} />
              </Card>
            ))}
            <Group>
              <Button
                variant="default"
                size="xs"
                onClick={() => set({ minimums: [...draft.minimums, { code: "", label: "", hours: "", kind: "category", category: firstCategory, firstCycleOnly: false }] })}
              >
                Add a minimum
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Textarea label="Notes (optional)" description="One a line: conditions shown with the rule set that the app cannot check" autosize minRows={2} value={draft.notes} onChange={(e) => set({ notes: e.currentTarget.value })} error={at("notes")} />
        <TextInput label="Source" required description="The board's page or rule number" value={draft.source} onChange={(e) => set({ source: e.currentTarget.value })} error={at("source")} />
        <Checkbox label="To be confirmed (not yet checked against the board's rules)" checked={draft.verify} onChange={(e) => set({ verify: e.currentTarget.checked })} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save rule set
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** An admin's own state rule sets (they replace a built-in one for the same credential and state): add, edit, remove. */
export function StateRuleSetsEditor({ reference, onSaved }: { reference: CeReference; onSaved: () => void }) {
  const own = reference.settings.stateRuleSets;
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const [message, setMessage] = useState<string>();
  const remove = useApiAction(ceApi.saveSettings);

  const confirmRemove = async (index: number) => {
    const name = own[index].name;
    const result = await remove.run({ ...reference.settings, stateRuleSets: own.filter((_, i) => i !== index) });
    if (!result.ok) return;
    setRemoving(null);
    setMessage(`${name} removed; the built-in rules apply again where there are some.`);
    onSaved();
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="state-rule-sets-heading">
      <Group justify="space-between">
        <Title order={3} fz="h4" id="state-rule-sets-heading">
          Your state rule sets
        </Title>
        {editing === null ? (
          <Button variant="default" size="xs" onClick={() => setEditing("new")}>
            Add a state rule set
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="gray.7">
        For a state whose rules are not built in, or differ from them: yours replace the built-in ones for the same credential and state.
      </Text>
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}
      <ErrorAlert error={remove.error} title="The rule set was not removed" />
      {own.length === 0 && editing === null ? <Text size="sm">None yet.</Text> : null}
      {own.map((rule, index) =>
        editing === index ? (
          <Card key={rule.code} withBorder padding="sm">
            <RuleSetForm
              reference={reference}
              index={index}
              onCancel={() => setEditing(null)}
              onSaved={(text) => {
                setEditing(null);
                setMessage(text);
                onSaved();
              }}
            />
          </Card>
        ) : (
          <Card key={rule.code} withBorder padding="sm">
            <Group justify="space-between" align="flex-start">
              <div>
                <Text size="sm" fw={600}>
                  {rule.name}
                </Text>
                <Text size="sm">
                  {rule.state} · {hours(rule.hours)} per cycle{rule.minimums.length ? `, ${rule.minimums.map((m) => `${hours(m.hours)} ${m.label}`).join(", ")}` : ""}
                </Text>
              </div>
              {removing === index ? (
                <Group gap="xs">
                  <Text size="sm">Remove {rule.name}?</Text>
                  <Button size="compact-sm" color="red" loading={remove.isPending} onClick={() => void confirmRemove(index)}>
                    Remove
                  </Button>
                  <Button size="compact-sm" variant="default" onClick={() => setRemoving(null)}>
                    Keep
                  </Button>
                </Group>
              ) : (
                <Group gap="xs">
                  <Button size="compact-sm" variant="default" onClick={() => setEditing(index)} disabled={editing !== null} aria-label={`Edit ${rule.name}`}>
                    Edit
                  </Button>
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(index)} disabled={editing !== null} aria-label={`Remove ${rule.name}`}>
                    Remove
                  </Button>
                </Group>
              )}
            </Group>
          </Card>
        ),
      )}
      {editing === "new" ? (
        <Card withBorder padding="sm">
          <RuleSetForm
            reference={reference}
            index={null}
            onCancel={() => setEditing(null)}
            onSaved={(text) => {
              setEditing(null);
              setMessage(text);
              onSaved();
            }}
          />
        </Card>
      ) : null}
    </Stack>
  );
}
