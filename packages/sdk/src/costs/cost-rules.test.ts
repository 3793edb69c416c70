import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, costCacheKey } from "./cost-cache.js";
import { finalBefore, isFinalAnswer, isFinalDay } from "./cost-finality.js";
import { addDays, costQuerySchema, countDays, fromEpochDay, toEpochDay } from "./cost-query.js";
import { shiftMonths, trendWindows } from "./cost-trend.js";
import { planLedgerAnswer } from "./ledger-answer.js";
import { addRange, coversRange, type LedgerSyncState } from "./ledger-state.js";
import { createSpendMeter } from "./spend-guard.js";

describe("finality", () => {
  it("a month is final once it closed more than restatementDays days ago", () => {
    expect(finalBefore("2026-03-03", 3)).toBe("2026-02-01");
    expect(finalBefore("2026-03-04", 3)).toBe("2026-03-01");
    expect(finalBefore("2026-03-01", 0)).toBe("2026-03-01");
    expect(isFinalDay("2026-02-28", { today: "2026-03-04", estimated: false })).toBe(true);
    expect(isFinalDay("2026-02-28", { today: "2026-03-04", estimated: true })).toBe(false);
    expect(isFinalDay("2026-03-01", { today: "2026-03-31", estimated: false })).toBe(false);
    const result = { timePeriod: { start: "2026-01-01", end: "2026-02-01" }, total: {}, groups: [], estimated: false };
    expect(isFinalAnswer({ start: "2026-01-01", end: "2026-01-31" }, [result], { today: "2026-02-04" })).toBe(true);
    expect(isFinalAnswer({ start: "2026-01-01", end: "2026-01-31" }, [result], { today: "2026-02-03" })).toBe(false);
    expect(isFinalAnswer({ start: "2026-01-01", end: "2026-01-31" }, [{ ...result, estimated: true }], { today: "2026-06-01" })).toBe(false);
  });

  it("the current month is never final, whatever the restatement window", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 90 }), (epochDay, days) => {
        const today = fromEpochDay(epochDay);
        expect(finalBefore(today, days) <= `${today.slice(0, 8)}01`).toBe(true);
      }),
    );
  });
});

describe("trend windows", () => {
  it("month to date against the same days of the previous month, month ends to month ends", () => {
    expect(trendWindows({ unit: "month", today: "2028-04-01", compare: "previous", complete: false })).toEqual({
      current: { start: "2028-03-01", end: "2028-03-31" },
      previous: { start: "2028-02-01", end: "2028-02-29" },
    });
    expect(trendWindows({ unit: "month", today: "2026-03-31", compare: "previous", complete: false })).toEqual({
      current: { start: "2026-03-01", end: "2026-03-30" },
      previous: { start: "2026-02-01", end: "2026-02-28" },
    });
    expect(trendWindows({ unit: "year", today: "2028-03-01", compare: "previous", complete: false })).toEqual({
      current: { start: "2028-01-01", end: "2028-02-29" },
      previous: { start: "2027-01-01", end: "2027-02-28" },
    });
    expect(trendWindows({ unit: "month", today: "2028-03-01", compare: "lastYear", complete: false })).toEqual({
      current: { start: "2028-02-01", end: "2028-02-29" },
      previous: { start: "2027-02-01", end: "2027-02-28" },
    });
    expect(trendWindows({ unit: "quarter", today: "2026-05-01", compare: "previous", complete: false })).toEqual({
      current: { start: "2026-04-01", end: "2026-04-30" },
      previous: { start: "2026-01-01", end: "2026-01-31" },
    });
    expect(trendWindows({ unit: "quarter", today: "2026-03-15", compare: "lastYear", complete: true })).toEqual({
      current: { start: "2025-10-01", end: "2025-12-31" },
      previous: { start: "2024-10-01", end: "2024-12-31" },
    });
  });

  it("period-to-date windows never overlap and the earlier one never runs past its own period", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay("2001-01-02"), max: toEpochDay("2099-12-31") }),
        fc.constantFrom("month" as const, "quarter" as const, "year" as const),
        fc.constantFrom("previous" as const, "lastYear" as const),
        (epochDay, unit, compare) => {
          const { current, previous } = trendWindows({ unit, today: fromEpochDay(epochDay), compare, complete: false });
          expect(current.end).toBe(addDays(fromEpochDay(epochDay), -1));
          expect(previous.end < current.start).toBe(true);
          expect(countDays(previous.start, previous.end)).toBeGreaterThan(0);
          // Same stretch: never longer than the current window by more than a month's clamping.
          expect(countDays(previous.start, previous.end) - countDays(current.start, current.end)).toBeLessThanOrEqual(3);
        },
      ),
    );
  });

  it("shifts month ends to month ends", () => {
    expect(shiftMonths("2028-02-29", -12)).toBe("2027-02-28");
    expect(shiftMonths("2027-02-28", 12)).toBe("2028-02-29");
    expect(shiftMonths("2026-04-30", -3)).toBe("2026-01-31");
    expect(shiftMonths("2026-03-30", -1)).toBe("2026-02-28");
  });
});

describe("spend meter", () => {
  it("refuses before a request would exceed either limit", () => {
    const meter = createSpendMeter({ maxPaidRequests: 3, maxUsdPerRun: "0.02" });
    expect(() => meter.ensure(3, "x")).toThrow(/would make 3 paid Cost Explorer requests \(\$0\.03\), more than the limit of 3 paid requests \/ \$0\.02 per run/);
    meter.ensure(2, "x");
    meter.beforeRequest("page 1");
    meter.charge();
    meter.beforeRequest("page 2");
    meter.charge();
    expect(() => meter.beforeRequest("page 3")).toThrow(/^Stopped after 2 paid Cost Explorer requests \(\$0\.02\): page 3 would go past/);
    expect(meter.priceUsd()).toBe("0.02");
    expect(() => createSpendMeter({ maxPaidRequests: -1 })).toThrow(/maxPaidRequests/);
    const unlimited = createSpendMeter();
    unlimited.ensure(1_000_000, "x");
  });
});

describe("cache keys", () => {
  it("do not depend on key order and differ by scope", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    const a = costCacheKey("GetCostAndUsage", "acct-1", { TimePeriod: { Start: "2026-01-01", End: "2026-02-01" }, Metrics: ["UnblendedCost"] });
    const b = costCacheKey("GetCostAndUsage", "acct-1", { Metrics: ["UnblendedCost"], TimePeriod: { End: "2026-02-01", Start: "2026-01-01" } });
    const c = costCacheKey("GetCostAndUsage", "acct-2", { Metrics: ["UnblendedCost"], TimePeriod: { End: "2026-02-01", Start: "2026-01-01" } });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a.length).toBeLessThanOrEqual(255);
  });
});

describe("ledger coverage", () => {
  it("merges ranges and answers only what the ledger holds", () => {
    let ranges = addRange([], { start: "2026-01-01", end: "2026-01-31" });
    ranges = addRange(ranges, { start: "2026-03-01", end: "2026-03-10" });
    expect(coversRange(ranges, { start: "2026-01-10", end: "2026-02-01" })).toBe(false);
    ranges = addRange(ranges, { start: "2026-02-01", end: "2026-02-28" });
    expect(ranges).toEqual([{ start: "2026-01-01", end: "2026-03-10" }]);

    const state: LedgerSyncState = {
      version: 1,
      breakdown: ["LINKED_ACCOUNT", "SERVICE"],
      metrics: ["UnblendedCost"],
      accounts: null,
      ranges,
      nonFinal: [],
      fetchedAt: {},
      updatedAt: "",
    };
    const query = (input: Record<string, unknown>) => costQuerySchema.parse({ start: "2026-01-01", end: "2026-01-31", ...input });
    expect(planLedgerAnswer(query({ groupBy: [{ type: "DIMENSION", key: "SERVICE" }] }), state)).toEqual({ dimensions: ["service"], filter: {} });
    expect(
      planLedgerAnswer(
        query({
          filter: { And: [{ Dimensions: { Key: "SERVICE", Values: ["A", "B"] } }, { Dimensions: { Key: "SERVICE", Values: ["B", "C"] } }] },
        }),
        state,
      ),
    ).toEqual({ dimensions: [], filter: { services: ["B"] } });
    expect(planLedgerAnswer(query({ groupBy: [{ type: "DIMENSION", key: "REGION" }] }), state)).toBeUndefined();
    expect(planLedgerAnswer(query({ groupBy: [{ type: "TAG", key: "team" }] }), state)).toBeUndefined();
    expect(planLedgerAnswer(query({ filter: { Not: { Dimensions: { Key: "SERVICE", Values: ["A"] } } } }), state)).toBeUndefined();
    expect(planLedgerAnswer(query({ metrics: ["AmortizedCost"] }), state)).toBeUndefined();
    expect(planLedgerAnswer(query({ granularity: "HOURLY" }), state)).toBeUndefined();
    // A ledger limited to some accounts answers only questions limited to them.
    const scoped = { ...state, accounts: ["111111111111"] };
    expect(planLedgerAnswer(query({}), scoped)).toBeUndefined();
    expect(planLedgerAnswer(query({ filter: { Dimensions: { Key: "LINKED_ACCOUNT", Values: ["111111111111"] } } }), scoped)).toEqual({
      dimensions: [],
      filter: { accounts: ["111111111111"] },
    });
  });
});
