// Scans moto_server (which ships AWS's real global-infrastructure data, the same copy the testkit's data is
// generated from). Skipped when moto_server is missing, unless CI=true.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { loadGlobalInfrastructure } from "@aws-atlas/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSsmPort } from "../aws/ssm-port.js";
import { createResiliencePolicy } from "../resilience/resilience-policy.js";
import { compareCodes } from "./paths.js";
import { scan } from "./scan.js";

const CI = process.env.CI === "true";

function hasMotoServer(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v moto_server"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`);
    try {
      await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`moto_server did not listen on ${url} within ${timeoutMs} ms`);
}

const available = hasMotoServer();
if (!available && CI) {
  describe("scan against moto_server", () => {
    it("needs moto_server on CI", () => {
      throw new Error("moto_server is not installed; install it (pip install 'moto[server]') or run without CI=true to skip");
    });
  });
}

describe.skipIf(!available)("scan against moto_server", () => {
  let moto: ChildProcess | undefined;
  let url = "";
  const data = loadGlobalInfrastructure();
  const credentials = { accessKeyId: "test", secretAccessKey: "test" };
  const now = () => new Date();

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    await waitForHttp(url, moto, 30_000);
  }, 40_000);

  afterAll(() => {
    moto?.kill();
  });

  it("reproduces the regions, AZ ids, local zones, long names and pairs of the regions it scans", async () => {
    const ssm = createSsmPort({ region: "us-east-1", endpoint: url, credentials });
    try {
      const regions = ["us-east-1", "eu-west-1", "us-gov-west-1", "cn-north-1"];
      // moto answers 500 while it loads its data on the first concurrent requests: retries cover it.
      const snapshot = await scan({ ssm, policy: createResiliencePolicy({ maxRps: 500, concurrency: 4, baseDelayMs: 20 }), now, regions });
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

      const where = await scan({ ssm, policy: createResiliencePolicy({ maxRps: 500 }), now, services: ["bedrock"] });
      expect(where.stats.apiCalls).toBeLessThanOrEqual(10);
      const available = Object.keys(where.availability).filter((r) => where.availability[r]?.includes("bedrock"));
      expect(available).toEqual([...(data.services.bedrock?.regions ?? [])].sort(compareCodes));
    } finally {
      ssm.destroy();
    }
  });
});
