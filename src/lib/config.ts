/** Settings from the environment, read in one place. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  cookieSecure: boolean;
  trustProxy: boolean;
  publicUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  sessionDays: number;
  /** How long an app server reuses a session it has read (decision 0008); 0 reads it on every request. */
  sessionReuseMs: number;
  /** Run scheduled jobs (notifications, e-mail, statistics) inside `serve`; RXLADDER_JOBS=0 leaves them to `rxladder jobs run`. */
  jobs: boolean;
}

/** How long an app server reuses a session it has read, unless SESSION_REUSE_MS says otherwise (decision 0008). */
export const SESSION_REUSE_MS = 2000;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? "./data",
    demo: env.RXLADDER_DEMO !== "0",
    cookieSecure: env.COOKIE_SECURE !== "0",
    trustProxy: env.TRUST_PROXY === "1",
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Rx Ladder <no-reply@rxladder.local>",
    sessionDays: Number(env.SESSION_DAYS ?? 14),
    sessionReuseMs: Number(env.SESSION_REUSE_MS ?? SESSION_REUSE_MS),
    jobs: env.RXLADDER_JOBS !== "0",
  };
}
