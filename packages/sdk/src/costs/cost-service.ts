import { type CostAnomaliesOptions, type CostAnomaliesResult, anomaliesPlan, anomalyWindow, runAnomalies } from "./cost-anomalies.js";
import { type CostContext, createCostContext, type CostServiceOptions } from "./cost-context.js";
import { type CostForecastOptions, type CostForecastResult, forecastPlan, resolveForecast, runForecast } from "./cost-forecast.js";
import type { CostQueryInput } from "./cost-query.js";
import { checkCostQuery, type CostPlan, planCostQuery, runCostQuery, toCostPlan } from "./cost-query-runner.js";
import { type CostResult, normalizeCostResults } from "./cost-result.js";
import { requestPriceUsd } from "./cost-amount.js";
import { type CostTrendOptions, type CostTrendResult, runTrend, trendPlan, trendQueries } from "./cost-trend.js";
import { type CostSyncOptions, type CostSyncResult, planLedgerSync, runLedgerSync, toSyncPlan } from "./ledger-sync.js";
import { type LedgerSyncState, readLedgerState } from "./ledger-state.js";
import { createSpendMeter } from "./spend-guard.js";
import { type DimensionValuesOptions, runDimensionValues } from "./cost-dimension-values.js";

/**
 * Options of {@link CostService.query}.
 *
 * @example
 * await costs.query(query, { signal: AbortSignal.timeout(60_000) });
 */
export interface CostQueryOptions {
  signal?: AbortSignal;
  /** Plan only: no AWS call; the result has no periods and carries `plan`. */
  dryRun?: boolean;
}

/**
 * A {@link CostResult}, with the plan when it was a dry run.
 *
 * @example
 * const { plan } = await costs.query(query, { dryRun: true });
 */
export interface CostQueryResult extends CostResult {
  plan?: CostPlan;
}

/**
 * Cost Explorer, exactly and cheaply: validated queries answered from the ledger, a finality-aware
 * cache or AWS (only the missing months), a spend guard checked before any paid request, ledger
 * sync, forecasts, anomalies and period-over-period trends. Errors are AtlasErrors with one clear line.
 *
 * @example
 * const costs: CostService = createCostService({ ce, policy, clock: systemClock, storage });
 */
export interface CostService {
  /**
   * The requests a query would make and their price, without calling AWS.
   *
   * @example
   * const plan = await costs.plan({ start: "2026-01-01", end: "2026-03-10", groupBy: [{ type: "DIMENSION", key: "SERVICE" }] });
   */
  plan(query: CostQueryInput): Promise<CostPlan>;
  /**
   * Answer a cost query (CONTRACTS.md "Cost" `cost query --json`).
   *
   * @example
   * const result = await costs.query({ start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY" });
   */
  query(query: CostQueryInput, options?: CostQueryOptions): Promise<CostQueryResult>;
  /**
   * GetCostForecast from today (UTC) on, with an 80 or 95 % prediction interval.
   *
   * @example
   * const forecast = await costs.forecast({ months: 3, level: 95 });
   */
  forecast(options?: CostForecastOptions): Promise<CostForecastResult>;
  /**
   * The plan of a forecast (one request), without calling AWS.
   *
   * @example
   * const plan = await costs.planForecast({ days: 30 });
   */
  planForecast(options?: CostForecastOptions): Promise<CostPlan>;
  /**
   * Anomalies from AWS Cost Anomaly Detection over the last N days.
   *
   * @example
   * const { anomalies } = await costs.anomalies({ days: 30 });
   */
  anomalies(options?: CostAnomaliesOptions): Promise<CostAnomaliesResult>;
  /**
   * The plan of an anomaly listing, without calling AWS.
   *
   * @example
   * const plan = await costs.planAnomalies({ days: 30 });
   */
  planAnomalies(options?: CostAnomaliesOptions): Promise<CostPlan>;
  /**
   * Bring the local ledger up to date, requesting only what is missing or not final.
   *
   * @example
   * const { requests, rowsUpserted } = await costs.sync({ months: 13 });
   */
  sync(options?: CostSyncOptions): Promise<CostSyncResult>;
  /**
   * The plan of a sync, without calling AWS.
   *
   * @example
   * const plan = await costs.planSync({ months: 13 });
   */
  planSync(options?: CostSyncOptions): Promise<CostPlan>;
  /**
   * Period over period: this month/quarter/year to date against the previous one or a year before.
   *
   * @example
   * const trend = await costs.trend({ unit: "month" });
   */
  trend(options: CostTrendOptions): Promise<CostTrendResult>;
  /**
   * The plan of a trend, without calling AWS.
   *
   * @example
   * const plan = await costs.planTrend({ unit: "quarter" });
   */
  planTrend(options: CostTrendOptions): Promise<CostPlan>;
  /**
   * The values of a dimension (default SERVICE) over the available history, cached for the TTL:
   * the `knownValues` of `createServiceResolver`.
   *
   * @example
   * const resolver = createServiceResolver({ knownValues: ({ signal }) => costs.dimensionValues({ signal }) });
   */
  dimensionValues(options?: DimensionValuesOptions): Promise<string[]>;
  /**
   * What `sync` has stored (undefined before the first sync or without storage).
   *
   * @example
   * const state = await costs.ledgerState();
   */
  ledgerState(): Promise<LedgerSyncState | undefined>;
}

/**
 * Create a {@link CostService}. One spend meter per call: the guard's limits apply to each call of
 * `query`, `sync`, `forecast`, `anomalies` and `trend`.
 *
 * @example
 * const costs = createCostService({
 *   ce: createCostExplorerPort({ region: "us-east-1" }),
 *   policy: createResiliencePolicy({ maxRps: 5, concurrency: 2 }),
 *   storage: await openStorage({ url: "sqlite::memory:" }),
 *   clock: systemClock,
 *   spendGuard: { maxPaidRequests: 100, maxUsdPerRun: "1.00" },
 * });
 * const result = await costs.query({ start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY" });
 */
export function createCostService(options: CostServiceOptions): CostService {
  const ctx: CostContext = createCostContext(options);
  const meter = () => createSpendMeter(ctx.spendGuard);

  return {
    async plan(input) {
      return toCostPlan(await planCostQuery(ctx, checkCostQuery(ctx, input)));
    },
    async query(input, queryOptions = {}) {
      const query = checkCostQuery(ctx, input);
      const plan = await planCostQuery(ctx, query);
      if (queryOptions.dryRun === true) {
        const publicPlan = toCostPlan(plan);
        const { total } = normalizeCostResults([], { metrics: query.metrics, grouped: query.groupBy.length > 0, granularity: query.granularity });
        const fromLedger = publicPlan.parts.filter((part) => part.source === "ledger").length;
        return { query, total, results: [], requests: { made: 0, cached: publicPlan.cached, priceUsd: requestPriceUsd(0), fromLedger }, plan: publicPlan };
      }
      return runCostQuery(ctx, query, meter(), { signal: queryOptions.signal, plan });
    },
    async forecast(forecastOptions = {}) {
      return runForecast(ctx, resolveForecast(ctx, forecastOptions), meter(), forecastOptions.signal);
    },
    planForecast(forecastOptions = {}) {
      return Promise.resolve(forecastPlan(resolveForecast(ctx, forecastOptions)));
    },
    anomalies(anomalyOptions = {}) {
      return runAnomalies(ctx, anomalyOptions, meter());
    },
    planAnomalies(anomalyOptions = {}) {
      return Promise.resolve(anomaliesPlan(anomalyWindow(ctx, anomalyOptions)));
    },
    async sync(syncOptions = {}) {
      return runLedgerSync(ctx, await planLedgerSync(ctx, syncOptions), meter(), syncOptions);
    },
    async planSync(syncOptions = {}) {
      return toSyncPlan(await planLedgerSync(ctx, syncOptions));
    },
    trend(trendOptions) {
      return runTrend(ctx, trendOptions, meter());
    },
    planTrend(trendOptions) {
      return trendPlan(ctx, trendQueries(ctx, trendOptions));
    },
    dimensionValues(valuesOptions = {}) {
      return runDimensionValues(ctx, valuesOptions, meter());
    },
    async ledgerState() {
      return ctx.storage === undefined ? undefined : readLedgerState(ctx.storage.preferences);
    },
  };
}
