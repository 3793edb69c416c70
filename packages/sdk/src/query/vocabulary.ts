// Word lists the deterministic parser understands. Plain data, no logic.

import type { CostMetric, DimensionKey } from "../costs/cost-vocabulary.js";

/**
 * Month names and abbreviations -> month number (1-12).
 *
 * @example
 * MONTH_NUMBERS.sept; // 9
 */
export const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  january: 1, jan: 1,
  february: 2, feb: 2,
  march: 3, mar: 3,
  april: 4, apr: 4,
  may: 5,
  june: 6, jun: 6,
  july: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  october: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

/**
 * English month names for explanations.
 *
 * @example
 * MONTH_LABELS[1]; // "February"
 */
export const MONTH_LABELS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/**
 * Weekday names -> ISO index (Monday = 0).
 *
 * @example
 * WEEKDAY_NUMBERS.sunday; // 6
 */
export const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = {
  monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6,
};

/**
 * Number words -> value.
 *
 * @example
 * NUMBER_WORDS.twelve; // 12
 */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, eighteen: 18, twenty: 20, thirty: 30,
  sixty: 60, ninety: 90, couple: 2, "a couple": 2, "a couple of": 2, "couple of": 2, few: 3, "a few": 3,
};

/**
 * Words and phrases that name a groupable dimension.
 *
 * @example
 * DIMENSION_WORDS.find(([word]) => word === "region")?.[1]; // "REGION"
 */
export const DIMENSION_WORDS: ReadonlyArray<readonly [string, DimensionKey]> = [
  ["linked accounts", "LINKED_ACCOUNT"], ["linked account", "LINKED_ACCOUNT"],
  ["member accounts", "LINKED_ACCOUNT"], ["member account", "LINKED_ACCOUNT"],
  ["aws accounts", "LINKED_ACCOUNT"], ["aws account", "LINKED_ACCOUNT"],
  ["account names", "LINKED_ACCOUNT"], ["account name", "LINKED_ACCOUNT"],
  ["accounts", "LINKED_ACCOUNT"], ["account", "LINKED_ACCOUNT"],
  ["services", "SERVICE"], ["service", "SERVICE"],
  ["regions", "REGION"], ["region", "REGION"],
  ["usage types", "USAGE_TYPE"], ["usage type", "USAGE_TYPE"], ["usage-types", "USAGE_TYPE"], ["usage-type", "USAGE_TYPE"], ["usagetype", "USAGE_TYPE"],
  ["instance types", "INSTANCE_TYPE"], ["instance type", "INSTANCE_TYPE"], ["instance-types", "INSTANCE_TYPE"], ["instance-type", "INSTANCE_TYPE"],
  ["instance sizes", "INSTANCE_TYPE"], ["instance size", "INSTANCE_TYPE"],
  ["api operations", "OPERATION"], ["api operation", "OPERATION"], ["operations", "OPERATION"], ["operation", "OPERATION"],
  ["availability zones", "AZ"], ["availability zone", "AZ"], ["azs", "AZ"], ["az", "AZ"], ["zones", "AZ"], ["zone", "AZ"],
  ["purchase types", "PURCHASE_TYPE"], ["purchase type", "PURCHASE_TYPE"], ["purchase options", "PURCHASE_TYPE"], ["purchase option", "PURCHASE_TYPE"],
  ["pricing models", "PURCHASE_TYPE"], ["pricing model", "PURCHASE_TYPE"],
  ["operating systems", "PLATFORM"], ["operating system", "PLATFORM"], ["platforms", "PLATFORM"], ["platform", "PLATFORM"],
  ["tenancy", "TENANCY"], ["tenancies", "TENANCY"],
  ["record types", "RECORD_TYPE"], ["record type", "RECORD_TYPE"], ["charge types", "RECORD_TYPE"], ["charge type", "RECORD_TYPE"],
  ["legal entities", "LEGAL_ENTITY_NAME"], ["legal entity", "LEGAL_ENTITY_NAME"],
  ["usage type groups", "USAGE_TYPE_GROUP"], ["usage type group", "USAGE_TYPE_GROUP"],
  ["instance type families", "INSTANCE_TYPE_FAMILY"], ["instance type family", "INSTANCE_TYPE_FAMILY"],
  ["instance families", "INSTANCE_TYPE_FAMILY"], ["instance family", "INSTANCE_TYPE_FAMILY"],
  ["database engines", "DATABASE_ENGINE"], ["database engine", "DATABASE_ENGINE"], ["db engines", "DATABASE_ENGINE"], ["db engine", "DATABASE_ENGINE"],
  ["billing entities", "BILLING_ENTITY"], ["billing entity", "BILLING_ENTITY"],
  ["resource ids", "RESOURCE_ID"], ["resource id", "RESOURCE_ID"], ["resource", "RESOURCE_ID"],
  ["invoicing entities", "INVOICING_ENTITY"], ["invoicing entity", "INVOICING_ENTITY"],
];

/**
 * Dimension words as one regex alternation, longest first.
 *
 * @example
 * new RegExp(`^(?:${DIMENSION_WORD_PATTERN})$`).test("usage type"); // true
 */
export const DIMENSION_WORD_PATTERN = [...DIMENSION_WORDS]
  .map(([word]) => word)
  .sort((a, b) => b.length - a.length)
  .map((word) => word.replace(/[-\s]/g, "[-\\s]+"))
  .join("|");

/**
 * Look up a dimension word (any spacing).
 *
 * @example
 * dimensionForWord("Linked  Accounts"); // "LINKED_ACCOUNT"
 */
export function dimensionForWord(word: string): DimensionKey | undefined {
  const normalized = word.toLowerCase().replace(/[-\s]+/g, " ").trim();
  return DIMENSION_WORDS.find(([candidate]) => candidate.replace(/-/g, " ") === normalized)?.[1];
}

/**
 * Metric phrases -> metric, checked in this order.
 *
 * @example
 * METRIC_PHRASES.find(([re]) => re.test("amortized cost"))?.[1]; // "AmortizedCost"
 */
export const METRIC_PHRASES: ReadonlyArray<readonly [RegExp, CostMetric]> = [
  [/^net\s+amorti[sz]ed/i, "NetAmortizedCost"],
  [/^net\s+unblended/i, "NetUnblendedCost"],
  [/^amorti[sz]ed/i, "AmortizedCost"],
  [/^unblended/i, "UnblendedCost"],
  [/^blended/i, "BlendedCost"],
  [/^(?:net|after\s+discounts)/i, "NetUnblendedCost"],
  [/^normali[sz]ed/i, "NormalizedUsageAmount"],
  [/^usage/i, "UsageQuantity"],
];

/**
 * Region names people use (regex sources) -> region code.
 *
 * @example
 * REGION_NAMES.find(([name]) => name === "ireland")?.[1]; // "eu-west-1"
 */
export const REGION_NAMES: ReadonlyArray<readonly [string, string]> = [
  ["northern virginia", "us-east-1"], ["north virginia", "us-east-1"], ["n\\.?\\s*virginia", "us-east-1"], ["virginia", "us-east-1"],
  ["ohio", "us-east-2"],
  ["northern california", "us-west-1"], ["n\\.?\\s*california", "us-west-1"], ["california", "us-west-1"],
  ["oregon", "us-west-2"],
  ["ireland", "eu-west-1"], ["dublin", "eu-west-1"],
  ["london", "eu-west-2"],
  ["paris", "eu-west-3"],
  ["frankfurt", "eu-central-1"],
  ["zurich", "eu-central-2"],
  ["stockholm", "eu-north-1"],
  ["milan", "eu-south-1"],
  ["tokyo", "ap-northeast-1"],
  ["seoul", "ap-northeast-2"],
  ["osaka", "ap-northeast-3"],
  ["singapore", "ap-southeast-1"],
  ["sydney", "ap-southeast-2"],
  ["jakarta", "ap-southeast-3"],
  ["melbourne", "ap-southeast-4"],
  ["mumbai", "ap-south-1"],
  ["hyderabad", "ap-south-2"],
  ["hong\\s+kong", "ap-east-1"],
  ["s[aã]o\\s+paulo", "sa-east-1"],
  ["montreal", "ca-central-1"],
  ["calgary", "ca-west-1"],
  ["bahrain", "me-south-1"],
  ["uae", "me-central-1"],
  ["tel\\s+aviv", "il-central-1"],
  ["cape\\s+town", "af-south-1"],
];

/**
 * Words that carry no meaning for a cost query. Whatever is left after parsing and is not listed here is
 * reported as unrecognised.
 *
 * @example
 * STOPWORDS.has("the"); // true
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above across after again all along also am amazon an and any are as at aws be been being bill billed
  billing breakdown but by can charge charged charges cloud cost costed costing costs could data did do does
  doing dollars during each for from get give go had has have how i i'd i'm i've in including instance instances
  into is it it's its just let let's list many me money much my of on only or our ours over pay paid please
  price priced pricing quick resources see services service show so far spend spending spent tell than that
  the their them there these this those through to total totals us usage use used using usd was we we're we've
  were what what's whats when where which while who will with within would you your more most
  amount amounts account accounts id ids number numbers overall summary report per may might acct s everything anything whole entire sum up down break split
  group grouped plan plans expensive costly cheap cheapest biggest largest highest lowest top ranked rank`
    .split(/\s+/)
    .filter(Boolean),
);
