import type { CeMetricValue, CeResultByTime } from "../aws/cost-explorer-port.js";
import type { LedgerDimension, LedgerFilter, LedgerRepository } from "../storage/ledger-repository.js";
import { addAmounts } from "./cost-amount.js";
import type { CostExpression, CostQuery, DateRange } from "./cost-query.js";
import { addDays, splitRange } from "./cost-query.js";
import { unitOfSum } from "./cost-result.js";
import { BREAKDOWN_COLUMN, coversRange, LEDGER_BREAKDOWN_KEYS, type LedgerBreakdownKey, type LedgerSyncState } from "./ledger-state.js";

/**
 * How a query maps onto the ledger: its group-bys as ledger columns and its filter as a
 * {@link LedgerFilter}.
 *
 * @example
 * const plan = planLedgerAnswer(query, state); // undefined when the ledger cannot answer
 */
export interface LedgerAnswerPlan {
  dimensions: LedgerDimension[];
  filter: LedgerFilter;
}

const FILTER_FIELD: Readonly<Record<LedgerBreakdownKey, keyof Pick<LedgerFilter, "accounts" | "services" | "regions" | "usageTypes">>> = {
  LINKED_ACCOUNT: "accounts",
  SERVICE: "services",
  REGION: "regions",
  USAGE_TYPE: "usageTypes",
};

function isBreakdownKey(key: string, breakdown: readonly LedgerBreakdownKey[]): key is LedgerBreakdownKey {
  return (LEDGER_BREAKDOWN_KEYS as readonly string[]).includes(key) && breakdown.includes(key as LedgerBreakdownKey);
}

/** Collect `And` of exact dimension matches; false for anything the ledger cannot evaluate. */
function collectConstraints(expr: CostExpression, breakdown: readonly LedgerBreakdownKey[], into: Map<LedgerBreakdownKey, Set<string>>): boolean {
  if (expr.And !== undefined) return expr.And.every((child) => collectConstraints(child, breakdown, into));
  const leaf = expr.Dimensions;
  if (leaf === undefined || expr.Or !== undefined || expr.Not !== undefined || expr.Tags !== undefined || expr.CostCategories !== undefined) return false;
  if (!isBreakdownKey(leaf.Key, breakdown)) return false;
  if (leaf.MatchOptions?.some((option) => option !== "EQUALS" && option !== "CASE_SENSITIVE")) return false;
  const values = new Set(leaf.Values);
  const seen = into.get(leaf.Key);
  into.set(leaf.Key, seen === undefined ? values : new Set([...seen].filter((value) => values.has(value))));
  return true;
}

/**
 * Whether the ledger can answer a query, and how: DAILY or MONTHLY granularity, metrics the ledger
 * holds, group-bys among its breakdown dimensions, and a filter that is an `And` of exact
 * `Dimensions` matches on them. When the ledger is limited to some accounts, the query must be too.
 * Coverage of the period is checked separately ({@link ledgerHoldsFinal}).
 *
 * @example
 * const plan = planLedgerAnswer(query, state);
 */
export function planLedgerAnswer(query: CostQuery, state: LedgerSyncState): LedgerAnswerPlan | undefined {
  if (query.granularity !== "DAILY" && query.granularity !== "MONTHLY") return undefined;
  if (query.intent === "forecast") return undefined;
  if (!query.metrics.every((metric) => state.metrics.includes(metric))) return undefined;
  const dimensions: LedgerDimension[] = [];
  for (const group of query.groupBy) {
    if (group.type !== "DIMENSION" || !isBreakdownKey(group.key, state.breakdown)) return undefined;
    dimensions.push(BREAKDOWN_COLUMN[group.key]);
  }
  const constraints = new Map<LedgerBreakdownKey, Set<string>>();
  if (query.filter !== null && !collectConstraints(query.filter, state.breakdown, constraints)) return undefined;
  if (state.accounts !== null) {
    const scope = new Set(state.accounts);
    const asked = constraints.get("LINKED_ACCOUNT");
    if (asked === undefined || ![...asked].every((account) => scope.has(account))) return undefined;
  }
  const filter: LedgerFilter = {};
  for (const [key, values] of constraints) filter[FILTER_FIELD[key]] = [...values].sort();
  return { dimensions, filter };
}

/**
 * Whether the ledger holds every day of `range` and all of them are final.
 *
 * @example
 * if (ledgerHoldsFinal(state, { start: "2026-01-01", end: "2026-01-31" })) { ... }
 */
export function ledgerHoldsFinal(state: LedgerSyncState, range: DateRange): boolean {
  return coversRange(state.ranges, range) && !state.nonFinal.some((day) => day >= range.start && day <= range.end);
}

interface PeriodBuilder {
  result: CeResultByTime;
  totals: Map<string, CeMetricValue[]>;
  groups: Map<string, { keys: string[]; metrics: Map<string, CeMetricValue[]> }>;
}

function push<K>(map: Map<K, CeMetricValue[]>, key: K, value: CeMetricValue): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function collapse(values: readonly CeMetricValue[] | undefined, metric: string): CeMetricValue {
  const list = values ?? [];
  return { amount: addAmounts(list.map((value) => value.amount)), unit: unitOfSum(list.map((value) => value.unit), metric) };
}

/**
 * Answer one range of a query (within one month for MONTHLY) from the ledger, in Cost Explorer's
 * ResultsByTime shape: one period per day (DAILY) or one for the range (MONTHLY), groups keyed like
 * AWS's, `Total` empty when grouped.
 *
 * @example
 * const results = await readLedgerResults(storage.ledger, query, plan, { start: "2026-01-01", end: "2026-01-31" });
 */
export async function readLedgerResults(
  ledger: LedgerRepository,
  query: CostQuery,
  plan: LedgerAnswerPlan,
  range: DateRange,
): Promise<CeResultByTime[]> {
  const granularity = query.granularity === "MONTHLY" ? "MONTHLY" : "DAILY";
  const periods = granularity === "DAILY" ? splitRange(range.start, range.end, "day") : [range];
  const builders = periods.map(
    (period): PeriodBuilder => ({
      result: { timePeriod: { start: period.start, end: addDays(period.end, 1) }, total: {}, groups: [], estimated: false },
      totals: new Map(),
      groups: new Map(),
    }),
  );
  const byStart = new Map(builders.map((builder) => [builder.result.timePeriod.start, builder]));
  const grouped = plan.dimensions.length > 0;

  for (const metric of query.metrics) {
    const aggregates = await ledger.queryLedger({
      start: range.start,
      end: range.end,
      granularity,
      metric,
      groupBy: plan.dimensions,
      filter: plan.filter,
    });
    for (const aggregate of aggregates) {
      const builder = granularity === "MONTHLY" ? builders[0] : byStart.get(aggregate.periodStart);
      if (builder === undefined) continue;
      builder.result.estimated ||= aggregate.estimated;
      const value = { amount: aggregate.amount, unit: aggregate.unit };
      if (!grouped) {
        push(builder.totals, metric, value);
        continue;
      }
      const keys = plan.dimensions.map((dimension) => aggregate.keys[dimension] ?? "");
      const id = keys.join("\u0001");
      let group = builder.groups.get(id);
      if (group === undefined) {
        group = { keys, metrics: new Map() };
        builder.groups.set(id, group);
      }
      push(group.metrics, metric, value);
    }
  }

  return builders.map((builder) => {
    if (grouped) {
      builder.result.groups = [...builder.groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, group]) => ({
          keys: group.keys,
          metrics: Object.fromEntries(query.metrics.map((metric) => [metric, collapse(group.metrics.get(metric), metric)])),
        }));
    } else {
      builder.result.total = Object.fromEntries(query.metrics.map((metric) => [metric, collapse(builder.totals.get(metric), metric)]));
    }
    return builder.result;
  });
}
