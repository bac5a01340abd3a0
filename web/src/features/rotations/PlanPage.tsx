import { Alert, Anchor, Badge, Button, Card, Checkbox, CloseButton, Group, List, SegmentedControl, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatDate } from "../../format.ts";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { ToneBadge } from "../ladder/ToneBadge.tsx";
import { compareDates, daysFrom, isoWeekday, planPath, rotationsApi, WEEKDAYS, type NewAssignment, type PlanProblem, type PlanView } from "./rotations.api.ts";

const dayLabel = (day: string) => `${WEEKDAYS[isoWeekday(day) - 1]} ${formatDate(day)}`;

/** Add one assignment, checked live against every rule while it is being chosen. */
function AddAssignment({ plan, onSaved }: { plan: PlanView; onSaved: () => void }) {
  const days = daysFrom(plan.startsOn, plan.weeks * 7);
  const [draft, setDraft] = useState<Partial<NewAssignment>>({ trainee: false });
  const [introduced, setIntroduced] = useState<PlanProblem[] | null>(null);
  const check = useApiAction(rotationsApi.check);
  const change = useApiAction(rotationsApi.change);
  const complete = draft.personId && draft.stationId && draft.shiftId && draft.day;
  useEffect(() => {
    setIntroduced(null);
    if (!complete) return;
    let live = true;
    check.run(plan.id, { add: [draft as NewAssignment] }).then((result) => live && result.ok && setIntroduced(result.value.introduced));
    return () => {
      live = false;
    };
  }, [plan.id, draft.personId, draft.stationId, draft.shiftId, draft.day, draft.trainee, complete, check.run]);
  const set = (patch: Partial<NewAssignment>) => setDraft((d) => ({ ...d, ...patch }));
  const blocking = introduced?.filter((p) => !["unavailable", "over-demand"].includes(p.kind)) ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="add-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="add-title">
          Add someone to a shift
        </Title>
        <Group grow align="flex-start" wrap="wrap">
          <Select label="Person" searchable data={plan.people.map((p) => ({ value: p.id, label: p.siteCode && p.tier !== "same-site" ? `${p.name} (${p.siteCode})` : p.name }))} value={draft.personId ?? null} onChange={(v) => set({ personId: v ?? undefined })} miw={180} />
          <Select label="Station" data={plan.stations.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))} value={draft.stationId ?? null} onChange={(v) => set({ stationId: v ?? undefined })} miw={180} />
          <Select label="Shift" data={plan.shifts.filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.name} ${s.start}–${s.end}` }))} value={draft.shiftId ?? null} onChange={(v) => set({ shiftId: v ?? undefined })} miw={160} />
          <Select label="Day" data={days.map((d) => ({ value: d, label: dayLabel(d) }))} value={draft.day ?? null} onChange={(v) => set({ day: v ?? undefined })} miw={160} />
        </Group>
        <Checkbox label="As a trainee beside a qualified colleague" checked={draft.trainee ?? false} onChange={(e) => set({ trainee: e.currentTarget.checked })} />
        <div role="status" aria-live="polite">
          {complete && introduced === null && check.isPending ? <Text size="sm">Checking…</Text> : null}
          {introduced && introduced.length === 0 ? <Text size="sm" fw={600}>Fits every rule.</Text> : null}
          {introduced && introduced.length > 0 ? (
            <Alert color={blocking.length ? "red" : "yellow"} c={blocking.length ? undefined : "#5c3c00"} title={blocking.length ? "This breaks a rule" : "Allowed, with a warning"}>
              <List size="sm">
                {introduced.map((p) => (
                  <List.Item key={p.message}>{p.message}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
        </div>
        <ErrorAlert error={change.error} />
        <Group>
          <Button
            disabled={!complete || blocking.length > 0 || plan.status === "superseded"}
            loading={change.isPending}
            onClick={async () => {
              if ((await change.run(plan.id, { add: [draft as NewAssignment] })).ok) {
                setDraft({ trainee: false });
                onSaved();
              }
            }}
          >
            Add to plan
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function StationGrid({ plan, days, onRemove, removing }: { plan: PlanView; days: string[]; onRemove: (id: string, label: string) => void; removing: boolean }) {
  const names = new Map(plan.people.map((p) => [p.id, p.name]));
  const rows = plan.stations.flatMap((station) =>
    plan.shifts
      .filter((shift) => plan.demand.some((d) => d.stationId === station.id && d.shiftId === shift.id && d.people > 0) || plan.assignments.some((a) => a.stationId === station.id && a.shiftId === shift.id))
      .map((shift) => ({ station, shift })),
  );
  return (
    <ScrollTable caption="Stations by shift and day: who works, and how many of those needed" label="Plan by station and shift" minWidth={160 + days.length * 150} withColumnBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Station and shift</Table.Th>
          {days.map((d) => (
            <Table.Th scope="col" key={d}>
              {dayLabel(d)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(({ station, shift }) => (
          <Table.Tr key={`${station.id}|${shift.id}`}>
            <Table.Th scope="row">
              {station.name}
              <Text size="xs" c="gray.7">
                {shift.name} {shift.start}–{shift.end}
              </Text>
              {!station.active || !shift.active ? (
                <ToneBadge tone="bad">{!station.active ? "Station" : "Shift"} no longer in use</ToneBadge>
              ) : null}
            </Table.Th>
            {days.map((day) => {
              const needed = plan.demand.find((d) => d.stationId === station.id && d.shiftId === shift.id && d.weekday === isoWeekday(day))?.people ?? 0;
              const here = plan.assignments.filter((a) => a.stationId === station.id && a.shiftId === shift.id && a.day === day);
              const qualified = here.filter((a) => !a.trainee).length;
              const short = plan.shortfalls.some((s) => s.stationId === station.id && s.shiftId === shift.id && s.day === day);
              return (
                <Table.Td key={day} data-short={short || undefined} style={short ? { background: "var(--mantine-color-red-0)" } : undefined}>
                  {needed > 0 ? (
                    <Text size="xs" fw={600} c={short ? "red.9" : "gray.7"}>
                      {qualified} of {needed}
                      {short ? " (short)" : ""}
                    </Text>
                  ) : null}
                  {here.map((a) => {
                    const label = `${names.get(a.personId) ?? "Someone"}, ${station.name}, ${dayLabel(day)} ${shift.name}`;
                    return (
                      <Group key={a.id} gap={2} wrap="nowrap">
                        <Text size="sm">
                          {names.get(a.personId)}
                          {a.trainee ? " (trainee)" : ""}
                          {a.source === "backfill" ? " (cover)" : ""}
                        </Text>
                        <CloseButton size="sm" aria-label={`Remove ${label}`} disabled={removing || plan.status === "superseded"} onClick={() => onRemove(a.id, label)} />
                      </Group>
                    );
                  })}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

function PeopleGrid({ plan, days }: { plan: PlanView; days: string[] }) {
  const stations = new Map(plan.stations.map((s) => [s.id, s.name]));
  const shifts = new Map(plan.shifts.map((s) => [s.id, s.name]));
  const onLeave = (personId: string, day: string) => plan.leave.some((l) => l.personId === personId && compareDates(l.startsOn, day) <= 0 && compareDates(day, l.endsOn) <= 0);
  return (
    <ScrollTable caption="People by day: station and shift, and planned hours" label="Plan by person and day" minWidth={220 + days.length * 130} withColumnBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Person</Table.Th>
          {days.map((d) => (
            <Table.Th scope="col" key={d}>
              {dayLabel(d)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {plan.people.map((p) => {
          const mine = plan.assignments.filter((a) => a.personId === p.id);
          const hours = mine.reduce((sum, a) => {
            const shift = plan.shifts.find((s) => s.id === a.shiftId)!;
            const [sh, sm] = shift.start.split(":").map(Number);
            const [eh, em] = shift.end.split(":").map(Number);
            return sum + ((eh * 60 + em - (sh * 60 + sm) + 1440) % 1440 || 1440) / 60;
          }, 0);
          return (
            <Table.Tr key={p.id}>
              <Table.Th scope="row">
                {p.name}
                <Text size="xs" c="gray.7">
                  {hours} h planned{p.tier === "floater" ? ` · floater from ${p.siteCode}` : ""}
                </Text>
              </Table.Th>
              {days.map((day) => (
                <Table.Td key={day}>
                  {onLeave(p.id, day) ? <Badge color="gray.7" variant="light">Leave</Badge> : null}
                  {mine
                    .filter((a) => a.day === day)
                    .map((a) => (
                      <Text size="sm" key={a.id}>
                        {stations.get(a.stationId)}
                        {a.trainee ? " (trainee)" : ""} · {shifts.get(a.shiftId)}
                      </Text>
                    ))}
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** One rotation plan: the grid two ways, live checks, shortfalls with their reasons, edits and publishing. */
export function PlanPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const plan = useApiQuery<PlanView>(planPath(id), { keepPreviousData: true });
  const [view, setView] = useState<"stations" | "people">("stations");
  const [week, setWeek] = useState(0);
  const publish = useApiAction(rotationsApi.publish);
  const discard = useApiAction(rotationsApi.discard);
  const change = useApiAction(rotationsApi.change);
  const data = plan.data;
  const days = useMemo(() => (data ? daysFrom(data.startsOn, data.weeks * 7).slice(week * 7, week * 7 + 7) : []), [data, week]);
  const blocking = data?.problems.filter((p) => !["unavailable", "over-demand"].includes(p.kind)) ?? [];
  return (
    <Page title={data ? `Rotation ${formatDate(data.startsOn)} to ${formatDate(data.endsOn)}` : "Rotation plan"} actions={<Anchor component={Link} to="/rotations">All plans</Anchor>}>
      <ErrorAlert error={plan.error} onRetry={plan.reload} />
      {!data && !plan.error ? <Loading /> : null}
      {data ? (
        <>
          <Group gap="sm">
            <Badge color={data.status === "published" ? "green.9" : data.status === "draft" ? "yellow.9" : "gray.7"} variant="light" size="lg">
              {data.status === "published" ? "Published" : data.status === "draft" ? "Draft" : "Replaced"}
            </Badge>
            <Text size="sm">
              {data.site.code} · {data.site.name} · {data.assignments.length} assignments · plan {data.solverStatus === "optimal" ? "proven optimal" : data.solverStatus}
            </Text>
          </Group>
          <section aria-labelledby="checks-title">
            <Stack gap="xs">
              <Title order={2} size="h3" id="checks-title">
                Checks
              </Title>
              {data.problems.length === 0 ? <Text size="sm" fw={600}>Every assignment keeps every rule.</Text> : null}
              {data.problems.length > 0 ? (
                <Alert color={blocking.length ? "red" : "yellow"} c={blocking.length ? undefined : "#5c3c00"} title={blocking.length ? `${blocking.length} rule${blocking.length === 1 ? "" : "s"} broken: fix before publishing` : "Warnings"}>
                  <List size="sm">
                    {data.problems.map((p) => (
                      <List.Item key={p.message}>{p.message}</List.Item>
                    ))}
                  </List>
                </Alert>
              ) : null}
              {data.shortfalls.length > 0 ? (
                <Alert color="yellow" c="#5c3c00" title={`${data.shortfalls.length} shift${data.shortfalls.length === 1 ? "" : "s"} short`}>
                  <List size="sm">
                    {data.shortfalls.map((s) => (
                      <List.Item key={`${s.stationId}|${s.shiftId}|${s.day}`}>{s.message}</List.Item>
                    ))}
                  </List>
                </Alert>
              ) : (
                <Text size="sm">Every shift is covered.</Text>
              )}
            </Stack>
          </section>
          <ErrorAlert error={publish.error ?? discard.error ?? change.error} />
          {data.status === "draft" ? (
            <Group>
              <Button loading={publish.isPending} disabled={blocking.length > 0} onClick={async () => (await publish.run(data.id)).ok && plan.reload()}>
                Publish plan
              </Button>
              <Button variant="default" loading={discard.isPending} onClick={async () => (await discard.run(data.id)).ok && navigate("/rotations")}>
                Discard draft
              </Button>
            </Group>
          ) : null}
          <Group gap="sm" wrap="wrap">
            <SegmentedControl
              aria-label="Grid"
              value={view}
              onChange={(v) => setView(v as "stations" | "people")}
              data={[
                { value: "stations", label: "Stations × shifts" },
                { value: "people", label: "People × days" },
              ]}
            />
            {data.weeks > 1 ? (
              <SegmentedControl aria-label="Week" value={String(week)} onChange={(v) => setWeek(Number(v))} data={Array.from({ length: data.weeks }, (_, i) => ({ value: String(i), label: `Week ${i + 1}` }))} />
            ) : null}
          </Group>
          {view === "stations" ? (
            <StationGrid plan={data} days={days} removing={change.isPending} onRemove={async (assignmentId) => (await change.run(data.id, { remove: [assignmentId] })).ok && plan.reload()} />
          ) : (
            <PeopleGrid plan={data} days={days} />
          )}
          {data.status !== "superseded" ? <AddAssignment plan={data} onSaved={plan.reload} /> : null}
        </>
      ) : null}
    </Page>
  );
}
