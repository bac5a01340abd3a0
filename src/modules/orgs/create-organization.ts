import type { Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { publishDefaultFramework } from "../ladder/framework.queries.ts";

export async function createOrganization(tx: Tx, input: { slug: string; name: string }, now: Date) {
  const clash = await tx.selectFrom("organizations").select("id").where("slug", "=", input.slug).executeTakeFirst();
  if (clash) throw new AppError("CONFLICT", `Organization ${input.slug} already exists`, [{ field: "slug", message: "is already used" }]);
  const org = await tx.insertInto("organizations").values({ slug: input.slug, name: input.name, created_at: now }).returningAll().executeTakeFirstOrThrow();
  await publishDefaultFramework(tx, org.id, now);
  await recordAudit(tx, { orgId: org.id, personId: null, label: "system" }, [
    { entityType: "organization", entityId: org.id, action: "organization.created", after: input },
    { entityType: "ladder_framework", entityId: `${org.id}/1`, action: "ladder_framework.published", after: { version: 1, source: "default" } },
  ], now);
  return org;
}

export async function getOrganizationBySlug(db: Tx | import("../../db/database.ts").Db, slug: string) {
  const org = await db.selectFrom("organizations").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!org) throw new AppError("NOT_FOUND", `No organization with slug "${slug}"`);
  return org;
}
