import type { Db, Tx } from "../../db/database.ts";
import { itemStatistics } from "./readiness.rules.ts";

/**
 * Recomputes every item's statistics from the scored responses of submitted attempts: the
 * p-value, the corrected point-biserial, and the Rasch difficulty that readiness uses once an
 * item has enough responses. Idempotent: run it from the admin page, the CLI or a schedule.
 */
export async function recomputeItemStats(db: Db | Tx, orgId: string, now: Date) {
  const rows = await db
    .selectFrom("exam_attempt_items as i")
    .innerJoin("exam_attempts as a", "a.id", "i.attempt_id")
    .select(["i.item_key", "i.attempt_id", "i.correct", "a.ability"])
    .where("a.org_id", "=", orgId)
    .where("a.status", "=", "submitted")
    .where("a.form", "<>", "review")
    .where("i.scored", "=", true)
    .where("i.correct", "is not", null)
    .execute();
  const abilities = new Map(rows.map((r) => [r.attempt_id, r.ability ?? 0]));
  const stats = itemStatistics(rows.map((r) => ({ itemKey: r.item_key, attemptId: r.attempt_id, correct: r.correct === true })), abilities);
  const BATCH = 500;
  for (let i = 0; i < stats.length; i += BATCH) {
    const chunk = stats.slice(i, i + BATCH).map((s) => ({ org_id: orgId, item_key: s.itemKey, responses: s.responses, correct: s.correct, p_value: s.pValue, point_biserial: s.pointBiserial, rasch_b: s.raschB, computed_at: now }));
    await db
      .insertInto("exam_item_stats")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["org_id", "item_key"]).doUpdateSet((eb) => ({
          responses: eb.ref("excluded.responses"),
          correct: eb.ref("excluded.correct"),
          p_value: eb.ref("excluded.p_value"),
          point_biserial: eb.ref("excluded.point_biserial"),
          rasch_b: eb.ref("excluded.rasch_b"),
          computed_at: eb.ref("excluded.computed_at"),
        })),
      )
      .execute();
  }
  return { items: stats.length, responses: rows.length, calibrated: stats.filter((s) => s.raschB !== null).length };
}
