import { AtlasError } from "../errors.js";
import { locateJsonError } from "./json-locate.js";
import { toml, yaml } from "./lazy-parsers.js";
import { formatConfigIssue, type ConfigIssue } from "./types.js";

/** Configuration file formats. */
export const CONFIG_FORMATS = ["yaml", "json", "toml"] as const;

/** One of {@link CONFIG_FORMATS}. */
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];

/** File extensions read as configuration, in the order a directory is searched. */
export const CONFIG_EXTENSIONS: Readonly<Record<string, ConfigFormat>> = { ".yml": "yaml", ".yaml": "yaml", ".json": "json", ".toml": "toml" };

/**
 * The format of a configuration file, from its extension.
 *
 * @example
 * configFormatOf("aws-atlas.toml"); // "toml"
 */
export function configFormatOf(file: string): ConfigFormat | undefined {
  const match = /\.[^./\\]+$/.exec(file);
  return match ? CONFIG_EXTENSIONS[match[0].toLowerCase()] : undefined;
}

/** Options for {@link parseConfigText}. */
export interface ParseConfigTextOptions {
  /** Shown in messages; also decides the format when `format` is not given. */
  file?: string;
  format?: ConfigFormat;
}

/** The outcome of {@link parseConfigText}: the data, or the errors with line and column. */
export interface ParsedConfigText {
  data?: unknown;
  errors: ConfigIssue[];
}

function lineColumnAt(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").replace(/^Invalid TOML document: /, "");
}

/** Turn parser output into plain JSON-like data: dates become ISO strings, maps objects, sets lists. */
function toPlain(value: unknown, depth = 0): { ok: true; value: unknown } | { ok: false; message: string } {
  if (depth > 64) return { ok: false, message: "nested too deeply (more than 64 levels)" };
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { ok: true, value };
  if (typeof value === "bigint") return { ok: true, value: Number.isSafeInteger(Number(value)) ? Number(value) : value.toString() };
  if (value instanceof Date) return { ok: true, value: Number.isNaN(value.getTime()) ? String(value) : value.toISOString() };
  if (Array.isArray(value) || value instanceof Set) {
    const out: unknown[] = [];
    for (const item of value) {
      const plain = toPlain(item, depth + 1);
      if (!plain.ok) return plain;
      out.push(plain.value);
    }
    return { ok: true, value: out };
  }
  if (value instanceof Map || (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) || (typeof value === "object" && Object.getPrototypeOf(value) === null)) {
    const out: Record<string, unknown> = {};
    const entries: [unknown, unknown][] = value instanceof Map ? [...(value as Map<unknown, unknown>).entries()] : Object.entries(value);
    for (const [key, item] of entries) {
      const plain = toPlain(item, depth + 1);
      if (!plain.ok) return plain;
      // defineProperty keeps a "__proto__" key as data instead of changing the prototype.
      Object.defineProperty(out, String(key), { value: plain.value, enumerable: true, writable: true, configurable: true });
    }
    return { ok: true, value: out };
  }
  if (value === undefined) return { ok: true, value: null };
  return { ok: false, message: `unsupported value of type ${value.constructor?.name ?? typeof value}` };
}

function parseYaml(text: string, file: string | undefined): ParsedConfigText {
  const doc = yaml().parseDocument(text, { uniqueKeys: true, merge: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    const seen = new Set<string>();
    const errors: ConfigIssue[] = [];
    for (const problem of problems) {
      const pos = problem.linePos?.[0];
      const issue: ConfigIssue = { path: "", message: firstLine(problem.message), ...(file ? { file } : {}), ...(pos ? { line: pos.line, column: pos.col } : {}) };
      const key = formatConfigIssue(issue);
      if (!seen.has(key)) errors.push(issue);
      seen.add(key);
    }
    return { errors };
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { errors: [{ path: "", message: error instanceof Error ? error.message : String(error), ...(file ? { file } : {}) }] };
  }
  return plainResult(js === undefined ? null : js, file);
}

function plainResult(value: unknown, file: string | undefined): ParsedConfigText {
  const plain = toPlain(value);
  if (!plain.ok) return { errors: [{ path: "", message: plain.message, ...(file ? { file } : {}) }] };
  return { data: plain.value, errors: [] };
}

function parseJson(text: string, file: string | undefined): ParsedConfigText {
  try {
    return plainResult(JSON.parse(text), file);
  } catch (error) {
    const located = locateJsonError(text);
    const message = located?.message ?? (error instanceof Error ? error.message : String(error));
    const at = lineColumnAt(text, located?.offset ?? text.length);
    return { errors: [{ path: "", message, ...(file ? { file } : {}), line: at.line, column: at.column }] };
  }
}

function parseTomlText(text: string, file: string | undefined): ParsedConfigText {
  try {
    return plainResult(toml().parse(text), file);
  } catch (error) {
    if (error instanceof toml().TomlError) {
      return { errors: [{ path: "", message: firstLine(error.message), ...(file ? { file } : {}), line: error.line, column: error.column }] };
    }
    return { errors: [{ path: "", message: error instanceof Error ? error.message : String(error), ...(file ? { file } : {}) }] };
  }
}

/**
 * Parse configuration text. Never throws: syntax errors come back with line and column. An empty
 * file is an empty configuration.
 *
 * @example
 * parseConfigText("performance:\n  max_workers: 4\n", { format: "yaml" }).data;
 */
export function parseConfigText(text: string, options: ParseConfigTextOptions = {}): ParsedConfigText {
  const file = options.file;
  const format = options.format ?? (file ? configFormatOf(file) : undefined);
  if (!format) {
    return { errors: [{ path: "", message: "unsupported configuration file extension; use .yml, .yaml, .json or .toml", ...(file ? { file } : {}) }] };
  }
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") return { data: {}, errors: [] };
  switch (format) {
    case "yaml":
      return parseYaml(body, file);
    case "json":
      return parseJson(body, file);
    case "toml":
      return parseTomlText(body, file);
  }
}

/**
 * Parse configuration text or throw AtlasError INVALID_CONFIG naming the file, line and column.
 *
 * @example
 * const data = loadConfigText(readFileSync(file, "utf8"), { file });
 */
export function loadConfigText(text: string, options: ParseConfigTextOptions = {}): unknown {
  const parsed = parseConfigText(text, options);
  if (parsed.errors.length > 0) {
    throw new AtlasError("INVALID_CONFIG", parsed.errors.map((issue) => formatConfigIssue(issue)).join("\n"), { details: { errors: parsed.errors } });
  }
  return parsed.data;
}
