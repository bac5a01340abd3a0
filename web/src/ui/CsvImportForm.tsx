import { Button, Group, Input, Stack } from "@mantine/core";
import { useRef, useState, type ReactNode } from "react";
import { useApiAction, type ApiError } from "../api.ts";

export interface CsvImportOutcome<S> {
  fileName: string;
  summary?: S;
  error?: ApiError;
}

/**
 * The state of a CSV import page: the chosen file, a check (dry run) or an import of it, and what
 * came back. `upload` sends the file; `onImported` runs after a real import succeeded.
 */
export function useCsvImport<S>(upload: (file: File, dryRun: boolean) => Promise<S>, onImported?: () => void) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string>();
  const [outcome, setOutcome] = useState<CsvImportOutcome<S>>();
  const action = useApiAction(upload);

  const submit = async (dryRun: boolean) => {
    if (!file) {
      setFileProblem("Choose a CSV file first");
      fileInput.current?.focus();
      return;
    }
    setFileProblem(undefined);
    setOutcome(undefined);
    const result = await action.run(file, dryRun);
    if (result.ok) {
      setOutcome({ fileName: file.name, summary: result.value });
      if (!dryRun) onImported?.();
    } else {
      setOutcome({ fileName: file.name, error: result.error });
    }
  };
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setFileProblem(undefined);
    setOutcome(undefined);
  };
  return { fileInput, fileProblem, outcome, isPending: action.isPending, submit, choose };
}

export type CsvImportState<S> = ReturnType<typeof useCsvImport<S>>;

/** The upload form of an import page: the file, anything the page adds (`children`), then check and import. */
export function CsvImportForm<S>({ importer, id, label, children }: { importer: CsvImportState<S>; id: string; label: string; children?: ReactNode }) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void importer.submit(false);
      }}
      noValidate
    >
      <Stack gap="sm">
        <Input.Wrapper id={id} label={label} description="A .csv file, saved as UTF-8" error={importer.fileProblem}>
          <Input
            ref={importer.fileInput}
            id={id}
            type="file"
            accept=".csv,text/csv"
            pt={5}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => importer.choose(event.currentTarget.files?.[0] ?? null)}
          />
        </Input.Wrapper>
        {children}
        <Group gap="sm">
          <Button variant="default" onClick={() => void importer.submit(true)} loading={importer.isPending}>
            Check file
          </Button>
          <Button type="submit" loading={importer.isPending}>
            Import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
