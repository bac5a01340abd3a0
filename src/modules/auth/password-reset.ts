import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import type { Mailer } from "../../lib/mailer.ts";
import { recordAudit } from "../audit/index.ts";
import { normalizeEmail, PASSWORD_RESET_MINUTES } from "./auth.rules.ts";
import { assertPasswordStrength, hashPassword } from "./passwords.ts";
import { newToken, tokenHash } from "./sessions.ts";

/** Sends a reset link when the address has an account; answers the same either way so addresses cannot be probed. */
export async function requestPasswordReset(db: Db, mailer: Mailer, input: { email: string; publicUrl: string }, now: Date) {
  const account = await db
    .selectFrom("accounts")
    .select(["id", "email"])
    .where(sql`lower(email)`, "=", normalizeEmail(input.email))
    .where("disabled", "=", false)
    .executeTakeFirst();
  if (!account) return;
  const token = newToken();
  await db
    .insertInto("password_resets")
    .values({ token_hash: tokenHash(token), account_id: account.id, created_at: now, expires_at: new Date(now.getTime() + PASSWORD_RESET_MINUTES * 60_000) })
    .execute();
  const link = `${input.publicUrl.replace(/\/$/, "")}/reset-password?token=${token}`;
  await mailer.send({
    to: account.email,
    subject: "Reset your Rx Ladder password",
    text: `Someone asked to reset the password of your Rx Ladder account.\n\nChoose a new password here (the link works for ${PASSWORD_RESET_MINUTES} minutes, once):\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
  });
}

export async function confirmPasswordReset(db: Db, input: { token: string; password: string }, now: Date) {
  assertPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (tx) => {
    const reset = await tx
      .selectFrom("password_resets as r")
      .innerJoin("accounts as a", "a.id", "r.account_id")
      .select(["r.token_hash", "r.expires_at", "r.used_at", "a.id as account_id", "a.org_id", "a.person_id", "a.email"])
      .where("r.token_hash", "=", tokenHash(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!reset || reset.used_at || new Date(reset.expires_at) <= now) {
      throw new AppError("RESET_TOKEN_INVALID", "This reset link is invalid or has expired. Ask for a new one.");
    }
    await tx.updateTable("password_resets").set({ used_at: now }).where("token_hash", "=", reset.token_hash).execute();
    await tx.updateTable("accounts").set({ password_hash: passwordHash }).where("id", "=", reset.account_id).execute();
    // A reset ends every open session of the account.
    await tx.deleteFrom("sessions").where("account_id", "=", reset.account_id).execute();
    await recordAudit(tx, { orgId: reset.org_id, personId: reset.person_id, label: reset.email }, {
      entityType: "account",
      entityId: reset.account_id,
      action: "account.password_reset",
    }, now);
  });
}
