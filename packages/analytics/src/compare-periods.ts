import { sum } from "./robust-stats.js";
import { assertFiniteSeries } from "./validate.js";

/** Totals of two periods and how the first changed from the second. */
export interface PeriodComparison {
  currentTotal: number;
  previousTotal: number;
  /** `currentTotal - previousTotal`. */
  change: number;
  /**
   * Change as a percentage of the previous total's magnitude (so its sign is
   * always the sign of `change`, even when the previous total is a negative
   * credit); `null` when the previous total is zero.
   */
  changePct: number | null;
}

/**
 * Totals two periods (with compensated summation) and compares them.
 *
 * @throws RangeError when a value is not finite.
 * @example
 * ```ts
 * comparePeriods([12, 13], [10, 10]);
 * // { currentTotal: 25, previousTotal: 20, change: 5, changePct: 25 }
 * ```
 */
export function comparePeriods(current: readonly number[], previous: readonly number[]): PeriodComparison {
  assertFiniteSeries(current, "comparePeriods (current)");
  assertFiniteSeries(previous, "comparePeriods (previous)");
  return compareTotals(sum(current), sum(previous));
}

/**
 * Compares two totals that are already summed.
 *
 * @example
 * ```ts
 * compareTotals(90, 100); // { currentTotal: 90, previousTotal: 100, change: -10, changePct: -10 }
 * ```
 */
export function compareTotals(currentTotal: number, previousTotal: number): PeriodComparison {
  // `|| 0` turns -0 into 0, which reads better in JSON and UIs.
  const change = currentTotal - previousTotal || 0;
  const changePct = previousTotal === 0 ? null : (change / Math.abs(previousTotal)) * 100 || 0;
  return { currentTotal, previousTotal, change, changePct };
}
