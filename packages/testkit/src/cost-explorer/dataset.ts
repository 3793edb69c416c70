import {
  ACCOUNT_PROFILES,
  BUSINESS_UNITS,
  COST_CATEGORY_NAME,
  REGIONS,
  SUPPORT_SERVICE,
  TAX_SERVICE,
  USAGE_TEMPLATES,
  normalizationFactor,
  type AccountKind,
  type AccountProfile,
  type RegionInfo,
  type UsagePattern,
  type UsageTemplate,
} from "./catalog.js";
import { addMonths, dayFromParts, dayOf, daysInMonth, formatDay, monthIndex, parseDay, partsOf, weekday } from "./dates.js";
import { COST_METRICS, METRIC_DECIMALS, formatUnits, toUnits, type CostMetric } from "./fixed-point.js";
import { between, gaussianAt, hash32, pick, uniform, uuidOf } from "./random.js";

/**
 * RECORD_TYPE values the generated ledger uses.
 *
 * @example
 * const credits: CostRecordType = "Credit";
 */
export type CostRecordType = "Usage" | "DiscountedUsage" | "RIFee" | "Credit" | "Tax" | "Support";

/**
 * How a day's amount is spread over its 24 hours when HOURLY is asked.
 *
 * @example
 * const profile: HourlyProfile = "business";
 */
export type HourlyProfile = "flat" | "business" | "traffic" | "midnight";

/**
 * An account of the organisation: the payer (management account) or a linked member account.
 *
 * @example
 * const production = dataset.accounts.find((account) => account.kind === "production");
 */
export interface CostAccount {
  /** 12-digit account id. */
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly kind: AccountKind;
  readonly payer: boolean;
}

/**
 * The fixed attributes of one ledger line: everything Cost Explorer can filter or group by. A line
 * has at most one row a day. `null` means "no value" (answered as `NoRegion`, `NoAZ`, ... by AWS).
 *
 * @example
 * const line = dataset.lineItems[dataset.rows.line[0] ?? 0];
 */
export interface CostLineItem {
  readonly index: number;
  /** Stable identifier: account/template/region/record type. */
  readonly key: string;
  readonly accountId: string;
  readonly service: string;
  readonly serviceCode: string;
  /** Region code, `global` for global services, null for tax and support. */
  readonly region: string | null;
  readonly az: string | null;
  readonly usageType: string;
  readonly operation: string | null;
  readonly instanceType: string | null;
  readonly recordType: CostRecordType;
  readonly purchaseType: string | null;
  readonly platform: string | null;
  readonly operatingSystem: string | null;
  readonly tenancy: string | null;
  readonly databaseEngine: string | null;
  readonly cacheEngine: string | null;
  readonly deploymentOption: string | null;
  readonly usageTypeGroup: string | null;
  /** Unit of UsageQuantity (`Hrs`, `GB-Mo`, ...). */
  readonly unit: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly costCategories: Readonly<Record<string, string>>;
  readonly hourlyProfile: HourlyProfile;
}

/**
 * The daily rows, column by column. Rows are sorted by day; the rows of day `start + i` are
 * `[dayOffsets[i], dayOffsets[i + 1])`. Amounts are integers in the units of
 * {@link METRIC_DECIMALS} (1e-10 USD for money, 1e-6 for usage), held exactly in float64.
 *
 * @example
 * const first = dataset.rows.metrics.UnblendedCost[0]; // 1e-10 USD units
 */
export interface CostRowTable {
  readonly length: number;
  /** Day number (days since 1970-01-01, UTC) of each row. */
  readonly day: Int32Array;
  /** Index into {@link CostDataset.lineItems}. */
  readonly line: Uint32Array;
  readonly metrics: Readonly<Record<CostMetric, Float64Array>>;
  readonly dayOffsets: Uint32Array;
}

/**
 * A known anomaly injected into the ledger, for scoring anomaly detection. Amounts are UnblendedCost
 * decimal strings over the part of the anomaly inside the dataset.
 *
 * @example
 * const spikes = dataset.anomalies.filter((anomaly) => anomaly.kind === "spike");
 */
export interface LabelledAnomaly {
  readonly id: string;
  readonly kind: "spike" | "level_shift";
  /** First affected day, YYYY-MM-DD. */
  readonly start: string;
  /** Last affected day (inclusive), YYYY-MM-DD; may be after the dataset ends (still ongoing). */
  readonly end: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly service: string;
  readonly region: string;
  readonly usageType: string;
  readonly lineKey: string;
  /** Multiplier applied to the line's normal cost on affected days. */
  readonly factor: number;
  readonly expectedSpend: string;
  readonly actualSpend: string;
  readonly impact: string;
  readonly maxDailyImpact: string;
  readonly feedback: "YES" | "NO" | "PLANNED_ACTIVITY" | null;
}

/**
 * A cost anomaly monitor of the organisation.
 *
 * @example
 * const arn = dataset.monitors[0]?.arn;
 */
export interface CostAnomalyMonitor {
  readonly arn: string;
  readonly name: string;
  readonly type: "DIMENSIONAL" | "CUSTOM";
  /** DIMENSIONAL monitors: the dimension. */
  readonly dimension: "SERVICE" | null;
  /** CUSTOM monitors: the linked accounts they watch. */
  readonly accountIds: readonly string[];
  readonly createdOn: string;
}

/**
 * A generated organisation's cost ledger: the source of every Cost Explorer answer.
 *
 * @example
 * const dataset = generateCostDataset({ seed: 7, now: new Date("2026-03-15T12:00:00Z") });
 * dataset.start; // "2025-02-01"
 */
export interface CostDataset {
  readonly version: 1;
  readonly seed: number;
  /** The "now" it was generated for (ISO). Data covers whole days before it. */
  readonly now: string;
  /** First day with data, YYYY-MM-DD (first day of a month). */
  readonly start: string;
  /** Day after the last day with data (exclusive), YYYY-MM-DD: the day of `now`. */
  readonly end: string;
  readonly currency: "USD";
  readonly payerAccountId: string;
  readonly accounts: readonly CostAccount[];
  readonly lineItems: readonly CostLineItem[];
  readonly rows: CostRowTable;
  readonly anomalies: readonly LabelledAnomaly[];
  readonly monitors: readonly CostAnomalyMonitor[];
  readonly tagKeys: readonly string[];
  readonly costCategoryNames: readonly string[];
  /** Enterprise discount applied to Net* metrics, e.g. "0.05". */
  readonly discountRate: string;
}

/**
 * Options for {@link generateCostDataset}.
 *
 * @example
 * const options: GenerateCostDatasetOptions = { seed: 42, now: new Date("2026-03-15T00:00:00Z") };
 */
export interface GenerateCostDatasetOptions {
  /** Seed of every random choice (default 1). The same seed gives the same ledger. */
  seed?: number;
  /** "Now" of the organisation: data ends yesterday relative to it (default: the current time). */
  now?: Date;
  /** Calendar months of history including the current one (default 14, as Cost Explorer keeps). */
  months?: number;
  /** Linked member accounts besides the payer (default 5). */
  accounts?: number;
}

// Trend and anomalies are anchored on fixed dates, not on the window: a later `now` or a longer
// history yields the very same rows for the days both datasets hold.
const TREND_ORIGIN = dayFromParts(2025, 1, 1);
const ANOMALY_EPOCH = dayFromParts(2023, 1, 1);
const ANOMALY_DAILY_PROBABILITY = 1 / 18;
const ANOMALY_MIN_DAILY_USD = 8;
const DAYS_PER_MONTH = 30.4375;

const WEEKLY: Readonly<Record<Exclude<UsagePattern, "month-start">, readonly number[]>> = {
  // Sunday first.
  flat: [1, 1, 1, 1, 1, 1, 1],
  business: [0.55, 1.18, 1.18, 1.18, 1.18, 1.18, 0.55],
  traffic: [0.85, 1.06, 1.06, 1.06, 1.06, 1.06, 0.85],
  batch: [2.2, 0.7, 0.7, 1.4, 0.7, 0.7, 0.7],
};

type LineKind = "usage" | "discounted" | "ri-fee" | "credit" | "tax" | "support";

interface LinePlan {
  readonly item: CostLineItem;
  readonly kind: LineKind;
  readonly account: number;
  readonly salt: number;
  /** usage: USD/day before trend. */
  readonly daily: number;
  readonly pattern: UsagePattern;
  readonly noise: number;
  readonly growth: number;
  readonly since: number;
  readonly unitPrice: number;
  readonly normalization: number;
  readonly blend: number;
  /** credit: the usage line it pays for. */
  readonly source: number;
  /** discounted / ri-fee: amortized 1e-10 USD per day, and reserved hours per day. */
  readonly reservedDaily: number;
  readonly reservedHours: number;
  anomalies: AnomalyPlan[];
}

interface AnomalyPlan {
  readonly id: string;
  readonly kind: "spike" | "level_shift";
  readonly start: number;
  readonly end: number;
  readonly factor: number;
  readonly line: number;
  expected: number;
  actual: number;
  maxImpact: number;
}

/**
 * Generates a seeded, realistic organisation's cost ledger: a payer and linked accounts, 40 services
 * with real Cost Explorer names, regions, usage types, tags and a cost category, with a growth trend,
 * weekly seasonality, month-start charges (RI fees, support, tax, hosted zones), promotional credits
 * and labelled anomalies. Deterministic for a seed; generates 14 months x 5 accounts in well under a
 * second.
 *
 * @example
 * const dataset = generateCostDataset({ seed: 1, now: new Date("2026-03-15T00:00:00Z") });
 * dataset.accounts.length; // 6: the payer and 5 linked accounts
 */
export function generateCostDataset(options: GenerateCostDatasetOptions = {}): CostDataset {
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const months = options.months ?? 14;
  const memberCount = options.accounts ?? 5;
  if (!Number.isInteger(seed)) throw new RangeError("seed must be an integer");
  if (Number.isNaN(now.getTime())) throw new RangeError("now must be a valid date");
  if (!Number.isInteger(months) || months < 1 || months > 38) throw new RangeError("months must be an integer from 1 to 38");
  if (!Number.isInteger(memberCount) || memberCount < 1 || memberCount > 50) throw new RangeError("accounts must be an integer from 1 to 50");

  const today = dayOf(now);
  const start = addMonths(today, -(months - 1));
  const end = today;
  const discountRate = (3 + pick(5, seed, "discount")) / 100;
  const taxRate = between(0.05, 0.09, seed, "tax-rate");
  const creditOffset = pick(12, seed, "credit-offset");

  const accounts = createAccounts(seed, memberCount);
  const plans = planLines(seed, accounts);
  const anomalies = planAnomalies(seed, plans, start, end);
  const rows = fillRows({ plans, accounts, start, end, discountRate, taxRate, creditOffset });

  const payer = accounts[0]?.account;
  if (!payer) throw new Error("no payer account");
  const production = accounts.find((entry) => entry.account.kind === "production")?.account;
  const monitors: CostAnomalyMonitor[] = [
    {
      arn: `arn:aws:ce::${payer.id}:anomalymonitor/${uuidOf(seed, "monitor", 0)}`,
      name: "AWS services",
      type: "DIMENSIONAL",
      dimension: "SERVICE",
      accountIds: [],
      createdOn: formatDay(start),
    },
  ];
  if (production) {
    monitors.push({
      arn: `arn:aws:ce::${payer.id}:anomalymonitor/${uuidOf(seed, "monitor", 1)}`,
      name: `${production.name} account`,
      type: "CUSTOM",
      dimension: null,
      accountIds: [production.id],
      createdOn: formatDay(start),
    });
  }

  const lineItems = plans.map((plan) => plan.item);
  const accountNames = new Map(accounts.map(({ account }) => [account.id, account.name]));
  return {
    version: 1,
    seed,
    now: now.toISOString(),
    start: formatDay(start),
    end: formatDay(end),
    currency: "USD",
    payerAccountId: payer.id,
    accounts: accounts.map(({ account }) => account),
    lineItems,
    rows,
    anomalies: anomalies.map((plan) => labelOf(seed, plan, lineItems, accountNames)),
    monitors,
    tagKeys: ["env", "team"],
    costCategoryNames: [COST_CATEGORY_NAME],
    discountRate: discountRate.toFixed(2),
  };
}

interface AccountEntry {
  readonly account: CostAccount;
  readonly profile: AccountProfile;
  readonly growth: number;
}

function createAccounts(seed: number, memberCount: number): AccountEntry[] {
  const members = ACCOUNT_PROFILES.filter((profile) => profile.kind !== "payer");
  const payerProfile = ACCOUNT_PROFILES.find((profile) => profile.kind === "payer");
  if (!payerProfile) throw new Error("catalog has no payer profile");
  const profiles = [payerProfile, ...Array.from({ length: memberCount }, (_, i) => members[i % members.length] ?? payerProfile)];
  const used = new Set<string>();
  return profiles.map((profile, index) => {
    let id = "";
    for (let attempt = 0; id === "" || used.has(id); attempt++) {
      const high = 100_000 + (hash32(seed, "account-id", index, attempt, 0) % 900_000);
      const low = hash32(seed, "account-id", index, attempt, 1) % 1_000_000;
      id = `${high}${String(low).padStart(6, "0")}`;
    }
    used.add(id);
    const round = index === 0 ? 0 : Math.floor((index - 1) / members.length);
    const name = `acme-${profile.name}${round > 0 ? `-${round + 1}` : ""}`;
    const growth = profile.kind === "payer" ? 0.005 : between(0.004, 0.025, seed, "growth", index);
    return {
      account: { id, name, email: `aws+${name}@acme.example`, kind: profile.kind, payer: index === 0 },
      profile,
      growth,
    };
  });
}

interface LineAttributes {
  service: string;
  serviceCode: string;
  region: string | null;
  az: string | null;
  usageType: string;
  operation: string | null;
  instanceType: string | null;
  recordType: CostRecordType;
  purchaseType: string | null;
  platform: string | null;
  operatingSystem: string | null;
  tenancy: string | null;
  databaseEngine: string | null;
  cacheEngine: string | null;
  deploymentOption: string | null;
  usageTypeGroup: string | null;
  unit: string;
  tags: Record<string, string>;
  costCategories: Record<string, string>;
  hourlyProfile: HourlyProfile;
}

function hourlyProfileOf(pattern: UsagePattern): HourlyProfile {
  switch (pattern) {
    case "business":
      return "business";
    case "traffic":
      return "traffic";
    case "month-start":
      return "midnight";
    case "flat":
    case "batch":
      return "flat";
  }
}

function planLines(seed: number, accounts: readonly AccountEntry[]): LinePlan[] {
  const plans: LinePlan[] = [];
  const templates = new Map(USAGE_TEMPLATES.map((template) => [template.key, template]));
  const regions = new Map(REGIONS.map((region) => [region.code, region]));
  const add = (
    account: number,
    accountId: string,
    kind: LineKind,
    key: string,
    attributes: LineAttributes,
    numbers: Partial<Omit<LinePlan, "item" | "kind" | "account" | "salt" | "anomalies">>,
  ): number => {
    const index = plans.length;
    plans.push({
      item: { index, key, accountId, ...attributes },
      kind,
      account,
      salt: hash32(seed, "line", key),
      daily: 0,
      pattern: "flat",
      noise: 0,
      growth: 0,
      since: Number.NEGATIVE_INFINITY,
      unitPrice: 1,
      normalization: 0,
      blend: 1,
      source: -1,
      reservedDaily: 0,
      reservedHours: 0,
      ...numbers,
      anomalies: [],
    });
    return index;
  };

  accounts.forEach(({ account, profile, growth }, accountIndex) => {
    const blend = profile.kind === "production" ? 0.97 : profile.kind === "payer" ? 1 : 1.03;
    const usageLines = new Map<string, number[]>();
    for (const [templateKey, weight] of profile.templates) {
      const template = templates.get(templateKey);
      if (!template) throw new Error(`unknown usage template ${templateKey}`);
      const placements: (readonly [RegionInfo | null, number])[] = template.global
        ? [[null, 1]]
        : profile.regions.map(([code, share]) => [regions.get(code) ?? null, share] as const);
      for (const [region, share] of placements) {
        const regionCode = region?.code ?? "global";
        const key = `${account.id}/${template.key}/${regionCode}/Usage`;
        const daily = template.daily * weight * profile.scale * share * between(0.75, 1.25, seed, "size", key);
        const pattern =
          profile.officeHours && template.schedulable && (template.pattern === "flat" || template.pattern === "traffic")
            ? "business"
            : template.pattern;
        const attributes = usageAttributes(seed, key, template, region, profile, pattern);
        const index = add(accountIndex, account.id, "usage", key, attributes, {
          daily,
          pattern,
          noise: template.noise,
          growth: growth + (template.growth ?? 0),
          since: template.since ? (parseDay(template.since) ?? Number.NEGATIVE_INFINITY) : Number.NEGATIVE_INFINITY,
          unitPrice: template.unitPrice,
          normalization: template.instanceType && template.unit === "Hrs" ? normalizationFactor(template.instanceType) : 0,
          blend: template.service.startsWith("Amazon Elastic Compute Cloud") ? blend : 1,
        });
        usageLines.set(template.key, [...(usageLines.get(template.key) ?? []), index]);
      }
    }

    const primary = regions.get(profile.regions[0]?.[0] ?? "us-east-1");
    for (const reservation of profile.reservations) {
      const template = templates.get(reservation.template);
      if (!template || !primary || !template.instanceType) throw new Error(`bad reservation ${reservation.template}`);
      const usageKey = `${account.id}/${template.key}/${primary.code}/Usage`;
      const usage = plans.find((plan) => plan.item.key === usageKey);
      if (!usage) throw new Error(`reservation without usage: ${usageKey}`);
      const reservedDaily = toUnits(reservation.count * 24 * reservation.hourlyRate, METRIC_DECIMALS.AmortizedCost);
      const reservedHours = reservation.count * 24;
      const covered: LineAttributes = { ...attributesOf(usage.item), purchaseType: "Reserved Instances" };
      add(accountIndex, account.id, "discounted", `${account.id}/${template.key}/${primary.code}/DiscountedUsage`, { ...covered, recordType: "DiscountedUsage" }, {
        reservedDaily,
        reservedHours,
        normalization: normalizationFactor(template.instanceType),
      });
      add(
        accountIndex,
        account.id,
        "ri-fee",
        `${account.id}/${template.key}/${primary.code}/RIFee`,
        {
          ...covered,
          recordType: "RIFee",
          usageType: `${primary.prefix}-HeavyUsage:${template.instanceType}`,
          az: null,
          tags: {},
          costCategories: {},
          hourlyProfile: "midnight",
        },
        { reservedDaily, reservedHours },
      );
    }

    for (const templateKey of profile.credits) {
      for (const source of usageLines.get(templateKey) ?? []) {
        const sourcePlan = plans[source];
        if (!sourcePlan) continue;
        add(
          accountIndex,
          account.id,
          "credit",
          `${sourcePlan.item.key.replace(/\/Usage$/, "")}/Credit`,
          { ...attributesOf(sourcePlan.item), recordType: "Credit", purchaseType: null, tags: {}, costCategories: {} },
          { source },
        );
      }
    }

    const bare: LineAttributes = {
      service: TAX_SERVICE,
      serviceCode: "Tax",
      region: null,
      az: null,
      usageType: "Tax",
      operation: null,
      instanceType: null,
      recordType: "Tax",
      purchaseType: null,
      platform: null,
      operatingSystem: null,
      tenancy: null,
      databaseEngine: null,
      cacheEngine: null,
      deploymentOption: null,
      usageTypeGroup: null,
      unit: "N/A",
      tags: {},
      costCategories: {},
      hourlyProfile: "midnight",
    };
    add(accountIndex, account.id, "tax", `${account.id}/tax/none/Tax`, bare, {});
    if (account.payer) {
      add(
        accountIndex,
        account.id,
        "support",
        `${account.id}/support/none/Support`,
        { ...bare, service: SUPPORT_SERVICE, serviceCode: "AWSSupportBusiness", usageType: "Dollar", recordType: "Support" },
        {},
      );
    }
  });
  return plans;
}

function attributesOf(item: CostLineItem): LineAttributes {
  const { index: _index, key: _key, accountId: _accountId, ...attributes } = item;
  return { ...attributes, tags: { ...attributes.tags }, costCategories: { ...attributes.costCategories } };
}

function usageAttributes(
  seed: number,
  key: string,
  template: UsageTemplate,
  region: RegionInfo | null,
  profile: AccountProfile,
  pattern: UsagePattern,
): LineAttributes {
  const tags: Record<string, string> = {};
  if (profile.kind !== "payer") {
    const untagged = uniform(seed, "untagged", key);
    if (untagged >= 0.05 && profile.env) tags.env = profile.env;
    if (untagged >= 0.12) tags.team = template.team;
  }
  const businessUnit = tags.team ? BUSINESS_UNITS[tags.team] : undefined;
  return {
    service: template.service,
    serviceCode: template.serviceCode,
    region: region?.code ?? "global",
    az: template.az && region ? (region.zones[pick(region.zones.length, seed, "az", key)] ?? null) : null,
    usageType: region ? `${region.prefix}-${template.usageType}` : template.usageType,
    operation: template.operation === "" ? null : template.operation,
    instanceType: template.instanceType ?? null,
    recordType: "Usage",
    purchaseType: template.purchaseType ?? "On Demand Instances",
    platform: template.platform ?? null,
    operatingSystem: template.operatingSystem ?? null,
    tenancy: template.tenancy ?? null,
    databaseEngine: template.databaseEngine ?? null,
    cacheEngine: template.cacheEngine ?? null,
    deploymentOption: template.deploymentOption ?? null,
    usageTypeGroup: template.usageTypeGroup ?? null,
    unit: template.unit,
    tags,
    costCategories: businessUnit ? { [COST_CATEGORY_NAME]: businessUnit } : {},
    hourlyProfile: hourlyProfileOf(pattern),
  };
}

function planAnomalies(seed: number, plans: LinePlan[], start: number, end: number): AnomalyPlan[] {
  const credited = new Set(plans.filter((plan) => plan.kind === "credit").map((plan) => plan.source));
  const eligible = plans
    .filter((plan) => plan.kind === "usage" && plan.pattern !== "month-start" && plan.daily >= ANOMALY_MIN_DAILY_USD)
    .filter((plan) => !credited.has(plan.item.index))
    .map((plan) => plan.item.index);
  const lastEnd = new Map<number, number>();
  const inWindow: AnomalyPlan[] = [];
  if (eligible.length === 0) return inWindow;
  for (let day = ANOMALY_EPOCH; day < end; day++) {
    if (uniform(seed, "anomaly", day) >= ANOMALY_DAILY_PROBABILITY) continue;
    const line = eligible[pick(eligible.length, seed, "anomaly-line", day)] ?? -1;
    const plan = plans[line];
    if (!plan || day < plan.since || day <= (lastEnd.get(line) ?? Number.NEGATIVE_INFINITY) + 14) continue;
    const spike = uniform(seed, "anomaly-kind", day) < 0.65;
    const length = spike ? 1 + pick(3, seed, "anomaly-length", day) : 21 + pick(55, seed, "anomaly-length", day);
    const factor = Math.round((spike ? between(2.5, 6, seed, "anomaly-factor", day) : between(1.5, 2.4, seed, "anomaly-factor", day)) * 100) / 100;
    const anomaly: AnomalyPlan = {
      id: uuidOf(seed, "anomaly", day),
      kind: spike ? "spike" : "level_shift",
      start: day,
      end: day + length - 1,
      factor,
      line,
      expected: 0,
      actual: 0,
      maxImpact: 0,
    };
    lastEnd.set(line, anomaly.end);
    if (anomaly.end >= start) {
      plan.anomalies.push(anomaly);
      inWindow.push(anomaly);
    }
  }
  return inWindow;
}

interface FillOptions {
  plans: LinePlan[];
  accounts: readonly AccountEntry[];
  start: number;
  end: number;
  discountRate: number;
  taxRate: number;
  creditOffset: number;
}

function fillRows({ plans, accounts, start, end, discountRate, taxRate, creditOffset }: FillOptions): CostRowTable {
  const days = Math.max(0, end - start);
  const capacity = plans.length * days;
  const dayColumn = new Int32Array(capacity);
  const lineColumn = new Uint32Array(capacity);
  const columns = Object.fromEntries(COST_METRICS.map((metric) => [metric, new Float64Array(capacity)])) as Record<CostMetric, Float64Array>;
  const dayOffsets = new Uint32Array(days + 1);
  const unblendedToday = new Float64Array(plans.length);
  const expectedMonthly = createExpectedMonthly(plans, accounts.length);
  let length = 0;

  const { AmortizedCost, BlendedCost, NetAmortizedCost, NetUnblendedCost, NormalizedUsageAmount, UnblendedCost, UsageQuantity } = columns;
  // Positional on purpose: one call per row, no allocation.
  const push = (day: number, line: number, amortized: number, blended: number, netAmortized: number, netUnblended: number, normalized: number, unblended: number, quantity: number): void => {
    dayColumn[length] = day;
    lineColumn[length] = line;
    AmortizedCost[length] = amortized;
    BlendedCost[length] = blended;
    NetAmortizedCost[length] = netAmortized;
    NetUnblendedCost[length] = netUnblended;
    NormalizedUsageAmount[length] = normalized;
    UnblendedCost[length] = unblended;
    UsageQuantity[length] = quantity;
    length++;
  };
  const charge = (day: number, line: number, units: number): void => push(day, line, units, units, units, units, 0, units, 0);
  const net = (units: number): number => units - Math.round(units * discountRate);

  for (let day = start; day < end; day++) {
    dayOffsets[day - start] = length;
    const dom = partsOf(day).day;
    const dim = daysInMonth(day);
    const dow = weekday(day);
    const creditMonth = (monthIndex(day) + creditOffset) % 12 < 4;
    unblendedToday.fill(0);
    for (const plan of plans) {
      const line = plan.item.index;
      switch (plan.kind) {
        case "usage": {
          if (day < plan.since) break;
          const trend = Math.exp((plan.growth * (day - TREND_ORIGIN)) / DAYS_PER_MONTH);
          let base: number;
          if (plan.pattern === "month-start") {
            if (dom !== 1) break;
            base = plan.daily * dim * trend;
          } else {
            const noise = plan.noise === 0 ? 1 : Math.max(0.3, 1 + plan.noise * gaussianAt(plan.salt, day));
            base = plan.daily * trend * (WEEKLY[plan.pattern][dow] ?? 1) * noise;
          }
          let factor = 1;
          for (const anomaly of plan.anomalies) if (day >= anomaly.start && day <= anomaly.end) factor *= anomaly.factor;
          const cost = base * factor;
          const unblended = toUnits(cost, 10);
          if (unblended === 0) break;
          const quantity = toUnits(cost / plan.unitPrice, 6);
          const netUnits = net(unblended);
          push(
            day,
            line,
            unblended,
            plan.blend === 1 ? unblended : toUnits(cost * plan.blend, 10),
            netUnits,
            netUnits,
            plan.normalization === 0 ? 0 : toUnits((cost / plan.unitPrice) * plan.normalization, 6),
            unblended,
            quantity,
          );
          unblendedToday[line] = unblended;
          if (factor !== 1) {
            const expected = toUnits(base, 10);
            for (const anomaly of plan.anomalies) {
              if (day < anomaly.start || day > anomaly.end) continue;
              anomaly.expected += expected;
              anomaly.actual += unblended;
              anomaly.maxImpact = Math.max(anomaly.maxImpact, unblended - expected);
            }
          }
          break;
        }
        case "discounted": {
          const amortized = plan.reservedDaily;
          push(day, line, amortized, amortized, net(amortized), 0, toUnits(plan.reservedHours * plan.normalization, 6), 0, toUnits(plan.reservedHours, 6));
          break;
        }
        case "ri-fee": {
          if (dom !== 1) break;
          const fee = plan.reservedDaily * dim;
          push(day, line, 0, fee, 0, net(fee), 0, fee, toUnits(plan.reservedHours * dim, 6));
          break;
        }
        case "credit": {
          const paid = unblendedToday[plan.source] ?? 0;
          if (!creditMonth || paid === 0) break;
          charge(day, line, -paid);
          break;
        }
        case "tax": {
          if (dom !== 1) break;
          charge(day, line, toUnits(taxRate * expectedMonthly(plan.account, day), 10));
          break;
        }
        case "support": {
          if (dom !== 1) break;
          let organisation = 0;
          for (let account = 0; account < accounts.length; account++) organisation += expectedMonthly(account, day);
          charge(day, line, toUnits(businessSupportFee(organisation), 10));
          break;
        }
      }
    }
  }
  dayOffsets[days] = length;
  return {
    length,
    day: dayColumn.slice(0, length),
    line: lineColumn.slice(0, length),
    metrics: Object.fromEntries(COST_METRICS.map((metric) => [metric, columns[metric].slice(0, length)])) as Record<CostMetric, Float64Array>,
    dayOffsets,
  };
}

/** Expected monthly usage of an account (USD) for the month starting at `day`: what tax and support are based on. */
function createExpectedMonthly(plans: readonly LinePlan[], accountCount: number): (account: number, day: number) => number {
  const memo = new Map<number, number>();
  return (account, day) => {
    const key = day * accountCount + account;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const dim = daysInMonth(day);
    const middle = day + dim / 2;
    let total = 0;
    for (const plan of plans) {
      if (plan.account !== account || plan.kind !== "usage" || plan.since > day) continue;
      total += plan.daily * dim * Math.exp((plan.growth * (middle - TREND_ORIGIN)) / DAYS_PER_MONTH);
    }
    const rounded = Math.round(total * 100) / 100;
    memo.set(key, rounded);
    return rounded;
  };
}

/** AWS Business support: the greater of $100 or a sliding percentage of the month's usage. */
function businessSupportFee(usage: number): number {
  const tiers: readonly (readonly [number, number])[] = [
    [10_000, 0.1],
    [80_000, 0.07],
    [250_000, 0.05],
    [Number.POSITIVE_INFINITY, 0.03],
  ];
  let fee = 0;
  let lower = 0;
  for (const [upper, rate] of tiers) {
    if (usage <= lower) break;
    fee += (Math.min(usage, upper) - lower) * rate;
    lower = upper;
  }
  return Math.max(100, Math.round(fee * 100) / 100);
}

function labelOf(seed: number, plan: AnomalyPlan, lineItems: readonly CostLineItem[], accountNames: ReadonlyMap<string, string>): LabelledAnomaly {
  const line = lineItems[plan.line];
  if (!line) throw new Error("anomaly on an unknown line");
  const feedbackDraw = uniform(seed, "anomaly-feedback", plan.start);
  const decimals = METRIC_DECIMALS.UnblendedCost;
  return {
    id: plan.id,
    kind: plan.kind,
    start: formatDay(plan.start),
    end: formatDay(plan.end),
    accountId: line.accountId,
    accountName: accountNames.get(line.accountId) ?? line.accountId,
    service: line.service,
    region: line.region ?? "NoRegion",
    usageType: line.usageType,
    lineKey: line.key,
    factor: plan.factor,
    expectedSpend: formatUnits(BigInt(plan.expected), decimals),
    actualSpend: formatUnits(BigInt(plan.actual), decimals),
    impact: formatUnits(BigInt(plan.actual - plan.expected), decimals),
    maxDailyImpact: formatUnits(BigInt(plan.maxImpact), decimals),
    feedback: feedbackDraw < 0.3 ? "YES" : feedbackDraw < 0.4 ? "PLANNED_ACTIVITY" : feedbackDraw < 0.45 ? "NO" : null,
  };
}

/**
 * One ledger row with its line's attributes and decimal-string amounts.
 *
 * @example
 * for (const row of iterateCostRows(dataset, { start: "2026-03-01", end: "2026-03-02" })) console.log(row.line.service);
 */
export interface CostRow {
  readonly date: string;
  readonly line: CostLineItem;
  readonly metrics: Readonly<Record<CostMetric, string>>;
}

/**
 * Options for {@link iterateCostRows}.
 *
 * @example
 * const march: IterateCostRowsOptions = { start: "2026-03-01", end: "2026-04-01" };
 */
export interface IterateCostRowsOptions {
  /** First day (inclusive), YYYY-MM-DD; default: the dataset's start. */
  start?: string;
  /** Last day (exclusive), YYYY-MM-DD; default: the dataset's end. */
  end?: string;
}

/**
 * Iterates the ledger's rows as plain objects (for exports, assertions and debugging; the handlers
 * read the columns directly).
 *
 * @example
 * const rows = [...iterateCostRows(dataset, { start: "2026-03-01", end: "2026-03-02" })];
 */
export function* iterateCostRows(dataset: CostDataset, options: IterateCostRowsOptions = {}): Generator<CostRow> {
  const first = parseDay(dataset.start) ?? 0;
  const days = dataset.rows.dayOffsets.length - 1;
  const from = Math.max(0, (options.start ? (parseDay(options.start) ?? first) : first) - first);
  const to = Math.min(days, (options.end ? (parseDay(options.end) ?? first + days) : first + days) - first);
  if (from >= to) return;
  const { rows } = dataset;
  for (let row = rows.dayOffsets[from] ?? 0; row < (rows.dayOffsets[to] ?? 0); row++) {
    const line = dataset.lineItems[rows.line[row] ?? 0];
    if (!line) continue;
    const metrics = Object.fromEntries(
      COST_METRICS.map((metric) => [metric, formatUnits(BigInt(rows.metrics[metric][row] ?? 0), METRIC_DECIMALS[metric])]),
    ) as Record<CostMetric, string>;
    yield { date: formatDay(rows.day[row] ?? 0), line, metrics };
  }
}
