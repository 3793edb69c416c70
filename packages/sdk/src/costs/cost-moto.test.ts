// The real Cost Explorer client against moto_server's Cost Explorer, which serves queued results.
// Skipped when moto_server is missing, unless CI=true (then a missing moto_server is a failure).
import { hasMotoServer, startMotoServer, type MotoServer } from "@aws-atlas/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCostExplorerPort } from "../aws/cost-explorer-port.js";
import { fixedClock } from "../clock.js";
import { createResiliencePolicy } from "../resilience/resilience-policy.js";
import { openStorage, type Storage } from "../storage/open-storage.js";
import { FAST_POLICY } from "./cost-test-harness.js";
import { createCostService } from "./cost-service.js";

const CI = process.env.CI === "true";

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
  let moto: MotoServer | undefined;
  let url = "";
  let storage: Storage;

  beforeAll(async () => {
    moto = await startMotoServer();
    url = moto.url;
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
    await moto?.stop();
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
