/** Where a configuration value came from, highest precedence first (`default` is lowest). */
export const CONFIG_SOURCE_KINDS = ["flag", "env", "file", "user", "system", "default"] as const;

/** One of {@link CONFIG_SOURCE_KINDS}. */
export type ConfigSourceKind = (typeof CONFIG_SOURCE_KINDS)[number];

/** The provenance of one effective value. */
export interface ConfigValueSource {
  source: ConfigSourceKind;
  /** The file that set it (for `file`, `user` and `system`, including files reached through `extends`). */
  file?: string;
  /** The environment variable that set it (for `env`). */
  envVar?: string;
  /** Environment variables substituted into it through `${VAR}`. */
  variables?: string[];
}

/** A problem found in the configuration: an error or a warning. */
export interface ConfigIssue {
  /** Key path such as `performance.max_workers`; empty when the issue concerns a whole file. */
  path: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Where the offending value came from, when known. */
  source?: ConfigValueSource;
}

/** One layer of the configuration before merging: a file, the environment or the flags. */
export interface ConfigLayer {
  source: Exclude<ConfigSourceKind, "default">;
  /** The file this layer was read from. */
  file?: string;
  /** The data as written (before `${VAR}` interpolation), with `extends` removed and aliases applied. */
  data: Record<string, unknown>;
  /** For the env layer: the variable behind each key path. */
  envVars?: Record<string, string>;
}

/**
 * Describe a source in a few words: `env AWS_ATLAS_PERFORMANCE__MAX_WORKERS`, `file ./aws-atlas.yml`.
 *
 * @example
 * describeSource({ source: "user", file: "/home/me/.aws-atlas/config.yml" }); // "user /home/me/.aws-atlas/config.yml"
 */
export function describeSource(source: ConfigValueSource): string {
  const parts: string[] = [source.source];
  if (source.envVar) parts.push(source.envVar);
  if (source.file) parts.push(source.file);
  if (source.variables && source.variables.length > 0) parts.push(`via ${source.variables.map((name) => "${" + name + "}").join(", ")}`);
  return parts.join(" ");
}

/**
 * One line for an issue: `file:line:column: path: message (source)`.
 *
 * @example
 * formatConfigIssue({ path: "performance.max_workers", message: "expected an integer, got \"x\"" });
 */
export function formatConfigIssue(issue: ConfigIssue): string {
  let location = "";
  if (issue.file) {
    location = issue.file;
    if (issue.line !== undefined) location += `:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ""}`;
    location += ": ";
  }
  const path = issue.path ? `${issue.path}: ` : "";
  const from = issue.source && !(issue.file && issue.source.file === issue.file) ? ` (${describeSource(issue.source)})` : "";
  return `${location}${path}${issue.message}${from}`;
}
