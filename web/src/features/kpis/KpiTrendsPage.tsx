import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useParams } from "react-router";
import { useApiAction, useApiQuery } from "../../api.ts";
import { formatDate, fullName } from "../../format.ts";
import { useSession } from "../../session.tsx";
import { ErrorAlert, Loading, Page } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { kpisApi, personKpisPath, type KpiTrend, type PersonKpis } from "./kpis.api.ts";
import { Sparkline } from "./Sparkline.tsx";

function comparatorText(t: { comparator: ">=" | "<="; threshold: number }, unit: string): string {
  return `${t.comparator === ">=" ? "≥" : "≤"} ${t.threshold} ${unit}`;
}

function TrendCard({ trend }: { trend: KpiTrend }) {
  // The dashed line shows the first level whose threshold is not met yet (the one to work toward), else the first.
  const threshold = trend.thresholds.find((t) => !t.isMet) ?? trend.thresholds[0];
  const headingId = `kpi-${trend.code}`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Title order={3} fz="md" id={headingId}>
          {trend.name}
        </Title>
        <Text size="sm" c="dimmed">
          {trend.unit} · {trend.direction === "higher" ? "higher is better" : "lower is better"}
        </Text>
        {trend.points.length === 0 ? (
          <Text size="sm">No figures yet.</Text>
        ) : (
          <>
            <Sparkline
              values={trend.points.map((p) => p.value)}
              threshold={threshold?.threshold}
              label={`${trend.name}: ${trend.points.map((p) => `${p.value} (${p.periodEnd})`).join(", ")}${threshold ? `; dashed line: ${threshold.level} threshold ${threshold.threshold}` : ""}`}
            />
            <Text size="sm">
              Latest {trend.latest} ({formatDate(trend.points.at(-1)!.periodEnd)})
              {trend.improvement !== null ? `, ${trend.improvement >= 0 ? "improved" : "worse"} by ${Math.abs(trend.improvement)} since ${formatDate(trend.points[0].periodEnd)}` : ""}
            </Text>
          </>
        )}
        {trend.thresholds.length > 0 ? (
          <Table fz="xs" verticalSpacing={4} horizontalSpacing={6} aria-label={`${trend.name}: thresholds per level`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Level</Table.Th>
                <Table.Th scope="col">Needs</Table.Th>
                <Table.Th scope="col">Average now</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trend.thresholds.map((t) => (
                <Table.Tr key={`${t.level}-${t.threshold}-${t.windowMonths}`}>
                  <Table.Th scope="row" fw={500}>
                    {t.level}
                  </Table.Th>
                  <Table.Td>
                    {comparatorText(t, trend.unit)} over {t.windowMonths} months
                  </Table.Td>
                  <Table.Td>
                    {t.average === null ? "No figures" : `${t.average} (${t.periods})`} · <strong>{t.isMet ? "met" : "not met"}</strong>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="xs" c="dimmed">
            No level sets a threshold for this KPI.
          </Text>
        )}
        {trend.points.length > 0 ? (
          <details>
            <summary>
              <Text span size="sm">
                The figures
              </Text>
            </summary>
            <Table fz="xs" verticalSpacing={2} aria-label={`${trend.name}: figures`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Period end</Table.Th>
                  <Table.Th scope="col">Value</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {trend.points.map((p) => (
                  <Table.Tr key={p.periodEnd}>
                    <Table.Td>{formatDate(p.periodEnd)}</Table.Td>
                    <Table.Td>{p.value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </details>
        ) : null}
      </Stack>
    </Card>
  );
}

function RecordValueForm({ data, onSaved }: { data: PersonKpis; onSaved: () => void }) {
  const [kpi, setKpi] = useState<string | null>(data.trends[0]?.code ?? null);
  const [periodEnd, setPeriodEnd] = useState("");
  const [value, setValue] = useState<number | string>("");
  const record = useApiAction(kpisApi.recordValue);
  const fieldError = (field: string) => record.error?.fields.find((f) => f.field === field)?.message;
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (!kpi || typeof value !== "number") return;
        const result = await record.run(data.person.id, { kpi, periodEnd, value });
        if (result.ok) {
          setValue("");
          onSaved();
        }
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select label="KPI" data={data.trends.map((t) => ({ value: t.code, label: t.name }))} value={kpi} onChange={setKpi} error={fieldError("kpi")} allowDeselect={false} />
        <TextInput label="Period end" placeholder="YYYY-MM-DD" value={periodEnd} onChange={(e) => setPeriodEnd(e.currentTarget.value)} error={fieldError("periodEnd")} />
        <NumberInput label="Value" value={value} onChange={setValue} decimalScale={4} error={fieldError("value")} />
        <Button type="submit" loading={record.isPending}>
          Record
        </Button>
      </Group>
      <ErrorAlert error={record.error && record.error.fields.length === 0 ? record.error : undefined} />
    </form>
  );
}

function TrendsOf({ personId, own }: { personId: string; own: boolean }) {
  const data = useApiQuery<PersonKpis>(personKpisPath(personId));
  const title = own ? "My KPIs" : data.data ? `KPIs: ${fullName(data.data.person)}` : "KPIs";
  return (
    <Page title={title}>
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {data.isLoading && !data.data ? <Loading label="Loading KPI trends…" /> : null}
      {data.data ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {data.data.trends.map((t) => (
              <TrendCard key={t.code} trend={t} />
            ))}
          </SimpleGrid>
          {data.data.canRecord ? (
            <Section title="Record a figure" order={2}>
              <RecordValueForm data={data.data} onSaved={data.reload} />
            </Section>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

export function MyKpisPage() {
  const session = useSession();
  return <TrendsOf personId={session.person.id} own />;
}

export function PersonKpisPage() {
  const { id = "" } = useParams();
  return <TrendsOf personId={id} own={false} />;
}
