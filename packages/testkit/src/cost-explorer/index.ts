// Interface agreed between the server core and the Cost Explorer handlers; implemented in this folder.
import type { ServiceHandlers } from "../protocol.js";

/** A generated organisation's cost data, the source of every Cost Explorer answer. */
export interface CostDataset {
  /** Free-form until the Cost Explorer handlers define it. */
  [key: string]: unknown;
}

/** Options for {@link createCostExplorerHandlers}. */
export interface CostExplorerHandlersOptions {
  /** Returns the current dataset (it can be replaced at runtime with setData). */
  getData: () => CostDataset;
  /** Rows per page of GetCostAndUsage before NextPageToken is used. */
  pageSize?: number;
}

/** The handlers of `AWSInsightsIndexService.*` operations. */
export function createCostExplorerHandlers(_options: CostExplorerHandlersOptions): ServiceHandlers {
  return {};
}

/** Options for {@link generateCostDataset}. */
export interface GenerateCostDatasetOptions {
  seed?: number;
  /** "Now" of the organisation: data ends yesterday relative to it. */
  now?: Date;
}

/** A seeded, realistic organisation's cost ledger. */
export function generateCostDataset(_options: GenerateCostDatasetOptions = {}): CostDataset {
  return {};
}
