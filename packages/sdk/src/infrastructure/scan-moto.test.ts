// Scans moto_server (which ships AWS's real global-infrastructure data, the same copy the testkit's data is
// generated from). Skipped when moto_server is missing, unless CI=true.
import { hasMotoServer, loadGlobalInfrastructure, startMotoServer, type MotoServer } from "@aws-atlas/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSsmPort } from "../aws/ssm-port.js";
import { createResiliencePolicy } from "../resilience/resilience-policy.js";
import { compareCodes } from "./paths.js";
import { scan } from "./scan.js";

const CI = process.env.CI === "true";

const available = hasMotoServer();
if (!available && CI) {
  describe("scan against moto_server", () => {
    it("needs moto_server on CI", () => {
      throw new Error("moto_server is not installed; install it (pip install 'moto[server]') or run without CI=true to skip");
    });
  });
}

describe.skipIf(!available)("scan against moto_server", () => {
  let moto: MotoServer | undefined;
  let url = "";
  const data = loadGlobalInfrastructure();
  const credentials = { accessKeyId: "test", secretAccessKey: "test" };
  const now = () => new Date();

  beforeAll(async () => {
    moto = await startMotoServer();
    url = moto.url;
  }, 40_000);

  afterAll(async () => {
    await moto?.stop();
  });

  it("reproduces the regions, AZ ids, local zones, long names and pairs of the regions it scans", async () => {
    const ssm = createSsmPort({ region: "us-east-1", endpoint: url, credentials });
    try {
      const regions = ["us-east-1", "eu-west-1", "us-gov-west-1", "cn-north-1"];
      // moto answers 500 while it loads its data on the first concurrent requests: retries cover it.
      // A generous retry budget and timeout: on a loaded machine moto's start-up 500s and slow answers last longer.
      const policy = () => createResiliencePolicy({ maxRps: 500, concurrency: 4, baseDelayMs: 50, maxRetries: 10, timeoutMs: 30_000 });
      const snapshot = await scan({ ssm, policy: policy(), now, regions });
      expect(snapshot.failures).toEqual([]);
      expect(snapshot.complete).toBe(true);
      for (const region of snapshot.regions) {
        const published = data.regions[region.code];
        expect(region.name).toBe(published?.longName);
        expect(region.partition).toBe(published?.partition);
        expect(region.availabilityZones).toEqual([...(published?.availabilityZones ?? [])].sort(compareCodes));
        expect(region.localZones).toEqual([...(published?.localZones ?? [])].sort(compareCodes));
        expect(snapshot.availability[region.code]).toEqual([...(published?.services ?? [])].sort(compareCodes));
      }
      for (const service of snapshot.services) expect(service.name).toBe(data.services[service.code]?.longName ?? service.code);
      expect(snapshot.stats.pages).toBeLessThanOrEqual(Math.ceil((snapshot.stats.pageMinimum ?? 0) * 1.03));

      const where = await scan({ ssm, policy: policy(), now, services: ["bedrock"] });
      // pages fetched, not attempts: a retried 500 from moto is not a cost of the plan
      expect(where.stats.pages ?? where.stats.apiCalls).toBeLessThanOrEqual(10);
      const available = Object.keys(where.availability).filter((r) => where.availability[r]?.includes("bedrock"));
      expect(available).toEqual([...(data.services.bedrock?.regions ?? [])].sort(compareCodes));
    } finally {
      ssm.destroy();
    }
  }, 120_000);
});
