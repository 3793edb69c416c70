import { AtlasError, LOG_LEVELS, type LogLevel } from "@aws-atlas/sdk/core";

/** Flags accepted by every command, wherever they appear on the command line. */
export interface GlobalFlags {
  config?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  db?: string;
  json: boolean;
  quiet: boolean;
  logLevel: LogLevel;
  /** `--log-level` was given: it then beats the configuration's `monitoring.logging.level`. */
  logLevelGiven: boolean;
  color: boolean;
  progress: boolean;
  help: boolean;
  version: boolean;
}

interface GlobalFlagSpec {
  key: keyof GlobalFlags;
  takesValue: boolean;
  valueHint?: string;
  description: string;
}

/** Global flags in the order `--help` lists them. */
export const GLOBAL_FLAGS: Record<string, GlobalFlagSpec> = {
  "--config": { key: "config", takesValue: true, valueHint: "FILE", description: "configuration file (YAML, JSON or TOML)" },
  "--profile": { key: "profile", takesValue: true, valueHint: "NAME", description: "AWS profile" },
  "--region": { key: "region", takesValue: true, valueHint: "CODE", description: "AWS API endpoint region (default us-east-1)" },
  "--endpoint-url": { key: "endpointUrl", takesValue: true, valueHint: "URL", description: "endpoint for all AWS calls" },
  "--db": { key: "db", takesValue: true, valueHint: "URL", description: "database URL (default sqlite:~/.aws-atlas/atlas.db)" },
  "--json": { key: "json", takesValue: false, description: "machine output on stdout" },
  "--quiet": { key: "quiet", takesValue: false, description: "only results and errors" },
  "--log-level": { key: "logLevel", takesValue: true, valueHint: "debug|info|warn|error", description: "log verbosity on stderr" },
  "--no-color": { key: "color", takesValue: false, description: "plain text without colours" },
  "--no-progress": { key: "progress", takesValue: false, description: "no progress bar" },
  "--help": { key: "help", takesValue: false, description: "show help" },
  "--version": { key: "version", takesValue: false, description: "show the version" },
};

const SHORT_ALIASES: Record<string, string> = { "-h": "--help", "-V": "--version", "-q": "--quiet" };

/**
 * Take the global flags out of argv, wherever they are, and return them with the rest.
 *
 * @example
 * extractGlobalFlags(["--db", "sqlite::memory:", "scan", "--json"], {});
 */
export function extractGlobalFlags(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { globals: GlobalFlags; rest: string[] } {
  const globals: GlobalFlags = {
    json: false,
    quiet: false,
    logLevel: "warn",
    logLevelGiven: false,
    color: env.NO_COLOR === undefined || env.NO_COLOR === "",
    progress: true,
    help: false,
    version: false,
  };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? "";
    if (raw === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
    const name = SHORT_ALIASES[raw] ?? (eq > 0 ? raw.slice(0, eq) : raw);
    const spec = GLOBAL_FLAGS[name];
    if (!spec) {
      rest.push(raw);
      continue;
    }
    if (!spec.takesValue) {
      const value = !name.startsWith("--no-");
      (globals as unknown as Record<string, unknown>)[spec.key] = value;
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = raw.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === "" || (value.startsWith("--") && eq < 0)) {
      throw new AtlasError("INVALID_ARGUMENT", `${name} needs a value`, { hint: `Use ${name} ${spec.valueHint ?? "VALUE"}.` });
    }
    (globals as unknown as Record<string, unknown>)[spec.key] = value;
    if (spec.key === "logLevel") globals.logLevelGiven = true;
  }
  if (!(LOG_LEVELS as readonly string[]).includes(globals.logLevel)) {
    throw new AtlasError("INVALID_ARGUMENT", `--log-level ${String(globals.logLevel)} is not a log level`, {
      hint: `Use one of ${LOG_LEVELS.join(", ")}.`,
    });
  }
  return { globals, rest };
}

/** The global flags section of `--help`. */
export function renderGlobalFlags(): string {
  const lines = Object.entries(GLOBAL_FLAGS).map(([flag, spec]) => {
    const left = spec.takesValue ? `${flag} ${spec.valueHint ?? ""}` : flag;
    return `  ${left.padEnd(34)}${spec.description}`;
  });
  return ["GLOBAL OPTIONS", "", ...lines].join("\n");
}
