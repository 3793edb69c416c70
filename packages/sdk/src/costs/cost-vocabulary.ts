// Cost Explorer's own vocabulary: metrics, granularities, dimensions, match options. No schemas here,
// so that importing a constant does not build any.


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
