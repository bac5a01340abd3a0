import { ActionIcon, Alert, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatDateTime } from "../../format.ts";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { evaluationsApi, TEMPLATE_PATH, TEMPLATE_VERSIONS_PATH, type CommentPrompt, type EvaluationItem, type EvaluationTemplate, type TemplateVersion } from "./evaluations.api.ts";

interface Draft {
  /** The version the draft was started from. */
  version: number;
  name: string;
  items: EvaluationItem[];
  commentPrompts: CommentPrompt[];
}

/** A code for a new line from its label, unique among the codes already used ("teamwork", "teamwork-2"). */
function codeFor(label: string, used: readonly string[]): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 36) || "line";
  let code = base;
  for (let n = 2; used.includes(code); n++) code = `${base}-${n}`;
  return code;
}

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** Admins: the organization's monthly evaluation form. Saving adds a version; evaluations keep the version they were filled with. */
export function EvaluationTemplatePage() {
  const template = useApiQuery<EvaluationTemplate>(TEMPLATE_PATH);
  const versions = useApiQuery<{ items: TemplateVersion[] }>(TEMPLATE_VERSIONS_PATH);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [newLines, setNewLines] = useState<Set<number>>(new Set());
  const [saved, setSaved] = useState<string | null>(null);
  const save = useApiAction(evaluationsApi.saveTemplate);
  const base = template.data;

  // A fresh draft from the newest version: on load, after discarding, and once a save is reloaded.
  useEffect(() => {
    if (base && (!draft || draft.version < base.version)) {
      setDraft({ version: base.version, name: base.name, items: base.items, commentPrompts: base.commentPrompts });
      setNewLines(new Set());
    }
  }, [base, draft]);

  const fieldError = (field: string) => save.error?.fields.find((f) => f.field === field)?.message;
  const setItem = (index: number, patch: Partial<EvaluationItem>) => setDraft((d) => d && { ...d, items: d.items.map((item, i) => (i === index ? { ...item, ...patch } : item)) });
  const setPrompt = (index: number, patch: Partial<CommentPrompt>) => setDraft((d) => d && { ...d, commentPrompts: d.commentPrompts.map((p, i) => (i === index ? { ...p, ...patch } : p)) });

  const submit = async () => {
    if (!base || !draft) return;
    // New lines get their code from the label when saved; kept lines keep theirs, so past ratings still match.
    const used = draft.items.filter((_, i) => !newLines.has(i)).map((i) => i.code);
    const items = draft.items.map((item, i) => {
      if (!newLines.has(i)) return item;
      const code = codeFor(item.label, used);
      used.push(code);
      return { ...item, code };
    });
    const usedPrompts = base.commentPrompts.map((p) => p.code).filter((code) => draft.commentPrompts.some((p) => p.code === code));
    const commentPrompts = draft.commentPrompts.map((p) => {
      if (p.code) return p;
      const code = codeFor(p.label, usedPrompts);
      usedPrompts.push(code);
      return { ...p, code };
    });
    setSaved(null);
    const result = await save.run({ baseVersion: base.version, name: draft.name, items, commentPrompts });
    if (result.ok) {
      setSaved(result.value.changed ? `Saved as version ${result.value.version}. New evaluations use it; those already filled keep their version.` : "Nothing changed: the form stays at its current version.");
      template.reload();
      versions.reload();
    }
  };

  return (
    <Page title="Evaluation form">
      <Text>
        The form managers fill each month for each technician: lines rated 1 to 4 (competencies and KPIs) and comment prompts. Saving a change adds a new version; an
        evaluation already filled keeps the version it was filled with.
      </Text>
      {saved ? (
        <Alert color="ladderTeal" role="status" title="Evaluation form" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaved(null)}>
          {saved}
        </Alert>
      ) : null}
      <ErrorAlert error={template.error} onRetry={template.reload} />
      {template.isLoading && !template.data ? <Loading label="Loading the evaluation form…" /> : null}
      {base && draft ? (
        <form
          aria-label="Edit the evaluation form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              Editing version {base.version}.
            </Text>
            <TextInput label="Form name" required maw={520} value={draft.name} onChange={(e) => { const name = e.currentTarget.value; setDraft((d) => d && { ...d, name }); }} error={fieldError("name")} />
            <Section title="Lines to rate" order={2}>
              {fieldError("items") ? <Text c="red.8" size="sm" role="alert">{fieldError("items")}</Text> : null}
              <Stack gap="sm">
                {draft.items.map((item, i) => (
                  <Card key={`${item.code}-${i}`} withBorder padding="sm" component="fieldset" aria-label={`Line ${i + 1}`} style={{ minWidth: 0 }}>
                    <Stack gap="xs">
                      <Group justify="space-between" gap="xs">
                        <Title order={3} fz="sm">
                          Line {i + 1}
                        </Title>
                        <Group gap={4}>
                          <ActionIcon variant="default" aria-label={`Move line ${i + 1} up`} disabled={i === 0} onClick={() => { setDraft((d) => d && { ...d, items: move(d.items, i, i - 1) }); setNewLines((n) => new Set([...n].map((x) => (x === i ? i - 1 : x === i - 1 ? i : x)))); }}>
                            ↑
                          </ActionIcon>
                          <ActionIcon variant="default" aria-label={`Move line ${i + 1} down`} disabled={i === draft.items.length - 1} onClick={() => { setDraft((d) => d && { ...d, items: move(d.items, i, i + 1) }); setNewLines((n) => new Set([...n].map((x) => (x === i ? i + 1 : x === i + 1 ? i : x)))); }}>
                            ↓
                          </ActionIcon>
                          <Button size="xs" variant="default" color="red" aria-label={`Remove line ${i + 1}`} onClick={() => { setDraft((d) => d && { ...d, items: d.items.filter((_, j) => j !== i) }); setNewLines((n) => new Set([...n].filter((x) => x !== i).map((x) => (x > i ? x - 1 : x)))); }}>
                            Remove
                          </Button>
                        </Group>
                      </Group>
                      <TextInput label="Label" required value={item.label} onChange={(e) => setItem(i, { label: e.currentTarget.value })} error={fieldError(`items.${i}.label`) ?? fieldError(`items.${i}.code`)} />
                      <NativeSelect label="Kind" data={[{ value: "competency", label: "Competency" }, { value: "kpi", label: "KPI" }]} value={item.kind} onChange={(e) => setItem(i, { kind: e.currentTarget.value as EvaluationItem["kind"] })} maw={240} />
                      <TextInput label="What to look for" value={item.description} onChange={(e) => setItem(i, { description: e.currentTarget.value })} />
                    </Stack>
                  </Card>
                ))}
              </Stack>
              <Group>
                <Button variant="default" onClick={() => { setNewLines((n) => new Set([...n, draft.items.length])); setDraft((d) => d && { ...d, items: [...d.items, { code: "", label: "", kind: "competency", description: "" }] }); }}>
                  Add a line
                </Button>
              </Group>
            </Section>
            <Section title="Comment prompts" order={2}>
              <Text size="sm" c="dimmed">
                Questions the manager answers in words on each evaluation (optional to answer). A general comments box is always there.
              </Text>
              {draft.commentPrompts.map((prompt, i) => (
                <Group key={`${prompt.code}-${i}`} align="flex-end" gap="xs" wrap="nowrap">
                  <TextInput style={{ flex: 1 }} label={`Prompt ${i + 1}`} required value={prompt.label} onChange={(e) => setPrompt(i, { label: e.currentTarget.value })} error={fieldError(`commentPrompts.${i}.label`) ?? fieldError(`commentPrompts.${i}.code`)} />
                  <Button variant="default" aria-label={`Remove prompt ${i + 1}`} onClick={() => setDraft((d) => d && { ...d, commentPrompts: d.commentPrompts.filter((_, j) => j !== i) })}>
                    Remove
                  </Button>
                </Group>
              ))}
              <Group>
                <Button variant="default" onClick={() => setDraft((d) => d && { ...d, commentPrompts: [...d.commentPrompts, { code: "", label: "" }] })}>
                  Add a prompt
                </Button>
              </Group>
            </Section>
            <ErrorAlert error={save.error && !save.error.fields.some((f) => f.field !== "baseVersion") ? save.error : undefined} />
            {save.error?.fields.some((f) => f.field !== "baseVersion") ? (
              <Alert color="red" role="alert">
                Some lines need attention: {save.error.fields.map((f) => `${f.field} ${f.message}`).join("; ")}.
              </Alert>
            ) : null}
            <Group gap="sm">
              <Button type="submit" loading={save.isPending}>
                Save as a new version
              </Button>
              <Button variant="default" onClick={() => { setDraft(null); setNewLines(new Set()); save.reset(); }}>
                Discard changes
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      <Section title="Versions" order={2}>
        <ErrorAlert error={versions.error} onRetry={versions.reload} />
        {versions.data ? (
          <ScrollTable caption="Every version of the form, newest first" label="Evaluation form versions" minWidth={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Version</Table.Th>
                <Table.Th scope="col">Saved</Table.Th>
                <Table.Th scope="col">By</Table.Th>
                <Table.Th scope="col">Lines</Table.Th>
                <Table.Th scope="col">Prompts</Table.Th>
                <Table.Th scope="col">Evaluations</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{v.version}</Table.Td>
                  <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                  <Table.Td>{v.createdBy ?? "Shipped default"}</Table.Td>
                  <Table.Td>{v.items.length}</Table.Td>
                  <Table.Td>{v.commentPrompts.length}</Table.Td>
                  <Table.Td>{v.evaluations}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        ) : null}
      </Section>
    </Page>
  );
}
