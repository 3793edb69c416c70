import { Decimal } from "decimal.js";
import { AtlasError } from "../errors.js";

// Enough significant digits that sums of Cost Explorer amounts (at most ~20 digits each) never round.
const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15 });
type ExactDecimal = InstanceType<typeof Exact>;

/**
 * What Cost Explorer charges per API request (every page is one request), in USD.
 *
 * @example
 * requestPriceUsd(3); // "0.03", i.e. 3 x PRICE_PER_REQUEST_USD
 */
export const PRICE_PER_REQUEST_USD = "0.01";

function parse(value: string | number, what: string): ExactDecimal {
  try {
    const parsed = new Exact(typeof value === "number" ? String(value) : value.trim());
    if (parsed.isFinite()) return parsed;
  } catch {
    // fall through
  }
  throw new AtlasError("INVALID_ARGUMENT", `${what} "${String(value)}" is not a decimal number`);
}

/**
 * The canonical text of an amount: plain decimal notation (no exponent), no trailing zeros, no "-0".
 * Exact: nothing is rounded.
 *
 * @example
 * toAmount("1.2500000000"); // "1.25"
 * toAmount("1.2E-7");       // "0.00000012"
 */
export function toAmount(value: string | number): string {
  return parse(value, "Amount").toFixed();
}

/**
 * The exact sum of decimal strings, as a canonical amount ("0" for none).
 *
 * @example
 * addAmounts(["0.1", "0.2"]); // "0.3"
 */
export function addAmounts(values: Iterable<string>): string {
  let total = new Exact(0);
  for (const value of values) total = total.plus(parse(value, "Amount"));
  return total.toFixed();
}

/**
 * `a - b`, exactly.
 *
 * @example
 * subtractAmounts("10.5", "0.25"); // "10.25"
 */
export function subtractAmounts(a: string, b: string): string {
  return parse(a, "Amount").minus(parse(b, "Amount")).toFixed();
}

/**
 * The change from `previous` to `current` as a percentage of `|previous|`, rounded half-even to
 * `decimals` places; null when `previous` is zero.
 *
 * @example
 * percentChange("110", "100"); // "10.00"
 * percentChange("5", "0");     // null
 */
export function percentChange(current: string, previous: string, decimals = 2): string | null {
  const base = parse(previous, "Amount");
  if (base.isZero()) return null;
  return parse(current, "Amount").minus(base).div(base.abs()).times(100).toFixed(decimals);
}

/**
 * Compare two amounts: -1, 0 or 1.
 *
 * @example
 * compareAmounts("2", "10"); // -1
 */
export function compareAmounts(a: string, b: string): number {
  return parse(a, "Amount").comparedTo(parse(b, "Amount"));
}

/**
 * The price of `requests` paid Cost Explorer requests, in USD with two decimals.
 *
 * @example
 * requestPriceUsd(247); // "2.47"
 */
export function requestPriceUsd(requests: number): string {
  return new Exact(requests).times(PRICE_PER_REQUEST_USD).toFixed(2);
}

/**
 * Whether `amount` is more than `limit` (both decimal strings or numbers).
 *
 * @example
 * exceedsAmount("1.01", "1.00"); // true
 */
export function exceedsAmount(amount: string | number, limit: string | number): boolean {
  return parse(amount, "Amount").greaterThan(parse(limit, "Limit"));
}
