import type { AtlasConfig } from "./schema.js";
import { yaml } from "./lazy-parsers.js";
import { maskSecrets } from "./secrets.js";
import { describeSource, type ConfigValueSource } from "./types.js";

/** What {@link showConfig} and {@link showConfigData} read: a resolved configuration. */
export interface ShowConfigInput {
  config: AtlasConfig;
  sources: Record<string, ConfigValueSource>;
}

/** Options for {@link showConfig}. */
export interface ShowConfigOptions {
  /** Say where each value came from. */
  sources?: boolean;
  /** `text` (YAML, or a table with sources), `yaml` or `json`. Default `text`. */
  format?: "text" | "yaml" | "json";
}

/** The data behind `config show --json`: the effective configuration with secrets masked. */
export interface ShowConfigData {
  config: AtlasConfig;
  sources?: Record<string, ConfigValueSource>;
}

const PATH_TOKEN = /[^.[\]]+|\["(?:[^"\\]|\\.)*"\]|\[\d+\]/g;

/** Split a formatted key path (`a.b[0]["x.y"]`) back into its segments. */
function pathSegments(keyPath: string): (string | number)[] {
  return (keyPath.match(PATH_TOKEN) ?? []).map((token) =>
    token.startsWith('["') ? (JSON.parse(token.slice(1, -1)) as string) : token.startsWith("[") ? Number(token.slice(1, -1)) : token,
  );
}

function valueAt(config: unknown, path: readonly (string | number)[]): unknown {
  let node = config;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * The effective configuration with secrets masked, and optionally the source of each value.
 * This is what `config show --json` prints.
 *
 * @example
 * const { config } = showConfigData(resolveConfig(options));
 */
export function showConfigData(resolved: ShowConfigInput, options: { sources?: boolean } = {}): ShowConfigData {
  const config = maskSecrets(resolved.config);
  return options.sources ? { config, sources: { ...resolved.sources } } : { config };
}

/**
 * Render the effective configuration for `config show`. Secrets are masked in every format.
 * With `sources`, text output is one line per value: key, value, and where it came from.
 *
 * @example
 * stdout.write(showConfig(resolved, { sources: true }));
 * // performance.max_workers  9  env AWS_ATLAS_PERFORMANCE__MAX_WORKERS
 */
export function showConfig(resolved: ShowConfigInput, options: ShowConfigOptions = {}): string {
  const format = options.format ?? "text";
  const data = showConfigData(resolved, { sources: options.sources === true });
  if (format === "json") return JSON.stringify(options.sources ? data : data.config, null, 2) + "\n";
  if (format === "yaml" || !options.sources) {
    return yaml().stringify(options.sources && format === "yaml" ? data : data.config, { lineWidth: 0 });
  }
  const rows = Object.entries(resolved.sources).map(([key, source]) => {
    const path = pathSegments(key);
    return [key, JSON.stringify(maskSecrets(valueAt(resolved.config, path), path)) ?? "undefined", describeSource(source)] as const;
  });
  const keyWidth = Math.max(...rows.map(([key]) => key.length), 3);
  const valueWidth = Math.min(Math.max(...rows.map(([, value]) => value.length), 5), 48);
  return rows.map(([key, value, source]) => `${key.padEnd(keyWidth)}  ${value.padEnd(valueWidth)}  ${source}`).join("\n") + "\n";
}
