import { AtlasError } from "../errors.js";
import { formatKeyPath, suggestKey, type KeyPath } from "./key-path.js";
import { atlasConfigSchema, type AtlasConfig } from "./schema.js";
import {
  childSchema,
  listSchemaFields,
  objectKeys,
  schemaAtPath,
  schemaKind,
  selectUnionOption,
  unwrapSchema,
  type AnySchema,
} from "./schema-walk.js";
import { isSecretPath, maskUrl } from "./secrets.js";
import { formatConfigIssue, type ConfigIssue, type ConfigValueSource } from "./types.js";

/** Options for {@link validateConfigDocument}. */
export interface ValidateConfigDocumentOptions {
  /** Looks up where the value at a key path came from, to name it in messages. */
  sourceOf?: (path: KeyPath) => ConfigValueSource | undefined;
}

/** The outcome of validating one configuration document. */
export interface ConfigDocumentValidation {
  ok: boolean;
  /** The effective configuration with defaults, when `ok`. */
  config?: AtlasConfig;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Describe a value for a message without leaking secrets or flooding the line.
 *
 * @example
 * describeValue("x", ["performance", "max_workers"]); // "\"x\""
 */
export function describeValue(value: unknown, path: KeyPath = []): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") {
    if (isSecretPath(path)) return "a string";
    let shown = value;
    const key = path[path.length - 1];
    if (typeof key === "string" && /(url|uri|dsn|endpoint)$/i.test(key)) {
      // A malformed URL may still carry a password; show it only when its credentials can be masked.
      if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s]*$/i.test(value)) return "a string";
      shown = maskUrl(value);
    }
    shown = shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
    return JSON.stringify(shown);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return `a ${typeof value}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  number: "a number",
  int: "an integer",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  record: "a mapping",
  array: "a list",
  null: "null",
};

const expectedName = (expected: unknown) => EXPECTED_NAMES[String(expected)] ?? String(expected);

function dataAt(doc: unknown, path: KeyPath): unknown {
  let value = doc;
  for (const key of path) {
    if (!isRecord(value) && !Array.isArray(value)) return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  return value;
}

function didYouMean(value: unknown, candidates: readonly string[]): string {
  if (typeof value !== "string") return "";
  const suggestion = suggestKey(value, candidates);
  return suggestion !== undefined && suggestion !== value ? `; did you mean ${JSON.stringify(suggestion)}?` : "";
}

function unknownKeyMessage(root: AnySchema, doc: unknown, parent: KeyPath, key: string): string {
  const parentSchema = parent.length === 0 ? root : schemaAtPath(root, parent, doc);
  const siblings = parentSchema ? objectKeys(parentSchema, dataAt(doc, parent)) : [];
  const sibling = suggestKey(key, siblings);
  if (sibling !== undefined) return `unknown key; did you mean ${JSON.stringify(sibling)}?`;
  // A known key in the wrong section: point to where it belongs.
  const elsewhere = listSchemaFields(root)
    .filter((field) => field.path[field.path.length - 1] === key)
    .map((field) => formatKeyPath(field.path));
  if (elsewhere.length > 0) return `unknown key here; did you mean ${elsewhere.slice(0, 3).join(" or ")}?`;
  return siblings.length > 0 ? `unknown key (expected one of ${siblings.join(", ")})` : "unknown key";
}

type LooseIssue = Record<string, unknown> & { code: string; path: PropertyKey[]; message: string };

function toKeyPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === "number" ? key : String(key)));
}

function unionExpectation(issue: LooseIssue): string | undefined {
  const branches = issue.errors;
  if (!Array.isArray(branches)) return undefined;
  const names = new Set<string>();
  for (const branch of branches) {
    if (!Array.isArray(branch)) return undefined;
    for (const inner of branch as LooseIssue[]) {
      if (inner.code !== "invalid_type" || inner.path.length > 0) return undefined;
      names.add(expectedName(inner.expected));
    }
  }
  return names.size > 0 ? [...names].join(" or ") : undefined;
}

function issueMessages(issue: LooseIssue, root: AnySchema, doc: unknown): { path: KeyPath; message: string }[] {
  const path = toKeyPath(issue.path);
  const input = issue.input;
  const got = describeValue(input, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = Array.isArray(issue.keys) ? issue.keys.map(String) : [];
      return keys.map((key) => ({ path: [...path, key], message: unknownKeyMessage(root, doc, path, key) }));
    }
    case "invalid_type":
      if (input === undefined) return [{ path, message: "required" }];
      return [{ path, message: `expected ${expectedName(issue.expected)}, got ${got}` }];
    case "invalid_value": {
      const values = Array.isArray(issue.values) ? issue.values.map(String) : [];
      return [{ path, message: `expected one of ${values.map((v) => JSON.stringify(v)).join(", ")}, got ${got}${didYouMean(input, values)}` }];
    }
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const limit = Number(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === "string") {
        return [{ path, message: small && limit <= 1 ? "must not be empty" : `must have ${small ? "at least" : "at most"} ${limit} characters` }];
      }
      if (issue.origin === "array" || issue.origin === "set") {
        return [{ path, message: `must have ${small ? "at least" : "at most"} ${limit} item${limit === 1 ? "" : "s"}` }];
      }
      const op = small ? (inclusive ? ">=" : ">") : inclusive ? "<=" : "<";
      return [{ path, message: `must be ${op} ${limit}, got ${got}` }];
    }
    case "invalid_union": {
      const discriminator = typeof issue.discriminator === "string" ? issue.discriminator : undefined;
      if (discriminator) {
        const options = Array.isArray(issue.options) ? issue.options.map(String) : [];
        const target = path[path.length - 1] === discriminator ? path : [...path, discriminator];
        const value = dataAt(doc, target);
        return [{ path: target, message: `expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}, got ${describeValue(value, target)}${didYouMean(value, options)}` }];
      }
      const expectation = unionExpectation(issue);
      return [{ path, message: expectation ? `expected ${expectation}, got ${got}` : `invalid value ${got}` }];
    }
    case "invalid_format":
    case "custom":
      return [{ path, message: input === undefined ? issue.message : `${issue.message}, got ${got}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

function isActive(value: unknown, schema: AnySchema): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (Array.isArray(value) && value.length === 0) return false;
  if (isRecord(value) && objectKeys(schema, value).includes("enabled")) return value.enabled === true;
  return true;
}

/** Warnings for settings that are accepted but not implemented, found by walking the data with the schema. */
function notImplementedWarnings(schema: AnySchema, value: unknown, path: KeyPath, out: { path: KeyPath; message: string }[]): void {
  if (value === undefined) return;
  const { meta } = unwrapSchema(schema);
  const marker = meta.notImplemented;
  if (marker === true && isActive(value, schema)) {
    out.push({ path, message: "accepted but not implemented yet; it has no effect" });
  } else if (Array.isArray(marker)) {
    const check = (item: unknown, itemPath: KeyPath) => {
      const chosen = isRecord(item) ? item.type : item;
      if (typeof chosen === "string" && marker.includes(chosen)) {
        out.push({ path: itemPath, message: `${JSON.stringify(chosen)} is accepted but not implemented yet; it has no effect` });
      }
    };
    if (Array.isArray(value)) value.forEach((item, index) => check(item, [...path, index]));
    else check(value, path);
  }
  const kind = schemaKind(schema);
  if (kind === "object" || kind === "union") {
    if (!isRecord(value)) return;
    const target = kind === "union" ? selectUnionOption(schema, value) : schema;
    if (!target) return;
    for (const key of Object.keys(value)) {
      const child = childSchema(target, key, value);
      if (child) notImplementedWarnings(child, value[key], [...path, key], out);
    }
  } else if (kind === "array" && Array.isArray(value)) {
    value.forEach((item, index) => {
      const child = childSchema(schema, index, value);
      if (child) notImplementedWarnings(child, item, [...path, index], out);
    });
  } else if (kind === "record" && isRecord(value)) {
    for (const key of Object.keys(value)) {
      const child = childSchema(schema, key, value);
      if (child) notImplementedWarnings(child, value[key], [...path, key], out);
    }
  }
}

function semanticChecks(config: AtlasConfig, doc: Record<string, unknown>): { errors: { path: KeyPath; message: string }[]; warnings: { path: KeyPath; message: string }[] } {
  const errors: { path: KeyPath; message: string }[] = [];
  const warnings: { path: KeyPath; message: string }[] = [];
  const db = config.database;
  const rawDb = isRecord(doc.database) ? doc.database : {};
  if (db.url !== undefined) {
    if (rawDb.connection !== undefined) warnings.push({ path: ["database", "connection"], message: "ignored because database.url is set" });
    if (rawDb.type !== undefined) warnings.push({ path: ["database", "type"], message: "ignored because database.url is set" });
  } else if (db.connection) {
    const type = db.type ?? "sqlite";
    if (type !== "sqlite" && !db.connection.host) errors.push({ path: ["database", "connection", "host"], message: `required for a ${type} connection` });
    if (!db.connection.database) errors.push({ path: ["database", "connection", "database"], message: type === "sqlite" ? "required: the SQLite file path" : `required for a ${type} connection` });
    if (db.type === undefined) warnings.push({ path: ["database", "type"], message: "not set; the connection is read as sqlite" });
  }
  const auth = config.dashboard.authentication;
  if (auth.type === "oauth" && auth.client_secret === undefined) {
    warnings.push({ path: ["dashboard", "authentication", "client_secret"], message: "not set; only public OAuth clients work without it" });
  }
  return { errors, warnings };
}

/**
 * Validate one configuration document (already parsed and merged) against the schema. Never
 * throws: every problem comes back as an issue with its key path, all at once.
 *
 * @example
 * const { ok, errors } = validateConfigDocument({ performance: { max_workers: "x" } });
 * // errors[0]: { path: "performance.max_workers", message: "expected an integer, got \"x\"" }
 */
export function validateConfigDocument(doc: unknown, options: ValidateConfigDocumentOptions = {}): ConfigDocumentValidation {
  const root: AnySchema = atlasConfigSchema;
  const toIssue = ({ path, message }: { path: KeyPath; message: string }): ConfigIssue => {
    const source = options.sourceOf?.(path);
    return source ? { path: formatKeyPath(path), message, source } : { path: formatKeyPath(path), message };
  };
  if (!isRecord(doc)) {
    return { ok: false, errors: [{ path: "", message: `the configuration must be a mapping of keys to values, got ${describeValue(doc)}` }], warnings: [] };
  }
  const rawWarnings: { path: KeyPath; message: string }[] = [];
  notImplementedWarnings(root, doc, [], rawWarnings);
  // A configuration is validated once per process: zod's compiled fast path would cost more to build
  // than it saves.
  const result = atlasConfigSchema.safeParse(doc, { reportInput: true, jitless: true });
  if (!result.success) {
    const errors = (result.error.issues as unknown as LooseIssue[]).flatMap((issue) => issueMessages(issue, root, doc)).map(toIssue);
    return { ok: false, errors: dedupe(errors), warnings: rawWarnings.map(toIssue) };
  }
  const semantic = semanticChecks(result.data, doc);
  const warnings = [...rawWarnings, ...semantic.warnings].map(toIssue);
  if (semantic.errors.length > 0) return { ok: false, errors: semantic.errors.map(toIssue), warnings };
  return { ok: true, config: result.data, errors: [], warnings };
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The error thrown for an invalid configuration: code INVALID_CONFIG, one line per error, the
 * issues in `details.errors`.
 *
 * @example
 * throw invalidConfigError(validation.errors, validation.warnings);
 */
export function invalidConfigError(errors: readonly ConfigIssue[], warnings: readonly ConfigIssue[] = []): AtlasError {
  const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
  const lines = errors.map((issue) => `  ${formatConfigIssue(issue)}`);
  return new AtlasError("INVALID_CONFIG", [`Invalid configuration (${count}):`, ...lines].join("\n"), {
    details: { errors: [...errors], warnings: [...warnings] },
  });
}

/**
 * Validate a document and return the effective configuration, or throw AtlasError INVALID_CONFIG
 * listing every error.
 *
 * @example
 * const config = parseConfigDocument({ aws: { region: "eu-west-1" } });
 */
export function parseConfigDocument(doc: unknown): AtlasConfig {
  const result = validateConfigDocument(doc);
  if (!result.ok || !result.config) throw invalidConfigError(result.errors, result.warnings);
  return result.config;
}

/**
 * The configuration with every default applied.
 *
 * @example
 * defaultConfig().performance.max_workers; // 10
 */
export function defaultConfig(): AtlasConfig {
  return atlasConfigSchema.parse({}, { jitless: true });
}
