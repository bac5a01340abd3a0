import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { IsoDate } from "../../lib/dates.ts";
import { notFound } from "../../lib/errors.ts";
import type { RosterScope } from "../auth/policy.ts";

export interface KpiImportDto {
  id: string;
  importedAt: string;
  importedBy: string | null;
  fileName: string | null;
  rows: number;
  created: number;
  replaced: number;
  periodFrom: IsoDate | null;
  periodTo: IsoDate | null;
}

export interface KpiImportFigureDto {
  row: number;
  personId: string;
  employeeId: string;
  name: string;
  siteCode: string;
  kpi: string;
  periodEnd: IsoDate;
  value: number;
  previousValue: number | null;
}

/** Figures of people in the scope: the whole organization, a manager's sites. */
function figuresInScope(db: Db, orgId: string, scope: RosterScope) {
  let query = db.selectFrom("kpi_import_figures as f").innerJoin("people as p", "p.id", "f.person_id").where("f.org_id", "=", orgId);
  if (scope.kind === "sites") query = scope.siteIds.length ? query.where("p.site_id", "in", scope.siteIds) : query.where((eb) => eb.lit(false));
  if (scope.kind === "self") query = query.where("p.id", "=", scope.personId);
  return query;
}

function toImportDto(row: { id: string; imported_at: Date | string; first_name: string | null; last_name: string | null; file_name: string | null; rows_total: number; created: number; replaced: number; period_from: string | null; period_to: string | null }): KpiImportDto {
  return {
    id: row.id,
    importedAt: new Date(row.imported_at).toISOString(),
    importedBy: row.first_name ? `${row.first_name} ${row.last_name}` : null,
    fileName: row.file_name,
    rows: row.rows_total,
    created: row.created,
    replaced: row.replaced,
    periodFrom: row.period_from,
    periodTo: row.period_to,
  };
}

function importsQuery(db: Db, orgId: string, scope: RosterScope) {
  let query = db
    .selectFrom("kpi_imports as i")
    .leftJoin("people as by", "by.id", "i.imported_by")
    .select(["i.id", "i.imported_at", "i.file_name", "i.rows_total", "i.created", "i.replaced", "i.period_from", "i.period_to", "by.first_name", "by.last_name"])
    .where("i.org_id", "=", orgId);
  // A manager sees the imports that brought in figures of their sites' people.
  if (scope.kind !== "organization") {
    const inScope = figuresInScope(db, orgId, scope).select("f.import_id");
    query = query.where("i.id", "in", inScope);
  }
  return query;
}

/** Past KPI imports, newest first: who ran each, when, the file, its counts and the periods it covered. */
export async function listKpiImports(db: Db, orgId: string, scope: RosterScope, options: { limit?: number } = {}): Promise<{ items: KpiImportDto[] }> {
  const rows = await importsQuery(db, orgId, scope).orderBy("i.imported_at", "desc").limit(options.limit ?? 100).execute();
  return { items: rows.map(toImportDto) };
}

/** One import with its figures as read from the file (a manager sees their sites' people only). */
export async function getKpiImport(db: Db, orgId: string, scope: RosterScope, importId: string): Promise<{ import: KpiImportDto; figures: KpiImportFigureDto[]; hiddenFigures: number }> {
  const row = await importsQuery(db, orgId, scope).where("i.id", "=", importId).executeTakeFirst();
  if (!row) throw notFound("KPI import");
  const figures = await figuresInScope(db, orgId, scope)
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["f.row_number", "f.person_id", "p.employee_id", "p.first_name", "p.last_name", "s.code as site_code", "f.kpi_code", "f.period_end", "f.value", "f.previous_value"])
    .where("f.import_id", "=", importId)
    .orderBy("f.row_number")
    .execute();
  const total = await db.selectFrom("kpi_import_figures").select(sql<number>`count(*)::int`.as("n")).where("import_id", "=", importId).executeTakeFirstOrThrow();
  return {
    import: toImportDto(row),
    figures: figures.map((f) => ({
      row: f.row_number,
      personId: f.person_id,
      employeeId: f.employee_id,
      name: `${f.first_name} ${f.last_name}`,
      siteCode: f.site_code,
      kpi: f.kpi_code,
      periodEnd: f.period_end,
      value: Number(f.value),
      previousValue: f.previous_value === null ? null : Number(f.previous_value),
    })),
    hiddenFigures: Number(total.n) - figures.length,
  };
}
