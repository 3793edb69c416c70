import { createHash } from "node:crypto";
import * as z from "zod";
import type { CeResultByTime } from "../aws/cost-explorer-port.js";
import type { CacheRepository } from "../storage/cache-repository.js";

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so that two equal
 * requests always produce the same text.
 *
 * @example
 * canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] }); // '{"a":[{"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * A cache key for one Cost Explorer request: `ce:<operation>:` and the SHA-256 of the canonical
 * JSON of the request and the account context (`scope`: who asks, through which endpoint), so
 * that two accounts never share an answer.
 *
 * @example
 * costCacheKey("GetCostAndUsage", "123456789012", { TimePeriod: { Start: "2026-01-01", End: "2026-02-01" } });
 */
export function costCacheKey(operation: string, scope: string, request: unknown): string {
  const digest = createHash("sha256").update(canonicalJson({ v: 1, operation, scope, request })).digest("hex");
  return `ce:${operation}:${digest}`;
}

const metricValueSchema = z.object({ amount: z.string(), unit: z.string() });
const resultByTimeSchema = z.object({
  timePeriod: z.object({ start: z.string(), end: z.string() }),
  total: z.record(z.string(), metricValueSchema),
  groups: z.array(z.object({ keys: z.array(z.string()), metrics: z.record(z.string(), metricValueSchema) })),
  estimated: z.boolean(),
});
const cachedAnswerSchema = z.object({ v: z.literal(1), results: z.array(resultByTimeSchema) });

/**
 * Cache kinds the cost service writes (for `cache stats`).
 *
 * @example
 * await storage.cache.clear({ kind: COST_CACHE_KINDS.forecast });
 */
export const COST_CACHE_KINDS = {
  costAndUsage: "ce:GetCostAndUsage",
  forecast: "ce:GetCostForecast",
  anomalies: "ce:GetAnomalies",
  dimensionValues: "ce:GetDimensionValues",
} as const;

/**
 * Read a cached GetCostAndUsage answer (merged pages). An unreadable body counts as a miss.
 *
 * @example
 * const hit = await readCachedResults(storage.cache, key, new Date());
 */
export async function readCachedResults(cache: CacheRepository, key: string, now: Date): Promise<{ results: CeResultByTime[]; final: boolean } | undefined> {
  const entry = await cache.get(key, { now });
  if (entry === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(entry.body);
  } catch {
    return undefined;
  }
  const parsed = cachedAnswerSchema.safeParse(json);
  return parsed.success ? { results: parsed.data.results, final: entry.final } : undefined;
}

/**
 * Store a GetCostAndUsage answer: forever when `final`, else for `ttlMs`.
 *
 * @example
 * await writeCachedResults(storage.cache, key, results, { final: true, ttlMs: 86_400_000, now: new Date() });
 */
export async function writeCachedResults(
  cache: CacheRepository,
  key: string,
  results: readonly CeResultByTime[],
  options: { final: boolean; ttlMs: number; now: Date },
): Promise<void> {
  await cache.set(key, JSON.stringify({ v: 1, results }), {
    final: options.final,
    ttlMs: options.ttlMs,
    now: options.now,
    kind: COST_CACHE_KINDS.costAndUsage,
  });
}

/**
 * Read any JSON value cached under `key` (forecasts, anomalies), or undefined.
 *
 * @example
 * const hit = await readCachedJson(storage.cache, key, new Date());
 */
export async function readCachedJson(cache: CacheRepository, key: string, now: Date): Promise<unknown> {
  const entry = await cache.get(key, { now });
  if (entry === undefined) return undefined;
  try {
    return JSON.parse(entry.body) as unknown;
  } catch {
    return undefined;
  }
}
