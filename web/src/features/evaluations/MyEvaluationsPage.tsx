import { Anchor, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { EvaluationCard } from "./EvaluationCard.tsx";
import { personEvaluationsPath, TEMPLATE_PATH, type Evaluation, type EvaluationTemplate } from "./evaluations.api.ts";

function EvaluationsOf({ personId, title }: { personId: string; title: string }) {
  const list = useApiQuery<{ items: Evaluation[]; canFill: boolean }>(personEvaluationsPath(personId));
  // The rating scale, only when some evaluation can still be edited by the viewer.
  const template = useApiQuery<EvaluationTemplate>(list.data?.items.some((e) => e.canEdit) ? TEMPLATE_PATH : null);
  return (
    <Page title={title}>
      <Anchor component={Link} to={`/people/${personId}/kpis`} size="sm">
        KPI trends
      </Anchor>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.isLoading && !list.data ? <Loading label="Loading evaluations…" /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <Text>No monthly evaluations yet.</Text>
        ) : (
          <Stack gap="md">
            {list.data.items.map((e) => (
              <EvaluationCard key={e.id} evaluation={e} onChanged={list.reload} scale={template.data?.scale} />
            ))}
          </Stack>
        )
      ) : null}
    </Page>
  );
}

/** The signed-in technician's evaluations: read, acknowledge, comment. */
export function MyEvaluationsPage() {
  const session = useSession();
  return <EvaluationsOf personId={session.person.id} title="My evaluations" />;
}

/** A person's evaluations, for their manager or an admin. */
export function PersonEvaluationsPage() {
  const { id = "" } = useParams();
  return <EvaluationsOf personId={id} title="Evaluations" />;
}
