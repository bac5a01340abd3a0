import type { Dashboard } from "../../../../src/modules/metrics/load-dashboard.ts";
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

/** GET /api/metrics/dashboard, as the server builds it; definitions in docs/metrics.md. */
export type { Dashboard };
/** One reason's count and share of separations or exit interviews. */
export type ReasonShare = Dashboard["separationReasons"][number];

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
