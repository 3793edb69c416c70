// Calendar arithmetic on "YYYY-MM-DD" strings through whole day numbers
// (days since 1970-01-01, proleptic Gregorian, UTC). Never touches local time.

/** A calendar period used for period-over-period comparisons. */
export type PeriodUnit = "month" | "quarter" | "year";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * True for Gregorian leap years.
 *
 * @example
 * ```ts
 * isLeapYear(2028); // true
 * isLeapYear(2100); // false
 * ```
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in a month (`month` is 1-12).
 *
 * @example
 * ```ts
 * daysInMonth(2028, 2); // 29
 * daysInMonth(2027, 2); // 28
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function checkedParts(text: string, year: number, month: number, day: number): void {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`"${text}" is not a real calendar date; expected YYYY-MM-DD.`);
  }
}

/**
 * Splits a "YYYY-MM-DD" date into numbers, rejecting impossible dates such as
 * 2027-02-29.
 *
 * @example
 * ```ts
 * parseIsoDate("2028-02-29"); // { year: 2028, month: 2, day: 29 }
 * ```
 */
export function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date; expected YYYY-MM-DD.`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  checkedParts(date, year, month, day);
  return { year, month, day };
}

/**
 * Formats year, month (1-12) and day as "YYYY-MM-DD", clamping the day to the
 * length of the month (so February 30 becomes February 28 or 29).
 *
 * @example
 * ```ts
 * formatIsoDate(2027, 2, 31); // "2027-02-28"
 * ```
 */
export function formatIsoDate(year: number, month: number, day: number): string {
  const clamped = Math.min(day, daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(clamped, 2)}`;
}

/**
 * Whole days since 1970-01-01 for a "YYYY-MM-DD" date.
 *
 * @example
 * ```ts
 * toEpochDay("1970-01-02"); // 1
 * ```
 */
export function toEpochDay(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  return daysFromCivil(year, month, day);
}

/**
 * The "YYYY-MM-DD" date of a day number (days since 1970-01-01).
 *
 * @example
 * ```ts
 * fromEpochDay(19782); // "2024-02-29"
 * ```
 */
export function fromEpochDay(epochDay: number): string {
  const { year, month, day } = civilFromDays(epochDay);
  return formatIsoDate(year, month, day);
}

/**
 * The UTC calendar date of a date, an ISO date-time, or a `Date`. A date-time
 * with an offset is converted to UTC; one without a zone is read as UTC.
 *
 * @example
 * ```ts
 * utcDateOf("2028-03-01T01:30:00+02:00"); // "2028-02-29"
 * utcDateOf(new Date(Date.UTC(2028, 1, 29, 23))); // "2028-02-29"
 * ```
 */
export function utcDateOf(input: string | Date): string {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RangeError("Invalid Date; pass a valid date or YYYY-MM-DD.");
    return formatIsoDate(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
  }
  const match = ISO_DATE_TIME.exec(input);
  if (!match) throw new RangeError(`"${input}" is not an ISO date or date-time; expected YYYY-MM-DD[THH:MM[:SS][Z]].`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  checkedParts(input, year, month, day);
  const date = daysFromCivil(year, month, day);
  const zone = match[7];
  if (match[4] === undefined || zone === undefined || zone.toUpperCase() === "Z") return fromEpochDay(date);
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  const minutes = Number(match[4]) * 60 + Number(match[5]) - offsetMinutes;
  return fromEpochDay(date + Math.floor(minutes / 1440));
}

/**
 * Adds (or with a negative count, subtracts) whole days.
 *
 * @example
 * ```ts
 * addDays("2028-02-28", 1); // "2028-02-29"
 * ```
 */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Adds calendar months, clamping the day to the target month's length, as
 * spreadsheets and BI tools do: March 31 minus one month is February 28 (or
 * 29), and 2028-02-29 minus twelve months is 2027-02-28.
 *
 * @example
 * ```ts
 * addMonths("2027-03-31", -1); // "2027-02-28"
 * addMonths("2028-02-29", -12); // "2027-02-28"
 * ```
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  return formatIsoDate(targetYear, index - targetYear * 12 + 1, day);
}

/**
 * Days from `start` to `end` (negative when `end` is earlier).
 *
 * @example
 * ```ts
 * daysBetween("2028-02-01", "2028-03-01"); // 29
 * ```
 */
export function daysBetween(start: string, end: string): number {
  return toEpochDay(end) - toEpochDay(start);
}

/**
 * Every date from `start` to `end`, both inclusive; empty when `end` is
 * before `start`.
 *
 * @example
 * ```ts
 * eachDay("2028-02-28", "2028-03-01"); // ["2028-02-28", "2028-02-29", "2028-03-01"]
 * ```
 */
export function eachDay(start: string, end: string): string[] {
  const first = toEpochDay(start);
  const last = toEpochDay(end);
  const days: string[] = [];
  for (let day = first; day <= last; day++) days.push(fromEpochDay(day));
  return days;
}

/**
 * ISO weekday: 1 for Monday through 7 for Sunday.
 *
 * @example
 * ```ts
 * isoWeekday("2028-02-29"); // 2 (a Tuesday)
 * ```
 */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** Number of months in a period unit. */
function monthsIn(unit: PeriodUnit): number {
  switch (unit) {
    case "month":
      return 1;
    case "quarter":
      return 3;
    case "year":
      return 12;
  }
}

/**
 * The first day of the month, quarter or year that contains `date`.
 *
 * @example
 * ```ts
 * startOfPeriod("2028-05-31", "quarter"); // "2028-04-01"
 * ```
 */
export function startOfPeriod(date: string, unit: PeriodUnit): string {
  const { year, month } = parseIsoDate(date);
  const size = monthsIn(unit);
  const firstMonth = Math.floor((month - 1) / size) * size + 1;
  return formatIsoDate(year, firstMonth, 1);
}

/**
 * The last day of the month, quarter or year that contains `date`.
 *
 * @example
 * ```ts
 * endOfPeriod("2028-02-10", "month"); // "2028-02-29"
 * ```
 */
export function endOfPeriod(date: string, unit: PeriodUnit): string {
  return addDays(addMonths(startOfPeriod(date, unit), monthsIn(unit)), -1);
}

/**
 * Shifts a date by whole periods (months, quarters or years) the way BI tools
 * align period-to-date windows: the day is clamped to the target month's
 * length, and the last day of a month maps to the last day of the target
 * month. So 2028-05-31 minus a quarter is 2028-02-29, 2027-04-30 minus a month
 * is 2027-03-31 (not the 30th, which would leave March 31 out of every
 * comparison), and 2029-02-28 minus a year is 2028-02-29.
 *
 * @example
 * ```ts
 * shiftPeriods("2028-05-31", "quarter", -1); // "2028-02-29"
 * shiftPeriods("2027-04-30", "month", -1); // "2027-03-31"
 * shiftPeriods("2028-02-29", "year", -1); // "2027-02-28"
 * ```
 */
export function shiftPeriods(date: string, unit: PeriodUnit, count: number): string {
  const { year, month, day } = parseIsoDate(date);
  const shifted = addMonths(date, monthsIn(unit) * count);
  if (day !== daysInMonth(year, month)) return shifted;
  const target = parseIsoDate(shifted);
  return formatIsoDate(target.year, target.month, daysInMonth(target.year, target.month));
}

/**
 * A short label for the period containing `date`: "2028-02", "2028-Q1" or
 * "2028".
 *
 * @example
 * ```ts
 * periodLabel("2028-05-31", "quarter"); // "2028-Q2"
 * ```
 */
export function periodLabel(date: string, unit: PeriodUnit): string {
  const { year, month } = parseIsoDate(date);
  switch (unit) {
    case "month":
      return `${pad(year, 4)}-${pad(month, 2)}`;
    case "quarter":
      return `${pad(year, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
    case "year":
      return pad(year, 4);
  }
}
