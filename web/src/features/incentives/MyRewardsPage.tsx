import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatDate, formatDateTime } from "../../format.ts";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { useSession } from "../../session.tsx";
import { EvidenceFileInput } from "../evidence/EvidenceFileInput.tsx";
import { EvidenceLink } from "../evidence/EvidenceLink.tsx";
import { useEvidenceUpload } from "../evidence/evidence.api.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { formatAmount, incentivesApi, REWARD_LABELS, type Grant, type Reimbursement } from "./incentives.api.ts";

const STATUS_TONE = { submitted: "pending", approved: "good", rejected: "bad" } as const;

function ReimbursementForm({ personId, onSubmitted }: { personId: string; onSubmitted: () => void }) {
  const [amount, setAmount] = useState<number | string>("");
  const [purpose, setPurpose] = useState("");
  const submit = useApiAction(incentivesApi.submitReimbursement);
  const receipt = useEvidenceUpload(personId);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    // The receipt is uploaded first (once, even if sending the request has to be tried again).
    const evidenceFileId = await receipt.upload();
    if (evidenceFileId === undefined) return;
    const result = await submit.run({ amountCents: Math.round(Number(amount) * 100), purpose: purpose.trim(), ...(evidenceFileId ? { evidenceFileId } : {}) });
    if (!result.ok) return;
    setAmount("");
    setPurpose("");
    receipt.reset();
    onSubmitted();
  };
  return (
    <form onSubmit={onSubmit} aria-labelledby="reimbursement-heading">
      <Stack gap="sm">
        <Title order={2} fz="h3" id="reimbursement-heading">
          Ask for a reimbursement
        </Title>
        <Text size="sm" c="gray.7">
          Tuition, exam or conference fees. Attach the receipt; your manager or an administrator decides.
        </Text>
        <ErrorAlert error={submit.error} title="The request was not sent" />
        <NumberInput label="Amount (US dollars)" required min={0.01} decimalScale={2} value={amount} onChange={setAmount} error={submit.error?.fieldMessage("amountCents")} />
        <TextInput label="Purpose" required value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} error={submit.error?.fieldMessage("purpose")} />
        <EvidenceFileInput label="Receipt" hint="An invoice or a paid receipt." value={receipt.file} onChange={receipt.choose} error={receipt.error ?? submit.error?.fieldMessage("evidenceFileId")} />
        <Group>
          <Button type="submit" loading={submit.isPending || receipt.isUploading}>
            Send request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The technician's rewards: what the incentive rules granted them, and their reimbursement requests. */
export function MyRewardsPage() {
  const session = useSession();
  const data = useApiQuery<{ grants: Grant[]; reimbursements: Reimbursement[] }>("/api/incentives/my-rewards");
  const [message, setMessage] = useState<string>();
  return (
    <Page title="My rewards">
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {!data.data && data.isLoading ? <Loading /> : null}
      <Stack component="section" gap="sm" aria-labelledby="grants-heading">
        <Title order={2} fz="h3" id="grants-heading">
          Granted
        </Title>
        {data.data && data.data.grants.length === 0 ? <Text>Nothing granted yet. Passing your certification exam or reaching a new level earns a reward.</Text> : null}
        {data.data && data.data.grants.length > 0 ? (
          <ScrollTable caption="Rewards granted to you" label="Rewards granted to you" minWidth={560}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Reward</Table.Th>
                  <Table.Th scope="col">For</Table.Th>
                  <Table.Th scope="col">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.grants.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{formatDate(g.grantedOn)}</Table.Td>
                    <Table.Td>{REWARD_LABELS[g.reward]}</Table.Td>
                    <Table.Td>{g.rule.name}</Table.Td>
                    <Table.Td>{formatAmount(g.amountCents, g.reward)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
        ) : null}
      </Stack>
      <Card withBorder padding="md">
        <ReimbursementForm
          personId={session.person.id}
          onSubmitted={() => {
            setMessage("Request sent.");
            data.reload();
          }}
        />
      </Card>
      <Stack component="section" gap="sm" aria-labelledby="requests-heading">
        <Title order={2} fz="h3" id="requests-heading">
          My reimbursement requests
        </Title>
        {data.data && data.data.reimbursements.length === 0 ? <Text>No requests yet.</Text> : null}
        {data.data?.reimbursements.map((r) => (
          <Card key={r.id} withBorder padding="sm">
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600}>
                {formatAmount(r.amountCents)} · {r.purpose}
              </Text>
              <ToneBadge tone={STATUS_TONE[r.status]}>{r.status === "submitted" ? "Waiting" : r.status === "approved" ? "Approved" : "Rejected"}</ToneBadge>
            </Group>
            <Text size="xs" c="gray.7">
              Sent {formatDateTime(r.submittedAt)}
              {r.decidedBy ? ` · decided by ${r.decidedBy} on ${formatDate(r.decidedOn)}` : ""}
              {r.decisionNote ? ` · ${r.decisionNote}` : ""}
            </Text>
            {r.evidenceFile ? <EvidenceLink file={r.evidenceFile} label="Receipt" /> : null}
          </Card>
        ))}
      </Stack>
    </Page>
  );
}
