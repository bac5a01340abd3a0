import type { Db, Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { authorize } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { getPerson } from "../roster/index.ts";

/** A file with its bytes, for whoever may read the person's record; another organization's is not found. */
export async function getEvidenceForDownload(db: Db, actor: Actor, fileId: string) {
  const file = await db
    .selectFrom("evidence_files")
    .select(["id", "person_id", "file_name", "content_type", "size_bytes", "content"])
    .where("org_id", "=", actor.orgId)
    .where("id", "=", fileId)
    .executeTakeFirst();
  if (!file) throw new AppError("NOT_FOUND", "Evidence file not found");
  const person = await getPerson(db, actor.orgId, file.person_id);
  authorize(actor, "person.read", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  return file;
}

/**
 * The evidence file to attach to one of a person's records (a sign-off, a credential): it must
 * have been uploaded for that person, in that organization. `field` names the input in the error.
 */
export async function getAttachableEvidence(db: Db | Tx, person: { orgId: string; personId: string }, fileId: string, field = "evidenceFileId") {
  const file = await db
    .selectFrom("evidence_files")
    .select(["id", "file_name", "sha256"])
    .where("org_id", "=", person.orgId)
    .where("person_id", "=", person.personId)
    .where("id", "=", fileId)
    .executeTakeFirst();
  if (!file) throw new AppError("VALIDATION_FAILED", "The evidence file was not uploaded for this person", [{ field, message: "is not a file uploaded for this person" }]);
  return file;
}
