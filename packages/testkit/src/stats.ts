/** Counters of one operation (or a sum of operations). */
export interface OperationStats {
  /** Every request received. */
  requests: number;
  /** Answered successfully. */
  ok: number;
  /** Answered with ThrottlingException / LimitExceededException. */
  throttled: number;
  /** Answered with any other error: validation, not found, injected 5xx. */
  errors: number;
  /** Connection destroyed without an answer (injected resets and `down`). */
  resets: number;
  /** Left unanswered on purpose. */
  stalls: number;
}

/** A snapshot of the server's counters. */
export interface AwsServerStats {
  /** Keyed by `service.Operation`, e.g. `ssm.GetParametersByPath`, `ce.GetCostAndUsage`. */
  operations: Record<string, OperationStats>;
  /** Keyed by service: `ssm`, `ce` (and `unknown` for unrecognised targets). */
  services: Record<string, OperationStats>;
  totals: OperationStats;
  /** What the same calls would have cost on AWS: $0.01 per successful Cost Explorer request (each page). */
  costExplorer: {
    paidRequests: number;
    /** Exact decimal string, e.g. `"0.12"`. */
    priceUsd: string;
  };
}

/** How a request ended. */
export type RequestOutcome = "ok" | "throttled" | "error" | "reset" | "stall";

/** Mutable counters behind {@link AwsServerStats}. */
export interface StatsCollector {
  /** Counts a request as received. */
  request(service: string, operation: string): void;
  /** Counts how a received request ended. */
  outcome(service: string, operation: string, outcome: RequestOutcome): void;
  snapshot(): AwsServerStats;
  reset(): void;
}

/** Cents per successful Cost Explorer request. */
const CE_PRICE_CENTS = 1;

function empty(): OperationStats {
  return { requests: 0, ok: 0, throttled: 0, errors: 0, resets: 0, stalls: 0 };
}

function add(into: OperationStats, from: OperationStats): void {
  into.requests += from.requests;
  into.ok += from.ok;
  into.throttled += from.throttled;
  into.errors += from.errors;
  into.resets += from.resets;
  into.stalls += from.stalls;
}

/**
 * Formats integer cents as a dollar string without going through binary floating point.
 *
 * @example
 * ```ts
 * formatCents(1234); // "12.34"
 * ```
 */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const FIELD: Record<RequestOutcome, keyof OperationStats> = {
  ok: "ok",
  throttled: "throttled",
  error: "errors",
  reset: "resets",
  stall: "stalls",
};

/**
 * Creates the server's counters.
 *
 * @example
 * ```ts
 * const stats = createStatsCollector();
 * stats.request("ce", "GetCostAndUsage");
 * stats.outcome("ce", "GetCostAndUsage", "ok");
 * stats.snapshot().costExplorer.priceUsd; // "0.01"
 * ```
 */
export function createStatsCollector(): StatsCollector {
  let byOperation = new Map<string, OperationStats>();
  let ceCents = 0;
  let cePaid = 0;

  const entry = (service: string, operation: string): OperationStats => {
    const key = `${service}.${operation}`;
    let stats = byOperation.get(key);
    if (!stats) {
      stats = empty();
      byOperation.set(key, stats);
    }
    return stats;
  };

  return {
    request(service, operation) {
      entry(service, operation).requests++;
    },
    outcome(service, operation, outcome) {
      entry(service, operation)[FIELD[outcome]]++;
      if (service === "ce" && outcome === "ok") {
        cePaid++;
        ceCents += CE_PRICE_CENTS;
      }
    },
    snapshot() {
      const operations: Record<string, OperationStats> = {};
      const services: Record<string, OperationStats> = {};
      const totals = empty();
      for (const key of [...byOperation.keys()].sort()) {
        const stats = byOperation.get(key);
        if (!stats) continue;
        operations[key] = { ...stats };
        const service = key.slice(0, key.indexOf("."));
        add((services[service] ??= empty()), stats);
        add(totals, stats);
      }
      return { operations, services, totals, costExplorer: { paidRequests: cePaid, priceUsd: formatCents(ceCents) } };
    },
    reset() {
      byOperation = new Map();
      ceCents = 0;
      cePaid = 0;
    },
  };
}
