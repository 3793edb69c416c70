// GetDimensionValues and GetTags: the values that occur in a period, searchable, sortable by a
// metric and paginated.
import type { RequestContext } from "../protocol.js";
import { aggregate } from "./aggregate.js";
import { compileFilter } from "./expression.js";
import { COST_METRICS, type CostMetric } from "./fixed-point.js";
import { isDimension, type LedgerIndex } from "./ledger-index.js";
import {
  decodePageToken,
  encodePageToken,
  fingerprintOf,
  invalid,
  isRecord,
  optionalInteger,
  optionalString,
  requireString,
} from "./request.js";
import { readTimePeriod, type QueryWindow } from "./time-period.js";

/**
 * Settings of the value listings.
 *
 * @example
 * const settings: ValueSettings = { valuesPageSize: 1000 };
 */
export interface ValueSettings {
  /** Values per page when the request does not sort. */
  readonly valuesPageSize: number;
}

const CONTEXTS = ["COST_AND_USAGE", "RESERVATIONS", "SAVINGS_PLANS"] as const;
const MAX_RESULTS = 1000;

interface SortSpec {
  readonly metric: CostMetric;
  readonly descending: boolean;
}

function readSortBy(body: Record<string, unknown>): SortSpec | undefined {
  const value = body.SortBy;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every(isRecord)) throw invalid("SortBy must be a non-empty list of SortDefinition");
  const [first] = value;
  const key = first ? optionalString(first, "Key") : undefined;
  const order = first ? (optionalString(first, "SortOrder") ?? "ASCENDING") : "ASCENDING";
  const metric = COST_METRICS.find((name) => name === key);
  if (!metric) throw invalid(`SortBy key '${String(key)}' is invalid. Valid values are ${COST_METRICS.join(", ")}`);
  if (order !== "ASCENDING" && order !== "DESCENDING") throw invalid(`SortOrder '${order}' is invalid. Valid values are ASCENDING and DESCENDING`);
  return { metric, descending: order === "DESCENDING" };
}

/** Lines with at least one row in the window that pass the mask. */
function presentLines(index: LedgerIndex, window: QueryWindow, mask: Uint8Array | undefined): Uint8Array {
  const present = new Uint8Array(index.dataset.lineItems.length);
  const { rows } = index.dataset;
  const from = Math.max(window.start, index.firstDay);
  const to = Math.min(window.end, index.endDay);
  for (let day = from; day < to; day++) {
    for (let row = rows.dayOffsets[day - index.firstDay] ?? 0; row < (rows.dayOffsets[day - index.firstDay + 1] ?? 0); row++) {
      const line = rows.line[row] ?? 0;
      if (!mask || mask[line] === 1) present[line] = 1;
    }
  }
  return present;
}

/** Exact per-line totals of a metric over the window. */
function lineTotals(index: LedgerIndex, window: QueryWindow, metric: CostMetric, mask: Uint8Array | undefined): bigint[] {
  const lines = index.dataset.lineItems.length;
  const groupOfLine = Int32Array.from({ length: lines }, (_, line) => line);
  const result = aggregate({
    index,
    granularity: "DAILY",
    periods: [{ start: window.start, end: window.end }],
    metrics: [metric],
    mask,
    groupOfLine,
    groupCount: lines,
  });
  return Array.from({ length: lines }, (_, line) => result.sums.get(line));
}

interface Listing {
  readonly values: string[];
  readonly nextPageToken: string | undefined;
  readonly total: number;
}

/** Filters by SearchString, sorts (alphabetically, or by a metric) and cuts the page. */
function listValues(
  body: Record<string, unknown>,
  entries: ReadonlyMap<string, readonly number[]>,
  totals: (() => bigint[]) | undefined,
  sort: SortSpec | undefined,
  settings: ValueSettings,
): Listing {
  const search = optionalString(body, "SearchString");
  const maxResults = optionalInteger(body, "MaxResults", 1, MAX_RESULTS);
  const token = optionalString(body, "NextPageToken");
  if (sort && search !== undefined) throw invalid("SearchString is not supported when SortBy is used");
  if (sort && token !== undefined) throw invalid("NextPageToken is not supported when SortBy is used");
  const needle = search?.toLowerCase();
  let values = [...entries.keys()].filter((value) => needle === undefined || value.toLowerCase().includes(needle));
  if (sort && totals) {
    const perLine = totals();
    const sums = new Map(values.map((value) => [value, (entries.get(value) ?? []).reduce((sum, line) => sum + (perLine[line] ?? 0n), 0n)]));
    values.sort((a, b) => {
      const difference = (sums.get(a) ?? 0n) - (sums.get(b) ?? 0n);
      const ordered = difference === 0n ? (a < b ? -1 : a > b ? 1 : 0) : difference < 0n ? -1 : 1;
      return sort.descending && difference !== 0n ? -ordered : ordered;
    });
    const total = values.length;
    values = values.slice(0, maxResults ?? MAX_RESULTS);
    return { values, nextPageToken: undefined, total };
  }
  values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pageSize = maxResults ?? settings.valuesPageSize;
  const fingerprint = fingerprintOf(body);
  const offset = decodePageToken(token, fingerprint, values.length);
  const page = values.slice(offset, offset + pageSize);
  const nextPageToken = offset + pageSize < values.length ? encodePageToken(offset + pageSize, fingerprint) : undefined;
  return { values: page, nextPageToken, total: values.length };
}

function readContextLines(index: LedgerIndex, context: string): Uint8Array | undefined {
  if (context === "COST_AND_USAGE") return undefined;
  return Uint8Array.from(index.dataset.lineItems, (line) =>
    context === "RESERVATIONS" && (line.recordType === "DiscountedUsage" || line.recordType === "RIFee") ? 1 : 0,
  );
}

function combine(first: Uint8Array | undefined, second: Uint8Array | undefined): Uint8Array | undefined {
  if (!first) return second;
  if (!second) return first;
  return first.map((value, line) => value & (second[line] ?? 0));
}

/**
 * The GetDimensionValues handler.
 *
 * @example
 * getDimensionValues({ TimePeriod: { Start: "2026-02-01", End: "2026-03-01" }, Dimension: "SERVICE" }, { now }, index, settings);
 */
export function getDimensionValues(body: Record<string, unknown>, ctx: RequestContext, index: LedgerIndex, settings: ValueSettings): unknown {
  const dimension = requireString(body, "Dimension");
  if (!isDimension(dimension)) {
    throw invalid(`1 validation error detected: Value '${dimension}' at 'dimension' failed to satisfy constraint: Member must satisfy enum value set`);
  }
  const context = optionalString(body, "Context") ?? "COST_AND_USAGE";
  if (!(CONTEXTS as readonly string[]).includes(context)) {
    throw invalid(`1 validation error detected: Value '${context}' at 'context' failed to satisfy constraint: Member must satisfy enum value set: [${CONTEXTS.join(", ")}]`);
  }
  const sort = readSortBy(body);
  if (sort && context !== "COST_AND_USAGE") throw invalid("SortBy is only supported for the COST_AND_USAGE context");
  const mask = combine(compileFilter(body.Filter, index), readContextLines(index, context));
  const window = readTimePeriod({ body, granularity: "DAILY", now: ctx.now, index });
  const present = presentLines(index, window, mask);
  const raw = index.rawValuesOf(dimension);
  const entries = new Map<string, number[]>();
  present.forEach((flag, line) => {
    const value = raw[line];
    if (flag !== 1 || value === null || value === undefined) return;
    const known = entries.get(value);
    if (known) known.push(line);
    else entries.set(value, [line]);
  });
  const listing = listValues(body, entries, sort ? () => lineTotals(index, window, sort.metric, mask) : undefined, sort, settings);
  const lines = index.dataset.lineItems;
  const attributesOf = (value: string): Record<string, string> => {
    switch (dimension) {
      case "LINKED_ACCOUNT":
        return { description: index.accountNames.get(value) ?? value };
      case "REGION": {
        const name = index.regionNames.get(value);
        return name ? { description: name } : {};
      }
      case "USAGE_TYPE":
      case "USAGE_TYPE_GROUP": {
        const line = lines[entries.get(value)?.[0] ?? -1];
        return line ? { unit: line.unit } : {};
      }
      default:
        return {};
    }
  };
  return {
    DimensionValues: listing.values.map((value) => ({ Value: value, Attributes: attributesOf(value) })),
    ReturnSize: listing.values.length,
    TotalSize: listing.total,
    ...(listing.nextPageToken ? { NextPageToken: listing.nextPageToken } : {}),
  };
}

/**
 * The GetTags handler: tag keys, or the values of one key, that occur in the period.
 *
 * @example
 * getTags({ TimePeriod: { Start: "2026-02-01", End: "2026-03-01" }, TagKey: "team" }, { now }, index, settings);
 */
export function getTags(body: Record<string, unknown>, ctx: RequestContext, index: LedgerIndex, settings: ValueSettings): unknown {
  const tagKey = optionalString(body, "TagKey");
  const sort = readSortBy(body);
  const mask = compileFilter(body.Filter, index);
  const window = readTimePeriod({ body, granularity: "DAILY", now: ctx.now, index });
  const present = presentLines(index, window, mask);
  const entries = new Map<string, number[]>();
  index.dataset.lineItems.forEach((line, position) => {
    if (present[position] !== 1) return;
    const found = tagKey === undefined ? Object.keys(line.tags) : line.tags[tagKey] === undefined ? [] : [line.tags[tagKey]];
    for (const value of found) {
      const known = entries.get(value);
      if (known) known.push(position);
      else entries.set(value, [position]);
    }
  });
  const listing = listValues(body, entries, sort ? () => lineTotals(index, window, sort.metric, mask) : undefined, sort, settings);
  return {
    Tags: listing.values,
    ReturnSize: listing.values.length,
    TotalSize: listing.total,
    ...(listing.nextPageToken ? { NextPageToken: listing.nextPageToken } : {}),
  };
}
