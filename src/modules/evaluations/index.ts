export { DEFAULT_EVALUATION_TEMPLATE, RATING_SCALE, type CommentPrompt, type EvaluationItem, type EvaluationTemplate } from "./default-template.ts";
export * from "./evaluations.rules.ts";
export { getEvaluationTemplate, listTemplateVersions, type TemplateRow } from "./evaluations.queries.ts";
export { saveEvaluationTemplate, type SaveTemplateInput } from "./save-evaluation-template.ts";
export { fillEvaluation, updateEvaluation, acknowledgeEvaluation, getEvaluation, listPersonEvaluations, type EvaluationDto, type FillEvaluationInput } from "./manage-evaluations.ts";
export { listDueEvaluations, type DueEvaluation } from "./due-evaluations.ts";
