import { Alert, Button, Card, Group, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { useApiAction, useApiQuery, withQuery } from "../../api.ts";
import { formatDate, fullName, todayIsoDate } from "../../format.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { EvidenceLink } from "../evidence/EvidenceLink.tsx";
import { formatAmount, incentivesApi, MILESTONE_LABELS, REWARD_LABELS, type Grant, type IncentiveRule, type Reimbursement } from "./incentives.api.ts";
import { RuleDialog } from "./RuleForm.tsx";

/** What narrows a rule, in words: "Lead only", "Sterile compounding only", "2 hours or more". */
function conditionText(rule: IncentiveRule): string | null {
  if (rule.levelCode) return `${rule.levelCode} only`;
  if (rule.programCode) return `${rule.programCode} only`;
  if (rule.minHours !== null) return `${rule.minHours} hours or more`;
  return null;
}

function RulesSection({ isAdmin, onSaved }: { isAdmin: boolean; onSaved: (message: string) => void }) {
  const rules = useApiQuery<{ items: IncentiveRule[] }>("/api/incentives/rules");
  const update = useApiAction(incentivesApi.updateRule);
  const [editing, setEditing] = useState<IncentiveRule | "new" | null>(null);
  return (
    <Stack component="section" gap="sm" aria-labelledby="rules-heading">
      <Group justify="space-between">
        <Title order={2} fz="h3" id="rules-heading">
          Rules
        </Title>
        {isAdmin ? (
          <Button variant="default" onClick={() => setEditing("new")}>
            Add a rule
          </Button>
        ) : null}
      </Group>
      <RuleDialog
        rule={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved, created) => {
          setEditing(null);
          onSaved(`${created ? "Added" : "Saved"}: ${saved.name}.`);
          rules.reload();
        }}
      />
      <ErrorAlert error={rules.error ?? update.error} onRetry={rules.reload} />
      {!rules.data && rules.isLoading ? <Loading /> : null}
      {rules.data ? (
        <ScrollTable caption="Incentive rules" label="Incentive rules" minWidth={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Rule</Table.Th>
                <Table.Th scope="col">Milestone</Table.Th>
                <Table.Th scope="col">Reward</Table.Th>
                <Table.Th scope="col">Amount</Table.Th>
                <Table.Th scope="col">Active</Table.Th>
                {isAdmin ? (
                  <Table.Th scope="col">
                    <VisuallyHidden>Edit</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>
                    {MILESTONE_LABELS[r.milestone]}
                    {conditionText(r) ? ` (${conditionText(r)})` : ""}
                  </Table.Td>
                  <Table.Td>{REWARD_LABELS[r.reward]}</Table.Td>
                  <Table.Td>{formatAmount(r.amountCents, r.reward)}</Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`${r.name}: active`}
                      checked={r.active}
                      disabled={!isAdmin || update.isPending}
                      onChange={async (e) => {
                        if ((await update.run(r.id, { active: e.currentTarget.checked })).ok) rules.reload();
                      }}
                    />
                  </Table.Td>
                  {isAdmin ? (
                    <Table.Td>
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
                        Edit
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
      ) : null}
    </Stack>
  );
}

function ReimbursementQueue({ onDecided }: { onDecided: (message: string) => void }) {
  const queue = useApiQuery<{ items: Reimbursement[] }>("/api/incentives/reimbursements?status=submitted");
  const decide = useApiAction(incentivesApi.decide);
  const run = async (r: Reimbursement, decision: "approve" | "reject") => {
    if (!(await decide.run(r.id, decision)).ok) return;
    onDecided(`${decision === "approve" ? "Approved" : "Rejected"}: ${fullName(r.person)}, ${formatAmount(r.amountCents)}.`);
    queue.reload();
  };
  return (
    <Stack component="section" gap="sm" aria-labelledby="queue-heading">
      <Title order={2} fz="h3" id="queue-heading">
        Reimbursement requests waiting
      </Title>
      <Text size="sm" c="gray.7">
        Decided by a manager of the person's site or an administrator, never by the person who asked.
      </Text>
      <ErrorAlert error={queue.error ?? decide.error} onRetry={queue.reload} />
      {!queue.data && queue.isLoading ? <Loading /> : null}
      {queue.data && queue.data.items.length === 0 ? <Text>No requests are waiting.</Text> : null}
      {queue.data?.items.map((r) => (
        <Card key={r.id} withBorder padding="sm">
          <Text size="sm" fw={600}>
            {fullName(r.person)} ({r.person.siteCode}) · {formatAmount(r.amountCents)}
          </Text>
          <Text size="sm">{r.purpose}</Text>
          {r.evidenceFile ? <EvidenceLink file={r.evidenceFile} label="Receipt" /> : <Text size="sm" c="gray.7">No receipt attached.</Text>}
          {r.mayDecide ? (
            <Group gap="sm" mt="xs">
              <Button size="compact-sm" onClick={() => void run(r, "approve")} aria-label={`Approve ${fullName(r.person)}'s request`}>
                Approve
              </Button>
              <Button size="compact-sm" variant="default" onClick={() => void run(r, "reject")} aria-label={`Reject ${fullName(r.person)}'s request`}>
                Reject
              </Button>
            </Group>
          ) : (
            <Text size="xs" c="gray.7">
              Someone else decides this request.
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}

/** Managers (their sites) and admins: the rules, the ledger of grants, reimbursement approvals and the payroll export. */
export function IncentivesPage() {
  const session = useSession();
  const grants = useApiQuery<{ items: Grant[] }>("/api/incentives/grants");
  const processNow = useApiAction(incentivesApi.process);
  const [message, setMessage] = useState<string>();
  const today = todayIsoDate();
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  return (
    <Page title="Incentives">
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}
      <RulesSection isAdmin={session.person.role === "admin"} onSaved={setMessage} />
      <ReimbursementQueue onDecided={setMessage} />
      <Stack component="section" gap="sm" aria-labelledby="ledger-heading">
        <Group justify="space-between">
          <Title order={2} fz="h3" id="ledger-heading">
            Granted
          </Title>
          <Button
            variant="default"
            loading={processNow.isPending}
            onClick={async () => {
              const result = await processNow.run();
              if (!result.ok) return;
              setMessage(`Checked ${result.value.processedEvents} milestones: ${result.value.granted} new grants.`);
              grants.reload();
            }}
          >
            Check milestones now
          </Button>
        </Group>
        <ErrorAlert error={grants.error ?? processNow.error} onRetry={grants.reload} />
        {!grants.data && grants.isLoading ? <Loading /> : null}
        {grants.data && grants.data.items.length === 0 ? <Text>Nothing granted yet.</Text> : null}
        {grants.data && grants.data.items.length > 0 ? (
          <ScrollTable caption="Grants" label="Grants" minWidth={560}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Person</Table.Th>
                  <Table.Th scope="col">Reward</Table.Th>
                  <Table.Th scope="col">Rule</Table.Th>
                  <Table.Th scope="col">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {grants.data.items.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{formatDate(g.grantedOn)}</Table.Td>
                    <Table.Td>
                      {fullName(g.person)} ({g.person.siteCode})
                    </Table.Td>
                    <Table.Td>{REWARD_LABELS[g.reward]}</Table.Td>
                    <Table.Td>{g.rule.name}</Table.Td>
                    <Table.Td>{formatAmount(g.amountCents, g.reward)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
        ) : null}
      </Stack>
      <Card withBorder padding="md" component="section" aria-labelledby="payroll-heading">
        <Stack gap="sm">
          <Title order={2} fz="h3" id="payroll-heading">
            Payroll export
          </Title>
          <Text size="sm" c="gray.7">
            Raises and bonuses granted, and reimbursements approved, in the period (both days included), as CSV.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput type="date" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </SimpleGrid>
          <Group>
            <Button component="a" href={withQuery("/api/incentives/payroll.csv", { from, to })} download>
              Download payroll CSV
            </Button>
          </Group>
        </Stack>
      </Card>
    </Page>
  );
}
