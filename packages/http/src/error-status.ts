import { toAtlasError, type AtlasError, type AtlasErrorCode, type Logger } from "@aws-atlas/sdk";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Codes only the HTTP adapter produces (they never come from the SDK): a missing or wrong credential.
 *
 * @example
 * const code: HttpOnlyErrorCode = "UNAUTHORIZED";
 */
export type HttpOnlyErrorCode = "UNAUTHORIZED";

/**
 * The body of every error response: `{ "error": { "code", "message" } }`, plus `details` for invalid input.
 *
 * @example
 * const body: ErrorBody = { error: { code: "NOT_FOUND", message: 'Region "xx-1" is not in the latest scan' } };
 */
export interface ErrorBody {
  error: {
    code: AtlasErrorCode | HttpOnlyErrorCode;
    /** What failed and what to do, in one line. Never a stack trace. */
    message: string;
    /** Structured details, only for invalid input (e.g. the zod issues of a cost query). */
    details?: Record<string, unknown>;
  };
}

/**
 * The one table from SDK error codes to HTTP statuses. Typed as a full record, so a new code in the
 * catalog does not compile until it has a status here.
 *
 * - invalid input the caller can fix: 400; a missing thing: 404; cost data AWS does not hold: 422
 * - configuration of the server itself (`INVALID_CONFIG`, `INVALID_DATABASE_URL`, `SCHEMA_TOO_NEW`): 500,
 *   because no request can fix it and monitoring must see it as a server fault
 * - `AWS_AUTH`: 502, the server's own AWS credentials failed (the HTTP caller is not at fault; 403 would say it is)
 * - AWS or the database unavailable, throttled past retries, circuit open, request aborted: 503
 * - `PARTIAL_RESULT` thrown: 503 (nothing usable came back; try again). Work that finishes partially
 *   answers 200 with its flag instead (`POST /api/scan` returns `"complete": false` and `failures`)
 * - `SPEND_LIMIT`: 402; `INTERNAL`: 500
 *
 * @example
 * ERROR_STATUS.NOT_FOUND; // 404
 */
export const ERROR_STATUS: Readonly<Record<AtlasErrorCode, ContentfulStatusCode>> = {
  INVALID_ARGUMENT: 400,
  INVALID_QUERY: 400,
  INVALID_CONFIG: 500,
  INVALID_DATABASE_URL: 500,
  SCHEMA_TOO_NEW: 500,
  NOT_FOUND: 404,
  DATA_UNAVAILABLE: 422,
  AWS_AUTH: 502,
  THROTTLED: 503,
  CIRCUIT_OPEN: 503,
  AWS_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  ABORTED: 503,
  PARTIAL_RESULT: 503,
  SPEND_LIMIT: 402,
  INTERNAL: 500,
};

const CLIENT_DETAIL_CODES: ReadonlySet<AtlasErrorCode> = new Set(["INVALID_ARGUMENT", "INVALID_QUERY"]);

/**
 * Convert anything thrown into a status and an {@link ErrorBody}, once, at the boundary. Internal errors
 * answer a generic line (their message may name files or SQL) and are logged in full instead.
 *
 * @example
 * const { status, body } = toErrorResponse(new AtlasError("NOT_FOUND", "No scan"));
 * // status 404, body { error: { code: "NOT_FOUND", message: "No scan" } }
 */
export function toErrorResponse(thrown: unknown, logger?: Logger): { status: ContentfulStatusCode; body: ErrorBody; error: AtlasError } {
  const error = toAtlasError(thrown);
  const status = ERROR_STATUS[error.code];
  if (status >= 500) {
    logger?.[error.code === "INTERNAL" ? "error" : "warn"]("http: request failed", {
      code: error.code,
      message: error.toLine(),
      ...(error.code === "INTERNAL" && error.cause instanceof Error && error.cause.stack ? { stack: error.cause.stack } : {}),
    });
  }
  const message = error.code === "INTERNAL" ? "Internal error. The server log has the details" : error.toLine();
  const body: ErrorBody = { error: { code: error.code, message } };
  if (error.details && CLIENT_DETAIL_CODES.has(error.code)) body.error.details = error.details;
  return { status, body, error };
}
