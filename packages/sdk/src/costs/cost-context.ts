import type { CostExplorerPort } from "../aws/cost-explorer-port.js";
import type { Clock } from "../clock.js";
import { AtlasError } from "../errors.js";
import { type Logger, noopLogger } from "../logger.js";
import type { ResiliencePolicy } from "../resilience/resilience-policy.js";
import type { Storage } from "../storage/open-storage.js";
import { toIsoDate } from "./cost-dates.js";
import { type CostErrorContext, explainCostError } from "./explain-cost-error.js";
import { DEFAULT_RESTATEMENT_DAYS } from "./cost-finality.js";
import type { SpendGuardOptions, SpendMeter } from "./spend-guard.js";

/**
 * The parts of {@link Storage} the cost service uses: the ledger, the response cache and the
 * preferences table (where the ledger's sync state lives).
 *
 * @example
 * const storage: CostStorage = await openStorage({ url: "sqlite::memory:" });
 */
export type CostStorage = Pick<Storage, "ledger" | "cache" | "preferences">;

/**
 * Options for {@link createCostService}.
 *
 * @example
 * const options: CostServiceOptions = { ce, policy: createResiliencePolicy({ maxRps: 5 }), clock: systemClock, storage };
 */
export interface CostServiceOptions {
  /** The Cost Explorer calls (see `createCostExplorerPort`). */
  ce: CostExplorerPort;
  /** Rate limit, retries and circuit for Cost Explorer: build it with `createResiliencePolicy({ maxRps: 5 })`. */
  policy: ResiliencePolicy;
  clock: Clock;
  /** Ledger and cache; without it every question is asked to AWS and `sync` is refused. */
  storage?: CostStorage;
  logger?: Logger;
  /** Limits per run (one call of query, sync, forecast, anomalies or trend). */
  spendGuard?: SpendGuardOptions;
  /** Lifetime of cached answers that are not final (default 24 h, the configuration's `cache.ttl_hours`). */
  cacheTtlMs?: number;
  /** Days after a month ends during which AWS may restate it (default 3, `costs.restatement_days`). */
  restatementDays?: number;
  /** Months of history before the current one that Cost Explorer serves: 13 (default) or 37 with multi-year data. */
  historyMonths?: number;
  /**
   * Who asks, for cache keys: answers of different accounts must never be shared. Pass something
   * that identifies the credentials and endpoint (e.g. the account id, profile and endpoint URL).
   * Default "default".
   */
  cacheScope?: string;
}

/** Shared state of one cost service (internal). */
export interface CostContext {
  readonly ce: CostExplorerPort;
  readonly policy: ResiliencePolicy;
  readonly clock: Clock;
  readonly storage: CostStorage | undefined;
  readonly logger: Logger;
  readonly spendGuard: SpendGuardOptions;
  readonly cacheTtlMs: number;
  readonly restatementDays: number;
  readonly historyMonths: number;
  readonly cacheScope: string;
  /** Today's UTC day from the clock. */
  today(): string;
  /** Storage or an INVALID_ARGUMENT error naming `what` needs it. */
  requireStorage(what: string): CostStorage;
  /**
   * One paid Cost Explorer request under the policy: the spend guard is checked first, the request
   * is counted when it succeeds, failures are explained in plain words.
   */
  call<T>(fn: (signal: AbortSignal) => Promise<T>, options: { meter: SpendMeter; signal?: AbortSignal | undefined; label: string; error: CostErrorContext }): Promise<T>;
}

/**
 * Build the shared context of a cost service, applying defaults.
 *
 * @example
 * const ctx = createCostContext({ ce, policy, clock: systemClock });
 */
export function createCostContext(options: CostServiceOptions): CostContext {
  const cacheTtlMs = options.cacheTtlMs ?? 24 * 3_600_000;
  const restatementDays = options.restatementDays ?? DEFAULT_RESTATEMENT_DAYS;
  const historyMonths = options.historyMonths ?? 13;
  if (!Number.isFinite(cacheTtlMs) || cacheTtlMs <= 0) throw new AtlasError("INVALID_CONFIG", `cacheTtlMs ${cacheTtlMs} must be a positive number of milliseconds`);
  if (!Number.isInteger(restatementDays) || restatementDays < 0) throw new AtlasError("INVALID_CONFIG", `restatementDays ${restatementDays} must be a whole number >= 0`);
  if (!Number.isInteger(historyMonths) || historyMonths < 1) throw new AtlasError("INVALID_CONFIG", `historyMonths ${historyMonths} must be a whole number >= 1`);
  const { ce, policy, clock, storage } = options;
  const logger = options.logger ?? noopLogger;
  return {
    ce,
    policy,
    clock,
    storage,
    logger,
    spendGuard: options.spendGuard ?? {},
    cacheTtlMs,
    restatementDays,
    historyMonths,
    cacheScope: options.cacheScope ?? "default",
    today: () => toIsoDate(clock.now()),
    requireStorage(what) {
      if (storage === undefined) {
        throw new AtlasError("INVALID_ARGUMENT", `${what} needs a database for the cost ledger`, { hint: "Pass storage (openStorage({ url })) or --db URL" });
      }
      return storage;
    },
    async call(fn, { meter, signal, label, error }) {
      meter.beforeRequest(label);
      try {
        const out = await policy.execute(fn, { signal, label });
        meter.charge();
        logger.debug("cost explorer: request", { label, paid: meter.made });
        return out;
      } catch (err) {
        throw explainCostError(err, error);
      }
    },
  };
}
