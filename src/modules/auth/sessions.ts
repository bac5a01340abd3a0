import { createHash, randomBytes } from "node:crypto";
import type { Db, Tx } from "../../db/database.ts";
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
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("accounts as a", "a.id", "s.account_id")
    .innerJoin("people as p", "p.id", "a.person_id")
    .innerJoin("organizations as o", "o.id", "a.org_id")
    .select([
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
    .where("s.id", "=", tokenHash(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.status === "separated" || new Date(row.expires_at) <= now) return undefined;
  const managedSiteIds =
    row.role === "manager"
      ? (await db.selectFrom("manager_sites").select("site_id").where("person_id", "=", row.person_id).execute()).map((r) => r.site_id)
      : [];
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
      managedSiteIds,
    },
  };
}
