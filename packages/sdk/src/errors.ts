/**
 * The catalog of error codes the SDK raises. Adapters map these to exit codes (cli) and HTTP
 * statuses (http); the SDK itself knows neither.
 */
export const ERROR_CODES = {
  INVALID_ARGUMENT: "Invalid argument",
  INVALID_CONFIG: "Invalid configuration",
  INVALID_QUERY: "Invalid cost query",
  INVALID_DATABASE_URL: "Invalid database URL",
  NOT_FOUND: "Not found",
  AWS_AUTH: "AWS credentials or permissions",
  THROTTLED: "Throttled past retries",
  CIRCUIT_OPEN: "Circuit open",
  AWS_UNAVAILABLE: "AWS unavailable",
  DATA_UNAVAILABLE: "Cost data unavailable",
  DATABASE_UNAVAILABLE: "Database unavailable",
  SCHEMA_TOO_NEW: "Database schema is newer than this version",
  PARTIAL_RESULT: "Partial result",
  SPEND_LIMIT: "Spend limit reached",
  ABORTED: "Aborted",
  INTERNAL: "Internal error",
} as const;

/** One of the codes in {@link ERROR_CODES}. */
export type AtlasErrorCode = keyof typeof ERROR_CODES;

/** Options for {@link AtlasError}. */
export interface AtlasErrorOptions {
  /** What the user can do about it, appended to the message as one sentence. */
  hint?: string;
  cause?: unknown;
  /** Structured details for machine output (never secrets). */
  details?: Record<string, unknown>;
}

/**
 * The one error class of aws-atlas. `message` says what failed and why; `hint` says what to do.
 *
 * @example
 * throw new AtlasError("INVALID_QUERY", "--start 2026-02-30 is not a date", { hint: "Use YYYY-MM-DD." });
 */
export class AtlasError extends Error {
  override readonly name = "AtlasError";
  readonly code: AtlasErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AtlasErrorCode, message: string, options: AtlasErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  /** The message and the hint as one line. */
  toLine(): string {
    return this.hint ? `${this.message}. ${this.hint}` : this.message;
  }
}

/**
 * Narrow an unknown value to an {@link AtlasError}.
 *
 * @example
 * if (isAtlasError(err) && err.code === "THROTTLED") retryLater();
 */
export function isAtlasError(value: unknown): value is AtlasError {
  return value instanceof AtlasError || (value instanceof Error && value.name === "AtlasError" && "code" in value);
}

/**
 * Convert anything thrown into an {@link AtlasError}, once, at a boundary.
 *
 * @example
 * catch (err) { const e = toAtlasError(err); render(e.code, e.toLine()); }
 */
export function toAtlasError(value: unknown): AtlasError {
  if (isAtlasError(value)) return value;
  if (value instanceof Error && value.name === "AbortError") {
    return new AtlasError("ABORTED", "The operation was cancelled", { cause: value });
  }
  const message = value instanceof Error ? value.message : String(value);
  return new AtlasError("INTERNAL", message || "Unexpected error", { cause: value });
}
