// GetCostAndUsage: exact sums per period and group, AWS's response shape and pagination.
import type { RequestContext } from "../protocol.js";
import { aggregate, periodsOf, type Aggregation, type Granularity, type Period } from "./aggregate.js";
import { dayOf, formatDay, formatHour } from "./dates.js";
import { compileFilter } from "./expression.js";
import { COST_METRICS, METRIC_DECIMALS, formatUnits, type CostMetric } from "./fixed-point.js";
import { GROUP_BY_DIMENSIONS, type DimensionName, type LedgerIndex } from "./ledger-index.js";
import { decodePageToken, encodePageToken, fingerprintOf, invalid, isRecord, optionalString } from "./request.js";
import { estimatedFrom, readGranularity, readTimePeriod } from "./time-period.js";

/**
 * Settings of the Cost Explorer handlers that shape answers.
 *
 * @example
 * const settings: AnswerSettings = { pageSize: 200, estimatedDays: 3 };
 */
export interface AnswerSettings {
  readonly pageSize: number;
  readonly estimatedDays: number;
}

/**
 * A GroupBy entry as checked.
 *
 * @example
 * const bySerivce: GroupDefinition = { Type: "DIMENSION", Key: "SERVICE" };
 */
export interface GroupDefinition {
  readonly Type: "DIMENSION" | "TAG" | "COST_CATEGORY";
  readonly Key: string;
}

const USAGE_METRICS: ReadonlySet<CostMetric> = new Set(["UsageQuantity", "NormalizedUsageAmount"]);

/**
 * Reads `Metrics`: required, each one of the seven (any case, echoed as sent), no duplicates.
 *
 * @example
 * readMetrics({ Metrics: ["unblendedcost"] }).metrics; // ["UnblendedCost"]
 */
export function readMetrics(body: Record<string, unknown>): { requested: string[]; metrics: CostMetric[] } {
  const value = body.Metrics;
  if (!Array.isArray(value) || value.length === 0) throw invalid("Metrics is required: provide at least one metric");
  const requested: string[] = [];
  const metrics: CostMetric[] = [];
  for (const item of value) {
    const metric = typeof item === "string" ? COST_METRICS.find((name) => name.toLowerCase() === item.toLowerCase()) : undefined;
    if (typeof item !== "string" || !metric) {
      throw invalid(`Metrics are invalid: '${String(item)}'. Valid values are ${COST_METRICS.join(", ")}`);
    }
    if (requested.includes(item)) continue;
    requested.push(item);
    metrics.push(metric);
  }
  return { requested, metrics };
}

function readGroupBy(body: Record<string, unknown>): GroupDefinition[] {
  const value = body.GroupBy;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid("GroupBy must be a list of GroupDefinition");
  if (value.length > 2) throw invalid("You can group by at most two different groups");
  const definitions = value.map((item): GroupDefinition => {
    if (!isRecord(item)) throw invalid("GroupBy must be a list of GroupDefinition");
    const type = optionalString(item, "Type");
    const key = optionalString(item, "Key");
    if (type !== "DIMENSION" && type !== "TAG" && type !== "COST_CATEGORY") {
      throw invalid(`Group Definition type is invalid: '${String(type)}'. Valid values are DIMENSION, TAG and COST_CATEGORY`);
    }
    if (!key) throw invalid("Group Definition key is required");
    if (type === "DIMENSION" && !GROUP_BY_DIMENSIONS.has(key)) {
      throw invalid(`Group Definition dimension is invalid: '${key}'. Valid values are ${[...GROUP_BY_DIMENSIONS].join(", ")}`);
    }
    return { Type: type, Key: key };
  });
  const first = definitions[0];
  const second = definitions[1];
  if (first && second && first.Type === second.Type && first.Key === second.Key) throw invalid("Group Definitions must be different");
  return definitions;
}

/**
 * Each line's group and the groups' keys, in answer order.
 *
 * @example
 * const keysOfFirstGroup = grouping.keys[0];
 */
export interface Grouping {
  readonly keys: readonly (readonly string[])[];
  readonly groupOfLine: Int32Array;
}

function groupLines(index: LedgerIndex, definitions: readonly GroupDefinition[]): Grouping {
  const lines = index.dataset.lineItems;
  const columns = definitions.map((definition): readonly string[] => {
    switch (definition.Type) {
      case "DIMENSION":
        return index.valuesOf(definition.Key as DimensionName);
      case "TAG":
        return lines.map((line) => `${definition.Key}$${line.tags[definition.Key] ?? ""}`);
      case "COST_CATEGORY":
        return lines.map((line) => `${definition.Key}$${line.costCategories[definition.Key] ?? ""}`);
    }
  });
  const joined = lines.map((_, line) => columns.map((column) => column[line] ?? "").join("\u0001"));
  const distinct = [...new Set(joined)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const position = new Map(distinct.map((key, group) => [key, group]));
  return {
    keys: distinct.map((key) => key.split("\u0001")),
    groupOfLine: Int32Array.from(joined, (key) => position.get(key) ?? 0),
  };
}

/**
 * Computed answers kept between the pages of one request, so paging does not recompute the sums.
 *
 * @example
 * const cache: AnswerCache = createAnswerCache(4);
 */
export interface AnswerCache {
  get(key: string): ComputedAnswer | undefined;
  set(key: string, value: ComputedAnswer): void;
}

/**
 * What a GetCostAndUsage request computes once for all its pages.
 *
 * @example
 * const periods = computed.periods.length;
 */
export interface ComputedAnswer {
  readonly granularity: Granularity;
  readonly requested: readonly string[];
  readonly metrics: readonly CostMetric[];
  readonly definitions: readonly GroupDefinition[];
  readonly periods: readonly Period[];
  readonly grouping: Grouping | undefined;
  readonly result: Aggregation;
  /**
   * What pages are cut from: each cell with data (`period * groups + group`), and `-1 - period` for a
   * period without any, so that every period appears once. A period's groups may continue on the
   * next page, as on AWS.
   */
  readonly items: Int32Array;
}

/**
 * A small least-recently-used {@link AnswerCache}.
 *
 * @example
 * const cache = createAnswerCache(8);
 */
export function createAnswerCache(size = 8): AnswerCache {
  const entries = new Map<string, ComputedAnswer>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.set(key, value);
      while (entries.size > size) entries.delete(entries.keys().next().value ?? key);
    },
  };
}

function compute(body: Record<string, unknown>, ctx: RequestContext, index: LedgerIndex): ComputedAnswer {
  const granularity = readGranularity(body, ["DAILY", "MONTHLY", "HOURLY"]);
  const { requested, metrics } = readMetrics(body);
  const definitions = readGroupBy(body);
  const mask = compileFilter(body.Filter, index);
  const window = readTimePeriod({ body, granularity, now: ctx.now, index });
  const periods = periodsOf(granularity, window.start, window.end);
  const grouping = definitions.length > 0 ? groupLines(index, definitions) : undefined;
  const groupCount = grouping ? grouping.keys.length : 1;
  const result = aggregate({ index, granularity, periods, metrics, mask, groupOfLine: grouping?.groupOfLine, groupCount });
  const items: number[] = [];
  if (grouping) {
    periods.forEach((_, p) => {
      const before = items.length;
      for (let g = 0; g < groupCount; g++) if (result.seen[p * groupCount + g] === 1) items.push(p * groupCount + g);
      if (items.length === before) items.push(-1 - p);
    });
  }
  return { granularity, requested, metrics, definitions, periods, grouping, result, items: Int32Array.from(items) };
}

/**
 * The GetCostAndUsage handler.
 *
 * @example
 * getCostAndUsage({ TimePeriod: { Start: "2026-02-01", End: "2026-03-01" }, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] }, { now }, index, settings);
 */
export function getCostAndUsage(
  body: Record<string, unknown>,
  ctx: RequestContext,
  index: LedgerIndex,
  settings: AnswerSettings,
  cache: AnswerCache = createAnswerCache(0),
): unknown {
  const fingerprint = fingerprintOf(body);
  const cacheKey = `${fingerprint}|${dayOf(ctx.now)}`;
  const computed = cache.get(cacheKey) ?? compute(body, ctx, index);
  cache.set(cacheKey, computed);
  const { granularity, requested, metrics, definitions, periods, grouping, result } = computed;
  const groupCount = grouping ? grouping.keys.length : 1;
  const estimatedSince = estimatedFrom(ctx.now, settings.estimatedDays);

  const metricsOf = (cell: number): Record<string, { Amount: string; Unit: string }> => {
    const values: Record<string, { Amount: string; Unit: string }> = {};
    metrics.forEach((metric, m) => {
      const unitId = result.usageUnits[cell] ?? -1;
      const unit = !USAGE_METRICS.has(metric)
        ? "USD"
        : metric === "UsageQuantity" && unitId >= 0
          ? (index.units[unitId] ?? "N/A")
          : "N/A";
      values[requested[m] ?? metric] = { Amount: formatUnits(result.sums.get(cell * metrics.length + m), METRIC_DECIMALS[metric]), Unit: unit };
    });
    return values;
  };
  const timePeriodOf = (period: Period): { Start: string; End: string } =>
    granularity === "HOURLY"
      ? { Start: formatHour(period.start), End: formatHour(period.end) }
      : { Start: formatDay(period.start), End: formatDay(period.end) };
  const isEstimated = (period: Period): boolean =>
    (granularity === "HOURLY" ? Math.floor((period.end - 1) / 24) : period.end - 1) >= estimatedSince;

  if (!grouping) {
    if (optionalString(body, "NextPageToken") !== undefined) decodePageToken(optionalString(body, "NextPageToken"), fingerprint, 0);
    return {
      ResultsByTime: periods.map((period, p) => ({ TimePeriod: timePeriodOf(period), Total: metricsOf(p), Groups: [], Estimated: isEstimated(period) })),
      DimensionValueAttributes: [],
    };
  }

  const { items } = computed;
  const offset = decodePageToken(optionalString(body, "NextPageToken"), fingerprint, items.length);
  const page = items.slice(offset, offset + settings.pageSize);
  const resultsByTime: { TimePeriod: { Start: string; End: string }; Total: Record<string, never>; Groups: unknown[]; Estimated: boolean }[] = [];
  let current = -1;
  const accounts = new Set<string>();
  const accountPosition = definitions.findIndex((definition) => definition.Type === "DIMENSION" && definition.Key === "LINKED_ACCOUNT");
  for (const encoded of page) {
    const item = encoded >= 0 ? { period: Math.floor(encoded / groupCount), group: encoded % groupCount } : { period: -1 - encoded, group: -1 };
    const period = periods[item.period];
    if (!period) continue;
    if (item.period !== current) {
      resultsByTime.push({ TimePeriod: timePeriodOf(period), Total: {}, Groups: [], Estimated: isEstimated(period) });
      current = item.period;
    }
    if (item.group < 0) continue;
    const keys = grouping.keys[item.group] ?? [];
    resultsByTime[resultsByTime.length - 1]?.Groups.push({ Keys: [...keys], Metrics: metricsOf(item.period * groupCount + item.group) });
    if (accountPosition >= 0) accounts.add(keys[accountPosition] ?? "");
  }
  const next = offset + settings.pageSize < items.length ? encodePageToken(offset + settings.pageSize, fingerprint) : undefined;
  return {
    GroupDefinitions: definitions.map((definition) => ({ ...definition })),
    ResultsByTime: resultsByTime,
    DimensionValueAttributes: [...accounts]
      .sort()
      .map((account) => ({ Value: account, Attributes: { description: index.accountNames.get(account) ?? account } })),
    ...(next ? { NextPageToken: next } : {}),
  };
}
