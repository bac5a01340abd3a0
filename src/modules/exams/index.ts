export { ensureShippedBank, SHIPPED_BANK_REVISION } from "./sync-bank.ts";
export { recomputeItemStats } from "./recompute-item-stats.ts";
export { organizationPipeline, pipelineBoard, personPipeline, recordExamResult, scheduleExam } from "./certification-pipeline.ts";
export { startAttempt } from "./start-attempt.ts";
export { answerItem } from "./answer-item.ts";
export { submitAttempt } from "./submit-attempt.ts";
export { loadReadiness } from "./load-readiness.ts";
export { simulateCalibration } from "./readiness.simulation.ts";
