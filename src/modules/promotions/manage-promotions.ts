import type { Db, Tx } from "../../db/database.ts";
import { compareDates, dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { evaluateLevel, isLevelInForce, isLevelUpcoming, type Eligibility } from "../ladder/eligibility.rules.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { loadPersonFacts } from "../ladder/person-facts.ts";
import { processIncentiveEvents } from "../incentives/index.ts";
import { getPerson } from "../roster/index.ts";
import { canDecide, classifyMove } from "./promotions.rules.ts";

export interface NominationInput {
  personId: string;
  toTrack: string;
  toLevel: string;
  effectiveDate: IsoDate;
  payChangeCents?: number | null;
  note?: string | null;
  overrideJustification?: string | null;
}

async function eligibilityFor(tx: Tx, orgId: string, personId: string, toTrack: string, toLevel: string, today: IsoDate) {
  const framework = await getPublishedFramework(tx, orgId);
  const track = framework.definition.tracks.find((t) => t.code === toTrack);
  const level = track?.levels.find((l) => l.code === toLevel);
  if (!track || !level) throw new AppError("VALIDATION_FAILED", `No level ${toTrack}/${toLevel} in the framework`, [{ field: "toLevel", message: "is not in the framework" }]);
  const facts = (await loadPersonFacts(tx, orgId, [personId])).get(personId)!;
  return { framework, facts, eligibility: evaluateLevel(facts, track, level, { framework: framework.definition }, today) };
}

function missingText(eligibility: Eligibility): string {
  return eligibility.requirements.filter((r) => r.status === "missing").map((r) => `${r.label} (${r.reason})`).join("; ");
}

/** A manager (or admin) nominates; a promotion needs eligibility unless a written justification overrides it. */
export async function nominatePromotion(tx: Tx, actor: Actor, input: NominationInput, now: Date) {
  const person = await getPerson(tx, actor.orgId, input.personId);
  authorize(actor, "person.write", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  if (person.status === "separated") throw new AppError("CONFLICT", "This person has left the organization");
  const site = await tx.selectFrom("sites").select("time_zone").where("id", "=", person.site_id).executeTakeFirstOrThrow();
  const today = dateInZone(now, site.time_zone);
  const { framework, facts, eligibility } = await eligibilityFor(tx, actor.orgId, person.id, input.toTrack, input.toLevel, today);
  const upcoming = facts.levels.find((l) => isLevelUpcoming(l, today));
  if (upcoming) {
    throw new AppError("CONFLICT", `${person.first_name} ${person.last_name} already has a level change approved, effective ${upcoming.startedOn}; nominate again once it has taken effect`);
  }
  const inForce = facts.levels.filter((l) => isLevelInForce(l, today));
  const current = inForce.find((l) => l.track === input.toTrack) ?? inForce[0] ?? null;
  if (current && current.track === input.toTrack && current.level === input.toLevel) throw new AppError("CONFLICT", "The person already holds this level");
  const kind = classifyMove(framework.definition, current ? { track: current.track, level: current.level } : null, { track: input.toTrack, level: input.toLevel });
  const justification = input.overrideJustification?.trim() || null;
  if (kind !== "demotion" && !eligibility.eligible && !justification) {
    throw new AppError("NOT_ELIGIBLE", `${person.first_name} ${person.last_name} is not yet eligible for ${eligibility.levelName}: ${missingText(eligibility)}. Nominate anyway only with a written justification.`, [
      { field: "overrideJustification", message: "required when the person is not eligible" },
    ]);
  }
  const open = await tx.selectFrom("promotions").select("id").where("person_id", "=", person.id).where("status", "=", "nominated").executeTakeFirst();
  if (open) throw new AppError("CONFLICT", "This person already has a nomination waiting for a decision");
  const promotion = await tx
    .insertInto("promotions")
    .values({
      org_id: actor.orgId,
      person_id: person.id,
      kind,
      from_track: current?.track ?? null,
      from_level: current?.level ?? null,
      to_track: input.toTrack,
      to_level: input.toLevel,
      status: "nominated",
      effective_date: input.effectiveDate,
      pay_change_cents: input.payChangeCents ?? null,
      nominated_by: actor.personId,
      nominated_at: now,
      nomination_note: input.note ?? null,
      eligible_at_nomination: eligibility.eligible,
      eligibility_snapshot: JSON.stringify(eligibility),
      override_justification: eligibility.eligible ? null : justification,
      framework_version: framework.version,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "promotion",
    entityId: promotion.id,
    action: justification && !eligibility.eligible ? "promotion.nominated_with_override" : "promotion.nominated",
    after: { personId: person.id, kind, to: `${input.toTrack}/${input.toLevel}`, effectiveDate: input.effectiveDate, payChangeCents: input.payChangeCents ?? null, eligible: eligibility.eligible, overrideJustification: promotion.override_justification },
  }, now);
  return promotion;
}

/** Approves (the level changes on the effective date, with the pay change recorded) or rejects a nomination. */
export async function decidePromotion(tx: Tx, actor: Actor, promotionId: string, input: { decision: "approve" | "reject"; note?: string | null }, now: Date) {
  const promotion = await tx.selectFrom("promotions").selectAll().where("org_id", "=", actor.orgId).where("id", "=", promotionId).forUpdate().executeTakeFirst();
  if (!promotion) throw new AppError("NOT_FOUND", "Nomination not found");
  if (promotion.status !== "nominated") throw new AppError("CONFLICT", `This nomination was already ${promotion.status}`);
  const person = await getPerson(tx, actor.orgId, promotion.person_id);
  const decision = canDecide(actor, { nominatedBy: promotion.nominated_by, siteId: person.site_id });
  if (!decision.allowed) throw new AppError("FORBIDDEN", decision.reason!);

  if (input.decision === "approve") {
    const site = await tx.selectFrom("sites").select("time_zone").where("id", "=", person.site_id).executeTakeFirstOrThrow();
    const { eligibility } = await eligibilityFor(tx, actor.orgId, person.id, promotion.to_track, promotion.to_level, dateInZone(now, site.time_zone));
    if (promotion.kind !== "demotion" && !eligibility.eligible && !promotion.override_justification) {
      throw new AppError("NOT_ELIGIBLE", `No longer eligible: ${missingText(eligibility)}`);
    }
    // The level changes on the effective date, also when that is later than today: the open rows
    // end on it and the new one starts on it; which level is in force is then read by date.
    const tracks = [...new Set([promotion.kind === "track-change" ? promotion.from_track : null, promotion.to_track].filter((t): t is string => t !== null))];
    const open = await tx.selectFrom("person_levels").select(["track_code", "started_on"]).where("person_id", "=", person.id).where("track_code", "in", tracks).where("ended_on", "is", null).forUpdate().execute();
    const later = open.find((l) => compareDates(l.started_on, promotion.effective_date) > 0);
    if (later) {
      throw new AppError("CONFLICT", `A level change effective ${later.started_on} is already approved, after this one's effective date (${promotion.effective_date}); reject this nomination and nominate again`);
    }
    await tx.updateTable("person_levels").set({ ended_on: promotion.effective_date }).where("person_id", "=", person.id).where("track_code", "in", tracks).where("ended_on", "is", null).execute();
    await tx
      .insertInto("person_levels")
      .values({ org_id: actor.orgId, person_id: person.id, track_code: promotion.to_track, level_code: promotion.to_level, started_on: promotion.effective_date, promotion_id: promotion.id, created_at: now })
      .execute();
    // A milestone for incentives (bonus eligibility); demotions are not milestones.
    if (promotion.kind !== "demotion") {
      await tx
        .insertInto("domain_events")
        .values({ org_id: actor.orgId, kind: "level.reached", person_id: person.id, payload: JSON.stringify({ track: promotion.to_track, level: promotion.to_level, effectiveDate: promotion.effective_date, promotionId: promotion.id }), occurred_at: now })
        .execute();
      await processIncentiveEvents(tx, actor.orgId, auditActorOf(actor), now);
    }
  }
  const updated = await tx
    .updateTable("promotions")
    .set({ status: input.decision === "approve" ? "approved" : "rejected", decided_by: actor.personId, decided_at: now, decision_note: input.note ?? null })
    .where("id", "=", promotion.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, auditActorOf(actor), {
    entityType: "promotion",
    entityId: promotion.id,
    action: input.decision === "approve" ? "promotion.approved" : "promotion.rejected",
    before: { status: "nominated" },
    after: { status: updated.status, personId: person.id, to: `${promotion.to_track}/${promotion.to_level}`, effectiveDate: promotion.effective_date, payChangeCents: promotion.pay_change_cents, note: input.note ?? null },
  }, now);
  return updated;
}

export async function listPromotions(db: Db, orgId: string, filter: { status?: string; siteIds?: string[] }) {
  let query = db
    .selectFrom("promotions as pr")
    .innerJoin("people as p", "p.id", "pr.person_id")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .innerJoin("people as n", "n.id", "pr.nominated_by")
    .leftJoin("people as d", "d.id", "pr.decided_by")
    .selectAll("pr")
    .select(["p.first_name", "p.last_name", "p.site_id", "s.code as site_code", "n.first_name as nominator_first", "n.last_name as nominator_last", "d.first_name as decider_first", "d.last_name as decider_last"])
    .where("pr.org_id", "=", orgId);
  if (filter.status) query = query.where("pr.status", "=", filter.status as any);
  if (filter.siteIds) query = filter.siteIds.length ? query.where("p.site_id", "in", filter.siteIds) : query.where((eb) => eb.lit(false));
  return query.orderBy("pr.nominated_at", "desc").limit(200).execute();
}
