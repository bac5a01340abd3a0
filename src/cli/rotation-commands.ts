import type { Command } from "commander";
import type { DatabaseHandle } from "../db/database.ts";
import { addDays, dateInZone, isoWeekday } from "../lib/dates.ts";
import { AppError } from "../lib/errors.ts";
import { getOrganizationBySlug } from "../modules/orgs/index.ts";
import { ensureSiteSetup, loadPlanningContext, planInputProblems, planSlots, slotLabel, solvePlan, timeOf } from "../modules/rotations/index.ts";

type WithDatabase = <T>(work: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

/** `rxladder plan`: plans a site's rotation and prints it, or the shifts that fall short and why. Nothing is saved. */
export function registerRotationCommands(program: Command, withDatabase: WithDatabase) {
  program
    .command("plan")
    .description("plan a site's station rotation for 1 to 4 weeks and print it with any shortfalls explained (nothing is saved; managers save plans in the web app or the API)")
    .requiredOption("--org <slug>", "organization")
    .requiredOption("--site <code>", "site code")
    .option("--weeks <n>", "weeks to plan, 1 to 4", "1")
    .option("--start <YYYY-MM-DD>", "a Monday (default: the next Monday at the site)")
    .option("--time-limit <seconds>", "how long the solver may search", "10")
    .action((options: { org: string; site: string; weeks: string; start?: string; timeLimit: string }) =>
      withDatabase(async ({ db }) => {
        const organization = await getOrganizationBySlug(db, options.org);
        const site = await db.selectFrom("sites").select(["id", "code", "name", "time_zone"]).where("org_id", "=", organization.id).where("code", "=", options.site).executeTakeFirst();
        if (!site) throw new AppError("NOT_FOUND", `No site ${options.site} in ${options.org}`);
        const today = dateInZone(new Date(), site.time_zone);
        const startsOn = options.start ?? addDays(today, 8 - isoWeekday(today));
        const weeks = Number(options.weeks);
        const problems = planInputProblems({ startsOn, weeks });
        if (problems.length) throw new AppError("VALIDATION_FAILED", problems.map((p) => `--${p.field === "startsOn" ? "start" : p.field} ${p.message}`).join("; "), problems);
        await ensureSiteSetup(db, organization.id, site.id, new Date());
        const context = await loadPlanningContext(db, organization.id, site.id, startsOn, weeks);
        const outcome = await solvePlan(context.input, { timeLimitSeconds: Number(options.timeLimit) });
        const names = new Map(context.input.people.map((p) => [p.id, p.name]));
        const stations = new Map(context.input.stations.map((s) => [s.id, s.name]));
        const bound = outcome.bound === null ? "" : `, bound ${round(outcome.bound)}`;
        console.log(`Plan for ${site.code} (${site.name}), ${startsOn} to ${addDays(startsOn, weeks * 7 - 1)}: ${outcome.status}, objective ${round(outcome.objective)}${bound}; ${outcome.assignments.length} assignments for ${context.input.people.length} people; ${outcome.solveMs} ms`);
        let day = "";
        for (const slot of planSlots(startsOn, weeks, context.input.shifts, context.input.timeZone)) {
          const here = outcome.assignments.filter((a) => a.day === slot.day && a.shiftId === slot.shift.id);
          if (here.length === 0) continue;
          if (slot.day !== day) {
            day = slot.day;
            console.log(`\n${slotLabel(slot).split(" ").slice(0, 2).join(" ")}`);
          }
          console.log(`  ${slot.shift.name} ${timeOf(slot.shift.startMinute)}–${timeOf(slot.shift.startMinute + slot.shift.lengthMinutes)}`);
          for (const [stationId, name] of stations) {
            const people = here.filter((a) => a.stationId === stationId).map((a) => `${names.get(a.personId)}${a.trainee ? " (training)" : ""}`);
            if (people.length) console.log(`    ${name}: ${people.join(", ")}`);
          }
        }
        if (outcome.shortfalls.length === 0) {
          console.log("\nEvery shift is covered.");
          return;
        }
        console.log(`\nShortfalls (${outcome.shortfalls.length}):`);
        for (const s of outcome.shortfalls) console.log(`  ${s.message}`);
      }),
    );
}

const round = (x: number) => Math.round(x * 100) / 100;
