/** The spreadsheet form of the item bank: one row per item, options in columns a–f, the key as letters ("b" or "a;c"). */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { AppError, type FieldError } from "../../lib/errors.ts";

const LETTERS = ["a", "b", "c", "d", "e", "f"] as const;
export const BANK_CSV_COLUMNS = ["code", "kind", "domain", "subtopic", "difficulty", "stem", ...LETTERS.map((l) => `option_${l}`), "key", "explanation", "reference", "status", "version"] as const;

export interface CsvItem {
  code: string;
  kind: string;
  domain: string;
  subtopic: string;
  difficulty: number;
  stem: string;
  options: { id: string; text: string }[];
  key: string[];
  explanation: string;
  reference: string;
  status?: string;
  version?: number;
}

export function itemsToCsv(items: readonly CsvItem[]): string {
  return stringify(
    items.map((i) => [i.code, i.kind, i.domain, i.subtopic, i.difficulty, i.stem, ...LETTERS.map((l) => i.options.find((o) => o.id === l)?.text ?? ""), i.key.join(";"), i.explanation, i.reference, i.status ?? "", i.version ?? ""]),
    { header: true, columns: [...BANK_CSV_COLUMNS], bom: true },
  );
}

/** Rows back into item objects for the import's validation; only structural problems are reported here. */
export function csvToItems(text: string): unknown[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new AppError("IMPORT_INVALID", `The file is not valid CSV: ${(error as Error).message}`, [{ field: "file", message: "is not valid CSV" }]);
  }
  const missing = ["kind", "domain", "subtopic", "difficulty", "stem", "option_a", "option_b", "key", "explanation", "reference"].filter((c) => rows.length > 0 && !(c in rows[0]));
  if (missing.length) throw new AppError("IMPORT_INVALID", `Missing columns: ${missing.join(", ")}`, missing.map((c): FieldError => ({ field: c, message: "column is missing", row: 1 })));
  return rows.map((r) => ({
    ...(r.code ? { code: r.code } : {}),
    kind: r.kind,
    domain: r.domain,
    subtopic: r.subtopic,
    difficulty: Number(r.difficulty),
    stem: r.stem,
    options: LETTERS.filter((l) => r[`option_${l}`]).map((l) => ({ id: l, text: r[`option_${l}`] })),
    key: (r.key ?? "").split(/[;,\s]+/).map((k) => k.trim().toLowerCase()).filter(Boolean),
    explanation: r.explanation,
    reference: r.reference,
  }));
}
