import { Alert, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount, formatDateTime } from "../../format.ts";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { AUDIT_EXPORT_URL, AUDIT_PAGE_SIZE, auditApi, auditPath, type AuditEntry, type AuditVerification } from "./audit.api.ts";

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <ScrollTable caption={`${formatCount(entries.length, "entry", "entries")} shown, newest first`} label="Audit log entries" minWidth={760}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Seq</Table.Th>
          <Table.Th scope="col">Time</Table.Th>
          <Table.Th scope="col">Actor</Table.Th>
          <Table.Th scope="col">Action</Table.Th>
          <Table.Th scope="col">Entity</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.seq}>
            <Table.Td>{entry.seq}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(entry.at)}</Table.Td>
            <Table.Td>{entry.actorLabel}</Table.Td>
            <Table.Td>
              <Text component="code" ff="monospace" size="sm">
                {entry.action}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{entry.entityType}</Text>
              <Text size="xs" c="gray.7" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                {entry.entityId}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  if (result.ok) {
    return (
      <Alert color="ladderTeal" title="The chain is intact" role="status">
        {formatCount(result.entries, "entry", "entries")} checked; none has been changed or removed.
      </Alert>
    );
  }
  return (
    <Alert color="red" title="The chain is broken" role="alert">
      <Text size="sm">
        {result.problem
          ? `Entry ${result.problem.seq}: ${result.problem.message} (${result.problem.kind}).`
          : "The log does not verify."}{" "}
        {formatCount(result.entries, "entry", "entries")} checked.
      </Text>
    </Alert>
  );
}

export function AuditPage() {
  const latest = useApiQuery<{ items: AuditEntry[] }>(auditPath());
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [hasOlder, setHasOlder] = useState(true);
  const loadOlder = useApiAction(auditApi.listOlder);
  const verify = useApiAction(auditApi.verify);
  const [verification, setVerification] = useState<AuditVerification>();

  const entries = [...(latest.data?.items ?? []), ...older];
  const canLoadOlder = hasOlder && (latest.data?.items.length ?? 0) >= AUDIT_PAGE_SIZE && (entries.at(-1)?.seq ?? 0) > 1;

  const onLoadOlder = async () => {
    const oldest = entries.at(-1);
    if (!oldest) return;
    const result = await loadOlder.run(oldest.seq);
    if (!result.ok) return;
    setOlder((current) => [...current, ...result.value.items]);
    if (result.value.items.length < AUDIT_PAGE_SIZE) setHasOlder(false);
  };

  const onVerify = async () => {
    setVerification(undefined);
    const result = await verify.run();
    if (result.ok) setVerification(result.value);
  };

  return (
    <Page
      title="Audit log"
      actions={
        <Button component="a" href={AUDIT_EXPORT_URL} variant="default">
          Export CSV
        </Button>
      }
    >
      <Card withBorder padding="md" component="section">
        <Stack gap="sm">
          <Title order={2} fz="h3">
            Verify the chain
          </Title>
          <Text size="sm">
            Each entry carries a hash of the one before it. Verifying recomputes every hash, so any edited or deleted entry
            shows up.
          </Text>
          <Group>
            <Button onClick={onVerify} loading={verify.isPending}>
              Verify chain
            </Button>
          </Group>
          <ErrorAlert error={verify.error} />
          {verification ? <VerificationResult result={verification} /> : null}
        </Stack>
      </Card>

      <Stack component="section" gap="sm" aria-labelledby="audit-entries">
        <Title order={2} fz="h3" id="audit-entries">
          Latest entries
        </Title>
        <ErrorAlert error={latest.error} onRetry={latest.reload} />
        {latest.isLoading && !latest.data ? <Loading /> : null}
        {latest.data && entries.length === 0 ? <Text>The audit log is empty.</Text> : null}
        {entries.length > 0 ? <AuditTable entries={entries} /> : null}
        <ErrorAlert error={loadOlder.error} />
        {canLoadOlder ? (
          <Group justify="center">
            <Button variant="default" onClick={onLoadOlder} loading={loadOlder.isPending}>
              Load older
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Page>
  );
}
