import type { Tx } from "../../db/database.ts";
import type { SiteSetting } from "../../db/schema.ts";
import { isValidTimeZone } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import { getSite } from "./sites.queries.ts";

export interface SiteInput {
  code: string;
  name: string;
  state: string;
  setting: SiteSetting;
  timeZone: string;
}

// USPS codes of the states, DC and territories where pharmacies are regulated by a board.
export const US_STATES = new Set("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI".split(" "));

function validateSite(input: Partial<SiteInput>) {
  const fields = [];
  if (input.state !== undefined && !US_STATES.has(input.state.toUpperCase())) fields.push({ field: "state", message: `"${input.state}" is not a US state code` });
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) fields.push({ field: "timeZone", message: `"${input.timeZone}" is not an IANA time zone` });
  if (fields.length) throw new AppError("VALIDATION_FAILED", fields.map((f) => `${f.field} ${f.message}`).join("; "), fields);
}

export async function createSite(tx: Tx, actor: AuditActor, input: SiteInput, now: Date) {
  validateSite(input);
  const clash = await tx.selectFrom("sites").select("id").where("org_id", "=", actor.orgId).where("code", "=", input.code).executeTakeFirst();
  if (clash) throw new AppError("CONFLICT", `Site code ${input.code} is already used`, [{ field: "code", message: "is already used" }]);
  const site = await tx
    .insertInto("sites")
    .values({ org_id: actor.orgId, code: input.code, name: input.name, state: input.state.toUpperCase(), setting: input.setting, time_zone: input.timeZone, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { entityType: "site", entityId: site.id, action: "site.created", after: input }, now);
  return site;
}

export async function updateSite(tx: Tx, actor: AuditActor, siteId: string, patch: Partial<SiteInput>, now: Date) {
  validateSite(patch);
  const site = await getSite(tx, actor.orgId, siteId);
  const next = {
    code: patch.code ?? site.code,
    name: patch.name ?? site.name,
    state: patch.state?.toUpperCase() ?? site.state,
    setting: patch.setting ?? site.setting,
    time_zone: patch.timeZone ?? site.time_zone,
  };
  if (next.code !== site.code) {
    const clash = await tx.selectFrom("sites").select("id").where("org_id", "=", actor.orgId).where("code", "=", next.code).executeTakeFirst();
    if (clash) throw new AppError("CONFLICT", `Site code ${next.code} is already used`, [{ field: "code", message: "is already used" }]);
  }
  const updated = await tx.updateTable("sites").set(next).where("id", "=", site.id).returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, actor, { entityType: "site", entityId: site.id, action: "site.updated", before: site, after: updated }, now);
  return updated;
}

export function toSiteDto(s: { id: string; code: string; name: string; state: string; setting: SiteSetting; time_zone: string; headcount?: number }) {
  return { id: s.id, code: s.code, name: s.name, state: s.state, setting: s.setting, timeZone: s.time_zone, headcount: s.headcount ?? 0 };
}
