import { PGlite } from "@electric-sql/pglite";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import type { FastifyInstance } from "fastify";
import { openDatabase, type DatabaseHandle } from "../db/database.ts";
import { listMigrations, migrate } from "../db/migrate.ts";
import { loadConfig, type Config } from "../lib/config.ts";
import { createMailer, type Mailer } from "../lib/mailer.ts";
import { buildApp } from "../server/app.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Which database the suite runs on: TEST_DATABASE_URL (a PostgreSQL server) or the embedded one. */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? "postgres" : "embedded";

export interface TestDatabase extends DatabaseHandle {
  /** The server database's URL (postgres only), for commands run in a child process. */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own: a new database on the server, dropped afterwards,
 * or a new in-memory PGlite started from a cached copy of the migrated schema.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `rxladder_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    await migrate(handle.db);
    return {
      ...handle,
      url: url.toString(),
      async drop() {
        await handle.close();
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        // The pool's sockets close shortly after end() resolves; let them go before forcing the drop.
        for (let i = 0; i < 50; i++) {
          const open = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
          if (open.rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const template = await migratedTemplate();
  const handle = await openDatabase({ dataDir: "memory", loadDataDir: template });
  await migrate(handle.db);
  return { ...handle, drop: () => handle.close() };
}

async function migratedTemplate(): Promise<Blob> {
  const key = createHash("sha256").update(listMigrations().map((m) => m.name + m.sql).join("\n")).digest("hex").slice(0, 16);
  const dir = path.join(ROOT, "node_modules", ".cache", "rxladder-test");
  const file = path.join(dir, `pglite-${key}.tar.gz`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const handle = await openDatabase({ dataDir: "memory" });
  await migrate(handle.db);
  const dump = await (handle.pglite as PGlite).dumpDataDir("gzip");
  const bytes = Buffer.from(await dump.arrayBuffer());
  await handle.close();
  fs.mkdirSync(dir, { recursive: true });
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
  return new Blob([bytes]);
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startMailServer() {
  const messages: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TestClock {
  now: Date;
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: TestClock;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(options: { mailer?: Mailer; smtpUrl?: string; now?: Date; sessionReuseMs?: number } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: Config = { ...loadConfig({}), publicUrl: "http://localhost:3000", smtpUrl: options.smtpUrl, ...(options.sessionReuseMs === undefined ? {} : { sessionReuseMs: options.sessionReuseMs }) };
  const clock: TestClock = { now: options.now ?? new Date("2026-06-15T15:00:00Z") };
  const mailer = options.mailer ?? createMailer({ smtpUrl: options.smtpUrl, from: config.mailFrom, log: () => {} });
  const app = await buildApp({ database, config, mailer, now: () => clock.now, version: "test" }, { serveWeb: false });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** The plain-text body of a received message, with quoted-printable decoded. */
export function mailText(raw: string): string {
  const body = raw.slice(raw.search(/\r?\n\r?\n/)).trim();
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

export function resetTokenIn(raw: string): string {
  const match = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mailText(raw));
  if (!match) throw new Error("no reset link in the message");
  return match[1];
}
