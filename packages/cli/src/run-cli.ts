import { homedir } from "node:os";
import { parseArgs, renderUsage, type ArgsDef, type CommandDef } from "citty";
import {
  AtlasError,
  createStreamLogger,
  fixedClock,
  suggestKey,
  systemClock,
  toAtlasError,
  type Clock,
  type Logger,
} from "@aws-atlas/sdk/core";
import { loadCommand, type AtlasCommand, type CliContext } from "./command.js";
import { EXIT, EXIT_CODE_BY_ERROR } from "./exit-codes.js";
import { extractGlobalFlags, renderGlobalFlags, type GlobalFlags } from "./globals.js";
import { Output, type OutputStream } from "./output.js";
import { rootCommand, VERSION } from "./commands/root.js";

/** Options for {@link runCli}: everything the process would otherwise provide. */
export interface RunCliOptions {
  argv: readonly string[];
  env?: Record<string, string | undefined>;
  stdout?: OutputStream;
  stderr?: OutputStream;
  cwd?: string;
  homeDir?: string;
  signal?: AbortSignal;
}

/**
 * Run `aws-atlas` with the given arguments and streams; resolves to the exit code.
 *
 * @example
 * const code = await runCli({ argv: ["where", "bedrock", "--json"], stdout, stderr });
 */
export async function runCli(options: RunCliOptions): Promise<number> {
  const env = options.env ?? {};
  const stdout = options.stdout ?? { write: () => true };
  const stderr = options.stderr ?? { write: () => true };
  let globals: GlobalFlags | undefined;
  let out = new Output(stdout, stderr, { json: options.argv.includes("--json"), quiet: false, color: false, progress: false });
  const cleanups: (() => unknown)[] = [];
  try {
    const extracted = extractGlobalFlags(options.argv, env);
    globals = extracted.globals;
    out = new Output(stdout, stderr, globals);
    const { chain, rest } = await resolveCommand(rootCommand, extracted.rest);
    const command = chain[chain.length - 1] ?? rootCommand;

    if (globals.version && chain.length === 1) {
      stdout.write(`${VERSION}\n`);
      return EXIT.OK;
    }
    if (globals.help || !command.run) {
      if (!globals.help && command.subCommands && rest.length > 0) {
        throw unknownCommand(rest[0] ?? "", command);
      }
      stdout.write((await renderHelp(chain)) + "\n");
      return globals.help || chain.length === 1 ? EXIT.OK : EXIT.INVALID_INPUT;
    }

    const args = parseCommandArgs(command, rest, chain.slice(1).map((c) => c.meta.name).join(" "));
    const flags = globals;
    let logFormat: "text" | "json" = "text";
    const streamLogger = () =>
      createStreamLogger({ write: (line) => stderr.write(line), level: flags.quiet ? "warn" : flags.logLevel, format: logFormat });
    let sink = streamLogger();
    // Commands keep this object; configureLogging swaps what is behind it.
    const logger: Logger = {
      debug: (message, fields) => sink.debug(message, fields),
      info: (message, fields) => sink.info(message, fields),
      warn: (message, fields) => sink.warn(message, fields),
      error: (message, fields) => sink.error(message, fields),
    };
    const ctx: CliContext = {
      env,
      cwd: options.cwd ?? process.cwd(),
      homeDir: options.homeDir ?? homedir(),
      globals,
      out,
      clock: createClock(env),
      logger,
      configureLogging: ({ level, format }) => {
        if (level !== undefined && !flags.logLevelGiven && !flags.quiet) flags.logLevel = level;
        if (format !== undefined) logFormat = format;
        sink = streamLogger();
      },
      signal: options.signal ?? new AbortController().signal,
      exitCode: EXIT.OK,
      defer: (cleanup) => cleanups.push(cleanup),
    };
    await command.run(args as never, ctx);
    out.clearProgress();
    return ctx.exitCode;
  } catch (error) {
    return renderError(error, out, globals);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // a failing clean-up must not hide the command's own outcome
      }
    }
  }
}

function createClock(env: Record<string, string | undefined>): Clock {
  const fixed = env.AWS_ATLAS_NOW;
  if (!fixed) return systemClock;
  const date = new Date(fixed);
  if (Number.isNaN(date.getTime())) {
    throw new AtlasError("INVALID_ARGUMENT", `AWS_ATLAS_NOW=${fixed} is not a date-time`, {
      hint: "Use an ISO date-time such as 2026-03-01T12:00:00Z.",
    });
  }
  return fixedClock(date);
}

async function resolveCommand(root: AtlasCommand, argv: string[]): Promise<{ chain: AtlasCommand[]; rest: string[] }> {
  const chain = [root];
  let rest = argv;
  let current = root;
  for (;;) {
    if (!current.subCommands) break;
    const index = rest.findIndex((a) => !a.startsWith("-"));
    if (index < 0) break;
    const name = rest[index] ?? "";
    const entry = current.subCommands[name];
    if (!entry) {
      if (!current.run) throw unknownCommand(name, current);
      break;
    }
    const next = await loadCommand(entry);
    chain.push(next);
    rest = [...rest.slice(0, index), ...rest.slice(index + 1)];
    current = next;
  }
  return { chain, rest };
}

function unknownCommand(name: string, parent: AtlasCommand): AtlasError {
  const names = Object.keys(parent.subCommands ?? {});
  const suggestion = suggestKey(name, names);
  return new AtlasError("INVALID_ARGUMENT", `Unknown command "${name}"`, {
    hint: suggestion ? `Did you mean "${suggestion}"? Run with --help to list commands.` : "Run with --help to list commands.",
  });
}

function parseCommandArgs(command: AtlasCommand, rest: string[], commandPath = command.meta.name): Record<string, unknown> {
  const defs: ArgsDef = command.args ?? {};
  const known = new Set<string>();
  for (const [name, def] of Object.entries(defs)) {
    if (def.type === "positional") continue;
    known.add(name);
    known.add(kebab(name));
    const aliases = "alias" in def ? def.alias : undefined;
    for (const alias of aliases === undefined ? [] : Array.isArray(aliases) ? aliases : [aliases]) known.add(alias);
  }
  for (const token of rest) {
    if (token === "--") break;
    // a lone "-" is a value (stdout/stdin), as in `config init --out -`
    if (!token.startsWith("-") || token === "-" || /^-\d/.test(token)) continue;
    const name = token.replace(/^--?(no-)?/, "").split("=")[0] ?? "";
    if (!known.has(name)) {
      const suggestion = suggestKey(name, [...known]);
      throw new AtlasError("INVALID_ARGUMENT", `Unknown option ${token.split("=")[0] ?? token} for "${commandPath}"`, {
        hint: suggestion ? `Did you mean --${suggestion}?` : `Run "aws-atlas ${commandPath} --help" to list its options.`,
      });
    }
  }
  const positionals = Object.entries(defs).filter(([, d]) => d.type === "positional");
  const given = rest.filter((t) => !t.startsWith("-")).length;
  try {
    const parsed = parseArgs(joinDashValues(rest, defs), defs) as Record<string, unknown>;
    if (positionals.length === 0 && given > 0) {
      const extra = (parsed._ as string[] | undefined)?.[0];
      if (extra !== undefined) {
        throw new AtlasError("INVALID_ARGUMENT", `Unexpected argument "${extra}" for "${commandPath}"`, {
          hint: `Run "aws-atlas ${commandPath} --help" for usage.`,
        });
      }
    }
    return parsed;
  } catch (error) {
    if (error instanceof AtlasError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AtlasError("INVALID_ARGUMENT", message, { hint: `Run "aws-atlas ${commandPath} --help" for usage.` });
  }
}

/** `--out -` becomes `--out=-`: citty's parser would otherwise read the lone dash as an empty value. */
function joinDashValues(rest: string[], defs: ArgsDef): string[] {
  const joined: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] ?? "";
    const def = token.startsWith("--") && !token.includes("=") ? defs[token.slice(2)] : undefined;
    if (def?.type === "string" && rest[i + 1] === "-") {
      joined.push(`${token}=-`);
      i++;
    } else joined.push(token);
  }
  return joined;
}

async function renderHelp(chain: AtlasCommand[]): Promise<string> {
  const command = chain[chain.length - 1] ?? rootCommand;
  // Sub-commands are listed by name and description only, so lazy ones need not load for help.
  const toCitty = (c: Pick<AtlasCommand, "meta" | "args" | "subCommands">, path: string): CommandDef => ({
    meta: { name: path, description: c.meta.description, version: VERSION },
    args: c.args ?? {},
    subCommands: c.subCommands
      ? Object.fromEntries(Object.entries(c.subCommands).map(([k, v]) => [k, toCitty({ meta: v.meta }, k)]))
      : undefined,
  });
  const path = chain.map((c) => c.meta.name).join(" ");
  const usage = (await renderUsage(toCitty(command, path))).replace(/`/g, "").replace(ANSI_ESCAPES, "");
  const parts = [usage.split("\n").map((l) => l.trimEnd()).join("\n").trimEnd(), "", renderGlobalFlags()];
  if (command.examples && command.examples.length > 0) {
    parts.push("", "EXAMPLES", "", ...command.examples.map((e) => `  ${e}`));
  }
  return parts.join("\n");
}

function renderError(error: unknown, out: Output, globals: GlobalFlags | undefined): number {
  const atlasError = toAtlasError(error);
  const code = EXIT_CODE_BY_ERROR[atlasError.code];
  const line =
    atlasError.code === "INTERNAL"
      ? `Unexpected error: ${atlasError.message}. Please report it with --log-level debug output.`
      : // a configuration with a single error (e.g. `--db ftp://x`) fits on the one line errors get
        atlasError.toLine().replace(/^Invalid configuration \(1 error\):\n\s*/, "Invalid configuration: ");
  out.error(line);
  if (globals?.logLevel === "debug") {
    const stack = atlasError.cause instanceof Error ? atlasError.cause.stack : atlasError.stack;
    if (stack) out.stderr.write(stack + "\n");
  }
  if (globals?.json ?? out.flags.json) {
    out.json({ error: { code: atlasError.code, message: atlasError.toLine() } });
  }
  return code;
}

// eslint-disable-next-line no-control-regex -- stripping colour codes is the point
const ANSI_ESCAPES = /\x1b\[[0-9;]*m/g;

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
