import type { Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { authorize, auditActorOf } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { getPerson } from "./people.queries.ts";
import { applyEmploymentEvent, type EventInput } from "./roster.rules.ts";
import { getSite } from "./sites.queries.ts";

/** Records a transfer, leave, return, separation or rehire and updates the person to match. */
export async function recordEmploymentEvent(tx: Tx, actor: Actor, personId: string, input: EventInput & { note?: string }, now: Date) {
  const person = await getPerson(tx, actor.orgId, personId);
  authorize(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  if (input.siteId) {
    const site = await getSite(tx, actor.orgId, input.siteId);
    // Moving someone into a site needs authority over that site as well.
    authorize(actor, "site.staff", { orgId: site.org_id, id: site.id });
  }
  const { errors, changes } = applyEmploymentEvent(
    { status: person.status, siteId: person.site_id, hireDate: person.hire_date, separationDate: person.separation_date },
    input,
  );
  if (!changes) throw new AppError("VALIDATION_FAILED", errors.map((e) => `${e.field} ${e.message}`).join("; "), errors);

  const event = await tx
    .insertInto("employment_events")
    .values({
      org_id: actor.orgId,
      person_id: person.id,
      kind: input.kind,
      effective_date: input.effectiveDate,
      site_id: input.kind === "transfer" || input.kind === "rehire" ? input.siteId ?? person.site_id : person.site_id,
      from_site_id: input.kind === "transfer" ? person.site_id : null,
      separation_type: input.kind === "separation" ? input.separationType! : null,
      reason_code: input.kind === "separation" ? input.reasonCode ?? null : null,
      note: input.note ?? null,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx.updateTable("people").set({ ...changes, updated_at: now }).where("id", "=", person.id).execute();
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, (person as Record<string, unknown>)[k]]));
  await recordAudit(tx, auditActorOf(actor), [
    { entityType: "employment_event", entityId: event.id, action: `employment.${input.kind}`, after: { personId: person.id, ...input } },
    { entityType: "person", entityId: person.id, action: "person.updated", before, after: changes },
  ], now);
  return event;
}
