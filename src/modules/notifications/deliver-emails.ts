import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Mailer } from "../../lib/mailer.ts";
import { MAX_EMAIL_ATTEMPTS, messageIdFor, retryDelayMs } from "./notifications.rules.ts";

/** How long a claimed e-mail stays with its sender before another may take it over (the sender died). */
export const EMAIL_CLAIM_MS = 5 * 60_000;

export interface ClaimedEmail {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Claims up to `limit` e-mails that are due: pending ones whose next attempt has come, and ones
 * whose sender's claim ran out without a result. One UPDATE with SKIP LOCKED, so two senders
 * never claim the same row; a sent row is never claimed again.
 */
export async function claimEmails(db: Db, owner: string, now: Date, limit = 50): Promise<ClaimedEmail[]> {
  const until = new Date(now.getTime() + EMAIL_CLAIM_MS);
  const result = await sql<ClaimedEmail>`
    UPDATE email_outbox SET status = 'sending', claimed_by = ${owner}, claimed_until = ${until}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM email_outbox
      WHERE (status = 'pending' AND next_attempt_at <= ${now}) OR (status = 'sending' AND claimed_until < ${now})
      ORDER BY next_attempt_at, created_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, to_address, subject, body, attempts`.execute(db);
  return result.rows;
}

/** Records a claimed e-mail as sent; only its claimant can, and only once. */
export async function markEmailSent(db: Db, id: string, owner: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("email_outbox")
    .set({ status: "sent", sent_at: now, claimed_until: null, last_error: null })
    .where("id", "=", id)
    .where("claimed_by", "=", owner)
    .where("status", "=", "sending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a failed attempt: retried after a growing wait, given up after MAX_EMAIL_ATTEMPTS. */
export async function markEmailFailed(db: Db, email: ClaimedEmail, owner: string, error: string, now: Date) {
  const giveUp = email.attempts >= MAX_EMAIL_ATTEMPTS;
  await db
    .updateTable("email_outbox")
    .set({ status: giveUp ? "failed" : "pending", next_attempt_at: new Date(now.getTime() + retryDelayMs(email.attempts)), claimed_until: null, last_error: error.slice(0, 1000) })
    .where("id", "=", email.id)
    .where("claimed_by", "=", owner)
    .where("status", "=", "sending")
    .execute();
}

/**
 * Sends what is due in the outbox. Each row is claimed (committed) before the SMTP conversation and
 * marked sent right after it; a sender that dies in between leaves the row claimed until
 * EMAIL_CLAIM_MS passes, then another sender takes it over. The message keeps its Message-ID, so
 * the one case SMTP cannot close (the server accepted it, the process died before recording it)
 * reaches the reader as the same message.
 */
export async function deliverEmails(db: Db, mailer: Mailer, owner: string, now: () => Date, options: { limit?: number } = {}) {
  const claimed = await claimEmails(db, owner, now(), options.limit ?? 50);
  let sent = 0;
  let failed = 0;
  for (const email of claimed) {
    try {
      await mailer.send({ to: email.to_address, subject: email.subject, text: email.body, messageId: messageIdFor(email.id) });
    } catch (error) {
      failed += 1;
      await markEmailFailed(db, email, owner, error instanceof Error ? error.message : String(error), now());
      continue;
    }
    if (await markEmailSent(db, email.id, owner, now())) sent += 1;
  }
  return { claimed: claimed.length, sent, failed };
}
