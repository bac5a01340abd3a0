import { Alert, Button, Group, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useApiAction } from "../../api.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { evaluationsApi, formatMonth, type CommentPrompt, type Evaluation, type EvaluationItem } from "./evaluations.api.ts";

/** The lines, prompts and scale of the form version being filled or edited. */
export interface FormShape {
  name: string;
  items: Pick<EvaluationItem, "code" | "label" | "description">[];
  commentPrompts: CommentPrompt[];
  scale: { value: number; label: string }[];
}

type EvaluationFormProps = {
  form: FormShape;
  personName: string;
  month: string;
  onSaved: (evaluation: Evaluation) => void;
  onCancel: () => void;
} & ({ mode: "fill"; personId: string } | { mode: "edit"; evaluation: Evaluation });

/** The monthly form: each item rated 1–4 (radios stack on a phone), the comment prompts, then comments. Fills a new evaluation or edits one not yet acknowledged. */
export function EvaluationForm(props: EvaluationFormProps) {
  const { form, personName, month, onSaved, onCancel } = props;
  const existing = props.mode === "edit" ? props.evaluation : null;
  const [ratings, setRatings] = useState<Record<string, number>>(() =>
    existing ? Object.fromEntries(existing.items.filter((i) => i.rating !== null).map((i) => [i.code, i.rating as number])) : {},
  );
  const [comments, setComments] = useState(existing?.comments ?? "");
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    existing ? Object.fromEntries(existing.prompts.filter((p) => p.answer !== null).map((p) => [p.code, p.answer as string])) : {},
  );
  const [missing, setMissing] = useState<string[]>([]);
  const fill = useApiAction(evaluationsApi.fill);
  const update = useApiAction(evaluationsApi.update);
  const action = existing ? update : fill;
  const fieldError = (code: string) => (missing.includes(code) ? "Choose a rating" : action.error?.fields.find((f) => f.field === `ratings.${code}`)?.message);
  const idPrefix = existing ? `edit-${existing.id}` : "fill";

  const submit = async () => {
    const unrated = form.items.filter((i) => ratings[i.code] === undefined).map((i) => i.code);
    setMissing(unrated);
    if (unrated.length > 0) {
      document.getElementById(`${idPrefix}-rating-${unrated[0]}`)?.querySelector("input")?.focus();
      return;
    }
    const promptAnswers = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.trim()]));
    const result =
      props.mode === "edit"
        ? await update.run(props.evaluation.id, { ratings, comments: comments.trim() || null, promptAnswers })
        : await fill.run(props.personId, { month: month.slice(0, 7), ratings, comments: comments.trim() || null, promptAnswers });
    if (result.ok) onSaved(result.value);
  };

  return (
    <form
      aria-label={`${existing ? "Edit the evaluation" : "Evaluation"} of ${personName} for ${formatMonth(month)}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {form.name}: rate each line from 1 to 4.
          {existing ? " The technician has not acknowledged it yet, so it can still change; your changes are recorded." : ""}
        </Text>
        {form.items.map((item) => (
          <Radio.Group
            key={item.code}
            id={`${idPrefix}-rating-${item.code}`}
            name={`${idPrefix}-rating-${item.code}`}
            label={item.label}
            description={item.description}
            value={ratings[item.code] ? String(ratings[item.code]) : null}
            onChange={(value) => {
              setRatings((r) => ({ ...r, [item.code]: Number(value) }));
              setMissing((m) => m.filter((c) => c !== item.code));
            }}
            error={fieldError(item.code)}
            withAsterisk
          >
            <Group gap="md" mt={6} wrap="wrap">
              {form.scale.map((s) => (
                <Radio key={s.value} value={String(s.value)} label={`${s.value} · ${s.label}`} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        {form.commentPrompts.map((prompt) => (
          <Textarea
            key={prompt.code}
            label={prompt.label}
            autosize
            minRows={2}
            maxLength={4000}
            value={answers[prompt.code] ?? ""}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setAnswers((a) => ({ ...a, [prompt.code]: value }));
            }}
            error={action.error?.fields.find((f) => f.field === `promptAnswers.${prompt.code}`)?.message}
          />
        ))}
        <Textarea label="Comments" description="Anything else for the technician" autosize minRows={3} maxLength={4000} value={comments} onChange={(e) => setComments(e.currentTarget.value)} />
        {missing.length > 0 ? (
          <Alert color="red" role="alert">
            Rate every line before saving ({missing.length} left).
          </Alert>
        ) : null}
        <ErrorAlert error={action.error} />
        <Group gap="sm">
          <Button type="submit" loading={action.isPending}>
            {existing ? "Save changes" : "Save evaluation"}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
