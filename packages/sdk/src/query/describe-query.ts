import type { CostExpression, CostQuery, GroupBy } from "../costs/cost-query.js";
import { countDays } from "../costs/cost-dates.js";

function list(values: readonly string[]): string {
  return values.length === 1 ? (values[0] ?? "") : `one of ${values.join(", ")}`;
}

/**
 * A Cost Explorer expression in plain words.
 *
 * @example
 * describeExpression({ Not: { Dimensions: { Key: "SERVICE", Values: ["Tax"] } } }); // "not (SERVICE is Tax)"
 */
export function describeExpression(expression: CostExpression): string {
  if (expression.And) return expression.And.map((child) => wrap(child)).join(" and ");
  if (expression.Or) return expression.Or.map((child) => wrap(child)).join(" or ");
  if (expression.Not) return `not (${describeExpression(expression.Not)})`;
  if (expression.Dimensions) return `${expression.Dimensions.Key} is ${list(expression.Dimensions.Values)}`;
  for (const [op, label] of [["Tags", "tag"], ["CostCategories", "cost category"]] as const) {
    const leaf = expression[op];
    if (!leaf) continue;
    if (leaf.MatchOptions?.includes("ABSENT")) return `${label} ${leaf.Key} is not set`;
    return `${label} ${leaf.Key} is ${list(leaf.Values ?? [])}`;
  }
  return "(empty expression)";
}

function wrap(expression: CostExpression): string {
  const text = describeExpression(expression);
  return expression.And || expression.Or ? `(${text})` : text;
}

/**
 * A group-by in plain words.
 *
 * @example
 * describeGroupBy({ type: "TAG", key: "team" }); // "tag team"
 */
export function describeGroupBy(groupBy: GroupBy): string {
  switch (groupBy.type) {
    case "DIMENSION":
      return groupBy.key;
    case "TAG":
      return `tag ${groupBy.key}`;
    case "COST_CATEGORY":
      return `cost category ${groupBy.key}`;
  }
}

const INTENT_LABELS = { cost: "Cost", forecast: "Forecast", trend: "Trend" } as const;

/**
 * One sentence that says what a query asks Cost Explorer for.
 *
 * @example
 * describeCostQuery({ start: "2026-02-01", end: "2026-02-28", granularity: "MONTHLY", metrics: ["UnblendedCost"],
 *   groupBy: [], filter: null, intent: "cost" });
 * // "Cost (UnblendedCost) from 2026-02-01 to 2026-02-28 (28 days), monthly."
 */
export function describeCostQuery(query: CostQuery): string {
  const days = countDays(query.start, query.end);
  const parts = [
    `${INTENT_LABELS[query.intent]} (${query.metrics.join(", ")}) from ${query.start} to ${query.end} (${days} ${days === 1 ? "day" : "days"}), ${query.granularity.toLowerCase()}`,
  ];
  if (query.filter) parts.push(`where ${describeExpression(query.filter)}`);
  if (query.groupBy.length > 0) parts.push(`grouped by ${query.groupBy.map(describeGroupBy).join(" and ")}`);
  return `${parts.join(", ")}.`;
}
