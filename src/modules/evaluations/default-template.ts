/** One line of an evaluation form, rated 1–4. */
export interface EvaluationItem {
  code: string;
  label: string;
  kind: "competency" | "kpi";
  description: string;
}

/** A question the evaluator answers in words (optional on each evaluation). */
export interface CommentPrompt {
  code: string;
  label: string;
}

export interface EvaluationTemplate {
  code: string;
  name: string;
  items: EvaluationItem[];
  commentPrompts: CommentPrompt[];
}

/** The rating scale every template uses. */
export const RATING_SCALE = [
  { value: 1, label: "Below expectations" },
  { value: 2, label: "Partly meets expectations" },
  { value: 3, label: "Meets expectations" },
  { value: 4, label: "Exceeds expectations" },
] as const;

/** The monthly evaluation every organization starts with: core competencies and the KPIs they show in. */
export const DEFAULT_EVALUATION_TEMPLATE: EvaluationTemplate = {
  code: "monthly-technician",
  name: "Monthly technician evaluation",
  items: [
    { code: "accuracy", label: "Accuracy and patient safety", kind: "competency", description: "Fills correctly, uses barcode checks, reports near misses" },
    { code: "productivity", label: "Productivity", kind: "kpi", description: "Fill rate and workflow pace for the station worked" },
    { code: "customer-service", label: "Patient and customer service", kind: "competency", description: "Courteous, clear, protects privacy at the counter and on the phone" },
    { code: "teamwork", label: "Teamwork and communication", kind: "competency", description: "Helps colleagues, hands off clearly, escalates to the pharmacist when needed" },
    { code: "claims-inventory", label: "Claims and inventory", kind: "kpi", description: "Resolves rejected claims promptly; keeps counts and orders accurate" },
    { code: "reliability", label: "Reliability and attendance", kind: "kpi", description: "Works shifts as scheduled, on time" },
    { code: "growth", label: "Learning and growth", kind: "competency", description: "Works on ladder goals, training and certification" },
  ],
  commentPrompts: [
    { code: "strengths", label: "Strengths this month" },
    { code: "goals", label: "Goals for next month" },
  ],
};
