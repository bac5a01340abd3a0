import type { Benchmark } from "../harness.ts";
import { dashboardMetrics } from "./dashboard-metrics.ts";
import { eligibility } from "./eligibility.ts";
import { examAnswers } from "./exam-answers.ts";
import { rosterImport } from "./roster-import.ts";
import { rotations } from "./rotations.ts";

/** Every benchmark `npm run bench` knows, in the order they run. Add new ones here. */
export const BENCHMARKS: Benchmark[] = [rosterImport, eligibility, examAnswers, dashboardMetrics, rotations];
