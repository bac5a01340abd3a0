import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_EVALUATION_TEMPLATE } from "./default-template.ts";
import { cleanPromptAnswers, isSameTemplate, validatePromptAnswers, validateTemplate } from "./evaluations.rules.ts";

const base = { name: DEFAULT_EVALUATION_TEMPLATE.name, items: DEFAULT_EVALUATION_TEMPLATE.items, commentPrompts: DEFAULT_EVALUATION_TEMPLATE.commentPrompts };

describe("evaluation form rules", () => {
  it("accepts the default form", () => {
    assert.deepEqual(validateTemplate(base), []);
  });

  it("names the field of each problem by its path", () => {
    const errors = validateTemplate({
      name: " ",
      items: [...base.items, { code: "accuracy", label: "Again", kind: "competency", description: "" }, { code: "Bad Code", label: "", kind: "kpi", description: "" }],
      commentPrompts: [{ code: "goals", label: "Goals" }, { code: "goals", label: "More goals" }],
    });
    const n = base.items.length;
    assert.deepEqual(errors.map((e) => e.field), ["name", `items.${n}.code`, `items.${n + 1}.code`, `items.${n + 1}.label`, "commentPrompts.1.code"]);
  });

  it("needs one line and at most thirty, at most eight prompts", () => {
    assert.deepEqual(validateTemplate({ ...base, items: [] }).map((e) => e.field), ["items"]);
    const many = Array.from({ length: 31 }, (_, i) => ({ code: `line-${i}`, label: `Line ${i}`, kind: "competency" as const, description: "" }));
    assert.deepEqual(validateTemplate({ ...base, items: many }).map((e) => e.field), ["items"]);
    const prompts = Array.from({ length: 9 }, (_, i) => ({ code: `p-${i}`, label: `Prompt ${i}` }));
    assert.deepEqual(validateTemplate({ ...base, commentPrompts: prompts }).map((e) => e.field), ["commentPrompts"]);
  });

  it("a save that only changes surrounding spaces is no change; a new order is", () => {
    assert.equal(isSameTemplate(base, { ...base, name: ` ${base.name} `, items: base.items.map((i) => ({ ...i, label: `${i.label} ` })) }), true);
    assert.equal(isSameTemplate(base, { ...base, items: [...base.items].reverse() }), false);
    assert.equal(isSameTemplate(base, { ...base, commentPrompts: [] }), false);
  });

  it("answers only the form's prompts, and keeps trimmed non-empty answers", () => {
    assert.deepEqual(validatePromptAnswers(base.commentPrompts, { goals: "x", mood: "y" }).map((e) => e.field), ["promptAnswers.mood"]);
    assert.deepEqual(validatePromptAnswers(base.commentPrompts, { goals: "x".repeat(4001) }).map((e) => e.field), ["promptAnswers.goals"]);
    assert.deepEqual(cleanPromptAnswers({ goals: "  Finish training ", strengths: "   " }), { goals: "Finish training" });
    assert.deepEqual(cleanPromptAnswers(undefined), {});
  });
});
