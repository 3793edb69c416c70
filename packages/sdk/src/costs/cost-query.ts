import * as z from "zod";
import { AtlasError } from "../errors.js";

// ---------------------------------------------------------------------------------------------------
// Vocabulary (Cost Explorer's own spelling)
// ---------------------------------------------------------------------------------------------------

/**
 * The seven Cost Explorer metrics, spelled as GetCostAndUsage takes them.
 *
 * @example
 * COST_METRICS.includes("UnblendedCost"); // true
 */
export const COST_METRICS = [
  "AmortizedCost",
  "BlendedCost",
  "NetAmortizedCost",
  "NetUnblendedCost",
  "NormalizedUsageAmount",
  "UnblendedCost",
  "UsageQuantity",
] as const;

/**
 * A Cost Explorer metric name.
 *
 * @example
 * const metric: CostMetric = "AmortizedCost";
 */
export type CostMetric = (typeof COST_METRICS)[number];

/**
 * The metric used when a query names none: UnblendedCost, as in the Cost Explorer console.
 *
 * @example
 * const metrics = [DEFAULT_COST_METRIC];
 */
export const DEFAULT_COST_METRIC: CostMetric = "UnblendedCost";

/**
 * Cost Explorer granularities.
 *
 * @example
 * GRANULARITIES.includes("HOURLY"); // true
 */
export const GRANULARITIES = ["DAILY", "MONTHLY", "HOURLY"] as const;

/**
 * A Cost Explorer granularity.
 *
 * @example
 * const granularity: Granularity = "MONTHLY";
 */
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * What a question asks for: past cost, a forecast, or a comparison over time.
 *
 * @example
 * COST_INTENTS; // ["cost", "forecast", "trend"]
 */
export const COST_INTENTS = ["cost", "forecast", "trend"] as const;

/**
 * One of {@link COST_INTENTS}.
 *
 * @example
 * const intent: CostIntent = "forecast";
 */
export type CostIntent = (typeof COST_INTENTS)[number];

/**
 * The kinds of group-by Cost Explorer accepts.
 *
 * @example
 * GROUP_BY_TYPES.includes("TAG"); // true
 */
export const GROUP_BY_TYPES = ["DIMENSION", "TAG", "COST_CATEGORY"] as const;

/**
 * One of {@link GROUP_BY_TYPES}.
 *
 * @example
 * const type: GroupByType = "DIMENSION";
 */
export type GroupByType = (typeof GROUP_BY_TYPES)[number];

/**
 * Every Cost Explorer dimension key (the `Dimension` enum of the API), usable in filters.
 *
 * @example
 * DIMENSION_KEYS.includes("LINKED_ACCOUNT"); // true
 */
export const DIMENSION_KEYS = [
  "AGREEMENT_END_DATE_TIME_AFTER",
  "AGREEMENT_END_DATE_TIME_BEFORE",
  "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
  "ANOMALY_TOTAL_IMPACT_PERCENTAGE",
  "AZ",
  "BILLING_ENTITY",
  "CACHE_ENGINE",
  "DATABASE_ENGINE",
  "DEPLOYMENT_OPTION",
  "INSTANCE_TYPE",
  "INSTANCE_TYPE_FAMILY",
  "INVOICING_ENTITY",
  "LEGAL_ENTITY_NAME",
  "LINKED_ACCOUNT",
  "LINKED_ACCOUNT_NAME",
  "OPERATING_SYSTEM",
  "OPERATION",
  "PAYER_ACCOUNT",
  "PAYMENT_OPTION",
  "PLATFORM",
  "PURCHASE_TYPE",
  "RECORD_TYPE",
  "REGION",
  "RESERVATION_ID",
  "RESOURCE_ID",
  "RIGHTSIZING_TYPE",
  "SAVINGS_PLANS_TYPE",
  "SAVINGS_PLAN_ARN",
  "SCOPE",
  "SERVICE",
  "SERVICE_CODE",
  "SUBSCRIPTION_ID",
  "TENANCY",
  "USAGE_TYPE",
  "USAGE_TYPE_GROUP",
] as const;

/**
 * A Cost Explorer dimension key.
 *
 * @example
 * const key: DimensionKey = "SERVICE";
 */
export type DimensionKey = (typeof DIMENSION_KEYS)[number];

/**
 * The dimension keys GetCostAndUsage can group by (a subset of {@link DIMENSION_KEYS}): the twelve the API
 * reference lists, plus those the Cost Explorer console (same API) groups by: REGION, USAGE_TYPE_GROUP,
 * INSTANCE_TYPE_FAMILY, DATABASE_ENGINE, BILLING_ENTITY and RESOURCE_ID (resource-level data, 14 days).
 *
 * @example
 * GROUPABLE_DIMENSION_KEYS.includes("REGION"); // true
 */
export const GROUPABLE_DIMENSION_KEYS = [
  "AZ",
  "INSTANCE_TYPE",
  "LEGAL_ENTITY_NAME",
  "INVOICING_ENTITY",
  "LINKED_ACCOUNT",
  "OPERATION",
  "PLATFORM",
  "PURCHASE_TYPE",
  "SERVICE",
  "TENANCY",
  "RECORD_TYPE",
  "USAGE_TYPE",
  "REGION",
  "USAGE_TYPE_GROUP",
  "INSTANCE_TYPE_FAMILY",
  "DATABASE_ENGINE",
  "BILLING_ENTITY",
  "RESOURCE_ID",
] as const satisfies readonly DimensionKey[];

/**
 * Match options of an expression leaf.
 *
 * @example
 * MATCH_OPTIONS.includes("ABSENT"); // true
 */
export const MATCH_OPTIONS = [
  "EQUALS",
  "ABSENT",
  "STARTS_WITH",
  "ENDS_WITH",
  "CONTAINS",
  "CASE_SENSITIVE",
  "CASE_INSENSITIVE",
  "GREATER_THAN_OR_EQUAL",
] as const;

/**
 * One of {@link MATCH_OPTIONS}.
 *
 * @example
 * const option: MatchOption = "EQUALS";
 */
export type MatchOption = (typeof MATCH_OPTIONS)[number];

const DIMENSION_MATCH_OPTIONS: readonly MatchOption[] = ["EQUALS", "CASE_SENSITIVE"];
const TAG_MATCH_OPTIONS: readonly MatchOption[] = ["EQUALS", "ABSENT", "CASE_SENSITIVE"];

// ---------------------------------------------------------------------------------------------------
// Pure UTC calendar arithmetic on "YYYY-MM-DD" strings (no Date objects, no time zones)
// ---------------------------------------------------------------------------------------------------

/**
 * An inclusive range of calendar days, both ends "YYYY-MM-DD".
 *
 * @example
 * const february: DateRange = { start: "2028-02-01", end: "2028-02-29" };
 */
export interface DateRange {
  start: string;
  end: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/**
 * Whether a year is a Gregorian leap year.
 *
 * @example
 * isLeapYear(2028); // true
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in a month (1-12) of a year.
 *
 * @example
 * daysInMonth(2028, 2); // 29
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Format a year, month (1-12) and day as "YYYY-MM-DD" (no validation).
 *
 * @example
 * formatIsoDate(2026, 3, 1); // "2026-03-01"
 */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Whether a string is a real calendar date written "YYYY-MM-DD" (rejects 2026-02-30).
 *
 * @example
 * isIsoDate("2028-02-29"); // true
 * isIsoDate("2026-02-29"); // false
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Split "YYYY-MM-DD" into numbers. Throws INVALID_ARGUMENT for anything that is not a real date.
 *
 * @example
 * parseIsoDate("2026-03-01"); // { year: 2026, month: 3, day: 1 }
 */
export function parseIsoDate(value: string): { year: number; month: number; day: number } {
  if (!isIsoDate(value)) {
    throw new AtlasError("INVALID_ARGUMENT", `"${value}" is not a date`, { hint: "Use YYYY-MM-DD." });
  }
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) };
}

/**
 * Days since 1970-01-01 (negative before), for arithmetic on dates.
 *
 * @example
 * toEpochDay("1970-01-02"); // 1
 */
export function toEpochDay(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  return daysFromCivil(year, month, day);
}

/**
 * The "YYYY-MM-DD" of a day number from {@link toEpochDay}.
 *
 * @example
 * fromEpochDay(0); // "1970-01-01"
 */
export function fromEpochDay(epochDay: number): string {
  const [year, month, day] = civilFromDays(epochDay);
  return formatIsoDate(year, month, day);
}

/**
 * The UTC calendar day of an instant.
 *
 * @example
 * toIsoDate(new Date("2026-03-01T23:30:00-05:00")); // "2026-03-02"
 */
export function toIsoDate(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new AtlasError("INVALID_ARGUMENT", "now is not a valid date", { hint: "Pass a valid Date." });
  return fromEpochDay(Math.floor(time / 86_400_000));
}

/**
 * Add (or subtract) whole days.
 *
 * @example
 * addDays("2028-02-28", 1); // "2028-02-29"
 */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Add (or subtract) calendar months, clamping the day to the target month's length.
 *
 * @example
 * addMonths("2026-01-31", 1); // "2026-02-28"
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * Number of days from `start` to `end` inclusive (1 when they are the same day; 0 or less when reversed).
 *
 * @example
 * countDays("2028-02-01", "2028-02-29"); // 29
 */
export function countDays(start: string, end: string): number {
  return toEpochDay(end) - toEpochDay(start) + 1;
}

/**
 * Day of the week with Monday = 0 ... Sunday = 6 (ISO order).
 *
 * @example
 * dayOfWeek("2026-03-02"); // 0 (a Monday)
 */
export function dayOfWeek(date: string): number {
  return (((toEpochDay(date) + 3) % 7) + 7) % 7;
}

/**
 * The Monday on or before a date (weeks start on Monday).
 *
 * @example
 * startOfWeek("2026-03-08"); // "2026-03-02"
 */
export function startOfWeek(date: string): string {
  return addDays(date, -dayOfWeek(date));
}

/**
 * The first day of the date's month.
 *
 * @example
 * startOfMonth("2026-03-15"); // "2026-03-01"
 */
export function startOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/**
 * The last day of the date's month.
 *
 * @example
 * endOfMonth("2028-02-10"); // "2028-02-29"
 */
export function endOfMonth(date: string): string {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate(year, month, daysInMonth(year, month));
}

/**
 * The first day of the date's calendar quarter.
 *
 * @example
 * startOfQuarter("2026-05-20"); // "2026-04-01"
 */
export function startOfQuarter(date: string): string {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
}

/**
 * The smaller of two dates.
 *
 * @example
 * minDate("2026-01-02", "2025-12-31"); // "2025-12-31"
 */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/**
 * The larger of two dates.
 *
 * @example
 * maxDate("2026-01-02", "2025-12-31"); // "2026-01-02"
 */
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * A unit to split a range by: calendar units (weeks start on Monday) or fixed chunks of N days.
 *
 * @example
 * const unit: SplitUnit = { days: 90 };
 */
export type SplitUnit = "day" | "week" | "month" | "quarter" | "year" | { days: number };

function nextBoundary(date: string, unit: SplitUnit): string {
  if (typeof unit === "object") return addDays(date, unit.days);
  switch (unit) {
    case "day":
      return addDays(date, 1);
    case "week":
      return addDays(startOfWeek(date), 7);
    case "month":
      return addMonths(startOfMonth(date), 1);
    case "quarter":
      return addMonths(startOfQuarter(date), 3);
    case "year":
      return `${String(Number(date.slice(0, 4)) + 1).padStart(4, "0")}-01-01`;
  }
}

/**
 * Split an inclusive range into consecutive inclusive chunks aligned to calendar units (clipped to the
 * range), or into fixed chunks of N days from the start. Every day of the range is in exactly one chunk.
 *
 * @example
 * splitRange("2026-01-15", "2026-03-10", "month");
 * // [{ start: "2026-01-15", end: "2026-01-31" }, { start: "2026-02-01", end: "2026-02-28" },
 * //  { start: "2026-03-01", end: "2026-03-10" }]
 */
export function splitRange(start: string, end: string, unit: SplitUnit): DateRange[] {
  if (typeof unit === "object" && (!Number.isInteger(unit.days) || unit.days < 1)) {
    throw new AtlasError("INVALID_ARGUMENT", `chunk size ${unit.days} is not a positive whole number of days`);
  }
  const chunks: DateRange[] = [];
  let cursor = start;
  while (cursor <= end) {
    const next = nextBoundary(cursor, unit);
    const chunkEnd = minDate(addDays(next, -1), end);
    chunks.push({ start: cursor, end: chunkEnd });
    cursor = addDays(chunkEnd, 1);
  }
  return chunks;
}

/**
 * Whether a range consists of whole calendar months (starts on a 1st, ends on a month's last day).
 *
 * @example
 * isWholeMonths("2026-01-01", "2026-02-28"); // true
 */
export function isWholeMonths(start: string, end: string): boolean {
  return start.endsWith("-01") && end === endOfMonth(end) && start <= end;
}

/**
 * The granularity aws-atlas picks when none is asked for: MONTHLY for whole calendar months or ranges
 * longer than 62 days, DAILY otherwise.
 *
 * @example
 * suggestGranularity("2026-02-01", "2026-02-28"); // "MONTHLY"
 * suggestGranularity("2026-02-03", "2026-02-20"); // "DAILY"
 */
export function suggestGranularity(start: string, end: string): Granularity {
  return isWholeMonths(start, end) || countDays(start, end) > 62 ? "MONTHLY" : "DAILY";
}

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
  .regex(ISO_DATE, "must be a date written YYYY-MM-DD")
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
