import type { GetCostForecastOutput } from "../aws/cost-explorer-port.js";
import { AtlasError } from "../errors.js";
import { requestPriceUsd, toAmount } from "./cost-amount.js";
import { costCacheKey, COST_CACHE_KINDS, readCachedJson } from "./cost-cache.js";
import type { CostContext } from "./cost-context.js";
import {
  addDays,
  addMonths,
  type CostExpression,
  type CostMetric,
  DEFAULT_COST_METRIC,
  startOfMonth,
  toForecastMetric,
  validateCostQuery,
} from "./cost-query.js";
import type { CostPlan } from "./cost-query-runner.js";
import type { CostAmount, CostRequests } from "./cost-result.js";
import type { SpendMeter } from "./spend-guard.js";

/**
 * Options for {@link CostService.forecast}. The period starts today (UTC) unless `start` says
 * later; it ends after `days` days, at the end of the `months`-th calendar month counting the
 * current one (default 1: the rest of this month), or on `end` (inclusive).
 *
 * @example
 * const options: CostForecastOptions = { months: 3, level: 95 };
 */
export interface CostForecastOptions {
  months?: number;
  days?: number;
  /** First day (inclusive), today or later. */
  start?: string;
  /** Last day (inclusive). */
  end?: string;
  /** Prediction interval, 80 (default) or 95 percent. */
  level?: 80 | 95;
  /** Default UnblendedCost. */
  metric?: CostMetric;
  filter?: CostExpression | null;
  /** Default DAILY with `days`, MONTHLY otherwise. */
  granularity?: "DAILY" | "MONTHLY";
  signal?: AbortSignal;
}

/**
 * One forecast period: inclusive days and decimal strings; bounds are null when AWS gives none.
 *
 * @example
 * const period: CostForecastPeriod = { start: "2026-03-15", end: "2026-03-31", mean: "812.4", lower: "760", upper: "870.2" };
 */
export interface CostForecastPeriod {
  start: string;
  end: string;
  mean: string;
  lower: string | null;
  upper: string | null;
}

/**
 * What {@link CostService.forecast} returns.
 *
 * @example
 * const { total, results } = await costs.forecast({ months: 3 });
 */
export interface CostForecastResult {
  start: string;
  end: string;
  granularity: "DAILY" | "MONTHLY";
  metric: CostMetric;
  level: 80 | 95;
  total: CostAmount;
  results: CostForecastPeriod[];
  requests: CostRequests;
}

/** A checked forecast request (internal). */
export interface ForecastRequest {
  start: string;
  /** Inclusive. */
  end: string;
  granularity: "DAILY" | "MONTHLY";
  metric: CostMetric;
  level: 80 | 95;
  filter: CostExpression | null;
}

/**
 * Work out and check the forecast period (start today or later; DAILY up to 3 months ahead,
 * MONTHLY up to 12).
 *
 * @example
 * const request = resolveForecast(ctx, { days: 30 });
 */
export function resolveForecast(ctx: CostContext, options: CostForecastOptions): ForecastRequest {
  const today = ctx.today();
  if (options.months !== undefined && options.days !== undefined) {
    throw new AtlasError("INVALID_QUERY", "Give --months or --days for a forecast, not both");
  }
  for (const [name, value] of [["months", options.months], ["days", options.days]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new AtlasError("INVALID_QUERY", `--${name} ${value} is not a whole number >= 1`);
    }
  }
  const level = options.level ?? 80;
  if (level !== 80 && level !== 95) throw new AtlasError("INVALID_QUERY", `--level ${String(level)} must be 80 or 95`);
  const start = options.start ?? today;
  const granularity = options.granularity ?? (options.days !== undefined ? "DAILY" : "MONTHLY");
  const end =
    options.end ??
    (options.days !== undefined ? addDays(start, options.days - 1) : addDays(addMonths(startOfMonth(start), options.months ?? 1), -1));
  const metric = options.metric ?? DEFAULT_COST_METRIC;
  const filter = options.filter ?? null;
  validateCostQuery({ start, end, granularity, metrics: [metric], filter, intent: "forecast" }, { now: ctx.clock.now(), historyMonths: ctx.historyMonths });
  return { start, end, granularity, metric, level, filter };
}

/**
 * The plan of a forecast: one request.
 *
 * @example
 * const plan = forecastPlan(resolveForecast(ctx, { months: 1 }));
 */
export function forecastPlan(request: ForecastRequest): CostPlan {
  return {
    operation: "GetCostForecast",
    requests: [{ operation: "GetCostForecast", period: { start: request.start, end: request.end }, pages: 1, reason: "forecasts change every day" }],
    paidRequests: 1,
    priceUsd: requestPriceUsd(1),
    cached: 0,
    fromLedger: false,
    parts: [],
  };
}

function toResult(request: ForecastRequest, out: GetCostForecastOutput, requests: CostRequests): CostForecastResult {
  return {
    start: request.start,
    end: request.end,
    granularity: request.granularity,
    metric: request.metric,
    level: request.level,
    total: { amount: toAmount(out.total.amount), unit: out.total.unit || "USD" },
    results: out.forecastResultsByTime.map((period) => ({
      start: period.timePeriod.start.slice(0, 10),
      end: addDays(period.timePeriod.end.slice(0, 10), -1),
      mean: toAmount(period.meanValue),
      lower: period.lowerBound === undefined ? null : toAmount(period.lowerBound),
      upper: period.upperBound === undefined ? null : toAmount(period.upperBound),
    })),
    requests,
  };
}

/**
 * Ask GetCostForecast (one paid request; cached until the TTL ends, never across days).
 *
 * @example
 * const result = await runForecast(ctx, resolveForecast(ctx, { months: 3 }), meter);
 */
export async function runForecast(ctx: CostContext, request: ForecastRequest, meter: SpendMeter, signal?: AbortSignal): Promise<CostForecastResult> {
  const input = {
    timePeriod: { start: request.start, end: addDays(request.end, 1) },
    metric: toForecastMetric(request.metric),
    granularity: request.granularity,
    ...(request.filter === null ? {} : { filter: request.filter }),
    predictionIntervalLevel: request.level,
  };
  const key = costCacheKey("GetCostForecast", ctx.cacheScope, { ...input, today: ctx.today() });
  const now = ctx.clock.now();
  const storage = ctx.storage;
  if (storage !== undefined) {
    const hit = (await readCachedJson(storage.cache, key, now)) as GetCostForecastOutput | undefined;
    if (hit !== undefined && typeof hit === "object" && Array.isArray(hit.forecastResultsByTime)) {
      return toResult(request, hit, { made: 0, cached: 1, priceUsd: requestPriceUsd(0), fromLedger: 0 });
    }
  }
  meter.ensure(1, `The forecast ${request.start}..${request.end}`);
  const before = meter.made;
  const out = await ctx.call((callSignal) => ctx.ce.getCostForecast(input, { signal: callSignal }), {
    meter,
    signal,
    label: `GetCostForecast ${request.start}..${request.end}`,
    error: { operation: "GetCostForecast", start: request.start, end: request.end },
  });
  if (storage !== undefined) {
    const endOfDay = new Date(`${addDays(ctx.today(), 1)}T00:00:00Z`).getTime() - now.getTime();
    await storage.cache.set(key, JSON.stringify(out), { ttlMs: Math.max(1, Math.min(ctx.cacheTtlMs, endOfDay)), now, kind: COST_CACHE_KINDS.forecast });
  }
  const made = meter.made - before;
  return toResult(request, out, { made, cached: 0, priceUsd: requestPriceUsd(made), fromLedger: 0 });
}
