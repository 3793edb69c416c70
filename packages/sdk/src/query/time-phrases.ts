// Time phrases -> inclusive UTC date ranges. Conventions (docs/cost-ask.md): weeks start on Monday;
// "last/previous month|quarter|year" is the previous complete calendar period; "last N days|weeks|months"
// are the N complete units before the current one (today excluded); "this month" runs to today; a named
// month without a year is the most recent one that has started; a quarter or half without a year is the
// most recent complete one; fiscal years are named by the calendar year in which they end.

import { addDays, addMonths, countDays, dayOfWeek, endOfMonth, formatIsoDate, isIsoDate, maxDate, startOfMonth, startOfQuarter, startOfWeek, toIsoDate, type DateRange } from "../costs/cost-dates.js";
import type { TextScanner } from "./text-scanner.js";
import { MONTH_LABELS, MONTH_NUMBERS, NUMBER_WORDS, WEEKDAY_NUMBERS } from "./vocabulary.js";

/**
 * The calendar unit a period was expressed in (drives the default granularity).
 *
 * @example
 * const unit: PeriodUnit = "month";
 */
export type PeriodUnit = "hour" | "day" | "week" | "month" | "quarter" | "half" | "year";

/**
 * A resolved time phrase.
 *
 * @example
 * const period: Period = { start: "2026-02-01", end: "2026-02-28", unit: "month", label: "last month", reading: "February 2026" };
 */
export interface Period extends DateRange {
  unit: PeriodUnit;
  /** The words as asked, for explanations. */
  label: string;
  /** What the words were read as (e.g. "March 2026"). */
  reading: string;
  /** The period runs to today ("this month"); `fullEnd` is the end of the whole unit. */
  toDate?: boolean;
  fullEnd?: string;
  /** The words point forward ("next month", "rest of the year"). */
  future?: boolean;
  /** Built from day-precise dates: granularity follows the length. */
  dayPrecision?: boolean;
  /** The year was not given and was inferred. */
  yearInferred?: boolean;
  /** The two ends were given in reverse order and were swapped. */
  reversed?: boolean;
  /** An assumption worth telling the user about. */
  note?: string;
}

/**
 * What time phrases are resolved against.
 *
 * @example
 * const ctx: TimeContext = { today: "2026-03-15", now: new Date("2026-03-15T10:00:00Z"), fiscalYearStartMonth: 1 };
 */
export interface TimeContext {
  today: string;
  now: Date;
  fiscalYearStartMonth: number;
}

/**
 * A time phrase found in the question.
 *
 * @example
 * const hit: TimeHit = { period, index: 4 };
 */
export interface TimeHit {
  period: Period;
  index: number;
  /** Two periods joined by "vs"/"compared to" (only when a comparison was asked). */
  comparedWith?: Period;
}

/**
 * Result of {@link extractTimePhrases}.
 *
 * @example
 * const { hits, invalid }: TimeExtraction = extractTimePhrases(scanner, ctx, { pairwise: false });
 */
export interface TimeExtraction {
  hits: TimeHit[];
  /** Phrases that looked like dates but are not (e.g. "Feb 30"). */
  invalid: string[];
}

// ---------------------------------------------------------------------------------------------------
// Calendar helpers
// ---------------------------------------------------------------------------------------------------

const yearOf = (date: string): number => Number(date.slice(0, 4));
const monthOf = (date: string): number => Number(date.slice(5, 7));
const startOfYear = (date: string): string => `${date.slice(0, 4)}-01-01`;
const endOfYear = (date: string): string => `${date.slice(0, 4)}-12-31`;
const endOfQuarter = (date: string): string => addDays(addMonths(startOfQuarter(date), 3), -1);
const endOfWeek = (date: string): string => addDays(startOfWeek(date), 6);

function monthRange(year: number, month: number): DateRange {
  const start = formatIsoDate(year, month, 1);
  return { start, end: endOfMonth(start) };
}

function quarterRange(year: number, quarter: number): DateRange {
  const start = formatIsoDate(year, (quarter - 1) * 3 + 1, 1);
  return { start, end: addDays(addMonths(start, 3), -1) };
}

function halfRange(year: number, half: number): DateRange {
  const start = formatIsoDate(year, half === 1 ? 1 : 7, 1);
  return { start, end: addDays(addMonths(start, 6), -1) };
}

/**
 * The fiscal year named `fiscalYear` (named by the calendar year in which it ends).
 *
 * @example
 * fiscalYearRange(2026, 4); // { start: "2025-04-01", end: "2026-03-31" }
 */
export function fiscalYearRange(fiscalYear: number, startMonth: number): DateRange {
  const start = startMonth === 1 ? formatIsoDate(fiscalYear, 1, 1) : formatIsoDate(fiscalYear - 1, startMonth, 1);
  return { start, end: addDays(addMonths(start, 12), -1) };
}

/**
 * The fiscal year that contains a date.
 *
 * @example
 * fiscalYearOf("2025-05-01", 4); // 2026
 */
export function fiscalYearOf(date: string, startMonth: number): number {
  return startMonth === 1 || monthOf(date) < startMonth ? yearOf(date) : yearOf(date) + 1;
}

function unitStart(date: string, unit: "week" | "month" | "quarter" | "year"): string {
  switch (unit) {
    case "week":
      return startOfWeek(date);
    case "month":
      return startOfMonth(date);
    case "quarter":
      return startOfQuarter(date);
    case "year":
      return startOfYear(date);
  }
}

function unitEnd(date: string, unit: "week" | "month" | "quarter" | "year"): string {
  switch (unit) {
    case "week":
      return endOfWeek(date);
    case "month":
      return endOfMonth(date);
    case "quarter":
      return endOfQuarter(date);
    case "year":
      return endOfYear(date);
  }
}

function shiftUnit(date: string, unit: "week" | "month" | "quarter" | "year", count: number): string {
  switch (unit) {
    case "week":
      return addDays(date, 7 * count);
    case "month":
      return addMonths(date, count);
    case "quarter":
      return addMonths(date, 3 * count);
    case "year":
      return addMonths(date, 12 * count);
  }
}

function describeRange(range: DateRange): string {
  if (range.start === range.end) return range.start;
  const sy = yearOf(range.start);
  const sm = monthOf(range.start);
  if (range.start === startOfMonth(range.start) && range.end === endOfMonth(range.start)) {
    return `${MONTH_LABELS[sm - 1] ?? ""} ${sy}`;
  }
  return `${range.start} to ${range.end}`;
}

// ---------------------------------------------------------------------------------------------------
// Points: one date, month, quarter, half, year, fiscal year or relative period
// ---------------------------------------------------------------------------------------------------

type PointSpec =
  | { kind: "date"; month: number; day: number; year?: number; note?: string }
  | { kind: "month"; month: number; year?: number; which?: "last" | "this" | "next" }
  | { kind: "quarter"; quarter: number; year?: number; fiscalYear?: number }
  | { kind: "half"; half: number; year?: number }
  | { kind: "year"; year: number }
  | { kind: "fiscalYear"; fiscalYear: number }
  | { kind: "relative"; which: "this" | "last" | "next"; unit: "week" | "month" | "quarter" | "year" | "fiscalYear" }
  | { kind: "day"; offset: number }
  | { kind: "weekday"; weekday: number; strictlyBefore: boolean };

const MONTH_SRC = String.raw`(?:january|february|march|april|may|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.?(?![a-z])`;
const YEAR_SRC = String.raw`(?:19|20)\d{2}(?!\d)`;
const YEAR_PART_SRC = String.raw`(?:${YEAR_SRC}|(?:this|last|previous|prior|next|current)\s+year(?![a-z]))`;
const DAY_SRC = String.raw`(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w:])`;
const FY_SRC = String.raw`(?:fy|fiscal(?:\s+year)?)\s*'?(?:\d{4}|\d{2})(?!\d)`;
const ORDINAL_QUARTER_SRC = String.raw`(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter`;

/**
 * One time point (date, month, quarter, half, year, fiscal year, relative period or weekday) as a regex
 * source without capturing groups.
 *
 * @example
 * new RegExp(`^(?:${POINT_SRC})$`, "i").test("Q1 2025"); // true
 */
export const POINT_SRC = [
  String.raw`\d{4}-\d{2}-\d{2}(?!\d)`,
  String.raw`\d{4}/\d{1,2}/\d{1,2}(?!\d)`,
  String.raw`\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])`,
  String.raw`\d{1,2}\.\d{1,2}\.\d{4}(?!\d)`,
  String.raw`\d{4}-\d{2}(?![-\d])`,
  String.raw`${YEAR_SRC}\s*-?\s*q[1-4](?!\d)`,
  String.raw`${YEAR_SRC}\s*-?\s*h[12](?!\d)`,
  String.raw`${FY_SRC}\s*-?\s*q[1-4](?!\d)`,
  String.raw`(?:this|current|last|previous|prior|next)\s+fiscal\s+year`,
  FY_SRC,
  String.raw`(?:q[1-4](?![\d/])|${ORDINAL_QUARTER_SRC})(?:\s+(?:of\s+)?(?:${YEAR_PART_SRC}|${FY_SRC}))?`,
  String.raw`(?:h[12](?!\d)|(?:first|second|1st|2nd)\s+half)(?:\s+(?:of\s+)?${YEAR_PART_SRC})?`,
  String.raw`${MONTH_SRC}\s*${DAY_SRC}(?:,?\s*${YEAR_SRC})?`,
  String.raw`(?:the\s+)?${DAY_SRC}\s+(?:of\s+)?${MONTH_SRC}(?:,?\s+${YEAR_SRC})?`,
  String.raw`(?:the\s+month\s+of\s+)?${MONTH_SRC}(?:\s+of)?,?\s+${YEAR_PART_SRC}`,
  String.raw`(?:last|previous|this|next)\s+${MONTH_SRC}`,
  String.raw`(?:the\s+month\s+of\s+)?${MONTH_SRC}`,
  String.raw`(?:today|yesterday|now|(?:this|last|previous|prior|past|current|next)\s+(?:week|month|quarter|year)(?![a-z-]))`,
  String.raw`(?:(?:last|past|previous|this)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![a-z-])`,
  String.raw`(?:the\s+year\s+)?${YEAR_SRC}(?!-)`,
]
  .map((source) => `(?:${source})`)
  .join("|");

// Callers put `(?<![\\w-])` at the start of their own pattern, so that the second point of "Jan-Feb" can follow a hyphen.
const POINT = `(?:${POINT_SRC})`;

const MONTH_CAPTURE = String.raw`(january|february|march|april|may|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.?`;

function parseYearPart(text: string | undefined, today: string): { year?: number; fiscalYear?: number } | undefined {
  if (text === undefined) return {};
  const t = text.trim();
  const numeric = /^((?:19|20)\d{2})$/.exec(t);
  if (numeric?.[1]) return { year: Number(numeric[1]) };
  const relative = /^(this|current|last|previous|prior|next)\s+year$/.exec(t);
  if (relative?.[1]) {
    const offset = relative[1] === "next" ? 1 : relative[1] === "this" || relative[1] === "current" ? 0 : -1;
    return { year: yearOf(today) + offset };
  }
  const fiscal = /^(?:fy|fiscal(?:\s+year)?)\s*'?(\d{4}|\d{2})$/.exec(t);
  if (fiscal?.[1]) return { fiscalYear: expandYear(fiscal[1]) };
  return undefined;
}

function expandYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

const ORDINALS: Readonly<Record<string, number>> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4 };

/** Parse a point found by {@link POINT_SRC}. */
function parsePoint(raw: string, today: string): PointSpec | undefined {
  const t = raw
    .toLowerCase()
    .trim()
    .replace(/\s+/g, " ")
    .replace(/^the (?:month of |year )?/, "");
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) return { kind: "date", year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if ((m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(t))) return { kind: "date", year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(t))) {
    // Month/day/year as in the US, unless the first number cannot be a month (15/01/2026).
    const [a, b] = [Number(m[1]), Number(m[2])];
    const year = expandYear(m[3] ?? "");
    if (a > 12) return { kind: "date", year, month: b, day: a };
    const note = b <= 12 && a !== b ? `${t} was read as month/day/year; write ${formatIsoDate(year, a, b)} style dates to be unambiguous.` : undefined;
    return note === undefined ? { kind: "date", year, month: a, day: b } : { kind: "date", year, month: a, day: b, note };
  }
  if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t))) return { kind: "date", year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) };
  if ((m = /^(?:(last|past|previous|this) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.exec(t))) {
    return { kind: "weekday", weekday: WEEKDAY_NUMBERS[m[2] ?? ""] ?? 0, strictlyBefore: m[1] !== undefined && m[1] !== "this" };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(t))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: "month", year: Number(m[1]), month } : undefined;
  }
  if ((m = /^(\d{4}) ?-? ?q([1-4])$/.exec(t))) return { kind: "quarter", year: Number(m[1]), quarter: Number(m[2]) };
  if ((m = /^(\d{4}) ?-? ?h([12])$/.exec(t))) return { kind: "half", year: Number(m[1]), half: Number(m[2]) };
  if ((m = /^(?:fy|fiscal(?: year)?) ?'?(\d{4}|\d{2}) ?-? ?q([1-4])$/.exec(t))) {
    return { kind: "quarter", fiscalYear: expandYear(m[1] ?? ""), quarter: Number(m[2]) };
  }
  if ((m = /^(this|current|last|previous|prior|next) fiscal year$/.exec(t))) {
    return { kind: "relative", which: toWhich(m[1] ?? "this"), unit: "fiscalYear" };
  }
  if ((m = /^(?:fy|fiscal(?: year)?) ?'?(\d{4}|\d{2})$/.exec(t))) return { kind: "fiscalYear", fiscalYear: expandYear(m[1] ?? "") };
  if ((m = /^(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th) quarter)(?: (?:of )?(.+))?$/.exec(t))) {
    const quarter = m[1] ? Number(m[1]) : (ORDINALS[m[2] ?? ""] ?? 1);
    const year = parseYearPart(m[3], today);
    if (!year) return undefined;
    return { kind: "quarter", quarter, ...year };
  }
  if ((m = /^(?:h([12])|(first|second|1st|2nd) half)(?: (?:of )?(.+))?$/.exec(t))) {
    const half = m[1] ? Number(m[1]) : (ORDINALS[m[2] ?? ""] ?? 1);
    const year = parseYearPart(m[3], today);
    if (!year || year.fiscalYear !== undefined) return undefined;
    return { kind: "half", half, ...year };
  }
  if ((m = new RegExp(`^${MONTH_CAPTURE} ?(\\d{1,2})(?:st|nd|rd|th)?(?:,? ?(\\d{4}))?$`).exec(t))) {
    return withOptionalYear({ kind: "date", month: MONTH_NUMBERS[m[1] ?? ""] ?? 1, day: Number(m[2]) }, m[3]);
  }
  if ((m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH_CAPTURE}(?:,? (\\d{4}))?$`).exec(t))) {
    return withOptionalYear({ kind: "date", month: MONTH_NUMBERS[m[2] ?? ""] ?? 1, day: Number(m[1]) }, m[3]);
  }
  if ((m = new RegExp(`^(last|previous|this|next) ${MONTH_CAPTURE}$`).exec(t))) {
    const which = toWhich(m[1] ?? "this");
    return { kind: "month", month: MONTH_NUMBERS[m[2] ?? ""] ?? 1, which };
  }
  if ((m = new RegExp(`^${MONTH_CAPTURE}(?: of)?,? (.+)$`).exec(t))) {
    const year = parseYearPart(m[2], today);
    if (!year || year.fiscalYear !== undefined) return undefined;
    return { kind: "month", month: MONTH_NUMBERS[m[1] ?? ""] ?? 1, ...year };
  }
  if ((m = new RegExp(`^${MONTH_CAPTURE}$`).exec(t))) return { kind: "month", month: MONTH_NUMBERS[m[1] ?? ""] ?? 1 };
  if (t === "today" || t === "now") return { kind: "day", offset: 0 };
  if (t === "yesterday") return { kind: "day", offset: -1 };
  if ((m = /^(this|last|previous|prior|past|current|next) (week|month|quarter|year)$/.exec(t))) {
    return { kind: "relative", which: toWhich(m[1] ?? "this"), unit: (m[2] ?? "month") as "week" | "month" | "quarter" | "year" };
  }
  if ((m = /^((?:19|20)\d{2})$/.exec(t))) return { kind: "year", year: Number(m[1]) };
  return undefined;
}

function toWhich(word: string): "this" | "last" | "next" {
  if (word === "next") return "next";
  if (word === "this" || word === "current") return "this";
  return "last";
}

function withOptionalYear(spec: PointSpec & { kind: "date" }, year: string | undefined): PointSpec {
  return year === undefined ? spec : { ...spec, year: Number(year) };
}

function isYearless(spec: PointSpec): boolean {
  return (spec.kind === "date" || spec.kind === "month" || spec.kind === "quarter" || spec.kind === "half") &&
    spec.year === undefined && !("fiscalYear" in spec && spec.fiscalYear !== undefined) && !("which" in spec && spec.which !== undefined);
}

/** Resolve a point with an explicit year (for yearless points inside ranges). */
function resolveInYear(spec: PointSpec, year: number, ctx: TimeContext, label: string): Period | undefined {
  switch (spec.kind) {
    case "date": {
      const date = formatIsoDate(year, spec.month, spec.day);
      if (!isIsoDate(date)) return undefined;
      return { start: date, end: date, unit: "day", label, reading: date, dayPrecision: true, yearInferred: true };
    }
    case "month": {
      const range = monthRange(year, spec.month);
      return { ...range, unit: "month", label, reading: describeRange(range), yearInferred: true };
    }
    case "quarter": {
      const range = quarterRange(year, spec.quarter);
      return { ...range, unit: "quarter", label, reading: `Q${spec.quarter} ${year}`, yearInferred: true };
    }
    case "half": {
      const range = halfRange(year, spec.half);
      return { ...range, unit: "half", label, reading: `H${spec.half} ${year}`, yearInferred: true };
    }
    default:
      return resolvePoint(spec, ctx, label);
  }
}

/** Resolve a point on its own (yearless points follow the most-recent rules). */
function resolvePoint(spec: PointSpec, ctx: TimeContext, label: string): Period | undefined {
  const { today } = ctx;
  const thisYear = yearOf(today);
  switch (spec.kind) {
    case "date": {
      if (spec.year !== undefined) {
        const date = formatIsoDate(spec.year, spec.month, spec.day);
        if (!isIsoDate(date)) return undefined;
        const period: Period = { start: date, end: date, unit: "day", label, reading: date, dayPrecision: true };
        return spec.note === undefined ? period : { ...period, note: spec.note };
      }
      // The most recent such date on or before today (29 February looks back to the last leap year).
      for (let year = thisYear; year >= thisYear - 8; year--) {
        const date = formatIsoDate(year, spec.month, spec.day);
        if (isIsoDate(date) && date <= today) return resolveInYear(spec, year, ctx, label);
      }
      return undefined;
    }
    case "month": {
      if (spec.year !== undefined) {
        const range = monthRange(spec.year, spec.month);
        return { ...range, unit: "month", label, reading: describeRange(range) };
      }
      const startedThisYear = formatIsoDate(thisYear, spec.month, 1) <= today;
      let year = startedThisYear ? thisYear : thisYear - 1;
      if (spec.which === "this") year = thisYear;
      if (spec.which === "last" && monthRange(year, spec.month).end >= today) year -= 1;
      if (spec.which === "next") year = formatIsoDate(thisYear, spec.month, 1) > today ? thisYear : thisYear + 1;
      const period = resolveInYear(spec, year, ctx, label);
      return period && spec.which ? { ...period, yearInferred: false } : period;
    }
    case "quarter": {
      if (spec.fiscalYear !== undefined) {
        const fy = fiscalYearRange(spec.fiscalYear, ctx.fiscalYearStartMonth);
        const start = addMonths(fy.start, 3 * (spec.quarter - 1));
        return { start, end: addDays(addMonths(start, 3), -1), unit: "quarter", label, reading: `Q${spec.quarter} of FY${spec.fiscalYear}` };
      }
      if (spec.year !== undefined) {
        return { ...quarterRange(spec.year, spec.quarter), unit: "quarter", label, reading: `Q${spec.quarter} ${spec.year}` };
      }
      const year = quarterRange(thisYear, spec.quarter).end < today ? thisYear : thisYear - 1;
      return resolveInYear(spec, year, ctx, label);
    }
    case "half": {
      if (spec.year !== undefined) return { ...halfRange(spec.year, spec.half), unit: "half", label, reading: `H${spec.half} ${spec.year}` };
      const year = halfRange(thisYear, spec.half).end < today ? thisYear : thisYear - 1;
      return resolveInYear(spec, year, ctx, label);
    }
    case "year":
      return { start: formatIsoDate(spec.year, 1, 1), end: formatIsoDate(spec.year, 12, 31), unit: "year", label, reading: String(spec.year) };
    case "fiscalYear": {
      const range = fiscalYearRange(spec.fiscalYear, ctx.fiscalYearStartMonth);
      return { ...range, unit: "year", label, reading: `FY${spec.fiscalYear} (${range.start} to ${range.end})` };
    }
    case "day": {
      const date = addDays(today, spec.offset);
      return { start: date, end: date, unit: "day", label, reading: date };
    }
    case "relative":
      return relativePeriod(spec.which, spec.unit, ctx, label);
    case "weekday": {
      // The most recent such day (today counts unless "last").
      let back = (dayOfWeek(today) - spec.weekday + 7) % 7;
      if (back === 0 && spec.strictlyBefore) back = 7;
      const date = addDays(today, -back);
      return { start: date, end: date, unit: "day", label, reading: date };
    }
  }
}

function relativePeriod(
  which: "this" | "last" | "next",
  unit: "week" | "month" | "quarter" | "year" | "fiscalYear",
  ctx: TimeContext,
  label: string,
): Period {
  const { today } = ctx;
  if (unit === "fiscalYear") {
    const current = fiscalYearOf(today, ctx.fiscalYearStartMonth);
    const fiscalYear = which === "last" ? current - 1 : which === "next" ? current + 1 : current;
    const range = fiscalYearRange(fiscalYear, ctx.fiscalYearStartMonth);
    const reading = `FY${fiscalYear}`;
    if (which === "this") return { start: range.start, end: today, fullEnd: range.end, toDate: true, unit: "year", label, reading: `${reading} to date` };
    return { ...range, unit: "year", label, reading, ...(which === "next" ? { future: true } : {}) };
  }
  const periodUnit: PeriodUnit = unit;
  const start = unitStart(today, unit);
  if (which === "this") {
    return { start, end: today, fullEnd: unitEnd(today, unit), toDate: true, unit: periodUnit, label, reading: `${unit} to date` };
  }
  const shifted = shiftUnit(start, unit, which === "last" ? -1 : 1);
  const range = { start: shifted, end: unitEnd(shifted, unit) };
  return { ...range, unit: periodUnit, label, reading: describeRange(range), ...(which === "next" ? { future: true } : {}) };
}

/** Resolve two points of a range so that yearless ends fall in the right year. */
function resolvePair(a: PointSpec, b: PointSpec, ctx: TimeContext, labelA: string, labelB: string): [Period, Period] | undefined {
  const aYearless = isYearless(a);
  const bYearless = isYearless(b);
  if (aYearless && bYearless) {
    const pb = resolvePoint(b, ctx, labelB);
    if (!pb) return undefined;
    const year = yearOf(pb.start);
    let pa = resolveInYear(a, year, ctx, labelA);
    if (pa && pa.start > pb.start) pa = resolveInYear(a, year - 1, ctx, labelA);
    return pa ? [pa, pb] : undefined;
  }
  if (bYearless) {
    const pa = resolvePoint(a, ctx, labelA);
    if (!pa) return undefined;
    const year = yearOf(pa.start);
    let pb = resolveInYear(b, year, ctx, labelB);
    if (pb && pb.end < pa.start) pb = resolveInYear(b, year + 1, ctx, labelB);
    return pb ? [pa, pb] : undefined;
  }
  if (aYearless) {
    const pb = resolvePoint(b, ctx, labelB);
    if (!pb) return undefined;
    const year = yearOf(pb.end);
    let pa = resolveInYear(a, year, ctx, labelA);
    if (pa && pa.start > pb.end) pa = resolveInYear(a, year - 1, ctx, labelA);
    return pa ? [pa, pb] : undefined;
  }
  const pa = resolvePoint(a, ctx, labelA);
  const pb = resolvePoint(b, ctx, labelB);
  return pa && pb ? [pa, pb] : undefined;
}

function rangeOf(a: Period, b: Period, label: string): Period {
  const [first, last] = a.start <= b.start ? [a, b] : [b, a];
  const start = first.start;
  const end = maxDate(last.end, first.end);
  const dayPrecision = Boolean(a.dayPrecision ?? b.dayPrecision);
  const unit = largerUnit(a.unit, b.unit);
  return {
    start,
    end,
    unit,
    label,
    reading: `${start} to ${end}`,
    ...(dayPrecision ? { dayPrecision } : {}),
    ...(a.future && b.future ? { future: true } : {}),
  };
}

const UNIT_ORDER: readonly PeriodUnit[] = ["hour", "day", "week", "month", "quarter", "half", "year"];

/**
 * The coarser of two units.
 *
 * @example
 * largerUnit("day", "month"); // "month"
 */
export function largerUnit(a: PeriodUnit, b: PeriodUnit): PeriodUnit {
  return UNIT_ORDER.indexOf(a) >= UNIT_ORDER.indexOf(b) ? a : b;
}

// ---------------------------------------------------------------------------------------------------
// Phrases
// ---------------------------------------------------------------------------------------------------

const NUM_SRC = String.raw`(\d{1,3}|a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|eighteen|twenty|thirty|sixty|ninety)`;

function parseNumber(text: string): number | undefined {
  const t = text.toLowerCase().replace(/\s+/g, " ").trim();
  if (/^\d+$/.test(t)) return Number(t);
  return NUMBER_WORDS[t];
}

type CountUnit = "hour" | "day" | "week" | "month" | "quarter" | "year";

function toCountUnit(word: string): CountUnit {
  const t = word.toLowerCase().replace(/s$/, "");
  return (["hour", "day", "week", "month", "quarter", "year"] as const).find((u) => u === t) ?? "day";
}

function lastN(count: number, unit: CountUnit, ctx: TimeContext, label: string): Period {
  const { today } = ctx;
  switch (unit) {
    case "hour": {
      const start = toIsoDate(new Date(ctx.now.getTime() - count * 3_600_000));
      return { start, end: today, unit: "hour", label, reading: `the last ${count} hours (${start} to ${today})` };
    }
    case "day": {
      const range = { start: addDays(today, -count), end: addDays(today, -1) };
      return { ...range, unit: "day", label, reading: `the ${count} complete days before today (${range.start} to ${range.end})` };
    }
    default: {
      const current = unitStart(today, unit);
      const range = { start: shiftUnit(current, unit, -count), end: addDays(current, -1) };
      return { ...range, unit, label, reading: `the ${count} complete ${unit}s before this one (${range.start} to ${range.end})` };
    }
  }
}

/** The same day N units later; when that day does not exist (31st, 29 February) the first day after it. */
function sameDayLater(date: string, unit: "week" | "month" | "quarter" | "year", count: number): string {
  const shifted = shiftUnit(date, unit, count);
  return unit !== "week" && shifted.slice(8) !== date.slice(8) ? addDays(endOfMonth(shifted), 1) : shifted;
}

function nextN(count: number, unit: CountUnit, ctx: TimeContext, label: string): Period {
  const { today } = ctx;
  const end =
    unit === "hour" ? toIsoDate(new Date(ctx.now.getTime() + count * 3_600_000))
    : unit === "day" ? addDays(today, count - 1)
    : addDays(sameDayLater(today, unit, count), -1);
  return { start: today, end: maxDate(end, today), unit, label, reading: `${today} to ${maxDate(end, today)}`, future: true };
}

function ago(count: number, unit: CountUnit, ctx: TimeContext, label: string): Period {
  const { today } = ctx;
  if (unit === "hour" || unit === "day") {
    const date = unit === "day" ? addDays(today, -count) : toIsoDate(new Date(ctx.now.getTime() - count * 3_600_000));
    return { start: date, end: date, unit: "day", label, reading: date };
  }
  const start = shiftUnit(unitStart(today, unit), unit, -count);
  const range = { start, end: unitEnd(start, unit) };
  return { ...range, unit, label, reading: describeRange(range) };
}

const PREPOSITIONS_BEFORE_MAY = new Set(["in", "for", "during", "since", "from", "of", "to", "until", "through", "between", "and", "early", "late", "mid", "vs", "versus", "than", "till", "thru", "or"]);

/** "may" is a month only when it is capitalised or follows a preposition (not "how much may I..."). */
function acceptsMay(scanner: TextScanner, index: number, matched: string): boolean {
  if (!/^may\.?$/i.test(matched.trim())) return true;
  const before = scanner.text.slice(0, index).trim().split(/\s+/).pop()?.toLowerCase() ?? "";
  if (PREPOSITIONS_BEFORE_MAY.has(before)) return true;
  return matched.trim().startsWith("M") && index > 0;
}

/**
 * Find every time phrase, consuming it. With `pairwise`, "A vs B" / "A compared to B" / "A to B" after
 * "compare" yield two periods instead of a range.
 *
 * @example
 * const { hits } = extractTimePhrases(createTextScanner("EC2 last month"), ctx, { pairwise: false });
 */
export function extractTimePhrases(scanner: TextScanner, ctx: TimeContext, options: { pairwise: boolean }): TimeExtraction {
  const hits: TimeHit[] = [];
  const invalid: string[] = [];
  const { today } = ctx;
  const add = (period: Period | undefined, index: number, raw: string): boolean => {
    if (!period) {
      invalid.push(raw.trim());
      return false;
    }
    hits.push({ period, index });
    return true;
  };
  const label = (text: string): string => text.trim().replace(/\s+/g, " ");

  // To-date and rest-of phrases first: "month to date" must not become "month" + "to" + "date".
  if (scanner.has(/to[-\s]+date|mtd|qtd|ytd|wtd|fytd/i)) scanner.scan(/(?<![\w-])(?:(month|quarter|year|week|fiscal\s+year)[-\s]+to[-\s]+date|(mtd|qtd|ytd|wtd|fytd)|fiscal\s+ytd)(?![\w-])/gi, (m) => {
    const word = (m.groups[0] ?? m.groups[1] ?? "fytd").toLowerCase().replace(/\s+/g, " ");
    const unit =
      word.startsWith("fiscal") || word === "fytd" || /fiscal/i.test(m.text) ? "fiscalYear"
      : word === "mtd" || word === "month" ? "month"
      : word === "qtd" || word === "quarter" ? "quarter"
      : word === "wtd" || word === "week" ? "week"
      : "year";
    return add(relativePeriod("this", unit, ctx, label(m.text)), m.index, m.text);
  });
  if (scanner.has(/rest|remainder|end|eom|eoy|eoq/i)) scanner.scan(/(?<![\w-])(?:(?:for\s+|over\s+)?(?:the\s+)?(?:rest|remainder)\s+of\s+(?:the\s+|this\s+)?(week|month|quarter|year)|(?:by\s+|until\s+|till\s+|through\s+|at\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(week|month|quarter|year)|(month|quarter|year)[-\s]end|(eom|eoy|eoq))(?![\w-])/gi, (m) => {
    const word = (m.groups[0] ?? m.groups[1] ?? m.groups[2] ?? m.groups[3] ?? "month").toLowerCase();
    const unit = word === "eom" ? "month" : word === "eoq" ? "quarter" : word === "eoy" ? "year" : (word as "week" | "month" | "quarter" | "year");
    const end = unitEnd(today, unit);
    return add({ start: today, end, unit, label: label(m.text), reading: `${today} to ${end}`, future: true }, m.index, m.text);
  });
  if (scanner.has(/before/i)) scanner.scan(/(?<![\w-])(?:the\s+)?day\s+before\s+yesterday(?![\w-])/gi, (m) => add(resolvePoint({ kind: "day", offset: -2 }, ctx, label(m.text)), m.index, m.text));
  if (scanner.has(/since/i)) scanner.scan(/(?<![\w-])since\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(week|month|quarter|year|fiscal\s+year)(?![\w-])/gi, (m) => {
    const word = (m.groups[0] ?? "month").toLowerCase();
    const unit = word.startsWith("fiscal") ? "fiscalYear" : (word as "week" | "month" | "quarter" | "year");
    return add(relativePeriod("this", unit, ctx, label(m.text)), m.index, m.text);
  });

  // Comparisons: two periods.
  if (options.pairwise) {
    // "last month vs the month before", "Q3 compared to the previous period"
    const before = new RegExp(`(?<![\\w-])(${POINT})\\s*(?:,\\s*)?(?:vs\\.?|versus|compared\\s+(?:to|with)|against|to|with|and|or)\\s+(?:the\\s+)?(?:(?:week|month|quarter|year|period|day|one)\\s+(?:before|prior)|(?:previous|prior|preceding)\\s+(?:one|period))(?![\\w-])`, "gi");
    if (scanner.has(/\b(?:vs|versus|compared|against|to|with|and|or)\b/i)) scanner.scan(before, (m) => {
      const spec = parsePoint(m.groups[0] ?? "", today);
      const period = spec && resolvePoint(spec, ctx, label(m.groups[0] ?? ""));
      if (!period) return false;
      const previous = previousPeriodOf(period, period.unit);
      hits.push({ period, index: m.index, comparedWith: { ...previous, unit: period.unit, label: "the period before", reading: `${previous.start} to ${previous.end}` } });
      return true;
    });
    const pair = new RegExp(`(?<![\\w-])(${POINT})\\s*(?:,\\s*)?(?:vs\\.?|versus|compared\\s+(?:to|with)|against|to|with|and|or)\\s+(?:the\\s+)?(${POINT})(?![\\w-])`, "gi");
    if (scanner.has(/\b(?:vs|versus|compared|against|to|with|and|or)\b/i)) scanner.scan(pair, (m) => {
      const [a, b] = [m.groups[0] ?? "", m.groups[1] ?? ""];
      if (!acceptsMay(scanner, m.index, a)) return false;
      const specA = parsePoint(a, today);
      const specB = parsePoint(b, today);
      if (!specA || !specB) return false;
      const resolved = resolveIndependently(specA, specB, ctx, label(a), label(b));
      if (!resolved) return add(undefined, m.index, m.text);
      const [first, second] = resolved;
      // "last month vs the previous month": the second one is relative to the first.
      const previous = first.start === second.start && first.end === second.end ? previousPeriodOf(first, first.unit) : undefined;
      const other = previous ? { ...second, ...previous, reading: `${previous.start} to ${previous.end}` } : second;
      hits.push({ period: first, index: m.index, comparedWith: other });
      return true;
    });
  }

  // "Jan 5-20", "5-20 January 2026"
  const dayRange1 = new RegExp(`(?<![\\w-])${MONTH_CAPTURE}\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|to|through|thru|until|till)\\s*(\\d{1,2})(?:st|nd|rd|th)?(?![\\w:])(?:,?\\s*((?:19|20)\\d{2}))?(?!\\d)`, "gi");
  if (scanner.has(/\d(?:st|nd|rd|th)?\s*(?:-|to|through|thru|until|till)\s*\d/i)) scanner.scan(dayRange1, (m) => dayRange(m.groups[0], m.groups[1], m.groups[2], m.groups[3], m));
  const dayRange2 = new RegExp(`(?<![\\w-])(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|to|through|thru|until|till)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_CAPTURE}(?:,?\\s*((?:19|20)\\d{2}))?(?!\\d)`, "gi");
  if (scanner.has(/\d(?:st|nd|rd|th)?\s*(?:-|to|through|thru|until|till)\s*\d/i)) scanner.scan(dayRange2, (m) => dayRange(m.groups[2], m.groups[0], m.groups[1], m.groups[3], m));
  function dayRange(month: string | undefined, from: string | undefined, to: string | undefined, year: string | undefined, m: { text: string; index: number }): boolean {
    const monthNumber = MONTH_NUMBERS[(month ?? "").toLowerCase()];
    if (monthNumber === undefined) return false;
    const a: PointSpec = year ? { kind: "date", month: monthNumber, day: Number(from), year: Number(year) } : { kind: "date", month: monthNumber, day: Number(from) };
    const b: PointSpec = year ? { kind: "date", month: monthNumber, day: Number(to), year: Number(year) } : { kind: "date", month: monthNumber, day: Number(to) };
    const pair = resolvePair(a, b, ctx, label(m.text), label(m.text));
    if (!pair) return add(undefined, m.index, m.text);
    return add({ ...rangeOf(pair[0], pair[1], label(m.text)), dayPrecision: true }, m.index, m.text);
  }

  // Ranges: "between A and B", "from A to B", "A - B", "A through B".
  const between = new RegExp(`(?<![\\w-])between\\s+(?:the\\s+)?(${POINT})\\s+and\\s+(?:the\\s+)?(${POINT})(?![\\w-])`, "gi");
  const fromTo = new RegExp(`(?<![\\w-])(?:(?:from|starting(?:\\s+(?:from|on))?)\\s+)?(?:the\\s+)?(${POINT})\\s*(?:-|\\.\\.|to|until|till|til|through|thru|up\\s+to|upto)\\s*(?:the\\s+)?(${POINT})(?![\\w-])`, "gi");
  const rangeGates: ReadonlyArray<readonly [RegExp, RegExp]> = [
    [between, /\bbetween\b/i],
    [fromTo, /-|\.\.|\b(?:to|until|till|til|through|thru|upto)\b/i],
  ];
  for (const [pattern, gate] of rangeGates) {
    if (scanner.has(gate)) scanner.scan(pattern, (m) => {
      const [a, b] = [m.groups[0] ?? "", m.groups[1] ?? ""];
      const specA = parsePoint(a, today);
      const specB = parsePoint(b, today);
      if (!specA || !specB) return false;
      const pair = resolvePair(specA, specB, ctx, label(a), label(b));
      if (!pair) return add(undefined, m.index, m.text);
      const [pa, pb] = pair;
      const range = pa.start <= pb.end ? rangeOf(pa, pb, label(m.text)) : { ...rangeOf(pb, pa, label(m.text)), reversed: true };
      return add(range, m.index, m.text);
    });
  }

  // "the first week of March": days 1-7, 8-14, 15-21, 22-28; "the last week of March": its last 7 days.
  if (scanner.has(/\bweek\s+(?:of|in)\b/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:the\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|last|final)\\s+week\\s+(?:of|in)\\s+(?:the\\s+)?(${POINT})(?![\\w-])`, "gi"), (m) => {
    const spec = parsePoint(m.groups[1] ?? "", today);
    const month = spec && resolvePoint(spec, ctx, label(m.text));
    if (!month || month.unit !== "month") return false;
    const ordinal = ORDINALS[(m.groups[0] ?? "").toLowerCase()];
    const end = endOfMonth(month.start);
    const start = ordinal === undefined ? addDays(end, -6) : addDays(month.start, 7 * (ordinal - 1));
    const range = { start, end: ordinal === undefined ? end : addDays(start, 6) };
    return add({ ...range, unit: "week", label: label(m.text), reading: `${range.start} to ${range.end}`, dayPrecision: true }, m.index, m.text);
  });

  // "the week of March 3"
  if (scanner.has(/\bweek\s+(?:of|starting|beginning|commencing)\b/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:the\\s+)?week\\s+(?:of|starting|beginning|commencing)\\s+(?:on\\s+)?(?:the\\s+)?(${POINT})(?![\\w-])`, "gi"), (m) => {
    const spec = parsePoint(m.groups[0] ?? "", today);
    const point = spec && resolvePoint(spec, ctx, label(m.text));
    if (!point) return add(undefined, m.index, m.text);
    const start = startOfWeek(point.start);
    return add({ start, end: addDays(start, 6), unit: "week", label: label(m.text), reading: `the week ${start} to ${addDays(start, 6)}` }, m.index, m.text);
  });

  // "since March 1", "starting from Q1", "after Jan 5"
  if (scanner.has(/\b(?:since|starting|beginning|from|after)\b/i)) scanner.scan(new RegExp(`(?<![\\w-])(since|starting(?:\\s+(?:from|on|in))?|beginning(?:\\s+(?:on|in))?|from|after)\\s+(?:the\\s+)?(?:(?:start|beginning)\\s+of\\s+(?:the\\s+)?)?(${POINT})(?![\\w-])`, "gi"), (m) => {
    const raw = m.groups[1] ?? "";
    if (!acceptsMay(scanner, m.index + m.text.length - raw.length, raw)) return false;
    const spec = parsePoint(raw, today);
    const point = spec && resolvePoint(spec, ctx, label(raw));
    if (!point) return add(undefined, m.index, m.text);
    // "the bill from last month" is last month's bill; only "from <a day>" means "since".
    if (/^from$/i.test(m.groups[0] ?? "") && point.unit !== "day") return false;
    const start = /^after$/i.test(m.groups[0] ?? "") ? addDays(point.end, 1) : point.start;
    return add({ start, end: maxDate(today, start), unit: "day", label: label(m.text), reading: `${start} to today`, dayPrecision: true, toDate: true }, m.index, m.text);
  });

  // "last 30 days", "past 3 months", "the previous 2 quarters", "last 24 hours"
  if (scanner.has(/\b(?:last|past|previous|prior|trailing|recent|preceding)\b/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:the\\s+)?(?:last|past|previous|prior|trailing|recent|preceding)\\s+${NUM_SRC}\\s+(hours?|days?|weeks?|months?|quarters?|years?)(?![\\w-])`, "gi"), (m) => {
    const count = parseNumber(m.groups[0] ?? "");
    if (count === undefined || count < 1) return false;
    return add(lastN(count, toCountUnit(m.groups[1] ?? "day"), ctx, label(m.text)), m.index, m.text);
  });
  if (scanner.has(/\b(?:next|coming|upcoming|following)\b/i)) scanner.scan(new RegExp(`(?<![\\w-])(?:the\\s+|over\\s+the\\s+|for\\s+the\\s+|in\\s+the\\s+)?(?:next|coming|upcoming|following)\\s+${NUM_SRC}\\s+(hours?|days?|weeks?|months?|quarters?|years?)(?![\\w-])`, "gi"), (m) => {
    const count = parseNumber(m.groups[0] ?? "");
    if (count === undefined || count < 1) return false;
    return add(nextN(count, toCountUnit(m.groups[1] ?? "day"), ctx, label(m.text)), m.index, m.text);
  });
  if (scanner.has(/\bago\b/i)) scanner.scan(new RegExp(`(?<![\\w-])${NUM_SRC}\\s+(hours?|days?|weeks?|months?|quarters?|years?)\\s+ago(?![\\w-])`, "gi"), (m) => {
    const count = parseNumber(m.groups[0] ?? "");
    if (count === undefined) return false;
    return add(ago(count, toCountUnit(m.groups[1] ?? "day"), ctx, label(m.text)), m.index, m.text);
  });
  if (scanner.has(/\b(?:coming|upcoming|following)\b/i)) scanner.scan(/(?<![\w-])(?:the\s+)?(coming|upcoming|following)\s+(week|month|quarter|year)(?![\w-])/gi, (m) =>
    add(relativePeriod("next", (m.groups[1] ?? "month").toLowerCase() as "week" | "month" | "quarter" | "year", ctx, label(m.text)), m.index, m.text),
  );

  // Weekends.
  if (scanner.has(/weekend/i)) scanner.scan(/(?<![\w-])(?:(last|past|previous|this|the)\s+)weekend(?![\w-])/gi, (m) => {
    // "last weekend" is the most recent one that is over; "this/the weekend" is the current one on a
    // Saturday or Sunday, else the most recent one.
    const thisSaturday = addDays(startOfWeek(today), 5);
    const last = /^(last|past|previous)$/i.test(m.groups[0] ?? "");
    const saturday = !last && dayOfWeek(today) >= 5 ? thisSaturday : addDays(thisSaturday, -7);
    const end = addDays(saturday, 1) > today ? today : addDays(saturday, 1);
    return add({ start: saturday, end, unit: "day", label: label(m.text), reading: `${saturday} to ${end}` }, m.index, m.text);
  });

  // Any remaining single point.
  if (scanner.has(/\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|yesterday|now|week|month|quarter|year|fy|fiscal|q[1-4]|h[12]|half|day/i)) scanner.scan(new RegExp(`(?<![\\w-])${POINT}(?![\\w-])`, "gi"), (m) => {
    if (!acceptsMay(scanner, m.index, m.text)) return false;
    const spec = parsePoint(m.text, today);
    if (!spec) return false;
    return add(resolvePoint(spec, ctx, label(m.text)), m.index, m.text);
  });

  hits.sort((a, b) => a.index - b.index);
  return { hits, invalid };
}

/** Two compared points: each resolved on its own, except that a yearless one follows the other's year. */
function resolveIndependently(a: PointSpec, b: PointSpec, ctx: TimeContext, labelA: string, labelB: string): [Period, Period] | undefined {
  const pa = isYearless(a) && !isYearless(b) ? undefined : resolvePoint(a, ctx, labelA);
  const pb = isYearless(b) && !isYearless(a) ? undefined : resolvePoint(b, ctx, labelB);
  if (pa && pb) return [pa, pb];
  if (pb) {
    const inYear = resolveInYear(a, yearOf(pb.start), ctx, labelA);
    return inYear ? [inYear, pb] : undefined;
  }
  if (pa) {
    const inYear = resolveInYear(b, yearOf(pa.start), ctx, labelB);
    return inYear ? [pa, inYear] : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Helpers used by the parser for defaults and comparisons
// ---------------------------------------------------------------------------------------------------

/**
 * The N complete calendar units before the current one.
 *
 * @example
 * previousUnits(2, "month", "2026-03-15"); // January and February 2026
 */
export function previousUnits(count: number, unit: "day" | "week" | "month" | "quarter", today: string): DateRange[] {
  const ranges: DateRange[] = [];
  for (let i = count; i >= 1; i--) {
    if (unit === "day") {
      const date = addDays(today, -i);
      ranges.push({ start: date, end: date });
    } else {
      const start = shiftUnit(unitStart(today, unit), unit, -i);
      ranges.push({ start, end: unitEnd(start, unit) });
    }
  }
  return ranges;
}

/**
 * The period just before `range`, of the same calendar size (months stay months; to-date spans stay aligned).
 *
 * @example
 * previousPeriodOf({ start: "2026-02-01", end: "2026-02-28" }, "month"); // { start: "2026-01-01", end: "2026-01-31" }
 */
export function previousPeriodOf(range: DateRange, unit: PeriodUnit): DateRange {
  const isWholeMonths = range.start === startOfMonth(range.start) && range.end === endOfMonth(range.end);
  if (isWholeMonths) {
    const months = (yearOf(range.end) - yearOf(range.start)) * 12 + monthOf(range.end) - monthOf(range.start) + 1;
    return { start: addMonths(range.start, -months), end: addDays(range.start, -1) };
  }
  if (unit === "month" || unit === "quarter" || unit === "half" || unit === "year") {
    const months = unit === "month" ? 1 : unit === "quarter" ? 3 : unit === "half" ? 6 : 12;
    if (range.start === startOfMonth(range.start)) {
      // A to-date span: the same days of the previous unit, clipped to it.
      const start = addMonths(range.start, -months);
      return { start, end: minEnd(addMonths(range.end, -months), addDays(range.start, -1)) };
    }
  }
  if (unit === "week" && range.start === startOfWeek(range.start)) {
    return { start: addDays(range.start, -7), end: addDays(range.end, -7) };
  }
  const days = countDays(range.start, range.end);
  return { start: addDays(range.start, -days), end: addDays(range.start, -1) };
}

function minEnd(a: string, b: string): string {
  return a <= b ? a : b;
}

/**
 * The same period one year earlier (month ends stay month ends; 29 February becomes 28 February).
 *
 * @example
 * yearBefore({ start: "2028-02-01", end: "2028-02-29" }); // { start: "2027-02-01", end: "2027-02-28" }
 */
export function yearBefore(range: DateRange): DateRange {
  const start = addMonths(range.start, -12);
  const shiftedEnd = addMonths(range.end, -12);
  const end = range.end === endOfMonth(range.end) ? endOfMonth(shiftedEnd) : shiftedEnd;
  return { start, end };
}
