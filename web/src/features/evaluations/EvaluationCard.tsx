import { Button, Card, Group, List, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useApiAction } from "../../api.ts";
import { formatDateTime } from "../../format.ts";
import { ErrorAlert } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { EvaluationForm } from "./EvaluationForm.tsx";
import { evaluationsApi, formatMonth, type Evaluation } from "./evaluations.api.ts";

/**
 * One month's evaluation: ratings, prompt answers, comments; for the technician the
 * acknowledgement, and for their manager an edit until the technician acknowledges.
 * `scale` is the rating scale, needed only where the viewer may edit.
 */
export function EvaluationCard({ evaluation: listed, onChanged, scale }: { evaluation: Evaluation; onChanged: () => void; scale?: { value: number; label: string }[] }) {
  const [comment, setComment] = useState("");
  const [isEditing, setEditing] = useState(false);
  // What the server answered to an edit, shown until the list reloads with it (a new `listed`).
  const [saved, setSaved] = useState<{ over: Evaluation; value: Evaluation }>();
  const evaluation = saved && saved.over === listed ? saved.value : listed;
  const wasEdited = saved !== undefined;
  const acknowledge = useApiAction(evaluationsApi.acknowledge);
  const headingId = `evaluation-${evaluation.id}`;
  const personName = evaluation.personName;
  if (isEditing && scale) {
    return (
      <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
        <Stack gap="sm">
          <Title order={3} id={headingId} fz="h4">
            {formatMonth(evaluation.month)}: editing
          </Title>
          <EvaluationForm
            mode="edit"
            evaluation={evaluation}
            form={{ name: `${evaluation.template.name} (version ${evaluation.template.version})`, items: evaluation.items, commentPrompts: evaluation.prompts, scale }}
            personName={personName}
            month={evaluation.month}
            onSaved={(value) => {
              setEditing(false);
              setSaved({ over: listed, value });
              onChanged();
            }}
            onCancel={() => setEditing(false)}
          />
        </Stack>
      </Card>
    );
  }
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} id={headingId} fz="h4">
            {formatMonth(evaluation.month)}
          </Title>
          <Group gap="xs">
            <ToneBadge tone="neutral">Average {evaluation.average.toFixed(2)}</ToneBadge>
            {evaluation.isLocked ? <ToneBadge tone="good">Acknowledged</ToneBadge> : <ToneBadge tone="warn">Awaiting acknowledgement</ToneBadge>}
          </Group>
        </Group>
        <List spacing={4} size="sm">
          {evaluation.items.map((item) => (
            <List.Item key={item.code}>
              {item.label}: <strong>{item.rating ?? "–"}</strong> of 4
            </List.Item>
          ))}
        </List>
        {evaluation.prompts
          .filter((p) => p.answer)
          .map((p) => (
            <Text size="sm" key={p.code}>
              <strong>{p.label}:</strong> {p.answer}
            </Text>
          ))}
        {evaluation.comments ? (
          <Text size="sm">
            <strong>{evaluation.evaluatorName}:</strong> {evaluation.comments}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            By {evaluation.evaluatorName}
          </Text>
        )}
        {evaluation.acknowledgedAt ? (
          <Text size="sm">
            Acknowledged {formatDateTime(evaluation.acknowledgedAt)}
            {evaluation.technicianComment ? `: “${evaluation.technicianComment}”` : ""}
          </Text>
        ) : null}
        {wasEdited ? (
          <Text size="sm" role="status">
            Changes saved. {personName} sees the new version.
          </Text>
        ) : null}
        {evaluation.canEdit && scale ? (
          <Group>
            <Button variant="default" onClick={() => { setSaved(undefined); setEditing(true); }} aria-label={`Edit the evaluation for ${formatMonth(evaluation.month)}`}>
              Edit
            </Button>
          </Group>
        ) : null}
        {evaluation.canAcknowledge ? (
          <form
            onSubmit={async (event) => {
              event.preventDefault();
              const result = await acknowledge.run(evaluation.id, comment.trim() || null);
              if (result.ok) onChanged();
            }}
          >
            <Stack gap="xs">
              <Textarea label="Your comment (optional)" description="Once you acknowledge, the evaluation can no longer change" autosize minRows={2} maxLength={4000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
              <ErrorAlert error={acknowledge.error} />
              <Group>
                <Button type="submit" loading={acknowledge.isPending}>
                  Acknowledge
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
