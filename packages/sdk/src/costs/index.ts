// Public surface of aws-atlas costs: the query model, service names and the cost service.
export * from "./cost-query.js";
export * from "./service-names.js";
export * from "./cost-amount.js";
export * from "./cost-result.js";
export * from "./cost-finality.js";
export { canonicalJson, costCacheKey, COST_CACHE_KINDS } from "./cost-cache.js";
export * from "./spend-guard.js";
export * from "./explain-cost-error.js";
export * from "./ledger-state.js";
export { planLedgerAnswer, ledgerHoldsFinal, type LedgerAnswerPlan } from "./ledger-answer.js";
export type { CostServiceOptions, CostStorage } from "./cost-context.js";
export type { CostPlan, CostPlanPart, CostPlanRequest, CostPlanSource } from "./cost-query-runner.js";
export type { CostSyncOptions, CostSyncProgress, CostSyncResult } from "./ledger-sync.js";
export type { CostForecastOptions, CostForecastPeriod, CostForecastResult } from "./cost-forecast.js";
export type { DimensionValuesOptions } from "./cost-dimension-values.js";
export type { CostAnomaliesOptions, CostAnomaliesResult, CostAnomaly } from "./cost-anomalies.js";
export { shiftMonths, trendWindows, type CostTrendGroup, type CostTrendOptions, type CostTrendResult, type CostTrendWindow, type TrendUnit } from "./cost-trend.js";
export { createCostService, type CostQueryOptions, type CostQueryResult, type CostService } from "./cost-service.js";
