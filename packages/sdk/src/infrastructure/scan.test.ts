import { type AwsServer, AwsServiceError, type GlobalInfrastructureData, loadGlobalInfrastructure, startAwsServer } from "@aws-atlas/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSsmPort, type SsmPort } from "../aws/ssm-port.js";
import { createResiliencePolicy, type ResiliencePolicyOptions } from "../resilience/resilience-policy.js";
import { partitionOf } from "./partition.js";
import { compareCodes } from "./paths.js";
import { planScan } from "./planner.js";
import { scan, type ScanProgress } from "./scan.js";
import type { Snapshot } from "./snapshot.js";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const now = () => new Date("2026-03-01T00:00:00Z");

/** A policy with the production shape but tiny delays, so fault tests run in milliseconds. */
function fastPolicy(overrides: ResiliencePolicyOptions = {}) {
  return createResiliencePolicy({ maxRps: 100_000, concurrency: 16, baseDelayMs: 1, maxDelayMs: 20, maxRetries: 8, timeoutMs: 5_000, ...overrides });
}

/** What a full scan must find: the testkit's data as AWS publishes it under regions/*. */
function expectedContent(data: GlobalInfrastructureData): Pick<Snapshot, "regions" | "services" | "availability"> {
  const codes = Object.keys(data.regions).sort(compareCodes);
  const serviceCodes = new Set<string>();
  const availability: Record<string, string[]> = {};
  for (const code of codes) {
    const offered = [...(data.regions[code]?.services ?? [])].sort(compareCodes);
    availability[code] = offered;
    offered.forEach((s) => serviceCodes.add(s));
  }
  return {
    regions: codes.map((code) => {
      const r = data.regions[code];
      return {
        code,
        name: r?.longName ?? code,
        partition: r?.partition ?? partitionOf(code),
        domain: r?.domain ?? null,
        geolocationCountry: r?.geolocationCountry ?? null,
        geolocationRegion: r?.geolocationRegion ?? null,
        availabilityZones: [...(r?.availabilityZones ?? [])].sort(compareCodes),
        localZones: [...(r?.localZones ?? [])].sort(compareCodes),
      };
    }),
    services: [...serviceCodes].sort(compareCodes).map((code) => ({ code, name: data.services[code]?.longName ?? code })),
    availability,
  };
}

const content = (s: Snapshot) => ({ regions: s.regions, services: s.services, availability: s.availability });
const requests = (server: AwsServer) => server.stats().services.ssm?.requests ?? 0;

describe("scan against the testkit (real SDK through the SSM port)", () => {
  let server: AwsServer;
  let ssm: SsmPort & { destroy(): void };
  const data = loadGlobalInfrastructure();
  const expected = expectedContent(data);

  beforeAll(async () => {
    server = await startAwsServer({ faults: { throttle: { ssm: false } } });
    ssm = createSsmPort({ region: "us-east-1", endpoint: server.url, credentials, requestTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    ssm.destroy();
    await server.stop();
  });
  beforeEach(() => {
    server.setFaults({ errorRate: 0, resetRate: 0, stallRate: 0, down: false, throttle: { ssm: false }, latency: { fixedMs: 0, jitterMs: 0 } });
    server.reset();
  });

  it("reproduces every region, service, long name, AZ id, local zone and pair, at the page minimum", async () => {
    const events: ScanProgress[] = [];
    const snapshot = await scan({ ssm, policy: fastPolicy(), now, onProgress: (e) => events.push(e) });

    expect(snapshot.complete).toBe(true);
    expect(snapshot.failures).toEqual([]);
    expect(snapshot.scope).toBeUndefined();
    expect(content(snapshot)).toEqual(expected);
    expect(Object.values(snapshot.availability).flat()).toHaveLength(9_097);
    expect(snapshot.regions).toHaveLength(39);

    const { apiCalls, pageMinimum, pages } = snapshot.stats;
    expect(apiCalls).toBe(requests(server));
    expect(pages).toBe(apiCalls);
    expect(apiCalls).toBeLessThanOrEqual(Math.ceil((pageMinimum ?? 0) * 1.03));
    expect(apiCalls).toBe(pageMinimum); // no faults: exactly the minimum
    expect(planScan({ previous: snapshot }).estimatedCalls).toBe(pageMinimum);

    expect(events.at(-1)).toMatchObject({ phase: "done", done: apiCalls, total: apiCalls });
    for (let i = 1; i < events.length; i += 1) expect(events[i]?.done).toBeGreaterThanOrEqual(events[i - 1]?.done ?? 0);
  });

  it("finishes complete and exact under 10% injected 5xx and 5% connection resets", async () => {
    server.setFaults({ errorRate: 0.1, resetRate: 0.05, seed: 42 });
    const snapshot = await scan({ ssm, policy: fastPolicy(), now });
    expect(snapshot.failures).toEqual([]);
    expect(snapshot.complete).toBe(true);
    expect(content(snapshot)).toEqual(expected);
    expect(snapshot.stats.retries).toBeGreaterThan(50);
    expect(snapshot.stats.apiCalls).toBe(requests(server));
    expect(snapshot.stats.pages).toBe(snapshot.stats.pageMinimum);
  });

  it("retries throttling, counts it, and slows down", async () => {
    server.setFaults({ throttle: { ssm: { tps: 200, burst: 2 } } });
    // Four workers against a bucket of two: throttling is certain, and twenty retries leave no page to chance on a busy machine.
    const policy = fastPolicy({ maxRps: 2_000, concurrency: 4, baseDelayMs: 5, maxDelayMs: 100, maxRetries: 20 });
    const snapshot = await scan({ ssm, policy, now, regions: ["us-east-1", "eu-west-1", "us-gov-west-1"] });
    expect(snapshot.complete).toBe(true);
    expect(snapshot.stats.throttled).toBeGreaterThan(0);
    expect(snapshot.stats.retries).toBeGreaterThanOrEqual(snapshot.stats.throttled);
    expect(snapshot.stats.throttled).toBe(server.stats().services.ssm?.throttled);
    expect(policy.stats().rps).toBeLessThan(2_000);
    for (const code of ["us-east-1", "eu-west-1", "us-gov-west-1"]) expect(snapshot.availability[code]).toEqual(expected.availability[code]);
  });

  it("throws quickly when the endpoint is down, without hanging on retries", async () => {
    server.setFaults({ down: true });
    await expect(scan({ ssm, policy: fastPolicy(), now })).rejects.toMatchObject({ code: expect.stringMatching(/^(AWS_UNAVAILABLE|CIRCUIT_OPEN)$/) });
    await expect(scan({ ssm, policy: fastPolicy(), now, services: ["ec2", "s3", "lambda"] })).rejects.toMatchObject({
      code: expect.stringMatching(/^(AWS_UNAVAILABLE|CIRCUIT_OPEN)$/),
    });
  });

  it("throws AWS_UNAVAILABLE or CIRCUIT_OPEN against a closed port", async () => {
    const gone = await startAwsServer();
    const url = gone.url;
    await gone.stop();
    const dead = createSsmPort({ region: "us-east-1", endpoint: url, credentials });
    try {
      await expect(scan({ ssm: dead, policy: fastPolicy({ circuit: { failures: 3 } }), now })).rejects.toMatchObject({
        code: expect.stringMatching(/^(AWS_UNAVAILABLE|CIRCUIT_OPEN)$/),
      });
    } finally {
      dead.destroy();
    }
  });

  it("answers a targeted question (one service) in at most 10 calls", async () => {
    const snapshot = await scan({ ssm, policy: fastPolicy(), now, services: ["bedrock"] });
    expect(snapshot.stats.apiCalls).toBeLessThanOrEqual(10);
    expect(requests(server)).toBe(snapshot.stats.apiCalls);
    expect(snapshot.complete).toBe(true);
    expect(snapshot.scope).toEqual({ services: ["bedrock"], regionDetails: false });
    expect(snapshot.services).toEqual([{ code: "bedrock", name: data.services.bedrock?.longName }]);
    const available = Object.entries(snapshot.availability)
      .filter(([, list]) => list.includes("bedrock"))
      .map(([code]) => code);
    expect(available).toEqual([...(data.services.bedrock?.regions ?? [])].sort(compareCodes));
    expect(snapshot.regions).toHaveLength(39);
  });

  it("answers three services in at most 10 calls and leaves out codes AWS does not publish", async () => {
    const snapshot = await scan({ ssm, policy: fastPolicy(), now, services: ["braket", "ahl", "aiops", "no-such-service"] });
    expect(snapshot.stats.apiCalls).toBeLessThanOrEqual(10);
    expect(snapshot.services.map((s) => s.code)).toEqual(["ahl", "aiops", "braket"]);
    for (const service of ["braket", "ahl", "aiops"]) {
      const available = Object.keys(snapshot.availability).filter((r) => snapshot.availability[r]?.includes(service));
      expect(available).toEqual([...(data.services[service]?.regions ?? [])].sort(compareCodes));
    }
  });

  it("scans named regions only, and reports a region AWS does not publish", async () => {
    const snapshot = await scan({ ssm, policy: fastPolicy(), now, regions: ["eu-west-1", "xx-nowhere-1"] });
    expect(snapshot.complete).toBe(false);
    expect(snapshot.failures).toEqual([expect.objectContaining({ code: "NOT_FOUND", path: "/aws/service/global-infrastructure/regions/xx-nowhere-1" })]);
    expect(snapshot.regions).toEqual(expected.regions.filter((r) => r.code === "eu-west-1"));
    expect(snapshot.availability).toEqual({ "eu-west-1": expected.availability["eu-west-1"] });
  });

  it("returns a partial snapshot listing the failed path when one path keeps failing", async () => {
    const failing = "/aws/service/global-infrastructure/regions/eu-west-1/services";
    const flaky: SsmPort = {
      ...ssm,
      getParametersByPath: (input, options) =>
        input.path === failing
          ? Promise.reject(Object.assign(new Error("boom"), { name: "InternalServerError", $fault: "server", $metadata: { httpStatusCode: 500 } }))
          : ssm.getParametersByPath(input, options),
      getParameters: (input, options) => ssm.getParameters(input, options),
      getParameter: (input, options) => ssm.getParameter(input, options),
    };
    const snapshot = await scan({ ssm: flaky, policy: fastPolicy({ maxRetries: 2 }), now, regions: ["us-east-1", "eu-west-1"] });
    expect(snapshot.complete).toBe(false);
    expect(snapshot.failures).toEqual([expect.objectContaining({ path: failing, code: "AWS_UNAVAILABLE" })]);
    expect(snapshot.stats.failures).toBe(1);
    expect(snapshot.availability["us-east-1"]).toEqual(expected.availability["us-east-1"]);
  });

  it("retries a failed page on its own token, never restarting the pagination", async () => {
    const path = "/aws/service/global-infrastructure/regions/us-east-1/services";
    const tokens: (string | undefined)[] = [];
    let failed = false;
    const wrapped: SsmPort = {
      ...ssm,
      getParametersByPath: async (input, options) => {
        if (input.path === path) {
          tokens.push(input.nextToken);
          if (tokens.length === 3 && !failed) {
            failed = true;
            throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
          }
        }
        return ssm.getParametersByPath(input, options);
      },
      getParameters: (input, options) => ssm.getParameters(input, options),
      getParameter: (input, options) => ssm.getParameter(input, options),
    };
    const snapshot = await scan({ ssm: wrapped, policy: fastPolicy(), now, regions: ["us-east-1"] });
    expect(snapshot.complete).toBe(true);
    expect(snapshot.availability["us-east-1"]).toEqual(expected.availability["us-east-1"]);
    expect(tokens[0]).toBeUndefined();
    expect(tokens[3]).toBe(tokens[2]); // the retry repeats the failed page's token
    expect(tokens.filter((t) => t === undefined)).toHaveLength(1); // page 1 was fetched once
  });

  it("throws AWS_AUTH when the credentials are refused", async () => {
    const denied = await startAwsServer({
      handlers: {
        ssm: {
          GetParametersByPath: () => {
            throw new AwsServiceError("AccessDeniedException", "User is not authorized to perform: ssm:GetParametersByPath");
          },
        },
      },
    });
    const port = createSsmPort({ region: "us-east-1", endpoint: denied.url, credentials });
    try {
      await expect(scan({ ssm: port, policy: fastPolicy(), now })).rejects.toMatchObject({ code: "AWS_AUTH" });
    } finally {
      port.destroy();
      await denied.stop();
    }
  });

  it("refuses a region that does not serve global-infrastructure before any call", async () => {
    const port = createSsmPort({ region: "ca-west-1", credentials });
    try {
      await expect(scan({ ssm: port, policy: fastPolicy(), now })).rejects.toMatchObject({
        code: "INVALID_ARGUMENT",
        hint: expect.stringContaining("ca-central-1"),
      });
    } finally {
      port.destroy();
    }
  });

  it("stops with ABORTED when the caller aborts", async () => {
    server.setFaults({ latency: { fixedMs: 20, jitterMs: 0 } });
    const controller = new AbortController();
    const running = scan({ ssm, policy: fastPolicy(), now, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(running).rejects.toMatchObject({ code: "ABORTED" });
  });
});
