import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateCostDataset } from "./dataset.js";
import { addMonths, dayOf, formatDay, parseDay } from "./dates.js";
import { COST_METRICS } from "./fixed-point.js";
import { createCostExplorerHandlers } from "./handlers.js";
import { allPages, call, mergePages, sum, type CostAndUsageAnswer } from "./test-support.js";

const NOW = new Date("2026-03-15T12:00:00Z");
const ctx = { now: NOW };
const dataset = generateCostDataset({ seed: 11, now: NOW });
const handlers = createCostExplorerHandlers({ getData: () => dataset, pageSize: 5000 });
const paged = createCostExplorerHandlers({ getData: () => dataset, pageSize: 13 });
const first = parseDay(dataset.start) ?? 0;
const today = dayOf(NOW);
const ask = (body: Record<string, unknown>): CostAndUsageAnswer => call(handlers, "GetCostAndUsage", body, ctx);

const metric = fc.constantFrom(...COST_METRICS);
const window = fc.record({ offset: fc.integer({ min: 0, max: today - first - 1 }), length: fc.integer({ min: 1, max: 75 }) }).map(({ offset, length }) => ({
  Start: formatDay(first + offset),
  End: formatDay(Math.min(today + 1, first + offset + length)),
}));
const groupBy = fc.constantFrom(
  [{ Type: "DIMENSION", Key: "SERVICE" }],
  [{ Type: "DIMENSION", Key: "LINKED_ACCOUNT" }, { Type: "DIMENSION", Key: "REGION" }],
  [{ Type: "DIMENSION", Key: "USAGE_TYPE" }],
  [{ Type: "DIMENSION", Key: "RECORD_TYPE" }, { Type: "TAG", Key: "team" }],
  [{ Type: "TAG", Key: "env" }],
  [{ Type: "COST_CATEGORY", Key: "Business Unit" }, { Type: "DIMENSION", Key: "AZ" }],
  [{ Type: "DIMENSION", Key: "INSTANCE_TYPE" }, { Type: "DIMENSION", Key: "PURCHASE_TYPE" }],
);
const dimensionFilter = fc.constantFrom(
  { Dimensions: { Key: "SERVICE", Values: ["Amazon Elastic Compute Cloud - Compute", "EC2 - Other"] } },
  { Dimensions: { Key: "LINKED_ACCOUNT", Values: [dataset.accounts[1]?.id ?? ""] } },
  { Dimensions: { Key: "REGION", Values: ["eu-west-1", "global"] } },
  { Dimensions: { Key: "RECORD_TYPE", Values: ["Credit", "RIFee", "Tax"] } },
  { Tags: { Key: "team", Values: ["web", "data"] } },
  { Tags: { Key: "env", MatchOptions: ["ABSENT"] } },
  { CostCategories: { Key: "Business Unit", Values: ["Platform"] } },
  { And: [{ Dimensions: { Key: "SERVICE", Values: ["Amazon Simple Storage Service"] } }, { Tags: { Key: "env", Values: ["prod"] } }] },
);

describe("GetCostAndUsage invariants (fast-check)", () => {
  it("the groups of a period add up exactly to its ungrouped Total, across pages", () => {
    fc.assert(
      fc.property(window, metric, groupBy, fc.constantFrom("DAILY", "MONTHLY"), (timePeriod, chosen, groups, granularity) => {
        const body = { TimePeriod: timePeriod, Granularity: granularity, Metrics: [chosen] };
        const totals = ask(body).ResultsByTime;
        const grouped = mergePages(allPages(paged, { ...body, GroupBy: groups }, ctx));
        expect(grouped.map((result) => result.TimePeriod)).toEqual(totals.map((result) => result.TimePeriod));
        grouped.forEach((result, i) => {
          expect(result.Total).toEqual({});
          expect(sum(result.Groups.map((group) => group.Metrics[chosen]?.Amount ?? "0"))).toBe(sum([totals[i]?.Total[chosen]?.Amount ?? "0"]));
        });
      }),
      { numRuns: 40 },
    );
  });

  it("the days of a whole month add up exactly to the month", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), metric, fc.option(dimensionFilter, { nil: undefined }), (monthOffset, chosen, filter) => {
        const start = addMonths(first, monthOffset);
        const timePeriod = { Start: formatDay(start), End: formatDay(addMonths(start, 1)) };
        const base = { TimePeriod: timePeriod, Metrics: [chosen], ...(filter ? { Filter: filter } : {}) };
        const days = ask({ ...base, Granularity: "DAILY" }).ResultsByTime;
        const month = ask({ ...base, Granularity: "MONTHLY" }).ResultsByTime;
        expect(month).toHaveLength(1);
        expect(days.length).toBeGreaterThanOrEqual(28);
        expect(sum(days.map((result) => result.Total[chosen]?.Amount ?? "0"))).toBe(sum([month[0]?.Total[chosen]?.Amount ?? "0"]));
      }),
      { numRuns: 30 },
    );
  });

  it("a filter and its Not partition the costs: X + Not X = all", () => {
    fc.assert(
      fc.property(window, metric, dimensionFilter, fc.constantFrom("DAILY", "MONTHLY"), (timePeriod, chosen, filter, granularity) => {
        const base = { TimePeriod: timePeriod, Granularity: granularity, Metrics: [chosen] };
        const all = ask(base).ResultsByTime;
        const inside = ask({ ...base, Filter: filter }).ResultsByTime;
        const outside = ask({ ...base, Filter: { Not: filter } }).ResultsByTime;
        all.forEach((result, i) => {
          expect(sum([inside[i]?.Total[chosen]?.Amount ?? "0", outside[i]?.Total[chosen]?.Amount ?? "0"])).toBe(sum([result.Total[chosen]?.Amount ?? "0"]));
        });
      }),
      { numRuns: 40 },
    );
  });

  it("hours add up exactly to their day for any metric and grouping", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 13 }), metric, fc.option(groupBy, { nil: undefined }), (daysAgo, chosen, groups) => {
        const day = today - daysAgo;
        const timePeriod = { Start: formatDay(day), End: formatDay(day + 1) };
        const grouping = groups ? { GroupBy: groups } : {};
        const hours = mergePages(allPages(handlers, { TimePeriod: timePeriod, Granularity: "HOURLY", Metrics: [chosen], ...grouping }, ctx));
        const daily = mergePages(allPages(handlers, { TimePeriod: timePeriod, Granularity: "DAILY", Metrics: [chosen], ...grouping }, ctx));
        expect(hours).toHaveLength(24);
        const amountsOf = (results: typeof hours): string[] =>
          results.flatMap((result) => (groups ? result.Groups.map((group) => group.Metrics[chosen]?.Amount ?? "0") : [result.Total[chosen]?.Amount ?? "0"]));
        expect(sum(amountsOf(hours))).toBe(sum(amountsOf(daily)));
      }),
      { numRuns: 15 },
    );
  });
});
