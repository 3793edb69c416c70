// TimePeriod rules shared by the cost operations, as AWS enforces them.
import { AwsServiceError } from "../protocol.js";
import type { Granularity } from "./aggregate.js";
import { addMonths, dayOf, formatDay, monthStart, parseDay, parseHour } from "./dates.js";
import type { LedgerIndex } from "./ledger-index.js";
import { invalid, requireRecord, requireString } from "./request.js";

/**
 * Days of history HOURLY granularity covers, as AWS.
 *
 * @example
 * HOURLY_HISTORY_DAYS; // 14
 */
export const HOURLY_HISTORY_DAYS = 14;

/**
 * A checked, clipped query window: day numbers (DAILY, MONTHLY) or hour numbers (HOURLY).
 *
 * @example
 * const window: QueryWindow = { start: 20_500, end: 20_531 };
 */
export interface QueryWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Options for {@link readTimePeriod}.
 *
 * @example
 * const options: ReadTimePeriodOptions = { body, granularity: "DAILY", now, index };
 */
export interface ReadTimePeriodOptions {
  readonly body: Record<string, unknown>;
  readonly granularity: Granularity;
  readonly now: Date;
  readonly index: LedgerIndex;
}

/**
 * Reads `TimePeriod` (Start inclusive, End exclusive) and applies AWS's limits: Start before End;
 * Start not after today; End not past the first day of next month (and clipped to tomorrow);
 * HOURLY only for the last 14 days; nothing before the ledger's first day (DataUnavailableException).
 *
 * @example
 * const { start, end } = readTimePeriod({ body, granularity: "DAILY", now, index });
 */
export function readTimePeriod({ body, granularity, now, index }: ReadTimePeriodOptions): QueryWindow {
  const period = requireRecord(body, "TimePeriod");
  const startText = requireString(period, "Start");
  const endText = requireString(period, "End");
  const today = dayOf(now);
  const scale = granularity === "HOURLY" ? 24 : 1;
  const parse = granularity === "HOURLY" ? parseHour : parseDay;
  const start = parse(startText);
  const end = parse(endText);
  const format = granularity === "HOURLY" ? "yyyy-MM-dd or yyyy-MM-ddThh:mm:ssZ" : "yyyy-MM-dd";
  if (start === undefined) throw invalid(`Start date ${startText} is invalid: the expected format is ${format}`);
  if (end === undefined) throw invalid(`End date ${endText} is invalid: the expected format is ${format}`);
  if (start >= end) throw invalid("Start date (and hour) should be before end date (and hour)");
  if (start > today * scale + (scale - 1)) throw invalid("Start date must be equal to or no later than the current date");
  if (end > addMonths(today, 1) * scale) throw invalid("end date past the beginning of next month");
  if (granularity === "HOURLY" && start < (today - HOURLY_HISTORY_DAYS) * 24) {
    throw invalid(
      "Start date is more than 14 days ago for hourly granularity. Please adjust start date as we support only 14 days of data at hourly granularity.",
    );
  }
  if (start < index.firstDay * scale) {
    throw new AwsServiceError(
      "DataUnavailableException",
      `Data is not available for the requested time period: this account has cost data from ${formatDay(index.firstDay)}.`,
      400,
    );
  }
  return { start, end: Math.min(end, (today + 1) * scale) };
}

/**
 * The first day whose costs are still estimated: the last few days, and the whole current month.
 *
 * @example
 * formatDay(estimatedFrom(new Date("2026-03-15T00:00:00Z"), 3)); // "2026-03-01"
 */
export function estimatedFrom(now: Date, estimatedDays: number): number {
  const today = dayOf(now);
  return Math.min(monthStart(today), today - estimatedDays);
}

/**
 * Reads and checks `Granularity`.
 *
 * @example
 * readGranularity({ Granularity: "DAILY" }, ["DAILY", "MONTHLY"]); // "DAILY"
 */
export function readGranularity(body: Record<string, unknown>, allowed: readonly Granularity[]): Granularity {
  const value = requireString(body, "Granularity");
  const granularity = allowed.find((candidate) => candidate === value);
  if (!granularity) {
    throw invalid(
      `1 validation error detected: Value '${value}' at 'granularity' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
    );
  }
  return granularity;
}
