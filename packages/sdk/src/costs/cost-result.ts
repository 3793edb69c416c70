import type { CeMetricValue, CeResultByTime } from "../aws/cost-explorer-port.js";
import { addAmounts, toAmount } from "./cost-amount.js";
import type { CostQuery } from "./cost-query.js";
import { addDays } from "./cost-dates.js";
import type { Granularity } from "./cost-vocabulary.js";

/**
 * An amount and its unit ("USD", or a usage unit such as "Hrs"; "N/A" when units are mixed).
 *
 * @example
 * const amount: CostAmount = { amount: "12.34", unit: "USD" };
 */
export interface CostAmount {
  /** A decimal string, never a binary float. */
  amount: string;
  unit: string;
}

/**
 * A total. `amount`/`unit` are the query's first metric; `metrics` (every metric) is present only
 * when the query asks for more than one.
 *
 * @example
 * const total: CostTotal = { amount: "10", unit: "USD", metrics: { UnblendedCost: { amount: "10", unit: "USD" }, AmortizedCost: { amount: "9", unit: "USD" } } };
 */
export interface CostTotal extends CostAmount {
  metrics?: Record<string, CostAmount>;
}

/**
 * One group of one period: the values of the query's group-by keys, in order, as Cost Explorer
 * spells them (tags as `key$value`).
 *
 * @example
 * const group: CostGroup = { keys: ["Amazon Simple Storage Service"], amount: "3.2", unit: "USD" };
 */
export interface CostGroup extends CostTotal {
  keys: string[];
}

/**
 * One period of a cost answer. `start`/`end` are inclusive days (`YYYY-MM-DD`) for DAILY and
 * MONTHLY; for HOURLY they are the API's date-times (`end` exclusive). `total` is computed from the
 * groups when the query groups (AWS leaves it empty then).
 *
 * @example
 * const period: CostPeriod = { start: "2026-02-01", end: "2026-02-28", estimated: false, total: { amount: "3.2", unit: "USD" }, groups: [] };
 */
export interface CostPeriod {
  start: string;
  end: string;
  estimated: boolean;
  total: CostTotal;
  groups: CostGroup[];
}

/**
 * The metric names of Cost Explorer whose amounts are usage, not money.
 *
 * @example
 * USAGE_METRICS.has("UsageQuantity"); // true
 */
export const USAGE_METRICS: ReadonlySet<string> = new Set(["UsageQuantity", "NormalizedUsageAmount"]);

/**
 * The unit of an empty answer for a metric: "USD" for money, "N/A" for usage.
 *
 * @example
 * defaultUnit("UsageQuantity"); // "N/A"
 */
export function defaultUnit(metric: string): string {
  return USAGE_METRICS.has(metric) ? "N/A" : "USD";
}

/**
 * The unit of a sum: the parts' unit when they share one, the metric's default when there are no
 * parts, "N/A" when units differ (as Cost Explorer answers an ungrouped UsageQuantity).
 *
 * @example
 * unitOfSum(["USD", "USD"], "UnblendedCost"); // "USD"
 */
export function unitOfSum(units: Iterable<string>, metric: string): string {
  const distinct = new Set([...units].filter((unit) => unit !== ""));
  if (distinct.size === 0) return defaultUnit(metric);
  if (distinct.size === 1) return [...distinct][0] ?? defaultUnit(metric);
  return "N/A";
}

/**
 * Sum metric maps metric by metric, exactly.
 *
 * @example
 * sumMetricMaps([{ UnblendedCost: { amount: "1", unit: "USD" } }, { UnblendedCost: { amount: "2", unit: "USD" } }], ["UnblendedCost"]);
 * // { UnblendedCost: { amount: "3", unit: "USD" } }
 */
export function sumMetricMaps(maps: readonly Record<string, CeMetricValue | CostAmount>[], metrics: readonly string[]): Record<string, CostAmount> {
  const out: Record<string, CostAmount> = {};
  for (const metric of metrics) {
    const parts = maps.map((map) => map[metric]).filter((value): value is CeMetricValue => value !== undefined);
    out[metric] = { amount: addAmounts(parts.map((part) => part.amount)), unit: unitOfSum(parts.map((part) => part.unit), metric) };
  }
  return out;
}

function metricMap(values: Record<string, CeMetricValue>, metrics: readonly string[]): Record<string, CostAmount> {
  const out: Record<string, CostAmount> = {};
  for (const metric of metrics) {
    const value = values[metric];
    out[metric] = value === undefined ? { amount: "0", unit: defaultUnit(metric) } : { amount: toAmount(value.amount), unit: value.unit || defaultUnit(metric) };
  }
  return out;
}

function toTotal(map: Record<string, CostAmount>, metrics: readonly string[]): CostTotal {
  const first = metrics[0] ?? "UnblendedCost";
  const primary = map[first] ?? { amount: "0", unit: defaultUnit(first) };
  return metrics.length > 1 ? { amount: primary.amount, unit: primary.unit, metrics: map } : { amount: primary.amount, unit: primary.unit };
}

/**
 * Merge the pages of one answer: a period whose groups continue on the next page appears twice;
 * its groups are joined. Periods come out in time order.
 *
 * @example
 * const merged = mergeResultsByTime([...page1.resultsByTime, ...page2.resultsByTime]);
 */
export function mergeResultsByTime(results: readonly CeResultByTime[]): CeResultByTime[] {
  const byPeriod = new Map<string, CeResultByTime>();
  for (const result of results) {
    const key = `${result.timePeriod.start}|${result.timePeriod.end}`;
    const seen = byPeriod.get(key);
    if (seen === undefined) {
      byPeriod.set(key, { timePeriod: { ...result.timePeriod }, total: { ...result.total }, groups: [...result.groups], estimated: result.estimated });
    } else {
      seen.groups.push(...result.groups);
      seen.total = { ...seen.total, ...result.total };
      seen.estimated ||= result.estimated;
    }
  }
  return [...byPeriod.values()].sort((a, b) => (a.timePeriod.start < b.timePeriod.start ? -1 : a.timePeriod.start > b.timePeriod.start ? 1 : 0));
}

/**
 * Options for {@link normalizeCostResults}.
 *
 * @example
 * const options: NormalizeCostResultsOptions = { metrics: ["UnblendedCost"], grouped: true, granularity: "DAILY" };
 */
export interface NormalizeCostResultsOptions {
  /** Metrics in the query's order; the first one is `amount`/`unit`. */
  metrics: readonly string[];
  /** Whether the query grouped: totals then come from the groups. */
  grouped: boolean;
  granularity: Granularity;
}

/**
 * What {@link normalizeCostResults} returns.
 *
 * @example
 * const { total, results }: NormalizedCostResults = normalizeCostResults(resultsByTime, options);
 */
export interface NormalizedCostResults {
  total: CostTotal;
  results: CostPeriod[];
}

/**
 * Turn Cost Explorer's ResultsByTime (every page) into the contract's periods: pages merged, amounts
 * as canonical decimal strings, totals of grouped answers computed from their groups (AWS leaves
 * `Total` empty then), units from `Unit`, `Estimated` carried through, and a grand total that is the
 * exact sum of the periods.
 *
 * @example
 * const { total, results } = normalizeCostResults(pages.flatMap((p) => p.resultsByTime), {
 *   metrics: ["UnblendedCost"], grouped: true, granularity: "MONTHLY",
 * });
 */
export function normalizeCostResults(resultsByTime: readonly CeResultByTime[], options: NormalizeCostResultsOptions): NormalizedCostResults {
  const { metrics, grouped, granularity } = options;
  const periodTotals: Record<string, CostAmount>[] = [];
  const results = mergeResultsByTime(resultsByTime).map((result): CostPeriod => {
    const groups = result.groups.map((group): CostGroup => ({ keys: [...group.keys], ...toTotal(metricMap(group.metrics, metrics), metrics) }));
    const totals = grouped
      ? sumMetricMaps(
          result.groups.map((group) => metricMap(group.metrics, metrics)),
          metrics,
        )
      : metricMap(result.total, metrics);
    periodTotals.push(totals);
    const hourly = granularity === "HOURLY";
    return {
      start: hourly ? result.timePeriod.start : result.timePeriod.start.slice(0, 10),
      end: hourly ? result.timePeriod.end : addDays(result.timePeriod.end.slice(0, 10), -1),
      estimated: result.estimated,
      total: toTotal(totals, metrics),
      groups,
    };
  });
  return { total: toTotal(sumMetricMaps(periodTotals, metrics), metrics), results };
}

/**
 * What a cost command paid for and what it got for free.
 *
 * @example
 * const requests: CostRequests = { made: 2, cached: 12, priceUsd: "0.02", fromLedger: 0 };
 */
export interface CostRequests {
  /** Paid Cost Explorer requests this call made (every page counts). */
  made: number;
  /** Parts of the answer served without a request (cache or ledger). */
  cached: number;
  /** `made` x $0.01, two decimals. */
  priceUsd: string;
  /** Parts of the answer served from the local ledger (included in `cached`). */
  fromLedger: number;
}

/**
 * The contract's `cost query --json` object (CONTRACTS.md "Cost"), plus `plan` on a dry run.
 *
 * @example
 * const result: CostResult = await costs.query({ start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY" });
 * result.total.amount; // "1234.5678"
 */
export interface CostResult {
  query: CostQuery;
  total: CostTotal;
  results: CostPeriod[];
  requests: CostRequests;
}
