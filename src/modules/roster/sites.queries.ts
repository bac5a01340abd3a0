import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { notFound } from "../../lib/errors.ts";

export async function getSite(db: Db | Tx, orgId: string, siteId: string) {
  const site = await db.selectFrom("sites").selectAll().where("org_id", "=", orgId).where("id", "=", siteId).executeTakeFirst();
  if (!site) throw notFound("Site");
  return site;
}

export async function listSites(db: Db, orgId: string) {
  return db
    .selectFrom("sites as s")
    .leftJoin(
      (eb) => eb.selectFrom("people").select(["site_id", sql<number>`count(*)::int`.as("headcount")]).where("org_id", "=", orgId).where("status", "!=", "separated").groupBy("site_id").as("h"),
      (join) => join.onRef("h.site_id", "=", "s.id"),
    )
    .select(["s.id", "s.code", "s.name", "s.state", "s.setting", "s.time_zone", sql<number>`coalesce(h.headcount, 0)::int`.as("headcount")])
    .where("s.org_id", "=", orgId)
    .orderBy("s.code")
    .execute();
}
