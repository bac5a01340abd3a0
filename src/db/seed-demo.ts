import type { Db } from "./database.ts";
import { addDays, addMonths, compareDates, dateInZone, type IsoDate } from "../lib/dates.ts";
import { FIRST_NAMES, LAST_NAMES, Random } from "../lib/random.ts";
import { recordAudit } from "../modules/audit/index.ts";
import { hashPassword } from "../modules/auth/index.ts";
import { createOrganization } from "../modules/orgs/index.ts";
import { createSite, type SiteInput } from "../modules/roster/index.ts";
import { seedDemoLadder } from "./seed-demo-ladder.ts";
import { seedDemoExams } from "./seed-demo-exams.ts";
import { seedDemoCe } from "./seed-demo-ce.ts";
import { seedDemoGrowth } from "./seed-demo-growth.ts";
import { seedDemoRotations } from "./seed-demo-rotations.ts";
import type { Role, SeparationType } from "./schema.ts";

export const DEMO_SLUG = "demo";
export const DEMO_PASSWORD = "rxladder-demo";
export const DEMO_LOGINS: { role: Role; email: string; who: string }[] = [
  { role: "admin", email: "admin@demo.rxladder.test", who: "Dana Whitfield, HR and training director" },
  { role: "manager", email: "manager@demo.rxladder.test", who: "Marcus Reyes, pharmacy manager, Riverside (OH-101)" },
  { role: "pharmacist", email: "pharmacist@demo.rxladder.test", who: "Alicia Chen, PharmD, Riverside (OH-101)" },
  { role: "mentor", email: "mentor@demo.rxladder.test", who: "Jasmine Brooks, senior technician and mentor, Riverside (OH-101)" },
  { role: "technician", email: "technician@demo.rxladder.test", who: "Kevin Nguyen, technician hired 7 months ago, Riverside (OH-101)" },
];

const SITES: SiteInput[] = [
  { code: "OH-101", name: "Riverside Community Pharmacy", state: "OH", setting: "community", timeZone: "America/New_York" },
  { code: "TX-210", name: "St. Luke's Medical Center Pharmacy", state: "TX", setting: "health-system", timeZone: "America/Chicago" },
  { code: "AZ-305", name: "Desert Specialty & Mail-Order Pharmacy", state: "AZ", setting: "mail-order", timeZone: "America/Phoenix" },
];

interface SeedPerson {
  first: string;
  last: string;
  email?: string;
  site: number;
  role: Role;
  hired: IsoDate;
  separation?: { date: IsoDate; type: SeparationType; reason: string; interview?: { wouldReturn: boolean; comments: string } };
  transfer?: { date: IsoDate; toSite: number };
  leave?: IsoDate;
}

const VOLUNTARY_EXITS: { reason: string; comments: string }[] = [
  { reason: "pay", comments: "Offered $2.50 more an hour at a hospital outpatient pharmacy." },
  { reason: "career_path", comments: "Certified a year ago and saw no next step here." },
  { reason: "workload", comments: "Too many prescriptions per shift for the staffing level." },
  { reason: "understaffing", comments: "Kept covering open shifts; burned out." },
  { reason: "education", comments: "Starting pharmacy school in the fall." },
  { reason: "schedule", comments: "Needed daytime hours for childcare." },
  { reason: "relocation", comments: "Moving out of state with family." },
];

/** The demo organization's people: fixed roles for the documented logins, the rest generated from a seed. */
function demoPeople(today: IsoDate): SeedPerson[] {
  const rng = new Random(20240601);
  const start = addMonths(today, -36);
  const people: SeedPerson[] = [
    { first: "Dana", last: "Whitfield", email: DEMO_LOGINS[0].email, site: 0, role: "admin", hired: addMonths(today, -58) },
    { first: "Marcus", last: "Reyes", email: DEMO_LOGINS[1].email, site: 0, role: "manager", hired: addMonths(today, -49) },
    { first: "Alicia", last: "Chen", email: DEMO_LOGINS[2].email, site: 0, role: "pharmacist", hired: addMonths(today, -44) },
    { first: "Jasmine", last: "Brooks", email: DEMO_LOGINS[3].email, site: 0, role: "mentor", hired: addMonths(today, -40) },
    { first: "Kevin", last: "Nguyen", email: DEMO_LOGINS[4].email, site: 0, role: "technician", hired: addMonths(today, -7) },
    { first: "Priya", last: "Natarajan", site: 1, role: "manager", hired: addMonths(today, -52) },
    { first: "Tom", last: "Becker", site: 2, role: "manager", hired: addMonths(today, -38) },
    { first: "Samuel", last: "Okafor", site: 1, role: "pharmacist", hired: addMonths(today, -47) },
    { first: "Rosa", last: "Morales", site: 1, role: "pharmacist", hired: addMonths(today, -30) },
    { first: "Victor", last: "Hughes", site: 2, role: "pharmacist", hired: addMonths(today, -33) },
    { first: "Keisha", last: "Robinson", site: 1, role: "mentor", hired: addMonths(today, -45) },
    { first: "Omar", last: "Ali", site: 2, role: "mentor", hired: addMonths(today, -41) },
  ];
  const used = new Set(people.map((p) => `${p.first} ${p.last}`));
  let exitIndex = 0;
  for (let i = 0; people.length < 42; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    if (used.has(`${first} ${last}`)) continue;
    used.add(`${first} ${last}`);
    const hired = addDays(start, rng.int(0, 36 * 30 - 20));
    const person: SeedPerson = { first, last, site: i % 3, role: "technician", hired };
    const tenureDays = Math.round((Date.parse(today) - Date.parse(hired)) / 86_400_000);
    if (people.length % 4 === 1 && tenureDays > 120) {
      const left = addDays(hired, rng.int(90, Math.min(tenureDays - 5, 700)));
      if (rng.chance(0.8)) {
        const exit = VOLUNTARY_EXITS[exitIndex++ % VOLUNTARY_EXITS.length];
        person.separation = { date: left, type: "voluntary", reason: exit.reason, interview: { wouldReturn: rng.chance(0.5), comments: exit.comments } };
      } else {
        person.separation = { date: left, type: "involuntary", reason: rng.pick(["attendance", "performance"]) };
      }
    } else if (people.length % 9 === 2 && tenureDays > 200) {
      person.transfer = { date: addDays(hired, rng.int(60, tenureDays - 30)), toSite: (person.site + 1) % 3 };
    } else if (people.length === 20) {
      person.leave = addDays(today, -rng.int(5, 40));
    }
    people.push(person);
  }
  return people;
}

/** Creates the demo organization when it does not exist yet. Returns false when it already did. */
export async function seedDemo(db: Db, now: Date = new Date()): Promise<boolean> {
  const exists = await db.selectFrom("organizations").select("id").where("slug", "=", DEMO_SLUG).executeTakeFirst();
  if (exists) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (tx) => {
    const org = await createOrganization(tx, { slug: DEMO_SLUG, name: "Demo Pharmacy Group" }, now);
    const system = { orgId: org.id, personId: null, label: "system (demo seed)" };
    const sites = [];
    for (const site of SITES) sites.push(await createSite(tx, system, site, now));
    const today = dateInZone(now, "America/New_York");
    let number = 1000;
    for (const p of demoPeople(today)) {
      number += 1;
      const finalSite = p.transfer ? sites[p.transfer.toSite] : sites[p.site];
      const email = p.email ?? `${p.first}.${p.last}`.toLowerCase() + "@demo.rxladder.test";
      const person = await tx
        .insertInto("people")
        .values({
          org_id: org.id,
          employee_id: `E${number}`,
          first_name: p.first,
          last_name: p.last,
          email,
          phone: `555-01${String(number % 100).padStart(2, "0")}`,
          hire_date: p.hired,
          site_id: finalSite.id,
          role: p.role,
          status: p.separation ? "separated" : p.leave ? "leave" : "active",
          separation_date: p.separation?.date ?? null,
          separation_type: p.separation?.type ?? null,
          separation_reason: p.separation?.reason ?? null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const events: { kind: "hire" | "transfer" | "leave" | "separation"; effective_date: IsoDate; site_id: string; from_site_id?: string; separation_type?: SeparationType; reason_code?: string }[] = [
        { kind: "hire", effective_date: p.hired, site_id: sites[p.site].id },
      ];
      if (p.transfer) events.push({ kind: "transfer", effective_date: p.transfer.date, site_id: finalSite.id, from_site_id: sites[p.site].id });
      if (p.leave) events.push({ kind: "leave", effective_date: p.leave, site_id: finalSite.id });
      if (p.separation) events.push({ kind: "separation", effective_date: p.separation.date, site_id: finalSite.id, separation_type: p.separation.type, reason_code: p.separation.reason });
      await tx.insertInto("employment_events").values(events.map((e) => ({ org_id: org.id, person_id: person.id, created_at: now, ...e }))).execute();
      if (p.separation?.interview) {
        const interviewDate = compareDates(addDays(p.separation.date, -3), p.hired) > 0 ? addDays(p.separation.date, -3) : p.separation.date;
        await tx.insertInto("exit_interviews").values({ org_id: org.id, person_id: person.id, interview_date: interviewDate, reason_codes: [p.separation.reason], comments: p.separation.interview.comments, would_return: p.separation.interview.wouldReturn, created_at: now }).execute();
      }
      if (p.role === "manager") await tx.insertInto("manager_sites").values({ person_id: person.id, site_id: finalSite.id }).execute();
      if (!p.separation) await tx.insertInto("accounts").values({ org_id: org.id, person_id: person.id, email, password_hash: passwordHash, created_at: now }).execute();
      await recordAudit(tx, system, { entityType: "person", entityId: person.id, action: "person.created", after: { employeeId: person.employee_id, name: `${p.first} ${p.last}`, role: p.role } }, now);
    }
    await seedDemoLadder(tx, org.id, system, today, now);
    await seedDemoExams(tx, org.id, now);
    await seedDemoCe(tx, org.id, system, today, now);
    await seedDemoGrowth(tx, org.id, system, today, now);
    await seedDemoRotations(tx, org.id, system, today, now);
  });
  return true;
}
