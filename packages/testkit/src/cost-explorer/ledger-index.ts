// Derived, read-only views of a dataset that every handler needs: each line's value for each
// dimension (computed once per dataset and dimension), account names, usage units.
import { REGIONS } from "./catalog.js";
import type { CostDataset, CostLineItem } from "./dataset.js";
import { parseDay } from "./dates.js";

/**
 * Every Cost Explorer dimension name (the `Dimension` enum of the API).
 *
 * @example
 * DIMENSIONS.includes("SERVICE"); // true
 */
export const DIMENSIONS = [
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
 * A Cost Explorer dimension name.
 *
 * @example
 * const dimension: DimensionName = "LINKED_ACCOUNT";
 */
export type DimensionName = (typeof DIMENSIONS)[number];

/**
 * Dimensions GetCostAndUsage can group by (AWS's documented list plus the console's extras).
 *
 * @example
 * GROUP_BY_DIMENSIONS.has("RESOURCE_ID"); // false
 */
export const GROUP_BY_DIMENSIONS: ReadonlySet<string> = new Set<DimensionName>([
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
  "OPERATING_SYSTEM",
]);

const DIMENSION_SET: ReadonlySet<string> = new Set(DIMENSIONS);

/**
 * Whether a name is one of Cost Explorer's dimensions.
 *
 * @example
 * isDimension("SERVICE"); // true
 */
export function isDimension(name: string): name is DimensionName {
  return DIMENSION_SET.has(name);
}

/**
 * The value AWS reports for a line without a value in a dimension: `NoRegion`, `NoAZ`, ...
 *
 * @example
 * missingValueOf("INSTANCE_TYPE"); // "NoInstanceType"
 */
export function missingValueOf(dimension: DimensionName): string {
  if (dimension === "AZ") return "NoAZ";
  return `No${dimension
    .toLowerCase()
    .split("_")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("")}`;
}

const LEGAL_ENTITY = "Amazon Web Services, Inc.";

function instanceFamilyOf(instanceType: string | null): string | null {
  if (!instanceType) return null;
  const parts = instanceType.split(".");
  return parts.length > 1 ? parts.filter((_, index) => index !== (parts[0] === "db" || parts[0] === "cache" || parts[0] === "ml" ? 2 : 1)).join(".") : null;
}

function rawValueOf(dimension: DimensionName, line: CostLineItem, dataset: CostDataset, accountNames: ReadonlyMap<string, string>): string | null {
  switch (dimension) {
    case "AZ":
      return line.az;
    case "BILLING_ENTITY":
      return "AWS";
    case "CACHE_ENGINE":
      return line.cacheEngine;
    case "DATABASE_ENGINE":
      return line.databaseEngine;
    case "DEPLOYMENT_OPTION":
      return line.deploymentOption;
    case "INSTANCE_TYPE":
      return line.instanceType;
    case "INSTANCE_TYPE_FAMILY":
      return instanceFamilyOf(line.instanceType);
    case "INVOICING_ENTITY":
    case "LEGAL_ENTITY_NAME":
      return LEGAL_ENTITY;
    case "LINKED_ACCOUNT":
      return line.accountId;
    case "LINKED_ACCOUNT_NAME":
      return accountNames.get(line.accountId) ?? null;
    case "OPERATING_SYSTEM":
      return line.operatingSystem;
    case "OPERATION":
      return line.operation;
    case "PAYER_ACCOUNT":
      return dataset.payerAccountId;
    case "PLATFORM":
      return line.platform;
    case "PURCHASE_TYPE":
      return line.purchaseType;
    case "RECORD_TYPE":
      return line.recordType;
    case "REGION":
      return line.region;
    case "SERVICE":
      return line.service;
    case "SERVICE_CODE":
      return line.serviceCode;
    case "TENANCY":
      return line.tenancy;
    case "USAGE_TYPE":
      return line.usageType;
    case "USAGE_TYPE_GROUP":
      return line.usageTypeGroup;
    case "AGREEMENT_END_DATE_TIME_AFTER":
    case "AGREEMENT_END_DATE_TIME_BEFORE":
    case "ANOMALY_TOTAL_IMPACT_ABSOLUTE":
    case "ANOMALY_TOTAL_IMPACT_PERCENTAGE":
    case "PAYMENT_OPTION":
    case "RESERVATION_ID":
    case "RESOURCE_ID":
    case "RIGHTSIZING_TYPE":
    case "SAVINGS_PLANS_TYPE":
    case "SAVINGS_PLAN_ARN":
    case "SCOPE":
    case "SUBSCRIPTION_ID":
      return null;
  }
}

/**
 * Derived views of one dataset; build with {@link createLedgerIndex} and keep per dataset.
 *
 * @example
 * const services = createLedgerIndex(dataset).valuesOf("SERVICE");
 */
export interface LedgerIndex {
  readonly dataset: CostDataset;
  /** Day number of the first day with data. */
  readonly firstDay: number;
  /** Day number after the last day with data. */
  readonly endDay: number;
  readonly accountNames: ReadonlyMap<string, string>;
  /** Each line's value in a dimension, with AWS's `No...` value where it has none. */
  valuesOf(dimension: DimensionName): readonly string[];
  /** Each line's raw value in a dimension (null where it has none). */
  rawValuesOf(dimension: DimensionName): readonly (string | null)[];
  /** Usage unit id of each line, and the unit names. */
  readonly unitIds: Int32Array;
  readonly units: readonly string[];
  /** Lines whose charges land at the start of a month (fees, tax, support). */
  readonly monthStart: Uint8Array;
  /** Region display names, for dimension attributes. */
  readonly regionNames: ReadonlyMap<string, string>;
}

/**
 * Builds the derived views of a dataset.
 *
 * @example
 * const index = createLedgerIndex(generateCostDataset({ seed: 1 }));
 */
export function createLedgerIndex(dataset: CostDataset): LedgerIndex {
  const firstDay = parseDay(dataset.start);
  const endDay = parseDay(dataset.end);
  if (firstDay === undefined || endDay === undefined) throw new Error("dataset has invalid start or end");
  const accountNames = new Map(dataset.accounts.map((account) => [account.id, account.name]));
  const raw = new Map<DimensionName, (string | null)[]>();
  const cooked = new Map<DimensionName, string[]>();
  const rawValuesOf = (dimension: DimensionName): (string | null)[] => {
    let values = raw.get(dimension);
    if (!values) {
      values = dataset.lineItems.map((line) => rawValueOf(dimension, line, dataset, accountNames));
      raw.set(dimension, values);
    }
    return values;
  };
  const units: string[] = [];
  const unitIds = new Int32Array(dataset.lineItems.length);
  dataset.lineItems.forEach((line, index) => {
    let id = units.indexOf(line.unit);
    if (id < 0) id = units.push(line.unit) - 1;
    unitIds[index] = id;
  });
  return {
    dataset,
    firstDay,
    endDay,
    accountNames,
    rawValuesOf,
    valuesOf(dimension) {
      let values = cooked.get(dimension);
      if (!values) {
        const missing = missingValueOf(dimension);
        values = rawValuesOf(dimension).map((value) => value ?? missing);
        cooked.set(dimension, values);
      }
      return values;
    },
    unitIds,
    units,
    monthStart: Uint8Array.from(dataset.lineItems, (line) => (line.hourlyProfile === "midnight" ? 1 : 0)),
    regionNames: new Map(REGIONS.map((region) => [region.code, region.name])),
  };
}
