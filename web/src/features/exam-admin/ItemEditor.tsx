import { Alert, Button, Card, Checkbox, Fieldset, Group, List, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../../api.ts";
import { formatCount } from "../../format.ts";
import { examAdminApi, type ItemInput, type ItemKind, type ItemOption, type ItemVersion, type PtceDomain, type PtceOutline } from "./exam-admin.api.ts";
import { DIFFICULTY_LABELS } from "./labels.ts";

const LETTERS = ["a", "b", "c", "d", "e", "f"];
const MIN_OPTIONS = 2;

interface Draft {
  code: string;
  kind: ItemKind;
  domain: PtceDomain | "";
  subtopic: string;
  difficulty: number;
  stem: string;
  options: ItemOption[];
  key: string[];
  explanation: string;
  reference: string;
}

function startFrom(item: ItemVersion | undefined): Draft {
  if (!item) {
    return { code: "", kind: "single", domain: "", subtopic: "", difficulty: 2, stem: "", options: LETTERS.slice(0, 4).map((id) => ({ id, text: "" })), key: [], explanation: "", reference: "" };
  }
  return {
    code: item.code,
    kind: item.kind,
    domain: item.domain,
    subtopic: item.subtopic,
    difficulty: item.difficulty,
    stem: item.stem,
    options: item.options.map((o) => ({ ...o })),
    key: [...item.key],
    explanation: item.explanation,
    reference: item.reference,
  };
}

/** Removes an option and letters the rest a, b, c … again, keeping the key on the same texts. */
function withoutOption(draft: Draft, index: number): Draft {
  const kept = draft.options.filter((_, i) => i !== index);
  const renamed = new Map(kept.map((option, i) => [option.id, LETTERS[i]]));
  return {
    ...draft,
    options: kept.map((option, i) => ({ id: LETTERS[i], text: option.text })),
    key: draft.key.filter((id) => renamed.has(id)).map((id) => renamed.get(id)!),
  };
}

interface ItemEditorProps {
  /** The version to start from (the draft, or the published version to change); none for a new item. */
  item?: ItemVersion;
  outline: PtceOutline;
  onSaved: (saved: ItemVersion) => void;
  onCancel: () => void;
}

/** The author's form for an item; saving keeps it as a draft until someone reviews it and it is published. */
export function ItemEditor({ item, outline, onSaved, onCancel }: ItemEditorProps) {
  const [draft, setDraft] = useState<Draft>(() => startFrom(item));
  const [localProblems, setLocalProblems] = useState<Record<string, string>>({});
  const create = useApiAction(examAdminApi.createItem);
  const saveDraft = useApiAction(examAdminApi.saveDraft);
  const action = item ? saveDraft : create;
  const isNew = !item;

  const set = (changes: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...changes }));
    setLocalProblems((p) => {
      const next = { ...p };
      for (const field of Object.keys(changes)) delete next[field];
      return next;
    });
  };
  const domain = outline.domains.find((d) => d.code === draft.domain);
  const fieldError = (field: string) => localProblems[field] ?? action.error?.fieldMessage(field);
  const optionsError = fieldError("options");

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!draft.domain) found.domain = "Choose the domain";
    if (!draft.subtopic) found.subtopic = "Choose the subtopic";
    if (draft.key.length === 0) found.key = draft.kind === "single" ? "Mark the correct answer" : "Mark the correct answers";
    setLocalProblems(found);
    if (Object.keys(found).length > 0 || !draft.domain) return;
    const input: ItemInput = {
      kind: draft.kind,
      domain: draft.domain,
      subtopic: draft.subtopic,
      difficulty: draft.difficulty,
      stem: draft.stem.trim(),
      options: draft.options.map((o) => ({ id: o.id, text: o.text.trim() })),
      key: draft.key,
      explanation: draft.explanation.trim(),
      reference: draft.reference.trim(),
    };
    if (isNew && draft.code.trim()) input.code = draft.code.trim();
    const result = item ? await saveDraft.run(item.code, input) : await create.run(input);
    if (result.ok) onSaved(result.value);
  };

  const knownFields = new Set(["code", "kind", "domain", "subtopic", "difficulty", "stem", "options", "key", "explanation", "reference", ...draft.options.flatMap((_, i) => [`options.${i}.text`, `options.${i}.id`])]);
  const unplaced = (action.error?.fields ?? []).filter((f) => !knownFields.has(f.field));
  const fieldCount = action.error?.fields.length ?? 0;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={isNew ? "New item" : `Edit item ${item.code}`}>
      <Stack gap="md">
        {action.error ? (
          <Alert color="red" role="alert" title="The item was not saved">
            {fieldCount > 0 ? (
              <>
                <Text size="sm">{formatCount(fieldCount, "problem")} to fix; each is shown next to its field.</Text>
                {unplaced.length > 0 ? (
                  <List size="sm">
                    {unplaced.map((f, i) => (
                      <List.Item key={`${f.field}-${i}`}>
                        {f.field}: {f.message}
                      </List.Item>
                    ))}
                  </List>
                ) : null}
              </>
            ) : (
              <Text size="sm">{action.error.message}</Text>
            )}
          </Alert>
        ) : null}

        {isNew ? (
          <TextInput
            label="Code (optional)"
            description="Lowercase letters, digits and - _ . : — left empty, one is made up"
            value={draft.code}
            maxLength={80}
            autoComplete="off"
            onChange={(event) => set({ code: event.currentTarget.value })}
            error={fieldError("code")}
          />
        ) : null}

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Domain"
            required
            value={draft.domain}
            onChange={(event) => set({ domain: event.currentTarget.value as PtceDomain, subtopic: "" })}
            data={[{ value: "", label: "Choose a domain", disabled: true }, ...outline.domains.map((d) => ({ value: d.code, label: `${d.number}. ${d.name}` }))]}
            error={fieldError("domain")}
          />
          <NativeSelect
            label="Subtopic"
            required
            disabled={!domain}
            description={domain ? undefined : "Choose the domain first"}
            value={draft.subtopic}
            onChange={(event) => set({ subtopic: event.currentTarget.value })}
            data={[{ value: "", label: "Choose a subtopic", disabled: true }, ...(domain?.subtopics ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))]}
            error={fieldError("subtopic")}
          />
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Radio.Group
            label="Kind"
            value={draft.kind}
            onChange={(value) => set({ kind: value as ItemKind, key: value === "single" ? draft.key.slice(0, 1) : draft.key })}
            error={fieldError("kind")}
          >
            <Stack gap="xs" mt={6}>
              <Radio value="single" label="One correct answer" />
              <Radio value="multi" label="Several correct answers (select all that apply)" />
            </Stack>
          </Radio.Group>
          <Radio.Group label="Difficulty" description="Your estimate until statistics calibrate it" value={String(draft.difficulty)} onChange={(value) => set({ difficulty: Number(value) })} error={fieldError("difficulty")}>
            <Group gap="md" mt={6}>
              {[1, 2, 3].map((level) => (
                <Radio key={level} value={String(level)} label={DIFFICULTY_LABELS[level]} />
              ))}
            </Group>
          </Radio.Group>
        </SimpleGrid>

        <Textarea label="Question (stem)" required autosize minRows={3} maxLength={4000} value={draft.stem} onChange={(event) => set({ stem: event.currentTarget.value })} error={fieldError("stem")} />

        <Fieldset legend="Options" variant="unstyled" p={0} styles={{ legend: { fontWeight: 600, fontSize: "var(--mantine-font-size-sm)" } }}>
          <Stack gap="xs">
            <Text size="sm" c="gray.7">
              Two to six options, lettered in the order shown.
            </Text>
            {draft.options.map((option, index) => (
              <Group key={option.id} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  label={`Option ${option.id.toUpperCase()}`}
                  value={option.text}
                  maxLength={1000}
                  style={{ flex: 1, minWidth: 0 }}
                  onChange={(event) => {
                    const text = event.currentTarget.value;
                    set({ options: draft.options.map((o, i) => (i === index ? { ...o, text } : o)) });
                  }}
                  error={fieldError(`options.${index}.text`)}
                />
                <Button
                  variant="default"
                  mt={25}
                  onClick={() => setDraft((d) => withoutOption(d, index))}
                  disabled={draft.options.length <= MIN_OPTIONS}
                  aria-label={`Remove option ${option.id.toUpperCase()}`}
                >
                  Remove
                </Button>
              </Group>
            ))}
            {optionsError ? (
              <Text size="sm" c="red.9" role="alert">
                Options {optionsError}
              </Text>
            ) : null}
            <Group>
              <Button
                variant="default"
                disabled={draft.options.length >= LETTERS.length}
                onClick={() => set({ options: [...draft.options, { id: LETTERS[draft.options.length], text: "" }] })}
              >
                Add option
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        {draft.kind === "single" ? (
          <Radio.Group label="Correct answer" required value={draft.key[0] ?? ""} onChange={(value) => set({ key: [value] })} error={fieldError("key")}>
            <Stack gap="xs" mt={6}>
              {draft.options.map((option) => (
                <Radio key={option.id} value={option.id} label={`${option.id.toUpperCase()}. ${option.text || "(empty)"}`} />
              ))}
            </Stack>
          </Radio.Group>
        ) : (
          <Checkbox.Group label="Correct answers" description="Mark two or more" required value={draft.key} onChange={(value) => set({ key: LETTERS.filter((l) => value.includes(l)) })} error={fieldError("key")}>
            <Stack gap="xs" mt={6}>
              {draft.options.map((option) => (
                <Checkbox key={option.id} value={option.id} label={`${option.id.toUpperCase()}. ${option.text || "(empty)"}`} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}

        <Textarea
          label="Explanation"
          description="Why the key is right and why the other options are wrong (at least 20 characters)"
          required
          autosize
          minRows={3}
          maxLength={6000}
          value={draft.explanation}
          onChange={(event) => set({ explanation: event.currentTarget.value })}
          error={fieldError("explanation")}
        />
        <TextInput
          label="Reference"
          description="Where the fact comes from: regulation, labeling, reference table"
          required
          maxLength={1000}
          value={draft.reference}
          onChange={(event) => set({ reference: event.currentTarget.value })}
          error={fieldError("reference")}
        />

        <Card withBorder padding="sm" bg="gray.0">
          <Text size="sm">
            {isNew
              ? "The item is saved as a draft. Someone other than you reviews it before it can be published."
              : item.status === "draft"
                ? `Saving changes draft v${item.version} and clears its review.`
                : `Saving creates draft v${item.version + 1}. Version ${item.version} stays in use until the draft is reviewed and published.`}
          </Text>
        </Card>

        <Group gap="sm">
          <Button type="submit" loading={action.isPending}>
            Save draft
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
