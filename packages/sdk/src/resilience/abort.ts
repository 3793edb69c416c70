import { AtlasError } from "../errors.js";

/** A sleep that can be cancelled: resolves after `ms`, rejects with ABORTED as soon as `signal` aborts. */
export type SleepFunction = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * The ABORTED error for a cancelled signal (its `reason` is kept as the cause).
 *
 * @example
 * if (signal.aborted) throw abortedError(signal);
 */
export function abortedError(signal?: AbortSignal): AtlasError {
  const reason: unknown = signal?.reason;
  if (reason instanceof AtlasError) return reason;
  return new AtlasError("ABORTED", "The operation was cancelled", { cause: reason });
}

/**
 * Throw ABORTED if `signal` has been aborted.
 *
 * @example
 * throwIfAborted(options.signal);
 */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortedError(signal);
}

/**
 * Wait `ms` milliseconds with real timers; stops at once with ABORTED when `signal` aborts.
 *
 * @example
 * await sleep(250, signal);
 */
export const sleep: SleepFunction = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/**
 * Settle with `promise`, or reject with ABORTED as soon as `signal` aborts (without waiting for it).
 *
 * @example
 * const page = await raceAbort(fetchPage(), signal);
 */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortedError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      promise.catch(() => undefined);
      reject(abortedError(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
