import { Anchor, Button, Group, Table, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatCount, formatDate, formatDateTime } from "../../format.ts";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { DEFINITIONS_PATH, kpiImportPath, KPI_IMPORTS_PATH, type KpiDefinition, type KpiImport, type KpiImportDetail } from "./kpis.api.ts";

function periods(i: KpiImport): string {
  if (!i.periodFrom || !i.periodTo) return "–";
  return i.periodFrom === i.periodTo ? formatDate(i.periodTo) : `${formatDate(i.periodFrom)} – ${formatDate(i.periodTo)}`;
}

/** Managers and admins: past KPI imports, newest first. */
export function KpiImportsPage() {
  const list = useApiQuery<{ items: KpiImport[] }>(KPI_IMPORTS_PATH);
  return (
    <Page title="KPI imports">
      <Group>
        <Button component={Link} to="/kpis/import" variant="default">
          Import a KPI file
        </Button>
      </Group>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.isLoading && !list.data ? <Loading label="Loading KPI imports…" /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <Text>No KPI file has been imported yet.</Text>
        ) : (
          <ScrollTable caption={`${formatCount(list.data.items.length, "import")}, newest first`} label="Past KPI imports" minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Imported</Table.Th>
                <Table.Th scope="col">By</Table.Th>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col">Rows</Table.Th>
                <Table.Th scope="col">New</Table.Th>
                <Table.Th scope="col">Replaced</Table.Th>
                <Table.Th scope="col">Periods ending</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/kpis/imports/${i.id}`}>
                      {formatDateTime(i.importedAt)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{i.importedBy ?? "–"}</Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{i.fileName ?? "(no name)"}</Table.Td>
                  <Table.Td>{i.rows}</Table.Td>
                  <Table.Td>{i.created}</Table.Td>
                  <Table.Td>{i.replaced}</Table.Td>
                  <Table.Td>{periods(i)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )
      ) : null}
    </Page>
  );
}

/** One KPI import: the figures it brought in, as read from the file, with what each replaced. */
export function KpiImportDetailPage() {
  const { id = "" } = useParams();
  const detail = useApiQuery<KpiImportDetail>(kpiImportPath(id));
  const definitions = useApiQuery<{ items: KpiDefinition[] }>(DEFINITIONS_PATH);
  const kpiName = (code: string) => definitions.data?.items.find((d) => d.code === code)?.name ?? code;
  const i = detail.data?.import;
  return (
    <Page title={i ? `KPI import of ${formatDateTime(i.importedAt)}` : "KPI import"}>
      <Anchor component={Link} to="/kpis/imports" size="sm">
        All KPI imports
      </Anchor>
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {detail.isLoading && !detail.data ? <Loading label="Loading the import…" /> : null}
      {detail.data && i ? (
        <>
          <Section title="Summary" order={2}>
            <Text size="sm">
              {i.fileName ?? "A file without a name"}, imported by {i.importedBy ?? "someone no longer on the roster"}: {formatCount(i.rows, "row")}, {formatCount(i.created, "new figure")},{" "}
              {formatCount(i.replaced, "replaced figure")}; periods ending {periods(i)}.
            </Text>
            {detail.data.hiddenFigures > 0 ? (
              <Text size="sm" c="dimmed">
                {formatCount(detail.data.hiddenFigures, "figure")} for people at sites you do not manage {detail.data.hiddenFigures === 1 ? "is" : "are"} not shown.
              </Text>
            ) : null}
          </Section>
          <ScrollTable caption={`${formatCount(detail.data.figures.length, "figure")} in file order`} label="Figures of this import" minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Row</Table.Th>
                <Table.Th scope="col">Person</Table.Th>
                <Table.Th scope="col">Site</Table.Th>
                <Table.Th scope="col">KPI</Table.Th>
                <Table.Th scope="col">Period end</Table.Th>
                <Table.Th scope="col">Value</Table.Th>
                <Table.Th scope="col">Replaced</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.data.figures.map((f) => (
                <Table.Tr key={f.row}>
                  <Table.Td>{f.row}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${f.personId}/kpis`}>
                      {f.name}
                    </Anchor>{" "}
                    <Text span size="xs" c="dimmed">
                      {f.employeeId}
                    </Text>
                  </Table.Td>
                  <Table.Td>{f.siteCode}</Table.Td>
                  <Table.Td>{kpiName(f.kpi)}</Table.Td>
                  <Table.Td>{formatDate(f.periodEnd)}</Table.Td>
                  <Table.Td>{f.value}</Table.Td>
                  <Table.Td>{f.previousValue === null ? "–" : f.previousValue}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </>
      ) : null}
    </Page>
  );
}
