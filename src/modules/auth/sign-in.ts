import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { isThrottled, normalizeEmail, THROTTLE } from "./auth.rules.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { createSession } from "./sessions.ts";

// Verifying against a real hash when the account does not exist keeps response times alike.
let decoyHash: Promise<string> | undefined;

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
}

export async function signIn(db: Db, input: SignInInput, now: Date, sessionDays: number) {
  const email = normalizeEmail(input.email);
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const counts = await db
    .selectFrom("login_attempts")
    .select([
      sql<number>`count(*) FILTER (WHERE lower(email) = ${email})::int`.as("failuresForEmail"),
      sql<number>`count(*) FILTER (WHERE ip = ${input.ip})::int`.as("failuresForIp"),
    ])
    .where("succeeded", "=", false)
    .where("attempted_at", ">", since)
    .where((eb) => eb.or([eb(sql`lower(email)`, "=", email), eb("ip", "=", input.ip)]))
    .executeTakeFirstOrThrow();
  if (isThrottled(counts)) {
    throw new AppError("TOO_MANY_ATTEMPTS", `Too many failed sign-ins. Try again in ${THROTTLE.windowMinutes} minutes or reset your password.`);
  }

  const account = await db
    .selectFrom("accounts as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select(["a.id", "a.password_hash", "a.disabled", "p.status"])
    .where(sql`lower(a.email)`, "=", email)
    .executeTakeFirst();
  const ok = account
    ? await verifyPassword(account.password_hash, input.password)
    : await verifyPassword(await (decoyHash ??= hashPassword("decoy-password-never-used")), input.password).then(() => false);
  const allowed = ok && account && !account.disabled && account.status !== "separated";

  await db.insertInto("login_attempts").values({ email, ip: input.ip, succeeded: Boolean(allowed), attempted_at: now }).execute();
  if (!allowed || !account) throw new AppError("INVALID_CREDENTIALS", "E-mail or password is not correct");

  await db.updateTable("accounts").set({ last_sign_in_at: now }).where("id", "=", account.id).execute();
  return createSession(db, account.id, input.userAgent, now, sessionDays);
}
