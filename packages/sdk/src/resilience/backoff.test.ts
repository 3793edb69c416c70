import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffCap, backoffDelay } from "./backoff.js";

describe("backoffDelay", () => {
  it("stays within [0, min(maxDelay, base * 2^attempt)] for any attempt and random value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseDelayMs, maxDelayMs, r) => {
          const delay = backoffDelay(attempt, { baseDelayMs, maxDelayMs, random: () => r });
          const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(cap);
        },
      ),
    );
  });

  it("clamps a misbehaving random source into the bounds", () => {
    const options = { baseDelayMs: 100, maxDelayMs: 5_000 };
    expect(backoffDelay(3, { ...options, random: () => 7 })).toBe(800);
    expect(backoffDelay(3, { ...options, random: () => -1 })).toBe(0);
    expect(backoffDelay(3, { ...options, random: () => Number.NaN })).toBe(0);
  });

  it("doubles the cap per attempt up to the maximum", () => {
    const options = { baseDelayMs: 100, maxDelayMs: 5_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 60].map((a) => backoffCap(a, options))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });
});
