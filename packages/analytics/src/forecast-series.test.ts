import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectAnomalies, replaceAnomalies } from "./detect-anomalies.js";
import { forecastSeries } from "./forecast-series.js";
import { gaussianNoise } from "./testing/seeded-random.js";

const level = fc.constantFrom(0.8 as const, 0.95 as const);
// Relative precision is meaningless for subnormal numbers; keep to normal ones.
const normalDouble = (max: number): fc.Arbitrary<number> =>
  fc.double({ min: -max, max, noNaN: true }).filter((x) => x === 0 || Math.abs(x) >= 1e-100);
const WEEK = [12, 14, 13, 11, 10, -30, -30];

describe("forecastSeries", () => {
  it("forecasts a constant series as exactly that constant with zero-width intervals", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 60 }),
        level,
        (value, n, horizon, lvl) => {
          const forecast = forecastSeries(new Array<number>(n).fill(value), { horizon, level: lvl });
          expect(forecast.method).toBe("constant");
          expect(forecast.mean).toEqual(new Array<number>(horizon).fill(value));
          expect(forecast.lower).toEqual(forecast.mean);
          expect(forecast.upper).toEqual(forecast.mean);
        },
      ),
    );
  });

  it("continues a perfect line (within 1e-6 relative)", () => {
    fc.assert(
      fc.property(
        normalDouble(1e6),
        normalDouble(1e3),
        fc.integer({ min: 5, max: 150 }),
        fc.integer({ min: 1, max: 90 }),
        (intercept, slope, n, horizon) => {
          const values = Array.from({ length: n }, (_, i) => intercept + slope * i);
          const forecast = forecastSeries(values, { horizon });
          const scale = Math.max(Math.abs(intercept), Math.abs(slope) * (n + horizon));
          forecast.mean.forEach((value, h) => {
            const expected = intercept + slope * (n + h);
            expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-6 * scale);
          });
        },
      ),
    );
  });

  it("has intervals that contain the mean and widen with the horizon", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 0, max: 40 }),
        level,
        (values, horizon, lvl) => {
          const { mean, lower, upper } = forecastSeries(values, { horizon, level: lvl });
          expect(mean).toHaveLength(horizon);
          for (let h = 0; h < horizon; h++) {
            expect(lower[h]).toBeLessThanOrEqual(mean[h] ?? Number.NaN);
            expect(upper[h]).toBeGreaterThanOrEqual(mean[h] ?? Number.NaN);
            if (h > 0) {
              const width = (upper[h] ?? 0) - (lower[h] ?? 0);
              const previous = (upper[h - 1] ?? 0) - (lower[h - 1] ?? 0);
              expect(width).toBeGreaterThanOrEqual(previous * (1 - 1e-12));
            }
          }
        },
      ),
    );
  });

  it("scales with the data (a forecast in cents is 100x the forecast in dollars)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 60 }), (values) => {
        const dollars = forecastSeries(values, { horizon: 5 });
        const cents = forecastSeries(
          values.map((v) => v * 128),
          { horizon: 5 },
        );
        expect(cents.method).toBe(dollars.method);
        cents.mean.forEach((value, h) => {
          expect(value).toBeCloseTo((dollars.mean[h] ?? 0) * 128, 6);
        });
      }),
    );
  });

  it("has 80 % and 95 % intervals that cover about that share of future values", () => {
    let inside80 = 0;
    let inside95 = 0;
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const noise = gaussianNoise(seed, 200);
      const values = noise.map((v, i) => 100 + 0.2 * i + (seed % 2 ? (WEEK[i % 7] ?? 0) : 0) + 3 * v);
      const past = values.slice(0, 170);
      const narrow = forecastSeries(past, { horizon: 30, level: 0.8 });
      const wide = forecastSeries(past, { horizon: 30, level: 0.95 });
      values.slice(170).forEach((actual, h) => {
        total++;
        if (actual >= (narrow.lower[h] ?? 0) && actual <= (narrow.upper[h] ?? 0)) inside80++;
        if (actual >= (wide.lower[h] ?? 0) && actual <= (wide.upper[h] ?? 0)) inside95++;
      });
    }
    expect(inside80 / total).toBeGreaterThan(0.72);
    expect(inside80 / total).toBeLessThan(0.88);
    expect(inside95 / total).toBeGreaterThan(0.9);
    expect(inside95 / total).toBeLessThan(0.99);
  });

  it("forecasts past a one-off spike once anomalies are replaced", () => {
    const values = gaussianNoise(4, 120).map((v, i) => 100 + 0.5 * i + 2 * v);
    const clean = forecastSeries(values, { horizon: 7 });
    values[110] = 1000;
    const cleaned = replaceAnomalies(values, detectAnomalies(values));
    const forecast = forecastSeries(cleaned, { horizon: 7 });
    forecast.mean.forEach((value, h) => expect(Math.abs(value - (clean.mean[h] ?? 0))).toBeLessThan(3));
    expect(forecast.sigma).toBeLessThan(clean.sigma * 1.3);
  });

  it("gives wider intervals at 95 % than at 80 %", () => {
    const values = gaussianNoise(1, 60).map((v, i) => 100 + i + 5 * v);
    const narrow = forecastSeries(values, { horizon: 10, level: 0.8 });
    const wide = forecastSeries(values, { horizon: 10, level: 0.95 });
    expect(wide.mean).toEqual(narrow.mean);
    expect((wide.upper[9] ?? 0) - (wide.lower[9] ?? 0)).toBeGreaterThan((narrow.upper[9] ?? 0) - (narrow.lower[9] ?? 0));
    expect(narrow.level).toBe(0.8);
  });

  it("falls back to the mean for very short series", () => {
    const forecast = forecastSeries([10, 12, 14, 16], { horizon: 2 });
    expect(forecast.method).toBe("mean");
    expect(forecast.mean).toEqual([13, 13]);
    expect(forecast.parameters).toBeNull();
    expect(forecast.upper[1]).toBeGreaterThan(forecast.upper[0] ?? Number.POSITIVE_INFINITY);
  });

  it("picks up a weekly pattern and forecasts it", () => {
    const values = gaussianNoise(7, 140).map((v, i) => 200 + 0.5 * i + (WEEK[i % 7] ?? 0) + 2 * v);
    const forecast = forecastSeries(values, { horizon: 14 });
    expect(forecast.method).toBe("holt-winters");
    expect(forecast.seasonLength).toBe(7);
    expect(forecast.parameters?.gamma).not.toBeNull();
    forecast.mean.forEach((value, h) => {
      const t = 140 + h;
      expect(Math.abs(value - (200 + 0.5 * t + (WEEK[t % 7] ?? 0)))).toBeLessThan(6);
    });
  });

  it("keeps the simpler trend model when there is no season", () => {
    const values = gaussianNoise(3, 120).map((v, i) => 50 + 0.3 * i + v);
    const forecast = forecastSeries(values, { horizon: 7 });
    expect(forecast.method).toBe("holt");
    expect(forecast.parameters?.gamma).toBeNull();
    expect(forecast.seasonLength).toBeNull();
    expect(forecast.sigma).toBeGreaterThan(0.5);
    expect(forecast.sigma).toBeLessThan(2);
    expect(Math.abs((forecast.mean[6] ?? 0) - (50 + 0.3 * 126))).toBeLessThan(4);
  });

  it("honours seasonal: false and seasonal: true", () => {
    const values = gaussianNoise(9, 30).map((v, i) => 100 + (WEEK[i % 7] ?? 0) + v);
    expect(forecastSeries(values, { horizon: 1, seasonal: false }).method).toBe("holt");
    expect(forecastSeries(values.slice(0, 15), { horizon: 1, seasonal: true }).method).toBe("holt-winters");
    expect(forecastSeries(values, { horizon: 1, seasonLength: 1 }).method).toBe("holt");
  });

  it("rejects bad input with a clear error", () => {
    expect(() => forecastSeries([], { horizon: 1 })).toThrow(RangeError);
    expect(() => forecastSeries([1, Number.NaN], { horizon: 1 })).toThrow(/index 1/);
    expect(() => forecastSeries([1, 2], { horizon: -1 })).toThrow(/horizon/);
    expect(() => forecastSeries([1, 2], { horizon: 1.5 })).toThrow(/horizon/);
    // @ts-expect-error 0.9 is not a supported level
    expect(() => forecastSeries([1, 2], { horizon: 1, level: 0.9 })).toThrow(/level/);
  });
});
