import type { CeResultByTime, GetCostAndUsageInput } from "../aws/cost-explorer-port.js";
import { AtlasError } from "../errors.js";
import { requestPriceUsd } from "./cost-amount.js";
import { costCacheKey, readCachedResults, writeCachedResults } from "./cost-cache.js";
import type { CostContext } from "./cost-context.js";
import { isFinalAnswer } from "./cost-finality.js";
import { type CostQuery, type DateRange, endOfMonth, splitRange, startOfMonth, toApiTimePeriod, validateCostQuery } from "./cost-query.js";
import { type CostResult, normalizeCostResults } from "./cost-result.js";
import { createChunkAssembler } from "./chunk-assembler.js";
import { type LedgerAnswerPlan, ledgerHoldsFinal, planLedgerAnswer, readLedgerResults } from "./ledger-answer.js";
import { readLedgerState } from "./ledger-state.js";
import type { SpendMeter } from "./spend-guard.js";

/**
 * Where one part of an answer comes from.
 *
 * @example
 * const source: CostPlanSource = "cache";
 */
export type CostPlanSource = "ledger" | "cache" | "aws";

/**
 * One part (a calendar month, clipped to the question) of a planned answer.
 *
 * @example
 * const part: CostPlanPart = { period: { start: "2026-01-01", end: "2026-01-31" }, source: "ledger" };
 */
export interface CostPlanPart {
  period: DateRange;
  source: CostPlanSource;
}

/**
 * One planned Cost Explorer request. `pages` is an estimate (1 unless known): every page is one
 * paid request.
 *
 * @example
 * const request: CostPlanRequest = { operation: "GetCostAndUsage", period: { start: "2026-03-01", end: "2026-03-10" }, pages: 1, reason: "not cached" };
 */
export interface CostPlanRequest {
  operation: "GetCostAndUsage" | "GetCostForecast" | "GetAnomalies";
  /** Inclusive days. */
  period: DateRange;
  pages: number;
  /** Why the request is needed. */
  reason: string;
}

/**
 * The requests a cost command would make and their price, computed without calling AWS.
 *
 * @example
 * const plan = await costs.plan({ start: "2026-01-01", end: "2026-03-10" });
 * plan.paidRequests; // 1 when January and February are cached
 */
export interface CostPlan {
  /** What is planned: "GetCostAndUsage", "sync", "GetCostForecast", "GetAnomalies" or "trend". */
  operation: string;
  requests: CostPlanRequest[];
  /** Sum of `pages` over `requests` (an estimate for paginated answers). */
  paidRequests: number;
  /** `paidRequests` x $0.01. */
  priceUsd: string;
  /** Parts served without a request (cache or ledger). */
  cached: number;
  /** True when every part is served from the local ledger. */
  fromLedger: boolean;
  /** The parts of the answer and their sources (queries only). */
  parts: CostPlanPart[];
}

interface PlannedPart extends CostPlanPart {
  results?: CeResultByTime[];
}

/** A query plan with what was already read from the ledger state and the cache. */
export interface InternalQueryPlan {
  query: CostQuery;
  parts: PlannedPart[];
  /** Consecutive parts to fetch, each run one request (paginated). */
  runs: DateRange[][];
  ledgerPlan: LedgerAnswerPlan | undefined;
}

/**
 * Parse and check a query, then refuse what `query()` does not answer (forecasts).
 *
 * @example
 * const query = checkCostQuery(ctx, { start: "2026-02-01", end: "2026-02-28" });
 */
export function checkCostQuery(ctx: CostContext, input: unknown): CostQuery {
  const query = validateCostQuery(input, { now: ctx.clock.now(), historyMonths: ctx.historyMonths });
  if (query.intent === "forecast") {
    throw new AtlasError("INVALID_QUERY", "This query asks for a forecast, which GetCostAndUsage does not answer", {
      hint: "Use forecast() (`aws-atlas cost forecast`) for the period ahead",
    });
  }
  return query;
}

function apiRequest(query: CostQuery, range: DateRange): Record<string, unknown> {
  const period = toApiTimePeriod({ start: range.start, end: range.end, granularity: query.granularity });
  return {
    TimePeriod: period,
    Granularity: query.granularity,
    Metrics: [...query.metrics].sort(),
    GroupBy: query.groupBy,
    Filter: query.filter ?? undefined,
  };
}

function cacheKeyOf(ctx: CostContext, query: CostQuery, range: DateRange): string {
  return costCacheKey("GetCostAndUsage", ctx.cacheScope, apiRequest(query, range));
}

async function lookupCache(ctx: CostContext, query: CostQuery, range: DateRange): Promise<CeResultByTime[] | undefined> {
  const storage = ctx.storage;
  if (storage === undefined) return undefined;
  const now = ctx.clock.now();
  const exact = await readCachedResults(storage.cache, cacheKeyOf(ctx, query, range), now);
  if (exact !== undefined) return exact.results;
  // A DAILY part of a month can be cut out of that whole month's cached answer.
  const month = { start: startOfMonth(range.start), end: endOfMonth(range.start) };
  if (query.granularity !== "DAILY" || (month.start === range.start && month.end === range.end)) return undefined;
  const whole = await readCachedResults(storage.cache, cacheKeyOf(ctx, query, month), now);
  if (whole === undefined) return undefined;
  return whole.results.filter((result) => result.timePeriod.start >= range.start && result.timePeriod.start <= range.end);
}

/**
 * Plan a validated query: split it into calendar months, serve each month from the ledger (all
 * days final there) or the cache (final, or not yet expired), and group the rest into runs of
 * consecutive months, one request each. Reads storage; never calls AWS.
 *
 * @example
 * const plan = await planCostQuery(ctx, query);
 */
export async function planCostQuery(ctx: CostContext, query: CostQuery): Promise<InternalQueryPlan> {
  const chunks = splitRange(query.start, query.end, "month");
  const state = ctx.storage === undefined ? undefined : await readLedgerState(ctx.storage.preferences);
  const ledgerPlan = state === undefined ? undefined : planLedgerAnswer(query, state);
  const parts: PlannedPart[] = [];
  for (const chunk of chunks) {
    if (state !== undefined && ledgerPlan !== undefined && ledgerHoldsFinal(state, chunk)) {
      parts.push({ period: chunk, source: "ledger" });
      continue;
    }
    const cached = await lookupCache(ctx, query, chunk);
    parts.push(cached === undefined ? { period: chunk, source: "aws" } : { period: chunk, source: "cache", results: cached });
  }
  const runs: DateRange[][] = [];
  let previous: CostPlanSource | undefined;
  for (const part of parts) {
    if (part.source === "aws") {
      const last = runs[runs.length - 1];
      if (previous === "aws" && last !== undefined) last.push(part.period);
      else runs.push([part.period]);
    }
    previous = part.source;
  }
  return { query, parts, runs, ledgerPlan };
}

/**
 * The public view of a query plan.
 *
 * @example
 * const plan = toCostPlan(await planCostQuery(ctx, query));
 */
export function toCostPlan(plan: InternalQueryPlan): CostPlan {
  const requests: CostPlanRequest[] = plan.runs.map((run) => ({
    operation: "GetCostAndUsage",
    period: { start: run[0]?.start ?? plan.query.start, end: run[run.length - 1]?.end ?? plan.query.end },
    pages: 1,
    reason: "not in the cache or the ledger (or no longer fresh)",
  }));
  const paidRequests = requests.reduce((sum, request) => sum + request.pages, 0);
  const served = plan.parts.filter((part) => part.source !== "aws").length;
  return {
    operation: "GetCostAndUsage",
    requests,
    paidRequests,
    priceUsd: requestPriceUsd(paidRequests),
    cached: served,
    fromLedger: plan.parts.length > 0 && plan.parts.every((part) => part.source === "ledger"),
    parts: plan.parts.map((part) => ({ period: part.period, source: part.source })),
  };
}

async function fetchRun(
  ctx: CostContext,
  query: CostQuery,
  run: DateRange[],
  meter: SpendMeter,
  signal: AbortSignal | undefined,
): Promise<Map<string, CeResultByTime[]>> {
  const first = run[0];
  const last = run[run.length - 1];
  const collected = new Map<string, CeResultByTime[]>();
  if (first === undefined || last === undefined) return collected;
  const period = toApiTimePeriod({ start: first.start, end: last.end, granularity: query.granularity });
  const input: GetCostAndUsageInput = {
    timePeriod: { start: period.Start, end: period.End },
    granularity: query.granularity,
    metrics: [...query.metrics],
    ...(query.groupBy.length === 0 ? {} : { groupBy: query.groupBy.map((group) => ({ type: group.type, key: group.key })) }),
    ...(query.filter === null ? {} : { filter: query.filter }),
  };
  const today = ctx.today();
  const now = ctx.clock.now();
  const assembler = createChunkAssembler(run, async (chunk, results) => {
    collected.set(chunk.start, results);
    if (ctx.storage === undefined) return;
    const final = isFinalAnswer(chunk, results, { today, restatementDays: ctx.restatementDays });
    await writeCachedResults(ctx.storage.cache, cacheKeyOf(ctx, query, chunk), results, { final, ttlMs: ctx.cacheTtlMs, now });
  });
  let token: string | undefined;
  let page = 0;
  do {
    page += 1;
    const label = `GetCostAndUsage ${first.start}..${last.end}${page > 1 ? ` page ${page}` : ""}`;
    const pageToken = token;
    const out = await ctx.call(
      (callSignal) => ctx.ce.getCostAndUsage(pageToken === undefined ? input : { ...input, nextPageToken: pageToken }, { signal: callSignal }),
      { meter, signal, label, error: { operation: "GetCostAndUsage", start: first.start, end: last.end, historyMonths: ctx.historyMonths } },
    );
    await assembler.push(out.resultsByTime);
    token = out.nextPageToken;
  } while (token !== undefined && token !== "");
  await assembler.finish();
  return collected;
}

/**
 * Answer a validated query: plan, check the spend guard before any call, fetch only the runs the
 * cache and ledger do not hold (every page), cache each month by finality, and normalise.
 *
 * @example
 * const result = await runCostQuery(ctx, query, createSpendMeter(ctx.spendGuard), { signal });
 */
export async function runCostQuery(
  ctx: CostContext,
  query: CostQuery,
  meter: SpendMeter,
  options: { signal?: AbortSignal | undefined; plan?: InternalQueryPlan } = {},
): Promise<CostResult> {
  const plan = options.plan ?? (await planCostQuery(ctx, query));
  meter.ensure(plan.runs.length, `The cost query ${query.start}..${query.end}`);
  const madeBefore = meter.made;
  const fetched = new Map<string, CeResultByTime[]>();
  for (const run of plan.runs) {
    for (const [start, results] of await fetchRun(ctx, query, run, meter, options.signal)) fetched.set(start, results);
  }
  const all: CeResultByTime[] = [];
  let fromLedger = 0;
  let cached = 0;
  for (const part of plan.parts) {
    if (part.source === "ledger" && plan.ledgerPlan !== undefined && ctx.storage !== undefined) {
      all.push(...(await readLedgerResults(ctx.storage.ledger, query, plan.ledgerPlan, part.period)));
      fromLedger += 1;
      cached += 1;
    } else if (part.source === "cache") {
      all.push(...(part.results ?? []));
      cached += 1;
    } else {
      all.push(...(fetched.get(part.period.start) ?? []));
    }
  }
  const { total, results } = normalizeCostResults(all, { metrics: query.metrics, grouped: query.groupBy.length > 0, granularity: query.granularity });
  const made = meter.made - madeBefore;
  ctx.logger.debug("cost query answered", { start: query.start, end: query.end, made, cached, fromLedger });
  return { query, total, results, requests: { made, cached, priceUsd: requestPriceUsd(made), fromLedger } };
}
