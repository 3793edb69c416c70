import { addAmounts, compareAmounts, percentChange, requestPriceUsd, subtractAmounts } from "./cost-amount.js";
import type { CostContext } from "./cost-context.js";
import {
  addDays,
  addMonths,
  countDays,
  type CostExpression,
  type CostMetric,
  type CostQuery,
  DEFAULT_COST_METRIC,
  type DateRange,
  endOfMonth,
  type GroupBy,
  startOfMonth,
  startOfQuarter,
  toIsoDate,
} from "./cost-query.js";
import { checkCostQuery, type CostPlan, planCostQuery, runCostQuery, toCostPlan } from "./cost-query-runner.js";
import { type CostRequests, type CostResult, unitOfSum } from "./cost-result.js";
import type { SpendMeter } from "./spend-guard.js";

/**
 * Calendar periods a trend compares.
 *
 * @example
 * const unit: TrendUnit = "quarter";
 */
export type TrendUnit = "month" | "quarter" | "year";

/**
 * Options for {@link CostService.trend}.
 *
 * @example
 * const options: CostTrendOptions = { unit: "month", compare: "previous" };
 */
export interface CostTrendOptions {
  unit: TrendUnit;
  /** "Now" (default the service clock). Its UTC day is today; the last complete day is yesterday. */
  now?: Date;
  /** Compare with the previous period (default) or the same period a year earlier. */
  compare?: "previous" | "lastYear";
  /**
   * false (default): the period to date (through yesterday) against the same stretch of the other
   * period. true: the last complete period against the one before it (or a year before).
   */
  complete?: boolean;
  metric?: CostMetric;
  filter?: CostExpression | null;
  /** Also compare per group (at most 2 keys). */
  groupBy?: GroupBy[];
  signal?: AbortSignal;
}

/**
 * One side of a comparison.
 *
 * @example
 * const window: CostTrendWindow = { label: "2026-03", start: "2026-03-01", end: "2026-03-14", days: 14, amount: "812.4", unit: "USD", estimated: true };
 */
export interface CostTrendWindow {
  /** "2026-03", "2026-Q1" or "2026". */
  label: string;
  start: string;
  end: string;
  days: number;
  amount: string;
  unit: string;
  estimated: boolean;
}

/**
 * A per-group comparison.
 *
 * @example
 * const group: CostTrendGroup = { keys: ["AWS Lambda"], current: "12", previous: "10", change: "2", changePercent: "20.00" };
 */
export interface CostTrendGroup {
  keys: string[];
  current: string;
  previous: string;
  change: string;
  /** Change as a percentage of |previous|, 2 decimals; null when previous is 0. */
  changePercent: string | null;
}

/**
 * What {@link CostService.trend} returns.
 *
 * @example
 * const { change } = await costs.trend({ unit: "month" });
 * change.percent; // "4.20"
 */
export interface CostTrendResult {
  unit: TrendUnit;
  compare: "previous" | "lastYear";
  complete: boolean;
  metric: CostMetric;
  current: CostTrendWindow;
  previous: CostTrendWindow;
  change: { amount: string; percent: string | null };
  /** Sorted by the size of the change, largest first (empty without groupBy). */
  groups: CostTrendGroup[];
  requests: CostRequests;
}

const MONTHS: Readonly<Record<TrendUnit, number>> = { month: 1, quarter: 3, year: 12 };

function startOfPeriod(date: string, unit: TrendUnit): string {
  if (unit === "month") return startOfMonth(date);
  if (unit === "quarter") return startOfQuarter(date);
  return `${date.slice(0, 4)}-01-01`;
}

function endOfPeriod(date: string, unit: TrendUnit): string {
  return addDays(addMonths(startOfPeriod(date, unit), MONTHS[unit]), -1);
}

/**
 * Shift a day by whole months as BI tools do: the day is clamped to the target month's length, and
 * a month's last day maps to the target month's last day (2026-03-31 -> 2026-02-28,
 * 2026-04-30 -> 2026-01-31 for a quarter, 2028-02-29 -> 2027-02-28 for a year).
 *
 * @example
 * shiftMonths("2026-04-30", -3); // "2026-01-31"
 */
export function shiftMonths(date: string, months: number): string {
  if (date === endOfMonth(date)) return endOfMonth(addMonths(startOfMonth(date), months));
  return addMonths(date, months);
}

function label(date: string, unit: TrendUnit): string {
  if (unit === "month") return date.slice(0, 7);
  if (unit === "quarter") return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  return date.slice(0, 4);
}

/**
 * The two windows of a trend, as inclusive day ranges. Period to date runs through yesterday (the
 * last day with complete data); the other window is the same stretch shifted by the period (or a
 * year), clamped at month ends, so no day is lost or counted twice, 29 February included.
 *
 * @example
 * trendWindows({ unit: "month", today: "2026-03-31", compare: "previous", complete: false });
 * // { current: { start: "2026-03-01", end: "2026-03-30" }, previous: { start: "2026-02-01", end: "2026-02-28" } }
 */
export function trendWindows(options: { unit: TrendUnit; today: string; compare: "previous" | "lastYear"; complete: boolean }): { current: DateRange; previous: DateRange } {
  const { unit, today, compare, complete } = options;
  const shift = compare === "previous" ? -MONTHS[unit] : -12;
  if (complete) {
    const end = addDays(startOfPeriod(today, unit), -1);
    const start = startOfPeriod(end, unit);
    const previousStart = addMonths(start, shift);
    return { current: { start, end }, previous: { start: previousStart, end: endOfPeriod(previousStart, unit) } };
  }
  const asOf = addDays(today, -1);
  const previousEnd = shiftMonths(asOf, shift);
  return { current: { start: startOfPeriod(asOf, unit), end: asOf }, previous: { start: startOfPeriod(previousEnd, unit), end: previousEnd } };
}

interface TrendQueries {
  current: CostQuery;
  previous: CostQuery;
  windows: { current: DateRange; previous: DateRange };
  metric: CostMetric;
  compare: "previous" | "lastYear";
  complete: boolean;
}

/**
 * Build and check the two MONTHLY queries of a trend.
 *
 * @example
 * const queries = trendQueries(ctx, { unit: "month" });
 */
export function trendQueries(ctx: CostContext, options: CostTrendOptions): TrendQueries {
  const today = toIsoDate(options.now ?? ctx.clock.now());
  const compare = options.compare ?? "previous";
  const complete = options.complete ?? false;
  const metric = options.metric ?? DEFAULT_COST_METRIC;
  const windows = trendWindows({ unit: options.unit, today, compare, complete });
  const make = (range: DateRange): CostQuery =>
    checkCostQuery(ctx, {
      start: range.start,
      end: range.end,
      granularity: "MONTHLY",
      metrics: [metric],
      groupBy: options.groupBy ?? [],
      filter: options.filter ?? null,
      intent: "trend",
    });
  return { current: make(windows.current), previous: make(windows.previous), windows, metric, compare, complete };
}

/**
 * The combined plan of a trend's two queries.
 *
 * @example
 * const plan = await trendPlan(ctx, trendQueries(ctx, { unit: "month" }));
 */
export async function trendPlan(ctx: CostContext, queries: TrendQueries): Promise<CostPlan> {
  const a = toCostPlan(await planCostQuery(ctx, queries.current));
  const b = toCostPlan(await planCostQuery(ctx, queries.previous));
  const paidRequests = a.paidRequests + b.paidRequests;
  return {
    operation: "trend",
    requests: [...a.requests, ...b.requests],
    paidRequests,
    priceUsd: requestPriceUsd(paidRequests),
    cached: a.cached + b.cached,
    fromLedger: a.fromLedger && b.fromLedger,
    parts: [...a.parts, ...b.parts],
  };
}

function windowOf(result: CostResult, range: DateRange, unit: TrendUnit, metric: string): CostTrendWindow {
  return {
    label: label(range.start, unit),
    start: range.start,
    end: range.end,
    days: countDays(range.start, range.end),
    amount: result.total.amount,
    unit: unitOfSum([result.total.unit], metric),
    estimated: result.results.some((period) => period.estimated),
  };
}

function groupTotals(result: CostResult): Map<string, { keys: string[]; amounts: string[] }> {
  const out = new Map<string, { keys: string[]; amounts: string[] }>();
  for (const period of result.results) {
    for (const group of period.groups) {
      const id = group.keys.join("\u0001");
      const entry = out.get(id) ?? { keys: group.keys, amounts: [] };
      entry.amounts.push(group.amount);
      out.set(id, entry);
    }
  }
  return out;
}

/**
 * Run a trend: both windows through the normal query path (closed months come from the cache or
 * ledger), then exact differences.
 *
 * @example
 * const trend = await runTrend(ctx, { unit: "quarter" }, meter);
 */
export async function runTrend(ctx: CostContext, options: CostTrendOptions, meter: SpendMeter): Promise<CostTrendResult> {
  const queries = trendQueries(ctx, options);
  const plans = [await planCostQuery(ctx, queries.current), await planCostQuery(ctx, queries.previous)];
  meter.ensure(plans.reduce((sum, plan) => sum + plan.runs.length, 0), `The ${options.unit} trend`);
  const before = meter.made;
  const current = await runCostQuery(ctx, queries.current, meter, { signal: options.signal, ...(plans[0] === undefined ? {} : { plan: plans[0] }) });
  const previous = await runCostQuery(ctx, queries.previous, meter, { signal: options.signal, ...(plans[1] === undefined ? {} : { plan: plans[1] }) });
  const currentGroups = groupTotals(current);
  const previousGroups = groupTotals(previous);
  const ids = new Set([...currentGroups.keys(), ...previousGroups.keys()]);
  const groups = [...ids].map((id): CostTrendGroup => {
    const now = addAmounts(currentGroups.get(id)?.amounts ?? []);
    const then = addAmounts(previousGroups.get(id)?.amounts ?? []);
    const change = subtractAmounts(now, then);
    return { keys: currentGroups.get(id)?.keys ?? previousGroups.get(id)?.keys ?? [], current: now, previous: then, change, changePercent: percentChange(now, then) };
  });
  const size = (value: string): string => (value.startsWith("-") ? value.slice(1) : value);
  groups.sort((a, b) => compareAmounts(size(b.change), size(a.change)) || a.keys.join("\u0001").localeCompare(b.keys.join("\u0001")));
  const made = meter.made - before;
  return {
    unit: options.unit,
    compare: queries.compare,
    complete: queries.complete,
    metric: queries.metric,
    current: windowOf(current, queries.windows.current, options.unit, queries.metric),
    previous: windowOf(previous, queries.windows.previous, options.unit, queries.metric),
    change: { amount: subtractAmounts(current.total.amount, previous.total.amount), percent: percentChange(current.total.amount, previous.total.amount) },
    groups,
    requests: {
      made,
      cached: current.requests.cached + previous.requests.cached,
      priceUsd: requestPriceUsd(made),
      fromLedger: current.requests.fromLedger + previous.requests.fromLedger,
    },
  };
}
