import { Alert, Anchor, Button, Card, Group, Input, Stack, Table, Text, Title } from "@mantine/core";
import { Fragment, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useApiAction, useApiQuery, type ApiError, type ApiFieldError } from "../../api.ts";
import { formatCount, formatDateTime } from "../../format.ts";
import { ErrorAlert, Loading, Page, ScrollTable } from "../../ui/index.ts";
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

function ColumnsTable({ columns }: { columns: RosterColumn[] }) {
  return (
    <ScrollTable caption="Columns of the roster file, in any order" label="Roster file columns" minWidth={560}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Column</Table.Th>
          <Table.Th scope="col">Required</Table.Th>
          <Table.Th scope="col">What it holds</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {columns.map((column) => (
          <Table.Tr key={column.name}>
            <Table.Td>
              <Text component="code" ff="monospace" size="sm">
                {column.name}
              </Text>
            </Table.Td>
            <Table.Td>{column.required ? "Required" : "Optional"}</Table.Td>
            <Table.Td>{column.help}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** Rows are spreadsheet row numbers: the header is row 1. */
function rowLabel(row: number | undefined): string {
  if (row === undefined) return "Whole file";
  return row === 1 ? "1 (header)" : String(row);
}

/** A column name that may wrap after its underscores on narrow screens; copying it gives the name unchanged. */
function breakableColumnName(name: string): ReactNode {
  return name.split("_").map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? (
        <>
          _<wbr />
        </>
      ) : null}
      {part}
    </Fragment>
  ));
}

function ImportProblems({ error, fileName }: { error: ApiError; fileName: string }) {
  const problems: ApiFieldError[] = error.fields;
  return (
    <Stack gap="sm">
      <Alert color="red" title="Nothing was imported" role="alert">
        {problems.length > 0 ? (
          <Text size="sm">Fix the rows below in your spreadsheet, save it as CSV and check the file again.</Text>
        ) : (
          <Text size="sm">{error.message}</Text>
        )}
      </Alert>
      {problems.length > 0 ? (
        <ScrollTable
          caption={`${formatCount(problems.length, "problem")} found in ${fileName}`}
          label="Problems found in the file"
          minWidth={300}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Row</Table.Th>
              <Table.Th scope="col">Column</Table.Th>
              <Table.Th scope="col" w="55%">
                Problem
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((problem, index) => (
              <Table.Tr key={`${problem.row}-${problem.field}-${index}`}>
                <Table.Td>{rowLabel(problem.row)}</Table.Td>
                <Table.Td>
                  <Text component="code" ff="monospace" size="sm">
                    {breakableColumnName(problem.field)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{problem.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      ) : null}
    </Stack>
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
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<{ fileName: string; summary?: ImportSummary; error?: ApiError }>();
  const [fileProblem, setFileProblem] = useState<string>();
  const importRoster = useApiAction(rosterApi.importRoster);

  const submit = async (isDryRun: boolean) => {
    if (!file) {
      setFileProblem("Choose a CSV file first");
      fileInput.current?.focus();
      return;
    }
    setFileProblem(undefined);
    setOutcome(undefined);
    const result = await importRoster.run(file, isDryRun);
    if (result.ok) {
      setOutcome({ fileName: file.name, summary: result.value });
      if (!isDryRun) imports.reload();
    } else {
      setOutcome({ fileName: file.name, error: result.error });
    }
  };

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
        {columns.data ? <ColumnsTable columns={columns.data.columns} /> : null}
      </Section>

      <Section title="Upload">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit(false);
          }}
          noValidate
        >
          <Stack gap="sm">
            <Input.Wrapper
              id={FILE_INPUT_ID}
              label="Roster CSV file"
              description="A .csv file, saved as UTF-8"
              error={fileProblem}
            >
              <Input
                ref={fileInput}
                id={FILE_INPUT_ID}
                type="file"
                accept=".csv,text/csv"
                pt={5}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
                  setFile(event.currentTarget.files?.[0] ?? null);
                  setFileProblem(undefined);
                  setOutcome(undefined);
                }}
              />
            </Input.Wrapper>
            <Group gap="sm">
              <Button variant="default" onClick={() => void submit(true)} loading={importRoster.isPending}>
                Check file
              </Button>
              <Button type="submit" loading={importRoster.isPending}>
                Import
              </Button>
            </Group>
            {outcome?.summary ? <ImportResult summary={outcome.summary} fileName={outcome.fileName} /> : null}
            {outcome?.error && outcome.error.code === "IMPORT_INVALID" ? (
              <ImportProblems error={outcome.error} fileName={outcome.fileName} />
            ) : (
              <ErrorAlert error={outcome?.error} />
            )}
          </Stack>
        </form>
      </Section>

      <Section title="Recent imports">
        <ErrorAlert error={imports.error} onRetry={imports.reload} />
        {imports.isLoading && !imports.data ? <Loading /> : null}
        {imports.data ? <RecentImports imports={imports.data.items} /> : null}
      </Section>
    </Page>
  );
}
