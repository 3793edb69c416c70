import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean, meanAbsoluteDeviation, median, medianAbsoluteDeviation, medianInPlace, sum } from "./robust-stats.js";

describe("robust statistics", () => {
  it("compute the textbook values", () => {
    expect(sum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(sum([1e16, 1, -1e16])).toBe(1);
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100])).toBe(1);
    expect(meanAbsoluteDeviation([0, 0, 0, 4])).toBe(1);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(Number.isNaN(mean([]))).toBe(true);
  });

  it("median does not reorder its input and is order-independent", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 50 }), (values) => {
        const copy = [...values];
        const m = median(values);
        expect(values).toEqual(copy);
        expect(median([...values].reverse())).toBe(m);
        const below = values.filter((v) => v < m).length;
        const above = values.filter((v) => v > m).length;
        expect(below <= values.length / 2 && above <= values.length / 2).toBe(true);
      }),
    );
  });

  it("MAD is scale-equivariant and shift-invariant", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: -20, max: 20 }),
        (values, shift, power) => {
          const scale = 2 ** power;
          const mad = medianAbsoluteDeviation(values);
          expect(medianAbsoluteDeviation(values.map((v) => v + shift))).toBe(mad);
          expect(medianAbsoluteDeviation(values.map((v) => v * scale))).toBe(mad * scale);
        },
      ),
    );
  });

  it("quickselect median agrees with sorting, duplicates included", () => {
    const sortedMedian = (values: number[]): number => {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      const upper = sorted[mid] ?? Number.NaN;
      const lower = sorted[mid - 1] ?? Number.NaN;
      return sorted.length % 2 ? upper : lower + (upper - lower) / 2;
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), fc.nat(10), (values, extra) => {
        const buffer = new Float64Array(values.length + extra).fill(99);
        buffer.set(values);
        expect(medianInPlace(buffer, values.length)).toBe(sortedMedian(values));
        expect(median(values)).toBe(sortedMedian(values));
      }),
    );
    expect(Number.isNaN(medianInPlace(new Float64Array(3), 0))).toBe(true);
  });
});
