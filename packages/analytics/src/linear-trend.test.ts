import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linearTrend } from "./linear-trend.js";

describe("linearTrend", () => {
  it("fits a perfect line exactly", () => {
    expect(linearTrend([1, 3, 5, 7])).toEqual({ slope: 2, intercept: 1, r2: 1 });
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.integer({ min: 2, max: 200 }),
        (intercept, slope, n) => {
          const fit = linearTrend(Array.from({ length: n }, (_, i) => intercept + slope * i));
          const scale = Math.max(1, Math.abs(intercept), Math.abs(slope) * n);
          expect(Math.abs(fit.slope - slope)).toBeLessThanOrEqual(1e-9 * scale);
          expect(Math.abs(fit.intercept - intercept)).toBeLessThanOrEqual(1e-9 * scale);
        },
      ),
    );
  });

  it("gives a flat line with r2 = 1 for a constant series and one point", () => {
    expect(linearTrend([4, 4, 4])).toEqual({ slope: 0, intercept: 4, r2: 1 });
    expect(linearTrend([4])).toEqual({ slope: 0, intercept: 4, r2: 1 });
  });

  it("keeps r2 between 0 and 1 and near 0 for an unrelated zig-zag", () => {
    expect(linearTrend([0, 1, 0, 1, 0, 1, 0, 1]).r2).toBeLessThan(0.1);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 100 }), (values) => {
        const { r2 } = linearTrend(values);
        expect(r2).toBeGreaterThanOrEqual(0);
        expect(r2).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("rejects empty and non-finite input", () => {
    expect(() => linearTrend([])).toThrow(RangeError);
    expect(() => linearTrend([1, Number.NaN])).toThrow(/index 1/);
  });
});
