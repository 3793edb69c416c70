import type { CeResultByTime } from "../aws/cost-explorer-port.js";
import { addDays, type DateRange, startOfMonth } from "./cost-dates.js";

/**
 * Days after a month ends during which AWS may still restate it (credits, refunds, RI/Savings Plans
 * amortisation land when the bill closes). The configuration's `costs.restatement_days`.
 *
 * @example
 * createCostService({ ce, policy, clock, restatementDays: DEFAULT_RESTATEMENT_DAYS });
 */
export const DEFAULT_RESTATEMENT_DAYS = 3;

/**
 * The first day that is not final by date: the first day of the month that contains
 * `today - restatementDays`. A day is final when it is before this day (its month closed more than
 * `restatementDays` days ago) and Cost Explorer did not flag it `Estimated`.
 *
 * With the default of 3: on 2026-03-03 February is not final yet (`finalBefore` is 2026-02-01); on
 * 2026-03-04 it is (`finalBefore` is 2026-03-01). The current month is never final.
 *
 * @example
 * finalBefore("2026-03-04", 3); // "2026-03-01"
 * finalBefore("2026-03-03", 3); // "2026-02-01"
 */
export function finalBefore(today: string, restatementDays: number = DEFAULT_RESTATEMENT_DAYS): string {
  return startOfMonth(addDays(today, -Math.max(0, Math.floor(restatementDays))));
}

/**
 * Whether one day's data is final: before {@link finalBefore} and not estimated.
 *
 * @example
 * isFinalDay("2026-02-27", { today: "2026-03-10", estimated: false }); // true
 */
export function isFinalDay(day: string, options: { today: string; restatementDays?: number; estimated: boolean }): boolean {
  return !options.estimated && day < finalBefore(options.today, options.restatementDays);
}

/**
 * Whether an answer for a range is final: every day of the range is before {@link finalBefore} and
 * no period of the answer is `Estimated`. A final answer can be kept forever.
 *
 * @example
 * isFinalAnswer({ start: "2026-01-01", end: "2026-01-31" }, results, { today: "2026-03-10" }); // true unless estimated
 */
export function isFinalAnswer(range: DateRange, results: readonly CeResultByTime[], options: { today: string; restatementDays?: number }): boolean {
  return range.end < finalBefore(options.today, options.restatementDays) && results.every((result) => !result.estimated);
}
