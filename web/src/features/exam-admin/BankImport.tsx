import { Alert, Button, Group, Input, Stack, Table, Text } from "@mantine/core";
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { useApiAction, type ApiError, type ApiFieldError } from "../../api.ts";
import { formatCount } from "../../format.ts";
import { ErrorAlert, ScrollTable } from "../../ui/index.ts";
import { examAdminApi, isCsvFile } from "./exam-admin.api.ts";

const FILE_INPUT_ID = "item-bank-file";

/** "items[3].options.1.text" → item 4, field "options.1.text"; other fields concern the whole file or its header. */
function describeProblem(problem: ApiFieldError, isCsv: boolean): { where: string; field: string } {
  const match = /^items\[(\d+)\]\.?(.*)$/.exec(problem.field);
  if (match) {
    const number = Number(match[1]) + 1;
    return { where: isCsv ? `Item ${number} (row ${number + 1})` : `Item ${number}`, field: match[2] || "item" };
  }
  if (isCsv && problem.row === 1) return { where: "Header row", field: problem.field };
  return { where: "Whole file", field: problem.field };
}

function ImportProblems({ error, fileName, isCsv }: { error: ApiError; fileName: string; isCsv: boolean }) {
  return (
    <Stack gap="sm">
      <Alert color="red" title="Nothing was imported" role="alert">
        <Text size="sm">{error.fields.length > 0 ? `${error.message}. Fix the items below and import the file again.` : error.message}</Text>
      </Alert>
      {error.fields.length > 0 ? (
        <ScrollTable caption={`${formatCount(error.fields.length, "problem")} found in ${fileName}`} label="Problems found in the file" minWidth={320}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Item</Table.Th>
              <Table.Th scope="col">Field</Table.Th>
              <Table.Th scope="col" w="55%">
                Problem
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {error.fields.map((problem, index) => {
              const { where, field } = describeProblem(problem, isCsv);
              return (
                <Table.Tr key={`${problem.field}-${index}`}>
                  <Table.Td>{where}</Table.Td>
                  <Table.Td>
                    <Text component="code" ff="monospace" size="sm" style={{ overflowWrap: "anywhere" }}>
                      {field}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{problem.message}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ScrollTable>
      ) : null}
    </Stack>
  );
}

/** Upload of a JSON or CSV file of items; all of them are saved as drafts, or none when one has a problem. */
export function BankImport({ onImported }: { onImported: () => void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string>();
  const [outcome, setOutcome] = useState<{ fileName: string; isCsv: boolean; created?: number; updated?: number; error?: ApiError }>();
  const importFile = useApiAction(examAdminApi.importFile);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setFileProblem("Choose a JSON or CSV file first");
      fileInput.current?.focus();
      return;
    }
    setOutcome(undefined);
    const result = await importFile.run(file);
    const base = { fileName: file.name, isCsv: isCsvFile(file) };
    if (result.ok) {
      setOutcome({ ...base, ...result.value });
      onImported();
    } else {
      setOutcome({ ...base, error: result.error });
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Import items">
      <Stack gap="sm">
        <Text size="sm">
          Import the format of the export: JSON, or CSV with the columns code, kind, domain, subtopic, difficulty, stem, option_a … option_f, key
          (letters, "b" or "a;c"), explanation and reference. Every item becomes a draft to review; an item whose code exists gets a new draft
          version. If any item has a problem, nothing is imported.
        </Text>
        <Input.Wrapper id={FILE_INPUT_ID} label="Items file" description="A .json export or a .csv file saved as UTF-8" error={fileProblem}>
          <Input
            ref={fileInput}
            id={FILE_INPUT_ID}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            pt={5}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setFileProblem(undefined);
              setOutcome(undefined);
            }}
          />
        </Input.Wrapper>
        <Group>
          <Button type="submit" loading={importFile.isPending}>
            Import
          </Button>
        </Group>
        {outcome && !outcome.error ? (
          <Alert color="ladderTeal" title="Items imported as drafts" role="status">
            <Text size="sm">
              {outcome.fileName}: {formatCount(outcome.created ?? 0, "new item")}, {formatCount(outcome.updated ?? 0, "new draft version")}. Each needs a
              review before it is published.
            </Text>
          </Alert>
        ) : null}
        {outcome?.error?.code === "IMPORT_INVALID" ? (
          <ImportProblems error={outcome.error} fileName={outcome.fileName} isCsv={outcome.isCsv} />
        ) : (
          <ErrorAlert error={outcome?.error} title="Nothing was imported">
            {outcome?.error?.code === "PAYLOAD_TOO_LARGE" ? <Text size="sm">JSON files are limited to 1 MB; export and import large banks as CSV (up to 5 MB).</Text> : null}
          </ErrorAlert>
        )}
      </Stack>
    </form>
  );
}
