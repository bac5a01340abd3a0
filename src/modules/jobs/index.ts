export * from "./jobs.rules.ts";
export { findJob, JOBS, type JobContext, type JobDefinition } from "./job-definitions.ts";
export { claimJob, ensureJobRows, listJobRows, releaseJob, type JobLease } from "./job-lease.ts";
export { processOwner, runDueJobs, startJobRunner, type JobOutcome, type JobRunner } from "./run-jobs.ts";
