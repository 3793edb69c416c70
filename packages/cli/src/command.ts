import type { ArgsDef, ParsedArgs } from "citty";
import type { Clock, Logger, LogLevel } from "@aws-atlas/sdk/core";
import type { GlobalFlags } from "./globals.js";
import type { Output } from "./output.js";

/** What a command receives besides its own arguments. */
export interface CliContext {
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  readonly homeDir: string;
  readonly globals: GlobalFlags;
  readonly out: Output;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Apply the configuration's logging settings (`monitoring.logging`) where the command line left
   * them open: `--log-level` and `--quiet` win.
   */
  configureLogging(settings: { level?: LogLevel; format?: "text" | "json" }): void;
  readonly signal: AbortSignal;
  /** Set a non-zero exit code without throwing (e.g. 5 for a partial result). */
  exitCode: number;
  /** Register a clean-up that runs when the command ends, whatever happens. */
  defer(cleanup: () => unknown): void;
}

/** One `aws-atlas` command: metadata, citty argument definitions, examples and a run function. */
export interface AtlasCommand<A extends ArgsDef = ArgsDef> {
  meta: { name: string; description: string };
  args?: A;
  examples?: string[];
  subCommands?: Record<string, AtlasCommand<ArgsDef> | LazyCommand>;
  run?: (args: ParsedArgs<A>, ctx: CliContext) => unknown;
}

/** A command whose module loads only when it runs (or its help is shown), to keep start-up small. */
export interface LazyCommand {
  meta: { name: string; description: string };
  load: () => Promise<AtlasCommand<ArgsDef>>;
}

/**
 * A {@link LazyCommand}.
 *
 * @example
 * lazyCommand("scan", "Crawl AWS", () => import("./commands/availability.js").then((m) => m.scanCommand));
 */
export function lazyCommand(name: string, description: string, load: () => Promise<AtlasCommand<ArgsDef>>): LazyCommand {
  return { meta: { name, description }, load };
}

/** Load a command if it is lazy. */
export async function loadCommand(command: AtlasCommand<ArgsDef> | LazyCommand): Promise<AtlasCommand<ArgsDef>> {
  return "load" in command ? command.load() : command;
}

/**
 * Identity helper that types a command's `run` from its `args`.
 *
 * @example
 * export const hello = defineAtlasCommand({
 *   meta: { name: "hello", description: "Say hello" },
 *   args: { name: { type: "positional", required: true } },
 *   run: (args, ctx) => ctx.out.text(`hello ${args.name}`),
 * });
 */
export function defineAtlasCommand<A extends ArgsDef>(def: AtlasCommand<A>): AtlasCommand<ArgsDef> {
  return def as unknown as AtlasCommand<ArgsDef>;
}
