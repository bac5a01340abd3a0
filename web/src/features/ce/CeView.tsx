import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { useApiQuery, type QueryState } from "../../api.ts";
import { ErrorAlert, Loading } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { AddCeRecordForm } from "./AddCeRecordForm.tsx";
import { CE_REFERENCE_PATH, type CeReference, type CeStanding } from "./ce.api.ts";
import { CeRecordList } from "./CeRecordList.tsx";
import { CredentialProgress } from "./CredentialProgress.tsx";
import { credentialLabel } from "./labels.ts";

interface CeViewProps {
  personId: string;
  /** The person's CE (GET /api/people/:id/ce), loaded by the page so that it can name the person. */
  standing: QueryState<CeStanding>;
  isSelf: boolean;
}

/** A person's CE: progress toward each credential's renewal, adding a record, and the records themselves. */
export function CeView({ personId, standing, isSelf }: CeViewProps) {
  const reference = useApiQuery<CeReference>(CE_REFERENCE_PATH);

  if (standing.error && !standing.data) return <ErrorAlert error={standing.error} onRetry={standing.reload} />;
  if (!standing.data) return <Loading label="Loading CE…" />;
  const data = standing.data;
  const who = isSelf ? "you" : data.person.firstName;
  const ladderLink = isSelf ? "/ladder" : `/people/${encodeURIComponent(personId)}/ladder`;

  return (
    <Stack gap="lg">
      <ErrorAlert error={standing.error} onRetry={standing.reload} />
      {data.credentials.length === 0 ? (
        <Text>
          {isSelf ? "You hold" : `${data.person.firstName} holds`} no credential with CE renewal rules yet (such as the PTCB CPhT or NHA ExCPT).{" "}
          <Anchor component={Link} to={ladderLink}>
            Record a certification on {isSelf ? "My ladder" : "the career ladder"}
          </Anchor>
          ; CE recorded here counts toward it from the day it was earned.
        </Text>
      ) : (
        <Stack gap="md" component="section" aria-label="Progress toward renewal">
          {data.credentials.map((c) => (
            <CredentialProgress key={c.holdingId} compliance={c} headingOrder={2} who={who} />
          ))}
        </Stack>
      )}
      {data.withoutRules.length > 0 ? (
        <Text size="sm" c="gray.7">
          {data.withoutRules.map((w) => `${credentialLabel(w)}: ${w.reason}`).join(" ")}
        </Text>
      ) : null}
      <Section title="Add a CE record" order={2}>
        <ErrorAlert error={reference.error} onRetry={reference.reload} />
        {reference.data ? (
          <AddCeRecordForm personId={personId} reference={reference.data} canVerify={data.permissions.canVerify} onRecorded={standing.reload} />
        ) : reference.error ? null : (
          <Loading />
        )}
      </Section>
      <Section title={isSelf ? "My CE records" : "CE records"} order={2}>
        <CeRecordList
          records={data.records}
          canVerify={data.permissions.canVerify}
          onChanged={standing.reload}
          emptyText={isSelf ? "You have not recorded any CE yet." : "No CE recorded yet."}
        />
      </Section>
    </Stack>
  );
}
