import nodemailer, { type Transporter } from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID ("<id@host>"), so a message sent again after a crash is recognised as the same one. */
  messageId?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * SMTP when SMTP_URL is set (smtp://user:pass@host:port); otherwise mail is written to the log,
 * so a local install can still follow a password-reset link.
 */
export function createMailer(options: { smtpUrl?: string; from: string; log?: (line: string) => void }): Mailer {
  if (!options.smtpUrl) {
    const log = options.log ?? ((line: string) => console.log(line));
    return {
      async send(mail) {
        log(`[mail] to ${mail.to}: ${mail.subject}\n${mail.text}`);
      },
    };
  }
  const transport: Transporter = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from: options.from, ...mail });
    },
  };
}
