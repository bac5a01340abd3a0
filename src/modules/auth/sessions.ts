import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { LRUCache } from "lru-cache";
import { createBatcher } from "../../lib/batching.ts";
import type { Actor } from "./policy.ts";

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(tx: Db | Tx, accountId: string, userAgent: string | undefined, now: Date, days: number) {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  await tx
    .insertInto("sessions")
    .values({ id: tokenHash(token), account_id: accountId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt, user_agent: userAgent?.slice(0, 300) ?? null })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Db | Tx, token: string) {
  await db.deleteFrom("sessions").where("id", "=", tokenHash(token)).execute();
}

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
}

/** The signed-in actor for a session token, or undefined when the session is unknown, expired or disabled. */
export async function findSessionActor(db: Db, token: string, now: Date): Promise<SessionActor | undefined> {
  return (await findSessionActors(db, [token], now))[0];
}

/** `findSessionActor` for many tokens in two queries at most; the results in the tokens' order. */
export async function findSessionActors(db: Db, tokens: readonly string[], now: Date): Promise<(SessionActor | undefined)[]> {
  const hashes = tokens.map(tokenHash);
  const rows = await db
    .selectFrom("sessions as s")
    .innerJoin("accounts as a", "a.id", "s.account_id")
    .innerJoin("people as p", "p.id", "a.person_id")
    .innerJoin("organizations as o", "o.id", "a.org_id")
    .select([
      "s.id as session_id",
      "s.csrf_token",
      "s.expires_at",
      "a.id as account_id",
      "a.email",
      "a.disabled",
      "p.id as person_id",
      "p.org_id",
      "p.role",
      "p.first_name",
      "p.last_name",
      "p.site_id",
      "p.status",
      "o.slug as org_slug",
    ])
    // One array parameter: the statement's text stays the same whatever the number of sessions.
    .where("s.id", "=", sql<string>`any(${[...new Set(hashes)]}::text[])`)
    .execute();
  const live = new Map(rows.filter((row) => !row.disabled && row.status !== "separated" && new Date(row.expires_at) > now).map((row) => [row.session_id, row]));
  const managers = [...new Set([...live.values()].filter((row) => row.role === "manager").map((row) => row.person_id))];
  const managed = new Map<string, string[]>();
  if (managers.length) {
    for (const row of await db.selectFrom("manager_sites").select(["person_id", "site_id"]).where("person_id", "in", managers).execute()) {
      managed.set(row.person_id, [...(managed.get(row.person_id) ?? []), row.site_id]);
    }
  }
  return hashes.map((hash) => {
    const row = live.get(hash);
    if (!row) return undefined;
    return {
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at),
      actor: {
        accountId: row.account_id,
        personId: row.person_id,
        orgId: row.org_id,
        orgSlug: row.org_slug,
        role: row.role,
        name: `${row.first_name} ${row.last_name}`,
        email: row.email,
        homeSiteId: row.site_id,
        managedSiteIds: managed.get(row.person_id) ?? [],
      },
    };
  });
}

/**
 * Session lookups for concurrent requests, read together: under load one query serves every
 * request that arrived while the previous lookup ran. A session found is reused on this server for
 * up to `reuseMs` (never past its expiry; `SESSION_REUSE_MS` in the config, 0 for never), so a taker answering several questions a second
 * costs one lookup every two seconds at the default (decision 0008). Signing out forgets the session at once, and
 * every other write on this server forgets them all (`forgetAll`), so on one server a change of
 * role, site or account shows with the next request; another app server or the command line takes
 * at most `reuseMs` to see it. Unknown, expired and disabled sessions are never kept.
 */
export function createSessionLookup(db: Db, now: () => Date, { reuseMs }: { reuseMs: number }) {
  const load = createBatcher<string, SessionActor | undefined>((tokens) => findSessionActors(db, tokens, now()), { maxBatchSize: 500, concurrency: 4 });
  const known = new LRUCache<string, SessionActor>({ max: 50_000, ttl: reuseMs, ttlAutopurge: false });
  // Bumped by every forget: a lookup that started before it must not store what it read.
  let generation = 0;
  async function lookup(token: string): Promise<SessionActor | undefined> {
    const hit = reuseMs > 0 ? known.get(token) : undefined;
    if (hit && hit.expiresAt > now()) return hit;
    const started = generation;
    const found = await load(token);
    if (found && reuseMs > 0 && started === generation) {
      known.set(token, found, { ttl: Math.max(1, Math.min(reuseMs, found.expiresAt.getTime() - now().getTime())) });
    }
    return found;
  }
  return Object.assign(lookup, {
    /** This session stops being reused (signing out). */
    forget(token: string) {
      generation++;
      known.delete(token);
    },
    /** No session is reused: after a write that may change who someone is or what they may do. */
    forgetAll() {
      generation++;
      known.clear();
    },
  });
}

export type SessionLookup = ReturnType<typeof createSessionLookup>;
