import { startAwsServer, type AwsServer } from "@aws-atlas/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./create-app.js";
import type { ErrorBody } from "./error-status.js";
import { createTestAtlas } from "./test-helpers.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

let server: AwsServer;
beforeAll(async () => {
  server = await startAwsServer({ faults: { latency: { fixedMs: 0, jitterMs: 0 }, throttle: { ssm: false, ce: false } } });
});
afterAll(async () => {
  await server.stop();
});

const FAST = { performance: { max_rps: 1000, max_workers: 32 } };

describe("POST /api/scan", () => {
  it("scans, stores the snapshot and answers the scan --json summary", async () => {
    const atlas = await createTestAtlas({ snapshots: [], config: { ...FAST, aws: { endpoint_url: server.url } } });
    try {
      const app = createApp({ atlas });
      const res = await app.request("/api/scan", { method: "POST" });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(
        ["apiCalls", "complete", "durationMs", "failures", "finishedAt", "pairs", "regions", "retries", "scanId", "services", "startedAt", "throttled"].sort(),
      );
      expect(body).toMatchObject({ scanId: 1, complete: true, failures: [] });
      expect(body.regions).toBeGreaterThan(30);
      expect(body.apiCalls).toBe(server.stats().services.ssm?.requests);

      const regions = (await (await app.request("/api/regions")).json()) as unknown[];
      expect(regions).toHaveLength(body.regions as number);
      expect(((await (await app.request("/health")).json()) as { storage: { latestScanId: number } }).storage.latestScanId).toBe(1);
    } finally {
      await atlas.close();
    }
  });

  it("answers 200 with complete: false and the failures when some paths fail", async () => {
    // a fresh fault sequence: the first call (the region list) succeeds, later ones fail at random
    server.reset();
    server.setFaults({ errorRate: 0.05 });
    const atlas = await createTestAtlas({ config: { ...FAST, performance: { ...FAST.performance, max_retries: 0 }, aws: { endpoint_url: server.url } } });
    try {
      const app = createApp({ atlas });
      const res = await app.request("/api/scan", { method: "POST" });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { complete: boolean; scanId: number; failures: { path: string; code: string; message: string }[] };
      expect(body.complete).toBe(false);
      expect(body.failures.length).toBeGreaterThan(0);
      expect(Object.keys(body.failures[0] ?? {}).sort()).toEqual(["code", "message", "path"]);
      // the incomplete scan does not replace the last complete one
      expect(((await (await app.request("/health")).json()) as { storage: { latestScanId: number } }).storage.latestScanId).toBe(2);
    } finally {
      server.setFaults({ errorRate: 0 });
      await atlas.close();
    }
  });

  it("answers 503 AWS_UNAVAILABLE when AWS is down, and the stored data still answers", async () => {
    server.setFaults({ down: true });
    const atlas = await createTestAtlas({ config: { ...FAST, performance: { ...FAST.performance, max_retries: 0 }, aws: { endpoint_url: server.url } } });
    try {
      const app = createApp({ atlas });
      const res = await app.request("/api/scan", { method: "POST" });
      expect(res.status).toBe(503);
      const body = (await res.json()) as ErrorBody;
      expect(["AWS_UNAVAILABLE", "CIRCUIT_OPEN"]).toContain(body.error.code);
      expect((await app.request("/api/regions/eu-west-1")).status).toBe(200);
    } finally {
      server.setFaults({ down: false });
      await atlas.close();
    }
  });

  it("answers 404 for GET (the scan is a POST)", async () => {
    const atlas = await createTestAtlas({ snapshots: [] });
    try {
      expect((await createApp({ atlas }).request("/api/scan")).status).toBe(404);
    } finally {
      await atlas.close();
    }
  });
});
