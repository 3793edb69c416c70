import { describe, expect, it } from "vitest";
import { parseTestkitArgs, TESTKIT_USAGE } from "./cli-args.js";

describe("aws-atlas-testkit arguments", () => {
  it("maps flags to server options", () => {
    expect(
      parseTestkitArgs([
        "--port", "4599", "--latency", "50", "--jitter", "10", "--tps", "20", "--error-rate", "0.1",
        "--reset-rate", "0.01", "--stall-rate", "0", "--seed", "3", "--now", "2026-03-01T00:00:00Z", "--short-pages",
      ]),
    ).toEqual({
      kind: "serve",
      options: {
        port: 4599,
        now: new Date("2026-03-01T00:00:00Z"),
        shortPages: true,
        faults: {
          latency: { fixedMs: 50, jitterMs: 10 },
          throttle: { ssm: { tps: 20, burst: 20 } },
          errorRate: 0.1,
          resetRate: 0.01,
          stallRate: 0,
          seed: 3,
        },
      },
    });
  });

  it("serves with defaults when given nothing, and turns throttling off with --tps 0", () => {
    expect(parseTestkitArgs([])).toEqual({ kind: "serve", options: {} });
    expect(parseTestkitArgs(["--tps", "0", "--ce-tps", "0"])).toEqual({
      kind: "serve",
      options: { faults: { throttle: { ssm: false, ce: false } } },
    });
  });

  it("shows help", () => {
    expect(parseTestkitArgs(["--help"])).toEqual({ kind: "help" });
    expect(TESTKIT_USAGE).toMatch(/--error-rate/);
  });

  it("rejects bad values with a one-line message", () => {
    expect(() => parseTestkitArgs(["--port", "70000"])).toThrow(/--port/);
    expect(() => parseTestkitArgs(["--error-rate", "2"])).toThrow(/--error-rate expects a share between 0 and 1/);
    expect(() => parseTestkitArgs(["--latency", "soon"])).toThrow(/--latency/);
    expect(() => parseTestkitArgs(["--now", "yesterday"])).toThrow(/--now/);
    expect(() => parseTestkitArgs(["--bogus"])).toThrow();
  });
});
