import { createHash } from "node:crypto";
import type { Db, Tx } from "../../db/database.ts";
import { recordAudit } from "../audit/index.ts";
import { TRAINING_CATALOG } from "./catalog.ts";

/** A fingerprint of the shipped catalog: when a release changes it, organizations pick up the new programs. */
export const SHIPPED_CATALOG_REVISION = createHash("sha256").update(JSON.stringify(TRAINING_CATALOG)).digest("hex").slice(0, 16);

/**
 * Loads the shipped programs into an organization's catalog, once per release, on first use.
 * Programs whose code the organization already has (edited, deactivated) are left alone. The
 * organization's state row is locked while loading, so concurrent first requests load once.
 */
export async function ensureTrainingCatalog(db: Db | Tx, orgId: string, now: Date): Promise<number> {
  const state = await db.selectFrom("training_catalog_state").select("shipped_revision").where("org_id", "=", orgId).executeTakeFirst();
  if (state?.shipped_revision === SHIPPED_CATALOG_REVISION) return 0;
  const load = async (tx: Tx) => {
    await tx.insertInto("training_catalog_state").values({ org_id: orgId, shipped_revision: null, loaded_at: null }).onConflict((oc) => oc.column("org_id").doNothing()).execute();
    const locked = await tx.selectFrom("training_catalog_state").select("shipped_revision").where("org_id", "=", orgId).forUpdate().executeTakeFirstOrThrow();
    if (locked.shipped_revision === SHIPPED_CATALOG_REVISION) return 0;
    const existing = new Set((await tx.selectFrom("training_programs").select("code").where("org_id", "=", orgId).execute()).map((p) => p.code));
    const added = TRAINING_CATALOG.filter((p) => !existing.has(p.code));
    for (const program of added) {
      const row = await tx
        .insertInto("training_programs")
        .values({
          org_id: orgId,
          code: program.code,
          name: program.name,
          description: program.description,
          category: program.category,
          validity_months: program.validityMonths ?? null,
          validity_verify: program.validityVerify ?? false,
          source: program.source,
          shipped: true,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("training_modules")
        .values(program.modules.map((m, i) => ({ org_id: orgId, program_id: row.id, position: i + 1, title: m.title, delivery: m.delivery, provider: m.provider ?? null, hours: m.hours, ce_hours: m.ceHours ?? 0, cost_cents: m.costCents ?? 0 })))
        .execute();
    }
    await tx.updateTable("training_catalog_state").set({ shipped_revision: SHIPPED_CATALOG_REVISION, loaded_at: now }).where("org_id", "=", orgId).execute();
    if (added.length > 0) {
      await recordAudit(tx, { orgId, personId: null, label: "system" }, { entityType: "training_catalog", entityId: orgId, action: "training_catalog.loaded", after: { revision: SHIPPED_CATALOG_REVISION, programs: added.map((p) => p.code) } }, now);
    }
    return added.length;
  };
  return db.isTransaction ? load(db as Tx) : (db as Db).transaction().execute(load);
}
