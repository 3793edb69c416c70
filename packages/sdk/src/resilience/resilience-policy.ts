import { isRetryable, mapAwsError } from "../aws/map-aws-error.js";
import { AtlasError, isAtlasError } from "../errors.js";
import { abortedError, raceAbort, type SleepFunction, sleep as realSleep, throwIfAborted } from "./abort.js";
import { type AdaptiveRateLimiter, createAdaptiveRateLimiter } from "./adaptive-rate-limiter.js";
import { backoffDelay } from "./backoff.js";
import { type CircuitBreakerOptions, type CircuitState, createCircuitBreaker } from "./circuit-breaker.js";

/** Options for {@link createResiliencePolicy}. Every field has a default fit for AWS's public APIs. */
export interface ResiliencePolicyOptions {
  /** Ceiling of the shared adaptive rate limiter, requests per second (default 40). */
  maxRps?: number;
  /** Calls in flight at once (default 10). */
  concurrency?: number;
  /** Retries per call after the first attempt (default 5). */
  maxRetries?: number;
  /** Backoff cap of the first retry (default 100 ms); doubles per retry, full jitter. */
  baseDelayMs?: number;
  /** Largest backoff (default 5,000 ms). */
  maxDelayMs?: number;
  /** Time limit of one attempt (default 10,000 ms; 0 = none). */
  timeoutMs?: number;
  /** Circuit breaker: `failures` consecutive failures (default 10) open it for `halfOpenAfterMs` (default 10,000). */
  circuit?: CircuitBreakerOptions;
  /** Source of jitter, uniform in [0, 1) (default Math.random). */
  random?: () => number;
  /** Used for backoff and rate-limit waits (default: real timers). */
  sleep?: SleepFunction;
  /** Monotonic-enough clock in ms (default Date.now). */
  now?: () => number;
}

/** How one attempt ended. */
export type AttemptOutcome = "success" | "throttled" | "unavailable" | "timeout" | "error";

/** Reported after every attempt that reached `fn` (circuit rejections never do). */
export interface AttemptEvent {
  label: string | undefined;
  /** 0 for the first attempt. */
  attempt: number;
  outcome: AttemptOutcome;
  /** Set unless the outcome is "success". */
  error?: AtlasError;
  /** Whether another attempt follows. */
  willRetry: boolean;
}

/** Options of one {@link ResiliencePolicy.execute} call. */
export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Names the call in errors (e.g. the SSM path). */
  label?: string;
  /** Higher runs first among waiting calls (default 0). Retries always go ahead of first attempts. */
  priority?: number;
  /** Called after every attempt; lets a caller keep its own counters on a shared policy. */
  onAttempt?: (event: AttemptEvent) => void;
}

/** Counters of a policy since it was created. */
export interface ResilienceStats {
  /** Attempts that reached the endpoint (first attempts and retries). */
  calls: number;
  /** Attempts answered with a throttling error. */
  throttled: number;
  /** Attempts that were retries. */
  retries: number;
  /** Calls that failed for good (after retries), cancellations excluded. */
  failures: number;
  /** The adaptive limiter's current rate. */
  rps: number;
  circuit: CircuitState;
}

/**
 * Runs calls to an AWS API under one shared budget: an adaptive rate limiter, bounded concurrency, retries
 * with exponential backoff and full jitter (throttling, 5xx, network errors, timeouts only), a circuit breaker
 * and a per-attempt timeout. `fn` receives a signal that aborts on timeout or cancellation.
 */
export interface ResiliencePolicy {
  execute<T>(fn: (signal: AbortSignal) => Promise<T>, options?: ExecuteOptions): Promise<T>;
  stats(): ResilienceStats;
}

interface Waiter {
  priority: number;
  resolve: (trial: boolean) => void;
  reject: (err: AtlasError) => void;
}

const RETRY_BOOST = 1e9;

function circuitOpenError(label: string | undefined, retryAfterMs: number, cause?: unknown): AtlasError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const why = cause instanceof Error && cause.message ? ` (last error: ${cause.message})` : "";
  return new AtlasError("CIRCUIT_OPEN", `AWS endpoint is failing${why}; calls are suspended for ${seconds} s`, {
    hint: "Check the network and the endpoint (--endpoint-url), then try again",
    details: { retryable: false, retryAfterMs, ...(label === undefined ? {} : { label }) },
    ...(cause === undefined ? {} : { cause }),
  });
}

function timeoutError(label: string | undefined, timeoutMs: number): AtlasError {
  return new AtlasError("AWS_UNAVAILABLE", `AWS call timed out after ${timeoutMs} ms${label ? ` (${label})` : ""}`, {
    hint: "Check the network and the endpoint, or raise the timeout",
    details: { retryable: true, timeout: true, awsError: "TimeoutError", ...(label === undefined ? {} : { label }) },
  });
}

function outcomeOf(err: AtlasError, timedOut: boolean): AttemptOutcome {
  if (timedOut) return "timeout";
  if (err.code === "THROTTLED") return "throttled";
  if (err.code === "AWS_UNAVAILABLE") return "unavailable";
  return "error";
}

/**
 * Create a {@link ResiliencePolicy}. Share one policy per API and credentials: its limiter, concurrency and
 * circuit are the budget of everything that runs through it. No state lives outside the returned object.
 *
 * @example
 * const policy = createResiliencePolicy({ maxRps: 40, concurrency: 10 });
 * const page = await policy.execute((signal) => ssm.getParametersByPath(input, { signal }), { signal, label: input.path });
 */
export function createResiliencePolicy(options: ResiliencePolicyOptions = {}): ResiliencePolicy {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 10));
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 5));
  const baseDelayMs = options.baseDelayMs ?? 100;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const limiter: AdaptiveRateLimiter = createAdaptiveRateLimiter({ maxRps: options.maxRps ?? 40 });
  const breaker = createCircuitBreaker(options.circuit);

  const counters = { calls: 0, throttled: 0, retries: 0, failures: 0 };
  const queue: Waiter[] = [];
  let inFlight = 0;
  let timerPending = false;
  let lastFailure: AtlasError | undefined;
  /** Backoff sleeps to cut short when the circuit opens (they then fail fast). */
  const sleepers = new Set<AbortController>();

  const enqueue = (waiter: Waiter): void => {
    // Highest priority first; FIFO among equals. Queues stay small (bounded by callers), so insertion is fine.
    let i = queue.length;
    while (i > 0) {
      const before = queue[i - 1];
      if (before === undefined || before.priority >= waiter.priority) break;
      i -= 1;
    }
    queue.splice(i, 0, waiter);
  };

  const rejectAllQueued = (): void => {
    const retryAfter = breaker.retryAfterMs(now());
    for (const waiter of queue.splice(0)) waiter.reject(circuitOpenError(undefined, retryAfter, lastFailure));
  };

  const pump = (): void => {
    while (queue.length > 0) {
      const t = now();
      if (breaker.state(t) === "open") {
        rejectAllQueued();
        return;
      }
      if (inFlight >= concurrency) return;
      const wait = limiter.delay(t);
      if (wait > 0) {
        if (!timerPending) {
          timerPending = true;
          void sleep(wait).then(() => {
            timerPending = false;
            pump();
          });
        }
        return;
      }
      const waiter = queue.shift();
      if (waiter === undefined) return;
      const decision = breaker.decide(t);
      if (decision === "reject") {
        waiter.reject(circuitOpenError(undefined, breaker.retryAfterMs(t), lastFailure));
        continue;
      }
      limiter.take(t);
      inFlight += 1;
      waiter.resolve(decision === "trial");
    }
  };

  const acquire = (priority: number, signal: AbortSignal | undefined): Promise<boolean> =>
    new Promise<boolean>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortedError(signal));
        return;
      }
      const onAbort = (): void => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(abortedError(signal));
      };
      const waiter: Waiter = {
        priority,
        resolve: (trial) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(trial);
        },
        reject: (err) => {
          signal?.removeEventListener("abort", onAbort);
          reject(err);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      enqueue(waiter);
      pump();
    });

  const release = (): void => {
    inFlight -= 1;
    pump();
  };

  /** Backoff that ends early (without error) when the circuit opens, so the retry fails fast. */
  const backoff = async (ms: number, signal: AbortSignal | undefined): Promise<void> => {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    sleepers.add(controller);
    try {
      await sleep(ms, controller.signal);
    } catch (err) {
      if (signal?.aborted) throw abortedError(signal);
      if (!controller.signal.aborted) throw err;
    } finally {
      sleepers.delete(controller);
      signal?.removeEventListener("abort", onAbort);
    }
  };

  const onCircuitOpened = (): void => {
    for (const controller of sleepers) controller.abort();
    pump();
  };

  async function attemptOnce<T>(
    fn: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
    label: string | undefined,
  ): Promise<{ ok: true; value: T } | { ok: false; error: AtlasError; timedOut: boolean }> {
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(timeoutError(label, timeoutMs));
          }, timeoutMs)
        : undefined;
    counters.calls += 1;
    try {
      const value = await raceAbort(
        Promise.resolve().then(() => fn(controller.signal)),
        controller.signal,
      );
      return { ok: true, value };
    } catch (err) {
      if (signal?.aborted) throw abortedError(signal);
      if (timedOut) return { ok: false, error: timeoutError(label, timeoutMs), timedOut: true };
      return { ok: false, error: isAtlasError(err) ? err : mapAwsError(err), timedOut: false };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    async execute<T>(fn: (signal: AbortSignal) => Promise<T>, executeOptions: ExecuteOptions = {}): Promise<T> {
      const { signal, label, onAttempt } = executeOptions;
      const priority = executeOptions.priority ?? 0;
      throwIfAborted(signal);
      for (let attempt = 0; ; attempt += 1) {
        let trial: boolean;
        try {
          trial = await acquire(attempt > 0 ? priority + RETRY_BOOST : priority, signal);
        } catch (err) {
          if (isAtlasError(err) && err.code === "CIRCUIT_OPEN") counters.failures += 1;
          throw err;
        }
        if (attempt > 0) counters.retries += 1;
        let result: Awaited<ReturnType<typeof attemptOnce<T>>>;
        try {
          result = await attemptOnce(fn, signal, label);
        } catch (err) {
          if (trial) breaker.onTrialCancelled();
          release();
          throw err;
        }
        const t = now();
        if (result.ok) {
          breaker.onSuccess();
          limiter.onSuccess(t);
          release();
          onAttempt?.({ label, attempt, outcome: "success", willRetry: false });
          return result.value;
        }
        const { error, timedOut } = result;
        const outcome = outcomeOf(error, timedOut);
        const wasOpen = breaker.state(t) !== "closed";
        switch (outcome) {
          case "throttled":
            counters.throttled += 1;
            limiter.onThrottle(t);
            breaker.onSuccess();
            break;
          case "unavailable":
          case "timeout":
            lastFailure = error;
            breaker.onFailure(t, trial);
            break;
          case "error":
            if (error.code === "INTERNAL") {
              if (trial) breaker.onTrialCancelled();
            } else breaker.onSuccess();
            break;
          case "success":
            break;
        }
        release();
        if (!wasOpen && breaker.state(t) === "open") onCircuitOpened();
        const retryable = attempt < maxRetries && isRetryable(error);
        const circuitOpen = breaker.state(t) === "open";
        const willRetry = retryable && !circuitOpen;
        onAttempt?.({ label, attempt, outcome, error, willRetry });
        if (!willRetry) {
          counters.failures += 1;
          throw retryable ? circuitOpenError(label, breaker.retryAfterMs(t), error) : error;
        }
        await backoff(backoffDelay(attempt, { baseDelayMs, maxDelayMs, random }), signal);
      }
    },
    stats() {
      return { ...counters, rps: limiter.rate(), circuit: breaker.state(now()) };
    },
  };
}

/**
 * A policy that calls `fn` once, with no limits, retries or timeout; for tests and one-off calls.
 *
 * @example
 * const snapshot = await scan({ ssm, policy: noopPolicy(), now: () => new Date() });
 */
export function noopPolicy(): ResiliencePolicy {
  const counters = { calls: 0, throttled: 0, retries: 0, failures: 0 };
  return {
    async execute<T>(fn: (signal: AbortSignal) => Promise<T>, executeOptions: ExecuteOptions = {}): Promise<T> {
      const { signal, label, onAttempt } = executeOptions;
      throwIfAborted(signal);
      counters.calls += 1;
      try {
        const value = await raceAbort(
          Promise.resolve().then(() => fn(signal ?? new AbortController().signal)),
          signal,
        );
        onAttempt?.({ label, attempt: 0, outcome: "success", willRetry: false });
        return value;
      } catch (err) {
        if (signal?.aborted) throw abortedError(signal);
        const error = isAtlasError(err) ? err : mapAwsError(err);
        const outcome = outcomeOf(error, false);
        if (outcome === "throttled") counters.throttled += 1;
        counters.failures += 1;
        onAttempt?.({ label, attempt: 0, outcome, error, willRetry: false });
        throw error;
      }
    },
    stats() {
      return { ...counters, rps: Number.POSITIVE_INFINITY, circuit: "closed" };
    },
  };
}
