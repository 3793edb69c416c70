import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve as resolvePath } from "node:path";
import { interpolateString } from "./interpolate.js";
import { formatKeyPath, type KeyPath } from "./key-path.js";
import { applySectionAliases, coerceString, envLayer, flagsLayer } from "./layers.js";
import { CONFIG_EXTENSIONS, parseConfigText } from "./loaders.js";
import { mergeLayers, type Provenance } from "./merge.js";
import { atlasConfigSchema, type AtlasConfig } from "./schema.js";
import { schemaAtPath, schemaKind } from "./schema-walk.js";
import type { ConfigIssue, ConfigLayer, ConfigValueSource } from "./types.js";
import { invalidConfigError, validateConfigDocument } from "./validate.js";

/** Reads a file as UTF-8 text; returns `undefined` when it does not exist. */
export type ConfigFileReader = (path: string) => string | undefined;

/** Where `/etc` keeps the system-wide configuration. */
export const DEFAULT_SYSTEM_CONFIG_DIR = "/etc/aws-atlas";

/** Options for {@link resolveConfig} and {@link validateConfig}. Nothing is read from `process`. */
export interface ResolveConfigOptions {
  /**
   * Command-line overrides in the schema's keys, nested (`{ aws: { profile: "x" } }`) or dotted
   * (`{ "performance.max_workers": "9" }`). Strings are converted to the schema's types;
   * `undefined` values are ignored.
   */
  flags?: Readonly<Record<string, unknown>>;
  /** The environment (`process.env` in the CLI). */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory searched for the project file `aws-atlas.{yml,yaml,json,toml}`. */
  cwd: string;
  /** Home directory holding `~/.aws-atlas/config.*`; also expands `~` in paths. */
  homeDir: string;
  /** The `--config` file; wins over `AWS_ATLAS_CONFIG` and the project file. */
  configFile?: string;
  /** Directory of the system file `config.*`. Default `/etc/aws-atlas`. */
  systemDir?: string;
  /** File reader; default reads the local file system. */
  readFile?: ConfigFileReader;
  /**
   * Leave `${VAR}` references to unset variables in place and report them as warnings, not
   * errors (for checking a file where its secrets are not available).
   */
  allowMissingVariables?: boolean;
}

/** The effective configuration with its provenance. */
export interface ResolvedConfig {
  config: AtlasConfig;
  /** Where each effective value came from, keyed by key path (lists count as one value). */
  sources: Record<string, ConfigValueSource>;
  warnings: ConfigIssue[];
  /** Every file read, lowest precedence first (system, user, then the project or --config file; bases before the files that extend them). */
  files: string[];
  /** The layers before merging, lowest precedence first (used by {@link securityCheck}). */
  layers: ConfigLayer[];
}

/** The outcome of {@link validateConfig}: everything {@link ResolvedConfig} has, and the errors. */
export interface ConfigValidation {
  /** No errors. */
  ok: boolean;
  /**
   * The effective configuration; set whenever `ok`, except with `allowMissingVariables` when a
   * value left as `${VAR}` does not fit its key (a URL, a number).
   */
  config?: AtlasConfig;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
  sources: Record<string, ConfigValueSource>;
  files: string[];
  layers: ConfigLayer[];
}

function defaultReadFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

/**
 * Expand a leading `~` to the home directory.
 *
 * @example
 * expandHome("~/.aws-atlas/atlas.db", "/home/me"); // "/home/me/.aws-atlas/atlas.db"
 */
export function expandHome(path: string, homeDir: string): string {
  if (path === "~") return homeDir;
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(homeDir, path.slice(2));
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type FileKind = "file" | "user" | "system";

interface Loader {
  read: ConfigFileReader;
  homeDir: string;
  layers: ConfigLayer[];
  files: string[];
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

function readText(loader: Loader, file: string): { text?: string; failed: boolean } {
  try {
    const text = loader.read(file);
    return text === undefined ? { failed: false } : { text, failed: false };
  } catch (error) {
    loader.errors.push({ path: "", file, message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` });
    return { failed: true };
  }
}

/** Load a file and, first, the files it extends; push their layers lowest first. */
function loadChain(loader: Loader, file: string, kind: FileKind, chain: readonly string[], text: string): void {
  const parsed = parseConfigText(text, { file });
  if (parsed.errors.length > 0) {
    loader.files.push(file);
    loader.errors.push(...parsed.errors);
    return;
  }
  if (!isRecord(parsed.data)) {
    loader.files.push(file);
    loader.errors.push({ path: "", file, message: `the configuration must be a mapping of keys to values, got ${Array.isArray(parsed.data) ? "a list" : JSON.stringify(parsed.data)}` });
    return;
  }
  const { extends: extendsValue, ...rest } = parsed.data;
  if (extendsValue !== undefined && extendsValue !== null) {
    const targets = typeof extendsValue === "string" ? [extendsValue] : Array.isArray(extendsValue) && extendsValue.every((item) => typeof item === "string") ? (extendsValue) : undefined;
    if (!targets) {
      loader.errors.push({ path: "extends", file, message: "expected a file path or a list of file paths" });
    } else {
      for (const target of targets) {
        const base = resolvePath(dirname(file), expandHome(target, loader.homeDir));
        const nextChain = [...chain, file];
        if (nextChain.includes(base)) {
          loader.errors.push({ path: "extends", file, message: `extends cycle: ${[...nextChain.slice(nextChain.indexOf(base)), base].join(" -> ")}` });
          continue;
        }
        if (nextChain.length > 32) {
          loader.errors.push({ path: "extends", file, message: "extends chain longer than 32 files" });
          continue;
        }
        const read = readText(loader, base);
        if (read.failed) continue;
        if (read.text === undefined) {
          loader.errors.push({ path: "extends", file, message: `extended file not found: ${base}` });
          continue;
        }
        loadChain(loader, base, kind, nextChain, read.text);
      }
    }
  }
  loader.files.push(file);
  const aliased = applySectionAliases(rest);
  for (const error of aliased.errors) loader.errors.push({ ...error, file });
  loader.layers.push({ source: kind, file, data: aliased.data });
}

function loadOptional(loader: Loader, dir: string, baseName: string, kind: FileKind): void {
  const found: { file: string; text: string }[] = [];
  for (const extension of Object.keys(CONFIG_EXTENSIONS)) {
    const file = join(dir, baseName + extension);
    const read = readText(loader, file);
    if (read.text !== undefined) found.push({ file, text: read.text });
  }
  const [first, ...ignored] = found;
  if (!first) return;
  if (ignored.length > 0) {
    loader.warnings.push({ path: "", file: first.file, message: `several ${kind === "file" ? "project" : kind} configuration files found; using this one and ignoring ${ignored.map((f) => f.file).join(", ")}` });
  }
  loadChain(loader, first.file, kind, [], first.text);
}

function loadRequired(loader: Loader, file: string, how: string): void {
  const read = readText(loader, file);
  if (read.failed) return;
  if (read.text === undefined) {
    loader.errors.push({ path: "", file, message: `configuration file not found (${how})` });
    return;
  }
  loadChain(loader, file, "file", [], read.text);
}

const FILE_KINDS = new Set(["file", "user", "system"]);

/** Interpolate `${VAR}` in values that came from files; report missing variables with their key path. */
function interpolate(
  data: Record<string, unknown>,
  provenance: Provenance,
  env: Readonly<Record<string, string | undefined>>,
  allowMissing: boolean,
  errors: ConfigIssue[],
  warnings: ConfigIssue[],
): Set<string> {
  const unresolved = new Set<string>();
  const visit = (node: unknown, path: KeyPath, set: (value: unknown) => void) => {
    if (typeof node === "string") {
      const source = provenance.lookup(path);
      if (!source || !FILE_KINDS.has(source.source)) return;
      const result = interpolateString(node, env);
      if (result.invalid) errors.push({ path: formatKeyPath(path), message: result.invalid, source });
      for (const name of result.missing) {
        const issue = { path: formatKeyPath(path), message: `environment variable ${name} is not set (use \${${name}:-default} to give a default)`, source };
        (allowMissing ? warnings : errors).push(issue);
        unresolved.add(issue.path);
      }
      if (result.variables.length > 0) provenance.addVariables(path, result.variables);
      if (result.value !== node && result.missing.length === 0) {
        const schema = schemaAtPath(atlasConfigSchema, path);
        const kind = schema ? schemaKind(schema) : "string";
        set(kind === "number" || kind === "integer" || kind === "boolean" ? coerceString(path, result.value).value : result.value);
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index], (value) => (node[index] = value)));
    } else if (isRecord(node)) {
      for (const key of Object.keys(node)) {
        visit(node[key], [...path, key], (value) => Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true }));
      }
    }
  };
  visit(data, [], () => undefined);
  return unresolved;
}

/** Every effective value's key path and source; lists and empty objects count as one value. */
function sourcesOf(config: unknown, provenance: Provenance): Record<string, ConfigValueSource> {
  const sources: Record<string, ConfigValueSource> = {};
  const visit = (node: unknown, path: KeyPath) => {
    if (isRecord(node) && Object.keys(node).length > 0) {
      for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
      return;
    }
    if (node === undefined) return;
    sources[formatKeyPath(path)] = provenance.exact(path) ?? { source: "default" };
  };
  visit(config, []);
  return sources;
}

/**
 * Load, merge, interpolate and validate the configuration from every source, and report all
 * problems at once. Never throws for bad input: parse errors (with line and column), missing
 * variables, `extends` cycles and schema errors (with key paths) are all in `errors`.
 *
 * Precedence, highest first: flags; environment (`AWS_ATLAS_<SECTION>__<KEY>`, `AWS_PROFILE`,
 * `AWS_REGION`, `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL`, `AWS_ATLAS_DB`, ...); the `--config`
 * file, else `AWS_ATLAS_CONFIG`, else `./aws-atlas.{yml,yaml,json,toml}`; the user file
 * `~/.aws-atlas/config.*`; the system file `/etc/aws-atlas/config.*`; defaults.
 *
 * @example
 * const result = validateConfig({ env: process.env, cwd: process.cwd(), homeDir: os.homedir() });
 * if (!result.ok) for (const e of result.errors) console.error(formatConfigIssue(e));
 */
export function validateConfig(options: ResolveConfigOptions): ConfigValidation {
  const loader: Loader = { read: options.readFile ?? defaultReadFile, homeDir: options.homeDir, layers: [], files: [], errors: [], warnings: [] };
  const absolute = (file: string) => {
    const expanded = expandHome(file, options.homeDir);
    return isAbsolute(expanded) ? expanded : resolvePath(options.cwd, expanded);
  };

  loadOptional(loader, options.systemDir ?? DEFAULT_SYSTEM_CONFIG_DIR, "config", "system");
  loadOptional(loader, join(options.homeDir, ".aws-atlas"), "config", "user");
  const fromEnv = options.env.AWS_ATLAS_CONFIG;
  if (options.configFile !== undefined && options.configFile !== "") loadRequired(loader, absolute(options.configFile), "--config");
  else if (fromEnv !== undefined && fromEnv !== "") loadRequired(loader, absolute(fromEnv), "AWS_ATLAS_CONFIG");
  else loadOptional(loader, options.cwd, "aws-atlas", "file");

  const env = envLayer(options.env);
  const flags = flagsLayer(options.flags ?? {});
  const layers = [...loader.layers, env.layer, flags.layer];
  const errors = [...loader.errors, ...env.errors, ...flags.errors];
  const warnings = [...loader.warnings];

  const { data, provenance } = mergeLayers(layers);
  const unresolved = interpolate(data, provenance, options.env, options.allowMissingVariables === true, errors, warnings);
  const validation = validateConfigDocument(data, { sourceOf: (path) => provenance.near(path) });
  // A value still holding an unresolved ${VAR} is already reported; its schema error would repeat it.
  errors.push(...validation.errors.filter((issue) => !unresolved.has(issue.path)));
  warnings.push(...validation.warnings);
  const sources = validation.config ? sourcesOf(validation.config, provenance) : sourcesOf(data, provenance);
  // With allowMissingVariables a value holding an unresolved ${VAR} may fail to parse: no error, but no config either.
  const ok = errors.length === 0;
  const config = ok ? validation.config : undefined;
  return { ok, ...(config ? { config } : {}), errors, warnings, sources, files: loader.files, layers };
}

/**
 * Resolve the effective configuration (see {@link validateConfig} for the precedence), or throw
 * AtlasError INVALID_CONFIG listing every error with its key path.
 *
 * @example
 * const { config, sources } = resolveConfig({ flags: { aws: { profile } }, env: process.env, cwd: process.cwd(), homeDir: os.homedir() });
 */
export function resolveConfig(options: ResolveConfigOptions): ResolvedConfig {
  const result = validateConfig(options);
  if (!result.ok) throw invalidConfigError(result.errors, result.warnings);
  if (!result.config) {
    const unresolved = result.warnings.filter((issue) => issue.message.startsWith("environment variable "));
    throw invalidConfigError(unresolved, result.warnings);
  }
  return { config: result.config, sources: result.sources, warnings: result.warnings, files: result.files, layers: result.layers };
}
