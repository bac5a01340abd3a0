import { Alert, Button, Group, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useApiAction } from "../../api.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { evaluationsApi, formatMonth, type Evaluation, type EvaluationTemplate } from "./evaluations.api.ts";

interface EvaluationFormProps {
  template: EvaluationTemplate;
  personId: string;
  personName: string;
  month: string;
  onSaved: (evaluation: Evaluation) => void;
  onCancel: () => void;
}

/** The monthly form: each item rated 1–4 (radios stack on a phone), then comments. */
export function EvaluationForm({ template, personId, personName, month, onSaved, onCancel }: EvaluationFormProps) {
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [comments, setComments] = useState("");
  const [missing, setMissing] = useState<string[]>([]);
  const fill = useApiAction(evaluationsApi.fill);
  const fieldError = (code: string) => (missing.includes(code) ? "Choose a rating" : fill.error?.fields.find((f) => f.field === `ratings.${code}`)?.message);

  const submit = async () => {
    const unrated = template.items.filter((i) => ratings[i.code] === undefined).map((i) => i.code);
    setMissing(unrated);
    if (unrated.length > 0) {
      document.getElementById(`rating-${unrated[0]}`)?.querySelector("input")?.focus();
      return;
    }
    const result = await fill.run(personId, { month: month.slice(0, 7), ratings, comments: comments.trim() || null });
    if (result.ok) onSaved(result.value);
  };

  return (
    <form
      aria-label={`Evaluation of ${personName} for ${formatMonth(month)}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {template.name}: rate each line from 1 to 4.
        </Text>
        {template.items.map((item) => (
          <Radio.Group
            key={item.code}
            id={`rating-${item.code}`}
            name={`rating-${item.code}`}
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
              {template.scale.map((s) => (
                <Radio key={s.value} value={String(s.value)} label={`${s.value} · ${s.label}`} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        <Textarea label="Comments" description="Strengths, goals for next month" autosize minRows={3} maxLength={4000} value={comments} onChange={(e) => setComments(e.currentTarget.value)} />
        {missing.length > 0 ? (
          <Alert color="red" role="alert">
            Rate every line before saving ({missing.length} left).
          </Alert>
        ) : null}
        <ErrorAlert error={fill.error} />
        <Group gap="sm">
          <Button type="submit" loading={fill.isPending}>
            Save evaluation
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
