import { z } from "zod";
import type { Db, Tx } from "../../db/database.ts";
import { isIsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { US_STATES } from "../roster/manage-sites.ts";
import { CE_CATEGORY_CODES, DEFAULT_CE_SETTINGS, ruleSetsInForce, type CeCategory, type CeRuleSet, type CeSettings } from "./ce-rule-sets.ts";

const hoursValue = z.number().min(0).max(200);

const minimumSchema = z.object({
  code: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(120),
  hours: z.number().positive().max(200),
  counts: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("category"), category: z.enum(CE_CATEGORY_CODES as [CeCategory, ...CeCategory[]]) }),
    z.object({ kind: z.literal("live") }),
    z.object({ kind: z.literal("technician") }),
  ]),
  firstCycleOnly: z.boolean().optional(),
  verify: z.boolean().optional(),
});

/** An organization's own rule set for one state's registration or licence. */
export const stateRuleSetSchema = z.object({
  certificationCode: z.enum(["state-registration", "state-license"]),
  state: z
    .string()
    .trim()
    .length(2)
    .transform((s) => s.toUpperCase())
    .refine((s) => US_STATES.has(s), "must be a US state code"),
  name: z.string().trim().min(1).max(200),
  hours: z.number().positive().max(200),
  cycleMonths: z.number().int().min(1).max(60).optional(),
  minimums: z.array(minimumSchema).max(20).default([]),
  pharmacistHoursMax: hoursValue.nullable().default(null),
  collegeCourseHoursMax: hoursValue.nullable().default(null),
  inServiceRefusedFrom: z.string().refine(isIsoDate, "must be a date as YYYY-MM-DD").nullable().default(null),
  notes: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  source: z.string().trim().min(1).max(500).describe("Where the rule comes from: the board's page or rule number"),
  verify: z.boolean().default(true),
});

export const ceSettingsSchema = z.object({
  technicianHoursMin: z.number().min(0).max(20).describe("CPhT: hours of the 20 that must not be pharmacist-designated (PTCB now 15; older pages 20)"),
  warningDays: z.array(z.number().int().min(1).max(365)).min(1).max(6).describe("Warn this many days before a cycle ends when hours are short"),
  acceptBlendedFormat: z.boolean().describe("Accept UAN activity type B (blended), not confirmed from a primary source"),
  acceptExtendedTopics: z.boolean().describe("Accept topic designators 06–08, not confirmed from a primary source"),
  stateRuleSets: z.array(stateRuleSetSchema).max(60),
});

function fromStored(stored: unknown): CeSettings {
  const merged = { ...DEFAULT_CE_SETTINGS, ...(typeof stored === "object" && stored ? stored : {}) };
  const parsed = ceSettingsSchema.safeParse(merged);
  return parsed.success ? toSettings(parsed.data) : DEFAULT_CE_SETTINGS;
}

function toSettings(input: z.infer<typeof ceSettingsSchema>): CeSettings {
  return {
    technicianHoursMin: input.technicianHoursMin,
    warningDays: [...new Set(input.warningDays)].sort((a, b) => b - a),
    acceptBlendedFormat: input.acceptBlendedFormat,
    acceptExtendedTopics: input.acceptExtendedTopics,
    stateRuleSets: input.stateRuleSets.map((r): CeRuleSet => ({ ...r, code: `${r.certificationCode}:${r.state}`, custom: true })),
  };
}

export async function getCeSettings(db: Db | Tx, orgId: string): Promise<CeSettings> {
  const row = await db.selectFrom("ce_settings").select("settings").where("org_id", "=", orgId).executeTakeFirst();
  return fromStored(row?.settings);
}

/** The organization's settings and the rule sets they put in force. */
export async function getCeRules(db: Db | Tx, orgId: string) {
  const settings = await getCeSettings(db, orgId);
  return { settings, ruleSets: ruleSetsInForce(settings) };
}

export async function updateCeSettings(tx: Tx, actor: Actor, input: z.infer<typeof ceSettingsSchema>, now: Date): Promise<CeSettings> {
  const states = new Set<string>();
  input.stateRuleSets.forEach((r, i) => {
    const key = `${r.certificationCode}:${r.state}`;
    if (states.has(key)) throw new AppError("VALIDATION_FAILED", `Two rule sets for ${key}`, [{ field: `stateRuleSets.${i}.state`, message: `${r.state} already has a rule set for ${r.certificationCode}` }]);
    states.add(key);
  });
  const before = await getCeSettings(tx, actor.orgId);
  const settings = toSettings(input);
  const stored = { ...settings, stateRuleSets: settings.stateRuleSets.map(({ code: _code, custom: _custom, ...rest }) => rest) };
  await tx
    .insertInto("ce_settings")
    .values({ org_id: actor.orgId, settings: JSON.stringify(stored), updated_by: actor.personId, updated_at: now })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ settings: JSON.stringify(stored), updated_by: actor.personId, updated_at: now }))
    .execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "ce_settings", entityId: actor.orgId, action: "ce.settings_changed", before, after: settings }, now);
  return settings;
}
