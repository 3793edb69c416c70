// Exact amounts: every stored amount is an integer count of small units held in a float64 (exact below
// 2^53); sums go through ExactSum, which spills into a bigint before a float could round.

/**
 * The seven Cost Explorer metrics, in AWS's spelling.
 *
 * @example
 * COST_METRICS.includes("UnblendedCost"); // true
 */
export const COST_METRICS = [
  "AmortizedCost",
  "BlendedCost",
  "NetAmortizedCost",
  "NetUnblendedCost",
  "NormalizedUsageAmount",
  "UnblendedCost",
  "UsageQuantity",
] as const;

/**
 * A Cost Explorer metric name as GetCostAndUsage takes it.
 *
 * @example
 * const metric: CostMetric = "UnblendedCost";
 */
export type CostMetric = (typeof COST_METRICS)[number];

/**
 * Decimal places of the integer units each metric is stored in: money in 1e-10 USD, usage in 1e-6.
 *
 * @example
 * METRIC_DECIMALS.UnblendedCost; // 10
 */
export const METRIC_DECIMALS: Readonly<Record<CostMetric, number>> = {
  AmortizedCost: 10,
  BlendedCost: 10,
  NetAmortizedCost: 10,
  NetUnblendedCost: 10,
  NormalizedUsageAmount: 6,
  UnblendedCost: 10,
  UsageQuantity: 6,
};

/**
 * Decimal places of every amount the handlers answer with (AWS answers like "123.4567890123").
 *
 * @example
 * ANSWER_DECIMALS; // 10
 */
export const ANSWER_DECIMALS = 10;

/**
 * Largest magnitude a single stored amount may have, so that `lo + amount` stays exact.
 *
 * @example
 * Math.abs(units) < MAX_STORED_UNITS;
 */
export const MAX_STORED_UNITS = 2 ** 52;

/**
 * Converts a float amount to integer units at `decimals` places (rounding half away from zero).
 *
 * @example
 * toUnits(1.5, 10); // 15000000000
 */
export function toUnits(amount: number, decimals: number): number {
  const units = Math.round(Math.abs(amount) * 10 ** decimals) * Math.sign(amount);
  if (Math.abs(units) >= MAX_STORED_UNITS) throw new RangeError(`amount ${amount} is too large to store exactly`);
  return units === 0 ? 0 : units;
}

/**
 * Formats integer units stored at `decimals` places as a decimal string with {@link ANSWER_DECIMALS}
 * places; exactly zero prints as "0", as AWS does.
 *
 * @example
 * formatUnits(15000000000n, 10); // "1.5000000000"
 * formatUnits(1500000n, 6); // "1.5000000000"
 */
export function formatUnits(units: bigint, decimals: number): string {
  if (units === 0n) return "0";
  const scaled = units * 10n ** BigInt(ANSWER_DECIMALS - decimals);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(ANSWER_DECIMALS + 1, "0");
  const cut = digits.length - ANSWER_DECIMALS;
  return `${negative ? "-" : ""}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/**
 * Parses a decimal string (as the handlers print them) into integer units at `decimals` places.
 * Throws when the string has more places than `decimals` allows to keep exactly.
 *
 * @example
 * parseUnits("1.5000000000", 10); // 15000000000n
 */
export function parseUnits(text: string, decimals: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  const trimmed = fraction.replace(/0+$/, "");
  if (trimmed.length > decimals) throw new Error(`${text} has more than ${decimals} decimal places`);
  const units = BigInt(whole + trimmed.padEnd(decimals, "0"));
  return sign === "-" ? -units : units;
}

/**
 * Exact sums of many integer-valued float64 amounts, several accumulators at once (one per cell).
 * Each slot adds in float64 while that is exact and moves the running value into a bigint before
 * it could round.
 *
 * @example
 * const sums = new ExactSums(1);
 * sums.add(0, 2 ** 51);
 * sums.add(0, 2 ** 51);
 * sums.get(0); // 4503599627370496n
 */
export class ExactSums {
  readonly #low: Float64Array;
  readonly #high = new Map<number, bigint>();

  constructor(size: number) {
    this.#low = new Float64Array(size);
  }

  /** Adds `units` (an integer below {@link MAX_STORED_UNITS} in magnitude) to slot `index`. */
  add(index: number, units: number): void {
    const next = (this.#low[index] ?? 0) + units;
    if (next >= MAX_STORED_UNITS || next <= -MAX_STORED_UNITS) {
      this.#high.set(index, (this.#high.get(index) ?? 0n) + BigInt(next));
      this.#low[index] = 0;
    } else {
      this.#low[index] = next;
    }
  }

  /** The exact sum of slot `index`. */
  get(index: number): bigint {
    return (this.#high.get(index) ?? 0n) + BigInt(this.#low[index] ?? 0);
  }
}
