import * as z from "zod";
import { costCacheKey, COST_CACHE_KINDS, readCachedJson } from "./cost-cache.js";
import type { CostContext } from "./cost-context.js";
import { addDays, addMonths, startOfMonth } from "./cost-query.js";
import type { SpendMeter } from "./spend-guard.js";

/**
 * Options for {@link CostService.dimensionValues}.
 *
 * @example
 * const options: DimensionValuesOptions = { dimension: "SERVICE" };
 */
export interface DimensionValuesOptions {
  /** A Cost Explorer dimension (default SERVICE). */
  dimension?: string;
  signal?: AbortSignal;
}

const valuesSchema = z.object({ values: z.array(z.string()) });

/**
 * The values a dimension takes over all the history Cost Explorer keeps (GetDimensionValues, every
 * page), sorted; cached for the cache TTL. Feed `SERVICE` values to `createServiceResolver({ knownValues })`.
 *
 * @example
 * const services = await runDimensionValues(ctx, { dimension: "SERVICE" }, meter);
 */
export async function runDimensionValues(ctx: CostContext, options: DimensionValuesOptions, meter: SpendMeter): Promise<string[]> {
  const dimension = options.dimension ?? "SERVICE";
  const today = ctx.today();
  const timePeriod = { start: addMonths(startOfMonth(today), -ctx.historyMonths), end: addDays(today, 1) };
  const key = costCacheKey("GetDimensionValues", ctx.cacheScope, { dimension, timePeriod, context: "COST_AND_USAGE" });
  const now = ctx.clock.now();
  const storage = ctx.storage;
  if (storage !== undefined) {
    const hit = valuesSchema.safeParse(await readCachedJson(storage.cache, key, now));
    if (hit.success) return hit.data.values;
  }
  meter.ensure(1, `Listing the ${dimension} values`);
  const values = new Set<string>();
  let token: string | undefined;
  let page = 0;
  do {
    page += 1;
    const pageToken = token;
    const out = await ctx.call(
      (signal) =>
        ctx.ce.getDimensionValues(
          { timePeriod, dimension, context: "COST_AND_USAGE", ...(pageToken === undefined ? {} : { nextPageToken: pageToken }) },
          { signal },
        ),
      {
        meter,
        signal: options.signal,
        label: `GetDimensionValues ${dimension} page ${page}`,
        error: { operation: "GetDimensionValues", start: timePeriod.start, end: today },
      },
    );
    for (const value of out.values) values.add(value.value);
    token = out.nextPageToken;
  } while (token !== undefined && token !== "");
  const sorted = [...values].sort();
  if (storage !== undefined) {
    await storage.cache.set(key, JSON.stringify({ values: sorted }), { ttlMs: ctx.cacheTtlMs, now, kind: COST_CACHE_KINDS.dimensionValues });
  }
  return sorted;
}
