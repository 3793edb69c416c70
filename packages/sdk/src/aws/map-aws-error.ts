import { AtlasError, type AtlasErrorCode, isAtlasError } from "../errors.js";

/** Where an AWS call failed, used to write a message that names the call. */
export interface AwsErrorContext {
  /** Service name shown to users, e.g. `SSM` or `Cost Explorer`. */
  service?: string;
  /** Operation name, e.g. `GetParametersByPath`. */
  operation?: string;
}

const THROTTLE_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "LimitExceededException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ProvisionedThroughputExceededException",
]);

const UNAVAILABLE_NAMES = new Set([
  "InternalServerError",
  "InternalServerErrorException",
  "InternalFailure",
  "InternalError",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "ServiceException",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "BadGatewayException",
  "GatewayTimeoutException",
]);

const AUTH_NAMES = new Set([
  "UnrecognizedClientException",
  "UnrecognizedClient",
  "InvalidClientTokenId",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "CredentialsProviderError",
  "UnauthorizedOperation",
  "AuthFailure",
  "NotAuthorized",
]);

const INVALID_NAMES = new Set([
  "ValidationException",
  "ValidationError",
  "InvalidParameterException",
  "InvalidParameterValue",
  "InvalidNextToken",
  "InvalidFilter",
  "InvalidFilterKey",
  "InvalidFilterValue",
  "InvalidFilterOption",
  "InvalidKeyId",
  "BillExpirationException",
  "RequestChangedException",
  "BillingViewHealthStatusException",
]);

const NOT_FOUND_NAMES = new Set(["ParameterNotFound", "ParameterVersionNotFound", "UnknownMonitorException", "ResourceNotFoundException"]);

const DATA_UNAVAILABLE_NAMES = new Set(["DataUnavailableException"]);

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "EHOSTDOWN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

interface ErrorFacts {
  name: string | undefined;
  message: string;
  status: number | undefined;
  fault: string | undefined;
  networkCode: string | undefined;
  requestId: string | undefined;
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === "string" && found.length > 0 ? found : undefined;
}

/** Finds a Node network error code on the error, its `cause` chain or an AggregateError's members. */
function findNetworkCode(err: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof err !== "object" || err === null) return undefined;
  const code = readString(err, "code");
  if (code !== undefined && NETWORK_CODES.has(code)) return code;
  const message = readString(err, "message") ?? "";
  if (/socket hang up/i.test(message)) return "ECONNRESET";
  for (const known of NETWORK_CODES) if (message.includes(known)) return known;
  const nested = (err as { errors?: unknown }).errors;
  if (Array.isArray(nested)) {
    for (const inner of nested) {
      const found = findNetworkCode(inner, depth + 1);
      if (found) return found;
    }
  }
  return findNetworkCode((err as { cause?: unknown }).cause, depth + 1);
}

function facts(err: unknown): ErrorFacts {
  const metadata = typeof err === "object" && err !== null ? (err as { $metadata?: unknown }).$metadata : undefined;
  const statusValue =
    typeof metadata === "object" && metadata !== null ? (metadata as { httpStatusCode?: unknown }).httpStatusCode : undefined;
  const rawName = readString(err, "name");
  // Service exceptions put the AWS error type in `name`; some carry it in `Code` or `__type` instead.
  const typeField = readString(err, "__type");
  const name = rawName === "Error" || rawName === undefined ? (readString(err, "Code") ?? typeField?.split("#").pop() ?? rawName) : rawName;
  return {
    name,
    message: readString(err, "message") ?? (typeof err === "string" ? err : ""),
    status: typeof statusValue === "number" ? statusValue : undefined,
    fault: readString(err, "$fault"),
    networkCode: findNetworkCode(err),
    requestId:
      typeof metadata === "object" && metadata !== null ? readString(metadata, "requestId") : undefined,
  };
}

function classify(f: ErrorFacts): { code: AtlasErrorCode; retryable: boolean } {
  const name = f.name ?? "";
  if (name === "AbortError") return { code: "ABORTED", retryable: false };
  if (THROTTLE_NAMES.has(name) || f.status === 429) return { code: "THROTTLED", retryable: true };
  if (name.startsWith("AccessDenied") || AUTH_NAMES.has(name) || f.status === 401 || f.status === 403) {
    return { code: "AWS_AUTH", retryable: false };
  }
  if (DATA_UNAVAILABLE_NAMES.has(name)) return { code: "DATA_UNAVAILABLE", retryable: false };
  if (NOT_FOUND_NAMES.has(name)) return { code: "NOT_FOUND", retryable: false };
  if (INVALID_NAMES.has(name)) return { code: "INVALID_ARGUMENT", retryable: false };
  if (UNAVAILABLE_NAMES.has(name) || (f.status !== undefined && f.status >= 500) || f.networkCode !== undefined) {
    return { code: "AWS_UNAVAILABLE", retryable: true };
  }
  if (f.fault === "server") return { code: "AWS_UNAVAILABLE", retryable: true };
  // An answer the SDK cannot read: the endpoint is not the AWS service it should be (a wrong
  // --endpoint-url, a proxy's error page). Not retryable: it will not read better next time.
  if (/deseriali[sz]ation error|parse error/i.test(f.message)) {
    return { code: "AWS_UNAVAILABLE", retryable: false };
  }
  if (f.status !== undefined && f.status >= 400) return { code: "INVALID_ARGUMENT", retryable: false };
  return { code: "INTERNAL", retryable: false };
}

const HINTS: Partial<Record<AtlasErrorCode, string>> = {
  THROTTLED: "Lower --max-rps or --concurrency, or try again later",
  AWS_UNAVAILABLE: "Check the network and the endpoint (--endpoint-url, AWS_ENDPOINT_URL), then try again",
  AWS_AUTH: "Check the credentials (--profile, AWS_PROFILE, AWS_ACCESS_KEY_ID) and the IAM permissions of the caller",
  DATA_UNAVAILABLE: "Cost Explorer has no data for that period yet; ask for a period that has already been billed",
};

/**
 * Convert anything an AWS SDK call throws into an {@link AtlasError}. The AWS error name, HTTP status and
 * request id are kept in `details` (`awsError`, `httpStatus`, `requestId`), and `details.retryable` tells
 * whether trying again may help (throttling, 5xx, network errors, timeouts).
 *
 * @example
 * try { await client.send(command); } catch (err) { throw mapAwsError(err, { service: "SSM", operation: "GetParameters" }); }
 */
export function mapAwsError(err: unknown, context: AwsErrorContext = {}): AtlasError {
  if (isAtlasError(err)) return err;
  const f = facts(err);
  const { code, retryable } = classify(f);
  // The SDK names connection resets "TimeoutError"; the network code says more.
  const awsError =
    f.networkCode !== undefined && (f.name === undefined || f.name === "Error" || f.name === "TimeoutError") ? f.networkCode : f.name;
  const where = [context.service, context.operation].filter(Boolean).join(" ");
  const reason = f.message || awsError || "unknown error";
  const label = awsError && !reason.includes(awsError) ? ` (${awsError})` : "";
  const message = `${where ? `${where} failed: ` : ""}${reason}${label}`;
  const details: Record<string, unknown> = { retryable };
  if (awsError !== undefined) details.awsError = awsError;
  if (f.status !== undefined) details.httpStatus = f.status;
  if (f.requestId !== undefined) details.requestId = f.requestId;
  if (f.networkCode !== undefined) details.networkCode = f.networkCode;
  if (context.operation !== undefined) details.operation = context.operation;
  const hint = HINTS[code];
  return new AtlasError(code, message, hint === undefined ? { cause: err, details } : { cause: err, details, hint });
}

/**
 * Whether trying a failed call again may succeed: `details.retryable` when the error carries it, else
 * THROTTLED and AWS_UNAVAILABLE.
 *
 * @example
 * if (isRetryable(err)) await sleep(backoff);
 */
export function isRetryable(err: unknown): boolean {
  if (!isAtlasError(err)) return false;
  const flag = err.details?.retryable;
  if (typeof flag === "boolean") return flag;
  return err.code === "THROTTLED" || err.code === "AWS_UNAVAILABLE";
}
