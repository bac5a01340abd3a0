/**
 * The KPI definitions every organization starts with. Codes match the kpi requirements of the
 * default ladder framework (`ladder/default-framework.ts`), so thresholds there read these values.
 */
export interface KpiDefinition {
  code: string;
  name: string;
  unit: string;
  direction: "higher" | "lower";
  description: string;
}

export const DEFAULT_KPIS: readonly KpiDefinition[] = [
  { code: "fill-rate", name: "Fill rate", unit: "prescriptions per hour", direction: "higher", description: "Prescriptions filled per hour worked at the fill station" },
  { code: "fill-accuracy", name: "Fill accuracy at pharmacist verification", unit: "%", direction: "higher", description: "Share of filled prescriptions passing pharmacist verification without a correction" },
  { code: "near-miss-rate", name: "Near misses on own work", unit: "per 1,000 prescriptions", direction: "lower", description: "Errors caught before reaching the patient, per 1,000 prescriptions filled" },
  { code: "claims-resolved", name: "Rejected claims resolved within one business day", unit: "%", direction: "higher", description: "Third-party claim rejections resolved within one business day" },
  { code: "inventory-accuracy", name: "Inventory count accuracy", unit: "%", direction: "higher", description: "Cycle-count lines matching the perpetual inventory" },
  { code: "attendance", name: "Attendance", unit: "%", direction: "higher", description: "Scheduled shifts worked as scheduled" },
];
