import {
  AtlasError,
  createAtlas,
  resolveConfig,
  type Atlas,
  type ResolvedConfig,
  type SnapshotFilters,
} from "@aws-atlas/sdk";
import type { CliContext } from "./command.js";

/** Configuration values a command's own flags set, as dotted key paths (`performance.max_rps`). */
export type FlagOverrides = Record<string, unknown>;

/** The global flags as configuration key paths, then the command's own. */
export function configFlags(ctx: CliContext, overrides: FlagOverrides = {}): FlagOverrides {
  const g = ctx.globals;
  const flags: FlagOverrides = {
    "aws.profile": g.profile,
    "aws.region": g.region,
    "aws.endpoint_url": g.endpointUrl,
    "database.url": g.db,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
}

/**
 * Resolve the effective configuration for this run: flags, environment, files, defaults.
 *
 * @example
 * const { config, warnings } = loadCliConfig(ctx);
 */
export function loadCliConfig(ctx: CliContext, overrides: FlagOverrides = {}, allowMissingVariables = false): ResolvedConfig {
  const resolved = resolveConfig({
    flags: configFlags(ctx, overrides),
    env: ctx.env,
    cwd: ctx.cwd,
    homeDir: ctx.homeDir,
    configFile: ctx.globals.config,
    allowMissingVariables,
  });
  // Only settings someone wrote down: the schema's default level (info) is chattier than the command's (warn).
  const setBy = (path: string) => (resolved.sources[path]?.source ?? "default") !== "default";
  const logging = resolved.config.monitoring.logging;
  ctx.configureLogging({
    ...(setBy("monitoring.logging.level") ? { level: logging.level } : {}),
    ...(setBy("monitoring.logging.format") ? { format: logging.format } : {}),
  });
  return resolved;
}

/**
 * The SDK facade for this run, closed when the command ends.
 *
 * @example
 * const atlas = openAtlas(ctx);
 * const regions = await atlas.regions();
 */
export function openAtlas(ctx: CliContext, overrides: FlagOverrides = {}): Atlas {
  const resolved = loadCliConfig(ctx, overrides);
  for (const warning of resolved.warnings) ctx.logger.debug(`config: ${warning.path}: ${warning.message}`);
  const atlas = createAtlas({
    config: resolved.config,
    env: ctx.env,
    homeDir: ctx.homeDir,
    clock: ctx.clock,
    logger: ctx.logger,
  });
  ctx.defer(() => atlas.close());
  return atlas;
}

/** Filter flags shared by the availability commands (CONTRACTS.md "Filters"). */
export const filterArgs = {
  "include-services": { type: "string", description: "keep services matching these globs (code or name; comma-separated or repeated)" },
  "exclude-services": { type: "string", description: "drop services matching these globs" },
  "include-regions": { type: "string", description: "keep regions matching these globs (code or name)" },
  "exclude-regions": { type: "string", description: "drop regions matching these globs" },
  "min-services": { type: "string", description: "drop regions offering fewer services than this", valueHint: "N" },
} as const;

/** Read the filter flags, falling back to the configuration's `filters` section. */
export function readFilters(args: Record<string, unknown>, ctx: CliContext): SnapshotFilters {
  const list = (key: string): string[] | undefined => {
    const raw = args[key];
    if (raw === undefined || raw === false) return undefined;
    const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(",")).map((v) => v.trim()).filter(Boolean);
    return values.length > 0 ? values : undefined;
  };
  const min = args["min-services"];
  let minServices: number | undefined;
  if (min !== undefined) {
    minServices = Number(min);
    if (!Number.isInteger(minServices) || minServices < 0) {
      throw invalid(`--min-services ${JSON.stringify(min)} is not a whole number`, "Use --min-services N with N >= 0.");
    }
  }
  // command-line filters replace the configuration's, one filter at a time
  const configured = loadCliConfig(ctx).config.filters;
  const orConfigured = (values: readonly string[]) => (values.length > 0 ? [...values] : undefined);
  return {
    includeServices: list("include-services") ?? orConfigured(configured.services.include),
    excludeServices: list("exclude-services") ?? orConfigured(configured.services.exclude),
    includeRegions: list("include-regions") ?? orConfigured(configured.regions.include),
    excludeRegions: list("exclude-regions") ?? orConfigured(configured.regions.exclude),
    minServices: minServices ?? (configured.capacity.min_services > 0 ? configured.capacity.min_services : undefined),
  };
}

/** Read a positive integer flag. */
export function readPositiveInt(args: Record<string, unknown>, key: string): number | undefined {
  const raw = args[key];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw invalid(`--${key} ${JSON.stringify(raw)} is not a positive number`, `Use --${key} N with N > 0.`);
  return n;
}

function invalid(message: string, hint: string): AtlasError {
  return new AtlasError("INVALID_ARGUMENT", message, { hint });
}
