import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { cellText, GAP_STYLE, MATRIX_STATUSES, MATRIX_STATUS_STYLE, type SkillKind } from "./matrix.rules.ts";
import type { SiteMatrix } from "./load-matrix.ts";

const KIND_LABEL: Record<SkillKind, string> = { certification: "Certification", training: "Training", competency: "Competency" };

/** A spreadsheet would run text starting with these as a formula: keep it text. */
function safe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const skillHeader = (skill: { kind: SkillKind; name: string }) => `${KIND_LABEL[skill.kind]}: ${skill.name}`;

/** The file name for a site's matrix export. */
export function matrixFileName(matrix: SiteMatrix, extension: "csv" | "xlsx"): string {
  const code = matrix.site.code.replace(/[^A-Za-z0-9_-]+/g, "-");
  return `training-matrix-${code}-${matrix.asOf}.${extension}`;
}

/** One row per person, one column per skill, each cell its status label with "(Gap)" on gaps. */
export function matrixCsv(matrix: SiteMatrix): string {
  const header = ["Last name", "First name", "Employee ID", "Levels", ...matrix.skills.map(skillHeader)];
  const rows = matrix.rows.map((r) => [r.lastName, r.firstName, r.employeeId, r.levels.join("; "), ...r.cells.map(cellText)].map(safe));
  return stringify([header.map(safe), ...rows]);
}

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;
const thin = { style: "thin" as const, color: { argb: "FFADB5BD" } };
const gapBorder = { style: "medium" as const, color: { argb: argb(GAP_STYLE.border) } };

/**
 * The matrix as an XLSX workbook in the screen's colours: each cell filled with its status
 * colour and labelled in words, gaps outlined and marked, the detail in a cell note; name and
 * header frozen; a legend sheet and the filters used.
 */
export async function matrixXlsx(matrix: SiteMatrix): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Rx Ladder";
  const sheet = workbook.addWorksheet("Training matrix", { views: [{ state: "frozen", xSplit: 1, ySplit: 2 }] });
  sheet.getCell("A1").value = `Training matrix: ${matrix.site.code} ${matrix.site.name}, as of ${matrix.asOf}`;
  sheet.getCell("A1").font = { bold: true, size: 13 };
  const header = sheet.getRow(2);
  ["Name", "Employee ID", "Levels", ...matrix.skills.map(skillHeader)].forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: "bottom" };
    cell.border = { bottom: thin };
  });
  header.height = 60;
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 13;
  sheet.getColumn(3).width = 26;
  matrix.skills.forEach((_, i) => (sheet.getColumn(i + 4).width = 18));
  matrix.rows.forEach((row, r) => {
    const line = sheet.getRow(r + 3);
    line.getCell(1).value = `${row.lastName}, ${row.firstName}`;
    line.getCell(1).font = { bold: true };
    line.getCell(2).value = row.employeeId;
    line.getCell(3).value = row.levels.join("; ");
    row.cells.forEach((c, i) => {
      const style = MATRIX_STATUS_STYLE[c.status];
      const cell = line.getCell(i + 4);
      cell.value = cellText(c);
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
      cell.font = { color: { argb: argb(style.text) }, bold: c.gap };
      const edge = c.gap ? gapBorder : thin;
      cell.border = { top: edge, left: edge, bottom: edge, right: edge };
      cell.note = c.detail;
    });
  });

  const legend = workbook.addWorksheet("Legend");
  legend.getColumn(1).width = 16;
  legend.getColumn(2).width = 80;
  legend.addRow(["Status", "Meaning"]).font = { bold: true };
  for (const status of MATRIX_STATUSES) {
    const style = MATRIX_STATUS_STYLE[status];
    const line = legend.addRow([style.label, style.description]);
    line.getCell(1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
    line.getCell(1).font = { color: { argb: argb(style.text) } };
  }
  const gap = legend.addRow([`… (${GAP_STYLE.label})`, GAP_STYLE.description]);
  gap.getCell(1).border = { top: gapBorder, left: gapBorder, bottom: gapBorder, right: gapBorder };
  gap.getCell(1).font = { bold: true };
  legend.addRow([]);
  legend.addRow(["Site", `${matrix.site.code} ${matrix.site.name}`]);
  legend.addRow(["As of", matrix.asOf]);
  legend.addRow(["Level filter", matrix.filter.levelName ?? matrix.filter.trackName ?? "All levels"]);
  legend.addRow(["Framework", `version ${matrix.frameworkVersion}`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
