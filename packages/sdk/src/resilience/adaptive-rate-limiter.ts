/** Options for {@link createAdaptiveRateLimiter}. */
export interface AdaptiveRateLimiterOptions {
  /** The ceiling, in requests per second (AWS's standard Parameter Store throughput is 40). */
  maxRps: number;
  /** The floor the rate never drops below on throttling (default min(1, maxRps)). */
  minRps?: number;
  /** Multiplicative decrease on a throttle (default 0.5). */
  decreaseFactor?: number;
  /** Throttles closer together than this count once (default 100 ms, about one round trip): they answer the same burst. */
  decreaseCooldownMs?: number;
  /** Additive increase: requests per second regained per second of successful calls (default maxRps / 10). */
  increasePerSecond?: number;
}

/**
 * A rate limiter that adapts to throttling (AIMD: additive increase, multiplicative decrease), never above
 * `maxRps`. Time is passed in, in milliseconds, so it runs on any clock.
 *
 * Two rules decide when the next grant may happen, both on integer microseconds:
 * - GCRA spacing: grants follow an ideal schedule of one per `1/rate` s; a grant may come up to a quarter of
 *   the ceiling's interval early, which absorbs timer lateness without letting the rate drift down.
 * - A sliding window: no half-open one-second window ever holds more than `max(1, floor(rate))` grants,
 *   so the limiter never exceeds `maxRps` over any second.
 */
export interface AdaptiveRateLimiter {
  /** Milliseconds to wait before {@link AdaptiveRateLimiter.take} may be called; 0 when a grant is possible now. */
  delay(nowMs: number): number;
  /** Record a grant at `nowMs` (call only when `delay(nowMs)` is 0); returns the grant time used, in ms. */
  take(nowMs: number): number;
  /** The server throttled a call: slow down. */
  onThrottle(nowMs: number): void;
  /** A call succeeded: speed up towards `maxRps`. */
  onSuccess(nowMs: number): void;
  /** The current rate in requests per second. */
  rate(): number;
}

const WINDOW_US = 1_000_000;

/**
 * Create an {@link AdaptiveRateLimiter}.
 *
 * @example
 * const limiter = createAdaptiveRateLimiter({ maxRps: 40 });
 * const wait = limiter.delay(Date.now()); // 0 -> limiter.take(Date.now())
 */
export function createAdaptiveRateLimiter(options: AdaptiveRateLimiterOptions): AdaptiveRateLimiter {
  const maxRps = options.maxRps;
  if (!(maxRps > 0) || !Number.isFinite(maxRps)) throw new RangeError(`maxRps must be a positive number, got ${maxRps}`);
  const minRps = Math.min(options.minRps ?? Math.min(1, maxRps), maxRps);
  const decreaseFactor = options.decreaseFactor ?? 0.5;
  const cooldownUs = (options.decreaseCooldownMs ?? 100) * 1000;
  const increasePerSecond = options.increasePerSecond ?? maxRps / 10;
  const capacity = Math.max(1, Math.floor(maxRps));

  let rate = maxRps;
  let tat = Number.NEGATIVE_INFINITY; // theoretical arrival time of the next grant (us)
  let lastDecrease = Number.NEGATIVE_INFINITY;
  // Ring buffer of the last `capacity` grant times (us), oldest at `head` once full.
  const log: number[] = [];
  let head = 0;

  const toUs = (ms: number): number => Math.round(ms * 1000);
  const intervalUs = (): number => Math.ceil(1_000_000 / rate);
  const windowLimit = (): number => Math.min(capacity, Math.max(1, Math.floor(rate)));

  /** The grant time `n` grants back (1 = most recent), or -Infinity. */
  const recent = (n: number): number => {
    if (n > log.length) return Number.NEGATIVE_INFINITY;
    const index = (head + log.length - n) % log.length;
    return log[index] ?? Number.NEGATIVE_INFINITY;
  };

  // Fixed from the ceiling, so a rate cut never widens how early the already-scheduled grant may come.
  const toleranceUs = Math.floor(Math.ceil(1_000_000 / maxRps) / 4);

  const earliestUs = (): number => {
    const gcra = tat - toleranceUs;
    const window = recent(windowLimit()) + WINDOW_US;
    return Math.max(gcra, window);
  };

  return {
    delay(nowMs) {
      const wait = earliestUs() - toUs(nowMs);
      return wait > 0 ? wait / 1000 : 0;
    },
    take(nowMs) {
      const now = Math.max(toUs(nowMs), earliestUs());
      tat = Math.max(tat, now) + intervalUs();
      if (log.length < capacity) log.push(now);
      else {
        log[head] = now;
        head = (head + 1) % capacity;
      }
      return now / 1000;
    },
    onThrottle(nowMs) {
      const now = toUs(nowMs);
      if (now - lastDecrease < cooldownUs) return;
      lastDecrease = now;
      rate = Math.max(minRps, rate * decreaseFactor);
    },
    onSuccess() {
      if (rate >= maxRps) return;
      // Successes arrive about `rate` times per second, so this regains `increasePerSecond` per second.
      rate = Math.min(maxRps, rate + increasePerSecond / rate);
    },
    rate: () => rate,
  };
}
