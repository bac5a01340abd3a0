import type { Db } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import type { Mailer } from "../../lib/mailer.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "./policy.ts";
import { newToken, tokenHash } from "./sessions.ts";

const INVITE_DAYS = 7;

/** Opens a sign-in account for a person on the roster and e-mails them a link to choose a password. */
export async function inviteAccount(db: Db, mailer: Mailer, actor: Actor, personId: string, publicUrl: string, now: Date) {
  const token = newToken();
  const account = await db.transaction().execute(async (tx) => {
    const person = await tx.selectFrom("people").select(["id", "email", "status", "first_name"]).where("org_id", "=", actor.orgId).where("id", "=", personId).executeTakeFirst();
    if (!person) throw new AppError("NOT_FOUND", "Person not found");
    if (person.status === "separated") throw new AppError("CONFLICT", "A separated person cannot be given an account");
    const existing = await tx.selectFrom("accounts").select("id").where((eb) => eb.or([eb("person_id", "=", person.id), eb(eb.fn("lower", ["email"]), "=", person.email.toLowerCase())])).executeTakeFirst();
    if (existing) throw new AppError("CONFLICT", `An account already exists for ${person.email}`, [{ field: "email", message: "already has an account" }]);
    const created = await tx.insertInto("accounts").values({ org_id: actor.orgId, person_id: person.id, email: person.email, created_at: now }).returning(["id", "email"]).executeTakeFirstOrThrow();
    await tx.insertInto("password_resets").values({ token_hash: tokenHash(token), account_id: created.id, created_at: now, expires_at: new Date(now.getTime() + INVITE_DAYS * 86_400_000) }).execute();
    await recordAudit(tx, { orgId: actor.orgId, personId: actor.personId, label: `${actor.name} <${actor.email}>` }, { entityType: "account", entityId: created.id, action: "account.invited", after: { personId: person.id, email: person.email } }, now);
    return { ...created, firstName: person.first_name };
  });
  const link = `${publicUrl.replace(/\/$/, "")}/reset-password?token=${token}`;
  await mailer.send({
    to: account.email,
    subject: "Your Rx Ladder account",
    text: `Hello ${account.firstName},\n\n${actor.name} opened an Rx Ladder account for you: your career ladder, trainings and certifications in one place.\n\nChoose your password here (the link works for ${INVITE_DAYS} days):\n${link}\n`,
  });
  return { email: account.email };
}
