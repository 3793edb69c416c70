import { parseArgs } from "node:util";
import type { FaultOptionsInput } from "./faults.js";
import type { StartAwsServerOptions } from "./server.js";

/** Help text of the `aws-atlas-testkit` command. */
export const TESTKIT_USAGE = `Usage: aws-atlas-testkit [options]

Serves AWS SSM Parameter Store (the real global-infrastructure tree), Cost Explorer (a generated
organisation) and STS GetCallerIdentity on a local port, as AWS speaks them, until Ctrl-C. Prints
the URL on stdout.

Options:
  --port N          port to listen on (default 0: a free port)
  --host HOST       interface (default 127.0.0.1)
  --latency MS      added latency per answer (default 0)
  --jitter MS       extra random latency, 0..MS (default 0)
  --tps N           SSM throttle per API: N requests/s, burst N; 0 turns it off (default 40)
  --ce-tps N        Cost Explorer throttle per API; 0 turns it off (default 5, burst 10)
  --error-rate X    share of requests answered 500/503 (0..1, default 0)
  --reset-rate X    share of connections reset (0..1, default 0)
  --stall-rate X    share of requests never answered (0..1, default 0)
  --seed N          seed of the fault PRNG (default 1)
  --now ISO         the server's "now" for Cost Explorer (default: the clock)
  --short-pages     GetParametersByPath answers short pages, as AWS may
  -h, --help        show this help

Example:
  aws-atlas-testkit --port 4599 --latency 50 --error-rate 0.05
  aws ssm get-parameters-by-path --endpoint-url http://127.0.0.1:4599 \\
    --path /aws/service/global-infrastructure/regions
`;

/** What the command line asks for. */
export type TestkitCommand = { kind: "help" } | { kind: "serve"; options: StartAwsServerOptions };

function number(flag: string, raw: string | undefined, check: (n: number) => boolean, expected: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || !check(value)) {
    throw new Error(`--${flag} expects ${expected}, got "${raw}"`);
  }
  return value;
}

const rate = (n: number): boolean => n >= 0 && n <= 1;
const nonNegative = (n: number): boolean => n >= 0;

/**
 * Parses `aws-atlas-testkit` arguments into server options; throws an Error with a one-line
 * message on bad input.
 *
 * @example
 * ```ts
 * parseTestkitArgs(["--port", "4599", "--tps", "0"]);
 * // { kind: "serve", options: { port: 4599, faults: { throttle: { ssm: false } } } }
 * ```
 */
export function parseTestkitArgs(argv: readonly string[]): TestkitCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      latency: { type: "string" },
      jitter: { type: "string" },
      tps: { type: "string" },
      "ce-tps": { type: "string" },
      "error-rate": { type: "string" },
      "reset-rate": { type: "string" },
      "stall-rate": { type: "string" },
      seed: { type: "string" },
      now: { type: "string" },
      "short-pages": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) return { kind: "help" };

  const options: StartAwsServerOptions = {};
  const faults: FaultOptionsInput = {};
  const port = number("port", values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, "a port number 0-65535");
  if (port !== undefined) options.port = port;
  if (values.host !== undefined) options.host = values.host;
  const fixedMs = number("latency", values.latency, nonNegative, "milliseconds >= 0");
  const jitterMs = number("jitter", values.jitter, nonNegative, "milliseconds >= 0");
  if (fixedMs !== undefined || jitterMs !== undefined) {
    faults.latency = { ...(fixedMs !== undefined ? { fixedMs } : {}), ...(jitterMs !== undefined ? { jitterMs } : {}) };
  }
  const tps = number("tps", values.tps, nonNegative, "requests per second >= 0");
  const ceTps = number("ce-tps", values["ce-tps"], nonNegative, "requests per second >= 0");
  if (tps !== undefined || ceTps !== undefined) {
    faults.throttle = {};
    if (tps !== undefined) faults.throttle.ssm = tps === 0 ? false : { tps, burst: Math.max(1, tps) };
    if (ceTps !== undefined) faults.throttle.ce = ceTps === 0 ? false : { tps: ceTps, burst: Math.max(1, ceTps * 2) };
  }
  const errorRate = number("error-rate", values["error-rate"], rate, "a share between 0 and 1");
  const resetRate = number("reset-rate", values["reset-rate"], rate, "a share between 0 and 1");
  const stallRate = number("stall-rate", values["stall-rate"], rate, "a share between 0 and 1");
  if (errorRate !== undefined) faults.errorRate = errorRate;
  if (resetRate !== undefined) faults.resetRate = resetRate;
  if (stallRate !== undefined) faults.stallRate = stallRate;
  const seed = number("seed", values.seed, Number.isInteger, "an integer");
  if (seed !== undefined) faults.seed = seed;
  if (Object.keys(faults).length > 0) options.faults = faults;
  if (values.now !== undefined) {
    const now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new Error(`--now expects an ISO date-time, got "${values.now}"`);
    options.now = now;
  }
  if (values["short-pages"] === true) options.shortPages = true;
  return { kind: "serve", options };
}
