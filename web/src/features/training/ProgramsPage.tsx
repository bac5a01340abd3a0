import { ActionIcon, Alert, Anchor, Badge, Button, Card, Checkbox, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useApiAction } from "../../api.ts";
import { hasRole, useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { groupBy } from "../ladder/labels.ts";
import classes from "../ladder/ladder.module.css";
import { CATEGORY_LABELS, formatCost, formatHours } from "./labels.ts";
import { trainingApi, TRAINING_MANAGER_ROLES, usePrograms, type Delivery, type Program, type ProgramInput, type TrainingCategory } from "./training.api.ts";

interface ModuleDraft {
  title: string;
  delivery: Delivery;
  provider: string;
  hours: number | string;
  ceHours: number | string;
  cost: number | string;
}

const emptyModule = (): ModuleDraft => ({ title: "", delivery: "internal", provider: "", hours: 1, ceHours: 0, cost: 0 });
const toNumber = (value: number | string) => (typeof value === "number" ? value : Number(value || 0));

function ProgramForm({ program, onSaved }: { program?: Program; onSaved: (program: Program) => void }) {
  const [code, setCode] = useState(program?.code ?? "");
  const [name, setName] = useState(program?.name ?? "");
  const [description, setDescription] = useState(program?.description ?? "");
  const [category, setCategory] = useState<TrainingCategory>(program?.category ?? "compliance");
  const [validity, setValidity] = useState<number | string>(program?.validityMonths ?? "");
  const [source, setSource] = useState(program?.source ?? "");
  const [active, setActive] = useState(program?.active ?? true);
  const [modules, setModules] = useState<ModuleDraft[]>(
    program?.modules.map((m) => ({ title: m.title, delivery: m.delivery, provider: m.provider ?? "", hours: m.hours, ceHours: m.ceHours, cost: m.costCents / 100 })) ?? [emptyModule()],
  );
  const save = useApiAction((input: ProgramInput) => (program ? trainingApi.updateProgram(program.id, { ...input, active }) : trainingApi.createProgram(input)));
  const fieldError = (field: string) => save.error?.fieldMessage(field);
  const setModule = (index: number, change: Partial<ModuleDraft>) => setModules((list) => list.map((m, i) => (i === index ? { ...m, ...change } : m)));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input: ProgramInput = {
      code: code.trim(),
      name: name.trim(),
      description: description.trim(),
      category,
      validityMonths: validity === "" ? null : toNumber(validity),
      source: source.trim() || null,
      modules: modules.map((m) => ({ title: m.title.trim(), delivery: m.delivery, provider: m.provider.trim() || null, hours: toNumber(m.hours), ceHours: toNumber(m.ceHours), costCents: Math.round(toNumber(m.cost) * 100) })),
    };
    const result = await save.run(input);
    if (result.ok) onSaved(result.value);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={program ? `Edit ${program.name}` : "Add a training program"}>
      <Stack gap="sm">
        <ErrorAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Name" value={name} onChange={(event) => setName(event.currentTarget.value)} error={fieldError("name")} data-autofocus />
          <TextInput
            label="Code"
            description={program ? "Never changes: level requirements and completions name it." : "Lower-case letters, digits and hyphens; level requirements name it."}
            value={code}
            disabled={Boolean(program)}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={fieldError("code")}
          />
          <NativeSelect label="Category" value={category} onChange={(event) => setCategory(event.currentTarget.value as TrainingCategory)} data={Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} />
          <NumberInput
            label="Valid for (months, optional)"
            description="For recurring trainings; leave empty when a completion does not expire."
            min={1}
            max={120}
            allowDecimal={false}
            value={validity}
            onChange={setValidity}
            error={fieldError("validityMonths")}
          />
        </SimpleGrid>
        <Textarea label="Description (optional)" autosize minRows={2} value={description} onChange={(event) => setDescription(event.currentTarget.value)} error={fieldError("description")} />
        <TextInput label="Source (optional)" description="Where the content or the renewal interval comes from." value={source} onChange={(event) => setSource(event.currentTarget.value)} error={fieldError("source")} />
        <Title order={3} fz="h5">
          Modules
        </Title>
        {fieldError("modules") ? (
          <Text size="sm" c="red.9">
            {fieldError("modules")}
          </Text>
        ) : null}
        <Stack gap="sm" component="ol" className={classes.plainList} aria-label="Modules">
          {modules.map((m, i) => (
            <Card component="li" key={i} withBorder padding="sm">
              <Stack gap="xs">
                <Group justify="space-between" gap="xs">
                  <Text fw={600}>Module {i + 1}</Text>
                  <ActionIcon variant="subtle" color="red" disabled={modules.length === 1} onClick={() => setModules((list) => list.filter((_, j) => j !== i))} aria-label={`Remove module ${i + 1}`}>
                    ×
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                  <TextInput label="Title" value={m.title} onChange={(event) => setModule(i, { title: event.currentTarget.value })} error={fieldError(`modules.${i}.title`)} />
                  <NativeSelect label="Delivery" value={m.delivery} onChange={(event) => setModule(i, { delivery: event.currentTarget.value as Delivery })} data={[{ value: "internal", label: "Internal" }, { value: "external", label: "External" }]} />
                  <TextInput label="Provider (optional)" value={m.provider} onChange={(event) => setModule(i, { provider: event.currentTarget.value })} />
                  <NumberInput label="Hours" min={0} max={9999} decimalScale={2} value={m.hours} onChange={(value) => setModule(i, { hours: value })} error={fieldError(`modules.${i}.hours`)} />
                  <NumberInput label="CE hours" description="ACPE credit; 0 for in-service." min={0} max={999} decimalScale={2} value={m.ceHours} onChange={(value) => setModule(i, { ceHours: value })} error={fieldError(`modules.${i}.ceHours`)} />
                  <NumberInput label="Cost per person (USD)" min={0} decimalScale={2} prefix="$" value={m.cost} onChange={(value) => setModule(i, { cost: value })} error={fieldError(`modules.${i}.costCents`)} />
                </SimpleGrid>
              </Stack>
            </Card>
          ))}
        </Stack>
        <Group>
          <Button variant="default" onClick={() => setModules((list) => [...list, emptyModule()])}>
            Add a module
          </Button>
        </Group>
        {program ? <Checkbox label="Active: takes new assignments" checked={active} onChange={(event) => setActive(event.currentTarget.checked)} /> : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {program ? "Save program" : "Add program"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ProgramCard({ program, canEdit, onEdit }: { program: Program; canEdit: boolean; onEdit: () => void }) {
  return (
    <Card component="li" withBorder padding="sm" aria-label={program.name}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={0}>
            <Text fw={600} className={classes.wrapText}>
              {program.name}
            </Text>
            <Text size="sm" c="gray.7">
              Code {program.code}
            </Text>
          </Stack>
          <Group gap={6}>
            {!program.active ? (
              <Badge variant="light" color="gray" c="gray.8" tt="none">
                Inactive
              </Badge>
            ) : null}
            {canEdit ? (
              <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit ${program.name}`}>
                Edit
              </Button>
            ) : null}
          </Group>
        </Group>
        {program.description ? <Text size="sm">{program.description}</Text> : null}
        <Text size="sm">
          {formatHours(program.totals.hours)} · {program.totals.ceHours > 0 ? `${formatHours(program.totals.ceHours)} CE` : "no CE credit"} · {formatCost(program.totals.costCents)} ·{" "}
          {program.validityMonths ? `renew every ${program.validityMonths} months` : "does not expire"}
        </Text>
        {program.validityVerify ? (
          <Text size="sm" c="#5c3c00">
            The {program.validityMonths}-month interval was not confirmed from a primary source: set it to your organization's policy.
          </Text>
        ) : null}
        <ScrollTable caption="Modules" label={`Modules of ${program.name}`} minWidth={520} striped={false} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Module</Table.Th>
              <Table.Th scope="col">Delivery</Table.Th>
              <Table.Th scope="col">Hours</Table.Th>
              <Table.Th scope="col">CE</Table.Th>
              <Table.Th scope="col">Cost</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {program.modules.map((m) => (
              <Table.Tr key={m.title}>
                <Table.Td>{m.title}</Table.Td>
                <Table.Td>
                  {m.delivery === "internal" ? "Internal" : "External"}
                  {m.provider ? ` · ${m.provider}` : ""}
                </Table.Td>
                <Table.Td>{formatHours(m.hours)}</Table.Td>
                <Table.Td>{formatHours(m.ceHours)}</Table.Td>
                <Table.Td>{formatCost(m.costCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        {program.source ? (
          <Text size="xs" c="gray.7">
            Source: {program.source}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The organization's training catalog; admins add and edit programs. */
export function ProgramsPage() {
  const session = useSession();
  const programs = usePrograms();
  const canEdit = hasRole(session, ["admin"]);
  const isPhone = useMediaQuery("(max-width: 47.99em)");
  const [editing, setEditing] = useState<Program | "new" | null>(null);
  const [saved, setSaved] = useState<string>();
  return (
    <Page
      title="Training programs"
      actions={
        <>
          {hasRole(session, TRAINING_MANAGER_ROLES) ? (
            <Anchor component={Link} to="/training/assignments">
              Training assignments
            </Anchor>
          ) : null}
          {canEdit ? <Button onClick={() => setEditing("new")}>Add program</Button> : null}
        </>
      }
    >
      {saved ? (
        <Alert color="ladderTeal" role="status" withCloseButton onClose={() => setSaved(undefined)} closeButtonLabel="Dismiss">
          {saved}
        </Alert>
      ) : null}
      <ErrorAlert error={programs.error} onRetry={programs.reload} />
      {!programs.data && !programs.error ? <Loading /> : null}
      {programs.data
        ? groupBy(programs.data.items, (p) => p.category).map(([category, items]) => (
            <Stack key={category} gap="sm" component="section" aria-label={CATEGORY_LABELS[category as TrainingCategory]}>
              <Title order={2} fz="h3">
                {CATEGORY_LABELS[category as TrainingCategory] ?? category}
              </Title>
              <Stack component="ul" gap="sm" className={classes.plainList}>
                {items.map((p) => (
                  <ProgramCard key={p.id} program={p} canEdit={canEdit} onEdit={() => setEditing(p)} />
                ))}
              </Stack>
            </Stack>
          ))
        : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === "new" ? "Add a training program" : editing ? `Edit ${editing.name}` : ""} size="xl" fullScreen={isPhone} closeButtonProps={{ "aria-label": "Close" }}>
        {editing !== null ? (
          <ProgramForm
            program={editing === "new" ? undefined : editing}
            onSaved={(program) => {
              setSaved(`${program.name} saved.`);
              setEditing(null);
              programs.reload();
            }}
          />
        ) : null}
      </Modal>
    </Page>
  );
}
