import { compareTotals, type PeriodComparison } from "./compare-periods.js";
import {
  endOfPeriod,
  fromEpochDay,
  periodLabel,
  shiftPeriods,
  startOfPeriod,
  toEpochDay,
  utcDateOf,
  type PeriodUnit,
} from "./iso-date.js";
import { sum } from "./robust-stats.js";

/** One value on one calendar day. */
export interface DatedValue {
  /** "YYYY-MM-DD" (UTC calendar day). */
  date: string;
  value: number;
}

/** Options for {@link alignPeriods}. */
export interface AlignPeriodsOptions {
  unit: PeriodUnit;
  /** The last day to include: a "YYYY-MM-DD" date, an ISO date-time or a `Date` (its UTC day is used). */
  now: string | Date;
}

/** A span of days and the data that falls in it. */
export interface PeriodWindow {
  /** "2028-02", "2028-Q1" or "2028". */
  label: string;
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive. */
  end: string;
  /** Calendar days from `start` to `end`, inclusive. */
  days: number;
  /** Sum of the values in the window. */
  total: number;
  /** Distinct days in the window that have at least one value. */
  daysWithData: number;
  /** The entries in the window, ordered by date (input order within a day). */
  values: DatedValue[];
}

/** Period-to-date windows for one unit, aligned for comparison. */
export interface AlignedPeriods {
  unit: PeriodUnit;
  /** The UTC day of `now`: the last day of `current`. */
  asOf: string;
  /** From the start of the period containing `now` through `now`. */
  current: PeriodWindow;
  /** The same stretch of the previous period, clamped to its length (a month end maps to a month end). */
  previous: PeriodWindow;
  /** The same stretch one year earlier, clamped (2028-02-29 becomes 2027-02-28). */
  lastYear: PeriodWindow;
  vsPrevious: PeriodComparison;
  vsLastYear: PeriodComparison;
}

interface IndexedEntry {
  day: number;
  entry: DatedValue;
}

function indexSeries(series: readonly DatedValue[]): IndexedEntry[] {
  const indexed = series.map((entry, i) => {
    if (!Number.isFinite(entry.value)) {
      throw new RangeError(`Entry ${i} (${entry.date}) has value ${String(entry.value)}; pass finite numbers.`);
    }
    return { day: toEpochDay(entry.date), entry };
  });
  // Array.prototype.sort is stable, so entries of one day keep their input order.
  return indexed.sort((a, b) => a.day - b.day);
}

function window(indexed: readonly IndexedEntry[], start: string, end: string, unit: PeriodUnit): PeriodWindow {
  const first = toEpochDay(start);
  const last = toEpochDay(end);
  const inside = indexed.filter(({ day }) => day >= first && day <= last);
  return {
    label: periodLabel(start, unit),
    start,
    end,
    days: last - first + 1,
    total: sum(inside.map(({ entry }) => entry.value)),
    daysWithData: new Set(inside.map(({ day }) => day)).size,
    values: inside.map(({ entry }) => entry),
  };
}

/**
 * Period-to-date comparison on a date-keyed series: the current month,
 * quarter or year through `now`, against the same stretch of the previous
 * period and of the same period a year earlier.
 *
 * Windows are shifted by calendar months as BI tools do (see
 * {@link shiftPeriods}): the day is clamped to the target month's length and
 * a month end maps to a month end. Month-to-date on March 31 compares with
 * February 1 to 28 (29 in a leap year); on April 30, with all of March; on
 * 2028-02-29 the year-ago window ends 2027-02-28; quarter-to-date on May 31
 * compares with January 1 to February 28/29. So on the last day of a period
 * the comparison is always full period against full period, and no day is
 * left out or counted twice. All arithmetic is on UTC calendar days.
 *
 * @throws RangeError for an invalid date or a non-finite value.
 * @example
 * ```ts
 * const aligned = alignPeriods(dailyCosts, { unit: "month", now: "2028-03-31" });
 * aligned.current.start; // "2028-03-01"
 * aligned.previous.end; // "2028-02-29"
 * aligned.lastYear.end; // "2027-03-31"
 * aligned.vsPrevious.changePct; // e.g. 12.5
 * ```
 */
export function alignPeriods(series: readonly DatedValue[], options: AlignPeriodsOptions): AlignedPeriods {
  const { unit } = options;
  const asOf = utcDateOf(options.now);
  const indexed = indexSeries(series);
  const previousEnd = shiftPeriods(asOf, unit, -1);
  const lastYearEnd = shiftPeriods(asOf, "year", -1);
  const current = window(indexed, startOfPeriod(asOf, unit), asOf, unit);
  const previous = window(indexed, startOfPeriod(previousEnd, unit), previousEnd, unit);
  const lastYear = window(indexed, startOfPeriod(lastYearEnd, unit), lastYearEnd, unit);
  return {
    unit,
    asOf,
    current,
    previous,
    lastYear,
    vsPrevious: compareTotals(current.total, previous.total),
    vsLastYear: compareTotals(current.total, lastYear.total),
  };
}

/** Options for {@link periodTotals} and {@link periodOverPeriod}. */
export interface PeriodTotalsOptions {
  unit: PeriodUnit;
}

/** The total of one calendar period. */
export interface PeriodTotal {
  /** "2028-02", "2028-Q1" or "2028". */
  label: string;
  start: string;
  end: string;
  total: number;
  /** Distinct days in the period that have at least one value. */
  daysWithData: number;
  /** False for a first or last period that the series only partly covers. */
  complete: boolean;
}

/** A period total with its changes against the previous period and the same period a year earlier. */
export interface PeriodChange extends PeriodTotal {
  /** `null` for the first period. */
  vsPrevious: PeriodComparison | null;
  /** `null` when the series has no period a year earlier. */
  vsLastYear: PeriodComparison | null;
}

/**
 * Totals a date-keyed series per calendar month, quarter or year, oldest
 * first, including empty periods between the first and last date (with a
 * total of 0), so every day falls in exactly one period.
 *
 * @throws RangeError for an invalid date or a non-finite value.
 * @example
 * ```ts
 * periodTotals([{ date: "2028-01-31", value: 2 }, { date: "2028-03-01", value: 3 }], { unit: "month" });
 * // [{ label: "2028-01", total: 2, ... }, { label: "2028-02", total: 0, ... }, { label: "2028-03", total: 3, ... }]
 * ```
 */
export function periodTotals(series: readonly DatedValue[], options: PeriodTotalsOptions): PeriodTotal[] {
  const { unit } = options;
  const indexed = indexSeries(series);
  const firstEntry = indexed[0];
  const lastEntry = indexed[indexed.length - 1];
  if (!firstEntry || !lastEntry) return [];
  const totals: PeriodTotal[] = [];
  let cursor = 0;
  let start = startOfPeriod(firstEntry.entry.date, unit);
  while (toEpochDay(start) <= lastEntry.day) {
    const end = endOfPeriod(start, unit);
    const endDay = toEpochDay(end);
    const values: number[] = [];
    const days = new Set<number>();
    while (cursor < indexed.length && (indexed[cursor]?.day ?? Number.POSITIVE_INFINITY) <= endDay) {
      const item = indexed[cursor];
      if (item) {
        values.push(item.entry.value);
        days.add(item.day);
      }
      cursor++;
    }
    totals.push({
      label: periodLabel(start, unit),
      start,
      end,
      total: sum(values),
      daysWithData: days.size,
      complete: toEpochDay(start) >= firstEntry.day && endDay <= lastEntry.day,
    });
    start = fromEpochDay(endDay + 1);
  }
  return totals;
}

/**
 * {@link periodTotals} with each period compared to the one before it and to
 * the same period a year earlier. Compare only `complete` periods, or use
 * {@link alignPeriods} for a period that is still running.
 *
 * @throws RangeError for an invalid date or a non-finite value.
 * @example
 * ```ts
 * const months = periodOverPeriod(dailyCosts, { unit: "month" });
 * months.at(-1)?.vsPrevious?.changePct; // e.g. -4.2
 * ```
 */
export function periodOverPeriod(series: readonly DatedValue[], options: PeriodTotalsOptions): PeriodChange[] {
  const totals = periodTotals(series, options);
  const byLabel = new Map(totals.map((period) => [period.label, period]));
  return totals.map((period, i) => {
    const previous = i > 0 ? totals[i - 1] : undefined;
    const yearAgo = byLabel.get(periodLabel(shiftPeriods(period.start, "year", -1), options.unit));
    return {
      ...period,
      vsPrevious: previous ? compareTotals(period.total, previous.total) : null,
      vsLastYear: yearAgo ? compareTotals(period.total, yearAgo.total) : null,
    };
  });
}
