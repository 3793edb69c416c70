import type { CeResultByTime, GetCostAndUsageInput } from "../aws/cost-explorer-port.js";
import { AtlasError } from "../errors.js";
import type { CostLedgerRowInput } from "../storage/ledger-repository.js";
import { requestPriceUsd } from "./cost-amount.js";
import type { CostContext } from "./cost-context.js";
import { finalBefore } from "./cost-finality.js";
import { addDays, addMonths, COST_METRICS, type CostMetric, type DateRange, splitRange, startOfMonth } from "./cost-query.js";
import { createChunkAssembler } from "./chunk-assembler.js";
import { defaultUnit } from "./cost-result.js";
import type { CostPlan } from "./cost-query-runner.js";
import {
  addRange,
  DEFAULT_LEDGER_BREAKDOWN,
  isStoredDay,
  LEDGER_BREAKDOWN_KEYS,
  type LedgerBreakdownKey,
  type LedgerSyncState,
  readLedgerState,
  writeLedgerState,
} from "./ledger-state.js";
import type { SpendMeter } from "./spend-guard.js";

/**
 * Progress of a ledger sync, reported after every page and every month written.
 *
 * @example
 * await costs.sync({ onProgress: (p) => logger.info(`${p.daysWritten}/${p.daysToFetch} days`) });
 */
export interface CostSyncProgress {
  phase: "fetch" | "write";
  /** The window being fetched (inclusive days). */
  window: DateRange;
  /** Paid requests so far. */
  requests: number;
  /** Days written so far, of `daysToFetch`. */
  daysWritten: number;
  daysToFetch: number;
}

/**
 * Options for {@link CostService.sync}.
 *
 * @example
 * const options: CostSyncOptions = { months: 13, breakdown: ["LINKED_ACCOUNT", "SERVICE"] };
 */
export interface CostSyncOptions {
  /**
   * Whole months of history before the current month to keep (the current month to yesterday is
   * always included). Default 13, all that Cost Explorer keeps without multi-year data.
   */
  months?: number;
  /** Limit the ledger to these linked accounts (a LINKED_ACCOUNT filter); default every account. */
  accounts?: string[];
  /** Metrics to store; default all seven. */
  metrics?: CostMetric[];
  /**
   * Dimensions each daily row is broken down by, at most 2 (GetCostAndUsage groups by at most two
   * keys per request). Default LINKED_ACCOUNT x SERVICE. Changing it re-syncs the whole window.
   */
  breakdown?: LedgerBreakdownKey[];
  signal?: AbortSignal;
  onProgress?: (progress: CostSyncProgress) => void;
}

/**
 * What a ledger sync did.
 *
 * @example
 * const { requests, rowsUpserted, priceUsd } = await costs.sync();
 */
export interface CostSyncResult {
  /** The window the ledger keeps: first day of the oldest month .. yesterday (inclusive). */
  start: string;
  end: string;
  /** The windows fetched (each one GetCostAndUsage request, paginated), inclusive days. */
  windows: DateRange[];
  /** Paid requests made (every page is one). */
  requests: number;
  /** Pages read: the same number as `requests`, since every page is one paid request. */
  pages: number;
  rowsUpserted: number;
  /** Days stored for the first time. */
  daysNew: number;
  /** Days fetched again (still open for restatement, or now final). */
  daysRefreshed: number;
  /** Days written as final in this run. */
  daysFinal: number;
  /** Stored days that are still not final after this run. */
  daysPending: number;
  priceUsd: string;
  /** True when the stored breakdown, metrics or accounts differed and the window was re-synced. */
  reset: boolean;
}

interface SyncSettings {
  breakdown: LedgerBreakdownKey[];
  metrics: string[];
  accounts: string[] | null;
}

/** A planned sync (internal). */
export interface InternalSyncPlan {
  start: string;
  end: string;
  windows: DateRange[];
  settings: SyncSettings;
  base: LedgerSyncState;
  reset: boolean;
  newDays: Set<string>;
  refreshDays: Set<string>;
}

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((value, i) => value === y[i]);
}

function syncSettings(ctx: CostContext, options: CostSyncOptions): SyncSettings & { months: number } {
  const months = options.months ?? 13;
  if (!Number.isInteger(months) || months < 0 || months > ctx.historyMonths) {
    throw new AtlasError("INVALID_ARGUMENT", `--months ${months} is not a whole number from 0 to ${ctx.historyMonths}`, {
      hint: `Cost Explorer keeps ${ctx.historyMonths} months of history before the current month (37 with multi-year data enabled)`,
    });
  }
  const breakdown = [...(options.breakdown ?? DEFAULT_LEDGER_BREAKDOWN)];
  if (breakdown.length > 2 || new Set(breakdown).size !== breakdown.length || !breakdown.every((key) => (LEDGER_BREAKDOWN_KEYS as readonly string[]).includes(key))) {
    throw new AtlasError("INVALID_ARGUMENT", `ledger breakdown ${breakdown.join(", ")} must be at most 2 different keys of ${LEDGER_BREAKDOWN_KEYS.join(", ")}`, {
      hint: "GetCostAndUsage groups by at most two keys per request",
    });
  }
  const metrics = [...new Set(options.metrics ?? COST_METRICS)].sort();
  for (const metric of metrics) {
    if (!(COST_METRICS as readonly string[]).includes(metric)) {
      throw new AtlasError("INVALID_ARGUMENT", `metric ${metric} is not a Cost Explorer metric`, { hint: `Use ${COST_METRICS.join(", ")}` });
    }
  }
  if (metrics.length === 0) throw new AtlasError("INVALID_ARGUMENT", "cost sync needs at least one metric");
  const accounts = options.accounts === undefined ? null : [...new Set(options.accounts)].sort();
  if (accounts !== null && accounts.length === 0) throw new AtlasError("INVALID_ARGUMENT", "cost sync got an empty account list");
  return { months, breakdown, metrics, accounts };
}

/**
 * Decide what a sync must fetch: days of the window not stored yet, stored days that are not final
 * and either fall in the restatement window (the last `restatementDays` days, when their copy is
 * older than the cache TTL) or have become final by date (their month closed more than
 * `restatementDays` days ago), as contiguous windows. Other
 * stored, non-final days (earlier days of the current month) wait for the month's finalisation
 * pass. Reads storage; never calls AWS.
 *
 * @example
 * const plan = await planLedgerSync(ctx, { months: 13 });
 */
export async function planLedgerSync(ctx: CostContext, options: CostSyncOptions = {}): Promise<InternalSyncPlan> {
  const storage = ctx.requireStorage("cost sync");
  const { months, ...settings } = syncSettings(ctx, options);
  const today = ctx.today();
  const start = addMonths(startOfMonth(today), -months);
  const end = addDays(today, -1);
  const stored = await readLedgerState(storage.preferences);
  const compatible =
    stored !== undefined &&
    sameList(stored.breakdown, settings.breakdown) &&
    sameList(stored.metrics, settings.metrics) &&
    sameList(stored.accounts, settings.accounts);
  const base: LedgerSyncState = compatible
    ? stored
    : { version: 1, ...settings, ranges: [], nonFinal: [], fetchedAt: {}, updatedAt: ctx.clock.now().toISOString() };
  const cutoff = finalBefore(today, ctx.restatementDays);
  const refreshFrom = addDays(today, -ctx.restatementDays);
  const nonFinal = new Set(base.nonFinal);
  const now = ctx.clock.now().getTime();
  // Days still open for restatement are fetched again once their copy is older than the cache TTL.
  const stale = (day: string): boolean => {
    const fetched = Date.parse(base.fetchedAt[day] ?? "");
    return Number.isNaN(fetched) || now - fetched >= ctx.cacheTtlMs;
  };
  const newDays = new Set<string>();
  const refreshDays = new Set<string>();
  const windows: DateRange[] = [];
  let open: DateRange | undefined;
  for (let day = start; day <= end; day = addDays(day, 1)) {
    let needed = false;
    if (!isStoredDay(base.ranges, day)) {
      newDays.add(day);
      needed = true;
    } else if (nonFinal.has(day) && (day < cutoff || (day >= refreshFrom && stale(day)))) {
      refreshDays.add(day);
      needed = true;
    }
    if (needed) {
      if (open !== undefined && addDays(open.end, 1) === day) open.end = day;
      else {
        open = { start: day, end: day };
        windows.push(open);
      }
    }
  }
  return { start, end, windows, settings, base, reset: stored !== undefined && !compatible, newDays, refreshDays };
}

/**
 * The public view of a sync plan: one request per window (pages estimated at 1 each).
 *
 * @example
 * const plan = toSyncPlan(await planLedgerSync(ctx));
 */
export function toSyncPlan(plan: InternalSyncPlan): CostPlan {
  const requests = plan.windows.map((window) => ({
    operation: "GetCostAndUsage" as const,
    period: window,
    pages: 1,
    reason: [...plan.newDays].some((day) => day >= window.start && day <= window.end) ? "days not stored yet" : "days AWS may still revise",
  }));
  const paidRequests = requests.length;
  return {
    operation: "sync",
    requests,
    paidRequests,
    priceUsd: requestPriceUsd(paidRequests),
    cached: 0,
    fromLedger: false,
    parts: [],
  };
}

/** Daily ledger rows of an answer: one per day, group and metric (a plain loop: a sync writes ~10^6 rows). */
function* ledgerRows(results: readonly CeResultByTime[], settings: SyncSettings, cutoff: string, fetchedAt: Date): Generator<CostLedgerRowInput> {
  const position = (key: LedgerBreakdownKey): number => settings.breakdown.indexOf(key);
  const at = { account: position("LINKED_ACCOUNT"), service: position("SERVICE"), region: position("REGION"), usageType: position("USAGE_TYPE") };
  const units = settings.metrics.map(defaultUnit);
  for (const result of results) {
    const periodStart = result.timePeriod.start.slice(0, 10);
    const estimated = result.estimated;
    const final = !estimated && periodStart < cutoff;
    const entries = settings.breakdown.length === 0 ? [{ keys: [] as string[], metrics: result.total }] : result.groups;
    for (const entry of entries) {
      const keys = entry.keys;
      const account = at.account < 0 ? undefined : (keys[at.account] ?? "");
      const service = at.service < 0 ? undefined : (keys[at.service] ?? "");
      const region = at.region < 0 ? undefined : (keys[at.region] ?? "");
      const usageType = at.usageType < 0 ? undefined : (keys[at.usageType] ?? "");
      for (let m = 0; m < settings.metrics.length; m++) {
        const metric = settings.metrics[m] ?? "";
        const value = entry.metrics[metric];
        const row: CostLedgerRowInput = {
          granularity: "DAILY",
          periodStart,
          metric,
          amount: value?.amount ?? "0",
          unit: value?.unit || (units[m] ?? "USD"),
          estimated,
          final,
          fetchedAt,
        };
        if (account !== undefined) row.account = account;
        if (service !== undefined) row.service = service;
        if (region !== undefined) row.region = region;
        if (usageType !== undefined) row.usageType = usageType;
        yield row;
      }
    }
  }
}

/**
 * Bring the ledger up to date (see {@link planLedgerSync}): one GetCostAndUsage request per window,
 * DAILY, grouped by the breakdown, every metric at once, read to the last page. Each month of a
 * window is written in one transaction as soon as its pages are in (replacing what the ledger held
 * for those days, so restated rows disappear), then the sync state is saved: an interrupted sync
 * keeps what it paid for.
 *
 * @example
 * const result = await runLedgerSync(ctx, await planLedgerSync(ctx), meter, {});
 */
export async function runLedgerSync(ctx: CostContext, plan: InternalSyncPlan, meter: SpendMeter, options: CostSyncOptions = {}): Promise<CostSyncResult> {
  const storage = ctx.requireStorage("cost sync");
  meter.ensure(plan.windows.length, "cost sync");
  const madeBefore = meter.made;
  const { settings } = plan;
  const today = ctx.today();
  const cutoff = finalBefore(today, ctx.restatementDays);
  const fetchedAt = ctx.clock.now();
  let state: LedgerSyncState = { ...plan.base, ranges: [...plan.base.ranges], nonFinal: [...plan.base.nonFinal], fetchedAt: { ...plan.base.fetchedAt } };
  const daysToFetch = plan.windows.reduce((sum, window) => sum + splitRange(window.start, window.end, "day").length, 0);
  const counters = { rowsUpserted: 0, daysNew: 0, daysRefreshed: 0, daysFinal: 0, daysWritten: 0 };
  const progress = (phase: CostSyncProgress["phase"], window: DateRange) =>
    options.onProgress?.({ phase, window, requests: meter.made - madeBefore, daysWritten: counters.daysWritten, daysToFetch });

  if (plan.reset) ctx.logger.info("cost sync: the ledger's breakdown, metrics or accounts changed; re-syncing the whole window");

  for (const window of plan.windows) {
    const assembler = createChunkAssembler(splitRange(window.start, window.end, "month"), async (chunk, results) => {
      const rows = ledgerRows(results, settings, cutoff, fetchedAt);
      const { written } = await storage.ledger.upsertCostRows(rows, {
        replace: { granularity: "DAILY", start: chunk.start, end: chunk.end, dimensionKey: "" },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      const chunkDays = splitRange(chunk.start, chunk.end, "day").map((range) => range.start);
      const estimated = new Set(results.filter((result) => result.estimated).map((result) => result.timePeriod.start.slice(0, 10)));
      // A day without any cost is final by date alone.
      const pending = chunkDays.filter((day) => day >= cutoff || estimated.has(day));
      const nonFinal = [...state.nonFinal.filter((day) => day < chunk.start || day > chunk.end), ...pending].sort();
      const fetched: Record<string, string> = {};
      for (const day of nonFinal) {
        const when = day >= chunk.start && day <= chunk.end ? fetchedAt.toISOString() : state.fetchedAt[day];
        if (when !== undefined) fetched[day] = when;
      }
      state = { ...state, ranges: addRange(state.ranges, chunk), nonFinal, fetchedAt: fetched };
      await writeLedgerState(storage.preferences, state, ctx.clock.now());
      counters.rowsUpserted += written;
      counters.daysWritten += chunkDays.length;
      counters.daysFinal += chunkDays.length - pending.length;
      for (const day of chunkDays) {
        if (plan.newDays.has(day)) counters.daysNew += 1;
        else counters.daysRefreshed += 1;
      }
      progress("write", window);
    });
    const input: GetCostAndUsageInput = {
      timePeriod: { start: window.start, end: addDays(window.end, 1) },
      granularity: "DAILY",
      metrics: settings.metrics,
      ...(settings.breakdown.length === 0 ? {} : { groupBy: settings.breakdown.map((key) => ({ type: "DIMENSION" as const, key })) }),
      ...(settings.accounts === null ? {} : { filter: { Dimensions: { Key: "LINKED_ACCOUNT", Values: settings.accounts } } }),
    };
    let token: string | undefined;
    let page = 0;
    do {
      page += 1;
      const pageToken = token;
      const out = await ctx.call(
        (signal) => ctx.ce.getCostAndUsage(pageToken === undefined ? input : { ...input, nextPageToken: pageToken }, { signal }),
        {
          meter,
          signal: options.signal,
          label: `cost sync GetCostAndUsage ${window.start}..${window.end} page ${page}`,
          error: { operation: "GetCostAndUsage", start: window.start, end: window.end, historyMonths: ctx.historyMonths },
        },
      );
      await assembler.push(out.resultsByTime);
      progress("fetch", window);
      token = out.nextPageToken;
    } while (token !== undefined && token !== "");
    await assembler.finish();
  }

  if (plan.windows.length === 0 && plan.reset) await writeLedgerState(storage.preferences, state, ctx.clock.now());
  const requests = meter.made - madeBefore;
  return {
    start: plan.start,
    end: plan.end,
    windows: plan.windows,
    requests,
    pages: requests,
    rowsUpserted: counters.rowsUpserted,
    daysNew: counters.daysNew,
    daysRefreshed: counters.daysRefreshed,
    daysFinal: counters.daysFinal,
    daysPending: state.nonFinal.length,
    priceUsd: requestPriceUsd(requests),
    reset: plan.reset,
  };
}
