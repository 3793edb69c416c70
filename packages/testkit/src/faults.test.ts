import { request } from "node:http";
import { CostExplorerClient, GetCostAndUsageCommand } from "@aws-sdk/client-cost-explorer";
import { GetParameterCommand, GetParametersByPathCommand, SSMClient } from "@aws-sdk/client-ssm";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AwsServer,
  createFaultInjector,
  createRandom,
  createTokenBucket,
  defaultFaults,
  type FaultOptionsInput,
  mergeFaults,
  startAwsServer,
  type StartAwsServerOptions,
} from "./index.js";

const PARAMS = [
  { name: "/t/a", value: "a" },
  { name: "/t/b", value: "b" },
];
const credentials = { accessKeyId: "test", secretAccessKey: "test" };

const servers: AwsServer[] = [];
const clients: { destroy(): void }[] = [];

async function start(faults: FaultOptionsInput, extra: StartAwsServerOptions = {}): Promise<AwsServer> {
  const server = await startAwsServer({
    ssm: PARAMS,
    faults,
    // A stand-in so these tests exercise the server core, whatever the Cost Explorer handlers do.
    handlers: { ce: { GetCostAndUsage: () => ({ ResultsByTime: [], DimensionValueAttributes: [] }) } },
    ...extra,
  });
  servers.push(server);
  return server;
}

function ssmClient(server: AwsServer): SSMClient {
  const client = new SSMClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
  clients.push(client);
  return client;
}

function ceClient(server: AwsServer): CostExplorerClient {
  const client = new CostExplorerClient({ endpoint: server.url, region: "us-east-1", credentials, maxAttempts: 1 });
  clients.push(client);
  return client;
}

const getParam = (client: SSMClient, giveUpAfterMs?: number) =>
  client.send(new GetParameterCommand({ Name: "/t/a" }), giveUpAfterMs ? { abortSignal: AbortSignal.timeout(giveUpAfterMs) } : {});
const costQuery = new GetCostAndUsageCommand({
  TimePeriod: { Start: "2026-01-01", End: "2026-02-01" },
  Granularity: "MONTHLY",
  Metrics: ["UnblendedCost"],
});

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return (error as Error).name;
  }
}

async function errorOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; $fault?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

describe("token bucket and PRNG", () => {
  it("allows a burst, then refills at tps", () => {
    const bucket = createTokenBucket({ tps: 2, burst: 3 });
    expect([0, 0, 0, 0].map((t) => bucket.take(t))).toEqual([true, true, true, false]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.take(500)).toBe(false);
  });

  it("never lets more than burst + tps * elapsed requests through", () => {
    fc.assert(
      fc.property(
        fc.record({ tps: fc.integer({ min: 1, max: 100 }), burst: fc.integer({ min: 1, max: 50 }) }),
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 300 }),
        (rule, gaps) => {
          const bucket = createTokenBucket(rule);
          let now = 0;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            if (bucket.take(now)) allowed++;
          }
          expect(allowed).toBeLessThanOrEqual(rule.burst + Math.floor((now * rule.tps) / 1000));
        },
      ),
    );
  });

  it("repeats the same sequence for the same seed", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("decides faults deterministically from the seed, with latency inside fixed + jitter", () => {
    const input: FaultOptionsInput = { seed: 9, errorRate: 0.3, resetRate: 0.1, latency: { fixedMs: 10, jitterMs: 5 }, throttle: { ssm: false } };
    const run = () => {
      const faults = createFaultInjector(input);
      return Array.from({ length: 200 }, () => faults.decide("ssm", "GetParameter", 0));
    };
    const first = run();
    expect(run()).toEqual(first);
    const kinds = new Set(first.map((d) => d.kind));
    expect(kinds).toEqual(new Set(["ok", "error", "reset"]));
    for (const d of first) {
      if ("delayMs" in d) {
        expect(d.delayMs).toBeGreaterThanOrEqual(10);
        expect(d.delayMs).toBeLessThanOrEqual(15);
      }
    }
  });

  it("validates and merges partial updates", () => {
    expect(() => mergeFaults(defaultFaults(), { errorRate: 1.5 })).toThrow(RangeError);
    expect(() => mergeFaults(defaultFaults(), { errorRate: 0.6, resetRate: 0.6 })).toThrow(RangeError);
    expect(() => mergeFaults(defaultFaults(), { throttle: { ssm: { tps: 0, burst: 1 } } })).toThrow(RangeError);
    const merged = mergeFaults(defaultFaults(), { latency: { jitterMs: 5 }, throttle: { ce: false } });
    expect(merged.latency).toEqual({ fixedMs: 0, jitterMs: 5 });
    expect(merged.throttle).toEqual({ ssm: { tps: 40, burst: 40 }, ce: false, sts: false });
  });

  it("applies faults only to the chosen services", () => {
    const faults = createFaultInjector({ errorRate: 1, services: ["ce"], throttle: { ssm: false, ce: false } });
    expect(faults.decide("ssm", "GetParameter", 0).kind).toBe("ok");
    expect(faults.decide("ce", "GetCostAndUsage", 0).kind).toBe("error");
  });
});

describe("throttling", () => {
  it("answers ThrottlingException once an SSM API's bucket is empty, per API", async () => {
    const server = await start({ throttle: { ssm: { tps: 0.001, burst: 3 } } });
    const ssm = ssmClient(server);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await outcome(getParam(ssm)));
    expect(results).toEqual(["ok", "ok", "ok", "ThrottlingException", "ThrottlingException"]);
    const error = await errorOf(getParam(ssm));
    expect(error.message).toBe("Rate exceeded");
    expect(error.$metadata?.httpStatusCode).toBe(400);
    // Another API has its own bucket.
    expect(await outcome(ssm.send(new GetParametersByPathCommand({ Path: "/t" })))).toBe("ok");
    expect(server.stats().operations["ssm.GetParameter"]).toMatchObject({ requests: 6, ok: 3, throttled: 3 });
  });

  it("can be switched off, tuned per operation, and refilled by reset()", async () => {
    const server = await start({ throttle: { ssm: { tps: 0.001, burst: 1, operations: { GetParametersByPath: false } } } });
    const ssm = ssmClient(server);
    expect([await outcome(getParam(ssm)), await outcome(getParam(ssm))]).toEqual(["ok", "ThrottlingException"]);
    for (let i = 0; i < 5; i++) expect(await outcome(ssm.send(new GetParametersByPathCommand({ Path: "/t" })))).toBe("ok");
    server.reset();
    expect(await outcome(getParam(ssm))).toBe("ok");
    server.setFaults({ throttle: { ssm: false } });
    for (let i = 0; i < 5; i++) expect(await outcome(getParam(ssm))).toBe("ok");
  });

  it("answers LimitExceededException for Cost Explorer, and bills only answered requests", async () => {
    const server = await start({ throttle: { ce: { tps: 0.001, burst: 2 } } });
    const ce = ceClient(server);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await outcome(ce.send(costQuery)));
    expect(results).toEqual(["ok", "ok", "LimitExceededException", "LimitExceededException"]);
    expect(server.stats().costExplorer).toEqual({ paidRequests: 2, priceUsd: "0.02" });
    expect(server.stats().operations["ce.GetCostAndUsage"]).toMatchObject({ requests: 4, ok: 2, throttled: 2 });
  });
});

describe("injected failures", () => {
  it("answers 5xx errors that the SDK reports as server faults", async () => {
    const server = await start({ errorRate: 1 });
    const error = await errorOf(getParam(ssmClient(server)));
    expect(["InternalServerError", "ServiceUnavailable"]).toContain(error.name);
    expect([500, 503]).toContain(error.$metadata?.httpStatusCode);
    expect(error.$fault).toBe("server");
    const ceError = await errorOf(ceClient(server).send(costQuery));
    expect([500, 503]).toContain(ceError.$metadata?.httpStatusCode);
    expect(server.stats().totals).toMatchObject({ requests: 2, errors: 2, ok: 0 });
    expect(server.stats().costExplorer.priceUsd).toBe("0.00");
  });

  it("gives the same outcomes for the same seed", async () => {
    const sequence = async (): Promise<string[]> => {
      const server = await start({ seed: 5, errorRate: 0.5, throttle: { ssm: false } });
      const ssm = ssmClient(server);
      const out = [];
      for (let i = 0; i < 12; i++) out.push(await outcome(getParam(ssm)));
      return out;
    };
    const first = await sequence();
    expect(first).toContain("ok");
    expect(first.some((o) => o !== "ok")).toBe(true);
    expect(await sequence()).toEqual(first);
  });

  it("resets connections", async () => {
    const server = await start({ resetRate: 1 });
    const error = await errorOf(getParam(ssmClient(server)));
    expect(error.message).toMatch(/socket hang up|ECONNRESET|EPIPE/);
    expect(server.stats().operations["ssm.GetParameter"]).toMatchObject({ requests: 1, resets: 1 });
    server.setFaults({ resetRate: 0 });
    expect(await outcome(getParam(ssmClient(server)))).toBe("ok");
  });

  it("goes down and comes back", async () => {
    const server = await start({ down: true });
    const ssm = ssmClient(server);
    await expect(getParam(ssm)).rejects.toThrow();
    server.setFaults({ down: false });
    expect(await outcome(getParam(ssmClient(server)))).toBe("ok");
    expect(server.faults().down).toBe(false);
  });

  it("delays answers: a client with a shorter timeout gives up, a patient one gets the answer", async () => {
    const server = await start({ latency: { fixedMs: 1500 } });
    expect(await outcome(getParam(ssmClient(server), 100))).toBe("AbortError");
    server.setFaults({ latency: { fixedMs: 20, jitterMs: 10 } });
    expect(await outcome(getParam(ssmClient(server)))).toBe("ok");
  });

  it("stalls until the client gives up, and stop() still closes", async () => {
    const server = await start({ stallRate: 1 });
    expect(await outcome(getParam(ssmClient(server), 150))).toBe("AbortError");
    expect(server.stats().operations["ssm.GetParameter"]).toMatchObject({ requests: 1, stalls: 1 });

    // A raw request without any timeout: stop() must end it rather than wait for it.
    const pending = new Promise<string>((resolve) => {
      const req = request(server.url, { method: "POST", headers: { "x-amz-target": "AmazonSSM.GetParameter" } }, () => resolve("answered"));
      req.on("error", (e) => resolve(e.message));
      req.end(JSON.stringify({ Name: "/t/a" }));
    });
    while (server.stats().totals.stalls < 2) await new Promise((r) => setTimeout(r, 5));
    await server.stop();
    expect(await pending).toMatch(/socket hang up|ECONNRESET/);
  });
});
