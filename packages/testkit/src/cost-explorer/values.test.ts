import { describe, expect, it } from "vitest";
import { generateCostDataset } from "./dataset.js";
import { createCostExplorerHandlers } from "./handlers.js";
import { call, errorOf } from "./test-support.js";

const NOW = new Date("2026-03-15T12:00:00Z");
const ctx = { now: NOW };
const dataset = generateCostDataset({ seed: 9, now: NOW });
const handlers = createCostExplorerHandlers({ getData: () => dataset });
const paged = createCostExplorerHandlers({ getData: () => dataset, valuesPageSize: 4 });
const february = { Start: "2026-02-01", End: "2026-03-01" };

interface DimensionValuesAnswer {
  DimensionValues: { Value: string; Attributes: Record<string, string> }[];
  ReturnSize: number;
  TotalSize: number;
  NextPageToken?: string;
}
interface TagsAnswer {
  Tags: string[];
  ReturnSize: number;
  TotalSize: number;
  NextPageToken?: string;
}
const values = (body: Record<string, unknown>, target = handlers): DimensionValuesAnswer => call(target, "GetDimensionValues", body, ctx);
const tags = (body: Record<string, unknown>, target = handlers): TagsAnswer => call(target, "GetTags", body, ctx);

describe("GetDimensionValues", () => {
  it("lists the services of the period with sizes", () => {
    const answer = values({ TimePeriod: february, Dimension: "SERVICE" });
    const names = answer.DimensionValues.map((value) => value.Value);
    expect(names).toEqual(expect.arrayContaining(["Amazon Elastic Compute Cloud - Compute", "EC2 - Other", "Tax", "Amazon Bedrock"]));
    expect(names).toEqual([...names].sort());
    expect(answer.ReturnSize).toBe(names.length);
    expect(answer.TotalSize).toBe(names.length);
    expect(answer.NextPageToken).toBeUndefined();
  });

  it("describes accounts, regions and usage types with attributes", () => {
    const accounts = values({ TimePeriod: february, Dimension: "LINKED_ACCOUNT" });
    expect(accounts.DimensionValues).toHaveLength(dataset.accounts.length);
    for (const account of dataset.accounts) expect(accounts.DimensionValues).toContainEqual({ Value: account.id, Attributes: { description: account.name } });
    const regions = values({ TimePeriod: february, Dimension: "REGION" });
    expect(regions.DimensionValues).toContainEqual({ Value: "eu-west-1", Attributes: { description: "Europe (Ireland)" } });
    const usageTypes = values({ TimePeriod: february, Dimension: "USAGE_TYPE", SearchString: "boxusage:m5" });
    expect(usageTypes.DimensionValues).toContainEqual({ Value: "USE1-BoxUsage:m5.large", Attributes: { unit: "Hrs" } });
    expect(usageTypes.DimensionValues.every((value) => value.Value.toLowerCase().includes("boxusage:m5"))).toBe(true);
  });

  it("lists only what occurs in the period", () => {
    const midMonth = values({ TimePeriod: { Start: "2026-02-10", End: "2026-02-12" }, Dimension: "RECORD_TYPE" });
    expect(midMonth.DimensionValues.map((value) => value.Value)).not.toContain("Tax");
    const withFirst = values({ TimePeriod: { Start: "2026-02-01", End: "2026-02-12" }, Dimension: "RECORD_TYPE" });
    expect(withFirst.DimensionValues.map((value) => value.Value)).toEqual(expect.arrayContaining(["Tax", "Support", "RIFee", "Usage", "DiscountedUsage"]));
  });

  it("paginates to the end with NextPageToken", () => {
    const all = values({ TimePeriod: february, Dimension: "SERVICE" }).DimensionValues;
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = values({ TimePeriod: february, Dimension: "SERVICE", ...(token ? { NextPageToken: token } : {}) }, paged);
      expect(page.ReturnSize).toBeLessThanOrEqual(4);
      expect(page.TotalSize).toBe(all.length);
      seen.push(...page.DimensionValues.map((value) => value.Value));
      token = page.NextPageToken;
    } while (token);
    expect(seen).toEqual(all.map((value) => value.Value));
    expect(errorOf(() => values({ TimePeriod: february, Dimension: "SERVICE", NextPageToken: "bogus" }, paged)).type).toBe("InvalidNextTokenException");
  });

  it("sorts by a metric and honours MaxResults", () => {
    const answer = values({ TimePeriod: february, Dimension: "SERVICE", SortBy: [{ Key: "UnblendedCost", SortOrder: "DESCENDING" }], MaxResults: 3 });
    expect(answer.DimensionValues.map((value) => value.Value)).toEqual(["Amazon Elastic Compute Cloud - Compute", "Amazon Simple Storage Service", "EC2 - Other"]);
    expect(answer.ReturnSize).toBe(3);
    expect(answer.TotalSize).toBeGreaterThan(30);
  });

  it("narrows to reservations in the RESERVATIONS context, and honours a filter", () => {
    const reserved = values({ TimePeriod: february, Dimension: "INSTANCE_TYPE", Context: "RESERVATIONS" });
    expect(reserved.DimensionValues.map((value) => value.Value)).toEqual(["db.r6g.xlarge", "m5.large"]);
    const production = dataset.accounts.find((account) => account.kind === "production");
    const filtered = values({ TimePeriod: february, Dimension: "REGION", Filter: { Dimensions: { Key: "LINKED_ACCOUNT", Values: [production?.id ?? ""] } } });
    expect(filtered.DimensionValues.map((value) => value.Value)).toEqual(["NoRegion", "eu-west-1", "global", "us-east-1"].filter((value) => value !== "NoRegion"));
  });

  it.each([
    ["an unknown dimension", { TimePeriod: february, Dimension: "COLOUR" }, "ValidationException"],
    ["an unknown context", { TimePeriod: february, Dimension: "SERVICE", Context: "EVERYTHING" }, "ValidationException"],
    ["SortBy with SearchString", { TimePeriod: february, Dimension: "SERVICE", SearchString: "a", SortBy: [{ Key: "UnblendedCost" }] }, "ValidationException"],
    ["a bad SortBy key", { TimePeriod: february, Dimension: "SERVICE", SortBy: [{ Key: "Cost" }] }, "ValidationException"],
    ["MaxResults above 1000", { TimePeriod: february, Dimension: "SERVICE", MaxResults: 1001 }, "ValidationException"],
    ["no TimePeriod", { Dimension: "SERVICE" }, "ValidationException"],
    ["a period before the data", { TimePeriod: { Start: "2024-01-01", End: "2024-02-01" }, Dimension: "SERVICE" }, "DataUnavailableException"],
  ])("rejects %s", (_name, body, type) => {
    expect(errorOf(() => values(body)).type).toBe(type);
  });
});

describe("GetTags", () => {
  it("lists tag keys, and the values of one key", () => {
    expect(tags({ TimePeriod: february }).Tags).toEqual(["env", "team"]);
    const teams = tags({ TimePeriod: february, TagKey: "team" });
    expect(teams.Tags).toEqual(["data", "ml", "payments", "platform", "search", "security", "web"]);
    expect(teams.ReturnSize).toBe(7);
    expect(teams.TotalSize).toBe(7);
    expect(tags({ TimePeriod: february, TagKey: "env" }).Tags).toEqual(["dev", "prod", "shared", "staging"]);
    expect(tags({ TimePeriod: february, TagKey: "owner" }).Tags).toEqual([]);
  });

  it("searches, filters, sorts and paginates", () => {
    expect(tags({ TimePeriod: february, TagKey: "team", SearchString: "SE" }).Tags).toEqual(["search", "security"]);
    const staging = dataset.accounts.find((account) => account.kind === "staging");
    expect(tags({ TimePeriod: february, TagKey: "env", Filter: { Dimensions: { Key: "LINKED_ACCOUNT", Values: [staging?.id ?? ""] } } }).Tags).toEqual(["staging"]);
    const sorted = tags({ TimePeriod: february, TagKey: "team", SortBy: [{ Key: "UnblendedCost", SortOrder: "DESCENDING" }], MaxResults: 2 });
    expect(sorted.Tags).toHaveLength(2);
    expect(sorted.TotalSize).toBe(7);
    const first = tags({ TimePeriod: february, TagKey: "team" }, paged);
    expect(first.Tags).toEqual(["data", "ml", "payments", "platform"]);
    const second = tags({ TimePeriod: february, TagKey: "team", NextPageToken: first.NextPageToken }, paged);
    expect(second.Tags).toEqual(["search", "security", "web"]);
    expect(second.NextPageToken).toBeUndefined();
  });
});
