import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalDecimal, fromScaled, sumDecimals, toScaled } from "./decimal.js";

const Exact = Decimal.clone({ precision: 100 });

describe("canonicalDecimal", () => {
  it.each([
    ["1.2300000000", "1.23"],
    ["-0.0", "0"],
    ["007.5", "7.5"],
    ["1e-3", "0.001"],
    ["2.5E+3", "2500"],
    [".5", "0.5"],
    ["0.00000000005", "0.0000000001"],
    ["-0.00000000005", "-0.0000000001"],
    ["0.000000000049", "0"],
  ])("%s -> %s", (input, expected) => {
    expect(canonicalDecimal(input)).toBe(expected);
  });

  it.each(["", "abc", "1.2.3", "NaN", "Infinity", "123456789012345678901"])("rejects %j", (input) => {
    expect(() => canonicalDecimal(input)).toThrow();
  });

  it("property: agrees with decimal.js rounding half away from zero to 10 places", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }), fc.integer({ min: 0, max: 15 }), (units, scale) => {
        const text = new Decimal(units.toString()).div(new Decimal(10).pow(scale)).toFixed();
        const expected = new Decimal(text).toDecimalPlaces(10, Decimal.ROUND_HALF_UP);
        expect(new Decimal(canonicalDecimal(text)).equals(expected)).toBe(true);
        expect(canonicalDecimal(canonicalDecimal(text))).toBe(canonicalDecimal(text));
      }),
    );
  });

  it("property: scaled sums are exact", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n })), (units) => {
        const texts = units.map((u) => fromScaled(u));
        expect(texts.map(toScaled)).toEqual(units);
        const expected = texts.reduce((acc, t) => acc.plus(t), new Exact(0));
        expect(new Exact(sumDecimals(texts)).equals(expected)).toBe(true);
      }),
    );
  });
});
