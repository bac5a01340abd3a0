import { Alert, Anchor, Button, Checkbox, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { useApiQuery } from "../../api.ts";
import { formatCount, formatDateTime } from "../../format.ts";
import { CsvImportForm, ErrorAlert, ImportColumnsTable, ImportProblems, Loading, Page, ScrollTable, useCsvImport } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { CE_COLUMNS_PATH, CE_IMPORTS_PATH, CE_TEMPLATE_URL, ceApi, type CeColumn, type CeImport, type CeImportSummary } from "./ce.api.ts";

const FILE_INPUT_ID = "ce-file";

function ImportResult({ summary, fileName }: { summary: CeImportSummary; fileName: string }) {
  const records = formatCount(summary.created, "CE record");
  if (summary.dryRun) {
    return (
      <Alert color="ladderTeal" title="The file is ready to import" role="status">
        <Text size="sm">
          {fileName} has {formatCount(summary.rows, "row")} with no problems: {records} to add. Nothing has been saved yet; choose Import to save them.
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="ladderTeal" title="CE imported" role="status">
      <Text size="sm">
        {fileName}: {records} added{summary.verified ? " as verified" : ", awaiting verification"}.
      </Text>
      <Anchor component={Link} to="/ce/compliance" size="sm">
        Open CE compliance
      </Anchor>
    </Alert>
  );
}

function RecentImports({ imports }: { imports: CeImport[] }) {
  if (imports.length === 0) return <Text>No CE file has been imported yet.</Text>;
  return (
    <ScrollTable caption="Most recent first" label="Recent CE imports" minWidth={640}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">When</Table.Th>
          <Table.Th scope="col">File</Table.Th>
          <Table.Th scope="col">By</Table.Th>
          <Table.Th scope="col" ta="end">
            Records
          </Table.Th>
          <Table.Th scope="col">Verified</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {imports.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>{formatDateTime(item.importedAt)}</Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>{item.fileName}</Table.Td>
            <Table.Td>{item.actorName}</Table.Td>
            <Table.Td ta="end">{item.created}</Table.Td>
            <Table.Td>{item.verified ? "Yes" : "No"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** Importing CE records from a CSV file (for example a CPE Monitor transcript with employee ids added). */
export function CeImportPage() {
  const columns = useApiQuery<{ columns: CeColumn[] }>(CE_COLUMNS_PATH);
  const imports = useApiQuery<{ items: CeImport[] }>(CE_IMPORTS_PATH);
  const [verified, setVerified] = useState(false);
  const importer = useCsvImport((file: File, dryRun: boolean) => ceApi.importFile(file, { dryRun, verified }), imports.reload);
  const { outcome } = importer;

  return (
    <Page title="Import CE">
      <Section title="Prepare the file" order={2}>
        <Text>
          One CE activity a row, with whose it is (employee ID or e-mail), its title, the date and the contact hours. Give the UAN for ACPE activities: it
          says the format, topic and audience. If any row has a problem, nothing is imported and you get the list of rows to fix. Managers import for
          their own sites&apos; people.
        </Text>
        <Group gap="sm">
          <Button component="a" href={CE_TEMPLATE_URL} variant="default">
            Download the CSV template
          </Button>
        </Group>
        <ErrorAlert error={columns.error} onRetry={columns.reload} />
        {columns.isLoading && !columns.data ? <Loading label="Loading the column list…" /> : null}
        {columns.data ? (
          <ImportColumnsTable
            columns={columns.data.columns}
            caption="Columns of the CE file, in any order; CPE Monitor's names (Activity Title, Date of Participation, Credit Hours…) are understood too"
            label="CE file columns"
          />
        ) : null}
      </Section>

      <Section title="Upload" order={2}>
        <Stack gap="sm">
          <CsvImportForm importer={importer} id={FILE_INPUT_ID} label="CE CSV file">
            <Checkbox
              label="The rows come from CPE Monitor or the providers' statements: record them as verified"
              checked={verified}
              onChange={(event) => setVerified(event.currentTarget.checked)}
            />
          </CsvImportForm>
          {outcome?.summary ? <ImportResult summary={outcome.summary} fileName={outcome.fileName} /> : null}
          {outcome?.error && outcome.error.code === "IMPORT_INVALID" ? <ImportProblems error={outcome.error} fileName={outcome.fileName} /> : <ErrorAlert error={outcome?.error} />}
        </Stack>
      </Section>

      <Section title="Recent imports" order={2}>
        <ErrorAlert error={imports.error} onRetry={imports.reload} />
        {imports.isLoading && !imports.data ? <Loading /> : null}
        {imports.data ? <RecentImports imports={imports.data.items} /> : null}
      </Section>
    </Page>
  );
}
