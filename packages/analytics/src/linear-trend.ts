import { assertFiniteSeries } from "./validate.js";

/** Least-squares line through a series indexed 0, 1, 2, ... */
export interface LinearTrend {
  /** Change per step (per day for a daily series). */
  slope: number;
  /** Fitted value at index 0. */
  intercept: number;
  /**
   * Share of the variance the line explains, 0 to 1. A constant series (or a
   * single value) is explained perfectly and gets 1.
   */
  r2: number;
}

/**
 * Ordinary least-squares line through `values` against their indices.
 *
 * @throws RangeError for an empty series or a value that is not finite.
 * @example
 * ```ts
 * linearTrend([1, 3, 5, 7]); // { slope: 2, intercept: 1, r2: 1 }
 * ```
 */
export function linearTrend(values: readonly number[]): LinearTrend {
  assertFiniteSeries(values, "linearTrend");
  const n = values.length;
  if (n === 0) throw new RangeError("linearTrend needs at least one value.");
  // Centre x and y first: the textbook sums lose precision on long series.
  const xMean = (n - 1) / 2;
  let yTotal = 0;
  for (const value of values) yTotal += value;
  const yMean = yTotal / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = i - xMean;
    const dy = (values[i] ?? 0) - yMean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = yMean - slope * xMean;
  if (syy === 0) return { slope, intercept, r2: 1 };
  let residual = 0;
  for (let i = 0; i < n; i++) {
    const error = (values[i] ?? 0) - (intercept + slope * i);
    residual += error * error;
  }
  return { slope, intercept, r2: Math.min(1, Math.max(0, 1 - residual / syy)) };
}
