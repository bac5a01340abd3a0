export { DEFAULT_EVALUATION_TEMPLATE, RATING_SCALE, type EvaluationItem, type EvaluationTemplate } from "./default-template.ts";
export * from "./evaluations.rules.ts";
export { getEvaluationTemplate } from "./evaluations.queries.ts";
export { fillEvaluation, updateEvaluation, acknowledgeEvaluation, getEvaluation, listPersonEvaluations, type EvaluationDto, type FillEvaluationInput } from "./manage-evaluations.ts";
export { listDueEvaluations, type DueEvaluation } from "./due-evaluations.ts";
