import { Alert, Stack, Table, Text } from "@mantine/core";
import { Fragment, type ReactNode } from "react";
import type { ApiError } from "../api.ts";
import { formatCount } from "../format.ts";
import { ScrollTable } from "./ScrollTable.tsx";

/** A column of an import file, as the import's columns endpoint describes it. */
export interface ImportColumn {
  name: string;
  help: string;
  /** Absent when the file's columns are all needed (no "Required" column is shown then). */
  required?: boolean;
  /** Another column that may stand in for this one. */
  alternative?: string | null;
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

/** Rows are spreadsheet row numbers: the header is row 1. */
function rowLabel(row: number | undefined): string {
  if (row === undefined) return "Whole file";
  return row === 1 ? "1 (header)" : String(row);
}

/** The columns an import file takes, what each holds, and which are required. */
export function ImportColumnsTable({ columns, caption, label }: { columns: readonly ImportColumn[]; caption: string; label: string }) {
  const showsRequired = columns.some((c) => c.required !== undefined);
  return (
    <ScrollTable caption={caption} label={label} minWidth={showsRequired ? 560 : 420}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Column</Table.Th>
          {showsRequired ? <Table.Th scope="col">Required</Table.Th> : null}
          <Table.Th scope="col">What it holds</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {columns.map((column) => (
          <Table.Tr key={column.name}>
            <Table.Td>
              <Text component="code" ff="monospace" size="sm">
                {breakableColumnName(column.name)}
              </Text>
            </Table.Td>
            {showsRequired ? <Table.Td>{column.required ? "Required" : column.alternative ? `This or ${column.alternative}` : "Optional"}</Table.Td> : null}
            <Table.Td>{column.help}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** An all-or-nothing import that failed: the alert, and the problems by row and column (fileName names the file in the caption). */
export function ImportProblems({ error, fileName }: { error: ApiError; fileName?: string }) {
  const problems = error.fields;
  return (
    <Stack gap="sm">
      <Alert color="red" title="Nothing was imported" role="alert">
        <Text size="sm">{problems.length > 0 ? "Fix the rows below in your spreadsheet, save it as CSV and check the file again." : error.message}</Text>
      </Alert>
      {problems.length > 0 ? (
        <ScrollTable caption={`${formatCount(problems.length, "problem")} found${fileName ? ` in ${fileName}` : ""}`} label="Problems found in the file" minWidth={300}>
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
