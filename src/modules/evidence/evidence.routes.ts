import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import { actorOf, checkRouteAccess } from "../../server/auth-hooks.ts";
import { attachmentDisposition, EVIDENCE_TYPE_LIST, EVIDENCE_TYPES_TEXT, getEvidenceForDownload, isEvidenceType, MAX_EVIDENCE_BYTES, mediaTypeOf, uploadEvidence } from "./index.ts";

const MEGABYTES = MAX_EVIDENCE_BYTES / 1024 / 1024;

const evidenceFileDto = z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string() });

/** Refuses an upload by its headers alone, before its body is read: a kind not taken, or a declared size over the limit. */
async function refuseUnsuitableUpload(request: FastifyRequest) {
  const type = mediaTypeOf(request.headers["content-type"]);
  if (!isEvidenceType(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Evidence must be a ${EVIDENCE_TYPES_TEXT} file, sent with its content type; this was ${type || "sent without one"}`, [
      { field: "file", message: `must be a ${EVIDENCE_TYPES_TEXT} file` },
    ]);
  }
  const length = Number(request.headers["content-length"] ?? 0);
  if (length > MAX_EVIDENCE_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The file is ${(length / 1024 / 1024).toFixed(1)} MB; evidence files can be at most ${MEGABYTES} MB`, [
      { field: "file", message: `is larger than ${MEGABYTES} MB` },
    ]);
  }
}

/** The name the uploader gave: the x-file-name header (URI-encoded, as header values are ASCII) or ?name=. */
function givenName(request: FastifyRequest, queryName: string | undefined): string | undefined {
  const header = request.headers["x-file-name"];
  if (typeof header === "string" && header) {
    try {
      return decodeURIComponent(header);
    } catch {
      return header;
    }
  }
  return queryName;
}

export function evidenceRoutes(app: FastifyInstance) {
  const db = app.deps.database.db;

  // The upload's body is the file itself: a raw-body parser for the evidence kinds, with a 10 MB
  // limit, registered in a scope of its own so that the rest of the API keeps its 1 MB JSON bodies.
  void app.register(async (scope) => {
    scope.addContentTypeParser(EVIDENCE_TYPE_LIST, { parseAs: "buffer", bodyLimit: MAX_EVIDENCE_BYTES }, (_request, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post("/api/people/:id/evidence", {
      config: { policy: "authenticated" },
      bodyLimit: MAX_EVIDENCE_BYTES,
      // Authenticated and checked before the body is read: a stranger cannot make the server take 10 MB.
      onRequest: [checkRouteAccess, refuseUnsuitableUpload],
      schema: {
        tags: ["evidence"],
        summary: `Upload an evidence file about a person (a certificate, a competency's proof): the raw file as the body with its content type (${EVIDENCE_TYPE_LIST.join(", ")}), at most ${MEGABYTES} MB. Attach the returned id to a sign-off or a credential.`,
        consumes: EVIDENCE_TYPE_LIST,
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ name: z.string().max(1000).optional().describe("The file's name, when the x-file-name header is not sent") }),
        headers: z.looseObject({ "x-file-name": z.string().max(3000).optional().describe("The file's name, URI-encoded") }),
        body: z.any().meta({ type: "string", format: "binary", description: "The file's bytes" }),
        response: { 201: evidenceFileDto },
      },
    }, async (request, reply) => {
      const actor = actorOf(request);
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const upload = { contentType: mediaTypeOf(request.headers["content-type"]), fileName: givenName(request, request.query.name), content };
      const file = await db.transaction().execute((tx) => uploadEvidence(tx, actor, request.params.id, upload, app.deps.now()));
      return reply.status(201).send(file);
    });
  });

  app.withTypeProvider<ZodTypeProvider>().get("/api/evidence/:id", {
    config: { policy: "authenticated" },
    schema: {
      tags: ["evidence"],
      summary: "Download an evidence file (as an attachment), for whoever may read the person's record",
      params: z.object({ id: z.uuid() }),
    },
  }, async (request, reply) => {
    const file = await getEvidenceForDownload(db, actorOf(request), request.params.id);
    const content = Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength);
    return reply
      .header("content-type", file.content_type)
      .header("content-length", content.byteLength)
      .header("content-disposition", attachmentDisposition(file.file_name))
      .header("x-content-type-options", "nosniff")
      // Uploaded content: never run as a page, never kept in shared caches.
      .header("content-security-policy", "default-src 'none'; sandbox")
      .header("cache-control", "private, no-store")
      .send(content);
  });
}
