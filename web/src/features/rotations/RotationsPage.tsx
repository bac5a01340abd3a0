import { Alert, Anchor, Button, Card, Group, Loader, NumberInput, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import type { Tone } from "../ladder/labels.ts";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useApiAction, useApiQuery, type QueryState } from "../../api.ts";
import { formatDate, todayIsoDate } from "../../format.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { siteLabel, useSites } from "../sites/sites.api.ts";
import { firstUnplannedMonday, isoWeekday, LEAVE_KINDS, leavePath, rotationsApi, sitePlansPath, WEEKDAYS, type BackfillItem, type LeaveRequest, type PlanSummary } from "./rotations.api.ts";

const PLAN_STATUS: Record<PlanSummary["status"], { label: string; tone: Tone }> = {
  draft: { label: "Draft", tone: "warn" },
  published: { label: "Published", tone: "good" },
  superseded: { label: "Replaced", tone: "neutral" },
};

function GeneratePlan({ siteId, plans }: { siteId: string; plans: readonly PlanSummary[] }) {
  const navigate = useNavigate();
  // Until the manager picks a date, the first week without a published plan (next Monday while the plans load).
  const [chosen, setStartsOn] = useState<string>();
  const startsOn = chosen ?? firstUnplannedMonday(todayIsoDate(), plans);
  const [weeks, setWeeks] = useState<number>(1);
  const generate = useApiAction(rotationsApi.generate);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="generate-title">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await generate.run(siteId, startsOn, weeks);
          if (result.ok) navigate(`/rotations/plans/${result.value.planId}`);
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="generate-title">
            Plan a rotation
          </Title>
          <Text size="sm">The planner puts only people qualified on each shift's date at each station, pairs trainees with a qualified colleague at their cross-training stations, keeps approved leave, rest and weekly hours, and spreads unpopular stations. Where demand cannot be met it says why.</Text>
          <Group align="flex-start" grow>
            <TextInput type="date" label="First Monday" description={chosen ? undefined : "The first week without a published plan"} required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={generate.error?.fieldMessage("startsOn")} />
            <NumberInput label="Weeks" min={1} max={4} required value={weeks} onChange={(value) => setWeeks(Number(value) || 1)} error={generate.error?.fieldMessage("weeks")} />
          </Group>
          <ErrorAlert error={generate.error && !generate.error.fields.length ? generate.error : undefined} />
          <Group>
            <Button type="submit" disabled={generate.isPending}>
              Generate plan
            </Button>
            {generate.isPending ? (
              <Group gap="xs" role="status" aria-live="polite">
                <Loader size="sm" aria-hidden />
                <Text size="sm">Solving the plan: this takes up to ten seconds…</Text>
              </Group>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Plans({ plans }: { plans: QueryState<{ items: PlanSummary[] }> }) {
  return (
    <section aria-labelledby="plans-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="plans-title">
          Plans
        </Title>
        <ErrorAlert error={plans.error} onRetry={plans.reload} />
        {plans.data && plans.data.items.length === 0 ? <Text size="sm">No plans for this site yet.</Text> : null}
        {plans.data && plans.data.items.length > 0 ? (
          <ScrollTable caption="Rotation plans, newest first" label="Rotation plans" minWidth={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Weeks</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Assignments</Table.Th>
                <Table.Th>Shifts short</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/rotations/plans/${p.id}`}>
                      {formatDate(p.startsOn)} to {formatDate(p.endsOn)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <ToneBadge tone={PLAN_STATUS[p.status].tone}>{PLAN_STATUS[p.status].label}</ToneBadge>
                  </Table.Td>
                  <Table.Td>{p.assignments}</Table.Td>
                  <Table.Td>{p.shortfalls}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        ) : null}
      </Stack>
    </section>
  );
}

function Backfill({ leave, onDone }: { leave: LeaveRequest; onDone: () => void }) {
  const [items, setItems] = useState<BackfillItem[] | null>(null);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const load = useApiAction(rotationsApi.leaveBackfill);
  const apply = useApiAction(rotationsApi.backfill);
  useEffect(() => {
    load.run(leave.id).then((result) => {
      if (!result.ok) return;
      setItems(result.value.items);
      setChoice(Object.fromEntries(result.value.items.filter((i) => i.candidates[0]).map((i) => [i.assignment.id, i.candidates[0].personId])));
    });
  }, [leave.id, load.run]);
  if (!items) return load.error ? <ErrorAlert error={load.error} /> : <Loading />;
  if (items.length === 0) return <Text size="sm">No planned shifts fall in this time off.</Text>;
  const moves = Object.entries(choice).map(([assignmentId, personId]) => ({ assignmentId, personId }));
  return (
    <Stack gap="sm">
      {items.map((item) => (
        <Select
          key={item.assignment.id}
          label={`${item.assignment.station.name}, ${WEEKDAYS[isoWeekday(item.assignment.day) - 1]} ${formatDate(item.assignment.day)}, ${item.assignment.shift.name}`}
          description={item.candidates.length ? "Best first: same site, then floaters and nearby sites; least disruption and fewest hours" : "Nobody qualified and free can cover this shift"}
          data={item.candidates.map((c) => ({ value: c.personId, label: `${c.name} · ${c.hoursThisWeek} of ${c.weeklyHours} h this week${c.notes.length ? ` · ${c.notes.join(", ")}` : ""}` }))}
          value={choice[item.assignment.id] ?? null}
          onChange={(value) => setChoice((c) => ({ ...c, ...(value ? { [item.assignment.id]: value } : {}) }))}
          disabled={item.candidates.length === 0}
        />
      ))}
      <ErrorAlert error={apply.error} />
      <Group>
        <Button disabled={moves.length === 0} loading={apply.isPending} onClick={async () => (await apply.run(moves)).ok && onDone()}>
          Reassign {moves.length} shift{moves.length === 1 ? "" : "s"}
        </Button>
      </Group>
    </Stack>
  );
}

function LeaveRequests({ siteId }: { siteId: string }) {
  const session = useSession();
  const leave = useApiQuery<{ items: LeaveRequest[] }>(leavePath(siteId));
  const decide = useApiAction(rotationsApi.decideLeave);
  const [backfilling, setBackfilling] = useState<string | null>(null);
  const open = leave.data?.items.filter((l) => l.status === "requested" || (l.status === "approved" && l.affectedAssignments > 0)) ?? [];
  return (
    <section aria-labelledby="leave-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="leave-title">
          Time off and call-outs
        </Title>
        <ErrorAlert error={leave.error ?? decide.error} onRetry={leave.error ? leave.reload : undefined} />
        {leave.data && open.length === 0 ? <Text size="sm">Nothing waits for a decision or cover.</Text> : null}
        <Stack component="ul" gap="sm" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Time off waiting for a decision or cover">
          {open.map((l) => (
            <Card component="li" key={l.id} withBorder padding="sm">
              <Stack gap="xs">
                <Group justify="space-between" gap="xs">
                  <Text fw={600}>
                    {l.person.name}: {LEAVE_KINDS[l.kind]} {formatDate(l.startsOn)}
                    {l.endsOn !== l.startsOn ? ` to ${formatDate(l.endsOn)}` : ""}
                  </Text>
                  <ToneBadge tone={l.status === "approved" ? "good" : "warn"}>{l.status === "approved" ? "Approved" : "Waiting"}</ToneBadge>
                </Group>
                {l.note ? <Text size="sm">{l.note}</Text> : null}
                <Text size="sm">{l.affectedAssignments} planned shift{l.affectedAssignments === 1 ? "" : "s"} in this time.</Text>
                <Group gap="xs">
                  {l.status === "requested" && l.person.id !== session.person.id ? (
                    <>
                      <Button size="xs" onClick={async () => (await decide.run(l.id, true)).ok && leave.reload()} aria-label={`Approve ${l.person.name}'s ${LEAVE_KINDS[l.kind]}`}>
                        Approve
                      </Button>
                      <Button size="xs" variant="default" onClick={async () => (await decide.run(l.id, false)).ok && leave.reload()} aria-label={`Reject ${l.person.name}'s ${LEAVE_KINDS[l.kind]}`}>
                        Reject
                      </Button>
                    </>
                  ) : null}
                  {l.status === "approved" && l.affectedAssignments > 0 ? (
                    <Button size="xs" variant="default" onClick={() => setBackfilling(backfilling === l.id ? null : l.id)} aria-expanded={backfilling === l.id}>
                      Find cover
                    </Button>
                  ) : null}
                </Group>
                {backfilling === l.id ? (
                  <Backfill
                    leave={l}
                    onDone={() => {
                      setBackfilling(null);
                      leave.reload();
                    }}
                  />
                ) : null}
              </Stack>
            </Card>
          ))}
        </Stack>
      </Stack>
    </section>
  );
}

/** A manager's rotations: plan generation, plans, time-off decisions and backfill for a site. */
export function RotationsPage() {
  const session = useSession();
  const sites = useSites();
  const mine = sites.data?.items.filter((s) => session.person.role === "admin" || session.managedSiteIds.includes(s.id)) ?? [];
  const [siteId, setSiteId] = useState<string | null>(null);
  const current = siteId ?? mine[0]?.id ?? null;
  // Read once for the list and for the form's proposed first Monday.
  const plans = useApiQuery<{ items: PlanSummary[] }>(current ? sitePlansPath(current) : null);
  return (
    <Page title="Rotations">
      <Anchor component={Link} to="/rotations/setup">
        Stations, shifts, demand and availability
      </Anchor>
      <ErrorAlert error={sites.error} onRetry={sites.reload} />
      {!sites.data && !sites.error ? <Loading /> : null}
      {sites.data && mine.length === 0 ? <Alert color="gray">You do not manage a site.</Alert> : null}
      {mine.length > 1 ? <Select label="Site" data={mine.map((s) => ({ value: s.id, label: siteLabel(s) }))} value={current} onChange={setSiteId} allowDeselect={false} maw={420} /> : null}
      {current ? (
        <>
          <GeneratePlan siteId={current} plans={plans.data?.items ?? []} key={`generate-${current}`} />
          <LeaveRequests siteId={current} key={`leave-${current}`} />
          <Plans plans={plans} />
        </>
      ) : null}
    </Page>
  );
}
