// The `AWSInsightsIndexService.*` operations the testkit answers.
import type { ServiceHandlers } from "../protocol.js";
import { getAnomalies, getAnomalyMonitors } from "./anomalies.js";
import { createAnswerCache, getCostAndUsage, type AnswerCache } from "./cost-and-usage.js";
import type { CostDataset } from "./dataset.js";
import { getCostForecast } from "./forecast.js";
import { createLedgerIndex, type LedgerIndex } from "./ledger-index.js";
import { getDimensionValues, getTags } from "./values.js";

/**
 * Options for {@link createCostExplorerHandlers}.
 *
 * @example
 * const options: CostExplorerHandlersOptions = { getData: () => dataset, pageSize: 50 };
 */
export interface CostExplorerHandlersOptions {
  /** Returns the current dataset (it can be replaced at runtime with setData). */
  getData: () => CostDataset;
  /** Groups per GetCostAndUsage page before NextPageToken is used (default 200). */
  pageSize?: number;
  /** Values per GetDimensionValues / GetTags page when the request does not sort (default 1000). */
  valuesPageSize?: number;
  /** Anomalies or monitors per page when the request has no MaxResults (default 100). */
  anomaliesPageSize?: number;
  /** Days before "now" whose costs are still estimated, besides the current month (default 3). */
  estimatedDays?: number;
}

/**
 * The Cost Explorer operations the testkit serves.
 *
 * @example
 * COST_EXPLORER_OPERATIONS.includes("GetCostAndUsage"); // true
 */
export const COST_EXPLORER_OPERATIONS = [
  "GetCostAndUsage",
  "GetCostForecast",
  "GetDimensionValues",
  "GetTags",
  "GetAnomalies",
  "GetAnomalyMonitors",
] as const;

function positive(name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1) throw new RangeError(`${name} must be a positive integer`);
  return chosen;
}

/**
 * Creates the handlers of the `AWSInsightsIndexService.*` operations (GetCostAndUsage,
 * GetCostForecast, GetDimensionValues, GetTags, GetAnomalies, GetAnomalyMonitors) over a dataset
 * read through `getData` on every request.
 *
 * @example
 * const dataset = generateCostDataset({ seed: 1, now: new Date("2026-03-15T00:00:00Z") });
 * const handlers = createCostExplorerHandlers({ getData: () => dataset });
 * handlers.GetCostAndUsage?.(
 *   { TimePeriod: { Start: "2026-02-01", End: "2026-03-01" }, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] },
 *   { now: new Date("2026-03-15T00:00:00Z") },
 * );
 */
export function createCostExplorerHandlers(options: CostExplorerHandlersOptions): ServiceHandlers {
  const settings = {
    pageSize: positive("pageSize", options.pageSize, 200),
    valuesPageSize: positive("valuesPageSize", options.valuesPageSize, 1000),
    anomaliesPageSize: positive("anomaliesPageSize", options.anomaliesPageSize, 100),
    estimatedDays: options.estimatedDays ?? 3,
  };
  // Derived views and computed answers live as long as their dataset: setData starts afresh.
  const perDataset = new WeakMap<CostDataset, { index: LedgerIndex; answers: AnswerCache }>();
  const stateOf = (): { index: LedgerIndex; answers: AnswerCache } => {
    const dataset = options.getData();
    let state = perDataset.get(dataset);
    if (!state) {
      state = { index: createLedgerIndex(dataset), answers: createAnswerCache() };
      perDataset.set(dataset, state);
    }
    return state;
  };
  const indexOf = (): LedgerIndex => stateOf().index;
  return {
    GetCostAndUsage: (body, ctx) => {
      const { index, answers } = stateOf();
      return getCostAndUsage(body, ctx, index, settings, answers);
    },
    GetCostForecast: (body, ctx) => getCostForecast(body, ctx, indexOf()),
    GetDimensionValues: (body, ctx) => getDimensionValues(body, ctx, indexOf(), settings),
    GetTags: (body, ctx) => getTags(body, ctx, indexOf(), settings),
    GetAnomalies: (body, ctx) => getAnomalies(body, ctx, indexOf(), settings),
    GetAnomalyMonitors: (body, ctx) => getAnomalyMonitors(body, ctx, indexOf(), settings),
  };
}
