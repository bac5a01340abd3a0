import { z } from "zod";
import { ALL_SUBTOPICS, PTCE_DOMAINS, subtopicDomain } from "./outline.ts";

const optionId = z.string().regex(/^[a-f]$/, "must be a letter a–f");

/** An item as an author writes it (web form, JSON import, CSV row). */
export const itemInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9:._-]{1,79}$/, "use lowercase letters, digits and - _ . : (2–80 characters)")
      .refine((c) => c !== "new", "\"new\" is reserved")
      .optional(),
    kind: z.enum(["single", "multi"]),
    domain: z.enum(PTCE_DOMAINS),
    subtopic: z.string().refine((s) => ALL_SUBTOPICS.has(s), "is not a subtopic of the PTCE outline"),
    difficulty: z.number().int().min(1).max(3),
    stem: z.string().trim().min(10).max(4000),
    options: z.array(z.object({ id: optionId, text: z.string().trim().min(1).max(1000) })).min(2).max(6),
    key: z.array(optionId).min(1).max(6),
    explanation: z.string().trim().min(20).max(6000),
    reference: z.string().trim().min(3).max(1000),
  })
  .superRefine((item, ctx) => {
    if (subtopicDomain(item.subtopic) !== item.domain) ctx.addIssue({ code: "custom", path: ["subtopic"], message: `is not in the ${item.domain} domain` });
    const ids = item.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["options"], message: "option letters repeat" });
    const texts = item.options.map((o) => o.text.toLowerCase());
    if (new Set(texts).size !== texts.length) ctx.addIssue({ code: "custom", path: ["options"], message: "two options have the same text" });
    if (item.key.some((k) => !ids.includes(k))) ctx.addIssue({ code: "custom", path: ["key"], message: "names an option the item does not have" });
    if (new Set(item.key).size !== item.key.length) ctx.addIssue({ code: "custom", path: ["key"], message: "repeats an option" });
    if (item.kind === "single" && item.key.length !== 1) ctx.addIssue({ code: "custom", path: ["key"], message: "a single-answer item has exactly one key" });
    if (item.kind === "multi" && item.key.length < 2) ctx.addIssue({ code: "custom", path: ["key"], message: "a multiple-response item has at least two keys" });
  });

export type ItemInput = z.infer<typeof itemInputSchema>;
