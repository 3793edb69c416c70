// The Cost Explorer handlers through the real @aws-sdk/client-cost-explorer and the testkit server.
import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetAnomalyMonitorsCommand,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type GetCostAndUsageCommandOutput,
  GetCostForecastCommand,
  GetDimensionValuesCommand,
  GetTagsCommand,
  paginateGetAnomalies,
  type ResultByTime,
} from "@aws-sdk/client-cost-explorer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsServer, startAwsServer } from "../server.js";
import { generateCostDataset } from "./dataset.js";
import { sum } from "./test-support.js";

const NOW = new Date("2026-03-15T12:00:00Z");
const dataset = generateCostDataset({ seed: 21, now: NOW });
let server: AwsServer;
let client: CostExplorerClient;

beforeAll(async () => {
  server = await startAwsServer({ now: NOW, costs: dataset, costPageSize: 25, faults: { throttle: { ce: false } } });
  client = new CostExplorerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await server.stop();
});

async function errorOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

async function allPages(input: GetCostAndUsageCommandInput): Promise<GetCostAndUsageCommandOutput[]> {
  const pages: GetCostAndUsageCommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
    pages.push(page);
    token = page.NextPageToken;
  } while (token);
  return pages;
}

function merge(pages: readonly GetCostAndUsageCommandOutput[]): ResultByTime[] {
  const merged: ResultByTime[] = [];
  for (const result of pages.flatMap((page) => page.ResultsByTime ?? [])) {
    const last = merged.at(-1);
    if (last?.TimePeriod?.Start === result.TimePeriod?.Start) last?.Groups?.push(...(result.Groups ?? []));
    else merged.push({ ...result, Groups: [...(result.Groups ?? [])] });
  }
  return merged;
}

describe("Cost Explorer through the AWS SDK", () => {
  it("GetCostAndUsage: grouped, paginated to the end, totals empty, groups adding up to the ungrouped totals", async () => {
    const input: GetCostAndUsageCommandInput = {
      TimePeriod: { Start: "2026-01-01", End: "2026-04-01" },
      Granularity: "MONTHLY",
      Metrics: ["UnblendedCost", "NetAmortizedCost"],
    };
    const before = server.stats().costExplorer.paidRequests;
    const pages = await allPages({ ...input, GroupBy: [{ Type: "DIMENSION", Key: "LINKED_ACCOUNT" }, { Type: "DIMENSION", Key: "SERVICE" }] });
    expect(pages.length).toBeGreaterThan(3);
    expect(server.stats().costExplorer.paidRequests - before).toBe(pages.length);
    expect(pages[0]?.GroupDefinitions).toEqual([
      { Type: "DIMENSION", Key: "LINKED_ACCOUNT" },
      { Type: "DIMENSION", Key: "SERVICE" },
    ]);
    expect(pages[0]?.DimensionValueAttributes?.[0]?.Attributes?.description).toMatch(/^acme-/);
    const grouped = merge(pages);
    const totals = (await client.send(new GetCostAndUsageCommand(input))).ResultsByTime ?? [];
    expect(grouped.map((result) => result.TimePeriod)).toEqual(totals.map((result) => result.TimePeriod));
    expect(grouped.map((result) => result.Estimated)).toEqual([false, false, true]);
    grouped.forEach((result, i) => {
      expect(result.Total).toEqual({});
      for (const metric of ["UnblendedCost", "NetAmortizedCost"]) {
        expect(sum((result.Groups ?? []).map((group) => group.Metrics?.[metric]?.Amount ?? "0"))).toBe(sum([totals[i]?.Total?.[metric]?.Amount ?? "0"]));
      }
      expect(totals[i]?.Groups).toEqual([]);
    });
  });

  it("GetCostAndUsage: DAILY estimated flags and HOURLY periods", async () => {
    const daily = await client.send(
      new GetCostAndUsageCommand({ TimePeriod: { Start: "2026-02-27", End: "2026-03-02" }, Granularity: "DAILY", Metrics: ["UnblendedCost"] }),
    );
    expect(daily.ResultsByTime?.map((result) => [result.TimePeriod?.Start, result.Estimated])).toEqual([
      ["2026-02-27", false],
      ["2026-02-28", false],
      ["2026-03-01", true],
    ]);
    const hourly = await client.send(
      new GetCostAndUsageCommand({ TimePeriod: { Start: "2026-03-12T00:00:00Z", End: "2026-03-12T06:00:00Z" }, Granularity: "HOURLY", Metrics: ["UsageQuantity"] }),
    );
    expect(hourly.ResultsByTime).toHaveLength(6);
    expect(hourly.ResultsByTime?.[0]?.Total?.UsageQuantity?.Unit).toBe("N/A");
  });

  it("GetCostAndUsage: AWS's exceptions reach the SDK by name", async () => {
    const backwards = await errorOf(
      client.send(new GetCostAndUsageCommand({ TimePeriod: { Start: "2026-02-01", End: "2026-01-01" }, Granularity: "DAILY", Metrics: ["UnblendedCost"] })),
    );
    expect(backwards.name).toBe("ValidationException");
    expect(backwards.$metadata?.httpStatusCode).toBe(400);
    const old = await errorOf(
      client.send(new GetCostAndUsageCommand({ TimePeriod: { Start: "2024-01-01", End: "2024-02-01" }, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] })),
    );
    expect(old.name).toBe("DataUnavailableException");
    const token = await errorOf(
      client.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: "2026-01-01", End: "2026-02-01" },
          Granularity: "MONTHLY",
          Metrics: ["UnblendedCost"],
          GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
          NextPageToken: "bm90LW91cnM",
        }),
      ),
    );
    expect(token.name).toBe("InvalidNextTokenException");
    const hourly = await errorOf(
      client.send(new GetCostAndUsageCommand({ TimePeriod: { Start: "2026-02-01", End: "2026-02-02" }, Granularity: "HOURLY", Metrics: ["UnblendedCost"] })),
    );
    expect(hourly.name).toBe("ValidationException");
  });

  it("GetCostForecast: forecasts from today with prediction intervals; rejects a start in the past", async () => {
    const forecast = await client.send(
      new GetCostForecastCommand({
        TimePeriod: { Start: "2026-03-15", End: "2026-05-01" },
        Metric: "UNBLENDED_COST",
        Granularity: "MONTHLY",
        PredictionIntervalLevel: 95,
      }),
    );
    expect(forecast.Total?.Unit).toBe("USD");
    expect(forecast.ForecastResultsByTime).toHaveLength(2);
    expect(sum((forecast.ForecastResultsByTime ?? []).map((result) => result.MeanValue ?? "0"))).toBe(sum([forecast.Total?.Amount ?? "0"]));
    const past = await errorOf(
      client.send(new GetCostForecastCommand({ TimePeriod: { Start: "2026-03-01", End: "2026-04-01" }, Metric: "UNBLENDED_COST", Granularity: "MONTHLY" })),
    );
    expect(past.name).toBe("ValidationException");
  });

  it("GetDimensionValues and GetTags", async () => {
    const services = await client.send(
      new GetDimensionValuesCommand({ TimePeriod: { Start: "2026-02-01", End: "2026-03-01" }, Dimension: "SERVICE", Context: "COST_AND_USAGE" }),
    );
    expect(services.DimensionValues?.map((value) => value.Value)).toContain("Amazon Elastic Compute Cloud - Compute");
    expect(services.TotalSize).toBe(services.ReturnSize);
    const accounts = await client.send(new GetDimensionValuesCommand({ TimePeriod: { Start: "2026-02-01", End: "2026-03-01" }, Dimension: "LINKED_ACCOUNT" }));
    expect(accounts.DimensionValues).toContainEqual({ Value: dataset.payerAccountId, Attributes: { description: "acme-management" } });
    const teams = await client.send(new GetTagsCommand({ TimePeriod: { Start: "2026-02-01", End: "2026-03-01" }, TagKey: "team" }));
    expect(teams.Tags).toContain("web");
    const bad = await errorOf(client.send(new GetDimensionValuesCommand({ TimePeriod: { Start: "2026-02-01", End: "2026-03-01" }, Dimension: "NOPE" as "SERVICE" })));
    expect(bad.name).toBe("ValidationException");
  });

  it("GetAnomalies (inclusive end, paginated) and GetAnomalyMonitors", async () => {
    const all: string[] = [];
    for await (const page of paginateGetAnomalies({ client, pageSize: 3 }, { DateInterval: { StartDate: dataset.start, EndDate: "2026-03-14" } })) {
      all.push(...(page.Anomalies ?? []).map((anomaly) => anomaly.AnomalyId ?? ""));
    }
    expect(all.length).toBeGreaterThan(3);
    const single = await client.send(new GetAnomaliesCommand({ DateInterval: { StartDate: dataset.start, EndDate: "2026-03-14" }, MaxResults: 1000 }));
    expect(single.Anomalies?.map((anomaly) => anomaly.AnomalyId)).toEqual(all);
    const last = single.Anomalies?.[0];
    const end = last?.AnomalyEndDate ?? "";
    const onEnd = await client.send(new GetAnomaliesCommand({ DateInterval: { StartDate: end, EndDate: end } }));
    expect(onEnd.Anomalies?.map((anomaly) => anomaly.AnomalyId)).toContain(last?.AnomalyId);
    expect(last?.Impact?.TotalImpact).toBeGreaterThan(0);
    const monitors = await client.send(new GetAnomalyMonitorsCommand({}));
    expect(monitors.AnomalyMonitors?.map((monitor) => monitor.MonitorType)).toEqual(["DIMENSIONAL", "CUSTOM"]);
    const unknown = await errorOf(client.send(new GetAnomalyMonitorsCommand({ MonitorArnList: ["arn:aws:ce::000000000000:anomalymonitor/none"] })));
    expect(unknown.name).toBe("UnknownMonitorException");
  });
});
