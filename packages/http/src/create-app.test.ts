import type { Atlas, RegionDetail, RegionListing, ScanDiff, ServiceAvailability, ServiceHistory, ServiceListing } from "@aws-atlas/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, VERSION } from "./create-app.js";
import type { ErrorBody } from "./error-status.js";
import { createTestAtlas } from "./test-helpers.js";

let atlas: Atlas;

beforeAll(async () => {
  atlas = await createTestAtlas();
});
afterAll(async () => {
  await atlas.close();
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

describe("GET /health", () => {
  it("answers status, version and that the storage is reachable", async () => {
    const res = await createApp({ atlas }).request("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: VERSION, storage: { reachable: true, dialect: "sqlite", latestScanId: 2 } });
  });

  it("answers 503 when the storage cannot be opened", async () => {
    const { createAtlas, parseConfigDocument } = await import("@aws-atlas/sdk");
    const broken = createAtlas({ config: parseConfigDocument({ database: { url: "postgres://atlas:secret@127.0.0.1:1/atlas" } }) });
    const res = await createApp({ atlas: broken, version: "9.9.9" }).request("/health");
    expect(res.status).toBe(503);
    const body = await json<{ status: string; version: string; storage: { reachable: boolean; code: string } }>(res);
    expect(body).toMatchObject({ status: "unavailable", version: "9.9.9", storage: { reachable: false } });
    expect(body.storage.code).toBe("DATABASE_UNAVAILABLE");
    expect(JSON.stringify(body)).not.toMatch(/secret|127\.0\.0\.1|at .*\.js/);
    await broken.close();
  });
});

describe("availability routes", () => {
  const app = () => createApp({ atlas });

  it("GET /api/regions lists every region in the CLI's --json shape", async () => {
    const res = await app().request("/api/regions");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const regions = await json<RegionListing[]>(res);
    expect(regions).toEqual(await atlas.regions());
    expect(regions).toHaveLength(39);
    const euWest1 = regions.find((r) => r.code === "eu-west-1");
    expect(euWest1).toMatchObject({ code: "eu-west-1", name: "Europe (Ireland)", partition: "aws" });
    expect(Object.keys(euWest1 ?? {}).sort()).toEqual(
      ["availabilityZones", "code", "domain", "geolocationCountry", "geolocationRegion", "launchDate", "localZones", "name", "partition", "serviceCount"].sort(),
    );
  });

  it("GET /api/regions applies include, exclude (repeated or comma lists) and min-services", async () => {
    const eu = await json<RegionListing[]>(await app().request("/api/regions?include-regions=eu-*&exclude-regions=eu-west-1,eu-west-2"));
    expect(eu.length).toBeGreaterThan(3);
    expect(eu.every((r) => r.code.startsWith("eu-"))).toBe(true);
    expect(eu.map((r) => r.code)).not.toContain("eu-west-1");
    expect(eu.map((r) => r.code)).not.toContain("eu-west-2");

    const repeated = await json<RegionListing[]>(await app().request("/api/regions?include-regions=eu-west-1&include-regions=us-east-1"));
    expect(repeated.map((r) => r.code)).toEqual(["eu-west-1", "us-east-1"]);

    const all = await atlas.regions();
    const threshold = [...all].sort((a, b) => b.serviceCount - a.serviceCount)[4]?.serviceCount ?? 0;
    const big = await json<RegionListing[]>(await app().request(`/api/regions?min-services=${threshold}`));
    expect(big.length).toBeGreaterThanOrEqual(5);
    expect(big.every((r) => r.serviceCount >= threshold)).toBe(true);
    expect(big.length).toBeLessThan(all.length);
  });

  it("GET /api/regions answers 400 with a JSON error for a bad min-services", async () => {
    const res = await app().request("/api/regions?min-services=lots");
    expect(res.status).toBe(400);
    const body = await json<ErrorBody>(res);
    expect(body.error.code).toBe("INVALID_ARGUMENT");
    expect(body.error.message).toMatch(/min-services/);
  });

  it("GET /api/services lists services with their regions, filtered", async () => {
    const services = await json<ServiceListing[]>(await app().request("/api/services"));
    expect(services).toEqual(await atlas.services());
    const bedrock = services.find((s) => s.code === "bedrock");
    expect(bedrock?.regions).toContain("us-east-1");
    expect(bedrock?.regions).not.toContain("eu-west-1");
    expect(bedrock?.regionCount).toBe(bedrock?.regions.length);

    const filtered = await json<ServiceListing[]>(await app().request("/api/services?include-services=bedrock*&include-regions=us-*"));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((s) => s.code.startsWith("bedrock"))).toBe(true);
    expect(filtered.every((s) => s.regions.every((r) => r.startsWith("us-")))).toBe(true);
  });

  it("GET /api/regions/:code answers the region and its services, 404 for an unknown one", async () => {
    const res = await app().request("/api/regions/eu-west-1");
    expect(res.status).toBe(200);
    const region = await json<RegionDetail>(res);
    expect(region.code).toBe("eu-west-1");
    expect(region.services.map((s) => s.code)).not.toContain("bedrock");
    expect(region.services.length).toBe(region.serviceCount);

    const missing = await app().request("/api/regions/xx-nowhere-1");
    expect(missing.status).toBe(404);
    const body = await json<ErrorBody>(missing);
    expect(body.error.code).toBe("NOT_FOUND");
    expect(body.error.message).toMatch(/^Region "xx-nowhere-1" is not in the latest scan\. Known regions: af-south-1/);
  });

  it("GET /api/where answers each service, from repeated or comma-separated parameters", async () => {
    const res = await app().request("/api/where?service=bedrock&service=ec2");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-atlas-source")).toBe("stored");
    const answers = await json<ServiceAvailability[]>(res);
    expect(answers.map((a) => a.service)).toEqual(["bedrock", "ec2"]);
    const [bedrock, ec2] = answers;
    expect(bedrock?.available).toContain("us-east-1");
    expect(bedrock?.unavailable).toContain("eu-west-1");
    expect((bedrock?.available.length ?? 0) + (bedrock?.unavailable.length ?? 0)).toBe(39);
    expect(ec2?.unavailable).toEqual([]);

    const comma = await json<ServiceAvailability[]>(await app().request("/api/where?service=bedrock,ec2"));
    expect(comma).toEqual(answers);

    const eu = await json<ServiceAvailability[]>(await app().request("/api/where?service=bedrock&include-regions=eu-*"));
    expect([...(eu[0]?.available ?? []), ...(eu[0]?.unavailable ?? [])].every((r) => r.startsWith("eu-"))).toBe(true);
  });

  it("GET /api/where without a service answers 400", async () => {
    const res = await app().request("/api/where");
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).error.code).toBe("INVALID_ARGUMENT");
  });

  it("GET /api/diff answers the changes between the last two scans, or between the ones asked for", async () => {
    const diff = await json<ScanDiff>(await app().request("/api/diff"));
    expect(diff).toEqual({
      fromScanId: 1,
      toScanId: 2,
      added: [{ region: "us-east-1", service: "zz-evil" }],
      removed: [{ region: "eu-west-1", service: "bedrock" }],
    });
    const reverse = await json<ScanDiff>(await app().request("/api/diff?from=2&to=1"));
    expect(reverse.added).toEqual([{ region: "eu-west-1", service: "bedrock" }]);

    expect((await app().request("/api/diff?from=0")).status).toBe(400);
    expect((await app().request("/api/diff?from=1&to=99")).status).toBe(404);
  });

  it("GET /api/history/:service answers intervals per region, filtered by ?region", async () => {
    const res = await app().request("/api/history/bedrock?region=eu-west-1");
    expect(res.status).toBe(200);
    const history = await json<ServiceHistory & { intervals: { firstSeen: { at: string } }[] }>(res);
    expect(history.service).toBe("bedrock");
    expect(history.latestScanId).toBe(2);
    expect(history.intervals).toHaveLength(1);
    expect(history.intervals[0]).toMatchObject({ region: "eu-west-1", current: false, firstSeen: { scanId: 1 }, lastSeen: { scanId: 1 } });
    expect(history.intervals[0]?.firstSeen.at).toBe("2026-05-20T00:00:00.000Z");

    const all = await json<ServiceHistory>(await app().request("/api/history/bedrock"));
    expect(all.intervals.length).toBe(36);
  });

  it("answers 404 with a JSON error for an unknown route", async () => {
    const res = await app().request("/api/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "No route GET /api/nope" } });
  });

  it("answers 404 NOT_FOUND from every read route when no scan is stored", async () => {
    const empty = await createTestAtlas({ snapshots: [] });
    try {
      const res = await createApp({ atlas: empty }).request("/api/regions");
      expect(res.status).toBe(404);
      expect((await json<ErrorBody>(res)).error.message).toMatch(/No complete scan is stored yet. Run "aws-atlas scan" first/);
    } finally {
      await empty.close();
    }
  });

  it("reads the storage on every request: a scan committed by another process shows at once", async () => {
    const other = await createTestAtlas({ snapshots: [] });
    try {
      const shared = createApp({ atlas: other });
      expect((await shared.request("/api/regions")).status).toBe(404);
      const { loadOfflineSnapshot } = await import("@aws-atlas/sdk");
      await (await other.storage()).scans.commitScan(loadOfflineSnapshot());
      expect((await shared.request("/api/regions")).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe("options", () => {
  it("serves everything under basePath", async () => {
    const app = createApp({ atlas, basePath: "/atlas/" });
    expect((await app.request("/atlas/health")).status).toBe(200);
    expect((await app.request("/atlas/api/regions/eu-west-1")).status).toBe(200);
    expect((await app.request("/api/regions")).status).toBe(404);
    const page = await app.request("/atlas");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-base="/atlas"');
  });

  it("creates the atlas from a factory on first use, once", async () => {
    let calls = 0;
    const app = createApp({
      atlas: () => {
        calls += 1;
        return atlas;
      },
    });
    expect(calls).toBe(0);
    await app.request("/api/regions");
    await app.request("/api/services");
    expect(calls).toBe(1);
  });

  it("turns off the dashboard and metrics when asked", async () => {
    const app = createApp({ atlas, dashboard: false, metrics: false });
    expect((await app.request("/")).status).toBe(404);
    expect((await app.request("/metrics")).status).toBe(404);
  });

  it("rejects a basePath that is not a path", () => {
    expect(() => createApp({ atlas, basePath: "atlas" })).toThrow(expect.objectContaining({ code: "INVALID_CONFIG" }));
  });
});
