import { AtlasError } from "../errors.js";
import type { Granularity } from "./cost-vocabulary.js";

// ---------------------------------------------------------------------------------------------------
// Pure UTC calendar arithmetic on "YYYY-MM-DD" strings (no Date objects, no time zones)
// ---------------------------------------------------------------------------------------------------

/**
 * An inclusive range of calendar days, both ends "YYYY-MM-DD".
 *
 * @example
 * const february: DateRange = { start: "2028-02-01", end: "2028-02-29" };
 */
export interface DateRange {
  start: string;
  end: string;
}

/** The shape of a "YYYY-MM-DD" date (whether it is a real day is {@link isIsoDate}'s question). */
export const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/**
 * Whether a year is a Gregorian leap year.
 *
 * @example
 * isLeapYear(2028); // true
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in a month (1-12) of a year.
 *
 * @example
 * daysInMonth(2028, 2); // 29
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Format a year, month (1-12) and day as "YYYY-MM-DD" (no validation).
 *
 * @example
 * formatIsoDate(2026, 3, 1); // "2026-03-01"
 */
export function formatIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Whether a string is a real calendar date written "YYYY-MM-DD" (rejects 2026-02-30).
 *
 * @example
 * isIsoDate("2028-02-29"); // true
 * isIsoDate("2026-02-29"); // false
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE_PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Split "YYYY-MM-DD" into numbers. Throws INVALID_ARGUMENT for anything that is not a real date.
 *
 * @example
 * parseIsoDate("2026-03-01"); // { year: 2026, month: 3, day: 1 }
 */
export function parseIsoDate(value: string): { year: number; month: number; day: number } {
  if (!isIsoDate(value)) {
    throw new AtlasError("INVALID_ARGUMENT", `"${value}" is not a date`, { hint: "Use YYYY-MM-DD." });
  }
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) };
}

/**
 * Days since 1970-01-01 (negative before), for arithmetic on dates.
 *
 * @example
 * toEpochDay("1970-01-02"); // 1
 */
export function toEpochDay(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  return daysFromCivil(year, month, day);
}

/**
 * The "YYYY-MM-DD" of a day number from {@link toEpochDay}.
 *
 * @example
 * fromEpochDay(0); // "1970-01-01"
 */
export function fromEpochDay(epochDay: number): string {
  const [year, month, day] = civilFromDays(epochDay);
  return formatIsoDate(year, month, day);
}

/**
 * The UTC calendar day of an instant.
 *
 * @example
 * toIsoDate(new Date("2026-03-01T23:30:00-05:00")); // "2026-03-02"
 */
export function toIsoDate(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new AtlasError("INVALID_ARGUMENT", "now is not a valid date", { hint: "Pass a valid Date." });
  return fromEpochDay(Math.floor(time / 86_400_000));
}

/**
 * Add (or subtract) whole days.
 *
 * @example
 * addDays("2028-02-28", 1); // "2028-02-29"
 */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Add (or subtract) calendar months, clamping the day to the target month's length.
 *
 * @example
 * addMonths("2026-01-31", 1); // "2026-02-28"
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * Number of days from `start` to `end` inclusive (1 when they are the same day; 0 or less when reversed).
 *
 * @example
 * countDays("2028-02-01", "2028-02-29"); // 29
 */
export function countDays(start: string, end: string): number {
  return toEpochDay(end) - toEpochDay(start) + 1;
}

/**
 * Day of the week with Monday = 0 ... Sunday = 6 (ISO order).
 *
 * @example
 * dayOfWeek("2026-03-02"); // 0 (a Monday)
 */
export function dayOfWeek(date: string): number {
  return (((toEpochDay(date) + 3) % 7) + 7) % 7;
}

/**
 * The Monday on or before a date (weeks start on Monday).
 *
 * @example
 * startOfWeek("2026-03-08"); // "2026-03-02"
 */
export function startOfWeek(date: string): string {
  return addDays(date, -dayOfWeek(date));
}

/**
 * The first day of the date's month.
 *
 * @example
 * startOfMonth("2026-03-15"); // "2026-03-01"
 */
export function startOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/**
 * The last day of the date's month.
 *
 * @example
 * endOfMonth("2028-02-10"); // "2028-02-29"
 */
export function endOfMonth(date: string): string {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate(year, month, daysInMonth(year, month));
}

/**
 * The first day of the date's calendar quarter.
 *
 * @example
 * startOfQuarter("2026-05-20"); // "2026-04-01"
 */
export function startOfQuarter(date: string): string {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
}

/**
 * The smaller of two dates.
 *
 * @example
 * minDate("2026-01-02", "2025-12-31"); // "2025-12-31"
 */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/**
 * The larger of two dates.
 *
 * @example
 * maxDate("2026-01-02", "2025-12-31"); // "2026-01-02"
 */
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * A unit to split a range by: calendar units (weeks start on Monday) or fixed chunks of N days.
 *
 * @example
 * const unit: SplitUnit = { days: 90 };
 */
export type SplitUnit = "day" | "week" | "month" | "quarter" | "year" | { days: number };

function nextBoundary(date: string, unit: SplitUnit): string {
  if (typeof unit === "object") return addDays(date, unit.days);
  switch (unit) {
    case "day":
      return addDays(date, 1);
    case "week":
      return addDays(startOfWeek(date), 7);
    case "month":
      return addMonths(startOfMonth(date), 1);
    case "quarter":
      return addMonths(startOfQuarter(date), 3);
    case "year":
      return `${String(Number(date.slice(0, 4)) + 1).padStart(4, "0")}-01-01`;
  }
}

/**
 * Split an inclusive range into consecutive inclusive chunks aligned to calendar units (clipped to the
 * range), or into fixed chunks of N days from the start. Every day of the range is in exactly one chunk.
 *
 * @example
 * splitRange("2026-01-15", "2026-03-10", "month");
 * // [{ start: "2026-01-15", end: "2026-01-31" }, { start: "2026-02-01", end: "2026-02-28" },
 * //  { start: "2026-03-01", end: "2026-03-10" }]
 */
export function splitRange(start: string, end: string, unit: SplitUnit): DateRange[] {
  if (typeof unit === "object" && (!Number.isInteger(unit.days) || unit.days < 1)) {
    throw new AtlasError("INVALID_ARGUMENT", `chunk size ${unit.days} is not a positive whole number of days`);
  }
  const chunks: DateRange[] = [];
  let cursor = start;
  while (cursor <= end) {
    const next = nextBoundary(cursor, unit);
    const chunkEnd = minDate(addDays(next, -1), end);
    chunks.push({ start: cursor, end: chunkEnd });
    cursor = addDays(chunkEnd, 1);
  }
  return chunks;
}

/**
 * Whether a range consists of whole calendar months (starts on a 1st, ends on a month's last day).
 *
 * @example
 * isWholeMonths("2026-01-01", "2026-02-28"); // true
 */
export function isWholeMonths(start: string, end: string): boolean {
  return start.endsWith("-01") && end === endOfMonth(end) && start <= end;
}

/**
 * The granularity aws-atlas picks when none is asked for: MONTHLY for whole calendar months or ranges
 * longer than 62 days, DAILY otherwise.
 *
 * @example
 * suggestGranularity("2026-02-01", "2026-02-28"); // "MONTHLY"
 * suggestGranularity("2026-02-03", "2026-02-20"); // "DAILY"
 */
export function suggestGranularity(start: string, end: string): Granularity {
  return isWholeMonths(start, end) || countDays(start, end) > 62 ? "MONTHLY" : "DAILY";
}
