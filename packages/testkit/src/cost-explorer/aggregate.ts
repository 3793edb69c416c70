// Sums the ledger's rows into (period x group) cells, exactly. HOURLY spreads each daily row over
// its 24 hours with integer weights, so 24 hours always add up to the day to the last unit.
import type { HourlyProfile } from "./dataset.js";
import { addMonths } from "./dates.js";
import { ExactSums, type CostMetric } from "./fixed-point.js";
import type { LedgerIndex } from "./ledger-index.js";

/**
 * Time buckets of an answer.
 *
 * @example
 * const granularity: Granularity = "DAILY";
 */
export type Granularity = "DAILY" | "MONTHLY" | "HOURLY";

/**
 * A period: day numbers for DAILY and MONTHLY, hour numbers for HOURLY; end exclusive.
 *
 * @example
 * const march: Period = { start: parseDay("2026-03-01") ?? 0, end: parseDay("2026-04-01") ?? 0 };
 */
export interface Period {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits `[start, end)` into the periods of a granularity (months are cut at month boundaries).
 *
 * @example
 * periodsOf("MONTHLY", parseDay("2026-01-15") ?? 0, parseDay("2026-03-01") ?? 0).length; // 2
 */
export function periodsOf(granularity: Granularity, start: number, end: number): Period[] {
  const periods: Period[] = [];
  for (let cursor = start; cursor < end; ) {
    const next = granularity === "MONTHLY" ? Math.min(addMonths(cursor, 1), end) : cursor + 1;
    periods.push({ start: cursor, end: next });
    cursor = next;
  }
  return periods;
}

const HOUR_WEIGHTS: Readonly<Record<HourlyProfile, readonly number[]>> = {
  flat: Array.from({ length: 24 }, () => 1),
  business: [2, 2, 2, 2, 2, 2, 3, 5, 8, 10, 10, 10, 10, 10, 10, 10, 10, 9, 7, 5, 4, 3, 2, 2],
  traffic: [5, 4, 3, 3, 3, 4, 5, 7, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10, 9, 8, 6],
  midnight: [1, ...Array.from({ length: 23 }, () => 0)],
};
const HOUR_WEIGHT_TOTALS = Object.fromEntries(
  Object.entries(HOUR_WEIGHTS).map(([profile, weights]) => [profile, weights.reduce((sum, weight) => sum + weight, 0)]),
) as Record<HourlyProfile, number>;

/**
 * Splits a day's integer amount over 24 hours: integer pieces whose sum is exactly the amount.
 *
 * @example
 * const hours = new Float64Array(24);
 * spreadOverHours(1_000, "flat", hours); // 41 or 42 per hour, 1000 in all
 */
export function spreadOverHours(units: number, profile: HourlyProfile, into: Float64Array): void {
  const weights = HOUR_WEIGHTS[profile];
  const total = HOUR_WEIGHT_TOTALS[profile];
  let used = 0;
  for (let hour = 0; hour < 23; hour++) {
    const piece = Math.floor((units * (weights[hour] ?? 0)) / total);
    into[hour] = piece;
    used += piece;
  }
  into[23] = units - used;
}

/**
 * Options for {@link aggregate}.
 *
 * @example
 * const options: AggregateOptions = { index, granularity: "DAILY", periods, metrics: ["UnblendedCost"], groupCount: 1 };
 */
export interface AggregateOptions {
  readonly index: LedgerIndex;
  readonly granularity: Granularity;
  /** Contiguous periods covering the query. */
  readonly periods: readonly Period[];
  readonly metrics: readonly CostMetric[];
  /** Lines that pass the filter (all when absent). */
  readonly mask?: Uint8Array | undefined;
  /** Group of each line (0 when ungrouped). */
  readonly groupOfLine?: Int32Array | undefined;
  readonly groupCount: number;
}

/**
 * Cell sums of an aggregation; a cell is `period * groupCount + group`.
 *
 * @example
 * const total = aggregate(options).sums.get(0); // bigint, 1e-10 USD
 */
export interface Aggregation {
  /** Sum of metric `m` of cell `c` is `sums.get(c * metrics.length + m)`. */
  readonly sums: ExactSums;
  /** 1 where the cell has at least one row. */
  readonly seen: Uint8Array;
  /** Usage unit id of each cell: -1 none seen, -2 mixed. */
  readonly usageUnits: Int32Array;
}

/**
 * Sums rows into cells.
 *
 * @example
 * const { sums } = aggregate({ index, granularity: "MONTHLY", periods, metrics: ["UnblendedCost"], groupCount: 1 });
 */
export function aggregate({ index, granularity, periods, metrics, mask, groupOfLine, groupCount }: AggregateOptions): Aggregation {
  const cells = periods.length * groupCount;
  const metricCount = metrics.length;
  const sums = new ExactSums(cells * metricCount);
  const seen = new Uint8Array(cells);
  const usageUnits = new Int32Array(cells).fill(-1);
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return { sums, seen, usageUnits };
  const { rows, lineItems } = index.dataset;
  const columns = metrics.map((metric) => rows.metrics[metric]);
  const quantities = rows.metrics.UsageQuantity;
  const hourly = granularity === "HOURLY";
  const queryStart = first.start;
  const queryEnd = last.end;
  const dayFrom = Math.max(index.firstDay, hourly ? Math.floor(queryStart / 24) : queryStart);
  const dayTo = Math.min(index.endDay, hourly ? Math.ceil(queryEnd / 24) : queryEnd);

  const periodAt = new Int32Array(queryEnd - queryStart);
  periods.forEach((period, p) => periodAt.fill(p, period.start - queryStart, period.end - queryStart));

  const noteUnit = (cell: number, row: number, line: number): void => {
    if ((quantities[row] ?? 0) === 0) return;
    const unit = index.unitIds[line] ?? -2;
    const known = usageUnits[cell] ?? -1;
    if (known === -1) usageUnits[cell] = unit;
    else if (known !== unit) usageUnits[cell] = -2;
  };

  const pieces = new Float64Array(24);
  for (let day = dayFrom; day < dayTo; day++) {
    const rowFrom = rows.dayOffsets[day - index.firstDay] ?? 0;
    const rowTo = rows.dayOffsets[day - index.firstDay + 1] ?? 0;
    for (let row = rowFrom; row < rowTo; row++) {
      const line = rows.line[row] ?? 0;
      if (mask && mask[line] === 0) continue;
      const group = groupOfLine ? (groupOfLine[line] ?? 0) : 0;
      if (!hourly) {
        const cell = (periodAt[day - queryStart] ?? 0) * groupCount + group;
        seen[cell] = 1;
        for (let m = 0; m < metricCount; m++) sums.add(cell * metricCount + m, columns[m]?.[row] ?? 0);
        noteUnit(cell, row, line);
        continue;
      }
      const profile = lineItems[line]?.hourlyProfile ?? "flat";
      const hourFrom = Math.max(queryStart, day * 24);
      const hourTo = Math.min(queryEnd, day * 24 + 24);
      for (let m = 0; m < metricCount; m++) {
        spreadOverHours(columns[m]?.[row] ?? 0, profile, pieces);
        for (let hour = hourFrom; hour < hourTo; hour++) {
          const cell = (periodAt[hour - queryStart] ?? 0) * groupCount + group;
          sums.add(cell * metricCount + m, pieces[hour - day * 24] ?? 0);
        }
      }
      for (let hour = hourFrom; hour < hourTo; hour++) {
        if ((HOUR_WEIGHTS[profile][hour - day * 24] ?? 0) === 0) continue;
        const cell = (periodAt[hour - queryStart] ?? 0) * groupCount + group;
        seen[cell] = 1;
        noteUnit(cell, row, line);
      }
    }
  }
  return { sums, seen, usageUnits };
}
