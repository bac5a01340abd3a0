import type { Command } from "commander";
import fs from "node:fs";
import type { Db, DatabaseHandle } from "../db/database.ts";
import { AppError } from "../lib/errors.ts";
import type { Actor } from "../modules/auth/policy.ts";
import { getOrganizationBySlug } from "../modules/orgs/index.ts";
import { assignTraining, ensureTrainingCatalog, listPrograms, matrixCsv, matrixXlsx, siteMatrix, type AssignTarget, type SkillKind } from "../modules/training/index.ts";

type WithDatabase = <T>(work: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

/** The admin or manager a change made from the command line is recorded for, as a signed-in session would resolve them. */
async function actorByEmail(db: Db, orgId: string, orgSlug: string, email: string): Promise<Actor> {
  const row = await db
    .selectFrom("people as p")
    .leftJoin("accounts as a", "a.person_id", "p.id")
    .select(["p.id", "p.role", "p.first_name", "p.last_name", "p.site_id", "p.status", "p.email", "a.id as account_id"])
    .where("p.org_id", "=", orgId)
    .where((eb) => eb(eb.fn("lower", ["p.email"]), "=", email.trim().toLowerCase()))
    .executeTakeFirst();
  if (!row || row.status === "separated") throw new AppError("VALIDATION_FAILED", `No current person with e-mail ${email} in ${orgSlug}`, [{ field: "as", message: "is not a current person of the organization" }]);
  if (row.role !== "admin" && row.role !== "manager") throw new AppError("FORBIDDEN", `${email} is a ${row.role}; trainings are assigned by admins and managers`);
  const managed = row.role === "manager" ? (await db.selectFrom("manager_sites").select("site_id").where("person_id", "=", row.id).execute()).map((r) => r.site_id) : [];
  return { accountId: row.account_id ?? "", personId: row.id, orgId, orgSlug, role: row.role, name: `${row.first_name} ${row.last_name}`, email: row.email, homeSiteId: row.site_id, managedSiteIds: managed };
}

async function siteByCode(db: Db, orgId: string, code: string) {
  const site = await db.selectFrom("sites").select(["id", "code"]).where("org_id", "=", orgId).where("code", "=", code).executeTakeFirst();
  if (!site) throw new AppError("NOT_FOUND", `No site ${code}`);
  return site;
}

/** `rxladder training …`: the catalog, assigning, and the site matrix as CSV or XLSX. */
export function registerTrainingCommands(program: Command, withDatabase: WithDatabase) {
  const training = program.command("training").description("training programs, assignments and the site training matrix");

  training
    .command("programs")
    .description("list the organization's training programs (loads the shipped catalog on first use)")
    .requiredOption("--org <slug>", "organization")
    .action((options: { org: string }) =>
      withDatabase(async ({ db }) => {
        const organization = await getOrganizationBySlug(db, options.org);
        await ensureTrainingCatalog(db, organization.id, new Date());
        for (const p of await listPrograms(db, organization.id)) {
          const validity = p.validityMonths ? `every ${p.validityMonths} months${p.validityVerify ? " (verify)" : ""}` : "no expiry";
          console.log(`${p.code.padEnd(32)} ${p.name.padEnd(66)} ${String(p.totals.hours).padStart(5)} h  ${validity}${p.active ? "" : "  INACTIVE"}`);
        }
      }),
    );

  training
    .command("assign")
    .description("assign a program to a site, people, a level or a track; group assignments also cover people who join later")
    .requiredOption("--org <slug>", "organization")
    .requiredOption("--as <email>", "the admin or manager the assignment is recorded for")
    .requiredOption("--program <code>", "program code (see: rxladder training programs)")
    .requiredOption("--due <YYYY-MM-DD>", "due date")
    .option("--site <code>", "everyone at this site; with --level or --track, limits them to this site")
    .option("--person <employeeId...>", "these people, by employee id (one assignment each)")
    .option("--level <track/level>", "everyone holding this level, e.g. core/tech-3")
    .option("--track <code>", "everyone on this track, e.g. clinical")
    .option("--note <text>", "a note shown with the assignment")
    .action((options: { org: string; as: string; program: string; due: string; site?: string; person?: string[]; level?: string; track?: string; note?: string }) =>
      withDatabase(async ({ db }) => {
        const organization = await getOrganizationBySlug(db, options.org);
        await ensureTrainingCatalog(db, organization.id, new Date());
        const actor = await actorByEmail(db, organization.id, organization.slug, options.as);
        const programRow = await db.selectFrom("training_programs").select("id").where("org_id", "=", organization.id).where("code", "=", options.program).executeTakeFirst();
        if (!programRow) throw new AppError("VALIDATION_FAILED", `No program ${options.program}`, [{ field: "program", message: "is not a program code of the organization" }]);
        const site = options.site ? await siteByCode(db, organization.id, options.site) : undefined;
        const chosen = [options.person, options.level, options.track].filter(Boolean).length + (site && !options.level && !options.track ? 1 : 0);
        if (chosen !== 1) throw new AppError("VALIDATION_FAILED", "Give exactly one of --site, --person, --level or --track (--site may limit --level or --track)");
        let target: AssignTarget;
        if (options.person) {
          const people = await db.selectFrom("people").select(["id", "employee_id"]).where("org_id", "=", organization.id).where("employee_id", "in", options.person).execute();
          const missing = options.person.filter((e) => !people.some((p) => p.employee_id === e));
          if (missing.length) throw new AppError("VALIDATION_FAILED", `No person with employee id ${missing.join(", ")}`, missing.map((e) => ({ field: "person", message: `${e} is not an employee id of the organization` })));
          target = { kind: "people", personIds: people.map((p) => p.id) };
        } else if (options.level) {
          const [track, level] = options.level.split("/");
          target = { kind: "level", track, level: level ?? "", siteId: site?.id ?? null };
        } else if (options.track) {
          target = { kind: "track", track: options.track, siteId: site?.id ?? null };
        } else {
          target = { kind: "site", siteId: site!.id };
        }
        const result = await db.transaction().execute((tx) => assignTraining(tx, actor, { programId: programRow.id, target, dueOn: options.due, note: options.note }, new Date()));
        console.log(`Assigned ${result.program.name} (${result.ids.length} assignment${result.ids.length === 1 ? "" : "s"}), due ${options.due}.`);
      }),
    );

  training
    .command("matrix")
    .description("a site's training matrix: people × certifications, trainings and competencies, as CSV or as XLSX in the screen's colours")
    .requiredOption("--org <slug>", "organization")
    .requiredOption("--site <code>", "site")
    .option("--format <format>", "csv or xlsx", "csv")
    .option("--out <file>", "write to this file (CSV goes to standard output without it; XLSX needs it)")
    .option("--level <track/level>", "only people holding this level, e.g. core/tech-2")
    .option("--track <code>", "only people on this track")
    .option("--kinds <list>", "comma-separated: certification, training, competency")
    .action((options: { org: string; site: string; format: string; out?: string; level?: string; track?: string; kinds?: string }) =>
      withDatabase(async ({ db }) => {
        if (options.format !== "csv" && options.format !== "xlsx") throw new AppError("VALIDATION_FAILED", `unknown format "${options.format}"; use csv or xlsx`);
        if (options.format === "xlsx" && !options.out) throw new AppError("VALIDATION_FAILED", "--out FILE is needed for XLSX");
        const organization = await getOrganizationBySlug(db, options.org);
        const site = await siteByCode(db, organization.id, options.site);
        const kinds = options.kinds?.split(",").map((k) => k.trim()) as SkillKind[] | undefined;
        const [levelTrack, level] = options.level ? options.level.split("/") : [];
        // A read on the organization's own behalf, as its administrators would see it.
        const reader: Actor = { accountId: "", personId: "", orgId: organization.id, orgSlug: organization.slug, role: "admin", name: "rxladder CLI", email: "", homeSiteId: site.id, managedSiteIds: [] };
        const matrix = await siteMatrix(db, reader, { siteId: site.id, track: levelTrack ?? options.track, level, kinds }, new Date());
        const content = options.format === "csv" ? matrixCsv(matrix) : await matrixXlsx(matrix);
        if (options.out) {
          fs.writeFileSync(options.out, content);
          console.log(`Wrote the training matrix of ${site.code} (${matrix.rows.length} ${matrix.rows.length === 1 ? "person" : "people"} × ${matrix.skills.length} skills, ${matrix.counts.gaps} gaps) to ${options.out}.`);
        } else {
          process.stdout.write(content);
        }
      }),
    );
}
