import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExactSums, MAX_STORED_UNITS, formatUnits, parseUnits, toUnits } from "./fixed-point.js";

describe("fixed-point amounts", () => {
  it("formats units with 10 decimals, zero as AWS does", () => {
    expect(formatUnits(0n, 10)).toBe("0");
    expect(formatUnits(15_000_000_000n, 10)).toBe("1.5000000000");
    expect(formatUnits(-1n, 10)).toBe("-0.0000000001");
    expect(formatUnits(1_500_000n, 6)).toBe("1.5000000000");
    expect(formatUnits(123_456_789_012_345n, 10)).toBe("12345.6789012345");
  });

  it("parses what it prints, at any scale", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.constantFrom(6, 10), (units, decimals) => {
        expect(parseUnits(formatUnits(units, decimals), decimals)).toBe(units);
      }),
    );
  });

  it("refuses to round when parsing", () => {
    expect(() => parseUnits("0.0000001", 6)).toThrow(/decimal places/);
    expect(parseUnits("2.5000000000", 6)).toBe(2_500_000n);
  });

  it("converts floats to units and refuses amounts it could not hold exactly", () => {
    expect(toUnits(1.23456789012, 10)).toBe(12_345_678_901);
    expect(toUnits(-0.5, 10)).toBe(-5_000_000_000);
    expect(() => toUnits(1e6, 10)).toThrow(RangeError);
  });

  it("sums exactly, however large the running total (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(MAX_STORED_UNITS - 1), max: MAX_STORED_UNITS - 1 }), { maxLength: 200 }), (values) => {
        const sums = new ExactSums(2);
        for (const value of values) sums.add(1, value);
        expect(sums.get(1)).toBe(values.reduce((sum, value) => sum + BigInt(value), 0n));
        expect(sums.get(0)).toBe(0n);
      }),
    );
  });
});
