/** The states of a {@link CircuitBreaker}. */
export type CircuitState = "closed" | "open" | "half-open";

/** Options for {@link createCircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 10). */
  failures?: number;
  /** After this long open, one trial call may pass (default 10,000 ms). */
  halfOpenAfterMs?: number;
}

/** What the breaker says about a call about to start. */
export type CircuitDecision = "pass" | "trial" | "reject";

/**
 * A consecutive-failure circuit breaker: after `failures` failures in a row it opens and rejects calls; after
 * `halfOpenAfterMs` one trial call passes, and its outcome closes or re-opens the circuit.
 */
export interface CircuitBreaker {
  /** Ask before each attempt. A "trial" must be followed by `onSuccess` or `onFailure`. */
  decide(nowMs: number): CircuitDecision;
  /** The endpoint answered (any answer that proves it is up). */
  onSuccess(): void;
  /** The endpoint failed (5xx, network error, timeout); `trial` when this call was the half-open trial. */
  onFailure(nowMs: number, trial?: boolean): void;
  /** A trial that never reached the endpoint (aborted): let another call try. */
  onTrialCancelled(): void;
  state(nowMs: number): CircuitState;
  /** Milliseconds until a trial may pass (0 unless open). */
  retryAfterMs(nowMs: number): number;
}

/**
 * Create a {@link CircuitBreaker}.
 *
 * @example
 * const breaker = createCircuitBreaker({ failures: 10, halfOpenAfterMs: 10_000 });
 * if (breaker.decide(Date.now()) === "reject") throw new AtlasError("CIRCUIT_OPEN", "...");
 */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const threshold = Math.max(1, options.failures ?? 10);
  const halfOpenAfterMs = options.halfOpenAfterMs ?? 10_000;
  let consecutive = 0;
  let openedAt: number | undefined;
  let trialInFlight = false;

  const state = (now: number): CircuitState => {
    if (openedAt === undefined) return "closed";
    return now - openedAt >= halfOpenAfterMs ? "half-open" : "open";
  };

  return {
    decide(now) {
      switch (state(now)) {
        case "closed":
          return "pass";
        case "open":
          return "reject";
        case "half-open":
          if (trialInFlight) return "reject";
          trialInFlight = true;
          return "trial";
      }
    },
    onSuccess() {
      consecutive = 0;
      openedAt = undefined;
      trialInFlight = false;
    },
    onFailure(now, trial = false) {
      consecutive += 1;
      if (trial) {
        trialInFlight = false;
        openedAt = now;
      } else if (openedAt === undefined && consecutive >= threshold) openedAt = now;
    },
    onTrialCancelled() {
      trialInFlight = false;
    },
    state,
    retryAfterMs(now) {
      return openedAt === undefined ? 0 : Math.max(0, openedAt + halfOpenAfterMs - now);
    },
  };
}
