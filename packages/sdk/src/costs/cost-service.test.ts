import { AwsServiceError } from "@aws-atlas/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { isAtlasError } from "../errors.js";
import { addAmounts, toAmount } from "./cost-amount.js";
import type { CostQueryInput } from "./cost-query.js";
import { type CostHarness, datasetTotal, startCostHarness } from "./cost-test-harness.js";
import { createServiceResolver } from "./service-names.js";

const NOW = new Date("2026-03-15T12:00:00Z");
const BY_ACCOUNT_AND_SERVICE: CostQueryInput["groupBy"] = [
  { type: "DIMENSION", key: "LINKED_ACCOUNT" },
  { type: "DIMENSION", key: "SERVICE" },
];

const harnesses: CostHarness[] = [];
async function harness(options: Partial<Parameters<typeof startCostHarness>[0]> = {}): Promise<CostHarness> {
  const h = await startCostHarness({ now: NOW, ...options });
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.stop()));
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isAtlasError(error)) throw new Error(`expected an AtlasError, got ${String(error)}`);
  return error;
}

describe("cost query against the testkit", () => {
  it("totals a grouped, multi-page answer exactly", async () => {
    const h = await harness({ pageSize: 50 });
    const result = await h.costs.query({ start: "2026-01-01", end: "2026-02-28", groupBy: BY_ACCOUNT_AND_SERVICE });

    expect(result.requests.made).toBeGreaterThan(10);
    expect(result.requests.made).toBe(h.paid());
    expect(result.requests.priceUsd).toBe(toAmount(result.requests.made / 100).padEnd(4, "0"));
    expect(result.results).toHaveLength(59);
    expect(result.total.unit).toBe("USD");
    expect(result.total.amount).toBe(toAmount(datasetTotal(h.dataset, "2026-01-01", "2026-02-28")));
    for (const period of result.results) {
      expect(period.total.amount).toBe(addAmounts(period.groups.map((group) => group.amount)));
      expect(toAmount(period.total.amount)).toBe(toAmount(datasetTotal(h.dataset, period.start, period.end)));
      expect(period.estimated).toBe(false);
    }
    // An ungrouped question (one page) gives the same total.
    const ungrouped = await h.costs.query({ start: "2026-01-01", end: "2026-02-28", granularity: "MONTHLY" });
    expect(ungrouped.total.amount).toBe(result.total.amount);
    expect(ungrouped.results.map((period) => [period.start, period.end])).toEqual([
      ["2026-01-01", "2026-01-31"],
      ["2026-02-01", "2026-02-28"],
    ]);
  });

  it("carries Estimated through and reports every metric asked for", async () => {
    const h = await harness();
    const result = await h.costs.query({ start: "2026-03-01", end: "2026-03-14", granularity: "MONTHLY", metrics: ["UnblendedCost", "UsageQuantity"] });
    const [period] = result.results;
    expect(period?.estimated).toBe(true);
    expect(result.total.metrics?.UnblendedCost?.amount).toBe(result.total.amount);
    expect(result.total.metrics?.UsageQuantity).toBeDefined();
    expect(result.total.amount).toBe(toAmount(datasetTotal(h.dataset, "2026-03-01", "2026-03-14")));
  });

  it("asks again for closed months without a single paid request", async () => {
    const h = await harness({ pageSize: 100 });
    const query: CostQueryInput = { start: "2025-12-01", end: "2026-02-28", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] };
    const first = await h.costs.query(query);
    const paid = h.paid();
    expect(paid).toBeGreaterThan(1);

    const again = await h.costs.query(query);
    expect(h.paid()).toBe(paid);
    expect(again.requests).toEqual({ made: 0, cached: 3, priceUsd: "0.00", fromLedger: 0 });
    expect(again.total).toEqual(first.total);
    expect(again.results).toEqual(first.results);
    // A part of a cached month is cut from it.
    const part = await h.costs.query({ start: "2026-01-10", end: "2026-01-20", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] });
    expect(h.paid()).toBe(paid);
    expect(part.results.map((period) => period.start)).toEqual(first.results.filter((p) => p.start >= "2026-01-10" && p.start <= "2026-01-20").map((p) => p.start));
    // The plan says so too.
    const plan = await h.costs.plan(query);
    expect(plan).toMatchObject({ paidRequests: 0, priceUsd: "0.00", cached: 3, fromLedger: false, requests: [] });
  });

  it("fetches only the missing part of an overlapping question", async () => {
    const h = await harness();
    const groupBy: CostQueryInput["groupBy"] = [{ type: "DIMENSION", key: "SERVICE" }];
    await h.costs.query({ start: "2026-01-01", end: "2026-02-28", groupBy });
    h.requests.length = 0;

    const plan = await h.costs.plan({ start: "2026-01-01", end: "2026-03-10", groupBy });
    expect(plan.requests).toEqual([{ operation: "GetCostAndUsage", period: { start: "2026-03-01", end: "2026-03-10" }, pages: 1, reason: expect.any(String) }]);
    const overlap = await h.costs.query({ start: "2026-01-01", end: "2026-03-10", groupBy });
    // Every page repeats the request's period: only March was asked for.
    expect(new Set(h.requests.map((body) => JSON.stringify(body.TimePeriod)))).toEqual(new Set([JSON.stringify({ Start: "2026-03-01", End: "2026-03-11" })]));
    expect(overlap.requests).toMatchObject({ made: h.requests.length, cached: 2 });
    expect(overlap.results).toHaveLength(69);
    expect(overlap.total.amount).toBe(toAmount(datasetTotal(h.dataset, "2026-01-01", "2026-03-10")));

    // The current month is not final: cached for the TTL only, so a later "now" asks again.
    const later = await harness({ now: new Date(NOW.getTime() + 25 * 3_600_000), storage: h.storage });
    await later.costs.query({ start: "2026-01-01", end: "2026-03-10", groupBy });
    expect(new Set(later.requests.map((body) => JSON.stringify(body.TimePeriod)))).toEqual(new Set([JSON.stringify({ Start: "2026-03-01", End: "2026-03-11" })]));
  });

  it("stops before calling when the spend guard would be exceeded", async () => {
    const h = await harness({ service: { spendGuard: { maxPaidRequests: 0 } } });
    const error = await failure(h.costs.query({ start: "2026-01-01", end: "2026-01-31" }));
    expect(error.code).toBe("SPEND_LIMIT");
    expect(error.message).toMatch(/would make 1 paid Cost Explorer request \(\$0\.01\), more than the limit of 0 paid requests per run/);
    expect(error.hint).toMatch(/spend_guard/);
    expect(h.server.stats().totals.requests).toBe(0);

    const usd = await harness({ service: { spendGuard: { maxUsdPerRun: "0.005" } } });
    expect((await failure(usd.costs.query({ start: "2026-01-01", end: "2026-01-31" }))).code).toBe("SPEND_LIMIT");
    expect(usd.server.stats().totals.requests).toBe(0);
  });

  it("stops paging at the limit and keeps the months it paid for", async () => {
    const h = await harness({ pageSize: 10, service: { spendGuard: { maxPaidRequests: 8 } } });
    const query: CostQueryInput = { start: "2026-01-31", end: "2026-02-02", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] };
    const error = await failure(h.costs.query(query));
    expect(error.code).toBe("SPEND_LIMIT");
    expect(error.message).toMatch(/^Stopped after 8 paid Cost Explorer requests \(\$0\.08\)/);
    expect(h.paid()).toBe(8);
    // January 31 was complete before the limit: now only February is planned.
    const plan = await h.costs.plan(query);
    expect(plan.parts.map((part) => part.source)).toEqual(["cache", "aws"]);
  });

  it("answers HOURLY questions with the API's date-times, adding up to the days", async () => {
    const h = await harness();
    const result = await h.costs.query({ start: "2026-03-12", end: "2026-03-13", granularity: "HOURLY" });
    expect(result.results).toHaveLength(48);
    expect(result.results[0]).toMatchObject({ start: "2026-03-12T00:00:00Z", end: "2026-03-12T01:00:00Z", estimated: true });
    expect(result.total.amount).toBe(toAmount(datasetTotal(h.dataset, "2026-03-12", "2026-03-13")));
  });

  it("dry runs plan without calling AWS", async () => {
    const h = await harness();
    const result = await h.costs.query({ start: "2026-01-01", end: "2026-03-14" }, { dryRun: true });
    expect(result.results).toEqual([]);
    expect(result.plan?.paidRequests).toBe(1);
    expect(result.plan?.parts.map((part) => part.period.start)).toEqual(["2026-01-01", "2026-02-01", "2026-03-01"]);
    expect(h.server.stats().totals.requests).toBe(0);
  });

  it("rejects what AWS would reject before any call", async () => {
    const h = await harness();
    const error = await failure(h.costs.query({ start: "2026-03-01", end: "2026-03-20" }));
    expect(error.code).toBe("INVALID_QUERY");
    expect(error.message).toMatch(/in the future/);
    expect(h.server.stats().totals.requests).toBe(0);
  });
});

describe("Cost Explorer errors in plain words", () => {
  it("throttled past retries", async () => {
    const h = await harness({ faults: { throttle: { ce: { tps: 0.001, burst: 1 } } }, policy: { maxRetries: 2 } });
    await h.costs.query({ start: "2026-01-01", end: "2026-01-31" });
    const error = await failure(h.costs.query({ start: "2026-02-01", end: "2026-02-28" }));
    expect(error.code).toBe("THROTTLED");
    expect(error.message).toBe("Cost Explorer kept throttling GetCostAndUsage (LimitExceededException) after every retry");
    expect(error.hint).toMatch(/maxRps/);
    expect(h.server.stats().operations["ce.GetCostAndUsage"]?.throttled).toBe(3);
  });

  it("access denied names the permission", async () => {
    const h = await harness({
      handlers: {
        GetCostAndUsage: () => {
          throw new AwsServiceError("AccessDeniedException", "User: arn:aws:iam::123456789012:user/x is not authorized to perform: ce:GetCostAndUsage");
        },
      },
    });
    const error = await failure(h.costs.query({ start: "2026-01-01", end: "2026-01-31" }));
    expect(error.code).toBe("AWS_AUTH");
    expect(error.message).toMatch(/^Cost Explorer denied GetCostAndUsage: /);
    expect(error.hint).toMatch(/ce:GetCostAndUsage IAM permission/);
  });

  it("data unavailable explains Cost Explorer's history", async () => {
    const h = await harness({ service: { historyMonths: 37 } });
    const error = await failure(h.costs.query({ start: "2024-06-01", end: "2024-06-30" }));
    expect(error.code).toBe("DATA_UNAVAILABLE");
    expect(error.message).toMatch(/^Cost Explorer has no data for 2024-06-01\.\.2024-06-30: AWS keeps 13 months/);
  });

  it("a forecast without enough history says so", async () => {
    const h = await harness({
      handlers: {
        GetCostForecast: () => {
          throw new AwsServiceError("DataUnavailableException", "Insufficient amount of historical data to generate the forecast.");
        },
      },
    });
    const error = await failure(h.costs.forecast({ months: 1 }));
    expect(error.code).toBe("DATA_UNAVAILABLE");
    expect(error.message).toMatch(/cannot forecast for 2026-03-15\.\.2026-03-31: there is not enough cost history/);
  });
});

describe("forecast, anomalies and trends", () => {
  it("forecasts from today with the asked interval, cached for the day", async () => {
    const h = await harness();
    const forecast = await h.costs.forecast({ months: 2, level: 95 });
    expect(forecast).toMatchObject({ start: "2026-03-15", end: "2026-04-30", granularity: "MONTHLY", level: 95, metric: "UnblendedCost" });
    expect(forecast.results.map((period) => [period.start, period.end])).toEqual([
      ["2026-03-15", "2026-03-31"],
      ["2026-04-01", "2026-04-30"],
    ]);
    expect(forecast.total.amount).toBe(addAmounts(forecast.results.map((period) => period.mean)));
    for (const period of forecast.results) expect(Number(period.lower)).toBeLessThanOrEqual(Number(period.upper));
    expect(forecast.requests.made).toBe(1);
    const again = await h.costs.forecast({ months: 2, level: 95 });
    expect(again.requests).toMatchObject({ made: 0, cached: 1 });
    expect(h.paid()).toBe(1);
    const error = await failure(h.costs.forecast({ start: "2026-03-01" }));
    expect(error.code).toBe("INVALID_QUERY");
  });

  it("lists anomalies with an inclusive end date, biggest impact first", async () => {
    const h = await harness();
    const result = await h.costs.anomalies({ days: 90 });
    expect(result.end).toBe("2026-03-15");
    expect(result.start).toBe("2025-12-16");
    expect(result.anomalies.length).toBeGreaterThan(0);
    const impacts = result.anomalies.map((anomaly) => Number(anomaly.impact.total));
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    expect(result.anomalies[0]?.service).toEqual(expect.any(String));
    expect(result.requests.made).toBe(h.server.stats().operations["ce.GetAnomalies"]?.ok);
  });

  it("lists SERVICE values once for the service-name resolver", async () => {
    const h = await harness();
    const resolver = createServiceResolver({ knownValues: ({ signal }) => h.costs.dimensionValues(signal === undefined ? {} : { signal }) });
    const known = await h.costs.dimensionValues();
    expect(known).toContain("Amazon Simple Storage Service");
    const paid = h.paid();
    expect(await resolver.resolve("Amazon Simple Storage Service")).toMatchObject({ value: "Amazon Simple Storage Service" });
    expect(await h.costs.dimensionValues()).toEqual(known);
    expect(h.paid()).toBe(paid);
  });

  it("compares month to date with the same days of last month, exactly", async () => {
    const h = await harness();
    const trend = await h.costs.trend({ unit: "month", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] });
    expect(trend.current).toMatchObject({ label: "2026-03", start: "2026-03-01", end: "2026-03-14", days: 14 });
    expect(trend.previous).toMatchObject({ label: "2026-02", start: "2026-02-01", end: "2026-02-14", days: 14 });
    expect(trend.current.amount).toBe(toAmount(datasetTotal(h.dataset, "2026-03-01", "2026-03-14")));
    expect(trend.previous.amount).toBe(toAmount(datasetTotal(h.dataset, "2026-02-01", "2026-02-14")));
    expect(addAmounts(trend.groups.map((group) => group.change))).toBe(trend.change.amount);
    const quarter = await h.costs.trend({ unit: "quarter", complete: true });
    expect(quarter.current).toMatchObject({ label: "2025-Q4", start: "2025-10-01", end: "2025-12-31" });
    expect(quarter.previous).toMatchObject({ label: "2025-Q3", start: "2025-07-01", end: "2025-09-30" });
    const before = h.paid();
    await h.costs.trend({ unit: "quarter", complete: true });
    expect(h.paid()).toBe(before);
  });
});
