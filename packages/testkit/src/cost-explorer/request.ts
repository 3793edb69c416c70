// Reading untrusted JSON request bodies the way Cost Explorer does: wrong shapes are a
// ValidationException, bad pagination tokens an InvalidNextTokenException.
import { AwsServiceError } from "../protocol.js";
import { hash32 } from "./random.js";

/**
 * A ValidationException with AWS's status.
 *
 * @example
 * throw invalid("Metrics are required");
 */
export function invalid(message: string): AwsServiceError {
  return new AwsServiceError("ValidationException", message, 400);
}

/**
 * A plain JSON object (not an array, not null).
 *
 * @example
 * isRecord({}); // true
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An optional object member; ValidationException when it is not an object.
 *
 * @example
 * const filter = optionalRecord(body, "Filter");
 */
export function optionalRecord(body: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw invalid(`${name} must be an object`);
  return value;
}

/**
 * A required object member; ValidationException (AWS's "must not be null") when missing.
 *
 * @example
 * const period = requireRecord(body, "TimePeriod");
 */
export function requireRecord(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = optionalRecord(body, name);
  if (!value) throw invalid(`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/**
 * An optional string member.
 *
 * @example
 * const token = optionalString(body, "NextPageToken");
 */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(`${name} must be a string`);
  return value;
}

/**
 * A required string member.
 *
 * @example
 * const start = requireString(period, "Start");
 */
export function requireString(body: Record<string, unknown>, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined) throw invalid(`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/**
 * An optional list of strings.
 *
 * @example
 * const arns = optionalStringArray(body, "MonitorArnList");
 */
export function optionalStringArray(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === "string")) {
    throw invalid(`${name} must be a list of strings`);
  }
  return value;
}

/**
 * An optional integer within `[min, max]`, with AWS's constraint message otherwise.
 *
 * @example
 * const level = optionalInteger(body, "PredictionIntervalLevel", 51, 99) ?? 80;
 */
export function optionalInteger(body: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      `1 validation error detected: Value '${JSON.stringify(value)}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
  }
  return value;
}

/**
 * An optional finite number.
 *
 * @example
 * const start = optionalNumber(filter, "StartValue");
 */
export function optionalNumber(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalid(`${name} must be a number`);
  return value;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A canonical JSON text (sorted keys), so equal requests fingerprint equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Fingerprint of a request without its pagination token: a token only fits the request it came from.
 *
 * @example
 * fingerprintOf({ A: 1, B: 2 }) === fingerprintOf({ B: 2, A: 1, NextPageToken: "x" }); // true
 */
export function fingerprintOf(body: Record<string, unknown>, ignore: readonly string[] = ["NextPageToken"]): string {
  const rest = Object.fromEntries(Object.entries(body).filter(([key]) => !ignore.includes(key)));
  const text = canonical(rest);
  return `${hash32(0, "request", text).toString(36)}${hash32(1, "request", text).toString(36)}`;
}

/**
 * Encodes a page offset and the request's fingerprint as an opaque token.
 *
 * @example
 * const token = encodePageToken(200, fingerprintOf(body));
 */
export function encodePageToken(offset: number, fingerprint: string): string {
  return Buffer.from(`ce1:${offset}:${fingerprint}`, "utf8").toString("base64url");
}

/**
 * Decodes a page token: the offset, or an InvalidNextTokenException when it is not ours, and a
 * RequestChangedException when it came from a different request.
 *
 * @example
 * const offset = decodePageToken(token, fingerprintOf(body), items.length);
 */
export function decodePageToken(token: string | undefined, fingerprint: string, total: number): number {
  if (token === undefined) return 0;
  const text = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, "base64url").toString("utf8") : "";
  const match = /^ce1:(\d+):([a-z0-9]+)$/.exec(text);
  const offset = match ? Number(match[1]) : Number.NaN;
  if (!match || !Number.isSafeInteger(offset) || offset <= 0 || offset >= total) {
    throw new AwsServiceError("InvalidNextTokenException", "The pagination token is invalid. Try again without a pagination token.", 400);
  }
  if (match[2] !== fingerprint) {
    throw new AwsServiceError(
      "RequestChangedException",
      "Your request parameters changed between pages. Try again with the old parameters or without a pagination token.",
      400,
    );
  }
  return offset;
}
