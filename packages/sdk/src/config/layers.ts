import { formatKeyPath, type KeyPath } from "./key-path.js";
import { atlasConfigSchema, SECTION_ALIASES } from "./schema.js";
import { itemSchema, listSchemaFields, schemaAtPath, schemaKind, type AnySchema } from "./schema-walk.js";
import type { ConfigIssue, ConfigLayer } from "./types.js";

/** Prefix of the environment variables that set configuration keys. */
export const ENV_PREFIX = "AWS_ATLAS_";

/** Separator between key levels in environment variable names. */
export const ENV_SEPARATOR = "__";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Set a value at a path, creating objects; keys are defined as data (never touching prototypes).
 *
 * @example
 * const data = {}; setAtPath(data, ["performance", "max_workers"], 9);
 */
export function setAtPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const existing = Object.hasOwn(node, key) ? node[key] : undefined;
    if (isRecord(existing)) {
      node = existing;
    } else {
      const created: Record<string, unknown> = {};
      Object.defineProperty(node, key, { value: created, enumerable: true, writable: true, configurable: true });
      node = created;
    }
  });
}

/**
 * The environment variable that sets a key path: `AWS_ATLAS_PERFORMANCE__MAX_WORKERS`.
 *
 * @example
 * envVarFor(["performance", "max_workers"]); // "AWS_ATLAS_PERFORMANCE__MAX_WORKERS"
 */
export function envVarFor(path: readonly string[]): string {
  return ENV_PREFIX + path.map((key) => key.toUpperCase()).join(ENV_SEPARATOR);
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const TRUE = new Set(["true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

/**
 * Convert a string from the environment or a flag to the type the schema expects at a path:
 * numbers, booleans (true/false/1/0/yes/no/on/off), lists (JSON or comma-separated) and objects
 * (JSON). A string that does not convert is returned unchanged, so validation names the problem.
 *
 * @example
 * coerceString(["performance", "max_workers"], "9"); // { value: 9 }
 * coerceString(["filters", "regions", "include"], "us-*,eu-*"); // { value: ["us-*", "eu-*"] }
 */
export function coerceString(path: KeyPath, raw: string): { value: unknown; error?: string } {
  const schema = schemaAtPath(atlasConfigSchema, path);
  return schema ? coerceWith(schema, raw) : { value: raw };
}

function coerceWith(schema: AnySchema, raw: string): { value: unknown; error?: string } {
  const trimmed = raw.trim();
  switch (schemaKind(schema)) {
    case "number":
    case "integer":
      return NUMBER.test(trimmed) ? { value: Number(trimmed) } : { value: raw };
    case "boolean": {
      const lower = trimmed.toLowerCase();
      return TRUE.has(lower) ? { value: true } : FALSE.has(lower) ? { value: false } : { value: raw };
    }
    case "array": {
      if (trimmed.startsWith("[")) return parseJson(trimmed);
      const item = itemSchema(schema);
      const items = trimmed === "" ? [] : trimmed.split(",").map((part) => part.trim()).filter((part) => part !== "");
      return { value: items.map((part) => (item ? coerceWith(item, part).value : part)) };
    }
    case "object":
    case "record":
    case "union":
      return trimmed.startsWith("{") ? parseJson(trimmed) : { value: raw };
    case "string":
    case "enum":
    case "literal":
    case "unknown":
      return { value: raw };
  }
}

function parseJson(text: string): { value: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { value: text, error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

function applyAlias(path: string[]): string[] {
  const [first, ...rest] = path;
  return first !== undefined && Object.hasOwn(SECTION_ALIASES, first) ? [SECTION_ALIASES[first] ?? first, ...rest] : path;
}

/** The env layer and the problems found building it. */
export interface BuiltLayer {
  layer: ConfigLayer;
  errors: ConfigIssue[];
}

/**
 * Build the environment layer: `AWS_ATLAS_<SECTION>__<KEY>` variables (levels separated by `__`)
 * and the standard variables the schema names (`AWS_PROFILE`, `AWS_REGION`, ...). Empty values
 * count as unset. An `AWS_ATLAS_` variable beats a standard one for the same key.
 *
 * @example
 * envLayer({ AWS_ATLAS_PERFORMANCE__MAX_WORKERS: "9" }).layer.data; // { performance: { max_workers: 9 } }
 */
export function envLayer(env: Readonly<Record<string, string | undefined>>): BuiltLayer {
  const data: Record<string, unknown> = {};
  const envVars: Record<string, string> = {};
  const errors: ConfigIssue[] = [];
  const put = (path: string[], name: string, raw: string) => {
    const coerced = coerceString(path, raw);
    if (coerced.error) errors.push({ path: formatKeyPath(path), message: coerced.error, source: { source: "env", envVar: name } });
    setAtPath(data, path, coerced.value);
    envVars[formatKeyPath(path)] = name;
  };
  // Standard variables first, lowest priority first, so the first one listed wins.
  for (const field of listSchemaFields(atlasConfigSchema)) {
    const names = field.unwrapped.meta.env ?? [];
    for (const name of [...names].reverse()) {
      if (name.startsWith(ENV_PREFIX) && name.includes(ENV_SEPARATOR)) continue;
      const raw = Object.hasOwn(env, name) ? env[name] : undefined;
      if (raw !== undefined && raw !== "") put(field.path, name, raw);
    }
  }
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(ENV_PREFIX) || !name.includes(ENV_SEPARATOR)) continue;
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    const segments = name.slice(ENV_PREFIX.length).split(ENV_SEPARATOR).map((part) => part.toLowerCase());
    if (segments.some((segment) => segment === "")) {
      errors.push({ path: "", message: `${name}: empty key level; separate levels with a double underscore, as in AWS_ATLAS_PERFORMANCE__MAX_WORKERS`, source: { source: "env", envVar: name } });
      continue;
    }
    put(applyAlias(segments), name, raw);
  }
  return { layer: { source: "env", data, envVars }, errors };
}

/**
 * Command-line overrides: a nested object in the schema's keys, or dotted keys
 * (`{ "performance.max_workers": "9" }`), or both. `undefined` values are skipped; strings are
 * converted like environment values.
 *
 * @example
 * flagsLayer({ aws: { profile: "prod" }, "performance.max_workers": "4" }).layer.data;
 */
export function flagsLayer(flags: Readonly<Record<string, unknown>>): BuiltLayer {
  const data: Record<string, unknown> = {};
  const errors: ConfigIssue[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (value === undefined) return;
    if (isRecord(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value)) visit(child, [...path, ...key.split(".")]);
      return;
    }
    const target = applyAlias(path);
    if (typeof value === "string") {
      const coerced = coerceString(target, value);
      if (coerced.error) errors.push({ path: formatKeyPath(target), message: coerced.error, source: { source: "flag" } });
      setAtPath(data, target, coerced.value);
    } else {
      setAtPath(data, target, value);
    }
  };
  visit(flags, []);
  return { layer: { source: "flag", data }, errors };
}

/**
 * Rename alias sections (`http` -> `dashboard`) in a file's data; both at once is an error.
 *
 * @example
 * applySectionAliases({ http: { port: 9000 } }).data; // { dashboard: { port: 9000 } }
 */
export function applySectionAliases(data: Record<string, unknown>): { data: Record<string, unknown>; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const canonical = Object.hasOwn(SECTION_ALIASES, key) ? (SECTION_ALIASES[key] ?? key) : key;
    if (canonical !== key && Object.hasOwn(data, canonical)) {
      errors.push({ path: key, message: `"${key}" is another name for "${canonical}"; use one of them, not both` });
      continue;
    }
    Object.defineProperty(out, canonical, { value, enumerable: true, writable: true, configurable: true });
  }
  return { data: out, errors };
}
