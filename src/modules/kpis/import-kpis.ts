import { parse } from "csv-parse";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { dateInZone } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import type { RosterScope } from "../auth/policy.ts";
import { checkKpiHeader, normalizeKpiHeader, readKpiRow, type KpiRowValue } from "./kpis.rules.ts";
import { listKpiDefinitions } from "./kpis.queries.ts";

const BATCH_SIZE = 1000;
const MAX_REPORTED_ERRORS = 500;

export interface KpiImportResult {
  rows: number;
  created: number;
  replaced: number;
  dryRun: boolean;
  /** The kept import (not on a dry run). */
  importId?: string;
}

class DryRunDone extends Error {
  constructor(readonly result: KpiImportResult) {
    super("dry run");
  }
}

/**
 * Imports KPI figures from a pharmacy-system CSV export (employee_id, kpi, period_end, value) in
 * one transaction: every row is checked (its person in the importer's scope, its KPI defined, no
 * duplicate in the file); a file with any error changes nothing. A figure already recorded for
 * the same person, KPI and period is replaced (exports are re-run), and audited with its old value.
 */
export async function importKpis(db: Db, actor: AuditActor, source: Readable, options: { scope: RosterScope; dryRun?: boolean; fileName?: string }, now: Date): Promise<KpiImportResult> {
  try {
    return await db.transaction().execute((tx) => importInTransaction(tx, actor, source, options, now));
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}

interface Ready extends KpiRowValue {
  row: number;
  personId: string;
}

async function importInTransaction(tx: Tx, actor: AuditActor, source: Readable, options: { scope: RosterScope; dryRun?: boolean; fileName?: string }, now: Date): Promise<KpiImportResult> {
  const codes = new Set((await listKpiDefinitions(tx, actor.orgId)).map((d) => d.code));
  const errors: FieldError[] = [];
  let errorCount = 0;
  const addError = (e: FieldError) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };
  const ready: Ready[] = [];
  const rowOfKey = new Map<string, number>();
  let rows = 0;
  let batch: { row: number; record: Record<string, string> }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const ids = [...new Set(current.map((r) => (r.record.employee_id ?? "").trim()).filter(Boolean))];
    const people = ids.length
      ? await tx.selectFrom("people as p").innerJoin("sites as s", "s.id", "p.site_id").select(["p.id", "p.employee_id", "p.site_id", "s.time_zone"]).where("p.org_id", "=", actor.orgId).where("p.employee_id", "in", ids).execute()
      : [];
    const byEmployee = new Map(people.map((p) => [p.employee_id, p]));
    for (const { row, record } of current) {
      const employeeId = (record.employee_id ?? "").trim();
      const person = byEmployee.get(employeeId);
      const { value, errors: rowErrors } = readKpiRow(record, row, codes, dateInZone(now, person?.time_zone ?? "UTC"));
      rowErrors.forEach(addError);
      if (employeeId && !person) addError({ row, field: "employee_id", message: `no person with employee_id "${employeeId}" in the organization` });
      else if (person && !inScope(options.scope, person)) addError({ row, field: "employee_id", message: `"${employeeId}" works at a site you do not manage` });
      if (!value || !person || !inScope(options.scope, person)) continue;
      const key = `${person.id}|${value.kpi}|${value.periodEnd}`;
      const earlier = rowOfKey.get(key);
      if (earlier !== undefined) {
        addError({ row, field: "period_end", message: `${value.kpi} for ${employeeId} ending ${value.periodEnd} already appears in row ${earlier}` });
        continue;
      }
      rowOfKey.set(key, row);
      ready.push({ ...value, row, personId: person.id });
    }
  };

  let headerSeen = false;
  let headerInvalid = false;
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const normalized = header.map(normalizeKpiHeader);
      const headerErrors = checkKpiHeader(normalized);
      headerErrors.forEach(addError);
      headerInvalid = headerErrors.length > 0;
      headerSeen = true;
      return normalized;
    },
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  try {
    source.pipe(parser);
    source.on("error", (e) => parser.destroy(e));
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (headerInvalid) continue;
      rows++;
      batch.push({ row: info.lines, record });
      if (batch.length >= BATCH_SIZE) await flush();
    }
    if (!headerInvalid) await flush();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = (error as Error).message ?? String(error);
    const line = /line (\d+)/i.exec(message)?.[1];
    addError({ row: line ? Number(line) : rows + 2, field: "file", message: `the file is not valid CSV: ${message}` });
  }
  if (!headerSeen && errorCount === 0) addError({ row: 1, field: "file", message: "the file is empty: it needs a header row" });
  if (headerSeen && rows === 0 && errorCount === 0) addError({ row: 2, field: "file", message: "the file has a header but no records" });
  if (errorCount > 0) {
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new AppError("IMPORT_INVALID", `The KPI file has ${errorCount} error${errorCount === 1 ? "" : "s"}; nothing was imported.`, errors);
  }

  // The import itself is kept, with the figures exactly as read, so it can be listed and reopened.
  const importId = randomUUID();
  const periods = ready.map((r) => r.periodEnd).sort();
  await tx
    .insertInto("kpi_imports")
    .values({ id: importId, org_id: actor.orgId, imported_by: actor.personId, file_name: options.fileName ?? null, rows_total: rows, created: 0, replaced: 0, period_from: periods[0] ?? null, period_to: periods.at(-1) ?? null, imported_at: now })
    .execute();
  let replaced = 0;
  for (let i = 0; i < ready.length; i += BATCH_SIZE) {
    const chunk = ready.slice(i, i + BATCH_SIZE);
    const ids = chunk.map(() => randomUUID());
    // The old values, for the audit trail of what an import replaced.
    const previous = await sql<{ person_id: string; kpi_code: string; period_end: string; value: number }>`
      SELECT v.person_id, v.kpi_code, v.period_end::text AS period_end, v.value
      FROM kpi_values v JOIN unnest(${chunk.map((r) => r.personId)}::uuid[], ${chunk.map((r) => r.kpi)}::text[], ${chunk.map((r) => r.periodEnd)}::date[]) AS k(person_id, kpi_code, period_end)
        ON v.person_id = k.person_id AND v.kpi_code = k.kpi_code AND v.period_end = k.period_end`.execute(tx);
    const old = new Map(previous.rows.map((p) => [`${p.person_id}|${p.kpi_code}|${p.period_end}`, Number(p.value)]));
    replaced += old.size;
    const previousValues = chunk.map((r) => old.get(`${r.personId}|${r.kpi}|${r.periodEnd}`));
    await sql`
      INSERT INTO kpi_import_figures (import_id, org_id, row_number, person_id, kpi_code, period_end, value, previous_value)
      SELECT ${importId}::uuid, ${actor.orgId}::uuid, f.row_number::int, f.person_id::uuid, f.kpi_code, f.period_end::date, f.value::numeric, f.previous_value::numeric
      FROM unnest(${chunk.map((r) => String(r.row))}::text[], ${chunk.map((r) => r.personId)}::text[], ${chunk.map((r) => r.kpi)}::text[], ${chunk.map((r) => r.periodEnd)}::text[], ${chunk.map((r) => String(r.value))}::text[], ${previousValues.map((v) => (v === undefined ? null : String(v)))}::text[])
        AS f(row_number, person_id, kpi_code, period_end, value, previous_value)`.execute(tx);
    await sql`
      INSERT INTO kpi_values (id, org_id, person_id, kpi_code, period_end, value, source, created_by, created_at)
      SELECT v.id::uuid, ${actor.orgId}, v.person_id::uuid, v.kpi_code, v.period_end::date, v.value::numeric, 'csv', ${actor.personId}::uuid, ${now}
      FROM unnest(${ids}::text[], ${chunk.map((r) => r.personId)}::text[], ${chunk.map((r) => r.kpi)}::text[], ${chunk.map((r) => r.periodEnd)}::text[], ${chunk.map((r) => String(r.value))}::text[])
        AS v(id, person_id, kpi_code, period_end, value)
      ON CONFLICT (person_id, kpi_code, period_end) DO UPDATE SET value = EXCLUDED.value, source = 'csv', created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at`.execute(tx);
    await recordAudit(
      tx,
      actor,
      chunk.map((r, j) => {
        const before = old.get(`${r.personId}|${r.kpi}|${r.periodEnd}`);
        return { entityType: "kpi_value", entityId: ids[j], action: before === undefined ? "kpi.value_recorded" : "kpi.value_corrected", before: before === undefined ? null : { value: before }, after: { personId: r.personId, kpi: r.kpi, periodEnd: r.periodEnd, value: r.value, source: "csv" } };
      }),
      now,
    );
  }
  const result = { rows, created: ready.length - replaced, replaced, dryRun: Boolean(options.dryRun) };
  if (options.dryRun) throw new DryRunDone(result);
  await tx.updateTable("kpi_imports").set({ created: result.created, replaced }).where("id", "=", importId).execute();
  await recordAudit(tx, actor, { entityType: "kpi_import", entityId: importId, action: "kpi.imported", after: { fileName: options.fileName ?? null, ...result } }, now);
  return { ...result, importId };
}

function inScope(scope: RosterScope, person: { id: string; site_id: string }): boolean {
  if (scope.kind === "organization") return true;
  if (scope.kind === "sites") return scope.siteIds.includes(person.site_id);
  return scope.personId === person.id;
}
