import type { Db, Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { DEFAULT_FRAMEWORK } from "./default-framework.ts";
import type { FrameworkDefinition } from "./framework.types.ts";

export interface PublishedFramework {
  version: number;
  publishedAt: string | null;
  definition: FrameworkDefinition;
}

/**
 * Parsed published frameworks, by row and revision: a published version is never edited (a save
 * takes a new revision, a publish makes a new version), so an entry cannot go stale and nothing
 * has to invalidate it. Bounded, least recently used first out. Entries are frozen: shared by
 * every request, they must not be changed.
 */
const CACHE_SIZE = 32;
const parsed = new Map<string, Promise<FrameworkDefinition>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The framework in force: the organization's newest published version (one small query when its definition is cached). */
export async function getPublishedFramework(db: Db | Tx, orgId: string): Promise<PublishedFramework> {
  const head = await db
    .selectFrom("ladder_frameworks")
    .select(["id", "version", "revision", "published_at"])
    .where("org_id", "=", orgId)
    .where("status", "=", "published")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!head) throw new AppError("NOT_FOUND", "This organization has no published career-ladder framework");
  const key = `${head.id}/${head.revision}`;
  let definition = parsed.get(key);
  if (definition) {
    parsed.delete(key);
  } else {
    definition = db
      .selectFrom("ladder_frameworks")
      .select("definition")
      .where("id", "=", head.id)
      .executeTakeFirstOrThrow()
      .then((row) => deepFreeze(row.definition as FrameworkDefinition));
    definition.catch(() => parsed.delete(key));
    if (parsed.size >= CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  }
  parsed.set(key, definition);
  return { version: head.version, publishedAt: head.published_at ? new Date(head.published_at).toISOString() : null, definition: await definition };
}

/** Every new organization starts on the default framework, as its version 1. */
export async function publishDefaultFramework(tx: Tx, orgId: string, now: Date) {
  await tx
    .insertInto("ladder_frameworks")
    .values({ org_id: orgId, version: 1, status: "published", definition: JSON.stringify(DEFAULT_FRAMEWORK), note: "Default framework shipped with Rx Ladder", created_at: now, published_at: now })
    .execute();
}
