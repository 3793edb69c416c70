import type { ServiceName } from "./protocol.js";

/** A token bucket: `burst` requests at once, refilled at `tps` per second. */
export interface ThrottleRule {
  tps: number;
  burst: number;
}

/** The throttle of one service: one bucket per operation, optionally tuned per operation. */
export interface ServiceThrottle extends ThrottleRule {
  /** Per-operation overrides (`false` = never throttle that operation). */
  operations?: Record<string, ThrottleRule | false>;
}

/** Added delay before each answer: `fixedMs` plus a uniform random `0..jitterMs`. */
export interface LatencyOptions {
  fixedMs: number;
  jitterMs: number;
}

/** Everything the testkit can do wrong, on purpose. */
export interface FaultOptions {
  /** Seed of the PRNG behind every random choice, so that runs are reproducible. */
  seed: number;
  latency: LatencyOptions;
  /** Per-service token buckets; `false` disables throttling of that service. */
  throttle: Record<ServiceName, ServiceThrottle | false>;
  /** Share of requests (0..1) answered with 500 InternalServerError or 503 ServiceUnavailable. */
  errorRate: number;
  /** Share of requests (0..1) whose connection is destroyed without an answer. */
  resetRate: number;
  /** Share of requests (0..1) never answered: the client has to time out. */
  stallRate: number;
  /** Every request's connection is dropped at once, as if the endpoint were unreachable. */
  down: boolean;
  /** The services that latency, errors, resets, stalls and `down` apply to (throttling has its own switch). */
  services: ServiceName[];
}

/** A partial update of {@link FaultOptions}; nested `latency` and `throttle` merge field by field. */
export interface FaultOptionsInput {
  seed?: number;
  latency?: Partial<LatencyOptions>;
  throttle?: Partial<Record<ServiceName, ServiceThrottle | false>>;
  errorRate?: number;
  resetRate?: number;
  stallRate?: number;
  down?: boolean;
  services?: ServiceName[];
}

/** What to do with one request. */
export type FaultDecision =
  | { kind: "ok"; delayMs: number }
  | { kind: "throttle"; delayMs: number }
  | { kind: "error"; type: "InternalServerError" | "ServiceUnavailable"; status: 500 | 503; delayMs: number }
  | { kind: "reset"; delayMs: number }
  | { kind: "stall" }
  | { kind: "down" };

/**
 * The defaults: no latency or failures; SSM throttled at 40 requests per second per API with a
 * burst of 40 (AWS's standard Parameter Store throughput); Cost Explorer, whose rate AWS does not
 * publish, at 5 per second with a burst of 10; STS not throttled.
 *
 * @example
 * ```ts
 * const faults = defaultFaults();
 * faults.throttle.ssm; // { tps: 40, burst: 40 }
 * ```
 */
export function defaultFaults(): FaultOptions {
  return {
    seed: 1,
    latency: { fixedMs: 0, jitterMs: 0 },
    throttle: { ssm: { tps: 40, burst: 40 }, ce: { tps: 5, burst: 10 }, sts: false },
    errorRate: 0,
    resetRate: 0,
    stallRate: 0,
    down: false,
    services: ["ssm", "ce", "sts"],
  };
}

/**
 * A small, fast, seedable PRNG (mulberry32) returning numbers in [0, 1).
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random(); // the same sequence for the same seed
 * ```
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A token bucket whose clock is passed in, so it can be tested without waiting. */
export interface TokenBucket {
  /** Takes one token at `nowMs` (any monotonic milliseconds); false when empty. */
  take(nowMs: number): boolean;
}

/**
 * Creates a full {@link TokenBucket}.
 *
 * @example
 * ```ts
 * const bucket = createTokenBucket({ tps: 1, burst: 2 });
 * [bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(1000)]; // [true, true, false, true]
 * ```
 */
export function createTokenBucket(rule: ThrottleRule): TokenBucket {
  let tokens = rule.burst;
  let last: number | undefined;
  return {
    take(nowMs) {
      if (last !== undefined && nowMs > last) tokens = Math.min(rule.burst, tokens + ((nowMs - last) * rule.tps) / 1000);
      if (last === undefined || nowMs > last) last = nowMs;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

function checkRate(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
}

function checkRule(name: string, rule: ThrottleRule): void {
  if (!(rule.tps > 0)) throw new RangeError(`${name}.tps must be positive, got ${rule.tps}`);
  if (!(rule.burst >= 1)) throw new RangeError(`${name}.burst must be at least 1, got ${rule.burst}`);
}

/**
 * Merges a partial update into full options and validates the result (throws RangeError).
 *
 * @example
 * ```ts
 * mergeFaults(defaultFaults(), { latency: { fixedMs: 50 }, throttle: { ce: false } }).latency;
 * // { fixedMs: 50, jitterMs: 0 }
 * ```
 */
export function mergeFaults(base: FaultOptions, input: FaultOptionsInput): FaultOptions {
  const next: FaultOptions = {
    seed: input.seed ?? base.seed,
    latency: { ...base.latency, ...input.latency },
    throttle: { ...base.throttle, ...stripUndefined(input.throttle ?? {}) },
    errorRate: input.errorRate ?? base.errorRate,
    resetRate: input.resetRate ?? base.resetRate,
    stallRate: input.stallRate ?? base.stallRate,
    down: input.down ?? base.down,
    services: input.services ? [...input.services] : base.services,
  };
  checkRate("errorRate", next.errorRate);
  checkRate("resetRate", next.resetRate);
  checkRate("stallRate", next.stallRate);
  if (next.errorRate + next.resetRate + next.stallRate > 1) {
    throw new RangeError("errorRate + resetRate + stallRate must not exceed 1");
  }
  if (!(next.latency.fixedMs >= 0) || !(next.latency.jitterMs >= 0)) throw new RangeError("latency must not be negative");
  for (const [service, rule] of Object.entries(next.throttle)) {
    if (rule === false) continue;
    checkRule(`throttle.${service}`, rule);
    for (const [operation, op] of Object.entries(rule.operations ?? {})) {
      if (op !== false) checkRule(`throttle.${service}.operations.${operation}`, op);
    }
  }
  return next;
}

function stripUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** Decides the fate of each request; holds the PRNG and the token buckets. */
export interface FaultInjector {
  /** Decides for one request of `service`/`operation` arriving at `nowMs` (monotonic milliseconds). */
  decide(service: ServiceName, operation: string, nowMs: number): FaultDecision;
  /** The current options (a copy). */
  get(): FaultOptions;
  /** Applies a partial update; changed throttles start with full buckets, a new seed restarts the PRNG. */
  set(input: FaultOptionsInput): void;
  /** Refills every bucket and restarts the PRNG from the seed. */
  reset(): void;
}

/**
 * Creates a {@link FaultInjector}. Every decision draws the same number of random values, so a
 * given seed and request sequence always gives the same faults.
 *
 * @example
 * ```ts
 * const faults = createFaultInjector({ errorRate: 0.1, seed: 7 });
 * faults.decide("ssm", "GetParametersByPath", performance.now()); // { kind: "ok", delayMs: 0 } or an error
 * ```
 */
export function createFaultInjector(input: FaultOptionsInput = {}): FaultInjector {
  let options = mergeFaults(defaultFaults(), input);
  let random = createRandom(options.seed);
  let buckets = new Map<string, TokenBucket>();

  const bucketFor = (service: ServiceName, operation: string): TokenBucket | undefined => {
    const throttle = options.throttle[service];
    if (throttle === false) return undefined;
    const rule = throttle.operations?.[operation] ?? throttle;
    if (rule === false) return undefined;
    const key = `${service}.${operation}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = createTokenBucket(rule);
      buckets.set(key, bucket);
    }
    return bucket;
  };

  return {
    decide(service, operation, nowMs) {
      const draw = random();
      const jitter = random();
      const errorKind = random();
      const affected = options.services.includes(service);
      if (affected && options.down) return { kind: "down" };
      const delayMs = affected ? options.latency.fixedMs + jitter * options.latency.jitterMs : 0;
      const bucket = bucketFor(service, operation);
      if (bucket && !bucket.take(nowMs)) return { kind: "throttle", delayMs };
      if (affected) {
        const { stallRate, resetRate, errorRate } = options;
        if (draw < stallRate) return { kind: "stall" };
        if (draw < stallRate + resetRate) return { kind: "reset", delayMs };
        if (draw < stallRate + resetRate + errorRate) {
          return errorKind < 0.5
            ? { kind: "error", type: "InternalServerError", status: 500, delayMs }
            : { kind: "error", type: "ServiceUnavailable", status: 503, delayMs };
        }
      }
      return { kind: "ok", delayMs };
    },
    get: () => structuredClone(options),
    set(update) {
      const next = mergeFaults(options, update);
      if (update.seed !== undefined) random = createRandom(next.seed);
      if (update.throttle) {
        for (const service of Object.keys(update.throttle)) {
          for (const key of [...buckets.keys()]) if (key.startsWith(`${service}.`)) buckets.delete(key);
        }
      }
      options = next;
    },
    reset() {
      random = createRandom(options.seed);
      buckets = new Map();
    },
  };
}
