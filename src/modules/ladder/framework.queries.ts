import type { Db, Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { DEFAULT_FRAMEWORK } from "./default-framework.ts";
import type { FrameworkDefinition } from "./framework.types.ts";

export interface PublishedFramework {
  version: number;
  publishedAt: string | null;
  definition: FrameworkDefinition;
}

/** The framework in force: the organization's newest published version. */
export async function getPublishedFramework(db: Db | Tx, orgId: string): Promise<PublishedFramework> {
  const row = await db
    .selectFrom("ladder_frameworks")
    .select(["version", "published_at", "definition"])
    .where("org_id", "=", orgId)
    .where("status", "=", "published")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "This organization has no published career-ladder framework");
  return { version: row.version, publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null, definition: row.definition as FrameworkDefinition };
}

/** Every new organization starts on the default framework, as its version 1. */
export async function publishDefaultFramework(tx: Tx, orgId: string, now: Date) {
  await tx
    .insertInto("ladder_frameworks")
    .values({ org_id: orgId, version: 1, status: "published", definition: JSON.stringify(DEFAULT_FRAMEWORK), note: "Default framework shipped with Rx Ladder", created_at: now, published_at: now })
    .execute();
}
