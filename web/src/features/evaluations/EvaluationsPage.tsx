import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatCount } from "../../format.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { EvaluationForm } from "./EvaluationForm.tsx";
import { duePath, formatMonth, TEMPLATE_PATH, type DueEvaluation, type Evaluation, type EvaluationTemplate } from "./evaluations.api.ts";

/** Managers: who is due an evaluation this month (their site's month), and the form to fill one. */
export function EvaluationsPage() {
  const session = useSession();
  const [siteId, setSiteId] = useState<string | null>(null);
  const due = useApiQuery<{ items: DueEvaluation[] }>(duePath(siteId ?? undefined), { keepPreviousData: true });
  const template = useApiQuery<EvaluationTemplate>(TEMPLATE_PATH);
  const [selected, setSelected] = useState<DueEvaluation | null>(null);
  const [saved, setSaved] = useState<Evaluation | null>(null);
  const sites = [...new Map((due.data?.items ?? []).map((d) => [d.siteId, `${d.siteCode} · ${d.siteName}`])).entries()];

  return (
    <Page title="Evaluations">
      {saved ? (
        <Alert color="ladderTeal" title="Evaluation saved" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaved(null)}>
          {saved.personName}, {formatMonth(saved.month)}: average {saved.average.toFixed(2)}. They will see it and acknowledge it.{" "}
          <Anchor component={Link} to={`/people/${saved.personId}/evaluations`}>
            Open their evaluations
          </Anchor>
        </Alert>
      ) : null}
      {selected && template.data ? (
        <Section title={`Evaluate ${selected.name} for ${formatMonth(selected.month)}`} order={2}>
          <EvaluationForm
            mode="fill"
            form={template.data}
            personId={selected.personId}
            personName={selected.name}
            month={selected.month}
            onSaved={(evaluation) => {
              setSaved(evaluation);
              setSelected(null);
              due.reload();
            }}
            onCancel={() => setSelected(null)}
          />
        </Section>
      ) : (
        <Section title="Due this month" order={2}>
          <Text size="sm">Active technicians {session.person.role === "admin" ? "in the organization" : "at your sites"} without an evaluation for the current month at their site.</Text>
          {sites.length > 1 || siteId ? (
            <Select
              label="Site"
              placeholder="All sites"
              clearable
              data={sites.map(([value, label]) => ({ value, label }))}
              value={siteId}
              onChange={setSiteId}
              maw={360}
            />
          ) : null}
          <ErrorAlert error={due.error ?? template.error} onRetry={due.reload} />
          {due.isLoading && !due.data ? <Loading label="Loading who is due…" /> : null}
          {due.data ? (
            due.data.items.length === 0 ? (
              <Text>Everyone is evaluated for this month.</Text>
            ) : (
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {formatCount(due.data.items.length, "evaluation")} due
                </Text>
                {due.data.items.map((d) => (
                  <Card key={d.personId} withBorder padding="sm" component="article" aria-label={d.name}>
                    <Group justify="space-between" gap="xs" wrap="wrap">
                      <Stack gap={0}>
                        <Title order={3} fz="md">
                          {d.name}
                        </Title>
                        <Text size="sm" c="dimmed">
                          {d.siteCode} · due for {formatMonth(d.month)} · last {d.lastMonth ? formatMonth(d.lastMonth) : "never"}
                        </Text>
                      </Stack>
                      <Button onClick={() => setSelected(d)} disabled={!template.data} aria-label={`Evaluate ${d.name}`}>
                        Evaluate
                      </Button>
                    </Group>
                  </Card>
                ))}
              </Stack>
            )
          ) : null}
        </Section>
      )}
    </Page>
  );
}
