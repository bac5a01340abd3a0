import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatCount, formatDateTime } from "../../format.ts";
import { CsvImportForm, ErrorAlert, ImportColumnsTable, ImportProblems, Loading, Page, ScrollTable, useCsvImport } from "../../ui/index.ts";
import {
  ROSTER_COLUMNS_PATH,
  ROSTER_IMPORTS_PATH,
  ROSTER_TEMPLATE_URL,
  rosterApi,
  type ImportSummary,
  type RosterColumn,
  type RosterImport,
} from "./roster.api.ts";

const FILE_INPUT_ID = "roster-file";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section">
      <Stack gap="sm">
        <Title order={2} fz="h3">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function ImportResult({ summary, fileName }: { summary: ImportSummary; fileName: string }) {
  const counts = `${formatCount(summary.created, "person", "people")} to add, ${summary.updated} to update, ${summary.unchanged} unchanged`;
  if (summary.dryRun) {
    return (
      <Alert color="ladderTeal" title="The file is ready to import" role="status">
        <Text size="sm">
          {fileName} has {formatCount(summary.rows, "row")} with no problems: {counts}. Nothing has been saved yet; choose
          Import to save it.
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="ladderTeal" title="Roster imported" role="status">
      <Text size="sm">
        {fileName}: {formatCount(summary.rows, "row")} imported. {formatCount(summary.created, "person", "people")} created,{" "}
        {summary.updated} updated, {summary.unchanged} unchanged.
      </Text>
      <Anchor component={Link} to="/people" size="sm">
        Open the roster
      </Anchor>
    </Alert>
  );
}

function RecentImports({ imports }: { imports: RosterImport[] }) {
  if (imports.length === 0) return <Text>No roster has been imported yet.</Text>;
  return (
    <ScrollTable caption="Most recent first" label="Recent imports" minWidth={720}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">File</Table.Th>
          <Table.Th scope="col">By</Table.Th>
          <Table.Th scope="col" ta="end">
            Rows
          </Table.Th>
          <Table.Th scope="col" ta="end">
            Created
          </Table.Th>
          <Table.Th scope="col" ta="end">
            Updated
          </Table.Th>
          <Table.Th scope="col" ta="end">
            Unchanged
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {imports.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>{formatDateTime(item.importedAt)}</Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>{item.fileName}</Table.Td>
            <Table.Td>{item.actorName}</Table.Td>
            <Table.Td ta="end">{item.rows}</Table.Td>
            <Table.Td ta="end">{item.created}</Table.Td>
            <Table.Td ta="end">{item.updated}</Table.Td>
            <Table.Td ta="end">{item.unchanged}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

export function RosterImportPage() {
  const columns = useApiQuery<{ columns: RosterColumn[] }>(ROSTER_COLUMNS_PATH);
  const imports = useApiQuery<{ items: RosterImport[] }>(ROSTER_IMPORTS_PATH);
  const importer = useCsvImport(rosterApi.importRoster, imports.reload);
  const { outcome } = importer;

  return (
    <Page title="Import roster">
      <Section title="Prepare the file">
        <Text>
          Export your people from your HR system or spreadsheet as CSV with one person a row and a header row naming the
          columns. Re-importing a person with the same employee ID updates them. If any row has a problem, nothing is
          imported, and you get the list of rows to fix.
        </Text>
        <Group gap="sm">
          <Button component="a" href={ROSTER_TEMPLATE_URL} variant="default">
            Download the CSV template
          </Button>
        </Group>
        <ErrorAlert error={columns.error} onRetry={columns.reload} />
        {columns.isLoading && !columns.data ? <Loading label="Loading the column list…" /> : null}
        {columns.data ? <ImportColumnsTable columns={columns.data.columns} caption="Columns of the roster file, in any order" label="Roster file columns" /> : null}
      </Section>

      <Section title="Upload">
        <Stack gap="sm">
          <CsvImportForm importer={importer} id={FILE_INPUT_ID} label="Roster CSV file" />
          {outcome?.summary ? <ImportResult summary={outcome.summary} fileName={outcome.fileName} /> : null}
          {outcome?.error && outcome.error.code === "IMPORT_INVALID" ? (
            <ImportProblems error={outcome.error} fileName={outcome.fileName} />
          ) : (
            <ErrorAlert error={outcome?.error} />
          )}
        </Stack>
      </Section>

      <Section title="Recent imports">
        <ErrorAlert error={imports.error} onRetry={imports.reload} />
        {imports.isLoading && !imports.data ? <Loading /> : null}
        {imports.data ? <RecentImports imports={imports.data.items} /> : null}
      </Section>
    </Page>
  );
}
