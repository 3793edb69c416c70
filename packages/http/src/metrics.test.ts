import type { Atlas } from "@aws-atlas/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./create-app.js";
import { createRequestCounter, renderMetrics } from "./metrics.js";
import { createTestAtlas } from "./test-helpers.js";

let atlas: Atlas;
beforeAll(async () => {
  atlas = await createTestAtlas();
});
afterAll(async () => {
  await atlas.close();
});

describe("GET /metrics", () => {
  it("counts requests by route pattern and status, and reports storage gauges", async () => {
    const app = createApp({ atlas });
    await app.request("/api/regions/eu-west-1");
    await app.request("/api/regions/us-east-1");
    await app.request("/api/regions/xx-1");
    await app.request("/no/such/path");
    await app.request("/health");
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    expect(text).toContain("# TYPE atlas_http_requests_total counter");
    expect(text).toContain('atlas_http_requests_total{method="GET",route="/api/regions/:code",status="200"} 2');
    expect(text).toContain('atlas_http_requests_total{method="GET",route="/api/regions/:code",status="404"} 1');
    expect(text).toContain('atlas_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('atlas_http_requests_total{method="GET",route="/health",status="200"} 1');
    expect(text).toContain("atlas_storage_up 1");
    expect(text).toContain('atlas_storage_schema_version{dialect="sqlite"}');
    expect(text).toMatch(/^atlas_storage_rows\{table="scans"\} 2$/m);
    expect(text).toContain("atlas_latest_scan_id 2");
    expect(text).toContain("atlas_latest_scan_regions 39");
    expect(text).toContain("atlas_latest_scan_services 400");
    expect(text).not.toMatch(/eu-west-1|xx-1/);
  });

  it("serves on the configured path", async () => {
    const app = createApp({ atlas, metrics: { path: "/internal/prom" } });
    expect((await app.request("/internal/prom")).status).toBe(200);
    expect((await app.request("/metrics")).status).toBe(404);
  });
});

describe("renderMetrics", () => {
  it("escapes label values and reports the storage down", () => {
    const requests = createRequestCounter();
    requests.record("GET", 'a"b\\c\nd', 200);
    const text = renderMetrics({ requests, storage: undefined, latestScan: undefined });
    expect(text).toContain('atlas_http_requests_total{method="GET",route="a\\"b\\\\c\\nd",status="200"} 1');
    expect(text).toContain("atlas_storage_up 0");
    expect(text).not.toContain("atlas_latest_scan_id");
    expect(text.endsWith("\n")).toBe(true);
  });
});
