import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { isAtlasError } from "../errors.js";
import {
  addDays,
  addMonths,
  costExpressionSchema,
  costQuerySchema,
  countDays,
  dayOfWeek,
  endOfMonth,
  fromApiTimePeriod,
  fromEpochDay,
  isIsoDate,
  isWholeMonths,
  splitRange,
  startOfWeek,
  suggestGranularity,
  toApiTimePeriod,
  toEpochDay,
  toForecastMetric,
  toIsoDate,
  validateCostQuery,
  type CostExpression,
  type CostMetric,
  type CostQuery,
  type CostQueryInput,
  type Granularity,
  type SplitUnit,
} from "./cost-query.js";

const NOW = new Date("2026-03-15T10:00:00Z");

function rejection(input: unknown, now: Date = NOW, options: Partial<Parameters<typeof validateCostQuery>[1]> = {}): { message: string; hint: string | undefined; code: string } {
  try {
    validateCostQuery(input, { now, ...options });
  } catch (error) {
    if (isAtlasError(error)) return { message: error.message, hint: error.hint, code: error.code };
    throw error;
  }
  throw new Error("expected a rejection");
}

// Dates between 1999 and 2101, as epoch days.
const epochDay = fc.integer({ min: toEpochDay("1999-01-01"), max: toEpochDay("2101-12-31") });
const dateRange = fc.tuple(epochDay, fc.integer({ min: 0, max: 800 })).map(([start, length]) => ({ start: fromEpochDay(start), end: fromEpochDay(start + length) }));
const granularity = fc.constantFrom<Granularity>("DAILY", "MONTHLY", "HOURLY");

describe("calendar arithmetic", () => {
  it("knows real dates, leap years included", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2100-02-29")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-4-1")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
  });

  it("adds days and months in UTC without time zones", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-29", 1)).toBe("2028-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-15", -13)).toBe("2025-02-15");
    expect(endOfMonth("2028-02-10")).toBe("2028-02-29");
    expect(countDays("2028-02-01", "2028-02-29")).toBe(29);
  });

  it("starts weeks on Monday", () => {
    expect(dayOfWeek("2026-03-16")).toBe(0);
    expect(dayOfWeek("2026-03-15")).toBe(6);
    expect(startOfWeek("2026-03-15")).toBe("2026-03-09");
    expect(startOfWeek("2026-03-16")).toBe("2026-03-16");
  });

  it("takes the UTC day of an instant", () => {
    expect(toIsoDate(new Date("2026-03-01T23:30:00-05:00"))).toBe("2026-03-02");
    expect(toIsoDate(new Date("2026-03-01T00:00:00Z"))).toBe("2026-03-01");
    expect(() => toIsoDate(new Date("nope"))).toThrow(/not a valid date/);
  });

  it("agrees with Date.UTC on every day of a century", () => {
    fc.assert(
      fc.property(epochDay, (day) => {
        const iso = fromEpochDay(day);
        expect(new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe(iso);
        expect(toEpochDay(iso)).toBe(day);
        expect(dayOfWeek(iso)).toBe((new Date(day * 86_400_000).getUTCDay() + 6) % 7);
      }),
    );
  });

  it("suggests MONTHLY for whole months and long ranges, DAILY otherwise", () => {
    expect(suggestGranularity("2026-02-01", "2026-02-28")).toBe("MONTHLY");
    expect(suggestGranularity("2026-02-03", "2026-02-20")).toBe("DAILY");
    expect(suggestGranularity("2026-01-05", "2026-04-20")).toBe("MONTHLY");
    expect(isWholeMonths("2026-01-01", "2026-03-31")).toBe(true);
    expect(isWholeMonths("2026-01-01", "2026-03-30")).toBe(false);
  });
});

describe("toApiTimePeriod / fromApiTimePeriod", () => {
  it("derives the exclusive end", () => {
    expect(toApiTimePeriod({ start: "2028-02-01", end: "2028-02-29", granularity: "MONTHLY" })).toEqual({ Start: "2028-02-01", End: "2028-03-01" });
    expect(toApiTimePeriod({ start: "2025-12-01", end: "2025-12-31" })).toEqual({ Start: "2025-12-01", End: "2026-01-01" });
    expect(toApiTimePeriod({ start: "2026-03-01", end: "2026-03-01", granularity: "HOURLY" })).toEqual({
      Start: "2026-03-01T00:00:00Z",
      End: "2026-03-02T00:00:00Z",
    });
  });

  it("reads both API forms back", () => {
    expect(fromApiTimePeriod({ Start: "2028-02-01", End: "2028-03-01" })).toEqual({ start: "2028-02-01", end: "2028-02-29" });
    expect(fromApiTimePeriod({ Start: "2026-03-01T00:00:00Z", End: "2026-03-02T00:00:00Z" })).toEqual({ start: "2026-03-01", end: "2026-03-01" });
    expect(fromApiTimePeriod({ Start: "2026-03-01T00:00:00Z", End: "2026-03-02T05:00:00Z" })).toEqual({ start: "2026-03-01", end: "2026-03-02" });
    expect(() => fromApiTimePeriod({ Start: "2026-02-30", End: "2026-03-01" })).toThrow(/not a pair of dates/);
  });

  it("round-trips any range at any granularity, leap years included", () => {
    fc.assert(
      fc.property(dateRange, granularity, (range, g) => {
        const period = toApiTimePeriod({ ...range, granularity: g });
        expect(fromApiTimePeriod(period)).toEqual(range);
      }),
      { numRuns: 500 },
    );
  });

  it("never loses or doubles a day: the API period holds exactly the inclusive days", () => {
    fc.assert(
      fc.property(dateRange, granularity, (range, g) => {
        const period = toApiTimePeriod({ ...range, granularity: g });
        const start = toEpochDay(period.Start.slice(0, 10));
        const endExclusive = toEpochDay(period.End.slice(0, 10));
        expect(endExclusive - start).toBe(countDays(range.start, range.end));
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips the leap day itself", () => {
    for (const g of ["DAILY", "MONTHLY", "HOURLY"] as const) {
      const range = { start: "2028-02-29", end: "2028-02-29" };
      expect(fromApiTimePeriod(toApiTimePeriod({ ...range, granularity: g }))).toEqual(range);
    }
  });
});

describe("splitRange", () => {
  it("splits into calendar months clipped to the range", () => {
    expect(splitRange("2026-01-15", "2026-03-10", "month")).toEqual([
      { start: "2026-01-15", end: "2026-01-31" },
      { start: "2026-02-01", end: "2026-02-28" },
      { start: "2026-03-01", end: "2026-03-10" },
    ]);
    expect(splitRange("2028-02-01", "2028-02-29", "month")).toEqual([{ start: "2028-02-01", end: "2028-02-29" }]);
  });

  it("splits into Monday weeks, quarters, years and fixed chunks", () => {
    expect(splitRange("2026-03-11", "2026-03-24", "week")).toEqual([
      { start: "2026-03-11", end: "2026-03-15" },
      { start: "2026-03-16", end: "2026-03-22" },
      { start: "2026-03-23", end: "2026-03-24" },
    ]);
    expect(splitRange("2025-11-15", "2026-04-02", "quarter").map((r) => r.start)).toEqual(["2025-11-15", "2026-01-01", "2026-04-01"]);
    expect(splitRange("2025-06-01", "2026-02-01", "year")).toEqual([
      { start: "2025-06-01", end: "2025-12-31" },
      { start: "2026-01-01", end: "2026-02-01" },
    ]);
    expect(splitRange("2026-01-01", "2026-01-10", { days: 4 })).toEqual([
      { start: "2026-01-01", end: "2026-01-04" },
      { start: "2026-01-05", end: "2026-01-08" },
      { start: "2026-01-09", end: "2026-01-10" },
    ]);
    expect(splitRange("2026-01-02", "2026-01-01", "day")).toEqual([]);
    expect(() => splitRange("2026-01-01", "2026-01-02", { days: 0 })).toThrow(/positive/);
  });

  it("covers every day of any range exactly once, in order, for every unit", () => {
    const unit = fc.oneof(
      fc.constantFrom<SplitUnit>("day", "week", "month", "quarter", "year"),
      fc.integer({ min: 1, max: 120 }).map((days): SplitUnit => ({ days })),
    );
    fc.assert(
      fc.property(dateRange, unit, (range, u) => {
        const chunks = splitRange(range.start, range.end, u);
        expect(chunks[0]?.start).toBe(range.start);
        expect(chunks[chunks.length - 1]?.end).toBe(range.end);
        let total = 0;
        chunks.forEach((chunk, i) => {
          expect(chunk.start <= chunk.end).toBe(true);
          if (i > 0) expect(chunk.start).toBe(addDays(chunks[i - 1]?.end ?? "", 1));
          total += countDays(chunk.start, chunk.end);
        });
        expect(total).toBe(countDays(range.start, range.end));
      }),
      { numRuns: 120 },
    );
  });
});

describe("costQuerySchema", () => {
  it("fills the defaults of the contract", () => {
    expect(costQuerySchema.parse({ start: "2026-02-01", end: "2026-02-28" })).toEqual({
      start: "2026-02-01",
      end: "2026-02-28",
      granularity: "DAILY",
      metrics: ["UnblendedCost"],
      groupBy: [],
      filter: null,
      intent: "cost",
    });
  });

  it("does not share default arrays between parses", () => {
    const a = costQuerySchema.parse({ start: "2026-02-01", end: "2026-02-28" });
    a.metrics.push("AmortizedCost");
    expect(costQuerySchema.parse({ start: "2026-02-01", end: "2026-02-28" }).metrics).toEqual(["UnblendedCost"]);
  });

  it("rejects unreal dates, unknown metrics, repeated metrics, 3 group-bys and unknown keys", () => {
    const base = { start: "2026-02-01", end: "2026-02-28" };
    expect(costQuerySchema.safeParse({ ...base, start: "2026-02-30" }).success).toBe(false);
    expect(costQuerySchema.safeParse({ ...base, metrics: ["Cost"] }).success).toBe(false);
    expect(costQuerySchema.safeParse({ ...base, metrics: ["UnblendedCost", "UnblendedCost"] }).success).toBe(false);
    expect(costQuerySchema.safeParse({ ...base, metrics: [] }).success).toBe(false);
    const g = { type: "DIMENSION", key: "SERVICE" };
    expect(costQuerySchema.safeParse({ ...base, groupBy: [g, { type: "TAG", key: "a" }, { type: "TAG", key: "b" }] }).success).toBe(false);
    expect(costQuerySchema.safeParse({ ...base, filters: null }).success).toBe(false);
    expect(costQuerySchema.safeParse({ ...base, granularity: "WEEKLY" }).success).toBe(false);
  });

  it("accepts every metric and nested expressions", () => {
    const input: CostQueryInput = {
      start: "2026-02-01",
      end: "2026-02-28",
      metrics: ["AmortizedCost", "BlendedCost", "NetAmortizedCost", "NetUnblendedCost", "NormalizedUsageAmount", "UnblendedCost", "UsageQuantity"],
      filter: {
        And: [
          { Or: [{ Dimensions: { Key: "SERVICE", Values: ["AWS Lambda"] } }, { Tags: { Key: "team", Values: ["data"] } }] },
          { Not: { CostCategories: { Key: "Env", Values: ["dev"] } } },
          { Tags: { Key: "owner", MatchOptions: ["ABSENT"] } },
        ],
      },
    };
    expect(costQuerySchema.parse(input).metrics).toHaveLength(7);
  });

  it("needs exactly one operator per expression node, and two operands for And/Or", () => {
    expect(costExpressionSchema.safeParse({}).success).toBe(false);
    expect(
      costExpressionSchema.safeParse({ Dimensions: { Key: "SERVICE", Values: ["x"] }, Tags: { Key: "a", Values: ["b"] } }).success,
    ).toBe(false);
    expect(costExpressionSchema.safeParse({ And: [{ Dimensions: { Key: "SERVICE", Values: ["x"] } }] }).success).toBe(false);
    expect(costExpressionSchema.safeParse({ Not: { Not: { Tags: { Key: "a", Values: ["b"] } } } }).success).toBe(true);
    expect(costExpressionSchema.safeParse({ Dimension: { Key: "SERVICE", Values: ["x"] } }).success).toBe(false);
    expect(costExpressionSchema.safeParse({ Dimensions: { Key: "COLOUR", Values: ["x"] } }).success).toBe(false);
  });

  it("infers the contract's types", () => {
    expectTypeOf<CostQuery["granularity"]>().toEqualTypeOf<"DAILY" | "MONTHLY" | "HOURLY">();
    expectTypeOf<CostQuery["metrics"]>().toEqualTypeOf<CostMetric[]>();
    expectTypeOf<CostQuery["filter"]>().toEqualTypeOf<CostExpression | null>();
    expectTypeOf<CostQuery["intent"]>().toEqualTypeOf<"cost" | "forecast" | "trend">();
    expectTypeOf<CostQueryInput["filter"]>().toEqualTypeOf<CostExpression | null | undefined>();
    expectTypeOf<CostQueryInput["start"]>().toEqualTypeOf<string>();
  });

  it("spells forecast metrics the GetCostForecast way", () => {
    expect(toForecastMetric("UnblendedCost")).toBe("UNBLENDED_COST");
    expect(toForecastMetric("NetAmortizedCost")).toBe("NET_AMORTIZED_COST");
    expect(toForecastMetric("NormalizedUsageAmount")).toBe("NORMALIZED_USAGE_AMOUNT");
  });
});

describe("validateCostQuery", () => {
  it("returns the parsed query when AWS would accept it", () => {
    const query = validateCostQuery({ start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] }, { now: NOW });
    expect(query.metrics).toEqual(["UnblendedCost"]);
    expect(validateCostQuery({ start: "2026-03-01", end: "2026-03-15" }, { now: NOW }).end).toBe("2026-03-15");
  });

  it("rejects reversed ranges with one line and a hint", () => {
    const error = rejection({ start: "2026-03-05", end: "2026-03-01" });
    expect(error.code).toBe("INVALID_QUERY");
    expect(error.message).toBe("start 2026-03-05 is after end 2026-03-01");
    expect(error.hint).toMatch(/inclusive/);
    expect(error.message).not.toContain("\n");
  });

  it("names the field of a schema error", () => {
    expect(rejection({ start: "2026-02-30", end: "2026-03-01" }).message).toMatch(/^query\.start: /);
    expect(rejection({ start: "2026-02-01", end: "2026-03-01", groupBy: [{ type: "TAG", key: "a" }, { type: "TAG", key: "b" }, { type: "TAG", key: "c" }] }).message).toMatch(/at most 2/);
  });

  it("keeps past queries inside today and the available history", () => {
    expect(rejection({ start: "2026-03-01", end: "2026-03-16" }).message).toMatch(/in the future/);
    expect(rejection({ start: "2025-01-31", end: "2025-02-28" }).message).toMatch(/earliest start is 2025-02-01/);
    expect(validateCostQuery({ start: "2025-02-01", end: "2025-02-28" }, { now: NOW }).start).toBe("2025-02-01");
    expect(validateCostQuery({ start: "2023-03-01", end: "2023-03-31" }, { now: NOW, historyMonths: 37 }).start).toBe("2023-03-01");
  });

  it("limits HOURLY to the last 14 days", () => {
    expect(validateCostQuery({ start: "2026-03-01", end: "2026-03-15", granularity: "HOURLY" }, { now: NOW }).granularity).toBe("HOURLY");
    const error = rejection({ start: "2026-02-28", end: "2026-03-15", granularity: "HOURLY" });
    expect(error.message).toMatch(/HOURLY data covers only the last 14 days \(from 2026-03-01\)/);
    expect(error.hint).toMatch(/DAILY/);
  });

  it("checks forecasts: start today or later, one metric, no group-by, not HOURLY, within the horizon", () => {
    const ok = validateCostQuery({ start: "2026-03-15", end: "2027-03-15", granularity: "MONTHLY", intent: "forecast" }, { now: NOW });
    expect(ok.intent).toBe("forecast");
    expect(rejection({ start: "2026-03-14", end: "2026-03-31", intent: "forecast" }).message).toMatch(/start today \(2026-03-15, UTC\) or later/);
    expect(rejection({ start: "2026-03-15", end: "2026-03-31", intent: "forecast", metrics: ["UnblendedCost", "AmortizedCost"] }).message).toMatch(/exactly one metric/);
    expect(rejection({ start: "2026-03-15", end: "2026-03-31", intent: "forecast", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] }).message).toMatch(/cannot be grouped/);
    expect(rejection({ start: "2026-03-15", end: "2026-03-31", intent: "forecast", granularity: "HOURLY" }).message).toMatch(/not HOURLY/);
    expect(rejection({ start: "2026-03-15", end: "2026-06-16", intent: "forecast", granularity: "DAILY" }).message).toMatch(/until 2026-06-15/);
    expect(rejection({ start: "2026-03-15", end: "2027-03-16", intent: "forecast", granularity: "MONTHLY" }).message).toMatch(/12 months ahead/);
  });

  it("checks group-bys and filters the way GetCostAndUsage does", () => {
    const base = { start: "2026-02-01", end: "2026-02-28" };
    expect(rejection({ ...base, groupBy: [{ type: "DIMENSION", key: "PAYER_ACCOUNT" }] }).message).toMatch(/cannot group by dimension PAYER_ACCOUNT/);
    expect(validateCostQuery({ ...base, groupBy: [{ type: "DIMENSION", key: "REGION" }] }, { now: NOW }).groupBy).toEqual([{ type: "DIMENSION", key: "REGION" }]);
    expect(rejection({ ...base, groupBy: [{ type: "TAG", key: "a" }, { type: "TAG", key: "a" }] }).message).toMatch(/appears twice/);
    expect(rejection({ ...base, filter: { Dimensions: { Key: "SERVICE", Values: ["x"], MatchOptions: ["CONTAINS"] } } }).message).toMatch(/CONTAINS is not accepted/);
    expect(rejection({ ...base, filter: { Not: { Tags: { Key: "team" } } } }).message).toMatch(/filter\.Not\.Tags team has no Values/);
    expect(validateCostQuery({ ...base, filter: { Tags: { Key: "team", MatchOptions: ["ABSENT"] } } }, { now: NOW }).filter).toEqual({
      Tags: { Key: "team", MatchOptions: ["ABSENT"] },
    });
  });

  it("accepts every parsed past range that ends today or earlier within the history (property)", () => {
    const today = "2026-03-15";
    const earliest = toEpochDay("2025-02-01");
    fc.assert(
      fc.property(fc.integer({ min: earliest, max: toEpochDay(today) }), fc.integer({ min: 0, max: 500 }), (start, length) => {
        const end = Math.min(start + length, toEpochDay(today));
        expect(() => validateCostQuery({ start: fromEpochDay(start), end: fromEpochDay(end), granularity: "MONTHLY" }, { now: NOW })).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
