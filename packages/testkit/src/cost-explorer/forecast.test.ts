import { describe, expect, it } from "vitest";
import { generateCostDataset } from "./dataset.js";
import { normalQuantile } from "./forecast.js";
import { createCostExplorerHandlers } from "./handlers.js";
import { call, errorOf, sum } from "./test-support.js";

const NOW = new Date("2026-03-15T12:00:00Z");
const ctx = { now: NOW };
const dataset = generateCostDataset({ seed: 5, now: NOW });
const handlers = createCostExplorerHandlers({ getData: () => dataset });

interface ForecastAnswer {
  Total: { Amount: string; Unit: string };
  ForecastResultsByTime: { TimePeriod: { Start: string; End: string }; MeanValue: string; PredictionIntervalLowerBound: string; PredictionIntervalUpperBound: string }[];
}
const forecast = (body: Record<string, unknown>, at = ctx): ForecastAnswer => call(handlers, "GetCostForecast", body, at);
const base = { TimePeriod: { Start: "2026-03-15", End: "2026-06-01" }, Metric: "UNBLENDED_COST", Granularity: "MONTHLY" };

describe("GetCostForecast", () => {
  it("forecasts the rest of this month and the next months, with a Total that is their exact sum", () => {
    const answer = forecast(base);
    expect(answer.ForecastResultsByTime.map((result) => result.TimePeriod)).toEqual([
      { Start: "2026-03-15", End: "2026-04-01" },
      { Start: "2026-04-01", End: "2026-05-01" },
      { Start: "2026-05-01", End: "2026-06-01" },
    ]);
    expect(answer.Total.Unit).toBe("USD");
    expect(sum(answer.ForecastResultsByTime.map((result) => result.MeanValue))).toBe(sum([answer.Total.Amount]));
    for (const result of answer.ForecastResultsByTime) {
      const [low, mean, high] = [result.PredictionIntervalLowerBound, result.MeanValue, result.PredictionIntervalUpperBound].map(Number);
      expect(low).toBeLessThan(mean ?? 0);
      expect(mean).toBeLessThan(high ?? 0);
    }
  });

  it("is in line with recent spend and grows with the trend", () => {
    const february = call<{ ResultsByTime: { Total: Record<string, { Amount: string }> }[] }>(
      handlers,
      "GetCostAndUsage",
      { TimePeriod: { Start: "2026-02-01", End: "2026-03-01" }, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] },
      ctx,
    );
    const actual = Number(february.ResultsByTime[0]?.Total.UnblendedCost?.Amount);
    const [, april, may] = forecast(base).ForecastResultsByTime.map((result) => Number(result.MeanValue));
    expect(april).toBeGreaterThan(actual * 0.9);
    expect(april).toBeLessThan(actual * 1.25);
    expect(may).toBeGreaterThan((april ?? 0) * 0.98);
  });

  it("widens the interval with the prediction level (default 80)", () => {
    const width = (level?: number): number => {
      const result = forecast(level === undefined ? base : { ...base, PredictionIntervalLevel: level }).ForecastResultsByTime[1];
      return Number(result?.PredictionIntervalUpperBound) - Number(result?.PredictionIntervalLowerBound);
    };
    expect(width()).toBeCloseTo(width(80), 6);
    expect(width(95)).toBeGreaterThan(width(80));
    expect(width(51)).toBeLessThan(width(80));
  });

  it("answers DAILY forecasts and any of the seven metrics, with a filter", () => {
    const daily = forecast({ ...base, Granularity: "DAILY", TimePeriod: { Start: "2026-03-15", End: "2026-03-22" } });
    expect(daily.ForecastResultsByTime).toHaveLength(7);
    expect(sum(daily.ForecastResultsByTime.map((result) => result.MeanValue))).toBe(sum([daily.Total.Amount]));
    for (const metric of ["BLENDED_COST", "AMORTIZED_COST", "NET_UNBLENDED_COST", "NET_AMORTIZED_COST", "USAGE_QUANTITY", "NORMALIZED_USAGE_AMOUNT"]) {
      expect(Number(forecast({ ...base, Metric: metric }).Total.Amount)).toBeGreaterThan(0);
    }
    expect(forecast({ ...base, Metric: "USAGE_QUANTITY" }).Total.Unit).toBe("N/A");
    const ec2 = forecast({ ...base, Filter: { Dimensions: { Key: "SERVICE", Values: ["Amazon Elastic Compute Cloud - Compute"] } } });
    expect(Number(ec2.Total.Amount)).toBeLessThan(Number(forecast(base).Total.Amount) / 2);
    expect(forecast(base)).toEqual(forecast(base));
  });

  it.each([
    ["a start in the past", { ...base, TimePeriod: { Start: "2026-03-14", End: "2026-04-01" } }, /equal to or later than the current date/],
    ["GetCostAndUsage's metric spelling", { ...base, Metric: "UnblendedCost" }, /metric/],
    ["HOURLY", { ...base, Granularity: "HOURLY" }, /granularity/],
    ["a level below 51", { ...base, PredictionIntervalLevel: 50 }, /between 51 and 99/],
    ["a level above 99", { ...base, PredictionIntervalLevel: 100 }, /between 51 and 99/],
    ["more than 3 months of DAILY", { ...base, Granularity: "DAILY", TimePeriod: { Start: "2026-03-15", End: "2026-07-01" } }, /at most 3 months/],
    ["more than 18 months of MONTHLY", { ...base, TimePeriod: { Start: "2026-03-15", End: "2027-10-01" } }, /at most 18 months/],
    ["an end before the start", { ...base, TimePeriod: { Start: "2026-04-01", End: "2026-03-20" } }, /before end date/],
  ])("rejects %s with ValidationException", (_name, body, message) => {
    const error = errorOf(() => forecast(body));
    expect(error.type).toBe("ValidationException");
    expect(error.message).toMatch(message);
  });

  it("answers DataUnavailableException when the filter leaves no history", () => {
    const error = errorOf(() => forecast({ ...base, Filter: { Dimensions: { Key: "SERVICE", Values: ["Amazon Lightsail"] } } }));
    expect(error.type).toBe("DataUnavailableException");
  });

  it("computes normal quantiles", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 6);
  });
});
