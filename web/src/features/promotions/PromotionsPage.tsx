import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount, formatDate, formatDateTime, fullName } from "../../format.ts";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { RequirementChecklist, sortRequirements } from "../ladder/RequirementChecklist.tsx";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { formatPayChange, promotionsApi, promotionsPath, type Decision, type Promotion } from "./promotions.api.ts";
import classes from "../ladder/ladder.module.css";

const KIND_LABELS: Record<Promotion["kind"], string> = {
  promotion: "Promotion",
  "track-change": "Track change",
  demotion: "Move to a lower level",
};

function Move({ promotion }: { promotion: Promotion }) {
  return (
    <Text size="sm">
      {KIND_LABELS[promotion.kind] ?? promotion.kind}: {promotion.fromLevelName ?? "no level"} → <strong>{promotion.toLevelName}</strong>
    </Text>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="gray.7">
        {term}
      </Text>
      <Text component="dd" m={0} size="sm" className={classes.wrapText}>
        {children}
      </Text>
    </div>
  );
}

const SNAPSHOT_PREVIEW = 6;

/** The requirements as they stood at nomination: the first few (missing first), all on request. */
function SnapshotChecklist({ promotion }: { promotion: Promotion }) {
  const [showAll, setShowAll] = useState(false);
  const requirements = sortRequirements(promotion.snapshot.requirements);
  const met = requirements.filter((r) => r.status !== "missing").length;
  const shown = showAll ? requirements : requirements.slice(0, SNAPSHOT_PREVIEW);
  const listId = `snapshot-${promotion.id}`;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        Requirements when nominated: {met} of {requirements.length} met ({promotion.snapshot.percent}%)
      </Text>
      <div id={listId}>
        <RequirementChecklist requirements={shown} label={`Requirements for ${promotion.toLevelName} when ${fullName(promotion.person)} was nominated`} compact />
      </div>
      {requirements.length > SNAPSHOT_PREVIEW ? (
        <Group>
          <Button variant="subtle" size="compact-sm" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll} aria-controls={listId}>
            {showAll ? "Show fewer" : `Show all ${requirements.length} requirements`}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function DecisionForm({ promotion, onDecided }: { promotion: Promotion; onDecided: (message: string) => void }) {
  const [note, setNote] = useState("");
  const [pending, setPending] = useState<Decision>();
  const decide = useApiAction(promotionsApi.decide);
  const name = fullName(promotion.person);

  const run = async (decision: Decision) => {
    setPending(decision);
    const result = await decide.run(promotion.id, decision, note.trim() || undefined);
    setPending(undefined);
    if (!result.ok) return;
    onDecided(
      decision === "approve"
        ? `Approved: ${name} becomes ${promotion.toLevelName} on ${formatDate(promotion.effectiveDate)}.`
        : `Rejected: ${name}'s nomination for ${promotion.toLevelName}.`,
    );
  };

  return (
    <Stack gap="xs">
      <ErrorAlert error={decide.error} title="The decision was not recorded" />
      <Textarea
        label="Decision note (optional)"
        autosize
        minRows={2}
        maxRows={5}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        error={decide.error?.fieldMessage("note")}
      />
      <Group gap="sm">
        <Button onClick={() => void run("approve")} loading={pending === "approve"} disabled={pending === "reject"} aria-label={`Approve ${name} for ${promotion.toLevelName}`}>
          Approve
        </Button>
        <Button variant="default" onClick={() => void run("reject")} loading={pending === "reject"} disabled={pending === "approve"} aria-label={`Reject ${name}'s nomination`}>
          Reject
        </Button>
      </Group>
    </Stack>
  );
}

function PendingCard({ promotion, onDecided }: { promotion: Promotion; onDecided: (message: string) => void }) {
  const name = fullName(promotion.person);
  const snapshot = promotion.snapshot;
  return (
    <Card component="li" withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={3} fz="h4">
              <Anchor component={Link} to={`/people/${promotion.person.id}/ladder`}>
                {name}
              </Anchor>
            </Title>
            <Move promotion={promotion} />
          </div>
          {promotion.eligibleAtNomination ? <ToneBadge tone="good">Eligible when nominated</ToneBadge> : <ToneBadge tone="warn">Not eligible: override</ToneBadge>}
        </Group>
        <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" verticalSpacing="xs" m={0}>
          <Fact term="Site">{promotion.person.siteCode}</Fact>
          <Fact term="Effective">{formatDate(promotion.effectiveDate)}</Fact>
          <Fact term="Pay change">{formatPayChange(promotion.payChangeCents)}</Fact>
          <Fact term="Nominated by">
            {promotion.nominatedBy}, {formatDateTime(promotion.nominatedAt)}
          </Fact>
        </SimpleGrid>
        {promotion.note ? (
          <Text size="sm" className={classes.wrapText}>
            <strong>Note:</strong> {promotion.note}
          </Text>
        ) : null}
        {promotion.overrideJustification ? (
          <Alert color="yellow" c="#5c3c00" title="Override justification" role="note">
            <Text size="sm" c="#5c3c00" className={classes.wrapText}>
              {promotion.overrideJustification}
            </Text>
          </Alert>
        ) : null}
        {snapshot ? <SnapshotChecklist promotion={promotion} /> : null}
        <DecisionForm promotion={promotion} onDecided={onDecided} />
      </Stack>
    </Card>
  );
}

function DecidedItem({ promotion }: { promotion: Promotion }) {
  const approved = promotion.status === "approved";
  return (
    <Card component="li" withBorder padding="sm">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Anchor component={Link} to={`/people/${promotion.person.id}/ladder`} fw={600}>
          {fullName(promotion.person)}
        </Anchor>
        <ToneBadge tone={approved ? "good" : "bad"}>{approved ? "Approved" : "Rejected"}</ToneBadge>
      </Group>
      <Move promotion={promotion} />
      <Text size="sm" c="gray.7">
        {promotion.person.siteCode} · effective {formatDate(promotion.effectiveDate)} · {formatPayChange(promotion.payChangeCents)}
      </Text>
      <Text size="sm" c="gray.7">
        Nominated by {promotion.nominatedBy}
        {promotion.decidedBy ? ` · decided by ${promotion.decidedBy}` : ""}
        {promotion.decidedAt ? `, ${formatDateTime(promotion.decidedAt)}` : ""}
      </Text>
      {promotion.decisionNote ? (
        <Text size="sm" className={classes.wrapText}>
          <strong>Decision note:</strong> {promotion.decisionNote}
        </Text>
      ) : null}
    </Card>
  );
}

const RECENT_LIMIT = 20;

export function PromotionsPage() {
  const pending = useApiQuery<{ items: Promotion[] }>(promotionsPath("nominated"));
  const approved = useApiQuery<{ items: Promotion[] }>(promotionsPath("approved"));
  const rejected = useApiQuery<{ items: Promotion[] }>(promotionsPath("rejected"));
  const [message, setMessage] = useState<string>();

  const decided = [...(approved.data?.items ?? []), ...(rejected.data?.items ?? [])]
    .sort((a, b) => (b.decidedAt ?? b.nominatedAt).localeCompare(a.decidedAt ?? a.nominatedAt))
    .slice(0, RECENT_LIMIT);

  const onDecided = (text: string) => {
    setMessage(text);
    pending.reload();
    approved.reload();
    rejected.reload();
  };

  return (
    <Page title="Promotions" actions={<Anchor component={Link} to="/team">Team readiness</Anchor>}>
      {message ? (
        <Alert color="ladderTeal" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setMessage(undefined)}>
          {message}
        </Alert>
      ) : null}

      <Stack component="section" gap="sm" aria-labelledby="pending-heading">
        <Title order={2} fz="h3" id="pending-heading">
          Waiting for a decision{pending.data ? ` (${pending.data.items.length})` : ""}
        </Title>
        <Text size="sm" c="gray.7">
          A nomination is decided by a manager or administrator other than the person who nominated.
        </Text>
        <ErrorAlert error={pending.error} onRetry={pending.reload} />
        {!pending.data && pending.isLoading ? <Loading /> : null}
        {pending.data && pending.data.items.length === 0 ? <Text>No nominations are waiting.</Text> : null}
        {pending.data && pending.data.items.length > 0 ? (
          <Stack component="ul" gap="md" className={classes.plainList} aria-label="Nominations waiting for a decision">
            {pending.data.items.map((promotion) => (
              <PendingCard key={promotion.id} promotion={promotion} onDecided={onDecided} />
            ))}
          </Stack>
        ) : null}
      </Stack>

      <Stack component="section" gap="sm" aria-labelledby="decided-heading">
        <Title order={2} fz="h3" id="decided-heading">
          Recent decisions
        </Title>
        <ErrorAlert error={approved.error ?? rejected.error} onRetry={() => { approved.reload(); rejected.reload(); }} />
        {!approved.data || !rejected.data ? (
          approved.error || rejected.error ? null : <Loading />
        ) : decided.length === 0 ? (
          <Text>No decisions yet.</Text>
        ) : (
          <>
            <Text size="sm" c="gray.7">
              Newest first{decided.length === RECENT_LIMIT ? `; the latest ${formatCount(RECENT_LIMIT, "decision")}` : ""}.
            </Text>
            <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Recent decisions">
              {decided.map((promotion) => (
                <DecidedItem key={promotion.id} promotion={promotion} />
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Page>
  );
}
