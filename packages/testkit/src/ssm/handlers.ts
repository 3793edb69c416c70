import { AwsServiceError, type RequestContext, type ServiceHandlers } from "../protocol.js";
import type { ParameterIndex, StoredParameter } from "./parameter-index.js";

/**
 * AWS's limit for `GetParametersByPath.MaxResults`.
 *
 * @example
 * ```ts
 * new GetParametersByPathCommand({ Path: "/aws/service", MaxResults: MAX_RESULTS_BY_PATH });
 * ```
 */
export const MAX_RESULTS_BY_PATH = 10;
/**
 * AWS's limit for `GetParameters.Names`.
 *
 * @example
 * ```ts
 * const batches = chunk(names, MAX_NAMES);
 * ```
 */
export const MAX_NAMES = 10;
const MAX_PATH_LEVELS = 15;
const MAX_PATH_LENGTH = 2048;
const PUBLIC_PREFIX = "/aws/service/";
const ACCOUNT_ID = "123456789012";

/** Options for {@link createSsmHandlers}. */
export interface SsmHandlersOptions {
  /** Returns the current parameter index (data can be replaced at runtime). */
  getIndex: () => ParameterIndex;
  /**
   * Answer `GetParametersByPath` with deterministic short (sometimes empty) pages that still carry a
   * NextToken, as AWS documents it may. Default false: full pages.
   */
  shortPages?: boolean | (() => boolean);
}

interface PageToken {
  /** Path and recursive flag the token was issued for. */
  p: string;
  r: boolean;
  /** Offset of the next parameter. */
  o: number;
  /** Page number, so that short pages vary. */
  n: number;
  /** Whether the previous page was empty (never two in a row). */
  e: boolean;
}

function validation(message: string): AwsServiceError {
  return new AwsServiceError("ValidationException", message);
}

function fieldError(value: unknown, field: string, constraint: string): AwsServiceError {
  const shown = typeof value === "string" ? `'${value}'` : JSON.stringify(value) ?? "null";
  return validation(`1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`);
}

function requireString(body: Record<string, unknown>, key: string, field: string): string {
  const value = body[key];
  if (value === undefined || value === null) throw fieldError(null, field, "Member must not be null");
  if (typeof value !== "string") throw new AwsServiceError("SerializationException", `${key} must be a string`);
  return value;
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean {
  const value = body[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw new AwsServiceError("SerializationException", `${key} must be a boolean`);
  return value;
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token), "utf8").toString("base64url");
}

function decodeToken(raw: string, path: string, recursive: boolean): PageToken {
  const invalid = new AwsServiceError("InvalidNextToken", "The specified token isn't valid.");
  let token: unknown;
  try {
    token = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (typeof token !== "object" || token === null) throw invalid;
  const t = token as Partial<PageToken>;
  if (t.p !== path || t.r !== recursive || !Number.isInteger(t.o) || !Number.isInteger(t.n) || typeof t.e !== "boolean") {
    throw invalid;
  }
  return t as PageToken;
}

/** FNV-1a: a cheap, stable hash for deterministic short pages. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("eusc-")) return "aws-eusc";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}

function toWire(param: StoredParameter, ctx: RequestContext, selector?: string): Record<string, unknown> {
  const region = ctx.region ?? "us-east-1";
  // AWS's public parameters carry no account id in their ARN.
  const account = param.name.startsWith(PUBLIC_PREFIX) ? "" : ACCOUNT_ID;
  const resource = param.name.startsWith("/") ? param.name.slice(1) : param.name;
  const out: Record<string, unknown> = {
    Name: param.name,
    Type: "String",
    Value: param.value,
    Version: 1,
    LastModifiedDate: param.lastModifiedDate.getTime() / 1000,
    ARN: `arn:${partitionOf(region)}:ssm:${region}:${account}:parameter/${resource}`,
    DataType: "text",
  };
  if (selector !== undefined) out.Selector = selector;
  return out;
}

type Lookup =
  | { kind: "found"; param: StoredParameter; selector?: string }
  | { kind: "missing"; name: string }
  | { kind: "version-missing"; name: string; version: string };

/** Resolves `name`, `name:version`, `name:label` and parameter ARNs. */
function lookup(index: ParameterIndex, requested: string): Lookup {
  let name = requested;
  if (name.startsWith("arn:")) {
    const at = name.indexOf(":parameter/");
    if (at >= 0) {
      const rest = name.slice(at + ":parameter/".length);
      name = index.get(rest.split(":")[0] ?? "") ? rest : `/${rest}`;
    }
  }
  const colon = name.indexOf(":");
  const base = colon >= 0 ? name.slice(0, colon) : name;
  const selector = colon >= 0 ? name.slice(colon) : undefined;
  const param = index.get(base);
  if (!param) return { kind: "missing", name: base };
  if (selector === undefined) return { kind: "found", param };
  const choice = selector.slice(1);
  if (/^\d+$/.test(choice)) {
    return Number(choice) === 1 ? { kind: "found", param, selector } : { kind: "version-missing", name: base, version: choice };
  }
  // The testkit's parameters carry no labels.
  return { kind: "missing", name: base };
}

function checkFilters(filters: unknown): boolean {
  if (filters === undefined || filters === null) return true;
  if (!Array.isArray(filters)) throw new AwsServiceError("SerializationException", "ParameterFilters must be a list");
  let matches = true;
  for (const filter of filters as unknown[]) {
    const { Key: key, Option: option = "Equals", Values: values = [] } = (filter ?? {}) as { Key?: unknown; Option?: unknown; Values?: unknown };
    // Every served parameter is a plain String of DataType text, so these filters keep all or nothing.
    const actual = key === "Type" ? "String" : key === "DataType" ? "text" : undefined;
    if (actual === undefined) {
      throw new AwsServiceError("InvalidFilterKey", `The testkit supports only the Type and DataType filters, not ${String(key)}.`);
    }
    if (option !== "Equals") throw new AwsServiceError("InvalidFilterOption", `The option ${String(option)} is not valid for the ${String(key)} filter.`);
    if (!Array.isArray(values)) throw new AwsServiceError("InvalidFilterValue", "Values must be a list.");
    if (!values.includes(actual)) matches = false;
  }
  return matches;
}

/**
 * The handlers of the `AmazonSSM.*` operations aws-atlas uses: `GetParametersByPath`,
 * `GetParameters` and `GetParameter`, with AWS's validation and error types.
 *
 * @example
 * ```ts
 * const index = createParameterIndex(globalInfrastructureParameters(loadGlobalInfrastructure()));
 * const ssm = createSsmHandlers({ getIndex: () => index });
 * ssm.GetParameter?.({ Name: "/aws/service/global-infrastructure/regions/us-east-1/longName" }, { now: new Date() });
 * ```
 */
export function createSsmHandlers(options: SsmHandlersOptions): ServiceHandlers {
  const shortPages = (): boolean =>
    typeof options.shortPages === "function" ? options.shortPages() : options.shortPages === true;

  return {
    GetParametersByPath(body, ctx) {
      const path = requireString(body, "Path", "path");
      if (path.length < 1 || path.length > MAX_PATH_LENGTH) {
        throw fieldError(path, "path", `Member must have length less than or equal to ${MAX_PATH_LENGTH}`);
      }
      if (!path.startsWith("/")) {
        throw validation('The hierarchy path must begin with a forward slash "/".');
      }
      if (path.split("/").filter(Boolean).length > MAX_PATH_LEVELS) {
        throw validation(`The hierarchy path exceeds the maximum of ${MAX_PATH_LEVELS} levels.`);
      }
      const recursive = optionalBoolean(body, "Recursive");
      const rawMax = body.MaxResults;
      let maxResults = MAX_RESULTS_BY_PATH;
      if (rawMax !== undefined && rawMax !== null) {
        if (typeof rawMax !== "number" || !Number.isInteger(rawMax)) {
          throw new AwsServiceError("SerializationException", "MaxResults must be an integer");
        }
        if (rawMax > MAX_RESULTS_BY_PATH) {
          throw fieldError(String(rawMax), "maxResults", `Member must have value less than or equal to ${MAX_RESULTS_BY_PATH}`);
        }
        if (rawMax < 1) throw fieldError(String(rawMax), "maxResults", "Member must have value greater than or equal to 1");
        maxResults = rawMax;
      }
      const keep = checkFilters(body.ParameterFilters);
      const rawToken = body.NextToken;
      if (rawToken !== undefined && rawToken !== null && typeof rawToken !== "string") {
        throw new AwsServiceError("SerializationException", "NextToken must be a string");
      }
      const normalized = path.replace(/\/+$/, "") || "/";
      const token: PageToken = rawToken
        ? decodeToken(rawToken, normalized, recursive)
        : { p: normalized, r: recursive, o: 0, n: 0, e: false };

      const list = keep ? options.getIndex().list(normalized, recursive) : { length: 0, slice: () => [] };
      let size = maxResults;
      if (shortPages()) {
        size = hash(`${normalized}|${recursive}|${token.o}|${token.n}`) % (maxResults + 1);
        if (size === 0 && token.e) size = maxResults;
      }
      const start = Math.min(token.o, list.length);
      const page = list.slice(start, start + size);
      const next = start + size;
      const response: Record<string, unknown> = { Parameters: page.map((p) => toWire(p, ctx)) };
      if (next < list.length) {
        response.NextToken = encodeToken({ p: normalized, r: recursive, o: next, n: token.n + 1, e: page.length === 0 });
      }
      return response;
    },

    GetParameters(body, ctx) {
      const names = body.Names;
      if (names === undefined || names === null) throw fieldError(null, "names", "Member must not be null");
      if (!Array.isArray(names) || names.some((n) => typeof n !== "string")) {
        throw new AwsServiceError("SerializationException", "Names must be a list of strings");
      }
      const list = names as string[];
      if (list.length > MAX_NAMES) {
        throw validation(
          `1 validation error detected: Value '[${list.join(", ")}]' at 'names' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAMES}.`,
        );
      }
      if (list.length < 1) {
        throw validation("1 validation error detected: Value '[]' at 'names' failed to satisfy constraint: Member must have length greater than or equal to 1.");
      }
      const index = options.getIndex();
      const parameters: Record<string, unknown>[] = [];
      const invalid: string[] = [];
      for (const requested of new Set(list)) {
        const found = lookup(index, requested);
        if (found.kind === "found") parameters.push(toWire(found.param, ctx, found.selector));
        else invalid.push(requested);
      }
      return { Parameters: parameters, InvalidParameters: invalid };
    },

    GetParameter(body, ctx) {
      const name = requireString(body, "Name", "name");
      if (name.length < 1 || name.length > MAX_PATH_LENGTH) {
        throw fieldError(name, "name", `Member must have length less than or equal to ${MAX_PATH_LENGTH}`);
      }
      const found = lookup(options.getIndex(), name);
      switch (found.kind) {
        case "found":
          return { Parameter: toWire(found.param, ctx, found.selector) };
        case "missing":
          throw new AwsServiceError("ParameterNotFound", `Parameter ${found.name} not found.`);
        case "version-missing":
          throw new AwsServiceError(
            "ParameterVersionNotFound",
            `Systems Manager could not find version ${found.version} of ${found.name}. Verify the version and try again.`,
          );
      }
    },
  };
}
