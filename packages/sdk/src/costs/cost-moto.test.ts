// The real Cost Explorer client against moto_server's Cost Explorer, which serves queued results.
// Skipped when moto_server is missing, unless CI=true (then a missing moto_server is a failure).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCostExplorerPort } from "../aws/cost-explorer-port.js";
import { fixedClock } from "../clock.js";
import { createResiliencePolicy } from "../resilience/resilience-policy.js";
import { openStorage, type Storage } from "../storage/open-storage.js";
import { FAST_POLICY } from "./cost-test-harness.js";
import { createCostService } from "./cost-service.js";

const CI = process.env.CI === "true";

function hasMotoServer(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v moto_server"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
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
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`moto_server did not listen on ${url} within ${timeoutMs} ms`);
}

const usd = (amount: string) => ({ UnblendedCost: { Amount: amount, Unit: "USD" } });
const group = (service: string, amount: string) => ({ Keys: [service], Metrics: usd(amount) });

/** A grouped MONTHLY answer in two pages; February's groups continue on page 2. AWS leaves Total empty. */
const PAGES = [
  {
    GroupDefinitions: [{ Type: "DIMENSION", Key: "SERVICE" }],
    ResultsByTime: [
      {
        TimePeriod: { Start: "2024-01-01", End: "2024-02-01" },
        Total: {},
        Groups: [group("Amazon Elastic Compute Cloud - Compute", "1234.5678901234"), group("Amazon Simple Storage Service", "0.1000000001")],
        Estimated: false,
      },
      { TimePeriod: { Start: "2024-02-01", End: "2024-03-01" }, Total: {}, Groups: [group("AWS Lambda", "0.0000000003")], Estimated: false },
    ],
    DimensionValueAttributes: [],
    NextPageToken: "page-2",
  },
  {
    GroupDefinitions: [{ Type: "DIMENSION", Key: "SERVICE" }],
    ResultsByTime: [
      {
        TimePeriod: { Start: "2024-02-01", End: "2024-03-01" },
        Total: {},
        Groups: [group("Tax", "-3.21"), group("Amazon Elastic Compute Cloud - Compute", "999.99")],
        Estimated: false,
      },
    ],
    DimensionValueAttributes: [],
  },
];

const available = hasMotoServer();
if (!available && CI) {
  describe("Cost Explorer against moto_server", () => {
    it("needs moto_server on CI", () => {
      throw new Error("moto_server is not installed; install it (pip install 'moto[server]') or run without CI=true to skip");
    });
  });
}

describe.skipIf(!available)("Cost Explorer against moto_server", () => {
  let moto: ChildProcess | undefined;
  let url = "";
  let storage: Storage;

  beforeAll(async () => {
    const port = await freePort();
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    url = `http://127.0.0.1:${port}`;
    await waitForHttp(url, moto, 30_000);
    const queued = await fetch(`${url}/moto-api/static/ce/cost-and-usage-results`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ results: PAGES }),
    });
    expect(queued.status).toBe(201);
    storage = await openStorage({ url: "sqlite::memory:" });
  }, 60_000);

  afterAll(async () => {
    await storage.close();
    moto?.kill();
  });

  it("totals a grouped two-page answer exactly and asks again for closed months for free", async () => {
    const ce = createCostExplorerPort({ region: "us-east-1", endpoint: url, credentials: { accessKeyId: "test", secretAccessKey: "test" }, env: {} });
    const costs = createCostService({ ce, policy: createResiliencePolicy(FAST_POLICY), clock: fixedClock(new Date("2024-03-15T00:00:00Z")), storage });
    try {
      const query = { start: "2024-01-01", end: "2024-02-29", granularity: "MONTHLY" as const, groupBy: [{ type: "DIMENSION" as const, key: "SERVICE" }] };
      const result = await costs.query(query);
      expect(result.requests).toMatchObject({ made: 2, cached: 0, priceUsd: "0.02" });
      expect(result.results.map((period) => [period.start, period.end, period.total.amount, period.groups.length])).toEqual([
        ["2024-01-01", "2024-01-31", "1234.6678901235", 2],
        ["2024-02-01", "2024-02-29", "996.7800000003", 3],
      ]);
      expect(result.total).toEqual({ amount: "2231.4478901238", unit: "USD" });

      // January and February 2024 closed long before "now": a repeated question is free.
      const again = await costs.query(query);
      expect(again.requests).toMatchObject({ made: 0, cached: 2 });
      expect(again.total).toEqual(result.total);
    } finally {
      ce.destroy();
    }
  });
});
