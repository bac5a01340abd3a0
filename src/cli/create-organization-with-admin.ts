import type { Db } from "../db/database.ts";
import type { SiteSetting } from "../db/schema.ts";
import { AppError } from "../lib/errors.ts";
import { newToken, tokenHash } from "../modules/auth/sessions.ts";
import { recordAudit } from "../modules/audit/index.ts";
import { createOrganization } from "../modules/orgs/index.ts";
import { createSite } from "../modules/roster/index.ts";

interface Options {
  slug: string;
  name: string;
  adminEmail: string;
  adminName: string;
  siteCode: string;
  siteName: string;
  state: string;
  setting: string;
  timeZone: string;
}

/** Bootstraps a production organization: the organization, its first site and an admin who sets a password by link. */
export async function createOrganizationWithAdmin(db: Db, options: Options, publicUrl: string, now: Date): Promise<string> {
  const [first, ...rest] = options.adminName.trim().split(/\s+/);
  if (!first || rest.length === 0) throw new AppError("VALIDATION_FAILED", "--admin-name needs a first and a last name", [{ field: "admin-name", message: "first and last name" }]);
  const token = newToken();
  await db.transaction().execute(async (tx) => {
    const org = await createOrganization(tx, { slug: options.slug, name: options.name }, now);
    const system = { orgId: org.id, personId: null, label: "rxladder CLI" };
    const site = await createSite(tx, system, { code: options.siteCode, name: options.siteName, state: options.state, setting: options.setting as SiteSetting, timeZone: options.timeZone }, now);
    const email = options.adminEmail.toLowerCase();
    const person = await tx
      .insertInto("people")
      .values({ org_id: org.id, employee_id: "ADMIN-1", first_name: first, last_name: rest.join(" "), email, hire_date: now.toISOString().slice(0, 10), site_id: site.id, role: "admin", created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const account = await tx.insertInto("accounts").values({ org_id: org.id, person_id: person.id, email, created_at: now }).returning("id").executeTakeFirstOrThrow();
    await tx.insertInto("password_resets").values({ token_hash: tokenHash(token), account_id: account.id, created_at: now, expires_at: new Date(now.getTime() + 7 * 86_400_000) }).execute();
    await recordAudit(tx, system, [
      { entityType: "person", entityId: person.id, action: "person.created", after: { email, role: "admin" } },
      { entityType: "account", entityId: account.id, action: "account.invited", after: { email } },
    ], now);
  });
  return `${publicUrl.replace(/\/$/, "")}/reset-password?token=${token}`;
}
