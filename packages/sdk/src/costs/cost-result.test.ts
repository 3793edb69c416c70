import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CeResultByTime } from "../aws/cost-explorer-port.js";
import { sumDecimals } from "../storage/decimal.js";
import { addAmounts, percentChange, requestPriceUsd, toAmount } from "./cost-amount.js";
import { createChunkAssembler } from "./chunk-assembler.js";
import { mergeResultsByTime, normalizeCostResults } from "./cost-result.js";

/** Amounts as Cost Explorer writes them: up to 10 decimals, sometimes negative (credits), sometimes with trailing zeros. */
const amountArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.boolean())
  .map(([units, padded]) => {
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(11, "0");
    const text = `${negative ? "-" : ""}${digits.slice(0, -10)}.${digits.slice(-10)}`;
    return padded ? text : toAmount(text);
  });

const METRICS = ["UnblendedCost", "AmortizedCost"];

const groupArb = fc.record({
  keys: fc.tuple(fc.constantFrom("a", "b", "c", "d"), fc.constantFrom("x", "y")).map(([a, b]) => [a, b]),
  metrics: fc.record({ UnblendedCost: amountArb.map((amount) => ({ amount, unit: "USD" })), AmortizedCost: amountArb.map((amount) => ({ amount, unit: "USD" })) }),
});

/** A grouped answer over consecutive days, as pages: groups of a day may be split across pages. */
const pagesArb = fc
  .array(fc.array(groupArb, { maxLength: 6 }), { minLength: 1, maxLength: 8 })
  .chain((days) =>
    fc.array(fc.nat({ max: 6 }), { minLength: days.length, maxLength: days.length }).map((cuts) => {
      const results: CeResultByTime[] = [];
      days.forEach((groups, i) => {
        const start = `2028-02-${String(20 + i).padStart(2, "0")}`;
        const end = `2028-02-${String(21 + i).padStart(2, "0")}`;
        const cut = Math.min(cuts[i] ?? 0, groups.length);
        const period = (part: typeof groups): CeResultByTime => ({ timePeriod: { start, end }, total: {}, groups: part, estimated: i % 3 === 0 });
        results.push(period(groups.slice(0, cut)));
        if (cut < groups.length) results.push(period(groups.slice(cut)));
      });
      return { days, results };
    }),
  );

describe("normalizeCostResults", () => {
  it("totals equal the sum of their parts, to the cent and beyond, for any grouped answer", () => {
    fc.assert(
      fc.property(pagesArb, ({ days, results }) => {
        const normalized = normalizeCostResults(results, { metrics: METRICS, grouped: true, granularity: "DAILY" });
        expect(normalized.results).toHaveLength(days.length);
        normalized.results.forEach((period, i) => {
          const groups = days[i] ?? [];
          expect(period.groups).toHaveLength(groups.length);
          for (const metric of METRICS) {
            const expected = sumDecimals(groups.map((group) => toAmount(group.metrics[metric as "UnblendedCost"].amount)));
            expect(period.total.metrics?.[metric]?.amount).toBe(expected);
          }
          expect(period.total.amount).toBe(period.total.metrics?.UnblendedCost?.amount);
          expect(period.estimated).toBe(i % 3 === 0);
          expect(period.end).toBe(period.start);
        });
        for (const metric of METRICS) {
          const all = days.flat().map((group) => toAmount(group.metrics[metric as "UnblendedCost"].amount));
          expect(normalized.total.metrics?.[metric]?.amount).toBe(sumDecimals(all));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("uses AWS's Total when ungrouped, the unit from Unit, and N/A for mixed units", () => {
    const results: CeResultByTime[] = [
      { timePeriod: { start: "2026-01-01", end: "2026-02-01" }, total: { UsageQuantity: { amount: "1.50", unit: "Hrs" } }, groups: [], estimated: false },
      { timePeriod: { start: "2026-02-01", end: "2026-03-01" }, total: { UsageQuantity: { amount: "2", unit: "GB" } }, groups: [], estimated: true },
    ];
    const normalized = normalizeCostResults(results, { metrics: ["UsageQuantity"], grouped: false, granularity: "MONTHLY" });
    expect(normalized.results.map((period) => [period.start, period.end, period.total.amount, period.total.unit, period.estimated])).toEqual([
      ["2026-01-01", "2026-01-31", "1.5", "Hrs", false],
      ["2026-02-01", "2026-02-28", "2", "GB", true],
    ]);
    expect(normalized.total).toEqual({ amount: "3.5", unit: "N/A" });
    expect(normalizeCostResults([], { metrics: ["UnblendedCost"], grouped: true, granularity: "DAILY" }).total).toEqual({ amount: "0", unit: "USD" });
  });

  it("keeps HOURLY periods as the API's date-times", () => {
    const normalized = normalizeCostResults(
      [{ timePeriod: { start: "2026-03-10T05:00:00Z", end: "2026-03-10T06:00:00Z" }, total: { UnblendedCost: { amount: "0.1", unit: "USD" } }, groups: [], estimated: true }],
      { metrics: ["UnblendedCost"], grouped: false, granularity: "HOURLY" },
    );
    expect(normalized.results[0]).toMatchObject({ start: "2026-03-10T05:00:00Z", end: "2026-03-10T06:00:00Z" });
  });
});

describe("decimal amounts", () => {
  it("adds without binary floating point", () => {
    expect(addAmounts(["0.1", "0.2"])).toBe("0.3");
    expect(addAmounts(["1E-10", "-0.0000000001"])).toBe("0");
    expect(toAmount("12.3400")).toBe("12.34");
    expect(requestPriceUsd(247)).toBe("2.47");
    expect(percentChange("110", "100")).toBe("10.00");
    expect(percentChange("-50", "-100")).toBe("50.00");
    expect(percentChange("1", "0")).toBeNull();
    expect(() => toAmount("abc")).toThrow(/not a decimal number/);
  });

  it("sums agree with an integer sum for any amounts", () => {
    fc.assert(
      fc.property(fc.array(amountArb, { maxLength: 50 }), (amounts) => {
        expect(addAmounts(amounts)).toBe(sumDecimals(amounts.map(toAmount)));
      }),
    );
  });
});

describe("chunk assembler", () => {
  it("emits each month once its last period has passed, even when a period spans pages", async () => {
    const emitted: Array<[string, string[]]> = [];
    const assembler = createChunkAssembler(
      [
        { start: "2026-01-30", end: "2026-01-31" },
        { start: "2026-02-01", end: "2026-02-28" },
        { start: "2026-03-01", end: "2026-03-02" },
      ],
      (chunk, results) => {
        emitted.push([chunk.start, results.map((result) => `${result.timePeriod.start}:${result.groups.length}`)]);
        return Promise.resolve();
      },
    );
    const period = (start: string, groups: number): CeResultByTime => ({
      timePeriod: { start, end: start },
      total: {},
      groups: Array.from({ length: groups }, () => ({ keys: ["k"], metrics: {} })),
      estimated: false,
    });
    await assembler.push([period("2026-01-30", 1), period("2026-01-31", 1)]);
    expect(emitted).toEqual([]);
    await assembler.push([period("2026-01-31", 2), period("2026-02-01", 1)]);
    expect(emitted).toEqual([["2026-01-30", ["2026-01-30:1", "2026-01-31:3"]]]);
    await assembler.finish();
    expect(emitted.map(([start]) => start)).toEqual(["2026-01-30", "2026-02-01", "2026-03-01"]);
    expect(emitted[2]?.[1]).toEqual([]);
  });

  it("merges a period split across pages", () => {
    const merged = mergeResultsByTime([
      { timePeriod: { start: "2026-01-02", end: "2026-01-03" }, total: {}, groups: [{ keys: ["b"], metrics: {} }], estimated: false },
      { timePeriod: { start: "2026-01-01", end: "2026-01-02" }, total: {}, groups: [{ keys: ["a"], metrics: {} }], estimated: false },
      { timePeriod: { start: "2026-01-02", end: "2026-01-03" }, total: {}, groups: [{ keys: ["c"], metrics: {} }], estimated: true },
    ]);
    expect(merged.map((result) => [result.timePeriod.start, result.groups.length, result.estimated])).toEqual([
      ["2026-01-01", 1, false],
      ["2026-01-02", 2, true],
    ]);
  });
});
