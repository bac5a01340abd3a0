/** Stable error codes: the API, the CLI and the web app speak these. HTTP status lives in server/errors.ts. */
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "IMPORT_INVALID"
  | "NOT_ELIGIBLE"
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "CSRF_TOKEN_INVALID"
  | "INVALID_CREDENTIALS"
  | "TOO_MANY_ATTEMPTS"
  | "RESET_TOKEN_INVALID"
  | "CONFLICT"
  | "DRAFT_CHANGED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "ATTEMPT_CLOSED"
  | "EVALUATION_LOCKED"
  | "DATA_DIR_IN_USE"
  | "BACKUP_INVALID"
  | "INTERNAL";

export interface FieldError {
  /** Field name, or column for imports. */
  field: string;
  message: string;
  /** Spreadsheet row for imports: the header is row 1, the first data row is row 2. */
  row?: number;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`);
}
