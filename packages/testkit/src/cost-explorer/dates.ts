// Calendar arithmetic on UTC day numbers (days since 1970-01-01), the only time unit the ledger uses.

const MS_PER_DAY = 86_400_000;

/**
 * Day number of a UTC date.
 *
 * @example
 * dayOf(new Date("1970-01-02T12:00:00Z")); // 1
 */
export function dayOf(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/**
 * Day number of a calendar date.
 *
 * @example
 * dayFromParts(1970, 1, 2); // 1
 */
export function dayFromParts(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/**
 * `{ year, month (1-12), day }` of a day number.
 *
 * @example
 * partsOf(1); // { year: 1970, month: 1, day: 2 }
 */
export function partsOf(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * `YYYY-MM-DD` of a day number.
 *
 * @example
 * formatDay(1); // "1970-01-02"
 */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * `YYYY-MM-DDThh:mm:ssZ` of an hour number (hours since the epoch).
 *
 * @example
 * formatHour(25); // "1970-01-02T01:00:00Z"
 */
export function formatHour(hour: number): string {
  return `${new Date(hour * 3_600_000).toISOString().slice(0, 19)}Z`;
}

/**
 * Parses a strict `YYYY-MM-DD` into a day number, or undefined when it is not a real date.
 *
 * @example
 * parseDay("2026-02-30"); // undefined
 */
export function parseDay(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = dayFromParts(year, month, day);
  const back = partsOf(parsed);
  return back.year === year && back.month === month && back.day === day ? parsed : undefined;
}

/**
 * Parses `YYYY-MM-DD` (midnight) or `YYYY-MM-DDThh:mm:ssZ` on a whole hour into an hour number,
 * or undefined.
 *
 * @example
 * parseHour("1970-01-02T01:00:00Z"); // 25
 */
export function parseHour(text: string): number | undefined {
  const day = parseDay(text);
  if (day !== undefined) return day * 24;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):00:00Z$/.exec(text);
  if (!match) return undefined;
  const date = parseDay(match[1] ?? "");
  const hour = Number(match[2]);
  return date === undefined || hour > 23 ? undefined : date * 24 + hour;
}

/**
 * Day of the week, 0 = Sunday ... 6 = Saturday.
 *
 * @example
 * weekday(0); // 4 (1970-01-01 was a Thursday)
 */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * First day of the month containing `day`.
 *
 * @example
 * formatDay(monthStart(parseDay("2026-03-15") ?? 0)); // "2026-03-01"
 */
export function monthStart(day: number): number {
  const { year, month } = partsOf(day);
  return dayFromParts(year, month, 1);
}

/**
 * First day of the month `count` months after the month containing `day` (negative: before).
 *
 * @example
 * formatDay(addMonths(parseDay("2026-01-31") ?? 0, 1)); // "2026-02-01"
 */
export function addMonths(day: number, count: number): number {
  const { year, month } = partsOf(day);
  return dayFromParts(year, month + count, 1);
}

/**
 * The same day of the month `count` months later, clamped to the month's last day.
 *
 * @example
 * formatDay(addMonthsClamped(parseDay("2026-01-31") ?? 0, 1)); // "2026-02-28"
 */
export function addMonthsClamped(day: number, count: number): number {
  const { day: dom } = partsOf(day);
  const first = addMonths(day, count);
  return first + Math.min(dom, daysInMonth(first)) - 1;
}

/**
 * Days in the month containing `day`.
 *
 * @example
 * daysInMonth(parseDay("2024-02-10") ?? 0); // 29
 */
export function daysInMonth(day: number): number {
  return addMonths(day, 1) - monthStart(day);
}

/**
 * Months since January 2020 of the month containing `day` (a stable index for seeded choices).
 *
 * @example
 * monthIndex(parseDay("2021-02-01") ?? 0); // 13
 */
export function monthIndex(day: number): number {
  const { year, month } = partsOf(day);
  return (year - 2020) * 12 + (month - 1);
}
