import { createHash } from "node:crypto";
import type { Tx } from "../../db/database.ts";
import { AppError } from "../../lib/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { auditActorOf, authorize } from "../auth/index.ts";
import type { Actor } from "../auth/policy.ts";
import { getPerson } from "../roster/index.ts";
import { EVIDENCE_TYPES, EVIDENCE_TYPES_TEXT, hasSignatureOf, isEvidenceType, MAX_EVIDENCE_BYTES, sanitizeFileName, sniffEvidenceType } from "./evidence.rules.ts";

export interface EvidenceUpload {
  /** The declared media type (the request's Content-Type). */
  contentType: string;
  /** The name the uploader gave, before cleaning. */
  fileName?: string;
  content: Uint8Array;
}

export interface EvidenceFileDto {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** Refuses a file that is empty, too large, of a kind not taken, or whose bytes are not of the declared kind. */
export function checkEvidenceFile(upload: EvidenceUpload): asserts upload is EvidenceUpload & { contentType: keyof typeof EVIDENCE_TYPES } {
  const { contentType, content } = upload;
  if (!isEvidenceType(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Evidence must be a ${EVIDENCE_TYPES_TEXT} file, not ${contentType || "a file without a type"}`, [
      { field: "file", message: `must be a ${EVIDENCE_TYPES_TEXT} file` },
    ]);
  }
  if (content.byteLength === 0) throw new AppError("VALIDATION_FAILED", "The file is empty", [{ field: "file", message: "is empty" }]);
  if (content.byteLength > MAX_EVIDENCE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`, [{ field: "file", message: `is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB` }]);
  }
  if (!hasSignatureOf(contentType, content)) {
    const actual = sniffEvidenceType(content);
    const declared = EVIDENCE_TYPES[contentType].label;
    const message = actual ? `is a ${EVIDENCE_TYPES[actual].label} file, not a ${declared} as it was sent` : `is not a ${declared} file (its content does not start as one does)`;
    throw new AppError("VALIDATION_FAILED", `The file ${message}`, [{ field: "file", message }]);
  }
}

/** Stores a file as evidence about a person (a certificate, a competency's proof), and audits it. */
export async function uploadEvidence(tx: Tx, actor: Actor, personId: string, upload: EvidenceUpload, now: Date): Promise<EvidenceFileDto> {
  const person = await getPerson(tx, actor.orgId, personId);
  authorize(actor, "person.recordEvidence", { id: person.id, orgId: person.org_id, siteId: person.site_id });
  checkEvidenceFile(upload);
  const fileName = sanitizeFileName(upload.fileName, upload.contentType);
  const sha256 = createHash("sha256").update(upload.content).digest("hex");
  const row = await tx
    .insertInto("evidence_files")
    .values({
      org_id: actor.orgId,
      person_id: person.id,
      uploaded_by: actor.personId,
      file_name: fileName,
      content_type: upload.contentType,
      size_bytes: upload.content.byteLength,
      sha256,
      content: upload.content,
      created_at: now,
    })
    .returning(["id", "file_name", "content_type", "size_bytes", "sha256"])
    .executeTakeFirstOrThrow();
  const file = { id: row.id, fileName: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256 };
  await recordAudit(tx, auditActorOf(actor), { entityType: "evidence_file", entityId: row.id, action: "evidence.uploaded", after: { personId: person.id, fileName, contentType: file.contentType, sizeBytes: file.sizeBytes, sha256 } }, now);
  return file;
}
