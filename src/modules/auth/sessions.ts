import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
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
 * request that arrived while the previous lookup ran. Nothing is cached, so a signed-out or
 * disabled session stops working with the next request, on every app server.
 */
export function createSessionLookup(db: Db, now: () => Date) {
  return createBatcher<string, SessionActor | undefined>((tokens) => findSessionActors(db, tokens, now()), { maxBatchSize: 500, concurrency: 4 });
}
