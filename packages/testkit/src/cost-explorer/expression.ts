// Cost Explorer filter expressions (And / Or / Not / Dimensions / Tags / CostCategories), validated
// as AWS does and evaluated once per line into a mask.
import { isDimension, type LedgerIndex } from "./ledger-index.js";
import { invalid, isRecord } from "./request.js";

const ROOTS = ["And", "Or", "Not", "Dimensions", "Tags", "CostCategories"] as const;
const MATCH_OPTIONS = new Set(["EQUALS", "ABSENT", "STARTS_WITH", "ENDS_WITH", "CONTAINS", "CASE_SENSITIVE", "CASE_INSENSITIVE", "GREATER_THAN_OR_EQUAL"]);
const DIMENSION_MATCH_OPTIONS = new Set(["EQUALS", "CASE_SENSITIVE"]);
const TAG_MATCH_OPTIONS = new Set(["EQUALS", "ABSENT", "CASE_SENSITIVE"]);
const MAX_DEPTH = 20;

type LineTest = (line: number) => boolean;

/**
 * Validates a filter expression and evaluates it for every line of the ledger.
 * Returns a mask (1 = the line passes) or undefined when there is no filter.
 *
 * @example
 * const mask = compileFilter({ Not: { Dimensions: { Key: "SERVICE", Values: ["Tax"] } } }, index);
 */
export function compileFilter(filter: unknown, index: LedgerIndex): Uint8Array | undefined {
  if (filter === undefined || filter === null) return undefined;
  const test = compile(filter, index, "Filter", 0);
  const lines = index.dataset.lineItems.length;
  const mask = new Uint8Array(lines);
  for (let line = 0; line < lines; line++) mask[line] = test(line) ? 1 : 0;
  return mask;
}

function compile(expression: unknown, index: LedgerIndex, path: string, depth: number): LineTest {
  if (depth > MAX_DEPTH) throw invalid(`${path}: expression is nested too deeply`);
  if (!isRecord(expression)) throw invalid(`${path} must be an Expression object`);
  const roots = ROOTS.filter((root) => expression[root] !== undefined && expression[root] !== null);
  const unknown = Object.keys(expression).filter((key) => !(ROOTS as readonly string[]).includes(key));
  if (unknown.length > 0) throw invalid(`${path}: unknown field ${unknown.join(", ")} in Expression`);
  if (roots.length !== 1) {
    throw invalid(
      roots.length === 0
        ? `${path}: Expression has no root operator. Exactly one of And, Or, Not, Dimensions, Tags, CostCategories is required`
        : "Expression has more than one roots. Only one root operator is allowed for each expression: And, Or, Not, Dimensions, Tags, CostCategories",
    );
  }
  const root = roots[0] ?? "And";
  const value = expression[root];
  switch (root) {
    case "And":
    case "Or": {
      if (!Array.isArray(value) || value.length < 2) throw invalid(`${path}.${root} must be a list of at least 2 expressions`);
      const parts = value.map((part, i) => compile(part, index, `${path}.${root}[${i}]`, depth + 1));
      return root === "And" ? (line) => parts.every((part) => part(line)) : (line) => parts.some((part) => part(line));
    }
    case "Not": {
      const inner = compile(value, index, `${path}.Not`, depth + 1);
      return (line) => !inner(line);
    }
    case "Dimensions":
      return compileDimension(value, index, `${path}.Dimensions`);
    case "Tags":
      return compileKeyed(value, `${path}.Tags`, "tag", (line) => index.dataset.lineItems[line]?.tags);
    case "CostCategories":
      return compileKeyed(value, `${path}.CostCategories`, "cost category", (line) => index.dataset.lineItems[line]?.costCategories);
  }
}

interface ValuesSpec {
  key: string | undefined;
  values: string[] | undefined;
  options: Set<string>;
}

function readValues(value: unknown, path: string, allowed: ReadonlySet<string>): ValuesSpec {
  if (!isRecord(value)) throw invalid(`${path} must be an object`);
  const key = value.Key;
  if (key !== undefined && typeof key !== "string") throw invalid(`${path}.Key must be a string`);
  const values = value.Values;
  if (values !== undefined && !isStringArray(values)) throw invalid(`${path}.Values must be a list of strings`);
  const options = value.MatchOptions;
  if (options !== undefined && !isStringArray(options)) throw invalid(`${path}.MatchOptions must be a list of strings`);
  for (const option of options ?? []) {
    if (!MATCH_OPTIONS.has(option)) throw invalid(`${path}.MatchOptions: ${option} is not a valid MatchOption`);
    if (!allowed.has(option)) throw invalid(`${path}.MatchOptions: ${option} is not supported here; valid values are ${[...allowed].join(", ")}`);
  }
  return { key, values, options: new Set(options ?? []) };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function matcher(values: readonly string[], options: ReadonlySet<string>): (value: string) => boolean {
  if (options.has("CASE_INSENSITIVE")) {
    const lowered = new Set(values.map((item) => item.toLowerCase()));
    return (value) => lowered.has(value.toLowerCase());
  }
  const exact = new Set(values);
  return (value) => exact.has(value);
}

function compileDimension(value: unknown, index: LedgerIndex, path: string): LineTest {
  const spec = readValues(value, path, DIMENSION_MATCH_OPTIONS);
  if (spec.key === undefined) throw invalid(`${path}.Key is required`);
  if (!isDimension(spec.key)) throw invalid(`${path}.Key: '${spec.key}' is not a valid Dimension`);
  if (!spec.values || spec.values.length === 0) throw invalid(`${path}.Values must contain at least one value`);
  const lineValues = index.valuesOf(spec.key);
  const matches = matcher(spec.values, spec.options);
  return (line) => matches(lineValues[line] ?? "");
}

function compileKeyed(
  value: unknown,
  path: string,
  what: string,
  mapOf: (line: number) => Readonly<Record<string, string>> | undefined,
): LineTest {
  const spec = readValues(value, path, TAG_MATCH_OPTIONS);
  const absent = spec.options.has("ABSENT") || !spec.values || spec.values.length === 0;
  if (spec.key === undefined) {
    if (spec.values && spec.values.length > 0 && !spec.options.has("ABSENT")) throw invalid(`${path}.Key is required to match ${what} values`);
    return (line) => Object.keys(mapOf(line) ?? {}).length === 0;
  }
  const key = spec.key;
  if (absent) return (line) => (mapOf(line) ?? {})[key] === undefined;
  const values = spec.values ?? [];
  const matches = matcher(values, spec.options);
  // An empty value stands for "no value", as in the `key$` group of untagged costs.
  const matchesMissing = values.includes("");
  return (line) => {
    const found = (mapOf(line) ?? {})[key];
    return found === undefined ? matchesMissing : matches(found);
  };
}
