/**
 * Sums numbers with Neumaier's compensated summation, so that long series of
 * small daily amounts do not drift the way a naive `reduce` does.
 *
 * @example
 * ```ts
 * sum([0.1, 0.2, 0.3]); // 0.6 (a naive reduce gives 0.6000000000000001)
 * ```
 */
export function sum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const value of values) {
    const next = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return total + compensation;
}

/**
 * Arithmetic mean; `NaN` for an empty array.
 *
 * @example
 * ```ts
 * mean([1, 2, 3, 6]); // 3
 * ```
 */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : sum(values) / values.length;
}

/**
 * Median (the mean of the two middle values for an even count); `NaN` for an
 * empty array. Does not modify its input.
 *
 * @example
 * ```ts
 * median([5, 1, 3]); // 3
 * median([4, 1, 3, 2]); // 2.5
 * ```
 */
export function median(values: readonly number[]): number {
  return medianInPlace(Float64Array.from(values), values.length);
}

/**
 * Median of the first `length` entries of a scratch buffer, found by
 * quickselect in linear time. Reorders those entries; the hot loops of the
 * anomaly detector reuse one buffer instead of allocating and sorting.
 *
 * @example
 * ```ts
 * const scratch = new Float64Array([9, 1, 5, 3, 100]);
 * medianInPlace(scratch, 4); // 4 (the median of 9, 1, 5, 3)
 * ```
 */
export function medianInPlace(buffer: Float64Array, length: number): number {
  if (length <= 0) return Number.NaN;
  const mid = length >> 1;
  if (length % 2 === 1) return selectInPlace(buffer, length, mid);
  const lower = selectInPlace(buffer, length, mid - 1);
  // Everything after position mid - 1 is now >= lower; the upper middle is their minimum.
  let upper = Number.POSITIVE_INFINITY;
  for (let i = mid; i < length; i++) upper = Math.min(upper, buffer[i] ?? upper);
  // lower + (upper - lower) / 2 keeps the midpoint of two equal values exact.
  return lower + (upper - lower) / 2;
}

/** Hoare quickselect: puts the k-th smallest of buffer[0, length) at index k and returns it. */
function selectInPlace(buffer: Float64Array, length: number, k: number): number {
  let lo = 0;
  let hi = length - 1;
  while (hi > lo) {
    const a = buffer[lo] ?? 0;
    const b = buffer[(lo + hi) >> 1] ?? 0;
    const c = buffer[hi] ?? 0;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((buffer[i] ?? 0) < pivot) i++;
      while ((buffer[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = buffer[i] ?? 0;
        buffer[i] = buffer[j] ?? 0;
        buffer[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return buffer[k] ?? Number.NaN;
}

/**
 * Median absolute deviation from the median (unscaled: multiply by 1.4826 to
 * estimate a normal standard deviation); `NaN` for an empty array.
 *
 * @example
 * ```ts
 * medianAbsoluteDeviation([1, 2, 3, 4, 100]); // 1
 * ```
 */
export function medianAbsoluteDeviation(values: readonly number[], center: number = median(values)): number {
  return median(values.map((value) => Math.abs(value - center)));
}

/**
 * Mean absolute deviation from a centre (the median by default); `NaN` for an
 * empty array. Used as the fallback scale when more than half of the values
 * are identical and the MAD is zero.
 *
 * @example
 * ```ts
 * meanAbsoluteDeviation([0, 0, 0, 4]); // 1
 * ```
 */
export function meanAbsoluteDeviation(values: readonly number[], center: number = median(values)): number {
  return mean(values.map((value) => Math.abs(value - center)));
}

