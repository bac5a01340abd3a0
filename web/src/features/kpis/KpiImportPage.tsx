import { Alert, Button, Group, Input, Stack, Text } from "@mantine/core";
import { useRef, useState } from "react";
import { useApiAction, useApiQuery, type ApiError } from "../../api.ts";
import { formatCount } from "../../format.ts";
import { ErrorAlert, ImportColumnsTable, ImportProblems, Loading, Page } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { KPI_COLUMNS_PATH, KPI_TEMPLATE_URL, kpisApi, type KpiImportSummary } from "./kpis.api.ts";

const FILE_INPUT_ID = "kpi-file";

/** Importing KPI figures from a pharmacy-system export: all rows or none. */
export function KpiImportPage() {
  const columns = useApiQuery<{ columns: { name: string; help: string }[] }>(KPI_COLUMNS_PATH);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string>();
  const [outcome, setOutcome] = useState<{ summary?: KpiImportSummary; error?: ApiError }>();
  const importFile = useApiAction(kpisApi.importFile);

  const submit = async (dryRun: boolean) => {
    if (!file) {
      setFileProblem("Choose a CSV file first");
      fileInput.current?.focus();
      return;
    }
    setFileProblem(undefined);
    setOutcome(undefined);
    const result = await importFile.run(file, dryRun);
    setOutcome(result.ok ? { summary: result.value } : { error: result.error });
  };

  return (
    <Page title="Import KPIs">
      <Section title="Prepare the file" order={2}>
        <Text>
          One figure a row: the person&apos;s employee ID, the KPI code, the last day of the period and the value. A figure already recorded for the same
          person, KPI and period is replaced. If any row has a problem, nothing is imported. Managers import for their own sites&apos; people.
        </Text>
        <Group>
          <Button component="a" href={KPI_TEMPLATE_URL} variant="default">
            Download the CSV template
          </Button>
        </Group>
        <ErrorAlert error={columns.error} onRetry={columns.reload} />
        {columns.isLoading && !columns.data ? <Loading label="Loading the column list…" /> : null}
        {columns.data ? (
          <ImportColumnsTable columns={columns.data.columns} caption="Columns of the KPI file" label="KPI file columns" />
        ) : null}
      </Section>
      <Section title="Upload" order={2}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit(false);
          }}
          noValidate
        >
          <Stack gap="sm">
            <Input.Wrapper id={FILE_INPUT_ID} label="KPI CSV file" description="A .csv file, saved as UTF-8" error={fileProblem}>
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
              <Button variant="default" onClick={() => void submit(true)} loading={importFile.isPending}>
                Check the file
              </Button>
              <Button type="submit" loading={importFile.isPending}>
                Import
              </Button>
            </Group>
          </Stack>
        </form>
        {outcome?.error ? <ImportProblems error={outcome.error} /> : null}
        {outcome?.summary ? (
          <Alert color="ladderTeal" title={outcome.summary.dryRun ? "The file is ready to import" : "KPIs imported"} role="status">
            <Text size="sm">
              {formatCount(outcome.summary.rows, "row")}: {formatCount(outcome.summary.created, "new figure")}, {formatCount(outcome.summary.replaced, "replaced figure")}
              {outcome.summary.dryRun ? ". Nothing has been saved yet." : "."}
            </Text>
          </Alert>
        ) : null}
      </Section>
    </Page>
  );
}
