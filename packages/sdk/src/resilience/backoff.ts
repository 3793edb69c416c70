/** Options for {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay cap of the first retry in ms. */
  baseDelayMs: number;
  /** No delay exceeds this, in ms. */
  maxDelayMs: number;
  /** Uniform random number in [0, 1). */
  random: () => number;
}

/**
 * The largest delay before retry number `attempt` (0 for the first retry): `min(maxDelayMs, baseDelayMs * 2^attempt)`.
 *
 * @example
 * backoffCap(3, { baseDelayMs: 100, maxDelayMs: 5000 }); // 800
 */
export function backoffCap(attempt: number, options: Pick<BackoffOptions, "baseDelayMs" | "maxDelayMs">): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 52);
  return Math.max(0, Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent));
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniform
 * delay in `[0, backoffCap(attempt)]`.
 *
 * @example
 * const ms = backoffDelay(attempt, { baseDelayMs: 100, maxDelayMs: 5000, random: Math.random });
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const cap = backoffCap(attempt, options);
  const r = options.random();
  const unit = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
  return unit * cap;
}
