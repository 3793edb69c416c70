import { abortedError, type SleepFunction } from "./abort.js";

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** A virtual clock for tests: `sleep` registers a timer; `run` advances time from timer to timer. */
export interface VirtualTime {
  now: () => number;
  sleep: SleepFunction;
  /** Every `sleep` duration requested, in order. */
  sleeps: number[];
  /** Drive timers until `promise` settles; returns its result. */
  run<T>(promise: Promise<T>): Promise<T>;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createVirtualTime(start = 0): VirtualTime {
  let time = start;
  let seq = 0;
  const timers: Timer[] = [];
  const sleeps: number[] = [];
  const sleep: SleepFunction = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortedError(signal));
        return;
      }
      sleeps.push(ms);
      const timer: Timer = {
        at: time + Math.max(0, ms),
        seq: seq++,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const i = timers.indexOf(timer);
        if (i >= 0) timers.splice(i, 1);
        reject(abortedError(signal));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      timers.push(timer);
    });
  return {
    now: () => time,
    sleep,
    sleeps,
    async run<T>(promise: Promise<T>): Promise<T> {
      let settled = false;
      promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      for (let steps = 0; steps < 1_000_000; steps += 1) {
        await flush();
        if (settled) return promise;
        if (timers.length === 0) throw new Error("virtual time: nothing left to run and the promise is pending");
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift();
        if (next) {
          time = Math.max(time, next.at);
          next.resolve();
        }
      }
      throw new Error("virtual time: too many steps");
    },
  };
}
