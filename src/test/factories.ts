import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import type { Db } from "../db/database.ts";
import type { Role, SiteSetting } from "../db/schema.ts";
import { hashPassword } from "../modules/auth/index.ts";
import { createOrganization } from "../modules/orgs/index.ts";
import { createSite } from "../modules/roster/index.ts";

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString("hex");

export async function buildOrganization(db: Db, options: { slug?: string; sites?: number } = {}) {
  const slug = options.slug ?? `org-${unique()}`;
  const now = new Date("2026-01-05T12:00:00Z");
  return db.transaction().execute(async (tx) => {
    const org = await createOrganization(tx, { slug, name: `Organization ${slug}` }, now);
    const system = { orgId: org.id, personId: null, label: "test" };
    const settings: SiteSetting[] = ["community", "health-system", "mail-order"];
    const states = ["OH", "TX", "AZ"];
    const sites = [];
    for (let i = 0; i < (options.sites ?? 2); i++) {
      sites.push(await createSite(tx, system, { code: `S${i + 1}`, name: `Site ${i + 1}`, state: states[i % 3], setting: settings[i % 3], timeZone: "America/New_York" }, now));
    }
    return { ...org, sites };
  });
}

export type TestOrganization = Awaited<ReturnType<typeof buildOrganization>>;

export interface PersonOptions {
  role?: Role;
  siteId?: string;
  email?: string;
  hireDate?: string;
  withAccount?: boolean;
  managedSiteIds?: string[];
  employeeId?: string;
}

export async function buildPerson(db: Db, org: TestOrganization, options: PersonOptions = {}) {
  const id = unique();
  const role = options.role ?? "technician";
  const siteId = options.siteId ?? org.sites[0].id;
  const email = options.email ?? `${role}-${id}@example.test`;
  const person = await db
    .insertInto("people")
    .values({
      org_id: org.id,
      employee_id: options.employeeId ?? `E-${id}`,
      first_name: role[0].toUpperCase() + role.slice(1),
      last_name: `Person${id}`,
      email,
      hire_date: options.hireDate ?? "2025-02-03",
      site_id: siteId,
      role,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto("employment_events").values({ org_id: org.id, person_id: person.id, kind: "hire", effective_date: person.hire_date, site_id: siteId }).execute();
  if (role === "manager") {
    const managed = options.managedSiteIds ?? [siteId];
    if (managed.length) await db.insertInto("manager_sites").values(managed.map((site_id) => ({ person_id: person.id, site_id }))).execute();
  }
  if (options.withAccount ?? true) {
    await db.insertInto("accounts").values({ org_id: org.id, person_id: person.id, email, password_hash: await (passwordHash ??= hashPassword(TEST_PASSWORD)) }).execute();
  }
  return person;
}

/** A signed-in client: injects requests with the session cookie and, on writes, the CSRF token. */
export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  cookie: string;
  csrfToken: string;
}

export async function signInAs(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Client> {
  const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "rxl_session")!;
  const csrfToken = response.json().csrfToken as string;
  const request = (options: InjectOptions) =>
    app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie: `rxl_session=${cookie.value}`, ...(options.method && options.method !== "GET" ? { "x-csrf-token": csrfToken } : {}) } });
  return {
    request,
    get: (url) => request({ method: "GET", url }),
    post: (url, payload) => request({ method: "POST", url, payload: payload as any }),
    patch: (url, payload) => request({ method: "PATCH", url, payload: payload as any }),
    cookie: `rxl_session=${cookie.value}`,
    csrfToken,
  };
}

/** Puts a person at a level directly (as a roster placement would), without a promotion. */
export async function placeAtLevel(db: Db, org: TestOrganization, personId: string, ref: string, startedOn = "2025-03-01") {
  const [track_code, level_code] = ref.split("/");
  await db.insertInto("person_levels").values({ org_id: org.id, person_id: personId, track_code, level_code, started_on: startedOn }).execute();
}

/** Bytes from latin1 text and byte values. */
export const evidenceBytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
/** The start of a HEIF file: its ftyp box with these brands. */
export const heifHeader = (major: string, ...compatible: string[]) => {
  const body = evidenceBytes("ftyp", major, [0, 0, 0, 0], ...compatible);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);
  return evidenceBytes(size.toString("latin1"), body.toString("latin1"), [0, 0, 0, 8], "meta");
};

/** The first bytes of a file of each evidence kind, as the server recognizes them. */
export const EVIDENCE_SAMPLES = {
  "application/pdf": evidenceBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"),
  "image/jpeg": evidenceBytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF"),
  "image/png": evidenceBytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR"),
  "image/heic": heifHeader("heic", "mif1", "heic"),
  "image/webp": evidenceBytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "),
} as const;
