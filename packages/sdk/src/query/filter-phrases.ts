// Filters (tags, cost categories, accounts, regions, services, ...) and group-bys in a question.

import type { CostExpression, GroupBy } from "../costs/cost-query.js";
import type { DimensionKey } from "../costs/cost-vocabulary.js";
import { MAX_SERVICE_ALIAS_WORDS, resolveServiceName } from "../costs/service-names.js";
import type { TextScanner } from "./text-scanner.js";
import { DIMENSION_WORD_PATTERN, MONTH_NUMBERS, REGION_NAMES, STOPWORDS, dimensionForWord } from "./vocabulary.js";

/**
 * One condition found in the question.
 *
 * @example
 * const item: FilterItem = { kind: "tag", key: "team", values: ["web"], negated: false, start: 0, end: 12 };
 */
export interface FilterItem {
  kind: "dimension" | "tag" | "costCategory";
  key: string;
  values: string[];
  /** A tag or cost category that must not be set. */
  absent?: boolean;
  negated: boolean;
  start: number;
  end: number;
  /** An assumption worth telling the user about. */
  note?: string;
}

/**
 * A group-by found in the question, with where it was found.
 *
 * @example
 * const hit: GroupByHit = { groupBy: { type: "DIMENSION", key: "SERVICE" }, index: 10 };
 */
export interface GroupByHit {
  groupBy: GroupBy;
  index: number;
}

const KEY = String.raw`(?:"[^"\uE000]+"|'[^'\uE000]+'|[A-Za-z0-9_.:/+@][A-Za-z0-9_.:/+@-]*)`;
const VALUE = String.raw`(?:"[^"\uE000]*"|'[^'\uE000]*'|[A-Za-z0-9_.:/+@][A-Za-z0-9_.:/+@-]*)`;
const VALUES = String.raw`(?:\(\s*${VALUE}(?:\s*,\s*${VALUE})*\s*\)|${VALUE}(?:(?:,|\s+or\s+)${VALUE})*)`;
const OPERATOR = String.raw`(?:\s*==?\s*|\s*:\s*|\s+is\s+|\s+equals?\s+|\s+in\s+|\s+of\s+)`;

const NOT_A_KEY = new Set([...STOPWORDS, "last", "this", "next", "previous", "past", "per", "and", "or", "by", "tag", "tags", "cost", "category"]);

function unquote(text: string): string {
  const t = text.trim();
  return (t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")) ? t.slice(1, -1) : t;
}

function splitValues(text: string): string[] {
  const t = text.trim();
  const inner = t.startsWith("(") && t.endsWith(")") ? t.slice(1, -1) : t;
  const parts = t.startsWith("(") ? inner.split(/\s*,\s*/) : inner.split(/,|\s+or\s+/i);
  return parts.map(unquote).filter((value) => value.length > 0);
}

function isUsableKey(key: string): boolean {
  const k = unquote(key);
  return k.length > 0 && !NOT_A_KEY.has(k.toLowerCase()) && MONTH_NUMBERS[k.toLowerCase()] === undefined;
}

/** Map a value given for a dimension to Cost Explorer's spelling. */
function dimensionValue(key: DimensionKey, value: string): string {
  switch (key) {
    case "SERVICE":
      return resolveServiceName(value)?.value ?? value;
    case "LINKED_ACCOUNT":
      return /^\d{4}-?\d{4}-?\d{4}$/.test(value) ? value.replace(/-/g, "") : value;
    case "REGION":
      return regionCodeOf(value) ?? value.toLowerCase();
    default:
      return value;
  }
}

const REGION_CODE = String.raw`(?:us-gov|us|eu|eusc|ap|sa|ca|me|af|il|mx|cn)-(?:northeast|northwest|southeast|southwest|north|south|east|west|central|de-east)-\d{1,2}`;

function regionCodeOf(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (new RegExp(`^${REGION_CODE}$`).test(t)) return t;
  return REGION_NAMES.find(([pattern]) => new RegExp(`^${pattern}$`, "i").test(t))?.[1];
}

/**
 * Tag, cost category and "where DIMENSION is VALUE" conditions.
 *
 * @example
 * extractConditionPhrases(createTextScanner("EC2 where env is prod"), items);
 */
export function extractConditionPhrases(scanner: TextScanner, items: FilterItem[]): void {
  const push = (item: Omit<FilterItem, "negated">): void => {
    items.push({ ...item, negated: false });
  };
  const pushDimension = (dimension: DimensionKey, values: readonly string[], start: number, end: number): void => {
    const mapped = values.map((value) => dimensionValue(dimension, value));
    const unknown = dimension === "SERVICE" ? values.filter((value) => resolveServiceName(value) === undefined) : [];
    const item: Omit<FilterItem, "negated"> = { kind: "dimension", key: dimension, values: mapped, start, end };
    if (unknown.length > 0) item.note = `${unknown.map((v) => `"${v}"`).join(", ")} is not a service name aws-atlas knows: used as written.`;
    push(item);
  };

  // Tags that must be missing: "without a team tag", "missing the tag team", "untagged by team".
  if (scanner.has(/without|missing|lacking|\bno\b|untagged|not\s+tagged/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:without|missing|lacking|with\\s+no|no|not\\s+tagged\\s+with)\\s+(?:a\\s+|an\\s+|the\\s+|any\\s+)?(?:tag\\s+(${KEY})|(${KEY})\\s+tag)(?![\\w-])|(?<![\\w-])untagged\\s+(?:by|for|with)\\s+(${KEY})`, "gi"), (m) => {
    const key = m.groups[0] ?? m.groups[1] ?? m.groups[2] ?? "";
    if (!isUsableKey(key)) return false;
    push({ kind: "tag", key: unquote(key), values: [], absent: true, start: m.index, end: m.end });
    return true;
  });

  // Cost categories: "cost category Team is Data".
  if (scanner.has(/cost\s+category/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:(?:where|with|for)\\s+)?(?:the\\s+)?cost\\s+category\\s+(${KEY})${OPERATOR}(${VALUES})`, "gi"), (m) => {
    const key = m.groups[0] ?? "";
    if (!isUsableKey(key)) return false;
    push({ kind: "costCategory", key: unquote(key), values: splitValues(m.groups[1] ?? ""), start: m.index, end: m.end });
    return true;
  });

  // "tag team=platform", "tagged env:prod", "with tag env is prod"
  if (scanner.has(/tag|label/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:(?:with|having|for|where)\\s+)?(?:the\\s+)?(?:tag(?:ged)?|label(?:l?ed)?)(?:\\s+with)?(?:\\s+|\\s*:\\s*)(${KEY})${OPERATOR}(${VALUES})`, "gi"), (m) => {
    const key = m.groups[0] ?? "";
    if (!isUsableKey(key)) return false;
    push({ kind: "tag", key: unquote(key), values: splitValues(m.groups[1] ?? ""), start: m.index, end: m.end });
    return true;
  });

  // "team tag is platform", "with the env tag = prod"
  if (scanner.has(/\btag\b/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:(?:with|having|for|where)\\s+)?(?:the\\s+)?(${KEY})\\s+tag${OPERATOR}(${VALUES})`, "gi"), (m) => {
    const key = m.groups[0] ?? "";
    if (!isUsableKey(key)) return false;
    push({ kind: "tag", key: unquote(key), values: splitValues(m.groups[1] ?? ""), start: m.index, end: m.end });
    return true;
  });

  // "where env is prod", "where region is eu-west-1", "whose account is 1234-5678-9012"
  if (scanner.has(/\b(?:where|whose|if)\b/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:where|whose|if)\\s+(?:the\\s+)?(${DIMENSION_WORD_PATTERN}|${KEY})(?:\\s*==?\\s*|\\s+is\\s+|\\s+equals?\\s+|\\s+in\\s+|\\s*:\\s*)(${VALUES})`, "gi"), (m) => {
    const key = m.groups[0] ?? "";
    const values = splitValues(m.groups[1] ?? "");
    const dimension = dimensionForWord(key);
    if (dimension) {
      pushDimension(dimension, values, m.index, m.end);
      return true;
    }
    if (!isUsableKey(key)) return false;
    push({ kind: "tag", key: unquote(key), values, start: m.index, end: m.end });
    return true;
  });

  // Bare "env=prod", "env in (prod, staging)"
  if (scanner.has(/=|\bin\s*\(/i)) scanner.scan(new RegExp(`(?<![\\w-])(${KEY})(?:\\s*==?\\s*|\\s+in\\s+(?=\\())(${VALUES})`, "gi"), (m) => {
    const key = m.groups[0] ?? "";
    const values = splitValues(m.groups[1] ?? "");
    const dimension = dimensionForWord(key);
    if (dimension) {
      pushDimension(dimension, values, m.index, m.end);
      return true;
    }
    if (!isUsableKey(key)) return false;
    push({ kind: "tag", key: unquote(key), values, start: m.index, end: m.end });
    return true;
  });
}

const GROUP_TARGET = String.raw`(?:cost\s+category\s+${KEY}|${KEY}\s+cost\s+categor(?:y|ies)|tag\s*[:\s]\s*${KEY}|(?:the\s+)?${KEY}\s+tags?(?![\w-])|(?:${DIMENSION_WORD_PATTERN})(?![\w-]))`;

function parseGroupTarget(text: string): GroupBy | undefined {
  const t = text.trim().replace(/\s+/g, " ");
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^cost category (${KEY})$`, "i").exec(t)) && m[1] && isUsableKey(m[1])) return { type: "COST_CATEGORY", key: unquote(m[1]) };
  if ((m = new RegExp(`^(${KEY}) cost categor(?:y|ies)$`, "i").exec(t)) && m[1] && isUsableKey(m[1])) return { type: "COST_CATEGORY", key: unquote(m[1]) };
  const dimension = dimensionForWord(t.replace(/^the /i, ""));
  if (dimension) return { type: "DIMENSION", key: dimension };
  if ((m = new RegExp(`^tag ?:? ?(${KEY})$`, "i").exec(t)) && m[1] && isUsableKey(m[1])) return { type: "TAG", key: unquote(m[1]) };
  if ((m = new RegExp(`^(?:the )?(${KEY}) tags?$`, "i").exec(t)) && m[1] && isUsableKey(m[1])) return { type: "TAG", key: unquote(m[1]) };
  return undefined;
}

/**
 * Group-by phrases: "by service", "grouped by region and account", "per team tag", "for each region",
 * "which services", "top 5 accounts", "service breakdown".
 *
 * @example
 * extractGroupByPhrases(createTextScanner("EC2 by region"), hits);
 */
export function extractGroupByPhrases(scanner: TextScanner, hits: GroupByHit[]): void {
  const add = (target: string | undefined, index: number): boolean => {
    const groupBy = target === undefined ? undefined : parseGroupTarget(target);
    if (!groupBy) return false;
    hits.push({ groupBy, index });
    return true;
  };

  const joiner = String.raw`\s*(?:,|\band\b|&|\+|\bthen\b)\s*(?:(?:by|per)[\s-]+)?(?:the\s+|each\s+)?`;
  const byPattern = new RegExp(
    `(?<![\\w-])(?:(?:grouped|group|broken\\s+down|break\\s+(?:it\\s+)?down|breakdown|split(?:\\s+it)?|sliced|slice|organi[sz]ed|sorted|segmented)\\s+)?(?:by|per)[\\s-]+(?:the\\s+|each\\s+)?(${GROUP_TARGET}(?:${joiner}${GROUP_TARGET})*)`,
    "gi",
  );
  if (scanner.has(/\b(?:by|per)\b/i)) scanner.scan(byPattern, (m) => {
    const chain = m.groups[0] ?? "";
    const chainStart = m.index + m.text.length - chain.length;
    let consumedTo = m.index;
    for (const target of chain.matchAll(new RegExp(`(?<![\\w-])${GROUP_TARGET}`, "gi"))) {
      if (!add(target[0], chainStart + target.index)) break;
      consumedTo = chainStart + target.index + target[0].length;
    }
    // Consume what was understood; an unusable target ("by tag last") stays for other passes.
    if (consumedTo > m.index) scanner.consume(m.index, consumedTo);
    return false;
  });

  if (scanner.has(/\b(?:each|every|all)\b/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:(?:for|in|across)\\s+)?(?:each|every|all)\\s+(?:of\\s+(?:the|my|our)\\s+)?(${DIMENSION_WORD_PATTERN})(?![\\w-])`, "gi"), (m) => add(m.groups[0], m.index));
  if (scanner.has(/\b(?:which|what|top|most|costliest|biggest|largest|highest|cheapest)\b/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:which|what|top(?:\\s+\\d{1,3})?|most\\s+expensive|costliest|biggest|largest|highest|cheapest)\\s+(?:\\d{1,3}\\s+)?(${DIMENSION_WORD_PATTERN})(?![\\w-])`, "gi"), (m) => add(m.groups[0], m.index));
  if (scanner.has(/compar/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:compare|comparing)\\s+(?:the\\s+)?(?:costs?\\s+(?:of|for|by|across)\\s+)?(?:my\\s+|our\\s+|all\\s+)?(${DIMENSION_WORD_PATTERN})(?![\\w-])`, "gi"), (m) => add(m.groups[0], m.index));
  if (scanner.has(/breakdown|split|level/i)) scanner.scan(new RegExp(`(?<![\\w-])(${DIMENSION_WORD_PATTERN})[\\s-]+(?:breakdown|split|level)(?![\\w-])`, "gi"), (m) => add(m.groups[0], m.index));
  scanner.scan(/(?<![\w-])(?:biggest|top|main|largest|major)\s+(?:\d{1,3}\s+)?(?:cost\s+|spend\s+)?drivers?(?![\w-])/gi, (m) => add("service", m.index));
}

/**
 * Accounts, regions, availability zones, instance and usage types, purchase and record types.
 *
 * @example
 * extractEntityPhrases(createTextScanner("in us-east-1 for 123456789012"), items);
 */
export function extractEntityPhrases(scanner: TextScanner, items: FilterItem[]): void {
  const push = (key: DimensionKey, value: string, start: number, end: number): boolean => {
    items.push({ kind: "dimension", key, values: [value], negated: false, start, end });
    return true;
  };
  if (scanner.has(/\d{4}/)) scanner.scan(/(?<![\w-])(?:(?:linked\s+|member\s+|aws\s+)?(?:account|acct)s?\s*(?:id|number|#|no\.?)?\s*:?\s*)?(\d{4})-?(\d{4})-?(\d{4})(?![\w-])/gi, (m) =>
    push("LINKED_ACCOUNT", `${m.groups[0] ?? ""}${m.groups[1] ?? ""}${m.groups[2] ?? ""}`, m.index, m.end),
  );
  if (scanner.has(/\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn|eusc)-/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:(?:availability\\s+zone|az)\\s+)?(${REGION_CODE})([a-z])(?![\\w-])`, "gi"), (m) =>
    push("AZ", `${m.groups[0] ?? ""}${m.groups[1] ?? ""}`.toLowerCase(), m.index, m.end),
  );
  if (scanner.has(/\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn|eusc)-/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:(?:the\\s+)?region\\s+)?(${REGION_CODE})(?![\\w-])`, "gi"), (m) => push("REGION", (m.groups[0] ?? "").toLowerCase(), m.index, m.end));
  const names = REGION_NAMES.map(([pattern]) => pattern).join("|");
  scanner.scan(new RegExp(`(?<![\\w-])(?:the\\s+)?(${names})(?:\\s+region)?(?![\\w-])`, "gi"), (m) => {
    const code = regionCodeOf(m.groups[0] ?? "");
    return code === undefined ? false : push("REGION", code, m.index, m.end);
  });
  scanner.scan(/(?<![\w-])usage[-\s]?types?\s*(?:=|:|is|of)?\s*([A-Za-z0-9]+(?:[-:.][A-Za-z0-9.]+)+)(?![\w-])/gi, (m) => push("USAGE_TYPE", m.groups[0] ?? "", m.index, m.end));
  if (scanner.has(/\.[a-z\d]/i)) scanner.scan(/(?<![\w.:-])((?:db|cache|ml|search)\.)?([a-z]{1,5}\d{1,2}[a-z0-9-]*\.(?:nano|micro|small|medium|large|\d{0,2}xlarge|metal(?:-\d+xl)?))(?:\s+instances?)?(?![\w-])/gi, (m) =>
    push("INSTANCE_TYPE", `${m.groups[0] ?? ""}${m.groups[1] ?? ""}`.toLowerCase(), m.index, m.end),
  );
  scanner.scan(/(?<![\w-])(?:(spot)|(on[-\s]?demand))(?:\s+(?:instances?|usage|capacity))?(?![\w-])/gi, (m) =>
    push("PURCHASE_TYPE", m.groups[0] ? "Spot Instances" : "On Demand Instances", m.index, m.end),
  );
  scanner.scan(/(?<![\w-])(?:(credits?)|(refunds?))(?![\w-])/gi, (m) => push("RECORD_TYPE", m.groups[0] ? "Credit" : "Refund", m.index, m.end));
}

/**
 * Service names: the longest run of words that the static mapping knows, anywhere in the question.
 *
 * @example
 * extractServicePhrases(createTextScanner("EC2 and NAT gateway"), items);
 */
export function extractServicePhrases(scanner: TextScanner, items: FilterItem[]): void {
  const masked = scanner.masked();
  const tokens = [...masked.matchAll(/[A-Za-z0-9]+/g)].map((m) => ({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
  // Words of one service name may be separated by spaces, hyphens, parentheses, slashes or "&" only.
  const joinable = (a: { end: number }, b: { start: number }): boolean => /^[\s\-()/&]*$/.test(masked.slice(a.end, b.start));
  let i = 0;
  while (i < tokens.length) {
    let matched = false;
    for (let n = Math.min(MAX_SERVICE_ALIAS_WORDS, tokens.length - i); n >= 1; n--) {
      const run = tokens.slice(i, i + n);
      if (run.some((token, k) => k > 0 && !joinable(run[k - 1] ?? token, token))) continue;
      const match = resolveServiceName(run.map((token) => token.word).join(" "));
      const first = run[0];
      const last = run[run.length - 1];
      if (!match || !first || !last) continue;
      items.push({ kind: "dimension", key: "SERVICE", values: match.values, negated: false, start: first.start, end: last.end });
      scanner.consume(first.start, last.end);
      i += n;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
}

const CONNECTORS = /^[\s,\uE000]*(?:(?:the|any|all|and|or|&|nor|plus|also)[\s,]+)*$/i;

/**
 * Mark conditions that follow "excluding", "except", "without", "other than", "not", ... as negated
 * (a list such as "excluding tax and support" negates every item of the list).
 *
 * @example
 * applyNegations(scanner, items);
 */
export function applyNegations(scanner: TextScanner, items: FilterItem[]): void {
  const sorted = [...items].sort((a, b) => a.start - b.start);
  scanner.scan(/(?<![\w-])(?:excluding|exclude|excludes|except(?:\s+for)?|other\s+than|not\s+including|apart\s+from|but\s+not|without|minus|ignoring|ignore|besides|not|no)(?![\w-])/gi, (m) => {
    let cursor = m.end;
    let negatedAny = false;
    for (const item of sorted) {
      if (item.start < cursor) continue;
      if (!CONNECTORS.test(scanner.text.slice(cursor, item.start).replace(/[^\s,\w&]/g, " "))) break;
      item.negated = true;
      negatedAny = true;
      cursor = item.end;
    }
    return negatedAny;
  });
}

function leafOf(item: FilterItem, values: string[]): CostExpression {
  switch (item.kind) {
    case "dimension":
      return { Dimensions: { Key: item.key as DimensionKey, Values: values } };
    case "tag":
      return item.absent ? { Tags: { Key: item.key, MatchOptions: ["ABSENT"] } } : { Tags: { Key: item.key, Values: values } };
    case "costCategory":
      return { CostCategories: { Key: item.key, Values: values } };
  }
}

/**
 * Combine conditions into one Cost Explorer expression: values of the same key are alternatives (one
 * leaf with several Values), different keys must all hold (And), negated ones are wrapped in Not.
 *
 * @example
 * buildFilter([{ kind: "dimension", key: "SERVICE", values: ["AWS Lambda"], negated: false, start: 0, end: 6 }]);
 * // { Dimensions: { Key: "SERVICE", Values: ["AWS Lambda"] } }
 */
export function buildFilter(items: readonly FilterItem[]): CostExpression | null {
  const groups = new Map<string, { item: FilterItem; values: string[] }>();
  for (const item of [...items].sort((a, b) => a.start - b.start)) {
    const id = `${item.negated ? "-" : "+"}${item.kind}:${item.absent ? "absent:" : ""}${item.key}`;
    const group = groups.get(id);
    if (group) {
      for (const value of item.values) if (!group.values.includes(value)) group.values.push(value);
    } else {
      groups.set(id, { item, values: [...new Set(item.values)] });
    }
  }
  const leaves = [...groups.values()].map(({ item, values }) => (item.negated ? { Not: leafOf(item, values) } : leafOf(item, values)));
  if (leaves.length === 0) return null;
  if (leaves.length === 1) return leaves[0] ?? null;
  return { And: leaves };
}
