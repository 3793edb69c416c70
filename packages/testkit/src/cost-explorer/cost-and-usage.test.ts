import { describe, expect, it } from "vitest";
import { generateCostDataset } from "./dataset.js";
import { createCostExplorerHandlers } from "./handlers.js";
import { allPages, call, errorOf, mergePages, sum, type CostAndUsageAnswer } from "./test-support.js";

const NOW = new Date("2026-03-15T12:00:00Z");
const ctx = { now: NOW };
const dataset = generateCostDataset({ seed: 3, now: NOW });
const handlers = createCostExplorerHandlers({ getData: () => dataset });
const smallPages = createCostExplorerHandlers({ getData: () => dataset, pageSize: 7 });
const ask = (body: Record<string, unknown>, target = handlers): CostAndUsageAnswer => call(target, "GetCostAndUsage", body, ctx);
const failure = (body: Record<string, unknown>) => errorOf(() => ask(body));
const monthly = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
  TimePeriod: { Start: start, End: end },
  Granularity: "MONTHLY",
  Metrics: ["UnblendedCost"],
  ...extra,
});

describe("GetCostAndUsage answers", () => {
  it("answers ungrouped months with Total, empty Groups, units and Estimated", () => {
    const answer = ask(monthly("2026-01-15", "2026-04-01", { Metrics: ["UnblendedCost", "UsageQuantity"] }));
    expect(answer.ResultsByTime.map((result) => result.TimePeriod)).toEqual([
      { Start: "2026-01-15", End: "2026-02-01" },
      { Start: "2026-02-01", End: "2026-03-01" },
      // The future is clipped: today is the last day answered.
      { Start: "2026-03-01", End: "2026-03-16" },
    ]);
    expect(answer.ResultsByTime.map((result) => result.Estimated)).toEqual([false, false, true]);
    for (const result of answer.ResultsByTime) {
      expect(result.Groups).toEqual([]);
      expect(result.Total.UnblendedCost?.Unit).toBe("USD");
      expect(result.Total.UnblendedCost?.Amount).toMatch(/^\d+\.\d{10}$/);
      expect(result.Total.UsageQuantity?.Unit).toBe("N/A");
    }
    expect(answer.DimensionValueAttributes).toEqual([]);
    expect(answer.NextPageToken).toBeUndefined();
    expect(answer.GroupDefinitions).toBeUndefined();
  });

  it("leaves Total empty when grouped and answers AWS's group keys", () => {
    const answer = ask(
      monthly("2026-02-01", "2026-03-01", {
        GroupBy: [
          { Type: "TAG", Key: "team" },
          { Type: "COST_CATEGORY", Key: "Business Unit" },
        ],
      }),
    );
    expect(answer.GroupDefinitions).toEqual([
      { Type: "TAG", Key: "team" },
      { Type: "COST_CATEGORY", Key: "Business Unit" },
    ]);
    const [february] = answer.ResultsByTime;
    expect(february?.Total).toEqual({});
    const keys = february?.Groups.map((group) => group.Keys) ?? [];
    expect(keys).toContainEqual(["team$web", "Business Unit$Product"]);
    expect(keys).toContainEqual(["team$", "Business Unit$"]);
    expect(keys.every(([tag, category]) => tag?.startsWith("team$") && category?.startsWith("Business Unit$"))).toBe(true);
  });

  it("names linked accounts in DimensionValueAttributes", () => {
    const answer = ask(monthly("2026-02-01", "2026-03-01", { GroupBy: [{ Type: "DIMENSION", Key: "LINKED_ACCOUNT" }] }));
    expect(answer.DimensionValueAttributes).toEqual(
      dataset.accounts.map((account) => ({ Value: account.id, Attributes: { description: account.name } })).sort((a, b) => a.Value.localeCompare(b.Value)),
    );
    expect(answer.ResultsByTime[0]?.Groups.map((group) => group.Keys[0])).toEqual(dataset.accounts.map((account) => account.id).sort());
  });

  it("uses AWS's No... values for lines without a value", () => {
    const answer = ask(monthly("2026-02-01", "2026-03-01", { GroupBy: [{ Type: "DIMENSION", Key: "INSTANCE_TYPE" }, { Type: "DIMENSION", Key: "REGION" }] }));
    const keys = answer.ResultsByTime[0]?.Groups.map((group) => group.Keys.join("|")) ?? [];
    expect(keys).toContain("NoInstanceType|NoRegion");
    expect(keys).toContain("NoInstanceType|global");
    expect(keys).toContain("m5.large|us-east-1");
  });

  it("marks the current month and the last days as estimated", () => {
    const daily = ask({ TimePeriod: { Start: "2026-02-25", End: "2026-03-03" }, Granularity: "DAILY", Metrics: ["UnblendedCost"] });
    expect(daily.ResultsByTime.map((result) => [result.TimePeriod.Start, result.Estimated])).toEqual([
      ["2026-02-25", false],
      ["2026-02-26", false],
      ["2026-02-27", false],
      ["2026-02-28", false],
      ["2026-03-01", true],
      ["2026-03-02", true],
    ]);
    const early = { now: new Date("2026-03-02T08:00:00Z") };
    const answer = call<CostAndUsageAnswer>(handlers, "GetCostAndUsage", { TimePeriod: { Start: "2026-02-25", End: "2026-03-02" }, Granularity: "DAILY", Metrics: ["UnblendedCost"] }, early);
    expect(answer.ResultsByTime.filter((result) => result.Estimated).map((result) => result.TimePeriod.Start)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
  });

  it("echoes metric names as sent, in any case", () => {
    const answer = ask(monthly("2026-02-01", "2026-03-01", { Metrics: ["unblendedCost", "BlendedCost"] }));
    expect(Object.keys(answer.ResultsByTime[0]?.Total ?? {})).toEqual(["unblendedCost", "BlendedCost"]);
  });

  it("answers the usage unit when every row in a cell shares it", () => {
    const answer = ask(
      monthly("2026-02-01", "2026-03-01", {
        Metrics: ["UsageQuantity", "NormalizedUsageAmount"],
        Filter: { Dimensions: { Key: "USAGE_TYPE", Values: ["USE1-BoxUsage:m5.large"] } },
      }),
    );
    expect(answer.ResultsByTime[0]?.Total.UsageQuantity?.Unit).toBe("Hrs");
    expect(answer.ResultsByTime[0]?.Total.NormalizedUsageAmount?.Unit).toBe("N/A");
    expect(Number(answer.ResultsByTime[0]?.Total.NormalizedUsageAmount?.Amount)).toBeGreaterThan(Number(answer.ResultsByTime[0]?.Total.UsageQuantity?.Amount));
  });

  it("spreads days over hours exactly for HOURLY within the last 14 days", () => {
    const hourly = ask({ TimePeriod: { Start: "2026-03-10T00:00:00Z", End: "2026-03-11T00:00:00Z" }, Granularity: "HOURLY", Metrics: ["UnblendedCost", "UsageQuantity"] });
    expect(hourly.ResultsByTime).toHaveLength(24);
    expect(hourly.ResultsByTime[5]?.TimePeriod).toEqual({ Start: "2026-03-10T05:00:00Z", End: "2026-03-10T06:00:00Z" });
    const day = ask({ TimePeriod: { Start: "2026-03-10", End: "2026-03-11" }, Granularity: "DAILY", Metrics: ["UnblendedCost", "UsageQuantity"] });
    for (const metric of ["UnblendedCost", "UsageQuantity"]) {
      expect(sum(hourly.ResultsByTime.map((result) => result.Total[metric]?.Amount ?? "0"))).toBe(sum([day.ResultsByTime[0]?.Total[metric]?.Amount ?? "0"]));
    }
    const amounts = hourly.ResultsByTime.map((result) => Number(result.Total.UnblendedCost?.Amount));
    expect(Math.max(...amounts)).toBeGreaterThan(Math.min(...amounts) * 1.1);
  });

  it("accepts dates for HOURLY and a period that starts mid-day", () => {
    const answer = ask({ TimePeriod: { Start: "2026-03-10T22:00:00Z", End: "2026-03-11" }, Granularity: "HOURLY", Metrics: ["UnblendedCost"] });
    expect(answer.ResultsByTime.map((result) => result.TimePeriod.Start)).toEqual(["2026-03-10T22:00:00Z", "2026-03-10T23:00:00Z"]);
  });
});

describe("GetCostAndUsage pagination", () => {
  const body = {
    TimePeriod: { Start: "2026-01-01", End: "2026-03-01" },
    Granularity: "MONTHLY",
    Metrics: ["UnblendedCost", "AmortizedCost"],
    GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
  };

  it("pages groups, continuing a period on the next page, until no NextPageToken", () => {
    const pages = allPages(smallPages, body, ctx);
    const single = ask(body);
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.every((page) => page.ResultsByTime.reduce((count, result) => count + result.Groups.length, 0) <= 7)).toBe(true);
    expect(pages.at(-1)?.NextPageToken).toBeUndefined();
    expect(mergePages(pages)).toEqual(single.ResultsByTime);
    // A period split across two pages appears on both, with Total still empty.
    const splits = pages.filter((page, i) => i > 0 && page.ResultsByTime[0]?.TimePeriod.Start === pages[i - 1]?.ResultsByTime.at(-1)?.TimePeriod.Start);
    expect(splits.length).toBeGreaterThan(0);
  });

  it("keeps a period without groups as an empty entry", () => {
    const answer = ask({
      TimePeriod: { Start: "2026-02-01", End: "2026-02-04" },
      Granularity: "DAILY",
      Metrics: ["UnblendedCost"],
      GroupBy: [{ Type: "DIMENSION", Key: "RECORD_TYPE" }],
      Filter: { Dimensions: { Key: "RECORD_TYPE", Values: ["Tax"] } },
    });
    expect(answer.ResultsByTime.map((result) => [result.TimePeriod.Start, result.Groups.length])).toEqual([
      ["2026-02-01", 1],
      ["2026-02-02", 0],
      ["2026-02-03", 0],
    ]);
  });

  it("rejects a token that is not ours, and one from another request", () => {
    expect(errorOf(() => ask({ ...body, NextPageToken: "not-a-token" }, smallPages)).type).toBe("InvalidNextTokenException");
    const first = ask(body, smallPages);
    expect(first.NextPageToken).toBeDefined();
    const changed = errorOf(() => ask({ ...body, Metrics: ["UnblendedCost"], NextPageToken: first.NextPageToken }, smallPages));
    expect(changed.type).toBe("RequestChangedException");
    const ungrouped = errorOf(() => ask({ ...body, GroupBy: undefined, NextPageToken: first.NextPageToken }, smallPages));
    expect(["InvalidNextTokenException", "RequestChangedException"]).toContain(ungrouped.type);
  });
});

describe("GetCostAndUsage validation", () => {
  const base = monthly("2026-01-01", "2026-02-01");

  it.each([
    ["Start not before End", { ...base, TimePeriod: { Start: "2026-02-01", End: "2026-02-01" } }, /Start date \(and hour\) should be before end date/],
    ["an impossible date", { ...base, TimePeriod: { Start: "2026-02-30", End: "2026-03-01" } }, /invalid/],
    ["a date-time for MONTHLY", { ...base, TimePeriod: { Start: "2026-01-01T00:00:00Z", End: "2026-02-01" } }, /yyyy-MM-dd/],
    ["Start after today", { ...base, TimePeriod: { Start: "2026-03-16", End: "2026-03-20" } }, /no later than the current date/],
    ["End past next month", { ...base, TimePeriod: { Start: "2026-03-01", End: "2026-04-02" } }, /end date past the beginning of next month/],
    ["no Metrics", { ...base, Metrics: [] }, /Metrics/],
    ["an unknown metric", { ...base, Metrics: ["UnblendedCosts"] }, /Metrics are invalid/],
    ["no Granularity", { ...base, Granularity: undefined }, /granularity/],
    ["an unknown Granularity", { ...base, Granularity: "WEEKLY" }, /granularity/],
    ["three group-bys", { ...base, GroupBy: [{ Type: "TAG", Key: "a" }, { Type: "TAG", Key: "b" }, { Type: "TAG", Key: "c" }] }, /at most two/],
    ["a bad group type", { ...base, GroupBy: [{ Type: "SERVICE", Key: "SERVICE" }] }, /type is invalid/],
    ["a dimension that cannot group", { ...base, GroupBy: [{ Type: "DIMENSION", Key: "RESOURCE_ID" }] }, /dimension is invalid/],
    ["the same group twice", { ...base, GroupBy: [{ Type: "TAG", Key: "team" }, { Type: "TAG", Key: "team" }] }, /different/],
    ["HOURLY older than 14 days", { ...base, Granularity: "HOURLY", TimePeriod: { Start: "2026-02-28T00:00:00Z", End: "2026-03-01T00:00:00Z" } }, /14 days/],
    ["two roots in a filter", { ...base, Filter: { Dimensions: { Key: "SERVICE", Values: ["Tax"] }, Tags: { Key: "team", Values: ["web"] } } }, /more than one roots/],
    ["no root in a filter", { ...base, Filter: {} }, /root operator/],
    ["And with one operand", { ...base, Filter: { And: [{ Dimensions: { Key: "SERVICE", Values: ["Tax"] } }] } }, /at least 2/],
    ["an unknown dimension", { ...base, Filter: { Dimensions: { Key: "COLOUR", Values: ["red"] } } }, /not a valid Dimension/],
    ["a dimension without values", { ...base, Filter: { Dimensions: { Key: "SERVICE", Values: [] } } }, /at least one value/],
    ["a match option dimensions do not take", { ...base, Filter: { Dimensions: { Key: "SERVICE", Values: ["Tax"], MatchOptions: ["CONTAINS"] } } }, /not supported/],
  ])("rejects %s with ValidationException", (_name, body, message) => {
    const error = failure(body);
    expect(error.type).toBe("ValidationException");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it("answers DataUnavailableException before the first day of data", () => {
    const error = failure(monthly("2025-01-01", "2025-03-01"));
    expect(error.type).toBe("DataUnavailableException");
    expect(error.message).toContain(dataset.start);
  });
});

describe("GetCostAndUsage filters", () => {
  const total = (filter?: unknown): bigint => sum([ask(monthly("2026-02-01", "2026-03-01", filter ? { Filter: filter } : {})).ResultsByTime[0]?.Total.UnblendedCost?.Amount ?? "0"]);

  it("filters by dimensions, tags and cost categories, with And / Or / Not", () => {
    const all = total();
    const ec2 = total({ Dimensions: { Key: "SERVICE", Values: ["Amazon Elastic Compute Cloud - Compute"] } });
    const notEc2 = total({ Not: { Dimensions: { Key: "SERVICE", Values: ["Amazon Elastic Compute Cloud - Compute"] } } });
    expect(ec2 > 0n && notEc2 > 0n).toBe(true);
    expect(ec2 + notEc2).toBe(all);
    const web = total({ Tags: { Key: "team", Values: ["web"] } });
    const product = total({ CostCategories: { Key: "Business Unit", Values: ["Product"] } });
    expect(product).toBeGreaterThan(web);
    const webOrSearch = total({ Or: [{ Tags: { Key: "team", Values: ["web"] } }, { Tags: { Key: "team", Values: ["search"] } }] });
    expect(webOrSearch).toBe(web + total({ Tags: { Key: "team", Values: ["search"] } }));
    const webEc2 = total({ And: [{ Tags: { Key: "team", Values: ["web"] } }, { Dimensions: { Key: "SERVICE", Values: ["Amazon Elastic Compute Cloud - Compute"] } }] });
    expect(webEc2 > 0n && webEc2 < web).toBe(true);
  });

  it("matches untagged costs with ABSENT, an empty value or a Key without Values", () => {
    const grouped = ask(monthly("2026-02-01", "2026-03-01", { GroupBy: [{ Type: "TAG", Key: "team" }] }));
    const untagged = sum([grouped.ResultsByTime[0]?.Groups.find((group) => group.Keys[0] === "team$")?.Metrics.UnblendedCost?.Amount ?? "0"]);
    expect(untagged).toBeGreaterThan(0n);
    expect(total({ Tags: { Key: "team", MatchOptions: ["ABSENT"] } })).toBe(untagged);
    expect(total({ Tags: { Key: "team", Values: [""] } })).toBe(untagged);
    expect(total({ Tags: { Key: "team" } })).toBe(untagged);
  });

  it("filters on AWS's No... values", () => {
    const taxAndSupport = total({ Dimensions: { Key: "REGION", Values: ["NoRegion"] } });
    const expected = total({ Dimensions: { Key: "RECORD_TYPE", Values: ["Tax", "Support"] } });
    expect(taxAndSupport).toBe(expected);
  });
});
