import { Button, Checkbox, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { ErrorAlert } from "../../ui/index.ts";
import type { PublishedFramework } from "../framework/framework.api.ts";
import { FRAMEWORK_PATH } from "../ladder/ladder.api.ts";
import type { Program } from "../training/training.api.ts";
import { incentivesApi, MILESTONE_LABELS, REWARD_LABELS, type IncentiveRule, type Milestone, type Reward } from "./incentives.api.ts";

const MILESTONES = Object.keys(MILESTONE_LABELS) as Milestone[];
const REWARDS = Object.keys(REWARD_LABELS) as Reward[];

/** "my-new-rule" from "My new rule!", for a code the admin does not have to invent. */
const codeFrom = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);

const toNumber = (value: number | string) => (value === "" ? null : Number(value));

/** The choices for a rule's condition: the framework's levels and the organization's programs. */
function useConditionChoices() {
  const framework = useApiQuery<PublishedFramework>(FRAMEWORK_PATH);
  const programs = useApiQuery<{ items: Program[] }>("/api/training/programs");
  const levels = new Map<string, string>();
  for (const track of framework.data?.definition.tracks ?? []) for (const level of track.levels) if (!levels.has(level.code)) levels.set(level.code, level.name);
  return { levels: [...levels].map(([value, label]) => ({ value, label })), programs: (programs.data?.items ?? []).map((p) => ({ value: p.code, label: p.name })), error: framework.error ?? programs.error };
}

/**
 * Adding a rule (rule null) or editing one: a milestone, an optional condition that fits it (a
 * level, a program, the least CE hours), a reward and its amount. The server's field errors show
 * next to their fields. A rule's code, milestone and reward stay as created.
 */
function RuleFormBody({ rule, onSaved }: { rule: IncentiveRule | null; onSaved: (saved: IncentiveRule) => void }) {
  const choices = useConditionChoices();
  const [name, setName] = useState(rule?.name ?? "");
  const [code, setCode] = useState(rule?.code ?? "");
  const [codeTouched, setCodeTouched] = useState(false);
  const [milestone, setMilestone] = useState<Milestone>(rule?.milestone ?? "training.completed");
  const [reward, setReward] = useState<Reward>(rule?.reward ?? "conference-ticket");
  const [levelCode, setLevelCode] = useState(rule?.levelCode ?? "");
  const [programCode, setProgramCode] = useState(rule?.programCode ?? "");
  const [minHours, setMinHours] = useState<number | string>(rule?.minHours ?? "");
  const [amount, setAmount] = useState<number | string>(rule ? rule.amountCents / 100 : "");
  const [active, setActive] = useState(rule?.active ?? true);
  const create = useApiAction(incentivesApi.createRule);
  const update = useApiAction(incentivesApi.updateRule);
  const error = rule ? update.error : create.error;
  const fieldError = (field: string) => error?.fieldMessage(field);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const condition = {
      levelCode: milestone === "level.reached" ? levelCode || null : null,
      programCode: milestone === "training.completed" ? programCode || null : null,
      minHours: milestone === "ce.completed" ? toNumber(minHours) : null,
    };
    const amountCents = amount === "" ? Number.NaN : Math.round(Number(amount) * 100);
    const result = rule
      ? await update.run(rule.id, { name: name.trim(), amountCents, active, ...condition })
      : await create.run({ code, name: name.trim(), milestone, reward, amountCents, active, ...condition });
    if (result.ok) onSaved(result.value);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={rule ? `Edit ${rule.name}` : "Add an incentive rule"}>
      <Stack gap="sm">
        <ErrorAlert error={error ?? choices.error} title={rule ? "The rule was not saved" : "The rule was not added"} />
        <TextInput
          label="Name"
          description="As people see it on My rewards and payroll sees it in the export."
          required
          value={name}
          onChange={(event) => {
            const next = event.currentTarget.value;
            setName(next);
            if (!rule && !codeTouched) setCode(codeFrom(next));
          }}
          error={fieldError("name")}
          data-autofocus
        />
        {rule ? (
          <Text size="sm">
            Code {rule.code} · {MILESTONE_LABELS[rule.milestone]} · {REWARD_LABELS[rule.reward]}
          </Text>
        ) : (
          <>
            <TextInput
              label="Code"
              description="Lower-case words joined by hyphens; it never changes."
              required
              value={code}
              onChange={(event) => {
                setCode(event.currentTarget.value);
                setCodeTouched(true);
              }}
              error={fieldError("code")}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect label="Milestone" value={milestone} onChange={(event) => setMilestone(event.currentTarget.value as Milestone)} data={MILESTONES.map((m) => ({ value: m, label: MILESTONE_LABELS[m] }))} error={fieldError("milestone")} />
              <NativeSelect label="Reward" value={reward} onChange={(event) => setReward(event.currentTarget.value as Reward)} data={REWARDS.map((r) => ({ value: r, label: REWARD_LABELS[r] }))} error={fieldError("reward")} />
            </SimpleGrid>
          </>
        )}
        {milestone === "level.reached" ? (
          <NativeSelect label="Only for the level" value={levelCode} onChange={(event) => setLevelCode(event.currentTarget.value)} data={[{ value: "", label: "Any level" }, ...choices.levels]} error={fieldError("levelCode")} />
        ) : null}
        {milestone === "training.completed" ? (
          <NativeSelect
            label="Only for the program"
            description="Counts the first completion of the program by each person."
            value={programCode}
            onChange={(event) => setProgramCode(event.currentTarget.value)}
            data={[{ value: "", label: "Any program" }, ...choices.programs, ...(programCode && !choices.programs.some((p) => p.value === programCode) ? [{ value: programCode, label: programCode }] : [])]}
            error={fieldError("programCode")}
          />
        ) : null}
        {milestone === "ce.completed" ? (
          <NumberInput
            label="Only for activities of at least (hours)"
            description="Leave empty for any verified CE activity."
            min={0.25}
            max={999}
            step={0.25}
            decimalScale={2}
            value={minHours}
            onChange={setMinHours}
            error={fieldError("minHours")}
          />
        ) : null}
        <NumberInput
          label={(rule?.reward ?? reward) === "raise" ? "Amount (US dollars per hour)" : "Amount (US dollars)"}
          required
          min={0}
          decimalScale={2}
          value={amount}
          onChange={setAmount}
          error={fieldError("amountCents")}
        />
        <Checkbox label="Active" description="Grants for milestones from now on." checked={active} onChange={(event) => setActive(event.currentTarget.checked)} />
        <Group>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {rule ? "Save rule" : "Add rule"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The rule form in a dialog (full screen on a phone): `rule` to edit, "new" to add, null when closed. */
export function RuleDialog({ rule, onClose, onSaved }: { rule: IncentiveRule | "new" | null; onClose: () => void; onSaved: (saved: IncentiveRule, created: boolean) => void }) {
  const isPhone = useMediaQuery("(max-width: 47.99em)");
  return (
    <Modal opened={rule !== null} onClose={onClose} title={rule === "new" ? "Add an incentive rule" : rule ? `Edit: ${rule.name}` : ""} size="lg" fullScreen={isPhone} closeButtonProps={{ "aria-label": "Close" }}>
      {rule !== null ? <RuleFormBody key={rule === "new" ? "new" : rule.id} rule={rule === "new" ? null : rule} onSaved={(saved) => onSaved(saved, rule === "new")} /> : null}
    </Modal>
  );
}
