import { Button, Group, Select, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { DEFINITIONS_PATH, kpisApi, type KpiDefinition } from "./kpis.api.ts";

const EMPTY: KpiDefinition = { code: "", name: "", unit: "", direction: "higher", description: "" };

/** Admins: the organization's KPI definitions. Codes are what the ladder framework's KPI requirements and imports name. */
export function KpiDefinitionsPage() {
  const list = useApiQuery<{ items: KpiDefinition[] }>(DEFINITIONS_PATH);
  const [draft, setDraft] = useState<KpiDefinition>(EMPTY);
  const [isExisting, setExisting] = useState(false);
  const save = useApiAction(kpisApi.saveDefinition);
  const fieldError = (field: string) => save.error?.fields.find((f) => f.field === field)?.message;
  const set = (patch: Partial<KpiDefinition>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <Page title="KPI definitions">
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.isLoading && !list.data ? <Loading label="Loading KPI definitions…" /> : null}
      {list.data ? (
        <ScrollTable caption="The ladder framework's KPI requirements name these codes" label="KPI definitions" minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Code</Table.Th>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Unit</Table.Th>
              <Table.Th scope="col">Better when</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Edit</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((d) => (
              <Table.Tr key={d.code}>
                <Table.Td>
                  <Text component="code" ff="monospace" size="sm">
                    {d.code}
                  </Text>
                </Table.Td>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td>{d.unit}</Table.Td>
                <Table.Td>{d.direction === "higher" ? "Higher" : "Lower"}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" aria-label={`Edit ${d.name}`} onClick={() => { setDraft(d); setExisting(true); }}>
                    Edit
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      ) : null}
      <Section title={isExisting ? `Edit ${draft.code}` : "Add a KPI"} order={2}>
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await save.run({ ...draft, code: draft.code.trim() });
            if (result.ok) {
              setDraft(EMPTY);
              setExisting(false);
              list.reload();
            }
          }}
        >
          <Stack gap="sm" maw={520}>
            <TextInput label="Code" description="Lower-case letters, digits and hyphens; cannot change later" required disabled={isExisting} value={draft.code} onChange={(e) => set({ code: e.currentTarget.value })} error={fieldError("code")} />
            <TextInput label="Name" required value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldError("name")} />
            <TextInput label="Unit" description="e.g. %, prescriptions per hour" required value={draft.unit} onChange={(e) => set({ unit: e.currentTarget.value })} error={fieldError("unit")} />
            <Select label="Better when" data={[{ value: "higher", label: "Higher is better" }, { value: "lower", label: "Lower is better" }]} value={draft.direction} onChange={(v) => set({ direction: (v ?? "higher") as KpiDefinition["direction"] })} allowDeselect={false} />
            <TextInput label="Description" value={draft.description} onChange={(e) => set({ description: e.currentTarget.value })} error={fieldError("description")} />
            <ErrorAlert error={save.error && save.error.fields.length === 0 ? save.error : undefined} />
            <Group gap="sm">
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
              {isExisting ? (
                <Button variant="default" onClick={() => { setDraft(EMPTY); setExisting(false); }}>
                  Cancel
                </Button>
              ) : null}
            </Group>
          </Stack>
        </form>
      </Section>
    </Page>
  );
}
