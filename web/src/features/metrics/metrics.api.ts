import { api, withQuery } from "../../api.ts";

export { METRICS_ROLES } from "./metrics-roles.ts";

export interface MetricsFilter {
  from?: string;
  to?: string;
  siteId?: string;
  track?: string;
  levelCode?: string;
  retention?: "cohort" | "level" | "track";
}

export interface Rate {
  count: number;
  rate: number | null;
  annualized: number | null;
}

export interface Buckets {
  within30: number;
  within60: number;
  within90: number;
}

export interface ReasonShare {
  code: string;
  label: string;
  count: number;
  share: number;
}

export interface TrendPoint {
  month: string;
  from: string;
  to: string;
  averageHeadcount: number;
  hires: number;
  voluntary: number;
  involuntary: number;
  promotions: number;
  voluntaryTurnover: number | null;
  totalTurnover: number | null;
  promotionsPer100: number | null;
}

export interface RetentionCurve {
  group: string;
  subjects: number;
  separations: number;
  medianMonths: number | null;
  points: { month: number; survival: number; lower: number; upper: number; atRisk: number }[];
}

/** GET /api/metrics/dashboard; definitions in docs/metrics.md. */
export interface Dashboard {
  period: { from: string; to: string; today: string; days: number; months: number };
  filter: { siteIds: string[] | null; track: string | null; levelCode: string | null };
  headcount: { start: number; end: number; average: number; hires: number };
  turnover: { averageHeadcount: number; voluntary: Rate; involuntary: Rate; total: Rate };
  promotions: { count: number; per100PerYear: number | null; medianMonthsInLevel: number | null; measured: number };
  training: { due: number; onTime: number; late: number; missed: number; rate: number | null };
  certification: { hires: number; deadlineMonths: number; onTime: number; late: number; missed: number; pending: number; onTimeRate: number | null; medianMonthsToCertification: number | null };
  expiring: { certifications: Buckets; competencies: Buckets };
  separationReasons: ReasonShare[];
  exitInterviewReasons: ReasonShare[];
  retention: { groupBy: "cohort" | "level" | "track"; curves: RetentionCurve[] };
  trend: TrendPoint[];
  stalledMonths: number;
}

/** GET /api/metrics/ce-compliance: today, apart from the period. */
export interface CeCompliance {
  credentials: number;
  people: number;
  complete: number;
  short: number;
  expired: number;
  rate: number | null;
}

export const PEOPLE_METRICS = {
  "headcount-end": "Employed on the last day",
  hires: "Hires",
  separations: "Separations",
  "voluntary-separations": "Voluntary separations",
  "involuntary-separations": "Involuntary separations",
  promotions: "Promotions",
  "training-on-time": "Trainings completed on time",
  "training-late": "Trainings completed late",
  "training-missed": "Trainings missed",
  "certification-on-time": "Certified by the deadline",
  "certification-late": "Certified after the deadline",
  "certification-missed": "Past the deadline without certification",
  "certification-pending": "Certification deadline still ahead",
  "expiring-certifications": "Credentials expiring within 90 days",
  "expiring-competencies": "Competencies expiring within 90 days",
} as const;
export type PeopleMetric = keyof typeof PEOPLE_METRICS;

export interface MetricPerson {
  personId: string;
  employeeId: string;
  name: string;
  siteCode: string;
  date: string;
  detail: string;
}

export interface StalledPerson {
  personId: string;
  employeeId: string;
  name: string;
  siteCode: string;
  trackName: string;
  levelName: string;
  since: string;
  monthsInLevel: number;
  nextLevelName: string;
  percent: number;
  missing: { kind: string; label: string; reason: string }[];
}

const query = (filter: MetricsFilter) => ({ from: filter.from, to: filter.to, siteId: filter.siteId, track: filter.track, levelCode: filter.levelCode });

export const dashboardPath = (filter: MetricsFilter) => withQuery("/api/metrics/dashboard", { ...query(filter), retention: filter.retention });
export const exportPath = (filter: MetricsFilter, format: "csv" | "xlsx") => withQuery("/api/metrics/dashboard/export", { ...query(filter), retention: filter.retention, format });
/** GET /api/metrics/report.pdf: a summary page and one page per site in scope (the site filter: that site alone). */
export const reportPdfPath = (filter: MetricsFilter) => withQuery("/api/metrics/report.pdf", query(filter));
export const peoplePath = (filter: MetricsFilter, metric: PeopleMetric) => withQuery("/api/metrics/people", { ...query(filter), metric });
export const ceCompliancePath = (filter: MetricsFilter) => withQuery("/api/metrics/ce-compliance", { siteId: filter.siteId, track: filter.track, levelCode: filter.levelCode });
export const stalledPath = (filter: MetricsFilter) => withQuery("/api/metrics/stalled", { siteId: filter.siteId, track: filter.track, levelCode: filter.levelCode });

export function saveStalledMonths(stalledMonths: number) {
  return api.put<{ stalledMonths: number }>("/api/metrics/settings", { stalledMonths });
}
