import { Anchor, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatCount, formatDate } from "../../format.ts";
import { hasRole, useSession } from "../../session.tsx";
import { AccessDenied, ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { useFramework } from "../ladder/ladder.api.ts";
import { siteLabel } from "../sites/sites.api.ts";
import { useManagedSites } from "../training/TrainingAssignmentsPage.tsx";
import { Bar, LineChart } from "./charts.tsx";
import {
  ceCompliancePath,
  dashboardPath,
  exportPath,
  reportPdfPath,
  peoplePath,
  PEOPLE_METRICS,
  saveStalledMonths,
  stalledPath,
  type CeCompliance,
  type Dashboard,
  type MetricPerson,
  type MetricsFilter,
  type PeopleMetric,
  type ReasonShare,
  type StalledPerson,
} from "./metrics.api.ts";

const percent = (x: number | null, digits = 1) => (x === null ? "No data" : `${(x * 100).toFixed(digits)} %`);
const number = (x: number | null, digits = 1) => (x === null ? "No data" : x.toFixed(digits));
const RETENTION_MONTHS = [3, 6, 12, 24, 36, 48, 60];

/** Filters kept in the URL, so a view can be shared and reloaded. */
function useMetricsFilter(): [MetricsFilter & { people?: PeopleMetric }, (changes: Partial<MetricsFilter & { people?: PeopleMetric }>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = {
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    siteId: params.get("siteId") || undefined,
    track: params.get("track") || undefined,
    levelCode: params.get("levelCode") || undefined,
    retention: (params.get("retention") as MetricsFilter["retention"]) || undefined,
    people: (params.get("people") as PeopleMetric) || undefined,
  };
  const update = (changes: Partial<typeof filter>) => {
    const next = { ...filter, ...changes };
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search, { replace: true });
  };
  return [filter, update];
}

function Figure({ label, value, detail, people, onPeople }: { label: string; value: string; detail?: ReactNode; people?: PeopleMetric; onPeople: (metric: PeopleMetric) => void }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={label}>
      <Text size="sm" c="gray.8">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
      {detail ? (
        <Text size="sm" c="gray.8">
          {detail}
        </Text>
      ) : null}
      {people ? (
        <Button variant="subtle" size="compact-sm" px={0} mt={4} onClick={() => onPeople(people)}>
          Who?<VisuallyHidden> {PEOPLE_METRICS[people]}</VisuallyHidden>
        </Button>
      ) : null}
    </Paper>
  );
}

function ReasonsTable({ title, reasons, unit }: { title: string; reasons: ReasonShare[]; unit: string }) {
  return (
    <ScrollTable caption={title} label={title} minWidth={360}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Reason</Table.Th>
          <Table.Th scope="col" w="35%">
            Share
          </Table.Th>
          <Table.Th scope="col" ta="right">
            {unit}
          </Table.Th>
          <Table.Th scope="col" ta="right">
            %
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {reasons.length === 0 ? (
          <Table.Tr>
            <Table.Td colSpan={4}>None in this period.</Table.Td>
          </Table.Tr>
        ) : (
          reasons.map((r) => (
            <Table.Tr key={r.code}>
              <Table.Th scope="row" fw={400}>
                {r.label}
              </Table.Th>
              <Table.Td>
                <Bar share={r.share} />
              </Table.Td>
              <Table.Td ta="right">{r.count}</Table.Td>
              <Table.Td ta="right">{(r.share * 100).toFixed(0)}</Table.Td>
            </Table.Tr>
          ))
        )}
      </Table.Tbody>
    </ScrollTable>
  );
}

function TrendSection({ d }: { d: Dashboard }) {
  const months = d.trend.map((m) => m.month);
  return (
    <Stack gap="sm" component="section" aria-labelledby="trend-heading">
      <Title order={2} id="trend-heading" fz="h3">
        Monthly trend
      </Title>
      <LineChart
        title="Turnover by month, annualized"
        description={`Voluntary and total turnover for each month from ${months[0]} to ${months.at(-1)}, annualized; the numbers are in the table below.`}
        xLabels={months}
        series={[
          { name: "Voluntary turnover", values: d.trend.map((m) => m.voluntaryTurnover) },
          { name: "Total turnover", values: d.trend.map((m) => m.totalTurnover) },
          { name: "Promotions per technician", values: d.trend.map((m) => (m.promotionsPer100 === null ? null : m.promotionsPer100 / 100)) },
        ]}
        format={(y) => `${Math.round(y * 100)} %`}
      />
      <ScrollTable caption="Monthly figures (rates annualized)" label="Monthly figures" minWidth={720}>
        <Table.Thead>
          <Table.Tr>
            {["Month", "Average headcount", "Hires", "Voluntary", "Involuntary", "Promotions", "Voluntary turnover", "Total turnover", "Promotions per 100"].map((h) => (
              <Table.Th scope="col" key={h} ta={h === "Month" ? undefined : "right"}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.trend.map((m) => (
            <Table.Tr key={m.month}>
              <Table.Th scope="row" fw={400}>
                {m.month}
              </Table.Th>
              <Table.Td ta="right">{m.averageHeadcount.toFixed(1)}</Table.Td>
              <Table.Td ta="right">{m.hires}</Table.Td>
              <Table.Td ta="right">{m.voluntary}</Table.Td>
              <Table.Td ta="right">{m.involuntary}</Table.Td>
              <Table.Td ta="right">{m.promotions}</Table.Td>
              <Table.Td ta="right">{percent(m.voluntaryTurnover)}</Table.Td>
              <Table.Td ta="right">{percent(m.totalTurnover)}</Table.Td>
              <Table.Td ta="right">{number(m.promotionsPer100)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

function RetentionSection({ d, groupBy, onGroupBy }: { d: Dashboard; groupBy: string; onGroupBy: (value: MetricsFilter["retention"]) => void }) {
  const curves = d.retention.curves.slice(0, 6);
  const length = Math.max(1, ...curves.map((c) => c.points.length));
  const months = Array.from({ length }, (_, i) => String(i));
  const at = (c: (typeof curves)[number], month: number) => c.points.find((p) => p.month === month);
  const name = (group: string) => (group === "all" ? "Everyone" : group === "none" ? "No level" : group);
  return (
    <Stack gap="sm" component="section" aria-labelledby="retention-heading">
      <Group justify="space-between" align="flex-end">
        <Title order={2} id="retention-heading" fz="h3">
          Retention
        </Title>
        <NativeSelect
          label="Curves by"
          value={groupBy}
          onChange={(event) => onGroupBy(event.currentTarget.value as MetricsFilter["retention"])}
          data={[
            { value: "cohort", label: "Hire year" },
            { value: "level", label: "Level" },
            { value: "track", label: "Track" },
          ]}
        />
      </Group>
      <Text size="sm">
        Share still employed by months of tenure (Kaplan–Meier, people still employed censored), hires of the five years to {formatDate(d.period.to)}. The band around the first curve is its 95 % interval.
      </Text>
      <LineChart
        title="Retention curves"
        description="Share of hires still employed at each month of tenure, one curve per group; the numbers are in the table below."
        xLabels={months}
        step
        maxY={1}
        series={curves.map((c) => ({ name: name(c.group), values: months.map((_, i) => at(c, i)?.survival ?? null) }))}
        bands={curves.length ? [{ lower: months.map((_, i) => at(curves[0], i)?.lower ?? null), upper: months.map((_, i) => at(curves[0], i)?.upper ?? null) }] : []}
        format={(y) => `${Math.round(y * 100)} %`}
      />
      <ScrollTable caption="Still employed after … months (95 % interval)" label="Retention by months of tenure" minWidth={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Group</Table.Th>
            <Table.Th scope="col" ta="right">
              Hires
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Left
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Median tenure (months)
            </Table.Th>
            {RETENTION_MONTHS.map((m) => (
              <Table.Th scope="col" key={m} ta="right">
                {m} mo
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.retention.curves.map((c) => (
            <Table.Tr key={c.group}>
              <Table.Th scope="row" fw={400}>
                {name(c.group)}
              </Table.Th>
              <Table.Td ta="right">{c.subjects}</Table.Td>
              <Table.Td ta="right">{c.separations}</Table.Td>
              <Table.Td ta="right">{c.medianMonths === null ? "Not reached" : c.medianMonths.toFixed(1)}</Table.Td>
              {RETENTION_MONTHS.map((m) => {
                const p = at(c, m);
                return (
                  <Table.Td key={m} ta="right">
                    {p ? `${(p.survival * 100).toFixed(0)} % (${(p.lower * 100).toFixed(0)}–${(p.upper * 100).toFixed(0)})` : "—"}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

function PeopleSection({ filter, metric, onClose }: { filter: MetricsFilter; metric: PeopleMetric; onClose: () => void }) {
  const people = useApiQuery<{ items: MetricPerson[] }>(peoplePath(filter, metric));
  return (
    <Stack gap="sm" component="section" aria-labelledby="people-heading">
      <Group justify="space-between">
        <Title order={2} id="people-heading" fz="h3">
          {PEOPLE_METRICS[metric]}
        </Title>
        <Button variant="default" size="xs" onClick={onClose}>
          Close the list
        </Button>
      </Group>
      <ErrorAlert error={people.error} onRetry={people.reload} />
      {people.isLoading ? <Loading /> : null}
      {people.data ? (
        <ScrollTable caption={formatCount(people.data.items.length, "person", "people")} label={PEOPLE_METRICS[metric]} minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Site</Table.Th>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Detail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.data.items.map((p, i) => (
              <Table.Tr key={`${p.personId}-${i}`}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/people/${p.personId}`}>
                    {p.name}
                  </Anchor>{" "}
                  <Text span size="xs" c="gray.8">
                    {p.employeeId}
                  </Text>
                </Table.Th>
                <Table.Td>{p.siteCode}</Table.Td>
                <Table.Td>{formatDate(p.date)}</Table.Td>
                <Table.Td>{p.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      ) : null}
    </Stack>
  );
}

function StalledSection({ filter, isAdmin }: { filter: MetricsFilter; isAdmin: boolean }) {
  const stalled = useApiQuery<{ thresholdMonths: number; items: StalledPerson[] }>(stalledPath(filter));
  const [months, setMonths] = useState<number | string>("");
  const save = useApiAction(saveStalledMonths);
  return (
    <Stack gap="sm" component="section" aria-labelledby="stalled-heading">
      <Title order={2} id="stalled-heading" fz="h3">
        Stalled progress
      </Title>
      <Text size="sm">Stalled growth comes before resignations: these people have been in the same level at least {stalled.data?.thresholdMonths ?? "…"} months and still miss requirements of the next one.</Text>
      {isAdmin ? (
        <form
          aria-label="Stalled-progress threshold"
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await save.run(Number(months));
            if (result.ok) {
              setMonths("");
              stalled.reload();
            }
          }}
        >
          <Group align="flex-end" gap="sm">
            <NumberInput label="Threshold in months" min={3} max={60} value={months} placeholder={String(stalled.data?.thresholdMonths ?? 18)} onChange={setMonths} w={180} error={save.error?.fields?.[0]?.message} />
            <Button type="submit" loading={save.isPending} disabled={months === ""}>
              Save threshold
            </Button>
          </Group>
        </form>
      ) : null}
      <ErrorAlert error={stalled.error} onRetry={stalled.reload} />
      {stalled.isLoading ? <Loading /> : null}
      {stalled.data ? (
        <ScrollTable caption={formatCount(stalled.data.items.length, "person", "people")} label="Stalled progress" minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Site</Table.Th>
              <Table.Th scope="col">Level since</Table.Th>
              <Table.Th scope="col">Next level</Table.Th>
              <Table.Th scope="col">Missing</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stalled.data.items.map((p) => (
              <Table.Tr key={`${p.personId}-${p.trackName}`}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/people/${p.personId}/ladder`}>
                    {p.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>{p.siteCode}</Table.Td>
                <Table.Td>
                  {p.levelName}, since {formatDate(p.since)} ({p.monthsInLevel} months)
                </Table.Td>
                <Table.Td>
                  {p.nextLevelName} ({p.percent} %)
                </Table.Td>
                <Table.Td>{p.missing.map((m) => m.label).join("; ")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      ) : null}
    </Stack>
  );
}

/** Is the career ladder working? Turnover, promotions, training, certification, CE, expiries, reasons, retention and stalled progress. */
export function MetricsPage() {
  const session = useSession();
  const isAdmin = hasRole(session, ["admin"]);
  const sites = useManagedSites();
  const framework = useFramework();
  const [filter, update] = useMetricsFilter();
  const dashboard = useApiQuery<Dashboard>(dashboardPath(filter), { keepPreviousData: true });
  const ce = useApiQuery<CeCompliance>(ceCompliancePath(filter), { keepPreviousData: true });
  if (dashboard.error?.status === 403) return <AccessDenied />;
  const tracks = framework.data?.definition.tracks ?? [];
  const track = tracks.find((t) => t.code === filter.track);
  const d = dashboard.data;
  const showPeople = (people: PeopleMetric) => update({ people });

  return (
    <Page
      title="Program metrics"
      actions={
        <>
          <Button component="a" href={reportPdfPath(filter)} download size="sm">
            Download PDF report
          </Button>
          <Button component="a" href={exportPath(filter, "xlsx")} download variant="default" size="sm">
            Export XLSX
          </Button>
          <Button component="a" href={exportPath(filter, "csv")} download variant="default" size="sm">
            Export CSV
          </Button>
        </>
      }
    >
      <form role="search" aria-label="Filter the metrics" onSubmit={(event) => event.preventDefault()}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <TextInput type="date" label="From" value={filter.from ?? d?.period.from ?? ""} onChange={(event) => update({ from: event.currentTarget.value || undefined })} error={dashboard.error?.fields?.find((f) => f.field === "from")?.message} />
          <TextInput type="date" label="To" value={filter.to ?? d?.period.to ?? ""} onChange={(event) => update({ to: event.currentTarget.value || undefined })} />
          <NativeSelect
            label="Site"
            value={filter.siteId ?? ""}
            onChange={(event) => update({ siteId: event.currentTarget.value || undefined, people: undefined })}
            data={[{ value: "", label: isAdmin ? "Whole organization" : "All my sites" }, ...sites.items.map((s) => ({ value: s.id, label: siteLabel(s) }))]}
          />
          <NativeSelect
            label="Track"
            value={filter.track ?? ""}
            onChange={(event) => update({ track: event.currentTarget.value || undefined, levelCode: undefined })}
            data={[{ value: "", label: "All tracks" }, ...tracks.map((t) => ({ value: t.code, label: t.name }))]}
          />
          <NativeSelect
            label="Level"
            value={filter.levelCode ?? ""}
            disabled={!track}
            onChange={(event) => update({ levelCode: event.currentTarget.value || undefined })}
            data={[{ value: "", label: track ? "All levels of the track" : "Choose a track first" }, ...(track?.levels ?? []).map((l) => ({ value: l.code, label: l.name }))]}
          />
        </SimpleGrid>
      </form>

      <ErrorAlert error={dashboard.error?.status === 403 ? undefined : dashboard.error} onRetry={dashboard.reload} />
      {!d && dashboard.isLoading ? <Loading /> : null}
      {d ? (
        <Stack gap="xl" style={{ opacity: dashboard.isLoading ? 0.6 : 1 }} aria-busy={dashboard.isLoading}>
          <Text role="status" aria-live="polite">
            {formatDate(d.period.from)} to {formatDate(d.period.to)} · average headcount {d.headcount.average.toFixed(1)} technicians · {formatCount(d.headcount.hires, "hire")}. Rates are annualized; definitions in the
            documentation (docs/metrics.md).
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <Figure label="Voluntary turnover" value={percent(d.turnover.voluntary.annualized)} detail={`${formatCount(d.turnover.voluntary.count, "separation")}`} people="voluntary-separations" onPeople={showPeople} />
            <Figure label="Total turnover" value={percent(d.turnover.total.annualized)} detail={`involuntary ${percent(d.turnover.involuntary.annualized)}`} people="separations" onPeople={showPeople} />
            <Figure label="Promotions per 100 technicians a year" value={number(d.promotions.per100PerYear)} detail={formatCount(d.promotions.count, "promotion")} people="promotions" onPeople={showPeople} />
            <Figure label="Median time in level before promotion" value={d.promotions.medianMonthsInLevel === null ? "No data" : `${d.promotions.medianMonthsInLevel.toFixed(1)} months`} onPeople={showPeople} />
            <Figure label="Trainings completed on time" value={percent(d.training.rate)} detail={`${d.training.onTime} of ${d.training.due} due; ${d.training.late} late, ${d.training.missed} missed`} people="training-missed" onPeople={showPeople} />
            <Figure label={`Certified within ${d.certification.deadlineMonths} months of hire`} value={percent(d.certification.onTimeRate)} detail={`${d.certification.missed} past the deadline, ${d.certification.pending} still ahead`} people="certification-missed" onPeople={showPeople} />
            <Figure label="Median time to national certification" value={d.certification.medianMonthsToCertification === null ? "No data" : `${d.certification.medianMonthsToCertification.toFixed(1)} months`} detail={formatCount(d.certification.hires, "hire")} people="certification-pending" onPeople={showPeople} />
            <Figure label="CE compliant today" value={ce.data ? percent(ce.data.rate) : "…"} detail={ce.data ? `${ce.data.short} short, ${ce.data.expired} expired of ${ce.data.credentials}` : "Counting…"} onPeople={showPeople} />
            <Figure label="Credentials expiring in 30 / 60 / 90 days" value={`${d.expiring.certifications.within30} / ${d.expiring.certifications.within60} / ${d.expiring.certifications.within90}`} people="expiring-certifications" onPeople={showPeople} />
            <Figure label="Competencies expiring in 30 / 60 / 90 days" value={`${d.expiring.competencies.within30} / ${d.expiring.competencies.within60} / ${d.expiring.competencies.within90}`} people="expiring-competencies" onPeople={showPeople} />
            <Figure label="Headcount" value={`${d.headcount.start} → ${d.headcount.end}`} detail="first and last day of the period" people="headcount-end" onPeople={showPeople} />
            <Figure label="Hires" value={String(d.headcount.hires)} people="hires" onPeople={showPeople} />
          </SimpleGrid>

          {filter.people && filter.people in PEOPLE_METRICS ? <PeopleSection filter={filter} metric={filter.people} onClose={() => update({ people: undefined })} /> : null}

          <TrendSection d={d} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <ReasonsTable title="Separation reasons" reasons={d.separationReasons} unit="Separations" />
            <ReasonsTable title="Exit-interview reasons" reasons={d.exitInterviewReasons} unit="Mentions" />
          </SimpleGrid>
          <RetentionSection d={d} groupBy={filter.retention ?? "cohort"} onGroupBy={(retention) => update({ retention })} />
          <StalledSection filter={filter} isAdmin={isAdmin} />
        </Stack>
      ) : null}
    </Page>
  );
}
