import { AtlasError } from "../errors.js";
import { exceedsAmount, PRICE_PER_REQUEST_USD, requestPriceUsd } from "./cost-amount.js";

/**
 * Limits on paid Cost Explorer requests per run (one call of `query`, `sync`, `forecast`,
 * `anomalies` or `trend`). The configuration's `costs.spend_guard`. Unset = no limit.
 *
 * @example
 * const guard: SpendGuardOptions = { maxPaidRequests: 100, maxUsdPerRun: "1.00" };
 */
export interface SpendGuardOptions {
  /** Most paid requests (pages) one run may make; 0 blocks every paid request. */
  maxPaidRequests?: number;
  /** Most USD one run may spend ($0.01 per request), as a decimal string or number. */
  maxUsdPerRun?: string | number;
}

/**
 * Counts the paid requests of one run and refuses to go past the limits.
 *
 * @example
 * const meter = createSpendMeter({ maxPaidRequests: 10 });
 * meter.ensure(3, "cost query"); // throws SPEND_LIMIT when 3 more would exceed 10
 * meter.beforeRequest("GetCostAndUsage page 2"); await call(); meter.charge();
 */
export interface SpendMeter {
  /** Paid requests made so far in this run. */
  readonly made: number;
  /** Throws SPEND_LIMIT when `planned` more requests would go past a limit; calls nothing. */
  ensure(planned: number, what: string): void;
  /** Throws SPEND_LIMIT when one more request would go past a limit (checked before every page). */
  beforeRequest(what: string): void;
  /** Count one paid request. */
  charge(): void;
  /** Price of the requests made so far ("0.03"). */
  priceUsd(): string;
}

const HINT =
  "Raise costs.spend_guard.max_paid_requests or costs.spend_guard.max_usd_per_run in the configuration, or ask for less (a shorter period, fewer group-bys); `aws-atlas cost plan` shows the requests and their price without making them";

/**
 * Create a {@link SpendMeter} for one run.
 *
 * @example
 * const meter = createSpendMeter({ maxUsdPerRun: "0.50" });
 */
export function createSpendMeter(options: SpendGuardOptions = {}): SpendMeter {
  const maxPaid = options.maxPaidRequests;
  const maxUsd = options.maxUsdPerRun;
  if (maxPaid !== undefined && (!Number.isInteger(maxPaid) || maxPaid < 0)) {
    throw new AtlasError("INVALID_CONFIG", `spend guard maxPaidRequests ${String(maxPaid)} is not a whole number of requests >= 0`);
  }
  if (maxUsd !== undefined && exceedsAmount("0", maxUsd)) {
    throw new AtlasError("INVALID_CONFIG", `spend guard maxUsdPerRun ${String(maxUsd)} is negative`);
  }
  let made = 0;

  const limitText = (): string =>
    [maxPaid === undefined ? undefined : `${maxPaid} paid requests`, maxUsd === undefined ? undefined : `$${String(maxUsd)}`]
      .filter((part) => part !== undefined)
      .join(" / ");

  const over = (total: number): boolean =>
    (maxPaid !== undefined && total > maxPaid) || (maxUsd !== undefined && exceedsAmount(requestPriceUsd(total), maxUsd));

  const refuse = (message: string, planned: number): AtlasError =>
    new AtlasError("SPEND_LIMIT", message, {
      hint: HINT,
      details: {
        made,
        planned,
        pricePerRequestUsd: PRICE_PER_REQUEST_USD,
        ...(maxPaid === undefined ? {} : { maxPaidRequests: maxPaid }),
        ...(maxUsd === undefined ? {} : { maxUsdPerRun: String(maxUsd) }),
      },
    });

  return {
    get made() {
      return made;
    },
    ensure(planned, what) {
      if (planned <= 0 || !over(made + planned)) return;
      const total = made + planned;
      const already = made > 0 ? ` (${made} already made)` : "";
      throw refuse(
        `${what} would make ${total} paid Cost Explorer request${total === 1 ? "" : "s"} ($${requestPriceUsd(total)})${already}, more than the limit of ${limitText()} per run`,
        planned,
      );
    },
    beforeRequest(what) {
      if (!over(made + 1)) return;
      throw refuse(
        `Stopped after ${made} paid Cost Explorer request${made === 1 ? "" : "s"} ($${requestPriceUsd(made)}): ${what} would go past the limit of ${limitText()} per run`,
        1,
      );
    },
    charge() {
      made += 1;
    },
    priceUsd() {
      return requestPriceUsd(made);
    },
  };
}
