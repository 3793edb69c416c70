import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAdaptiveRateLimiter } from "./adaptive-rate-limiter.js";

/** The largest number of grants in any half-open window [t, t + windowUs). */
function maxInWindow(grantsUs: number[], windowUs: number): number {
  const sorted = [...grantsUs].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi += 1) {
    while ((sorted[hi] ?? 0) - (sorted[lo] ?? 0) >= windowUs) lo += 1;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

const events = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant("request" as const), gapMs: fc.double({ min: 0, max: 80, noNaN: true }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("throttle" as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("success" as const) }) },
  ),
  { minLength: 1, maxLength: 400 },
);

describe("createAdaptiveRateLimiter", () => {
  it("never grants more than maxRps in any one-second window, whatever the demand and throttling", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), events, (maxRps, script) => {
        const limiter = createAdaptiveRateLimiter({ maxRps });
        let now = 1_000;
        const grants: number[] = [];
        for (const event of script) {
          if (event.kind === "throttle") limiter.onThrottle(now);
          else if (event.kind === "success") limiter.onSuccess(now);
          else {
            now += event.gapMs;
            now += limiter.delay(now); // the caller waits exactly as long as told
            grants.push(Math.round(limiter.take(now) * 1000));
          }
        }
        expect(maxInWindow(grants, 1_000_000)).toBeLessThanOrEqual(maxRps);
        const sorted = [...grants].sort((a, b) => a - b);
        const minSpacingUs = Math.floor((0.75 * 1_000_000) / maxRps) - 1;
        for (let i = 1; i < sorted.length; i += 1) expect((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)).toBeGreaterThanOrEqual(minSpacingUs);
      }),
      { numRuns: 200 },
    );
  });

  it("holds for fractional ceilings too (never more than max(1, floor(maxRps)) per second)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 50, noNaN: true }), fc.array(fc.double({ min: 0, max: 3000, noNaN: true }), { maxLength: 100 }), (maxRps, gaps) => {
        const limiter = createAdaptiveRateLimiter({ maxRps });
        let now = 0;
        const grants: number[] = [];
        for (const gap of gaps) {
          now += gap;
          now += limiter.delay(now);
          grants.push(Math.round(limiter.take(now) * 1000));
        }
        expect(maxInWindow(grants, 1_000_000)).toBeLessThanOrEqual(Math.max(1, Math.floor(maxRps)));
      }),
    );
  });

  it("runs at the full rate when demand is constant", () => {
    const limiter = createAdaptiveRateLimiter({ maxRps: 40 });
    let now = 0;
    for (let i = 0; i < 400; i += 1) {
      now += limiter.delay(now);
      limiter.take(now);
    }
    // 400 grants at 40/s take just under 10 s.
    expect(now).toBeGreaterThan(9_900);
    expect(now).toBeLessThanOrEqual(10_000);
  });

  it("absorbs timer lateness instead of drifting below the rate", () => {
    const limiter = createAdaptiveRateLimiter({ maxRps: 40 });
    let now = 0;
    for (let i = 0; i < 400; i += 1) {
      now += limiter.delay(now) + 1; // every wake-up is 1 ms late
      limiter.take(now);
    }
    expect(now).toBeLessThan(10_100); // 26 ms spacing would have taken 10.4 s
  });

  it("halves on throttling (once per burst) and climbs back additively", () => {
    const limiter = createAdaptiveRateLimiter({ maxRps: 40 });
    limiter.onThrottle(0);
    limiter.onThrottle(10);
    expect(limiter.rate()).toBe(20);
    limiter.onThrottle(150);
    expect(limiter.rate()).toBe(10);
    for (let i = 0; i < 10; i += 1) limiter.onSuccess(700);
    expect(limiter.rate()).toBeGreaterThan(10);
    expect(limiter.rate()).toBeLessThan(40);
    for (let i = 0; i < 10_000; i += 1) limiter.onSuccess(800);
    expect(limiter.rate()).toBe(40);
  });

  it("rejects a ceiling that is not a positive number", () => {
    expect(() => createAdaptiveRateLimiter({ maxRps: 0 })).toThrow(RangeError);
  });
});
