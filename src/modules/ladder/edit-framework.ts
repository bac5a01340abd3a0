import { sql } from "kysely";
import type { Db, Tx } from "../../db/database.ts";
import { dateInZone } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { evaluateNext } from "./eligibility.rules.ts";
import { getPublishedFramework } from "./framework.queries.ts";
import type { FrameworkDefinition } from "./framework.types.ts";
import { validateFramework } from "./framework.validate.ts";
import { loadPersonFacts } from "./person-facts.ts";

/** The organization's draft, if there is one, with its revision and who saved it last. */
export async function findDraft(db: Db | Tx, orgId: string) {
  return db
    .selectFrom("ladder_frameworks as f")
    .leftJoin("people as p", "p.id", "f.created_by")
    .select(["f.version", "f.definition", "f.note", "f.created_at", "f.revision", "p.first_name", "p.last_name"])
    .where("f.org_id", "=", orgId)
    .where("f.status", "=", "draft")
    .executeTakeFirst();
}

export type Draft = NonNullable<Awaited<ReturnType<typeof findDraft>>>;

/** The revision a caller sees when there is no draft: a save based on it starts a new draft. */
export const NO_DRAFT_REVISION = 0;

function assertValid(definition: FrameworkDefinition) {
  const problems = validateFramework(definition);
  if (problems.length) {
    throw new AppError("VALIDATION_FAILED", `The framework has ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems.map((p) => ({ field: p.path, message: p.message })));
  }
}

/** An instant as "2026-06-15 15:00 UTC", for messages read by people in any time zone. */
const utcTime = (at: Date | string) => `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * Takes the organization's framework edits one at a time and returns its draft, after checking
 * that the caller's edit starts from the draft as it is now (optimistic concurrency): a draft
 * saved, published or discarded by someone else since the caller loaded it is a DRAFT_CHANGED
 * conflict naming who saved it and when, instead of a silent overwrite.
 */
async function lockDraft(tx: Tx, orgId: string, baseRevision: number | undefined, doing: string): Promise<Draft | undefined> {
  // Locks the organization's row: two saves of the same draft wait for each other.
  await tx.selectFrom("organizations").select("id").where("id", "=", orgId).forUpdate().executeTakeFirstOrThrow();
  const draft = await findDraft(tx, orgId);
  if (baseRevision === undefined || (draft?.revision ?? NO_DRAFT_REVISION) === baseRevision) return draft;
  const field = [{ field: "baseRevision", message: "is not the draft's revision any more" }];
  if (draft) {
    const by = draft.first_name ? `${draft.first_name} ${draft.last_name}` : "Someone";
    throw new AppError("DRAFT_CHANGED", `${by} saved draft v${draft.version} at ${utcTime(draft.created_at)}, after you opened it; reload it to see their changes before you ${doing}`, field);
  }
  const published = await tx
    .selectFrom("ladder_frameworks")
    .select(["version", "published_at"])
    .where("org_id", "=", orgId)
    .where("revision", "=", baseRevision)
    .where("status", "=", "published")
    .executeTakeFirst();
  throw new AppError(
    "DRAFT_CHANGED",
    published
      ? `The draft you opened was published as v${published.version} at ${utcTime(published.published_at!)}; reload to edit the version in force before you ${doing}`
      : `The draft you opened was discarded since; reload to start from the version in force before you ${doing}`,
    field,
  );
}

/**
 * Saves the organization's draft (one at a time), validated; it does not affect anyone until
 * published. `baseRevision` is the revision the caller's edit started from (0 with no draft).
 */
export async function saveDraft(tx: Tx, actor: Actor, definition: FrameworkDefinition, note: string | null, baseRevision: number, now: Date): Promise<Draft> {
  assertValid(definition);
  const existing = await lockDraft(tx, actor.orgId, baseRevision, "save");
  if (existing) {
    await tx
      .updateTable("ladder_frameworks")
      .set({ definition: JSON.stringify(definition), note, created_by: actor.personId, created_at: now, revision: sql<number>`DEFAULT` })
      .where("org_id", "=", actor.orgId)
      .where("status", "=", "draft")
      .execute();
  } else {
    const latest = await tx.selectFrom("ladder_frameworks").select(sql<number>`max(version)::int`.as("v")).where("org_id", "=", actor.orgId).executeTakeFirstOrThrow();
    await tx.insertInto("ladder_frameworks").values({ org_id: actor.orgId, version: (latest.v ?? 0) + 1, status: "draft", definition: JSON.stringify(definition), note, created_by: actor.personId, created_at: now }).execute();
  }
  const draft = (await findDraft(tx, actor.orgId))!;
  await recordAudit(tx, auditActorOf(actor), { entityType: "ladder_framework", entityId: `${actor.orgId}/${draft.version}`, action: "ladder_framework.draft_saved", after: { version: draft.version, note, revision: draft.revision } }, now);
  return draft;
}

/** Deletes the draft; with `baseRevision`, only the draft as the caller saw it. */
export async function discardDraft(tx: Tx, actor: Actor, now: Date, baseRevision?: number) {
  const draft = await lockDraft(tx, actor.orgId, baseRevision, "discard it");
  if (!draft) throw new AppError("NOT_FOUND", "There is no draft");
  await tx.deleteFrom("ladder_frameworks").where("org_id", "=", actor.orgId).where("status", "=", "draft").execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "ladder_framework", entityId: `${actor.orgId}/${draft.version}`, action: "ladder_framework.draft_discarded" }, now);
}

/** Publishing makes the draft the version in force; earlier versions stay for history. With `baseRevision`, only the draft as the caller saw it. */
export async function publishDraft(tx: Tx, actor: Actor, now: Date, baseRevision?: number) {
  const draft = await lockDraft(tx, actor.orgId, baseRevision, "publish it");
  if (!draft) throw new AppError("NOT_FOUND", "There is no draft to publish");
  assertValid(draft.definition as FrameworkDefinition);
  await tx.updateTable("ladder_frameworks").set({ status: "published", published_at: now }).where("org_id", "=", actor.orgId).where("status", "=", "draft").execute();
  await recordAudit(tx, auditActorOf(actor), { entityType: "ladder_framework", entityId: `${actor.orgId}/${draft.version}`, action: "ladder_framework.published", after: { version: draft.version, note: draft.note } }, now);
  return { version: draft.version };
}

export interface PreviewChange {
  personId: string;
  name: string;
  siteCode: string;
  track: string;
  levelName: string;
  before: boolean | null;
  after: boolean | null;
}

/** Who would become eligible or ineligible for their next level if the draft were published now. */
export async function previewDraft(db: Db, actor: Actor, definition: FrameworkDefinition, now: Date) {
  assertValid(definition);
  const published = await getPublishedFramework(db, actor.orgId);
  const people = await db
    .selectFrom("people as p")
    .innerJoin("sites as s", "s.id", "p.site_id")
    .select(["p.id", "p.first_name", "p.last_name", "s.code", "s.time_zone"])
    .where("p.org_id", "=", actor.orgId)
    .where("p.status", "!=", "separated")
    .where("p.role", "in", ["technician", "mentor"])
    .execute();
  const facts = await loadPersonFacts(db, actor.orgId, people.map((p) => p.id));
  const changes: PreviewChange[] = [];
  let eligibleBefore = 0;
  let eligibleAfter = 0;
  for (const p of people) {
    const f = facts.get(p.id)!;
    const today = dateInZone(now, p.time_zone);
    const before = evaluateNext(f, { framework: published.definition }, today);
    const after = evaluateNext(f, { framework: definition }, today);
    eligibleBefore += before.filter((e) => e.eligible).length;
    eligibleAfter += after.filter((e) => e.eligible).length;
    const keys = new Set([...before, ...after].map((e) => `${e.track}/${e.level}`));
    for (const key of keys) {
      const b = before.find((e) => `${e.track}/${e.level}` === key);
      const a = after.find((e) => `${e.track}/${e.level}` === key);
      if ((b?.eligible ?? null) !== (a?.eligible ?? null) && (b?.eligible || a?.eligible)) {
        changes.push({ personId: p.id, name: `${p.first_name} ${p.last_name}`, siteCode: p.code, track: (a ?? b)!.trackName, levelName: (a ?? b)!.levelName, before: b?.eligible ?? null, after: a?.eligible ?? null });
      }
    }
  }
  return {
    people: people.length,
    eligibleBefore,
    eligibleAfter,
    becomeEligible: changes.filter((c) => c.after),
    becomeIneligible: changes.filter((c) => !c.after),
  };
}

export async function listVersions(db: Db, orgId: string) {
  return db
    .selectFrom("ladder_frameworks as f")
    .leftJoin("people as p", "p.id", "f.created_by")
    .select(["f.version", "f.status", "f.note", "f.created_at", "f.published_at", "p.first_name", "p.last_name"])
    .where("f.org_id", "=", orgId)
    .orderBy("f.version", "desc")
    .execute();
}
