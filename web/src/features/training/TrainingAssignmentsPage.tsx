import { Anchor, Button, Card, Group, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useId, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount, formatDate, fullName } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { AccessDenied, ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import classes from "../ladder/ladder.module.css";
import { siteLabel, useSites, type Site } from "../sites/sites.api.ts";
import { AssignTrainingForm } from "./AssignTrainingForm.tsx";
import { CompletionDialog, type CompletionSubject } from "./CompletionDialog.tsx";
import { ASSIGNMENT_STATUS, dueText } from "./labels.ts";
import { overviewPath, trainingApi, usePrograms, type AssignmentStatus, type Overview, type OverviewItem } from "./training.api.ts";

const STATUS_ORDER: AssignmentStatus[] = ["overdue", "in-progress", "assigned", "completed"];

/** The sites a manager may act on (theirs), or every site for an admin. */
export function useManagedSites() {
  const session = useSession();
  const sites = useSites();
  const isAdmin = hasRole(session, ["admin"]);
  const items: Site[] = (sites.data?.items ?? []).filter((s) => isAdmin || session.managedSiteIds.includes(s.id));
  return { ...sites, items, isAdmin };
}

/** The site filter kept in the URL (?siteId=). */
export function useSiteParam(): [string, (siteId: string) => void] {
  const [params, setParams] = useSearchParams();
  const siteId = params.get("siteId") ?? "";
  return [siteId, (next) => setParams(next ? { siteId: next } : {}, { replace: true })];
}

export function StatusCounts({ counts }: { counts: Record<AssignmentStatus, number> }) {
  return (
    <Group gap={6}>
      {STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => (
        <ToneBadge key={s} tone={ASSIGNMENT_STATUS[s].tone}>
          {counts[s]} {ASSIGNMENT_STATUS[s].label.toLowerCase()}
        </ToneBadge>
      ))}
    </Group>
  );
}

function CancelDialog({ item, onClose, onCancelled }: { item: OverviewItem | null; onClose: () => void; onCancelled: () => void }) {
  const [reason, setReason] = useState("");
  const cancel = useApiAction(trainingApi.cancel);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!item) return;
    const result = await cancel.run(item.id, reason);
    if (!result.ok) return;
    setReason("");
    onCancelled();
    onClose();
  };
  return (
    <Modal opened={item !== null} onClose={onClose} title={item ? `Cancel: ${item.programName}` : ""} closeButtonProps={{ "aria-label": "Close" }}>
      <form onSubmit={onSubmit} noValidate aria-label="Cancel the assignment">
        <Stack gap="sm">
          <Text size="sm">The assignment leaves everyone's list. Completions already recorded stay.</Text>
          <ErrorAlert error={cancel.error} />
          <TextInput label="Reason" value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={cancel.error?.fieldMessage("reason")} data-autofocus />
          <Group>
            <Button type="submit" color="red" loading={cancel.isPending}>
              Cancel assignment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AssignmentCard({ item, onComplete, onCancel }: { item: OverviewItem; onComplete: (subject: CompletionSubject) => void; onCancel: () => void }) {
  const [isOpen, setOpen] = useState(false);
  const listId = useId();
  const headingId = useId();
  return (
    <Card component="li" withBorder padding="sm" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text fw={600} id={headingId} className={classes.wrapText}>
            {item.programName}
          </Text>
          <StatusCounts counts={item.counts} />
        </Group>
        <Text size="sm">
          {item.targetLabel} · due {formatDate(item.dueOn)} · assigned {formatDate(item.assignedOn)}
        </Text>
        {item.note ? (
          <Text size="sm" className={classes.wrapText}>
            Note: {item.note}
          </Text>
        ) : null}
        <Group gap="xs">
          <Button size="xs" variant="default" aria-expanded={isOpen} aria-controls={listId} onClick={() => setOpen((open) => !open)} disabled={item.people.length === 0}>
            {isOpen ? "Hide people" : `Show people (${item.people.length})`}
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={onCancel} aria-label={`Cancel the assignment of ${item.programName} to ${item.targetLabel}`}>
            Cancel assignment
          </Button>
        </Group>
        {isOpen ? (
          <Stack component="ul" gap={0} className={classes.plainList} id={listId} aria-label={`People assigned ${item.programName}`}>
            {item.people.map((p) => {
              const status = ASSIGNMENT_STATUS[p.status];
              return (
                <li key={p.personId} className={classes.stepRow} style={{ paddingTop: 6 }}>
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <Stack gap={0}>
                      <Anchor component={Link} to={`/people/${p.personId}/training`} fw={600}>
                        {p.lastName}, {p.firstName}
                      </Anchor>
                      <Text size="sm">
                        {p.siteCode} · {p.status === "completed" && p.completion ? `completed ${formatDate(p.completion.completedOn)}` : dueText(p.dueOn, p.daysLeft, formatDate)}
                      </Text>
                    </Stack>
                    <Group gap="xs">
                      <ToneBadge tone={status.tone}>{status.label}</ToneBadge>
                      {p.status !== "completed" ? (
                        <Button
                          size="xs"
                          onClick={() => onComplete({ personId: p.personId, personName: fullName(p), programId: item.programId, programName: item.programName, assignmentId: item.id })}
                          aria-label={`Record completion for ${fullName(p)}`}
                        >
                          Record completion
                        </Button>
                      ) : null}
                    </Group>
                  </Group>
                </li>
              );
            })}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Managers and admins: assign trainings (in bulk), follow who has done them, record completions. */
export function TrainingAssignmentsPage() {
  const [siteId, setSiteId] = useSiteParam();
  const sites = useManagedSites();
  const programs = usePrograms();
  const overview = useApiQuery<Overview>(overviewPath(siteId || undefined), { keepPreviousData: true });
  const [isAssigning, setAssigning] = useState(false);
  const [completing, setCompleting] = useState<CompletionSubject | null>(null);
  const [cancelling, setCancelling] = useState<OverviewItem | null>(null);

  if (overview.error?.status === 403) return <AccessDenied />;
  const totals = overview.data?.totals;

  return (
    <Page
      title="Training assignments"
      actions={
        <>
          <Anchor component={Link} to="/training/learning-weeks">
            Learning weeks
          </Anchor>
          <Anchor component={Link} to={siteId ? `/training/matrix?siteId=${siteId}` : "/training/matrix"}>
            Training matrix
          </Anchor>
          <Anchor component={Link} to="/training/programs">
            Programs
          </Anchor>
        </>
      }
    >
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label="Site"
          value={siteId}
          onChange={(event) => setSiteId(event.currentTarget.value)}
          data={[{ value: "", label: sites.isAdmin ? "All sites" : "All my sites" }, ...sites.items.map((s) => ({ value: s.id, label: siteLabel(s) }))]}
          error={sites.error ? "Sites could not be loaded" : undefined}
        />
        <Button onClick={() => setAssigning((open) => !open)} aria-expanded={isAssigning} variant={isAssigning ? "default" : "filled"}>
          {isAssigning ? "Close the form" : "Assign a training"}
        </Button>
      </Group>

      {isAssigning ? (
        <Card withBorder padding="md" component="section" aria-label="Assign a training">
          {programs.data && sites.data ? (
            <AssignTrainingForm programs={programs.data.items} sites={sites.items} canAssignOrganization={sites.isAdmin} initialSiteId={siteId || undefined} onAssigned={overview.reload} />
          ) : (
            <>
              <ErrorAlert error={programs.error} onRetry={programs.reload} />
              {!programs.error ? <Loading /> : null}
            </>
          )}
        </Card>
      ) : null}

      <Text role="status" aria-live="polite" fw={600}>
        {totals
          ? `${formatCount(overview.data!.items.length, "assignment")} · ${totals.overdue} overdue · ${totals["in-progress"]} in progress · ${totals.assigned} not started · ${totals.completed} completed`
          : overview.isLoading
            ? "Loading…"
            : ""}
      </Text>
      <ErrorAlert error={overview.error} onRetry={overview.reload} />
      {!overview.data && overview.isLoading ? <Loading /> : null}
      {overview.data && overview.data.items.length === 0 ? <Text>No trainings assigned here yet.</Text> : null}
      {overview.data && overview.data.items.length > 0 ? (
        <Stack component="ul" gap="sm" className={classes.plainList} aria-label="Assignments" style={{ opacity: overview.isLoading ? 0.6 : 1 }}>
          {overview.data.items.map((item) => (
            <AssignmentCard key={item.id} item={item} onComplete={setCompleting} onCancel={() => setCancelling(item)} />
          ))}
        </Stack>
      ) : null}

      <CompletionDialog subject={completing} onClose={() => setCompleting(null)} onRecorded={overview.reload} />
      <CancelDialog item={cancelling} onClose={() => setCancelling(null)} onCancelled={overview.reload} />
    </Page>
  );
}
