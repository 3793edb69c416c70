import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  costQuerySchema,
  endOfMonth,
  fromApiTimePeriod,
  fromEpochDay,
  minDate,
  toApiTimePeriod,
  toEpochDay,
  toIsoDate,
  validateCostQuery,
} from "../costs/cost-query.js";
import { parseQuestion } from "./parse-question.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

// Any instant from 2000 to 2099 (leap years, month ends and year boundaries included).
const instant = fc
  .tuple(fc.integer({ min: toEpochDay("2000-01-01"), max: toEpochDay("2099-12-31") }), fc.integer({ min: 0, max: 86_399_999 }))
  .map(([day, ms]) => new Date(day * 86_400_000 + ms));
// Instants on the edges people get wrong: month ends, 1 January, 29 February.
const edgeInstant = fc
  .tuple(fc.integer({ min: 2000, max: 2099 }), fc.constantFrom("01-01", "01-31", "02-28", "02-29", "03-01", "03-31", "06-30", "09-30", "12-31"))
  .filter(([year, day]) => day !== "02-29" || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)))
  .map(([year, day]) => new Date(`${year}-${day}T12:00:00Z`));
const anyInstant = fc.oneof(instant, edgeInstant);

const count = fc.integer({ min: 1, max: 24 });
const pastPhrase = fc.oneof(
  fc.constantFrom(
    "today", "yesterday", "the day before yesterday", "this week", "this month", "this quarter", "this year",
    "last week", "last month", "last quarter", "last year", "previous month", "past year", "MTD", "QTD", "YTD",
    "week to date", "month to date", "year to date", "last weekend", "this weekend", "since the start of the year",
    "this fiscal year", "last fiscal year", "fiscal year to date", "Q1", "Q2", "Q3", "Q4", "H1", "H2",
  ),
  fc.tuple(count, fc.constantFrom("days", "weeks", "months", "quarters", "years")).map(([n, unit]) => `last ${n} ${unit}`),
  fc.tuple(count, fc.constantFrom("days", "weeks", "months", "quarters", "years")).map(([n, unit]) => `${n} ${unit} ago`),
  fc.constantFrom(...MONTHS),
  fc.constantFrom(...MONTHS).map((m) => `since ${m}`),
  fc.constantFrom(...MONTHS).map((m) => `last ${m}`),
  fc.constantFrom(...WEEKDAYS),
  fc.constantFrom(...WEEKDAYS).map((d) => `last ${d}`),
);
const futurePhrase = fc.oneof(
  fc.constantFrom("next week", "next month", "next quarter", "next year", "rest of the month", "rest of the quarter", "rest of the year", "forecast", "forecast this month", "by the end of the month"),
  fc.tuple(count, fc.constantFrom("days", "weeks", "months")).map(([n, unit]) => `forecast next ${n} ${unit}`),
);
const fiscalStart = fc.integer({ min: 1, max: 12 });

describe("parseQuestion properties", () => {
  it("answers any past phrase at any date with a non-empty range that ends no later than today", () => {
    fc.assert(
      fc.property(anyInstant, pastPhrase, fiscalStart, (now, phrase, fy) => {
        const today = toIsoDate(now);
        const { query, unrecognised } = parseQuestion(`How much did we spend ${phrase}?`, { now, fiscalYearStartMonth: fy });
        expect(unrecognised).toEqual([]);
        expect(query.intent).toBe("cost");
        expect(query.start <= query.end).toBe(true);
        expect(query.end <= today).toBe(true);
        expect(costQuerySchema.parse(query)).toEqual(query);
        expect(fromApiTimePeriod(toApiTimePeriod(query))).toEqual({ start: query.start, end: query.end });
      }),
      { numRuns: 200 },
    );
  });

  it("answers any future phrase with a forecast that starts today or later", () => {
    fc.assert(
      fc.property(anyInstant, futurePhrase, (now, phrase) => {
        const today = toIsoDate(now);
        const { query, unrecognised } = parseQuestion(phrase, { now });
        expect(unrecognised).toEqual([]);
        expect(query.intent).toBe("forecast");
        expect(query.start >= today).toBe(true);
        expect(query.start <= query.end).toBe(true);
        expect(fromApiTimePeriod(toApiTimePeriod(query))).toEqual({ start: query.start, end: query.end });
      }),
      { numRuns: 150 },
    );
  });

  it("produces queries Cost Explorer accepts for periods inside its limits", () => {
    const inLimits = fc.oneof(
      fc.constantFrom("today", "yesterday", "this week", "last week", "this month", "last month", "this quarter", "last quarter", "MTD", "YTD"),
      fc.integer({ min: 1, max: 300 }).map((n) => `last ${n} days`),
      fc.integer({ min: 1, max: 12 }).map((n) => `last ${n} months`),
      fc.integer({ min: 1, max: 90 }).map((n) => `forecast next ${n} days`),
      fc.integer({ min: 1, max: 12 }).map((n) => `forecast next ${n} months`),
      fc.constantFrom("forecast", "forecast next month", "rest of the quarter", "last 24 hours", "hourly yesterday"),
    );
    fc.assert(
      fc.property(anyInstant, inLimits, (now, phrase) => {
        const { query } = parseQuestion(phrase, { now });
        expect(() => validateCostQuery(query, { now })).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it("reads explicit ISO ranges exactly", () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.constantFrom("from A to B", "between A and B", "A through B", "A - B"), (now, back, length, form) => {
        const today = toIsoDate(now);
        const start = addDays(today, -back - length);
        const end = addDays(start, length);
        const text = form.replace("A", start).replace("B", end);
        const { query, unrecognised } = parseQuestion(`EC2 ${text}`, { now });
        expect(unrecognised).toEqual([]);
        expect({ start: query.start, end: query.end }).toEqual({ start, end });
      }),
      { numRuns: 150 },
    );
  });

  it("reads a named month with its year as the whole month (up to today)", () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 40 }), (now, monthsBack) => {
        const today = toIsoDate(now);
        const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - monthsBack;
        const year = Math.floor(index / 12);
        const month = (index % 12) + 1;
        const first = `${year}-${String(month).padStart(2, "0")}-01`;
        const { query } = parseQuestion(`${MONTHS[month - 1] ?? ""} ${year}`, { now });
        expect(query.start).toBe(first);
        expect(query.end).toBe(minDate(endOfMonth(first), today));
      }),
      { numRuns: 150 },
    );
  });

  it("reads 'last N days' as exactly N days ending yesterday", () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 999 }), (now, n) => {
        const today = toIsoDate(now);
        const { query } = parseQuestion(`last ${n} days`, { now });
        expect(query.end).toBe(addDays(today, -1));
        expect(toEpochDay(query.end) - toEpochDay(query.start) + 1).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic: the same question at the same instant gives the same answer", () => {
    fc.assert(
      fc.property(anyInstant, pastPhrase, (now, phrase) => {
        expect(parseQuestion(phrase, { now })).toEqual(parseQuestion(phrase, { now: new Date(now.getTime()) }));
      }),
      { numRuns: 100 },
    );
  });

  it("never throws on arbitrary text and always returns a valid query", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), anyInstant, (text, now) => {
        const result = parseQuestion(text, { now });
        expect(costQuerySchema.parse(result.query)).toEqual(result.query);
        expect(result.query.start <= result.query.end).toBe(true);
        expect(result.confidence).toBeGreaterThanOrEqual(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  });

  it("keeps leap days: 'Feb 29' is always a 29 February on or before today", () => {
    fc.assert(
      fc.property(anyInstant, (now) => {
        const { query } = parseQuestion("Feb 29", { now });
        expect(query.start.slice(5)).toBe("02-29");
        expect(query.start <= toIsoDate(now)).toBe(true);
        expect(fromEpochDay(toEpochDay(query.start))).toBe(query.start);
      }),
      { numRuns: 100 },
    );
  });
});
