import { useCallback, useEffect, useState } from "react";

export interface ApiFieldError {
  field: string;
  message: string;
  row?: number;
}

interface ErrorBody {
  error: { code: string; message: string; fields?: ApiFieldError[] };
}

/** A failed API call: the server's stable error code and message, or a network/format failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: ApiFieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The messages the server gave for one form field, joined, or undefined. */
  fieldMessage(field: string): string | undefined {
    const messages = this.fields.filter((f) => f.field === field).map((f) => f.message);
    return messages.length > 0 ? messages.join("; ") : undefined;
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, "CLIENT_ERROR", error instanceof Error ? error.message : "Something went wrong");
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** The session's CSRF token, sent with every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request reports that the session is gone; returns an unsubscribe function. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type QueryValue = string | number | boolean | null | undefined;

/** Appends the non-empty params to a path as a query string. */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export interface RequestOptions {
  /** Sent as JSON with content-type application/json. */
  json?: unknown;
  /** Sent as-is; give its content-type in headers. */
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as ErrorBody | null)?.error;
  return typeof error === "object" && error !== null && typeof error.code === "string" && typeof error.message === "string";
}

async function readError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.error.code, body.error.message, body.error.fields ?? []);
  }
  return new ApiError(response.status, "UNEXPECTED_RESPONSE", `The server answered ${response.status} ${response.statusText}`.trim());
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  }
  if (WRITE_METHODS.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: "same-origin", signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK_ERROR", "Could not reach the server. Check your connection and try again.");
  }

  if (!response.ok) {
    const error = await readError(response);
    if (error.code === "UNAUTHENTICATED") unauthenticatedListeners.forEach((listener) => listener());
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, "UNEXPECTED_RESPONSE", "The server sent an answer this page cannot read. Reload and try again.");
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>("GET", path, options),
  post: <T>(path: string, json?: unknown, options?: RequestOptions) => apiRequest<T>("POST", path, { ...options, json }),
  patch: <T>(path: string, json: unknown, options?: RequestOptions) => apiRequest<T>("PATCH", path, { ...options, json }),
  put: <T>(path: string, json: unknown, options?: RequestOptions) => apiRequest<T>("PUT", path, { ...options, json }),
  delete: <T>(path: string, options?: RequestOptions) => apiRequest<T>("DELETE", path, options),
};

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  isLoading: boolean;
  /** Fetches again, keeping the current data on screen until the answer arrives. */
  reload: () => void;
}

export interface QueryOptions {
  /** Keep showing the previous path's data while a new path loads (paging, filtering). */
  keepPreviousData?: boolean;
}

interface QueryResult<T> {
  path: string;
  key: string;
  data?: T;
  error?: ApiError;
}

/** GETs a path and refetches when it changes; pass null to wait. */
export function useApiQuery<T>(path: string | null, options: QueryOptions = {}): QueryState<T> {
  const [generation, setGeneration] = useState(0);
  const [result, setResult] = useState<QueryResult<T>>();
  const key = `${generation}:${path}`;

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api.get<T>(path, { signal: controller.signal }).then(
      (data) => setResult({ path, key, data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult((previous) => ({ path, key, data: previous?.path === path ? previous.data : undefined, error: toApiError(error) }));
      },
    );
    return () => controller.abort();
  }, [path, key]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const isSamePath = result?.path === path;
  return {
    data: isSamePath || options.keepPreviousData ? result?.data : undefined,
    error: result?.key === key ? result.error : undefined,
    isLoading: path !== null && result?.key !== key,
    reload,
  };
}

export type ActionResult<R> = { ok: true; value: R } | { ok: false; error: ApiError };

export interface ActionState<A extends unknown[], R> {
  run: (...args: A) => Promise<ActionResult<R>>;
  isPending: boolean;
  error: ApiError | undefined;
  reset: () => void;
}

/** Wraps a write: tracks pending state and keeps the last error for the form to show. */
export function useApiAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): ActionState<A, R> {
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const run = useCallback(
    async (...args: A): Promise<ActionResult<R>> => {
      setPending(true);
      setError(undefined);
      try {
        return { ok: true, value: await action(...args) };
      } catch (caught) {
        const apiError = toApiError(caught);
        setError(apiError);
        return { ok: false, error: apiError };
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  const reset = useCallback(() => setError(undefined), []);
  return { run, isPending, error, reset };
}
