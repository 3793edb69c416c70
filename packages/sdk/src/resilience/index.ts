export {
  createResiliencePolicy,
  noopPolicy,
  type AttemptEvent,
  type AttemptOutcome,
  type ExecuteOptions,
  type ResiliencePolicy,
  type ResiliencePolicyOptions,
  type ResilienceStats,
} from "./resilience-policy.js";
export { createAdaptiveRateLimiter, type AdaptiveRateLimiter, type AdaptiveRateLimiterOptions } from "./adaptive-rate-limiter.js";
export {
  createCircuitBreaker,
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitDecision,
  type CircuitState,
} from "./circuit-breaker.js";
export { backoffCap, backoffDelay, type BackoffOptions } from "./backoff.js";
export { type SleepFunction } from "./abort.js";
