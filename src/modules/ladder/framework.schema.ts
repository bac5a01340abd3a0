import { z } from "zod";
import type { FrameworkDefinition } from "./framework.types.ts";

const code = z.string().min(1).max(80);
const proficiency = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

const requirement = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("certification"), anyOf: z.array(code).max(20), label: z.string().max(200).optional() }),
  z.object({ kind: z.literal("competency"), competency: code, minProficiency: proficiency }),
  z.object({ kind: z.literal("kpi"), kpi: code, comparator: z.enum([">=", "<="]), threshold: z.number(), windowMonths: z.number().int().min(1).max(36), label: z.string().max(200).optional() }),
  z.object({ kind: z.literal("evaluation"), minAverage: z.number().min(1).max(4), months: z.number().int().min(1).max(36) }),
  z.object({ kind: z.literal("training"), training: code, label: z.string().max(200).optional() }),
  z.object({ kind: z.literal("mentoring"), hours: z.number().positive().max(10000) }),
  z.object({ kind: z.literal("tenure"), months: z.number().int().min(1).max(600) }),
  z.object({ kind: z.literal("level"), level: z.string().regex(/^[^/]+\/[^/]+$/, "as track/level") }),
]);

const assessor = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pharmacist") }),
  z.object({ kind: z.literal("lead") }),
  z.object({ kind: z.literal("peer-above"), minRank: z.number().int().min(1).max(20) }),
]);

/** The shape of a framework document as the API accepts it; the rules between its parts are checked by validateFramework. */
export const frameworkSchema: z.ZodType<FrameworkDefinition> = z.object({
  name: z.string().min(1).max(200),
  tracks: z
    .array(
      z.object({
        code,
        name: z.string().min(1).max(200),
        kind: z.enum(["core", "clinical", "management", "cross-training"]),
        description: z.string().max(2000),
        levels: z.array(
          z.object({
            code,
            name: z.string().min(1).max(200),
            rank: z.number().int().min(1).max(50),
            summary: z.string().max(2000),
            duties: z.array(z.string().max(500)).max(50),
            requirements: z.array(requirement).max(200),
          }),
        ).max(50),
      }),
    )
    .max(50),
  competencies: z
    .array(
      z.object({
        code,
        name: z.string().min(1).max(200),
        area: z.string().min(1).max(120),
        description: z.string().max(2000),
        steps: z.array(z.object({ code, text: z.string().min(1).max(1000) })).max(50),
        assessors: z.array(assessor).max(5),
        validityMonths: z.number().int().min(1).max(120).optional(),
        validitySource: z.string().max(500).optional(),
        evidence: z.string().max(1000).optional(),
      }),
    )
    .max(1000),
}) as z.ZodType<FrameworkDefinition>;
