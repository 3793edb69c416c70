import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePeriods, compareTotals } from "./compare-periods.js";

const amounts = fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { maxLength: 40 });

describe("comparePeriods", () => {
  it("totals both periods and reports the change", () => {
    expect(comparePeriods([12, 13], [10, 10])).toEqual({ currentTotal: 25, previousTotal: 20, change: 5, changePct: 25 });
    expect(comparePeriods([0.1, 0.2, 0.3], [0.6])).toEqual({ currentTotal: 0.6, previousTotal: 0.6, change: 0, changePct: 0 });
    expect(comparePeriods([], [])).toEqual({ currentTotal: 0, previousTotal: 0, change: 0, changePct: null });
  });

  it("returns a null percentage when the previous period is zero", () => {
    expect(comparePeriods([5], [0, 0]).changePct).toBeNull();
    expect(comparePeriods([5], [3, -3]).changePct).toBeNull();
  });

  it("keeps the percentage's sign equal to the change's, even against credits", () => {
    expect(compareTotals(-50, -100)).toEqual({ currentTotal: -50, previousTotal: -100, change: 50, changePct: 50 });
    fc.assert(
      fc.property(amounts, amounts, (current, previous) => {
        const result = comparePeriods(current, previous);
        expect(Math.sign(result.change)).toBe(Math.sign(result.currentTotal - result.previousTotal));
        expect(result.change > 0).toBe(result.currentTotal > result.previousTotal);
        expect(result.change < 0).toBe(result.currentTotal < result.previousTotal);
        if (result.previousTotal === 0) {
          expect(result.changePct).toBeNull();
        } else {
          expect(Math.sign(result.changePct ?? Number.NaN)).toBe(Math.sign(result.change));
        }
      }),
    );
  });

  it("is antisymmetric: swapping the periods negates the change", () => {
    fc.assert(
      fc.property(amounts, amounts, (current, previous) => {
        expect(comparePeriods(previous, current).change).toBe(-comparePeriods(current, previous).change || 0);
      }),
    );
  });

  it("rejects non-finite values", () => {
    expect(() => comparePeriods([1, Number.POSITIVE_INFINITY], [])).toThrow(/current/);
    expect(() => comparePeriods([], [Number.NaN])).toThrow(/previous/);
  });
});
