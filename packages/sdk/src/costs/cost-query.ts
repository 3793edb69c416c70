import * as z from "zod";
import { AtlasError } from "../errors.js";
import { addDays, addMonths, ISO_DATE_PATTERN, isIsoDate, parseIsoDate, startOfMonth, toIsoDate, type DateRange } from "./cost-dates.js";
import {
  COST_INTENTS,
  COST_METRICS,
  DEFAULT_COST_METRIC,
  DIMENSION_KEYS,
  GRANULARITIES,
  GROUP_BY_TYPES,
  GROUPABLE_DIMENSION_KEYS,
  MATCH_OPTIONS,
  type CostMetric,
  type DimensionKey,
  type Granularity,
  type MatchOption,
} from "./cost-vocabulary.js";

export * from "./cost-vocabulary.js";
export * from "./cost-dates.js";

const DIMENSION_MATCH_OPTIONS: readonly MatchOption[] = ["EQUALS", "CASE_SENSITIVE"];
const TAG_MATCH_OPTIONS: readonly MatchOption[] = ["EQUALS", "ABSENT", "CASE_SENSITIVE"];

// ---------------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------------

/**
 * A real calendar date written "YYYY-MM-DD".
 *
 * @example
 * isoDateSchema.parse("2028-02-29");
 */
export const isoDateSchema = z
  .string()
  .regex(ISO_DATE_PATTERN, "must be a date written YYYY-MM-DD")
  .refine(isIsoDate, "is not a real calendar date");

/**
 * A dimension leaf of an expression (`{ Key, Values, MatchOptions? }`).
 *
 * @example
 * const leaf: DimensionValues = { Key: "SERVICE", Values: ["AWS Lambda"] };
 */
export interface DimensionValues {
  Key: DimensionKey;
  Values: string[];
  MatchOptions?: MatchOption[] | undefined;
}

/**
 * A tag leaf of an expression. `Values` may be omitted with `MatchOptions: ["ABSENT"]`.
 *
 * @example
 * const leaf: TagValues = { Key: "team", Values: ["platform"] };
 */
export interface TagValues {
  Key: string;
  Values?: string[] | undefined;
  MatchOptions?: MatchOption[] | undefined;
}

/**
 * A cost category leaf of an expression.
 *
 * @example
 * const leaf: CostCategoryValues = { Key: "Team", Values: ["Data"] };
 */
export interface CostCategoryValues {
  Key: string;
  Values?: string[] | undefined;
  MatchOptions?: MatchOption[] | undefined;
}

/**
 * A Cost Explorer filter Expression: exactly one of its six operators per node.
 *
 * @example
 * const filter: CostExpression = {
 *   And: [
 *     { Dimensions: { Key: "SERVICE", Values: ["Amazon Simple Storage Service"] } },
 *     { Not: { Dimensions: { Key: "REGION", Values: ["us-east-1"] } } },
 *   ],
 * };
 */
export interface CostExpression {
  And?: CostExpression[] | undefined;
  Or?: CostExpression[] | undefined;
  Not?: CostExpression | undefined;
  Dimensions?: DimensionValues | undefined;
  Tags?: TagValues | undefined;
  CostCategories?: CostCategoryValues | undefined;
}

const EXPRESSION_OPERATORS = ["And", "Or", "Not", "Dimensions", "Tags", "CostCategories"] as const;

const matchOptionsSchema = z.array(z.enum(MATCH_OPTIONS)).min(1).optional();

const dimensionValuesSchema = z.strictObject({
  Key: z.enum(DIMENSION_KEYS),
  Values: z.array(z.string()).min(1),
  MatchOptions: matchOptionsSchema,
});

const keyedValuesSchema = z.strictObject({
  Key: z.string().min(1),
  Values: z.array(z.string()).optional(),
  MatchOptions: matchOptionsSchema,
});

/**
 * The zod schema of {@link CostExpression} (recursive; And/Or need at least two operands; exactly one
 * operator per node; unknown keys are rejected so that a misspelt operator never drops a filter).
 *
 * @example
 * costExpressionSchema.parse({ Tags: { Key: "env", Values: ["prod"] } });
 */
export const costExpressionSchema: z.ZodType<CostExpression, CostExpression> = z.lazy(() =>
  z
    .strictObject({
      And: z.array(costExpressionSchema).min(2).optional(),
      Or: z.array(costExpressionSchema).min(2).optional(),
      Not: costExpressionSchema.optional(),
      Dimensions: dimensionValuesSchema.optional(),
      Tags: keyedValuesSchema.optional(),
      CostCategories: keyedValuesSchema.optional(),
    })
    .refine((node) => EXPRESSION_OPERATORS.filter((op) => node[op] !== undefined).length === 1, {
      message: "an expression needs exactly one of And, Or, Not, Dimensions, Tags, CostCategories",
    }),
);

/**
 * One group-by of a query.
 *
 * @example
 * groupBySchema.parse({ type: "TAG", key: "team" });
 */
export const groupBySchema = z.strictObject({
  type: z.enum(GROUP_BY_TYPES),
  key: z.string().min(1),
});

/**
 * A group-by: a dimension, a tag key or a cost category.
 *
 * @example
 * const byService: GroupBy = { type: "DIMENSION", key: "SERVICE" };
 */
export type GroupBy = z.output<typeof groupBySchema>;

/**
 * The contract's `query` object (CONTRACTS.md, "Cost"), in Cost Explorer's vocabulary. `end` is
 * inclusive; {@link toApiTimePeriod} derives the API's exclusive end. Defaults: granularity DAILY,
 * metrics ["UnblendedCost"], no group-by, no filter, intent "cost". Unknown keys are rejected.
 *
 * @example
 * const query = costQuerySchema.parse({ start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY" });
 */
export const costQuerySchema = z.strictObject({
  start: isoDateSchema,
  end: isoDateSchema,
  granularity: z.enum(GRANULARITIES).default("DAILY"),
  metrics: z
    .array(z.enum(COST_METRICS))
    .min(1)
    .refine((metrics) => new Set(metrics).size === metrics.length, "must not repeat a metric")
    .default(() => [DEFAULT_COST_METRIC]),
  groupBy: z.array(groupBySchema).max(2, "Cost Explorer groups by at most 2 keys").default(() => []),
  filter: costExpressionSchema.nullable().default(null),
  intent: z.enum(COST_INTENTS).default("cost"),
});

/**
 * A validated cost query (all defaults filled in).
 *
 * @example
 * const query: CostQuery = {
 *   start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY", metrics: ["UnblendedCost"],
 *   groupBy: [{ type: "DIMENSION", key: "SERVICE" }], filter: null, intent: "cost",
 * };
 */
export type CostQuery = z.output<typeof costQuerySchema>;

/**
 * What {@link costQuerySchema} accepts (optional fields may be left out).
 *
 * @example
 * const input: CostQueryInput = { start: "2026-02-01", end: "2026-02-28" };
 */
export type CostQueryInput = z.input<typeof costQuerySchema>;

// ---------------------------------------------------------------------------------------------------
// Inclusive <-> exclusive time periods
// ---------------------------------------------------------------------------------------------------

/**
 * The API's `TimePeriod`: `Start` inclusive, `End` exclusive.
 *
 * @example
 * const period: ApiTimePeriod = { Start: "2026-02-01", End: "2026-03-01" };
 */
export interface ApiTimePeriod {
  Start: string;
  End: string;
}

/**
 * Convert inclusive user dates to the API's `TimePeriod` (exclusive `End` = the day after `end`).
 * HOURLY uses the date-time form `YYYY-MM-DDT00:00:00Z` that Cost Explorer requires for hours.
 *
 * @example
 * toApiTimePeriod({ start: "2028-02-01", end: "2028-02-29", granularity: "MONTHLY" });
 * // { Start: "2028-02-01", End: "2028-03-01" }
 */
export function toApiTimePeriod(range: DateRange & { granularity?: Granularity }): ApiTimePeriod {
  const endExclusive = addDays(range.end, 1);
  parseIsoDate(range.start);
  if (range.granularity === "HOURLY") {
    return { Start: `${range.start}T00:00:00Z`, End: `${endExclusive}T00:00:00Z` };
  }
  return { Start: range.start, End: endExclusive };
}

const API_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?)?$/;

/**
 * Convert the API's `TimePeriod` back to inclusive dates. Accepts the date and the date-time forms;
 * an `End` after midnight keeps its own day (it holds some hours of it).
 *
 * @example
 * fromApiTimePeriod({ Start: "2028-02-01", End: "2028-03-01" }); // { start: "2028-02-01", end: "2028-02-29" }
 * fromApiTimePeriod({ Start: "2026-03-01T00:00:00Z", End: "2026-03-02T00:00:00Z" });
 * // { start: "2026-03-01", end: "2026-03-01" }
 */
export function fromApiTimePeriod(period: ApiTimePeriod): DateRange {
  const start = API_DATE_TIME.exec(period.Start);
  const end = API_DATE_TIME.exec(period.End);
  if (!start?.[1] || !end?.[1] || !isIsoDate(start[1]) || !isIsoDate(end[1])) {
    throw new AtlasError("INVALID_ARGUMENT", `TimePeriod ${period.Start}..${period.End} is not a pair of dates`);
  }
  const endAtMidnight = (end[2] ?? "00") === "00" && (end[3] ?? "00") === "00" && (end[4] ?? "00") === "00";
  return { start: start[1], end: endAtMidnight ? addDays(end[1], -1) : end[1] };
}

/**
 * The GetCostForecast spelling of a metric (`UnblendedCost` -> `UNBLENDED_COST`).
 *
 * @example
 * toForecastMetric("NetAmortizedCost"); // "NET_AMORTIZED_COST"
 */
export function toForecastMetric(metric: CostMetric): string {
  return metric.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

// ---------------------------------------------------------------------------------------------------
// Validation against AWS's limits
// ---------------------------------------------------------------------------------------------------

/**
 * Options for {@link validateCostQuery}.
 *
 * @example
 * const options: ValidateCostQueryOptions = { now: new Date(), historyMonths: 37 };
 */
export interface ValidateCostQueryOptions {
  /** "Now"; its UTC calendar day is "today". */
  now: Date;
  /**
   * Months of history before the current month that Cost Explorer serves: 13 by default (AWS keeps 13
   * months plus the current month); 37 when multi-year data is enabled (38 months in all).
   */
  historyMonths?: number;
  /** Days before today that HOURLY data reaches back (AWS keeps hourly data for 14 days). */
  hourlyDays?: number;
  /** How far ahead a DAILY forecast may end, in months from today (AWS: 3). */
  dailyForecastMonths?: number;
  /** How far ahead a MONTHLY forecast may end, in months from today (AWS: 12). */
  monthlyForecastMonths?: number;
}

function invalid(message: string, hint: string, details?: Record<string, unknown>): AtlasError {
  return new AtlasError("INVALID_QUERY", message, { hint, details });
}

function describeIssuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "query" : `query.${path.map((part) => (typeof part === "number" ? `[${part}]` : String(part))).join(".").replace(/\.\[/g, "[")}`;
}

function checkExpression(node: CostExpression, path: string): void {
  if (node.Dimensions) {
    const { Key, MatchOptions } = node.Dimensions;
    if (!DIMENSION_KEYS.includes(Key)) {
      throw invalid(`${path}.Dimensions.Key ${String(Key)} is not a Cost Explorer dimension`, `Use one of ${DIMENSION_KEYS.join(", ")}.`);
    }
    const bad = MatchOptions?.find((option) => !DIMENSION_MATCH_OPTIONS.includes(option));
    if (bad) throw invalid(`${path}.Dimensions.MatchOptions ${bad} is not accepted by GetCostAndUsage`, "Dimensions take EQUALS and CASE_SENSITIVE.");
  }
  for (const op of ["Tags", "CostCategories"] as const) {
    const leaf = node[op];
    if (!leaf) continue;
    const bad = leaf.MatchOptions?.find((option) => !TAG_MATCH_OPTIONS.includes(option));
    if (bad) throw invalid(`${path}.${op}.MatchOptions ${bad} is not accepted by GetCostAndUsage`, `${op} take EQUALS, ABSENT and CASE_SENSITIVE.`);
    const absent = leaf.MatchOptions?.includes("ABSENT") ?? false;
    if (!absent && (leaf.Values === undefined || leaf.Values.length === 0)) {
      throw invalid(`${path}.${op} ${leaf.Key} has no Values`, 'Give at least one value, or MatchOptions ["ABSENT"] for "not set".');
    }
  }
  node.And?.forEach((child, index) => checkExpression(child, `${path}.And[${index}]`));
  node.Or?.forEach((child, index) => checkExpression(child, `${path}.Or[${index}]`));
  if (node.Not) checkExpression(node.Not, `${path}.Not`);
}

/**
 * Parse a query (defaults filled in) and check it against the limits AWS enforces, before any paid call:
 * dates are real and `start <= end`; past queries end today or earlier and start within the available
 * history (13 months plus the current month by default); HOURLY reaches back 14 days only; forecasts
 * start today or later, are DAILY (up to 3 months ahead) or MONTHLY (up to 12 months ahead), take one
 * metric and no group-by; at most 2 distinct group-bys on groupable dimensions; filter match options
 * that GetCostAndUsage accepts. Throws AtlasError INVALID_QUERY with one line and a hint.
 *
 * @example
 * const query = validateCostQuery({ start: "2026-02-01", end: "2026-02-28" }, { now: new Date("2026-03-10T12:00:00Z") });
 */
export function validateCostQuery(input: unknown, options: ValidateCostQueryOptions): CostQuery {
  const parsed = costQuerySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = describeIssuePath(issue?.path ?? []);
    throw invalid(`${where}: ${issue?.message ?? "is invalid"}`, "See docs/cost-ask.md for the query object.", {
      issues: parsed.error.issues.map((i) => ({ path: describeIssuePath(i.path), message: i.message })),
    });
  }
  const query = parsed.data;
  const today = toIsoDate(options.now);
  const { start, end } = query;

  if (start > end) {
    throw invalid(`start ${start} is after end ${end}`, "The end date is inclusive: use an end on or after the start.");
  }

  if (query.intent === "forecast") {
    if (query.granularity === "HOURLY") {
      throw invalid("Cost Explorer forecasts are DAILY or MONTHLY, not HOURLY", "Use DAILY or MONTHLY granularity.");
    }
    if (start < today) {
      throw invalid(`a forecast must start today (${today}, UTC) or later; start is ${start}`, "Ask for cost (not a forecast) for past days.");
    }
    if (query.metrics.length !== 1) {
      throw invalid(`a forecast takes exactly one metric; got ${query.metrics.join(", ")}`, "Forecast one metric at a time.");
    }
    if (query.groupBy.length > 0) {
      throw invalid("Cost Explorer forecasts cannot be grouped", "Remove the group-by, or forecast one value at a time with a filter.");
    }
    const months = query.granularity === "DAILY" ? (options.dailyForecastMonths ?? 3) : (options.monthlyForecastMonths ?? 12);
    const limit = addMonths(today, months);
    if (end > limit) {
      throw invalid(
        `a ${query.granularity} forecast can reach ${months} months ahead (until ${limit}); end is ${end}`,
        query.granularity === "DAILY" ? "Use MONTHLY granularity or a shorter period." : "Use a shorter period.",
      );
    }
  } else {
    if (end > today) {
      throw invalid(`end ${end} is in the future (today is ${today}, UTC)`, "End today or earlier, or ask for a forecast.");
    }
    if (query.granularity === "HOURLY") {
      const hourlyDays = options.hourlyDays ?? 14;
      const earliestHourly = addDays(today, -hourlyDays);
      if (start < earliestHourly) {
        throw invalid(
          `HOURLY data covers only the last ${hourlyDays} days (from ${earliestHourly}); start is ${start}`,
          `Use DAILY granularity, or start on or after ${earliestHourly}.`,
        );
      }
    } else {
      const historyMonths = options.historyMonths ?? 13;
      const earliest = addMonths(startOfMonth(today), -historyMonths);
      if (start < earliest) {
        throw invalid(
          `Cost Explorer keeps ${historyMonths} months of history plus the current month: the earliest start is ${earliest}; start is ${start}`,
          `Start on or after ${earliest} (with multi-year data enabled in Cost Explorer, set historyMonths to 37).`,
        );
      }
    }
  }

  const seen = new Set<string>();
  for (const group of query.groupBy) {
    const id = `${group.type}:${group.key}`;
    if (seen.has(id)) throw invalid(`group-by ${group.type} ${group.key} appears twice`, "Group by two different keys.");
    seen.add(id);
    if (group.type === "DIMENSION" && !(GROUPABLE_DIMENSION_KEYS as readonly string[]).includes(group.key)) {
      throw invalid(
        `Cost Explorer cannot group by dimension ${group.key}`,
        `Group by one of ${GROUPABLE_DIMENSION_KEYS.join(", ")}, a tag or a cost category.`,
      );
    }
  }

  if (query.filter) checkExpression(query.filter, "filter");
  return query;
}
