import type { Db } from "../../db/database.ts";
import { dateInZone, type IsoDate } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { authorize } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { findCertification } from "../certifications/index.ts";
import { getPublishedFramework } from "../ladder/framework.queries.ts";
import { competencyStanding } from "../ladder/ladder-views.ts";
import { loadPersonFacts } from "../ladder/person-facts.ts";
import { loadCoverage } from "./load-coverage.ts";
import { loadModuleProgress } from "./record-module-completion.ts";
import { buildMatrix, GAP_STYLE, MATRIX_STATUSES, MATRIX_STATUS_STYLE, matrixCounts, type MatrixFilter } from "./matrix.rules.ts";
import { ensureTrainingCatalog } from "./sync-catalog.ts";
import { GROUP_ROLES } from "./training.rules.ts";
import { listPrograms } from "./training.queries.ts";

export type SiteMatrix = Awaited<ReturnType<typeof siteMatrix>>;

/**
 * The training matrix of a site, for an admin or the site's manager: its technicians and mentors
 * (on the level or track asked for) × the skills their levels ask for or they have, each with a
 * status from the same rules the ladder uses; with the legend the screen and the exports share.
 */
export async function siteMatrix(db: Db, actor: Actor, input: { siteId: string } & MatrixFilter, now: Date) {
  const site = await db.selectFrom("sites").select(["id", "code", "name", "time_zone"]).where("org_id", "=", actor.orgId).where("id", "=", input.siteId).executeTakeFirst();
  if (!site) throw new AppError("NOT_FOUND", "Site not found");
  authorize(actor, "site.staff", { orgId: actor.orgId, id: site.id });
  await ensureTrainingCatalog(db, actor.orgId, now);
  const [{ definition: framework, version }, programs, coverage] = await Promise.all([
    getPublishedFramework(db, actor.orgId),
    listPrograms(db, actor.orgId),
    loadCoverage(db, actor.orgId, { siteIds: [site.id] }, now),
  ]);
  if (input.track && !framework.tracks.some((t) => t.code === input.track)) {
    throw new AppError("VALIDATION_FAILED", `"${input.track}" is not a track of the framework in force`, [{ field: "track", message: "is not a track of the framework in force" }]);
  }
  if (input.level && !framework.tracks.find((t) => t.code === input.track)?.levels.some((l) => l.code === input.level)) {
    throw new AppError("VALIDATION_FAILED", `"${input.level}" is not a level of track "${input.track ?? ""}"`, [{ field: "level", message: input.track ? "is not a level of that track" : "needs a track" }]);
  }
  const members = coverage.members.filter((m) => GROUP_ROLES.includes(m.role));
  const [facts, progress] = await Promise.all([loadPersonFacts(db, actor.orgId, members.map((m) => m.personId)), loadModuleProgress(db, actor.orgId, members.map((m) => m.personId), programs)]);
  const codeOf = new Map(programs.map((p) => [p.id, p.code]));
  const progressOf = (personId: string) =>
    new Map([...progress].filter(([key, p]) => key.startsWith(`${personId}/`) && p.completed > 0).map(([key, p]) => [codeOf.get(key.split("/")[1])!, { completed: p.completed, total: p.total }]));
  const today: IsoDate = dateInZone(now, site.time_zone);
  const { skills, rows } = buildMatrix(
    members.map((m) => ({
      personId: m.personId,
      firstName: m.firstName,
      lastName: m.lastName,
      employeeId: m.employeeId,
      facts: facts.get(m.personId)!,
      today,
      openAssignments: coverage.entries
        .filter((e) => e.member.personId === m.personId && e.status !== "completed")
        .map((e) => ({ programCode: e.assignment.programCode, status: e.status, dueOn: e.dueOn })),
      moduleProgress: progressOf(m.personId),
    })),
    { framework, programs, certification: findCertification, competencyStanding },
    input,
  );
  const track = framework.tracks.find((t) => t.code === input.track);
  return {
    site: { id: site.id, code: site.code, name: site.name },
    asOf: today,
    frameworkVersion: version,
    filter: { track: input.track ?? null, trackName: track?.name ?? null, level: input.level ?? null, levelName: track?.levels.find((l) => l.code === input.level)?.name ?? null, kinds: input.kinds ?? null },
    skills,
    rows,
    counts: matrixCounts(rows),
    legend: MATRIX_STATUSES.map((status) => ({ status, ...MATRIX_STATUS_STYLE[status] })),
    gap: GAP_STYLE,
  };
}
