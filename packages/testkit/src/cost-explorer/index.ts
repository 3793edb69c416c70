// Public surface of the testkit's Cost Explorer: the dataset generator and the operation handlers.
export { createCostExplorerHandlers, COST_EXPLORER_OPERATIONS, type CostExplorerHandlersOptions } from "./handlers.js";
export {
  generateCostDataset,
  iterateCostRows,
  type CostAccount,
  type CostAnomalyMonitor,
  type CostDataset,
  type CostLineItem,
  type CostRecordType,
  type CostRow,
  type CostRowTable,
  type GenerateCostDatasetOptions,
  type HourlyProfile,
  type IterateCostRowsOptions,
  type LabelledAnomaly,
} from "./dataset.js";
export { COST_METRICS, METRIC_DECIMALS, formatUnits, parseUnits, type CostMetric } from "./fixed-point.js";
