import type { ArgsDef, ParsedArgs } from "citty";
import type { Clock, Logger } from "@aws-atlas/sdk";
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
  subCommands?: Record<string, AtlasCommand<ArgsDef>>;
  run?: (args: ParsedArgs<A>, ctx: CliContext) => unknown;
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
