import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AtlasError } from "../errors.js";
import { createResiliencePolicy, noopPolicy, type AttemptEvent } from "./resilience-policy.js";
import { createVirtualTime } from "./virtual-time.test-util.js";

const throttled = () => new AtlasError("THROTTLED", "Rate exceeded", { details: { retryable: true, awsError: "ThrottlingException" } });
/** One turn of the event loop, like a real call. */
const tick = () => Promise.resolve();
const unavailable = () => new AtlasError("AWS_UNAVAILABLE", "503", { details: { retryable: true } });

function fastPolicy(time: ReturnType<typeof createVirtualTime>, overrides: Parameters<typeof createResiliencePolicy>[0] = {}) {
  return createResiliencePolicy({ timeoutMs: 0, now: time.now, sleep: time.sleep, random: () => 0.5, ...overrides });
}

describe("createResiliencePolicy", () => {
  it("never starts more than maxRps calls in any one-second window, nor more than `concurrency` at once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 120 }),
        async (maxRps, concurrency, latencies) => {
          const time = createVirtualTime(5_000);
          const policy = fastPolicy(time, { maxRps, concurrency });
          const starts: number[] = [];
          let active = 0;
          let peak = 0;
          const all = Promise.all(
            latencies.map((latency) =>
              policy.execute(async () => {
                await tick();
                starts.push(time.now());
                active += 1;
                peak = Math.max(peak, active);
                await time.sleep(latency);
                active -= 1;
                return latency;
              }),
            ),
          );
          expect(await time.run(all)).toEqual(latencies);
          expect(peak).toBeLessThanOrEqual(concurrency);
          starts.sort((a, b) => a - b);
          let lo = 0;
          for (let hi = 0; hi < starts.length; hi += 1) {
            while ((starts[hi] ?? 0) - (starts[lo] ?? 0) >= 1_000 - 1e-6) lo += 1;
            expect(hi - lo + 1).toBeLessThanOrEqual(maxRps);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("retries throttling with bounded full-jitter backoff and counts it", async () => {
    const time = createVirtualTime();
    const policy = fastPolicy(time, { baseDelayMs: 100, maxDelayMs: 5_000, random: () => 0.999 });
    let calls = 0;
    const events: AttemptEvent[] = [];
    const result = await time.run(
      policy.execute(
        async () => {
          await tick();
          calls += 1;
          if (calls <= 3) throw throttled();
          return "ok";
        },
        { onAttempt: (e) => events.push(e) },
      ),
    );
    expect(result).toBe("ok");
    expect(policy.stats()).toMatchObject({ calls: 4, throttled: 3, retries: 3, failures: 0 });
    expect(events.map((e) => e.outcome)).toEqual(["throttled", "throttled", "throttled", "success"]);
    const backoffs = time.sleeps.filter((ms) => ms > 60); // rate-limit waits are shorter
    expect(backoffs).toHaveLength(3);
    backoffs.forEach((ms, attempt) => expect(ms).toBeLessThanOrEqual(100 * 2 ** attempt));
    expect(policy.stats().rps).toBeLessThan(40); // the limiter slowed down
  });

  it("retries 5xx and network errors but not client errors", async () => {
    const time = createVirtualTime();
    const policy = fastPolicy(time);
    let n = 0;
    await expect(
      time.run(
        policy.execute(async () => {
          await tick();
          n += 1;
          if (n === 1) throw unavailable();
          if (n === 2) throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
          return n;
        }),
      ),
    ).resolves.toBe(3);

    let m = 0;
    const notFound = policy.execute(async () => {
      await tick();
      m += 1;
      throw new AtlasError("NOT_FOUND", "missing");
    });
    await expect(time.run(notFound)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(m).toBe(1);
  });

  it("gives up after maxRetries with the last error", async () => {
    const time = createVirtualTime();
    const policy = fastPolicy(time, { maxRetries: 2 });
    let n = 0;
    const run = policy.execute(async () => {
      await tick();
      n += 1;
      throw throttled();
    });
    await expect(time.run(run)).rejects.toMatchObject({ code: "THROTTLED" });
    expect(n).toBe(3);
    expect(policy.stats()).toMatchObject({ calls: 3, retries: 2, failures: 1 });
  });

  it("opens the circuit after consecutive failures so every waiting and new call fails fast", async () => {
    const time = createVirtualTime();
    const policy = fastPolicy(time, { maxRetries: 0, concurrency: 1, circuit: { failures: 3, halfOpenAfterMs: 10_000 } });
    let calls = 0;
    const down = () =>
      policy.execute(async () => {
        await tick();
        calls += 1;
        throw unavailable();
      });
    const results = await time.run(Promise.allSettled(Array.from({ length: 20 }, down)));
    expect(calls).toBe(3);
    expect(results.slice(3).every((r) => r.status === "rejected" && (r.reason as AtlasError).code === "CIRCUIT_OPEN")).toBe(true);
    expect(policy.stats().circuit).toBe("open");
    const start = time.now();
    await expect(time.run(down())).rejects.toMatchObject({ code: "CIRCUIT_OPEN" });
    expect(time.now()).toBe(start);
  });

  it("cuts retry backoffs short when the circuit opens", async () => {
    const time = createVirtualTime();
    const policy = fastPolicy(time, { maxRetries: 5, baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.99, circuit: { failures: 4 } });
    const calls = Array.from({ length: 4 }, () =>
      policy.execute(async () => {
        await tick();
        throw unavailable();
      }),
    );
    const results = await time.run(Promise.allSettled(calls));
    expect(results.every((r) => r.status === "rejected" && (r.reason as AtlasError).code === "CIRCUIT_OPEN")).toBe(true);
    expect(time.now()).toBeLessThan(60_000);
  });

  it("lets one trial call through after the pause and closes on success", async () => {
    const time = createVirtualTime();
    const policy = fastPolicy(time, { maxRetries: 0, circuit: { failures: 1, halfOpenAfterMs: 1_000 } });
    await expect(time.run(policy.execute(async () => Promise.reject(unavailable())))).rejects.toMatchObject({ code: "AWS_UNAVAILABLE" });
    await expect(time.run(policy.execute(() => Promise.resolve("x")))).rejects.toMatchObject({ code: "CIRCUIT_OPEN" });
    await time.run(time.sleep(1_000));
    await expect(time.run(policy.execute(() => Promise.resolve("up")))).resolves.toBe("up");
    expect(policy.stats().circuit).toBe("closed");
  });

  it("stops waiting at once when aborted: in the queue, in backoff and in the call", async () => {
    const time = createVirtualTime();
    const policy = fastPolicy(time, { concurrency: 1, baseDelayMs: 10_000, maxDelayMs: 10_000 });
    const controller = new AbortController();
    const hanging = policy.execute(() => new Promise<never>(() => undefined), { signal: controller.signal });
    const queued = policy.execute(() => Promise.resolve("never"), { signal: controller.signal });
    const inBackoff = policy.execute(async () => Promise.reject(throttled()), { signal: controller.signal });
    await new Promise((r) => setImmediate(r));
    controller.abort();
    for (const p of [hanging, queued, inBackoff]) await expect(p).rejects.toMatchObject({ code: "ABORTED" });
    await expect(policy.execute(() => Promise.resolve(1), { signal: controller.signal })).rejects.toMatchObject({ code: "ABORTED" });
  });

  it("times out a stuck attempt, retries it, and reports a retryable AWS_UNAVAILABLE", async () => {
    const policy = createResiliencePolicy({ timeoutMs: 20, maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 });
    const seen: AbortSignal[] = [];
    const err: unknown = await policy
      .execute((signal) => {
        seen.push(signal);
        return new Promise<never>(() => undefined);
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "AWS_UNAVAILABLE", details: { timeout: true, retryable: true } });
    expect(seen).toHaveLength(2);
    expect(seen.every((s) => s.aborted)).toBe(true);
  });

  it("runs higher-priority calls first when they wait together", async () => {
    const time = createVirtualTime();
    const policy = fastPolicy(time, { concurrency: 1, maxRps: 1000 });
    const order: string[] = [];
    const blocker = policy.execute(() => time.sleep(10));
    const low = policy.execute(() => Promise.resolve(void order.push("low")), { priority: 0 });
    const high = policy.execute(() => Promise.resolve(void order.push("high")), { priority: 5 });
    await time.run(Promise.all([blocker, low, high]));
    expect(order).toEqual(["high", "low"]);
  });
});

describe("noopPolicy", () => {
  it("calls once, counts, and maps unknown errors", async () => {
    const policy = noopPolicy();
    await expect(policy.execute(() => Promise.resolve(1))).resolves.toBe(1);
    await expect(policy.execute(async () => Promise.reject(Object.assign(new Error("x"), { name: "ThrottlingException" })))).rejects.toMatchObject({
      code: "THROTTLED",
    });
    expect(policy.stats()).toMatchObject({ calls: 2, throttled: 1, failures: 1, retries: 0 });
  });
});
