import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import type { Db } from "../../db/database.ts";
import type { RosterScope } from "../auth/policy.ts";
import { scopeFilter } from "./people.queries.ts";
import { ROSTER_COLUMNS } from "./roster.rules.ts";

const BATCH = 2000;

/** The roster as CSV in the import template's columns, streamed in batches; re-importing it changes nothing. */
export function exportRosterCsv(db: Db, orgId: string, scope: RosterScope): Readable {
  async function* rows() {
    let after = "";
    for (;;) {
      const batch = await db
        .selectFrom("people as p")
        .innerJoin("sites as s", "s.id", "p.site_id")
        .select(["p.employee_id", "p.first_name", "p.last_name", "p.email", "s.code", "p.hire_date", "p.role", "p.phone", "p.status", "p.separation_date", "p.separation_type", "p.separation_reason"])
        .where("p.org_id", "=", orgId)
        .where(scopeFilter(scope) as any)
        .where("p.employee_id", ">", after)
        .orderBy("p.employee_id")
        .limit(BATCH)
        .execute();
      for (const p of batch) {
        yield [p.employee_id, p.first_name, p.last_name, p.email, p.code, p.hire_date, p.role, p.phone ?? "", p.status, p.separation_date ?? "", p.separation_type ?? "", p.separation_reason ?? ""];
      }
      if (batch.length < BATCH) return;
      after = batch[batch.length - 1].employee_id;
    }
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns: [...ROSTER_COLUMNS] }));
}

/** The downloadable template: the header and two example rows that pass validation once the site codes exist. */
export function rosterTemplateCsv(exampleSiteCode = "SITE-1"): string {
  const lines = [
    ROSTER_COLUMNS.join(","),
    `E1001,Maria,Lopez,maria.lopez@example.com,${exampleSiteCode},2024-03-18,technician,555-0100,active,,,`,
    `E1002,James,Carter,james.carter@example.com,${exampleSiteCode},2021-06-01,technician,,separated,2025-09-30,voluntary,career_path`,
  ];
  return lines.join("\n") + "\n";
}
