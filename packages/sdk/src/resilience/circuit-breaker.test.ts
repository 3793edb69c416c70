import { describe, expect, it } from "vitest";
import { createCircuitBreaker } from "./circuit-breaker.js";

describe("createCircuitBreaker", () => {
  it("opens after N consecutive failures, lets one trial through after the pause, and closes on success", () => {
    const breaker = createCircuitBreaker({ failures: 3, halfOpenAfterMs: 1_000 });
    breaker.onFailure(0);
    breaker.onFailure(0);
    breaker.onSuccess();
    breaker.onFailure(0);
    breaker.onFailure(0);
    expect(breaker.decide(0)).toBe("pass");
    breaker.onFailure(10);
    expect(breaker.state(10)).toBe("open");
    expect(breaker.decide(500)).toBe("reject");
    expect(breaker.retryAfterMs(500)).toBe(510);
    expect(breaker.decide(1_010)).toBe("trial");
    expect(breaker.decide(1_010)).toBe("reject");
    breaker.onSuccess();
    expect(breaker.state(1_010)).toBe("closed");
  });

  it("re-opens when the trial fails, and frees the trial slot when it is cancelled", () => {
    const breaker = createCircuitBreaker({ failures: 1, halfOpenAfterMs: 100 });
    breaker.onFailure(0);
    expect(breaker.decide(100)).toBe("trial");
    breaker.onFailure(150, true);
    expect(breaker.state(200)).toBe("open");
    expect(breaker.decide(250)).toBe("trial");
    breaker.onTrialCancelled();
    expect(breaker.decide(250)).toBe("trial");
  });
});
