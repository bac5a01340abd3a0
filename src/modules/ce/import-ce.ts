import { parse } from "csv-parse";
import { createHash, randomUUID } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import type { Tx, Db } from "../../db/database.ts";
import { dateInZone } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit, type AuditActor, type AuditInput } from "../audit/index.ts";
import type { RosterScope } from "../auth/policy.ts";
import { checkCeHeader, COLUMN_OF_FIELD, normalizeHeader, readCeRow, type CeCsvRow } from "./ce-csv.rules.ts";
import { announceCeCompleted, type CeCompletedRecord } from "./ce-events.ts";
import { validateCeRecord, type CeRecordValue } from "./ce-record.rules.ts";
import { getCeSettings } from "./ce-settings.ts";

const BATCH_SIZE = 1000;
const MAX_REPORTED_ERRORS = 500;

export interface CeImportResult {
  importId: string | null;
  rows: number;
  created: number;
  verified: boolean;
  dryRun: boolean;
}

export interface CeImportOptions {
  fileName?: string;
  dryRun?: boolean;
  /** The rows come from CPE Monitor or the providers' statements: record them as verified. */
  verified?: boolean;
  /** Whose records the importer may write: a manager only their sites' people. */
  scope: RosterScope;
}

class DryRunDone extends Error {
  constructor(readonly result: CeImportResult) {
    super("dry run");
  }
}

/**
 * Imports CE records from CSV in one transaction: every row is validated (its person found in the
 * importer's scope, its UAN parsed, its activity not already recorded), every error is collected
 * with its row and column, and a file with any error changes nothing.
 */
export async function importCe(db: Db, actor: AuditActor, source: Readable, options: CeImportOptions, now: Date): Promise<CeImportResult> {
  try {
    return await db.transaction().execute((tx) => importInTransaction(tx, actor, source, options, now));
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}

interface Person {
  id: string;
  employee_id: string;
  email: string;
  site_id: string;
  time_zone: string;
}

async function importInTransaction(tx: Tx, actor: AuditActor, source: Readable, options: CeImportOptions, now: Date): Promise<CeImportResult> {
  const settings = await getCeSettings(tx, actor.orgId);
  const uanOptions = { acceptBlended: settings.acceptBlendedFormat, acceptExtendedTopics: settings.acceptExtendedTopics };
  const verified = Boolean(options.verified);
  const errors: FieldError[] = [];
  let errorCount = 0;
  const addError = (error: FieldError) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(error);
  };
  const totals = { rows: 0, created: 0 };
  const rowOfActivity = new Map<string, number>();
  let batch: CeCsvRow[] = [];
  let importId: string | null = null;
  // Verified rows are completed CE: announced once the whole file is in.
  const completed: CeCompletedRecord[] = [];

  const ensureImport = async () => {
    if (importId) return importId;
    const row = await tx
      .insertInto("ce_imports")
      .values({ org_id: actor.orgId, actor_id: actor.personId, file_name: options.fileName ?? null, file_sha256: "", rows_total: 0, created: 0, verified, imported_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    importId = row.id;
    return importId;
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const people = await findPeople(tx, actor.orgId, current);
    const ready: { row: number; personId: string; value: CeRecordValue }[] = [];
    for (const item of current) {
      const person = (item.employeeId ? people.byEmployee.get(item.employeeId) : undefined) ?? (item.email ? people.byEmail.get(item.email) : undefined);
      const personField = item.employeeId ? "employee_id" : "email";
      if (!person) addError({ row: item.row, field: personField, message: `no person with ${personField} "${item.employeeId ?? item.email}" in the organization` });
      else if (!inScope(options.scope, person)) addError({ row: item.row, field: personField, message: `"${item.employeeId ?? item.email}" works at a site you do not manage` });
      const today = dateInZone(now, person?.time_zone ?? "UTC");
      const { value, errors: fieldErrors } = validateCeRecord(item.draft, today, uanOptions);
      const hasCeuError = item.errors.some((e) => e.field === "ceus");
      for (const e of fieldErrors) {
        if (e.field === "hours" && hasCeuError) continue;
        addError({ row: item.row, field: e.field === "hours" ? item.hoursColumn : COLUMN_OF_FIELD[e.field], message: e.message });
      }
      if (!value || !person || !inScope(options.scope, person) || item.errors.length > 0) continue;
      if (value.uan) {
        const key = `${person.id}|${value.uan}`;
        const earlier = rowOfActivity.get(key);
        if (earlier !== undefined) {
          addError({ row: item.row, field: "uan", message: `${value.uan} for this person already appears in row ${earlier}` });
          continue;
        }
        rowOfActivity.set(key, item.row);
      }
      ready.push({ row: item.row, personId: person.id, value });
    }
    const withUan = ready.filter((r) => r.value.uan);
    if (withUan.length > 0) {
      const existing = await sql<{ person_id: string; uan: string; completed_on: string }>`
        SELECT r.person_id, r.uan, r.completed_on::text AS completed_on
        FROM unnest(${withUan.map((r) => r.personId)}::uuid[], ${withUan.map((r) => r.value.uan)}::text[]) AS k(person_id, uan)
        JOIN ce_records r ON r.person_id = k.person_id AND r.uan = k.uan`.execute(tx);
      const found = new Map(existing.rows.map((e) => [`${e.person_id}|${e.uan}`, e.completed_on]));
      for (const r of withUan) {
        const completedOn = found.get(`${r.personId}|${r.value.uan}`);
        if (completedOn) addError({ row: r.row, field: "uan", message: `${r.value.uan} is already recorded for this person (completed ${completedOn})` });
      }
    }
    if (errorCount > 0 || ready.length === 0) return; // nothing will be kept: only keep validating
    const id = await ensureImport();
    const col = <T>(pick: (r: (typeof ready)[number]) => T) => ready.map(pick);
    // Ids are chosen here, so each audit entry names its record without relying on RETURNING's order.
    const ids = ready.map(() => randomUUID());
    await sql`
        INSERT INTO ce_records (id, org_id, person_id, title, provider, uan, completed_on, hours, activity_type, topic, format, audience, categories,
                                source, verification_status, verified_by, verified_at, import_id, created_by, created_at, updated_at)
        SELECT v.id::uuid, ${actor.orgId}, v.person_id::uuid, v.title, v.provider, v.uan, v.completed_on::date, v.hours::numeric, v.activity_type, v.topic,
               v.format, v.audience, string_to_array(v.categories, ',')::text[], 'csv', ${verified ? "verified" : "unverified"},
               ${verified ? actor.personId : null}::uuid, ${verified ? now : null}::timestamptz, ${id}::uuid, ${actor.personId}::uuid, ${now}, ${now}
        FROM unnest(
          ${ids}::text[], ${col((r) => r.personId)}::text[], ${col((r) => r.value.title)}::text[], ${col((r) => r.value.provider)}::text[], ${col((r) => r.value.uan)}::text[],
          ${col((r) => r.value.completedOn)}::text[], ${col((r) => String(r.value.hours))}::text[], ${col((r) => r.value.activityType)}::text[],
          ${col((r) => r.value.topic)}::text[], ${col((r) => r.value.format)}::text[], ${col((r) => r.value.audience)}::text[],
          ${col((r) => r.value.categories.join(","))}::text[]
        ) AS v(id, person_id, title, provider, uan, completed_on, hours, activity_type, topic, format, audience, categories)`.execute(tx);
    totals.created += ready.length;
    const audits: AuditInput[] = ready.map((r, i) => ({
      entityType: "ce_record",
      entityId: ids[i],
      action: "ce.recorded",
      after: { personId: r.personId, ...r.value, source: "csv", importId: id, verified },
    }));
    await recordAudit(tx, actor, audits, now);
    if (verified) {
      completed.push(...ready.map((r, i) => ({ id: ids[i], personId: r.personId, hours: r.value.hours, topic: r.value.topic, uan: r.value.uan, title: r.value.title, completedOn: r.value.completedOn })));
    }
  };

  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  let headerSeen = false;
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const normalized = header.map(normalizeHeader);
      for (const error of checkCeHeader(normalized)) addError(error);
      headerSeen = true;
      return normalized;
    },
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  let headerInvalid = false;
  const consume = async function* (records: AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    for await (const { record, info } of records) {
      // A header with errors makes every row's columns doubtful: report the header only.
      if (totals.rows === 0 && errorCount > 0) headerInvalid = true;
      if (headerInvalid) continue;
      totals.rows++;
      const row = readCeRow(record, info.lines);
      row.errors.forEach(addError);
      batch.push(row);
      if (batch.length >= BATCH_SIZE) await flush();
    }
    if (!headerInvalid) await flush();
  };

  try {
    await pipeline(source, hashing, parser, consume);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = (error as Error).message ?? String(error);
    const line = /line (\d+)/i.exec(message)?.[1];
    addError({ row: line ? Number(line) : totals.rows + 2, field: "file", message: `the file is not valid CSV: ${message}` });
  }
  if (!headerSeen && errorCount === 0) addError({ row: 1, field: "file", message: "the file is empty: it needs a header row" });
  if (headerSeen && totals.rows === 0 && errorCount === 0) addError({ row: 2, field: "file", message: "the file has a header but no records" });

  if (errorCount > 0) {
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new AppError("IMPORT_INVALID", `The CE file has ${errorCount} error${errorCount === 1 ? "" : "s"}; nothing was imported.`, errors);
  }
  const fileSha256 = hash.digest("hex");
  if (options.dryRun) throw new DryRunDone({ importId: null, rows: totals.rows, created: totals.created, verified, dryRun: true });

  const id = await ensureImport();
  await tx.updateTable("ce_imports").set({ file_sha256: fileSha256, rows_total: totals.rows, created: totals.created }).where("id", "=", id).execute();
  await announceCeCompleted(tx, actor.orgId, completed, actor, now);
  await recordAudit(tx, actor, { entityType: "ce_import", entityId: id, action: "ce.imported", after: { fileName: options.fileName ?? null, fileSha256, rows: totals.rows, created: totals.created, verified } }, now);
  return { importId: id, rows: totals.rows, created: totals.created, verified, dryRun: false };
}

async function findPeople(tx: Tx, orgId: string, rows: readonly CeCsvRow[]) {
  const ids = [...new Set(rows.map((r) => r.employeeId).filter((x): x is string => Boolean(x)))];
  const emails = [...new Set(rows.map((r) => r.email).filter((x): x is string => Boolean(x)))];
  const byEmployee = new Map<string, Person>();
  const byEmail = new Map<string, Person>();
  if (ids.length === 0 && emails.length === 0) return { byEmployee, byEmail };
  let query = tx
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.employee_id", "p.email", "p.site_id", "s.time_zone"])
    .where("p.org_id", "=", orgId);
  query = query.where((eb) => {
    const conditions = [];
    if (ids.length) conditions.push(eb("p.employee_id", "in", ids));
    if (emails.length) conditions.push(eb(eb.fn("lower", ["p.email"]), "in", emails));
    return eb.or(conditions);
  });
  for (const p of await query.execute()) {
    byEmployee.set(p.employee_id, p);
    byEmail.set(p.email.toLowerCase(), p);
  }
  return { byEmployee, byEmail };
}

function inScope(scope: RosterScope, person: Person): boolean {
  if (scope.kind === "organization") return true;
  if (scope.kind === "sites") return scope.siteIds.includes(person.site_id);
  return scope.personId === person.id;
}
