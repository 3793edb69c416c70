// Test support (not exported): the real Cost Explorer client against the testkit server, with
// SQLite storage in memory. Imported by *.test.ts only.
import {
  type AwsServer,
  type CostDataset,
  createCostExplorerHandlers,
  type FaultOptionsInput,
  generateCostDataset,
  METRIC_DECIMALS,
  formatUnits,
  type OperationHandler,
  startAwsServer,
} from "@aws-atlas/testkit";
import { createCostExplorerPort } from "../aws/cost-explorer-port.js";
import { fixedClock } from "../clock.js";
import { createResiliencePolicy, type ResiliencePolicyOptions } from "../resilience/resilience-policy.js";
import { openStorage, type Storage } from "../storage/open-storage.js";
import type { CostServiceOptions } from "./cost-context.js";
import { type CostMetric, toEpochDay } from "./cost-query.js";
import { type CostService, createCostService } from "./cost-service.js";

/** Options of {@link startCostHarness}. */
export interface CostHarnessOptions {
  now: Date;
  seed?: number;
  accounts?: number;
  /** Groups per GetCostAndUsage page (testkit default 200). */
  pageSize?: number;
  faults?: FaultOptionsInput;
  /** Extra handlers over the dataset's (e.g. errors). */
  handlers?: Record<string, OperationHandler>;
  policy?: ResiliencePolicyOptions;
  /** Reuse a database (e.g. across a "next day" server). */
  storage?: Storage;
  service?: Partial<Omit<CostServiceOptions, "ce" | "policy" | "clock">>;
  /** A dataset to serve (default generated from seed/now/accounts). */
  dataset?: CostDataset;
}

/** A running harness. */
export interface CostHarness {
  server: AwsServer;
  dataset: CostDataset;
  storage: Storage;
  costs: CostService;
  /** Bodies of every GetCostAndUsage request the server received. */
  requests: Array<Record<string, unknown>>;
  paid(): number;
  /** Stops the server and the client; closes storage unless it was passed in. */
  stop(): Promise<void>;
}

/** A fast policy for tests: no client-side rate limit, short backoff. */
export const FAST_POLICY: ResiliencePolicyOptions = { maxRps: 10_000, concurrency: 4, maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 60_000 };

/**
 * Start the testkit with a dataset, point the real Cost Explorer client at it, and build a cost service.
 *
 * @example
 * const h = await startCostHarness({ now: new Date("2026-03-15T12:00:00Z") });
 */
export async function startCostHarness(options: CostHarnessOptions): Promise<CostHarness> {
  const dataset = options.dataset ?? generateCostDataset({ seed: options.seed ?? 7, now: options.now, accounts: options.accounts ?? 5 });
  const base = createCostExplorerHandlers({ getData: () => dataset, ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }) });
  const requests: Array<Record<string, unknown>> = [];
  const getCostAndUsage = base.GetCostAndUsage;
  const server = await startAwsServer({
    now: options.now,
    costs: dataset,
    faults: options.faults ?? { throttle: { ce: false } },
    handlers: {
      ce: {
        ...base,
        GetCostAndUsage: (body, ctx) => {
          requests.push(body);
          if (getCostAndUsage === undefined) throw new Error("testkit has no GetCostAndUsage");
          return getCostAndUsage(body, ctx);
        },
        ...options.handlers,
      },
    },
  });
  const ce = createCostExplorerPort({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: "test", secretAccessKey: "test" }, env: {} });
  const clock = fixedClock(options.now);
  const storage = options.storage ?? (await openStorage({ url: "sqlite::memory:", clock }));
  const costs = createCostService({
    ce,
    policy: createResiliencePolicy({ ...FAST_POLICY, ...options.policy }),
    clock,
    storage,
    ...options.service,
  });
  return {
    server,
    dataset,
    storage,
    costs,
    requests,
    paid: () => server.stats().costExplorer.paidRequests,
    async stop() {
      ce.destroy();
      await server.stop();
      if (options.storage === undefined) await storage.close();
    },
  };
}

/**
 * The exact sum of one metric over the dataset's rows from `start` to `end` (inclusive days),
 * optionally for some accounts only: an independent answer to compare with.
 *
 * @example
 * datasetTotal(dataset, "2026-01-01", "2026-01-31"); // "12345.6789"
 */
export function datasetTotal(dataset: CostDataset, start: string, end: string, options: { metric?: CostMetric; accounts?: string[] } = {}): string {
  const metric = options.metric ?? "UnblendedCost";
  const first = toEpochDay(start);
  const last = toEpochDay(end);
  const accounts = options.accounts === undefined ? undefined : new Set(options.accounts);
  const { rows, lineItems } = dataset;
  const column = rows.metrics[metric];
  let total = 0n;
  for (let row = 0; row < rows.length; row++) {
    const day = rows.day[row] ?? 0;
    if (day < first || day > last) continue;
    if (accounts !== undefined && !accounts.has(lineItems[rows.line[row] ?? 0]?.accountId ?? "")) continue;
    total += BigInt(column[row] ?? 0);
  }
  return formatUnits(total, METRIC_DECIMALS[metric]);
}

/**
 * The number of (day, account, service) combinations with rows from `start` to `end`: the groups a
 * DAILY LINKED_ACCOUNT x SERVICE answer pages through.
 *
 * @example
 * const minimum = Math.ceil(groupedItems(dataset, start, end) / 200);
 */
export function groupedItems(dataset: CostDataset, start: string, end: string): number {
  const first = toEpochDay(start);
  const last = toEpochDay(end);
  const seen = new Set<string>();
  const { rows, lineItems } = dataset;
  for (let row = 0; row < rows.length; row++) {
    const day = rows.day[row] ?? 0;
    if (day < first || day > last) continue;
    const line = lineItems[rows.line[row] ?? 0];
    seen.add(`${day}|${line?.accountId ?? ""}|${line?.service ?? ""}`);
  }
  return seen.size;
}
