import type { CostQuery, GroupBy } from "../costs/cost-query.js";
import { addDays, addMonths, endOfMonth, maxDate, minDate, splitRange, suggestGranularity, toIsoDate, type DateRange } from "../costs/cost-dates.js";
import { COST_METRICS, DEFAULT_COST_METRIC, GROUPABLE_DIMENSION_KEYS, type CostIntent, type CostMetric, type DimensionKey, type Granularity } from "../costs/cost-vocabulary.js";
import { AtlasError } from "../errors.js";
import { describeCostQuery, describeGroupBy } from "./describe-query.js";
import {
  applyNegations,
  buildFilter,
  extractConditionPhrases,
  extractEntityPhrases,
  extractGroupByPhrases,
  extractServicePhrases,
  type FilterItem,
  type GroupByHit,
} from "./filter-phrases.js";
import { createTextScanner, type TextScanner } from "./text-scanner.js";
import {
  extractTimePhrases,
  largerUnit,
  previousPeriodOf,
  previousUnits,
  yearBefore,
  type Period,
  type PeriodUnit,
  type TimeContext,
  type TimeHit,
} from "./time-phrases.js";
import { METRIC_PHRASES, STOPWORDS } from "./vocabulary.js";

/**
 * Options for {@link parseQuestion}.
 *
 * @example
 * const options: ParseQuestionOptions = { now: new Date(), fiscalYearStartMonth: 4 };
 */
export interface ParseQuestionOptions {
  /** "Now" (inject `AWS_ATLAS_NOW`); relative dates are computed from its UTC calendar day. */
  now: Date;
  /** First month of the fiscal year, 1-12 (default 1). Fiscal years are named by the year they end in. */
  fiscalYearStartMonth?: number;
  /** Metric when the question names none (default UnblendedCost). */
  defaultMetric?: CostMetric;
}

/**
 * What {@link parseQuestion} understood.
 *
 * @example
 * const { query, explanation, confidence, unrecognised } = parseQuestion("EC2 last month", { now: new Date() });
 */
export interface ParsedQuestion {
  /** The contract's query object (valid for costQuerySchema). */
  query: CostQuery;
  /** What was understood and every assumption made, in plain words. */
  explanation: string;
  /** 0..1: lower when words were not understood, a period was assumed, or something was adjusted. */
  confidence: number;
  /** Words of the question that were not understood (stopwords excluded), in order. */
  unrecognised: string[];
  /** For trends: the periods being compared, oldest first (each inside the query's range). */
  comparedPeriods?: DateRange[];
  /** The assumptions and adjustments, one per line (also part of the explanation). */
  notes: string[];
}

type TrendKind = "mom" | "wow" | "qoq" | "yoy" | "dod" | "pairwise" | "series";

const TREND_PHRASES: ReadonlyArray<readonly [RegExp, TrendKind]> = [
  [/^(?:month[-\s]+over[-\s]+month|mom|m\/m|mo\/mo)$/i, "mom"],
  [/^(?:week[-\s]+over[-\s]+week|wow|w\/w)$/i, "wow"],
  [/^(?:quarter[-\s]+over[-\s]+quarter|qoq|q\/q)$/i, "qoq"],
  [/^(?:day[-\s]+over[-\s]+day|dod|d\/d)$/i, "dod"],
];

const PAIRWISE_WORDS = String.raw`compar(?:e|ed|es|ing|ison)|vs\.?|versus|against|relative\s+to|chang(?:e|ed|es|ing)|increas(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|grow(?:n|th|ing|s)?|grew|went\s+(?:up|down)|go(?:ne)?\s+(?:up|down)|jump(?:ed|s)?|spik(?:e|ed|es)|drop(?:ped|s)?|differ(?:ence|ent)?|delta|rise|rose|higher|lower`;
const SERIES_WORDS = String.raw`trend(?:s|ing)?|over\s+time|history|historical(?:ly)?|evolution|evolv(?:e|ed|ing)`;
const FORECAST_WORDS = String.raw`forecast(?:s|ed|ing)?|predict(?:s|ed|ion|ions)?|projected|projections?|expect(?:ed)?|estimate[sd]?|outlook|will|going\s+to|gonna|anticipated?|on\s+track|run[-\s]?rate`;

function clampConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0.05, value)) * 100) / 100;
}

function unitGranularity(period: Period): Granularity {
  if (period.unit === "hour") return "HOURLY";
  if (period.dayPrecision) return suggestGranularity(period.start, period.end);
  return period.unit === "day" || period.unit === "week" ? "DAILY" : "MONTHLY";
}

function hull(ranges: readonly DateRange[]): DateRange {
  let start = ranges[0]?.start ?? "";
  let end = ranges[0]?.end ?? "";
  for (const range of ranges) {
    start = minDate(start, range.start);
    end = maxDate(end, range.end);
  }
  return { start, end };
}

function quote(text: string): string {
  return `"${text}"`;
}

/**
 * Turn a plain-English cost question into the contract's query object, deterministically and without I/O.
 * Relative dates come from `now` in UTC; weeks start on Monday; "last month/quarter/year" is the previous
 * complete calendar period; "this month" runs to today (AWS data for today is partial). Every word that is
 * neither understood nor a stopword is returned in `unrecognised`. The rules are in docs/cost-ask.md.
 *
 * @example
 * const { query } = parseQuestion("How much did I spend on EC2 last month?", { now: new Date("2026-03-15T10:00:00Z") });
 * // query.start "2026-02-01", query.end "2026-02-28", granularity "MONTHLY",
 * // filter { Dimensions: { Key: "SERVICE", Values: ["Amazon Elastic Compute Cloud - Compute"] } }
 */
export function parseQuestion(text: string, options: ParseQuestionOptions): ParsedQuestion {
  const fiscalYearStartMonth = options.fiscalYearStartMonth ?? 1;
  if (!Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
    throw new AtlasError("INVALID_ARGUMENT", `fiscalYearStartMonth ${fiscalYearStartMonth} is not a month`, { hint: "Use 1 (January) to 12 (December)." });
  }
  const defaultMetric = options.defaultMetric ?? DEFAULT_COST_METRIC;
  if (!COST_METRICS.includes(defaultMetric)) {
    throw new AtlasError("INVALID_ARGUMENT", `defaultMetric ${String(defaultMetric)} is not a Cost Explorer metric`, { hint: `Use one of ${COST_METRICS.join(", ")}.` });
  }
  const today = toIsoDate(options.now);
  const ctx: TimeContext = { today, now: options.now, fiscalYearStartMonth };
  const scanner = createTextScanner(text);
  const notes: string[] = [];
  let adjustments = 0;
  const understood = { intentWord: false, granularityWord: false, metric: false };

  // 1. Compound trend phrases ("month over month", "YoY", "same month last year").
  let trendKind: TrendKind | undefined;
  scanner.scan(/(?<![\w-])(?:month[-\s]+over[-\s]+month|week[-\s]+over[-\s]+week|quarter[-\s]+over[-\s]+quarter|day[-\s]+over[-\s]+day|mom|wow|qoq|dod|m\/m|mo\/mo|w\/w|q\/q|d\/d)(?![\w-])/gi, (m) => {
    trendKind ??= TREND_PHRASES.find(([pattern]) => pattern.test(m.text.trim()))?.[1];
    return true;
  });
  scanner.scan(/(?<![\w-])(?:year[-\s]+over[-\s]+year|yoy|y\/y|(?:(?:compared\s+(?:to|with)|vs\.?|versus|against)\s+)?(?:the\s+)?same\s+(?:month|period|quarter|week|day|time)\s+(?:of\s+|in\s+)?(?:last|the\s+previous|previous|a)\s+year|(?:compared\s+(?:to|with)|vs\.?|versus|against|than)\s+a\s+year\s+(?:ago|earlier|before))(?![\w-])/gi, () => {
    trendKind = "yoy";
    return true;
  });

  // 2. Granularity words.
  let granularityWord: Granularity | undefined;
  scanner.scan(/(?<![\w-])(?:(hourly|per\s+hour|by\s+(?:the\s+)?hour|each\s+hour|hour[-\s]by[-\s]hour)|(daily|per\s+day|by\s+(?:the\s+)?day|each\s+day|day[-\s]by[-\s]day)|(monthly|per\s+month|by\s+(?:the\s+)?month|each\s+month|month[-\s]by[-\s]month)|(weekly|per\s+week|by\s+(?:the\s+)?week|each\s+week|week[-\s]by[-\s]week)|(quarterly|per\s+quarter|by\s+(?:the\s+)?quarter|yearly|annually|per\s+year|by\s+(?:the\s+)?year))(?![\w-])/gi, (m) => {
    const [hourly, daily, monthly, weekly] = m.groups;
    const granularity: Granularity = hourly ? "HOURLY" : daily ? "DAILY" : monthly ? "MONTHLY" : weekly ? "DAILY" : "MONTHLY";
    if (granularityWord === undefined) {
      granularityWord = granularity;
      if (weekly) notes.push(`Cost Explorer has no weekly granularity: "${m.text.trim()}" is answered DAILY.`);
      else if (!hourly && !daily && !monthly) notes.push(`Cost Explorer has no quarterly or yearly granularity: "${m.text.trim()}" is answered MONTHLY.`);
    } else if (granularity !== granularityWord) {
      notes.push(`One granularity per query: "${m.text.trim()}" was left out (${granularityWord} kept).`);
      adjustments++;
    }
    understood.granularityWord = true;
    return true;
  });

  // 3. Conditions on tags, cost categories and dimensions.
  const items: FilterItem[] = [];
  extractConditionPhrases(scanner, items);

  // 4. Group-bys.
  const groupHits: GroupByHit[] = [];
  extractGroupByPhrases(scanner, groupHits);

  // 5. Time.
  const pairwiseWanted = new RegExp(`(?<![\\w-])(?:${PAIRWISE_WORDS})(?![\\w-])`, "i").test(scanner.masked());
  const time = extractTimePhrases(scanner, ctx, { pairwise: pairwiseWanted || trendKind !== undefined });
  // "A vs B" consumed its connector: it still asks for a comparison.
  if (time.hits.some((hit) => hit.comparedWith)) trendKind ??= "pairwise";
  for (const phrase of time.invalid) notes.push(`${quote(phrase)} is not a valid date and was ignored.`);
  for (const hit of time.hits) for (const period of [hit.period, hit.comparedWith]) if (period?.note) notes.push(period.note);

  // 6-8. Entities, services, negations.
  extractEntityPhrases(scanner, items);
  extractServicePhrases(scanner, items);
  applyNegations(scanner, items);
  for (const item of items) {
    if (item.note === undefined) continue;
    notes.push(item.note);
    adjustments++;
  }

  // 9. Metrics.
  const metrics: CostMetric[] = [];
  scanner.scan(new RegExp(`(?<![\\w-])(${COST_METRICS.join("|")})(?![\\w-])`, "gi"), (m) => {
    const metric = COST_METRICS.find((name) => name.toLowerCase() === m.text.toLowerCase());
    if (metric && !metrics.includes(metric)) metrics.push(metric);
    understood.metric = true;
    return true;
  });
  scanner.scan(/(?<![\w-])(?:net\s+amorti[sz]ed|net\s+unblended|amorti[sz]ed|unblended|blended|normali[sz]ed\s+(?:usage(?:\s+amounts?)?|units?)|usage\s+(?:quantity|quantities|amounts?|hours)|net(?=\s+(?:costs?|spend|spending|amounts?|charges))|after\s+discounts)(?:\s+(?:costs?|rates?))?(?![\w-])/gi, (m) => {
    const metric = METRIC_PHRASES.find(([pattern]) => pattern.test(m.text.trim()))?.[1];
    if (metric && !metrics.includes(metric)) metrics.push(metric);
    understood.metric = true;
    return true;
  });

  // 10. Intent words.
  let forecastWord = false;
  scanner.scan(new RegExp(`(?<![\\w-])(?:${FORECAST_WORDS})(?![\\w-])`, "gi"), () => {
    forecastWord = true;
    understood.intentWord = true;
    return true;
  });
  scanner.scan(new RegExp(`(?<![\\w-])(?:${PAIRWISE_WORDS})(?![\\w-])`, "gi"), () => {
    trendKind ??= "pairwise";
    understood.intentWord = true;
    return true;
  });
  scanner.scan(new RegExp(`(?<![\\w-])(?:${SERIES_WORDS})(?![\\w-])`, "gi"), () => {
    trendKind ??= "series";
    understood.intentWord = true;
    return true;
  });
  if (trendKind !== undefined) understood.intentWord = true;

  // 11. What is left.
  const unrecognised = collectUnrecognised(scanner);

  // ---- Decide ----
  let intent: CostIntent = forecastWord ? "forecast" : trendKind !== undefined ? "trend" : "cost";
  let groupBy: GroupBy[] = [];
  for (const hit of [...groupHits].sort((a, b) => a.index - b.index)) {
    if (groupBy.some((g) => g.type === hit.groupBy.type && g.key === hit.groupBy.key)) continue;
    if (groupBy.length === 2) {
      notes.push(`Cost Explorer groups by at most 2 keys: ${describeGroupBy(hit.groupBy)} was left out.`);
      adjustments++;
      continue;
    }
    groupBy.push(hit.groupBy);
  }

  // "compare EC2 and S3" compares services, not periods.
  const hits = time.hits;
  const comparesPeriods = hits.length >= 2 || hits.some((hit) => hit.comparedWith);
  if (intent === "trend" && (trendKind === "pairwise" || trendKind === "series") && !comparesPeriods) {
    const several = severalValuesOf(items);
    if (several && trendKind === "pairwise") {
      intent = "cost";
      if (!groupBy.some((g) => g.type === "DIMENSION" && g.key === several) && groupBy.length < 2) {
        groupBy.push({ type: "DIMENSION", key: several });
      }
      notes.push(`Comparing ${several} values side by side (grouped by ${several}).`);
    }
  }

  let range: DateRange;
  let granularity: Granularity;
  let comparedPeriods: DateRange[] | undefined;

  if (intent === "trend") {
    const plan = planTrend(trendKind ?? "series", hits, ctx, notes);
    range = plan.range;
    comparedPeriods = plan.compared;
    granularity = plan.granularity;
  } else {
    let period = choosePeriod(hits, intent, ctx, notes);
    // Reconcile past/future words with the intent.
    if (intent === "cost" && (period.future || period.start > today)) {
      intent = "forecast";
      notes.push(`${quote(period.label)} lies in the future: answered as a forecast.`);
    }
    if (intent === "forecast") {
      if (period.toDate && period.fullEnd) period = { ...period, start: today, end: period.fullEnd };
      if (period.end < today) {
        intent = "cost";
        notes.push(`${quote(period.label)} is in the past: answered as cost, not a forecast.`);
        adjustments++;
      } else if (period.start < today) {
        notes.push(`A forecast starts today (${today}): ${period.start} to ${addDays(today, -1)} is left out.`);
        period = { ...period, start: today };
        adjustments++;
      }
    }
    if (intent === "cost" && period.end > today) {
      if (!period.toDate) notes.push(`${quote(period.label)} has not ended yet: costs up to today (${today}).`);
      period = { ...period, end: today };
    }
    range = { start: period.start, end: period.end };
    granularity = unitGranularity(period);
    if (intent === "forecast" && granularity === "HOURLY") granularity = "DAILY";
    if (intent === "forecast" && granularity === "DAILY" && range.end > addMonths(today, 3)) granularity = "MONTHLY";
  }

  if (granularityWord !== undefined) {
    if (intent === "forecast" && granularityWord === "HOURLY") {
      notes.push("Cost Explorer forecasts are DAILY or MONTHLY: answered DAILY.");
      granularity = "DAILY";
    } else {
      granularity = granularityWord;
    }
  }

  if (granularity === "HOURLY" && range.start < addDays(today, -14)) {
    notes.push(`Cost Explorer keeps HOURLY data for 14 days only: ${range.start} is older, so AWS will refuse this query.`);
  }

  if (metrics.length === 0) metrics.push(defaultMetric);
  if (intent === "forecast" && metrics.length > 1) {
    notes.push(`A forecast takes one metric: ${metrics.slice(1).join(", ")} left out.`);
    metrics.splice(1);
    adjustments++;
  }
  if (intent === "forecast" && groupBy.length > 0) {
    notes.push(`Cost Explorer forecasts cannot be grouped: ${groupBy.map(describeGroupBy).join(" and ")} left out.`);
    groupBy = [];
    adjustments++;
  }

  const query: CostQuery = {
    start: range.start,
    end: range.end,
    granularity,
    metrics,
    groupBy,
    filter: buildFilter(items),
    intent,
  };

  const understoodAnything =
    hits.length > 0 || items.length > 0 || groupHits.length > 0 || understood.metric || understood.intentWord || understood.granularityWord;
  let confidence = 1;
  if (hits.length === 0) confidence -= 0.25;
  confidence -= 0.1 * Math.min(unrecognised.length, 5);
  confidence -= 0.05 * adjustments;
  confidence -= 0.15 * time.invalid.length;
  if (!understoodAnything) confidence = Math.min(confidence, 0.2);

  const lines = [describeCostQuery(query)];
  if (hits.length > 0) lines.push(describeReading(hits));
  if (comparedPeriods && comparedPeriods.length > 0) {
    const shown = comparedPeriods.map((p) => (p.start === p.end ? p.start : `${p.start}..${p.end}`));
    lines.push(shown.length === 2 ? `Comparing ${shown.join(" with ")}.` : `Comparing ${shown.length} periods: ${shown.join(", ")}.`);
  }
  lines.push(...notes);
  if (unrecognised.length > 0) lines.push(`Not understood: ${unrecognised.map(quote).join(", ")}.`);

  const result: ParsedQuestion = {
    query,
    explanation: lines.join(" "),
    confidence: clampConfidence(confidence),
    unrecognised,
    notes,
  };
  if (comparedPeriods) result.comparedPeriods = comparedPeriods;
  return result;
}

function describeReading(hits: readonly TimeHit[]): string {
  const readings = hits.flatMap((hit) => (hit.comparedWith ? [hit.period, hit.comparedWith] : [hit.period])).map((p) => {
    const own = p.start === p.end ? p.start : `${p.start} to ${p.end}`;
    return `${quote(p.label)} as ${p.reading.includes(p.start) ? p.reading : `${p.reading} (${own})`}`;
  });
  return `Read ${readings.join("; ")}.`;
}

function collectUnrecognised(scanner: TextScanner): string[] {
  const words: string[] = [];
  for (const { word } of scanner.leftovers()) {
    const lower = word.toLowerCase();
    if (STOPWORDS.has(lower)) continue;
    if (/^\p{P}+$/u.test(word)) continue;
    if (!words.includes(word)) words.push(word);
  }
  return words;
}

/** The first groupable dimension given with several values ("EC2 vs S3", "on-demand vs spot"), for "compare A and B". */
function severalValuesOf(items: readonly FilterItem[]): DimensionKey | undefined {
  const groupable: readonly string[] = GROUPABLE_DIMENSION_KEYS;
  for (const item of [...items].sort((a, b) => a.start - b.start)) {
    if (item.kind !== "dimension" || item.negated || !groupable.includes(item.key)) continue;
    const values = new Set(items.filter((other) => other.kind === "dimension" && other.key === item.key && !other.negated).flatMap((other) => other.values));
    if (values.size >= 2) return item.key as DimensionKey;
  }
  return undefined;
}

function choosePeriod(hits: readonly TimeHit[], intent: CostIntent, ctx: TimeContext, notes: string[]): Period {
  const { today } = ctx;
  if (hits.length === 0) {
    if (intent === "forecast") {
      const end = endOfMonth(today);
      notes.push(`No period in the question: forecasting the rest of this month (${today} to ${end}).`);
      return { start: today, end, unit: "month", label: "rest of this month", reading: `${today} to ${end}`, future: true };
    }
    const start = `${today.slice(0, 8)}01`;
    notes.push(`No period in the question: month to date (${start} to ${today}).`);
    return { start, end: today, unit: "month", label: "month to date", reading: `${start} to ${today}`, toDate: true, fullEnd: endOfMonth(today) };
  }
  const periods = hits.flatMap((hit) => (hit.comparedWith ? [hit.period, hit.comparedWith] : [hit.period]));
  if (periods.length === 1 && periods[0]) {
    const only = periods[0];
    if (only.reversed) notes.push(`${quote(only.label)} runs backwards: read as ${only.start} to ${only.end}.`);
    return only;
  }
  const span = hull(periods);
  const unit = periods.reduce<PeriodUnit>((acc, p) => largerUnit(acc, p.unit), "hour");
  notes.push(`Several periods (${periods.map((p) => quote(p.label)).join(", ")}): covering ${span.start} to ${span.end}.`);
  const dayPrecision = periods.some((p) => p.dayPrecision);
  return {
    ...span,
    unit,
    label: periods.map((p) => p.label).join(" + "),
    reading: `${span.start} to ${span.end}`,
    ...(dayPrecision ? { dayPrecision } : {}),
    ...(periods.every((p) => p.future) ? { future: true } : {}),
    ...(periods.every((p) => p.toDate) ? { toDate: true } : {}),
  };
}

interface TrendPlan {
  range: DateRange;
  compared: DateRange[];
  granularity: Granularity;
}

function clampToToday(range: DateRange, today: string): DateRange | undefined {
  if (range.start > today) return undefined;
  return { start: range.start, end: minDate(range.end, today) };
}

function planTrend(kind: TrendKind, hits: readonly TimeHit[], ctx: TimeContext, notes: string[]): TrendPlan {
  const { today } = ctx;
  const finish = (compared: DateRange[], granularity: Granularity): TrendPlan => {
    const clamped = compared.map((range) => clampToToday(range, today)).filter((range): range is DateRange => range !== undefined);
    if (clamped.length < compared.length) notes.push("Periods in the future were left out of the comparison.");
    const usable = clamped.length > 0 ? clamped : [{ start: today, end: today }];
    usable.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return { range: hull(usable), compared: usable, granularity };
  };

  const periods = hits.flatMap((hit) => (hit.comparedWith ? [hit.period, hit.comparedWith] : [hit.period]));
  if (periods.length >= 2) {
    const unit = periods.reduce<PeriodUnit>((acc, p) => largerUnit(acc, p.unit), "hour");
    const granularity: Granularity =
      kind === "wow" || kind === "dod" ? "DAILY"
      : kind === "mom" || kind === "qoq" || kind === "yoy" ? "MONTHLY"
      : unitRank(unit) >= unitRank("month") ? "MONTHLY"
      : "DAILY";
    return finish(periods.map((p) => ({ start: p.start, end: p.end })), granularity);
  }

  const last = previousUnits(1, "month", today)[0] ?? { start: today, end: today };
  if (periods.length === 0) {
    switch (kind) {
      case "wow":
        notes.push("No period in the question: the last 4 complete weeks.");
        return finish(previousUnits(4, "week", today), "DAILY");
      case "dod":
        notes.push("No period in the question: the last 7 complete days.");
        return finish(previousUnits(7, "day", today), "DAILY");
      case "qoq":
        notes.push("No period in the question: the last 3 complete quarters.");
        return finish(previousUnits(3, "quarter", today), "MONTHLY");
      case "yoy":
        notes.push(`No period in the question: last month (${last.start} to ${last.end}) against the same month a year earlier.`);
        return finish([yearBefore(last), last], "MONTHLY");
      case "pairwise":
        notes.push("No period in the question: last month against the month before.");
        return finish(previousUnits(2, "month", today), "MONTHLY");
      case "mom":
      case "series":
        notes.push("No period in the question: the last 6 complete months.");
        return finish(previousUnits(6, "month", today), "MONTHLY");
    }
  }

  const only = periods[0] ?? { start: last.start, end: last.end, unit: "month" as const, label: "last month", reading: "" };
  const p: DateRange = clampToToday(only, today) ?? { start: only.start, end: only.end };
  switch (kind) {
    case "mom":
    case "qoq":
    case "wow":
    case "dod": {
      const unit = kind === "mom" ? "month" : kind === "qoq" ? "quarter" : kind === "wow" ? "week" : "day";
      let chunks = splitRange(p.start, p.end, unit);
      if (chunks.length < 2) chunks = [previousPeriodOf(p, unit), p];
      return finish(chunks, kind === "wow" || kind === "dod" ? "DAILY" : "MONTHLY");
    }
    case "yoy":
      return finish([yearBefore(p), p], unitRank(only.unit) >= unitRank("month") ? "MONTHLY" : "DAILY");
    case "pairwise": {
      const previous = previousPeriodOf(p, only.unit);
      return finish([previous, p], unitGranularity({ ...only, ...p }) === "HOURLY" ? "DAILY" : unitGranularity({ ...only, ...p }));
    }
    case "series": {
      const granularity = unitGranularity({ ...only, ...p }) === "HOURLY" ? "HOURLY" : unitGranularity({ ...only, ...p });
      const chunks = granularity === "MONTHLY" ? splitRange(p.start, p.end, "month") : granularity === "DAILY" ? splitRange(p.start, p.end, "day") : [p];
      return finish(chunks, granularity);
    }
  }
}

function unitRank(unit: PeriodUnit): number {
  return ["hour", "day", "week", "month", "quarter", "half", "year"].indexOf(unit);
}
