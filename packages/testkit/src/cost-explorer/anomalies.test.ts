import { describe, expect, it } from "vitest";
import { generateCostDataset } from "./dataset.js";
import { dayOf, formatDay, parseDay } from "./dates.js";
import { createCostExplorerHandlers } from "./handlers.js";
import { call, errorOf } from "./test-support.js";

const NOW = new Date("2026-03-15T12:00:00Z");
const ctx = { now: NOW };
const dataset = generateCostDataset({ seed: 4, now: NOW });
const handlers = createCostExplorerHandlers({ getData: () => dataset });

interface Anomaly {
  AnomalyId: string;
  AnomalyStartDate: string;
  AnomalyEndDate: string;
  DimensionValue: string;
  RootCauses: { Service: string; Region: string; LinkedAccount: string; LinkedAccountName: string; UsageType: string; Impact: { Contribution: number } }[];
  AnomalyScore: { MaxScore: number; CurrentScore: number };
  Impact: { MaxImpact: number; TotalImpact: number; TotalActualSpend: number; TotalExpectedSpend: number; TotalImpactPercentage?: number };
  MonitorArn: string;
  Feedback?: string;
}
interface AnomaliesAnswer {
  Anomalies: Anomaly[];
  NextPageToken?: string;
}
const anomalies = (body: Record<string, unknown>, at = ctx): AnomaliesAnswer => call(handlers, "GetAnomalies", body, at);
const everything = { DateInterval: { StartDate: dataset.start, EndDate: "2026-03-15" }, MaxResults: 1000 };
const servicesMonitor = dataset.monitors.find((monitor) => monitor.type === "DIMENSIONAL")?.arn ?? "";

describe("GetAnomalies", () => {
  it("reports the labelled anomalies with AWS's fields", () => {
    const reported = anomalies({ ...everything, MonitorArn: servicesMonitor }).Anomalies;
    const started = dataset.anomalies.filter((label) => label.start <= "2026-03-14");
    expect(reported.map((anomaly) => anomaly.AnomalyId).sort()).toEqual(started.filter((label) => label.end >= dataset.start).map((label) => label.id).sort());
    for (const anomaly of reported) {
      const label = dataset.anomalies.find((candidate) => candidate.id === anomaly.AnomalyId);
      expect(anomaly.DimensionValue).toBe(label?.service);
      expect(anomaly.AnomalyStartDate).toBe(label?.start);
      expect(anomaly.RootCauses[0]).toMatchObject({ Service: label?.service, LinkedAccount: label?.accountId, UsageType: label?.usageType, Region: label?.region });
      expect(anomaly.Impact.TotalImpact).toBeGreaterThan(0);
      expect(anomaly.Impact.TotalImpact).toBeCloseTo(anomaly.Impact.TotalActualSpend - anomaly.Impact.TotalExpectedSpend, 1);
      expect(anomaly.AnomalyScore.MaxScore).toBeGreaterThanOrEqual(anomaly.AnomalyScore.CurrentScore);
      expect(anomaly.MonitorArn).toBe(servicesMonitor);
    }
  });

  it("treats EndDate as inclusive: an anomaly ending on EndDate is reported, not one ending after", () => {
    const target = anomalies(everything).Anomalies.find((anomaly) => anomaly.AnomalyEndDate < "2026-03-01");
    expect(target).toBeDefined();
    const end = target?.AnomalyEndDate ?? "";
    const on = anomalies({ DateInterval: { StartDate: end, EndDate: end } }).Anomalies.map((anomaly) => anomaly.AnomalyId);
    expect(on).toContain(target?.AnomalyId);
    const before = formatDay((parseDay(end) ?? 0) - 1);
    const earlier = anomalies({ DateInterval: { StartDate: dataset.start, EndDate: before }, MaxResults: 1000 }).Anomalies.map((anomaly) => anomaly.AnomalyId);
    expect(earlier).not.toContain(target?.AnomalyId);
  });

  it("reports an ongoing anomaly up to the last day with data, at its current score", () => {
    const earlier = { now: new Date("2026-01-01T00:00:00Z") };
    const label = dataset.anomalies.find((candidate) => candidate.start < "2025-12-20" && candidate.end > "2026-01-05");
    expect(label).toBeDefined();
    if (!label) return;
    const reported = anomalies({ DateInterval: { StartDate: "2025-12-01" }, MaxResults: 1000 }, earlier).Anomalies.find((anomaly) => anomaly.AnomalyId === label.id);
    expect(reported?.AnomalyEndDate).toBe(formatDay(dayOf(earlier.now) - 1));
    expect(reported?.AnomalyScore.CurrentScore).toBe(reported?.AnomalyScore.MaxScore);
  });

  it("filters by monitor, feedback and total impact, and paginates", () => {
    const production = dataset.accounts.find((account) => account.kind === "production");
    const custom = dataset.monitors.find((monitor) => monitor.type === "CUSTOM")?.arn ?? "";
    const mine = anomalies({ ...everything, MonitorArn: custom }).Anomalies;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((anomaly) => anomaly.RootCauses[0]?.LinkedAccount === production?.id && anomaly.MonitorArn === custom)).toBe(true);
    const all = anomalies(everything).Anomalies;
    const big = anomalies({ ...everything, TotalImpact: { NumericOperator: "GREATER_THAN", StartValue: 500 } }).Anomalies;
    expect(big.length).toBeGreaterThan(0);
    expect(big.map((anomaly) => anomaly.AnomalyId)).toEqual(all.filter((anomaly) => anomaly.Impact.TotalImpact > 500).map((anomaly) => anomaly.AnomalyId));
    const between = anomalies({ ...everything, TotalImpact: { NumericOperator: "BETWEEN", StartValue: 100, EndValue: 500 } }).Anomalies;
    expect(between.length).toBeGreaterThan(0);
    expect(between.every((anomaly) => anomaly.Impact.TotalImpact >= 100 && anomaly.Impact.TotalImpact <= 500)).toBe(true);
    const confirmed = anomalies({ ...everything, Feedback: "YES" }).Anomalies;
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.every((anomaly) => anomaly.Feedback === "YES")).toBe(true);

    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = anomalies({ DateInterval: everything.DateInterval, MaxResults: 2, ...(token ? { NextPageToken: token } : {}) });
      expect(page.Anomalies.length).toBeLessThanOrEqual(2);
      ids.push(...page.Anomalies.map((anomaly) => anomaly.AnomalyId));
      token = page.NextPageToken;
    } while (token);
    expect(ids).toEqual(all.map((anomaly) => anomaly.AnomalyId));
  });

  it.each([
    ["no DateInterval", {}, "ValidationException"],
    ["no StartDate", { DateInterval: { EndDate: "2026-03-01" } }, "ValidationException"],
    ["StartDate after EndDate", { DateInterval: { StartDate: "2026-03-02", EndDate: "2026-03-01" } }, "ValidationException"],
    ["a bad date", { DateInterval: { StartDate: "03/01/2026" } }, "ValidationException"],
    ["a bad operator", { DateInterval: { StartDate: "2026-03-01" }, TotalImpact: { NumericOperator: "ABOUT", StartValue: 1 } }, "ValidationException"],
    ["an unknown monitor", { DateInterval: { StartDate: "2026-03-01" }, MonitorArn: "arn:aws:ce::123456789012:anomalymonitor/nope" }, "UnknownMonitorException"],
    ["a bad token", { DateInterval: { StartDate: "2026-03-01" }, NextPageToken: "nope" }, "InvalidNextTokenException"],
  ])("rejects %s", (_name, body, type) => {
    expect(errorOf(() => anomalies(body)).type).toBe(type);
  });
});

describe("GetAnomalyMonitors", () => {
  interface MonitorsAnswer {
    AnomalyMonitors: Record<string, unknown>[];
    NextPageToken?: string;
  }
  const monitors = (body: Record<string, unknown>): MonitorsAnswer => call(handlers, "GetAnomalyMonitors", body, ctx);

  it("lists the monitors, or those asked for, with pagination", () => {
    const all = monitors({}).AnomalyMonitors;
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ MonitorName: "AWS services", MonitorType: "DIMENSIONAL", MonitorDimension: "SERVICE", LastEvaluatedDate: "2026-03-14" });
    expect(all[1]).toMatchObject({ MonitorType: "CUSTOM", MonitorSpecification: { Dimensions: { Key: "LINKED_ACCOUNT" } } });
    expect(monitors({ MonitorArnList: [servicesMonitor] }).AnomalyMonitors.map((monitor) => monitor.MonitorArn)).toEqual([servicesMonitor]);
    const first = monitors({ MaxResults: 1 });
    expect(first.AnomalyMonitors).toHaveLength(1);
    const second = monitors({ MaxResults: 1, NextPageToken: first.NextPageToken });
    expect(second.AnomalyMonitors).toHaveLength(1);
    expect(second.NextPageToken).toBeUndefined();
  });

  it("rejects an unknown monitor ARN", () => {
    expect(errorOf(() => monitors({ MonitorArnList: ["arn:aws:ce::1:anomalymonitor/x"] })).type).toBe("UnknownMonitorException");
  });
});
