import type { Tx } from "./database.ts";
import { addDays, compareDates, daysBetween, type IsoDate } from "../lib/dates.ts";
import { Random } from "../lib/random.ts";
import { recordAudit, type AuditActor } from "../modules/audit/index.ts";
import { findCertification } from "../modules/certifications/index.ts";
import { categoriesOfTopic, ceCycle } from "../modules/ce/index.ts";

/** Believable activities per ACPE topic designator. */
const TITLES: Record<string, string[]> = {
  "01": ["Diabetes medications update", "Anticoagulants: what technicians should know", "Top 200 drugs review", "Biosimilars for the pharmacy team"],
  "03": ["Federal pharmacy law for technicians", "DEA controlled-substance rules refresher", "DSCSA and the supply chain"],
  "04": ["Inventory management basics", "Customer service in the pharmacy", "Insurance billing and prior authorizations", "Pharmacy calculations review"],
  "05": ["Preventing dispensing errors", "Look-alike, sound-alike medications", "Error-prone abbreviations and safe labels"],
  "07": ["USP <797> garbing and hand hygiene", "Nonsterile compounding review"],
};
const PROVIDERS = [
  { number: "0175", name: "State Pharmacy Association" },
  { number: "0204", name: "Online Pharmacy CE" },
  { number: "0430", name: "Pharmacy Technician Educators Council" },
];

/**
 * CE records for the demo organization's CPhT holders over their current cycle: some complete,
 * some short (one without patient safety, one with few hours), mostly verified. Kevin holds no
 * CPhT and gets none.
 */
export async function seedDemoCe(tx: Tx, orgId: string, system: AuditActor, today: IsoDate, now: Date) {
  const rng = new Random(5150);
  const def = findCertification("ptcb-cpht")!;
  const holders = await tx
    .selectFrom("certification_holdings as h")
    .innerJoin("people as p", "p.id", "h.person_id")
    .select(["h.person_id", "h.earned_on", "h.expires_on", "p.employee_id"])
    .where("h.org_id", "=", orgId)
    .where("h.certification_code", "=", "ptcb-cpht")
    .where("p.status", "in", ["active", "leave"])
    .orderBy("p.employee_id")
    .execute();
  const withCycles = holders
    .map((holder) => ({ holder, cycle: ceCycle(def, { earnedOn: holder.earned_on, expiresOn: holder.expires_on }) }))
    .filter((h): h is { holder: (typeof holders)[number]; cycle: NonNullable<ReturnType<typeof ceCycle>> } => h.cycle !== null);
  // Whoever renews next is short, so the compliance list opens on a warning.
  const nearest = [...withCycles].sort((a, b) => compareDates(a.cycle.endsOn, b.cycle.endsOn))[0]?.holder.person_id;
  let sequence = 100;
  for (const [index, { holder, cycle }] of withCycles.entries()) {
    const lastDay = compareDates(cycle.endsOn, today) < 0 ? cycle.endsOn : addDays(today, -1);
    const span = daysBetween(cycle.startsOn, lastDay);
    if (span < 10) continue;
    // complete; short of patient safety; nearly there; a few hours only
    const profile = holder.person_id === nearest ? 1 : index % 4;
    const plan: { topic: string; hours: number }[] =
      profile === 0
        ? [{ topic: "03", hours: 1 }, { topic: "05", hours: 2 }, { topic: "01", hours: 6 }, { topic: "04", hours: 5 }, { topic: "01", hours: 4 }, { topic: "07", hours: 2 }]
        : profile === 1
          ? [{ topic: "03", hours: 1.5 }, { topic: "01", hours: 4 }, { topic: "04", hours: 6 }]
          : profile === 2
            ? [{ topic: "03", hours: 2 }, { topic: "05", hours: 1 }, { topic: "01", hours: 8 }, { topic: "04", hours: 5 }]
            : [{ topic: "04", hours: 2 }, { topic: "01", hours: 2 }];
    const rows = plan.map((item) => {
      const completedOn = addDays(cycle.startsOn, rng.int(0, span));
      const year = Number(completedOn.slice(0, 4));
      const releaseYear = year - rng.int(0, 1);
      const provider = rng.pick(PROVIDERS);
      const format = rng.chance(0.25) ? "L" : "H";
      sequence += 1;
      return {
        org_id: orgId,
        person_id: holder.person_id,
        title: rng.pick(TITLES[item.topic]),
        provider: provider.name,
        uan: `${provider.number}-0000-${String(releaseYear % 100).padStart(2, "0")}-${String(sequence % 1000).padStart(3, "0")}-${format}${item.topic}-T`,
        completed_on: completedOn,
        hours: item.hours,
        activity_type: "acpe" as const,
        topic: item.topic,
        format: format === "L" ? ("live" as const) : ("home-study" as const),
        audience: "technician" as const,
        categories: categoriesOfTopic(item.topic),
        source: "csv" as const,
        verification_status: rng.chance(0.8) ? ("verified" as const) : ("unverified" as const),
        verified_at: now,
        created_at: now,
        updated_at: now,
      };
    });
    await tx.insertInto("ce_records").values(rows.map((r) => ({ ...r, verified_at: r.verification_status === "verified" ? now : null }))).execute();
    await recordAudit(tx, system, { entityType: "person", entityId: holder.person_id, action: "ce.seeded", after: { records: rows.length, hours: rows.reduce((s, r) => s + r.hours, 0) } }, now);
  }
}
