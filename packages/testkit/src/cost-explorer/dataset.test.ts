import { describe, expect, it } from "vitest";
import { generateCostDataset, iterateCostRows, type CostDataset } from "./dataset.js";
import { parseDay, partsOf, weekday } from "./dates.js";
import { COST_METRICS, MAX_STORED_UNITS, parseUnits } from "./fixed-point.js";

const NOW = new Date("2026-03-15T12:00:00Z");
const dataset = generateCostDataset({ seed: 7, now: NOW });

function totalBy(data: CostDataset, pick: (row: ReturnType<typeof rowsOf>[number]) => string | undefined): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const row of rowsOf(data)) {
    const key = pick(row);
    if (key === undefined) continue;
    totals.set(key, (totals.get(key) ?? 0n) + parseUnits(row.metrics.UnblendedCost, 10));
  }
  return totals;
}

const cache = new WeakMap<CostDataset, ReturnType<typeof collect>>();
function collect(data: CostDataset) {
  return [...iterateCostRows(data)];
}
function rowsOf(data: CostDataset) {
  let rows = cache.get(data);
  if (!rows) {
    rows = collect(data);
    cache.set(data, rows);
  }
  return rows;
}

describe("generateCostDataset", () => {
  it("covers 14 calendar months up to yesterday", () => {
    expect(dataset.start).toBe("2025-02-01");
    expect(dataset.end).toBe("2026-03-15");
    expect(dataset.now).toBe(NOW.toISOString());
    const days = new Set(rowsOf(dataset).map((row) => row.date));
    expect(days.has("2025-02-01")).toBe(true);
    expect(days.has("2026-03-14")).toBe(true);
    expect(days.has("2026-03-15")).toBe(false);
  });

  it("is deterministic for a seed and different across seeds", () => {
    const again = generateCostDataset({ seed: 7, now: NOW });
    expect(again.rows.length).toBe(dataset.rows.length);
    expect(Array.from(again.rows.metrics.UnblendedCost)).toEqual(Array.from(dataset.rows.metrics.UnblendedCost));
    expect(again.accounts).toEqual(dataset.accounts);
    expect(again.anomalies).toEqual(dataset.anomalies);
    const other = generateCostDataset({ seed: 8, now: NOW });
    expect(other.accounts.map((account) => account.id)).not.toEqual(dataset.accounts.map((account) => account.id));
  });

  it("keeps history stable when regenerated later or longer: old days do not change", () => {
    const later = generateCostDataset({ seed: 7, now: new Date("2026-04-02T00:00:00Z"), months: 15 });
    const offset = later.rows.dayOffsets[(parseDay(dataset.start) ?? 0) - (parseDay(later.start) ?? 0)] ?? 0;
    const count = dataset.rows.length;
    expect(later.lineItems.map((line) => line.key)).toEqual(dataset.lineItems.map((line) => line.key));
    const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.prototype.every.call(a, (value, i) => value === b[i]);
    expect(same(later.rows.line.subarray(offset, offset + count), dataset.rows.line)).toBe(true);
    for (const metric of COST_METRICS) expect(same(later.rows.metrics[metric].subarray(offset, offset + count), dataset.rows.metrics[metric])).toBe(true);
    expect(later.anomalies.map((anomaly) => anomaly.id)).toEqual(expect.arrayContaining(dataset.anomalies.map((anomaly) => anomaly.id)));
  });

  it("has a payer and five linked accounts with 12-digit ids and names", () => {
    expect(dataset.accounts).toHaveLength(6);
    expect(dataset.accounts[0]?.payer).toBe(true);
    expect(dataset.payerAccountId).toBe(dataset.accounts[0]?.id);
    for (const account of dataset.accounts) {
      expect(account.id).toMatch(/^[1-9]\d{11}$/);
      expect(account.name).toMatch(/^acme-/);
    }
    expect(new Set(dataset.accounts.map((account) => account.id)).size).toBe(6);
    expect(generateCostDataset({ seed: 7, now: NOW, months: 2, accounts: 8 }).accounts).toHaveLength(9);
  });

  it("uses 30+ real Cost Explorer service names", () => {
    const services = new Set(dataset.lineItems.map((line) => line.service));
    expect(services.size).toBeGreaterThanOrEqual(30);
    for (const name of [
      "Amazon Elastic Compute Cloud - Compute",
      "EC2 - Other",
      "Amazon Simple Storage Service",
      "Amazon Relational Database Service",
      "AWS Lambda",
      "Amazon DynamoDB",
      "Amazon CloudFront",
      "Amazon Route 53",
      "AWS Key Management Service",
      "AmazonCloudWatch",
      "Amazon Elastic Container Service",
      "Amazon Elastic Container Service for Kubernetes",
      "Amazon SageMaker",
      "Amazon Bedrock",
      "Amazon Virtual Private Cloud",
      "Tax",
      "AWS Support (Business)",
    ]) {
      expect(services).toContain(name);
    }
  });

  it("has regions, prefixed usage types, instance types, AZs, tags and a cost category", () => {
    const lines = dataset.lineItems;
    expect(new Set(lines.map((line) => line.region))).toEqual(new Set(["us-east-1", "eu-west-1", "us-west-2", "global", null]));
    expect(lines.map((line) => line.usageType)).toEqual(expect.arrayContaining(["USE1-BoxUsage:m5.large", "EUW1-TimedStorage-ByteHrs", "US-DataTransfer-Out-Bytes"]));
    expect(lines.some((line) => line.instanceType === "m5.large" && line.az?.startsWith("us-east-1"))).toBe(true);
    expect(new Set(lines.flatMap((line) => Object.keys(line.tags)))).toEqual(new Set(["env", "team"]));
    expect(lines.some((line) => line.recordType === "Usage" && line.tags.team === undefined)).toBe(true);
    expect(new Set(lines.map((line) => line.costCategories["Business Unit"]))).toEqual(new Set(["Platform", "Product", "Data Science", undefined]));
    expect(dataset.tagKeys).toEqual(["env", "team"]);
    expect(dataset.costCategoryNames).toEqual(["Business Unit"]);
  });

  it("stores exact integer amounts for all seven metrics", () => {
    for (const metric of COST_METRICS) {
      const column = dataset.rows.metrics[metric];
      expect(column).toHaveLength(dataset.rows.length);
      expect(column.every((value) => Number.isInteger(value) && Math.abs(value) < MAX_STORED_UNITS)).toBe(true);
    }
    const days = dataset.rows.day;
    expect(days.every((day, row) => row === 0 || day >= (days[row - 1] ?? 0))).toBe(true);
  });

  it("charges RI fees, support and tax on the first of the month only", () => {
    const monthly = rowsOf(dataset).filter((row) => ["RIFee", "Support", "Tax"].includes(row.line.recordType));
    expect(monthly.length).toBeGreaterThan(0);
    expect(new Set(monthly.map((row) => row.date.slice(8)))).toEqual(new Set(["01"]));
    const fee = monthly.find((row) => row.line.recordType === "RIFee");
    expect(fee && parseUnits(fee.metrics.AmortizedCost, 10)).toBe(0n);
    expect(fee && parseUnits(fee.metrics.UnblendedCost, 10)).toBeGreaterThan(0n);
  });

  it("amortizes RI fees over the month: a whole month's amortized equals its unblended for the reservation", () => {
    const february = rowsOf(dataset).filter((row) => row.date.startsWith("2026-02") && (row.line.recordType === "RIFee" || row.line.recordType === "DiscountedUsage"));
    const sum = (metric: "AmortizedCost" | "UnblendedCost"): bigint => february.reduce((total, row) => total + parseUnits(row.metrics[metric], 10), 0n);
    expect(sum("AmortizedCost")).toBe(sum("UnblendedCost"));
    expect(sum("UnblendedCost")).toBeGreaterThan(0n);
  });

  it("has credits as negative amounts with RECORD_TYPE Credit", () => {
    const credits = rowsOf(dataset).filter((row) => row.line.recordType === "Credit");
    expect(credits.length).toBeGreaterThan(0);
    expect(credits.every((row) => row.metrics.UnblendedCost.startsWith("-"))).toBe(true);
  });

  it("has a growth trend and weekly seasonality", () => {
    const byMonth = totalBy(dataset, (row) => (row.line.recordType === "Usage" ? row.date.slice(0, 7) : undefined));
    expect(byMonth.get("2026-01") ?? 0n).toBeGreaterThan(byMonth.get("2025-03") ?? 0n);
    const weekdayTotals = totalBy(dataset, (row) =>
      row.line.hourlyProfile === "business" && row.line.recordType === "Usage" ? (weekday(parseDay(row.date) ?? 0) % 6 === 0 ? "weekend" : "weekday") : undefined,
    );
    // 5 weekdays against 2 weekend days: office-hours usage is well below 2/5 of weekdays at weekends.
    expect((weekdayTotals.get("weekend") ?? 0n) * 5n).toBeLessThan((weekdayTotals.get("weekday") ?? 0n) * 2n);
  });

  it("labels anomalies that are really in the data", () => {
    expect(dataset.anomalies.length).toBeGreaterThan(5);
    expect(new Set(dataset.anomalies.map((anomaly) => anomaly.kind))).toEqual(new Set(["spike", "level_shift"]));
    for (const anomaly of dataset.anomalies) {
      expect(anomaly.factor).toBeGreaterThan(1);
      expect(anomaly.start <= anomaly.end).toBe(true);
      expect(dataset.lineItems.some((line) => line.key === anomaly.lineKey && line.service === anomaly.service)).toBe(true);
      if (anomaly.start >= dataset.start) {
        expect(parseUnits(anomaly.impact, 10)).toBe(parseUnits(anomaly.actualSpend, 10) - parseUnits(anomaly.expectedSpend, 10));
        expect(parseUnits(anomaly.impact, 10)).toBeGreaterThan(0n);
      }
    }
    const spike = dataset.anomalies.find((anomaly) => anomaly.kind === "spike" && anomaly.start > dataset.start);
    expect(spike).toBeDefined();
    if (!spike) return;
    const line = rowsOf(dataset).filter((row) => row.line.key === spike.lineKey);
    const onSpike = line.find((row) => row.date === spike.start);
    const weekBefore = line.filter((row) => row.date < spike.start).slice(-7);
    const usual = weekBefore.reduce((sum, row) => sum + Number(row.metrics.UnblendedCost), 0) / weekBefore.length;
    expect(Number(onSpike?.metrics.UnblendedCost)).toBeGreaterThan(usual * 1.8);
  });

  it("starts the data on the first day of a month and accepts a one-month history", () => {
    const short = generateCostDataset({ seed: 3, now: new Date("2026-07-01T00:00:00Z"), months: 1 });
    expect(short.start).toBe("2026-07-01");
    expect(short.rows.length).toBe(0);
    expect(partsOf(parseDay(dataset.start) ?? 0).day).toBe(1);
    expect(() => generateCostDataset({ months: 0 })).toThrow(RangeError);
    expect(() => generateCostDataset({ accounts: 0 })).toThrow(RangeError);
  });
});
