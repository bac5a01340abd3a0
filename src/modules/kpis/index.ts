export { DEFAULT_KPIS, type KpiDefinition } from "./default-kpis.ts";
export * from "./kpis.rules.ts";
export { listKpiDefinitions, findKpiValues } from "./kpis.queries.ts";
export { saveKpiDefinition, recordKpiValue, personKpiTrends, type KpiValueInput, type PersonKpis } from "./manage-kpis.ts";
export { importKpis, type KpiImportResult } from "./import-kpis.ts";
export { listKpiImports, getKpiImport, type KpiImportDto, type KpiImportFigureDto } from "./kpi-imports.ts";
