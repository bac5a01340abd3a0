import { parse } from "csv-parse";
import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import type { Person } from "../../db/schema.ts";
import { dateInZone } from "../../lib/dates.ts";
import { AppError, type FieldError } from "../../lib/errors.ts";
import { recordAudit, type AuditActor, type AuditInput } from "../audit/index.ts";
import {
  changedFields,
  checkRosterHeader,
  impliedEmploymentEvents,
  parseRosterRow,
  rosterRowToPersonFields,
  type PersonFields,
  type RosterRow,
} from "./roster.rules.ts";

const BATCH_SIZE = 1000;
/** Errors reported in full; the total is always counted. */
const MAX_REPORTED_ERRORS = 500;

export interface ImportResult {
  importId: string | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

export interface ImportOptions {
  fileName?: string;
  /** Validate and count, then roll everything back. */
  dryRun?: boolean;
}

class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super("dry run");
  }
}

/**
 * Imports a roster CSV in one transaction: every row is validated, every error is collected with
 * its row and column, and a file with any error changes nothing. Rows stream through in batches,
 * so the file is never held in memory whole. Rows are matched on employee_id: re-importing updates.
 */
export async function importRoster(db: Db, actor: AuditActor, source: Readable, options: ImportOptions, now: Date): Promise<ImportResult> {
  try {
    return await db.transaction().execute((tx) => importInTransaction(tx, actor, source, options, now));
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}

async function importInTransaction(tx: Tx, actor: AuditActor, source: Readable, options: ImportOptions, now: Date): Promise<ImportResult> {
  const sites = await tx.selectFrom("sites").select(["id", "code", "time_zone"]).where("org_id", "=", actor.orgId).execute();
  const siteByCode = new Map(sites.map((s) => [s.code.toLowerCase(), s]));
  const errors: FieldError[] = [];
  let errorCount = 0;
  const addError = (error: FieldError) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(error);
  };

  const rowOfEmployee = new Map<string, number>();
  const rowOfEmail = new Map<string, number>();
  const totals = { rows: 0, created: 0, updated: 0, unchanged: 0 };
  let batch: { row: number; value: RosterRow }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    if (errorCount > 0) return; // nothing will be kept: only keep validating
    const counts = await writeBatch(tx, actor, current, siteByCode, now, addError);
    totals.created += counts.created;
    totals.updated += counts.updated;
    totals.unchanged += counts.unchanged;
  };

  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  let headerChecked = false;
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const normalized = header.map((h) => h.trim().toLowerCase());
      for (const error of checkRosterHeader(normalized)) addError({ ...error, row: 1 });
      headerChecked = true;
      return normalized;
    },
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });

  const consume = async function* (records: AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    for await (const { record, info } of records) {
      if (errorCount > 0 && !headerChecked) continue;
      totals.rows++;
      const row = info.lines; // the spreadsheet row: the header is row 1
      const { value, errors: rowErrors } = parseRosterRow(record, row);
      rowErrors.forEach(addError);
      const siteCode = (record.site ?? "").trim();
      const site = siteByCode.get(siteCode.toLowerCase());
      if (siteCode && !site) addError({ row, field: "site", message: `no site with code "${siteCode}"` });
      if (!value || !site) continue;
      const earlierRow = rowOfEmployee.get(value.employeeId);
      if (earlierRow !== undefined) {
        addError({ row, field: "employee_id", message: `"${value.employeeId}" already appears in row ${earlierRow}` });
        continue;
      }
      rowOfEmployee.set(value.employeeId, row);
      const emailRow = rowOfEmail.get(value.email);
      if (emailRow !== undefined) {
        addError({ row, field: "email", message: `"${value.email}" already appears in row ${emailRow}` });
        continue;
      }
      rowOfEmail.set(value.email, row);
      batch.push({ row, value });
      if (batch.length >= BATCH_SIZE) await flush();
    }
    await flush();
  };

  try {
    await pipeline(source, hashing, parser, consume);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = (error as Error).message ?? String(error);
    const line = /line (\d+)/i.exec(message)?.[1];
    addError({ row: line ? Number(line) : totals.rows + 2, field: "file", message: `the file is not valid CSV: ${message}` });
  }
  if (!headerChecked && errorCount === 0) addError({ row: 1, field: "file", message: "the file is empty: it needs a header row" });

  if (errorCount > 0) {
    throw new AppError(
      "IMPORT_INVALID",
      `The roster file has ${errorCount} error${errorCount === 1 ? "" : "s"}; nothing was imported.`,
      errors,
    );
  }

  const fileSha256 = hash.digest("hex");
  if (options.dryRun) throw new DryRunDone({ importId: null, ...totals, dryRun: true });

  const record = await tx
    .insertInto("roster_imports")
    .values({ org_id: actor.orgId, actor_id: actor.personId, file_name: options.fileName ?? null, file_sha256: fileSha256, rows_total: totals.rows, created: totals.created, updated: totals.updated, unchanged: totals.unchanged, imported_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { entityType: "roster_import", entityId: record.id, action: "roster.imported", after: { fileName: options.fileName ?? null, fileSha256, ...totals } }, now);
  return { importId: record.id, ...totals, dryRun: false };
}

type PersonRow = Pick<Person, "id" | keyof PersonFields>;

async function writeBatch(
  tx: Tx,
  actor: AuditActor,
  batch: { row: number; value: RosterRow }[],
  siteByCode: Map<string, { id: string; time_zone: string }>,
  now: Date,
  addError: (error: FieldError) => void,
) {
  const ids = batch.map((b) => b.value.employeeId);
  const emails = batch.map((b) => b.value.email);
  // LATERAL … LIMIT 1 keeps each lookup on the unique index even while the planner's row
  // estimates are stale from the rows this same transaction has just added.
  const found = await sql<PersonRow>`
    SELECT p.* FROM unnest(${ids}::text[]) AS k(employee_id)
    CROSS JOIN LATERAL (
      SELECT id, employee_id, first_name, last_name, email, phone, hire_date::text AS hire_date, site_id, role, status,
             separation_date::text AS separation_date, separation_type, separation_reason
      FROM people WHERE org_id = ${actor.orgId} AND employee_id = k.employee_id LIMIT 1
    ) AS p`.execute(tx);
  const existing = new Map<string, PersonRow>(found.rows.map((p) => [p.employee_id, p]));
  // An address may belong to one person only.
  const holders = (
    await sql<{ email: string; employee_id: string }>`
      SELECT k.email, p.employee_id FROM unnest(${emails}::text[]) AS k(email)
      CROSS JOIN LATERAL (SELECT employee_id FROM people WHERE org_id = ${actor.orgId} AND lower(email) = k.email LIMIT 1) AS p`.execute(tx)
  ).rows;
  const holderOfEmail = new Map(holders.map((h) => [h.email, h.employee_id]));
  const inBatch = new Set(ids);
  let conflicts = 0;
  for (const { row, value } of batch) {
    const holder = holderOfEmail.get(value.email);
    if (holder && holder !== value.employeeId && !inBatch.has(holder)) {
      addError({ row, field: "email", message: `"${value.email}" belongs to employee ${holder}` });
      conflicts++;
    }
  }
  if (conflicts > 0) return { created: 0, updated: 0, unchanged: 0 };

  const creates: PersonFields[] = [];
  const updates: { id: string; before: PersonFields; after: PersonFields }[] = [];
  let unchanged = 0;
  for (const { value } of batch) {
    const site = siteByCode.get(value.siteCode.toLowerCase())!;
    const fields = rosterRowToPersonFields(value, site.id);
    const before = existing.get(value.employeeId);
    if (!before) {
      creates.push(fields);
      continue;
    }
    const { id, ...beforeFields } = before;
    if (changedFields(beforeFields, fields).length === 0) unchanged++;
    else updates.push({ id, before: beforeFields, after: fields });
  }

  const audits: AuditInput[] = [];
  const events: { person_id: string; change: ReturnType<typeof impliedEmploymentEvents>[number] }[] = [];
  const newManagers: { person_id: string; site_id: string }[] = [];
  const zoneOf = new Map([...siteByCode.values()].map((s) => [s.id, s.time_zone]));
  const todayAt = (siteId: string) => dateInZone(now, zoneOf.get(siteId) ?? "UTC");

  if (creates.length > 0) {
    const col = <K extends keyof PersonFields>(key: K) => creates.map((c) => c[key]);
    // One array per column: a 1,000-row insert is one short statement with 12 parameters.
    const inserted = (
      await sql<{ id: string; employee_id: string }>`
        INSERT INTO people (org_id, employee_id, first_name, last_name, email, phone, hire_date, site_id, role, status,
                            separation_date, separation_type, separation_reason, created_at, updated_at)
        SELECT ${actor.orgId}, v.employee_id, v.first_name, v.last_name, v.email, v.phone, v.hire_date::date, v.site_id::uuid,
               v.role, v.status, v.separation_date::date, v.separation_type, v.separation_reason, ${now}, ${now}
        FROM unnest(
          ${col("employee_id")}::text[], ${col("first_name")}::text[], ${col("last_name")}::text[], ${col("email")}::text[],
          ${col("phone")}::text[], ${col("hire_date")}::text[], ${col("site_id")}::text[], ${col("role")}::text[],
          ${col("status")}::text[], ${col("separation_date")}::text[], ${col("separation_type")}::text[], ${col("separation_reason")}::text[]
        ) AS v(employee_id, first_name, last_name, email, phone, hire_date, site_id, role, status, separation_date, separation_type, separation_reason)
        RETURNING id, employee_id`.execute(tx)
    ).rows;
    const idOf = new Map(inserted.map((p) => [p.employee_id, p.id]));
    for (const fields of creates) {
      const personId = idOf.get(fields.employee_id)!;
      audits.push({ entityType: "person", entityId: personId, action: "person.created", after: fields });
      for (const change of impliedEmploymentEvents(undefined, fields, todayAt(fields.site_id))) events.push({ person_id: personId, change });
      if (fields.role === "manager") newManagers.push({ person_id: personId, site_id: fields.site_id });
    }
  }

  if (updates.length > 0) {
    const col = <K extends keyof PersonFields>(key: K) => updates.map((u) => u.after[key]);
    await sql`
      UPDATE people AS p SET
        first_name = v.first_name, last_name = v.last_name, email = v.email, phone = v.phone,
        hire_date = v.hire_date::date, site_id = v.site_id::uuid, role = v.role, status = v.status,
        separation_date = v.separation_date::date, separation_type = v.separation_type,
        separation_reason = v.separation_reason, updated_at = ${now}
      FROM unnest(
        ${updates.map((u) => u.id)}::uuid[], ${col("first_name")}::text[], ${col("last_name")}::text[],
        ${col("email")}::text[], ${col("phone")}::text[], ${col("hire_date")}::text[], ${col("site_id")}::text[],
        ${col("role")}::text[], ${col("status")}::text[], ${col("separation_date")}::text[],
        ${col("separation_type")}::text[], ${col("separation_reason")}::text[]
      ) AS v(id, first_name, last_name, email, phone, hire_date, site_id, role, status, separation_date, separation_type, separation_reason)
      WHERE p.id = v.id`.execute(tx);
    for (const update of updates) {
      const keys = changedFields(update.before, update.after);
      const pick = (source: PersonFields) => Object.fromEntries(keys.map((k) => [k, source[k]]));
      audits.push({ entityType: "person", entityId: update.id, action: "person.updated", before: pick(update.before), after: pick(update.after) });
      for (const change of impliedEmploymentEvents(update.before, update.after, todayAt(update.after.site_id))) events.push({ person_id: update.id, change });
      if (update.after.role === "manager" && update.before.role !== "manager") newManagers.push({ person_id: update.id, site_id: update.after.site_id });
    }
  }

  if (events.length > 0) {
    const col = <T>(pick: (e: (typeof events)[number]) => T) => events.map(pick);
    await sql`
      INSERT INTO employment_events (org_id, person_id, kind, effective_date, site_id, from_site_id, separation_type, reason_code, note, created_at)
      SELECT ${actor.orgId}, v.person_id::uuid, v.kind, v.effective_date::date, v.site_id::uuid, v.from_site_id::uuid,
             v.separation_type, v.reason_code, 'roster import', ${now}
      FROM unnest(
        ${col((e) => e.person_id)}::text[], ${col((e) => e.change.kind)}::text[], ${col((e) => e.change.effectiveDate)}::text[],
        ${col((e) => e.change.siteId ?? null)}::text[], ${col((e) => e.change.fromSiteId ?? null)}::text[],
        ${col((e) => e.change.separationType ?? null)}::text[], ${col((e) => e.change.reasonCode ?? null)}::text[]
      ) AS v(person_id, kind, effective_date, site_id, from_site_id, separation_type, reason_code)`.execute(tx);
  }
  if (newManagers.length > 0) {
    await tx.insertInto("manager_sites").values(newManagers).onConflict((oc) => oc.doNothing()).execute();
  }
  await recordAudit(tx, actor, audits, now);
  return { created: creates.length, updated: updates.length, unchanged };
}
