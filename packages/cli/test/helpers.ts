import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  loadGlobalInfrastructure,
  startAwsServer,
  type AwsServer,
  type FaultOptionsInput,
  type GlobalInfrastructureData,
  type StartAwsServerOptions,
} from "@aws-atlas/testkit";
import { runCli } from "../src/index.js";

// The AWS SDK warns on Node 20 that future releases need Node 22; as bin.ts does, keep test output clean.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** The built CLI, for tests that need real processes. */
export const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/bin.js");

/** Faults that make the testkit answer as fast as it can: no latency, no throttling. */
export const FAST_FAULTS: FaultOptionsInput = {
  latency: { fixedMs: 0, jitterMs: 0 },
  throttle: { ssm: false, ce: false },
};

/** Start a testkit server without latency or throttling (unless told otherwise). */
export function startFastServer(options: StartAwsServerOptions = {}): Promise<AwsServer> {
  return startAwsServer({ ...options, faults: { ...FAST_FAULTS, ...options.faults } });
}

/**
 * AWS's data cut down to a few regions (and the services they offer), for tests that need whole scans
 * but not all 1,069 calls of one. Returns the data and its number of region/service pairs.
 */
export function smallInfrastructure(regionCodes: readonly string[]): { data: GlobalInfrastructureData; pairs: number } {
  const full = loadGlobalInfrastructure();
  const regions = Object.fromEntries(Object.entries(full.regions).filter(([code]) => regionCodes.includes(code)));
  const offered = new Set(Object.values(regions).flatMap((r) => r.services));
  const services = Object.fromEntries(
    Object.entries(full.services)
      .filter(([code]) => offered.has(code))
      .map(([code, service]) => [code, { ...service, regions: service.regions.filter((r) => regionCodes.includes(r)) }]),
  );
  const pairs = Object.values(regions).reduce((sum, r) => sum + r.services.length, 0);
  return { data: { ...full, regions, services }, pairs };
}

/** A scratch directory, removed by the returned clean-up. */
export function scratchDir(prefix = "atlas-cli-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One `aws-atlas` run's outcome. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not exactly one JSON document). */
  json<T = unknown>(): T;
}

/** Options for {@link createCli}. */
export interface CliHarnessOptions {
  /** The testkit server every call points at (`--endpoint-url`), unless `endpointUrl` is set. */
  server?: AwsServer;
  endpointUrl?: string;
  /** `sqlite:...` URL passed as `--db`, unless the argv has its own. */
  db?: string;
  /** Working directory and home directory of the runs (no stray config files). */
  dir: string;
  env?: Record<string, string | undefined>;
}

/**
 * A runner of in-process `aws-atlas` commands bound to one server, database and scratch directory.
 * Scans run at full speed: no client-side rate limit worth the name, many calls in flight.
 */
export function createCli(options: CliHarnessOptions) {
  const baseEnv: Record<string, string | undefined> = {
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
    AWS_ATLAS_PERFORMANCE__MAX_RPS: "1000",
    AWS_ATLAS_PERFORMANCE__MAX_WORKERS: "32",
    NO_COLOR: "1",
    ...options.env,
  };
  return async (
    argv: string[],
    extra: { env?: Record<string, string | undefined>; signal?: AbortSignal; stderrIsTTY?: boolean } = {},
  ): Promise<CliRun> => {
    const out: string[] = [];
    const err: string[] = [];
    const globals: string[] = [];
    const endpoint = options.endpointUrl ?? options.server?.url;
    if (endpoint && !argv.includes("--endpoint-url")) globals.push("--endpoint-url", endpoint);
    if (options.db && !argv.includes("--db")) globals.push("--db", options.db);
    const code = await runCli({
      argv: [...globals, ...argv],
      env: { ...baseEnv, ...extra.env },
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s), isTTY: extra.stderrIsTTY ?? false },
      cwd: options.dir,
      homeDir: options.dir,
      signal: extra.signal,
    });
    const stdout = out.join("");
    return { code, stdout, stderr: err.join(""), json: <T>() => JSON.parse(stdout) as T };
  };
}

/** Copy a closed SQLite database (and its WAL, if any) to a new file; returns the new `sqlite:` URL. */
export function copySqlite(fromFile: string, toFile: string): string {
  copyFileSync(fromFile, toFile);
  for (const suffix of ["-wal", "-shm"]) {
    if (existsSync(fromFile + suffix)) copyFileSync(fromFile + suffix, toFile + suffix);
  }
  return `sqlite:${toFile}`;
}

/** Lines that look like JavaScript stack frames. */
export function stackFrames(text: string): string[] {
  return text.split("\n").filter((line) => /^\s+at /.test(line));
}

/** Non-empty lines. */
export function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

/** A child process of the built CLI. */
export interface CliProcess {
  pid: number | undefined;
  kill(signal: NodeJS.Signals): void;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves when stderr or stdout has printed text matching `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
}

/** Spawn `node dist/bin.js ...argv` with the test credentials. */
export function spawnCli(argv: string[], env: Record<string, string | undefined> = {}, cwd = tmpdir()): CliProcess {
  const child = spawn(process.execPath, [BIN, ...argv], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_REGION: "us-east-1",
      NO_COLOR: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...watchers]) {
      if (w.pattern.test(stdout) || w.pattern.test(stderr)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    check();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    check();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolveDone, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolveDone({ code, signal, stdout, stderr }));
  });
  return {
    pid: child.pid,
    kill: (signal) => child.kill(signal),
    done,
    waitFor: (pattern) =>
      new Promise<void>((resolveWait) => {
        watchers.push({ pattern, resolve: resolveWait });
        check();
      }),
  };
}
