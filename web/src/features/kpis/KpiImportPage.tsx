import { Alert, Button, Group, Text } from "@mantine/core";
import { useApiQuery } from "../../api.ts";
import { formatCount } from "../../format.ts";
import { CsvImportForm, ErrorAlert, ImportColumnsTable, ImportProblems, Loading, Page, useCsvImport } from "../../ui/index.ts";
import { Section } from "../ladder/Section.tsx";
import { KPI_COLUMNS_PATH, KPI_TEMPLATE_URL, kpisApi } from "./kpis.api.ts";

const FILE_INPUT_ID = "kpi-file";

/** Importing KPI figures from a pharmacy-system export: all rows or none. */
export function KpiImportPage() {
  const columns = useApiQuery<{ columns: { name: string; help: string }[] }>(KPI_COLUMNS_PATH);
  const importer = useCsvImport(kpisApi.importFile);
  const { outcome } = importer;

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
        <CsvImportForm importer={importer} id={FILE_INPUT_ID} label="KPI CSV file" />
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
