import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type ErrorCode, type FieldError } from "../lib/errors.ts";

/** The one table from domain error codes to HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  RESET_TOKEN_INVALID: 400,
  BACKUP_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** The framework draft was saved by someone else since the caller loaded it. */
  DRAFT_CHANGED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ATTEMPT_CLOSED: 409,
  /** The technician acknowledged the evaluation: it can no longer change. */
  EVALUATION_LOCKED: 409,
  IMPORT_INVALID: 422,
  NOT_ELIGIBLE: 422,
  TOO_MANY_ATTEMPTS: 429,
  DATA_DIR_IN_USE: 503,
  INTERNAL: 500,
};

export function errorBody(code: string, message: string, fields?: FieldError[]) {
  return { error: { code, message, ...(fields && fields.length ? { fields } : {}) } };
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.status(HTTP_STATUS[error.code]).send(errorBody(error.code, error.message, error.fields));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((issue) => ({
      field: String(issue.instancePath || "").replace(/^\//, "").replace(/\//g, ".") || String((issue.params as any)?.issue?.path?.join(".") ?? "body"),
      message: issue.message ?? "is invalid",
    }));
    const where = (error as FastifyError).validationContext ?? "request";
    return reply.status(400).send(errorBody("VALIDATION_FAILED", `Invalid ${where}: ${fields.map((f) => `${f.field} ${f.message}`).join("; ")}`, fields));
  }
  const pgCode = (error as { code?: string }).code;
  if (pgCode === "23505") {
    return reply.status(409).send(errorBody("CONFLICT", "That record already exists (a unique value is already used)"));
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return reply.status(status).send(errorBody(status === 413 ? "PAYLOAD_TOO_LARGE" : status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST", error.message));
  }
  request.log.error({ err: error }, "request failed");
  return reply.status(500).send(errorBody("INTERNAL", "Something went wrong on our side. The error was logged."));
}
